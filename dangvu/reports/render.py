"""From a draft and the facts to a `PartyDocument` (dangvu/lib/party_doc.py), and to Markdown.

Section numbers are computed from the tree, placeholders take their values from facts, footnotes
become real footnotes. The same document model feeds Word, PDF, HTML and Markdown.
"""

import re
from dataclasses import dataclass, field

from dangvu.lib import narrative
from dangvu.lib.dates import place_date
from dangvu.lib.party_doc import (
    Footnote,
    Header,
    Paragraph,
    PartyDocument,
    Run,
    Signature,
    Table,
    format_rule,
    motto_lines,
)
from dangvu.orgs.kinds import mass_format_topic
from dangvu.orgs.symbols import document_symbol

from . import mass
from .periods import default_issue_date
from .report_template import org_kind, pick, template_for

ROMAN = [
    "I",
    "II",
    "III",
    "IV",
    "V",
    "VI",
    "VII",
    "VIII",
    "IX",
    "X",
    "XI",
    "XII",
    "XIII",
    "XIV",
    "XV",
]


@dataclass
class Rendered:
    document: PartyDocument
    used: set = field(default_factory=set)  # fact names the report shows
    missing: set = field(default_factory=set)  # fact names no provider knows (typos)
    slots: list = field(default_factory=list)  # the open "[cần bổ sung: …]" slots, in order


# Figures whose names depend on records (a campaign's key, a scored organization's slug) or on
# the kind of organization (only a committee or cell keeps a fee ledger): a name of these families
# that has no value here is a slot to fill, not a typo.
DYNAMIC_PREFIXES = (
    "campaigns.",
    "contests.",
    "scores.",
    "indicators.",
    "degradation.collective.",
    "fees.",
    "programme.",
)


# The organization's names and the period's words frame a sentence; they are not its figures.
CONTEXT_PREFIXES = ("org.", "period.")


# The header's left column holds about this many capitals of 14 pt a line (90 mm, 36-HD/VPTW).
HEADER_LINE = 30
# Words an office starts the second line of a long name with: a name is broken between its
# phrases ("ĐẢNG ỦY SỞ THÔNG TIN / VÀ TRUYỀN THÔNG"), never inside one.
BREAK_BEFORE = ("VÀ", "TỈNH", "HUYỆN", "THÀNH PHỐ", "QUẬN", "THỊ XÃ", "CÁC", "CÔNG TY", "SỞ")


def break_name(name: str, width: int = HEADER_LINE) -> str:
    """A header name on the lines an office would break it into ("\n" between them): one line
    when it fits, else two, at the phrase boundary that best balances them."""
    words = name.split()
    if len(name) <= width or len(words) < 3:
        return name
    best = None
    for i in range(2, len(words)):
        first, second = " ".join(words[:i]), " ".join(words[i:])
        if not second or len(first) > width + 4:
            continue
        phrase = any(second.startswith(w + " ") or second == w for w in BREAK_BEFORE)
        # A line too long for the column is the worst; then a break inside a phrase.
        too_long = max(len(first), len(second)) > width + 4
        score = (too_long, not phrase, abs(len(first) - len(second)))
        if best is None or score < best[0]:
            best = (score, f"{first}\n{second}")
    return best[1] if best else name


def is_dynamic(name):
    return name.startswith(DYNAMIC_PREFIXES)


def slot(what):
    return f"{narrative.SLOT}: {what}]"


def section_numbers(sections):
    """{key: "II" | "3" | "2.1" | "a)"} following the tree order of `sections`."""
    numbers, counters = {}, {}
    for s in sections:
        parent = s.parent_key
        counters[parent] = counters.get(parent, 0) + 1
        n = counters[parent]
        if not parent:
            numbers[s.key] = ROMAN[n - 1] if n <= len(ROMAN) else str(n)
        elif s.numbering == "letter":
            numbers[s.key] = f"{chr(ord('a') + n - 1)})"
        elif numbers.get(parent, "").isdigit():
            numbers[s.key] = f"{numbers[parent]}.{n}"
        else:
            numbers[s.key] = str(n)
    return numbers


