"""The reference organization's party fees for 2016 and 2017, as records made through the
finance actions, so that the 2017 ledger of the report arises from them:

    + Mang sang năm 2016      8.954.054   the 2016 ledger's closing balance (computed)
    + Ngân sách cấp 2017     24.654.370   two allocation entries
    + Thu đảng phí           19.454.400   643 monthly payments of the members of 2017
    + Nộp về Đảng ủy cấp trên 5.836.320   30% of the fees, by Quyết định 342-QĐ/TW (computed)
    + Chi hoạt động          47.226.504   expense entries in several categories
    + Kinh phí còn lại là             0   (computed)

How the figures arise:
- Salary bases. Every member (and every 2017 admission candidate, as staff) gets a base from
  01/2016: a salary coefficient and a position allowance coefficient by position (table below;
  the people and their salaries are synthetic, kept low like those of a young department), times
  lương cơ sở of each month (1.150.000 đ, 1.210.000 đ from 05/2016, 1.300.000 đ from 07/2017 —
  rule data, `dangvu/rules/base_salary/`). The fee is 1% of the base rounded to 100 đ.
- 2017 fees. A member owes each month in which they held a party membership: 51 members the
  whole year, the three admitted on 19/3, 19/5 and 19/7 from their month of admission, and the
  member who transferred out on 01/8 until July — 643 member-months. With the table alone the
  year comes to a little less than the reported total; the difference, in steps of 100 đ a month,
  is given to some members as an allowance from 01/2017 (10.000 đ of base per step), found by
  `_allowance_steps` (a small coin-change over the members' numbers of months). Each member then
  pays every month's fee on the 25th, in cash, with a receipt of the cell.
- 2016. The books start on 01/01/2016 with the balance of the paper books (an opening entry);
  members pay each quarter; the budget allocation and the expenses of the year (whose total is
  what leaves 8.954.054 đ at the end of the year) are entries. 2016 and 2017 are then closed.
"""

import datetime as dt
import tomllib
from collections import defaultdict
from pathlib import Path

from dangvu.finance import actions, book
from dangvu.finance.ledger import ledger
from dangvu.finance.models import LedgerEntry, SalaryBase
from dangvu.lib.text import money
from dangvu.orgs.models import Organization
from dangvu.people.models import Membership, Person, StaffRecord

SLUG = "so-tttt-tra-vinh"
# The reference report's figures for 2017, which the records below must produce.
COLLECTED_2017 = 19_454_400
CLOSING_2016 = 8_954_054
# (salary coefficient, position allowance coefficient) by position; staff by category.
BY_POSITION = {
    StaffRecord.Position.DIRECTOR: ("4.06", "0.60"),
    StaffRecord.Position.DEPUTY_DIRECTOR: ("3.33", "0.50"),
    StaffRecord.Position.UNIT_DIRECTOR: ("2.67", "0.40"),
    StaffRecord.Position.HEAD: ("2.67", "0.30"),
    StaffRecord.Position.UNIT_DEPUTY_DIRECTOR: ("2.34", "0.30"),
    StaffRecord.Position.DEPUTY_HEAD: ("2.34", "0.20"),
}
STAFF_BY_CATEGORY = {
    StaffRecord.Category.CIVIL_SERVANT: "2.34",
    StaffRecord.Category.PUBLIC_EMPLOYEE: "1.86",
    StaffRecord.Category.CONTRACT: "1.50",
}
ALLOWANCE_STEP = 10_000  # đồng of base: 100 đ of fee a month

OPENING_2016 = 6_218_500
ALLOCATIONS = {
    2016: [(dt.date(2016, 3, 10), 11_000_000), (dt.date(2016, 9, 12), 11_500_000)],
    2017: [(dt.date(2017, 3, 15), 12_000_000), (dt.date(2017, 9, 15), 12_654_370)],
}
# The expense entries of 2016 and 2017: records, kept as data.
EXPENSES = Path(__file__).resolve().parent / "expenses.toml"
EXPENSE = LedgerEntry.Kind.EXPENSE


def load(stdout):
    committee = Organization.objects.filter(slug=SLUG).first()
    if committee is None or LedgerEntry.objects.filter(org=committee).exists():
        stdout.write("  đảng phí: đã có, bỏ qua")
        return
    cells = list(committee.children.filter(kind=Organization.Kind.PARTY_CELL))
    cell_ids = {c.id for c in cells}
    people = _members(cell_ids)
    _bases(people)
    opening = "Số dư quỹ đảng phí năm 2015 chuyển sang (sổ giấy)"
    _entry(committee, LedgerEntry.Kind.OPENING, dt.date(2016, 1, 1), OPENING_2016, opening)
    _pay_2016(cell_ids)
    _entries(committee, 2016)
    _expenses_2016(committee)
    actions.close_year(None, committee, 2016)
    _allowances_2017(cell_ids)
    _pay_2017(cell_ids)
    _entries(committee, 2017)
    for e in _expenses("expenses_2017"):
        _entry(committee, EXPENSE, e["on"], e["amount"], e["text"], e["category"])
    closed = actions.close_year(None, committee, 2017)
    stdout.write(
        f"  đảng phí: năm 2017 thu {fees_text(closed.collected)}, còn lại {fees_text(closed.balance)}"
    )


def fees_text(amount):
    return f"{money(amount)} đồng"


def _members(cell_ids):
    """Everyone who was a member of the committee's cells in 2016–2017, with their staff record."""
    ids = set(
        Membership.objects.filter(
            kind=Membership.Kind.PARTY, org_id__in=cell_ids, valid_from__lt=dt.date(2018, 1, 1)
        ).values_list("person_id", flat=True)
    )
    staff = {}
    for record in StaffRecord.objects.filter(person_id__in=ids).order_by("valid_from"):
        staff.setdefault(record.person_id, record)
    return [(person_id, staff.get(person_id)) for person_id in sorted(ids)]


