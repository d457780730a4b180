"""The report checker, text part: finds the errors real reports contain.

Input is a list of numbered paragraphs (lines of a .txt/.md file, paragraphs of a .docx); output
is a list of :class:`Finding`, each with its location, an excerpt, what is wrong and a
suggestion, in Vietnamese. Pure Python, no Django: the ``check_report`` command, the upload
page and the tests call it directly. The format of a .docx (fonts, margins, header) is checked
elsewhere.

Checks, each tuned for few false alarms (a checker that cries wolf is not read):

* **Totals** (``total_mismatch``): a total followed by its parts in the same sentence ("54 đảng
  viên, trong đó 51 đảng viên chính thức và 03 đảng viên dự bị", "31 đồng chí, trong đó chính
  thức 27, dự bị 03", "31 đảng viên: 27 …, 03 …", four grades of evaluation), in parentheses
  ("62 biên chế (công chức: 30, viên chức: 32)", "(chính thức 60, dự bị 03)"), or on the bullet
  lines after "Trong đó:". Parts written label first without a colon count only when they
  name a known division. Parts are compared
  only when they clearly divide the total: categories of one known family (chính thức/dự bị,
  nam/nữ, ...) or labelled lists ("label: N"). Parts that may overlap ("có 06 nữ, 02 dân tộc
  thiểu số") and single sub-counts ("trong đó có 02 nữ") are never added up. Totals written in
  prose — in parentheses, after "trong đó", "gồm", "với", in the next sentence, in a "Trong N …
  có …; …" list — are read by :mod:`dangvu.lib.counting`.
* **Shares** (``percent_mismatch``): a fraction and its percentage ("25/27 đảng viên, đạt
  95,6%", "13 trong tổng số 40 ủy viên (chiếm 32,5%)", "đạt 91,2% (604/662)"), and a count with
  the share it makes of a whole written before it, up to a few sentences back ("709 TCCSĐ … 439
  TCCSĐ … (chiếm 62,62%)", "304 chi bộ đạt TSVM, tỷ lệ 55,8%", "251 hội viên, trong đó có
  179 đảng viên, chiếm …", "đạt"/"bằng" only after a whole the sentence names): reported only when the
  percentage is the share of none of the wholes it may be of
  (:func:`dangvu.lib.counting.read_count_shares`). "trên"/"hơn"/"dưới"/"gần" make the
  percentage a bound, reported only when the share breaks it; "khoảng"/"xấp xỉ" an estimate,
  never reported.
* **Dates** (``date_impossible``): a day no calendar has ("31/4/2023", "ngày 30/02"), outside the
  citations whose date the citation reader already found impossible.
* **Ledger** (``ledger_mismatch``): a fee statement "mang sang + cấp + thu − nộp − chi = còn lại".
* **Numbering** (``numbering_repeat``, ``numbering_skip``, ``numbering_parent``): Roman headings
  (I., I.-, I-, I), ...), items (1., 1-, 1), ...) (1., 2., ... restarting after each heading), sub-items (2.1, 2.2, ...)
  and letters (a), b), ...). Only lines that start with the number count.
* **Citations** (``citation_*``): the warnings of :mod:`dangvu.lib.citations` (codes in
  :data:`CITATION_CODES`), and a cited document dated after the report
  (``citation_after_report``); a Party symbol whose issuer code is of another level than the
  issuer named (``citation_issuer_mismatch``: "05-CT/TW … của Ban Thường vụ Tỉnh ủy"). An abbreviated type word is reported only when the abbreviation
  itself is wrong ("ND 68" for "NĐ 68"): "NĐ 68" is usual in running text.
* **Spelling** (``spelling``): the engine of :mod:`dangvu.lib.spelling` (non-words against
  hunspell-vi, real-word slips against the listed words, the collocations learned from
  public text and a syllable language model, doubled words) and the known slips of
  :mod:`dangvu.lib.lexicon`; a real-word guess of the learned collocations that is more than a
  tone mark, and a word not built like Vietnamese (a minority or foreign language), are notes.
  Names are never misspellings: capitalised syllables inside a sentence or beside another, and
  the ``known_names`` of the records. **Style** (``style``): the lexicon's advice.
* **Quotes** (``quote_unbalanced``): a quotation opened and never closed, or closed and never
  opened, within a paragraph; an odd number of straight quotes.
* **Open slots** (``open_slot``): a "[cần bổ sung: …]" left where dangvu could not fill a report
  from the records: the report is not finished.
* **Counts** (``count_leading_zero``): "4 chi bộ" for "04 chi bộ" (counts are written with two
  digits); only before nouns that are counted, and only when asked for (``style_notes=True``):
  it is house style, and running text ("giảm 3 chi bộ") is full of correct exceptions.

Every finding has a severity: ``ERROR`` ("lỗi", wrong whoever reads it) or ``NOTE`` ("lưu ý",
style advice: ``style``, ``count_leading_zero``, ``citation_type_abbreviated``, and the spelling
model's unsure guesses), so that an office can read the errors first; ``check_report --json``
and the check page show it.
* **Signature** (``signature_capacity``): "Đ. BÍ THƯ" or "K/T BÍ THƯ" under "T/M ĐẢNG ỦY".

The report date (for ``citation_after_report``) is the ``report_date`` given, or else the one
:func:`guess_report_date` reads from the text.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, replace

from dangvu.lib import counting
from dangvu.lib.citations import TYPE_CODES, Citation, find_citations
from dangvu.lib.lexicon import find_slips
from dangvu.lib.spelling import Slip, find_spelling_slips

__all__ = [
    "CITATION_CODES",
    "CODE_TITLES",
    "ERROR",
    "MAX_CHARS",
    "NOTE",
    "Finding",
    "TextTooLong",
    "refuse_too_long",
    "check_markdown",
    "check_text",
    "guess_report_date",
]

EXCERPT_MAX = 120

# The longest text checked, in characters. A 30-page report is some 130.000 characters; a
# longer text is refused, so that the time and memory a check takes are bounded by this size
# and not by the upload limit (a 10 MB "a a a ..." once took 82 s and 5 GB).
MAX_CHARS = 1_000_000
# At most this many findings from one check: past that the text is noise, not a report, and
# listing more only costs memory (every repeated word of "a a a ..." is a doubled word).
MAX_FINDINGS_PER_CHECK = 300


class TextTooLong(ValueError):
    """A text longer than MAX_CHARS; the message is in Vietnamese."""


# Severities: an error is wrong whoever reads it; a note is house style an office may not keep.
ERROR = "lỗi"
NOTE = "lưu ý"
_NOTE_CODES = frozenset({"style", "count_leading_zero", "citation_type_abbreviated"})

# Codes of the citation parser's warnings -> finding codes. Any other warning becomes
# "citation_" + its code.
CITATION_CODES = {
    "type_misspelt": "citation_type_typo",
    "party_symbol_state_style": "citation_party_state_style",
    "state_symbol_party_style": "citation_state_party_style",
    "date_invalid": "citation_impossible_date",
    "term_invalid": "citation_term",
    "term_after_date": "citation_term",
    "term_implausible": "citation_term",
    "type_code_mismatch": "citation_type_code_mismatch",
    "type_code_missing": "citation_type_code_missing",
    "type_abbreviated": "citation_type_abbreviated",
    "year_mismatch": "citation_year_mismatch",
    "symbol_hyphen_lost": "citation_symbol_hyphen_lost",
}

# Short Vietnamese titles of the finding codes, for the upload page and the command's summary.
CODE_TITLES = {
    "total_mismatch": "Tổng không khớp với các thành phần",
    "ledger_mismatch": "Số dư không khớp với thu, chi",
    "numbering_repeat": "Số thứ tự bị lặp",
    "numbering_skip": "Số thứ tự bị nhảy",
    "numbering_parent": "Số thứ tự không thuộc mục cha",
    "citation_type_typo": "Tên loại văn bản sai chính tả",
    "citation_party_state_style": "Văn bản của Đảng ghi ký hiệu kiểu Nhà nước",
    "citation_state_party_style": "Văn bản Nhà nước ghi ký hiệu kiểu Đảng",
    "citation_impossible_date": "Ngày ban hành không tồn tại",
    "citation_after_report": "Văn bản trích dẫn có ngày sau ngày báo cáo",
    "citation_term": "Khóa không hợp lý",
    "citation_type_code_mismatch": "Tên loại văn bản không khớp mã trong ký hiệu",
    "citation_type_code_missing": "Ký hiệu thiếu mã loại văn bản",
    "citation_type_abbreviated": "Tên loại văn bản viết tắt",
    "citation_year_mismatch": "Năm trong ký hiệu khác năm ban hành",
    "citation_symbol_hyphen_lost": "Ký hiệu văn bản thiếu dấu gạch nối",
    "citation_issuer_mismatch": "Cơ quan ban hành không khớp ký hiệu",
    "spelling": "Sai chính tả",
    "style": "Cách viết chưa chuẩn",
    "quote_unbalanced": "Dấu ngoặc kép không cân",
    "count_leading_zero": "Số đếm thiếu số 0 đứng trước",
    "signature_capacity": "Chức danh ký không đúng thể thức",
    "open_slot": "Còn chỗ trống chưa điền",
    "percent_mismatch": "Tỷ lệ phần trăm không khớp với phân số",
    "date_impossible": "Ngày không tồn tại",
}


@dataclass(frozen=True)
class Finding:
    """One problem in a report, located by line (.txt/.md) or paragraph (.docx) number."""

    code: str
    location: str  # "dòng 37" or "đoạn 12"
    line: int  # 1-based line or paragraph number
    excerpt: str  # at most EXCERPT_MAX characters around the problem
    problem: str  # what is wrong, in Vietnamese
    suggestion: str  # what to do, in Vietnamese
    severity: str = ERROR  # ERROR ("lỗi") or NOTE ("lưu ý": style advice, read after errors)

    def as_dict(self) -> dict:
        """The stable JSON shape of ``check_report --json``: the six original keys, and
        ``severity`` ("lỗi" or "lưu ý"), added later so that scripts can read errors first."""
        return asdict(self)


# --------------------------------------------------------------------------------------------
# Entry points
# --------------------------------------------------------------------------------------------


def check_markdown(
    text: str,
    report_date: dt.date | None = None,
    *,
    style_notes: bool = False,
    known_names: Iterable[str] = (),
) -> list[Finding]:
    """Check a .md or .txt report; locations are line numbers ("dòng N").

    Lines are counted as editors count them: only line feeds end a line (a form feed between
    pages of a converted PDF does not).
    """
    lines = [line.removesuffix("\r") for line in text.split("\n")]
    return check_text([(i, _strip_markdown(line)) for i, line in enumerate(lines, 1)],
                      unit="dòng", report_date=report_date, style_notes=style_notes,
                      known_names=known_names)  # fmt: skip


def check_text(
    paragraphs: list[tuple[int, str]],
    *,
    unit: str = "dòng",
    report_date: dt.date | None = None,
    style_notes: bool = False,
    known_names: Iterable[str] = (),
) -> list[Finding]:
    """Check numbered paragraphs; `unit` names them in locations ("dòng" or "đoạn").

    Paragraphs are read together, joined by line breaks, so that a phrase or a citation broken
    across two lines is still read whole. Without `report_date` the date is guessed from the
    text (:func:`guess_report_date`). `known_names` are names of people, organizations and
    places from the records: the spelling checks leave them alone, however they are spelt.
    """
    doc = _Doc(paragraphs, unit)
    refuse_too_long(doc.text)
    if report_date is None:
        report_date, estimated = _guess_report_date(doc.text)
    else:
        estimated = False
    citations = find_citations(doc.text)
    checks = [
        _check_totals(doc),
        _check_shares(doc),
        _check_count_shares(doc),
        _check_dates(doc, citations),
        _check_ledger(doc),
        _check_numbering(doc),
        _check_citations(doc, citations, report_date, estimated),
        _check_spelling(doc, citations, _name_spans(doc.text, known_names)),
        _check_quotes(doc),
        _check_counts(doc) if style_notes else (),
        _check_signature(doc),
        _check_slots(doc),
    ]
    # Checks are generators: one stopped at its cap does no more work.
    findings = [f for check in checks for f in itertools.islice(check, MAX_FINDINGS_PER_CHECK)]
    # Equal findings (the same problem at the same place) are one finding.
    return sorted(set(findings), key=lambda f: (f.line, doc.offsets.get(f, 0), f.code, f.problem))


def refuse_too_long(text: str) -> None:
    """Raise TextTooLong when `text` is longer than the checker takes (MAX_CHARS)."""
    if len(text) > MAX_CHARS:
        raise TextTooLong(
            f"văn bản quá dài để kiểm tra ({_thousands(len(text))} ký tự); giới hạn là "
            f"{_thousands(MAX_CHARS)} ký tự (khoảng 200 trang). Hãy tách thành nhiều tệp nhỏ hơn."
        )


def _thousands(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def guess_report_date(text: str) -> dt.date | None:
    """The date a report was written, as far as its text tells.

    1. The place-date line of the header: "Trà Vinh, ngày 05 tháng 12 năm 2017".
    2. Otherwise, in a report (a "BÁO CÁO" title), 31 December of the year the report is
       about: the earliest year in its title
       ("Tình hình hoạt động năm 2017 và chương trình công tác năm 2018" -> 31/12/2017). Annual
       Party reports are written in December of that year (their figures run to mid-December),
       so a document dated after that cannot have been cited; the latest year of the title
       would be the year of the programme, too late to catch anything.
    3. None when neither is there: a year elsewhere in a text (a law's, a cited document's)
       says nothing about when the text was written.
    """
    return _guess_report_date(unicodedata.normalize("NFC", text))[0]


# --------------------------------------------------------------------------------------------
# The document: joined text, offsets to line numbers, excerpts
# --------------------------------------------------------------------------------------------


class _Doc:
    def __init__(self, paragraphs: list[tuple[int, str]], unit: str):
        self.unit = unit
        self.numbers: list[int] = []
        self.lines: list[str] = []
        self.starts: list[int] = []
        self.offsets: dict[Finding, int] = {}  # where each finding starts, to sort them
        offset = 0
        for number, text in paragraphs:
            text = unicodedata.normalize("NFC", str(text))
            self.numbers.append(int(number))
            self.lines.append(text)
            self.starts.append(offset)
            offset += len(text) + 1
        self.text = "\n".join(self.lines)

    def index_at(self, offset: int) -> int:
        """The index (into self.lines) of the paragraph holding `offset`."""
        return max(0, bisect.bisect_right(self.starts, offset) - 1)

    def excerpt(self, start: int, end: int | None = None) -> str:
        """Up to EXCERPT_MAX characters around [start, end), within the paragraphs it spans."""
        end = start if end is None else end
        first, last = self.index_at(start), self.index_at(max(start, end - 1))
        para_start = self.starts[first] if self.starts else 0
        para_end = self.starts[last] + len(self.lines[last]) if self.lines else 0
        length = max(0, end - start)
        if length >= EXCERPT_MAX - 2:
            return _collapse(self.text[start:end])[: EXCERPT_MAX - 1] + "…"
        margin = (EXCERPT_MAX - length) // 2
        lo, hi = max(para_start, start - margin), min(para_end, end + margin)
        piece = _collapse(self.text[lo:hi])
        prefix = "…" if lo > para_start else ""
        suffix = "…" if hi < para_end else ""
        while len(prefix + piece + suffix) > EXCERPT_MAX:
            piece = piece[1:-1]
        return prefix + piece + suffix

    def finding(
        self, code, start, end, problem, suggestion, *, excerpt=None, severity=None
    ) -> Finding:
        number = self.numbers[self.index_at(start)] if self.numbers else 1
        finding = Finding(
            code=code,
            location=f"{self.unit} {number}",
            line=number,
            excerpt=excerpt if excerpt is not None else self.excerpt(start, end),
            problem=problem,
            suggestion=suggestion,
            severity=severity or (NOTE if code in _NOTE_CODES else ERROR),
        )
        self.offsets.setdefault(finding, start)
        return finding


def _collapse(text: str) -> str:
    return " ".join(text.split())


_MD_MARKS = re.compile(r"[*_\\#]")
_MD_BOLD = re.compile(r"\*\*|__")
_MD_STAR = re.compile(r"(?<=[\w“”\"’.,;:!?)])\*|\*(?=[\w“”\"‘(])")
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|])")


def _strip_markdown(line: str) -> str:
    """Drop emphasis marks and escapes; keep bullets ("* ", "- ") and tables as they are."""
    if not _MD_MARKS.search(line):
        return line
    line = _MD_ESCAPE.sub(r"\1", line)
    line = _MD_BOLD.sub("", line)
    line = _MD_STAR.sub("", line)
    return re.sub(r"^\s*#{1,6}\s+", "", line)


# --------------------------------------------------------------------------------------------
# Report date
# --------------------------------------------------------------------------------------------

_PLACE_DATE = re.compile(
    r"(?<!\w)[^\W\d_]+(?:[ \t]+[^\W\d]+){0,4}[ \t]*,[ \t]*ngày[ \t]+(\d{1,2})[ \t]+"
    r"tháng[ \t]+(\d{1,2})[ \t]+năm[ \t]+(\d{4})(?!\d)"
)
_TITLE_YEAR = re.compile(r"(?<!\w)năm\s+(\d{4})(?!\d)", re.IGNORECASE)
_HEAD_LINES = 30  # the header and title are within the first lines of any report


def _guess_report_date(text: str) -> tuple[dt.date | None, bool]:
    """(date, estimated): estimated is True when the date comes from the title's year."""
    head_lines = [line for line in text.splitlines() if line.strip()][:_HEAD_LINES]
    head = "\n".join(head_lines)
    for m in _PLACE_DATE.finditer(head):
        try:
            return dt.date(int(m[3]), int(m[2]), int(m[1])), False
        except ValueError:
            continue
    title = _title_lines(head_lines)
    years = [int(y) for y in _TITLE_YEAR.findall(title) if 1900 <= int(y) <= 2100]
    if years:
        return dt.date(min(years), 12, 31), True
    return None, False


