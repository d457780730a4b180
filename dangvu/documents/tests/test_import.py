"""`import_citations`: a report's citations fill the registry, previewed first, never twice."""

import io
from collections import defaultdict

import pytest
from django.core.management import CommandError, call_command

from dangvu.accounts.models import AuditEntry
from dangvu.documents.models import Document, TextCitation
from dangvu.lib.citations import document_key, find_citations
from dangvu.lib.reference import MISSING, reference_report_path

from .helpers import docx_bytes

REFERENCE = reference_report_path()
TEXT = (
    "Thực hiện Chỉ thị số 24-CT/TU ngày 29/6/2017 của Ban Thường vụ Tỉnh ủy; Chỉ thị 24-CT/TU, "
    "ngày 29-6-2017; Công văn số 124/UBND-NC ngày 10/01/2017 của Ủy ban nhân dân tỉnh."
)


def run(*args, **kwargs):
    out = io.StringIO()
    call_command("import_citations", *args, stdout=out, **kwargs)
    return out.getvalue()


def test_preview_writes_nothing_then_commit_then_nothing_twice(orgs, tmp_path):
    path = tmp_path / "bao-cao.md"
    path.write_text(TEXT)
    out = run(str(path), org="du")
    assert "Văn bản mới (2):" in out
    assert "+ Chỉ thị số 24-CT/TU ngày 29/6/2017 — Ban Thường vụ Tỉnh ủy" in out
    assert "Chưa ghi gì" in out
    assert not Document.objects.exists() and not AuditEntry.objects.filter(action="document.cite")
    out = run(str(path), org="du", commit=True)
    assert "Đã ghi 2 văn bản mới." in out
    assert Document.objects.filter(owner_org=orgs.committee, direction="cited").count() == 2
    out = run(str(path), org="du", commit=True)
    assert "Văn bản mới (0):" in out and "Đã có trong sổ (2):" in out
    assert Document.objects.count() == 2
    # The import fills the registry; it links no text (there is no record of the file).
    assert not TextCitation.objects.exists()


def test_docx_and_stdin(orgs, tmp_path):
    path = tmp_path / "bao-cao.docx"
    path.write_bytes(docx_bytes(["Mở đầu."], footnotes=["Kế hoạch số 47-KH/TU ngày 09/6/2017"]))
    run(str(path), org="du", commit=True)
    assert Document.objects.get().symbol == "47-KH/TU"
    run("-", org="du", commit=True, stdin=io.BytesIO(TEXT.encode()))
    assert Document.objects.count() == 3


@pytest.mark.parametrize(
    "content, name, message",
    [
        (b"", "rong.txt", "rỗng"),
        (b"\x00\x01\x02\x03" * 50, "nhi-phan.txt", "nhị phân"),
        (b"\xff\xfe\xfa" * 10 + b"\xc3", "ma.md", "UTF-8"),
        (b"PK\x03\x04...", "hong.docx", ".docx hợp lệ"),
        ("Không có trích dẫn nào.".encode(), "khong.txt", "Không tìm thấy trích dẫn"),
    ],
)
def test_bad_file_gives_a_vietnamese_error_and_writes_nothing(
    orgs, tmp_path, content, name, message
):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(CommandError, match=message):
        run(str(path), org="du", commit=True)
    assert not Document.objects.exists()


def test_file_over_the_limit(orgs, tmp_path, settings):
    settings.DANGVU_MAX_UPLOAD_BYTES = 100
    path = tmp_path / "lon.txt"
    path.write_text(TEXT)
    with pytest.raises(CommandError, match="giới hạn là 100 byte"):
        run(str(path), org="du", commit=True)
    assert not Document.objects.exists()


def test_user_scope_and_unknown_org(orgs, tmp_path, django_user_model):
    from dangvu.accounts.models import Role

    path = tmp_path / "a.txt"
    path.write_text(TEXT)
    viewer = django_user_model.objects.create(username="captren")
    Role.objects.create(user=viewer, kind=Role.Kind.SUPERIOR, org=orgs.superior)
    with pytest.raises(CommandError, match="không có quyền"):
        run(str(path), org="du", commit=True, user="captren")
    with pytest.raises(CommandError, match="Không tìm thấy tổ chức"):
        run(str(path), org="khong-co")
    with pytest.raises(CommandError, match="Không có người dùng"):
        run(str(path), org="du", user="ai-do")
    office = django_user_model.objects.create(username="vanphong")
    Role.objects.create(user=office, kind=Role.Kind.OFFICE, org=orgs.committee)
    run(str(path), org="du", commit=True, user="vanphong")
    assert AuditEntry.objects.filter(action="document.cite", actor=office).count() == 2


def _distinct_documents(citations):
    """Distinct document_keys, an undated key counted once with the dated key it stands for
    (same symbol and issuer, exactly one date): that is the matching rule of the registry."""
    dates = defaultdict(set)
    for key in {document_key(c) for c in citations if document_key(c)[0]}:
        dates[key[:2]].add(key[2])
    return sum(
        len(d - {None}) + (1 if None in d and len(d - {None}) != 1 else 0) for d in dates.values()
    )


@pytest.mark.skipif(REFERENCE is None, reason=MISSING)
def test_reference_report_fills_the_registry(orgs):
    citations = find_citations(REFERENCE.read_text(encoding="utf-8"))
    keys = {document_key(c) for c in citations}
    out = run(str(REFERENCE), org="du", commit=True)
    expected = _distinct_documents(citations)
    assert Document.objects.filter(owner_org=orgs.committee).count() == expected
    # Some documents are cited both with and without their date (Nghị quyết số 02-NQ/ĐUK
    # ngày 20/4/2016 … Nghị quyết số 02-NQ/ĐUK): two keys, one entry.
    assert ("2-NQ/ĐUK", "ĐUK", None) in keys and ("2-NQ/ĐUK", "ĐUK", "2016-04-20") in keys
    assert Document.objects.filter(symbol_key="2-NQ/ĐUK").count() == 1
    assert len(keys) > expected
    assert f"Đã ghi {expected} văn bản mới." in out
    out = run(str(REFERENCE), org="du", commit=True)
    assert "Văn bản mới (0):" in out and "Đã ghi 0 văn bản mới." in out
    assert Document.objects.count() == expected
    # Every distinct key of the parser is found in the registry.
    for c in citations:
        ident, code, date = document_key(c)
        entries = Document.objects.filter(symbol_key=ident, issuer_code=code or "")
        assert entries.exists(), c.raw
        if date:
            assert entries.filter(date=date).exists(), c.raw
    entry = Document.objects.get(symbol="24-CT/TU")
    assert entry.issuer_name == "Ban Thường vụ Tỉnh ủy" and entry.subject.startswith("về việc")
    # The superior, written "Đảng ủy Khối các cơ quan", is the organization in dangvu.
    assert Document.objects.get(symbol="37-KH/ĐUK").issuer == orgs.superior
    # A 2014 decision of the superior under its old name and old symbol is not the committee's.
    assert Document.objects.get(symbol="5383-QĐ/ĐU").issuer is None
