"""Render a `PartyDocument` to HTML that looks like the printed page.

Footnotes become a numbered list at the end, with links both ways. All text is escaped; sizes and
margins come from the same format rule as the Word file.
"""

from html import escape

from dangvu.lib.party_doc import (
    Footnote,
    Paragraph,
    PartyDocument,
    Run,
    Table,
    format_rule,
)
from dangvu.lib.rules import Rule

HEADING_TAGS = {"heading1": "h2", "heading2": "h3", "heading3": "h4"}


def party_css(rule: Rule) -> str:
    """Styles scoped to `.party-doc`, so the fragment can sit inside another page."""
    page, body, header, title, end = (
        rule["page"],
        rule["body"],
        rule["header"],
        rule["title"],
        rule["end"],
    )
    font = rule["font"]
    return f"""
.party-doc {{ font-family: "{font}", Times, "Liberation Serif", serif; font-size: {body["size"]}pt;
  color: #000; background: #fff; box-sizing: border-box; max-width: {page["width_mm"]}mm;
  margin: 0 auto; padding: {page["margin_top_mm"]}mm {page["margin_right_mm"]}mm
  {page["margin_bottom_mm"]}mm {page["margin_left_mm"]}mm; line-height: 1.35; }}
.party-doc p {{ margin: 0 0 {body["space_after_pt"]}pt; text-align: justify;
  text-indent: {body["first_line_indent_mm"]}mm; }}
.party-doc h2, .party-doc h3, .party-doc h4 {{ font-size: {body["size"]}pt; font-weight: bold;
  margin: 0 0 {body["space_after_pt"]}pt; text-align: justify;
  text-indent: {body["first_line_indent_mm"]}mm; }}
.party-doc h4 {{ font-style: italic; }}
.party-doc table {{ border-collapse: collapse; }}
.party-doc td {{ vertical-align: top; padding: 0 1mm; }}
.party-doc td p {{ text-indent: 0; margin: 0; text-align: center; }}
.party-doc .pd-header {{ width: calc(100% + {-header.get("indent_mm", 0)}mm);
  margin-left: {header.get("indent_mm", 0)}mm; }}
.party-doc .pd-superior {{ font-size: {header["superior"]["size"]}pt; }}
.party-doc .pd-issuer {{ font-size: {header["issuer"]["size"]}pt; font-weight: bold; }}
.party-doc .pd-party {{ font-size: {header["party"]["size"]}pt; font-weight: bold;
  text-decoration: underline; }}
.party-doc .pd-place-date {{ font-size: {header["place_date"]["size"]}pt; font-style: italic; }}
.party-doc .pd-title {{ text-align: center; margin: 18pt 0 12pt; font-weight: bold;
  font-size: {title["subject"]["size"]}pt; }}
.party-doc .pd-title span {{ display: block; }}
.party-doc .pd-type {{ font-size: {title["doc_type"]["size"]}pt; }}
.party-doc .pd-rule {{ font-weight: normal; }}
.party-doc p.pd-draft {{ text-align: right; text-indent: 0; font-weight: bold;
  font-size: {header["party"]["size"]}pt; }}
.party-doc .pd-ledger {{ margin: 0 0 {body["space_after_pt"]}pt {body["first_line_indent_mm"]}mm; }}
.party-doc .pd-ledger td p {{ text-align: left; }}
.party-doc .pd-grid {{ width: 100%; margin-bottom: {body["space_after_pt"]}pt; }}
.party-doc .pd-grid td, .party-doc .pd-grid th {{ border: 1px solid #000; padding: 1mm; }}
.party-doc .pd-grid td p {{ text-align: left; }}
.party-doc .pd-end {{ width: 100%; margin-top: 12pt; }}
.party-doc .pd-end td {{ width: 50%; }}
.party-doc .pd-end .pd-recipients p {{ text-align: left; font-size: {end["recipients"]["size"]}pt; }}
.party-doc .pd-end .pd-recipients .pd-label {{ font-size: {end["recipients_label"]["size"]}pt;
  font-weight: bold; font-style: italic; }}
.party-doc .pd-signature p {{ font-weight: bold; font-size: {end["signature"]["size"]}pt; }}
.party-doc .pd-signature .pd-space {{ height: {end["signature_blank_lines"] * 1.35}em; }}
.party-doc sup.pd-fnref {{ line-height: 0; }}
.party-doc .pd-footnotes {{ margin-top: 18pt; font-size: {rule["footnote"]["size"]}pt; }}
.party-doc .pd-footnotes hr {{ width: 30%; margin: 0 0 6pt; border: 0;
  border-top: 1px solid #000; }}
.party-doc .pd-footnotes li p {{ text-indent: 0; margin: 0; }}
.party-doc .pd-backref {{ text-decoration: none; }}
@media print {{ .party-doc {{ max-width: none; padding: 0; }} }}
"""


def render_html(
    doc: PartyDocument, rule: Rule | None = None, *, standalone: bool = True, id_prefix: str = ""
) -> str:
    """The document as HTML: a whole page, or (standalone=False) an `<article>` for a page that
    includes `party_css(rule)` itself. `id_prefix` keeps footnote ids unique when several
    documents share a page."""
    rule = rule or format_rule(doc)
    footnotes: list[Footnote] = []
    parts = ['<article class="party-doc">', _header(doc, rule), _title(doc, rule)]
    if doc.draft:
        parts.insert(1, '<p class="pd-draft">DỰ THẢO</p>')
    for block in doc.body:
        if isinstance(block, Table):
            parts.append(_table(block))
        else:
            parts.append(_paragraph(block, footnotes, id_prefix))
    parts.append(_end(doc, rule))
    if footnotes:
        parts.append(_footnotes(footnotes, id_prefix))
    parts.append("</article>")
    article = "\n".join(parts)
    if not standalone:
        return article
    title = escape(" ".join([doc.doc_type.capitalize(), *doc.subject]))
    return (
        '<!DOCTYPE html>\n<html lang="vi">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{title}</title>\n<style>\nbody {{ margin: 0; padding: 1em 0; "
        f"background: #e8e8e8; }}{party_css(rule)}</style>\n</head>\n<body>\n{article}\n"
        "</body>\n</html>\n"
    )


