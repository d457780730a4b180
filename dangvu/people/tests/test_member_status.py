"""Recording a temporary attachment (sinh hoạt đảng tạm thời) and a suspension (đình chỉ sinh
hoạt đảng): each a named action with one audit row; bad input is refused in Vietnamese and
changes nothing. Invented organizations."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.urls import reverse

from dangvu.accounts.models import AuditEntry, Role
from dangvu.orgs import actions as org_actions
from dangvu.people import actions
from dangvu.people.models import Suspension, TemporaryAttachment

START = dt.date(2015, 1, 1)
PASSWORD = "pass-1234-word"


@pytest.fixture
def cells(db):
    create = org_actions.create_org
    school = create(None, kind="party_committee", name="Đảng bộ Trường Thử", valid_from=START)
    teachers = create(
        None, kind="party_cell", name="Chi bộ Giáo viên", parent=school, valid_from=START
    )
    office = create(
        None, kind="party_cell", name="Chi bộ Văn phòng", parent=school, valid_from=START
    )
    member = actions.create_person(None, home_org=school, full_name="Trịnh Văn Bảo", gender="male")
    actions.transfer_in(
        None,
        member,
        teachers,
        START,
        admitted_on=dt.date(2005, 1, 1),
        official_on=dt.date(2006, 1, 1),
    )
    return school, teachers, office, member


def _attach(cell, **kwargs):
    data = {"papers": "Giấy giới thiệu số 02-GGT/ĐU", "valid_from": dt.date(2024, 3, 1)}
    return actions.attach_temporarily(None, cell, **{**data, **kwargs})


def test_an_attachment_and_its_end_are_recorded_with_their_audit_rows(cells):
    _school, teachers, office, member = cells
    attachment = _attach(office, person=member, note="Biệt phái 6 tháng")
    outsider = _attach(
        office, full_name=" Lý  Thị Cúc ", home_org_name="Chi bộ Khoa Toán, Đảng bộ Trường Khác"
    )
    assert outsider.full_name == "Lý Thị Cúc" and attachment.full_name == ""
    assert attachment.official_place == str(teachers)
    actions.end_attachment(None, attachment, dt.date(2024, 9, 1))
    attachment.refresh_from_db()
    assert attachment.valid_to == dt.date(2024, 9, 1)
    kinds = list(
        AuditEntry.objects.filter(org=office, action__startswith="party.").values_list(
            "action", flat=True
        )
    )
    assert sorted(kinds) == [
        "party.attach_end",
        "party.attach_temporarily",
        "party.attach_temporarily",
    ]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"valid_to": dt.date(2024, 2, 1)}, "phải sau ngày bắt đầu sinh hoạt tạm thời"),
        ({"papers": "  "}, "Cần ghi giấy giới thiệu"),
        ({"full_name": "Lý Thị Cúc"}, "Cần ghi nơi đảng viên sinh hoạt chính thức"),
        ({}, "Cần chọn đảng viên có hồ sơ hoặc ghi họ và tên"),
    ],
)
def test_an_attachment_refused_changes_nothing(cells, kwargs, message):
    _school, _teachers, office, _member = cells
    with pytest.raises(ValidationError, match=message):
        _attach(office, **kwargs)
    assert (
        not TemporaryAttachment.objects.exists()
        and not AuditEntry.objects.filter(action="party.attach_temporarily").exists()
    )


def test_a_member_is_not_attached_twice_at_once_nor_to_their_own_cell(cells):
    _school, teachers, office, member = cells
    with pytest.raises(ValidationError, match="ở chính chi bộ của mình"):
        _attach(teachers, person=member)
    _attach(office, person=member, valid_to=dt.date(2024, 9, 1))
    with pytest.raises(
        ValidationError, match="đã được ghi sinh hoạt tạm thời tại Chi bộ Văn phòng"
    ):
        _attach(office, person=member, valid_from=dt.date(2024, 8, 1))
    # The same outsider, written with other spaces and case, is the same person.
    _attach(office, full_name="Lý Thị Cúc", home_org_name="Đảng bộ Trường Khác")
    with pytest.raises(ValidationError, match="Lý Thị Cúc đã được ghi"):
        _attach(office, full_name="lý thị  cúc", home_org_name="Đảng bộ trường khác")
    # After the first ends, a new one may start.
    _attach(office, person=member, valid_from=dt.date(2024, 9, 1))
    assert TemporaryAttachment.objects.count() == 3


def test_a_suspension_is_recorded_lifted_and_never_overlaps(cells):
    _school, _teachers, _office, member = cells
    decision = "Quyết định số 09-QĐ/ĐU ngày 01/4/2024"
    with pytest.raises(ValidationError, match="phải sau ngày bắt đầu đình chỉ"):
        actions.suspend_member(
            None, member, decision=decision, valid_from=dt.date(2024, 4, 1),
            valid_to=dt.date(2024, 3, 1),
        )  # fmt: skip
    with pytest.raises(ValidationError, match="Cần ghi quyết định đình chỉ"):
        actions.suspend_member(None, member, decision=" ", valid_from=dt.date(2024, 4, 1))
    actions.suspend_member(None, member, decision=decision, valid_from=dt.date(2024, 4, 1))
    with pytest.raises(ValidationError, match="thời gian đình chỉ trùng nhau"):
        actions.suspend_member(None, member, decision=decision, valid_from=dt.date(2024, 6, 1))
    with pytest.raises(
        ValidationError, match="không bị đình chỉ sinh hoạt đảng vào ngày 01/03/2024"
    ):
        actions.lift_suspension(None, member, dt.date(2024, 3, 1))
    actions.lift_suspension(None, member, dt.date(2024, 7, 1))
    assert Suspension.objects.get().valid_to == dt.date(2024, 7, 1)
    entries = AuditEntry.objects.filter(person=member, action__startswith="person.suspend")
    assert sorted(entries.values_list("action", flat=True)) == [
        "person.suspend",
        "person.suspend_end",
    ]


def test_the_cell_page_lists_them_and_its_form_records_one(cells, client):
    school, teachers, office, member = cells
    actions.suspend_member(
        None, member, decision="Quyết định số 09", valid_from=dt.date(2024, 4, 1)
    )
    user = get_user_model().objects.create_user("vp", password=PASSWORD)
    Role.objects.create(user=user, kind="office", org=school)
    assert client.login(username="vp", password=PASSWORD)
    html = client.get(reverse("org_detail", args=[teachers.slug]), {"ngay": "2024-05-01"})
    assert "data-suspended" in html.content.decode()
    url = reverse("attachment_create", args=[office.slug])
    bad = {"full_name": "Lý Thị Cúc", "home_org_name": "Đảng bộ Khác", "papers": "Giấy số 1",
           "valid_from": "2024-05-01", "valid_to": "2024-04-01"}  # fmt: skip
    refused = client.post(url, bad)
    assert refused.status_code == 400 and "phải sau ngày bắt đầu" in refused.content.decode()
    assert not TemporaryAttachment.objects.exists()
    assert client.post(url, {**bad, "valid_to": ""}).status_code == 302
    page = client.get(reverse("org_detail", args=[office.slug]), {"ngay": "2024-06-01"})
    text = page.content.decode()
    assert "Đảng viên sinh hoạt tạm thời ngày 01/06/2024 (1)" in text
    assert "Lý Thị Cúc" in text and "Đảng bộ Khác" in text
