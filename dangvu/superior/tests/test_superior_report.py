"""The superior committee's own annual report: built from the consolidation of its grassroots
units (every unit in the table, totals that are the sums of the units), written by the
`report` command and the report pages, and drafted by the superior's own role."""

import datetime as dt
import re
from io import BytesIO, StringIO

import pytest
from django.core.management import call_command
from docx import Document

from dangvu.core.facts import Period
from dangvu.lib.party_doc import Table
from dangvu.orgs.models import Organization, Position, Term, active_on
from dangvu.reports.checking import check_bytes
from dangvu.reports.models import ReportDraft
from dangvu.reports.outputs import export, rendered
from dangvu.reports.render import to_markdown
from dangvu.reports.unsaved import unsaved_draft
from dangvu.superior import synthetic
from dangvu.superior.consolidate import consolidate
from dangvu.superior.facts import TABLE_HEADING, period_code, superior_facts
from dangvu.superior.own_activity import own_activity

pytestmark = pytest.mark.django_db
SUPERIOR = "dang-uy-khoi-cac-co-quan-tra-vinh"
# A fact name left in the text, a value Python or pandas would print for nothing.
RAW = re.compile(r"\b(None|nan|NaN|units\.[a-z_.]+)\b|\[thiếu số liệu")


def _report(org, year, tmp_path, suffix):
    out = tmp_path / f"{org}-{year}{suffix}"
    call_command("report", "annual", org=org, year=year, out=str(out), stdout=StringIO())
    return out


def _table(document):
    tables = [b for b in document.body if isinstance(b, Table) and b.anchor == "units.table"]
    assert len(tables) == 1
    return tables[0].rows


def _number(text):
    return int(text.replace(".", "")) if text.replace(".", "").isdigit() else None


def _assert_table_sums(rows, result):
    """One row per unit, in the consolidation's order, and a total row that is their sum."""
    heading, *units, total = rows
    assert heading == TABLE_HEADING
    assert [r[1] for r in units] == [u.label for u in result.units]
    assert total[1] == "Tổng số"
    for col in range(2, 6):
        values = [_number(r[col]) for r in units]
        assert None not in values, (col, [r[col] for r in units])
        assert _number(total[col]) == sum(values), (heading[col], total[col], values)
    assert _number(total[2]) == result.totals["party.members"]
    assert _number(total[5]) == result.totals["fees.remitted"]


def _assert_clean(text):
    assert not RAW.search(text), RAW.search(text)


def test_the_superior_report_has_every_unit_and_sums_them(demo, tmp_path):
    call_command("load_province", count=3, members=8, stdout=StringIO())
    superior = Organization.objects.get(slug=SUPERIOR)
    result = consolidate(superior, Period.year(2017))
    assert len(result.units) >= 5  # the demo committee, the synthetic ones and the cells
    md = _report(SUPERIOR, 2017, tmp_path, ".md").read_text()
    docx = _report(SUPERIOR, 2017, tmp_path, ".docx").read_bytes()
    _assert_clean(md)
    assert "Tổng kết công tác xây dựng Đảng năm 2017" in md
    assert "và phương hướng, nhiệm vụ năm 2018" in md
    assert "T/M BAN THƯỜNG VỤ" in md
    for unit in result.units:
        assert unit.label in md, unit.label
    # The figures of the sections are the consolidated totals, as the report writes them.
    members = result.totals["party.members"]
    assert f"tổng số đảng viên: {members:02d} đồng chí" in md
    assert f"kết nạp {result.totals['party.admissions']:02d} đảng viên mới" in md
    # What the records cannot tell stays a slot for the office.
    assert "[cần bổ sung: hạn chế, khuyết điểm và nguyên nhân]" in md
    draft = unsaved_draft(superior, 2017)
    result_doc = rendered(draft)
    assert result_doc.missing == set()  # every figure name of the template is known
    document = result_doc.document
    _assert_table_sums(_table(document), result)
    # Who sent the 2017 report: load_province left some units without one.
    rows = _table(document)[1:-1]
    assert any(r[-1] == "Chưa gửi" for r in rows)
    assert any(re.match(r"\d{2}/\d{2}/2017", r[-1]) for r in rows)
    assert "chưa gửi báo cáo:" in md
    assert f"{result.totals['mass.trade_union']:02d} đoàn viên công đoàn" in md
    # The Word file opens, holds the table, and the report checker finds nothing in it.
    word = Document(BytesIO(docx))
    assert any(t.rows[0].cells[1].text == "Tổ chức cơ sở đảng" for t in word.tables)
    _assert_clean("\n".join(p.text for p in word.paragraphs))
    # The draft's open slots are the checker's errors; nothing else is.
    findings = check_bytes(docx, "bao-cao.docx")
    wrong = [(f.location, f.problem) for f in findings if f.code != "open_slot"]
    assert wrong == [], wrong
    # Every slot of the body (the signer's name sits in the signature table, read apart).
    body = md.split("\nT/M ")[0]
    assert len(findings) - len(wrong) == body.count("[cần bổ sung")


