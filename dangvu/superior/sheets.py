"""Writing tables to .xlsx and .csv safely: a text that a spreadsheet would read as a formula
(leading =, +, -, @, or a tab or carriage return before one) is written with a leading
apostrophe, so names and notes typed by users can never run in the reader's spreadsheet."""

import csv
import io

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from dangvu.lib.spreadsheet import FORMULA_STARTS, safe_row, safe_text  # noqa: F401


def csv_bytes(rows):
    """UTF-8 with a byte-order mark, so Excel opens Vietnamese text correctly."""
    out = io.StringIO()
    writer = csv.writer(out)
    for row in rows:
        writer.writerow(safe_row(row))
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def xlsx_bytes(title, rows, widths=()):
    """`rows` as one sheet named `title`, the first row bold, the first columns `widths` wide.
    Written row by row (openpyxl's write-only mode): a province's consolidated table, hundreds
    of figures by a thousand units, is streamed out instead of kept as a cell object per value
    with its style; the only styles it needs (a bold header, column widths) are write-only's."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(title[:31])
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    bold = Font(bold=True)
    for r, row in enumerate(rows):
        values = safe_row(row)
        if r == 0:
            values = [_styled(ws, value, bold) for value in values]
        ws.append(values)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _styled(ws, value, font):
    cell = WriteOnlyCell(ws, value=value)
    cell.font = font
    return cell
