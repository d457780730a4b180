"""The consolidated workbook, written row by row: every text a spreadsheet would run as a formula
written as text, numbers as numbers, the header bold and the first columns wide, and the file
opened by LibreOffice Calc with the texts shown as typed, no formula computed."""

import csv
import io
import shutil
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook

from dangvu.superior.sheets import FORMULA_STARTS, csv_bytes, xlsx_bytes

# Names a user might type (a unit, a figure's label), each starting as a formula would.
TYPED = [f'{start}SUM(1;2)+HYPERLINK("x")' for start in FORMULA_STARTS]
ROWS = [
    ["Mã số liệu", "Số liệu", "Tổng số", *TYPED],
    ["party.members", "=1+1", 30, *range(len(TYPED))],
    ["party.cells", "Chi bộ", "", *[None] * len(TYPED)],
]


def test_formulas_written_as_text_and_the_header_bold():
    book = load_workbook(io.BytesIO(xlsx_bytes("Tổng hợp các đơn vị trực thuộc", ROWS, (34, 44))))
    sheet = book.active
    assert sheet.title == "Tổng hợp các đơn vị trực thuộc"[:31]
    cells = [[c for c in row] for row in sheet.iter_rows(min_row=1, max_row=3)]
    assert all(c.data_type != "f" for row in cells for c in row)
    assert [c.value for c in cells[0][3:]] == ["'" + t for t in TYPED]
    assert cells[1][1].value == "'=1+1"
    assert [c.value for c in cells[1][2:]] == [30, *range(len(TYPED))]
    assert all(c.font.b for c in cells[0]) and not any(c.font.b for c in cells[1])
    assert sheet.column_dimensions["A"].width == 34
    assert sheet.column_dimensions["B"].width == 44
    # The CSV of the same rows escapes the same texts.
    rows = list(csv.reader(io.StringIO(csv_bytes(ROWS).decode("utf-8-sig"))))
    assert rows[0][3:] == ["'" + t for t in TYPED] and rows[1][1] == "'=1+1"


@pytest.mark.slow
def test_libreoffice_opens_the_workbook_and_computes_nothing(tmp_path):
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    if not (Path(soffice).resolve().parent / "libsclo.so").exists():
        pytest.skip("LibreOffice Calc (libreoffice-calc) is not installed")
    path = tmp_path / "tong-hop.xlsx"
    path.write_bytes(xlsx_bytes("Tổng hợp", ROWS, (34, 44, 12)))
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--headless",
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76",
            "--outdir",
            str(tmp_path),
            str(path),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    shown = list(csv.reader(io.StringIO((tmp_path / "tong-hop.csv").read_text("utf-8"))))
    assert shown[0][:3] == ROWS[0][:3]
    # A carriage return comes back as a line feed: the text is kept, not run.
    assert shown[0][3:] == ["'" + t.replace("\r", "\n") for t in TYPED]
    assert shown[1][:3] == ["party.members", "'=1+1", "30"]
