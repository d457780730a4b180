"""Recording payments: months in order, partial and advance payments, the portal, a cell's
collection sheet, and the same payment recorded twice (a double click, two people at once)."""

import datetime as dt
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from dangvu.accounts.models import AuditEntry
from dangvu.finance import actions, book
from dangvu.finance.actions import PaymentRow
from dangvu.finance.models import Payment, PaymentMonth

D = dt.date


def _months(person, year=2017):
    member = book.compute(D(year, 1, 1), D(year, 12, 1), person_ids=[person.id])[person.id]
    return {m.month: (line.due, line.paid, line.status) for m, line in member.months.items()}


def test_a_payment_pays_months_in_order(small):
    person = small.member(base=3_000_000)  # 30.000 đ a month
    payment = actions.record_payment(
        None, person, paid_on=D(2017, 3, 20), amount=45_000, first_month=D(2017, 3, 1), months=2
    )
    assert payment.cell == small.cells[0]
    months = _months(person)
    assert months[3] == (30_000, 30_000, "paid")
    assert months[4] == (30_000, 15_000, "partial")
    assert months[5] == (30_000, 0, "unpaid")
    # The rest of April, then an advance for May to December in one payment.
    actions.record_payment(
        None, person, paid_on=D(2017, 4, 20), amount=15_000, first_month=D(2017, 4, 1)
    )
    actions.record_payment(
        None,
        person,
        paid_on=D(2017, 4, 25),
        amount=240_000,
        first_month=D(2017, 5, 1),
        months=8,
        method="portal",
        receipt_no="DVC-2017-000123",
    )
    months = _months(person)
    assert all(months[m][2] == "paid" for m in range(3, 13))
    assert Payment.objects.filter(person=person).count() == 3
    assert AuditEntry.objects.filter(action="fee.payment", person=person).count() == 3


def test_paying_more_than_the_rule_asks_stays_on_the_last_month(small):
    person = small.member(base=3_000_000)
    actions.record_payment(
        None, person, paid_on=D(2017, 1, 20), amount=50_000, first_month=D(2017, 1, 1)
    )
    assert _months(person)[1] == (30_000, 50_000, "paid")


def test_a_month_already_paid_is_refused(small):
    person = small.member(base=3_000_000)
    actions.record_payment(
        None, person, paid_on=D(2017, 1, 20), amount=30_000, first_month=D(2017, 1, 1)
    )
    with pytest.raises(ValidationError, match="đã đóng đủ đảng phí tháng 1/2017"):
        actions.record_payment(
            None, person, paid_on=D(2017, 1, 21), amount=30_000, first_month=D(2017, 1, 1)
        )
    assert Payment.objects.count() == 1


def test_the_same_form_sent_twice_records_one_payment(small):
    person = small.member(base=3_000_000)
    kwargs = dict(paid_on=D(2017, 1, 20), amount=30_000, first_month=D(2017, 1, 1), token="abc123")
    first = actions.record_payment(None, person, **kwargs)
    second = actions.record_payment(None, person, **kwargs)
    assert first.pk == second.pk
    assert Payment.objects.count() == 1 and PaymentMonth.objects.count() == 1
    with pytest.raises(ValidationError, match="Mã giao dịch"):
        actions.record_payment(None, person, **{**kwargs, "amount": 60_000})


def test_a_receipt_number_is_used_once_in_a_cell(small):
    a, b = small.member(base=3_000_000), small.member(base=3_000_000)
    actions.record_payment(
        None, a, paid_on=D(2017, 1, 20), amount=30_000, first_month=D(2017, 1, 1), receipt_no="17"
    )
    with pytest.raises(ValidationError, match="“17”|biên lai"):
        actions.record_payment(
            None,
            b,
            paid_on=D(2017, 1, 20),
            amount=30_000,
            first_month=D(2017, 1, 1),
            receipt_no="17",
        )
    assert Payment.objects.count() == 1


def test_a_secretary_records_only_for_their_cell(small):
    other = small.member(small.cells[1], base=3_000_000)
    with pytest.raises(ValidationError, match="không sinh hoạt đảng tại Chi bộ 1"):
        actions.record_payment(
            None,
            other,
            paid_on=D(2017, 1, 20),
            amount=30_000,
            first_month=D(2017, 1, 1),
            org=small.cells[0],
        )
    assert not Payment.objects.exists()


def test_a_collection_sheet_is_recorded_all_or_nothing(small):
    a, b = small.member(base=3_000_000), small.member(base=4_000_000)
    rows = [PaymentRow(a, 30_000, D(2017, 1, 1)), PaymentRow(b, -40_000, D(2017, 1, 1))]
    with pytest.raises(ValidationError, match="Dòng 2 .*không được âm"):
        actions.record_collection(None, small.cells[0], paid_on=D(2017, 1, 25), rows=rows)
    assert not Payment.objects.exists()
    rows[1].amount = 40_000
    payments = actions.record_collection(None, small.cells[0], paid_on=D(2017, 1, 25), rows=rows)
    assert [p.amount for p in payments] == [30_000, 40_000]
    assert _months(b)[1] == (40_000, 40_000, "paid")


def test_a_reversal_unpays_the_months(small):
    person = small.member(base=3_000_000)
    payment = actions.record_payment(
        None, person, paid_on=D(2017, 1, 20), amount=60_000, first_month=D(2017, 1, 1), months=2
    )
    actions.reverse_payment(None, payment, on=D(2017, 2, 1), reason="Ghi nhầm người nộp")
    assert _months(person)[1][1:] == (0, "unpaid")
    assert Payment.objects.filter(person=person).count() == 2
    with pytest.raises(ValidationError, match="đã được đảo"):
        actions.reverse_payment(None, payment, on=D(2017, 2, 1), reason="lần nữa")


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_people_recording_the_same_payment_at_once_record_one(small):
    """Two threads, two connections, the same payment at the same moment (PostgreSQL only:
    SQLite serializes every write and cannot show the race)."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (DATABASE_URL)")
    person = small.member(base=3_000_000)
    results, barrier = [], threading.Barrier(4)

    def record(token):
        try:
            barrier.wait()
            payment = actions.record_payment(
                None,
                person,
                paid_on=D(2017, 1, 20),
                amount=30_000,
                first_month=D(2017, 1, 1),
                token=token,
            )
            results.append(("ok", payment.pk))
        except ValidationError as e:
            results.append(("refused", e.messages[0]))
        finally:
            connections.close_all()

    # Two with the same form token, two typed separately by two people.
    threads = [threading.Thread(target=record, args=(t,)) for t in ("t1", "t1", "", "")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert Payment.objects.count() == 1
    assert PaymentMonth.objects.get().amount == 30_000
    ok = [r for r in results if r[0] == "ok"]
    assert len({pk for _s, pk in ok}) == 1
    assert all("đã đóng đủ" in m for s, m in results if s == "refused")
