"""The attendances of a province's activities are read in as many queries as a few activities'
(issue 26: reading them in chunks of ids added a query past 5.000 activities)."""

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext

from dangvu.meetings import actions
from dangvu.meetings.attendance import attendances_by_unit
from dangvu.meetings.models import Activity, ActivityOrg

DAY = dt.date(2017, 5, 19)
MANY = 6000  # past the 5.000 ids the chunks held, and past SQLite's old 999 variables


def _counted(world):
    owner = {world.cell1.id: "one", world.cell2.id: "two"}
    with CaptureQueriesContext(connection) as queries:
        counted = attendances_by_unit(Activity.objects.all(), owner)
    return counted, len(queries)


def test_query_count_does_not_grow_with_the_activities(world):
    alone = actions.create_activity(
        None,
        kind="conference",
        title="Họp riêng",
        starts_on=DAY,
        organizers=[world.cell1],
        head_count=3,
    )
    joint = actions.create_activity(
        None,
        kind="conference",
        title="Họp chung",
        starts_on=DAY,
        organizers=[world.cell1],
        participants=[world.cell2],
    )
    actions.record_attendance(
        None, joint, {world.members1[0]: "present", world.members2[0]: "present"}
    )
    few, few_queries = _counted(world)
    assert few[(alone.id, "one")] == 3
    assert few[(joint.id, "one")] == few[(joint.id, "two")] == 1

    many = Activity.objects.bulk_create(
        Activity(kind="conference", title=f"Họp {i}", starts_on=DAY, head_count=1)
        for i in range(MANY)
    )
    ActivityOrg.objects.bulk_create(
        ActivityOrg(activity=a, org=world.cell2, role=ActivityOrg.Role.ORGANIZER) for a in many
    )
    counted, queries = _counted(world)
    assert queries == few_queries
    assert len(counted) == len(few) + MANY
    assert counted[(many[-1].id, "two")] == 1
    assert {k: counted[k] for k in few} == few
