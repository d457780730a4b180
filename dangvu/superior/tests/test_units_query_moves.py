"""`units_query` walks the tree of the day in SQL, moves applied, and finds the units of the
in-memory walk (`Tree.units`) on every day around the moves: a unit moved between districts, a
district moved under another superior with its units, a unit moved twice, a cell unit moved
out of the province."""

import datetime as dt

import pytest

from dangvu.orgs.actions import create_org, move_org
from dangvu.orgs.models import Organization
from dangvu.superior.units import Tree, units_query

pytestmark = pytest.mark.django_db
K = Organization.Kind
D = dt.date
SINCE = D(2015, 1, 1)
MOVE_DAYS = (D(2020, 1, 1), D(2023, 7, 1), D(2025, 7, 1))


def _make(kind, name, parent=None):
    return create_org(None, kind=kind, name=name, parent=parent, valid_from=SINCE)


@pytest.fixture
def province():
    province = _make(K.SUPERIOR_COMMITTEE, "Tỉnh Bắc Sơn")
    neighbour = _make(K.SUPERIOR_COMMITTEE, "Tỉnh Nam Sơn")
    north = _make(K.SUPERIOR_COMMITTEE, "Huyện Bắc Hà", province)
    south = _make(K.SUPERIOR_COMMITTEE, "Huyện Nam Hà", province)
    bloc = _make(K.SUPERIOR_COMMITTEE, "Khối cơ quan huyện Nam Hà", south)
    units = {}
    for name, parent in (
        ("Đảng bộ xã Tân An", north),
        ("Đảng bộ xã Tân Bình", north),
        ("Đảng bộ xã Phú Mỹ", south),
        ("Đảng bộ cơ quan Ủy ban", bloc),
    ):
        units[name] = _make(K.PARTY_COMMITTEE, name, parent)
        _make(K.PARTY_CELL, f"Chi bộ 1 {name}", units[name])
    cell_unit = _make(K.PARTY_CELL, "Chi bộ cơ sở Trường Tân An", north)
    move_org(None, units["Đảng bộ xã Tân Bình"], south, MOVE_DAYS[0])
    move_org(None, units["Đảng bộ xã Tân Bình"], north, MOVE_DAYS[2])  # and back
    move_org(None, bloc, north, MOVE_DAYS[1])  # a superior moves with its units
    move_org(None, cell_unit, neighbour, MOVE_DAYS[1])
    move_org(None, south, province.parent, MOVE_DAYS[2])  # to the top: a parent of None
    return [province, neighbour, north, south, bloc, *units.values(), cell_unit]


def test_the_units_of_every_day_are_those_of_the_tree_walk(province):
    tree = Tree()
    days = {D(2016, 6, 1)} | {d + dt.timedelta(days=k) for d in MOVE_DAYS for k in (-1, 0, 1)}
    seen = set()
    for root in province:
        for day in sorted(days):
            expected = [node.id for node in tree.units(root.id, day)]
            got = list(units_query(root, day).values_list("id", flat=True))
            assert got == expected, (root.name, day)
            seen.add((root.name, tuple(expected)))
    # The moves change what is found: the districts' units differ from one day to another.
    north = province[2]
    assert len({ids for name, ids in seen if name == north.name}) >= 3
