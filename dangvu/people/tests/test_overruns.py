"""A temporary attachment or a suspension past the span its rule allows (rules/member_status) is
warned of, in Vietnamese, on the member's page and the cell's page, and never refused: the host
committee may extend an attachment, a prosecuted member's suspension lasts the law's terms.
Invented organizations."""

import dataclasses
import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from dangvu.accounts.models import Role
from dangvu.orgs import actions as org_actions
from dangvu.people import actions, overruns
from dangvu.people.models import Suspension, TemporaryAttachment

START = dt.date(2022, 3, 1)
PASSWORD = "pass-1234-word"


def _attachment(valid_to=None, study=False):
    return TemporaryAttachment(valid_from=START, valid_to=valid_to, study=study)


def _suspension(days=None):
    valid_to = None if days is None else START + dt.timedelta(days=days)
    return Suspension(valid_from=START, valid_to=valid_to)


def test_an_attachment_of_exactly_a_year_is_within_and_a_day_more_is_past():
    assert overruns.attachment_overrun(_attachment(dt.date(2023, 3, 1))) == ""
    warning = overruns.attachment_overrun(_attachment(dt.date(2023, 3, 2)))
    assert warning == (
        "Sinh hoạt tạm thời kéo dài quá 12 tháng (Quy định 24-QĐ/TW, điểm 6.3.2): "
        "cần gia hạn hoặc chuyển sinh hoạt chính thức."
    )


def test_full_time_study_may_last_two_years():
    assert overruns.attachment_overrun(_attachment(dt.date(2023, 3, 2), study=True)) == ""
    assert overruns.attachment_overrun(_attachment(dt.date(2024, 3, 1), study=True)) == ""
    warning = overruns.attachment_overrun(_attachment(dt.date(2024, 3, 2), study=True))
    assert "học tập trung kéo dài quá 24 tháng" in warning


def test_an_open_attachment_is_judged_against_today():
    """Still open on the anniversary of its first day, it has run its year and goes on."""
    open_one = _attachment()
    assert overruns.attachment_overrun(open_one, today=dt.date(2023, 2, 28)) == ""
    warning = overruns.attachment_overrun(open_one, today=dt.date(2023, 3, 1))
    assert warning.startswith("Sinh hoạt tạm thời đã quá 12 tháng")


@pytest.mark.parametrize(
    "days, warned",
    [(90, ""), (91, "quá 90 ngày"), (180, "quá 90 ngày"), (181, "quá 180 ngày")],
)
def test_a_suspension_past_90_days_needs_its_extension_and_past_180_its_end(days, warned):
    warning = overruns.suspension_overrun(_suspension(days))
    if not warned:
        assert warning == ""
        return
    assert f"Đình chỉ sinh hoạt đảng kéo dài {warned}" in warning
    assert "(Quy định 22-QĐ/TW, Điều 31)" in warning
    assert "trừ đảng viên bị truy tố, tạm giam (theo thời hạn của pháp luật)" in warning
    assert ("cần chấm dứt đình chỉ" in warning) == (days > 180)
    assert ("cần quyết định gia hạn" in warning) == (days <= 180)


def test_an_open_suspension_is_judged_against_today():
    assert overruns.suspension_overrun(_suspension(), today=START + dt.timedelta(days=89)) == ""
    warning = overruns.suspension_overrun(_suspension(), today=START + dt.timedelta(days=90))
    assert warning.startswith("Đình chỉ sinh hoạt đảng đã quá 90 ngày")


def test_the_spans_are_the_rules_data(monkeypatch):
    """Another rule's spans and words, not the 2021 ones kept in code."""
    rule = overruns.status_rule(START)
    other = dataclasses.replace(
        rule,
        values={
            **rule.values,
            "temporary_max_months": 6,
            "temporary_cite": "Quy định thử",
            "suspension_days": 30,
        },
    )
    monkeypatch.setattr(overruns, "status_rule", lambda day: other)
    assert "quá 6 tháng (Quy định thử)" in overruns.attachment_overrun(
        _attachment(START.replace(month=10))
    )
    assert "quá 30 ngày" in overruns.suspension_overrun(_suspension(31))


def test_a_record_before_any_rule_found_is_not_judged():
    old = TemporaryAttachment(valid_from=dt.date(2015, 1, 1), valid_to=dt.date(2019, 1, 1))
    assert overruns.attachment_overrun(old) == ""


@pytest.fixture
def cell_with_overruns(db, client):
    """An invented committee's cell with a member suspended for 200 days and a member of another
    cell attending it for 13 months, another for 6; its office signed in."""
    create = org_actions.create_org
    committee = create(None, kind="party_committee", name="Đảng bộ Viện Thử", valid_from=START)
    cell = create(
        None, kind="party_cell", name="Chi bộ Phòng Mẫu", parent=committee, valid_from=START
    )
    other = create(None, kind="party_cell", name="Chi bộ Kho", parent=committee, valid_from=START)
    member = actions.create_person(
        None, home_org=committee, full_name="Đinh Thị Mai", gender="female"
    )
    actions.transfer_in(
        None, member, cell, START, admitted_on=dt.date(2010, 1, 1), official_on=dt.date(2011, 1, 1)
    )
    guest = actions.create_person(None, home_org=committee, full_name="Võ Văn Hùng", gender="male")
    actions.transfer_in(
        None, guest, other, START, admitted_on=dt.date(2012, 1, 1), official_on=dt.date(2013, 1, 1)
    )
    suspension = actions.suspend_member(
        None,
        member,
        decision="Quyết định số 03-QĐ/ĐU",
        valid_from=dt.date(2023, 1, 2),
        valid_to=dt.date(2023, 1, 2) + dt.timedelta(days=200),
    )
    long_stay = actions.attach_temporarily(
        None,
        cell,
        person=guest,
        papers="Giấy giới thiệu số 07-GGT/ĐU",
        valid_from=dt.date(2023, 1, 1),
        valid_to=dt.date(2024, 2, 1),
    )
    short_stay = actions.attach_temporarily(
        None, cell, full_name="Lưu Văn Tâm", home_org_name="Chi bộ Xưởng, Đảng bộ Công ty Khác",
        papers="Giấy giới thiệu số 11-GGT/ĐU", valid_from=dt.date(2023, 1, 1),
        valid_to=dt.date(2023, 7, 1),
    )  # fmt: skip
    user = get_user_model().objects.create_user("vp-vien", password=PASSWORD)
    Role.objects.create(user=user, kind="office", org=committee)
    assert client.login(username="vp-vien", password=PASSWORD)
    return cell, member, guest, suspension, long_stay, short_stay


