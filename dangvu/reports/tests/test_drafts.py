"""Report drafts: written from records, edited by the office, frozen when finalised."""

import datetime as dt
import io
import re
import zipfile
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError

from dangvu.orgs.models import Organization
from dangvu.people import actions as people_actions
from dangvu.reports import actions
from dangvu.reports.models import ReportDraft
from dangvu.reports.outputs import export
from dangvu.reports.render import section_numbers


def _docx_text(data):
    import docx

    return "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)


@pytest.fixture
def draft(demo):
    """A new version of the demo's 2017 report: the office's text, figures from records."""
    d = actions.new_version(None, ReportDraft.objects.get(org=demo, year=2017, version=1))
    return actions.edit_header(
        None, d, number="Số 15-BC/ĐU", issued_on=dt.date(2017, 12, 5), signer_name="Nguyễn Văn A"
    )


def fill_slots(draft, text="Đã thực hiện theo kế hoạch."):
    """Type the office's text into every section still showing a slot."""
    for section in draft.sections.all():
        if "[cần bổ sung" in section.text or not section.text.strip():
            children = draft.sections.filter(parent_key=section.key).exists()
            if not children:
                actions.edit_section(None, section, text)


def test_new_draft_is_filled_from_records(draft):
    md = export(draft, ".md").decode()
    assert (
        "có 04 chi bộ trực thuộc với 54 đảng viên, trong đó 51 đảng viên chính thức và 03 đảng viên dự bị"
        in md
    )
    assert "Tổng biên chế được giao: 62 biên chế (công chức: 30, viên chức: 32)" in md
    assert "Trà Vinh, ngày 05 tháng 12 năm 2017" in md


def test_section_numbers_follow_the_tree(draft):
    numbers = section_numbers(list(draft.sections.all()))
    tops = [numbers[s.key] for s in draft.sections.all() if not s.parent_key]
    assert tops == ["I", "II", "III", "IV", "V", "VI", "VII"]
    assert numbers["mass.unions.youth"] == "b)"
    assert numbers["political.discipline"] == "7"


def test_edit_section_with_placeholders_and_footnote(draft):
    section = draft.sections.get(key="political.anticorruption")
    actions.edit_section(
        None, section, "Có {party.members} đảng viên[^Chỉ thị số 24-CT/TU ngày 29/6/2017]."
    )
    data = export(draft, ".docx")
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert "Chỉ thị số 24-CT/TU" in z.read("word/footnotes.xml").decode()
    assert "Có 54 đảng viên" in _docx_text(data)


def test_a_section_edit_names_its_new_title_in_the_history(draft):
    from dangvu.accounts.models import AuditEntry

    section = draft.sections.get(key="political.defence")
    old = section.title
    actions.edit_section(None, section, "  Đã diễn tập.  ", title=" Quốc   phòng ")
    entry = AuditEntry.objects.filter(action="report.section").latest("id")
    assert entry.summary == "Sửa mục “Quốc phòng”"
    assert entry.before["title"] == old and entry.after["title"] == "Quốc phòng"
    assert entry.after["text"] == "Đã diễn tập."


def test_unknown_fact_is_refused_with_the_nearest_names(draft):
    section = draft.sections.get(key="political.defence")
    with pytest.raises(ValidationError, match="Có phải ý bạn là party.members"):
        actions.edit_section(None, section, "Có {party.memberz} đảng viên.")
    with pytest.raises(ValidationError, match="Không có số liệu “khong.co.so.lieu”"):
        actions.edit_section(None, section, "Có {khong.co.so.lieu} việc.")
    assert "memberz" not in draft.sections.get(key="political.defence").text


def test_finalised_report_is_frozen_and_a_new_version_follows_records(draft, demo):
    draft = actions.finalise(None, draft)
    frozen_docx = export(draft, ".docx")
    cell = Organization.objects.get(slug="so-tttt-chi-bo-1")
    p = people_actions.create_person(
        None, home_org=demo, full_name="Đỗ Văn Mới", gender="male", birth_date=dt.date(1991, 3, 3)
    )
    # The demo's 2017 fee year is closed, which refuses an admission dated in it (see
    # people/tests/test_closed_year.py); the report, not the fee books, is under test here.
    from dangvu.finance.models import FeeYear

    FeeYear.objects.filter(year__gte=2017).delete()
    people_actions.admit(None, p, cell, dt.date(2017, 10, 1))
    assert export(draft, ".docx") == frozen_docx
    assert "54 đảng viên" in export(draft, ".md").decode()
    with pytest.raises(ValidationError, match="đã chốt"):
        actions.edit_section(None, draft.sections.first(), "x")
    new = actions.new_version(None, draft)
    assert new.version == draft.version + 1 and not new.is_final
    assert "55 đảng viên" in export(new, ".md").decode()


def test_finalise_needs_number_and_date(demo):
    d = actions.create_draft(None, demo, 2017)
    with pytest.raises(ValidationError, match="số, ký hiệu"):
        actions.finalise(None, d)
    d = actions.edit_header(None, d, number="Số 15-BC/ĐU")
    with pytest.raises(ValidationError, match="cần bổ sung"):
        actions.finalise(None, d)
    assert not ReportDraft.objects.get(pk=d.pk).is_final