def _depth(section, by_key):
    depth = 0
    while section.parent_key:
        section = by_key[section.parent_key]
        depth += 1
    return depth


class _Renderer:
    def __init__(self, facts, link, labels=None):
        self.facts = facts
        self.labels = labels or {}
        self.link = link or (lambda name: None)
        self.used, self.missing = set(), set()
        self.optional = 0  # inside an optional stretch, an empty wording says nothing

    def slot(self, name):
        """The open slot of a figure the records do not give, named by its label."""
        return slot((self.labels.get(name) or name).rstrip(": "))

    def value(self, name, fmt):
        self.used.add(name)
        if name not in self.facts:
            if is_dynamic(name):
                return self.slot(name)
            self.missing.add(name)
            return f"[thiếu số liệu: {name}]"
        value = self.facts[name]
        if value is None or (isinstance(value, str) and not value.strip()):
            return "" if self.optional else self.slot(name)
        return narrative.render_value(value, fmt)

    def absent(self, parts):
        """Whether an optional stretch is left out: a condition of it (`{name|if}`) is absent, or
        every figure in it is (it has at least one)."""
        conditions = [p.name for p in parts if isinstance(p, narrative.Fact) and p.fmt == "if"]
        if any(narrative.is_absent(self.facts.get(n)) for n in conditions):
            return True
        names = [
            p.name
            for p in narrative.flatten(parts)
            if isinstance(p, narrative.Fact) and not p.name.startswith(CONTEXT_PREFIXES)
        ]
        return bool(names) and all(narrative.is_absent(self.facts.get(n)) for n in names)

    def text(self, source):
        """Plain text of a one-line markup (titles, the closing line)."""
        out = []
        for line in narrative.parse(source):
            out += self.plain(line.parts)
        return "".join(out)

    def plain(self, parts):
        out = []
        for part in parts:
            if isinstance(part, narrative.Fact):
                out.append(self.value(part.name, part.fmt))
            elif isinstance(part, narrative.Text):
                out.append(part.text)
            elif isinstance(part, narrative.Optional) and not self.absent(part.parts):
                self.optional += 1
                out += self.plain(part.parts)
                self.optional -= 1
        return out

    def blocks(self, source):
        blocks = []
        for line in narrative.parse(source):
            if line.kind == "table":
                blocks.append(self.table(line.block))
                continue
            if line.kind == "lines":
                blocks += self.lines(line.block)
                continue
            runs = self.runs(line.parts)
            if _says_something(runs):
                blocks.append(Paragraph(runs))
        return blocks

    def runs(self, parts):
        runs = []
        for part in parts:
            if isinstance(part, narrative.Text):
                runs.append(Run(part.text))
            elif isinstance(part, narrative.Fact):
                runs.append(Run(self.value(part.name, part.fmt), href=self.link(part.name)))
            elif isinstance(part, narrative.Optional):
                if not self.absent(part.parts):
                    self.optional += 1
                    runs += self.runs(part.parts)
                    self.optional -= 1
            else:
                note = "".join(self.plain(part.parts))
                runs.append(Run("", footnote=Footnote([note.strip()])))
        return runs

    def lines(self, name):
        self.used.add(name)
        if name not in self.facts:
            return [Paragraph([Run(self.value(name, ""))])]
        items = self.facts[name]
        if not items:
            return [Paragraph([Run(self.slot(name))])]
        return [Paragraph([Run(str(item), href=self.link(name))]) for item in items]

    def table(self, name):
        self.used.add(name)
        if name not in self.facts:
            return Paragraph([Run(self.value(name, ""))])
        rows = self.facts[name]
        if not rows or _all_zero(rows):
            return Paragraph([Run(self.slot(name))])
        # The fee ledger is two borderless columns; a wider table is a grid under a heading row.
        style = "ledger" if max(len(row) for row in rows) <= 2 else "grid"
        return Table([[str(c) for c in row] for row in rows], style=style, anchor=name)


