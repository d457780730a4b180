"""The periodic reports speak of the cells' monthly meetings as real ones do ("duy trì sinh hoạt
chi bộ định kỳ …"), from the cell meeting facts, and say nothing where there are none; a cell's
monthly report reads as a cell's: its own members, no committee's words."""

import datetime as dt
import re

import pytest

from dangvu.lib.narrative import render_value
from dangvu.meetings.facts import cell_meeting_facts
from dangvu.orgs import actions as org_actions
from dangvu.orgs.models import Organization
from dangvu.people.stats import section_one
from dangvu.reports.outputs import rendered
from dangvu.reports.periods import period_of
from dangvu.reports.render import to_markdown
from dangvu.reports.unsaved import unsaved_draft

pytestmark = pytest.mark.django_db
COMMITTEE, CELL = "so-tttt-tra-vinh", "so-tttt-chi-bo-2"


def _md(org, kind, year, period):
    return to_markdown(rendered(unsaved_draft(org, year, kind, period)).document)


def _value(facts, name):
    return render_value(facts[f"cell_meetings.{name}"].value)


@pytest.mark.parametrize(
    "kind,year,period",
    [("monthly", 2017, "06"), ("six_month", 2017, "H1"), ("quarterly", 2017, "Q2")],
)
def test_the_committee_s_periodic_reports_say_how_its_cells_met(demo, kind, year, period):
    org = Organization.objects.get(slug=COMMITTEE)
    facts = cell_meeting_facts(org, period_of(year, period))
    assert facts["cell_meetings.expected"].value > 0
    md = _md(org, kind, year, period)
    line = next(p for p in md.split("\n") if p.startswith("Duy trì sinh hoạt chi bộ định kỳ"))
    assert f"{_value(facts, 'held')} lượt chi bộ sinh hoạt thường kỳ" in line
    assert f"trên {_value(facts, 'expected')} lượt theo quy định" in line
    assert f"đạt {_value(facts, 'attendance_rate')}%" in line
    assert "cell_meetings" not in md and "[thiếu số liệu" not in md


def test_a_cell_s_monthly_report_says_how_it_met(demo):
    cell = Organization.objects.get(slug=CELL)
    facts = cell_meeting_facts(cell, period_of(2017, "06"))
    md = _md(cell, "monthly", 2017, "06")
    assert (
        f"Chi bộ duy trì sinh hoạt định kỳ: sinh hoạt {_value(facts, 'held')} trong "
        f"{_value(facts, 'expected')} kỳ theo quy định" in md
    )
    assert "Duy trì sinh hoạt chi bộ định kỳ hằng tháng" not in md


def test_no_cell_meetings_no_sentence(demo):
    empty = org_actions.create_org(
        None,
        kind="party_committee",
        name="Đảng bộ Không Chi Bộ",
        parent=Organization.objects.get(slug="dang-uy-khoi-cac-co-quan-tra-vinh"),
        valid_from=dt.date(2010, 1, 1),
    )
    assert cell_meeting_facts(empty, period_of(2017, "06"))["cell_meetings.expected"].value == 0
    md = _md(empty, "monthly", 2017, "06")
    assert "sinh hoạt chi bộ định kỳ" not in md and "cell_meetings" not in md


COMMITTEE_WORDS = re.compile(
    r"chi ủy|Ban Chấp hành|Ban Thường vụ|Các chi bộ|chi bộ trực thuộc|Đảng bộ Sở .* có \d+ đảng viên"
    r"|kết nạp \d+ đảng viên mới|T/M ĐẢNG ỦY"
)


def test_the_cell_s_june_2017_monthly_report_reads_as_a_cell_s(demo):
    cell = Organization.objects.get(slug=CELL)
    md = _md(cell, "monthly", 2017, "06")
    body = md.split("Nơi nhận:")[0]
    assert not COMMITTEE_WORDS.search(body), COMMITTEE_WORDS.search(body)
    assert "T/M CHI BỘ\nBÍ THƯ" in md and "**CHI BỘ 2**" in md
    # Its own members on the month's end, and attendances no more than they could be.
    members = section_one(cell, dt.date(2017, 6, 30))["party.members"].value
    assert f"Chi bộ 2 có {members:02d} đảng viên" in md
    for sessions, attendances in re.findall(r"(\d+) cuộc(?: với|,) (\d+) lượt đảng viên", body):
        assert int(attendances) <= int(sessions) * members, (sessions, attendances, members)
    assert re.search(r"(\d+) cuộc(?: với|,) (\d+) lượt đảng viên", body)
    # What the cell does: it proposes, the committee admits.
    assert "Chi bộ xét, đề nghị" in body or "đề nghị" not in body
