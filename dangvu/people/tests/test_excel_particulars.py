"""The people import takes the particulars of the Party file (a private business owner, a marriage
to a foreigner, a breach of the population policy): three optional columns, "x", "có" or 1 to
mark, empty to keep; anything else, or a mark for someone without a Party file, is a Vietnamese
error naming the row and the column, and nothing is written. The write goes through
`set_party_particulars`, with its audit row. Invented organizations."""

import datetime as dt
import io

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError

from dangvu.accounts.models import AuditEntry, Role
from dangvu.orgs import actions as org_actions
from dangvu.people import actions
from dangvu.people.models import PartyProfile, Person

pytestmark = pytest.mark.django_db

START = dt.date(2012, 1, 1)
BUSINESS, MARRIAGE, BREACH = (
    "Chủ doanh nghiệp tư nhân",
    "Hôn nhân với người nước ngoài",
    "Vi phạm chính sách dân số",
)


@pytest.fixture
def commune():
    create = org_actions.create_org
    org = create(
        None, kind="party_committee", name="Đảng bộ xã Hòa Thử", slug="xa-hoa-thu", valid_from=START
    )
    cell = create(
        None, kind="party_cell", name="Chi bộ ấp Đông", slug="ap-dong", parent=org, valid_from=START
    )
    member = actions.create_person(
        None, home_org=org, full_name="Đỗ Văn Cũ", gender="male", cccd="084180000009"
    )
    actions.transfer_in(
        None, member, cell, START, admitted_on=dt.date(2008, 3, 1), official_on=dt.date(2009, 3, 1)
    )
    return org, cell, member


def _row(**cells):
    row = {
        "Họ và tên": "Ngô Thị Mới",
        "Ngày sinh": "04/05/1990",
        "Giới tính": "Nữ",
        "Số CCCD": "084190000101",
        "Chi bộ": "Chi bộ ấp Đông",
        "Ngày vào Đảng": "01/06/2016",
        "Ngày chính thức": "01/06/2017",
    }
    return row | cells


def _book(rows):
    headers = list(dict.fromkeys(h for row in rows for h in row))
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(headers)
    for row in rows:
        sheet.append([row.get(h) for h in headers])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _import(tmp_path, rows, *args):
    path = tmp_path / "nhap.xlsx"
    path.write_bytes(_book(rows))
    out = io.StringIO()
    call_command("import_people", str(path), "--org", "xa-hoa-thu", *args, stdout=out)
    return out.getvalue()


def _flags(person):
    profile = PartyProfile.objects.get(person=person)
    return tuple(getattr(profile, key) for key in PartyProfile.PARTICULARS)


def test_marked_particulars_are_previewed_then_written_through_the_action(commune, tmp_path):
    _org, _cell, old = commune
    rows = [
        _row(**{BUSINESS: "x", MARRIAGE: "", BREACH: "Có"}),
        _row(
            **{
                "Họ và tên": "Đỗ Văn Cũ",
                "Số CCCD": "084180000009",
                "Ngày vào Đảng": "",
                "Ngày chính thức": "",
                "Chi bộ": "",
                MARRIAGE: 1,
            }
        ),  # fmt: skip
    ]
    preview = _import(tmp_path, rows)
    assert "Đặc điểm hồ sơ đảng viên: Chủ doanh nghiệp tư nhân; Đã vi phạm" in preview
    assert "Có quan hệ hôn nhân với người nước ngoài" in preview
    assert not AuditEntry.objects.filter(action="party.particulars").exists()

    _import(tmp_path, rows, "--commit")
    new = Person.objects.get(cccd="084190000101")
    assert _flags(new) == (True, False, True)
    assert _flags(old) == (False, True, False)
    written = AuditEntry.objects.filter(action="party.particulars")
    assert sorted(e.person_id for e in written) == sorted([new.id, old.id])

    # The same file again changes nothing; an empty cell keeps what the file holds.
    again = _import(tmp_path, [rows[1] | {MARRIAGE: ""}])
    assert "Không đổi" in again
    assert _flags(old) == (False, True, False)


@pytest.mark.parametrize("bad", ["không", "0", "có thể", "30/04/2020", 2])
def test_anything_else_is_refused_naming_row_and_column_and_nothing_is_written(
    commune, tmp_path, bad
):
    rows = [_row(), _row(**{"Họ và tên": "Lê Văn Hai", "Số CCCD": "084190000102", BREACH: bad})]
    people = Person.objects.count()
    with pytest.raises(CommandError) as error:
        _import(tmp_path, rows, "--commit")
    assert f"Dòng 3, cột “{BREACH}”" in str(error.value)
    assert "ghi “x” (hoặc “có”, 1) nếu đúng, để trống nếu không" in str(error.value)
    assert Person.objects.count() == people
    assert not AuditEntry.objects.filter(action="party.particulars").exists()


def test_a_mark_for_someone_without_a_party_file_is_refused(commune, tmp_path):
    rows = [_row(**{"Chi bộ": "", "Ngày vào Đảng": "", "Ngày chính thức": "", BUSINESS: "x"})]
    people = Person.objects.count()
    with pytest.raises(CommandError) as error:
        _import(tmp_path, rows, "--commit")
    assert f"Dòng 2, cột “{BUSINESS}”: chỉ ghi cho đảng viên hoặc đối tượng kết nạp" in str(
        error.value
    )
    assert Person.objects.count() == people


def test_the_columns_are_found_by_the_names_offices_write(commune, tmp_path):
    rows = [
        _row(**{
            "Đảng viên là chủ doanh nghiệp tư nhân": "x",
            "Có quan hệ hôn nhân với người nước ngoài": "x",
            "Vi phạm chính sách dân số, kế hoạch hóa gia đình": "",
        })
    ]  # fmt: skip
    _import(tmp_path, rows, "--commit")
    assert _flags(Person.objects.get(cccd="084190000101")) == (True, True, False)


def test_the_web_import_takes_the_columns_too(commune, client):
    org, _cell, _old = commune
    user = get_user_model().objects.create_user("vp-hoa-thu", password="pass-1234-word")
    Role.objects.create(user=user, kind="office", org=org)
    assert client.login(username="vp-hoa-thu", password="pass-1234-word")
    file = io.BytesIO(_book([_row(**{MARRIAGE: "x"})]))
    file.name = "danh-sach.xlsx"
    preview = client.post("/ca-nhan/nhap/", {"org": org.slug, "file": file})
    assert "Có quan hệ hôn nhân với người nước ngoài" in preview.content.decode()
    client.post("/ca-nhan/nhap/ghi/")
    assert _flags(Person.objects.get(cccd="084190000101")) == (False, True, False)