def _all_zero(rows):
    """A table whose every figure is zero holds no record: a ledger nobody kept yet."""
    digits = "".join(ch for row in rows for cell in row[1:] for ch in str(cell) if ch.isdigit())
    return bool(digits) and set(digits) == {"0"}


def _says_something(runs):
    """A paragraph left with only a bullet or punctuation once optional stretches went is dropped."""
    if any(r.footnote for r in runs):
        return True
    text = "".join(r.text for r in runs)
    return any(c.isalnum() for c in text)


def is_appendix(section) -> bool:
    """A section whose key starts with "appendix" is printed after the closing, unnumbered."""
    return section.key.startswith("appendix") and not section.parent_key


def _section_blocks(r, s, sections):
    blocks = r.blocks(s.text)
    if not blocks and not any(other.parent_key == s.key for other in sections):
        # A section with nothing from records nor from the office is a slot to fill.
        blocks = [Paragraph([Run(slot(f"nội dung mục “{r.text(s.title)}”"))])]
    return blocks


def names_used(draft, sections) -> set[str]:
    """Every fact name the report of `draft` with `sections` can write: its sections' titles and
    texts, the template's subject and closing line (`build_document` reads no other)."""
    template = template_for(draft.template, draft.org, draft.reporting_period.end)
    kind = org_kind(draft.org)
    texts = [pick(template, "closing", kind) or "", *pick(template, "subject", kind)]
    texts += [text for s in sections for text in (s.title, s.text)]
    return set().union(*(narrative.fact_names(text) for text in texts))


def build_document(draft, sections, facts, link=None, labels=None) -> Rendered:
    """The report of `draft` with fact values `facts` ({name: value}); `labels` ({name: label})
    names the open slots."""
    template = template_for(draft.template, draft.org, draft.reporting_period.end)
    kind = org_kind(draft.org)
    r = _Renderer(facts, link, labels)
    appendices = [s for s in sections if is_appendix(s)]
    sections = [s for s in sections if not is_appendix(s)]
    numbers = section_numbers(sections)
    by_key = {s.key: s for s in sections}
    body = []
    for s in sections:
        depth = _depth(s, by_key)
        style = ("heading1", "heading2", "heading3")[min(depth, 2)]
        sep = " " if numbers[s.key].endswith(")") else ". "
        body.append(
            Paragraph(
                [Run(f"{numbers[s.key]}{sep}{r.text(s.title)}", bold=True)], style, anchor=s.key
            )
        )
        body += _section_blocks(r, s, sections)
    closing = pick(template, "closing", kind)
    if closing:
        body.append(Paragraph([Run(r.text(closing))]))
    for s in appendices:
        # Unit tables follow the report as an appendix, as offices attach them: no number.
        body.append(Paragraph([Run(r.text(s.title), bold=True)], "heading1", anchor=s.key))
        body += _section_blocks(r, s, appendices)
    period = draft.reporting_period
    issued = draft.issued_on or default_issue_date(period)
    place = draft.place or slot("địa danh")
    document = PartyDocument(
        header=Header(
            superior=_superior_line(draft, issued),
            issuer=break_name(draft.issuer_name.upper()),
            number=draft.number or number_slot(draft.org, issued),
            place_date=place_date(place, issued),
        ),
        doc_type=template["doc_type"],
        subject=[r.text(line) for line in pick(template, "subject", kind)],
        body=body,
        recipients=[line.strip() for line in draft.recipients.splitlines() if line.strip()],
        signature=Signature(
            draft.signer_capacity,
            draft.signer_title,
            draft.signer_name or slot("họ và tên người ký"),
        ),
        issued_on=issued,
        draft=not draft.is_final,
        header_rule=mass_format_topic(draft.org),
    )
    return Rendered(document, r.used, r.missing, open_slots(document))


