"""Render a `PartyDocument` to DOCX in the Party format (the rule in force on its issue date).

python-docx has no footnote API, so the footnotes part (`word/footnotes.xml`) is built here: the
separator footnotes Word expects (ids -1 and 0), one footnote per reference, the relationship
from the document part and the `FootnoteText`/`FootnoteReference` styles. The body carries real
`w:footnoteReference` runs, never superscript digits, so Word and LibreOffice number and place
the footnotes themselves.
"""

import datetime as dt
import io
import os
from copy import deepcopy
from pathlib import Path
from xml.sax.saxutils import escape

import docx
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt

from dangvu.lib.party_doc import (
    Footnote,
    Paragraph,
    PartyDocument,
    Run,
    Table,
    format_rule,
    motto_lines,
)
from dangvu.lib.rules import Rule

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
HEADING_STYLES = {"heading1": "Heading 1", "heading2": "Heading 2", "heading3": "Heading 3"}
CELL_STYLE = "Party Cell"  # table cells: no indent, no spacing, single line
# The template styles kept; the rest (about 150 table and list styles) only weigh the file down.
KEPT_STYLES = {
    "Normal",
    "DefaultParagraphFont",
    "TableNormal",
    "NoList",
    "TableGrid",
    "Header",
    "HeaderChar",
    "Footer",
    "FooterChar",
}
DRAFT_MARK = "DỰ THẢO"
JC = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER}


def render_docx(doc: PartyDocument, rule: Rule | None = None) -> bytes:
    """The .docx file of `doc`, as bytes."""
    out = io.BytesIO()
    build_docx(doc, rule).save(out)
    return out.getvalue()


def save_docx(doc: PartyDocument, path: str | os.PathLike[str], rule: Rule | None = None) -> Path:
    path = Path(path)
    path.write_bytes(render_docx(doc, rule))
    return path


def build_docx(doc: PartyDocument, rule: Rule | None = None) -> docx.document.Document:
    """The python-docx Document of `doc`, before saving."""
    rule = rule or format_rule(doc)
    document = docx.Document()
    _drop_template_leftovers(document)
    _set_styles(document, rule)
    _set_page(document, rule)
    if doc.draft:
        _mark_draft(document, rule)
    _add_header(document, doc, rule)
    _add_title(document, doc, rule)
    footnotes: list[Footnote] = []
    for block in doc.body:
        if isinstance(block, Table):
            _add_table(document, block, rule)
        else:
            _add_paragraph(document, block, footnotes)
    _add_end(document, doc, rule)
    if footnotes:
        _add_footnotes_part(document, footnotes)
    _set_properties(document, doc)
    return document


# --- styles and page ---------------------------------------------------------------------------


def _twips(mm: float) -> int:
    return round(mm * 1440 / 25.4)


def _half_points(pt: float) -> int:
    return round(pt * 2)


def _fonts(font: str) -> str:
    # Vietnamese letters fall in ranges Word may treat as East Asian or complex script: naming the
    # font for every range keeps them all in Times New Roman.
    return f'<w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:eastAsia="{font}" w:cs="{font}"/>'


def _drop_template_leftovers(document) -> None:
    """The default template's thumbnail, Word 2010 style copy and bibliography store describe
    another document: drop them."""
    for owner, reltype in (
        (document.part.package, RT.THUMBNAIL),
        (document.part, "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"),
        (document.part, RT.CUSTOM_XML),
        (document.part, RT.NUMBERING),  # its lists name the pruned list styles
    ):
        for rId, rel in list(owner.rels.items()):
            if rel.reltype == reltype:
                del owner.rels[rId]