def _bases(people):
    persons = Person.objects.in_bulk([p for p, _ in people])
    for person_id, staff in people:
        if staff is not None and staff.position in BY_POSITION:
            coefficient, allowance = BY_POSITION[staff.position]
        else:
            category = staff.category if staff else StaffRecord.Category.CIVIL_SERVANT
            coefficient, allowance = STAFF_BY_CATEGORY[category], None
        actions.set_salary_base(
            None,
            persons[person_id],
            month=dt.date(2016, 1, 1),
            kind=SalaryBase.Kind.SALARY,
            coefficient=coefficient,
            allowance_coefficient=allowance,
            note="Theo hồ sơ lương (ngạch, bậc, phụ cấp chức vụ)",
        )


def _pay(cell_ids, year, group):
    """Members pay the fees of `group(month)` together, on the 25th of its last month; each
    cell records the day's collection sheet at once (`record_collection`)."""
    books = book.compute(dt.date(year, 1, 1), dt.date(year, 12, 1), cell_ids=cell_ids)
    persons = Person.objects.in_bulk(list(books))
    sheets = defaultdict(list)  # (day, cell id) -> rows
    for person_id in sorted(books):
        runs = defaultdict(list)
        for month, line in sorted(books[person_id].months.items()):
            runs[group(month)].append(line)
        for lines in runs.values():
            last = lines[-1].month
            sheets[(dt.date(last.year, last.month, 25), lines[0].cell_id)].append(
                actions.PaymentRow(
                    persons[person_id],
                    sum(line.due for line in lines),
                    lines[0].month,
                    len(lines),
                )
            )
    cells = Organization.objects.in_bulk({cell_id for _day, cell_id in sheets})
    receipts = defaultdict(int)
    for (day, cell_id), rows in sorted(sheets.items()):
        for row in rows:
            receipts[cell_id] += 1
            row.receipt_no = f"{year}/{receipts[cell_id]:04d}"
        actions.record_collection(None, cells[cell_id], paid_on=day, rows=rows, method="cash")


def _pay_2016(cell_ids):
    _pay(cell_ids, 2016, lambda month: (month.month - 1) // 3)


def _pay_2017(cell_ids):
    _pay(cell_ids, 2017, lambda month: month.month)


def _entries(committee, year):
    for on, amount in ALLOCATIONS[year]:
        description = f"Ngân sách cấp cho hoạt động công tác đảng năm {year}"
        _entry(committee, LedgerEntry.Kind.ALLOCATION, on, amount, description)


def _expenses_2016(committee):
    figures = ledger(committee, 2016)
    total = figures.balance - CLOSING_2016
    left = total
    for e in _expenses("expenses_2016"):
        amount = total * e["share"] // 100 if "share" in e else left
        left -= amount
        _entry(committee, EXPENSE, e["on"], amount, e["text"], e["category"])


def _expenses(year_key):
    return tomllib.loads(EXPENSES.read_text(encoding="utf-8"))[year_key]


def _entry(committee, kind, on, amount, description, category=""):
    actions.add_entry(
        None,
        committee,
        kind=kind,
        on=on,
        amount=amount,
        category=category,
        description=description,
    )


def _allowance_steps(target, counts):
    """Steps of 100 đ a month to give, as {number of months: how many member-steps}, so that
    Σ steps × months = target; None if impossible. Fewest steps first (a coin change)."""
    coins = sorted(set(counts), reverse=True)
    best = [None] * (target + 1)
    best[0] = ()
    for value in range(1, target + 1):
        for coin in coins:
            if coin <= value and best[value - coin] is not None:
                candidate = best[value - coin] + (coin,)
                if best[value] is None or len(candidate) < len(best[value]):
                    best[value] = candidate
    if best[target] is None:
        return None
    steps = defaultdict(int)
    for coin in best[target]:
        steps[coin] += 1
    return dict(steps)


def _allowances_2017(cell_ids):
    """Give allowances from 01/2017 so that the year's fees come to the reported total."""
    books = book.compute(dt.date(2017, 1, 1), dt.date(2017, 12, 1), cell_ids=cell_ids)
    total = sum(b.due for b in books.values())
    gap = COLLECTED_2017 - total
    if gap < 0 or gap % 100:
        raise RuntimeError(f"demo salaries give {total} đ of fees for 2017, above the report")
    months = {person_id: len(b.months) for person_id, b in books.items()}
    steps = _allowance_steps(gap // 100, list(months.values()))
    if steps is None:
        raise RuntimeError(f"no allowance gives the missing {gap} đ")
    extra = defaultdict(int)
    for count, n in steps.items():
        # Spread the steps over the members with that many months, one each in turn.
        group = sorted(p for p, c in months.items() if c == count)
        for i in range(n):
            extra[group[i % len(group)]] += 1
    persons = Person.objects.in_bulk(list(extra))
    for person_id, n in extra.items():
        current = book.base_at(
            list(SalaryBase.objects.filter(person_id=person_id).order_by("valid_from")),
            dt.date(2017, 1, 1),
        )
        actions.set_salary_base(
            None,
            persons[person_id],
            month=dt.date(2017, 1, 1),
            kind=SalaryBase.Kind.SALARY,
            coefficient=current.coefficient,
            allowance_coefficient=current.allowance_coefficient,
            amount=current.amount + n * ALLOWANCE_STEP,
            note="Phụ cấp thâm niên vượt khung, phụ cấp khác từ 01/2017",
        )
