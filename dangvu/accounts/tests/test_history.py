"""Change history that people can read and that leaks nothing (dangvu.accounts.history)."""

import datetime as dt
import re

import pytest
from django.contrib.auth import get_user_model

from dangvu.accounts import history
from dangvu.accounts.models import AuditEntry, Role
from dangvu.core import audit
from dangvu.documents import actions as document_actions
from dangvu.finance import actions as finance_actions
from dangvu.orgs import actions as org_actions
from dangvu.orgs.models import Organization
from dangvu.people import actions as people_actions
from dangvu.people.models import Membership

COMMITTEE = "/to-chuc/so-tttt-tra-vinh/"
CELL1 = "/to-chuc/so-tttt-chi-bo-1/"
MICROSECONDS = re.compile(r"\d{2}:\d{2}:\d{2}\.\d+")
# What the raw snapshots say and a reader must never see.
RAW = ("owner_org", "search_text", "symbol_key", "token", "_id", "recorded_at", "cash", "+00:00")


def user(name):
    return get_user_model().objects.get(username=name)


def member_person():
    return Role.objects.get(user__username="dangvien").person


def history_part(html):
    """The history of a record's page or of its paged history (what this module renders)."""
    start = html.find('class="history')
    assert start >= 0, "no history on the page"
    return html[start:]


def register_secret(actor, org, subject, symbol):
    return document_actions.register_document(
        actor,
        owner_org=org,
        direction="incoming",
        doc_type="Công văn",
        symbol=symbol,
        issuer_name="Ban Thường vụ Tỉnh ủy",
        date=dt.date(2017, 5, 5),
        subject=subject,
        secrecy="secret",
    )


# Secret documents ------------------------------------------------------------------------------
def test_secret_document_is_described_only_to_who_may_open_it(demo, login):
    doc = register_secret(user("vanphong"), demo, "Phương án bảo vệ nội bộ đặc biệt", "77-CV/TU")
    entry = AuditEntry.objects.filter(target_type="documents.document", target_id=doc.pk).first()

    office = login("vanphong").get(COMMITTEE).content.decode()
    assert "Phương án bảo vệ nội bộ đặc biệt" in office and "77-CV/TU" in office

    superior = login("captren").get(COMMITTEE).content.decode()
    assert history.SECRET_DOCUMENT in superior
    for secret in ("Phương án bảo vệ nội bộ đặc biệt", "77-CV/TU", "Độ mật"):
        assert secret not in superior
    paged = login("captren").get(COMMITTEE + "lich-su/").content.decode()
    assert history.SECRET_DOCUMENT in paged and "77-CV/TU" not in paged

    for name in ("bithu1", "dangvien"):
        (row,) = history.rows([entry], history.Reader.for_user(user(name)))
        assert row.withheld and row.text == history.SECRET_DOCUMENT and row.changes == []
    (row,) = history.rows([entry], history.Reader.for_user(user("vanphong")))
    assert not row.withheld and "77-CV/TU" in row.text
    assert {"Trích yếu", "Độ mật"} <= {c.label for c in row.changes}


def test_a_cells_secret_entry_is_read_by_its_secretary_not_by_the_committee_office(demo, login):
    cell = Organization.objects.get(slug="so-tttt-chi-bo-1")
    register_secret(user("bithu1"), cell, "Danh sách bảo vệ chính trị nội bộ", "12-CV/TU")

    secretary = history_part(login("bithu1").get(CELL1).content.decode())
    assert "Danh sách bảo vệ chính trị nội bộ" in secretary
    office = history_part(login("vanphong").get(CELL1).content.decode())
    assert history.SECRET_DOCUMENT in office
    assert "Danh sách bảo vệ chính trị nội bộ" not in office and "12-CV/TU" not in office


def test_the_number_taken_for_a_secret_outgoing_document_is_not_shown(demo, login):
    doc, reserved = document_actions.register_outgoing(
        user("vanphong"),
        demo,
        doc_type="Báo cáo",
        date=dt.date(2019, 6, 3),  # in the demo committee's 2015-2020 term
        subject="Báo cáo tình hình nội bộ",
        secrecy="secret",
    )
    superior = login("captren").get(COMMITTEE + "lich-su/").content.decode()
    assert doc.symbol not in superior and "Báo cáo tình hình nội bộ" not in superior
    office = login("vanphong").get(COMMITTEE + "lich-su/").content.decode()
    assert reserved.label in office


# People outside the viewer's scope -------------------------------------------------------------
def test_entries_about_someone_who_left_the_cell_are_not_described_to_its_secretary(demo, login):
    cell1 = Organization.objects.get(slug="so-tttt-chi-bo-1")
    cell2 = Organization.objects.get(slug="so-tttt-chi-bo-2")
    payments = AuditEntry.objects.filter(action="fee.payment", org=cell1)
    moved = payments.first().person
    people_actions.move_to_cell(user("vanphong"), moved, cell2, dt.date.today())
    theirs = list(payments.filter(person=moved)[:3])

    (row, *_) = history.rows(theirs, history.Reader.for_user(user("bithu1")))
    assert row.withheld and row.text == history.OUTSIDE_PERSON
    (row, *_) = history.rows(theirs, history.Reader.for_user(user("vanphong")))
    assert not row.withheld and row.text == theirs[0].summary
    page = login("bithu1").get(CELL1 + "lich-su/").content.decode()
    assert moved.full_name not in page


