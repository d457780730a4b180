"""People in Excel: the template, the import (preview, commit, errors, scope) and the export."""

import datetime as dt
import io
from pathlib import Path

import openpyxl
import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl.utils import get_column_letter

from dangvu.accounts.models import AuditEntry
from dangvu.accounts.scope import Scope, scope_for
from dangvu.finance.models import FeeYear
from dangvu.lib.dates import add_months, vn_date
from dangvu.orgs.models import Organization, active_on
from dangvu.orgs.tree import subtree_ids
from dangvu.people import excel
from dangvu.people.models import Membership, PartyProfile, Person
from dangvu.people.stats import section_one

D = dt.date
COMMITTEE = "so-tttt-tra-vinh"
HEADERS = [c.header for c in excel.COLUMNS]


@pytest.fixture(autouse=True)
def open_fee_years(request):
    """The demo closes its 2016 and 2017 fee years, and these tests import members who joined
    their cells in those years: the sheet, not the fee books, is under test here (except in
    the closed-year test, which closes a year itself)."""
    if "demo" in request.fixturenames:
        request.getfixturevalue("demo")
        FeeYear.objects.all().delete()


def test_a_member_joining_a_cell_in_a_closed_fee_year_is_refused_in_the_preview(tmp_path, demo):
    from dangvu.finance import actions as fee_actions

    fee_actions.close_year(None, Organization.objects.get(slug=COMMITTEE), 2016)
    counts = table_counts()
    with pytest.raises(CommandError) as error:
        run(tmp_path, workbook([member()]), "--commit")
    assert "Năm 2016 đã khóa sổ đảng phí" in str(error.value)
    assert "Ngày vào chi bộ" in str(error.value)
    assert table_counts() == counts
    # Joining from a day in the open year is accepted.
    run(tmp_path, workbook([member(**{"Ngày vào chi bộ": "02/01/2018"})]), "--commit")
    party = Membership.objects.get(person__cccd=member()["Số CCCD"], kind="party")
    assert party.valid_from == D(2018, 1, 2)


def member(**changes):
    """A good row: a new full member of Chi bộ 1, in the trade union and the youth union."""
    row = {
        "Họ và tên": "Trần Thị Mới",
        "Ngày sinh": "04/05/1990",
        "Giới tính": "Nữ",
        "Số CCCD": "084190000001",
        "Điện thoại": "0912000001",
        "Thư điện tử": "moi.tt@example.vn",
        "Chi bộ": "Chi bộ 1",
        "Ngày vào Đảng": "01/06/2016",
        "Ngày chính thức": "01/06/2017",
        "Số thẻ đảng viên": "84.000001",
        "Công đoàn": "x",
        "Đoàn TN": "26/03/2008",
    }
    row.update(changes)
    return row


def workbook(rows, headers=None, above=()):
    """An .xlsx made from the template: `rows` are {header: value}; `above` are title rows."""
    book = openpyxl.load_workbook(io.BytesIO(excel.write_template()))
    sheet = book[excel.LIST_SHEET]
    headers = HEADERS if headers is None else headers
    if headers != HEADERS or above:
        sheet.delete_rows(1)
        for line in above:
            sheet.append(line)
        sheet.append(headers)
    for row in rows:
        sheet.append([row.get(h) for h in headers])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def run(tmp_path, data, *args, org=COMMITTEE, user="vanphong"):
    path = tmp_path / "nhap.xlsx"
    path.write_bytes(data)
    out = io.StringIO()
    options = ["--org", org] + (["--user", user] if user else [])
    call_command("import_people", str(path), *options, *args, stdout=out)
    return out.getvalue()


def table_counts():
    """Rows in every table, to prove that something wrote nothing."""
    models = [m for m in apps.get_models() if m._meta.managed and not m._meta.proxy]
    return {m._meta.label: m.objects.count() for m in models}


def user(name):
    return get_user_model().objects.get(username=name)


def current_member(cell_slug):
    return (
        Membership.objects.filter(
            active_on(dt.date.today()),
            org__slug=cell_slug,
            kind="party",
            person__cccd__isnull=False,
        )
        .select_related("person")
        .order_by("person__search_name")
        .first()
        .person
    )


# The template --------------------------------------------------------------------------------


