"""The facts of sections II–V of the annual report, computed from work records.

One provider; each group below runs one or two queries over the organization's subtree, whatever
the number of records (no query per row). Every figure lists the records behind it.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q

from dangvu.core.facts import provider
from dangvu.core.ids import any_of
from dangvu.orgs.models import Organization
from dangvu.orgs.tree import subtree_ids, subtree_ids_during
from dangvu.people.models import Exemption, Membership, Suspension, TemporaryAttachment
from dangvu.work.common import figure, is_member, party_spans

from .attendance import attendances_by_unit
from .models import (
    Activity,
    ActivityOrg,
    Attendance,
    MeetingDocument,
    MeetingRead,
)

ORGANIZER, PARTICIPANT = ActivityOrg.Role.ORGANIZER, ActivityOrg.Role.PARTICIPANT


@provider
def meeting_facts(org, period):
    ids = subtree_ids_during([org.id], period.start, period.end)
    # Whether a person was a party member on a given day decides how several groups count them;
    # their memberships are read once for all of them.
    spans = _contest_spans(ids, period)
    facts = {}
    facts.update(_activities(org, ids, period))
    facts.update(_contests(ids, period, spans))
    return facts


# Activities -------------------------------------------------------------------------------


def _activities(org, ids, period):
    # The ids as one subquery (`any_of`): as a list of parameters, SQLite looked each activity
    # of the period up against each of a province's thousands of organizations (half a minute).
    links = ActivityOrg.objects.filter(
        org_id__in=any_of(ids), activity__starts_on__range=(period.start, period.end)
    )
    # Lượt: counted by the rule of `work.attendance` (a shared activity, only our own members).
    counted = attendances_by_unit(
        Activity.objects.filter(id__in=links.filter(role=ORGANIZER).values("activity_id")),
        dict.fromkeys(ids, org.id),
    )
    kind_of = {}
    organized, joined, own_organized, own_attended = set(), set(), set(), set()
    for activity_id, org_id, role, kind in links.values_list(
        "activity_id", "org_id", "role", "activity__kind"
    ):
        kind_of[activity_id] = kind
        if role == ORGANIZER:
            organized.add(activity_id)
            if org_id == org.id:
                own_organized.add(activity_id)
        else:
            joined.add(activity_id)
            if org_id == org.id:
                own_attended.add(activity_id)
    # Events organized outside the subtree that its organizations took part in.
    joined -= organized
    own_attended -= own_organized
    by_kind, joined_by_kind = defaultdict(set), defaultdict(set)
    for activity_id in organized:
        by_kind[kind_of[activity_id]].add(activity_id)
    for activity_id in joined:
        joined_by_kind[kind_of[activity_id]].add(activity_id)
    facts = {}
    for kind, label in Activity.Kind.choices:
        sessions = by_kind.get(kind, set())
        attendances = sum(counted[(a, org.id)] for a in sessions)
        facts[f"activities.{kind}.sessions"] = figure(
            len(sessions), f"{label}: số cuộc", Activity, sessions
        )
        facts[f"activities.{kind}.attendances"] = figure(
            attendances, f"{label}: số lượt người dự", Activity, sessions
        )
        facts[f"activities.{kind}.attended"] = figure(
            len(joined_by_kind[kind]),
            f"{label}: số cuộc tham dự (do nơi khác tổ chức)",
            Activity,
            joined_by_kind[kind],
        )
    facts["activities.organized.sessions"] = figure(
        len(own_organized), "Hoạt động do chính tổ chức này tổ chức", Activity, own_organized
    )
    facts["activities.attended.sessions"] = figure(
        len(own_attended), "Hội nghị, hoạt động tổ chức này tham dự", Activity, own_attended
    )
    return facts


def _keyed_contests(ids, period):
    return (
        Activity.objects.filter(
            kind=Activity.Kind.CONTEST,
            starts_on__range=(period.start, period.end),
            links__org_id__in=ids,
        )
        .exclude(key="")
        .distinct()
    )


def _contest_spans(ids, period):
    """{person id: [(from, to)]} of the party memberships of everyone in the subtree's keyed
    contests in the period: one query."""
    # The contests first: most periods have none, and then no membership is read. (As a nested
    # subquery PostgreSQL plans this one badly: seconds for a demo-sized year.)
    contests = list(_keyed_contests(ids, period).values_list("id", flat=True))
    if not contests:
        return {}
    contestants = Attendance.objects.filter(activity_id__in=contests).values("person_id")
    return party_spans(Q(person_id__in=contestants))


def _contests(ids, period, spans):
    """Participants of each contest that carries a key (contests.<key>.participants)."""
    keyed = {
        a_id: (key, day, title)
        for a_id, key, day, title in _keyed_contests(ids, period).values_list(
            "id", "key", "starts_on", "title"
        )
    }
    rows = Attendance.objects.filter(
        activity_id__in=keyed, status=Attendance.Status.PRESENT
    ).values_list("activity_id", "person_id")
    people, members, activities, titles = (defaultdict(set) for _ in range(4))
    for a_id, (key, _day, title) in keyed.items():
        activities[key].add(a_id)
        titles[key] = title
    for a_id, pid in rows:
        key, day, _title = keyed[a_id]
        people[key].add(pid)
        if is_member(spans, pid, day):
            members[key].add(pid)
    facts = {}
    for key in sorted(activities):
        for name, who, label in (
            ("participants", people[key], "số người tham gia"),
            ("members", members[key], "đảng viên tham gia"),
        ):
            facts[f"contests.{key}.{name}"] = figure(
                len(who), f"{titles[key]}: {label}", Activity, activities[key], who
            )
    return facts


# Cells' monthly meetings: held or not, attendance, reading -----------------------------------------


@dataclass
class CellMonth:
    """One cell in one month: its regular meeting (if held), attendance and reading."""

    cell: Organization
    month: dt.date  # the first day
    meeting: int | None = None
    day: dt.date | None = None
    present: int = 0
    recorded: int = 0
    documents: int = 0
    reads: int = 0  # documents opened, one per member and document


def _months(period):
    day = period.start.replace(day=1)
    while day <= period.end:
        yield day
        day = (day + dt.timedelta(days=32)).replace(day=1)


def cell_months(org: Organization, period) -> list[CellMonth]:
    """Every (cell, month) of the period in which a cell of `org`'s subtree existed, with its
    regular meeting: six queries whatever the number of cells and months."""
    ids = subtree_ids([org.id])
    cells = list(
        Organization.objects.filter(id__in=ids, kind=Organization.Kind.PARTY_CELL).order_by(
            "name", "id"
        )
    )
    rows = {}
    for cell in cells:
        for month in _months(period):
            last = (month + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
            if cell.valid_from <= min(last, period.end) and (
                cell.valid_to is None or cell.valid_to > month
            ):
                rows[(cell.id, month)] = CellMonth(cell, month)
    # A joint meeting organized by several cells is each one's meeting of the month.
    meetings = defaultdict(list)
    for activity_id, org_id, day in (
        ActivityOrg.objects.filter(
            org_id__in=[c.id for c in cells],
            role=ORGANIZER,
            activity__kind=Activity.Kind.REGULAR_MEETING,
            activity__starts_on__range=(period.start, period.end),
        )
        .order_by("activity__starts_on")
        .values_list("activity_id", "org_id", "activity__starts_on")
    ):
        row = rows.get((org_id, day.replace(day=1)))
        if row is not None and row.meeting is None:
            row.meeting, row.day = activity_id, day
            meetings[activity_id].append(row)
    _count_attendance(meetings)
    for activity_id in MeetingDocument.objects.filter(
        plan__activity_id__in=list(meetings)
    ).values_list("plan__activity_id", flat=True):
        for row in meetings[activity_id]:
            row.documents += 1
    # One row per member and document (a constraint): counting rows counts readers.
    for activity_id, n in (
        MeetingRead.objects.filter(plan__activity_id__in=list(meetings), document__isnull=False)
        .values("plan__activity_id")
        .annotate(n=Count("id"))
        .values_list("plan__activity_id", "n")
    ):
        for row in meetings[activity_id]:
            row.reads = n
    return list(rows.values())


def _count_attendance(meetings):
    """Each meeting's attendance in the row of each cell holding it ({activity id: [CellMonth]}),
    as its papers count it: only the cell's own members on the day, and none exempt from
    meetings, suspended or attending another cell that day. A joint meeting's members are then counted once, each in their own
    cell, and a row recorded for an exempt member is not an absence. Three queries."""
    attendance = Attendance.objects.filter(activity_id__in=list(meetings))
    people = attendance.values("person_id")
    # Membership spans by (person, cell) and exemption spans by person, for `is_member`.
    spans = defaultdict(list)
    for person_id, org_id, start, end in Membership.objects.filter(
        person_id__in=people, kind=Membership.Kind.PARTY
    ).values_list("person_id", "org_id", "valid_from", "valid_to"):
        spans[(person_id, org_id)].append((start, end))
    # Those exempt, suspended or attending another cell for a while are not counted absent:
    # none of them is on the cell's roll that day (`roll.cell_roll`).
    exempt = defaultdict(list)
    for model in (Exemption, Suspension, TemporaryAttachment):
        for person_id, start, end in model.objects.filter(person_id__in=people).values_list(
            "person_id", "valid_from", "valid_to"
        ):
            exempt[person_id].append((start, end))
    for activity_id, person_id, status in attendance.values_list(
        "activity_id", "person_id", "status"
    ):
        for row in meetings[activity_id]:
            own = is_member(spans, (person_id, row.cell.id), row.day)
            if own and not is_member(exempt, person_id, row.day):
                row.recorded += 1
                row.present += status == Attendance.Status.PRESENT


def _rate(part, whole):
    return (Decimal(100 * part) / whole).quantize(Decimal("0.1")) if whole else Decimal(0)


@provider
def cell_meeting_facts(org, period):
    """The committee's overview of its cells' monthly meetings (also a cell's own, one cell)."""
    rows = cell_months(org, period)
    held = [r for r in rows if r.meeting is not None]
    missing = [r for r in rows if r.meeting is None]
    present = sum(r.present for r in held)
    recorded = sum(r.recorded for r in held)
    reads = sum(r.reads for r in held)
    meetings = [r.meeting for r in held]
    return {
        "cell_meetings.expected": figure(
            len(rows), "Số lượt chi bộ phải sinh hoạt thường kỳ (chi bộ × tháng)"
        ),
        "cell_meetings.held": figure(
            len(held), "Số lượt chi bộ đã sinh hoạt thường kỳ", Activity, meetings
        ),
        "cell_meetings.not_held": figure(
            len(missing),
            "Số lượt chi bộ chưa sinh hoạt thường kỳ",
            Organization,
            {r.cell.id for r in missing},
        ),
        "cell_meetings.attendance_rate": figure(
            _rate(present, recorded),
            "Tỷ lệ đảng viên dự sinh hoạt thường kỳ (%)",
            Activity,
            meetings,
        ),
        "cell_meetings.documents_read": figure(
            reads, "Số lượt đảng viên đã xem tài liệu sinh hoạt", Activity, meetings
        ),
    }
