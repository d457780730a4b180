"""Impossible figures: none in any report of the demo or of two made-up organizations, each
found when a figure is made so, refused at finalising and an error of the checker."""

import datetime as dt
from dataclasses import replace

import pytest
from django.core.exceptions import ValidationError

from dangvu.core.facts import Figure, compute
from dangvu.lib.checker import ERROR
from dangvu.meetings import actions as meetings
from dangvu.orgs import actions as org_actions
from dangvu.orgs.models import Organization
from dangvu.people import actions as people
from dangvu.reports import actions, invariants
from dangvu.reports.checking import check_bytes
from dangvu.reports.models import ReportDraft
from dangvu.reports.periods import KINDS, period_of

K = Organization.Kind
YEARS = range(2014, 2027)


# Every year: the annual report, the first half-year and December. In the years the records are
# in, every period of every kind besides. An empty year's other periods are the same empty
# computation over again, at a cost the suite feels.
MONTHS_IN = (2017, 2021, 2024)


def _periods(busy_years=MONTHS_IN):
    for year in YEARS:
        for _label, codes, _default in KINDS.values():
            for code in codes:
                if year in busy_years or code in ("", "H1", "12"):
                    yield year, code


def _assert_none_broken(org, busy_years=MONTHS_IN):
    checked = 0
    for year, code in _periods(busy_years):
        period = period_of(year, code)
        if not (org.is_active_on(period.end) or org.is_active_on(period.start)):
            continue
        facts = compute(org, period)
        assert invariants.broken(org, period, facts) == [], (org.slug, year, code)
        checked += 1
    return checked


@pytest.mark.sweep
@pytest.mark.parametrize(
    "slug",
    [
        "so-tttt-tra-vinh",
        *[f"so-tttt-chi-bo-{n}" for n in range(1, 5)],
        "dang-uy-khoi-cac-co-quan-tra-vinh",
    ],
)
def test_no_report_of_the_demo_breaks_an_invariant(demo, slug):
    assert _assert_none_broken(Organization.objects.get(slug=slug)) > 50


@pytest.fixture
def school(db):
    """A made-up committee of a college in another province, with two cells of three members
    that met once together (with five guests) in 2021, and a grassroots cell beside it."""
    superior = org_actions.create_org(
        None,
        kind=K.SUPERIOR_COMMITTEE,
        name="Đảng ủy Khối các cơ quan tỉnh Bến Tre",
        slug="duk-co-quan-ben-tre",
        valid_from=dt.date(2008, 1, 1),
        symbol="ĐUK",
        place="Bến Tre",
    )
    committee = org_actions.create_org(
        None,
        kind=K.PARTY_COMMITTEE,
        name="Đảng bộ Trường Cao đẳng Bến Tre",
        slug="db-cao-dang-ben-tre",
        parent=superior,
        valid_from=dt.date(2016, 1, 1),
        symbol="ĐU",
    )
    cells = [
        org_actions.create_org(
            None,
            kind=K.PARTY_CELL,
            name=f"Chi bộ Khoa {n}",
            slug=f"cb-khoa-{n}-ben-tre",
            parent=committee,
            valid_from=dt.date(2016, 1, 1),
        )
        for n in (1, 2)
    ]
    alone = org_actions.create_org(
        None,
        kind=K.PARTY_CELL,
        name="Chi bộ Sở Tư pháp tỉnh Bến Tre",
        slug="cb-tu-phap-ben-tre",
        parent=superior,
        valid_from=dt.date(2015, 1, 1),
        symbol="CB",
    )
    people_of = {}
    for org in [*cells, alone]:
        people_of[org.id] = []
        for i in range(3):
            p = people.create_person(
                None, home_org=org, full_name=f"Nguyễn Văn {org.slug[:6]} {i}",
                gender="male", birth_date=dt.date(1980 + i, 1, 1),
            )  # fmt: skip
            people.transfer_in(
                None, p, org, dt.date(2016, 3, 1),
                admitted_on=dt.date(2010, 6, 1), official_on=dt.date(2011, 6, 1),
            )  # fmt: skip
            people_of[org.id].append(p)
    joint = meetings.create_activity(
        None, organizers=cells, kind="thematic_meeting", title="Sinh hoạt chuyên đề liên chi bộ",
        starts_on=dt.date(2021, 5, 19), head_count=5,
    )  # fmt: skip
    everyone = [p for c in cells for p in people_of[c.id]]
    meetings.record_attendance(None, joint, {p: "present" for p in everyone})
    for org in [*cells, alone]:
        own = meetings.create_activity(
            None, organizers=[org], kind="regular_meeting", title="Sinh hoạt chi bộ tháng 6",
            starts_on=dt.date(2021, 6, 5),
        )  # fmt: skip
        meetings.record_attendance(None, own, {p: "present" for p in people_of[org.id]})
    return committee, cells, alone