def _title_lines(head_lines: list[str]) -> str:
    """The title: from "BÁO CÁO" to the first numbered heading (or the first lines)."""
    start = next((i for i, line in enumerate(head_lines) if "BÁO CÁO" in line.upper()), None)
    if start is None:
        return ""  # not a report: a year in its first lines dates nothing (a law, a list)
    title: list[str] = []
    for line in head_lines[start : start + 6]:
        if title and _heading_like(line):
            break
        title.append(line)
    return "\n".join(title)


def _heading_like(line: str) -> bool:
    return bool(_ROMAN_HEADING.match(line) or _DOTTED_ITEM.match(line))


# --------------------------------------------------------------------------------------------
# Totals
# --------------------------------------------------------------------------------------------

_NUM = r"\d{1,3}(?:\.\d{3})+(?!\d)|\d{1,6}(?![\d.,]\d)"
_WORD = r"[^\W\d_]+"
_UNIT = rf"{_WORD}(?:[ \t]+{_WORD}){{0,3}}?"
_MARKER = r"trong[ \t]+đó|bao[ \t]+gồm|gồm"

# "54 đảng viên, trong đó 51 ..." / "63 cá nhân, trong đó có 50 ..." / "07 đồng chí gồm ..." /
# "12 tổ chức cơ sở đảng được đánh giá; trong đó: ..." / "18 đảng viên: 16 ..., 02 ..."
_TOTAL_INLINE = re.compile(
    rf"(?<![\w.,/–-])(?P<n>{_NUM})[ \t]+(?P<unit>{_WORD}(?:,?[ \t]+{_WORD}){{0,7}}?)[ \t]*"
    rf"(?:(?:[,;][ \t]*|[ \t]+)(?P<marker>{_MARKER})(?P<colon>[ \t]*:)?|(?P<colon_only>:))"
    rf"[ \t]*(?:có[ \t]+)?",
    re.IGNORECASE,
)
# "62 biên chế (công chức: 30, viên chức: 32)"
_TOTAL_PAREN = re.compile(
    rf"(?<![\w.,/–-])(?P<n>{_NUM})[ \t]+(?P<unit>{_UNIT})[ \t]*\((?P<body>[^()\n]*)\)",
    re.IGNORECASE,
)
# A line ending in "59 người. Trong đó:" (the parts follow on bullet lines)
_TOTAL_BEFORE_LIST = re.compile(
    rf"(?<![\w.,/–-])(?P<n>{_NUM})[ \t]+(?P<unit>{_UNIT})[ \t]*[.,;:]?[ \t]*"
    rf"(?:{_MARKER})[ \t]*:[ \t]*$",
    re.IGNORECASE,
)
# One part written number first: "51 đảng viên chính thức", "02 nữ"
_PART_NUMBER_FIRST = re.compile(
    rf"[ \t]*(?P<n>{_NUM})[ \t]+(?P<phrase>{_WORD}(?:[ \t]+(?!và(?!\w)|trong[ \t]+đó){_WORD})*)",
    re.IGNORECASE,
)
# One part written label then number, without a colon: "chính thức 22", "nam 30 người",
# "hoàn thành tốt nhiệm vụ 30 đồng chí"
_PART_LABEL_NUMBER = re.compile(
    rf"[ \t]*(?P<label>[^\W\d_][^:;,()\d\n]{{0,60}}?)[ \t]*:?[ \t]+(?P<n>{_NUM})"
    rf"(?:[ \t]+(?P<unit>{_UNIT}))?(?=[ \t]*(?:[,;.)(]|và(?!\w)|$))",
    re.IGNORECASE,
)
_PART_SEPARATOR = re.compile(r"[ \t]*(?:[,;][ \t]*(?:và[ \t]+)?|[ \t]+và[ \t]+)(?:có[ \t]+)?",
                             re.IGNORECASE)  # fmt: skip
