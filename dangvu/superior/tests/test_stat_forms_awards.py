"""7-BTCTW, I and IV.3: the commendations of Party organizations (by their level on the day) and
members, and the introductions found irregular or forged, in the period and the same period last
year, each listed behind its figure. Invented organizations: a district with a grassroots
committee (two cells) and a grassroots cell, and another district. A committee under a
grassroots one (đảng bộ bộ phận, row c) is not an organization dangvu records
(orgs.actions.ALLOWED_PARENTS): that row stays 0."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model

from dangvu.accounts.models import Role
from dangvu.awards import actions as awards
from dangvu.orgs.actions import create_org
from dangvu.orgs.models import Organization
from dangvu.people import actions
from dangvu.superior import statforms

from .test_stat_forms import check_workbook

pytestmark = pytest.mark.django_db
K = Organization.Kind
START = dt.date(2015, 1, 1)
DAY = dt.date(2024, 12, 31)
D24, D23 = dt.date(2024, 2, 3), dt.date(2023, 2, 3)


def _org(kind, name, parent=None):
    return create_org(None, kind=kind, name=name, parent=parent, valid_from=START)


def _member(name, cell):
    person = actions.create_person(None, home_org=cell, full_name=name, gender="male")
    actions.transfer_in(
        None, person, cell, START, admitted_on=dt.date(2005, 1, 1), official_on=dt.date(2006, 1, 1)
    )
    return person


@pytest.fixture
def district(db):
    district = _org(K.SUPERIOR_COMMITTEE, "Đảng bộ huyện Cửa Lò Thử")
    port = _org(K.PARTY_COMMITTEE, "Đảng bộ Cảng Cửa Lò Thử", district)
    crane = _org(K.PARTY_CELL, "Chi bộ Cần trục", port)
    office = _org(K.PARTY_CELL, "Chi bộ Văn phòng", port)
    clinic = _org(K.PARTY_CELL, "Chi bộ Trạm Y tế", district)
    farm = _org(K.PARTY_CELL, "Chi bộ Nông trường", _org(K.SUPERIOR_COMMITTEE, "Huyện Khác"))
    n = iter(range(100))

    def commend(org, kind, day=D24, **recipient):
        return awards.record_commendation(
            None,
            org=org,
            kind=kind,
            decision=f"{next(n)}-QĐ/HU",
            decided_on=day,
            awarder_name="Ban Thường vụ Tỉnh ủy",
            **recipient,
        )

    made = {
        "district_flag": commend(district, "flag", recipient_org=district),
        "port_certificate": commend(district, "certificate", recipient_org=port),
        "clinic_letter": commend(district, "letter", recipient_org=clinic),
        "crane_certificate": commend(port, "certificate", recipient_org=crane),
        "office_flag": commend(port, "flag", recipient_org=office),  # no line of its own
        "member_certificate": commend(office, "certificate", person=_member("Lê Văn Một", office)),
        "member_letter": commend(crane, "letter", person=_member("Lê Văn Hai", crane)),
        "port_last_year": commend(district, "letter", D23, recipient_org=port),
        "farm": commend(farm, "letter", recipient_org=farm),
    }
    cancelled = commend(port, "letter", recipient_org=office)
    awards.cancel_commendation(None, cancelled, cancelled_on=D24, cancel_reason="Ghi nhầm")

    def found(org, direction, finding, day=D24):
        return actions.record_irregular_introduction(
            None,
            org,
            direction=direction,
            finding=finding,
            found_on=day,
            papers="Giấy giới thiệu số 9-GGT",
            full_name=f"Người {next(n)}",
        )

    made |= {
        "received": found(office, "received", "irregular"),
        "sent": found(port, "sent", "irregular"),
        "forged": found(clinic, "received", "forged"),
        "forged_last_year": found(clinic, "sent", "forged", D23),
        "farm_forged": found(farm, "received", "forged"),
    }
    return district, port, made


def _rows(root):
    forms = statforms.compute(root, DAY)
    return {ln.key: ln.values[:2] for ln in forms.sheet("7-BTCTW").lines}, forms


def _listed(root, key, forms, previous=False):
    return statforms.records_of(root, DAY, "7-BTCTW", key, previous=previous, forms=forms)


def test_the_district_counts_organizations_by_level_and_members(district):
    root, _port, made = district
    rows, forms = _rows(root)
    # [this period, same period last year]
    assert rows["I1a"] == [1, 0] and rows["I1a1"] == [1, 0]
    assert rows["I1b"] == [2, 1] and rows["I1b2"] == [1, 0] and rows["I1b3"] == [1, 1]
    assert rows["I1c"] == [0, 0]
    assert rows["I1d"] == [2, 0] and rows["I1d2"] == [1, 0] and rows["I1d9"] == [1, 0]
    assert rows["I1"] == [5, 1] and rows["I2"] == [2, 0]
    assert rows["I2a"] == [1, 0] and rows["I2b"] == [1, 0] and rows["I2c"] == [0, 0]
    assert _listed(root, "I1b", forms) == (
        "commendation",
        sorted([made["port_certificate"].id, made["clinic_letter"].id]),
    )
    assert _listed(root, "I1b3", forms, previous=True) == (
        "commendation",
        [made["port_last_year"].id],
    )
    assert _listed(root, "I1d9", forms) == ("commendation", [made["office_flag"].id])
    assert rows["IV3"] == [3, 1]
    assert rows["IV3a"] == [1, 0] and rows["IV3b"] == [1, 0] and rows["IV3c"] == [1, 1]
    assert _listed(root, "IV3c", forms) == ("irregular", [made["forged"].id])


def test_a_grassroots_committee_counts_its_own_subtree(district):
    _root, port, made = district
    rows, forms = _rows(port)
    assert rows["I1a"] == [0, 0] and rows["I1b"] == [1, 1] and rows["I1"] == [3, 1]
    assert rows["IV3"] == [2, 0] and rows["IV3c"] == [0, 0]
    assert made["farm"].id not in _listed(port, "I1", forms)[1]


@pytest.mark.parametrize("which", [0, 1])
def test_the_forms_still_add_up(district, which):
    _forms, sheets, _notes = check_workbook(district[which], DAY)
    seven = sheets["7-BTCTW"]
    assert seven["I1"][0] == sum(seven[k][0] for k in ("I1a", "I1b", "I1c", "I1d")) > 0
    assert seven["IV3"][0] > 0


def test_the_records_page_lists_commendations_and_introductions(district, client):
    root, _port, _made = district
    user = get_user_model().objects.create_user("huyen-cua-lo")
    Role.objects.create(user=user, kind=Role.Kind.SUPERIOR, org=root)
    client.force_login(user)
    html = client.get(f"/cap-tren/{root.slug}/bieu-thong-ke/7-BTCTW/I1d/?ngay={DAY}")
    html = html.content.decode()
    assert "2 hồ sơ" in html and "Chi bộ Cần trục" in html and "Chi bộ Văn phòng" in html
    assert "Bằng khen" in html and "Ban Thường vụ Tỉnh ủy" in html
    html = client.get(f"/cap-tren/{root.slug}/bieu-thong-ke/7-BTCTW/I2/?ngay={DAY}")
    assert "Lê Văn Một" in html.content.decode()
    html = client.get(f"/cap-tren/{root.slug}/bieu-thong-ke/7-BTCTW/IV3/?ngay={DAY}")
    html = html.content.decode()
    assert "3 hồ sơ" in html and "Giả mạo" in html and "Giấy giới thiệu số 9-GGT" in html
