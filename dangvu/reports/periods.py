"""Reporting periods and the checks that a report can be written for them.

A report kind covers one period of a year: `annual` the year, `six_month` the first half ("sơ kết
6 tháng đầu năm"), `quarterly` a quarter (Q1…Q4), `monthly` a month (01…12). Every refusal is a
`ValidationError` in Vietnamese, so commands and pages show it as it is.
"""

import datetime as dt

from django.core.exceptions import ValidationError

from dangvu.core.facts import Period
from dangvu.lib.rules import rule_in_force

# kind -> (label shown to users, period codes it accepts, the default code)
KINDS = {
    "annual": ("Báo cáo năm", [""], ""),
    "six_month": ("Báo cáo sơ kết 6 tháng đầu năm", ["H1"], "H1"),
    "quarterly": ("Báo cáo quý", ["Q1", "Q2", "Q3", "Q4"], None),
    "monthly": ("Báo cáo tháng", [f"{m:02d}" for m in range(1, 13)], None),
}
ROMAN_QUARTERS = {1: "I", 2: "II", 3: "III", 4: "IV"}
FIRST_YEAR = 1930  # the Party's founding: no report of a grassroots organization before it


def kind_label(kind):
    return KINDS[kind][0] if kind in KINDS else kind


def normalize_code(kind, code):
    """The period code of `kind` as stored: "" (annual), "H1", "Q1"…"Q4", "01"…"12"."""
    if kind not in KINDS:
        raise ValidationError(f"Không có loại báo cáo “{kind}”; hãy chọn: {', '.join(KINDS)}.")
    _label, codes, default = KINDS[kind]
    code = _written(code)
    if not code:
        if default is None:
            raise ValidationError(
                f"{kind_label(kind)} cần kỳ báo cáo (--period): {_choices(codes)}."
            )
        return default
    if code not in codes:
        raise ValidationError(
            f"Kỳ “{code}” không hợp với {kind_label(kind).lower()}; hãy chọn: {_choices(codes)}."
        )
    return code


def check_code(code):
    """A period code of any report kind, as stored: "" (the year), "H1", "Q1"…"Q4", "01"…"12"
    (a month may be written "3"). Anything else is refused, so that no deadline, tracker or
    export is ever about a period that does not exist."""
    code = _written(code)
    if not any(code in codes for _label, codes, _default in KINDS.values()):
        raise ValidationError(
            f"Kỳ “{code}” không hợp lệ: hãy ghi H1, Q1…Q4, 01…12, hoặc để trống (cả năm)."
        )
    return code


def _written(code):
    """A period code as stored, from what was typed: " q2" is "Q2", a month "3" is "03"."""
    code = (code or "").strip().upper()
    return f"{int(code):02d}" if code.isdigit() else code


def _choices(codes):
    return ", ".join(c for c in codes if c) if len(codes) < 5 else f"{codes[0]}…{codes[-1]}"


def check_year(year, today=None):
    """A year a report can be about: from the Party's founding to the current year."""
    today = today or dt.date.today()
    if not isinstance(year, int) or year < FIRST_YEAR or year > 9999:
        raise ValidationError(
            f"Năm báo cáo {year} không hợp lệ: hãy ghi một năm từ {FIRST_YEAR} đến {today.year}."
        )
    if year > today.year:
        raise ValidationError(f"Năm {year} chưa đến: chỉ lập được báo cáo đến năm {today.year}.")


def period_of(year, code=""):
    """The dates of period `code` of `year`."""
    if not code:
        return Period.year(year)
    if code == "H1":
        return Period(dt.date(year, 1, 1), dt.date(year, 6, 30))
    if code.startswith("Q"):
        q = int(code[1])
        return Period(dt.date(year, 3 * q - 2, 1), _month_end(year, 3 * q))
    month = int(code)
    return Period(dt.date(year, month, 1), _month_end(year, month))


def _month_end(year, month):
    first_next = dt.date(year + (month == 12), month % 12 + 1, 1)
    return first_next - dt.timedelta(days=1)


def period_name(period):
    """ "năm 2017", "6 tháng đầu năm 2017", "quý I năm 2017", "tháng 3 năm 2017"."""
    s, e = period.start, period.end
    months = (e.year - s.year) * 12 + e.month - s.month + 1
    if months == 12:
        return f"năm {s.year}"
    if months == 6:
        return f"6 tháng {'đầu' if s.month == 1 else 'cuối'} năm {s.year}"
    if months == 3:
        return f"quý {ROMAN_QUARTERS[(s.month + 2) // 3]} năm {s.year}"
    return f"tháng {s.month} năm {s.year}"


def next_period(period):
    """The period after `period`, of the same length: what the programme part looks to."""
    s, e = period.start, period.end
    months = (e.year - s.year) * 12 + e.month - s.month + 1
    start = e + dt.timedelta(days=1)
    end_month0 = start.month - 1 + months - 1
    year, month = start.year + end_month0 // 12, end_month0 % 12 + 1
    return Period(start, _month_end(year, month))


def period_label(kind, year, code):
    """ "Báo cáo năm 2017", "Báo cáo quý I năm 2017", as the report list shows it."""
    name = period_name(period_of(year, code))
    return f"Báo cáo {'sơ kết ' if kind == 'six_month' else ''}{name}"


def check_org_in_period(org, period, today=None):
    """Refuse a period the organization did not exist in, or one that has not begun."""
    today = today or dt.date.today()
    name = org.name_on(min(period.end, today))
    if period.start > today:
        raise ValidationError(
            f"Kỳ báo cáo {period_name(period)} chưa bắt đầu (hôm nay là {today:%d/%m/%Y})."
        )
    if org.valid_from > period.end:
        raise ValidationError(
            f"{name} chưa được thành lập trong {period_name(period)} "
            f"(thành lập ngày {org.valid_from:%d/%m/%Y})."
        )
    if org.valid_to is not None and org.valid_to <= period.start:
        ended = "sáp nhập" if org.end_reason == "merged" else "giải thể"
        raise ValidationError(
            f"{name} đã {ended} từ ngày {org.valid_to:%d/%m/%Y}, "
            f"không còn hoạt động trong {period_name(period)}."
        )


def check_rules_in_force(period):
    """Refuse a period before the rules dangvu computes with (fees, classification, format)."""
    year_end = dt.date(period.end.year, 12, 31)  # the yearly review is judged at the year's end
    for topic, what, day in (
        ("classification", "đánh giá, xếp loại", year_end),
        ("document_format", "thể thức văn bản", period.end),
        ("membership", "đảng viên", period.end),
    ):
        try:
            rule_in_force(topic, day)
        except LookupError:
            raise ValidationError(
                f"Chưa có quy định về {what} có hiệu lực trong {period_name(period)} "
                f"trong dangvu (thư mục dangvu/rules/{topic}); chưa lập được báo cáo kỳ này."
            ) from None


def default_issue_date(period, today=None):
    """The day a report of `period` is dated until the office sets it: the period's last day, or
    today while the period runs."""
    today = today or dt.date.today()
    return min(period.end, today)
