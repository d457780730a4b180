"""The number, money and figure formats every page uses ({% load vn %})."""

import datetime as dt
from decimal import Decimal

import pytest
from django import forms
from django.template import Context, Template

from dangvu.templatetags.vn import figure_value, ngay, so


def render(text, **context):
    return Template("{% load vn %}" + text).render(Context(context))


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (9512466, "9.512.466"),
        (-1234, "-1.234"),
        (999, "999"),
        (Decimal("97.5"), "97,5"),
        (Decimal("91.0"), "91"),
        (Decimal("12345.25"), "12.345,25"),
        (Decimal("-0.5"), "-0,5"),
        (None, ""),
    ],
)
def test_numbers_take_dots_and_a_decimal_comma(value, shown):
    assert so(value) == shown


def test_figure_lists_are_lists_not_python_text():
    html = render("{{ v|figure_value:'programme.next_year.outline' }}", v=["1. Lãnh đạo", "<b>"])
    assert "['" not in html and "<li>1. Lãnh đạo</li>" in html
    assert "&lt;b&gt;" in html  # escaped, never raw markup from records


def test_figure_table_rows_read_as_lines():
    rows = [("+ Thu đảng phí", ": 19.454.400 đồng")]
    assert "<li>+ Thu đảng phí: 19.454.400 đồng</li>" in str(figure_value(rows, "fees.table"))


def test_years_keep_no_thousands_dot_but_money_does():
    assert figure_value(2017, "period.year") == "2017"
    assert figure_value(9512466, "campaigns.disaster_fund.money") == "9.512.466"
    assert figure_value([], "x") == "(trống)"


def test_dates_are_day_first():
    assert ngay(dt.date(2017, 5, 10)) == "10/05/2017"
    assert render("{{ d|ngay }}", d=None) == ""


def test_a_typed_date_is_day_first():
    # Django's Vietnamese locale has no input formats: the settings must put dd/mm/yyyy first.
    field = forms.DateField()
    assert field.clean("10/05/2017") == dt.date(2017, 5, 10)
    assert field.clean("2017-05-10") == dt.date(2017, 5, 10)
    with pytest.raises(forms.ValidationError):
        field.clean("31/02/2017")
