"""Reading .txt, .md and .docx into text, and refusing what is not text (dangvu.lib.textfile)."""

import io
import zipfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dangvu.lib.textfile import TextFileError, path_bytes, read_bytes, size_label

from .helpers import docx_bytes


def test_plain_text_keeps_paragraphs_and_is_nfc():
    decomposed = "Chi\u0309 thi\u0323 số 24-CT/TU\r\n\r\nđoạn hai"
    assert read_bytes(decomposed.encode(), "a.txt") == "Chỉ thị số 24-CT/TU\n\nđoạn hai"
    assert read_bytes("\ufeffChỉ thị".encode(), "a.md") == "Chỉ thị"
    assert read_bytes("Chỉ thị".encode(), "-") == "Chỉ thị"


def test_utf16_with_bom_is_read():
    assert (
        read_bytes("Nghị quyết số 04-NQ/ĐU".encode("utf-16"), "a.txt") == "Nghị quyết số 04-NQ/ĐU"
    )


def test_docx_paragraphs_tables_and_footnotes(tmp_path):
    data = docx_bytes(
        ["Theo Chỉ thị số 24-CT/TU ngày 29/6/2017.", "Đoạn hai."],
        footnotes=["Kế hoạch số 47-KH/TU ngày 09/6/2017 của Ban Thường vụ Tỉnh ủy."],
        table=[["1", "Công văn số 124/UBND-NC ngày 10/01/2017"]],
    )
    path = tmp_path / "bao-cao.docx"
    path.write_bytes(data)
    text = read_bytes(path_bytes(path), path.name)
    assert text.split("\n\n") == [
        "Theo Chỉ thị số 24-CT/TU ngày 29/6/2017.",
        "Đoạn hai.",
        "1",
        "Công văn số 124/UBND-NC ngày 10/01/2017",
        "Kế hoạch số 47-KH/TU ngày 09/6/2017 của Ban Thường vụ Tỉnh ủy.",
    ]


@pytest.mark.parametrize(
    "data, name, message",
    [
        (b"", "a.txt", "rỗng"),
        (b"  \n\n ", "a.md", "rỗng"),
        (b"\x00\x01\x02abc\x00\x00", "a.txt", "nhị phân"),
        (b"Ch\xe1 th\xef s\xf4", "a.txt", "UTF-8"),
        (b"PK\x03\x04garbage", "a.txt", "không phải là văn bản thuần"),
        (b"%PDF-1.4 ...", "a.md", "không phải là văn bản thuần"),
        (b"not a zip at all", "a.docx", "không phải là tệp Word .docx hợp lệ"),
        (b"PK\x03\x04broken zip", "a.docx", "không phải là tệp Word .docx hợp lệ"),
        (b"text", "a.pdf", "chỉ nhận tệp .txt, .md hoặc .docx"),
    ],
)
def test_bad_files_are_refused_in_vietnamese(data, name, message):
    with pytest.raises(TextFileError) as e:
        read_bytes(data, name, 1000)
    assert message in str(e.value)
    assert name in str(e.value)


def test_zip_that_is_not_a_word_document():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("hello.txt", "xin chào")
    with pytest.raises(TextFileError, match="không phải là tệp Word"):
        read_bytes(out.getvalue(), "a.docx")


def test_file_over_the_limit_is_refused_with_the_limit_named(tmp_path):
    path = tmp_path / "lon.txt"
    path.write_bytes(b"a" * 2048)
    with pytest.raises(TextFileError) as e:
        path_bytes(path, max_bytes=1024)
    assert "quá lớn (2 KB)" in str(e.value)
    assert "giới hạn là 1 KB" in str(e.value)
    with pytest.raises(TextFileError, match="giới hạn là 10 MB"):
        read_bytes(b"a" * (10 * 1024 * 1024 + 1), "lon.md", 10 * 1024 * 1024)


def test_zip_bomb_is_refused():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", b"0" * 5_000_000)
    data = out.getvalue()
    with pytest.raises(TextFileError, match="giải nén ra quá lớn"):
        read_bytes(data, "bom.docx", 50_000)


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(TextFileError, match="không tồn tại"):
        path_bytes(tmp_path / "khong-co.txt")
    with pytest.raises(TextFileError, match="là một thư mục"):
        path_bytes(tmp_path, max_bytes=1)


def test_size_label():
    assert size_label(10 * 1024 * 1024) == "10 MB"
    assert size_label(1536 * 1024) == "1,5 MB"
    assert size_label(800 * 1024) == "800 KB"
    assert size_label(12) == "12 byte"


@settings(max_examples=300, deadline=None)
@given(data=st.binary(max_size=2000), suffix=st.sampled_from([".txt", ".md", ".docx", ""]))
def test_fuzz_random_bytes_raise_only_textfile_error(data, suffix):
    try:
        text = read_bytes(data, "x" + suffix if suffix else "-", 1500)
    except TextFileError:
        return
    assert isinstance(text, str) and text.strip()


@settings(max_examples=60, deadline=None)
@given(noise=st.binary(min_size=1, max_size=64), at=st.integers(min_value=0))
def test_fuzz_corrupted_docx_raises_only_textfile_error(noise, at):
    data = bytearray(docx_bytes(["Chỉ thị số 24-CT/TU ngày 29/6/2017"]))
    at %= len(data)
    data[at : at + len(noise)] = noise
    try:
        read_bytes(bytes(data), "x.docx")
    except TextFileError:
        pass


def test_a_zip_of_an_unreadable_version_is_refused_in_vietnamese():
    """A member whose "version needed to extract" is past what Python reads (6.4, found by the
    fuzzer) makes zipfile raise NotImplementedError: still a Vietnamese refusal."""
    data = bytearray(docx_bytes(["Chỉ thị số 24-CT/TU ngày 29/6/2017"]))
    central = data.rfind(b"PK\x01\x02")
    data[central + 6 : central + 8] = (64).to_bytes(2, "little")  # version needed: 6.4
    with pytest.raises(TextFileError, match="không phải là tệp Word .docx hợp lệ"):
        read_bytes(bytes(data), "x.docx")