# One part written label first: "công chức: 30", "tại Sở: 04", "Biên chế hành chính: 30 người"
_PART_LABEL_FIRST = re.compile(
    rf"[ \t]*(?P<label>[^\W\d_][^:;,()\d\n]{{0,60}}?)[ \t]*:[ \t]*(?P<n>{_NUM})"
    rf"(?:[ \t]+(?P<unit>{_UNIT}))?(?=[ \t]*(?:[,;.)(]|$))",
    re.IGNORECASE,
)
_BULLET = re.compile(r"^[ \t]*(?P<mark>[-+•*–◦▪]|[a-zđ]\)|\d{1,2}[.)])[ \t]+(?P<rest>.*)$")
_LIST_SEPARATOR = re.compile(r"[ \t]*[,;][ \t]*")
_SUBCOUNT = re.compile(r"[ \t]*[,;]?[ \t]*trong[ \t]+đó", re.IGNORECASE)


_Family = counting.Family
_FAMILIES = counting.FAMILIES
# Labels that cut across any division of a total: a list holding one of them is not a partition.
_CROSS_CUTTING = re.compile(
    r"(?<!\w)(?:nữ|dân\s+tộc|tôn\s+giáo|trẻ|khuyết\s+tật|đảng\s+viên|đoàn\s+viên|hội\s+viên)(?!\w)",
    re.IGNORECASE,
)