def _set_styles(document, rule: Rule) -> None:
    font, body = rule["font"], rule["body"]
    styles = document.styles.element
    for style in styles.findall(qn("w:style")):
        if style.get(qn("w:styleId")) not in KEPT_STYLES:
            styles.remove(style)
    # Every font reference in the template (docDefaults, Normal, headings, linked character
    # styles) becomes explicit Times New Roman, so no theme font (Calibri, Cambria) remains.
    for rfonts in styles.iter(qn("w:rFonts")):
        for attr in list(rfonts.attrib):
            del rfonts.attrib[attr]
        for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            rfonts.set(qn(attr), font)
    size = _half_points(body["size"])
    defaults = styles.find(qn("w:docDefaults"))
    defaults.getparent().replace(
        defaults,
        parse_xml(
            f"<w:docDefaults {nsdecls('w')}><w:rPrDefault><w:rPr>{_fonts(font)}"
            f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/>'
            '<w:lang w:val="vi-VN" w:eastAsia="en-US" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>'
            '<w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/>'
            "</w:pPr></w:pPrDefault></w:docDefaults>"
        ),
    )
    body_ppr = (
        f'<w:spacing w:after="{round(body["space_after_pt"] * 20)}" '
        f'w:line="{round(body["line_spacing"] * 240)}" w:lineRule="auto"/>'
        f'<w:ind w:firstLine="{_twips(body["first_line_indent_mm"])}"/><w:jc w:val="both"/>'
    )
    _replace_style(
        styles,
        "Normal",
        f'<w:style {nsdecls("w")} w:type="paragraph" w:default="1" w:styleId="Normal">'
        f'<w:name w:val="Normal"/><w:qFormat/><w:pPr>{body_ppr}</w:pPr>'
        f'<w:rPr>{_fonts(font)}<w:sz w:val="{size}"/><w:szCs w:val="{size}"/></w:rPr></w:style>',
    )
    for level, (style_id, italic) in enumerate(
        (("Heading1", False), ("Heading2", False), ("Heading3", True))
    ):
        _replace_style(
            styles,
            style_id,
            f'<w:style {nsdecls("w")} w:type="paragraph" w:styleId="{style_id}">'
            f'<w:name w:val="heading {level + 1}"/><w:basedOn w:val="Normal"/>'
            f'<w:next w:val="Normal"/><w:uiPriority w:val="9"/><w:qFormat/>'
            f"<w:pPr><w:keepNext/><w:keepLines/>{body_ppr}"
            f'<w:outlineLvl w:val="{level}"/></w:pPr>'
            f"<w:rPr><w:b/><w:bCs/>{'<w:i/><w:iCs/>' if italic else ''}"
            f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/></w:rPr></w:style>',
        )
    note = _half_points(rule["footnote"]["size"])
    for xml in (
        f'<w:style {nsdecls("w")} w:type="paragraph" w:styleId="FootnoteText">'
        '<w:name w:val="footnote text"/><w:basedOn w:val="Normal"/>'
        '<w:link w:val="FootnoteTextChar"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/>'
        '<w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/>'
        '<w:ind w:firstLine="0"/><w:jc w:val="both"/></w:pPr>'
        f'<w:rPr><w:sz w:val="{note}"/><w:szCs w:val="{note}"/></w:rPr></w:style>',
        f'<w:style {nsdecls("w")} w:type="character" w:customStyle="1" '
        'w:styleId="FootnoteTextChar"><w:name w:val="Footnote Text Char"/>'
        '<w:basedOn w:val="DefaultParagraphFont"/><w:link w:val="FootnoteText"/>'
        '<w:uiPriority w:val="99"/>'
        f'<w:rPr><w:sz w:val="{note}"/><w:szCs w:val="{note}"/></w:rPr></w:style>',
        f'<w:style {nsdecls("w")} w:type="character" w:styleId="FootnoteReference">'
        '<w:name w:val="footnote reference"/><w:basedOn w:val="DefaultParagraphFont"/>'
        '<w:uiPriority w:val="99"/><w:unhideWhenUsed/>'
        '<w:rPr><w:vertAlign w:val="superscript"/></w:rPr></w:style>',
        f'<w:style {nsdecls("w")} w:type="paragraph" w:customStyle="1" w:styleId="PartyCell">'
        '<w:name w:val="Party Cell"/><w:basedOn w:val="Normal"/><w:qFormat/>'
        '<w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/>'
        '<w:ind w:firstLine="0"/><w:jc w:val="center"/></w:pPr></w:style>',
    ):
        styles.append(parse_xml(xml))


