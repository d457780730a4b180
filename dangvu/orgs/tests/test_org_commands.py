"""`create_org` and `import_orgs`: the structure of a new committee, and every bad input refused
in Vietnamese with nothing written."""

import datetime as dt

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.core.management.base import CommandError

from dangvu.accounts.models import AuditEntry, Role
from dangvu.accounts.tests.helpers import run, table_counts
from dangvu.orgs import excel
from dangvu.orgs.models import Organization

COMMITTEE = "dang-bo-thu"


@pytest.fixture
def committee(db):
    run(
        "create_org",
        "--name",
        "Đảng bộ Thử",
        "--kind",
        "party_committee",
        "--slug",
        COMMITTEE,
        "--from",
        "2015-01-01",
        "--place",
        "Sóc Trăng",
    )
    run("create_org", "--name", "Chi bộ 1", "--kind", "party_cell", "--parent", COMMITTEE)
    return Organization.objects.get(slug=COMMITTEE)


def refused(*args, match):
    before = table_counts()
    with pytest.raises(CommandError, match=match):
        run(*args)
    assert table_counts() == before


# create_org -------------------------------------------------------------------------------------


def test_create_org_prints_the_slug_and_fills_the_defaults(committee):
    cell = Organization.objects.get(slug="chi-bo-1")
    assert cell.parent == committee and cell.kind == "party_cell"
    assert cell.valid_from == dt.date(2015, 1, 1)  # the committee's founding date
    assert (committee.symbol, cell.symbol) == ("ĐU", "CB")
    assert cell.place == "Sóc Trăng"
    assert cell.names.get().name == "Chi bộ 1"
    assert AuditEntry.objects.filter(action="org.create", org=cell).exists()


def test_the_superior_committee_is_named_once_and_reused(db):
    for name in ("Đảng bộ A", "Đảng bộ B"):
        run(
            "create_org",
            "--name",
            name,
            "--kind",
            "party_committee",
            "--superior-name",
            "Đảng ủy Khối Doanh nghiệp tỉnh",
        )
    superior = Organization.objects.get(kind="superior_committee")
    assert superior.name == "Đảng ủy Khối Doanh nghiệp tỉnh"
    assert superior.children.count() == 2


@pytest.mark.parametrize(
    "args, match",
    [
        (["--name", "X", "--kind", "chi_bo", "--parent", COMMITTEE], "Loại tổ chức “chi_bo”"),
        (["--name", "X", "--parent", COMMITTEE], "Thiếu --kind"),
        (["--kind", "party_cell", "--parent", COMMITTEE], "Thiếu --name"),
        (["--name", "X", "--kind", "party_cell", "--parent", "khong-co"], "“khong-co”"),
        (
            ["--name", "X", "--kind", "party_cell", "--parent", COMMITTEE, "--slug", "chi-bo-1"],
            "Mã “chi-bo-1” đã được dùng",
        ),
        (
            ["--name", "X", "--kind", "party_cell", "--parent", COMMITTEE, "--slug", "Chi bộ"],
            "không hợp lệ",
        ),
        (["--name", "Tổ", "--kind", "party_cell", "--parent", "chi-bo-1"], "không thể trực thuộc"),
        (
            ["--name", "X", "--kind", "party_cell", "--parent", COMMITTEE, "--from", "2014-12-31"],
            "không hoạt động vào ngày",
        ),
        (
            ["--name", "X", "--kind", "party_cell", "--parent", COMMITTEE, "--from", "31/02/2020"],
            "Ngày “31/02/2020” không hợp lệ",
        ),
        (
            ["--name", "X", "--kind", "party_cell", "--parent", COMMITTEE, "--from", "2999-01-01"],
            "sau hôm nay",
        ),
        (
            ["--name", "X", "--kind", "party_cell", "--parent", COMMITTEE, "--superior-name", "Y"],
            "Chỉ dùng một trong hai",
        ),
        (["--name", "X", "--kind", "party_cell", "--bogus"], "tham số không được hỗ trợ"),
    ],
)
def test_create_org_refuses_bad_input_and_writes_nothing(committee, args, match):
    refused("create_org", *args, match=match)


def test_only_the_administrator_creates_at_the_top(committee):
    user = get_user_model().objects.create_user("vp")
    Role.objects.create(user=user, kind="office", org=committee)
    refused(
        "create_org",
        "--name",
        "Đảng bộ Khác",
        "--kind",
        "party_committee",
        "--user",
        "vp",
        match="Chỉ người quản trị mới tạo tổ chức cấp cao nhất",
    )
    # Within its committee the office adds what it needs.
    run(
        "create_org",
        "--name",
        "Công đoàn",
        "--kind",
        "trade_union",
        "--parent",
        COMMITTEE,
        "--user",
        "vp",
    )
    assert Organization.objects.filter(kind="trade_union", parent=committee).exists()


def test_a_secretary_cannot_add_to_the_committee(committee):
    user = get_user_model().objects.create_user("bt")
    Role.objects.create(user=user, kind="secretary", org=Organization.objects.get(slug="chi-bo-1"))
    refused(
        "create_org",
        "--name",
        "Chi bộ 9",
        "--kind",
        "party_cell",
        "--parent",
        COMMITTEE,
        "--user",
        "bt",
        match="không có quyền xem|không có quyền thêm",
    )


# import_orgs ------------------------------------------------------------------------------------


