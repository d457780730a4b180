"""Self-assessment of degradation, pledges, study plans and shortcomings carried over."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from dangvu.review import actions
from dangvu.review.models import DegradationAssessment, Shortcoming

from .conftest import facts

DAY = dt.date(2017, 10, 20)


def _assess(world, signs, **subject):
    return actions.assess_degradation(
        None, org=world.committee, year=2017, assessed_on=DAY, signs=signs, **subject
    )


def test_degradation_counts_people_by_membership_and_distinct_signs(world):
    _assess(world, ["1.3", "1.6", "2.8", "1.4"], subject_org=world.committee)
    _assess(world, ["1.3", "1.6"], subject_org=world.cell1)
    _assess(world, ["1.2"], subject_person=world.members1[0])
    _assess(world, ["1.2", "1.3"], subject_person=world.members1[1])
    _assess(world, [], subject_person=world.members1[2])
    _assess(world, ["2.3"], subject_person=world.masses[0])
    f = facts(world.committee)
    assert f["degradation.collective.db-thu"] == 4
    assert f["degradation.collective.cb-mot"] == 2
    assert f["degradation.members"] == 2
    assert f["degradation.union_members"] == 1
    assert f["degradation.individual_signs"] == 3
    assert f["degradation.assessed"] == 4
    # Assessing again replaces the year's assessment.
    _assess(world, [], subject_person=world.members1[0])
    assert facts(world.committee)["degradation.members"] == 1


def test_an_unknown_sign_is_named_and_nothing_written(world):
    with pytest.raises(ValidationError, match="9.9"):
        _assess(world, ["1.2", "9.9"], subject_person=world.members1[0])
    assert not DegradationAssessment.objects.exists()


def test_pledges_and_the_members_without_one(world):
    for p in world.members1:
        actions.sign_pledge(None, org=world.committee, person=p, year=2017, signed_on=DAY)
    f = facts(world.committee)
    assert f["pledges.members"] == 6
    assert f["pledges.members_missing"] == 4  # Chi bộ Hai has not signed
    with pytest.raises(ValidationError, match="đã ký"):
        actions.sign_pledge(
            None, org=world.committee, person=world.members1[0], year=2017, signed_on=DAY
        )


def test_study_plans_of_collectives_members_and_union_members(world):
    for org in (world.committee, world.union):
        actions.register_study_plan(
            None,
            org=world.committee,
            year=2017,
            subject_org=org,
            registered_on=dt.date(2017, 2, 20),
        )
    for p in [*world.members1, *world.masses]:
        actions.register_study_plan(
            None,
            org=world.committee,
            year=2017,
            subject_person=p,
            registered_on=dt.date(2017, 2, 20),
        )
    f = facts(world.committee)
    assert (
        f["study_plans.collectives"],
        f["study_plans.individuals"],
        f["study_plans.members"],
        f["study_plans.union_members"],
    ) == (2, 9, 6, 3)
    with pytest.raises(ValidationError, match="không chọn cả hai"):
        actions.register_study_plan(
            None,
            org=world.committee,
            year=2017,
            subject_org=world.cell1,
            subject_person=world.members2[0],
            registered_on=dt.date(2017, 2, 20),
        )


def test_shortcomings_from_last_year_and_their_remedy(world):
    found = [
        actions.record_shortcoming(None, org=world.committee, review_year=2016, text=f"Hạn chế {i}")
        for i in range(1, 6)
    ]
    assert [s.number for s in found] == [1, 2, 3, 4, 5]
    for s in found[:4]:
        actions.remedy_shortcoming(None, s, dt.date(2017, 6, 30))
    f = facts(world.committee)
    assert (f["shortcomings.found"], f["shortcomings.remedied"], f["shortcomings.in_progress"]) == (
        5,
        4,
        1,
    )
    # Remedied in 2018: still in progress at the end of 2017.
    actions.remedy_shortcoming(None, found[4], dt.date(2018, 3, 1))
    assert facts(world.committee)["shortcomings.in_progress"] == 1
    with pytest.raises(ValidationError, match="đã được khắc phục"):
        actions.remedy_shortcoming(None, found[4], dt.date(2018, 4, 1))
    with pytest.raises(ValidationError, match="số 2"):
        actions.record_shortcoming(
            None, org=world.committee, review_year=2016, number=2, text="Trùng số"
        )
    assert Shortcoming.objects.count() == 5


def test_review_page_and_forms(world, user_with):
    _assess(world, ["1.3"], subject_org=world.cell1)
    s = actions.record_shortcoming(None, org=world.committee, review_year=2016, text="Chậm")
    client = user_with("office", world.committee)
    html = client.get("/ren-luyen/?nam=2017").content.decode()
    assert "Chi bộ Một" in html and "Chậm" in html
    response = client.post(f"/ren-luyen/khuyet-diem/{s.id}/khac-phuc/", {"on": "2017-07-01"})
    assert response.status_code == 302
    s.refresh_from_db()
    assert s.remedied_on == dt.date(2017, 7, 1)
    response = client.post(
        "/ren-luyen/suy-thoai/them/",
        {
            "org": world.committee.id,
            "year": 2017,
            "subject_person": world.members1[0].id,
            "assessed_on": "2017-10-20",
            "signs": ["1.2", "2.8"],
        },
    )
    assert response.status_code == 302
    assert DegradationAssessment.objects.get(subject_person=world.members1[0]).signs == [
        "1.2",
        "2.8",
    ]


def test_a_saved_shortcoming_leads_to_the_review_of_its_year(world, user_with):
    client = user_with("office", world.committee)
    response = client.post(
        "/ren-luyen/khuyet-diem/them/",
        {"org": world.committee.id, "review_year": 2016, "text": "Sinh hoạt chưa đều"},
    )
    assert response.status_code == 302 and response.url == "/ren-luyen/?nam=2016"
    assert Shortcoming.objects.get().text == "Sinh hoạt chưa đều"
