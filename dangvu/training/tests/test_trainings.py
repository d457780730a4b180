"""Trainings: enrolments, completion, and the qualification a completed course grants."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from dangvu.orgs import actions as org_actions
from dangvu.people import actions as people_actions
from dangvu.people.models import Qualification
from dangvu.people.stats import section_one
from dangvu.training import actions
from dangvu.training.models import Enrolment

from .conftest import START, facts

C = Enrolment.Course


def _enrol(world, person, course, start, end=None):
    return actions.enrol(
        None, person, org=world.committee, course=course, starts_on=start, ends_on=end
    )


def test_completing_a_degree_course_adds_the_qualification_from_that_day(world):
    person = world.members1[0]
    # Section I counts the levels of the agency's staff.
    agency = org_actions.create_org(
        None, kind="agency", name="Sở Thử", parent=world.committee, valid_from=START
    )
    people_actions.add_staff_record(
        None, person, agency=agency, category="civil_servant", valid_from=START
    )
    e = _enrol(world, person, C.POLITICAL_INTERMEDIATE, dt.date(2017, 3, 1), dt.date(2018, 8, 1))
    before = section_one(world.committee, dt.date(2018, 12, 31))["political_theory.intermediate"]
    actions.complete_enrolment(None, e, dt.date(2018, 8, 15))
    q = Qualification.objects.get(person=person)
    assert (q.kind, q.level, q.obtained_on) == (
        "political_theory",
        "intermediate",
        dt.date(2018, 8, 15),
    )
    e.refresh_from_db()
    assert e.status == "completed" and e.qualification == q
    after = section_one(world.committee, dt.date(2018, 12, 31))["political_theory.intermediate"]
    assert after.value == before.value + 1
    # The year before keeps the level held then.
    assert (
        section_one(world.committee, dt.date(2017, 12, 31))["political_theory.intermediate"].value
        == before.value
    )


def test_a_short_course_grants_nothing(world):
    e = _enrol(world, world.members1[0], C.STATE_PRINCIPAL, dt.date(2017, 8, 7))
    actions.complete_enrolment(None, e, dt.date(2017, 11, 24))
    assert not Qualification.objects.exists()


def test_people_count_in_every_year_their_course_runs(world):
    _enrol(world, world.members1[0], C.MASTER, dt.date(2016, 10, 1), dt.date(2018, 10, 1))
    done = _enrol(world, world.members1[1], C.MASTER, dt.date(2015, 1, 1))
    actions.complete_enrolment(None, done, dt.date(2016, 6, 1))
    _enrol(world, world.members1[2], C.MASTER, dt.date(2018, 2, 1))
    assert facts(world.committee, 2016)["trainings.master.people"] == 2
    assert facts(world.committee, 2017)["trainings.master.people"] == 1
    assert facts(world.committee, 2018)["trainings.master.people"] == 2


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda w, e: actions.complete_enrolment(None, e, dt.date(2017, 1, 1)), "từ ngày bắt đầu"),
        (
            lambda w, e: _enrol(
                w, w.members1[1], C.SECRETARY, dt.date(2017, 6, 1), dt.date(2017, 5, 1)
            ),
            "Ngày kết thúc",
        ),
    ],
)
def test_bad_dates_write_nothing(world, call, message):
    e = _enrol(world, world.members1[0], C.POLITICAL_ADVANCED, dt.date(2017, 3, 1))
    with pytest.raises(ValidationError, match=message):
        call(world, e)
    e.refresh_from_db()
    assert e.status == "studying" and Enrolment.objects.count() == 1
    assert not Qualification.objects.exists()


def test_complete_page(world, user_with):
    e = _enrol(world, world.members1[0], C.MASTER, dt.date(2016, 10, 1))
    client = user_with("office", world.committee)
    assert e.person.full_name in client.get("/dao-tao/?nam=2017").content.decode()
    response = client.post(f"/dao-tao/{e.id}/hoan-thanh/", {"on": "2018-10-01"})
    assert response.status_code == 302
    assert Qualification.objects.get(person=e.person).level == "master"
    # Completing twice is refused, and the second call writes nothing.
    response = client.post(f"/dao-tao/{e.id}/hoan-thanh/", {"on": "2018-11-01"})
    assert response.status_code == 400 and "đã kết thúc" in response.content.decode()
    assert Qualification.objects.count() == 1


def test_enrol_page_sends_the_chosen_person_and_names_them(world, user_with):
    person = world.members1[1]
    client = user_with("office", world.committee)
    response = client.post(
        "/dao-tao/them/",
        {
            "person": person.id,
            "org": world.committee.id,
            "course": C.POLITICAL_ADVANCED,
            "starts_on": "2017-09-01",
        },
        follow=True,
    )
    assert response.redirect_chain[-1][0] == "/dao-tao/"
    assert f"Đã ghi {person} đi học." in response.content.decode()
    assert Enrolment.objects.get().person == person
