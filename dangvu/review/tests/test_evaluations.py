"""Evaluation and classification: bands from the rule in force for the year, and the quota."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from dangvu.review import actions
from dangvu.review.models import Evaluation

from .conftest import facts


def _evaluate(world, year, person, **kw):
    return actions.evaluate(
        None,
        org=world.committee,
        year=year,
        evaluated_on=dt.date(year + 1, 1, 10),
        subject_person=person,
        **kw,
    )


def test_the_band_follows_the_rule_of_the_year(world):
    e2017, _ = _evaluate(world, 2017, world.members1[0], score="91")
    e2024, _ = _evaluate(world, 2024, world.members1[0], score="91")
    assert e2017.band == e2024.band == "excellent"
    assert "27-HD/BTCTW" in e2017.rule_source
    assert "124-QĐ/TW" in e2024.rule_source
    assert actions.band_label(actions.classification_rule(2017), "good", for_org=True) == (
        "Hoàn thành tốt nhiệm vụ"
    )
    # 27-HD/BTCTW (2014) rates organizations "Trong sạch, vững mạnh" … "Yếu kém"; from 2018 on,
    # organizations take the members' four levels.
    assert actions.band_label(actions.classification_rule(2017), "excellent", for_org=True) == (
        "Trong sạch, vững mạnh"
    )
    assert actions.band_label(actions.classification_rule(2017), "not_done", for_org=True) == (
        "Yếu kém"
    )
    assert actions.band_label(actions.classification_rule(2019), "excellent", for_org=True) == (
        "Hoàn thành xuất sắc nhiệm vụ"
    )
    assert not actions.band_label(actions.classification_rule(2017), "excellent").startswith(
        "Đủ tư cách"
    )
    e, _ = _evaluate(world, 2024, world.members1[1], score="69,9")
    assert e.band == "done"


def test_the_quota_is_a_warning_not_a_refusal(world):
    people = world.members1 + world.members2
    for p in people[:5]:
        _evaluate(world, 2017, p, band="good")
    _, warnings = _evaluate(world, 2017, people[5], band="excellent")
    assert warnings == []
    _, warnings = _evaluate(world, 2017, people[6], band="excellent")
    assert len(warnings) == 1 and "vượt 20%" in warnings[0] and "chưa được xác nhận" in warnings[0]
    assert Evaluation.objects.filter(band="excellent").count() == 2
    f = facts(world.committee)
    assert (f["evaluations.members.excellent"], f["evaluations.members.good"]) == (2, 5)


@pytest.mark.parametrize(
    "kw, message",
    [
        ({"score": "85", "band": "excellent"}, "ứng với mức"),
        ({"score": "101"}, "0–100"),
        ({}, "Cần nhập điểm"),
    ],
)
def test_bad_evaluations_write_nothing(world, kw, message):
    with pytest.raises(ValidationError, match=message):
        _evaluate(world, 2024, world.members1[0], **kw)
    assert not Evaluation.objects.exists()


def test_one_evaluation_per_subject_and_year(world):
    _evaluate(world, 2017, world.members1[0], band="good")
    with pytest.raises(ValidationError, match="đã được xếp loại năm 2017"):
        _evaluate(world, 2017, world.members1[0], band="excellent")
    org_eval, _ = actions.evaluate(
        None,
        org=world.committee,
        year=2017,
        score="88",
        evaluated_on=dt.date(2018, 1, 5),
        subject_org=world.cell1,
    )
    assert org_eval.band == "good"
    assert facts(world.committee)["evaluations.orgs.good"] == 1


def test_the_list_shows_the_rule_and_the_warning(world, user_with):
    for p in world.members1[:2]:
        _evaluate(world, 2017, p, band="excellent")
    client = user_with("office", world.committee)
    html = client.get("/xep-loai/?nam=2017").content.decode()
    assert "27-HD/BTCTW" in html and "chưa được xác nhận" in html
    assert "vượt 20%" in html
    response = client.post(
        "/xep-loai/them/",
        {
            "org": world.committee.id,
            "year": 2017,
            "subject_person": world.members1[2].id,
            "score": "150",
            "evaluated_on": "2018-01-10",
        },
    )
    assert response.status_code == 400 and "0–100" in response.content.decode()


def test_a_saved_evaluation_leads_to_the_list_of_its_year(world, user_with):
    client = user_with("office", world.committee)
    response = client.post(
        "/xep-loai/them/",
        {
            "org": world.committee.id,
            "year": 2016,
            "subject_person": world.members1[2].id,
            "score": "85",
            "evaluated_on": "2017-01-10",
        },
    )
    assert response.status_code == 302 and response.url == "/xep-loai/?nam=2016"
    assert Evaluation.objects.get(subject_person=world.members1[2]).year == 2016