def test_template_has_the_headers_and_a_guide(tmp_path, demo):
    out = tmp_path / "mau.xlsx"
    call_command("import_people", "--template", str(out), "--org", COMMITTEE, stdout=io.StringIO())
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["Danh sách", "Hướng dẫn"]
    assert [c.value for c in book["Danh sách"][1]] == HEADERS
    guide = [r for r in book["Hướng dẫn"].iter_rows(values_only=True)]
    explained = {r[0] for r in guide}
    assert set(HEADERS) <= explained
    text = " ".join(str(v) for r in guide for v in r if v)
    assert "“Nam” hoặc “Nữ”" in text and "12 chữ số" in text and "Chi bộ 3" in text
    assert book["Danh sách"].max_row == 1  # empty: headers only


def test_round_trip_creates_people_memberships_and_history(tmp_path, demo):
    rows = [
        member(),
        {"Họ và tên": "Lê Văn Quần Chúng", "Ngày sinh": "1/2/1995", "Giới tính": "Nam"},
    ]
    before = section_one(demo, dt.date.today())["party.members"].value
    output = run(tmp_path, workbook(rows), "--commit")
    assert "Đã ghi: 2 hồ sơ mới" in output
    p = Person.objects.get(cccd="084190000001")
    assert (p.full_name, p.birth_date, p.gender, p.ethnicity) == (
        "Trần Thị Mới",
        D(1990, 5, 4),
        "female",
        "Kinh",
    )
    assert (p.phone, p.email, p.home_org) == ("0912000001", "moi.tt@example.vn", demo)
    profile = PartyProfile.objects.get(person=p)
    assert (profile.admitted_on, profile.official_on, profile.recognized_on) == (
        D(2016, 6, 1),
        D(2017, 6, 1),
        D(2017, 6, 1),
    )
    assert profile.card_number == "84.000001"
    party = Membership.objects.get(person=p, kind="party")
    assert (party.org.slug, party.valid_from, party.valid_to) == (
        "so-tttt-chi-bo-1",
        D(2016, 6, 1),
        None,
    )
    union = Membership.objects.get(person=p, kind="trade_union")
    assert union.valid_from == dt.date.today()  # "x": member, date unknown
    youth = Membership.objects.get(person=p, kind="youth_union")
    # Joined the youth union in 2008; this chi đoàn exists since 2014.
    assert youth.valid_from == youth.org.valid_from
    other = Person.objects.get(full_name="Lê Văn Quần Chúng")
    assert other.cccd is None and not Membership.objects.filter(person=other).exists()
    entries = AuditEntry.objects.filter(person=p)
    assert set(entries.values_list("action", flat=True)) == {
        "person.create",
        "party.transfer_in",
        "membership.join",
    }
    assert {e.actor.username for e in entries} == {"vanphong"}
    transfer = entries.get(action="party.transfer_in")
    assert transfer.org.slug == "so-tttt-chi-bo-1" and transfer.after["admitted_on"] == "2016-06-01"
    assert (
        AuditEntry.objects.filter(action="people.import", actor__username="vanphong").count() == 1
    )
    assert section_one(demo, dt.date.today())["party.members"].value == before + 1


def test_preview_writes_nothing(tmp_path, demo):
    known = current_member("so-tttt-chi-bo-1")
    rows = [member(), {"Họ và tên": known.full_name, "Số CCCD": known.cccd, "Điện thoại": "0999"}]
    counts = table_counts()
    output = run(tmp_path, workbook(rows))
    assert table_counts() == counts
    assert "Dòng     2  Mới" in output and "Dòng     3  Cập nhật" in output
    assert f"Điện thoại: {known.phone} → 0999" in output
    assert "Chưa ghi gì" in output


def test_reimport_by_cccd_updates_instead_of_duplicating(tmp_path, demo):
    run(tmp_path, workbook([member()]), "--commit")
    people = Person.objects.count()
    output = run(tmp_path, workbook([member()]), "--commit")
    assert "0 hồ sơ mới, 0 hồ sơ cập nhật, 1 hồ sơ không đổi" in output
    output = run(tmp_path, workbook([member(**{"Điện thoại": "0912000002"})]), "--commit")
    assert "Điện thoại: 0912000001 → 0912000002" in output
    assert Person.objects.count() == people
    p = Person.objects.get(cccd="084190000001")
    assert p.phone == "0912000002"
    assert Membership.objects.filter(person=p, kind="party").count() == 1
    update = AuditEntry.objects.get(person=p, action="person.update")
    assert update.actor.username == "vanphong" and update.after["phone"] == "0912000002"


