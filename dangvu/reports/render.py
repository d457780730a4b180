"""From a draft and the facts to a `PartyDocument` (dangvu/lib/party_doc.py), and to Markdown.

Section numbers are computed from the tree, placeholders take their values from facts, footnotes
become real footnotes. The same document model feeds Word, PDF, HTML and Markdown.
"""

from dataclasses import dataclass, field

from dangvu.lib import narrative
from dangvu.lib.dates import place_date
from dangvu.lib.party_doc import Footnote, Header, Paragraph, PartyDocument, Run, Signature, Table

from .report_template import load_template

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
    missing: set = field(default_factory=set)  # fact names with no value


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
    def __init__(self, facts, link):
        self.facts = facts
        self.link = link or (lambda name: None)
        self.used, self.missing = set(), set()

    def value(self, name, fmt):
        self.used.add(name)
        if name not in self.facts:
            self.missing.add(name)
            return f"[thiếu số liệu: {name}]"
        return narrative.render_value(self.facts[name], fmt)

    def text(self, source):
        """Plain text of a one-line markup (titles, the closing line)."""
        out = []
        for line in narrative.parse(source):
            for part in line.parts:
                if isinstance(part, narrative.Fact):
                    out.append(self.value(part.name, part.fmt))
                elif isinstance(part, narrative.Text):
                    out.append(part.text)
        return "".join(out)

    def blocks(self, source):
        blocks = []
        for line in narrative.parse(source):
            if line.kind == "table":
                blocks.append(self.table(line.block))
                continue
            if line.kind == "lines":
                blocks += self.lines(line.block)
                continue
            runs = []
            for part in line.parts:
                if isinstance(part, narrative.Text):
                    runs.append(Run(part.text))
                elif isinstance(part, narrative.Fact):
                    runs.append(Run(self.value(part.name, part.fmt), href=self.link(part.name)))
                else:
                    note = "".join(
                        p.text if isinstance(p, narrative.Text) else self.value(p.name, p.fmt)
                        for p in part.parts
                    )
                    runs.append(Run("", footnote=Footnote([note.strip()])))
            blocks.append(Paragraph(runs))
        return blocks

    def lines(self, name):
        self.used.add(name)
        items = self.facts.get(name)
        if items is None:
            self.missing.add(name)
            return [Paragraph([Run(f"[thiếu số liệu: {name}]")])]
        return [Paragraph([Run(str(item), href=self.link(name))]) for item in items]

    def table(self, name):
        self.used.add(name)
        rows = self.facts.get(name)
        if not rows:
            self.missing.add(name)
            return Paragraph([Run(f"[thiếu số liệu: {name}]")])
        return Table([[str(c) for c in row] for row in rows], style="ledger", anchor=name)


def build_document(draft, sections, facts, link=None) -> Rendered:
    """The report of `draft` with fact values `facts` ({name: value})."""
    template = load_template(draft.template)
    r = _Renderer(facts, link)
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
        body += r.blocks(s.text)
    if template.get("closing"):
        body.append(Paragraph([Run(r.text(template["closing"]))]))
    issued = draft.issued_on
    document = PartyDocument(
        header=Header(
            superior=draft.superior_name.upper(),
            issuer=draft.issuer_name.upper(),
            number=draft.number,
            place_date=place_date(draft.place, issued) if issued and draft.place else "",
        ),
        doc_type=template["doc_type"],
        subject=[r.text(line) for line in template["subject"]],
        body=body,
        recipients=[line.strip() for line in draft.recipients.splitlines() if line.strip()],
        signature=Signature(draft.signer_capacity, draft.signer_title, draft.signer_name),
        issued_on=issued or _year_end(draft.year),
    )
    return Rendered(document, r.used, r.missing)


def _year_end(year):
    import datetime as dt

    return dt.date(year, 12, 31)


def to_markdown(doc: PartyDocument) -> str:
    """Markdown with footnotes as `[^n]`, for reading, diffing and the report checker."""
    lines = [
        doc.header.superior,
        f"**{doc.header.issuer}**",
        "*",
        doc.header.number,
        "",
        "**ĐẢNG CỘNG SẢN VIỆT NAM**",
        f"*{doc.header.place_date}*",
        "",
        doc.doc_type,
        "",
    ]
    lines += [f"**{line}**" for line in doc.subject] + [""]
    notes = []
    for block in doc.body:
        if isinstance(block, Table):
            lines += (
                ["| | |", "|---|---|"] + [f"| {' | '.join(row)} |" for row in block.rows] + [""]
            )
            continue
        text = ""
        for run in block.runs:
            text += run.text
            if run.footnote:
                notes.append(run.footnote)
                text += f"[^{len(notes)}]"
        lines += [text, ""]
    lines += ["Nơi nhận:"] + doc.recipients + [""]
    lines += [doc.signature.capacity, doc.signature.title, "", doc.signature.name, ""]
    for i, note in enumerate(notes, 1):
        lines.append(f"[^{i}]: " + " ".join(note.paragraphs))
    return "\n".join(lines).rstrip() + "\n"
