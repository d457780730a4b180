"""Section I statistics come from records, change with them, and are taken as of a date."""

import datetime as dt
import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from dangvu.finance.models import FeeYear
from dangvu.people import actions
from dangvu.people.models import Membership, Person, Qualification, StaffRecord
from dangvu.people.stats import section_one, values

END_2017 = dt.date(2017, 12, 31)

# The figures of section I of the reference report (bao-cao-2017-dang-bo-so-tttt.md).
REFERENCE_2017 = {
    "committee.term": "2015-2020",
    "committee.members": 7,
    "party.cells": 4,
    "party.members": 54,
    "party.members.full": 51,
    "party.members.probationary": 3,
    "agency.directors": 1,
    "agency.deputy_directors": 3,
    "agency.departments": 6,
    "agency.service_units": 2,
    "staff.quota": 62,
    "staff.quota.civil_servant": 30,
    "staff.quota.public_employee": 32,
    "staff.present": 59,
    "staff.civil_servant": 30,
    "staff.civil_servant.women": 12,
    "staff.public_employee": 29,
    "staff.public_employee.women": 6,
    "staff.public_employee.ethnic_minority": 2,
    "staff.contract": 5,
    "staff.contract.at_agency": 4,
    "staff.contract.at_service_units": 1,
    "staff.contract.women": 2,
    "education.doctor": 1,
    "education.master": 4,
    "education.bachelor": 52,
    "education.intermediate": 1,
    "education.other": 6,
    "political_theory.bachelor": 3,
    "political_theory.advanced": 5,
    "political_theory.intermediate": 22,
    "mass.trade_union": 64,
    "mass.youth_union": 23,
    "mass.veterans": 4,
}


def test_demo_gives_every_section_one_figure_of_the_reference_report(demo):
    got = values(section_one(demo, END_2017))
    assert {k: got[k] for k in REFERENCE_2017} == REFERENCE_2017


def test_stats_command_prints_the_figures_as_json(demo):
    out = StringIO()
    call_command("stats", org="so-tttt-tra-vinh", date="2017-12-31", json=True, stdout=out)
    data = json.loads(out.getvalue())
    assert data["date"] == "2017-12-31"
    assert data["facts"]["party.members"] == 54
    assert data["facts"]["mass.trade_union"] == 64


def test_stats_command_text_and_bad_input(demo):
    out = StringIO()
    call_command("stats", org="so-tttt-tra-vinh", date="31/12/2017", stdout=out)
    assert "Đảng viên chính thức" in out.getvalue()
    with pytest.raises(CommandError, match="không hợp lệ"):
        call_command("stats", org="so-tttt-tra-vinh", date="2017-02-30")
    with pytest.raises(CommandError, match="Không tìm thấy"):
        call_command("stats", org="khong-co", date="2017-12-31")


def test_stats_command_is_scoped_by_user(demo):
    with pytest.raises(CommandError, match="Không tìm thấy"):
        call_command("stats", org="so-tttt-tra-vinh", date="2017-12-31", user="bithu1")
    out = StringIO()
    call_command(
        "stats", org="so-tttt-chi-bo-1", date="2017-12-31", user="bithu1", json=True, stdout=out
    )
    cell = json.loads(out.getvalue())["facts"]
    assert 0 < cell["party.members"] < 54


def test_figures_are_taken_as_of_the_date(demo):
    mid = values(section_one(demo, dt.date(2017, 7, 1)))
    end = values(section_one(demo, END_2017))
    later = values(section_one(demo, dt.date(2018, 12, 31)))
    # The member who left on 01/08/2017 counts mid-year; the July admission does not yet.
    assert mid["party.members"] == end["party.members"]
    assert mid["staff.civil_servant"] == end["staff.civil_servant"] + 1
    mid_probationers = section_one(demo, dt.date(2017, 7, 1))["party.members.probationary"].people
    admitted_by_july = set(
        Person.objects.filter(
            party__admitted_on__range=(dt.date(2017, 1, 1), dt.date(2017, 7, 1))
        ).values_list("id", flat=True)
    )
    assert len(admitted_by_july) == 2
    assert admitted_by_july <= mid_probationers
    assert mid["party.members.full"] + mid["party.members.probationary"] == mid["party.members"]
    # 2018: one probationer recognised, one member of Chi bộ 2 moved away.
    assert later["party.members"] == end["party.members"] - 1
    assert later["party.members.probationary"] == end["party.members.probationary"] - 1
    assert values(section_one(demo, dt.date(2013, 1, 1)))["party.members"] == 0