def structure(tmp_path, rows, name="co-cau.xlsx"):
    """An .xlsx from the template with `rows` as lists in the template's column order."""
    path = tmp_path / name
    path.write_bytes(excel.write_template())
    book = openpyxl.load_workbook(path)
    for row in rows:
        book["Danh sách"].append(row)
    book.save(path)
    return path


def test_template_has_the_columns_and_a_guide_with_the_kinds(committee, tmp_path):
    out = tmp_path / "mau.xlsx"
    run("import_orgs", "--template", str(out), "--org", COMMITTEE)
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["Danh sách", "Hướng dẫn"]
    assert [c.value for c in book["Danh sách"][1]][:3] == ["Tên tổ chức", "Loại", "Trực thuộc"]
    guide = " ".join(str(v) for r in book["Hướng dẫn"].values for v in r if v)
    assert "Chi bộ, Cơ quan" in guide and "mã: chi-bo-1" in guide


def test_import_previews_then_commits_parents_first(committee, tmp_path):
    path = structure(
        tmp_path,
        [
            ["Chi bộ 2", "Chi bộ"],
            ["Sở Thử", "Cơ quan", None, "so-thu", "01/06/2015"],
            ["Văn phòng Sở", "Phòng chuyên môn", "so-thu"],
            ["Công đoàn cơ sở", "trade_union", "Chi bộ 2"],
            ["Chi bộ 1", "Chi bộ"],
        ],
    )
    before = table_counts()
    preview = run("import_orgs", str(path), "--org", COMMITTEE)
    assert table_counts() == before
    assert "4 tổ chức mới, 1 tổ chức đã có" in preview
    out = run("import_orgs", str(path), "--org", COMMITTEE, "--commit")
    assert "Đã ghi: 4 tổ chức mới." in out
    office = Organization.objects.get(name="Văn phòng Sở")
    assert office.parent.slug == "so-thu" and office.valid_from == dt.date(2015, 6, 1)
    union = Organization.objects.get(kind="trade_union")
    assert union.parent.name == "Chi bộ 2"
    assert AuditEntry.objects.filter(action="orgs.import").count() == 1
    again = run("import_orgs", str(path), "--org", COMMITTEE, "--commit")
    assert "0 tổ chức mới, 5 tổ chức đã có" in again and "không ghi gì" in again
    assert AuditEntry.objects.filter(action="orgs.import").count() == 1


@pytest.mark.parametrize(
    "rows, match",
    [
        ([["Tổ 1", "Chi bộ", "Chi bộ 1"]], "Dòng 2, cột “Trực thuộc”: Chi bộ không thể trực thuộc"),
        ([["Chi bộ 5", "Chi bộ nhỏ"]], "Dòng 2, cột “Loại”: “Chi bộ nhỏ” không phải là loại"),
        ([["Chi bộ 5", "Chi bộ", "Chi bộ 9"]], "không có tổ chức “Chi bộ 9”"),
        ([["Chi bộ 5", "Chi bộ", None, "chi-bo-1"]], "cột “Mã”: mã “chi-bo-1” là của Chi bộ 1"),
        (
            [["Chi bộ 5", "Chi bộ", None, "cb5"], ["Chi bộ 6", "Chi bộ", None, "cb5"]],
            "Dòng 3, cột “Mã”: mã “cb5” đã được dùng",
        ),
        ([[None, "Chi bộ"]], "Dòng 2, cột “Tên tổ chức”: không được để trống"),
        (
            [["Chi bộ 5", "Chi bộ"], ["chi bo 5", "Chi bộ"]],
            "Dòng 3, cột “Tên tổ chức”: trùng với dòng 2",
        ),
        ([["Chi bộ 5", "Chi bộ", None, None, None, "X" * 33]], "cột “Ký hiệu”: dài 33 ký tự"),
        ([["Chi bộ 5", "Chi bộ", None, None, "01/01/2010"]], "trước ngày thành lập"),
        ([["Chi bộ 5", "Chi bộ"], ["Tổ", "Chi bộ", "Chi bộ 5"]], "Dòng 3"),
    ],
)
def test_a_bad_row_is_named_and_nothing_is_written(committee, tmp_path, rows, match):
    path = structure(tmp_path, rows)
    for extra in ([], ["--commit"]):
        refused("import_orgs", str(path), "--org", COMMITTEE, *extra, match=match)


def test_a_file_that_is_not_excel_is_refused(committee, tmp_path):
    path = tmp_path / "sai.xlsx"
    path.write_text("Tên tổ chức;Loại\n")
    refused("import_orgs", str(path), "--org", COMMITTEE, match="không phải là bảng tính")
    path.write_bytes(b"\xd0\xcf\x11\xe0" + b"\0" * 100)
    refused("import_orgs", str(path), "--org", COMMITTEE, match="đời cũ")
    empty = tmp_path / "trong.xlsx"
    empty.write_bytes(excel.write_template())
    refused("import_orgs", str(empty), "--org", COMMITTEE, match="không có dòng dữ liệu")
    refused(
        "import_orgs", str(tmp_path / "khong-co.xlsx"), "--org", COMMITTEE, match="Không có tệp"
    )
    refused("import_orgs", str(path), match="Cần tên tệp và --org")


def test_a_secretary_cannot_import_under_the_committee(committee, tmp_path):
    user = get_user_model().objects.create_user("bt")
    Role.objects.create(user=user, kind="secretary", org=Organization.objects.get(slug="chi-bo-1"))
    path = structure(tmp_path, [["Chi bộ 2", "Chi bộ"]])
    refused("import_orgs", str(path), "--org", COMMITTEE, "--user", "bt", match="không có quyền")
