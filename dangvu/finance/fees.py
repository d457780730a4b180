"""Party-fee arithmetic, without Django: rates, rounding, shares, allocation, the ledger identity.

Money is integer đồng throughout. Percentages are exact fractions ("0.5%" is 1/200), so no float
ever touches an amount; rounding happens once, at the end, half up to the rule's unit.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

# What a member's fee is computed from (the kind of base recorded for them).
SALARY, SICKNESS, PENSION, STUDENT, FIXED, EXEMPT = (
    "salary",
    "sickness",
    "pension",
    "student",
    "fixed",
    "exempt",
)
# Members without a fixed income (farmers, the self-employed): one amount a month that the
# committee sets for the whole category (a FeeSetting of `rates.no_income`), not one per member.
NO_INCOME = "no_income"
# Members abroad paid no salary in Vietnam (working, studying or living abroad on their own
# means): the rule leaves their amount to the committee that keeps them, as for NO_INCOME
# (a FeeSetting of `rates.abroad`). Members abroad on a salary paid in Vietnam pay by SALARY.
ABROAD = "abroad"
PERCENT_KINDS = (SALARY, SICKNESS, PENSION)


def parse_percent(text) -> Fraction:
    """ "1%" -> 1/100, "0.5%" or "0,5%" -> 1/200. Raises ValueError for anything else."""
    value = str(text).strip()
    if not value.endswith("%"):
        raise ValueError(f"not a percentage: {text!r}")
    number = Fraction(value[:-1].strip().replace(",", "."))
    if number < 0 or number > 100:
        raise ValueError(f"percentage out of range: {text!r}")
    return number / 100


def parse_rate(value):
    """A rule's rate: a percentage (Fraction) or an amount in đồng (int)."""
    if isinstance(value, bool):
        raise ValueError(f"not a rate: {value!r}")
    if isinstance(value, int):
        if value < 0:
            raise ValueError(f"negative amount: {value!r}")
        return value
    return parse_percent(value)


def round_half_up(value, unit: int = 1) -> int:
    """Round an exact value (int or Fraction) to a multiple of `unit`, halves away from zero."""
    if unit < 1:
        raise ValueError("the rounding unit is at least 1 đồng")
    value = Fraction(value)
    return _divide(value.numerator, value.denominator * unit) * unit


def _divide(num: int, den: int) -> int:
    """num / den rounded half away from zero, in integers (den > 0)."""
    if num < 0:
        return -_divide(-num, den)
    return (2 * num + den) // (2 * den)


def share_of(amount: int, share: Fraction, unit: int = 1) -> int:
    """`share` of an amount of đồng, rounded half up to `unit`."""
    return _divide(amount * share.numerator, share.denominator * unit) * unit


def monthly_fee(kind: str, base: int, rates: dict, round_to: int) -> int:
    """The fee of one month for a member whose base of `kind` is `base` đồng.

    `rates` maps a kind to a percentage (Fraction) or an amount (int). A "fixed" member pays
    their base itself (the amount the committee set); an exempt member pays nothing.
    """
    if kind == EXEMPT:
        return 0
    if kind == FIXED:
        return base
    rate = rates[kind]
    if isinstance(rate, Fraction):
        return share_of(base, rate, round_to)
    return rate


def salary_base(coefficient_hundredths: int, statutory: int, extra: int) -> int:
    """(coefficient) × lương cơ sở + amounts in đồng; the coefficient in hundredths (2,34 -> 234)."""
    return _divide(coefficient_hundredths * statutory, 100) + extra


def allocate(amount: int, owed: list) -> list:
    """Spread a payment over months in order: each month takes what it still owes, and whatever is
    left after the last month stays on it (a member may pay more than the rule asks).

    `owed` is [(month, still owed)]; returns [(month, allocated)] without zero allocations.
    """
    if amount <= 0:
        raise ValueError("a payment is positive")
    if not owed:
        raise ValueError("a payment covers at least one month")
    out, left = [], amount
    for i, (month, due) in enumerate(owed):
        part = left if i == len(owed) - 1 else min(left, max(due, 0))
        if part > 0:
            out.append((month, part))
            left -= part
        if left == 0:
            break
    return out


@dataclass(frozen=True)
class YearFigures:
    """One year of a committee's fee ledger."""

    carried_over: int
    allocation: int
    collected: int
    remitted: int
    expenses: int

    @property
    def balance(self) -> int:
        return ledger_balance(
            self.carried_over, self.allocation, self.collected, self.remitted, self.expenses
        )


def ledger_balance(carried_over, allocation, collected, remitted, expenses) -> int:
    """The identity of the ledger: what came in minus what went out."""
    return carried_over + allocation + collected - remitted - expenses


def fold_years(opening: int, flows: list) -> list:
    """Chain years: each year carries over the balance of the one before.

    `flows` is [(opening entries, allocation, collected, remitted, expenses)] for consecutive
    years; opening entries (books taken over from paper) add to what is carried over.
    """
    out, carried = [], opening
    for extra, allocation, collected, remitted, expenses in flows:
        year = YearFigures(carried + extra, allocation, collected, remitted, expenses)
        out.append(year)
        carried = year.balance
    return out


# Months ------------------------------------------------------------------------


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def add_months(month: dt.date, n: int) -> dt.date:
    index = month.year * 12 + month.month - 1 + n
    return dt.date(index // 12, index % 12 + 1, 1)


def month_end(month: dt.date) -> dt.date:
    return add_months(month, 1) - dt.timedelta(days=1)


def months_of(year: int) -> list:
    return [dt.date(year, m, 1) for m in range(1, 13)]


def month_label(month: dt.date) -> str:
    return f"{month.month}/{month.year}"


def months_text(months) -> str:
    """Months as a book writes them, runs joined: "3–5/2017, 8/2017", "11/2017–2/2018"."""
    runs: list[list[dt.date]] = []
    for month in sorted(months):
        if runs and add_months(runs[-1][-1], 1) == month:
            runs[-1].append(month)
        else:
            runs.append([month])
    parts = []
    for run in runs:
        a, b = run[0], run[-1]
        if a == b:
            parts.append(month_label(a))
        elif a.year == b.year:
            parts.append(f"{a.month}–{b.month}/{b.year}")
        else:
            parts.append(f"{month_label(a)}–{month_label(b)}")
    return ", ".join(parts)


def parse_month(text) -> dt.date:
    """ "3/2017", "03/2017", "2017-03" or a date -> the first day of that month; ValueError else."""
    if isinstance(text, dt.date):
        return month_start(text)
    value = str(text or "").strip()
    for sep in ("/", "-", "."):
        if sep in value:
            a, b = value.split(sep, 1)
            if len(a) == 4:
                a, b = b, a
            try:
                month, year = int(a), int(b)
                return dt.date(year, month, 1)
            except ValueError:
                break
    raise ValueError(value)


def percent_text(share) -> str:
    """A share as Party documents write it: 1/100 -> "1%", 1/200 -> "0,5%"."""
    value = Fraction(share) * 100
    if value.denominator == 1:
        return f"{value.numerator}%"
    text = format((Decimal(value.numerator) / Decimal(value.denominator)).normalize(), "f")
    return text.replace(".", ",") + "%"
