"""The yearly fee ledger of a party organization, computed from its records:

    carried over + budget allocation + fees collected − remitted upward − expenses = balance

Carried over is the balance of the year before (the figures kept when that year was closed, or
computed from the records when it is still open), plus any balance taken over from paper books
(an opening entry). Fees collected are the payments the organization's cells received in the
period; what is remitted upward follows from the share of the rule in force (for a grassroots
committee in an administrative agency, 30% of the fees). A fixed number of queries, whatever the
number of payments.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import asdict, dataclass, field

from django.db.models import Sum

from dangvu.lib.text import money
from dangvu.orgs.models import Organization
from dangvu.orgs.tree import subtree_ids

from . import fees
from .models import FeeYear, LedgerEntry, Payment
from .rulebook import RuleBook

K = Organization.Kind
LEDGER_KINDS = (K.PARTY_COMMITTEE, K.PARTY_CELL)

# The lines of the table in the annual report ("Tình hình thu, chi đảng phí năm 2017").
TABLE_LABELS = {
    "carried_over": "+ Mang sang năm {previous}",
    "allocation": "+ Ngân sách cấp {year}",
    "collected": "+ Thu đảng phí",
    "remitted": "+ Nộp về Đảng ủy cấp trên",
    "expenses": "+ Chi hoạt động",
    "balance": "+ Kinh phí còn lại là",
}
FACT_LABELS = {
    "carried_over": "Kinh phí đảng phí mang sang từ năm trước",
    "allocation": "Ngân sách cấp cho hoạt động công tác đảng",
    "collected": "Thu đảng phí",
    "remitted": "Đảng phí nộp về cấp ủy cấp trên",
    "expenses": "Chi hoạt động",
    "balance": "Kinh phí còn lại",
}
FIGURES = tuple(TABLE_LABELS)


@dataclass
class _Flows:
    """What came in and went out between two days (see `_flows`)."""

    opening: int = 0  # the part of carried over taken over from paper books in these days
    allocation: int = 0
    collected: int = 0
    remitted: int = 0
    expenses: int = 0
    expenses_by_category: dict = field(default_factory=dict)

    @property
    def net(self):
        return self.opening + self.allocation + self.collected - self.remitted - self.expenses


@dataclass(kw_only=True)
class Ledger(_Flows):
    """The ledger of a period: its flows and what was carried over into it."""

    org: object
    start: dt.date
    end: dt.date
    carried_over: int = 0
    closed: object = None  # the FeeYear, once the year is closed

    @property
    def balance(self):
        return fees.ledger_balance(
            self.carried_over, self.allocation, self.collected, self.remitted, self.expenses
        )

    @property
    def year(self):
        return self.end.year

    def figures(self):
        return {name: getattr(self, name) for name in FIGURES}


def is_ledger_org(org):
    return org is not None and org.kind in LEDGER_KINDS


def scope_ids(org):
    """The organizations whose records make `org`'s ledger: a committee consolidates its cells
    (what passes between them cancels out); a cell keeps its own."""
    if org.kind == K.PARTY_COMMITTEE:
        return subtree_ids([org.id])
    return {org.id}


def _flows(org, ids, rulebook, start, end):
    """What came in and went out between `start` and `end` (inclusive; None: unbounded)."""
    out = _Flows()
    entries = LedgerEntry.objects.filter(org_id__in=ids)
    payments = Payment.objects.filter(cell_id__in=ids)
    if start is not None:
        entries, payments = entries.filter(on__gte=start), payments.filter(paid_on__gte=start)
    if end is not None:
        entries, payments = entries.filter(on__lte=end), payments.filter(paid_on__lte=end)
    by_category = defaultdict(int)
    for row in entries.values("kind", "category").annotate(total=Sum("amount")).order_by():
        total = row["total"] or 0
        if row["kind"] == LedgerEntry.Kind.OPENING:
            out.opening += total
        elif row["kind"] == LedgerEntry.Kind.ALLOCATION:
            out.allocation += total
        elif row["kind"] == LedgerEntry.Kind.EXPENSE:
            out.expenses += total
            by_category[row["category"]] += total
    out.expenses_by_category = dict(by_category)
    # Remitted: the share of the rule in force, applied once to the fees of each year (and of
    # each part of a year under one share), then rounded.
    parts = defaultdict(int)
    # Grouped by day, not by month: a month function would run once per row in SQLite.
    for day, total in payments.values_list("paid_on").annotate(total=Sum("amount")).order_by():
        total = total or 0
        out.collected += total
        share = rulebook.for_month(fees.month_start(day)).share(org.kind)
        parts[(day.year, share)] += total
    out.remitted = sum(fees.share_of(total, share) for (_y, share), total in parts.items())
    return out


def ledger_between(org, start, end):
    """The ledger of `org` for the days from `start` to `end`."""
    ids = scope_ids(org)
    rulebook = RuleBook.for_org(org)
    # The last closed year before the period: its balance is carried as it was closed.
    closed = FeeYear.objects.filter(org=org, year__lt=start.year).order_by("-year").first()
    carried, since = 0, None
    if closed is not None:
        carried, since = closed.balance, dt.date(closed.year + 1, 1, 1)
    before = _flows(org, ids, rulebook, since, start - dt.timedelta(days=1))
    now = _flows(org, ids, rulebook, start, end)
    # The period's flows by their names; what came before is carried over.
    carried_over = carried + before.net + now.opening
    return Ledger(org=org, start=start, end=end, carried_over=carried_over, **asdict(now))


def ledger(org, year):
    """The ledger of `org` for a calendar year."""
    result = ledger_between(org, dt.date(year, 1, 1), dt.date(year, 12, 31))
    result.closed = FeeYear.objects.filter(org=org, year=year).first()
    return result


# A cell collects and remits; a budget and spending of its own are a committee's lines, printed
# for a cell only when it has them.
COMMITTEE_LINES = ("allocation", "expenses")


def table_rows(book):
    """[(label, amount)] of a computed Ledger, in the report's order."""
    cell = book.org.kind == K.PARTY_CELL
    return [
        (TABLE_LABELS[name].format(year=book.year, previous=book.year - 1), getattr(book, name))
        for name in FIGURES
        if not (cell and name in COMMITTEE_LINES and not getattr(book, name))
    ]


def fee_table(org, year):
    """The report's table of the year's fees: [(label, amount in đồng)], in the report's order.

    `fee_table_text` writes the amounts as the report does (": 1.234.567 đồng")."""
    return table_rows(ledger(org, year))


def amount_text(amount):
    return f": {money(amount)} đồng"


def text_rows(rows):
    return [(label, amount_text(amount)) for label, amount in rows]


def fee_table_text(org, year):
    """[(label, ": 1.234.567 đồng")] — the two columns of the report's table, as printed."""
    return text_rows(fee_table(org, year))


def fee_table_title(year):
    return f"Tình hình thu, chi đảng phí năm {year}:"


def records(org, start, end):
    """The records behind the figures: payment ids and payers, entry ids by kind."""
    ids = scope_ids(org)
    payments = Payment.objects.filter(cell_id__in=ids, paid_on__gte=start, paid_on__lte=end)
    pairs = list(payments.values_list("id", "person_id"))
    entries = defaultdict(set)
    for entry_id, kind in LedgerEntry.objects.filter(
        org_id__in=ids, on__gte=start, on__lte=end
    ).values_list("id", "kind"):
        entries[kind].add(entry_id)
    return {
        "payments": frozenset(p for p, _ in pairs),
        "payers": frozenset(person for _, person in pairs),
        "entries": {kind: frozenset(v) for kind, v in entries.items()},
    }
