"""A Party document as data: header, title, body, "Nơi nhận" and signature.

The report engine builds one `PartyDocument`; `party_docx` and `party_html` render the same model,
so the Word file, the PDF and the web page never disagree about the text.
"""

import datetime as dt
from dataclasses import dataclass, replace
from typing import Literal

from dangvu.lib.rules import Rule, rule_in_force

ParagraphStyle = Literal["body", "heading1", "heading2", "heading3", "list"]
TableStyle = Literal["ledger", "grid"]


@dataclass
class Footnote:
    """A footnote's text; often a long list of cited documents, one paragraph or several."""

    paragraphs: list[str]


@dataclass
class Run:
    """A stretch of text with one formatting.

    `footnote` puts the footnote's reference right after the text. `href` links the text in HTML
    (e.g. a figure to the records behind it); Word output ignores it.
    """

    text: str
    bold: bool = False
    italic: bool = False
    footnote: Footnote | None = None
    href: str | None = None


@dataclass
class Paragraph:
    runs: list[Run]
    style: ParagraphStyle = "body"
    # An id for links in HTML (a section, a generated block).
    anchor: str | None = None

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


@dataclass
class Table:
    """A table of plain cells.

    "ledger" is the fee table: two columns ("+ Mang sang năm 2016" | ": 1.234.567 đồng") without
    borders. "grid" is an ordinary bordered table whose first row is the heading.
    """

    rows: list[list[str]]
    widths_mm: list[float] | None = None
    style: TableStyle = "ledger"
    anchor: str | None = None


Block = Paragraph | Table


@dataclass
class Header:
    superior: str  # "ĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH"
    issuer: str  # "ĐẢNG ỦY SỞ THÔNG TIN VÀ TRUYỀN THÔNG"
    number: str  # "Số 15-BC/ĐU"
    place_date: str  # "Trà Vinh, ngày 05 tháng 12 năm 2017"


@dataclass
class Signature:
    capacity: str  # "T/M ĐẢNG ỦY"; empty when a person signs in their own name
    title: str  # "BÍ THƯ"
    name: str


@dataclass
class PartyDocument:
    header: Header
    doc_type: str  # "BÁO CÁO"
    subject: list[str]  # the title lines under the type
    body: list[Block]
    recipients: list[str]  # "- Đảng ủy KCCQ (b/c);" … "- Lưu: ĐU."
    signature: Signature
    # The issue date picks the format rule in force.
    issued_on: dt.date
    # A draft carries "DỰ THẢO" on its first page; the finalised document does not.
    draft: bool = False
    # A second signer on the left, in place of "Nơi nhận": minutes are signed by the secretary
    # who kept them (left) and the chair (right).
    countersignature: Signature | None = None
    # The rule topic of a document that is not the Party's, whose header differs (a mass
    # organization's: "mass_format/trade_union"); empty for a Party document.
    header_rule: str = ""

    def footnotes(self) -> list[Footnote]:
        """The footnotes in reading order; their numbers are their positions plus one."""
        return [
            run.footnote
            for block in self.body
            if isinstance(block, Paragraph)
            for run in block.runs
            if run.footnote is not None
        ]


def para(
    text: str,
    style: ParagraphStyle = "body",
    *,
    bold: bool = False,
    italic: bool = False,
    footnote: Footnote | None = None,
    anchor: str | None = None,
) -> Paragraph:
    """A paragraph of a single run, the common case."""
    return Paragraph([Run(text, bold=bold, italic=italic, footnote=footnote)], style, anchor)


def format_rule(doc: PartyDocument) -> Rule:
    """The layout of `doc` in force on its date: the Party's, with the header of the rule
    `doc.header_rule` over it when the document is another organization's (its page, fonts and
    body stay the Party's)."""
    return header_over(doc.issued_on, doc.header_rule)


def header_over(day: dt.date, header_rule: str = "") -> Rule:
    """The Party's layout in force on `day`, with the header of the rule topic `header_rule`
    (a mass organization's, "mass_format/trade_union") over it; the Party's own when empty."""
    rule = rule_in_force("document_format", day)
    if not header_rule:
        return rule
    own = rule_in_force(header_rule, day)
    # "Số: 05/BC-CĐCS" is written with a colon where the rule's number says so (the State's way);
    # a Party document's "Số 15-BC/ĐU" never is.
    colon = {"number_colon": own["number"].startswith("Số:")}
    values = {**rule.values, "header": {**rule["header"], **own["header"], **colon}}
    return replace(rule, values=values, source=f"{own.source}; {rule.source}")


def motto_lines(rule: Rule) -> list[dict]:
    """The lines on the right of the header: "ĐẢNG CỘNG SẢN VIỆT NAM", or another organization's
    own (the Quốc hiệu, "ĐOÀN TNCS HỒ CHÍ MINH")."""
    return rule["header"].get("motto") or [rule["header"]["party"]]
