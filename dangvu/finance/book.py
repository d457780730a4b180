"""The fee book: for each member and month, what is due under the rule, what was paid, and the
months left unpaid. Computed in a fixed number of queries for any number of members.

A member owes the fee of every month in which they held a party membership, on any day of it;
the month belongs to the cell they were in at the end of it (a member moving between cells
pays each month once). Months without a recorded base show as "chưa có căn cứ".

A member attending another cell for a while (sinh hoạt đảng tạm thời, `TemporaryAttachment`)
pays the months the fee rule gives the host (`rulebook.temporary_rule`) to the host: those
months are lines of the host's book (`MonthLine.official_cell_id` names the member's own cell),
and the member's own cell shows them apart (`MemberBook.away`), neither due nor unpaid there.
A host outside dangvu (an introduction recorded by the member's own cell, `host_name`) keeps no
book here: its months are shown apart in the member's own book in every book, collected there.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Q, Sum
from django.utils import timezone

from dangvu.core.ids import any_of
from dangvu.orgs.models import Organization, held_during
from dangvu.people.models import Membership, PartyProfile, Person, TemporaryAttachment

from . import fees
from .models import PaymentMonth, SalaryBase, UnpaidReason
from .rulebook import rulebooks, statutory_salary, temporary_rule


@dataclass
class MonthLine:
    month: dt.date
    cell_id: int
    kind: str | None = None  # None: no base recorded for the month
    base: int = 0
    due: int = 0
    paid: int = 0
    exempt: str = ""  # why nothing is due
    reason: str = ""  # why it was not paid (recorded by the cell)
    rule_source: str = ""
    # The member's own cell when `cell_id` is the cell they attend temporarily, which collects.
    official_cell_id: int | None = None

    @property
    def owed(self):
        return max(self.due - self.paid, 0)

    @property
    def missing(self):
        return self.kind is None

    @property
    def status(self):
        if self.missing:
            return "missing"
        if self.exempt:
            return "exempt"
        if self.paid >= self.due:
            return "paid"
        return "partial" if self.paid > 0 else "unpaid"

    @property
    def status_label(self):
        return STATUS_LABELS[self.status]


STATUS_LABELS = {
    "missing": "chưa có căn cứ",
    "exempt": "miễn",
    "paid": "đã đóng",
    "partial": "còn thiếu",
    "unpaid": "chưa đóng",
}


@dataclass
class MemberBook:
    person_id: int
    months: dict = field(default_factory=dict)  # month -> MonthLine
    person: object = None
    warning: str = ""
    warning_source: str = ""
    # {month: Away}: months of a book of the member's own cell that the cell they attend
    # temporarily collects (shown apart there; only in a book asked for by cells).
    away: dict = field(default_factory=dict)

    @property
    def due(self):
        return sum(line.due for line in self.months.values())

    @property
    def paid(self):
        return sum(line.paid for line in self.months.values())

    @property
    def owed(self):
        return sum(line.owed for line in self.months.values())

    def unpaid_months(self, before=None):
        """Months with a fee due and nothing paid, without a recorded reason, ended before
        `before` (a month not yet over is not late)."""
        return [
            line.month
            for line in self.months.values()
            if line.due > 0
            and line.paid <= 0
            and not line.reason
            and (before is None or line.month < before)
        ]


@dataclass(frozen=True)
class Away:
    """A month a member's own cell does not collect: the cell they attend temporarily does (one
    of dangvu's, `host_id`, or one outside it named `host_name`)."""

    month: dt.date
    host_id: int | None
    official_cell_id: int
    host_name: str = ""

    @property
    def is_away(self) -> bool:
        return True

    def host(self, names: dict) -> str:
        """The host's name: as written, or from `names` ({organization id: name})."""
        return self.host_name or names[self.host_id]


def book_cell(member_book):
    """The cell a member's row of a book stands under: the cell of their last month in it, or
    their own cell when every month of it is collected where they attend temporarily."""
    if member_book.months:
        return member_book.months[max(member_book.months)].cell_id
    if member_book.away:
        return member_book.away[max(member_book.away)].official_cell_id
    return None


def base_amount(record, month):
    """The base of `month` under a SalaryBase record, in đồng."""
    hundredths = record.coefficient_hundredths
    if hundredths:
        return fees.salary_base(hundredths, statutory_salary(month), record.amount)
    return record.amount


