"""A meeting of several organizations counts, in each one's figures, that organization's own
members present; whoever holds every organization of it counts all of it with its guests. The
superior's consolidation of its units counts by the same rule."""

import datetime as dt

from dangvu.core.facts import Period, compute
from dangvu.meetings import actions
from dangvu.meetings.models import Activity
from dangvu.orgs import actions as org_actions
from dangvu.orgs.models import Organization, active_on
from dangvu.orgs.tree import subtree_ids
from dangvu.people import actions as people_actions
from dangvu.people.models import Membership
from dangvu.superior.consolidate import consolidate

from .conftest import START, facts

DAY = dt.date(2017, 5, 19)
GUESTS = 5
SESSIONS = "activities.conference.sessions"
LƯỢT = "activities.conference.attendances"


def _meeting(organizers, participants=(), present=(), absent=(), head_count=0):
    activity = actions.create_activity(
        None,
        kind="conference",
        title="Hội nghị chung",
        starts_on=DAY,
        organizers=list(organizers),
        participants=list(participants),
        head_count=head_count,
    )
    entries = {p: "present" for p in present} | {p: "absent" for p in absent}
    actions.record_attendance(None, activity, entries)
    return activity


def test_each_cell_counts_its_own_members_and_the_committee_counts_all(world):
    one, two = world.members1, world.members2
    _meeting(
        [world.cell1, world.cell2],
        present=one[:-1] + two,
        absent=one[-1:],
        head_count=GUESTS,
    )
    cell1, cell2, committee = facts(world.cell1), facts(world.cell2), facts(world.committee)
    assert cell1[SESSIONS] == cell2[SESSIONS] == committee[SESSIONS] == 1
    assert cell1[LƯỢT] == len(one) - 1
    assert cell2[LƯỢT] == len(two)
    assert committee[LƯỢT] == len(one) - 1 + len(two) + GUESTS
    # No cell ever reports more attendances than its members could make.
    assert cell1[LƯỢT] <= len(one) * cell1[SESSIONS]


def test_a_participating_cells_members_are_not_the_organizers(world):
    one, two = world.members1, world.members2
    _meeting([world.cell1], participants=[world.cell2], present=one[:2] + two, head_count=GUESTS)
    assert facts(world.cell1)[LƯỢT] == 2
    assert facts(world.committee)[LƯỢT] == 2 + len(two) + GUESTS


def test_a_meeting_of_one_cell_counts_whole(world):
    _meeting([world.cell1], present=world.members1[:3], head_count=2)
    assert facts(world.cell1)[LƯỢT] == 3 + 2


def test_units_sharing_a_meeting_consolidate_as_their_own_reports(world):
    """Two grassroots committees under one superior hold a meeting together: each unit's row
    equals its own report, and the total counts every member once."""
    superior = org_actions.create_org(
        None, kind="superior_committee", name="Đảng ủy Khối Thử", valid_from=START
    )
    for org in (world.committee, world.other):
        # The world's committees are top-level; placing them under a superior is set-up only.
        org.parent = superior
        org.save(update_fields=["parent"])
    outsider_cell = world.outsider.memberships.get().org
    _meeting(
        [world.cell1, outsider_cell],
        present=world.members1[:4] + [world.outsider],
        head_count=GUESTS,
    )
    result = consolidate(superior, Period.year(DAY.year))
    rows = {u.org.pk: u.facts[LƯỢT] for u in result.units}
    assert rows[world.committee.pk] == facts(world.committee)[LƯỢT] == 4
    assert rows[world.other.pk] == facts(world.other)[LƯỢT] == 1
    assert result.totals[LƯỢT] == 5


def test_a_member_who_left_before_the_meeting_is_not_counted(world):
    """Membership is read on the meeting's day: someone moved to the other cell counts there."""
    mover = world.members1[0]
    people_actions.move_to_cell(None, mover, world.cell2, DAY - dt.timedelta(days=30))
    _meeting([world.cell1, world.cell2], present=[mover, *world.members1[1:3]])
    assert facts(world.cell1)[LƯỢT] == 2
    assert facts(world.cell2)[LƯỢT] == 1


def test_no_organization_of_the_demo_reports_more_attendances_than_possible(demo):
    """Every organization of the demo, every year: the attendances of each kind of activity are
    at most what its sessions allow, the members of the organization on each session's day plus
    the outside participants counted there."""
    orgs = [demo, *Organization.objects.filter(parent=demo, kind="party_cell")]
    checked = 0
    for org in orgs:
        ids = subtree_ids([org.id])
        for year in range(2014, dt.date.today().year + 1):
            figures = compute(org, Period.year(year))
            for name, fig in figures.items():
                if not (name.startswith("activities.") and name.endswith(".attendances")):
                    continue
                sessions = Activity.objects.filter(id__in=fig.records.get("meetings.activity", ()))
                bound = sum(
                    a.head_count
                    + Membership.objects.filter(active_on(a.starts_on), org_id__in=ids)
                    .values("person_id")
                    .distinct()
                    .count()
                    for a in sessions
                )
                assert fig.value <= bound, (org.slug, year, name, fig.value, bound)
                checked += bool(fig.value)
    assert checked > 20