def _replace_style(styles, style_id: str, xml: str) -> None:
    new = parse_xml(xml)
    for old in styles.findall(qn("w:style")):
        if old.get(qn("w:styleId")) == style_id:
            old.getparent().replace(old, new)
            return
    styles.append(new)


def _set_page(document, rule: Rule) -> None:
    page = rule["page"]
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(page["width_mm"]), Mm(page["height_mm"])
    section.top_margin, section.bottom_margin = (
        Mm(page["margin_top_mm"]),
        Mm(page["margin_bottom_mm"]),
    )
    section.left_margin, section.right_margin = (
        Mm(page["margin_left_mm"]),
        Mm(page["margin_right_mm"]),
    )
    section.header_distance = Mm(page["header_distance_mm"])
    section.footer_distance = Mm(page["footer_distance_mm"])
    section.gutter = 0
    if rule["page_number"]["from_page"] > 1:
        # Page numbers from the second page on: the first page has its own, empty header.
        section.different_first_page_header_footer = True
        section.first_page_header.is_linked_to_previous = False
    header = section.header
    header.is_linked_to_previous = False
    p = header.paragraphs[0]
    p.style = CELL_STYLE
    size = _half_points(rule["page_number"]["size"])
    p._p.append(
        parse_xml(
            f'<w:fldSimple {nsdecls("w")} w:instr=" PAGE "><w:r><w:rPr>'
            f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/></w:rPr><w:t>2</w:t></w:r>'
            "</w:fldSimple>"
        )
    )


def _mark_draft(document, rule: Rule) -> None:
    """ "DỰ THẢO" at the top of the first page, in its own header, so the body stays as sent."""
    section = document.sections[0]
    from_page = rule["page_number"]["from_page"]
    section.different_first_page_header_footer = True
    header = section.first_page_header
    header.is_linked_to_previous = False
    p = header.paragraphs[0]
    p.style = CELL_STYLE
    p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    run = p.add_run(DRAFT_MARK)
    run.bold = True
    run.font.size = Pt(rule["header"]["party"]["size"])
    if from_page <= 1:
        # The first page still shows its number when numbering starts there.
        p.add_run("  ")
        p._p.append(deepcopy(section.header.paragraphs[0]._p[-1]))


def _set_properties(document, doc: PartyDocument) -> None:
    props = document.core_properties
    props.title = " ".join([doc.doc_type.capitalize(), *doc.subject])
    props.author = props.last_modified_by = doc.header.issuer
    props.subject = props.keywords = props.comments = props.category = ""
    props.revision = 1
    issued = dt.datetime.combine(doc.issued_on, dt.time())
    props.created = props.modified = issued
    props.language = "vi-VN"


# --- header, title, body, end ------------------------------------------------------------------


def _borderless_table(document, widths_mm, rows=1, indent_mm: float = 0, style_id=None):
    """A fixed-layout table of `widths_mm` columns; borderless unless `style_id` gives borders."""
    table = document.add_table(rows=rows, cols=len(widths_mm))
    tbl = table._tbl
    style = f'<w:tblStyle w:val="{style_id}"/>' if style_id else ""
    # CT_TblPr order: tblStyle, tblW, jc, tblInd, tblBorders, tblLayout, tblCellMar, tblLook.
    tbl.replace(
        tbl.tblPr,
        parse_xml(
            f"<w:tblPr {nsdecls('w')}>{style}"
            f'<w:tblW w:w="{_twips(sum(widths_mm))}" w:type="dxa"/>'
            f'<w:tblInd w:w="{_twips(indent_mm)}" w:type="dxa"/><w:tblLayout w:type="fixed"/>'
            '<w:tblCellMar><w:left w:w="57" w:type="dxa"/><w:right w:w="57" w:type="dxa"/>'
            '</w:tblCellMar><w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" '
            'w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/></w:tblPr>'
        ),
    )
    for col, width in zip(table.columns, widths_mm, strict=True):
        col.width = Mm(width)
        for cell in col.cells:
            cell.width = Mm(width)
    for row in table.rows:
        # A header or signature row split across two pages reads as broken.
        row._tr.get_or_add_trPr().append(parse_xml(f"<w:cantSplit {nsdecls('w')}/>"))
    return table


