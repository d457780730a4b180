"""Bar charts as plain geometry, drawn as server-side SVG by a template.

No Django here: a chart is a title, axis labels and bars with their coordinates in a fixed
viewBox; the template scales it to the width of the page (a 390 px phone included) and prints the
same numbers as a table. Values are integers or anything `fmt` can print; bars never go below zero.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

# The drawing is laid out in this coordinate space and scaled by the browser (viewBox).
WIDTH = 360
FONT = 12


@dataclass
class Bar:
    label: str
    value: int
    text: str  # the value as printed
    x: float
    y: float
    width: float
    height: float
    # Where the category label and the value are written.
    label_x: float = 0
    label_y: float = 0
    value_x: float = 0
    value_y: float = 0
    short: str = ""  # the label as drawn (long labels are cut, the <title> keeps them whole)


@dataclass
class Tick:
    pos: float  # x of a vertical grid line (horizontal chart) or y of a horizontal one
    text: str


@dataclass
class Chart:
    title: str
    value_label: str
    category_label: str
    horizontal: bool
    width: int
    height: int
    bars: list = field(default_factory=list)
    ticks: list = field(default_factory=list)
    # The plot area: left, top, right, bottom.
    box: tuple = (0, 0, 0, 0)
    total: int = 0

    @property
    def empty(self) -> bool:
        return not any(bar.value for bar in self.bars)


def nice_step(top: float, most: int = 5) -> int:
    """A round step (1, 2 or 5 times a power of ten) giving at most `most` intervals up to `top`."""
    if top <= 0:
        return 1
    step = 1
    while True:
        for factor in (1, 2, 5):
            if top / (step * factor) <= most:
                return step * factor
        step *= 10


def _ticks(top, step, fmt):
    count = -(-top // step) if top else 1
    return [(i * step, fmt(i * step)) for i in range(int(count) + 1)]


def _short(label, limit):
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def compact(value: float) -> str:
    """A tick of money: 1500000 -> "1,5 tr", 250000 -> "250 N" (Vietnamese decimal comma)."""
    for unit, suffix in ((1_000_000, " tr"), (1_000, " N")):
        if value >= unit:
            return f"{value / unit:g}".replace(".", ",") + suffix
    return str(value)


def bar_chart(
    title: str,
    rows: Iterable[tuple[object, float | None]],
    *,
    value_label: str,
    category_label: str,
    fmt: Callable[[int], str] = str,
    tick_fmt: Callable[[int], str] | None = None,
    horizontal: bool = True,
) -> "Chart":
    """A bar chart of `rows`, [(label, value)], in the order given.

    Horizontal charts write each label above its bar, full width, so long Vietnamese labels
    stay readable on a phone; vertical (column) charts suit short labels such as months.
    """
    bars = [(str(label), max(int(value or 0), 0)) for label, value in rows]
    top = max((value for _label, value in bars), default=0)
    step = nice_step(top)
    ticks = _ticks(top, step, tick_fmt or fmt)
    axis_top = ticks[-1][0] or 1
    chart = Chart(
        title=title,
        value_label=value_label,
        category_label=category_label,
        horizontal=horizontal,
        width=WIDTH,
        height=0,
        total=sum(value for _label, value in bars),
    )
    if horizontal:
        _lay_out_rows(chart, bars, ticks, axis_top, fmt)
    else:
        _lay_out_columns(chart, bars, ticks, axis_top, fmt)
    return chart


def _lay_out_rows(chart, rows, ticks, axis_top, fmt):
    left, right, top = 4, WIDTH - 44, 22
    row_height, bar_height = 34, 14
    bottom = top + row_height * max(len(rows), 1)
    scale = (right - left) / axis_top
    for i, (label, value) in enumerate(rows):
        y = top + i * row_height
        chart.bars.append(
            Bar(
                label=label,
                value=value,
                text=fmt(value),
                x=left,
                y=y + 16,
                width=round(value * scale, 1),
                height=bar_height,
                label_x=left,
                label_y=y + 12,
                value_x=round(left + value * scale + 4, 1),
                value_y=y + 27,
                short=_short(label, 52),
            )
        )
    chart.ticks = [Tick(round(left + v * scale, 1), text) for v, text in ticks]
    chart.box = (left, top, right, bottom)
    chart.height = bottom + 36


def _lay_out_columns(chart, rows, ticks, axis_top, fmt):
    widest = max((len(text) for _v, text in ticks), default=1)
    left, right, top, bottom = 8 + widest * 7, WIDTH - 6, 22, 190
    scale = (bottom - top) / axis_top
    slot = (right - left) / max(len(rows), 1)
    for i, (label, value) in enumerate(rows):
        height = round(value * scale, 1)
        x = left + i * slot
        chart.bars.append(
            Bar(
                label=label,
                value=value,
                text=fmt(value),
                x=round(x + slot * 0.15, 1),
                y=round(bottom - height, 1),
                width=round(slot * 0.7, 1),
                height=height,
                label_x=round(x + slot / 2, 1),
                label_y=bottom + 14,
                value_x=round(x + slot / 2, 1),
                value_y=round(bottom - height - 3, 1),
                short=_short(label, 4),
            )
        )
    chart.ticks = [Tick(round(bottom - v * scale, 1), text) for v, text in ticks]
    chart.box = (left, top, right, bottom)
    chart.height = bottom + 36
