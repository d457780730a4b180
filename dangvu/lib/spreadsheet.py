"""Spreadsheets in and out: imports read within a CPU and memory budget, exports with formulas
escaped.

Reading (`open_workbook`): openpyxl parses the styles and every shared string of a workbook when
it opens it, and each cell when a sheet is read, whatever the file's size on disk; a file within
the upload and unpack limits could still cost a minute of CPU and half a gigabyte. So the parts are
first counted with expat (C, streaming, a few kilobytes of memory): cells, rows, shared strings,
cell formats and XML elements of the whole package, each against a budget. Counting stops at the
first budget passed, so refusing costs at most the budget's worth of parsing; a workbook within
them opens read-only, and its parse is bounded by the same counts.

Writing: a text that a spreadsheet would read as a formula — starting with =, +, -, @, a tab or a
carriage return — is written with a leading apostrophe, so names and notes typed by users can
never run in the reader's spreadsheet. Exports call `safe_row` for rows they write (CSV, and
openpyxl write-only sheets) or `defuse_workbook` on a whole workbook just before saving it.
"""

import io
import zipfile
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TypeVar
from xml.parsers import expat

import openpyxl
from openpyxl.workbook.workbook import Workbook

from dangvu.lib.text import money

T = TypeVar("T")

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CHUNK = 64 * 1024


@dataclass(frozen=True)
class Budget:
    """What one workbook may hold. The defaults are far above a list of 20 000 people by 60
    columns and keep openpyxl's parse to seconds and tens of megabytes."""

    cells: int = 1_500_000
    row_number: int = 100_000  # the highest row number: empty rows up to it are read too
    shared_strings: int = 300_000
    cell_formats: int = 70_000  # Excel itself allows 64 000
    elements: int = 4_000_000  # every XML element of every part: openpyxl's whole parse


BUDGET = Budget()
# The budget each element name counts against, as (budget field, label in the message).
_COUNTED = {
    "c": ("cells", "ô"),
    "si": ("shared_strings", "chuỗi chữ dùng chung"),
    "xf": ("cell_formats", "định dạng ô"),
}


class SpreadsheetTooCostly(ValueError):
    """The workbook passes a budget; the message says which, in Vietnamese."""


class _Counter:
    def __init__(self, budget):
        self.budget = budget
        self.counts = dict.fromkeys(("cells", "shared_strings", "cell_formats", "elements"), 0)

    def start(self, name, attrs):
        local = name.rpartition(" ")[2]
        self._add("elements", "phần tử XML")
        if local in _COUNTED:
            self._add(*_COUNTED[local])
        elif local == "row":
            number = attrs.get("r", "")
            if number.isdigit() and int(number) > self.budget.row_number:
                raise SpreadsheetTooCostly(
                    f"Bảng tính có dòng số {money(int(number))} (tối đa "
                    f"{money(self.budget.row_number)}): hãy xóa các dòng thừa ở cuối trang tính."
                )

    def _add(self, field, label):
        self.counts[field] += 1
        limit = getattr(self.budget, field)
        if self.counts[field] > limit:
            raise SpreadsheetTooCostly(
                f"Bảng tính có hơn {money(limit)} {label}, quá lớn để đọc: hãy xóa các trang, "
                "dòng, định dạng thừa hoặc chia thành nhiều tệp."
            )


def check_budget(data: bytes, budget: Budget | None = None) -> dict:
    """Count what an .xlsx holds; SpreadsheetTooCostly at the first budget passed. Returns the
    counts. Members that are not XML (pictures) are skipped; damaged XML stops the count of that
    member (openpyxl then refuses the file). zipfile.BadZipFile for a damaged archive."""
    counter = _Counter(budget or BUDGET)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for info in archive.infolist():
            parser = expat.ParserCreate(namespace_separator=" ")
            parser.StartElementHandler = counter.start
            try:
                with archive.open(info) as member:
                    first = member.read(CHUNK)
                    if not first.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
                        continue
                    chunk = first
                    while chunk:
                        parser.Parse(chunk, False)
                        chunk = member.read(CHUNK)
                    parser.Parse(b"", True)
            except expat.ExpatError:
                continue
            except (zlib.error, NotImplementedError, RuntimeError, EOFError) as e:
                raise zipfile.BadZipFile(str(e)) from None
    return counter.counts


def open_workbook(data: bytes, budget: Budget | None = None):
    """The workbook `data`, read-only and values only, once it passed `check_budget`."""
    check_budget(data, budget)
    return openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)


def safe_text(value: T) -> T | str:
    """`value` as is, unless it is a text a spreadsheet would run as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def restore_text(value: T) -> T | str:
    """A text of a cell as it was before `safe_text` escaped it, so that an exported list reads
    back unchanged; any other value as is. A quote written before a formula's first character is
    the escape: a spreadsheet keeps a quote typed by its user out of the cell's value."""
    if isinstance(value, str) and value.startswith("'") and value[1:].startswith(FORMULA_STARTS):
        return value[1:]
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
