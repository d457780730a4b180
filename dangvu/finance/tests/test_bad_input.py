"""Bad input: an unknown member, a closed year, a negative amount, a zero salary base for a
member who must pay. Each gives a Vietnamese error and writes nothing."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError

from dangvu.accounts.models import AuditEntry, Role
from dangvu.finance import actions
from dangvu.finance.models import LedgerEntry, Payment, PaymentMonth, SalaryBase
from dangvu.people.models import Person

D = dt.date


def _counts():
    return (
        Payment.objects.count(),
        PaymentMonth.objects.count(),
        SalaryBase.objects.count(),
        LedgerEntry.objects.count(),
        AuditEntry.objects.filter(action__startswith="fee.").count(),
    )


def _refused(call, pattern):
    before = _counts()
    with pytest.raises(ValidationError, match=pattern):
        call()
    assert _counts() == before


def test_unknown_member(small):
    pay = dict(paid_on=D(2017, 1, 20), amount=30_000, first_month=D(2017, 1, 1))
    _refused(lambda: actions.record_payment(None, None, **pay), "Không tìm thấy đảng viên")
    ghost = Person(full_name="Không Có", gender="male", home_org=small.committee)
    _refused(lambda: actions.record_payment(None, ghost, **pay), "Không tìm thấy đảng viên")
    # A person who is no party member in that month.
    outsider = small.member(since=D(2018, 1, 1))
    _refused(
        lambda: actions.record_payment(None, outsider, **pay),
        "không sinh hoạt đảng vào tháng 1/2017",
    )


def test_closed_year(small):
    person = small.member(base=3_000_000)
    actions.record_payment(
        None, person, paid_on=D(2016, 5, 20), amount=30_000, first_month=D(2016, 5, 1)
    )
    actions.close_year(None, small.committee, 2016)
    _refused(
        lambda: actions.record_payment(
            None, person, paid_on=D(2016, 6, 20), amount=30_000, first_month=D(2016, 6, 1)
        ),
        "Năm 2016 đã khóa sổ",
    )
    _refused(
        lambda: actions.add_entry(
            None,
            small.committee,
            kind="allocation",
            on=D(2016, 9, 1),
            amount=1_000_000,
            description="Ngân sách cấp",
        ),
        "Năm 2016 đã khóa sổ",
    )
    _refused(
        lambda: actions.set_salary_base(None, person, month=D(2016, 7, 1), amount=3_500_000),
        "Năm 2016 đã khóa sổ",
    )


def test_negative_or_fractional_amounts(small):
    person = small.member(base=3_000_000)
    for amount, pattern in ((-30_000, "không được âm"), (0, "lớn hơn 0"), (30_000.5, "số nguyên")):
        _refused(
            lambda a=amount: actions.record_payment(
                None, person, paid_on=D(2017, 1, 20), amount=a, first_month=D(2017, 1, 1)
            ),
            pattern,
        )
    _refused(
        lambda: actions.add_entry(
            None,
            small.committee,
            kind="expense",
            on=D(2017, 3, 1),
            amount=-5,
            category="other",
            description="Chi",
        ),
        "không được âm",
    )
    _refused(
        lambda: actions.set_salary_base(None, person, month=D(2017, 1, 1), amount=-1),
        "không được âm",
    )


def test_zero_base_for_a_member_who_must_pay(small):
    person = small.member(base=None)
    _refused(
        lambda: actions.set_salary_base(None, person, month=D(2017, 1, 1), amount=0),
        "bằng 0 đồng: đảng viên phải đóng đảng phí",
    )
    _refused(
        lambda: actions.set_salary_base(None, person, month=D(2017, 1, 1), kind="exempt"),
        "phải ghi lý do",
    )
    # Without a base there is nothing to pay against.
    _refused(
        lambda: actions.record_payment(
            None, person, paid_on=D(2017, 1, 20), amount=30_000, first_month=D(2017, 1, 1)
        ),
        "Chưa có căn cứ tính đảng phí tháng 1/2017",
    )


def test_the_web_form_shows_the_error_and_writes_nothing(small, client):
    user = get_user_model().objects.create_user("thuky", password="x-123456")
    Role.objects.create(user=user, kind=Role.Kind.SECRETARY, org=small.cells[0])
    client.force_login(user)
    person = small.member(base=3_000_000)
    url = f"/dang-phi/to-chuc/{small.cells[0].slug}/nop/"
    good = {
        "person": person.id,
        "paid_on": "2017-01-20",
        "first_month": "1/2017",
        "months": "1",
        "amount": "30.000",
        "method": "cash",
        "token": "form-1",
    }
    before = _counts()
    for bad, message in (
        ({"person": 999999}, "Không tìm thấy đảng viên"),
        ({"amount": "-30.000"}, "không được âm"),
        ({"amount": "30,5"}, "không phải là số tiền"),
        ({"first_month": "13/2017"}, "không phải là tháng"),
    ):
        response = client.post(url, {**good, **bad})
        assert response.status_code == 400
        assert message in response.content.decode()
    assert _counts() == before
    response = client.post(url, good)
    assert response.status_code == 302
    assert client.post(url, good).status_code == 302  # sent twice: still one payment
    assert Payment.objects.get().amount == 30_000
