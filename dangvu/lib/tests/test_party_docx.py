"""The Party-format DOCX and HTML renderers: layout from the rule, real Word footnotes, valid XML."""

import dataclasses
import datetime as dt
import io
import re
import zipfile
from html import escape

import docx
import pytest
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from docx.shared import Mm
from lxml import etree

from dangvu.lib.party_doc import Footnote, Paragraph, Run, Table, para
from dangvu.lib.party_docx import build_docx, render_docx
from dangvu.lib.party_html import render_html
from dangvu.lib.rules import Rule, rule_in_force
from dangvu.lib.tests.party_sample import FOOTNOTE_TEXTS, sample_document

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
FOOTNOTES_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"

# Schema order of the children of w:rPr and w:pPr (ECMA-376 CT_RPr, CT_PPr); Word refuses a file
# whose elements come out of this order.
RPR_ORDER = (
    "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint "
    "noProof snapToGrid vanish webHidden color spacing w kern position sz szCs highlight u "
    "effect bdr shd fitText vertAlign rtl cs em lang eastAsianLayout specVanish oMath"
).split()
PPR_ORDER = (
    "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers "
    "pBdr shd tabs suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE "
    "autoSpaceDN bidi adjustRightInd snapToGrid spacing ind contextualSpacing mirrorIndents "
    "suppressOverlap jc textDirection textAlignment textboxTightWrap outlineLvl divId cnfStyle "
    "rPr sectPr pPrChange"
).split()


@pytest.fixture(scope="module")
def sample():
    return sample_document()


@pytest.fixture(scope="module")
def docx_bytes(sample):
    return render_docx(sample)


@pytest.fixture(scope="module")
def package(docx_bytes):
    with zipfile.ZipFile(io.BytesIO(docx_bytes)) as z:
        return {name: z.read(name) for name in z.namelist()}


def xml(package, name):
    return etree.fromstring(package[name])


def test_reopens_with_python_docx_and_keeps_the_text(docx_bytes, sample):
    document = docx.Document(io.BytesIO(docx_bytes))
    texts = [p.text for p in document.paragraphs]
    assert "BÁO CÁO" in texts
    assert sample.subject[0] in texts
    body_texts = [b.text for b in sample.body if isinstance(b, Paragraph)]
    assert all(t in texts for t in body_texts)
    # The escaped characters come back as they were.
    assert any("<kiểm tra & thoát ký tự>" in t for t in texts)


def test_page_is_a4_with_the_rule_margins(docx_bytes, sample):
    page = rule_in_force("document_format", sample.issued_on)["page"]
    section = docx.Document(io.BytesIO(docx_bytes)).sections[0]
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
    assert round(section.top_margin.mm) == page["margin_top_mm"] == 20
    assert round(section.bottom_margin.mm) == page["margin_bottom_mm"] == 20
    assert round(section.left_margin.mm) == page["margin_left_mm"] == 30
    assert round(section.right_margin.mm) == page["margin_right_mm"] == 15
    # Page numbers from page 2: a distinct, empty first-page header.
    assert section.different_first_page_header_footer
    assert "PAGE" in section.header._element.xml
    assert "PAGE" not in section.first_page_header._element.xml


def test_the_rule_in_force_on_the_issue_date_decides(sample):
    wide = rule_in_force("document_format", sample.issued_on)
    values = {**wide.values, "page": {**wide["page"], "margin_left_mm": 35}}
    custom = Rule("document_format", wide.effective_from, "test", False, values, "test.toml")
    section = build_docx(sample, custom).sections[0]
    assert round(section.left_margin.mm) == 35
    assert rule_in_force("document_format", dt.date(2017, 12, 5)).path.startswith("2004-")
    assert rule_in_force("document_format", dt.date(2018, 4, 3)).path.startswith("2018-")
    later = rule_in_force("document_format", dt.date(2026, 6, 1))
    assert later.path.startswith("2026-") and not later.confirmed


def test_times_new_roman_everywhere(package):
    styles = xml(package, "word/styles.xml")
    fonts = styles.findall(f".//{W}rFonts")
    assert fonts
    for f in fonts:
        for attr in ("ascii", "hAnsi", "eastAsia", "cs"):
            assert f.get(W + attr) == "Times New Roman"
        assert not [a for a in f.attrib if a.endswith("Theme")]
    default = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
    assert default.find(f"{W}sz").get(W + "val") == "28"  # 14 pt
    document = xml(package, "word/document.xml")
    # Runs never name another font.
    assert all(f.get(W + "ascii") in (None, "Times New Roman") for f in document.iter(W + "rFonts"))