def test_a_member_already_in_a_cell_stays_there(tmp_path, demo):
    known = current_member("so-tttt-chi-bo-1")
    profile = known.party
    row = {
        "Họ và tên": known.full_name,
        "Số CCCD": known.cccd,
        "Chi bộ": "Chi bộ 2",
        "Ngày vào Đảng": vn_date(profile.admitted_on),
    }
    memberships = Membership.objects.count()
    output = run(tmp_path, workbook([row]), "--commit")
    assert "đang sinh hoạt tại Chi bộ 1; giữ nguyên" in output
    assert "1 hồ sơ không đổi" in output
    assert Membership.objects.count() == memberships


def test_missing_party_facts_are_added_to_a_member(tmp_path, demo):
    profile = PartyProfile.objects.filter(
        admitted_on__isnull=False, recognized_on=None, person__memberships__valid_to=None
    ).first()
    person = profile.person
    official = add_months(profile.admitted_on, 12)
    row = {
        "Họ và tên": person.full_name,
        "Số CCCD": person.cccd,
        "Ngày chính thức": vn_date(official),
        "Số thẻ đảng viên": "84.777777",
    }
    output = run(tmp_path, workbook([row]), "--commit")
    assert f"Chuyển đảng chính thức ngày {vn_date(official)}" in output
    profile.refresh_from_db()
    assert (profile.recognized_on, profile.official_on) == (official, official)
    assert profile.card_number == "84.777777"
    actions = set(AuditEntry.objects.filter(person=person).values_list("action", "actor__username"))
    assert {("party.recognize", "vanphong"), ("party.card", "vanphong")} <= actions


def test_a_member_who_left_is_received_again_after_leaving(tmp_path, demo):
    left = Membership.objects.filter(kind="party", end_reason="transfer_out").first()
    person = left.person
    row = {
        "Họ và tên": person.full_name,
        "Số CCCD": person.cccd,
        "Chi bộ": "Chi bộ 3",
        "Ngày vào Đảng": vn_date(person.party.admitted_on),
    }
    output = run(tmp_path, workbook([row]), "--commit")
    assert f"đã thôi sinh hoạt tại {left.org} từ {vn_date(left.valid_to)}" in output
    again = Membership.objects.get(person=person, kind="party", valid_to=None)
    assert (again.org.slug, again.valid_from) == ("so-tttt-chi-bo-3", left.valid_to)


def test_headers_are_matched_loosely_and_row_numbers_are_excel_s(tmp_path, demo):
    headers = [
        "STT",
        "HO VA TEN",
        "  ngày   sinh (dd/mm/yyyy)",
        "giới tính*",
        "CCCD",
        "Chi Bo",
        "Ngay vao dang",
        "Ngày chính thức",
        "Ghi chú",
    ]
    rows = [
        {
            "STT": 1,
            "HO VA TEN": "Phạm Văn Số",
            "  ngày   sinh (dd/mm/yyyy)": dt.datetime(1985, 6, 29),
            "giới tính*": "nam",
            "CCCD": 84085012345,  # a number cell: Excel dropped the leading zero
            "Chi Bo": "chi bo 2",
            "Ngay vao dang": "2010-03-15",
            "Ngày chính thức": "15-3-2011",
        },
        {"STT": 2},  # numbered but empty: not a row
        {"STT": 3, "HO VA TEN": "Võ Thị Lỗi", "giới tính*": "nữ", "Ngày chính thức": "15/3/2011"},
    ]
    data = workbook(rows, headers, above=[["DANH SÁCH ĐẢNG VIÊN"], []])
    plan = excel.prepare(data, demo, Scope.everything())
    assert plan.header_row == 3
    assert plan.ignored_columns == ["STT", "Ghi chú"]
    first, second = plan.rows
    assert (first.number, first.status, first.fields["cccd"]) == (4, "new", "084085012345")
    assert first.transfer["cell"].slug == "so-tttt-chi-bo-2"
    assert first.transfer["on"] == D(2014, 4, 24)  # admitted before the cell was founded
    assert second.number == 6
    assert plan.errors == [
        "Dòng 6, cột “Chi bộ”: cần ghi chi bộ của đảng viên (trong Đảng bộ Sở Thông tin và Truyền thông)."
    ]


