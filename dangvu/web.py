"""Small helpers shared by the views of every app."""

import datetime as dt

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Max
from django.shortcuts import render
from django.utils import timezone

from dangvu.lib.dates import parse_date


def day_param(request, name="ngay", default=None):
    """The as-of date of a page (?ngay=2017-12-31 or 31/12/2017); today when absent or unreadable."""
    try:
        day = parse_date(request.GET.get(name))
    except ValueError:
        day = None
    return day or default or dt.date.today()


# The first option of a dropdown nothing is chosen in (Django's default is "---------").
EMPTY_LABEL = "— Chọn —"


def default_year(latest=None):
    """The one rule for the year a page opens on when none is asked: the latest year that has
    records (`latest`, None when there are none), else the current year."""
    return latest or timezone.localdate().year


def latest_year(qs, field):
    """The latest year of `field` (a date or a year number) among `qs`, or None when it is empty."""
    value = qs.aggregate(latest=Max(field))["latest"]
    return value.year if isinstance(value, dt.date) else value


def year_param(request, latest=None, name="nam"):
    """The page's year: ?nam=2017 when given and plausible, else `default_year(latest)`."""
    try:
        year = int(request.GET.get(name, ""))
    except ValueError:
        return default_year(latest)
    return year if 1930 <= year <= 2100 else default_year(latest)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def apply_action(form, func, *args, **kwargs):
    """Run a named action for a valid form; its ValidationError becomes a form error (nothing written)."""
    try:
        return func(*args, **kwargs)
    except ValidationError as e:
        for message in e.messages:
            form.add_error(None, message)
        return None


def render_form(request, form, *, title, back_url, submit="Lưu", intro=""):
    return render(
        request,
        "form.html",
        {"form": form, "title": title, "back_url": back_url, "submit": submit, "intro": intro},
        status=400 if form.is_bound and form.errors else 200,
    )