# Attributes of people that cut across any division of them ("5 đảng viên nữ").
_ATTRIBUTE = re.compile(r"(?<!\w)(?:nữ|dân\s+tộc|tôn\s+giáo|trẻ|khuyết\s+tật)(?!\w)", re.IGNORECASE)
_DIGIT = re.compile(r"\d")
_MARKER_ANYWHERE = re.compile(_MARKER, re.IGNORECASE)


def _int(number: str) -> int:
    return int(number.replace(".", ""))


def _check_totals(doc: _Doc):
    found = []
    for finding in _check_listed_totals(doc):
        found.append(doc.offsets[finding])
        yield finding
    for finding in _prose_totals(doc):
        if doc.offsets[finding] not in found:  # the same total read by both readers
            yield finding


def _check_listed_totals(doc: _Doc):
    for i, line in enumerate(doc.lines):
        if not _DIGIT.search(line):
            continue
        base = doc.starts[i]
        if ":" in line or _MARKER_ANYWHERE.search(line):
            for m in _TOTAL_INLINE.finditer(line):
                yield from _inline_total(doc, line, base, m)
        if "(" in line:
            for m in _TOTAL_PAREN.finditer(line):
                yield from _paren_total(doc, line, base, m)
        if line.rstrip().endswith(":") and (listed := _TOTAL_BEFORE_LIST.search(line)):
            yield from _listed_total(doc, i, listed)


def _inline_total(doc, line, base, m):
    """ "N unit, trong đó N1 ... và N2 ..." (number first) or "..., gồm: a: N1, b: N2"."""
    total, unit = _int(m["n"]), m["unit"]
    parts = _number_first_parts(line, m.end())
    if parts:
        labels = [_strip_unit(phrase, unit) for _, phrase in parts]
        family = _family_of(labels)
        if family is None:
            return
        context = line[: m.start()] + " " + unit
        complete = _is_complete(family, labels, context)
        yield from _compare(doc, base + m.start(), base + m.end(), total, unit, parts, complete)
        return
    if m["colon_only"]:
        return  # "N unit: ..." counts only with number-first parts of one family
    labelled = _label_first_parts(line, m.end()) if m["colon"] else []
    if len(labelled) < 2:  # "chính thức 22, dự bị 03": without colons, only a known division
        labelled = _label_first_parts(line, m.end(), _PART_LABEL_NUMBER)
        if _family_of([label for label, _, _ in labelled]) is None:
            return
    yield from _labelled(doc, line, base, m, total, unit, labelled)


def _paren_total(doc, line, base, m):
    parts = _label_first_parts(m["body"], 0)
    if not parts:  # "63 đảng viên (chính thức 60, dự bị 03)": a known division only
        parts = _label_first_parts(m["body"], 0, _PART_LABEL_NUMBER)
        if _family_of([label for label, _, _ in parts]) is None:
            return
    yield from _labelled(doc, line, base, m, _int(m["n"]), m["unit"], parts)


def _labelled(doc, line, base, m, total, unit, parts):
    """Parts given as "label: N": a breakdown unless a label cuts across the others."""
    if len(parts) < 2 or any(u and not _same_unit(u, unit) for _, _, u in parts):
        return
    labels = [label for label, _, _ in parts]
    family = _family_of(labels)
    if family is None and any(_CROSS_CUTTING.search(label) for label in labels):
        return
    complete = family is not None and _is_complete(family, labels, line[: m.start()] + " " + unit)
    pairs = [(n, label) for label, n, _ in parts]
    yield from _compare(doc, base + m.start(), base + m.end(), total, unit, pairs, complete)


def _listed_total(doc: _Doc, i: int, m: re.Match):
    """A total line ending in "Trong đó:", its parts on the following bullet lines."""
    total, unit = _int(m["n"]), m["unit"]
    own = _BULLET.match(doc.lines[i])
    own_mark = own["mark"] if own else None
    parts: list[tuple[str, int, str | None]] = []
    j = i + 1
    while j < len(doc.lines) and len(parts) < 20:
        line = doc.lines[j]
        if not line.strip() or line.strip() == "*":
            j += 1
            continue
        bullet = _BULLET.match(line)
        if not bullet or bullet["mark"] == own_mark:
            break
        item = _PART_LABEL_FIRST.match(bullet["rest"])
        if not item or (item["unit"] and not _same_unit(item["unit"], unit)):
            return  # an item that does not read "label: N unit": not sure what is listed
        parts.append((item["label"], _int(item["n"]), item["unit"]))
        j += 1
    if len(parts) < 2:
        return
    labels = [label for label, _, _ in parts]
    family = _family_of(labels)
    if family is None and any(_CROSS_CUTTING.search(label) for label in labels):
        return
    line = doc.lines[i]
    complete = family is not None and _is_complete(family, labels, line)
    pairs = [(n, label) for label, n, _ in parts]
    base = doc.starts[i]
    yield from _compare(doc, base + m.start(), base + m.end(), total, unit, pairs, complete,
                        listed=True)  # fmt: skip


def _number_first_parts(text: str, pos: int) -> list[tuple[int, str]]:
    parts = []
    while True:
        m = _PART_NUMBER_FIRST.match(text, pos)
        if not m:
            break
        parts.append((_int(m["n"]), m["phrase"]))
        pos = m.end()
        if _SUBCOUNT.match(text, pos):
            break
        sep = _PART_SEPARATOR.match(text, pos)
        if not sep:
            break
        pos = sep.end()
    return parts if len(parts) >= 2 else []


def _label_first_parts(
    text: str, pos: int, pattern: re.Pattern | None = None
) -> list[tuple[str, int, str | None]]:
    pattern = pattern or _PART_LABEL_FIRST
    parts = []
    while True:
        m = pattern.match(text, pos)
        if not m:
            break
        parts.append((m["label"].strip(), _int(m["n"]), m["unit"]))
        pos = m.end()
        if _SUBCOUNT.match(text, pos):  # "..., trong đó có 02 nữ": a sub-count of the last part
            break
        sep = (_LIST_SEPARATOR if pattern is _PART_LABEL_FIRST else _PART_SEPARATOR).match(
            text, pos
        )
        if not sep:
            break
        pos = sep.end()
    return parts


def _strip_unit(phrase: str, unit: str) -> str:
    """ "đảng viên chính thức" with total unit "đảng viên" -> "chính thức"."""
    words, unit_words = phrase.lower().split(), unit.lower().split()
    if words[: len(unit_words)] == unit_words and len(words) > len(unit_words):
        words = words[len(unit_words) :]
    return " ".join(words)


def _same_unit(a: str, b: str) -> bool:
    return a.lower().split()[0] == b.lower().split()[0]


_family_of = counting.family_of
_is_complete = counting.is_complete


