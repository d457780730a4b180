"""The committee's monthly overview of its cells' meetings (facts `cell_meetings.*`) at the size
of a large grassroots committee: 200 cells, a year of regular meetings with 20 members' attendance
each and two documents read by half of them.

The provider runs with every report's facts, so it must stay a handful of queries whatever the
number of cells and months. Target: the year's overview in under 1000 ms and at most 8 queries
(six, and since each cell counts only its own members on the day, one for their memberships and
one for their exemptions: a fixed number, not one per cell or member).
Run: .venv/bin/python bench/cell_meetings.py
"""

import datetime as dt

from _setup import bulk_people, committee_with_cells, django_setup, memberships, timed, verdict

django_setup()

from django.utils import timezone  # noqa: E402

from dangvu.core.facts import Period  # noqa: E402
from dangvu.documents.models import Document  # noqa: E402
from dangvu.meetings.facts import cell_meeting_facts  # noqa: E402
from dangvu.meetings.models import (  # noqa: E402
    Activity,
    ActivityOrg,
    Attendance,
    MeetingDocument,
    MeetingPlan,
    MeetingRead,
)

CELLS, MEMBERS = 200, 20


def main():
    committee, cells = committee_with_cells(CELLS)
    # Each cell its own members: the attendance rate counts a cell's members on the day only.
    people = bulk_people(committee, CELLS * MEMBERS, name="Đảng viên")
    own = {c.id: people[i * MEMBERS : (i + 1) * MEMBERS] for i, c in enumerate(cells)}
    memberships(((p, c) for c in cells for p in own[c.id]), "party")
    docs = Document.objects.bulk_create(
        Document(owner_org=committee, direction="incoming", subject=f"Tài liệu {i}")
        for i in range(2)
    )
    meetings = Activity.objects.bulk_create(
        Activity(
            kind=Activity.Kind.REGULAR_MEETING,
            title=f"Sinh hoạt {c.id}-{m}",
            starts_on=dt.date(2023, m, 8),
            present_count=MEMBERS - 2,
        )  # fmt: skip
        for c in cells
        for m in range(1, 13)
    )
    ActivityOrg.objects.bulk_create(
        ActivityOrg(activity=a, org=c, role=ActivityOrg.Role.ORGANIZER)
        for a, c in zip(meetings, [c for c in cells for _m in range(12)], strict=True)
    )
    plans = MeetingPlan.objects.bulk_create(MeetingPlan(activity=a, agenda=[]) for a in meetings)
    organizer = dict(zip(meetings, [c for c in cells for _m in range(12)], strict=True))
    Attendance.objects.bulk_create(
        Attendance(activity=a, person=p, status="present" if i >= 2 else "excused")
        for a in meetings
        for i, p in enumerate(own[organizer[a].id])
    )
    meetings_by_id = {a.id: a for a in meetings}
    items = MeetingDocument.objects.bulk_create(
        MeetingDocument(plan=p, document=d) for p in plans for d in docs
    )
    now = timezone.now()
    MeetingRead.objects.bulk_create(
        MeetingRead(plan_id=md.plan_id, document=md, person=p, seen_at=now)
        for md in items
        for p in own[organizer[meetings_by_id[md.plan.activity_id]].id][: MEMBERS // 2]
    )
    year = Period.year(2023)
    facts, ms, queries = timed(lambda: cell_meeting_facts(committee, year))
    print(
        f"{CELLS} cells × 12 months: held {facts['cell_meetings.held'].value}, attendance "
        f"{facts['cell_meetings.attendance_rate'].value}%, documents read "
        f"{facts['cell_meetings.documents_read'].value}; {ms:.0f} ms, {queries} queries"
    )
    assert facts["cell_meetings.held"].value == CELLS * 12
    assert facts["cell_meetings.attendance_rate"].value == round(100 * (MEMBERS - 2) / MEMBERS)
    assert facts["cell_meetings.documents_read"].value == CELLS * 12 * 2 * (MEMBERS // 2)
    verdict("tổng hợp sinh hoạt 200 chi bộ trong năm", ms, 1000)
    verdict("số truy vấn của tổng hợp sinh hoạt", queries, 9, unit="truy vấn")


if __name__ == "__main__":
    main()
