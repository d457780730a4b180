"""Dates as Party documents write them and as users type them."""

import datetime as dt
import re

_DMY = re.compile(r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$")
_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")


def parse_date(value: object) -> dt.date | None:
    """Read a date typed as 29/6/2017, 29-06-2017, 29.6.2017 or 2017-06-29.

    Returns None for an empty value; raises ValueError for anything else that is not a real date.
    """
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    if not text:
        return None
    m = _DMY.match(text)
    if m:
        day, month, year = (int(g) for g in m.groups())
        return dt.date(year, month, day)
    m = _ISO.match(text)
    if m:
        year, month, day = (int(g) for g in m.groups())
        return dt.date(year, month, day)
    raise ValueError(text)


def vn_date(d: dt.date) -> str:
    """dd/mm/yyyy, as the UI shows dates."""
    return d.strftime("%d/%m/%Y")


def place_date(place: str, d: dt.date) -> str:
    """The place-date line of a Party document: days below 10 and months 1–2 get a leading zero."""
    month = f"{d.month:02d}" if d.month <= 2 else str(d.month)
    return f"{place}, ngày {d.day:02d} tháng {month} năm {d.year}"


def add_months(d: dt.date, months: int) -> dt.date:
    """The same day `months` later; the last day of the month when that day does not exist."""
    month0 = d.month - 1 + months
    year, month = d.year + month0 // 12, month0 % 12 + 1
    for day in (d.day, 30, 29, 28):
        try:
            return dt.date(year, month, min(d.day, day))
        except ValueError:
            continue
    raise AssertionError("unreachable")