def test_report_command_writes_each_format(demo, tmp_path):
    ReportDraft.objects.all().delete()  # without a draft the command fills the default template
    for suffix in (".docx", ".md", ".html"):
        out = tmp_path / f"r{suffix}"
        call_command(
            "report", "annual", org="so-tttt-tra-vinh", year=2017, out=str(out), stdout=StringIO()
        )
        assert out.stat().st_size > 1000
    assert "54 đảng viên" in (tmp_path / "r.md").read_text()
    with pytest.raises(CommandError, match="không được hỗ trợ"):
        call_command(
            "report", "annual", org="so-tttt-tra-vinh", year=2017, out=str(tmp_path / "r.txt")
        )
    with pytest.raises(CommandError, match="Không tìm thấy"):
        call_command(
            "report",
            "annual",
            org="so-tttt-tra-vinh",
            year=2017,
            out=str(tmp_path / "x.md"),
            user="bithu1",
        )
    assert not ReportDraft.objects.exists()  # exporting without a draft saves nothing


def test_web_flow_create_edit_finalise(demo, login):
    client = login("vanphong")
    response = client.post("/bao-cao/", {"org": demo.id, "kind": "annual", "year": 2017})
    assert "đã có dự thảo" in response.content.decode()  # asks before replacing the office's text
    response = client.post(
        "/bao-cao/", {"org": demo.id, "kind": "annual", "year": 2017, "existing": "template"}
    )
    draft = ReportDraft.objects.order_by("-id").first()
    assert response.status_code == 302 and draft.version == 2
    page = client.get(f"/bao-cao/{draft.id}/").content.decode()
    assert f'href="/bao-cao/{draft.id}/so-lieu/party.members/"' in page
    figure = client.get(f"/bao-cao/{draft.id}/so-lieu/party.members.probationary/").content.decode()
    assert len(re.findall(r'href="/ca-nhan/\d+/"', figure)) == 3
    client.post(f"/bao-cao/{draft.id}/muc/political.tasks/", {"text": "Đã làm {party.cells} việc."})
    assert "Đã làm 04 việc." in client.get(f"/bao-cao/{draft.id}/tai/md/").content.decode()
    response = client.post(f"/bao-cao/{draft.id}/chot/")
    assert "Cần có số, ký hiệu" in response.content.decode()
    fill_slots(draft)
    client.post(
        f"/bao-cao/{draft.id}/the-thuc/",
        {
            "issuer_name": "ĐẢNG ỦY SỞ",
            "place": "Trà Vinh",
            "number": "Số 01-BC/ĐU",
            "issued_on": "2017-12-05",
            "signer_capacity": "T/M ĐẢNG ỦY",
            "signer_title": "BÍ THƯ",
            "signer_name": "Nguyễn Văn A",
            "recipients": "- Lưu: ĐU.",
        },
    )
    client.post(f"/bao-cao/{draft.id}/chot/")
    draft.refresh_from_db()
    assert draft.is_final and draft.frozen_docx
    response = client.get(f"/bao-cao/{draft.id}/tai/docx/")
    assert bytes(response.content) == bytes(draft.frozen_docx)


def test_roles_on_reports(demo, login):
    draft = actions.create_draft(None, demo, 2017)
    assert login("bithu1").get(f"/bao-cao/{draft.id}/").status_code == 404
    assert login("captren").get(f"/bao-cao/{draft.id}/").status_code == 200
    assert (
        login("captren").post(f"/bao-cao/{draft.id}/muc/situation/", {"text": "x"}).status_code
        == 403
    )
    assert login("dangvien").get("/bao-cao/").status_code == 200
    assert (
        login("dangvien")
        .post("/bao-cao/", {"org": demo.id, "kind": "annual", "year": 2017})
        .status_code
        == 403
    )


def test_finalising_turns_a_typed_programme_into_next_years_work_programme(draft):
    from dangvu.programme.models import WorkProgramme

    WorkProgramme.objects.filter(org=draft.org, year=2018).delete()
    section = draft.sections.get(programme=True)
    actions.edit_section(
        None,
        section,
        "1. Nhiệm vụ chính trị\nLàm tốt.\n2. Công tác Đảng\n2.1. Họp chi bộ.\n2.2. Thu đảng phí.",
    )
    actions.finalise(None, draft)
    programme = WorkProgramme.objects.get(org=draft.org, year=2018)
    items = [(i.number, i.title, i.text) for i in programme.items.order_by("position", "id")]
    assert items == [
        ("1", "Nhiệm vụ chính trị", "Làm tốt."),
        ("2", "Công tác Đảng", ""),
        ("2.1", "", "Họp chi bộ."),
        ("2.2", "", "Thu đảng phí."),
    ]


def test_take_number_from_the_outgoing_register(demo):
    from dangvu.documents.models import Document

    d = actions.create_draft(None, demo, 2017)
    assert d.issued_on == dt.date(2017, 12, 31)  # dated at the period's end until the office says
    actions.edit_header(None, d, issued_on=None)
    with pytest.raises(ValidationError, match="ngày ban hành"):
        actions.take_number(None, d)
    actions.edit_header(None, d, issued_on=dt.date(2017, 12, 20))
    d = actions.take_number(None, d)
    # The demo report took 01; numbering runs per type across the committee's term.
    assert d.number == "Số 02-BC/ĐU"
    assert Document.objects.filter(owner_org=demo, symbol="02-BC/ĐU", direction="outgoing").exists()
    with pytest.raises(ValidationError, match="đã có số"):
        actions.take_number(None, d)