# Bad files: every one names the row and the column, and writes nothing --------------------------


def _future():
    return vn_date(dt.date.today() + dt.timedelta(days=3))


BAD_ROWS = [
    (
        "unknown cell",
        [member(**{"Chi bộ": "Chi bộ 9"})],
        "Dòng 2, cột “Chi bộ”: không có chi bộ “Chi bộ 9” trong Đảng bộ Sở Thông tin và Truyền thông.",
    ),
    (
        "impossible date",
        [member(**{"Ngày sinh": "31/02/2017"})],
        "Dòng 2, cột “Ngày sinh”: “31/02/2017” không phải là ngày hợp lệ",
    ),
    (
        "future date",
        [member(**{"Ngày vào Đảng": _future()})],
        f"Dòng 2, cột “Ngày vào Đảng”: {_future()} sau ngày hôm nay.",
    ),
    (
        "duplicate CCCD in the file",
        [member(), member(**{"Họ và tên": "Người Khác"})],
        "Dòng 3, cột “Số CCCD”: số 084190000001 trùng với dòng 2.",
    ),
    (
        "CCCD not 12 digits",
        [member(**{"Số CCCD": "08419000001"})],
        "Dòng 2, cột “Số CCCD”: “08419000001” phải gồm đúng 12 chữ số.",
    ),
    (
        "recognition before probation ends",
        [member(**{"Ngày chính thức": "01/02/2017"})],
        "Dòng 2, cột “Ngày chính thức”: 01/02/2017 trước khi hết 12 tháng dự bị "
        "(kết nạp 01/06/2016).",
    ),
    (
        "missing name",
        [member(**{"Họ và tên": "  "})],
        "Dòng 2, cột “Họ và tên”: không được để trống.",
    ),
    (
        "unknown gender",
        [member(**{"Giới tính": "Khác"})],
        "Dòng 2, cột “Giới tính”: “Khác” không hợp lệ; ghi “Nam” hoặc “Nữ”.",
    ),
    (
        "missing gender of a new person",
        [member(**{"Giới tính": None})],
        "Dòng 2, cột “Giới tính”: cần ghi “Nam” hoặc “Nữ” cho hồ sơ mới.",
    ),
    (
        "bad e-mail",
        [member(**{"Thư điện tử": "khong-phai-thu"})],
        "Dòng 2, cột “Thư điện tử”: “khong-phai-thu” không phải là địa chỉ thư điện tử hợp lệ.",
    ),
    (
        "admitted before birth",
        [member(**{"Ngày vào Đảng": "01/01/1980", "Ngày chính thức": None})],
        "Dòng 2, cột “Ngày vào Đảng”: 01/01/1980 phải sau ngày sinh (04/05/1990).",
    ),
    (
        "party member without admission date",
        [member(**{"Ngày vào Đảng": None, "Ngày chính thức": None})],
        "Dòng 2, cột “Ngày vào Đảng”: cần ghi ngày vào Đảng của đảng viên Chi bộ 1.",
    ),
    (
        "a name far too long",
        [member(**{"Họ và tên": "Ạ" * 500})],
        "Dòng 2, cột “Họ và tên”: dài 500 ký tự, tối đa 120.",
    ),
    (
        "not a mass-organization mark",
        [member(**{"Công đoàn": "có lẽ"})],
        "Dòng 2, cột “Công đoàn”: “có lẽ” không hợp lệ",
    ),
]


def test_a_bad_row_is_named_and_nothing_is_written(tmp_path, demo):
    # One demo for all the cases: loading it is the slow part.
    counts = table_counts()
    for case, rows, message in BAD_ROWS:
        with pytest.raises(CommandError) as raised:
            run(tmp_path, workbook(rows), "--commit")
        assert message in str(raised.value), case
        assert "không ghi gì" in str(raised.value), case
        assert table_counts() == counts, case


def _missing_header():
    headers = [h for h in HEADERS if h != "Ngày chính thức"]
    return workbook([member()], headers)


def _plain_book(*lines):
    book = openpyxl.Workbook()
    for line in lines:
        book.active.append(line)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


