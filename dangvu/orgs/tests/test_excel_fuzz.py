"""Whatever the structure spreadsheet holds, the import answers with its own Vietnamese errors
or creates organizations, never a crash."""

import datetime as dt
import io

import openpyxl
import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dangvu.orgs import actions as org_actions
from dangvu.orgs import excel

HEADERS = [header for _key, header, *_ in excel.COLUMNS]
FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=300)
PLAUSIBLE = st.sampled_from(
    ["Chi bộ", "Chi bộ 1", "chi-bo-1", "Công đoàn", "party_cell", "Cơ quan", "Phòng chuyên môn",
     "Đảng bộ Thử", "dang-bo-thu", "01/06/2016", "31/02/2017", "1900-01-01", "#N/A", " ", "x"]
)  # fmt: skip
CELL = st.one_of(
    st.none(),
    TEXT,
    PLAUSIBLE,
    st.integers(min_value=-(10**15), max_value=10**15),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)),
)
ROWS = st.lists(st.fixed_dictionaries({h: CELL for h in HEADERS}), min_size=1, max_size=6)


@pytest.fixture
def committee(db):
    committee = org_actions.create_org(
        None, kind="party_committee", name="Đảng bộ Thử", slug="dang-bo-thu",
        valid_from=dt.date(2010, 1, 1),
    )  # fmt: skip
    org_actions.create_org(
        None, kind="party_cell", name="Chi bộ 1", parent=committee, valid_from=dt.date(2010, 1, 1)
    )
    return committee


def _sheet(rows):
    book = openpyxl.Workbook()
    book.active.append(HEADERS)
    for row in rows:
        book.active.append([row[h] for h in HEADERS])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@FUZZ
@given(rows=ROWS)
def test_random_cells_give_only_import_errors(committee, rows):
    with transaction.atomic():
        try:
            plan = excel.prepare(_sheet(rows), committee, None)
            assert all(m.startswith("Dòng ") for m in plan.errors)
            if not plan.errors:
                excel.commit(plan, None)
        except excel.ImportFailed as e:
            assert e.errors and all(isinstance(m, str) and m for m in e.errors)
        transaction.set_rollback(True)


@st.composite
def nearly_valid_rows(draw):
    rows = []
    for n in range(draw(st.integers(1, 4))):
        row = dict.fromkeys(HEADERS) | {"Tên tổ chức": f"Chi bộ {n + 2}", "Loại": "Chi bộ"}
        for header in draw(st.lists(st.sampled_from(HEADERS), max_size=3)):
            row[header] = draw(CELL)
        rows.append(row)
    return rows


@FUZZ
@given(rows=nearly_valid_rows())
def test_nearly_valid_rows_commit_or_give_import_errors(committee, rows):
    test_random_cells_give_only_import_errors.hypothesis.inner_test(committee, rows)