@pytest.mark.sweep
def test_no_report_of_made_up_organizations_breaks_an_invariant(school):
    committee, cells, alone = school
    for org in (committee, *cells, alone, committee.parent):
        assert _assert_none_broken(org, busy_years=(2016, 2021)) > 50


def test_a_joint_meeting_counts_each_cells_own_members(school):
    committee, cells, _alone = school
    # Each cell counts its own three members at the joint meeting; the committee all six and
    # the five guests.
    year = period_of(2021, "")
    assert compute(cells[0], year)["activities.thematic_meeting.attendances"].value == 3
    assert compute(committee, year)["activities.thematic_meeting.attendances"].value == 11


def test_too_many_attendances_are_found_with_their_sessions(school):
    _committee, cells, _alone = school
    facts = compute(cells[0], period_of(2021, ""))
    name = "activities.thematic_meeting.attendances"
    # Counting the whole joint meeting in one cell (the old rule) gives more than its members.
    facts[name] = replace(facts[name], value=11)
    found = invariants.attendance_bounds(cells[0], facts)
    assert [b.names for b in found] == [(name,)]
    assert found[0].records["meetings.activity"] == facts[name].records["meetings.activity"]
    assert "11 lượt" in found[0].message and "(08:" in found[0].message
    facts[name] = replace(facts[name], value=3)
    assert invariants.attendance_bounds(cells[0], facts) == []


def test_parts_sums_and_the_ledger():
    def figures(values):
        return {name: Figure(v, label=name) for name, v in values.items()}

    values = {
        "party.members": 13, "party.members.full": 10, "party.members.probationary": 3,
        "fees.carried_over": 100, "fees.allocation": 0, "fees.collected": 50,
        "fees.remitted": 15, "fees.expenses": 35, "fees.balance": 100,
    }  # fmt: skip
    assert invariants.parts_and_sums(figures(values)) == []
    bad = figures({**values, "party.members.probationary": 14, "fees.balance": 99})
    names = [b.names[0] for b in invariants.parts_and_sums(bad)]
    assert names == ["party.members.probationary", "party.members", "fees.carried_over"]


def test_the_checker_finds_attendances_no_cell_could_make():
    text = "Chi bộ có 13 đảng viên.\n\nTổ chức 15 cuộc sinh hoạt với 620 lượt đảng viên tham dự.\n"
    found = [f for f in check_bytes(text.encode(), "bc.md") if f.code == "impossible_figure"]
    assert [(f.line, f.severity) for f in found] == [(3, ERROR)]
    fine = text.replace("620", "190")
    assert not [f for f in check_bytes(fine.encode(), "bc.md") if f.code == "impossible_figure"]


def test_finalising_is_refused_for_a_broken_invariant(demo, monkeypatch):
    draft = actions.new_version(None, ReportDraft.objects.get(org=demo, year=2017, version=1))
    draft = actions.edit_header(None, draft, number="Số 15-BC/ĐU")
    real = invariants.broken

    def with_one(org, period, facts):
        made = invariants.Broken(("x",), "Tổng không khớp.", {"meetings.activity": {7}})
        return [*real(org, period, facts), made]

    monkeypatch.setattr(invariants, "broken", with_one)
    with pytest.raises(ValidationError, match=r"Số liệu không thể đúng: Tổng không khớp.*#7"):
        actions.finalise(None, draft)
    assert not ReportDraft.objects.get(pk=draft.pk).is_final