def _compare(doc, start, end, total, unit, parts, complete, listed=False):
    """A finding when the parts exceed the total, or a complete division misses it."""
    total_parts = sum(n for n, _ in parts)
    if total_parts == total or (total_parts < total and not complete):
        return
    shown = " + ".join(f"{n:02d}" for n, _ in parts)
    where = "ở các dòng liệt kê bên dưới" if listed else "trong câu"
    gap = abs(total_parts - total)
    how = "nhiều hơn" if total_parts > total else "ít hơn"
    yield doc.finding(
        "total_mismatch",
        start,
        end,
        f"Tổng {total:02d} {unit} không khớp với các thành phần {where}: "
        f"{shown} = {total_parts:02d}, {how} số tổng {gap:02d}.",
        f"Số tổng {total:02d} hoặc một trong các số {shown.replace(' + ', ', ')} bị sai "
        f"(lệch {gap:02d}): kiểm tra lại với hồ sơ.",
    )


def _prose_totals(doc: _Doc) -> Iterator[Finding]:
    """Totals written in prose with their parts (:mod:`dangvu.lib.counting`)."""
    if not _DIGIT.search(doc.text):
        return
    for d in counting.read_totals(doc.text):
        yield from _compare(doc, d.start, d.end, d.total, d.unit, list(d.parts), d.complete)


# --------------------------------------------------------------------------------------------
# Shares and dates
# --------------------------------------------------------------------------------------------


def _check_shares(doc: _Doc):
    """A fraction and the percentage said to be it ("25/27 đảng viên, đạt 95,6%")."""
    if "%" not in doc.text:
        return
    for share in counting.read_shares(doc.text):
        if share.agrees():
            continue
        exact = 100 * share.part / share.whole
        shown = _decimal(share.percent, share.decimals)
        right = _decimal(round(exact, share.decimals), share.decimals)
        yield doc.finding(
            "percent_mismatch",
            share.start,
            share.end,
            f"{share.part}/{share.whole} là {_decimal(exact, 2)}%, không phải {shown}%.",
            f"Sửa tỷ lệ thành {right}% hoặc kiểm tra lại {share.part}/{share.whole}.",
        )


def _check_count_shares(doc: _Doc):
    """A count and the share of a whole it is said to make ("439 TCCSĐ … (chiếm 62,62%)" after
    "709 TCCSĐ"), when it is the share of none of the wholes it may be of."""
    for share in counting.read_count_shares(doc.text):
        if share.agrees():
            continue
        whole = share.wholes[0]
        exact = 100 * share.part / whole
        yield doc.finding(
            "percent_mismatch",
            share.start,
            share.end,
            f"{share.part} trên {whole} là {_decimal(exact, 2)}%, không phải "
            f"{_decimal(share.percent, share.decimals)}%.",
            "Kiểm tra lại tỷ lệ hoặc số lượng.",
        )


def _decimal(value: float, decimals: int) -> str:
    """92,59: a number as Vietnamese text writes it, with a decimal comma."""
    return f"{value:.{decimals}f}".replace(".", ",")


# A day and month, and the year if written: "31/4/2023", "30-02-2024", "31.4.2023", "ngày 31/4",
# "ngày 31 tháng 4 năm 2023".
_PROSE_DATE = re.compile(
    r"(?<![\w/.,–-])(?P<d>\d{1,2})(?P<sep>[/.-])(?P<m>\d{1,2})(?:(?P=sep)(?P<y>\d{4}))?"
    r"(?![\w/%]|[.,–-]\d)"
    r"|(?<!\w)ngày[ \t]+(?P<d2>\d{1,2})[ \t]+tháng[ \t]+(?P<m2>\d{1,2})"
    r"(?:[ \t]+năm[ \t]+(?P<y2>\d{4}))?(?!\w)",
    re.IGNORECASE,
)
_DAY_WORD_BEFORE = re.compile(r"(?<!\w)ngày[ \t]*$", re.IGNORECASE)
_LEAP_YEAR = 2000  # a day-month without its year is possible when it is in some year


def _check_dates(doc: _Doc, citations: list[Citation]):
    """A day that no calendar has ("31/4/2023", "ngày 30/02"). A citation whose date the
    citation reader found impossible is reported by it (``citation_impossible_date``); a
    day-month without a year counts only after "ngày", since "25/27" is a fraction."""
    spans = [(c.start, c.end) for c in citations
             if any(w.startswith("date_invalid") for w in c.warnings)]  # fmt: skip
    for m in _PROSE_DATE.finditer(doc.text):
        if any(a <= m.start() < b for a, b in spans):
            continue
        day, month, year = (m["d"], m["m"], m["y"]) if m["d"] else (m["d2"], m["m2"], m["y2"])
        after_day_word = m["d2"] is not None or _DAY_WORD_BEFORE.search(
            doc.text, max(0, m.start() - 8), m.start()
        )
        if year is None and not after_day_word:
            continue
        if year is not None and not (after_day_word or int(month) <= 12):
            continue  # "15/16/2023" is no date anyone meant
        if year is not None and not 1900 <= int(year) <= 2100:
            continue
        try:
            dt.date(int(year) if year else _LEAP_YEAR, int(month), int(day))
        except ValueError:
            written = f"{day}/{month}" + (f"/{year}" if year else "")
            yield doc.finding(
                "date_impossible",
                m.start(),
                m.end(),
                f"Ngày {written} không tồn tại.",
                "Kiểm tra lại ngày, tháng.",
            )


# --------------------------------------------------------------------------------------------
# Ledger (fee statement)
# --------------------------------------------------------------------------------------------

_LEDGER_ROW = re.compile(
    rf"^[ \t|]*[-+•*]?[ \t]*(?P<label>[^\W\d_][^:|\n]*?)[ \t|]*:[ \t]*(?P<n>{_NUM})[ \t]*"
    r"(?:đồng|đ)(?!\w)[ \t|.;]*$",
    re.IGNORECASE,
)
_LEDGER_ROW_MAX = 160
_TABLE_FILLER = re.compile(r"^[ \t]*(?:\|[ \t:\-]*)+\|?[ \t]*$")
_LEDGER_SIGNS = (  # order matters: a balance line may also say "chuyển sang"
    (-2, re.compile(r"tổng|trong\s+đó|giữ\s+lại", re.I)),  # sub-totals: not a plain statement
    (0, re.compile(r"còn\s+lại|tồn\s+cuối|dư\s+cuối|chuyển\s+sang\s+năm\s+sau", re.I)),
    (1, re.compile(r"mang\s+sang|tồn\s+đầu|dư\s+đầu|năm\s+trước\s+chuyển", re.I)),
    (1, re.compile(r"^(?:ngân\s+sách|kinh\s+phí\s+(?:được\s+)?cấp|được\s+cấp|thu)(?!\w)", re.I)),
    (-1, re.compile(r"^(?:nộp|trích\s+nộp|chi|đã\s+chi)(?!\w)", re.I)),
)


def _check_ledger(doc: _Doc):
    block: list[tuple[int, str, int]] = []
    for i, line in enumerate(doc.lines):
        # A statement row is short; the bound also keeps the regex linear on long lines.
        m = _LEDGER_ROW.match(line) if len(line) <= _LEDGER_ROW_MAX and ":" in line else None
        if m:
            block.append((i, m["label"].strip(" +-*|"), _int(m["n"])))
        elif line.strip() and not _TABLE_FILLER.match(line):
            yield from _ledger_block(doc, block)
            block = []
    yield from _ledger_block(doc, block)


def _ledger_block(doc: _Doc, rows):
    if len(rows) < 4:
        return
    signs = [_ledger_sign(label) for _, label, _ in rows]
    if None in signs or -2 in signs or signs.count(0) != 1 or signs[-1] != 0:
        return
    if signs.count(1) < 2 or -1 not in signs:
        return
    computed = sum(sign * n for sign, (_, _, n) in zip(signs, rows, strict=True) if sign)
    i, label, stated = rows[-1]
    if computed == stated:
        return
    start = doc.starts[i]
    yield doc.finding(
        "ledger_mismatch",
        start,
        start + len(doc.lines[i]),
        f"“{label}” ghi {_money(stated)} đồng, nhưng tính từ các dòng trên "
        f"(số mang sang, được cấp, thu trừ số nộp, chi) được {_money(computed)} đồng.",
        "Kiểm tra lại các khoản thu, chi và số còn lại.",
    )