def test_the_member_page_warns_of_each_record_past_its_span(cell_with_overruns, client):
    _cell, member, guest, suspension, long_stay, _short = cell_with_overruns
    html = client.get(reverse("person_detail", args=[member.id])).content.decode()
    assert f'data-overrun="suspension-{suspension.id}"' in html
    assert "Đình chỉ sinh hoạt đảng kéo dài quá 180 ngày" in html
    html = client.get(reverse("person_detail", args=[guest.id])).content.decode()
    assert f'data-overrun="attachment-{long_stay.id}"' in html
    assert "Sinh hoạt tạm thời kéo dài quá 12 tháng" in html


def test_the_cell_page_warns_of_its_records_past_their_span_only(cell_with_overruns, client):
    cell, *_ = cell_with_overruns
    html = client.get(reverse("org_detail", args=[cell.slug]), {"ngay": "2023-06-01"})
    text = html.content.decode()
    assert "Đinh Thị Mai: Đình chỉ sinh hoạt đảng kéo dài quá 180 ngày" in text
    assert "Võ Văn Hùng: Sinh hoạt tạm thời kéo dài quá 12 tháng" in text
    assert "Lưu Văn Tâm" in text  # listed, within its span: no warning
    assert text.count("data-overrun") == 2


def test_a_study_attachment_is_recorded_from_the_form(cell_with_overruns, client):
    cell, *_ = cell_with_overruns
    data = {
        "full_name": "Tạ Thị Hoa",
        "home_org_name": "Chi bộ Khoa Văn, Đảng bộ Trường Khác",
        "papers": "Giấy giới thiệu số 21-GGT/ĐU",
        "valid_from": "2023-09-01",
        "valid_to": "2025-03-01",
        "study": "on",
    }
    assert client.post(reverse("attachment_create", args=[cell.slug]), data).status_code == 302
    record = TemporaryAttachment.objects.get(full_name="Tạ Thị Hoa")
    assert record.study and overruns.attachment_overrun(record) == ""


def test_an_attachment_planned_under_three_months_is_warned_of_not_refused():
    """24-QĐ/TW 6.3.2 gives temporary attachment "từ 3 tháng": a planned end sooner is told,
    the third month's last day is within; an open one is not judged."""
    assert overruns.attachment_too_short(_attachment(dt.date(2022, 6, 1))) == ""
    assert overruns.attachment_too_short(_attachment()) == ""
    warning = overruns.attachment_too_short(_attachment(dt.date(2022, 5, 31), study=True))
    assert warning == (
        "Thời gian sinh hoạt tạm thời dự kiến dưới 3 tháng, ngắn hơn thời gian phải giới thiệu "
        "sinh hoạt đảng tạm thời (từ 3 tháng, Quy định 24-QĐ/TW, điểm 6.3.2): đề nghị kiểm tra "
        "lại ngày kết thúc và giấy giới thiệu."
    )


def test_the_least_span_is_the_rules_data(monkeypatch):
    rule = overruns.status_rule(START)
    other = dataclasses.replace(rule, values={**rule.values, "temporary_min_months": 1})
    monkeypatch.setattr(overruns, "status_rule", lambda day: other)
    assert overruns.attachment_too_short(_attachment(dt.date(2022, 5, 31))) == ""
    assert "dưới 1 tháng" in overruns.attachment_too_short(_attachment(dt.date(2022, 3, 20)))


def test_the_form_records_a_short_attachment_and_warns_of_it(cell_with_overruns, client):
    cell, *_ = cell_with_overruns
    data = {
        "full_name": "Kim Văn Lộc",
        "home_org_name": "Chi bộ Phòng Vật tư, Đảng bộ Công ty Khác",
        "papers": "Giấy giới thiệu số 30-GGT/ĐU",
        "valid_from": "2023-09-01",
        "valid_to": "2023-10-15",
    }
    page = client.post(reverse("attachment_create", args=[cell.slug]), data, follow=True)
    text = page.content.decode()
    assert "Đã ghi nhận sinh hoạt tạm thời: Kim Văn Lộc." in text
    assert "dự kiến dưới 3 tháng" in text
    assert TemporaryAttachment.objects.get(full_name="Kim Văn Lộc").valid_to == dt.date(
        2023, 10, 15
    )
    # Three months or more: no warning.
    data = {**data, "full_name": "Kim Thị Lan", "valid_to": "2023-12-01"}
    page = client.post(reverse("attachment_create", args=[cell.slug]), data, follow=True)
    assert "dự kiến dưới" not in page.content.decode()
