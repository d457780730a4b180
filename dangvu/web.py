"""Small helpers shared by the views of every app.

URL parameters are read here, by one set of parsers: an absent or unreadable filter falls back
to the page's default, a value dangvu cannot hold (a year outside 1930–2100, a 40-digit number)
is a 400 with a Vietnamese message, and an organization out of the user's scope is a 404 that
does not name it. No view parses `request.GET` by hand.

The URLs of a record kind are made here too (`kind_urls`, `record_urls`): each URL is named
after the view that serves it, and the standard pages stand where every kind has them.
"""

import datetime as dt
from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.core.exceptions import BadRequest, ValidationError
from django.core.paginator import Paginator
from django.db.models import Max
from django.http import Http404
from django.shortcuts import render
from django.urls import path
from django.utils import timezone

from dangvu.lib.dates import parse_date

# The years dangvu keeps records of: a Party organization's records start after 1930.
MIN_YEAR, MAX_YEAR = 1930, 2100
# The largest whole number a form or a URL accepts: far above any sum of đồng or head count, far
# below what a database's big integer holds, so a 40-digit figure is refused, not a crash.
MAX_WHOLE = 10**15


def check_year(year, what="Năm"):
    """`year` if dangvu keeps records of it; else a 400 with a Vietnamese message."""
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise BadRequest(f"{what} {year} không hợp lệ: chỉ nhận từ {MIN_YEAR} đến {MAX_YEAR}.")
    return year


def url_year(year):
    """A year that is part of a page's address (…/bao-cao-gui/2017/): one out of range is a page
    that does not exist, a 404."""
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise Http404(f"Không có trang của năm {year}: chỉ có từ {MIN_YEAR} đến {MAX_YEAR}.")
    return year


def _whole(text):
    """A whole number typed in a URL, None when it is not one; any number longer than MAX_WHOLE's
    digits reads as MAX_WHOLE + 1 (Python refuses to read a few thousand digits)."""
    text = (text or "").strip()
    if not (text.isdecimal() and text.isascii()):
        return None
    return int(text) if len(text) <= len(str(MAX_WHOLE)) else MAX_WHOLE + 1


def optional_year_param(request, name="nam"):
    """A year filter: None when absent or unreadable, a 400 when out of range."""
    year = _whole(request.GET.get(name))
    return None if year is None else check_year(year)


def year_param(request, latest=None, name="nam"):
    """The page's year: ?nam=2017 when given, `default_year(latest)` when absent or unreadable,
    a 400 when out of range."""
    return optional_year_param(request, name) or default_year(latest)


def optional_day_param(request, name):
    """A date filter (2017-12-31 or 31/12/2017): None when absent or unreadable, a 400 when its
    year is out of range (9999-12-31 would overflow every date computed from it)."""
    try:
        day = parse_date(request.GET.get(name))
    except (ValueError, OverflowError):
        return None
    if day is not None:
        check_year(day.year, "Ngày có năm")
    return day


def day_param(request, name="ngay", default=None):
    """The as-of date of a page (?ngay=2017-12-31 or 31/12/2017); today when absent or unreadable."""
    return optional_day_param(request, name) or default or dt.date.today()


def month_param(request, name="thang", default=None):
    """A month (?thang=2017-03) as its first day; `default` (this month) when absent or
    unreadable, a 400 when out of range."""
    try:
        first = dt.datetime.strptime(request.GET.get(name, ""), "%Y-%m").date()
    except ValueError:
        return default or dt.date.today().replace(day=1)
    check_year(first.year, "Tháng có năm")
    return first


def whole_param(request, name, default=0):
    """A whole number (?nhom=2): `default` when absent or unreadable, a 400 above MAX_WHOLE."""
    value = _whole(request.GET.get(name))
    if value is None:
        return default
    if value > MAX_WHOLE:
        raise BadRequest(f"Giá trị “{name}” quá lớn.")
    return value


def org_param(request, orgs=None, name="to-chuc"):
    """The organization a page is narrowed to (?to-chuc=<slug>): None when absent; a 404 naming
    nothing when it is not among `orgs` (by default those the user reads), so a page never tells
    the name of an organization out of scope."""
    slug = (request.GET.get(name) or "").strip()
    if not slug:
        return None
    orgs = request.scope.orgs() if orgs is None else orgs
    org = orgs.filter(slug=slug).first()
    if org is None:
        raise Http404("Không tìm thấy tổ chức.")
    return org


class WholeNumberField(forms.IntegerField):
    """A whole number no database refuses: a 40-digit figure is a form error, not a crash."""

    def __init__(self, *, min_value=-MAX_WHOLE, max_value=MAX_WHOLE, **kwargs):
        super().__init__(min_value=min_value, max_value=max_value, **kwargs)


