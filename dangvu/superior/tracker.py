"""The superior's tracker: every grassroots unit under it for a year or period, with its report
sent (on time or late) or missing, read in a fixed number of queries."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Min, OuterRef, Q, Subquery

from dangvu.lib.dates import vn_date
from dangvu.orgs.models import Organization
from dangvu.reports.models import ReportDraft

from .models import Deadline, Submission
from .units import names_on, units_query

SENT, LATE, MISSING = "sent", "late", "missing"
STATUS_LABELS = {SENT: "Đã gửi đúng hạn", LATE: "Gửi muộn", MISSING: "Chưa gửi"}


@dataclass
class Line:
    org: Organization
    name: str
    status: str
    submission: Submission | None
    overdue: bool = False
    # The unit's latest finalised report of the period, not yet sent (to send it from here).
    ready: object = None

    @property
    def status_label(self):
        label = STATUS_LABELS[self.status]
        return f"{label} (đã quá hạn)" if self.overdue else label

    @property
    def sent_on(self):
        return self.submission.sent_on if self.submission else None


@dataclass
class Tracker:
    root: Organization
    year: int
    period: str
    deadline: Deadline | None
    lines: list

    def counts(self):
        return {s: sum(1 for line in self.lines if line.status == s) for s in STATUS_LABELS}

    def reminders(self):
        """The units still to remind: nothing sent yet."""
        return [line for line in self.lines if line.status == MISSING]

    def as_json(self):
        return {
            "org": self.root.slug,
            "year": self.year,
            "period": self.period,
            "deadline": self.deadline.due_on.isoformat() if self.deadline else None,
            "units": [
                {
                    "org": line.org.slug,
                    "name": line.name,
                    "status": line.status,
                    "sent_on": line.sent_on.isoformat() if line.sent_on else None,
                }
                for line in self.lines
            ],
        }


K = Organization.Kind


def report_day(year, today):
    """The day whose units are tracked: the end of the year (or today, for the current year)."""
    return min(dt.date(year, 12, 31), max(today, dt.date(year, 1, 1)))


def deadline_of(root, year, period):
    """The deadline that applies to `root`'s units: its own as a superior committee, else that of
    the nearest superior committee above it (looked up one level at a time, rarely more than
    one)."""
    kind, parent_id = root.kind, root.parent_id
    superior_id = root.id
    while kind != K.SUPERIOR_COMMITTEE:
        if parent_id is None:
            return None
        superior_id = parent_id
        kind, parent_id = Organization.objects.values_list("kind", "parent_id").get(id=parent_id)
    return Deadline.objects.filter(superior_id=superior_id, year=year, period=period).first()


def status_counts(units, year, period, deadline):
    """{status: number of units} of the units of `units_query`, counted by the database from
    each unit's first sending: the headline of a province's thousand units in one query."""
    first_sent = (
        Submission.objects.filter(unit_id=OuterRef("pk"), year=year, period=period)
        .order_by()
        .values("unit_id")
        .annotate(first=Min("sent_on"))
        .values("first")
    )
    counted = {
        SENT: Count("pk", filter=Q(first_sent__isnull=False)),
        MISSING: Count("pk", filter=Q(first_sent__isnull=True)),
    }
    if deadline is not None:  # without one nothing is late
        counted[SENT] = Count("pk", filter=Q(first_sent__lte=deadline.due_on))
        counted[LATE] = Count("pk", filter=Q(first_sent__gt=deadline.due_on))
    counts = units.order_by().annotate(first_sent=Subquery(first_sent)).aggregate(**counted)
    return {status: counts.get(status, 0) for status in STATUS_LABELS}


def lines_of(units, year, period, deadline, today, day):
    """The tracker's line of each of `units` (Organizations already read, in their order): three
    queries whatever their number."""
    ids = [u.id for u in units]
    names = names_on(ids, day)
    first = {}
    for s in (
        Submission.objects.filter(unit_id__in=ids, year=year, period=period)
        .select_related("draft")
        .order_by("sent_on", "id")
    ):
        first.setdefault(s.unit_id, s)
    ready = {}
    for draft in (
        ReportDraft.objects.filter(
            org_id__in=ids,
            year=year,
            period=period,
            status=ReportDraft.Status.FINAL,
            submission__isnull=True,
        )
        .only("id", "org_id", "version", "year", "period", "template")
        .order_by("org_id", "-version")
    ):
        ready.setdefault(draft.org_id, draft)
    lines = []
    for unit in units:
        s = first.get(unit.id)
        if s is not None:
            status = LATE if deadline and s.sent_on > deadline.due_on else SENT
        else:
            status = MISSING
        overdue = s is None and deadline is not None and today > deadline.due_on
        lines.append(
            Line(
                org=unit,
                name=names.get(unit.id, unit.name),
                status=status,
                submission=s,
                overdue=overdue,
                ready=None if s else ready.get(unit.id),
            )
        )
    return lines


def track(root, year, period="", today=None):
    """Every unit's line (the reminders, the command, the home panels); the tracker's page reads
    a page of them (`units_query`, `lines_of`) and counts them all by `status_counts`."""
    today = today or dt.date.today()
    day = report_day(year, today)
    deadline = deadline_of(root, year, period)
    lines = lines_of(list(units_query(root, day)), year, period, deadline, today, day)
    return Tracker(root=root, year=year, period=period, deadline=deadline, lines=lines)


def reminder_rows(tracker):
    head = ["STT", "Tổ chức cơ sở đảng", "Mã", "Tình trạng", "Hạn gửi"]
    due = vn_date(tracker.deadline.due_on) if tracker.deadline else ""
    rows = [head]
    for i, line in enumerate(tracker.reminders(), start=1):
        rows.append([i, line.name, line.org.slug, line.status_label, due])
    return rows