def test_header_is_two_borderless_columns(docx_bytes):
    document = docx.Document(io.BytesIO(docx_bytes))
    header = document.tables[0]
    assert header._tbl.tblPr.find(qn("w:tblBorders")) is None
    assert header._tbl.tblPr.find(qn("w:tblStyle")) is None
    left = [p for row in header.rows for p in row.cells[0].paragraphs]
    right = [p for row in header.rows for p in row.cells[1].paragraphs]
    assert [p.text for p in left] == [
        "ĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH",
        "ĐẢNG ỦY SỞ THÔNG TIN VÀ TRUYỀN THÔNG",
        "*",
        "Số 15-BC/ĐU",
    ]
    assert not left[0].runs[0].bold and left[1].runs[0].bold
    party, date = right[0], right[1]
    assert party.text == "ĐẢNG CỘNG SẢN VIỆT NAM"
    assert party.runs[0].bold and party.runs[0].underline and party.runs[0].font.size.pt == 15
    assert date.text == "Trà Vinh, ngày 05 tháng 12 năm 2017" and date.runs[0].italic
    # Number and place-date share the second row, so they stand on one line.
    assert header.rows[1].cells[0].text == "Số 15-BC/ĐU"
    title = next(p for p in document.paragraphs if p.text == "BÁO CÁO")
    assert title.runs[0].bold and title.runs[0].font.size.pt == 16
    assert title.paragraph_format.alignment is None  # centred by its style
    assert document.styles["Party Cell"].paragraph_format.alignment == 1  # CENTER


def test_body_is_justified_14pt_with_first_line_indent(docx_bytes):
    normal = docx.Document(io.BytesIO(docx_bytes)).styles["Normal"]
    assert normal.font.name == "Times New Roman" and normal.font.size.pt == 14
    fmt = normal.paragraph_format
    assert fmt.alignment == 3  # JUSTIFY
    assert 10 <= fmt.first_line_indent.mm <= 12.8


def test_footnotes_are_real_word_footnotes(package, docx_bytes, sample):
    content_types = package["[Content_Types].xml"].decode()
    assert 'PartName="/word/footnotes.xml"' in content_types and FOOTNOTES_CT in content_types
    rels = package["word/_rels/document.xml.rels"].decode()
    assert f'Type="{RT.FOOTNOTES}" Target="footnotes.xml"' in rels
    notes = xml(package, "word/footnotes.xml")  # parses: well-formed
    by_id = {int(n.get(W + "id")): n for n in notes.findall(W + "footnote")}
    assert by_id[-1].get(W + "type") == "separator"
    assert by_id[0].get(W + "type") == "continuationSeparator"
    document = xml(package, "word/document.xml")
    refs = [int(r.get(W + "id")) for r in document.iter(W + "footnoteReference")]
    assert refs == [1, 2, 3, 4, 5] == [i + 1 for i in range(len(sample.footnotes()))]
    for ref in document.iter(W + "footnoteReference"):
        run = ref.getparent()
        assert run.find(f"{W}rPr/{W}rStyle").get(W + "val") == "FootnoteReference"
        assert int(ref.get(W + "id")) in by_id
    for number, text in enumerate(FOOTNOTE_TEXTS, start=1):
        note = by_id[number]
        assert note.find(f".//{W}footnoteRef") is not None
        assert note.find(f".//{W}pStyle").get(W + "val") == "FootnoteText"
        assert "".join(t.text for t in note.iter(W + "t")).strip() == text
    # No hand-made superscript digits in the body: only the style makes references small.
    assert document.find(f".//{W}vertAlign") is None
    styles = docx.Document(io.BytesIO(docx_bytes)).styles
    assert styles["footnote text"].type == 1 and styles["footnote reference"].type == 2
    settings = xml(package, "word/settings.xml")
    pr = settings.find(f"{W}footnotePr")
    assert pr is not None and pr.getnext().tag == W + "compat"


def test_no_footnotes_part_without_footnotes(sample):
    plain = dataclasses.replace(sample, body=[para("Một đoạn văn.")])
    with zipfile.ZipFile(io.BytesIO(render_docx(plain))) as z:
        assert "word/footnotes.xml" not in z.namelist()


def test_a_footnote_of_several_paragraphs(sample):
    note = Footnote(["Đoạn một.", "Đoạn hai."])
    doc = dataclasses.replace(sample, body=[Paragraph([Run("Xem", footnote=note), Run(".")])])
    with zipfile.ZipFile(io.BytesIO(render_docx(doc))) as z:
        notes = etree.fromstring(z.read("word/footnotes.xml"))
    real = [n for n in notes.findall(W + "footnote") if n.get(W + "id") == "1"][0]
    paragraphs = real.findall(W + "p")
    assert len(paragraphs) == 2
    assert len(real.findall(f".//{W}footnoteRef")) == 1


@pytest.mark.parametrize("part", ["word/document.xml", "word/styles.xml", "word/footnotes.xml"])
def test_property_elements_keep_the_schema_order(package, part):
    root = xml(package, part)
    for tag, order in (("rPr", RPR_ORDER), ("pPr", PPR_ORDER)):
        for props in root.iter(W + tag):
            names = [etree.QName(child).localname for child in props]
            positions = [order.index(n) for n in names]
            assert positions == sorted(positions), (part, tag, names)


