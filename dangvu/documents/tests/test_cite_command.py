"""`python manage.py cite [FILE|-]`: one JSON object per citation."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from dangvu.lib.citations import find_citations

from .helpers import docx_bytes

TEXT = "Theo Chỉ thị số 24-CT/TU ngày 29/6/2017 và Công văn số 124/UBND-NC ngày 10/01/2017."


def cite(*args, **kwargs):
    out = io.StringIO()
    call_command("cite", *args, stdout=out, **kwargs)
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_file_and_stdin(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(TEXT)
    rows = cite(str(path))
    assert rows == [c.as_dict() for c in find_citations(TEXT)]
    assert [r["symbol"] for r in rows] == ["24-CT/TU", "124/UBND-NC"]
    assert rows[0]["date"] == "2017-06-29" and rows[0]["style"] == "party"
    assert cite("-", stdin=io.BytesIO(TEXT.encode())) == rows
    assert cite(stdin=io.StringIO(TEXT)) == rows


def test_docx(tmp_path):
    path = tmp_path / "a.docx"
    path.write_bytes(docx_bytes(["Mở đầu"], footnotes=[TEXT]))
    assert [r["symbol"] for r in cite(str(path))] == ["24-CT/TU", "124/UBND-NC"]


def test_bad_file_exits_with_a_message(tmp_path):
    path = tmp_path / "a.docx"
    path.write_bytes(b"\x00" * 100)
    with pytest.raises(CommandError, match="không phải là tệp Word .docx hợp lệ"):
        cite(str(path))
    with pytest.raises(CommandError, match="không tồn tại"):
        cite(str(tmp_path / "khong-co.md"))