def base_at(records, month):
    """The record in force in `month` among a person's records sorted by valid_from."""
    found = None
    for record in records:
        if record.valid_from > month:
            break
        found = record
    return found


def party_years(admitted_on, month):
    end = fees.month_end(month)
    years = end.year - admitted_on.year
    return years - ((end.month, end.day) < (admitted_on.month, admitted_on.day))


def month_line(rule, records, month, cell_id, admitted_on=None):
    """What one member owes for `month` under `rule`."""
    line = MonthLine(month=month, cell_id=cell_id, rule_source=rule.source)
    record = base_at(records, month)
    if record is None:
        return line
    line.kind = record.kind
    source, source_month = record, month
    if record.kind == fees.SALARY and rule.month_offset:
        previous_month = fees.add_months(month, -rule.month_offset)
        previous = base_at(records, previous_month)
        # A member without a base in the month before (newly hired) pays on this month's.
        if previous is not None and previous.kind == fees.SALARY:
            source, source_month = previous, previous_month
    if record.kind in fees.PERCENT_KINDS or record.kind == fees.FIXED:
        line.base = base_amount(source, source_month)
    if record.kind == fees.EXEMPT:
        line.exempt = record.note or "Miễn đóng"
    elif (
        rule.exempt_party_years
        and admitted_on is not None
        and party_years(admitted_on, month) >= rule.exempt_party_years
    ):
        line.exempt = f"Đủ {rule.exempt_party_years} năm tuổi Đảng"
    else:
        line.due = fees.monthly_fee(record.kind, line.base, rule.rates, rule.round_to)
    return line


def _months_between(first, last):
    months, m = [], first
    while m <= last:
        months.append(m)
        m = fees.add_months(m, 1)
    return months


def _official_months(memberships, months, after_last):
    """{person id: {month: cell id}}: the cell of each month in which a party membership of
    `memberships` held, on any day of it; the membership that holds at its end decides."""
    rows = memberships.values_list("person_id", "org_id", "valid_from", "valid_to")
    spans = list(zip(months, months[1:] + [after_last], strict=True))
    out = defaultdict(dict)
    chosen = {}
    for person_id, org_id, start, end in rows:
        mine = out[person_id]
        for m, next_m in spans:
            if start < next_m and (end is None or end > m):
                if m not in mine or start > chosen[(person_id, m)]:
                    chosen[(person_id, m)] = start
                    mine[m] = org_id
    return {person_id: months for person_id, months in out.items() if months}


def _attachments(first, after_last, **filters):
    """The temporary attachments of members on file in force in some month from `first` to
    the month before `after_last`: [(person id, host cell id, valid_from, valid_to, host
    name)], the host cell None for a host outside dangvu. A member only named (no file) owes no
    line of a book: see `named_guests`."""
    return TemporaryAttachment.objects.filter(
        held_during(first, after_last), person__isnull=False, **filters
    ).values_list("person_id", "cell_id", "valid_from", "valid_to", "host_name")


def month_cells(first, last, *, person_ids=None, cell_ids=None):
    """{person id: {month: (collecting cell id, official cell id, host name)}} for the months
    from `first` to `last` (first days) in which each member held a party membership.

    The official cell is the member's own (the membership at the end of the month); the
    collecting cell is the cell they attend temporarily when the fee rule of the month gives
    that month to the host, else the official one; None with the host's name when the host is
    outside dangvu. With `cell_ids`: the months one of those
    cells collects, and the months whose official cell is one of them (collected elsewhere)."""
    after_last = fees.add_months(last, 1)
    memberships = Membership.objects.filter(
        held_during(first, after_last), kind=Membership.Kind.PARTY
    )
    if person_ids is not None:
        memberships = memberships.filter(person_id__in=list(person_ids))
    if cell_ids is not None:
        cell_ids = set(cell_ids)
        # The cells' guests: their own cells' memberships say which months they owe.
        guests = _attachments(first, after_last, cell_id__in=list(cell_ids))
        if person_ids is not None:
            guests = guests.filter(person_id__in=list(person_ids))
        guest_ids = {person_id for person_id, *_rest in guests}
        memberships = memberships.filter(
            Q(org_id__in=list(cell_ids)) | Q(person_id__in=list(guest_ids))
        )
    official = _official_months(memberships, _months_between(first, last), after_last)
    if not official:
        return {}
    attached = defaultdict(list)
    for person_id, host_id, start, end, host_name in _attachments(
        first, after_last, person_id__in=any_of(official)
    ):
        attached[person_id].append((host_id, start, end, host_name))
    out = {}
    for person_id, months in official.items():
        mine = {}
        for month, cell_id in months.items():
            collector, outside = cell_id, ""
            for host_id, start, end, host_name in attached.get(person_id, ()):
                rule = temporary_rule(month)
                if rule is not None and rule.host_collects(start, end, month):
                    collector, outside = host_id, host_name
            if cell_ids is None or collector in cell_ids or cell_id in cell_ids:
                mine[month] = (collector, cell_id, outside)
        if mine:
            out[person_id] = mine
    return out