BAD_FILES = [
    ("missing header", _missing_header, "Dòng 1: thiếu cột “Ngày chính thức” ở dòng tiêu đề."),
    (
        "column twice",
        lambda: workbook([member()], [*HEADERS, "HỌ VÀ TÊN"]),
        f"Dòng 1: cột “Họ và tên” có hai lần (cột A và {get_column_letter(len(HEADERS) + 1)}).",
    ),
    (
        "no header row",
        lambda: _plain_book(["Danh sách"], ["a", "b"]),
        "Không tìm thấy dòng tiêu đề",
    ),
    ("blank workbook", _plain_book, "Tệp rỗng"),
    ("no rows", lambda: workbook([]), "Tệp không có dòng dữ liệu nào dưới dòng tiêu đề (dòng 1)."),
    ("zero bytes", lambda: b"", "Tệp rỗng"),
    ("binary garbage", lambda: bytes(range(256)) * 8, excel.NOT_XLSX),
    (
        "a renamed .txt",
        lambda: "Họ và tên,Ngày sinh\nTrần Văn A,01/01/1990\n".encode(),
        excel.NOT_XLSX,
    ),
    ("an old .xls", lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), excel.OLD_XLS),
]


def test_a_bad_file_is_refused_and_nothing_is_written(tmp_path, demo):
    counts = table_counts()
    for case, make, message in BAD_FILES:
        with pytest.raises(CommandError, match="không ghi gì") as raised:
            run(tmp_path, make(), "--commit")
        assert message in str(raised.value), case
        assert table_counts() == counts, case


def test_a_file_over_the_size_limit_is_refused_naming_the_limit(tmp_path, demo, settings):
    settings.DANGVU_MAX_UPLOAD_BYTES = 2048
    data = workbook([member()])
    assert len(data) > 2048
    with pytest.raises(CommandError, match=r"vượt giới hạn 2 KB"):
        run(tmp_path, data, "--commit")
    assert not Person.objects.filter(cccd="084190000001").exists()


def test_too_many_rows_are_refused(tmp_path, demo, monkeypatch):
    monkeypatch.setattr(excel, "MAX_ROWS", 3)
    rows = [member(**{"Số CCCD": f"08419000000{n}"}) for n in range(4)]
    with pytest.raises(CommandError, match="Tệp có hơn 3 dòng dữ liệu"):
        run(tmp_path, workbook(rows), "--commit")
    assert not Person.objects.filter(cccd__startswith="0841900").exists()


def test_one_bad_row_among_good_ones_writes_nothing(tmp_path, demo):
    rows = [
        member(),
        member(**{"Họ và tên": "Đỗ Văn Hai", "Số CCCD": "084090000002", "Giới tính": "Nam"}),
        member(**{"Họ và tên": "Ngô Văn Ba", "Số CCCD": "084090000003", "Ngày sinh": "30/02/1991"}),
        member(**{"Họ và tên": "Hồ Thị Bốn", "Số CCCD": "084190000004"}),
    ]
    counts = table_counts()
    with pytest.raises(CommandError) as raised:
        run(tmp_path, workbook(rows), "--commit")
    errors = str(raised.value).splitlines()[1:]
    assert errors == [
        "Dòng 4, cột “Ngày sinh”: “30/02/1991” không phải là ngày hợp lệ "
        "(ghi dạng ngày/tháng/năm, ví dụ 29/06/2017)."
    ]
    assert table_counts() == counts


def test_every_error_of_the_file_is_reported(tmp_path, demo):
    rows = [
        member(**{"Giới tính": "?", "Số CCCD": "1"}),
        member(**{"Số CCCD": "084190000009", "Chi bộ": "Chi bộ 7", "Ngày sinh": "1/13/1990"}),
        member(**{"Số CCCD": "084190000010", "Ngày chính thức": "02/06/2016"}),
    ]
    with pytest.raises(CommandError) as raised:
        run(tmp_path, workbook(rows))
    text = str(raised.value)
    assert "Tệp có 5 lỗi" in text
    for prefix in [
        "Dòng 2, cột “Giới tính”",
        "Dòng 2, cột “Số CCCD”",
        "Dòng 3, cột “Ngày sinh”",
        "Dòng 3, cột “Chi bộ”",
        "Dòng 4, cột “Ngày chính thức”",
    ]:
        assert prefix in text


