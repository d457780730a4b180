"""A draft as Word, PDF, HTML or Markdown. A finalised draft gives its frozen Word file."""

import tempfile
from decimal import Decimal
from pathlib import Path

from dangvu.core.facts import compute
from dangvu.lib.party_docx import render_docx
from dangvu.lib.party_html import render_html
from dangvu.lib.pdf import to_pdf

from .render import build_document, names_used, to_markdown
from .unsaved import sections_of


def live_facts(draft, only=None):
    """{name: Figure} computed now from records; with `only` (names), at least those
    (`core.facts.compute`)."""
    return compute(draft.org, draft.reporting_period, only)


def freeze_values(facts):
    """Fact values as JSON: Decimals keep their exact digits."""
    return {name: _freeze(f.value) for name, f in facts.items()}


def thaw_values(frozen):
    return {name: _thaw(v) for name, v in frozen.items()}


def _freeze(value):
    if isinstance(value, Decimal):
        return {"decimal": str(value)}
    if isinstance(value, list | tuple):
        return [_freeze(v) for v in value]
    return value


def _thaw(value):
    if isinstance(value, dict) and set(value) == {"decimal"}:
        return Decimal(value["decimal"])
    if isinstance(value, list):
        return [_thaw(v) for v in value]
    return value


def fact_values(draft):
    """The values a draft shows: frozen once final, computed from records before."""
    if draft.is_final:
        return thaw_values(draft.frozen_facts)
    return {name: f.value for name, f in live_facts(draft).items()}


FORMATS = {
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".pdf": "application/pdf",
    ".html": "text/html; charset=utf-8",
    ".md": "text/markdown; charset=utf-8",
}


def period_figures(org, period):
    """Every figure of `org` for `period` as JSON-ready rows [name, label, value frozen], in the
    order of their names: what a big superior committee's report page and section editor read
    kept (`superior.kept`), the values as `live_facts` computes them."""
    facts = compute(org, period)
    return [[name, f.label, _freeze(f.value)] for name, f in sorted(facts.items())]


def rendered(draft, link=None, figures=None):
    """The document of `draft`: a final one with its frozen values; else with `figures`
    (`period_figures` rows computed earlier: only the draft's page passes them, saying when they
    were computed) or with the figures its text names computed now — a file, a check or a
    finalisation never writes values computed earlier."""
    if draft.is_final:
        return build_document(draft, sections_of(draft), fact_values(draft), link)
    sections = sections_of(draft)
    if figures is not None:
        values = {name: _thaw(value) for name, _label, value in figures}
        labels = {name: label for name, label, _value in figures}
        return build_document(draft, sections, values, link, labels)
    # Only the facts the report names: a superior's own report names its units' figures, not
    # the subtree's statistics that took most of a province's time.
    figures = live_facts(draft, only=names_used(draft, sections))
    values = {name: f.value for name, f in figures.items()}
    labels = {name: f.label for name, f in figures.items()}
    return build_document(draft, sections, values, link, labels)


def render_docx_bytes(draft):
    return render_docx(rendered(draft).document)


def docx_bytes(draft):
    if draft.is_final and draft.frozen_docx:
        return bytes(draft.frozen_docx)
    return render_docx_bytes(draft)


def export(draft, suffix, link=None) -> bytes:
    """The report in the format of `suffix` (".docx", ".pdf", ".html", ".md")."""
    if suffix == ".docx":
        return docx_bytes(draft)
    if suffix == ".md":
        return to_markdown(rendered(draft).document).encode("utf-8")
    if suffix == ".html":
        return render_html(rendered(draft, link).document).encode("utf-8")
    if suffix == ".pdf":
        with tempfile.TemporaryDirectory(prefix="dangvu-pdf-") as tmp:
            source = Path(tmp) / f"bao-cao-{draft.year}{draft.period}.docx"
            source.write_bytes(docx_bytes(draft))
            return to_pdf(source, Path(tmp)).read_bytes()
    raise ValueError(
        f"Định dạng “{suffix}” không được hỗ trợ; hãy dùng .docx, .pdf, .md hoặc .html."
    )