def _p(text: str, cls: str = "") -> str:
    attr = f' class="{cls}"' if cls else ""
    return f"<p{attr}>{escape(text).replace(chr(10), '<br>')}</p>"


def _header(doc: PartyDocument, rule: Rule) -> str:
    h, spec = doc.header, rule["header"]
    left = round(100 * spec["left_width_mm"] / (spec["left_width_mm"] + spec["right_width_mm"]))
    return (
        f'<table class="pd-header"><tr><td style="width: {left}%">'
        f"{_p(h.superior, 'pd-superior')}{_p(h.issuer, 'pd-issuer')}{_p(spec['star'])}</td>"
        f"<td>{_right(spec)}</td></tr>"
        f"<tr><td>{_p(h.number)}</td><td>{_p(h.place_date, 'pd-place-date')}</td></tr></table>"
    )


def _right(spec: dict) -> str:
    """The header's right column: "ĐẢNG CỘNG SẢN VIỆT NAM", or another organization's own lines
    (`motto`), each styled as its rule says."""
    if "motto" not in spec:
        return _p(spec["party"]["text"], "pd-party")
    out = []
    for line in spec["motto"]:
        style = (
            f"font-size: {line['size']}pt; font-weight: {'bold' if line.get('bold') else 'normal'};"
            f" text-decoration: {'underline' if line.get('underline') else 'none'}"
        )
        out.append(f'<p class="pd-motto" style="{style}">{escape(line["text"])}</p>')
    return "".join(out)


def _title(doc: PartyDocument, rule: Rule) -> str:
    lines = [f'<span class="pd-type">{escape(doc.doc_type)}</span>']
    lines += [f"<span>{escape(line)}</span>" for line in doc.subject]
    if rule["title"].get("rule_line"):
        lines.append(f'<span class="pd-rule">{escape(rule["title"]["rule_line"])}</span>')
    return f'<h1 class="pd-title">{"".join(lines)}</h1>'


def _paragraph(block: Paragraph, footnotes: list[Footnote], id_prefix: str) -> str:
    tag = HEADING_TAGS.get(block.style, "p")
    anchor = f' id="{escape(block.anchor)}"' if block.anchor else ""
    cls = ' class="pd-list"' if block.style == "list" else ""
    runs = "".join(_run(run, footnotes, id_prefix) for run in block.runs)
    return f"<{tag}{anchor}{cls}>{runs}</{tag}>"


def _run(run: Run, footnotes: list[Footnote], id_prefix: str) -> str:
    html = escape(run.text)
    if run.italic and html:
        html = f"<em>{html}</em>"
    if run.bold and html:
        html = f"<strong>{html}</strong>"
    if run.href and html:
        html = f'<a href="{escape(run.href)}">{html}</a>'
    if run.footnote is not None:
        footnotes.append(run.footnote)
        n = len(footnotes)
        html += (
            f'<sup class="pd-fnref" id="{id_prefix}fnref-{n}">'
            f'<a href="#{id_prefix}fn-{n}">{n}</a></sup>'
        )
    return html


def _table(block: Table) -> str:
    cls = "pd-ledger" if block.style == "ledger" else "pd-grid"
    anchor = f' id="{escape(block.anchor)}"' if block.anchor else ""
    rows = []
    for i, row in enumerate(block.rows):
        cell = "th" if block.style == "grid" and i == 0 else "td"
        rows.append("<tr>" + "".join(f"<{cell}>{_p(t)}</{cell}>" for t in row) + "</tr>")
    return f'<table class="{cls}"{anchor}>{"".join(rows)}</table>'


def _end(doc: PartyDocument, rule: Rule) -> str:
    if doc.countersignature is not None:
        left = f'<td class="pd-signature">{_signature(doc.countersignature)}</td>'
    else:
        label = rule["end"]["recipients_label"]["text"]
        recipients = _p(label, "pd-label") + "".join(_p(line) for line in doc.recipients)
        left = f'<td class="pd-recipients">{recipients}</td>'
    return (
        f'<table class="pd-end"><tr>{left}'
        f'<td class="pd-signature">{_signature(doc.signature)}</td></tr></table>'
    )


def _signature(sig) -> str:
    html = "".join(_p(line) for line in (sig.capacity, sig.title) if line)
    return html + '<div class="pd-space"></div>' + _p(sig.name)


def _footnotes(footnotes: list[Footnote], id_prefix: str) -> str:
    items = []
    for n, note in enumerate(footnotes, start=1):
        back = (
            f' <a class="pd-backref" href="#{id_prefix}fnref-{n}" '
            'aria-label="Quay lại đoạn văn">↩</a>'
        )
        texts = [escape(text) for text in note.paragraphs or [""]]
        texts[-1] += back
        paragraphs = "".join(f"<p>{text}</p>" for text in texts)
        items.append(f'<li id="{id_prefix}fn-{n}">{paragraphs}</li>')
    return (
        '<section class="pd-footnotes" aria-label="Chú thích"><hr><ol>'
        + "".join(items)
        + "</ol></section>"
    )
