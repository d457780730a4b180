"""Suggestions for the year's review (gợi ý kiểm điểm): a named action with its audit row and
Vietnamese refusals that write nothing; listed on the review page within the user's scope;
counted on Biểu 6-BTCTW row 4, for collectives and for members, by who manages the subject,
with the records behind each figure. The small organization of the record apps' tests."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from dangvu.accounts.models import AuditEntry
from dangvu.review import actions
from dangvu.review.models import ReviewSuggestion
from dangvu.superior import statforms

DAY = dt.date(2017, 12, 31)
M = ReviewSuggestion.ManagedBy


def _suggest(world, year=2017, **kwargs):
    data = {
        "org": world.committee,
        "year": year,
        "managed_by": M.GRASSROOTS,
        "suggested_by": "Ban Thường vụ Đảng ủy",
        "suggested_on": dt.date(year, 11, 20),
        "paper": "Công văn số 12-CV/ĐU",
    }
    return actions.suggest_review(None, **{**data, **kwargs})


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({}, "một cá nhân hoặc một tập thể"),  # neither a member nor a collective
        ({"subject_org_id": True, "managed_by": "ward"}, "diện quản lý"),
        ({"subject_org_id": True, "suggested_by": "  "}, "Cấp ủy gợi ý"),
        ({"subject_org_id": True, "suggested_on": dt.date(2019, 1, 5)}, "năm 2017 hoặc năm 2018"),
    ],
)
def test_a_suggestion_refused_writes_nothing(world, kwargs, message):
    if kwargs.pop("subject_org_id", False):
        kwargs["subject_org"] = world.cell1
    with pytest.raises(ValidationError, match=message):
        _suggest(world, **kwargs)
    assert not ReviewSuggestion.objects.exists()
    assert not AuditEntry.objects.filter(action="review.suggest").exists()


def test_one_suggestion_per_subject_and_year_with_its_audit_row(world):
    member = world.members1[0]
    made = _suggest(world, subject_person=member, managed_by=M.DISTRICT)
    with pytest.raises(ValidationError, match="đã được ghi gợi ý kiểm điểm năm 2017"):
        _suggest(world, subject_person=member)
    # Next year's is another.
    _suggest(world, year=2018, subject_person=member, suggested_on=dt.date(2019, 1, 10))
    entry = AuditEntry.objects.get(action="review.suggest", target_id=made.id)
    assert entry.person_id == member.id and "Ban Thường vụ Đảng ủy" in entry.summary


def _form(root, day=DAY):
    forms = statforms.compute(root, day)
    return {ln.key: ln.values[:2] for ln in forms.sheet("6F-BTCTW").lines}, forms


def test_form_six_counts_the_suggested_by_who_manages_them(world):
    a, b, c = world.members1[:3]
    _suggest(world, subject_person=a, managed_by=M.DISTRICT)
    _suggest(world, subject_person=b)
    _suggest(world, subject_org=world.cell1)
    _suggest(world, year=2016, subject_person=c, managed_by=M.PROVINCE)
    # Another committee's member is not the committee's.
    _suggest(world, org=world.other, subject_person=world.outsider)
    rows, forms = _form(world.committee)
    # [this year, last year]
    assert rows["m4"] == [2, 1]
    assert (rows["m4a"], rows["m4b"], rows["m4c"]) == ([0, 1], [1, 0], [1, 0])
    assert rows["org4"] == [1, 0] and rows["org4c"] == [1, 0] and rows["org4a"] == [0, 0]
    kind, ids = statforms.records_of(world.committee, DAY, "6F-BTCTW", "m4", forms=forms)
    assert kind == "person" and ids == sorted([a.id, b.id])
    kind, ids = statforms.records_of(world.committee, DAY, "6F-BTCTW", "org4", forms=forms)
    assert kind == "org" and ids == [world.cell1.id]


def test_the_review_page_lists_them_within_the_scope(world, user_with):
    member = world.members2[0]
    client = user_with("office", world.committee)
    response = client.post(
        "/ren-luyen/goi-y-kiem-diem/them/",
        {
            "org": world.committee.id,
            "year": 2017,
            "subject_person": member.id,
            "managed_by": M.GRASSROOTS,
            "suggested_by": "Ban Thường vụ Đảng ủy",
            "suggested_on": "2017-11-25",
            "paper": "Công văn số 15-CV/ĐU",
        },
    )
    assert response.status_code == 302 and response.url == "/ren-luyen/?nam=2017"
    html = client.get("/ren-luyen/?nam=2017").content.decode()
    assert member.full_name in html and "Công văn số 15-CV/ĐU" in html
    stranger = user_with("office", world.other)
    assert "Công văn số 15-CV/ĐU" not in stranger.get("/ren-luyen/?nam=2017").content.decode()