def member_months(first, last, *, person_ids=None, cell_ids=None):
    """{person id: {month: cell id}} for the months from `first` to `last` in which each member
    held a party membership: the cell that collects the month's fee (in one of `cell_ids` if
    given; a month a host outside dangvu collects has no cell here)."""
    out = {}
    for person_id, months in month_cells(
        first, last, person_ids=person_ids, cell_ids=cell_ids
    ).items():
        mine = {
            month: collector
            for month, (collector, _official, _outside) in months.items()
            if collector is not None and (cell_ids is None or collector in cell_ids)
        }
        if mine:
            out[person_id] = mine
    return out


def compute(first, last, *, person_ids=None, cell_ids=None, with_people=False, with_reasons=True):
    """{person id: MemberBook} for the months from `first` to `last`."""
    books, _rulebooks = _compute(
        first,
        last,
        person_ids=person_ids,
        cell_ids=cell_ids,
        with_people=with_people,
        with_reasons=with_reasons,
    )
    return books


def _compute(first, last, *, person_ids, cell_ids, with_people, with_reasons):
    """`compute`'s books, and the rule books of their cells ({cell id: RuleBook}), which
    `year_books` reads again rather than query them twice."""
    first, last = fees.month_start(first), fees.month_start(last)
    due_months = month_cells(first, last, person_ids=person_ids, cell_ids=cell_ids)
    wanted = set(cell_ids) if cell_ids is not None else None
    ids = list(due_months)
    if not ids:
        return {}, {}
    records = defaultdict(list)
    for record in SalaryBase.objects.filter(person_id__in=ids, valid_from__lte=last).order_by(
        "person_id", "valid_from"
    ):
        records[record.person_id].append(record)
    paid = {
        (row["person_id"], row["month"]): row["total"]
        for row in PaymentMonth.objects.filter(person_id__in=ids, month__gte=first, month__lte=last)
        .values("person_id", "month")
        .annotate(total=Sum("amount"))
        .order_by()
    }
    reasons = {}
    if with_reasons:
        reasons = {
            (r.person_id, r.month): r.reason
            for r in UnpaidReason.objects.filter(
                person_id__in=ids, month__gte=first, month__lte=last
            )
        }
    cells = {
        cell
        for months in due_months.values()
        for cell, _official, _outside in months.values()
        if cell is not None
    }
    books_by_cell = rulebooks(cells)
    all_months = _months_between(first, last)
    rules = {
        (cell_id, month): books_by_cell[cell_id].for_month(month)
        for cell_id in cells
        for month in all_months
    }
    admitted = {}
    # Party age matters only under a rule that exempts long-standing members.
    if any(rule.exempt_party_years for rule in rules.values()):
        admitted = dict(
            PartyProfile.objects.filter(person_id__in=ids).values_list("person_id", "admitted_on")
        )
    people = {}
    if with_people:
        people = Person.objects.in_bulk(ids)
    out = {}
    for person_id, months in due_months.items():
        book = MemberBook(person_id=person_id, person=people.get(person_id))
        for month in sorted(months):
            cell_id, official_id, outside = months[month]
            if cell_id is None or (wanted is not None and cell_id not in wanted):
                # Collected by the cell the member attends temporarily (in dangvu or outside
                # it, which keeps no book here): shown apart here.
                book.away[month] = Away(month, cell_id, official_id, outside)
                continue
            rule = rules[(cell_id, month)]
            line = month_line(rule, records[person_id], month, cell_id, admitted.get(person_id))
            line.paid = paid.get((person_id, month), 0)
            line.reason = reasons.get((person_id, month), "")
            if official_id != cell_id:
                line.official_cell_id = official_id
            book.months[month] = line
        out[person_id] = book
    return out, books_by_cell


