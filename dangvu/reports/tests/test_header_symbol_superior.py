"""The header's number line and superior line on invented organizations: the code after the slash
is never empty (a body without a recorded code writes its executive's: CB, ĐU, HU, ĐUK), and
the superior's name is written whole, a bloc's (đảng bộ khối) without its province, never a name
cut after its level word ("… Trung tâm Y tế huyện")."""

import datetime as dt

import pytest

from dangvu.accounts import onboarding
from dangvu.orgs import actions as org_actions
from dangvu.orgs.kinds import header_words
from dangvu.orgs.models import Organization
from dangvu.reports.render import number_slot

K = Organization.Kind
DAY = dt.date(2025, 6, 30)
FOUNDED = dt.date(2020, 1, 1)
PLACE = "Kênh Xáng"  # an invented district
LEVEL_WORDS = ("XÃ", "PHƯỜNG", "HUYỆN", "QUẬN", "TỈNH", "THỊ XÃ", "THÀNH PHỐ", "THỊ TRẤN")


def org(kind, name, parent=None, symbol="", place=PLACE):
    return org_actions.create_org(
        None, kind=kind, name=name, valid_from=FOUNDED, parent=parent, symbol=symbol, place=place
    )


@pytest.mark.parametrize(
    ("kind", "name", "code"),
    [
        (K.SUPERIOR_COMMITTEE, f"Đảng bộ huyện {PLACE}", "HU"),
        (K.SUPERIOR_COMMITTEE, f"Đảng ủy Khối các cơ quan tỉnh {PLACE}", "ĐUK"),
        (K.SUPERIOR_COMMITTEE, f"Đảng bộ Quân sự tỉnh {PLACE}", "ĐU"),
        (K.PARTY_COMMITTEE, "Đảng bộ xã Rạch Gốc", "ĐU"),
        (K.PARTY_CELL, "Chi bộ Trạm Y tế xã Rạch Gốc", "CB"),
        # A name that names no executive: its kind's code, not an empty slot.
        (K.SUPERIOR_COMMITTEE, "Ban Chỉ đạo vùng", "ĐU"),
        (K.PARTY_CELL, "Tổ đảng Ấp Ba", "CB"),
    ],
)
def test_a_body_without_a_recorded_code_numbers_with_its_executives(db, kind, name, code):
    unit = org(kind, name)
    assert number_slot(unit, DAY) == f"Số      -BC/{code}"
    # Onboarding records the same code on a new organization: one rule for both.
    created = onboarding.create_org(None, kind=kind, name=f"{name} mới", valid_from=FOUNDED)
    assert created.symbol == code


def test_a_recorded_code_wins_and_a_superior_named_by_onboarding_gets_its_own(db):
    assert number_slot(org(K.PARTY_COMMITTEE, "Đảng bộ Sở Y tế", symbol="ĐUSYT"), DAY).endswith(
        "/ĐUSYT"
    )
    cell = onboarding.create_org(
        None, kind=K.PARTY_COMMITTEE, name="Đảng bộ xã Rạch Gốc", superior_name="Huyện ủy Năm Căn"
    )
    assert cell.parent.symbol == "HU" and cell.symbol == "ĐU"


def test_an_organization_outside_the_party_gets_a_slot_not_an_empty_code(db):
    line = number_slot(org(K.AGENCY, "Sở Y tế"), DAY)
    assert not line.endswith("/") and "ký hiệu" in line


def superior_of(parent_name, parent_kind=K.PARTY_COMMITTEE):
    parent = org(parent_kind, parent_name)
    return header_words(org(K.PARTY_CELL, "Chi bộ Khoa Nội", parent), DAY).superior


@pytest.mark.parametrize(
    ("parent", "kind", "line"),
    [
        # A unit's place is part of its name: kept whole.
        (f"Đảng bộ Trung tâm Y tế huyện {PLACE}", K.PARTY_COMMITTEE, None),
        (f"Đảng bộ Bệnh viện Đa khoa tỉnh {PLACE}", K.PARTY_COMMITTEE, None),
        (f"Đảng bộ Công an huyện {PLACE}", K.PARTY_COMMITTEE, None),
        (f"Đảng bộ Trường Trung học phổ thông thị xã {PLACE}", K.PARTY_COMMITTEE, None),
        (f"Đảng bộ xã {PLACE}", K.PARTY_COMMITTEE, None),
        (f"Đảng bộ huyện {PLACE}", K.SUPERIOR_COMMITTEE, None),
        # A bloc is named by the level it gathers; its province is in the place-date line.
        (
            f"Đảng bộ Khối các cơ quan tỉnh {PLACE}",
            K.SUPERIOR_COMMITTEE,
            "ĐẢNG BỘ KHỐI CÁC CƠ QUAN TỈNH",
        ),
        (
            f"Đảng ủy Khối Doanh nghiệp tỉnh {PLACE}",
            K.SUPERIOR_COMMITTEE,
            "ĐẢNG ỦY KHỐI DOANH NGHIỆP TỈNH",
        ),
        # A name not ending with the recorded place is written as it is.
        ("Đảng bộ Sở Y tế", K.PARTY_COMMITTEE, None),
    ],
)
def test_the_superior_is_named_whole_or_as_a_bloc(db, parent, kind, line):
    assert superior_of(parent, kind) == (line or parent.upper())


@pytest.mark.parametrize("level", ["xã", "phường", "huyện", "quận", "tỉnh", "thị xã", "thành phố"])
@pytest.mark.parametrize(
    "unit", ["Trung tâm Y tế", "Bệnh viện Đa khoa", "Công an", "Trường Mầm non"]
)
def test_no_superior_line_ends_on_a_level_word_of_a_place_it_dropped(db, unit, level):
    line = superior_of(f"Đảng bộ {unit} {level} {PLACE}")
    assert not line.endswith(tuple(f" {w}" for w in LEVEL_WORDS)), line
