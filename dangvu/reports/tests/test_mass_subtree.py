"""A grassroots union counts its whole subtree, as a Party committee counts its cells: an invented
school whose Đoàn cơ sở has two chi đoàn and whose công đoàn cơ sở has two tổ công đoàn, each unit
in the tree under the Party cell that leads it and recorded under its union in the union's own
system. The union's members, activities and introductions to the Party are its units' too, its
report says how many units it has; a unit recorded under it only after the period, or one of
another union, counts nothing."""

import datetime as dt

import pytest

from dangvu.core.facts import Period, compute
from dangvu.meetings import actions as meetings
from dangvu.meetings.models import Activity
from dangvu.orgs import actions as orgs
from dangvu.orgs.models import Organization
from dangvu.people import actions as people
from dangvu.people.models import Membership
from dangvu.reports.tests.test_mass_reports import _person, _report

pytestmark = pytest.mark.django_db

K = Organization.Kind
YEAR = 2024
FOUNDED = dt.date(2015, 1, 1)
AFTER = dt.date(YEAR + 1, 2, 1)
SCHOOL = "Trường Trung học phổ thông Ngã Năm"
# (kind, membership, the union's name, its units' names)
UNIONS = {
    "youth": (
        K.YOUTH_UNION,
        Membership.Kind.YOUTH_UNION,
        f"Đoàn cơ sở {SCHOOL}",
        ("Chi đoàn Giáo viên Tổ Tự nhiên", "Chi đoàn Giáo viên Tổ Xã hội"),
        "02 chi đoàn trực thuộc với 06 đoàn viên",
    ),
    "trade": (
        K.TRADE_UNION,
        Membership.Kind.TRADE_UNION,
        f"Công đoàn cơ sở {SCHOOL}",
        ("Tổ công đoàn Tự nhiên", "Tổ công đoàn Xã hội"),
        "02 công đoàn bộ phận, tổ công đoàn trực thuộc với 06 đoàn viên công đoàn",
    ),
}


def _school(which):
    kind, membership, name, unit_names, _said = UNIONS[which]
    committee = orgs.create_org(
        None, kind=K.PARTY_COMMITTEE, name=f"Đảng bộ {SCHOOL}", valid_from=FOUNDED, symbol="ĐU"
    )
    cells = [
        orgs.create_org(
            None, kind=K.PARTY_CELL, name=f"Chi bộ {n}", parent=committee, valid_from=FOUNDED
        )
        for n in ("Tự nhiên", "Xã hội")
    ]
    union = orgs.create_org(None, kind=kind, name=name, parent=committee, valid_from=FOUNDED)
    units = []
    for cell, unit_name in zip(cells, unit_names, strict=True):
        # Led by the cell of its department, under the union in the union's own system.
        unit = orgs.create_org(None, kind=kind, name=unit_name, parent=cell, valid_from=FOUNDED)
        orgs.set_same_system_superior(None, unit, superior_name=name, valid_from=FOUNDED)
        units.append(unit)
    # A unit recorded under the union only after the year, and a union of another school.
    late = orgs.create_org(
        None, kind=kind, name=f"{unit_names[0]} mới", parent=cells[0], valid_from=FOUNDED
    )
    orgs.set_same_system_superior(None, late, superior_name=name, valid_from=AFTER)
    other = orgs.create_org(
        None, kind=kind, name=f"{name} khác", parent=committee, valid_from=FOUNDED
    )
    members = {}
    for org, count in ((union, 1), (units[0], 3), (units[1], 2), (late, 4), (other, 5)):
        members[org.id] = []
        for i in range(count):
            p = _person(committee, f"{org.name} {i}", "female" if i == 1 else "male", 1996)
            people.join(None, p, org, membership, FOUNDED)
            members[org.id].append(p)
    for org, title in ((units[1], "Sinh hoạt chủ đề tháng 3"), (late, "Hoạt động sau này")):
        meetings.create_activity(
            None, organizers=[org], kind=Activity.Kind.OTHER, title=title,
            starts_on=dt.date(YEAR, 3, 26),
        )  # fmt: skip
    people.introduce_to_party(
        None, members[units[0].id][0], org=units[0], introduced_on=dt.date(YEAR, 5, 19),
        resolution="Nghị quyết số 02-NQ/CĐ ngày 19/5/2024",
    )  # fmt: skip
    return union, units, late


@pytest.mark.parametrize("which", UNIONS)
def test_a_grassroots_union_counts_its_units(which, tmp_path):
    union, units, late = _school(which)
    facts = compute(union, Period.year(YEAR))
    value = {name: f.value for name, f in facts.items()}
    # 1 of its own, 3 and 2 in its units; not the late unit's 4 nor the other union's 5.
    assert value["assoc.members"] == 6
    assert value["assoc.members.women"] == 2
    assert value["assoc.units"] == 2
    assert facts["assoc.units"].orgs == {u.id for u in units}
    assert value["assoc.activities"] == 1
    assert value["assoc.introduced"] == 1
    # The unit itself counts only its own.
    assert compute(units[0], Period.year(YEAR))["assoc.members"].value == 3
    # From the day the late unit is recorded under it, its members are the union's.
    after = compute(union, Period(dt.date(YEAR + 1, 1, 1), AFTER))
    assert (after["assoc.members"].value, after["assoc.units"].value) == (10, 3)
    text = _report(union, tmp_path).read_text(encoding="utf-8")
    assert f"{union.name} có {UNIONS[which][4]}" in text
