"""Introductions of Party activity found irregular or forged (Biểu 7-BTCTW, IV.3): the action's
checks, who reads them, and the form beside receiving a member on the cell's page. Invented
organizations: a committee with two cells."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError

from dangvu.accounts.models import AuditEntry, Role
from dangvu.orgs.actions import create_org
from dangvu.people import actions
from dangvu.people.models import IrregularIntroduction

pytestmark = pytest.mark.django_db
START = dt.date(2015, 1, 1)
ON = dt.date(2024, 5, 6)
PAPER = "Giấy giới thiệu sinh hoạt đảng số 31-GGT/HU ngày 02/5/2024"


@pytest.fixture
def cells(db):
    committee = create_org(
        None, kind="party_committee", name="Đảng bộ Xã Bến Đò", slug="db-ben-do", valid_from=START
    )
    river, hill = (
        create_org(None, kind="party_cell", name=n, slug=s, parent=committee, valid_from=START)
        for n, s in (("Chi bộ Ấp Sông", "cb-song"), ("Chi bộ Ấp Đồi", "cb-doi"))
    )
    union = create_org(
        None, kind="trade_union", name="Công đoàn Xã", parent=committee, valid_from=START
    )
    member = actions.create_person(None, home_org=hill, full_name="Trịnh Văn Đồi", gender="male")
    actions.transfer_in(
        None, member, hill, START, admitted_on=dt.date(2005, 1, 1), official_on=dt.date(2006, 1, 1)
    )
    return committee, river, hill, union, member


def _record(org, **kwargs):
    fields = dict(direction="received", finding="forged", found_on=ON, papers=PAPER)
    fields.update(kwargs)
    return actions.record_irregular_introduction(None, org, **fields)


def test_a_forged_paper_is_recorded_by_name_with_its_audit_entry(cells):
    _committee, river, *_ = cells
    found = _record(river, full_name="  Nguyễn  Văn Giả ", note="Con dấu không đúng mẫu")
    assert (found.name, found.get_finding_display()) == ("Nguyễn Văn Giả", "Giả mạo")
    assert AuditEntry.objects.get(action="party.irregular_introduction").org == river


@pytest.mark.parametrize(
    "change, message",
    [
        ({"full_name": ""}, "Chọn đảng viên có hồ sơ hoặc ghi họ tên"),
        ({"full_name": "A", "person": "member"}, "Chọn đảng viên có hồ sơ hoặc ghi họ tên"),
        ({"full_name": "A", "direction": "lost"}, "Chiều giới thiệu không hợp lệ"),
        ({"full_name": "A", "finding": "late"}, "chưa đúng quy định hoặc giả mạo"),
        ({"full_name": "A", "papers": " "}, "Cần ghi giấy giới thiệu"),
        ({"full_name": "A", "found_on": dt.date(2100, 1, 1)}, "không được sau ngày hôm nay"),
        ({"full_name": "A", "found_on": dt.date(2014, 1, 1)}, "không hoạt động vào ngày"),
        ({"full_name": "A", "org": "union"}, "không phải là tổ chức đảng"),
    ],
)
def test_bad_input_is_refused_and_writes_nothing(cells, change, message):
    _committee, river, _hill, union, member = cells
    org = union if change.pop("org", None) == "union" else river
    if change.get("person") == "member":
        change["person"] = member
    with pytest.raises(ValidationError, match=message):
        _record(org, **change)
    assert not IrregularIntroduction.objects.exists()


def _client_of(client, kind, org):
    user = get_user_model().objects.create_user(f"u-{org.slug}", password="pass-1234-word")
    Role.objects.create(user=user, kind=kind, org=org)
    client.logout()
    assert client.login(username=user.username, password="pass-1234-word")
    return client


def test_the_cell_page_offers_the_form_and_lists_only_its_own(cells, client):
    _committee, river, hill, _union, member = cells
    _record(hill, person=member, direction="sent", finding="irregular")
    secretary = _client_of(client, "secretary", river)
    page = secretary.get(f"/to-chuc/{river.slug}/").content.decode()
    url = f"/to-chuc/{river.slug}/gioi-thieu-chua-dung-quy-dinh/them/"
    assert url in page and "Trịnh Văn Đồi" not in page
    assert secretary.get(
        f"/to-chuc/{hill.slug}/gioi-thieu-chua-dung-quy-dinh/them/"
    ).status_code in (
        403,
        404,
    )
    data = {"direction": "received", "finding": "irregular", "found_on": "2024-05-06"}
    bad = secretary.post(url, {**data, "papers": PAPER})
    assert bad.status_code == 400
    assert "Chọn đảng viên có hồ sơ hoặc ghi họ tên" in bad.content.decode()
    assert (
        secretary.post(url, {**data, "papers": PAPER, "full_name": "Lê Thị Đến"}).status_code == 302
    )
    table = secretary.get(f"/to-chuc/{river.slug}/").content.decode()
    assert "Lê Thị Đến" in table and "Nơi khác chuyển đến" in table
    assert IrregularIntroduction.objects.filter(org=river).count() == 1
