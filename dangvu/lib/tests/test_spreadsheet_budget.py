"""Issue 27 item 5: a workbook is counted against a budget before openpyxl parses it."""

import io
import time
import zipfile

import openpyxl
import pytest

from dangvu.lib import spreadsheet
from dangvu.lib.spreadsheet import Budget, SpreadsheetTooCostly, check_budget, open_workbook
from dangvu.people import excel

CONTENT_TYPES = (
    '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
    'content-types"/>'
)


def _workbook(rows, columns=3, text=True):
    book = openpyxl.Workbook()
    sheet = book.active
    for r in range(rows):
        sheet.append([f"chữ {r} {c}" if text else r * c for c in range(columns)])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _package(**members):
    """A zip holding the given members (name with "/" written as "__")."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        for name, text in members.items():
            archive.writestr(name.replace("__", "/"), text)
    return out.getvalue()


def test_an_ordinary_workbook_is_counted_and_opens():
    counts = check_budget(_workbook(rows=50, columns=4))
    assert counts["cells"] == 200
    book = open_workbook(_workbook(rows=5))
    assert len(list(book.worksheets[0].iter_rows(values_only=True))) == 5


@pytest.mark.parametrize(
    ("budget", "said"),
    [
        (Budget(cells=99), "ô"),
        (Budget(elements=500), "phần tử XML"),
    ],
)
def test_each_budget_refuses_in_vietnamese(budget, said):
    with pytest.raises(SpreadsheetTooCostly, match=f"hơn .* {said}, quá lớn để đọc"):
        check_budget(_workbook(rows=50, columns=4), budget)


def test_a_far_away_row_is_refused_before_its_empty_rows_are_read():
    sheet = (
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<sheetData><row r="1048576"><c r="A1048576"><v>1</v></c></row></sheetData></worksheet>'
    )
    data = _package(xl__worksheets__sheet1=sheet)
    with pytest.raises(SpreadsheetTooCostly, match="dòng số 1.048.576"):
        check_budget(data)


def test_shared_strings_are_counted():
    strings = "".join(f"<si><t>chữ {i}</t></si>" for i in range(100))
    shared = f'<sst xmlns="urn:x" count="100">{strings}</sst>'
    assert check_budget(_package(xl__sharedStrings=shared))["shared_strings"] == 100
    with pytest.raises(SpreadsheetTooCostly, match="hơn 99 chuỗi chữ dùng chung"):
        check_budget(_package(xl__sharedStrings=shared), Budget(shared_strings=99))


def test_cell_formats_are_counted_in_any_namespace_prefix():
    xfs = "".join('<x:xf numFmtId="0"/>' for _ in range(80_000))
    styles = (
        '<x:styleSheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"<x:cellXfs>{xfs}</x:cellXfs></x:styleSheet>"
    )
    with pytest.raises(SpreadsheetTooCostly, match="định dạng ô"):
        check_budget(_package(xl__styles=styles))


def test_a_huge_degenerate_sheet_is_refused_after_the_budget_not_the_file():
    """Five million empty cells (a few hundred kilobytes zipped): refused once the cell budget
    is passed, in a time bounded by the budget, not by what the file would unpack to."""
    cells = "<c/>" * 5_000_000
    sheet = f'<worksheet xmlns="urn:x"><sheetData><row r="1">{cells}</row></sheetData></worksheet>'
    data = _package(xl__worksheets__sheet1=sheet)
    small = Budget(cells=100_000)
    started = time.process_time()
    with pytest.raises(SpreadsheetTooCostly):
        check_budget(data, small)
    bounded = time.process_time() - started
    started = time.process_time()
    with pytest.raises(SpreadsheetTooCostly):
        check_budget(data, Budget(cells=1_000_000))
    # Ten times the budget costs more: the work follows the budget (loosely: a shared machine).
    assert bounded < time.process_time() - started


def test_pictures_and_other_binary_members_are_not_parsed():
    data = _package(xl__media__image1=b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 100)
    assert check_budget(data)["elements"] == 1  # the content types part only


def test_the_people_import_refuses_past_the_budget_and_names_it(monkeypatch):
    monkeypatch.setattr(spreadsheet, "BUDGET", Budget(cells=10))
    with pytest.raises(excel.ImportFailed) as refused:
        excel.read_sheet(excel.write_template())
    assert "quá lớn để đọc" in refused.value.errors[0]
