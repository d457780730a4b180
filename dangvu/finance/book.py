"""The fee book: for each member and month, what is due under the rule, what was paid, and the
months left unpaid. Computed in a fixed number of queries for any number of members.

A member owes the fee of every month in which they held a party membership, on any day of it;
the month belongs to the cell they were in at the end of it (a member moving between cells
pays each month once). Months without a recorded base show as "chưa có căn cứ".
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Q, Sum
from django.utils import timezone

from dangvu.people.models import Membership, PartyProfile, Person

from . import fees
from .models import PaymentMonth, SalaryBase, UnpaidReason
from .rulebook import rulebooks, statutory_salary


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


def member_months(first, last, *, person_ids=None, cell_ids=None):
    """{person id: {month: cell id}} for the months from `first` to `last` in which each member
    held a party membership (in one of `cell_ids` if given)."""
    after_last = fees.add_months(last, 1)
    memberships = Membership.objects.filter(
        Q(valid_to__isnull=True) | Q(valid_to__gt=first),
        kind=Membership.Kind.PARTY,
        valid_from__lt=after_last,
    )
    if person_ids is not None:
        memberships = memberships.filter(person_id__in=list(person_ids))
    if cell_ids is not None:
        memberships = memberships.filter(org_id__in=list(cell_ids))
    rows = memberships.values_list("person_id", "org_id", "valid_from", "valid_to")
    months = _months_between(first, last)
    spans = list(zip(months, months[1:] + [after_last], strict=True))
    out = defaultdict(dict)
    chosen = {}
    for person_id, org_id, start, end in rows:
        mine = out[person_id]
        for m, next_m in spans:
            if start < next_m and (end is None or end > m):
                # The membership that holds at the end of the month decides the cell.
                if m not in mine or start > chosen[(person_id, m)]:
                    chosen[(person_id, m)] = start
                    mine[m] = org_id
    return {person_id: months for person_id, months in out.items() if months}


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
    due_months = member_months(first, last, person_ids=person_ids, cell_ids=cell_ids)
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
    cells = {cell for months in due_months.values() for cell in months.values()}
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
            cell_id = months[month]
            rule = rules[(cell_id, month)]
            line = month_line(rule, records[person_id], month, cell_id, admitted.get(person_id))
            line.paid = paid.get((person_id, month), 0)
            line.reason = reasons.get((person_id, month), "")
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
