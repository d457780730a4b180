"""Linking the citations of narrative texts to registry entries (actions.link_text)."""

import datetime as dt

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError

from dangvu.documents import actions
from dangvu.documents.models import Document, TextCitation
from dangvu.lib.citations import find_citations

D = Document.Direction
TEXT = (
    "Triển khai Chỉ thị số 24-CT/TU ngày 29/6/2017 của Ban Thường vụ Tỉnh ủy “về việc tiếp cận, "
    "xử lý và chia sẻ thông tin trên mạng xã hội”; sơ kết Chỉ thị 24-CT/TU, ngày 29-6-2017 và "
    "Kế hoạch số 33-KH/ĐU ngày 25/3/2016; thực hiện Chỉ thị số 42-CT/TW của Ban Bí thư."
)


def test_two_spellings_of_one_document_make_one_entry(orgs):
    links = actions.link_text(None, orgs.committee, "founding_document", TEXT, orgs.committee)
    assert links[1].raw == "Chỉ thị 24-CT/TU, ngày 29-6-2017"
    assert len(links) == 4
    assert links[0].document_id == links[1].document_id
    entry = links[0].document
    assert (entry.direction, entry.symbol, entry.date, entry.issuer_name) == (
        D.CITED,
        "24-CT/TU",
        dt.date(2017, 6, 29),
        "Ban Thường vụ Tỉnh ủy",
    )
    assert entry.subject.startswith("về việc tiếp cận")
    # The committee's own plan, cited without an issuer, is issued by the committee.
    assert links[2].document.issuer == orgs.committee
    assert Document.objects.count() == 3
    assert [(lk.start, lk.end) for lk in links] == [(c.start, c.end) for c in find_citations(TEXT)]


def test_undated_mention_matches_the_dated_entry(orgs):
    dated = actions.register_document(
        None,
        owner_org=orgs.committee,
        direction=D.INCOMING,
        doc_type="Kế hoạch",
        symbol="37-KH/ĐUK",
        issuer=orgs.superior,
        date=dt.date(2017, 4, 12),
    )
    links = actions.link_text(
        None, orgs.committee, "name", "theo Kế hoạch 37-KH/ĐUK của Đảng ủy Khối", orgs.committee
    )
    assert [lk.document_id for lk in links] == [dated.pk]
    assert Document.objects.count() == 1


def test_undated_then_dated_mention_fills_the_date(orgs):
    first = actions.link_text(None, orgs.cell, "name", "Chỉ thị số 42-CT/TW", orgs.committee)
    assert first[0].document.date is None
    second = actions.link_text(
        None, orgs.agency, "name", "Chỉ thị số 42-CT/TW ngày 25/3/2015", orgs.committee
    )
    assert second[0].document_id == first[0].document_id
    assert Document.objects.get().date == dt.date(2015, 3, 25)


def test_ambiguous_undated_mention_is_not_guessed(orgs):
    for day in (dt.date(2016, 1, 5), dt.date(2021, 2, 1)):
        actions.link_text(
            None, orgs.cell, f"n{day}", f"Kế hoạch số 01-KH/TU ngày {day:%d/%m/%Y}", orgs.committee
        )
    links = actions.link_text(None, orgs.cell, "name", "Kế hoạch số 01-KH/TU", orgs.committee)
    assert links[0].document.date is None
    assert Document.objects.count() == 3


def test_saving_again_replaces_the_links(orgs):
    obj = orgs.agency
    actions.link_text(None, obj, "name", TEXT, orgs.committee)
    assert TextCitation.objects.count() == 4
    actions.link_text(None, obj, "name", "Chỉ thị số 42-CT/TW của Ban Bí thư", orgs.committee)
    ct = ContentType.objects.get_for_model(obj)
    links = TextCitation.objects.filter(content_type=ct, object_id=obj.pk, field="name")
    assert [lk.document.symbol for lk in links] == ["42-CT/TW"]
    # Another field of the same object keeps its own links.
    actions.link_text(None, obj, "place", "Kế hoạch số 33-KH/ĐU ngày 25/3/2016", orgs.committee)
    actions.link_text(None, obj, "name", "", orgs.committee)
    assert [lk.field for lk in TextCitation.objects.all()] == ["place"]
    actions.unlink_object(obj)
    assert not TextCitation.objects.exists()
    # Entries stay: they are the registry, links are derived.
    assert Document.objects.count() == 3


def test_texts_link_up_to_the_registries_above(orgs):
    committee_entry = actions.link_text(
        None, orgs.committee, "name", "Chỉ thị số 42-CT/TW", orgs.committee
    )[0].document
    # A cell's text citing it links to the committee's entry instead of making its own.
    links = actions.link_text(None, orgs.cell, "name", "theo Chỉ thị 42-CT/TW", orgs.cell)
    assert links[0].document == committee_entry and links[0].owner_org == orgs.cell
    # Not upwards to a secret entry: the cell gets its own.
    actions.register_document(
        None,
        owner_org=orgs.committee,
        direction=D.INCOMING,
        doc_type="Công văn",
        symbol="15-CV/TU",
        secrecy=Document.Secrecy.SECRET,
    )
    links = actions.link_text(None, orgs.cell, "name", "Công văn số 15-CV/TU", orgs.cell)
    assert links[0].document.owner_org == orgs.cell
    # Nor downwards: the committee's text does not link to the cell's entry.
    links = actions.link_text(None, orgs.cell, "place", "Kế hoạch số 09-KH/TU", orgs.cell)
    links = actions.link_text(None, orgs.committee, "place", "Kế hoạch số 09-KH/TU", orgs.committee)
    assert links[0].document.owner_org == orgs.committee
    assert (
        actions.find_document(orgs.cell, find_citations("Chỉ thị 42-CT/TW")[0]) == committee_entry
    )


def test_document_notes_are_linked(orgs):
    doc = actions.register_document(
        None,
        owner_org=orgs.committee,
        direction=D.OUTGOING,
        doc_type="Báo cáo",
        symbol="15-BC/ĐU",
        issuer=orgs.committee,
        subject="Báo cáo năm 2017",
        notes="Căn cứ Hướng dẫn số 27-HD/BTGTW ngày 20/02/2017 của Ban Tuyên giáo Trung ương",
    )
    cited = Document.objects.get(symbol="27-HD/BTGTW")
    link = cited.citations.get()
    assert (link.text_object, link.field, link.owner_org) == (doc, "notes", orgs.committee)
    actions.update_document(None, doc, notes="")
    assert not cited.citations.exists()


def test_unsaved_object_is_refused(orgs):
    with pytest.raises(ValidationError):
        actions.link_text(None, Document(owner_org=orgs.committee), "notes", TEXT, orgs.committee)
