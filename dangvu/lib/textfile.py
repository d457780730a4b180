"""Read the text of an uploaded or local file (.txt, .md, .docx) for the citation engine.

Pure Python and python-docx, no Django: the caller passes the size limit. Every refusal is a
`TextFileError` whose message, in Vietnamese, names the file and what is wrong with it, so that
commands and views can show it as is. Nothing else escapes: a broken .docx is a zip or XML error
deep inside python-docx, and that too becomes a `TextFileError`.

The text keeps paragraph boundaries as blank lines ("\\n\\n"), so a reference never runs from one
paragraph into the next; it is NFC-normalised because the citation parser reads composed accents.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from pathlib import Path
from typing import Any

from .archive import ArchiveTooLarge, check_unpacked

TEXT_SUFFIXES = (".txt", ".md", ".markdown")
DOCX_SUFFIX = ".docx"
SUFFIXES = TEXT_SUFFIXES + (DOCX_SUFFIX,)

# A .docx is a zip: its parts may unpack to far more than the file's size. Refuse zip bombs by
# their real unpacked size (see dangvu.lib.archive), whatever the upload limit.
MAX_UNPACKED = 20 * 1024 * 1024
# Control characters other than tab, newline, carriage return and form feed: text files have
# none, binary files are full of them.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_FOOTNOTES_RELTYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"


class TextFileError(ValueError):
    """A file that cannot be read as text; the message is for the user, in Vietnamese."""


def size_label(n: int) -> str:
    """A byte count as people say it: "10 MB", "1,5 MB", "800 KB", "12 byte"."""
    for unit, size in (("MB", 1024 * 1024), ("KB", 1024)):
        if n >= size:
            value = round(n / size, 1)
            text = f"{value:.1f}".rstrip("0").rstrip(".")
            return f"{text.replace('.', ',')} {unit}"
    return f"{n} byte"


def check_size(size: int, name: str, max_bytes: int | None) -> None:
    if max_bytes is not None and size > max_bytes:
        raise TextFileError(
            f"Tệp “{name}” quá lớn ({size_label(size)}); giới hạn là {size_label(max_bytes)}."
        )


def path_bytes(path: str | Path, max_bytes: int | None = None) -> bytes:
    """The bytes of the file a user named, its size checked before anything is read. Every way a
    named file cannot be read is a TextFileError in Vietnamese, never a traceback."""
    path = Path(path)
    try:
        if path.is_dir():  # before its size: a folder's is not a file's
            raise IsADirectoryError
        check_size(path.stat().st_size, str(path), max_bytes)
        return path.read_bytes()
    except FileNotFoundError:
        raise TextFileError(f"Không có tệp “{path}”: đường dẫn không tồn tại.") from None
    except IsADirectoryError:
        raise TextFileError(f"“{path}” là một thư mục, không phải một tệp.") from None
    except PermissionError:
        raise TextFileError(f"Không có quyền đọc tệp “{path}”.") from None
    except OSError as e:
        raise TextFileError(f"Không đọc được tệp “{path}” ({e.strerror}).") from None


def read_bytes(data: bytes, name: str = "-", max_bytes: int | None = None) -> str:
    """The text of a file's content; `name` gives the format by its suffix ("-" is plain text)."""
    check_size(len(data), name, max_bytes)
    suffix = Path(name).suffix.lower() if name != "-" else ".txt"
    if suffix not in SUFFIXES:
        raise TextFileError(f"Không đọc được tệp “{name}”: chỉ nhận tệp .txt, .md hoặc .docx.")
    if not data.strip():
        raise TextFileError(f"Tệp “{name}” rỗng.")
    if suffix == DOCX_SUFFIX:
        text = _docx_text(data, name, max_bytes)
    else:
        text = _plain_text(data, name)
    text = unicodedata.normalize("NFC", text)
    if not text.strip():
        raise TextFileError(f"Tệp “{name}” không có nội dung chữ.")
    return text


# Plain text ----------------------------------------------------------------------------------


