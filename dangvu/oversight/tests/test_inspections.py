"""Inspection and supervision, background verifications, scores of organizations."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from dangvu.oversight import actions
from dangvu.oversight.models import Inspection, Score, Verification

from .conftest import facts


def _score(world, score, area="youth_union", org=None):
    return actions.record_score(
        None, org=org or world.youth, year=2017, area=area, body="Đoàn Khối", score=score
    )


def test_scores_keep_one_decimal_and_become_facts(world):
    _score(world, "97,5")
    _score(world, 98, area="trade_union", org=world.union)
    f = facts(world.committee)
    assert f["scores.youth_union"] == Decimal("97.5")
    assert f["scores.youth_union.ct-thu"] == Decimal("97.5")
    assert f["scores.trade_union"] == Decimal("98.0")
    # A second score for the same area and year replaces the first.
    _score(world, "96")
    assert facts(world.committee)["scores.youth_union"] == Decimal("96.0")
    assert Score.objects.count() == 2


@pytest.mark.parametrize(
    "bad, message", [("100,5", "0–100"), ("-1", "0–100"), ("97,55", "một chữ số"), ("abc", "số")]
)
def test_a_score_outside_the_scale_writes_nothing(world, bad, message):
    with pytest.raises(ValidationError, match=message):
        _score(world, bad)
    assert not Score.objects.exists()


def test_the_score_form_refuses_bad_input(world, user_with):
    client = user_with("office", world.committee)
    response = client.post(
        "/cham-diem/them/",
        {
            "org": world.youth.id,
            "year": 2017,
            "area": "youth_union",
            "body": "Đoàn Khối",
            "score": "120",
        },
    )
    assert response.status_code == 400
    assert "Điểm 120 phải nằm trong khoảng 0–100." in response.content.decode()
    assert not Score.objects.exists()


def test_verifications_count_people_by_purpose(world):
    for p in world.members1[:2]:
        actions.record_verification(
            None,
            org=world.committee,
            person=p,
            purpose="appointment",
            requested_on=dt.date(2017, 3, 1),
            completed_on=dt.date(2017, 3, 20),
        )
    actions.record_verification(
        None,
        org=world.committee,
        person=world.masses[0],
        purpose="admission",
        requested_on=dt.date(2017, 5, 1),
    )
    f = facts(world.committee)
    assert (
        f["verifications.appointment"],
        f["verifications.admission"],
        f["verifications.recognition"],
    ) == (2, 1, 0)
    with pytest.raises(ValidationError, match="Ngày kết thúc"):
        actions.record_verification(
            None,
            org=world.committee,
            person=world.masses[1],
            purpose="admission",
            requested_on=dt.date(2017, 5, 1),
            completed_on=dt.date(2017, 4, 1),
        )
    assert Verification.objects.count() == 3


def test_inspections_held_and_received(world):
    programme = actions.create_inspection_programme(
        None, org=world.committee, year=2017, title="Chương trình kiểm tra năm 2017"
    )
    held = actions.record_inspection(
        None,
        org=world.committee,
        direction="conducted",
        kind="inspection",
        inspector="UBKT Đảng ủy",
        subject="Thực hiện nhiệm vụ đảng viên",
        subject_org=world.cell1,
        starts_on=dt.date(2017, 6, 1),
        programme=programme,
    )
    actions.record_inspection(
        None,
        org=world.committee,
        direction="received",
        kind="supervision",
        inspector="Đảng ủy Khối",
        subject="Giám sát thực hiện nghị quyết",
        starts_on=dt.date(2017, 9, 1),
        decision="Quyết định số 2186-QĐ/ĐUK ngày 14/8/2017",
    )
    f = facts(world.committee)
    assert f["inspections.conducted.inspection"] == 1
    assert f["inspections.received.supervision"] == 1
    actions.conclude_inspection(
        None, held, conclusion="Chi bộ thực hiện tốt.", ends_on=dt.date(2017, 6, 15)
    )
    held.refresh_from_db()
    assert held.conclusion == "Chi bộ thực hiện tốt."
    with pytest.raises(ValidationError, match="Ngày kết thúc"):
        actions.conclude_inspection(None, held, conclusion="Sai", ends_on=dt.date(2017, 5, 1))
    held.refresh_from_db()
    assert held.conclusion == "Chi bộ thực hiện tốt." and Inspection.objects.count() == 2
