"""The fee forms are derived from the models (`dangvu.records.record_form`): an edit opens on
what is stored, money is typed as đồng and coefficients with a decimal comma."""

import datetime as dt
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model

from dangvu.accounts.models import Role
from dangvu.finance import actions
from dangvu.finance.models import LedgerEntry, SalaryBase

D = dt.date


@pytest.fixture
def office(small, client):
    user = get_user_model().objects.create_user("vp")
    Role.objects.create(user=user, kind=Role.Kind.OFFICE, org=small.committee)
    client.force_login(user)
    return client


def test_a_payment_edit_opens_on_the_stored_payment(small, office):
    person = small.member()
    payment = actions.record_payment(
        None, person, paid_on=D(2017, 1, 20), amount=30_200, first_month=D(2017, 1, 1),
        receipt_no="BL-07",
    )  # fmt: skip
    url = f"/dang-phi/khoan-nop/{payment.id}/sua/"
    page = office.get(url).content.decode()
    assert 'value="30.200"' in page and 'value="BL-07"' in page and 'value="2017-01-20"' in page
    edited = {"paid_on": "2017-01-21", "amount": "45.000", "method": "cash", "receipt_no": "BL-07"}
    assert office.post(url, edited).status_code == 302
    payment.refresh_from_db()
    assert (payment.amount, payment.paid_on) == (45_000, D(2017, 1, 21))


def test_a_ledger_entry_is_added_and_corrected_through_its_derived_forms(small, office):
    add = f"/dang-phi/to-chuc/{small.committee.slug}/so-quy/2017/ghi/"
    form = office.get(add).content.decode()
    assert "Khoản chi" in form and "Chứng từ" in form
    entry = {"kind": "expense", "category": "rewards", "on": "2017-05-02", "amount": "80.000",
             "description": "Khen thưởng", "document": "PC-12"}  # fmt: skip
    assert office.post(add, entry).status_code == 302
    stored = LedgerEntry.objects.get()
    edit = f"/dang-phi/but-toan/{stored.id}/sua/"
    page = office.get(edit).content.decode()
    assert 'value="80.000"' in page and 'value="PC-12"' in page and 'name="kind"' not in page
    assert office.post(edit, {**entry, "amount": "8.000"}).status_code == 302
    stored.refresh_from_db()
    assert (stored.amount, stored.document) == (8_000, "PC-12")


def test_a_fee_base_takes_coefficients_with_a_decimal_comma(small, office):
    person = small.member(base=None)
    url = f"/dang-phi/dang-vien/{person.id}/luong/"
    posted = {"month": "3/2017", "kind": "salary", "coefficient": "4,98", "amount": ""}
    assert office.post(url, posted).status_code == 302
    base = SalaryBase.objects.get(person=person)
    assert (base.valid_from, base.coefficient, base.amount) == (D(2017, 3, 1), Decimal("4.98"), 0)
