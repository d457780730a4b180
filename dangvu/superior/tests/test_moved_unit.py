"""A grassroots unit moved from one superior committee to another on 1 July (`move_org`): each
superior counts it only for the days it stood under it. Before the move it is the former
superior's unit; from the move its members enter the new superior by reorganization (1-BTCTW
B4), not as its members carried from last year, and what it did before the move (admissions) is
not the new superior's. Expected figures are counted from the records made here."""

import datetime as dt

import pytest

from dangvu.orgs.actions import create_org, move_org
from dangvu.orgs.models import Organization
from dangvu.people import actions as people
from dangvu.superior import statforms
from dangvu.superior.consolidate import consolidate, period_to

pytestmark = pytest.mark.django_db
K = Organization.Kind
D = dt.date
MOVED_ON = D(2025, 7, 1)
MID_YEAR, YEAR_END = D(2025, 6, 30), D(2025, 12, 31)


def _members(cell, count, tag):
    """`count` members of `cell` since 2020, arrived then from another province."""
    transfer = dict(
        cell=cell, on=D(2020, 1, 1), admitted_on=D(2010, 5, 5), official_on=D(2011, 5, 5)
    )
    newcomers = [
        people.Newcomer(
            dict(full_name=f"Đảng viên {tag} {i}", birth_date=D(1980, 1, 1), gender="female"),
            transfer,
        )
        for i in range(count)
    ]
    return people.create_people(None, cell, newcomers)


def _admit(cell, day, tag):
    person = people.create_person(
        None, home_org=cell, full_name=f"Kết nạp {tag}", birth_date=D(1999, 2, 2), gender="male"
    )
    people.admit(None, person, cell, day)


@pytest.fixture
def district():
    """Two districts of a province: Đông Hà has a commune committee of 2 members; Tây Sơn's
    commune Sông Hậu (3 members, one admitted in March, one in September) moves to Đông Hà on
    1 July."""
    since = D(2015, 1, 1)
    province = create_org(None, kind=K.SUPERIOR_COMMITTEE, name="Tỉnh Thanh Lam", valid_from=since)

    def make(kind, name, parent):
        return create_org(None, kind=kind, name=name, parent=parent, valid_from=since)

    east = make(K.SUPERIOR_COMMITTEE, "Đảng bộ huyện Đông Hà", province)
    west = make(K.SUPERIOR_COMMITTEE, "Đảng bộ huyện Tây Sơn", province)
    stay = make(K.PARTY_COMMITTEE, "Đảng bộ xã An Phú", east)
    _members(make(K.PARTY_CELL, "Chi bộ thôn 1 An Phú", stay), 2, "An Phú")
    moving = make(K.PARTY_COMMITTEE, "Đảng bộ xã Sông Hậu", west)
    cell = make(K.PARTY_CELL, "Chi bộ ấp 1 Sông Hậu", moving)
    _members(cell, 3, "Sông Hậu")
    _admit(cell, D(2025, 3, 3), "tháng ba")
    move_org(None, moving, east, MOVED_ON)
    _admit(cell, D(2025, 9, 9), "tháng chín")
    return east, west, moving


def _form_one(root, day):
    forms = statforms.compute(root, day)
    one = {line.key: line.values[0] for line in forms.sheet("1-BTCTW").lines}
    two = {line.key: line.values[0] for line in forms.sheet("2-BTCTW").lines}
    return one, two


def test_units_are_those_of_the_day(district):
    east, west, moving = district
    assert moving not in [u.org for u in consolidate(east, period_to(MID_YEAR)).units]
    assert moving in [u.org for u in consolidate(west, period_to(MID_YEAR)).units]
    assert moving in [u.org for u in consolidate(east, period_to(YEAR_END)).units]
    assert moving not in [u.org for u in consolidate(west, period_to(YEAR_END)).units if u.at_end]
    assert consolidate(east, period_to(MID_YEAR)).totals["party.members"] == 2
    assert consolidate(west, period_to(MID_YEAR)).totals["party.members"] == 4


def test_new_superior_counts_the_unit_from_the_move(district):
    east, _west, _moving = district
    one, two = _form_one(east, YEAR_END)
    assert one["A"] == 2  # An Phú only: Sông Hậu was Tây Sơn's on 31/12/2024
    assert one["B4"] == 4  # Sông Hậu's members on 1 July, by reorganization
    assert one["B1"] == 1  # the September admission; March's was Tây Sơn's
    assert two["I"] == one["B1"]
    assert one["D"] == 7 == one["A"] + one["B"] - one["C"]
    half, _two = _form_one(east, MID_YEAR)
    assert (half["A"], half["B"], half["C"], half["D"]) == (2, 0, 0, 2)


def test_former_superior_counts_the_unit_until_the_move(district):
    _east, west, _moving = district
    one, two = _form_one(west, YEAR_END)
    assert one["A"] == 3
    assert (one["B1"], two["I"]) == (1, 1)  # the March admission
    assert one["C6"] == 4  # left with its unit on 1 July
    assert one["D"] == 0 == one["A"] + one["B"] - one["C"]
