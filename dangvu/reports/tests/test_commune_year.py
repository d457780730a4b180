"""A commune's year read as its Party office reads it: an invented commune committee (hamlet cells,
a retired members' cell) under an invented district, filled through the commands and actions
with a year of admissions, departures, meetings and fees; its reports name its superior as the
office does, and never print a figure no record supports."""

import datetime as dt

import pytest

from dangvu.accounts.tests.helpers import run
from dangvu.meetings import actions as meetings
from dangvu.orgs import actions as org_actions
from dangvu.orgs import kinds
from dangvu.orgs.models import Organization, Term
from dangvu.people import actions as people
from dangvu.people.models import Membership

pytestmark = pytest.mark.django_db

YEAR = dt.date.today().year - 1  # a whole year of records
DISTRICT = "Đảng bộ huyện Kênh Xáng"  # an invented district
CELLS = ["Chi bộ ấp Rạch Gốc", "Chi bộ ấp Cái Mít", "Chi bộ Hưu trí"]


def _member(cell, n, since, admitted):
    person = people.create_person(
        None,
        home_org=cell,
        full_name=f"Trần Văn Thử {cell.id} {chr(65 + n)}",
        gender="male",
        birth_date=dt.date(admitted.year - 25, 3, 1),
    )
    people.transfer_in(
        None,
        person,
        cell,
        since,
        admitted_on=admitted,
        official_on=dt.date(admitted.year + 1, admitted.month, admitted.day),
    )
    return person


def _commune(cells=CELLS):
    """The commune committee and its cells, through the commands; four members a cell."""
    founded = dt.date(YEAR - 10, 3, 1)
    slug = run(
        "create_org",
        "--name",
        "Đảng bộ xã Tân Hưng Tây",
        "--kind",
        "party_committee",
        "--from",
        founded.isoformat(),
        "--place",
        "Tân Hưng Tây",
        "--superior-name",
        DISTRICT,
        "--founding-document",
        f"Quyết định số 31-QĐ/HU ngày 01/3/{founded.year} của Ban Thường vụ Huyện ủy",
        "--type",
        "xa",
        "--term",
        f"{YEAR - 5}-{YEAR}",
    ).strip()
    commune = Organization.objects.get(slug=slug)
    for name in cells:
        cell_slug = run("create_org", "--name", name, "--kind", "party_cell", "--parent", slug)
        cell = Organization.objects.get(slug=cell_slug.strip())
        for n in range(4):
            _member(cell, n, founded, dt.date(1975 + 5 * n, 5, 19))
    return commune


def _report(tmp_path, org, kind="annual", period=None):
    out = tmp_path / f"{org.slug}-{kind}.md"
    args = ["report", kind, "--org", org.slug, "--year", str(YEAR), "--out", str(out)]
    run(*args, *(["--period", period] if period else []))
    return out.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "name,executive",
    [
        ("Đảng bộ huyện Kênh Xáng", "Huyện ủy Kênh Xáng"),
        ("Đảng bộ tỉnh Hòa Giang", "Tỉnh ủy Hòa Giang"),
        ("Đảng bộ thành phố Sa Đéc", "Thành ủy Sa Đéc"),
        ("Đảng bộ thị xã Bình Minh", "Thị ủy Bình Minh"),
        ("Đảng bộ quận Ninh Kiều", "Quận ủy Ninh Kiều"),
        ("Đảng bộ Thành phố Hồ Chí Minh", "Thành ủy Thành phố Hồ Chí Minh"),
        ("Đảng bộ xã Tân Hưng Tây", "Đảng ủy xã Tân Hưng Tây"),
        ("Đảng bộ Khối các cơ quan tỉnh Trà Vinh", "Đảng ủy Khối các cơ quan tỉnh Trà Vinh"),
        ("Chi bộ ấp Rạch Gốc", "Chi bộ ấp Rạch Gốc"),
    ],
)
def test_each_committee_is_led_by_the_executive_of_its_level(name, executive):
    assert kinds.executive_name(name) == executive


def test_a_commune_reports_to_the_district_s_huyen_uy(tmp_path):
    commune = _commune()
    for text in (_report(tmp_path, commune), _report(tmp_path, commune, "six_month", "H1")):
        assert "ĐẢNG BỘ HUYỆN KÊNH XÁNG" in text  # the header names the đảng bộ above
        assert "báo cáo Huyện ủy Kênh Xáng để theo dõi, chỉ đạo" in text
        assert "- Huyện ủy Kênh Xáng (b/c);" in text
        assert "Đảng ủy huyện" not in text
    # A hamlet cell reports to its commune's Đảng ủy.
    cell = commune.children.get(name=CELLS[0])
    assert "- Đảng ủy xã Tân Hưng Tây (b/c);" in _report(tmp_path, cell)


def test_a_conference_without_an_attendance_list_gives_no_zero_attendance(tmp_path):
    commune = _commune()
    meetings.create_activity(
        None,
        organizers=[commune],
        kind="dissemination",
        title="Hội nghị quán triệt nghị quyết",
        starts_on=dt.date(YEAR, 3, 12),
    )
    for text in (_report(tmp_path, commune), _report(tmp_path, commune, "six_month", "H1")):
        # Nobody's attendance was recorded: the sentence gives the sessions, no "0 lượt".
        (line,) = [line for line in text.splitlines() if "quán triệt" in line and "cuộc" in line]
        assert line.endswith(" với 01 cuộc.")