def test_every_figure_links_to_the_units_and_records_behind_it(demo):
    call_command("load_province", count=3, members=8, stdout=StringIO())
    superior = Organization.objects.get(slug=SUPERIOR)
    period = Period.year(2017)
    facts = superior_facts(superior, period)
    result = consolidate(superior, period)
    by_id = {u.org.id: u for u in result.units}
    members = facts["units.party.members"]
    assert members.value == sum(u.facts["party.members"] for u in result.units)
    assert members.orgs == {i for i, u in by_id.items() if u.facts["party.members"]}
    assert len(members.people) == members.value  # each member once, in one unit
    assert len(facts["units.party.admissions"].people) == facts["units.party.admissions"].value
    assert facts["units.count"].orgs == {u.org.id for u in result.units if u.at_end}
    sent = facts["units.reports.sent"]
    assert sent.value == len(sent.records["superior.submission"]) > 0
    # Forms figures sum the same units; the women are among the members.
    assert 0 < facts["units.party.women"].value <= members.value
    assert facts["units.party.women"].orgs <= set(by_id)
    # Not a superior: nothing.
    assert superior_facts(demo, period) == {}


def test_period_codes():
    assert period_code(Period.year(2017)) == ""
    assert period_code(Period(dt.date(2017, 1, 1), dt.date(2017, 6, 30))) == "H1"
    assert period_code(Period(dt.date(2017, 4, 1), dt.date(2017, 6, 30))) == "Q2"
    assert period_code(Period(dt.date(2017, 1, 1), dt.date(2017, 12, 15))) is None


def test_a_made_up_superior_of_another_year_renders(db, tmp_path):
    superior = synthetic.build(committees=2, cells=2, members=6, year=2021, prefix="bt")
    result = consolidate(superior, Period.year(2021))
    assert len(result.units) >= 2
    md = _report(superior.slug, 2021, tmp_path, ".md").read_text()
    _assert_clean(md)
    assert "năm 2021" in md and "NĂM 2022" in md
    for unit in result.units:
        assert unit.label in md
    # Nobody sent a 2021 report here: every unit says so, and the total counts none.
    done = rendered(unsaved_draft(superior, 2021))
    assert done.missing == set()
    rows = _table(done.document)
    # A unit dissolved during the year has no report to send.
    expected = ["Chưa gửi" if u.at_end else "—" for u in result.units]
    assert [r[-1] for r in rows[1:-1]] == expected
    # Of the units of the year's end: one dissolved during it has no report to send.
    assert rows[-1][-1] == f"0/{sum(u.at_end for u in result.units)} đơn vị đã gửi"
    _assert_table_sums(rows, result)
    docx = export(unsaved_draft(superior, 2021), ".docx")
    assert Document(BytesIO(docx)).tables