def year_books(year, *, cell_ids=None, person_ids=None, today=None, with_people=True):
    """The books of a year, with the strike-off warning of the rule for members who left three
    months unpaid without a reason."""
    today = today or timezone.localdate()
    books, by_cell = _compute(
        dt.date(year, 1, 1),
        dt.date(year, 12, 1),
        cell_ids=cell_ids,
        person_ids=person_ids,
        with_people=with_people,
        with_reasons=True,
    )
    current = fees.month_start(today)
    for book in books.values():
        unpaid = book.unpaid_months(before=current)
        if not unpaid:
            continue
        last = max(book.months.values(), key=lambda line: line.month)
        rule = by_cell[last.cell_id].for_month(min(current, dt.date(year, 12, 1)))
        if len(unpaid) >= rule.warn_months:
            months = ", ".join(fees.month_label(m) for m in unpaid)
            book.warning = f"{len(unpaid):02d} tháng chưa đóng ({months}). {rule.warning}"
            book.warning_source = rule.warning_source
    return books


def named_guests(first, last, cell_ids):
    """[(attachment, [months])]: members attending one of `cell_ids` temporarily who are only
    named (no file in dangvu), with the months the rule gives the host. The book computes no fee
    for them: a fee is computed from a salary base and a payment names a person, both kept on a
    file; to collect, the office opens one and records the attachment by it."""
    first, last = fees.month_start(first), fees.month_start(last)
    after_last = fees.add_months(last, 1)
    found = (
        TemporaryAttachment.objects.filter(
            held_during(first, after_last), person__isnull=True, cell_id__in=list(cell_ids)
        )
        .select_related("cell")
        .order_by("valid_from", "id")
    )
    months = _months_between(first, last)
    out = []
    for attachment in found:
        hosted = [
            m
            for m in months
            if (rule := temporary_rule(m)) is not None
            and rule.host_collects(attachment.valid_from, attachment.valid_to, m)
        ]
        out.append((attachment, hosted))
    return out


@dataclass(frozen=True)
class TemporaryNote:
    """A line of a book's part on temporary attachment: who, and where the fee is paid."""

    person_id: int | None  # None: a member only named in the host's record
    name: str
    text: str


def temporary_notes(books, cell_ids, first, last):
    """The part of the book of `cell_ids` (from `first` to `last`) on members attending a cell
    temporarily: its own members whose fee another cell collects, the members of other cells
    whose fee it collects, and those only named, for whom it computes nothing."""
    away, hosted = defaultdict(list), defaultdict(list)
    for member in books.values():
        for item in member.away.values():
            away[(member.person_id, item.host_id, item.host_name)].append(item.month)
        for line in member.months.values():
            if line.official_cell_id is not None:
                hosted[(member.person_id, line.cell_id, line.official_cell_id)].append(line.month)
    names = dict(
        Organization.objects.filter(
            id__in={h for _p, h, _n in away if h is not None}
            | {o for key in hosted for o in key[1:]}
        ).values_list("id", "name")
    )
    people = {b.person_id: str(b.person or "") for b in books.values()}
    notes = [
        TemporaryNote(
            person_id,
            people[person_id],
            f"sinh hoạt tạm thời tại {where} tháng {fees.months_text(months)}: "
            f"đóng đảng phí tại {where}",
        )
        for (person_id, host, outside), months in away.items()
        for where in [outside or names[host]]
    ]
    notes += [
        TemporaryNote(
            person_id,
            people[person_id],
            f"sinh hoạt chính thức tại {names[official]}, sinh hoạt tạm thời tại {names[host]}: "
            f"tháng {fees.months_text(months)} đóng đảng phí tại {names[host]}",
        )
        for (person_id, host, official), months in hosted.items()
    ]
    for attachment, months in named_guests(first, last, cell_ids):
        where = f"tháng {fees.months_text(months)}" if months else "trong năm"
        notes.append(
            TemporaryNote(
                None,
                attachment.full_name,
                f"sinh hoạt chính thức tại {attachment.home_org_name}, sinh hoạt tạm thời tại "
                f"{attachment.cell.name} {where}: chưa có hồ sơ đảng viên nên sổ không tính "
                "đảng phí; muốn thu, lập hồ sơ và ghi sinh hoạt tạm thời theo hồ sơ đó",
            )
        )
    return notes