def _cell_paragraph(cell, text: str, spec: dict | None = None, align: str = "center", first=False):
    """A paragraph in `cell` (the cell's own empty paragraph when `first`) with one run."""
    p = cell.paragraphs[0] if first else cell.add_paragraph()
    p.style = CELL_STYLE
    if align != "center":
        p.alignment = JC[align]
    if text:
        _styled_run(p, text, spec or {})
    return p


def _styled_run(p, text: str, spec: dict):
    run = p.add_run(_clean(text))
    if spec.get("bold"):
        run.bold = True
    if spec.get("italic"):
        run.italic = True
    if spec.get("underline"):
        run.underline = True
    if "size" in spec:
        run.font.size = Pt(spec["size"])
    return run


def _add_header(document, doc: PartyDocument, rule: Rule) -> None:
    spec = rule["header"]
    widths = [spec["left_width_mm"], spec["right_width_mm"]]
    table = _borderless_table(document, widths, rows=2, indent_mm=spec.get("indent_mm", 0))
    (left, right), (left2, right2) = table.rows[0].cells, table.rows[1].cells
    _cell_paragraph(left, doc.header.superior, spec["superior"], first=True)
    _cell_paragraph(left, doc.header.issuer, spec["issuer"])
    _cell_paragraph(left, spec["star"], spec["number"])
    for i, line in enumerate(motto_lines(rule)):
        _cell_paragraph(right, line["text"], line, first=i == 0)
    # The number and the place-date share a row, so they stand on the same line as 36-HD shows.
    _cell_paragraph(left2, doc.header.number, spec["number"], first=True)
    _cell_paragraph(right2, doc.header.place_date, spec["place_date"], first=True)


def _add_title(document, doc: PartyDocument, rule: Rule) -> None:
    spec = rule["title"]
    p = document.add_paragraph(style=CELL_STYLE)
    p.paragraph_format.space_before = Pt(18)
    _styled_run(p, doc.doc_type, spec["doc_type"])
    for line in doc.subject:
        _styled_run(document.add_paragraph(style=CELL_STYLE), line, spec["subject"])
    if spec.get("rule_line"):
        p = document.add_paragraph(style=CELL_STYLE)
        p.paragraph_format.space_after = Pt(12)
        p.add_run(spec["rule_line"])


def _add_paragraph(document, block: Paragraph, footnotes: list[Footnote]) -> None:
    style = HEADING_STYLES.get(block.style)
    p = document.add_paragraph(style=style)
    for run in block.runs:
        _add_run(p, run, footnotes)


def _add_run(p, run: Run, footnotes: list[Footnote]) -> None:
    if run.text:
        r = p.add_run(_clean(run.text))
        if run.bold:
            r.bold = True
        if run.italic:
            r.italic = True
    if run.footnote is not None:
        footnotes.append(run.footnote)
        p._p.append(
            parse_xml(
                f'<w:r {nsdecls("w")}><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr>'
                f'<w:footnoteReference w:id="{len(footnotes)}"/></w:r>'
            )
        )