def test_the_superior_role_drafts_its_own_report_only(demo, login):
    superior = Organization.objects.get(slug=SUPERIOR)
    client = login("captren")
    page = client.get("/bao-cao/").content.decode()
    assert f'value="{superior.pk}"' in page and f'value="{demo.pk}"' not in page
    response = client.post("/bao-cao/", {"org": superior.pk, "year": 2017, "kind": "annual"})
    assert response.status_code == 302, response.content.decode()[:2000]
    draft = ReportDraft.objects.get(org=superior, year=2017)
    assert [s.key for s in draft.sections.all()][:2] == ["situation", "political"]
    assert draft.signer_capacity == "T/M BAN THƯỜNG VỤ"
    detail = client.get(f"/bao-cao/{draft.pk}/").content.decode()
    assert f"/bao-cao/{draft.pk}/so-lieu/units.party.members/" in detail
    figure = client.get(f"/bao-cao/{draft.pk}/so-lieu/units.party.members/")
    assert figure.status_code == 200 and demo.name in figure.content.decode()
    url = f"/bao-cao/{draft.pk}/muc/assessment.weaknesses/"
    assert client.post(url, {"text": "Một số đơn vị gửi báo cáo muộn."}).status_code == 302
    assert "gửi báo cáo muộn" in to_markdown(rendered(draft).document)
    # The units' own reports and records stay read-only for the superior.
    own = ReportDraft.objects.filter(org=demo).first()
    assert client.get(f"/bao-cao/{own.pk}/muc/situation/").status_code == 403
    before = ReportDraft.objects.filter(org=demo).count()
    assert client.post("/bao-cao/", {"org": demo.pk, "year": 2017, "kind": "annual"}).status_code
    assert ReportDraft.objects.filter(org=demo).count() == before


def test_the_superior_2017_report_is_its_own_document(demo, tmp_path):
    """What its Ban Thường vụ held, issued and inspected, from its records; the units in an
    appendix after the closing; header, signer and recipients as 36-HD/VPTW has them."""
    call_command("load_province", count=3, members=8, stdout=StringIO())
    superior = Organization.objects.get(slug=SUPERIOR)
    # The demo keeps the Khối's executive of 2015-2020: its secretary signs.
    secretary = Position.objects.get(
        active_on(dt.date(2017, 12, 31)), term__organization=superior,
        term__body=Term.Body.EXECUTIVE, role=Position.Role.SECRETARY,
    ).person  # fmt: skip
    assert secretary.home_org == superior
    md = _report(SUPERIOR, 2017, tmp_path, ".md").read_text()
    head, body = md.split("BÁO CÁO", 1)
    assert head.split("\n")[2:4] == ["ĐẢNG BỘ TỈNH TRÀ VINH", "**ĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH**"]
    facts = superior_facts(superior, Period.year(2017))
    own = own_activity(superior, Period.year(2017))
    # Its own conferences, one line each, and the documents it issued, counted once each even
    # when several units registered them.
    assert own["own.conferences.sessions"].value == len(own["own.conferences.lines"].value) > 0
    for line in own["own.conferences.lines"].value:
        assert line in md
    issued = own["own.documents.count"].value
    assert issued == len(own["own.documents.count"].records["documents.document"]) > 0
    assert f"Ban Thường vụ ban hành {issued:02d} văn bản" in md
    # Its inspections and supervisions, each with its subject and its result (or a slot).
    lines = own["own.inspections.lines"].value
    assert lines and all("Kết quả:" in line for line in lines)
    assert "Giám sát việc thực hiện Nghị quyết số 02-NQ/ĐUK" in md
    # The units' table is an appendix after the closing line, not a numbered section.
    closing = body.index("Trên đây là báo cáo")
    appendix = body.index("PHỤ LỤC: SỐ LIỆU CÁC TỔ CHỨC CƠ SỞ ĐẢNG")
    assert closing < appendix < body.index("Nơi nhận:")
    assert "| STT | Tổ chức cơ sở đảng | Đảng viên |" in md  # a heading of its own columns
    assert "|---|---|---|---|---|---|---|" in md
    # Professional trainings are not political education.
    assert "tập huấn" not in body.split("PHỤ LỤC")[0]
    # The signer: the term's secretary for the Standing Committee; the real recipients.
    assert f"T/M BAN THƯỜNG VỤ\nBÍ THƯ\n\n{secretary.full_name}" in md
    assert "[cần bổ sung" not in head + body.split("BÍ THƯ\n\n", 1)[1]
    assert "- Ban Thường vụ Tỉnh ủy (b/c);\n- Các đảng bộ, chi bộ cơ sở trực thuộc;" in md
    assert "- Lưu Văn phòng." in md and "Cấp ủy cấp trên" not in md
    # One count of cells: those under the committees, as the consolidation counts them; a
    # chi bộ cơ sở is a unit, not also a cell.
    result = consolidate(superior, Period.year(2017))
    cells = sum(u.facts["party.cells"] for u in result.units if u.org.kind == "party_committee")
    assert facts["units.committee_cells"].value == cells
    assert f"các đảng bộ cơ sở có {cells:02d} chi bộ trực thuộc" in md
