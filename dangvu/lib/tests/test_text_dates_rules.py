import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dangvu.lib.dates import add_months, parse_date, place_date
from dangvu.lib.rules import rule_in_force
from dangvu.lib.text import count, decimal_vi, fold, money


def test_fold_removes_diacritics_and_d_stroke():
    assert fold("  Nguyễn   Văn ĐỨC ") == "nguyen van duc"


@given(st.text())
def test_fold_never_fails_and_is_idempotent(text):
    assert fold(fold(text)) == fold(text)


def test_number_formats():
    assert count(4) == "04" and count(54) == "54"
    assert count(1343) == "1.343" and count(0) == "00" and count(-3) == "-3"
    assert money(9512466) == "9.512.466" and money(0) == "0"
    assert decimal_vi(Decimal("97.5")) == "97,5" and decimal_vi(Decimal("91.0")) == "91"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("29/6/2017", dt.date(2017, 6, 29)),
        ("29-06-2017", dt.date(2017, 6, 29)),
        ("2017-06-29", dt.date(2017, 6, 29)),
        ("", None),
    ],
)
def test_parse_date(text, expected):
    assert parse_date(text) == expected


def test_parse_date_rejects_impossible_dates():
    with pytest.raises(ValueError):
        parse_date("31/02/2017")


def test_place_date_leading_zeros():
    assert place_date("Trà Vinh", dt.date(2017, 12, 5)) == "Trà Vinh, ngày 05 tháng 12 năm 2017"
    assert place_date("Trà Vinh", dt.date(2018, 2, 15)) == "Trà Vinh, ngày 15 tháng 02 năm 2018"


def test_add_months_clamps_to_month_end():
    assert add_months(dt.date(2016, 2, 29), 12) == dt.date(2017, 2, 28)
    assert add_months(dt.date(2017, 1, 31), 1) == dt.date(2017, 2, 28)


def test_rule_in_force_by_date():
    assert rule_in_force("membership", dt.date(2017, 1, 1)).source.startswith("Điều lệ Đảng (2011)")
    assert "294-QĐ/TW" in rule_in_force("membership", dt.date(2026, 1, 1)).source
    with pytest.raises(LookupError):
        rule_in_force("membership", dt.date(1900, 1, 1))
