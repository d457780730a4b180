"""2-BTCTW III.1b and III.2b: the grassroots organizations with no masses left (không còn quần
chúng), read from the staff roll of the agencies under them: every person on it a member or a
candidate. A unit that keeps no staff roll is not counted. Invented organizations: a district
with a police station's grassroots cell (all staff members), a hospital's committee (one nurse
not a member) and a commune (no staff roll)."""

import datetime as dt

import pytest

from dangvu.orgs.actions import create_org
from dangvu.orgs.models import Organization
from dangvu.people import actions
from dangvu.superior import statforms

from .test_stat_forms import check_workbook

pytestmark = pytest.mark.django_db
K = Organization.Kind
START = dt.date(2015, 1, 1)
DAY = dt.date(2024, 12, 31)


def _org(kind, name, parent=None):
    return create_org(None, kind=kind, name=name, parent=parent, valid_from=START)


def _staff(name, agency, cell=None, since=START):
    person = actions.create_person(
        None,
        home_org=cell or agency,
        full_name=name,
        gender="female",
        birth_date=dt.date(1990, 1, 1),
    )
    actions.add_staff_record(
        None, person, agency=agency, category="public_employee", valid_from=since
    )
    if cell:
        actions.transfer_in(
            None,
            person,
            cell,
            START,
            admitted_on=dt.date(2012, 1, 1),
            official_on=dt.date(2013, 1, 1),
        )
    return person


@pytest.fixture
def district(db):
    district = _org(K.SUPERIOR_COMMITTEE, "Đảng bộ huyện Gò Sậy")
    police = _org(K.PARTY_CELL, "Chi bộ Công an thị trấn Gò Sậy", district)
    station = _org(K.AGENCY, "Công an thị trấn Gò Sậy", police)
    hospital = _org(K.PARTY_COMMITTEE, "Đảng bộ Bệnh viện đa khoa huyện Gò Sậy", district)
    ward = _org(K.PARTY_CELL, "Chi bộ Khoa Nội", hospital)
    clinic = _org(K.AGENCY, "Bệnh viện đa khoa huyện Gò Sậy", hospital)
    commune = _org(K.PARTY_COMMITTEE, "Đảng bộ xã Phú Cần", district)
    _org(K.PARTY_CELL, "Chi bộ ấp Phú Hòa", commune)
    for name in ("Lâm Văn Đức", "Thạch Thị Sa"):
        _staff(name, station, police)
    _staff("Kiên Văn Tài", clinic, ward)
    nurse = _staff("Sơn Thị Hương", clinic)
    return district, police, hospital, commune, nurse


def _row(root, sheet, key):
    forms = statforms.compute(root, DAY)
    return {ln.key: ln.values for ln in forms.sheet(sheet).lines}[key], forms


def test_units_whose_staff_are_all_members_have_no_masses_left(district):
    root, police, hospital, _commune, _nurse = district
    cells, forms = _row(root, "2-BTCTW", "III2b")
    committees, _ = _row(root, "2-BTCTW", "III1b")
    assert cells[0] == 1  # the police station's cell
    assert committees[0] == 0  # the hospital has a nurse outside the Party; the commune no roll
    kind, ids = statforms.records_of(root, DAY, "2-BTCTW", "III2b", forms=forms)
    assert kind == "org" and ids == [police.id]
    assert hospital.id not in statforms.records_of(root, DAY, "2-BTCTW", "III1b", forms=forms)[1]


def test_a_nurse_admitted_leaves_the_hospital_with_no_masses(district):
    root, _police, hospital, _commune, nurse = district
    ward = hospital.children.get(kind=K.PARTY_CELL)
    actions.admit(None, nurse, ward, dt.date(2024, 6, 1))
    committees, forms = _row(root, "2-BTCTW", "III1b")
    assert committees[0] == 1
    assert statforms.records_of(root, DAY, "2-BTCTW", "III1b", forms=forms)[1] == [hospital.id]


def test_staff_who_left_before_the_day_do_not_count(district):
    root, _police, hospital, _commune, nurse = district
    record = nurse.staff_records.get()
    actions.end_staff_record(None, record, dt.date(2024, 9, 1))
    assert _row(root, "2-BTCTW", "III1b")[0][0] == 1
    # On a day she still worked there, the hospital had masses.
    before = statforms.compute(root, dt.date(2024, 6, 30))
    assert {ln.key: ln.values for ln in before.sheet("2-BTCTW").lines}["III1b"][0] == 0


def test_the_rows_are_no_longer_pending_and_the_workbook_adds_up(district):
    root, *_ = district
    _forms, sheets, notes = check_workbook(root, DAY)
    assert sheets["2-BTCTW"]["III2b"][0] == 1
    for key in ("III1b", "III2b"):
        assert "Hồ sơ chưa ghi" not in (notes["2-BTCTW"][key] or "")
        assert "danh sách" in notes["2-BTCTW"][key]
