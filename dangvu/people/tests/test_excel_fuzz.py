"""Whatever a spreadsheet holds, the import answers with its own Vietnamese errors, never a crash."""

import datetime as dt
import io
import zipfile

import openpyxl
import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dangvu.accounts.scope import Scope
from dangvu.core import imports as kit
from dangvu.lib.text import fold
from dangvu.orgs import actions as org_actions
from dangvu.people import excel

HEADERS = [c.header for c in excel.COLUMNS]
FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Text an XML cell can hold (openpyxl refuses control characters and lone surrogates).
TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=300)
PLAUSIBLE = st.sampled_from(
    [
        "x",
        "X",
        "có",
        "Chi bộ 1",
        "chi-bo-1",
        "Nam",
        "Nữ",
        "084190000001",
        "084190000002",
        "29/6/2017",
        "31/02/2017",
        "2017-06-29",
        "01/06/2016",
        "01/06/2017",
        "#N/A",
        "=1+1",
        " ",
        "Có",
        "1",
        "không",
    ]
)
CELL = st.one_of(
    st.none(),
    TEXT,
    PLAUSIBLE,
    st.integers(min_value=-(10**15), max_value=10**15),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)),
    st.datetimes(min_value=dt.datetime(1900, 1, 1), max_value=dt.datetime(2100, 12, 31)),
)
ROWS = st.lists(st.fixed_dictionaries({h: CELL for h in HEADERS}), min_size=1, max_size=6)


@pytest.fixture
def committee(db):
    day = dt.date(2010, 1, 1)
    committee = org_actions.create_org(
        None, kind="party_committee", name="Đảng bộ Thử", valid_from=day
    )
    for kind, name in [
        ("party_cell", "Chi bộ 1"),
        ("trade_union", "Công đoàn Thử"),
        ("youth_union", "Chi đoàn Thử"),
    ]:
        org_actions.create_org(None, kind=kind, name=name, parent=committee, valid_from=day)
    return committee


def _sheet(rows):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADERS)
    for row in rows:
        sheet.append([row[h] for h in HEADERS])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@FUZZ
@given(rows=ROWS)
def test_random_cells_give_only_import_errors(committee, rows):
    data = _sheet(rows)
    with transaction.atomic():
        try:
            plan = excel.prepare(data, committee, Scope.everything())
            for message in plan.errors:
                assert message.startswith("Dòng ")
            if not plan.errors:
                excel.commit(plan, None)
        except excel.ImportFailed as e:
            assert e.errors and all(isinstance(m, str) and m for m in e.errors)
        # Each example starts from the same records.
        transaction.set_rollback(True)


VALID = {
    "Họ và tên": "Trần Thị Mới",
    "Ngày sinh": "04/05/1990",
    "Giới tính": "Nữ",
    "Số CCCD": "084190000001",
    "Chi bộ": "Chi bộ 1",
    "Ngày vào Đảng": "01/06/2016",
    "Ngày chính thức": "01/06/2017",
    "Công đoàn": "x",
    "Chủ doanh nghiệp tư nhân": "x",
}


@st.composite
def nearly_valid_rows(draw):
    """Good rows with a few cells replaced, so that commits are exercised too."""
    rows = []
    for n in range(draw(st.integers(1, 4))):
        row = {h: VALID.get(h) for h in HEADERS} | {"Số CCCD": f"08419000000{n}"}
        for header in draw(st.lists(st.sampled_from(HEADERS), max_size=3)):
            row[header] = draw(CELL)
        rows.append(row)
    return rows


@FUZZ
@given(rows=nearly_valid_rows())
def test_nearly_valid_rows_commit_or_give_import_errors(committee, rows):
    test_random_cells_give_only_import_errors.hypothesis.inner_test(committee, rows)


@FUZZ
@given(data=st.binary(min_size=1, max_size=4096))
def test_random_bytes_are_not_an_xlsx(committee, data):
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        data = b"?" + data  # the signature of an old .xls has its own message
    with pytest.raises(excel.ImportFailed) as raised:
        excel.prepare(data, committee, Scope.everything())
    assert raised.value.errors == [excel.NOT_XLSX]


@FUZZ
@given(data=st.binary(max_size=2048))
def test_random_bytes_inside_a_zip_are_not_an_xlsx(committee, data):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", data)
        archive.writestr("xl/workbook.xml", data)
    with pytest.raises(excel.ImportFailed) as raised:
        excel.prepare(out.getvalue(), committee, Scope.everything())
    assert raised.value.errors == [excel.NOT_XLSX]


@FUZZ
@given(value=CELL)
def test_a_particular_cell_is_marked_empty_or_refused_in_vietnamese(value):
    """The particulars' columns take "x", "có", 1 or nothing, and refuse the rest with a guide."""
    try:
        got = excel.CONVERTERS["foreign_marriage"](value, dt.date(2024, 1, 1))
    except kit.CellError as e:
        assert str(e).endswith("ghi “x” (hoặc “có”, 1) nếu đúng, để trống nếu không.")
    else:
        assert got in (True, None)
        assert got is None or value is True or fold(kit.text(value)) in {"x", "co", "1"}