def _ledger_sign(label: str) -> int | None:
    for sign, pattern in _LEDGER_SIGNS:
        if pattern.search(label):
            return sign
    return None


def _money(n: int) -> str:
    return ("-" if n < 0 else "") + f"{abs(n):,}".replace(",", ".")


# --------------------------------------------------------------------------------------------
# Numbering
# --------------------------------------------------------------------------------------------

# Heading marks offices use: "I." "I)" "I.-" "I-" "I –" (a dash alone needs the space after it).
_MARK = r"(?:\.[ \t]*[-–]|[-–]|[.)])"
_ROMAN_HEADING = re.compile(
    rf"^[ \t]*(?P<num>[IVXL]{{1,6}})[ \t]*{_MARK}[ \t]+(?P<title>[^\W\d_].*)$"
)
_DOTTED_ITEM = re.compile(
    r"^[ \t]*(?P<num>\d{1,2}(?:\.\d{1,2}){0,3})(?:\.[ \t]*[-–](?=[ \t])|[-–](?=[ \t])|\.(?!\d)|\)"
    r"|(?<=\d)(?=[ \t]))[ \t]+"
    r"(?P<title>[^\W\d_].*)$"
)
_LETTER_ITEM = re.compile(r"^[ \t]*(?P<num>[a-zđ])\)[ \t]+(?P<title>\S.*)$")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50}
# Vietnamese lettering: a b c d đ e g h i k l m n o p q r s t u v x y; writers also skip đ or
# use the Latin f and j.
_LETTERS = "abcdđefghijklmnopqrstuvwxy"
_OPTIONAL_LETTERS = "đfj"


def _roman(text: str) -> int | None:
    values = [_ROMAN_VALUES[c] for c in text]
    total = 0
    for i, v in enumerate(values):
        total += -v if i + 1 < len(values) and values[i + 1] > v else v
    return total if _to_roman(total) == text else None