def test_a_row_without_cccd_warns_about_a_namesake(tmp_path, demo):
    known = current_member("so-tttt-chi-bo-2")
    row = {
        "Họ và tên": known.full_name.upper(),
        "Ngày sinh": known.birth_date,
        "Giới tính": known.get_gender_display(),
    }
    output = run(tmp_path, workbook([row]))
    assert "đã có hồ sơ cùng họ tên và ngày sinh" in output


# Scope ------------------------------------------------------------------------------------------


def test_a_secretary_cannot_import_into_another_cell(tmp_path, demo):
    with pytest.raises(CommandError, match="Không tìm thấy tổ chức “so-tttt-chi-bo-2”"):
        run(tmp_path, workbook([member()]), "--commit", org="so-tttt-chi-bo-2", user="bithu1")
    with pytest.raises(CommandError, match="không có chi bộ “Chi bộ 2” trong Chi bộ 1"):
        run(
            tmp_path,
            workbook([member(**{"Chi bộ": "Chi bộ 2"})]),
            "--commit",
            org="so-tttt-chi-bo-1",
            user="bithu1",
        )
    assert not Person.objects.filter(cccd="084190000001").exists()


def test_a_secretary_cannot_touch_a_person_outside_the_cell(tmp_path, demo):
    outsider = current_member("so-tttt-chi-bo-2")
    row = member(**{"Số CCCD": outsider.cccd, "Họ và tên": "Tên Khác"})
    with pytest.raises(CommandError) as raised:
        run(tmp_path, workbook([row]), "--commit", org="so-tttt-chi-bo-1", user="bithu1")
    assert "ngoài phạm vi bạn được sửa" in str(raised.value)
    assert outsider.full_name not in str(raised.value)
    outsider.refresh_from_db()
    assert outsider.full_name != "Tên Khác"


def test_a_secretary_imports_into_the_own_cell(tmp_path, demo):
    # The committee's trade union is not the cell's to write.
    with pytest.raises(CommandError, match="không có tổ chức Công đoàn nào trong Chi bộ 1"):
        run(tmp_path, workbook([member()]), org="so-tttt-chi-bo-1", user="bithu1")
    row = member(**{"Chi bộ": None, "Công đoàn": None, "Đoàn TN": None})
    run(tmp_path, workbook([row]), "--commit", org="so-tttt-chi-bo-1", user="bithu1")
    p = Person.objects.get(cccd="084190000001")
    assert p.home_org.slug == "so-tttt-chi-bo-1"
    assert Membership.objects.get(person=p, kind="party").org.slug == "so-tttt-chi-bo-1"
    assert scope_for(user("bithu1")).can_write_person(p)


def test_a_member_cannot_import(tmp_path, demo):
    with pytest.raises(CommandError, match="Không tìm thấy tổ chức"):
        run(tmp_path, workbook([member()]), org="so-tttt-chi-bo-1", user="dangvien")
    with pytest.raises(CommandError, match="không có quyền ghi"):
        run(tmp_path, workbook([member()]), org=COMMITTEE, user="captren")


# The web ----------------------------------------------------------------------------------------


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return Path(settings.MEDIA_ROOT) / "imports"


def _upload(client, data, org=COMMITTEE, name="danh-sach.xlsx"):
    upload = io.BytesIO(data)
    upload.name = name
    return client.post("/ca-nhan/nhap/", {"org": org, "file": upload})


def test_web_upload_preview_then_commit(demo, login, media):
    client = login("vanphong")
    page = client.get("/ca-nhan/nhap/")
    assert page.status_code == 200 and "Tải tệp mẫu" in page.content.decode()
    counts = table_counts()
    preview = _upload(client, workbook([member()]))
    html = preview.content.decode()
    assert preview.status_code == 200
    assert (
        "Trần Thị Mới" in html and "Ghi vào hồ sơ" in html and "Sinh hoạt đảng tại Chi bộ 1" in html
    )
    counts.pop("sessions.Session")
    after = table_counts()
    after.pop("sessions.Session")
    assert after == counts
    stored = list(media.glob("*.xlsx"))
    assert len(stored) == 1
    response = client.post("/ca-nhan/nhap/ghi/")
    assert response.status_code == 302 and "to-chuc=so-tttt-tra-vinh" in response["Location"]
    p = Person.objects.get(cccd="084190000001")
    assert AuditEntry.objects.get(person=p, action="person.create").actor.username == "vanphong"
    assert list(media.glob("*.xlsx")) == []
    # The stored file is gone: a second click writes nothing more.
    again = client.post("/ca-nhan/nhap/ghi/")
    assert again.status_code == 302 and Person.objects.filter(cccd="084190000001").count() == 1


