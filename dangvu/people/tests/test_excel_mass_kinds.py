"""The people Excel file has one column per mass organization of kind `mass` (Hội Nông dân,
Hội Liên hiệp Phụ nữ …), headed by the name its data file gives it: the import joins the one
organization of that kind in the subtree, the export states the date joined."""

import datetime as dt
import io

import openpyxl
import pytest
from django.contrib.auth import get_user_model

from dangvu.accounts.scope import scope_for
from dangvu.accounts.tests.helpers import table_counts
from dangvu.orgs.tests.test_mass_organizations import JAN, YEAR, commune  # noqa: F401
from dangvu.people import excel
from dangvu.people.models import Membership, Person

# The headers every people file has (the party's columns, empty for these villagers).
REQUIRED = [c.header for c in excel.COLUMNS if c.required]


def _book(headers, *rows):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = excel.LIST_SHEET
    extra = [h for h in REQUIRED if h not in headers]
    sheet.append([*headers, *extra])
    for row in rows:
        sheet.append([*row, *[None for _ in extra]])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


HEADERS = ["Họ và tên", "Giới tính", "Số CCCD", "Hội Nông dân", "Hội viên Hội Liên hiệp Phụ nữ"]


@pytest.fixture
def admin(db):
    return get_user_model().objects.create_superuser("quantri-nhap")


def test_the_columns_join_each_kind_previewed_first(commune, admin):  # noqa: F811
    org, farmers, women, _front = commune
    data = _book(
        HEADERS,
        ["Thạch Thị Sa", "Nữ", "084190000101", f"01/02/{YEAR}", "x"],
        ["Lâm Văn Ba", "Nam", "084190000102", "x", None],
    )
    before = table_counts()
    plan = excel.prepare(data, org, scope_for(admin))
    assert table_counts() == before and not plan.errors
    assert f"Tham gia {farmers} từ 01/02/{YEAR}" in plan.rows[0].changes
    excel.commit(plan, admin)
    sa = Person.objects.get(cccd="084190000101")
    joined = dict(
        Membership.objects.filter(person=sa, kind=Membership.Kind.MASS).values_list(
            "org", "valid_from"
        )
    )
    assert joined == {farmers.id: dt.date(YEAR, 2, 1), women.id: dt.date.today()}
    imported = Person.objects.filter(cccd__startswith="0841900001")
    # The export states each kind's date joined under the same header, so it reads back.
    out = openpyxl.load_workbook(io.BytesIO(excel.export_people(imported, JAN.today())))
    rows = list(out[excel.LIST_SHEET].iter_rows(values_only=True))
    column = rows[0].index("Hội Nông dân")
    by_name = {r[0]: r[column] for r in rows[1:]}
    assert by_name["Thạch Thị Sa"].date() == dt.date(YEAR, 2, 1)
    again = excel.prepare(excel.export_people(imported, JAN.today()), org, scope_for(admin))
    assert not again.errors and not again.has_changes


def test_a_kind_without_its_organization_is_refused_and_nothing_written(commune, admin):  # noqa: F811
    org, _farmers, women, _front = commune
    data = _book(
        [*HEADERS, "Hội Người cao tuổi"],
        ["Thạch Thị Sa", "Nữ", "084190000101", "x", None, None],
        ["Lâm Văn Ba", "Nam", "084190000102", None, None, "x"],
    )
    before = table_counts()
    plan = excel.prepare(data, org, scope_for(admin))
    assert any(f"không có tổ chức Hội Người cao tuổi nào trong {org}" in e for e in plan.errors)
    with pytest.raises(excel.ImportFailed):
        excel.commit(plan, admin)
    assert table_counts() == before
    # Into the hamlet cell: the commune's farmers' union is outside what it may join.
    plan = excel.prepare(data, women.parent, scope_for(admin))
    assert any("không có tổ chức Hội Nông dân nào" in e for e in plan.errors)
    bad = excel.prepare(_book(HEADERS, ["Sa", "Nữ", None, "hôm qua", None]), org, scope_for(admin))
    assert any("“hôm qua” không hợp lệ" in e for e in bad.errors)
