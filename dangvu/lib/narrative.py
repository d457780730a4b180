"""The narrative markup of report sections: plain Vietnamese text with fact placeholders and
footnotes, small enough for a committee office to type in a text box.

- Each line is a paragraph; blank lines are ignored.
- `{party.members}` puts a fact's value; `{fees.collected|money}` chooses its format.
- `[^…]` is a footnote: its text may hold placeholders too (but not another footnote).
- `[?…]` is an optional stretch: it is left out when every figure in it is absent (no value, an
  empty text or list, or zero), so a report never says "00 cuộc hội nghị" about nothing. A line
  left empty by it is dropped.
- `{name|if}` writes nothing: it is a condition of the optional stretch around it, which is left
  out when that figure is absent.
- `{name|nil}` writes a zero as an office would ("không có đảng viên dự bị"), other counts as usual.
- `[cần bổ sung: …]` is an open slot the office still has to fill; a report cannot be finalised
  while one is left.
- A line holding only `{name|table}` is a table block; `{name|lines}` makes one paragraph of each
  item of a list fact (a work programme's items).
- `{{` and `}}` write literal braces.

Parsing never fails: text that is not markup stays text, so whatever the office types renders.
"""

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

PLACEHOLDER = re.compile(r"\{([a-z][a-z0-9_]*(?:\.[a-z0-9_-]+)*)(?:\|([a-z_]+))?\}")
BLOCK_LINE = re.compile(r"^\s*\{([a-z][a-z0-9_]*(?:\.[a-z0-9_-]+)*)\|(table|lines)\}\s*$")


@dataclass(frozen=True)
class Text:
    text: str


@dataclass(frozen=True)
class Fact:
    name: str
    fmt: str = ""


@dataclass(frozen=True)
class Note:
    """A footnote, placed where it stands in the text."""

    parts: tuple


@dataclass(frozen=True)
class Optional:
    """A stretch left out when all the figures in it are absent."""

    parts: tuple


SLOT = "[cần bổ sung"


@dataclass
class Line:
    parts: list = field(default_factory=list)
    block: str | None = None  # the fact name of a block line
    kind: str = ""  # "table" or "lines" for a block line


def parse(text: str) -> list[Line]:
    lines = []
    for raw in (text or "").splitlines():
        if not raw.strip():
            continue
        m = BLOCK_LINE.match(raw)
        if m:
            lines.append(Line(block=m.group(1), kind=m.group(2)))
        else:
            lines.append(Line(parts=_parse_line(raw.strip())))
    return lines


def _parse_line(text):
    parts, pos = [], 0
    while pos < len(text):
        start = _next_open(text, pos)
        if start < 0:
            parts += _inline(text[pos:])
            break
        end = _closing_bracket(text, start + 2)
        if end < 0:
            parts += _inline(text[pos:])
            break
        parts += _inline(text[pos:start])
        inner = text[start + 2 : end]
        if text[start + 1] == "^":
            parts.append(Note(tuple(_inline(inner))))
        else:
            parts.append(Optional(tuple(_parse_line(inner))))
        pos = end + 1
    return _merge(parts)


def _next_open(text, pos):
    """The start of the next footnote "[^" or optional stretch "[?"."""
    found = [i for i in (text.find("[^", pos), text.find("[?", pos)) if i >= 0]
    return min(found) if found else -1


def _closing_bracket(text, pos):
    """The "]" closing a footnote, skipping nested [ … ] pairs inside it."""
    depth = 0
    for i in range(pos, len(text)):
        if text[i] == "[":
            depth += 1
        elif text[i] == "]":
            if depth == 0:
                return i
            depth -= 1
    return -1


def _inline(text):
    parts, pos = [], 0
    text = text.replace("{{", "\x00").replace("}}", "\x01")
    for m in PLACEHOLDER.finditer(text):
        parts.append(Text(text[pos : m.start()]))
        parts.append(Fact(m.group(1), m.group(2) or ""))
        pos = m.end()
    parts.append(Text(text[pos:]))
    return [
        Text(p.text.replace("\x00", "{").replace("\x01", "}")) if isinstance(p, Text) else p
        for p in parts
        if not (isinstance(p, Text) and not p.text)
    ]


def _merge(parts):
    out = []
    for p in parts:
        if out and isinstance(p, Text) and isinstance(out[-1], Text):
            out[-1] = Text(out[-1].text + p.text)
        else:
            out.append(p)
    return out


def fact_names(text: str) -> set[str]:
    """Every fact a text refers to, footnotes and tables included."""
    names = set()
    for line in parse(text):
        if line.block:
            names.add(line.block)
        names |= {p.name for p in flatten(line.parts) if isinstance(p, Fact)}
    return names


def flatten(parts: Iterable[object]) -> Iterator[object]:
    """Every part, with the parts inside footnotes and optional stretches in their place."""
    for part in parts:
        if isinstance(part, Note | Optional):
            yield from flatten(part.parts)
        else:
            yield part


def is_absent(value: object) -> bool:
    """No figure to speak of: missing, an empty text or list, or zero (but not "false")."""
    if value is None or isinstance(value, bool):
        return value is None
    if isinstance(value, str | list | tuple):
        return not value or (isinstance(value, str) and not value.strip())
    return value == 0


def render_value(value: object, fmt: str = "") -> str:
    """A fact's value as Party documents write it.

    Counts take two digits ("04"), money dotted thousands, decimals a comma; `over` rounds down to
    the hundred for "hơn 800"; lists join with "; ". `thousand_dong` and `million_dong` write a
    sum given in thousands or millions of đồng in the largest unit it reaches ("1.245,6 tỷ đồng").
    """
    from decimal import Decimal

    from dangvu.lib.text import count, decimal_vi, dong, money

    if value is None:
        return ""
    if fmt == "if":
        return ""  # only makes an optional stretch depend on the figure
    if fmt == "nil" and not isinstance(value, bool) and value == 0:
        return "không có"
    if fmt == "plain":
        return str(value)
    if fmt == "upper":
        return str(value).upper()
    if fmt == "lower":
        return str(value)[:1].lower() + str(value)[1:]
    if isinstance(value, list | tuple):
        return "; ".join(render_value(v) for v in value)
    if isinstance(value, bool):
        return "có" if value else "không"
    if isinstance(value, int):
        if fmt == "money":
            return money(value)
        if fmt in ("thousand_dong", "million_dong"):  # with its unit, as large as it goes
            return dong(value, {"thousand_dong": "nghìn đồng", "million_dong": "triệu đồng"}[fmt])
        if fmt == "over":
            return money(value // 100 * 100) if value >= 100 else count(value)
        if fmt == "percent":
            return f"{value}%"
        # A zero is never "00": the template says it in words (`nil`) or leaves it out.
        return count(value) if value else "0"
    if isinstance(value, Decimal | float):
        return decimal_vi(value) + ("%" if fmt == "percent" else "")
    return str(value)