def test_web_preview_with_errors_keeps_nothing(demo, login, media):
    client = login("vanphong")
    response = _upload(client, workbook([member(), member(**{"Giới tính": "Không rõ"})]))
    html = response.content.decode()
    assert response.status_code == 400
    assert "Dòng 3, cột “Giới tính”: “Không rõ” không hợp lệ" in html
    assert "Ghi vào hồ sơ" not in html
    assert not media.exists() or list(media.glob("*.xlsx")) == []
    response = _upload(client, b"not a spreadsheet", name="ds.xlsx")
    assert (
        response.status_code == 400 and "không phải là bảng tính Excel" in response.content.decode()
    )
    assert not Person.objects.filter(cccd="084190000001").exists()


def test_web_import_can_be_cancelled(demo, login, media):
    client = login("vanphong")
    _upload(client, workbook([member()]))
    assert len(list(media.glob("*.xlsx"))) == 1
    response = client.post("/ca-nhan/nhap/ghi/", {"huy": "1"})
    assert response.status_code == 302
    assert list(media.glob("*.xlsx")) == []
    assert not Person.objects.filter(cccd="084190000001").exists()


def test_web_upload_over_the_limit(demo, login, media, settings):
    settings.DANGVU_MAX_UPLOAD_BYTES = 2048
    response = _upload(login("vanphong"), workbook([member()]))
    assert response.status_code == 400 and "vượt giới hạn 2 KB" in response.content.decode()


def test_web_secretary_imports_only_into_the_own_cell(demo, login, media):
    client = login("bithu1")
    form = client.get("/ca-nhan/nhap/").context["form"]
    assert [o.slug for o in form.fields["org"].queryset] == ["so-tttt-chi-bo-1"]
    response = _upload(client, workbook([member(**{"Chi bộ": None})]), org="so-tttt-chi-bo-2")
    assert response.status_code == 400
    assert not media.exists() or list(media.glob("*.xlsx")) == []
    response = _upload(client, workbook([member(**{"Chi bộ": "Chi bộ 2"})]), org="so-tttt-chi-bo-1")
    assert response.status_code == 400 and "không có chi bộ “Chi bộ 2”" in response.content.decode()
    assert not Person.objects.filter(cccd="084190000001").exists()


def test_web_import_is_refused_without_a_write_role(demo, login, media):
    for role in ["dangvien", "captren"]:
        client = login(role)
        assert client.get("/ca-nhan/nhap/").status_code == 403, role
        assert client.get("/ca-nhan/nhap/mau.xlsx").status_code == 403, role
        assert _upload(client, workbook([member()])).status_code == 403, role
        assert client.post("/ca-nhan/nhap/ghi/").status_code == 403, role
    assert not Person.objects.filter(cccd="084190000001").exists()


def test_web_template_download(demo, login):
    response = login("bithu1").get("/ca-nhan/nhap/mau.xlsx")
    assert response.status_code == 200
    assert response["Content-Type"] == excel.XLSX_CONTENT_TYPE
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert [c.value for c in book["Danh sách"][1]] == HEADERS
    guide = " ".join(str(v) for r in book["Hướng dẫn"].iter_rows(values_only=True) for v in r if v)
    assert "Chi bộ 1" in guide and "Chi bộ 2" not in guide


# Export -----------------------------------------------------------------------------------------


def exported(client, query=""):
    response = client.get(f"/ca-nhan/xuat.xlsx{query}")
    assert response.status_code == 200
    assert response["Content-Type"] == excel.XLSX_CONTENT_TYPE
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    header = list(rows[0])
    return header, [dict(zip(header, r, strict=True)) for r in rows[1:]], sheet