# Readable values -------------------------------------------------------------------------------
def test_no_raw_field_names_or_microseconds_and_money_is_formatted(demo, login):
    me = member_person()
    payment = finance_actions.record_payment(
        user("vanphong"),
        me,
        paid_on=dt.date.today(),
        amount=1234000,
        first_month=dt.date.today().replace(day=1),
        token="tok-3f9a1c",
        receipt_no="BL-H3-01",
    )
    entry = AuditEntry.objects.get(target_type="finance.payment", target_id=payment.pk)
    (row,) = history.rows([entry], history.Reader.for_user(user("vanphong")))
    values = {c.label: c.after for c in row.changes}
    assert values["Số tiền"] == "1.234.000 đ"
    assert values["Hình thức"] == "Tiền mặt nộp chi bộ"
    assert values["Ngày nộp"] == dt.date.today().strftime("%d/%m/%Y")
    assert values["Người"] == me.full_name

    for url in (f"/ca-nhan/{me.id}/", f"/ca-nhan/{me.id}/lich-su/", COMMITTEE, CELL1):
        part = history_part(login("vanphong").get(url).content.decode())
        for raw in RAW:
            assert raw not in part, (url, raw)
        assert not MICROSECONDS.search(part), url
    page = login("vanphong").get(f"/ca-nhan/{me.id}/").content.decode()
    assert re.search(r"Số tiền: 1\.234\.000 đ(?!ồng)", page)  # not only the summary's "đồng"
    assert "tok-3f9a1c" not in page and "BL-H3-01" in page


def test_a_datetime_field_loses_its_microseconds():
    from dangvu.finance.models import FeeYear

    closed_at = FeeYear._meta.get_field("closed_at")
    shown = history._value("2026-11-28 09:54:23.070586+00:00", closed_at, "closed_at", None)
    assert shown == "28/11/2026 16:54"  # Asia/Ho_Chi_Minh, to the minute


# Paging ----------------------------------------------------------------------------------------
@pytest.fixture
def busy_cell(demo):
    """A new cell with 65 changes besides its creation: two pages of 50."""
    cell = org_actions.create_org(
        None,
        kind="party_cell",
        name="Chi bộ Thử nghiệm",
        valid_from=dt.date(2020, 1, 1),
        parent=demo,
    )
    audit.record_many(
        [
            audit.entry(None, "test.note", cell, summary=f"Ghi chú số {i}", org=cell)
            for i in range(65)
        ]
    )
    return cell


def test_the_org_page_shows_ten_entries_and_links_to_the_paged_history(busy_cell, login):
    client = login("vanphong")
    part = history_part(client.get(f"/to-chuc/{busy_cell.slug}/").content.decode())
    assert part.count("<tr") == 1 + history.RECENT
    assert f'href="/to-chuc/{busy_cell.slug}/lich-su/"' in part and "Xem toàn bộ lịch sử" in part

    first = client.get(f"/to-chuc/{busy_cell.slug}/lich-su/").content.decode()
    assert first.count("Ghi chú số") == history.PER_PAGE
    assert "Ghi chú số 64<" in first and "Trang 1/2" in first and "Trang sau" in first
    second = client.get(f"/to-chuc/{busy_cell.slug}/lich-su/?trang=2").content.decode()
    assert second.count("Ghi chú số") == 65 - history.PER_PAGE
    assert "Thành lập Chi bộ Thử nghiệm" in second  # the oldest entry, last
    assert "Trang trước" in second and "Trang sau" not in second
    # A page number past the end shows the last page, not an error.
    assert client.get(f"/to-chuc/{busy_cell.slug}/lich-su/?trang=99").status_code == 200


def test_a_short_history_has_no_link_to_more(demo, login):
    cell = org_actions.create_org(
        None, kind="party_cell", name="Chi bộ Mới", valid_from=dt.date(2020, 1, 1), parent=demo
    )
    part = history_part(login("vanphong").get(f"/to-chuc/{cell.slug}/").content.decode())
    assert "Xem toàn bộ lịch sử" not in part


def test_history_pages_are_scoped_like_their_records(demo, login):
    other = org_actions.create_org(
        None, kind="party_committee", name="Đảng bộ Ngoài", valid_from=dt.date(2010, 1, 1)
    )
    outsider = people_actions.create_person(
        None, home_org=other, full_name="Người Ngoài", gender="male"
    )
    client = login("bithu1")
    assert client.get(f"/to-chuc/{other.slug}/lich-su/").status_code == 404
    assert client.get(f"/ca-nhan/{outsider.id}/lich-su/").status_code == 404
    assert login("dangvien").get(CELL1 + "lich-su/").status_code == 404


# A member's own page ---------------------------------------------------------------------------
def test_a_member_sees_only_entries_about_themself_in_plain_words(demo, login):
    me = member_person()
    someone = (
        Membership.objects.filter(kind="party", valid_to=None).exclude(person=me).first().person
    )
    # Filed under the member's page, but about somebody else's record.
    audit.record(
        user("vanphong"), "person.update", someone, summary="Sửa hồ sơ người khác", person=me
    )
    mine = AuditEntry.objects.filter(person=me).exclude(summary="Sửa hồ sơ người khác")

    client = login("dangvien")
    page = client.get(f"/ca-nhan/{me.id}/lich-su/").content.decode()
    assert "Sửa hồ sơ người khác" not in page
    assert f"{mine.count()} lần thay đổi" in page
    assert mine.first().summary in page
    assert "Chi tiết" not in page and "Số biên lai" not in page  # one sentence, no field dump
    own = history_part(client.get(f"/ca-nhan/{me.id}/").content.decode())
    assert own.count("<li>") == min(history.RECENT, mine.count())
    assert client.get(f"/ca-nhan/{someone.id}/lich-su/").status_code == 404

    office = login("vanphong").get(f"/ca-nhan/{me.id}/lich-su/").content.decode()
    assert "Sửa hồ sơ người khác" in office
