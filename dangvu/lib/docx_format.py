"""Check a .docx against the Party document format: paper, margins, fonts, sizes, header.

Word keeps formatting in layers (the run, its character style, the paragraph style and the styles
it is based on, the document defaults, the theme), so every property is resolved through the
same chain Word uses before it is judged. Locations count paragraphs of the document body, as
Word's paragraph list shows them: "đoạn 12"; text inside tables is "bảng 1, hàng 2, cột 1".
"""

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.shared import Emu

from dangvu.lib.checker import Finding
from dangvu.lib.dates import place_date
from dangvu.lib.party_doc import header_over, motto_lines
from dangvu.lib.rules import RULES_DIR, Rule

# Type names that open the title of a Party document (the first line under the header).
DOC_TYPES = {
    "NGHỊ QUYẾT",
    "QUYẾT ĐỊNH",
    "CHỈ THỊ",
    "KẾT LUẬN",
    "QUY CHẾ",
    "QUY ĐỊNH",
    "HƯỚNG DẪN",
    "BÁO CÁO",
    "KẾ HOẠCH",
    "CHƯƠNG TRÌNH",
    "THÔNG BÁO",
    "TỜ TRÌNH",
    "BIÊN BẢN",
    "ĐỀ ÁN",
    "PHƯƠNG ÁN",
    "THÔNG TRI",
    "ĐIỀU LỆ",
}
PLACE_DATE = re.compile(
    r"(?:(?P<place>[^,\t\n]*[^\W\d_][^,\t\n]*),\s*)?ngày\s+(?P<day>\d{1,2})\s+tháng\s+"
    r"(?P<month>\d{1,2})\s+năm\s+(?P<year>\d{4})"
)
NUMBER_LINE = re.compile(r"^Số\b\s*(?P<colon>:)?\s*(?P<symbol>\S.*)?$")
THEME_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
EXCERPT = 80


# Short Vietnamese titles of the finding codes, beside those of `dangvu.lib.checker`.
CODE_TITLES = {
    "format_paper": "Khổ giấy không phải A4",
    "format_margin": "Lề trang sai quy định",
    "format_font": "Phông chữ không phải Times New Roman",
    "format_size": "Cỡ chữ phần nội dung sai quy định",
    "format_footnote_size": "Cỡ chữ chú thích sai quy định",
    "format_header_party": "Thiếu hoặc sai tiêu đề “ĐẢNG CỘNG SẢN VIỆT NAM”",
    "format_header_star": "Thiếu dấu “*” dưới tên cơ quan ban hành",
    "format_header_number": "Dòng số và ký hiệu sai thể thức",
    "format_header_date": "Dòng địa danh, ngày tháng sai thể thức",
    "format_title": "Tên loại văn bản sai thể thức",
}


class DocxFormatError(ValueError):
    """The file is not a .docx that can be read."""


def check_docx_format(path_or_file: str | IO[bytes], rule: Rule | None = None) -> list[Finding]:
    """The format findings of a .docx (a path or a binary file object).

    Without `rule`, the rule in force on the document's own date (its place-date line) is used,
    or today's when the line is missing.
    """
    try:
        document = docx.Document(path_or_file)
    except Exception as exc:  # python-docx raises several kinds for a file that is not a .docx
        raise DocxFormatError(
            "Không đọc được tệp: đây không phải tệp Word .docx hợp lệ "
            "(tệp .doc cũ cần lưu lại dưới dạng .docx)."
        ) from exc
    return _Checker(document, rule).run()


def _mm(emu) -> float:
    return Emu(emu).mm


def _num(value: float) -> str:
    """12.0 -> "12", 12.5 -> "12,5": numbers as Vietnamese text writes them."""
    return f"{value:.1f}".rstrip("0").rstrip(".").replace(".", ",")


