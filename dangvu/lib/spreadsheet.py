"""Spreadsheet formula escaping for every .xlsx and .csv export (OWASP "CSV injection").

A text that a spreadsheet would read as a formula — starting with =, +, -, @, a tab or a
carriage return — is written with a leading apostrophe, so names and notes typed by users can
never run in the reader's spreadsheet. Exports call `safe_row` for rows they write (CSV, and
openpyxl write-only sheets) or `defuse_workbook` on a whole workbook just before saving it.
"""

from collections.abc import Iterable
from typing import TypeVar

from openpyxl.workbook.workbook import Workbook

T = TypeVar("T")

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_text(value: T) -> T | str:
    """`value` as is, unless it is a text a spreadsheet would run as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_row(values: Iterable[object]) -> list[object]:
    return [safe_text(v) for v in values]


def defuse_workbook(workbook: Workbook) -> Workbook:
    """Escape every text cell of an openpyxl workbook (not write-only) in place; return it.

    openpyxl stores a text starting with "=" as a formula; after this no cell is one.
    """
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value.startswith(FORMULA_STARTS):
                    cell.value = safe_text(cell.value)
    return workbook