SLOT_PATTERN = re.compile(re.escape(narrative.SLOT) + r"[^\]]*\]")


def open_slots(doc: PartyDocument):
    """Every "[cần bổ sung: …]" left in the document, header to footnotes, in reading order."""
    texts = [doc.header.superior, doc.header.issuer, doc.header.number, doc.header.place_date]
    texts += doc.subject
    for block in doc.body:
        if isinstance(block, Table):
            texts += [cell for row in block.rows for cell in row]
        else:
            texts.append(block.text)
            texts += [p for run in block.runs if run.footnote for p in run.footnote.paragraphs]
    texts += doc.recipients + [doc.signature.capacity, doc.signature.title, doc.signature.name]
    return [m.group(0) for text in texts for m in SLOT_PATTERN.finditer(text or "")]


def _superior_line(draft, issued):
    """The header's first line; a mass organization whose superior of its own system is not
    recorded gets a slot there, since its format requires one."""
    if not draft.superior_name and draft.org.is_mass:
        return slot(mass.superior_slot(draft.org, issued))
    return break_name(draft.superior_name.upper())


def number_slot(org, day):
    """The number line before a number is taken: "Số   -BC/ĐU", the number left blank as drafts
    are typed, so the office sees where it goes; a mass organization's as its format writes it
    ("Số:      /BC-CĐCS"). The code after the slash is never left empty: the one recorded, else
    the one its executive writes (`orgs.symbols`), else a slot the office fills."""
    if org.is_mass:
        return mass.number_slot(org, day)
    symbol = document_symbol(org, day) or slot("ký hiệu")
    return f"Số      -BC/{symbol}"


def to_markdown(doc: PartyDocument) -> str:
    """Markdown with footnotes as `[^n]`, for reading, diffing and the report checker."""
    lines = ["**DỰ THẢO**", ""] if doc.draft else []
    rule = format_rule(doc)
    lines += [
        *doc.header.superior.split("\n"),
        *[f"**{line}**" for line in doc.header.issuer.split("\n")],
        *([rule["header"]["star"]] if rule["header"]["star"] else []),
        doc.header.number,
        "",
        *[f"**{line['text']}**" for line in motto_lines(rule)],
        f"*{doc.header.place_date}*",
        "",
        doc.doc_type,
        "",
    ]
    lines += [f"**{line}**" for line in doc.subject] + [""]
    notes = []
    for block in doc.body:
        if isinstance(block, Table):
            lines += _markdown_table(block) + [""]
            continue
        text = ""
        for run in block.runs:
            text += run.text
            if run.footnote:
                notes.append(run.footnote)
                text += f"[^{len(notes)}]"
        lines += [text, ""]
    end = doc.countersignature
    if end is not None:
        lines += [end.capacity, end.title, "", end.name, ""]
    else:
        lines += ["Nơi nhận:"] + doc.recipients + [""]
    lines += [doc.signature.capacity, doc.signature.title, "", doc.signature.name, ""]
    for i, note in enumerate(notes, 1):
        lines.append(f"[^{i}]: " + " ".join(note.paragraphs))
    return "\n".join(lines).rstrip() + "\n"


def _markdown_table(table: Table) -> list[str]:
    """A table in Markdown with as many columns in its heading as in its rows: a grid's first
    row is its heading; a two-column ledger has an empty one."""
    width = max(len(row) for row in table.rows)
    rows = [
        [cell.replace("|", "\\|") for cell in row] + [""] * (width - len(row)) for row in table.rows
    ]
    if table.style == "grid":
        heading, rows = rows[0], rows[1:]
    else:
        heading = [""] * width
    out = ["| " + " | ".join(heading) + " |", "|" + "---|" * width]
    return out + ["| " + " | ".join(row) + " |" for row in rows]