def _to_roman(n: int) -> str:
    out = []
    for value, symbol in ((50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"),
                          (1, "I")):  # fmt: skip
        while n >= value:
            out.append(symbol)
            n -= value
    return "".join(out)


@dataclass(frozen=True)
class _Number:
    """The last number at one level: as written, and as it should have been.

    After "V., V., VII." the second V is reported once; "VII" then follows the intended VI and
    is not reported again. After "V., V., VI." the writer continued from what was written, and
    that is accepted too.
    """

    written: int
    intended: int

    def allows(self, value: int) -> bool:
        return value in (self.written, self.intended)


_START = _Number(0, 0)


def _check_numbering(doc: _Doc):
    roman = _START  # the last Roman heading
    items: list[_Number] = []  # the last item at each depth: two entries after "2.5."
    letter = ""  # the last letter item
    for i, line in enumerate(doc.lines):
        start, end = doc.starts[i], doc.starts[i] + len(line)
        if m := _ROMAN_HEADING.match(line):
            value = _roman(m["num"])
            if value is None or not m["title"][:1].isupper():
                continue
            found, roman = _sequence(value, roman, _to_roman, "đề mục")
            if found:
                code, problem, suggestion = found
                yield doc.finding(code, start, end, problem, suggestion)
            items, letter = [], ""
        elif m := _DOTTED_ITEM.match(line):
            if not m["title"][:1].isupper() or not _item_terminated(line, m):
                continue  # "3. tháng ..." or "3 Chi bộ ..." is a sentence, not an item
            path = [int(p) for p in m["num"].split(".")]
            found, items = _dotted(path, items)
            if found:
                code, problem, suggestion = found
                yield doc.finding(code, start, end, problem, suggestion)
            letter = ""
        elif m := _LETTER_ITEM.match(line):
            yield from _letter(doc, start, line, m["num"], letter)
            letter = m["num"]


def _item_terminated(line: str, m: re.Match) -> bool:
    """ "2." "2)" "2.1." "2.1" are items; a bare "2" before a word is not."""
    return "." in m["num"] or line[m.end("num") : m.end("num") + 1] in ".)-–"


def _sequence(value: int, last: _Number, show, what: str):
    """(finding as (code, problem, suggestion) or None, the new last number)."""
    if last.allows(value - 1):
        return None, _Number(value, value)
    expected = last.intended + 1
    if last.allows(value):
        return (
            "numbering_repeat",
            f"Số thứ tự {what} “{show(value)}” lặp lại số của {what} trước.",
            f"Đánh số lại thành “{show(expected)}” (và các {what} sau cho liền mạch).",
        ), _Number(value, expected)
    where = f"sau “{show(last.written)}”" if last.written else "ở đầu"
    return (
        "numbering_skip",
        f"Số thứ tự {what} “{show(value)}” đứng {where}: đúng ra là “{show(expected)}”.",
        f"Đánh số lại thành “{show(expected)}” hoặc bổ sung phần còn thiếu.",
    ), _Number(value, expected)


def _dotted(path: list[int], items: list[_Number]):
    """Check item "2.5" against the items seen; (finding or None, the new items)."""
    parent, depth = path[:-1], len(path)
    if len(items) < len(parent) or not all(
        n.allows(p) for n, p in zip(items, parent, strict=False)
    ):
        shown_parent = ".".join(str(n.written) for n in items[: len(parent)]) or "(chưa có)"
        written = ".".join(map(str, path))
        finding = (
            "numbering_parent",
            f"Mục “{written}” nằm dưới mục “{shown_parent}”.",
            "Kiểm tra lại số thứ tự của mục và mục cha.",
        )
        return finding, [*items[: len(parent)], _Number(path[-1], path[-1])]
    last = items[depth - 1] if len(items) >= depth else _START

    def show(n):
        return ".".join(map(str, [*parent, n]))

    finding, number = _sequence(path[-1], last, show, "mục" if depth == 1 else "tiểu mục")
    return finding, [*items[: depth - 1], number]


def _letter(doc, start, line, written, last):
    allowed = _next_letters(last)
    if written in allowed:
        return
    code = "numbering_repeat" if written == last else "numbering_skip"
    expected = allowed[0]
    problem = (
        f"Điểm “{written})” lặp lại điểm trước."
        if written == last
        else f"Điểm “{written})” đứng {'sau “' + last + ')”' if last else 'ở đầu'}: "
        f"đúng ra là “{expected})”."
    )
    yield doc.finding(code, start, start + len(line), problem, f"Đánh số lại thành “{expected})”.")


def _next_letters(last: str) -> str:
    """The letters that may follow `last` ("" = the first): the next, or one after an optional."""
    if not last:
        return "a"
    i = _LETTERS.index(last) + 1
    allowed = ""
    while i < len(_LETTERS):
        allowed += _LETTERS[i]
        if _LETTERS[i] not in _OPTIONAL_LETTERS:
            break
        i += 1
    return allowed


# --------------------------------------------------------------------------------------------
# Citations
# --------------------------------------------------------------------------------------------

_SUGGESTIONS = {
    "citation_impossible_date": "Kiểm tra lại ngày ban hành của văn bản.",
    "citation_year_mismatch": "Kiểm tra lại năm trong số ký hiệu và ngày ban hành.",
    "citation_type_code_missing": "Bổ sung mã loại văn bản vào ký hiệu.",
    "citation_type_code_mismatch": "Kiểm tra lại tên loại văn bản và ký hiệu.",
    "citation_term": "Kiểm tra lại khóa của Ban Chấp hành Trung ương.",
    "citation_issuer_mismatch": "Kiểm tra lại ký hiệu và cơ quan ban hành của văn bản.",
}


# The part of a citation warning after "; " that says what to write instead.
_HINT = re.compile(r"(?:nên|có phải|đúng là)\s", re.IGNORECASE)


def _check_citations(doc: _Doc, citations: list[Citation], report_date, estimated):
    for c in citations:
        for warning in c.warnings:
            code, _, message = warning.partition(": ")
            if code == "type_abbreviated" and _abbreviation(c) in TYPE_CODES:
                continue  # "NĐ 68" is usual in running text; "ND 68" is a slip
            yield _citation_finding(doc, c, code, message)
        if report_date and c.date and c.date > report_date.isoformat():
            issued = dt.date.fromisoformat(c.date)
            how = " (ước tính theo năm trong tiêu đề)" if estimated else ""
            yield doc.finding(
                "citation_after_report",
                c.start,
                c.end,
                f"Văn bản trích dẫn ghi ngày {issued:%d/%m/%Y}, sau ngày báo cáo "
                f"{report_date:%d/%m/%Y}{how}.",
                "Kiểm tra lại ngày ban hành của văn bản được trích dẫn.",
                excerpt=_citation_excerpt(c),
            )


def _abbreviation(c: Citation) -> str:
    return c.raw.split()[0] if c.raw.split() else ""


def _citation_finding(doc: _Doc, c: Citation, code: str, message: str) -> Finding:
    finding_code = CITATION_CODES.get(code, f"citation_{code}")
    problem, _, hint = message.rpartition("; ")
    if not _HINT.match(hint):
        problem, hint = message, ""
    if finding_code == "citation_type_typo" and c.type:
        suggestion = f"Sửa thành “{c.type}”."
    elif finding_code == "citation_type_abbreviated" and c.type:
        problem = (
            f"Tên loại văn bản viết tắt sai “{_abbreviation(c)}” (chữ viết tắt đúng là "
            f"“{_code_of(c.type)}”)"
        )
        suggestion = f"Viết đầy đủ “{c.type}” kèm số, ký hiệu và ngày ban hành."
    elif hint:
        suggestion = hint[:1].upper() + hint[1:].rstrip(".?") + "."
        if message.rstrip().endswith("?"):
            suggestion = f"Kiểm tra lại: {hint[:1].lower() + hint[1:]}"
    else:
        suggestion = _SUGGESTIONS.get(finding_code, "Kiểm tra lại trích dẫn văn bản.")
    problem = problem.rstrip(".") + "."
    return doc.finding(finding_code, c.start, c.end, problem, suggestion,
                       excerpt=_citation_excerpt(c))  # fmt: skip


def _code_of(type_word: str) -> str:
    return next((code for code, word in TYPE_CODES.items() if word == type_word), type_word)


def _citation_excerpt(c: Citation) -> str:
    raw = _collapse(c.raw)
    return raw if len(raw) <= EXCERPT_MAX else raw[: EXCERPT_MAX - 1] + "…"


# --------------------------------------------------------------------------------------------
# Spelling
# --------------------------------------------------------------------------------------------


def _name_spans(text: str, names: Iterable[str]) -> list[tuple[int, int]]:
    """Where the names of the records occur in `text`, as written or in capitals (headings)."""
    forms: set[str] = set()
    for name in names:
        name = " ".join(unicodedata.normalize("NFC", str(name)).split())
        if len(name) >= 2:
            forms.update((name, name.upper()))
        # A member is also named by a part of the name ("đồng chí Chnăm").
        forms.update(w for w in name.split() if len(w) >= 2 and w[0].isupper())
    if not forms:
        return []
    alternatives = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
    pattern = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")
    return [(m.start(), m.end()) for m in pattern.finditer(text)]


def _check_spelling(
    doc: _Doc, citations: list[Citation], names: Sequence[tuple[int, int]] = ()
) -> Iterator[Finding]:
    # The citation parser already reports a misspelt type word before a number ("Chi thị số
    # 19-CT/TU"); the lexicon must not report it twice.
    reported = {c.start for c in citations if any("type_misspelt" in w for w in c.warnings)}
    taken: list[tuple[int, int]] = []  # spans of the lexicon's slips
    for slip in find_slips(doc.text):
        if slip.start in reported or any(slip.start < b and a < slip.end for a, b in names):
            continue
        term = slip.term
        written = _collapse(slip.written)
        if term.kind == "style":
            problem = f"Viết “{written}” chưa đúng cách viết của văn bản. {term.note}"
        else:
            problem = f"Sai chính tả: “{written}”. {term.note}"
        yield doc.finding(term.kind, slip.start, slip.end, problem,
                          f"Sửa thành “{slip.suggestion}”.")  # fmt: skip
        reported.add(slip.start)
        taken.append((slip.start, slip.end))
    # The spelling engine: non-words (hunspell-vi), real-word slips, doubled words. Symbols and
    # the rest of a citation are not words.
    spans = [(c.start, c.end) for c in citations] + list(names)
    found_slips = find_spelling_slips(doc.text, spans, limit=MAX_FINDINGS_PER_CHECK)
    found_slips += _citation_nonwords(doc.text, citations, names)
    for found in sorted(found_slips, key=lambda s: s.start)[:MAX_FINDINGS_PER_CHECK]:
        # A word the lexicon reported is not reported again by the engine.
        if any(found.start < end and start < found.end for start, end in taken):
            continue
        written = _collapse(found.written)
        problem = _SPELLING_PROBLEMS[found.kind].format(written=written)
        if found.suggestion:
            suggestion = f"Sửa thành “{found.suggestion}”."
        else:
            suggestion = "Kiểm tra lại chính tả của từ này."
        # A guess of the collocation model is a note: read after the errors, never a false alarm.
        severity = ERROR if found.sure else NOTE
        yield doc.finding("spelling", found.start, found.end, problem, suggestion,
                          severity=severity)  # fmt: skip


def _citation_nonwords(
    text: str, citations: list[Citation], names: Sequence[tuple[int, int]]
) -> list[Slip]:
    """Slips in the words of citations ("Luật Đầu tư cỗng", "ngảy 25 tháng 6", "của Thủ tướng
    Chính phú"): their symbols and numbers are the citation parser's, but a word is misspelt
    wherever it stands, in a name, an issuer or a quoted title alike. A misspelt type word
    ("Chi thị số 19-CT/TU") is the parser's too: it reports it, so it is not reported twice."""
    out = []
    for c in citations:
        skip_to = c.start + _misspelt_type_length(c)
        for slip in find_spelling_slips(text[c.start : c.end], limit=MAX_FINDINGS_PER_CHECK):
            start, end = c.start + slip.start, c.start + slip.end
            if slip.kind not in ("nonword", "realword") or start < skip_to:
                continue
            if not any(start < b and a < end for a, b in names):
                out.append(replace(slip, start=start, end=end))
    return out


def _misspelt_type_length(c: Citation) -> int:
    """How many characters of the citation's text its type word takes, when the parser found
    it misspelt ("Chi thị" of "Chi thị số 19-CT/TU"); 0 otherwise."""
    if not c.type or not any(w.startswith("type_misspelt") for w in c.warnings):
        return 0
    words = list(re.finditer(r"\S+", c.raw))[: len(c.type.split())]
    return words[-1].end() if words else 0


_SPELLING_PROBLEMS = {
    "nonword": "Sai chính tả: “{written}” không phải là một tiếng Việt.",
    "foreign": "“{written}” không phải là tiếng Việt: nếu là từ tiếng dân tộc hay tiếng nước"
    " ngoài thì đúng; nếu không, kiểm tra lại chính tả.",
    "realword": "Có thể sai chính tả: “{written}” (sai dấu hoặc sai một chữ cái).",
    "doubled": "Lặp từ: “{written}”.",
}


# --------------------------------------------------------------------------------------------
# Quotes
# --------------------------------------------------------------------------------------------


def _logical_paragraphs(doc: _Doc):
    """(start, end) offsets of paragraphs, joining a line broken mid-sentence with the next.

    Converted reports break a sentence where the page broke ("trên địa bàn" / "tỉnh”; ..."):
    a line followed (after blank lines) by one starting with a lower-case letter continues.
    """
    spans, current = [], None
    for i, line in enumerate(doc.lines):
        stripped = line.strip()
        if not stripped:
            continue
        start, end = doc.starts[i], doc.starts[i] + len(line)
        if current and stripped[0].islower():
            current = (current[0], end)
        else:
            if current:
                spans.append(current)
            current = (start, end)
    if current:
        spans.append(current)
    return spans


def _check_quotes(doc: _Doc):
    for start, end in _logical_paragraphs(doc):
        stack: list[int] = []
        strays: list[int] = []
        straight: list[int] = []
        for m in re.finditer('[“”"]', doc.text[start:end]):
            if m.group() == '"':
                if stack:  # “…" : a straight quote closing a curly one pairs with it
                    stack.pop()
                else:
                    straight.append(start + m.start())
            elif m.group() == "“":
                stack.append(start + m.start())
            elif stack:
                stack.pop()
            else:
                strays.append(start + m.start())
        for pos in strays:
            yield doc.finding(
                "quote_unbalanced",
                pos,
                pos + 1,
                "Dấu đóng ngoặc kép (”) không có dấu mở tương ứng.",
                "Thêm dấu mở ngoặc kép ở đầu phần trích dẫn hoặc bỏ dấu đóng thừa.",
            )
        for pos in stack[:1]:  # the outermost unclosed quote; inner ones follow from it
            yield doc.finding(
                "quote_unbalanced",
                pos,
                pos + 1,
                "Dấu mở ngoặc kép (“) không được đóng.",
                "Thêm dấu đóng ngoặc kép ở cuối phần trích dẫn.",
            )
        # Straight quotes cannot say which way they face: an odd number is one left unpaired.
        if len(straight) % 2:
            pos = straight[-1]
            yield doc.finding(
                "quote_unbalanced",
                pos,
                pos + 1,
                'Dấu ngoặc kép (") không có dấu tương ứng.',
                "Thêm dấu ngoặc kép còn thiếu; văn bản nên dùng ngoặc kép cong “…”.",
            )


# --------------------------------------------------------------------------------------------
# Counts with one digit
# --------------------------------------------------------------------------------------------

_COUNTED = (
    "đồng chí", "đ/c", "đảng viên", "quần chúng", "chi bộ", "đảng bộ", "cán bộ", "công chức",
    "viên chức", "người", "cá nhân", "tập thể", "đoàn viên", "hội viên", "cuộc", "buổi", "lượt",
    "lớp", "hội nghị", "kế hoạch", "văn bản", "báo cáo", "dự án", "đơn vị", "phòng", "trung tâm",
    "biểu hiện", "khuyết điểm", "hạn chế", "nội dung", "trường hợp", "mô hình", "chuyên đề",
    "hồ sơ", "quyển", "phần quà", "suất quà", "đợt", "đề tài", "gia đình", "tổ chức cơ sở đảng",
)  # fmt: skip
_COUNT = re.compile(
    r"(?<![\w.,/:%–-])(?P<n>[1-9])[ \t]+(?P<noun>"
    + "|".join(re.escape(w).replace(r"\ ", r"[ \t]+") for w in sorted(_COUNTED, key=len)[::-1])
    + r")(?![\w/])",
    re.IGNORECASE,
)
# Words after which a single digit is a name or a rank, not a count ("Chi bộ 2", "lần thứ 5").
_NOT_A_COUNT_BEFORE = re.compile(
    r"(?:thứ|số|lần|khóa|khoá|quý|kỳ|mức\s+độ|giai\s+đoạn|điều|khoản|mục|phần|chương|tổ|nhóm|"
    r"đợt|khu|ấp|khóm|phường|cụm|tuyến|hạng|loại|cấp|bậc|tầng|trung\s+ương|chi\s+bộ|đảng\s+bộ|"
    r"phòng|lớp|tháng|năm|ngày)\s+\Z",
    re.IGNORECASE,
)


def _check_counts(doc: _Doc):
    for m in _COUNT.finditer(doc.text):
        if _NOT_A_COUNT_BEFORE.search(doc.text, max(0, m.start() - 20), m.start()):
            continue
        if doc.text[max(0, m.start() - 1) : m.start()] == "\n":
            continue  # a line starting "3 đảng viên ..." may be a list number without its dot
        written = f"{m['n']} {m['noun']}"
        yield doc.finding(
            "count_leading_zero",
            m.start(),
            m.end(),
            f"Số đếm “{written}” viết một chữ số; văn bản của Đảng viết số đếm có hai chữ số.",
            f"Sửa thành “0{m['n']} {m['noun']}”.",
        )


# --------------------------------------------------------------------------------------------
# Open slots
# --------------------------------------------------------------------------------------------

# dangvu writes "[cần bổ sung: …]" where the records do not say what a report needs; a report
# that still holds one is not finished, whoever wrote it.
_SLOT = re.compile(r"\[\s*cần bổ sung\b[^\]\n]*\]", re.IGNORECASE)


def _check_slots(doc: _Doc):
    for m in _SLOT.finditer(doc.text):
        yield doc.finding(
            "open_slot",
            m.start(),
            m.end(),
            f"Còn chỗ trống chưa điền: “{_collapse(m.group())}”.",
            "Điền nội dung từ hồ sơ, hoặc bỏ câu này, trước khi ký.",
        )


# --------------------------------------------------------------------------------------------
# Signature
# --------------------------------------------------------------------------------------------

_ON_BEHALF = re.compile(r"^[ \t]*T/M[ \t]+\S", re.IGNORECASE)
_CAPACITY = re.compile(
    r"^[ \t]*(?P<prefix>(?:K/T|KT\.?|Q\.|TL\.|TM\.|[A-ZĐ]\.)[ \t]*)?(?P<title>(?:PHÓ[ \t]+)?BÍ[ \t]+THƯ)[ \t]*$"
)


def _check_signature(doc: _Doc):
    for i, line in enumerate(doc.lines):
        if not _ON_BEHALF.match(line):
            continue
        following = next((j for j in range(i + 1, len(doc.lines)) if doc.lines[j].strip()), None)
        if following is None:
            continue
        m = _CAPACITY.match(doc.lines[following])
        if not m or not m["prefix"]:
            continue
        start = doc.starts[following]
        prefix = m["prefix"].strip()
        kind = (
            "“K/T” (ký thay) không dùng cho tập thể lãnh đạo"
            if prefix.upper().startswith("K")
            else f"“{prefix}” trước chức danh không có trong thể thức"
        )
        yield doc.finding(
            "signature_capacity",
            start,
            start + len(doc.lines[following]),
            f"Chức danh người ký “{_collapse(doc.lines[following])}”: {kind}; dưới "
            f"“{_collapse(line)}” ghi “BÍ THƯ” hoặc “PHÓ BÍ THƯ”.",
            f"Sửa thành “{' '.join(m['title'].split())}”.",
        )
