"""Template tags drawing the product's charts as inline SVG, each with its numbers as a table.

`{% chart c key %}` draws a chart built by a view; the other tags build a chart from what a page
already has in its context, so a page gains a chart without another query of its own.
"""

from django import template

from dangvu.lib.charts import bar_chart, compact
from dangvu.lib.text import money
from dangvu.meetings.models import Activity

register = template.Library()

MEETINGS = {Activity.Kind.REGULAR_MEETING, Activity.Kind.THEMATIC_MEETING}


def _context(chart, key, fmt=str, table_open=False):
    return {"chart": chart, "key": key, "total_text": fmt(chart.total), "table_open": table_open}


@register.inclusion_tag("home/_chart.html")
def chart(chart, key, table_open=False):
    return _context(chart, key, table_open=table_open)


@register.inclusion_tag("home/_chart.html")
def fee_month_chart(totals, year):
    """Fees collected by month: `totals` are the fee book's paid amounts of months 1…12."""
    rows = [(f"T{month}", amount) for month, amount in enumerate(totals, start=1)]
    built = bar_chart(
        f"Đảng phí đã đóng cho từng tháng năm {year}",
        rows,
        value_label="Số tiền (tr: triệu đồng, N: nghìn đồng)",
        category_label="Tháng",
        fmt=money,
        tick_fmt=compact,
        horizontal=False,
    )
    return _context(built, "fees-by-month", money)


@register.inclusion_tag("home/_chart.html")
def attendance_chart(activities):
    """Members present at each party meeting among `activities` (the rows a list shows, each
    annotated with `present`), oldest first."""
    meetings = sorted(
        (a for a in activities if a.kind in MEETINGS),
        key=lambda a: (a.starts_on, a.id),
    )
    rows = [(f"{a.starts_on:%d/%m/%Y} · {a.title}", a.present) for a in meetings]
    built = bar_chart(
        "Số đảng viên có mặt theo từng buổi sinh hoạt chi bộ (các hoạt động đang xem)",
        rows,
        value_label="Số người có mặt",
        category_label="Buổi sinh hoạt",
    )
    return _context(built, "attendance-by-meeting")