class YearField(forms.IntegerField):
    def __init__(self, **kwargs):
        # A model's integer field offers its own bounds (0…32767); a year's are dangvu's.
        kwargs.update(min_value=MIN_YEAR, max_value=MAX_YEAR)
        super().__init__(**kwargs)


# The first option of a dropdown (Django's default is "---------"): "— Chọn —" where a choice
# must be made, "—" where it may be left (it reads as "nothing chosen", which is what it sends).
EMPTY_LABEL = "— Chọn —"
NOTHING_CHOSEN = "—"


def first_option(required: bool) -> str:
    """The label of a dropdown's empty first option (see EMPTY_LABEL)."""
    return EMPTY_LABEL if required else NOTHING_CHOSEN


def default_year(latest=None):
    """The one rule for the year a page opens on when none is asked: the latest year that has
    records (`latest`, None when there are none), else the current year."""
    return latest or timezone.localdate().year


def latest_year(qs, field):
    """The latest year of `field` (a date or a year number) among `qs`, or None when it is empty."""
    value = qs.aggregate(latest=Max(field))["latest"]
    return value.year if isinstance(value, dt.date) else value


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


def attempt(func, *args, **kwargs):
    """Run an action outside a form: (result, []) or (None, its Vietnamese messages)."""
    try:
        return func(*args, **kwargs), []
    except ValidationError as e:
        return None, e.messages


def refused(request, errors):
    """Say an action's refusal (the messages `attempt` returned) on the next page; whether there
    was one."""
    for error in errors:
        messages.error(request, error)
    return bool(errors)


def render_form(request, form, *, title, back_url, submit="Lưu", intro=""):
    return render(
        request,
        "form.html",
        {"form": form, "title": title, "back_url": back_url, "submit": submit, "intro": intro},
        status=400 if form.is_bound and form.errors else 200,
    )


def page_of(request, rows, per_page=50):
    """One page (`?trang=`) of `rows`, and the list's query string without the page: the links
    to the pages before and after keep its filters (`pager.html`)."""
    page = Paginator(rows, per_page).get_page(request.GET.get("trang"))
    query = request.GET.copy()
    query.pop("trang", None)
    return page, query.urlencode()


@dataclass
class UncountedPage:
    """One page of a list not counted (`page_uncounted`), with what the pager links need."""

    number: int
    object_list: list
    has_next: bool
    per_page: int

    def has_previous(self):
        return self.number > 1

    def previous_page_number(self):
        return self.number - 1

    def next_page_number(self):
        return self.number + 1

    def start_index(self):
        return (self.number - 1) * self.per_page + 1


def page_uncounted(request, rows, per_page=50):
    """Like `web.page_of`, one page (`?trang=`) of `rows` and the query string without the
    page, but never counting `rows`: the members of a province a viewer may read take seconds to
    count (each row tested against the viewer's scope), a page of them milliseconds. The page
    reads one row more than it shows, to know whether another page follows."""
    try:
        number = max(int(request.GET.get("trang", 1)), 1)
    except ValueError:
        number = 1
    start = (number - 1) * per_page
    found = list(rows[start : start + per_page + 1])
    page = UncountedPage(number, found[:per_page], len(found) > per_page, per_page)
    query = request.GET.copy()
    query.pop("trang", None)
    return page, query.urlencode()


def bad_request(request, exception):
    """The 400 page (`handler400`). It shows the message of a parser's BadRequest, which is
    Vietnamese; Django's own refusals (a foreign Host header, a body too large) say English
    things about the server, so they get the general sentence."""
    message = str(exception) if type(exception) is BadRequest else ""
    return render(request, "400.html", {"message": message}, status=400)


# URLs ------------------------------------------------------------------------------------------

# Where the standard pages of a record kind stand: on the kind (below its prefix) and on one
# record (below the record's own prefix, e.g. "hoat-dong/<int:activity_id>/").
KIND_PAGES = {"list": "", "create": "them/"}
RECORD_PAGES = {"detail": "", "edit": "sua/", "delete": "xoa/"}


def kind_urls(views, kind, prefix, *pages):
    """The URLs of a record kind's pages under `prefix`: a standard page by name ("list",
    "create") or a (route, page) pair; each is served by the view `<kind>_<page>` of `views`
    and named after it."""
    return [_page_url(views, kind, prefix, page, KIND_PAGES) for page in pages]


def record_urls(views, kind, prefix, *pages):
    """The URLs of the pages of one record of a kind under `prefix` (which holds its key): a
    standard page by name ("detail", "edit", "delete") or a (route, page) pair."""
    return [_page_url(views, kind, prefix, page, RECORD_PAGES) for page in pages]


def _page_url(views, kind, prefix, page, standard):
    route, page = (standard[page], page) if isinstance(page, str) else page
    name = f"{kind}_{page}"
    return path(prefix + route, getattr(views, name), name=name)
