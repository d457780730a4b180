"""Check a report file (.txt, .md or .docx): figures, numbering, citations, spelling, format.

One entry point for the `check_report` command and the upload page. Text files are located by
line ("dòng N"), Word files by paragraph ("đoạn N", every top-level body paragraph counted, as the
format checker counts them) and footnote ("chú thích N").

Names of the records (:func:`record_names`: the people, organizations and places of an
organization's tree) are passed to the checker, which never reports them as misspellings.
"""

import io
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import docx

from dangvu.lib import checker, docx_format, textfile

if TYPE_CHECKING:
    from dangvu.orgs.models import Organization

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


def record_names(orgs: "Iterable[Organization]") -> list[str]:
    """The names a report of `orgs` may hold that no dictionary knows: every person who has
    belonged to an organization of their trees (or works there), those organizations under
    every name they bore, their places, and their superiors' names."""
    # Imported here: the checker itself runs without Django (the size limits' subprocess).
    from dangvu.orgs.models import Organization, OrganizationName
    from dangvu.orgs.tree import subtree_ids
    from dangvu.people.models import Person

    roots = list(orgs)
    if not roots:
        return []
    ids = subtree_ids([o.id for o in roots])
    ids.update(o.parent_id for o in roots if o.parent_id)
    names: set[str] = set()
    for name, place in Organization.objects.filter(id__in=ids).values_list("name", "place"):
        names.update(n for n in (name, place) if n)
    names.update(
        OrganizationName.objects.filter(organization_id__in=ids).values_list("name", flat=True)
    )
    members = Person.objects.filter(memberships__org_id__in=ids).distinct()
    names.update(members.values_list("full_name", flat=True))
    names.update(Person.objects.filter(home_org_id__in=ids).values_list("full_name", flat=True))
    return sorted(names)


def check_bytes(
    data: bytes, name: str, max_bytes: int | None = None, known_names: Iterable[str] = ()
) -> list:
    """Every finding in the file `name` with content `data`, in reading order; `known_names`
    (names of the records, :func:`record_names`) are never misspellings."""
    known_names = list(known_names)
    text = readable_text(data, name, max_bytes)
    if Path(name).suffix.lower() != ".docx":
        return checker.check_markdown(text, known_names=known_names) + _impossible_figures(text)
    return _check_docx(data, name, known_names)


def readable_text(data: bytes, name: str, max_bytes: int | None = None) -> str:
    """The text of a report the checker accepts: a .txt, .md or .docx file, not empty, not
    binary, not too large or too long (refused with CheckError, in Vietnamese). The text read
    here bounds what python-docx and the checker will be given."""
    suffix = Path(name).suffix.lower()
    if suffix not in SUFFIXES:
        raise CheckError(f"Không kiểm tra được tệp “{name}”: chỉ nhận tệp .txt, .md hoặc .docx.")
    try:
        text = textfile.read_bytes(data, name, max_bytes)  # refuses empty, binary, oversized files
    except textfile.TextFileError as e:
        raise CheckError(str(e)) from None
    try:
        checker.refuse_too_long(text)
    except checker.TextTooLong as e:
        raise CheckError(f"Không kiểm tra tệp “{name}”: {e}") from None
    return text


def _check_docx(data, name, known_names=()):
    try:
        document = docx.Document(io.BytesIO(data))
        fmt = docx_format.check_docx_format(io.BytesIO(data))
    except (docx_format.DocxFormatError, ValueError, KeyError) as e:
        raise CheckError(f"Tệp “{name}” không phải là tệp Word .docx hợp lệ.") from e
    paragraphs = [(i, p.text) for i, p in enumerate(document.paragraphs, 1)]
    report_date = checker.guess_report_date("\n".join(text for _, text in paragraphs))
    findings = checker.check_text(
        paragraphs, unit="đoạn", report_date=report_date, known_names=known_names
    )
    notes = list(enumerate(textfile.footnote_texts(document), 1))
    if notes:
        findings += checker.check_text(
            notes, unit="chú thích", report_date=report_date, known_names=known_names
        )
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
    try:
        data = textfile.path_bytes(path, max_bytes)  # its size checked before reading it
    except textfile.TextFileError as e:
        raise CheckError(str(e)) from None
    return check_bytes(data, path.name, max_bytes)
