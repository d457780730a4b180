"""Entering documents in a registry: validation, warnings, one entry per document, search."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from dangvu.accounts.models import AuditEntry
from dangvu.accounts.scope import Scope
from dangvu.documents import actions
from dangvu.documents.access import DocumentAccess
from dangvu.documents.models import Document
from dangvu.documents.search import search

D = Document.Direction


def register(orgs, **fields):
    fields.setdefault("direction", D.INCOMING)
    return actions.register_document(None, owner_org=orgs.committee, **fields)


def test_register_reads_symbol_and_keeps_key(orgs):
    doc = register(
        orgs,
        doc_type="Nghị quyết",
        symbol="04 - NQ/ĐU",
        issuer=orgs.committee,
        date=dt.date(2016, 4, 28),
        subject="về nâng cao chất lượng sinh hoạt chi bộ",
        direction=D.OUTGOING,
    )
    assert (doc.number, doc.symbol, doc.symbol_key, doc.issuer_code) == (
        "04",
        "04-NQ/ĐU",
        "4-NQ/ĐU",
        "ĐU",
    )
    assert str(doc) == "Nghị quyết số 04-NQ/ĐU ngày 28/4/2016"
    assert doc.warnings == []
    assert AuditEntry.objects.filter(action="document.create", target_id=doc.pk).exists()


def test_state_symbol_and_outside_issuer(orgs):
    doc = register(
        orgs,
        doc_type="Công văn",
        symbol="Số: 124/UBND-NC",
        issuer_name="Ủy ban nhân dân tỉnh",
        date=dt.date(2017, 1, 10),
    )
    assert (doc.symbol, doc.issuer_code, doc.issuer_display()) == (
        "124/UBND-NC",
        "UBND",
        "Ủy ban nhân dân tỉnh",
    )
    assert str(doc) == "Công văn số 124/UBND-NC ngày 10/01/2017"


def test_type_code_mismatch_is_kept_as_a_warning(orgs):
    doc = register(orgs, doc_type="Kế hoạch", symbol="15-BC/ĐU", date=dt.date(2017, 5, 2))
    assert len(doc.warnings) == 1
    assert doc.warnings[0].startswith("type_code_mismatch")
    assert "KH" in doc.warnings[0]


def test_party_issuer_in_state_style_is_warned(orgs):
    doc = register(orgs, doc_type="Công văn", symbol="328/CV-TU", date=dt.date(2017, 8, 16))
    assert any(w.startswith("party_symbol_state_style") for w in doc.warnings)
    assert doc.symbol_key == "328-CV/TU"


def test_issuer_not_matching_symbol_is_warned(orgs):
    doc = register(orgs, doc_type="Kế hoạch", symbol="37-KH/ĐUK", issuer=orgs.committee)
    assert any(w.startswith("issuer_mismatch") for w in doc.warnings)


@pytest.mark.parametrize(
    "fields, message",
    [
        ({"doc_type": "Kế hoạch", "symbol": "abc"}, "không đúng dạng"),
        ({"doc_type": "", "symbol": "33-KH/ĐU"}, "Cần chọn loại văn bản"),
        ({"doc_type": "Kế hoạch"}, "Cần ghi số và ký hiệu, tên gọi hoặc trích yếu"),
        (
            {
                "doc_type": "Kế hoạch",
                "symbol": "1-KH/ĐU",
                "date": dt.date.today().replace(year=dt.date.today().year + 1),
            },
            "không được sau ngày hôm nay",
        ),
        (
            {"doc_type": "Kế hoạch", "symbol": "1-KH/ĐU", "date": dt.date(1800, 1, 1)},
            "không hợp lệ",
        ),
        (
            {
                "doc_type": "Quy định",
                "symbol": "76-QĐ/TW",
                "effective_from": dt.date(2000, 6, 15),
                "effective_to": dt.date(2000, 6, 15),
            },
            "Ngày hết hiệu lực phải sau",
        ),
        ({"doc_type": "Kế hoạch", "symbol": "1-KH/ĐU", "direction": "x"}, "Loại sổ"),
        ({"doc_type": "Kế hoạch", "symbol": "1-KH/ĐU", "secrecy": "x"}, "Độ mật"),
    ],
)
def test_bad_entries_are_refused_and_nothing_written(orgs, fields, message):
    with pytest.raises(ValidationError) as e:
        register(orgs, **fields)
    assert message in " ".join(e.value.messages)
    assert not Document.objects.exists()


def test_same_document_twice_is_refused(orgs):
    register(orgs, doc_type="Chỉ thị", symbol="24-CT/TU", date=dt.date(2017, 6, 29))
    with pytest.raises(ValidationError, match="đã có trong sổ"):
        register(orgs, doc_type="Chỉ thị", symbol="24 - CT/TU", date=dt.date(2017, 6, 29))
    # The same number in another registry, or on another date (a new term), is another entry.
    actions.register_document(
        None,
        owner_org=orgs.cell,
        direction=D.INCOMING,
        doc_type="Chỉ thị",
        symbol="24-CT/TU",
        date=dt.date(2017, 6, 29),
    )
    register(orgs, doc_type="Chỉ thị", symbol="24-CT/TU", date=dt.date(2021, 1, 5))
    assert Document.objects.count() == 3


def test_registering_a_cited_document_completes_its_entry(orgs):
    text = "Thực hiện Chỉ thị số 24-CT/TU của Ban Thường vụ Tỉnh ủy."
    doc = register(orgs, doc_type="Công văn", symbol="1-CV/ĐU", subject="x", notes=text)
    cited = Document.objects.get(direction=D.CITED)
    assert cited.date is None and cited.citations.count() == 1
    entry = register(
        orgs, doc_type="Chỉ thị", symbol="24-CT/TU", date=dt.date(2017, 6, 29), subject="về việc"
    )
    assert entry.pk == cited.pk
    entry.refresh_from_db()
    assert (entry.direction, entry.date, entry.subject) == (
        D.INCOMING,
        dt.date(2017, 6, 29),
        "về việc",
    )
    assert entry.citations.get().object_id == doc.pk


def test_update_and_supersedes(orgs):
    old = register(orgs, doc_type="Quy định", symbol="76-QĐ/TW", date=dt.date(2000, 6, 15))
    new = register(
        orgs,
        doc_type="Quy định",
        symbol="213-QĐ/TW",
        date=dt.date(2020, 1, 2),
        supersedes=old,
        effective_from=dt.date(2020, 1, 2),
    )
    assert old.superseded_by == new
    actions.update_document(
        None, new, subject="về trách nhiệm của đảng viên", tags="nơi cư trú, sinh hoạt"
    )
    new.refresh_from_db()
    assert new.tag_list == ["nơi cư trú", "sinh hoạt"]
    assert AuditEntry.objects.filter(action="document.update", target_id=new.pk).exists()
    with pytest.raises(ValidationError, match="chính nó"):
        actions.update_document(None, new, supersedes=new)
    with pytest.raises(ValidationError, match="đã có trong sổ"):
        actions.update_document(None, new, symbol="76-QĐ/TW", date=dt.date(2000, 6, 15))


def test_attachment_size_and_kind(orgs, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.DANGVU_MAX_UPLOAD_BYTES = 1024
    doc = register(
        orgs,
        doc_type="Kế hoạch",
        symbol="33-KH/ĐU",
        date=dt.date(2016, 3, 25),
        file=SimpleUploadedFile("Kế hoạch 33.pdf", b"%PDF-1.4 x"),
    )
    assert doc.file.name.startswith(f"van-ban/{orgs.committee.pk}/2016/")
    assert doc.file.name.endswith("-ke-hoach-33.pdf")
    with pytest.raises(ValidationError, match="giới hạn là 1 KB"):
        register(
            orgs,
            doc_type="Kế hoạch",
            symbol="34-KH/ĐU",
            file=SimpleUploadedFile("a.pdf", b"x" * 2000),
        )
    with pytest.raises(ValidationError, match="Không nhận tệp"):
        register(
            orgs,
            doc_type="Kế hoạch",
            symbol="35-KH/ĐU",
            file=SimpleUploadedFile("a.html", b"<script>"),
        )
    assert Document.objects.count() == 1


def test_search_ignores_diacritics_and_case(orgs):
    a = register(
        orgs,
        doc_type="Chỉ thị",
        symbol="24-CT/TU",
        issuer_name="Ban Thường vụ Tỉnh ủy",
        date=dt.date(2017, 6, 29),
        subject="về việc tiếp cận, xử lý và chia sẻ thông tin trên mạng xã hội",
        tags="mạng xã hội",
    )
    b = register(
        orgs,
        doc_type="Quyết định",
        symbol="21/2017/QĐ-UBND",
        issuer_name="UBND tỉnh",
        date=dt.date(2017, 10, 24),
        subject="Ban hành Quy định về quản lý hoạt động thông tin đối ngoại",
    )
    access = DocumentAccess(Scope.everything(), None)

    def found(q="", **kw):
        return set(search(access, q, **kw))

    assert found("chi thi 24 tinh uy") == {a}
    assert found("MẠNG XÃ HỘI") == {a}
    assert found("thong tin") == {a, b}
    assert found("21/2017/qđ-ubnd") == {b}
    assert found("29/06/2017") == {a}
    assert found(doc_type="Quyết định") == {b}
    assert found(issuer="TU") == {a}
    assert found(year=2017, direction=D.INCOMING) == {a, b}
    assert found(year=2016) == set()
    assert found("khong co") == set()
