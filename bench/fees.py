"""The fee ledger of a committee with 10.000 members paying 12 months: time and queries.

Target (issue 5): the year's ledger in under 1 s on SQLite. Also prints the monthly book of the
whole committee and of one cell, the facts, and one cell's collection sheet (.xlsx).
Run: .venv/bin/python bench/fees.py [N]
"""

import datetime as dt
import random
import sys
import time

from _setup import (
    START,
    QueryCounter,
    bulk_people,
    committee_with_cells,
    django_setup,
    memberships,
    verdict,
)

django_setup()

from dangvu.core.facts import Period  # noqa: E402
from dangvu.finance import book, sheet  # noqa: E402
from dangvu.finance.facts import fee_ledger  # noqa: E402
from dangvu.finance.ledger import fee_table_text, ledger  # noqa: E402
from dangvu.finance.models import LedgerEntry, Payment, PaymentMonth, SalaryBase  # noqa: E402
from dangvu.people.models import PartyProfile  # noqa: E402

YEAR = 2017
CELLS = 40


def build(n):
    rng = random.Random(5)
    committee, cells = committee_with_cells(CELLS)
    people = bulk_people(committee, n, name="Đảng viên")
    cell_of = {p.id: cells[i % CELLS] for i, p in enumerate(people)}
    memberships(((p, cell_of[p.id]) for p in people), "party")
    PartyProfile.objects.bulk_create(PartyProfile(person=p, admitted_on=START) for p in people)
    SalaryBase.objects.bulk_create(
        SalaryBase(
            person=p,
            valid_from=dt.date(2010, 1, 1),
            kind="salary",
            coefficient=rng.choice(["2.34", "2.67", "3.00", "3.33", "4.40"]),
            amount=rng.randrange(0, 500_000, 10_000),
        )
        for p in people
    )
    months = [dt.date(YEAR, m, 1) for m in range(1, 13)]
    dues = book.compute(months[0], months[-1], cell_ids=[c.id for c in cells])
    payments = []
    for p in people:
        for month in months:
            payments.append(
                Payment(
                    person=p,
                    cell=cell_of[p.id],
                    paid_on=month.replace(day=25),
                    amount=dues[p.id].months[month].due,
                    method="cash",
                )
            )
    Payment.objects.bulk_create(payments, batch_size=5000)
    PaymentMonth.objects.bulk_create(
        (
            PaymentMonth(
                payment=pay,
                person_id=pay.person_id,
                month=pay.paid_on.replace(day=1),
                amount=pay.amount,
            )
            for pay in payments
        ),
        batch_size=5000,
    )
    LedgerEntry.objects.bulk_create(
        [
            LedgerEntry(
                org=committee,
                kind="allocation",
                on=dt.date(YEAR, 3, 1),
                amount=500_000_000,
                description="Ngân sách cấp",
            ),
            LedgerEntry(
                org=committee,
                kind="expense",
                category="meetings",
                on=dt.date(YEAR, 6, 1),
                amount=400_000_000,
                description="Hội nghị",
            ),
        ]
    )
    return committee, cells, len(payments)


def timed(label, func, runs=5, target=None):
    func()  # warm caches
    timings = []
    for _ in range(runs):
        with QueryCounter() as qc:
            t0 = time.perf_counter()
            result = func()
            timings.append(time.perf_counter() - t0)
    best, median = min(timings), sorted(timings)[len(timings) // 2]
    print(f"{label}: best {best * 1000:.0f} ms, median {median * 1000:.0f} ms, {qc.count} queries")
    if target:
        verdict(label, best * 1000, target)
    return result


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    t0 = time.perf_counter()
    committee, cells, count = build(n)
    print(f"members: {n}, payments: {count} (set-up {time.perf_counter() - t0:.1f} s)")
    year = timed("ledger of the year", lambda: ledger(committee, YEAR), target=1000)
    for label, text in fee_table_text(committee, YEAR):
        print(f"    {label} {text}")
    timed(
        "facts fees.* (with the records behind them)",
        lambda: fee_ledger(committee, Period.year(YEAR)),
        runs=3,
    )
    timed(
        "fee book of the committee (all members × 12 months)",
        lambda: book.year_books(YEAR, cell_ids=[c.id for c in cells], with_people=False),
        runs=3,
    )
    one = timed("fee book of one cell", lambda: book.year_books(YEAR, cell_ids=[cells[0].id]))
    timed(
        "collection sheet of one cell (.xlsx)",
        lambda: sheet.workbook(cells[0], YEAR, one, [cells[0]]),
        runs=3,
    )
    assert year.collected == sum(
        b.paid
        for b in book.compute(
            dt.date(YEAR, 1, 1), dt.date(YEAR, 12, 1), cell_ids=[c.id for c in cells]
        ).values()
    )


if __name__ == "__main__":
    main()
