"""The arithmetic of fees, without the database: rates, rounding, shares, allocation, and the
ledger identity chained over years."""

import datetime as dt
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dangvu.finance import fees


def test_percentages_are_exact_fractions():
    assert fees.parse_percent("1%") == Fraction(1, 100)
    assert fees.parse_percent("0.5%") == Fraction(1, 200)
    assert fees.parse_percent("0,5%") == Fraction(1, 200)
    assert fees.parse_rate(5000) == 5000
    for bad in ("1", "abc%", "-1%", "101%"):
        with pytest.raises(ValueError):
            fees.parse_percent(bad)
    with pytest.raises(ValueError):
        fees.parse_rate(True)


def test_rounding_half_up_to_the_unit():
    assert fees.round_half_up(Fraction(28314), 100) == 28300
    assert fees.round_half_up(Fraction(28350), 100) == 28400
    assert fees.round_half_up(Fraction(28349), 100) == 28300
    assert fees.round_half_up(Fraction(1, 2)) == 1
    assert fees.round_half_up(Fraction(-28350), 100) == -28400


def test_monthly_fee_by_kind():
    rates = {"salary": Fraction(1, 100), "pension": Fraction(1, 200), "student": 5000}
    assert fees.monthly_fee("salary", 2_831_400, rates, 100) == 28_300
    assert fees.monthly_fee("salary", 2_831_400, rates, 1) == 28_314
    assert fees.monthly_fee("pension", 4_000_000, rates, 1) == 20_000
    assert fees.monthly_fee("student", 0, rates, 1) == 5_000
    assert fees.monthly_fee("fixed", 12_000, rates, 100) == 12_000
    assert fees.monthly_fee("exempt", 9_000_000, rates, 100) == 0


def test_salary_base_is_coefficient_times_statutory_plus_amounts():
    assert fees.salary_base(234, 1_210_000, 0) == 2_831_400
    assert fees.salary_base(234 + 30, 1_300_000, 50_000) == 3_482_000


def test_thirty_percent_of_the_reference_fees():
    assert fees.share_of(19_454_400, fees.parse_percent("30%")) == 5_836_320


def test_allocation_pays_months_in_order_and_keeps_the_rest_on_the_last():
    owed = [(1, 30_000), (2, 30_000), (3, 30_000)]
    assert fees.allocate(45_000, owed) == [(1, 30_000), (2, 15_000)]
    assert fees.allocate(100_000, owed) == [(1, 30_000), (2, 30_000), (3, 40_000)]
    with pytest.raises(ValueError):
        fees.allocate(0, owed)


@given(st.integers(1, 10**9), st.lists(st.integers(0, 10**6), min_size=1, max_size=12))
def test_allocation_never_loses_or_makes_money(amount, dues):
    parts = fees.allocate(amount, list(enumerate(dues)))
    assert sum(a for _m, a in parts) == amount
    assert all(a > 0 for _m, a in parts)


@given(
    st.integers(0, 10**9),
    st.lists(st.tuples(*(st.integers(0, 10**8) for _ in range(5))), min_size=1, max_size=8),
)
def test_years_chain_and_each_balances(opening, flows):
    years = fees.fold_years(opening, flows)
    carried = opening
    for (extra, allocation, collected, remitted, expenses), year in zip(flows, years, strict=True):
        assert year.carried_over == carried + extra
        assert year.balance == (year.carried_over + allocation + collected - remitted - expenses)
        carried = year.balance
    assert years[-1].balance == opening + sum(e + a + c - r - x for e, a, c, r, x in flows)


def test_months():
    assert fees.parse_month("3/2017") == dt.date(2017, 3, 1)
    assert fees.parse_month("2017-03") == dt.date(2017, 3, 1)
    assert fees.add_months(dt.date(2017, 12, 1), 1) == dt.date(2018, 1, 1)
    assert fees.add_months(dt.date(2017, 1, 1), -1) == dt.date(2016, 12, 1)
    assert fees.month_end(dt.date(2016, 2, 1)) == dt.date(2016, 2, 29)
    with pytest.raises(ValueError):
        fees.parse_month("13/2017")
    assert fees.percent_text(Fraction(1, 200)) == "0,5%"
    assert fees.percent_text(Fraction(3, 10)) == "30%"