def test_export_has_the_committee_s_people_for_the_office(demo, login):
    header, rows, sheet = exported(login("vanphong"))
    for title in ["Họ và tên", "Ngày sinh", "Giới tính", "Dân tộc", "Số CCCD", "Điện thoại",
                  "Thư điện tử", "Chi bộ", "Ngày vào Đảng", "Ngày chính thức", "Số thẻ đảng viên",
                  "Cơ quan/đơn vị", "Chức vụ", "Công đoàn", "Đoàn TN", "CCB", "Tôn giáo",
                  "Nghề nghiệp", "Giáo dục phổ thông", "Chức danh khoa học"]:  # fmt: skip
        assert title in header
    # The statistical forms' attributes leave with the person, as the record says them.
    by_cccd = {r["Số CCCD"]: r for r in rows}
    recorded = Person.objects.exclude(occupation="").exclude(cccd__isnull=True).first()
    assert by_cccd[recorded.cccd]["Nghề nghiệp"] == recorded.get_occupation_display()
    # Everyone kept in the committee's records, and no one kept above it (the superior
    # committee's officers are in the demo too).
    committee_s = Person.objects.filter(home_org__in=subtree_ids([demo.id]))
    assert {r["Số CCCD"] for r in rows} == set(committee_s.values_list("cccd", flat=True))
    outside = Person.objects.exclude(home_org__in=subtree_ids([demo.id]))
    assert outside.exists()
    assert not {r["Số CCCD"] for r in rows} & set(outside.values_list("cccd", flat=True))
    members = [r for r in rows if r["Chi bộ"]]
    today = dt.date.today()
    assert len(members) == section_one(demo, today)["party.members"].value
    assert isinstance(rows[0]["Ngày sinh"], dt.datetime)
    assert sheet["B2"].number_format == excel.DATE_FORMAT


def test_export_for_a_secretary_has_only_the_cell_s_people(demo, login):
    _, rows, _ = exported(login("bithu1"))
    ever_in_cell1 = set(
        Membership.objects.filter(org__slug="so-tttt-chi-bo-1").values_list(
            "person__cccd", flat=True
        )
    )
    assert {r["Số CCCD"] for r in rows} == ever_in_cell1
    assert {r["Chi bộ"] for r in rows} <= {"Chi bộ 1", None}
    assert current_member("so-tttt-chi-bo-2").cccd not in {r["Số CCCD"] for r in rows}
    _, rows, _ = exported(login("dangvien"))
    assert len(rows) == 1


def test_export_honours_the_list_filters(demo, login):
    query = "?to-chuc=so-tttt-chi-bo-2&loai=dang-vien&ngay=2017-12-31"
    _, rows, _ = exported(login("vanphong"), query)
    cell2 = Membership.objects.filter(
        active_on(D(2017, 12, 31)), org__slug="so-tttt-chi-bo-2", kind="party"
    )
    assert {r["Số CCCD"] for r in rows} == set(cell2.values_list("person__cccd", flat=True))
    assert {r["Chi bộ"] for r in rows} == {"Chi bộ 2"}


def test_export_takes_a_fixed_number_of_queries(demo):
    people = Person.objects.all()
    with CaptureQueriesContext(connection) as few:
        excel.export_people(
            people.filter(id__in=people.order_by("id").values("id")[:5]), dt.date.today()
        )
    with CaptureQueriesContext(connection) as all_of_them:
        excel.export_people(people, dt.date.today())
    assert len(all_of_them) == len(few) <= 4


def test_export_then_import_changes_nothing(tmp_path, demo, login):
    response = login("vanphong").get("/ca-nhan/xuat.xlsx")
    output = run(tmp_path, response.content)
    people = Person.objects.filter(home_org__in=subtree_ids([demo.id])).count()
    assert f"0 hồ sơ mới, 0 hồ sơ cập nhật, {people} hồ sơ không đổi" in output
    assert "Bỏ qua các cột: “Cơ quan/đơn vị”, “Chức vụ”" in output


def test_import_into_a_cell_of_an_other_kind_is_refused(tmp_path, demo):
    with pytest.raises(CommandError, match="Chỉ nhập hồ sơ vào một đảng bộ cơ sở hoặc một chi bộ"):
        run(tmp_path, workbook([member()]), org="so-tttt-co-quan")
    assert Organization.objects.filter(slug="so-tttt-co-quan").exists()
