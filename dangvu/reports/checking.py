"""Check a report file (.txt, .md or .docx): figures, numbering, citations, spelling, format.

One entry point for the `check_report` command and the upload page. Text files are located by
line ("dòng N"), Word files by paragraph ("đoạn N", every top-level body paragraph counted, as the
format checker counts them) and footnote ("chú thích N").
"""

import io
from pathlib import Path

import docx

from dangvu.lib import checker, docx_format, textfile

from . import invariant_text

SUFFIXES = (".txt", ".md", ".docx")


def may_check(scope) -> bool:
    """Whether this scope may use the check page: those who write reports — the office and
    cell secretaries — and the superior committee, which writes its own consolidated report and
    receives its units' reports. A member writes no report and gets 403."""
    return bool(scope.sees_everything or scope.write_org_ids or scope.own_report_org_ids)


class CheckError(ValueError):
    """A file that cannot be checked; the message is in Vietnamese."""


def check_size(size: int, name: str, max_bytes: int | None) -> None:
    """Refuse a file over the limit before reading it, naming the limit."""
    try:
        textfile.check_size(size, name, max_bytes)
    except textfile.TextFileError as e:
        raise CheckError(str(e)) from None


def check_bytes(data: bytes, name: str, max_bytes: int | None = None) -> list:
    """Every finding in the file `name` with content `data`, in reading order."""
    suffix = Path(name).suffix.lower()
    if suffix not in SUFFIXES:
        raise CheckError(f"Không kiểm tra được tệp “{name}”: chỉ nhận tệp .txt, .md hoặc .docx.")
    try:
        text = textfile.read_bytes(data, name, max_bytes)  # refuses empty, binary, oversized files
    except textfile.TextFileError as e:
        raise CheckError(str(e)) from None
    try:
        if suffix != ".docx":
            return checker.check_markdown(text) + _impossible_figures(text)
        # The text read above bounds what python-docx and the checker will be given.
        checker.refuse_too_long(text)
        return _check_docx(data, name)
    except checker.TextTooLong as e:
        raise CheckError(f"Không kiểm tra tệp “{name}”: {e}") from None


def _check_docx(data, name):
    try:
        document = docx.Document(io.BytesIO(data))
        fmt = docx_format.check_docx_format(io.BytesIO(data))
    except (docx_format.DocxFormatError, ValueError, KeyError) as e:
        raise CheckError(f"Tệp “{name}” không phải là tệp Word .docx hợp lệ.") from e
    paragraphs = [(i, p.text) for i, p in enumerate(document.paragraphs, 1)]
    report_date = checker.guess_report_date("\n".join(text for _, text in paragraphs))
    findings = checker.check_text(paragraphs, unit="đoạn", report_date=report_date)
    notes = list(enumerate(textfile.footnote_texts(document), 1))
    if notes:
        findings += checker.check_text(notes, unit="chú thích", report_date=report_date)
    return fmt + findings + invariant_text.text_findings(paragraphs, unit="đoạn")


def _impossible_figures(text):
    # Figures no record could make (reports/invariants.py), kept apart from the checker's rules.
    lines = [(i, line) for i, line in enumerate(text.split("\n"), 1)]
    return invariant_text.text_findings(lines)


def check_path(path, max_bytes=None):
    path = Path(path)
    if path.suffix.lower() not in SUFFIXES:
        raise CheckError(
            f"Không kiểm tra được tệp “{path.name}”: chỉ nhận tệp .txt, .md hoặc .docx."
        )
    if not path.is_file():
        raise CheckError(f"Không mở được tệp “{path}”: tệp không tồn tại.")
    check_size(path.stat().st_size, path.name, max_bytes)  # before reading it
    return check_bytes(path.read_bytes(), path.name, max_bytes)