def test_ledger_table_and_the_end_block(docx_bytes):
    document = docx.Document(io.BytesIO(docx_bytes))
    ledger, end = document.tables[1], document.tables[2]
    assert [c.text for c in ledger.rows[0].cells] == ["+ Mang sang năm 2016", ": 8.954.054 đồng"]
    assert len(ledger.rows) == 6 and ledger._tbl.tblPr.find(qn("w:tblStyle")) is None
    left, right = end.rows[0].cells
    label = left.paragraphs[0]
    assert label.text == "Nơi nhận:" and label.runs[0].bold and label.runs[0].italic
    assert [p.text for p in left.paragraphs[1:]][-1] == "- Lưu: ĐU."
    assert all(p.runs[0].font.size.pt == 12 for p in left.paragraphs[1:])
    lines = [p.text for p in right.paragraphs]
    assert lines[:2] == ["T/M ĐẢNG ỦY", "BÍ THƯ"] and lines[-1] == "Nguyễn Văn An"
    assert all(p.runs[0].bold for p in right.paragraphs if p.runs)


def test_control_characters_from_pasted_text_are_dropped(sample):
    pasted = "Đoạn dán từ Word\x0bcó ký tự lạ\x07."
    note = Footnote(["Chú thích\x0c lạ."])
    doc = dataclasses.replace(sample, body=[Paragraph([Run(pasted, footnote=note)])])
    document = docx.Document(io.BytesIO(render_docx(doc)))
    assert "Đoạn dán từ Wordcó ký tự lạ." in [p.text for p in document.paragraphs]


def test_grid_table_has_borders(sample):
    doc = dataclasses.replace(
        sample, body=[Table([["Chi bộ", "Đảng viên"], ["1", "12"]], style="grid")]
    )
    table = build_docx(doc).tables[1]
    assert table.style.name == "Table Grid"
    assert table.rows[0].cells[0].paragraphs[0].runs[0].bold


def test_template_leftovers_are_gone(package):
    names = set(package)
    assert not {n for n in names if "thumbnail" in n or "stylesWithEffects" in n}
    assert not {n for n in names if n.startswith("customXml")}
    core = package["docProps/core.xml"].decode()
    assert "python-docx" not in core and "ĐẢNG ỦY SỞ THÔNG TIN VÀ TRUYỀN THÔNG" in core


# --- HTML ----------------------------------------------------------------------------------------


def test_html_is_a_standalone_page_with_escaped_text(sample):
    html = render_html(sample)
    assert html.startswith("<!DOCTYPE html>") and '<html lang="vi">' in html
    assert "&lt;kiểm tra &amp; thoát ký tự&gt;" in html and "<kiểm tra" not in html
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in html and "Trà Vinh, ngày 05 tháng 12 năm 2017" in html
    assert '<h2 id="muc-1">I. ĐẶC ĐIỂM, TÌNH HÌNH</h2>' in html
    assert '<a href="/facts/party.members">54</a>' in html
    assert "font-family: &quot;Times" not in html and '"Times New Roman"' in html


def test_html_footnotes_are_endnotes_with_back_links(sample):
    html = render_html(sample)
    refs = re.findall(r'<sup class="pd-fnref" id="fnref-(\d+)"><a href="#fn-(\d+)">(\d+)</a>', html)
    assert [r[0] for r in refs] == ["1", "2", "3", "4", "5"]
    assert all(a == b == c for a, b, c in refs)
    notes = html[html.index('<section class="pd-footnotes"') :]
    for n, text in enumerate(FOOTNOTE_TEXTS, start=1):
        assert f'<li id="fn-{n}"><p>{escape(text)} <a class="pd-backref"' in notes
        assert f'href="#fnref-{n}"' in notes
    assert "“về việc tăng cường công tác thu ngân" in notes
    assert notes.index('id="fn-1"') < notes.index('id="fn-5"')


def test_html_fragment_and_prefix(sample):
    fragment = render_html(sample, standalone=False, id_prefix="v2-")
    assert fragment.startswith('<article class="party-doc">') and "<html" not in fragment
    assert 'id="v2-fn-1"' in fragment and 'href="#v2-fnref-1"' in fragment


def test_html_and_docx_use_the_same_sizes(sample):
    rule = rule_in_force("document_format", sample.issued_on)
    html = render_html(sample)
    assert f"font-size: {rule['body']['size']}pt" in html
    assert f"padding: {rule['page']['margin_top_mm']}mm" in html
    section = build_docx(sample).sections[0]
    assert abs(section.top_margin - Mm(rule["page"]["margin_top_mm"])) < Mm(0.1)
