"""Bench: what an imported workbook can cost, within the budget of dangvu.lib.spreadsheet.

    .venv/bin/python bench/spreadsheet_budget.py

Three workbooks, each read in a process of its own so that its peak memory is its own:
- the largest the budget accepts (cells, rows) read to the end as the imports read it
  (`open_workbook`, every row, values only);
- 15 million empty cells (60 MB unpacked, a few hundred KB zipped), refused by the count;
- a million cell formats in styles.xml, refused by the count.
Prints CPU seconds of the reading and the process's peak memory (building the workbook
included, so an upper bound), with a verdict per target; exits 1 if a workbook past the budget
was not refused.
"""

import io
import resource
import subprocess
import sys
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from _setup import verdict  # noqa: E402

from dangvu.lib.spreadsheet import BUDGET, SpreadsheetTooCostly, open_workbook  # noqa: E402
from dangvu.lib.text import money  # noqa: E402

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
COLUMNS = 15
TARGET_ACCEPTED_SECONDS, TARGET_REFUSED_SECONDS, TARGET_MB = 30, 3, 1024


def _with_part(name, xml):
    """A small real workbook with one part replaced by `xml`."""
    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(["x"])
    small = io.BytesIO()
    book.save(small)
    out = io.BytesIO()
    with zipfile.ZipFile(small) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info, xml if info.filename == name else src.read(info))
    return out.getvalue()


def largest_accepted():
    rows = min(BUDGET.row_number, BUDGET.cells // COLUMNS) - 1
    cells = "".join(f"<c><v>{c}</v></c>" for c in range(COLUMNS))
    body = "".join(f'<row r="{r}">{cells}</row>' for r in range(1, rows + 1))
    sheet = f'<worksheet xmlns="{MAIN}"><sheetData>{body}</sheetData></worksheet>'
    return _with_part("xl/worksheets/sheet1.xml", sheet), f"{money(rows * COLUMNS)} ô"


def empty_cells():
    body = '<row r="1">' + "<c/>" * 15_000_000 + "</row>"
    sheet = f'<worksheet xmlns="{MAIN}"><sheetData>{body}</sheetData></worksheet>'
    return _with_part("xl/worksheets/sheet1.xml", sheet), "15.000.000 ô trống"


def cell_formats():
    xfs = '<xf numFmtId="0"/>' * 1_000_000
    styles = f'<styleSheet xmlns="{MAIN}"><cellXfs>{xfs}</cellXfs></styleSheet>'
    return _with_part("xl/styles.xml", styles), "1.000.000 định dạng ô"


CASES = {"largest_accepted": largest_accepted, "empty_cells": empty_cells, "formats": cell_formats}


def measure(case):
    """In the child process: build the workbook, then read it as an import does."""
    data, what = CASES[case]()
    started = time.process_time()
    try:
        book = open_workbook(data)
        rows = sum(1 for _ in book.worksheets[0].iter_rows(max_col=60, values_only=True))
        outcome = f"đọc hết {money(rows)} dòng"
    except SpreadsheetTooCostly as refused:
        outcome = f"từ chối: {refused}"
    cpu = time.process_time() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{case}\t{len(data)}\t{what}\t{cpu:.2f}\t{peak:.0f}\t{outcome}")


def main():
    if len(sys.argv) > 1:
        return measure(sys.argv[1])
    refused_all = True
    for case in CASES:
        line = subprocess.run(
            [sys.executable, __file__, case], capture_output=True, text=True, check=True
        ).stdout.strip()
        _, size, what, cpu, peak, outcome = line.split("\t")
        print(f"{what} ({int(size) // 1024} KB nén): {cpu} s CPU, {peak} MB; {outcome[:90]}")
        target = TARGET_ACCEPTED_SECONDS if case == "largest_accepted" else TARGET_REFUSED_SECONDS
        verdict(f"CPU, {what}", float(cpu), target, unit="s")
        verdict(f"bộ nhớ đỉnh, {what}", float(peak), TARGET_MB, unit="MB")
        if case != "largest_accepted" and "từ chối" not in outcome:
            print(f"LỖI: {what} không bị từ chối")
            refused_all = False
    return 0 if refused_all else 1


if __name__ == "__main__":
    sys.exit(main())
