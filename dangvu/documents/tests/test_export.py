"""Bulk exports of the registry (CSV, Excel): the list's rows, never a secret entry."""

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from dangvu.documents import actions
from dangvu.documents.models import Document

D, S = Document.Direction, Document.Secrecy


@pytest.fixture
def registry(demo):
    for symbol, secrecy in [
        ("911-CV/TU", S.NORMAL),
        ("912-CV/TU", S.SECRET),
        ("913-CV/TU", S.TOP_SECRET),
    ]:
        actions.register_document(
            None,
            owner_org=demo,
            direction=D.INCOMING,
            doc_type="Công văn",
            symbol=symbol,
            issuer_name="Tỉnh ủy",
            date=dt.date(2017, 9, 1),
            secrecy=secrecy,
            subject=f"về việc {symbol}",
        )
    return demo


def csv_rows(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def xlsx_rows(response):
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    return [[c if c is not None else "" for c in row] for row in sheet.iter_rows(values_only=True)]


@pytest.mark.parametrize("fmt, read", [("csv", csv_rows), ("xlsx", xlsx_rows)])
def test_export_never_contains_secret_entries(registry, login, fmt, read):
    client = login("vanphong")  # the office reads the secret entries on screen ...
    listing = client.get(reverse("document_list") + "?q=912").content.decode()
    assert "912-CV/TU" in listing
    rows = read(client.get(reverse("document_export", args=[fmt])))
    symbols = [r[3] for r in rows[1:]]
    assert rows[0][3] == "Số và ký hiệu"
    assert "911-CV/TU" in symbols and "33-KH/ĐU" in symbols
    # ... but they never leave in bulk, filtered or not.
    assert "912-CV/TU" not in symbols and "913-CV/TU" not in symbols
    filtered = read(client.get(reverse("document_export", args=[fmt]) + "?q=cong+van+91"))
    assert [r[3] for r in filtered[1:]] == ["911-CV/TU"]
    row = filtered[1]
    assert row[1:3] == ["Văn bản đến", "Công văn"] and row[5] == "01/09/2017"
    assert row[6] == "Tỉnh ủy" and row[7] == "về việc 911-CV/TU"


def test_export_follows_the_scope(registry, login):
    rows = csv_rows(login("dangvien").get(reverse("document_export", args=["csv"])))
    assert rows == [rows[0]]  # a member: the header only


def test_unknown_format(registry, login):
    assert login("vanphong").get(reverse("document_export", args=["pdf"])).status_code == 404
