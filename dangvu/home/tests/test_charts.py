"""Charts: the geometry is proportional to the numbers, the SVG fits any width, and every chart
prints the numbers it draws as a table — the ones of the page it sits on."""

import datetime as dt
import re

import pytest

from dangvu.lib.charts import WIDTH, bar_chart, nice_step
from dangvu.people.stats import section_one


def test_nice_step_gives_round_steps_and_at_most_five_intervals():
    assert [nice_step(n) for n in (0, 3, 7, 10, 11, 48, 260, 1_234_567)] == [
        1,
        1,
        2,
        2,
        5,
        10,
        100,
        500_000,
    ]


@pytest.mark.parametrize("horizontal", [True, False])
def test_bars_are_proportional_and_stay_inside_the_drawing(horizontal):
    chart = bar_chart(
        "Thử",
        [("Một", 10), ("Hai", 5), ("Không", 0), ("Âm thành không", -3)],
        value_label="Số",
        category_label="Nhóm",
        horizontal=horizontal,
    )
    sizes = [b.width if horizontal else b.height for b in chart.bars]
    assert sizes[0] == pytest.approx(2 * sizes[1]) and sizes[2] == sizes[3] == 0
    assert chart.total == 15
    for bar in chart.bars:
        assert 0 <= bar.x and bar.x + bar.width <= WIDTH
        assert 0 <= bar.y and bar.y + bar.height <= chart.height
    # The last tick reaches the longest bar.
    left, _top, right, bottom = chart.box
    end = chart.ticks[-1].pos
    assert (end >= left + sizes[0]) if horizontal else (end <= bottom - sizes[0])


def test_an_empty_chart_says_so():
    assert bar_chart("Thử", [("A", 0)], value_label="x", category_label="y").empty
    assert bar_chart("Thử", [], value_label="x", category_label="y").empty


pytestmark_db = pytest.mark.django_db


def _bars(html, chart_key):
    """{label: value} of the <g class="bar"> of one chart, and of its table rows."""
    figure = html.split(f'data-chart="{chart_key}"', 1)[1].split("</figure>", 1)[0]
    svg, table = figure.split("</svg>", 1)
    pattern = r'data-label="([^"]*)" data-value="(\d+)"'
    return dict(re.findall(pattern, svg)), dict(re.findall(pattern, table))


@pytestmark_db
def test_statistics_page_charts_match_section_one(demo, login):
    day = dt.date(2017, 12, 31)
    html = login("vanphong").get(f"/to-chuc/{demo.slug}/thong-ke/?ngay={day}").content.decode()
    figures = section_one(demo, day)
    assert html.count("<svg") == 4
    assert 'viewBox="0 0 360 ' in html and 'width="100%"' in html
    drawn, table = _bars(html, "education")
    assert drawn == table
    expected = {
        name: str(fig.value) for name, fig in figures.items() if name.startswith("education.")
    }
    assert sorted(drawn.values()) == sorted(expected.values())
    members = figures["party.members"].value
    for key in ("members-by-age", "members-by-sex"):
        drawn, table = _bars(html, key)
        assert drawn == table
        assert sum(map(int, drawn.values())) == members > 0


@pytestmark_db
def test_fee_book_and_activity_list_have_their_charts(demo, login):
    client = login("vanphong")
    book = client.get(f"/dang-phi/to-chuc/{demo.slug}/so-thu-nop/2017/").content.decode()
    drawn, table = _bars(book, "fees-by-month")
    assert list(drawn) == [f"T{m}" for m in range(1, 13)] and drawn == table
    paid = re.search(r"<strong data-paid>([\d.]+)</strong>", book).group(1)
    assert sum(map(int, drawn.values())) == int(paid.replace(".", ""))
    listing = client.get("/hoat-dong/?nam=2017&loai=regular_meeting").content.decode()
    drawn, table = _bars(listing, "attendance-by-meeting")
    assert drawn == table and len(drawn) == listing.count("data-present>")
    shown = re.findall(r'<td class="num" data-present>(\d+)</td>', listing)
    assert sorted(drawn.values()) == sorted(shown)


def test_money_ticks_are_short():
    from dangvu.lib.charts import compact

    assert [compact(v) for v in (0, 500, 250_000, 1_500_000, 2_000_000)] == [
        "0",
        "500",
        "250 N",
        "1,5 tr",
        "2 tr",
    ]
