"""Figures that cannot be true, found before a report is signed.

A report's figures come from records, but a wrong rule or a wrong record can still make one
impossible: more attendances than the people who could have been there, a part larger than its
whole, a fee ledger that does not add up. `broken(org, period, facts)` lists each such figure
with the records behind it; finalising a report refuses while one is broken
(`reports.actions.finalise_problems`), and the checker reports them as errors.

The rules:
- attendances of a kind of activity ≤ Σ over its sessions of (party members of the organization
  and the organizations under it on the session's day + the session's guests: those counted by
  head and those present who were no party member that day);
- a part ≤ its whole, and the parts of a whole add up to it (full + probationary = members);
- the fee ledger balances: carried over + budget + collected − remitted − expenses = balance.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Q

from dangvu.lib.narrative import render_value
from dangvu.meetings.models import Activity, Attendance
from dangvu.orgs.tree import subtree_ids
from dangvu.work.common import is_member, party_spans


@dataclass
class Broken:
    """One impossible figure: its names, what is wrong, and the records that make it."""

    names: tuple[str, ...]
    message: str  # in Vietnamese
    records: dict[str, frozenset] = field(default_factory=dict)

    def text(self) -> str:
        behind = "; ".join(
            f"{model} #{', #'.join(str(i) for i in sorted(ids)[:8])}"
            for model, ids in sorted(self.records.items())
            if ids
        )
        return f"{self.message}" + (f" (bản ghi: {behind})" if behind else "")


# (part, whole): a part may not exceed its whole.
PARTS = [
    ("party.members.probationary", "party.members"),
    ("party.members.full", "party.members"),
    ("party.members.probationary.overdue", "party.members.probationary"),
    ("party.women", "party.members"),
    ("party.ethnic_minority", "party.members"),
    ("committee.members", "party.members"),
    ("units.party.members.probationary", "units.party.members"),
    ("units.party.members.full", "units.party.members"),
    ("units.party.women", "units.party.members"),
    ("units.party.ethnic_minority", "units.party.members"),
    ("units.committees", "units.count"),
    ("units.cells_base", "units.count"),
    ("units.reports.sent", "units.count"),
    ("units.reports.missing", "units.count"),
]
# (whole, parts): the parts add up to the whole.
SUMS = [
    ("party.members", ("party.members.full", "party.members.probationary")),
    ("units.party.members", ("units.party.members.full", "units.party.members.probationary")),
    ("units.count", ("units.committees", "units.cells_base")),
]
# A mass organization's report counts its own members, not the Party's: its executive and its
# women or Party members are parts of them (`reports/mass.py`, facts `assoc.*`).
MASS_PARTS = [
    ("assoc.committee", "assoc.members"),
    ("assoc.members.women", "assoc.members"),
    ("assoc.members.party", "assoc.members"),
]
LEDGER_IN = ("fees.carried_over", "fees.allocation", "fees.collected")
LEDGER_OUT = ("fees.remitted", "fees.expenses")
LEDGER_BALANCE = "fees.balance"


def _number(value):
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _records(facts, *names):
    out: dict[str, frozenset] = {}
    for name in names:
        figure = facts.get(name)
        for model, ids in (getattr(figure, "records", None) or {}).items():
            out[model] = out.get(model, frozenset()) | frozenset(ids)
    return out


def _label(facts, name):
    figure = facts.get(name)
    return (getattr(figure, "label", "") or name).rstrip(": ")


def parts_and_sums(facts, parts=PARTS) -> list[Broken]:
    """The rules on figures alone: parts, sums and the ledger. `facts` is {name: Figure}."""
    value = {n: _number(getattr(f, "value", None)) for n, f in facts.items()}
    out = []
    for part, whole in parts:
        if value.get(part) is not None and value.get(whole) is not None:
            if value[part] > value[whole]:
                out.append(
                    Broken(
                        (part, whole),
                        f"{_label(facts, part)} ({render_value(value[part])}) lớn hơn "
                        f"{_label(facts, whole)} ({render_value(value[whole])}).",
                        _records(facts, part, whole),
                    )
                )
    for whole, parts in SUMS:
        if value.get(whole) is None or any(value.get(p) is None for p in parts):
            continue
        total = sum(value[p] for p in parts)
        if total != value[whole]:
            out.append(
                Broken(
                    (whole, *parts),
                    f"{_label(facts, whole)} ({render_value(value[whole])}) khác tổng các phần "
                    f"({render_value(total)}).",
                    _records(facts, whole, *parts),
                )
            )
    names = (*LEDGER_IN, *LEDGER_OUT, LEDGER_BALANCE)
    if all(value.get(n) is not None for n in names):
        computed = sum(value[n] for n in LEDGER_IN) - sum(value[n] for n in LEDGER_OUT)
        if computed != value[LEDGER_BALANCE]:
            out.append(
                Broken(
                    names,
                    f"Sổ đảng phí không cân: mang sang + cấp + thu − nộp − chi = "
                    f"{render_value(computed, 'money')} đồng, nhưng số dư là "
                    f"{render_value(value[LEDGER_BALANCE], 'money')} đồng.",
                    _records(facts, *names),
                )
            )
    return out


def attendance_bounds(org, facts) -> list[Broken]:
    """Attendances of each kind of activity against the people who could have attended."""
    wanted = {
        name: facts[name]
        for name in facts
        if name.startswith("activities.") and name.endswith(".attendances")
    }
    ids = set()
    for figure in wanted.values():
        ids |= set((figure.records or {}).get("meetings.activity", ()))
    if not ids or not any(_number(f.value) for f in wanted.values()):
        return []
    activities = {
        a.id: a
        for a in Activity.objects.filter(id__in=ids).only("id", "kind", "starts_on", "head_count")
    }
    present = defaultdict(set)
    for activity_id, person_id in Attendance.objects.filter(
        activity_id__in=ids, status=Attendance.Status.PRESENT
    ).values_list("activity_id", "person_id"):
        if person_id:
            present[activity_id].add(person_id)
    orgs = subtree_ids([org.id])
    members = party_spans(Q(org_id__in=orgs))
    attendees = {p for people in present.values() for p in people}
    anywhere = party_spans(Q(person_id__in=attendees))
    out = []
    for name, figure in sorted(wanted.items()):
        value = _number(figure.value)
        if not value:
            continue
        bound, behind = 0, []
        for activity_id in (figure.records or {}).get("meetings.activity", ()):
            a = activities.get(activity_id)
            if a is None:
                continue
            behind.append(activity_id)
            day = a.starts_on
            own = sum(1 for pid in members if is_member(members, pid, day))
            guests = sum(1 for pid in present[activity_id] if not is_member(anywhere, pid, day))
            bound += own + a.head_count + guests
        if behind and value > bound:
            out.append(
                Broken(
                    (name,),
                    f"{_label(facts, name)}: {render_value(value)} lượt, nhiều hơn số người có "
                    f"thể dự ({render_value(bound)}: đảng viên trong ngày của mỗi cuộc và khách).",
                    {"meetings.activity": frozenset(behind)},
                )
            )
    return out


def broken(org, period, facts) -> list[Broken]:
    """Every impossible figure of `org`'s report for `period`; `facts` is {name: Figure}."""
    if org.is_mass:
        # Its executive is not a Party committee, and who may attend its activities are its own
        # members, not the Party members the attendance bounds count.
        return parts_and_sums(facts, MASS_PARTS)
    return parts_and_sums(facts) + attendance_bounds(org, facts)


def messages(org, period, facts) -> list[str]:
    return [f"Số liệu không thể đúng: {b.text()}" for b in broken(org, period, facts)]
