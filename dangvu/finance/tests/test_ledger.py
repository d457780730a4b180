"""The committee's yearly ledger: carried over from last year automatically, the identity
carried over + allocation + collected − remitted − expenses = balance, closing a year locks it,
and a correction after closing is a reversing entry in the open year."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dangvu.core.facts import Period, compute
from dangvu.finance import actions
from dangvu.finance.ledger import fee_table, fee_table_text, ledger
from dangvu.finance.models import FeeYear, LedgerEntry

D = dt.date


def _entry(org, kind, on, amount, category=""):
    return actions.add_entry(
        None,
        org,
        kind=kind,
        on=on,
        amount=amount,
        category=category or ("other" if kind == "expense" else ""),
        description=f"{kind} {on}",
    )


def test_a_year_carries_over_the_balance_of_the_one_before(small):
    person = small.member(base=3_000_000)
    _entry(small.committee, "opening", D(2016, 1, 1), 1_000_000)
    _entry(small.committee, "allocation", D(2016, 3, 1), 2_000_000)
    actions.record_payment(
        None, person, paid_on=D(2016, 12, 20), amount=360_000, first_month=D(2016, 1, 1), months=12
    )
    _entry(small.committee, "expense", D(2016, 6, 1), 500_000, "meetings")
    y2016 = ledger(small.committee, 2016)
    assert (y2016.carried_over, y2016.allocation, y2016.collected) == (
        1_000_000,
        2_000_000,
        360_000,
    )
    assert (y2016.remitted, y2016.expenses) == (108_000, 500_000)
    assert y2016.balance == 1_000_000 + 2_000_000 + 360_000 - 108_000 - 500_000
    # Open or closed, 2017 starts from 2016's balance.
    assert ledger(small.committee, 2017).carried_over == y2016.balance
    actions.close_year(None, small.committee, 2016)
    assert ledger(small.committee, 2017).carried_over == y2016.balance
    assert FeeYear.objects.get(year=2016).balance == y2016.balance


def test_a_cell_ledger_passes_its_share_to_the_committee(small):
    person = small.member(base=3_000_000)
    actions.record_payment(
        None, person, paid_on=D(2017, 1, 20), amount=100_000, first_month=D(2017, 1, 1)
    )
    cell = ledger(small.cells[0], 2017)
    assert (cell.collected, cell.remitted) == (100_000, 70_000)  # 342: a cell keeps 30%
    assert ledger(small.cells[1], 2017).collected == 0
    assert ledger(small.committee, 2017).remitted == 30_000


def test_changing_a_payment_changes_fees_collected(small):
    person = small.member(base=3_000_000)
    payment = actions.record_payment(
        None, person, paid_on=D(2017, 1, 20), amount=30_000, first_month=D(2017, 1, 1)
    )
    period = Period.year(2017)
    assert compute(small.committee, period)["fees.collected"].value == 30_000
    actions.update_payment(None, payment, amount=45_000)
    facts = compute(small.committee, period)
    assert facts["fees.collected"].value == 45_000
    assert facts["fees.remitted"].value == 13_500
    assert facts["fees.collected"].records["finance.payment"] == {payment.id}
    assert facts["fees.collected"].people == {person.id}


def test_a_closed_year_is_locked_and_corrected_in_the_open_year(small):
    person = small.member(base=3_000_000)
    payment = actions.record_payment(
        None, person, paid_on=D(2016, 1, 20), amount=30_000, first_month=D(2016, 1, 1)
    )
    expense = _entry(small.committee, "expense", D(2016, 5, 1), 80_000, "rewards")
    actions.close_year(None, small.committee, 2016)
    closed = ledger(small.committee, 2016).figures()
    for call in (
        lambda: actions.update_entry(None, expense, amount=8_000),
        lambda: actions.update_payment(None, payment, amount=40_000),
        lambda: actions.reverse_entry(None, expense, on=D(2016, 12, 31), reason="nhầm"),
        lambda: _entry(small.committee, "allocation", D(2016, 12, 31), 1),
        lambda: actions.close_year(None, small.committee, 2016),
    ):
        with pytest.raises(ValidationError, match="khóa sổ"):
            call()
    # The correction: a reversing entry and a reversing payment dated in 2017.
    actions.reverse_entry(None, expense, on=D(2017, 1, 10), reason="Chứng từ ghi trùng")
    actions.reverse_payment(None, payment, on=D(2017, 1, 10), reason="Ghi nhầm người nộp")
    assert ledger(small.committee, 2016).figures() == closed
    y2017 = ledger(small.committee, 2017)
    assert y2017.carried_over == closed["balance"]
    assert (y2017.expenses, y2017.collected) == (-80_000, -30_000)
    assert y2017.balance == closed["balance"] + 80_000 - 30_000 + 9_000


def test_closing_needs_the_year_over_and_the_previous_closed(small):
    _entry(small.committee, "allocation", D(2015, 3, 1), 1_000)
    with pytest.raises(ValidationError, match="Cần khóa sổ năm 2015"):
        actions.close_year(None, small.committee, 2016)
    with pytest.raises(ValidationError, match="chưa kết thúc"):
        actions.close_year(None, small.committee, dt.date.today().year)
    with pytest.raises(ValidationError, match="khóa sổ cùng"):
        actions.close_year(None, small.cells[0], 2015)
    actions.close_year(None, small.committee, 2015)
    actions.close_year(None, small.committee, 2016)
    assert list(FeeYear.objects.values_list("year", flat=True)) == [2015, 2016]


def test_the_opening_balance_is_entered_once_before_anything(small):
    _entry(small.committee, "allocation", D(2016, 3, 1), 1_000)
    with pytest.raises(ValidationError, match="trước mọi khoản thu, chi"):
        _entry(small.committee, "opening", D(2016, 6, 1), 5_000)
    _entry(small.committee, "opening", D(2016, 1, 1), 5_000)
    with pytest.raises(ValidationError, match="đã được ghi"):
        _entry(small.committee, "opening", D(2015, 1, 1), 5_000)


def test_the_report_table(small):
    _entry(small.committee, "opening", D(2016, 1, 1), 8_954_054)
    assert fee_table(small.committee, 2017)[0] == ("+ Mang sang năm 2016", 8_954_054)
    assert [label for label, _ in fee_table(small.committee, 2017)] == [
        "+ Mang sang năm 2016",
        "+ Ngân sách cấp 2017",
        "+ Thu đảng phí",
        "+ Nộp về Đảng ủy cấp trên",
        "+ Chi hoạt động",
        "+ Kinh phí còn lại là",
    ]
    assert fee_table_text(small.committee, 2017)[0] == ("+ Mang sang năm 2016", ": 8.954.054 đồng")
    assert fee_table_text(small.committee, 2017)[-1] == (
        "+ Kinh phí còn lại là",
        ": 8.954.054 đồng",
    )


ENTRY = st.tuples(
    st.sampled_from(["allocation", "expense", "payment"]),
    st.integers(2015, 2018),
    st.integers(1, 12),
    st.integers(1, 5_000_000),
)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    opening=st.integers(0, 10_000_000),
    items=st.lists(ENTRY, max_size=12),
    close_upto=st.sampled_from([None, 2015, 2016, 2017]),
)
def test_the_identity_always_holds(small, opening, items, close_upto):
    with transaction.atomic():
        people = {}
        _entry(small.committee, "opening", D(2015, 1, 1), opening) if opening else None
        for kind, year, month, amount in items:
            if kind == "payment":
                # One member per payment, so months never run out.
                person = small.member(base=max(amount, 10_000))
                people[person.id] = amount
                actions.record_payment(
                    None,
                    person,
                    paid_on=D(year, month, 15),
                    amount=amount,
                    first_month=D(year, month, 1),
                )
            else:
                cell = small.cells[amount % 2] if kind == "expense" else small.committee
                _entry(cell, kind, D(year, month, 15), amount)
        if close_upto:
            for year in range(2015, close_upto + 1):
                actions.close_year(None, small.committee, year)
        carried = 0
        total = opening
        for year in range(2015, 2019):
            book = ledger(small.committee, year)
            assert book.carried_over == carried + (opening if year == 2015 else 0)
            assert book.balance == (
                book.carried_over + book.allocation + book.collected - book.remitted - book.expenses
            )
            flows = [i for i in items if i[1] == year]
            collected = sum(a for k, _y, _m, a in flows if k == "payment")
            assert book.collected == collected
            assert book.allocation == sum(a for k, _y, _m, a in flows if k == "allocation")
            assert book.expenses == sum(a for k, _y, _m, a in flows if k == "expense")
            assert book.remitted == (collected * 30 * 2 + 100) // 200  # 30%, half up
            total += book.allocation + book.collected - book.remitted - book.expenses
            assert book.balance == total
            carried = book.balance
        transaction.set_rollback(True)
    assert not LedgerEntry.objects.exists()
