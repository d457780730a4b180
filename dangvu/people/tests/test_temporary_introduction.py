"""A member introduced by their own cell for temporary Party activity to a host outside dangvu
(giới thiệu sinh hoạt đảng tạm thời đi): a named action with one audit row, refused in
Vietnamese without a trace; the record is the member's own cell's (read and written with their
Party file), listed on their page. Invented organizations."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from dangvu.accounts.models import AuditEntry, Role
from dangvu.orgs import actions as org_actions
from dangvu.people import actions
from dangvu.people.models import TemporaryAttachment

START = dt.date(2015, 1, 1)
HOST = "Chi bộ Lớp Trung cấp, Trường Chính trị tỉnh Bến Tre"
PAPERS = "Giấy giới thiệu số 03-GGT/ĐU ngày 25/02/2024"


@pytest.fixture
def school(db):
    create = org_actions.create_org
    school = create(None, kind="party_committee", name="Đảng bộ Trường Thử", valid_from=START)
    cells = [
        create(None, kind="party_cell", name=name, parent=school, valid_from=START)
        for name in ("Chi bộ Giáo viên", "Chi bộ Văn phòng")
    ]
    member = actions.create_person(None, home_org=school, full_name="Trịnh Văn Bảo", gender="male")
    actions.transfer_in(
        None,
        member,
        cells[0],
        START,
        admitted_on=dt.date(2005, 1, 1),
        official_on=dt.date(2006, 1, 1),
    )
    return school, cells, member


def _introduce(member, **kwargs):
    data = {"host_name": HOST, "papers": PAPERS, "valid_from": dt.date(2024, 3, 1)}
    return actions.introduce_temporarily(None, member, **{**data, **kwargs})


def test_an_introduction_out_and_its_end_are_recorded_by_the_own_cell(school):
    _school, (teachers, _office), member = school
    made = _introduce(member, host_name="  Chi bộ Lớp   Trung cấp, Trường Chính trị tỉnh Bến Tre ")
    assert made.cell is None and made.host_name == HOST and made.host == HOST
    assert made.label == f"{member.full_name} ({teachers})"
    actions.end_attachment(None, made, dt.date(2024, 9, 1))
    made.refresh_from_db()
    assert made.valid_to == dt.date(2024, 9, 1)
    entries = AuditEntry.objects.filter(
        org=teachers, person=member, action__in=["party.introduce_temporarily", "party.attach_end"]
    )
    assert sorted(entries.values_list("action", flat=True)) == [
        "party.attach_end",
        "party.introduce_temporarily",
    ]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"host_name": " "}, "Cần ghi nơi đảng viên được giới thiệu đến sinh hoạt tạm thời"),
        ({"papers": ""}, "Cần ghi giấy giới thiệu"),
        ({"valid_to": dt.date(2024, 2, 1)}, "phải sau ngày bắt đầu sinh hoạt tạm thời"),
        ({"valid_from": dt.date(2010, 3, 1)}, "không là đảng viên vào ngày 01/03/2010"),
    ],
)
def test_an_introduction_refused_changes_nothing(school, kwargs, message):
    _school, _cells, member = school
    with pytest.raises(ValidationError, match=message):
        _introduce(member, **kwargs)
    assert not TemporaryAttachment.objects.exists()
    assert not AuditEntry.objects.filter(action="party.introduce_temporarily").exists()


def test_a_member_attends_one_place_at_a_time(school):
    _school, (_teachers, office), member = school
    actions.attach_temporarily(
        None, office, person=member, papers=PAPERS, valid_from=dt.date(2024, 1, 1),
        valid_to=dt.date(2024, 4, 1),
    )  # fmt: skip
    with pytest.raises(ValidationError, match="thời gian trùng nhau"):
        _introduce(member)
    _introduce(member, valid_from=dt.date(2024, 4, 1))
    # Nor is a member introduced outside received in another of our cells meanwhile.
    with pytest.raises(ValidationError, match="đang sinh hoạt tạm thời ở chi bộ khác"):
        actions.attach_temporarily(
            None, office, person=member, papers=PAPERS, valid_from=dt.date(2024, 5, 1)
        )
    assert TemporaryAttachment.objects.count() == 2


def test_the_database_keeps_a_host_on_record_or_named_for_a_member_on_file(school):
    _school, (teachers, _office), member = school
    for bad in (
        {"cell": teachers, "host_name": HOST, "person": member},  # both
        {"cell": None, "host_name": "", "person": member},  # neither
        {"cell": None, "host_name": HOST, "full_name": "Lý Thị Cúc"},  # nobody on file
    ):
        with pytest.raises(IntegrityError), transaction.atomic():
            TemporaryAttachment.objects.create(papers=PAPERS, valid_from=dt.date(2024, 3, 1), **bad)


def _client(client, username, kind, org, person=None):
    user = get_user_model().objects.create_user(username)
    Role.objects.create(user=user, kind=kind, org=org, person=person)
    client.force_login(user)
    return client


def test_the_own_cell_records_it_on_the_member_page_and_another_cell_does_not_see_it(
    school, client
):
    _school, (teachers, office), member = school
    secretary = _client(client, "bithu-gv", Role.Kind.SECRETARY, teachers)
    url = reverse("person_action", args=[member.id, "gioi-thieu-tam-thoi"])
    page = secretary.get(reverse("person_detail", args=[member.id]))
    assert url in page.content.decode()
    form = {"host_name": HOST, "papers": PAPERS, "valid_from": "2024-03-01", "valid_to": ""}
    refused = secretary.post(url, {**form, "host_name": ""})
    assert refused.status_code == 400 and "Cần ghi nơi" in refused.content.decode()
    assert not TemporaryAttachment.objects.exists()
    assert secretary.post(url, form).status_code == 302
    made = TemporaryAttachment.objects.get()
    html = secretary.get(reverse("person_detail", args=[member.id])).content.decode()
    assert f"{HOST} (ngoài dangvu)" in html and PAPERS in html
    end = reverse("attachment_end", args=[made.id])
    assert end in html
    assert secretary.post(end, {"on": "2024-08-01"}).status_code == 302
    made.refresh_from_db()
    assert made.valid_to == dt.date(2024, 8, 1)
    # The other cell's secretary neither reads nor ends it.
    other = _client(client, "bithu-vp", Role.Kind.SECRETARY, office)
    assert other.get(end).status_code == 404