def test_changing_a_record_changes_the_figure(demo):
    day = END_2017
    person = Person.objects.filter(
        staff_records__category=StaffRecord.Category.CIVIL_SERVANT, gender=Person.Gender.MALE
    ).first()
    actions.update_person(None, person, gender=Person.Gender.FEMALE)
    after = values(section_one(demo, day))
    assert after["staff.civil_servant.women"] == REFERENCE_2017["staff.civil_servant.women"] + 1

    cell = demo.children.get(slug="so-tttt-chi-bo-3")
    newcomer = actions.create_person(
        None,
        home_org=demo,
        full_name="Lâm Thị Thử",
        gender="female",
        birth_date=dt.date(1990, 1, 1),
        ethnicity="Khmer",
    )
    # The demo closes its 2017 fee year, which refuses an admission dated in it; the figures of
    # section I, not the fee books, are under test here.
    FeeYear.objects.filter(year__gte=2017).delete()
    actions.admit(None, newcomer, cell, dt.date(2017, 11, 2))
    after = values(section_one(demo, day))
    assert after["party.members"] == 55
    assert after["party.members.probationary"] == 4


def test_highest_qualification_on_the_date_counts(demo):
    person = Person.objects.filter(
        qualifications__kind=Qualification.Kind.EDUCATION,
        qualifications__level="bachelor",
        staff_records__valid_to=None,
    ).first()
    actions.add_qualification(
        None, person, kind="education", level="master", obtained_on=dt.date(2018, 3, 1)
    )
    assert values(section_one(demo, END_2017))["education.master"] == 4
    assert values(section_one(demo, dt.date(2018, 12, 31)))["education.master"] == 5


def test_the_subtree_of_a_cell_counts_only_its_members(demo):
    cells = demo.children.filter(kind="party_cell")
    totals = [values(section_one(c, END_2017))["party.members"] for c in cells]
    assert sum(totals) == 54
    assert all(t > 0 for t in totals)


def test_figures_list_the_records_behind_them(demo):
    figures = section_one(demo, END_2017)
    full = figures["party.members.full"].people
    assert len(full) == 51
    active = Membership.objects.filter(kind="party", person_id__in=full, valid_to=None)
    # One of them leaves in 2018, another resigns in 2022.
    assert active.count() >= 49
    assert figures["party.cells"].orgs == frozenset(
        demo.children.filter(kind="party_cell").values_list("id", flat=True)
    )


def test_stats_use_a_bounded_number_of_queries(demo, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        section_one(demo, END_2017)


@pytest.mark.django_db
@pytest.mark.parametrize("two_posts", [False, True])
def test_figures_counted_in_sql_equal_the_figures_from_records(two_posts):
    """The statistics page counts staff and qualifications in SQL (`records=False`); the
    figures must be those the records give, also when someone holds two posts at once and when
    a qualification is obtained after the day."""
    from dangvu.superior import synthetic

    superior = synthetic.build(committees=3, cells=2, members=15, year=2017)
    record = StaffRecord.objects.filter(agency__parent__parent=superior).first()
    if two_posts:
        StaffRecord.objects.create(
            person=record.person,
            agency=record.agency,
            category="contract",
            position="director",
            valid_from=dt.date(2016, 1, 1),
        )
    Qualification.objects.create(
        person=record.person, kind="education", level="doctor", obtained_on=dt.date(2018, 1, 1)
    )
    for day in (END_2017, dt.date(2018, 6, 1)):
        counted = values(section_one(superior, day, records=False))
        assert counted == values(section_one(superior, day)), day
        assert counted["staff.present"] > 0 and counted["education.bachelor"] > 0


def test_facts_command_writes_a_day_fact_as_json(demo):
    # Years after the demo's staff records, the facts name the day those records were last
    # changed (a date); the JSON output must carry it as ISO text, not fail.
    text = StringIO()
    call_command("facts", org="so-tttt-tra-vinh", year=2024, stdout=text)
    out = StringIO()
    call_command("facts", org="so-tttt-tra-vinh", year=2024, json=True, stdout=out)
    since = json.loads(out.getvalue())["facts"]["staff.stale_since"]
    assert since == dt.date.fromisoformat(since).isoformat()
    assert "staff.stale_since" in text.getvalue() and since in text.getvalue()