def _excerpt(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= EXCERPT else text[: EXCERPT - 1] + "…"


@dataclass
class _Para:
    element: object  # the w:p element
    location: str
    # The number of the body paragraph, or of the last one before the table or footnote part:
    # findings sort in reading order by it.
    line: int


class _Styles:
    """Resolves run and paragraph properties through styles, defaults and the theme."""

    def __init__(self, document):
        root = document.styles.element
        self.by_id = {s.get(qn("w:styleId")): s for s in root.findall(qn("w:style"))}
        self.default_paragraph = next(
            (
                sid
                for sid, s in self.by_id.items()
                if s.get(qn("w:type")) == "paragraph" and s.get(qn("w:default")) in ("1", "true")
            ),
            None,
        )
        defaults = root.find(qn("w:docDefaults"))
        self.rpr_default = (
            None if defaults is None else defaults.find(qn("w:rPrDefault") + "/" + qn("w:rPr"))
        )
        self.ppr_default = (
            None if defaults is None else defaults.find(qn("w:pPrDefault") + "/" + qn("w:pPr"))
        )
        self.theme = _theme_fonts(document)
        self._chains: dict[str | None, list] = {}

    def chain(self, style_id: str | None) -> list:
        """The style and those it is based on, nearest first."""
        if style_id not in self._chains:
            chain, seen, current = [], set(), style_id
            while current and current in self.by_id and current not in seen:
                seen.add(current)
                style = self.by_id[current]
                chain.append(style)
                based = style.find(qn("w:basedOn"))
                current = None if based is None else based.get(qn("w:val"))
            self._chains[style_id] = chain
        return self._chains[style_id]

    def paragraph_style(self, p) -> str | None:
        ppr = p.find(qn("w:pPr"))
        pstyle = None if ppr is None else ppr.find(qn("w:pStyle"))
        return self.default_paragraph if pstyle is None else pstyle.get(qn("w:val"))

    def run_layers(self, r, p) -> list:
        """The rPr elements that decide a run's look, nearest first."""
        layers = []
        rpr = r.find(qn("w:rPr"))
        if rpr is not None:
            layers.append(rpr)
            rstyle = rpr.find(qn("w:rStyle"))
            if rstyle is not None:
                layers += [s.find(qn("w:rPr")) for s in self.chain(rstyle.get(qn("w:val")))]
        layers += [s.find(qn("w:rPr")) for s in self.chain(self.paragraph_style(p))]
        layers.append(self.rpr_default)
        return [layer for layer in layers if layer is not None]

    def run_value(self, r, p, tag: str, attr: str = "w:val", default=None):
        for layer in self.run_layers(r, p):
            el = layer.find(qn(tag))
            if el is not None:
                return el.get(qn(attr), "true")
        return default

    def run_font(self, r, p, slot: str) -> str:
        """The font of `slot` ("ascii" or "hAnsi"); Word's own default is Times New Roman."""
        for layer in self.run_layers(r, p):
            fonts = layer.find(qn("w:rFonts"))
            if fonts is None:
                continue
            theme = fonts.get(qn(f"w:{slot}Theme"))
            if theme:
                return self.theme.get("major" if theme.startswith("major") else "minor", theme)
            name = fonts.get(qn(f"w:{slot}"))
            if name:
                return name
        return "Times New Roman"

    def run_size(self, r, p) -> float:
        value = self.run_value(r, p, "w:sz")
        return int(value) / 2 if value and value.isdigit() else 10.0

    def run_flag(self, r, p, tag: str) -> bool:
        return self.run_value(r, p, tag, default="false") not in ("0", "false", "off", "none")

    def alignment(self, p) -> str:
        layers = [p.find(qn("w:pPr"))]
        layers += [s.find(qn("w:pPr")) for s in self.chain(self.paragraph_style(p))]
        layers.append(self.ppr_default)
        for layer in layers:
            jc = None if layer is None else layer.find(qn("w:jc"))
            if jc is not None:
                return jc.get(qn("w:val"), "left")
        return "left"


def _theme_fonts(document) -> dict[str, str]:
    try:
        theme = document.part.part_related_by(RT.THEME)
    except KeyError:
        return {}
    root = parse_xml(theme.blob)
    fonts = {}
    for kind in ("major", "minor"):
        latin = root.find(f".//{{{THEME_NS}}}{kind}Font/{{{THEME_NS}}}latin")
        if latin is not None and latin.get("typeface"):
            fonts[kind] = latin.get("typeface")
    return fonts


def _runs(p) -> Iterator:
    """The runs of a paragraph that show text (also inside links and fields), not deleted ones."""
    for r in p.iter(qn("w:r")):
        if any(a.tag == qn("w:del") for a in r.iterancestors()):
            continue
        yield r


def _run_text(r) -> str:
    out = []
    for child in r:
        if child.tag == qn("w:t"):
            out.append(child.text or "")
        elif child.tag == qn("w:tab"):
            out.append("\t")
        elif child.tag in (qn("w:br"), qn("w:cr")):
            out.append("\n")
    return "".join(out)


def _text(p) -> str:
    return "".join(_run_text(r) for r in _runs(p))


class _Tally:
    """Counts a kind of problem over paragraphs and keeps the first place it was seen."""

    def __init__(self):
        self.first: dict = {}
        self.count: dict = {}

    def add(self, key, para: _Para, text: str):
        if key not in self.first:
            self.first[key] = (para, text)
            self.count[key] = 0
        self.count[key] += 1

    def items(self):
        for key, (para, text) in self.first.items():
            yield key, para, text, self.count[key]


def _looks(line: dict) -> str:
    """How a header line is written, in words: "chữ in hoa, đậm, có gạch dưới"."""
    looks = ["chữ in hoa" if line["text"].isupper() else "chữ thường"]
    looks += ["đậm"] if line.get("bold") else []
    return ", ".join(looks + (["có gạch dưới"] if line.get("underline") else []))


def _rule_of_header(header_lines, day: dt.date) -> Rule:
    """The layout a document's header says it follows: the Party's when its right-column line
    ("ĐẢNG CỘNG SẢN VIỆT NAM") stands there, else the first mass organization's
    (rules/mass_format/<kind>/) whose right-column lines all stand there; the Party's when none
    does, so that the findings say what a Party document misses."""
    texts = [" ".join(line.split()) for line, _ in header_lines]

    def stands(rule: Rule) -> bool:
        return all(any(m["text"] in text for text in texts) for m in motto_lines(rule))

    party = header_over(day)
    if stands(party):
        return party
    for folder in sorted(p for p in (RULES_DIR / "mass_format").iterdir() if p.is_dir()):
        try:
            rule = header_over(day, f"mass_format/{folder.name}")
        except LookupError:  # no rule of that organization yet on the document's day
            continue
        if stands(rule):
            return rule
    return party


class _Checker:
    def __init__(self, document, rule: Rule | None):
        self.document = document
        self.styles = _Styles(document)
        self.paragraphs, self.header_paragraphs, self.title, self.body = self._layout()
        self.header_lines = [
            (line.strip(), para)
            for para in self.header_paragraphs
            for line in re.split(r"[\t\n]", _text(para.element))
            if line.strip()
        ]
        self.rule = rule or _rule_of_header(
            self.header_lines, self._document_day() or dt.date.today()
        )
        self.findings: list[Finding] = []

    def run(self) -> list[Finding]:
        self._check_page()
        self._check_fonts()
        self._check_body_sizes()
        self._check_footnotes()
        self._check_header()
        self._check_title()
        # Reading order: the page settings (line 0) first, then paragraph by paragraph.
        return sorted(self.findings, key=lambda f: f.line)

    def add(self, where, excerpt, problem, suggestion, code):
        """`where` is a paragraph (its location and number) or a place named in words."""
        location, line = (where.location, where.line) if isinstance(where, _Para) else (where, 0)
        self.findings.append(Finding(code, location, line, _excerpt(excerpt), problem, suggestion))

    # --- the document's parts ----------------------------------------------------------------

    def _layout(self):
        """All paragraphs in reading order; the header ones; the title; the body ones."""
        paragraphs, table_no, top_no = [], 0, 0
        blocks = []  # ("p", _Para) or ("tbl", [_Para, ...])
        for child in self.document.element.body:
            if child.tag == qn("w:p"):
                top_no += 1
                para = _Para(child, f"đoạn {top_no}", top_no)
                paragraphs.append(para)
                blocks.append(("p", para))
            elif child.tag == qn("w:tbl"):
                table_no += 1
                cells = list(self._table_paragraphs(child, table_no, top_no))
                paragraphs += cells
                blocks.append(("tbl", cells))
        title_at = next(
            (
                i
                for i, (kind, item) in enumerate(blocks)
                if kind == "p" and " ".join(_text(item.element).split()).upper() in DOC_TYPES
            ),
            None,
        )
        if title_at is None:
            # No type name: take the first table, or else the first paragraphs, as the header.
            first_table = next((i for i, (kind, _) in enumerate(blocks) if kind == "tbl"), None)
            head_end = first_table + 1 if first_table is not None and first_table < 8 else 6
            title = None
        else:
            head_end, title = title_at, blocks[title_at][1]
        header = []
        for kind, item in blocks[:head_end]:
            header += item if kind == "tbl" else [item]
        body = []
        for kind, item in blocks[head_end:]:
            if kind != "p" or item is title:
                continue
            if _text(item.element).strip().startswith("Nơi nhận"):
                break
            body.append(item)
        return paragraphs, header, title, body

    def _table_paragraphs(self, tbl, table_no, line) -> Iterator[_Para]:
        for r, tr in enumerate(tbl.findall(qn("w:tr")), start=1):
            for c, tc in enumerate(tr.findall(qn("w:tc")), start=1):
                for p in tc.iter(qn("w:p")):
                    yield _Para(p, f"bảng {table_no}, hàng {r}, cột {c}", line)

    def _document_day(self) -> dt.date | None:
        for line, _ in self.header_lines:
            m = PLACE_DATE.search(line)
            if m:
                try:
                    return dt.date(int(m["year"]), int(m["month"]), int(m["day"]))
                except ValueError:
                    return None
        return None

    # --- checks ------------------------------------------------------------------------------

    def _check_page(self):
        page = self.rule["page"]
        tolerance = page["margin_tolerance_mm"]
        sections = self.document.sections
        for i, section in enumerate(sections, start=1):
            where = "toàn văn bản" if len(sections) == 1 else f"phần {i} của văn bản"
            width, height = section.page_width, section.page_height
            if width is None or height is None:
                self.add(
                    where,
                    "",
                    "Văn bản không khai báo khổ giấy.",
                    f"Chọn khổ giấy A4 ({page['width_mm']} × {page['height_mm']} mm).",
                    "format_paper",
                )
            else:
                size = sorted((_mm(width), _mm(height)))
                wanted = sorted((page["width_mm"], page["height_mm"]))
                if any(abs(a - b) > tolerance for a, b in zip(size, wanted, strict=True)):
                    self.add(
                        where,
                        f"{_num(_mm(width))} × {_num(_mm(height))} mm",
                        f"Khổ giấy {_num(_mm(width))} × {_num(_mm(height))} mm, không phải A4 "
                        f"({page['width_mm']} × {page['height_mm']} mm).",
                        f"Chọn khổ giấy A4 ({page['width_mm']} × {page['height_mm']} mm) trong "
                        "Bố cục > Kích thước.",
                        "format_paper",
                    )
            for name, attr, key in (
                ("trên", "top_margin", "margin_top_mm"),
                ("dưới", "bottom_margin", "margin_bottom_mm"),
                ("trái", "left_margin", "margin_left_mm"),
                ("phải", "right_margin", "margin_right_mm"),
            ):
                value = getattr(section, attr)
                actual = None if value is None else _mm(value)
                if actual is None or abs(actual - page[key]) > tolerance:
                    shown = "không khai báo" if actual is None else f"{_num(actual)} mm"
                    self.add(
                        where,
                        f"lề {name}: {shown}",
                        f"Lề {name} {shown}, quy định {_num(page[key])} mm.",
                        f"Đặt lề {name} {_num(page[key])} mm.",
                        "format_margin",
                    )

    def _check_fonts(self):
        wanted = self.rule["font"]
        tally = _Tally()
        for para in self.paragraphs + self._footnote_paragraphs():
            seen = set()
            for r in _runs(para.element):
                if not _run_text(r).strip():
                    continue
                for slot in ("ascii", "hAnsi"):
                    font = self.styles.run_font(r, para.element, slot)
                    if font.casefold() != wanted.casefold() and font not in seen:
                        seen.add(font)
                        tally.add(font, para, _text(para.element))
        for font, para, text, count in tally.items():
            where = "đoạn" if count == 1 else f"{count:02d} đoạn"
            self.add(
                para,
                text,
                f"Dùng phông chữ “{font}” ({where}, lần đầu ở {para.location}); quy định dùng "
                f"phông {wanted}.",
                f"Chọn toàn bộ văn bản (và các kiểu định dạng – style) rồi đổi sang phông {wanted}.",
                "format_font",
            )

    def _check_body_sizes(self):
        body = self.rule["body"]
        self._check_sizes(self.body, body["min"], body["max"], "chữ phần nội dung", "format_size")

    def _check_footnotes(self):
        note = self.rule["footnote"]
        paragraphs = self._footnote_paragraphs()
        self._check_sizes(
            paragraphs, note["min"], note["max"], "chữ chú thích", "format_footnote_size"
        )

    def _check_sizes(self, paragraphs, low, high, what, code):
        tally = _Tally()
        for para in paragraphs:
            p = para.element
            if self.styles.alignment(p) in ("center", "right", "end"):
                continue  # titles, dates and signatures set their own sizes
            sizes = set()
            for r in _runs(p):
                if not _run_text(r).strip():
                    continue
                if self.styles.run_value(r, p, "w:vertAlign", default="baseline") != "baseline":
                    continue
                size = self.styles.run_size(r, p)
                if not low <= size <= high:
                    sizes.add(size)
            for size in sorted(sizes):
                tally.add(size, para, _text(p))
        for size, para, text, count in tally.items():
            span = f"{_num(low)}–{_num(high)}" if low != high else _num(low)
            self.add(
                para,
                text,
                f"Cỡ {what} {_num(size)} ({count:02d} đoạn, lần đầu ở {para.location}); quy định "
                f"cỡ {span}.",
                f"Đặt cỡ chữ {_num(high)} cho các đoạn này.",
                code,
            )

    def _footnote_paragraphs(self) -> list[_Para]:
        if not hasattr(self, "_footnotes"):
            self._footnotes: list[_Para] = []
            try:
                part = self.document.part.part_related_by(RT.FOOTNOTES)
            except KeyError:
                return self._footnotes
            root = parse_xml(part.blob)
            for note in root.findall(qn("w:footnote")):
                if note.get(qn("w:type")) in (
                    "separator",
                    "continuationSeparator",
                    "continuationNotice",
                ):
                    continue
                for p in note.iter(qn("w:p")):
                    self._footnotes.append(
                        _Para(p, f"chú thích {note.get(qn('w:id'))}", len(self.paragraphs))
                    )
        return self._footnotes

    def _check_header(self):
        spec = self.rule["header"]
        where = self.header_paragraphs[0] if self.header_paragraphs else "đầu văn bản"
        for motto in motto_lines(self.rule):
            self._check_motto(where, motto)
        lines = [line for line, _ in self.header_lines]
        if spec["star"] and spec["star"] not in lines:  # a union's header has no star
            self.add(
                where,
                "",
                f"Thiếu dấu “{spec['star']}” dưới tên cơ quan ban hành.",
                f"Thêm một dòng “{spec['star']}” dưới tên cơ quan ban hành, trên dòng số và "
                "ký hiệu.",
                "format_header_star",
            )
        numbers = [(line, para) for line, para in self.header_lines if NUMBER_LINE.match(line)]
        if not numbers:
            self.add(
                where,
                "",
                "Thiếu dòng số và ký hiệu văn bản (ví dụ “Số 15-BC/ĐU”).",
                "Ghi số và ký hiệu dưới dấu “*”, ví dụ “Số 15-BC/ĐU”.",
                "format_header_number",
            )
        else:
            line, para = numbers[0]
            m = NUMBER_LINE.match(line)
            colon = spec.get("number_colon", False)
            if bool(m["colon"]) != colon:
                fixed = f"Số{':' if colon else ''} {m['symbol'] or ''}".strip()
                self.add(
                    para,
                    line,
                    "Văn bản này ghi “Số:” có dấu hai chấm (như văn bản nhà nước)."
                    if colon
                    else "Văn bản của Đảng ghi “Số” không có dấu hai chấm (khác văn bản nhà nước).",
                    f"Sửa thành “{fixed}”.",
                    "format_header_number",
                )
        self._check_place_date(where)

    def _check_motto(self, where, motto: dict):
        """A line of the header's right column ("ĐẢNG CỘNG SẢN VIỆT NAM", the Quốc hiệu): there,
        and bold when its rule says so."""
        text = motto["text"]
        found = [(line, para) for line, para in self.header_lines if text in " ".join(line.split())]
        if not found:
            self.add(
                where,
                self.header_lines[0][0] if self.header_lines else "",
                f"Thiếu tiêu đề “{text}” ở góc phải đầu văn bản.",
                f"Ghi “{text}” ({_looks(motto)}) ở góc phải, phía trên.",
                "format_header_party",
            )
        elif motto.get("bold") and not self._all_bold(found[0][1].element, text):
            self.add(
                found[0][1],
                found[0][0],
                f"Tiêu đề “{text}” không in đậm.",
                "In đậm tiêu đề.",
                "format_header_party",
            )

    def _check_place_date(self, where):
        found = next(
            ((line, para, m) for line, para in self.header_lines if (m := PLACE_DATE.search(line))),
            None,
        )
        if found is None:
            self.add(
                where,
                "",
                "Thiếu dòng địa danh và ngày tháng năm ban hành (ví dụ “Trà Vinh, ngày 05 tháng "
                "12 năm 2017”).",
                "Ghi địa danh và ngày tháng năm (chữ nghiêng) dưới tiêu đề “ĐẢNG CỘNG SẢN VIỆT NAM”.",
                "format_header_date",
            )
            return
        line, para, m = found
        day, month, year = m["day"], m["month"], m["year"]
        try:
            date = dt.date(int(year), int(month), int(day))
        except ValueError:
            self.add(
                para,
                line,
                f"Ngày {day} tháng {month} năm {year} không có thật.",
                "Kiểm tra lại ngày ban hành.",
                "format_header_date",
            )
            return
        problems = []
        if date.day < 10 and not day.startswith("0"):
            problems.append(f"ngày nhỏ hơn 10 phải có số 0 phía trước (“ngày 0{date.day}”)")
        if date.month <= 2 and not month.startswith("0"):
            problems.append(f"tháng 1, 2 phải có số 0 phía trước (“tháng 0{date.month}”)")
        if date.month > 2 and month.startswith("0"):
            problems.append(f"chỉ tháng 1, 2 có số 0 phía trước (“tháng {date.month}”)")
        if problems:
            place = (m["place"] or "").strip()
            fixed = place_date(place, date) if place else place_date("", date)[2:]
            self.add(
                para,
                line,
                "Dòng ngày tháng viết chưa đúng: " + "; ".join(problems) + ".",
                f"Sửa thành “{fixed}”.",
                "format_header_date",
            )

    def _check_title(self):
        if self.title is None:
            return
        spec = self.rule["title"]["doc_type"]
        text = " ".join(_text(self.title.element).split())
        if spec.get("bold") and not self._all_bold(self.title.element, text):
            self.add(
                self.title,
                text,
                f"Tên loại văn bản “{text}” không in đậm.",
                f"In đậm tên loại văn bản, chữ in hoa, cỡ {_num(spec['min'])}–{_num(spec['max'])}.",
                "format_title",
            )

    def _all_bold(self, p, phrase: str) -> bool:
        """Whether every letter of the paragraph's runs that carry `phrase` is bold."""
        words = set(phrase.split())
        for r in _runs(p):
            text = _run_text(r)
            if text.strip() and set(text.split()) & words and not self.styles.run_flag(r, p, "w:b"):
                return False
        return True
