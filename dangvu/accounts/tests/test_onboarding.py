"""From an empty database to the first report, with the documented commands only.

A made-up committee (not the demo's): three cells from the Excel structure import, 31 members
from the Excel template of `import_people` (some of them probationary), an office account and a
member account; the office's statistics count them, the member's account does not see them, and
the annual report of this year is written with the 31 members.
"""

import datetime as dt
import io
import json
import re

import openpyxl
import pytest
from django.core.management.base import CommandError

from dangvu.accounts.models import Account, AuditEntry, Role
from dangvu.orgs.models import Organization

from .helpers import run

TODAY = dt.date.today()
CELLS = ["Chi bộ Văn phòng", "Chi bộ Nghiệp vụ", "Chi bộ Thanh tra"]
PROBATIONARY = 4


def _people_file(path):
    """31 people in the people template: 27 full members, 4 admitted three months ago."""
    run("import_people", "--template", str(path))
    book = openpyxl.load_workbook(path)
    sheet = book["Danh sách"]
    headers = [c.value for c in sheet[1]]
    admitted_lately = TODAY - dt.timedelta(days=90)
    for n in range(31):
        probationary = n < PROBATIONARY
        row = {
            "Họ và tên": f"Phạm Thị Thử {n:02d}" if n % 2 else f"Lê Văn Mẫu {n:02d}",
            "Ngày sinh": dt.date(1970 + n % 25, 1 + n % 12, 1 + n % 27),
            "Giới tính": "Nữ" if n % 2 else "Nam",
            "Số CCCD": f"0861{n:08d}",
            "Chi bộ": CELLS[n % 3],
            "Ngày vào Đảng": admitted_lately if probationary else dt.date(2000 + n % 15, 5, 19),
            "Ngày chính thức": None if probationary else dt.date(2001 + n % 15, 5, 19),
        }
        sheet.append([row.get(h) for h in headers])
    book.save(path)


def _structure_file(path, committee):
    run("import_orgs", "--template", str(path), "--org", committee)
    book = openpyxl.load_workbook(path)
    sheet = book["Danh sách"]
    for name in CELLS:
        sheet.append([name, "Chi bộ"])
    book.save(path)


def test_from_an_empty_database_to_the_first_report(db, tmp_path):
    assert not Organization.objects.exists()
    committee = run(
        "create_org",
        "--name",
        "Đảng bộ Sở Thử Nghiệm",
        "--kind",
        "party_committee",
        "--from",
        "2012-03-01",
        "--place",
        "Hậu Giang",
        "--superior-name",
        "Đảng ủy Khối các cơ quan tỉnh Hậu Giang",
        "--founding-document",
        "Quyết định số 120-QĐ/ĐUK ngày 01/3/2012 của Ban Thường vụ Đảng ủy Khối",
    ).strip()
    assert committee == "dang-bo-so-thu-nghiem"

    structure = tmp_path / "co-cau.xlsx"
    _structure_file(structure, committee)
    preview = run("import_orgs", str(structure), "--org", committee)
    assert "3 tổ chức mới" in preview and "Chưa ghi gì" in preview
    assert Organization.objects.count() == 2  # the superior committee and ours
    run("import_orgs", str(structure), "--org", committee, "--commit")
    cells = Organization.objects.filter(parent__slug=committee, kind="party_cell")
    assert sorted(c.name for c in cells) == sorted(CELLS)
    assert {c.symbol for c in cells} == {"CB"} and {c.place for c in cells} == {"Hậu Giang"}

    office = run("create_user", "vp-thunghiem", "--role", "office", "--org", committee)
    assert "Mật khẩu dùng một lần:" in office

    people = tmp_path / "dang-vien.xlsx"
    _people_file(people)
    run("import_people", str(people), "--org", committee, "--user", "vp-thunghiem", "--commit")

    member = run(
        "create_user",
        "dv-thunghiem",
        "--role",
        "member",
        "--org",
        committee,
        "--person",
        "086100000007",
        "--user",
        "vp-thunghiem",
    )
    assert "Đã tạo tài khoản dv-thunghiem." in member
    role = Role.objects.get(user__username="dv-thunghiem")
    assert role.person.cccd == "086100000007" and role.org is None
    assert Account.objects.get(user__username="dv-thunghiem").must_change_password

    stats = json.loads(
        run(
            "stats",
            "--org",
            committee,
            "--date",
            TODAY.isoformat(),
            "--json",
            "--user",
            "vp-thunghiem",
        )
    )
    facts = stats["facts"]
    assert facts["party.members"] == 31
    assert facts["party.cells"] == 3
    assert facts["party.members.probationary"] == PROBATIONARY
    assert facts["party.members.full"] == 31 - PROBATIONARY

    with pytest.raises(CommandError, match="không có quyền xem"):
        run("stats", "--org", committee, "--date", TODAY.isoformat(), "--user", "dv-thunghiem")

    out = tmp_path / "bao-cao.md"
    written = run(
        "report",
        "annual",
        "--org",
        committee,
        "--year",
        str(TODAY.year),
        "--out",
        str(out),
        "--user",
        "vp-thunghiem",
    )
    assert "Đã ghi" in written
    text = out.read_text()
    assert re.search(r"\b31 (đảng viên|đồng chí)", text), text[:2000]
    assert "Đảng bộ Sở Thử Nghiệm".upper() in text.upper()
    # Every step left its trace in the audit trail, with the acting user where there was one.
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"org.create", "orgs.import", "account.create", "people.import"} <= actions
    assert AuditEntry.objects.filter(action="people.import", actor__username="vp-thunghiem")


def test_the_people_file_of_the_onboarding_is_valid(tmp_path, db):
    """The fixture file itself: 31 rows, CCCDs unique (guards the test above)."""
    path = tmp_path / "p.xlsx"
    _people_file(path)
    rows = list(openpyxl.load_workbook(io.BytesIO(path.read_bytes()))["Danh sách"].values)[1:]
    assert len(rows) == 31 and len({r[4] for r in rows}) == 31
