"""The monthly collection sheet (sổ thu nộp đảng phí) of a cell as .xlsx: it opens in openpyxl,
its totals are the cell's payments, and LibreOffice converts it (when installed)."""

import io
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest
from django.db.models import Sum

from dangvu.finance.models import PaymentMonth


@pytest.mark.slow  # LibreOffice Calc opens the sheet
def test_the_cells_sheet_opens_and_adds_up(demo, login, tmp_path):
    client = login("bithu1")
    response = client.get("/dang-phi/to-chuc/so-tttt-chi-bo-1/so-thu-nop/2017/xlsx/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    wb = openpyxl.load_workbook(io.BytesIO(response.content))
    assert wb.sheetnames == ["Năm 2017"] + [f"T{m}" for m in range(1, 13)]
    summary = wb["Năm 2017"]
    assert summary["A1"].value == "SỔ THU, NỘP ĐẢNG PHÍ NĂM 2017"
    paid = PaymentMonth.objects.filter(
        payment__cell__slug="so-tttt-chi-bo-1", month__year=2017
    ).aggregate(t=Sum("amount"))["t"]
    total_row = next(row for row in summary.iter_rows(values_only=True) if row[1] == "Cộng")
    assert total_row[-2] == paid and total_row[-1] == 0
    march = wb["T3"]
    assert march["A1"].value == "SỔ THU, NỘP ĐẢNG PHÍ THÁNG 03/2017"
    march_total = next(row for row in march.iter_rows(values_only=True) if row[1] == "Cộng")
    assert (
        march_total[5]
        == PaymentMonth.objects.filter(
            payment__cell__slug="so-tttt-chi-bo-1", month="2017-03-01"
        ).aggregate(t=Sum("amount"))["t"]
    )
    path = tmp_path / "so-thu-nop.xlsx"
    path.write_bytes(response.content)
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    if not (Path(soffice).resolve().parent / "libsclo.so").exists():
        pytest.skip("LibreOffice Calc (libreoffice-calc) is not installed")
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(path),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    assert (tmp_path / "so-thu-nop.pdf").read_bytes().startswith(b"%PDF")