def _plain_text(data: bytes, name: str) -> str:
    if data.startswith(b"PK\x03\x04") or data.startswith(b"%PDF") or data.startswith(b"\xd0\xcf"):
        raise TextFileError(
            f"Tệp “{name}” không phải là văn bản thuần (có vẻ là tệp Word, PDF hoặc nén); "
            "hãy lưu thành .docx hoặc .txt."
        )
    text = _decode(data, name)
    if "\x00" in text or len(_CONTROL.findall(text)) > max(2, len(text) // 100):
        raise TextFileError(f"Tệp “{name}” không phải là văn bản (có vẻ là tệp nhị phân).")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _decode(data: bytes, name: str) -> str:
    # UTF-16 is what Windows Notepad writes as "Unicode"; it always starts with a BOM there.
    encodings = ["utf-16"] if data[:2] in (b"\xff\xfe", b"\xfe\xff") else ["utf-8-sig"]
    for encoding in encodings:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise TextFileError(
        f"Không đọc được tệp “{name}”: không phải văn bản mã UTF-8 "
        "(nếu tệp dùng bảng mã cũ như TCVN3 hay VNI, hãy chuyển sang Unicode UTF-8)."
    )


# Word ----------------------------------------------------------------------------------------


def _docx_text(data: bytes, name: str, max_bytes: int | None) -> str:
    invalid = TextFileError(f"Tệp “{name}” không phải là tệp Word .docx hợp lệ.")
    if not data.startswith(b"PK"):
        raise invalid
    try:
        check_unpacked(data, MAX_UNPACKED)
    except ArchiveTooLarge as e:
        raise TextFileError(
            f"Tệp “{name}” giải nén ra quá lớn (hơn {size_label(e.limit)}, "
            f"trong khi tệp chỉ {size_label(len(data))}); đây không phải là văn bản Word thông "
            "thường nên không được đọc."
        ) from None
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise invalid from None
    try:
        import docx

        document = docx.Document(io.BytesIO(data))
        paragraphs = _paragraphs(document.element.body)
        paragraphs += _footnotes(document)
    except TextFileError:
        raise
    except Exception:  # noqa: BLE001 - any failure inside python-docx means "not a valid .docx"
        raise invalid from None
    return "\n\n".join(p for p in paragraphs if p.strip())


def _paragraphs(element) -> list[str]:
    """Every paragraph under `element`, tables included, in document order."""
    return [_paragraph_text(p) for p in element.iter(f"{_W}p")]


_TEXT_TAGS = {f"{_W}t": None, f"{_W}tab": "\t", f"{_W}br": "\n", f"{_W}cr": "\n"}


def _paragraph_text(paragraph) -> str:
    """A paragraph's text as python-docx gives it (runs, tabs, breaks), read straight from the
    XML: python-docx's own objects cost a fraction of a millisecond per paragraph, which a file
    of many tiny paragraphs turns into seconds."""
    parts = []
    for node in paragraph.iter(*_TEXT_TAGS):
        if node.getparent() is not None and _nested_paragraph(node, paragraph):
            continue
        fixed = _TEXT_TAGS[node.tag]
        parts.append(node.text or "" if fixed is None else fixed)
    return "".join(parts)


def _nested_paragraph(node, paragraph) -> bool:
    """True when `node` belongs to a paragraph inside `paragraph` (a text box), counted there."""
    parent = node.getparent()
    while parent is not None and parent is not paragraph:
        if parent.tag == f"{_W}p":
            return True
        parent = parent.getparent()
    return False


def _footnotes(document) -> list[str]:
    """Footnote texts (python-docx has no API for them): cited documents often sit there."""
    from docx.oxml.parser import parse_xml

    for rel in document.part.rels.values():
        if rel.reltype == _FOOTNOTES_RELTYPE and not rel.is_external:
            part = rel.target_part
            # python-docx's own parser: its element classes give Paragraph.text, and it does
            # not resolve entities.
            root = part.element if hasattr(part, "element") else parse_xml(part.blob)
            notes = []
            for note in root.iter(f"{_W}footnote"):
                # Separator "footnotes" (type separator/continuationSeparator) carry no text.
                if note.get(f"{_W}type") in (None, "normal"):
                    notes.append(" ".join(_paragraphs(note)))
            return notes
    return []


def footnote_texts(document: Any) -> list[str]:  # a python-docx Document
    """The texts of a python-docx document's footnotes, in order (the report checker's view)."""
    return _footnotes(document)
