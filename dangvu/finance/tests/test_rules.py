"""The fee rule in force for each month: Quyết định 342-QĐ/TW for 2017, Quy định 01-QĐ/TW from
02/2026 (1% of the previous month's base, 0,5% of a pension, 5.000 đ for students), and an
organization's own values for what the rules leave unconfirmed."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from dangvu.finance import actions, book
from dangvu.finance.ledger import ledger
from dangvu.finance.models import FeeSetting
from dangvu.finance.rulebook import RuleBook, file_rule

D = dt.date


def _line(person, month):
    return book.compute(month, month, person_ids=[person.id])[person.id].months[month]


def test_rule_in_force_by_month():
    assert "342-QĐ/TW" in file_rule(D(2017, 6, 1)).source
    assert "342-QĐ/TW" in file_rule(D(2026, 1, 1)).source
    assert "01-QĐ/TW" in file_rule(D(2026, 2, 1)).source
    assert "01-QĐ/TW" in file_rule(D(2026, 11, 1)).source


def test_2017_pays_one_percent_of_the_month_rounded_to_hundreds(small):
    person = small.member(base=2_831_400)
    assert _line(person, D(2017, 5, 1)).due == 28_300


def test_2026_pays_one_percent_of_the_previous_month(small):
    person = small.member(base=3_000_000)
    actions.set_salary_base(None, person, month=D(2026, 1, 1), amount=5_000_000)
    actions.set_salary_base(None, person, month=D(2026, 2, 1), amount=6_000_000)
    actions.set_salary_base(None, person, month=D(2026, 3, 1), amount=6_543_210)
    assert _line(person, D(2026, 1, 1)).due == 50_000  # 342: the month's own base
    feb = _line(person, D(2026, 2, 1))
    assert (feb.base, feb.due) == (5_000_000, 50_000)  # 01-QĐ/TW: January's base
    assert _line(person, D(2026, 3, 1)).due == 60_000
    assert _line(person, D(2026, 4, 1)).due == 65_432  # to the đồng under 01-QĐ/TW


def test_2026_coefficient_uses_the_previous_months_statutory_salary(small):
    person = small.member(base=None)
    actions.set_salary_base(None, person, month=D(2024, 1, 1), coefficient="2.34")
    # 06/2024 at 1.800.000, 07/2024 at 2.340.000: the fee of 07/2024 (342) is on July itself.
    assert _line(person, D(2024, 6, 1)).due == 42_100
    assert _line(person, D(2024, 7, 1)).due == 54_800
    assert _line(person, D(2026, 3, 1)).due == 54_756


def test_pension_and_students(small):
    retiree = small.member(base=4_123_457, kind="pension")
    student = small.member(base=0, kind="student")
    assert _line(retiree, D(2017, 3, 1)).due == 20_600
    assert _line(retiree, D(2026, 3, 1)).due == 20_617
    assert _line(student, D(2017, 3, 1)).due == 2_000
    assert _line(student, D(2026, 3, 1)).due == 5_000


def test_fifty_years_in_the_party_exempts_from_2026(small):
    veteran = small.member(admitted=D(1970, 5, 19), base=5_000_000)
    assert _line(veteran, D(2026, 1, 1)).due == 50_000
    feb = _line(veteran, D(2026, 2, 1))
    assert feb.due == 0 and "50 năm tuổi Đảng" in feb.exempt


def test_an_organization_sets_an_unconfirmed_value(small):
    student = small.member(base=0, kind="student")
    actions.set_fee_setting(
        None,
        small.committee,
        key="rates.student",
        value="3.000",
        month=D(2017, 1, 1),
        note="Nghị quyết của Đảng ủy",
    )
    assert _line(student, D(2016, 12, 1)).due == 2_000
    assert _line(student, D(2017, 1, 1)).due == 3_000  # the cell follows its committee
    rule = RuleBook.for_org(small.cells[0]).for_month(D(2017, 1, 1))
    assert "rates.student" in rule.overridden
    # Under 01-QĐ/TW the student amount is confirmed: the setting no longer applies.
    assert _line(student, D(2026, 3, 1)).due == 5_000


def test_a_confirmed_value_cannot_be_set(small):
    with pytest.raises(ValidationError, match="không đặt riêng được"):
        actions.set_fee_setting(
            None, small.committee, key="rates.salary", value="2%", month=D(2017, 1, 1)
        )
    with pytest.raises(ValidationError, match="đã được xác nhận"):
        actions.set_fee_setting(
            None, small.committee, key="rates.student", value="3000", month=D(2026, 3, 1)
        )
    with pytest.raises(ValidationError, match="không hợp lệ"):
        actions.set_fee_setting(
            None,
            small.committee,
            key="shares.party_committee",
            value="ba mươi",
            month=D(2026, 3, 1),
        )
    assert not FeeSetting.objects.exists()


def test_a_share_set_by_the_committee_changes_what_is_remitted(small):
    person = small.member(base=5_000_000)
    for month in (1, 2, 3, 4):
        actions.record_payment(
            None, person, paid_on=D(2026, month, 20), amount=50_000, first_month=D(2026, month, 1)
        )
    assert ledger(small.committee, 2026).remitted == 60_000  # 30% of 200.000
    actions.set_fee_setting(
        None, small.committee, key="shares.party_committee", value="25%", month=D(2026, 3, 1)
    )
    # January–February at 30%, March–April at 25%.
    assert ledger(small.committee, 2026).remitted == 30_000 + 25_000
