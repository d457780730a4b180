"""Issue 12 item 2: zip bombs are refused by their real unpacked size, before parsing, quickly."""

import sys
import time
from pathlib import Path

import pytest

from dangvu.lib.textfile import TextFileError, read_bytes

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "bench"))
from zip_bombs import docx_bomb, xlsx_bomb  # noqa: E402


def test_a_docx_bomb_is_refused_quickly_in_vietnamese():
    data = docx_bomb(10)  # ~30 KB that unpacks to 10 MB
    start = time.perf_counter()
    with pytest.raises(TextFileError, match="giải nén ra quá lớn"):
        read_bytes(data, "bom.docx", 10 * 1024 * 1024)
    assert time.perf_counter() - start < 5


def test_many_small_paragraphs_are_read_fast():
    data = docx_bomb(1)  # 1 MB of tiny paragraphs: under the limit, and read
    start = time.perf_counter()
    assert read_bytes(data, "dai.docx").startswith("a")
    assert time.perf_counter() - start < 5


def test_an_xlsx_bomb_is_refused_by_the_import():
    from dangvu.people.excel import ImportFailed, read_sheet

    with pytest.raises(ImportFailed, match="giải nén ra hơn"):
        read_sheet(xlsx_bomb(264))
