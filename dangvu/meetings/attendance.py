"""Lượt người dự: how many attendances an activity counts in the figures of each organization.

One rule for an organization's own report (`work.facts`) and for the superior's consolidation of
its units (`superior.consolidate`), so that the two always agree:
- an activity whose organizations (organizers and participants) all belong to one unit counts
  wholly in that unit: its members present plus the outside participants counted by head;
- an activity shared with organizations of other units counts, in each unit, only that unit's
  own members present (members of one of its organizations on the activity's day). A joint
  meeting of four cells is then, in each cell's report, as large as that cell's part of it, and
  its guests are counted once, by whoever holds every organization of it.
"""

from collections import defaultdict

from dangvu.people.models import Membership

from .models import Attendance


def attendances_by_unit(activities, owner):
    """{(activity id, unit): lượt} for the activities of the queryset `activities` and the units of
    `owner` ({org id: unit}), for every unit holding one of each activity's organizations."""
    # One query joining each activity to its organizations: no list of activity ids is sent,
    # so neither SQLite's limit of variables nor the province's size changes the query count.
    rows, units = {}, defaultdict(set)
    for activity_id, heads, present, day, org_id in activities.order_by().values_list(
        "id", "head_count", "present_count", "starts_on", "links__org_id"
    ):
        rows[activity_id] = (heads, present, day)
        units[activity_id].add(owner.get(org_id))
    counted, shared = {}, {}
    for activity_id, (heads, present, day) in rows.items():
        held = units[activity_id]
        if len(held) == 1 and None not in held:
            counted[(activity_id, next(iter(held)))] = heads + present
        else:
            shared[activity_id] = day
            for unit in held - {None}:
                counted[(activity_id, unit)] = 0
    for (activity_id, unit), n in _own_members_present(shared, owner).items():
        counted[(activity_id, unit)] = n
    return counted


def _own_members_present(shared, owner):
    """{(activity id, unit): members of the unit present} for the activities `shared`
    ({id: day}): one query for the attendances and one for their memberships."""
    present = list(
        Attendance.objects.filter(activity_id__in=list(shared), status=Attendance.Status.PRESENT)
        .order_by()
        .values_list("activity_id", "person_id")
    )
    if not present:
        return {}
    spans = defaultdict(list)
    for person_id, org_id, start, end in (
        Membership.objects.filter(
            person_id__in={pid for _a, pid in present}, org_id__in=list(owner)
        )
        .order_by()
        .values_list("person_id", "org_id", "valid_from", "valid_to")
    ):
        spans[person_id].append((owner[org_id], start, end))
    people = defaultdict(set)
    for activity_id, person_id in present:
        day = shared[activity_id]
        for unit, start, end in spans[person_id]:
            if start <= day and (end is None or day < end):
                people[(activity_id, unit)].add(person_id)
    return {key: len(ids) for key, ids in people.items()}
