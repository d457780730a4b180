"""The superior's tracker: every grassroots unit under it for a year or period, with its report
sent (on time or late) or missing, read in a fixed number of queries."""

import datetime as dt
from dataclasses import dataclass

from dangvu.lib.dates import vn_date
from dangvu.orgs.models import Organization
from dangvu.reports.models import ReportDraft

from .models import Deadline, Submission
from .units import Tree, orgs_with_names

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


def _kind_and_parent(tree, org_id):
    """(kind, parent id) of an organization: from the subtree read, else (an ancestor above the
    root's parent) by its own query, rarely more than one."""
    node = tree.nodes.get(org_id)
    if node is not None:
        return node.kind, node.parent_id
    return Organization.objects.values_list("kind", "parent_id").get(id=org_id)


def track(root, year, period="", today=None):
    today = today or dt.date.today()
    # The root's subtree (and its parent): one committee's tracker does not read the
    # province's organization table.
    tree = Tree(root.id)
    # The units as they stood at the end of the year (or today, for the current year).
    day = min(dt.date(year, 12, 31), max(today, dt.date(year, 1, 1)))
    nodes = tree.units(root.id, day)
    orgs = orgs_with_names([n.id for n in nodes], day)
    # The superior whose deadline applies: the root itself, or the one above a grassroots root.
    superior_id = root.id
    while superior_id and _kind_and_parent(tree, superior_id)[0] != K.SUPERIOR_COMMITTEE:
        superior_id = _kind_and_parent(tree, superior_id)[1]
    deadline = (
        Deadline.objects.filter(superior_id=superior_id, year=year, period=period).first()
        if superior_id
        else None
    )
    first = {}
    for s in (
        Submission.objects.filter(unit_id__in=list(orgs), year=year, period=period)
        .select_related("draft")
        .order_by("sent_on", "id")
    ):
        first.setdefault(s.unit_id, s)

    ready = {}
    for draft in (
        ReportDraft.objects.filter(
            org_id__in=list(orgs),
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
    for n in nodes:
        s = first.get(n.id)
        if s is not None:
            status = LATE if deadline and s.sent_on > deadline.due_on else SENT
        else:
            status = MISSING
        overdue = s is None and deadline is not None and today > deadline.due_on
        lines.append(
            Line(
                org=orgs[n.id][0],
                name=orgs[n.id][1],
                status=status,
                submission=s,
                overdue=overdue,
                ready=None if s else ready.get(n.id),
            )
        )
    return Tracker(root=root, year=year, period=period, deadline=deadline, lines=lines)


def reminder_rows(tracker):
    head = ["STT", "Tổ chức cơ sở đảng", "Mã", "Tình trạng", "Hạn gửi"]
    due = vn_date(tracker.deadline.due_on) if tracker.deadline else ""
    rows = [head]
    for i, line in enumerate(tracker.reminders(), start=1):
        rows.append([i, line.name, line.org.slug, line.status_label, due])
    return rows
