"""The registry's pages: entry forms (with upload and warnings), the entry page listing the texts
that cite it, outgoing numbering and the import of a report's citations."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from dangvu.documents import actions
from dangvu.documents.models import Document, NumberCounter, TextCitation
from dangvu.orgs.models import Organization

D, S = Document.Direction, Document.Secrecy


@pytest.fixture
def demo(demo):
    """The demo before its report's narrative was linked: these tests cite and number themselves."""
    TextCitation.objects.all().delete()
    Document.objects.filter(direction=D.CITED).delete()
    NumberCounter.objects.all().delete()
    return demo


@pytest.fixture
def office(demo, login, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return login("vanphong")


def form_data(demo, **fields):
    data = {
        "owner_org": demo.pk,
        "direction": D.INCOMING,
        "doc_type": "Chỉ thị",
        "symbol": "24-CT/TU",
        "date": "2017-06-29",
        "issuer_name": "Ban Thường vụ Tỉnh ủy",
        "subject": "về việc tiếp cận, xử lý và chia sẻ thông tin trên mạng xã hội",
        "secrecy": S.NORMAL,
        "tags": "mạng xã hội",
    }
    data.update(fields)
    return data


def test_create_with_upload_then_download(office, demo):
    upload = SimpleUploadedFile("chi-thi-24.pdf", b"%PDF-1.4 noi dung")
    response = office.post(reverse("document_create"), form_data(demo, file=upload))
    doc = Document.objects.get(symbol="24-CT/TU")
    assert response.status_code == 302 and response["Location"] == doc.get_absolute_url()
    page = office.get(doc.get_absolute_url()).content.decode()
    assert "Chỉ thị số 24-CT/TU ngày 29/6/2017" in page and "Tải tệp đính kèm" in page
    download = office.get(reverse("document_file", args=[doc.pk]))
    assert (
        download.status_code == 200 and b"".join(download.streaming_content) == b"%PDF-1.4 noi dung"
    )
    assert "attachment" in download["Content-Disposition"]


def test_impossible_date_and_bad_symbol_are_form_errors(office, demo):
    response = office.post(reverse("document_create"), form_data(demo, date="31/02/2017"))
    assert response.status_code == 400
    response = office.post(reverse("document_create"), form_data(demo, symbol="24 CT TU abc"))
    assert response.status_code == 400
    assert "không đúng dạng" in response.content.decode()
    assert not Document.objects.filter(symbol__startswith="24").exists()


def test_upload_over_the_limit_is_refused_with_the_limit(office, demo, settings):
    settings.DANGVU_MAX_UPLOAD_BYTES = 1024
    upload = SimpleUploadedFile("lon.pdf", b"x" * 5000)
    response = office.post(reverse("document_create"), form_data(demo, file=upload))
    assert response.status_code == 400
    assert "giới hạn là 1 KB" in response.content.decode()
    assert not Document.objects.filter(symbol="24-CT/TU").exists()


def test_type_mismatch_warning_is_shown(office, demo):
    response = office.post(
        reverse("document_create"),
        form_data(demo, doc_type="Kế hoạch", symbol="15-BC/ĐU", issuer_name=""),
        follow=True,
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Loại văn bản “Kế hoạch” nhưng ký hiệu mang mã BC" in page


def test_edit(office, demo):
    doc = Document.objects.get(symbol="33-KH/ĐU")
    data = form_data(
        demo,
        direction=D.OUTGOING,
        doc_type="Kế hoạch",
        symbol="33-KH/ĐU",
        date="2016-03-25",
        issuer=demo.pk,
        issuer_name="",
        subject=doc.subject,
        notes="Thực hiện Nghị quyết số 02-NQ/ĐUK ngày 20/4/2016 của Đảng ủy Khối.",
    )
    del data["owner_org"]
    response = office.post(reverse("document_edit", args=[doc.pk]), data)
    assert response.status_code == 302
    cited = Document.objects.get(symbol="02-NQ/ĐUK")
    page = office.get(cited.get_absolute_url()).content.decode()
    # The entry page lists the text that cites it, with a link to it.
    assert "Các văn bản trong dangvu trích dẫn văn bản này (1)" in page
    assert f'href="{doc.get_absolute_url()}"' in page
    assert "Nghị quyết số 02-NQ/ĐUK ngày 20/4/2016" in page


def test_citing_texts_are_scoped(demo, login):
    cell1 = Organization.objects.get(slug="so-tttt-chi-bo-1")
    cited = Document.objects.get(symbol="37-KH/ĐUK")
    # A text of the agency (read by the office, not by the secretary of cell 1) cites it.
    agency = Organization.objects.get(slug="so-tttt-co-quan")
    actions.link_text(None, agency, "founding_document", "Kế hoạch số 37-KH/ĐUK", demo)
    # The cell's own text, in its own registry's scope, links up to the committee's entry.
    actions.link_text(None, cell1, "founding_document", "Kế hoạch số 37-KH/ĐUK", cell1)
    url = cited.get_absolute_url()
    assert "văn bản này (2)" in login("vanphong").get(url).content.decode()
    # The cell secretary reads the committee's ordinary entry, and only the cell's text.
    page = login("bithu1").get(url).content.decode()
    assert "văn bản này (1)" in page and "Chi bộ 1" in page


def test_take_a_number_and_register(office, demo):
    response = office.post(
        reverse("document_number"),
        {
            "org": demo.pk,
            "doc_type": "Kế hoạch",
            "date": "2017-12-05",
            "subject": "Kế hoạch công tác năm 2018",
            "secrecy": S.NORMAL,
        },
        follow=True,
    )
    page = response.content.decode()
    # The demo registry holds 33-KH/ĐU of this term: numbering continues after it.
    assert "Đã lấy Số 34-KH/ĐU (nhiệm kỳ 2015-2020)" in page
    doc = Document.objects.get(symbol="34-KH/ĐU")
    assert (doc.direction, doc.issuer, doc.date) == (D.OUTGOING, demo, dt.date(2017, 12, 5))


def test_number_outside_a_term_is_a_form_error(office, demo):
    response = office.post(
        reverse("document_number"),
        {
            "org": demo.pk,
            "doc_type": "Báo cáo",
            "date": "2014-05-01",
            "subject": "x",
            "secrecy": S.NORMAL,
        },
    )
    assert response.status_code == 400
    assert "chưa có nhiệm kỳ cấp ủy" in response.content.decode()
    assert not NumberCounter.objects.filter(last__gt=0).exists()


def test_import_page_previews_then_writes(office, demo):
    text = (
        "Thực hiện Chỉ thị số 24-CT/TU ngày 29/6/2017 của Ban Thường vụ Tỉnh ủy và Kế hoạch số "
        "37-KH/ĐUK ngày 12/4/2017 của Đảng ủy Khối các cơ quan."
    ).encode()
    before = Document.objects.count()
    upload = SimpleUploadedFile("bao-cao.txt", text)
    response = office.post(reverse("document_import"), {"org": demo.pk, "file": upload})
    page = response.content.decode()
    assert response.status_code == 200
    assert "1 văn bản sẽ được vào sổ" in page and "1 văn bản đã có trong sổ" in page
    assert Document.objects.count() == before
    response = office.post(reverse("document_import"), {"commit": "1"}, follow=True)
    assert "Đã vào sổ 1 văn bản mới; 1 văn bản đã có." in response.content.decode()
    assert Document.objects.count() == before + 1


def test_import_page_refuses_bad_files(office, demo, settings):
    before = Document.objects.count()
    for name, content, message in [
        ("a.docx", b"\x00\x01" * 10, "không phải là tệp Word .docx hợp lệ"),
        ("a.txt", b"", "rỗng"),
    ]:
        upload = SimpleUploadedFile(name, content)
        response = office.post(reverse("document_import"), {"org": demo.pk, "file": upload})
        assert response.status_code == 400
        assert message in response.content.decode()
    settings.DANGVU_MAX_UPLOAD_BYTES = 10
    upload = SimpleUploadedFile("a.txt", b"Chi thi so 24-CT/TU")
    response = office.post(reverse("document_import"), {"org": demo.pk, "file": upload})
    assert "giới hạn là 10 byte" in response.content.decode()
    assert Document.objects.count() == before
