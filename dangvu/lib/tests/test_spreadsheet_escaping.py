"""Issue 12 item 6: no export carries a live formula planted in a name, note or subject."""

import csv
import io

import openpyxl
from django.db.models import Q

from dangvu.documents.models import Document
from dangvu.lib.spreadsheet import safe_text
from dangvu.people.models import Membership

PLANTED = ["=1+1", '=HYPERLINK("http://x.invalid","bấm")', "@SUM(A1)", "+1", "-2+3"]


def _formulas(content):
    wb = openpyxl.load_workbook(io.BytesIO(content))
    found = []
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            found += [c.value for c in row if c.data_type == "f"]
            found += [c.value for c in row if isinstance(c.value, str) and c.value[:1] in "=@+"]
    return found


def _plant_in_cell1():
    people = [
        m.person
        for m in Membership.objects.filter(
            org__slug="so-tttt-chi-bo-1", kind="party", valid_to__isnull=True
        ).select_related("person")[: len(PLANTED)]
    ]
    for person, text in zip(people, PLANTED, strict=False):
        person.full_name = text
        person.address = text
        person.save()


def test_safe_text():
    assert safe_text("=1+1") == "'=1+1"
    assert safe_text("\t=1") == "'\t=1"
    assert safe_text("Nguyễn Văn A") == "Nguyễn Văn A"
    assert safe_text(5) == 5


def test_people_and_fee_sheet_exports_have_no_live_formula(demo, login):
    _plant_in_cell1()
    client = login("vanphong")
    people = client.get("/ca-nhan/xuat.xlsx")
    assert people.status_code == 200
    assert _formulas(people.content) == []
    sheet = client.get("/dang-phi/to-chuc/so-tttt-chi-bo-1/so-thu-nop/2017/xlsx/")
    assert sheet.status_code == 200
    assert _formulas(sheet.content) == []


def test_document_exports_escape_formulas(demo, login):
    docs = Document.objects.filter(~Q(secrecy__in=["secret", "top_secret"]))[: len(PLANTED)]
    for doc, text in zip(docs, PLANTED, strict=False):
        doc.name = text
        doc.symbol = text
        doc.subject = text
        doc.save()
    client = login("vanphong")
    xlsx = client.get("/van-ban/xuat.xlsx")
    assert xlsx.status_code == 200
    assert _formulas(xlsx.content) == []
    text = client.get("/van-ban/xuat.csv").content.decode("utf-8-sig")
    cells = [c for row in csv.reader(io.StringIO(text)) for c in row]
    assert not [c for c in cells if c[:1] in ("=", "@", "+", "-")]