def test_the_year_s_arrivals_departures_deaths_and_badges_are_stated(tmp_path):
    commune = _commune()
    hamlet, other, retired = (commune.children.get(name=name) for name in CELLS)
    in_cell = {
        cell: [m.person for m in Membership.objects.filter(org=cell, kind="party")]
        for cell in (hamlet, other, retired)
    }
    _member(hamlet, 9, dt.date(YEAR, 4, 20), dt.date(2010, 2, 3))  # arrives from elsewhere
    people.transfer_out(None, in_cell[other][0], dt.date(YEAR, 8, 1), "Đảng bộ phường 3")
    people.move_to_cell(None, in_cell[other][1], hamlet, dt.date(YEAR, 6, 1))  # no departure
    people.record_death(None, in_cell[retired][0], dt.date(YEAR, 9, 12))
    people.award_badge(None, in_cell[retired][1], 40, dt.date(YEAR, 9, 2))  # admitted 1980
    people.award_badge(None, in_cell[retired][2], 40, dt.date(YEAR, 9, 2))  # admitted 1985
    text = _report(tmp_path, commune)
    assert "Tiếp nhận 01 đảng viên chuyển sinh hoạt đến." in text
    assert "Chuyển sinh hoạt đi 01 đảng viên." in text
    assert "Có 01 đảng viên từ trần." in text
    assert "Trao Huy hiệu Đảng cho 02 đồng chí (Huy hiệu 40 năm: 02)." in text
    # The retired members' cell says what happened in it, and nothing of the others.
    cell_text = _report(tmp_path, retired)
    assert "Có 01 đảng viên từ trần." in cell_text and "chuyển sinh hoạt" not in cell_text.lower()


def test_a_quiet_year_says_nothing_of_arrivals_or_departures(tmp_path):
    text = _report(tmp_path, _commune())
    for words in ("chuyển sinh hoạt", "từ trần", "Huy hiệu Đảng"):
        assert words not in text


def test_the_annual_report_says_how_regularly_the_cells_met(tmp_path):
    commune = _commune()
    hamlet = commune.children.get(name=CELLS[0])
    members = [m.person for m in Membership.objects.filter(org=hamlet, kind="party")]
    for month in range(1, 13):
        attendance = {p: "present" for p in members[:3]} | {members[3]: "absent"}
        meetings.record_meeting(
            None,
            cell=hamlet,
            kind="regular_meeting",
            starts_on=dt.date(YEAR, month, 5),
            attendance=attendance,
        )
    text = _report(tmp_path, commune)
    assert (
        "Duy trì sinh hoạt chi bộ định kỳ hằng tháng: 12 lượt chi bộ sinh hoạt thường kỳ trên 36"
        " lượt theo quy định, 24 lượt chưa sinh hoạt; tỷ lệ đảng viên dự sinh hoạt đạt 75"
    ) in text
    cell_text = _report(tmp_path, hamlet)
    assert "Chi bộ sinh hoạt 12 trong 12 kỳ theo quy định; tỷ lệ đảng viên dự sinh hoạt đạt 75" in (
        cell_text
    )


@pytest.mark.parametrize(
    "cells,words",
    [
        (CELLS, ["03 chi bộ trực thuộc (02 chi bộ ấp)", "sinh sống ở 07 ấp;"]),
        (
            ["Chi bộ thôn Đông Hạ", "Chi bộ thôn Trung", "Chi bộ Trường Tiểu học"],
            ["03 chi bộ trực thuộc (02 chi bộ thôn)", "sinh sống ở 07 thôn;"],
        ),
        (
            ["Chi bộ Công an xã", "Chi bộ Quân sự xã"],
            ["02 chi bộ trực thuộc với", "sinh sống ở 07 ấp, thôn, khóm;"],
        ),
        (["Chi bộ khóm 1", "Chi bộ khóm 2"], ["02 chi bộ trực thuộc với", "sinh sống ở 07 khóm;"]),
    ],
)
def test_the_commune_s_hamlets_are_called_as_its_cells_call_them(tmp_path, cells, words):
    commune = _commune(cells)
    day = dt.date(YEAR, 12, 31).isoformat()
    run(
        "org_profile",
        "--org",
        commune.slug,
        "--date",
        day,
        "population=6120",
        "hamlets=7",
        "poor_households=12",
    )
    text = _report(tmp_path, commune)
    for said in words:
        assert said in text


def test_no_hamlets_recorded_no_hamlets_said(tmp_path):
    commune = _commune()
    run(
        "org_profile",
        "--org",
        commune.slug,
        "--date",
        dt.date(YEAR, 12, 31).isoformat(),
        "population=6120",
        "poor_households=8",
    )
    text = _report(tmp_path, commune)
    assert "Địa bàn có 6.120 nhân khẩu" in text and "sinh sống" not in text
    # A count takes two digits however large its neighbours are.
    assert "còn 08 hộ nghèo." in text


def test_the_committee_is_stated_once_its_members_are_recorded(tmp_path):
    commune = _commune()
    text = _report(tmp_path, commune)
    assert "Ban Chấp hành" not in text.split("II. ")[0]  # no members recorded: no dangling term
    term = Term.executive_on(commune, dt.date(YEAR, 12, 31))
    cell = commune.children.get(name=CELLS[0])
    for n, m in enumerate(Membership.objects.filter(org=cell, kind="party")[:3]):
        role = "secretary" if n == 0 else "member"
        org_actions.appoint(None, term, m.person, role, term.valid_from)
    text = _report(tmp_path, commune)
    assert f"Ban Chấp hành Đảng bộ nhiệm kỳ {YEAR - 5}-{YEAR} gồm 03 đồng chí." in text
    assert "Ban Chấp hành Đảng bộ xã" not in text
