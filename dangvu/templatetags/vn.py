"""Template filters that write numbers, money and figures the Vietnamese way, on every page.

Loaded with `{% load vn %}` (registered in settings.TEMPLATES as a library, since `dangvu` itself
is not an app).
"""

import datetime as dt
from decimal import Decimal

from django import template
from django.utils.html import format_html, format_html_join

from dangvu.lib.dates import vn_date
from dangvu.lib.text import decimal_vi, money

register = template.Library()


@register.filter
def so(value):
    """A number with dots between thousands and a decimal comma: 1234567 -> "1.234.567", 12.5 ->
    "12,5". Anything else is shown as it is; None shows nothing."""
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return "có" if value else "không"
    if isinstance(value, int):
        return money(value)
    if isinstance(value, Decimal | float):
        whole = Decimal(str(value))
        if whole == whole.to_integral():
            return money(int(whole))
        sign = "-" if whole < 0 else ""
        integer, _, fraction = decimal_vi(abs(whole)).partition(",")
        return f"{sign}{money(int(integer))},{fraction}"
    return value


@register.filter
def dong(value):
    """Integer đồng with dots between thousands ("1.234.567"); empty for None."""
    if value is None or value == "":
        return ""
    return money(int(value))


@register.filter
def ngay(value):
    """A date as dd/mm/yyyy; empty for None."""
    if isinstance(value, dt.datetime):
        value = value.date()
    return vn_date(value) if isinstance(value, dt.date) else ""


def _is_year(fact: str) -> bool:
    # Years (period.year, period.next_year) are numbers that never take a thousands dot.
    return fact.rsplit(".", 1)[-1].endswith("year")


def _line(item):
    # Table rows of a figure are (label, text) pairs: "+ Thu đảng phí", ": 1.234.000 đồng".
    if isinstance(item, list | tuple):
        return "".join(str(so(part)) for part in item)
    return so(item)


@register.filter
def figure_value(value, fact=""):
    """A report figure for reading: numbers formatted, a list as a list (not "['1. …']")."""
    if isinstance(value, list | tuple):
        if not value:
            return "(trống)"
        items = format_html_join("", "<li>{}</li>", ((_line(item),) for item in value))
        return format_html('<ul class="figure-lines">{}</ul>', items)
    if value is None or value == "":
        return "(trống)"
    if isinstance(value, int) and not isinstance(value, bool) and _is_year(fact):
        return str(value)
    return so(value)


@register.filter
def is_list(value):
    return isinstance(value, list | tuple)
