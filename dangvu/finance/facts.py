"""The facts of the fee ledger: fees.carried_over, fees.allocation, fees.collected,
fees.remitted, fees.expenses and fees.balance, for a party committee or cell and a period,
with the payments and entries behind them; and fees.table, the report's table of them
([(label, ": 1.234.567 đồng")], rendered by `{fees.table|table}`)."""

from dangvu.lib.dates import vn_date
from dangvu.reports.facts import Figure, provider

from . import ledger as ledgers
from .models import LedgerEntry


@provider
def fee_ledger(org, period):
    if not ledgers.is_ledger_org(org):
        return {}
    book = ledgers.ledger_between(org, period.start, period.end)
    behind = ledgers.records(org, period.start, period.end)
    entries = behind["entries"]
    payments = {"finance.payment": behind["payments"]}
    kinds = {
        "allocation": LedgerEntry.Kind.ALLOCATION,
        "expenses": LedgerEntry.Kind.EXPENSE,
        "carried_over": LedgerEntry.Kind.OPENING,
    }
    out = {}
    for name in ledgers.FIGURES:
        records = {}
        people = frozenset()
        if name in ("collected", "remitted", "balance"):
            records.update(payments)
            people = behind["payers"]
        if name in kinds and entries.get(kinds[name]):
            records["finance.ledgerentry"] = entries[kinds[name]]
        if name == "balance":
            records["finance.ledgerentry"] = frozenset().union(*entries.values())
        out[f"fees.{name}"] = Figure(
            getattr(book, name),
            people=people,
            orgs=frozenset({org.id}),
            label=ledgers.FACT_LABELS[name],
            records=records,
        )
    # A period with no payment and no entry in the books is not a year of "Thu đảng phí: 0
    # đồng": the table is left empty, and the report shows a slot for the missing books.
    recorded = bool(behind["payments"]) or any(entries.values())
    out["fees.table"] = Figure(
        ledgers.text_rows(ledgers.table_rows(book)) if recorded else [],
        people=behind["payers"],
        orgs=frozenset({org.id}),
        label=(
            ledgers.fee_table_title(period.end.year)
            if recorded
            else f"sổ thu, nộp đảng phí {_span(period)} (chưa có trong hồ sơ)"
        ),
        records={
            "finance.payment": behind["payments"],
            "finance.ledgerentry": frozenset().union(*entries.values()),
        },
    )
    return out


def _span(period):
    if (period.start.month, period.start.day, period.end.month, period.end.day) == (1, 1, 12, 31):
        return f"năm {period.end.year}"
    return f"từ ngày {vn_date(period.start)} đến ngày {vn_date(period.end)}"
