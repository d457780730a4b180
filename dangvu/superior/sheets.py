"""Writing tables to .xlsx and .csv safely: a text that a spreadsheet would read as a formula
(leading =, +, -, @, or a tab or carriage return before one) is written with a leading
apostrophe, so names and notes typed by users can never run in the reader's spreadsheet."""

import csv
import io

from openpyxl import Workbook
from openpyxl.styles import Font

from dangvu.lib.spreadsheet import FORMULA_STARTS, safe_text  # noqa: F401


def csv_bytes(rows):
    """UTF-8 with a byte-order mark, so Excel opens Vietnamese text correctly."""
    out = io.StringIO()
    writer = csv.writer(out)
    for row in rows:
        writer.writerow([safe_text(v) for v in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def xlsx_bytes(title, rows, widths=()):

    wb = Workbook()
    ws = wb.active
    ws.title = title[:31]
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row, start=1):
            cell = ws.cell(row=r, column=c, value=safe_text(value))
            if r == 1:
                cell.font = Font(bold=True)
    for i, width in enumerate(widths):
        ws.column_dimensions[chr(ord("A") + i)].width = width
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
