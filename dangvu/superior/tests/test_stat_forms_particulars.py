"""2-BTCTW I.3–I.5 and 3-BTCTW I.6–I.7: the members admitted in the period, and those on the
list at its end, whose Party file records a particular (private business owner, marriage to a
foreigner, population policy breach before admission), each listed behind its figure. Invented
organizations: a commune committee with two cells, and a neighbouring commune."""

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
PLAIN = {"private_business_owner": False, "foreign_marriage": False}


def _org(kind, name, parent=None):
    return create_org(None, kind=kind, name=name, parent=parent, valid_from=START)


def _person(name, cell):
    return actions.create_person(
        None, home_org=cell, full_name=name, gender="male", birth_date=dt.date(1985, 6, 1)
    )


def _long_standing(name, cell):
    person = _person(name, cell)
    actions.transfer_in(
        None, person, cell, START, admitted_on=dt.date(2008, 1, 1), official_on=dt.date(2009, 1, 1)
    )
    return person


def _mark(person, **marked):
    actions.set_party_particulars(
        None, person, **{**PLAIN, "population_policy_breach": False, **marked}
    )


@pytest.fixture
def communes(db):
    district = _org(K.SUPERIOR_COMMITTEE, "Đảng bộ huyện Cồn Cát")
    commune = _org(K.PARTY_COMMITTEE, "Đảng bộ xã Bình Minh", district)
    hamlet, market = (
        _org(K.PARTY_CELL, name, commune) for name in ("Chi bộ ấp Bình An", "Chi bộ Chợ Bình Minh")
    )
    other = _org(
        K.PARTY_CELL, "Chi bộ ấp Hòa Lợi", _org(K.PARTY_COMMITTEE, "Đảng bộ xã Hòa Lợi", district)
    )
    people = {
        # Admitted this year: a business owner who had breached the population policy before.
        "new_owner": _person("Tạ Văn Phát", market),
        "new_plain": _person("Mai Văn Tuấn", hamlet),
        # On the list for years.
        "married_abroad": _long_standing("Kha Thị Liên", hamlet),
        "old_owner": _long_standing("Quách Văn Lợi", market),
        # The neighbouring commune's owner is not the commune's.
        "other_owner": _long_standing("Diệp Văn Hưng", other),
    }
    actions.admit(None, people["new_owner"], market, dt.date(2024, 3, 2))
    actions.admit(None, people["new_plain"], hamlet, dt.date(2024, 5, 19))
    _mark(people["new_owner"], private_business_owner=True, population_policy_breach=True)
    _mark(people["married_abroad"], foreign_marriage=True)
    _mark(people["old_owner"], private_business_owner=True)
    _mark(people["other_owner"], private_business_owner=True)
    return district, commune, people


def _ids(root, sheet, key, forms, previous=False):
    kind, ids = statforms.records_of(root, DAY, sheet, key, previous=previous, forms=forms)
    assert kind == "person"
    return ids


def test_the_forms_count_the_particulars_of_the_commune(communes):
    _district, commune, people = communes
    forms = statforms.compute(commune, DAY)
    two = {ln.key: ln.values[:2] for ln in forms.sheet("2-BTCTW").lines}
    three = {ln.key: ln.values[:2] for ln in forms.sheet("3-BTCTW").lines}
    # [this period, same period last year]: last year nobody was admitted, and the new owner
    # was not yet on the list.
    assert two["I"] == [2, 0]
    assert two["I3"] == [1, 0] and two["I4"] == [1, 0] and two["I5"] == [0, 0]
    assert three["I6"] == [2, 1] and three["I7"] == [1, 1]
    assert _ids(commune, "2-BTCTW", "I3", forms) == [people["new_owner"].id]
    assert _ids(commune, "2-BTCTW", "I4", forms) == [people["new_owner"].id]
    assert _ids(commune, "3-BTCTW", "I6", forms) == sorted(
        [people["new_owner"].id, people["old_owner"].id]
    )
    assert _ids(commune, "3-BTCTW", "I7", forms) == [people["married_abroad"].id]
    assert people["other_owner"].id not in _ids(commune, "3-BTCTW", "I6", forms)


def test_the_district_counts_both_communes_and_the_rows_are_no_longer_pending(communes):
    district, _commune, _people = communes
    _forms, sheets, notes = check_workbook(district, DAY)
    assert sheets["3-BTCTW"]["I6"][0] == 3
    assert sheets["2-BTCTW"]["I3"][0] == 1
    for sheet, key in (("2-BTCTW", "I3"), ("2-BTCTW", "I5"), ("3-BTCTW", "I7")):
        assert "Hồ sơ chưa ghi" not in (notes[sheet][key] or "")


def test_a_particular_unmarked_leaves_the_count(communes):
    _district, commune, people = communes
    _mark(people["old_owner"])
    three = {ln.key: ln.values[:2] for ln in statforms.compute(commune, DAY).sheet("3-BTCTW").lines}
    assert three["I6"] == [1, 0]
