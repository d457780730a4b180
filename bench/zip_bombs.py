"""Zip bombs against the .docx reader and the .xlsx import: how long each refusal takes.

Run: .venv/bin/python bench/zip_bombs.py  (prints one line per file: packed, unpacked, seconds,
verdict). No database is needed for the .docx reader; the .xlsx import needs Django settings.
"""

import io
import os
import sys
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dangvu.settings")

import django  # noqa: E402
from _setup import verdict  # noqa: E402

django.setup()

from dangvu.lib.textfile import TextFileError, read_bytes  # noqa: E402
from dangvu.people.excel import ImportFailed, read_sheet  # noqa: E402

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CT = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
    'package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.'
    'openxmlformats-package.relationships+xml"/><Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.'
    'main+xml"/></Types>'
)
RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats'
    '.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
    'openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/></Relationships>'
)


def docx_bomb(megabytes: int) -> bytes:
    paragraph = "<w:p><w:r><w:t>a</w:t></w:r></w:p>"
    body = paragraph * (megabytes * 1024 * 1024 // len(paragraph))
    xml = f'<w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>'
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", CT)
        z.writestr("_rels/.rels", RELS)
        z.writestr("word/document.xml", xml)
    return out.getvalue()


def xlsx_bomb(megabytes: int) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
        z.writestr("xl/worksheets/sheet1.xml", "<row/>" * (megabytes * 1024 * 1024 // 6))
    return out.getvalue()


def measure(label, data, read, errors):
    start = time.perf_counter()
    try:
        read(data)
        outcome = "accepted"
    except errors as e:
        outcome = f"refused: {e}"[:110]
    seconds = time.perf_counter() - start
    print(f"{label:<14} packed {len(data) / 1024:8.0f} KB  {seconds:6.2f} s  {outcome}")
    # A bomb must be refused, and fast (issue 12: under 5 s).
    verdict(f"{label}: từ chối", seconds if outcome != "accepted" else float("inf"), 5, unit="s")


def main():
    for mb in (10, 100):
        measure(f"docx {mb} MB", docx_bomb(mb), lambda d: read_bytes(d, "x.docx"), TextFileError)
    for mb in (264,):
        measure(f"xlsx {mb} MB", xlsx_bomb(mb), read_sheet, ImportFailed)


if __name__ == "__main__":
    main()