def _add_table(document, block: Table, rule: Rule) -> None:
    cols = max((len(row) for row in block.rows), default=0)
    if not cols:
        return
    page = rule["page"]
    text_width = page["width_mm"] - page["margin_left_mm"] - page["margin_right_mm"]
    if block.style == "ledger":
        indent = rule["body"]["first_line_indent_mm"]
        room = text_width - indent
        widths = block.widths_mm or ([80, room - 80] if cols == 2 else [room / cols] * cols)
        table = _borderless_table(document, widths, rows=len(block.rows), indent_mm=indent)
    else:
        widths = block.widths_mm or [text_width / cols] * cols
        table = _borderless_table(document, widths, len(block.rows), style_id="TableGrid")
    for i, (row, cells) in enumerate(zip(block.rows, table.rows, strict=True)):
        for text, cell in zip(row, cells.cells, strict=False):
            heading = block.style == "grid" and i == 0
            _cell_paragraph(
                cell, text, {"bold": heading}, align="center" if heading else "left", first=True
            )
    # A little air between the table and the next paragraph.
    document.add_paragraph(style=CELL_STYLE)


def _add_end(document, doc: PartyDocument, rule: Rule) -> None:
    spec = rule["end"]
    document.add_paragraph(style=CELL_STYLE)
    table = _borderless_table(document, [spec["left_width_mm"], spec["right_width_mm"]])
    left, right = table.rows[0].cells
    if doc.countersignature is not None:
        _add_signature(left, doc.countersignature, spec)
    else:
        label = spec["recipients_label"]
        _cell_paragraph(left, label["text"], label, align="left", first=True)
        for line in doc.recipients:
            _cell_paragraph(left, line, spec["recipients"], align="left")
    _add_signature(right, doc.signature, spec)


def _add_signature(cell, sig, spec) -> None:
    first = True
    for line in (sig.capacity, sig.title):
        if line:
            _cell_paragraph(cell, line, spec["signature"], first=first)
            first = False
    for _ in range(spec["signature_blank_lines"]):
        _cell_paragraph(cell, "", first=first)
        first = False
    _cell_paragraph(cell, sig.name, spec["signature"], first=first)


# --- footnotes ---------------------------------------------------------------------------------


def _add_footnotes_part(document, footnotes: list[Footnote]) -> None:
    package = document.part.package
    part = Part(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, footnotes_xml(footnotes), package)
    document.part.relate_to(part, RT.FOOTNOTES)
    # Word writes the separator ids in the settings too; footnotePr comes right before compat.
    settings = document.settings.element
    pr = parse_xml(
        f'<w:footnotePr {nsdecls("w")}><w:footnote w:id="-1"/><w:footnote w:id="0"/></w:footnotePr>'
    )
    compat = settings.find(qn("w:compat"))
    if compat is not None:
        compat.addprevious(pr)


def footnotes_xml(footnotes: list[Footnote]) -> bytes:
    """The footnotes part: the two separators, then footnote N for the N-th reference."""
    parts = [
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes xmlns:w="{W_NS}">',
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr>'
        '<w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
        "<w:r><w:separator/></w:r></w:p></w:footnote>",
        '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr>'
        '<w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
        "<w:r><w:continuationSeparator/></w:r></w:p></w:footnote>",
    ]
    for number, note in enumerate(footnotes, start=1):
        parts.append(f'<w:footnote w:id="{number}">')
        for i, text in enumerate(note.paragraphs or [""]):
            parts.append('<w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr>')
            if i == 0:
                parts.append(
                    '<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr>'
                    "<w:footnoteRef/></w:r>"
                )
                text = " " + text
            parts.append(f'<w:r><w:t xml:space="preserve">{_xml_text(text)}</w:t></w:r></w:p>')
        parts.append("</w:footnote>")
    parts.append("</w:footnotes>")
    return "".join(parts).encode("utf-8")


def _clean(text: str) -> str:
    """Text pasted from elsewhere may hold control characters that XML 1.0 forbids (and
    python-docx refuses): keep only tab and newline among them."""
    return "".join(c for c in text if c >= " " or c in "\t\n")


def _xml_text(text: str) -> str:
    return escape(_clean(text).replace("\n", " "))
