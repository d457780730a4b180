"""A reader of Vietnamese counting phrases: a total and the parts that divide it, in prose.

"Đã xử lý kỷ luật 1.574 đảng viên (trong đó: khiển trách 692, cảnh cáo 560, …)", "toàn Đảng bộ
có 58 tổ chức cơ sở đảng, bao gồm 16 đảng bộ cơ sở và 42 chi bộ cơ sở", "… cho 13 đảng viên.
Trong đó, có 11 đồng chí nhận Huy hiệu 30 năm tuổi Đảng và 2 đồng chí nhận …", "Trong 19 đồng chí
… có 4 …; 6 …; 8 …". Pure Python. :func:`read_totals` yields :class:`Division`: the total, where
it is written, its parts and whether they must make up the whole; the checker compares them.

The text is read as sentences (a full stop followed by a space and a capital letter or a line
break ends one; "3.401" and "30.6.2022" do not), and each sentence as counts: a number followed by
its unit ("13 đảng viên", "8 hội nghị", "3 chi ủy"), dates, percentages, fractions and lengths of
time ("30 năm") left out. A total is a count followed by its parts:

* in parentheses: "11 tổ chức đảng cấp dưới (gồm: 8 đảng ủy cơ sở; 3 chi ủy, chi bộ)";
* after a marker in the same clause: "trong đó", "gồm", "bao gồm", "với (các) hình thức", "với";
* in the next sentence, when it opens with "Trong đó", "Trong số đó", "Cụ thể" or "Gồm";
* after "có" in a sentence that opens "Trong N …", as a list with semicolons.

A part is a count in the total's unit (the same first word, or another name for the same kind
of thing: đảng viên, đồng chí, đ/c, học viên, người, trường hợp count people; tổ chức đảng, đảng
bộ, chi bộ, đảng ủy, chi ủy count organizations), written number first or after its label
("30 năm tuổi Đảng có 24 đảng viên", "khối phường: 31 đ/c"), or a category of a known division
(chính thức/dự bị, nam/nữ, the grades of evaluation, the forms of discipline, the years of the
Party badge). Parts in parentheses, after "gồm" or "với", or in a list after "Trong N … có" make
up the whole. After "trong đó" they make it up when they are a known division that covers it,
plain counts in its unit, or parallel phrases that restate what the total counts ("… được trao
tặng Huy hiệu Đảng. Trong đó, có 11 đồng chí nhận Huy hiệu …"); otherwise they may be only some
of it. A part naming a person's attribute (nữ, dân tộc, tôn giáo, trẻ) cuts across the others:
such a list is never added up.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

__all__ = [
    "Division",
    "Family",
    "FAMILIES",
    "CountShare",
    "Share",
    "family_of",
    "is_complete",
    "read_count_shares",
    "read_shares",
    "read_totals",
]

NUM = r"\d{1,3}(?:\.\d{3})+(?![\d.,]\d)|\d{1,6}(?![\d.,]\d)"
_WORD = r"(?:đ/c|[^\W\d_]+)"
# A count: a number not inside a date, a fraction, a decimal, a symbol or a percentage.
_COUNT = re.compile(
    rf"(?<![\w.,/–-])(?<!/[ \t])(?P<n>{NUM})(?:(?=đảng[ \t]+viên|đồng[ \t]+chí)|(?![\w/%]|[.,]\d|\s*%|-\d))",
    re.IGNORECASE,
)
_UNIT_AFTER = re.compile(rf"[ \t]*(?P<words>{_WORD}(?:[ \t]+{_WORD}){{0,7}})", re.IGNORECASE)
_TIME_UNITS = frozenset({"năm", "tháng", "ngày", "tuần", "giờ", "phút", "quý", "tuổi", "kỳ"})
_SENTENCE_END = re.compile(r"(?<=[.!?…])[ \t]+(?=[A-ZÀ-Ỹ\"“(])|\n+")
_NEXT_MARKER = re.compile(
    r"^[ \t\-–•+*]*(?:trong[ \t]+số[ \t]+đó|trong[ \t]+đó|cụ[ \t]+thể|theo[ \t]+đó|gồm|bao[ \t]+gồm)"
    r"[ \t]*[:,]?[ \t]*(?:có[ \t]+)?",
    re.IGNORECASE,
)
# "Trong số các đảng viên được nhận Huy hiệu đợt này có 1 …, 2 …": the next sentence opens on
# the group its total named ("trong số/đợt/dịp …") and lists the parts after "có", no marker.
_NEXT_GROUP = re.compile(
    r"^[ \t\-–•+*]*trong[ \t]+(?:số|đợt|dịp|lần)(?![\w])[^\d.;:()\n]{0,90}?[ \t,]có[ \t]+(?=\d)",
    re.IGNORECASE,
)
# "Hình thức kỷ luật đảng viên: khiển trách 28, cảnh cáo 21 …": a heading of words, then the list.
_NEXT_HEADING = re.compile(r"^[ \t\-–•+*]*[^\W\d_][^\d.;:()\n]{0,60}:[ \t]*(?=\S)")
_CLAUSE_MARKER = re.compile(
    r"^[ \t]*[,;:]?[ \t]*(?:trong[ \t]+đó|bao[ \t]+gồm|gồm|với[ \t]+(?:các[ \t]+)?hình[ \t]+thức"
    r"|với)[ \t]*[:,]?[ \t]*(?:có[ \t]+)?",
    re.IGNORECASE,
)
_PAREN_LEAD = re.compile(
    r"^[ \t]*(?:trong[ \t]+đó|bao[ \t]+gồm|gồm|với[ \t]+(?:các[ \t]+)?hình[ \t]+thức)?"
    r"[ \t]*[:,]?[ \t]*(?:có[ \t]+)?",
    re.IGNORECASE,
)
_IN_N = re.compile(
    rf"^[ \t\-–•+*]*trong[ \t]+(?:tổng[ \t]+)?(?:số[ \t]+)?(?P<n>{NUM})[ \t]", re.IGNORECASE
)
_HAS_LIST = re.compile(r"[ \t]có[ \t]+(?=\d)", re.IGNORECASE)
_SPLIT = re.compile(r"[ \t]*(?:,|[ \t]và[ \t]|;)[ \t]*")
_NOT_A_PART = re.compile(r"%|tỷ\s+lệ|chiếm|tăng|giảm|so\s+với|vượt|đạt", re.IGNORECASE)
_ATTRIBUTE = re.compile(r"(?<!\w)(?:nữ|dân\s+tộc|tôn\s+giáo|trẻ|khuyết\s+tật)(?!\w)", re.IGNORECASE)
_CROSS_CUTTING = re.compile(
    r"(?<!\w)(?:nữ|dân\s+tộc|tôn\s+giáo|trẻ|khuyết\s+tật|đảng\s+viên|đoàn\s+viên|hội\s+viên)(?!\w)",
    re.IGNORECASE,
)
# Names of one kind of thing: a part in one of these counts what a total in another counts.
_KINDS = (
    ("đảng viên", "đồng chí", "đ/c", "học viên", "người", "trường hợp"),
    (
        "tổ chức",
        "tccsđ",
        "cơ sở đảng",
        "đảng bộ",
        "chi bộ",
        "đảng ủy",
        "đảng uỷ",
        "chi ủy",
        "chi uỷ",
    ),
)
# First words that name nothing alone ("hội nghị" is not "hội viên").
_VAGUE_HEADS = frozenset({"hội", "chi", "đảng", "tổ", "đoàn", "công", "cán", "ban", "cơ", "đơn"})
# Words too common to show that a part restates what its total counts.
_COMMON = frozenset(
    "đảng viên đồng chí đ/c được có và các của cho trong đó là với đã năm tuổi".split()
)


@dataclass(frozen=True)
class Family:
    """Categories that never overlap; `complete` when together they make up the whole."""

    members: tuple[str, ...]
    complete: bool = True
    complete_when: str = ""  # or only when this regex matches the total's sentence
    complete_at: int = 0  # or when this many different categories are named


# Families of categories a total is divided into. Within one family the parts are disjoint, so
# they can never add up to more than the total; a complete family must add up to it exactly.
FAMILIES: tuple[Family, ...] = (
    Family(("chính thức", "dự bị")),
    Family(("nam", "nữ")),
    Family(("đảng viên", "quần chúng")),
    Family(("công chức", "viên chức"), complete=False, complete_when=r"biên\s+chế"),
    Family(
        ("biên chế hành chính", "biên chế sự nghiệp", "hành chính", "sự nghiệp"),
        complete=False,
        complete_when=r"biên\s+chế",
    ),
    Family(
        (
            "hoàn thành xuất sắc nhiệm vụ",
            "hoàn thành tốt nhiệm vụ",
            "hoàn thành nhiệm vụ",
            "không hoàn thành nhiệm vụ",
            "htxsnv",
            "httnv",
            "htnv",
            "khtnv",
        ),
        complete=False,
        complete_at=4,  # the four grades, written out or abbreviated, make up the whole
    ),
    # Forms of Party discipline: one person or organization gets one form per decision. A member
    # can get only the first four (Điều lệ Đảng, Điều 35: khiển trách, cảnh cáo, cách chức, khai
    # trừ), so when all four are named they make up the whole.
    Family(
        ("khiển trách", "cảnh cáo", "cách chức", "khai trừ", "giải tán"),
        complete=False,
        complete_at=4,
    ),
    # A grassroots organization is a party committee or a party cell, never both.
    Family(
        ("đảng bộ", "chi bộ"),
        complete=False,
        complete_when=r"tổ\s+chức\s+cơ\s+sở\s+đảng|tccsđ",
    ),
)
# Years of the Party badge: a member gets one badge at a time, so the recipients of a round are
# divided by the badge's years ("Huy hiệu 30 năm tuổi Đảng").
_BADGE_CONTEXT = re.compile(r"huy\s+hiệu", re.IGNORECASE)


@dataclass(frozen=True)
class Part:
    value: int
    label: str
    in_unit: bool  # written number first in the total's unit
    plain: bool  # and nothing else counted or dated in it


@dataclass(frozen=True)
class Division:
    """A total at text[start:end] with its parts; `complete` when they must make it up."""

    start: int
    end: int
    total: int
    unit: str
    parts: tuple[tuple[int, str], ...]
    complete: bool


@dataclass(frozen=True)
class _Count:
    value: int
    start: int
    end: int  # end of the number
    unit: str  # the words that follow it (up to eight), lower case
    unit_end: int


def _int(number: str) -> int:
    return int(number.replace(".", ""))


def _counts(text: str, start: int, end: int) -> list[_Count]:
    out = []
    for m in _COUNT.finditer(text, start, end):
        after = _UNIT_AFTER.match(text, m.end(), end)
        if not after:
            continue
        words = after["words"].lower()
        head = words.split()[0]
        if head in _TIME_UNITS:
            continue
        out.append(_Count(_int(m["n"]), m.start(), m.end(), words, after.end()))
    return out


def _numbers(text: str) -> list[re.Match]:
    """The numbers of `text` but lengths of time: in "2 người nhận huy hiệu 70 năm tuổi Đảng"
    only the 2 counts something."""
    out = []
    for m in _COUNT.finditer(text):
        after = _UNIT_AFTER.match(text, m.end())
        if not after or after["words"].split()[0].lower() not in _TIME_UNITS:
            out.append(m)
    return out


def _kind(words: str) -> int | None:
    for i, names in enumerate(_KINDS):
        if any(words == n or words.startswith(n + " ") for n in names):
            return i
    return None


def same_unit(part_words: str, total_words: str) -> bool:
    """Whether a part written "N <part_words>" counts what "N <total_words>" counts."""
    a, b = part_words.lower().split(), total_words.lower().split()
    if not a or not b:
        return False
    kind_a, kind_b = _kind(" ".join(a)), _kind(" ".join(b))
    if kind_a is not None and kind_a == kind_b:
        return True
    if a[0] != b[0]:
        return False
    return a[0] not in _VAGUE_HEADS or a[1:2] == b[1:2]


def _member(label: str, family: Family) -> str | None:
    label = " ".join(label.lower().split())
    for member in sorted(family.members, key=len, reverse=True):
        if label == member or label.startswith(member + " ") or label.endswith(" " + member):
            return member
    return None


def family_of(labels: list[str]) -> Family | None:
    """The family whose categories the labels name, each a different one; else None."""
    for family in FAMILIES:
        members = [_member(label, family) for label in labels]
        if all(members) and len(set(members)) == len(members):
            return family
    return None


def is_complete(family: Family, labels: list[str], context: str) -> bool:
    members = {_member(label, family) for label in labels}
    if family.complete:
        return members == set(family.members)
    if family.complete_at and len(members) >= family.complete_at:
        return True
    return bool(family.complete_when and re.search(family.complete_when, context, re.I))


def _sentences(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for m in _SENTENCE_END.finditer(text):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, len(text)))
    return [(a, b) for a, b in out if b > a]


def _strip_parens(text: str) -> str:
    """The text with what is in parentheses blanked (same length, so offsets hold)."""
    return re.sub(r"\([^()]*\)", lambda m: " " * len(m.group()), text)


def _chunks(body: str) -> list[str]:
    """The pieces of a list: split at semicolons when it has any (a piece may then hold
    commas: "3 chi ủy, chi bộ"), else at commas and "và"; a piece with no number joins the
    piece after it when that one opens with its label ("khối Thành phố, Trung ương: 10 đ/c"),
    else the piece before it."""
    if ";" in body:
        pieces = []
        for piece in re.split(r"[ \t]*;[ \t]*", body):
            inner = _SPLIT.split(piece)
            if sum(1 for p in inner if _COUNT.search(p)) >= 2:
                pieces += inner
            else:
                pieces.append(piece)
    else:
        pieces = _SPLIT.split(body)
    pieces = [p.strip(" \t,:.") for p in pieces]
    pieces = [p for p in pieces if p]
    out: list[str] = []
    pending = ""
    for i, piece in enumerate(pieces):
        if _COUNT.search(piece):
            out.append(f"{pending}, {piece}" if pending else piece)
            pending = ""
            continue
        nxt = pieces[i + 1] if i + 1 < len(pieces) else ""
        if nxt and not re.match(r"(?:có[ \t]+)?\d", nxt):
            pending = f"{pending}, {piece}" if pending else piece
        elif out:
            out[-1] = f"{out[-1]}, {piece}"
    return out


def _part(chunk: str, unit: str) -> Part | None:
    """One part of a list, or None when the chunk does not clearly count what `unit` counts."""
    counts = _counts(chunk, 0, len(chunk))
    numbers = list(_COUNT.finditer(chunk))
    if not numbers:
        return None
    in_unit = [c for c in counts if same_unit(c.unit, unit)]
    if in_unit:
        count = in_unit[0]
        before = chunk[: count.start].strip(" \t:,").lower()
        before = re.sub(r"(?:^|[ \t])có$", "", before).strip()
        after = chunk[count.end :].strip().lower()
        if _NOT_A_PART.search(chunk):
            return None
        label = before or _strip_unit(after, unit)
        plain = len(numbers) == 1 and not before
        return Part(count.value, label, in_unit=True, plain=plain)
    # A category written with its count: "khiển trách 26", "4 khiển trách", "chính thức: 27".
    number = numbers[0]
    before = chunk[: number.start()].strip(" \t:").lower()
    after = chunk[number.end() :].strip(" \t:").lower()
    if len(numbers) > 1 or _NOT_A_PART.search(chunk):
        return None
    # "… sinh hoạt ở 04 chi bộ trực thuộc" after a total of members: things of another kind.
    kind = _kind(after)
    if kind is not None and kind != _kind(unit.lower()):
        return None
    for label in (before, after):
        family = family_of([label]) if label else None
        if family is None:
            continue
        member = _member(label, family) or ""
        if len(label.split()) <= len(member.split()) + 2:
            return Part(_int(number.group()), label, in_unit=False, plain=True)
    return None


def _strip_unit(phrase: str, unit: str) -> str:
    words, unit_words = phrase.lower().split(), unit.lower().split()
    n = 0
    while n < len(unit_words) and n < len(words) and words[n] == unit_words[n]:
        n += 1
    if _kind(" ".join(words)) is not None:  # "đồng chí nhận …" for a total in "đảng viên"
        n = max(n, 2 if len(words) > 1 and words[0] != "người" else 1)
    return " ".join(words[n:]) if len(words) > n else " ".join(words)


def _parts(body: str, unit: str) -> list[Part] | None:
    parts: list[Part] = []
    for chunk in _chunks(body):
        part = _part(chunk, unit)
        if part is None:
            if parts and not _counts(chunk, 0, len(chunk)) and len(chunk.split()) <= 4:
                continue  # "… huy hiệu 45, 40 và 30 năm tuổi Đảng": the last part goes on
            return None
        parts.append(part)
    if len(parts) < 2:
        return None
    labels = [p.label for p in parts]
    if family_of(labels) is None:
        for p in parts:
            if (_ATTRIBUTE if p.in_unit else _CROSS_CUTTING).search(p.label):
                return None
    return parts


def _content(text: str) -> set[str]:
    return {w for w in re.findall(r"[^\W\d_]+", text.lower()) if w not in _COMMON}


def _restated(parts: list[Part], context: str) -> bool:
    """Parallel parts (each shares most of its words with the first) that repeat at least two
    words of what the total counts: "… được trao tặng Huy hiệu Đảng. Trong đó, 11 đồng chí
    nhận Huy hiệu …"."""
    words = [_content(p.label) for p in parts]
    if not all(words):
        return False
    first = words[0]
    parallel = all(len(w & first) * 2 >= max(len(w), len(first)) for w in words[1:])
    shared = set.intersection(*words) & _content(context)
    return parallel and len(shared) >= 2


def _badge_division(parts: list[Part], context: str) -> bool:
    """Parts each naming a different year of the Party badge, for a total of recipients."""
    if not _BADGE_CONTEXT.search(context):
        return False
    years: list[str] = []
    for p in parts:
        found = re.findall(r"(?<![\d.,/])\d{2}(?![\d.,/%])", p.label)
        if not found:
            return False
        years += found
    return len(set(years)) == len(years)


def _complete(parts: list[Part], context: str, whole: bool) -> bool:
    if whole:
        return True
    labels = [p.label for p in parts]
    family = family_of(labels)
    if family is not None:
        return is_complete(family, labels, context)
    if all(p.in_unit and p.plain for p in parts):
        return True
    return _badge_division(parts, context) or _restated(parts, context)


def _division(total: _Count, body: str, context: str, whole: bool) -> Division | None:
    parts = _parts(body, total.unit)
    if parts is None:
        return None
    return Division(
        total.start,
        total.unit_end if total.unit_end - total.end < 40 else total.end,
        total.value,
        _shown_unit(total.unit, body),
        tuple((p.value, p.label) for p in parts),
        _complete(parts, context, whole),
    )


def _shown_unit(unit: str, body: str) -> str:
    """The total's unit as the message names it: its words up to the first punctuation when
    few, else the words its parts repeat ("8 hội nghị ở …" and "5 hội nghị …"), else two."""
    words = unit.split()
    if len(words) <= 3:
        return unit
    best: list[str] = []
    for c in _counts(body, 0, len(body)):
        shared = []
        for a, b in zip(words, c.unit.split(), strict=False):
            if a != b:
                break
            shared.append(a)
        best = max(best, shared, key=len)
    return " ".join(best or words[:2])


def _matching_totals(counts: list[_Count], body: str) -> list[_Count]:
    """The counts of `counts` whose unit the parts in `body` are written in, nearest first;
    all the counts when the parts are categories ("khiển trách 26")."""
    shown = _counts(body, 0, len(body))
    if not shown:
        return list(reversed(counts))
    units = [c.unit for c in shown]
    out = [c for c in counts if any(same_unit(u, c.unit) for u in units)]
    return list(reversed(out or counts))


def read_totals(text: str) -> Iterator[Division]:
    """Every total of `text` written with its parts in prose."""
    sentences = _sentences(text)
    for k, (s, e) in enumerate(sentences):
        sentence = text[s:e]
        if not _COUNT.search(sentence):
            continue
        yield from _in_sentence(text, s, e)
        # "Trong N đồng chí … có 4 …; 6 …; 8 …"
        lead = _IN_N.match(sentence)
        if lead and ";" in sentence and (has := _HAS_LIST.search(sentence)):
            counts = _counts(text, s + lead.start("n"), s + has.start() + 1)
            if counts and counts[0].start == s + lead.start("n"):
                body = sentence[has.end() :]
                if d := _division(counts[0], body, sentence, whole=True):
                    yield d
        # "… cho 13 đảng viên. Trong đó, có 11 đồng chí … và 2 đồng chí …"
        if k + 1 < len(sentences):
            ns, ne = sentences[k + 1]
            nxt = text[ns:ne]
            marker = _NEXT_MARKER.match(nxt) or _NEXT_GROUP.match(nxt) or _NEXT_HEADING.match(nxt)
            if not marker:
                continue
            body = _strip_parens(nxt[marker.end() :]).rstrip(" .")
            outside = _strip_parens(sentence)
            counts = [c for c in _counts(text, s, e) if outside[c.start - s] != " "]
            if marker.re is _NEXT_HEADING:
                # A heading divides a total only when it names what the total counts
                # ("… 57 đảng viên. Hình thức kỷ luật đảng viên: …"); otherwise it opens a new
                # matter ("… 64 cuộc sinh hoạt. Kết quả xếp loại đảng viên: …").
                heading = nxt[: marker.end()].lower()
                counts = [c for c in counts if c.unit.lower() in heading]
                if _ATTRIBUTE.search(heading):
                    # "Về cơ cấu, người ứng cử là nữ: 393 người (45,28%); người ngoài Đảng: 74
                    # người …": the "heading" is the first part's label, an attribute, and
                    # the list cuts across: it is never added up.
                    counts = []
            yield from _next_division(counts, body, sentence + " " + nxt)


def _next_division(counts: list[_Count], body: str, context: str) -> Iterator[Division]:
    """The parts in the next sentence, against the count of the sentence before in their
    unit; when it holds several ("524 đảng viên được trao tặng … và 20 đảng viên được truy
    tặng …"), the parts may divide any of them or all: a finding only when none adds up."""
    candidates = _matching_totals(counts, body)
    divisions = [d for c in candidates if (d := _division(c, body, context, whole=False))]
    if not divisions:
        return
    if len(divisions) > 1:
        parts_sum = sum(n for n, _ in divisions[0].parts)
        totals = [d.total for d in divisions]
        if parts_sum in totals or parts_sum == sum(totals):
            return
        yield divisions[-1]  # the first written: the sentence's main count
        return
    yield divisions[0]


def _in_sentence(text: str, s: int, e: int) -> Iterator[Division]:
    counts = _counts(text, s, e)
    sentence = text[s:e]
    for i, total in enumerate(counts):
        # Up to the first punctuation (or a number) after the unit: the total's own phrase.
        m = _PHRASE.match(text, total.end, e)
        rest = text[m.end() if m else total.end : e]
        if paren := _PAREN_NEAR.match(text, total.end, e):
            rest = text[paren.end() - 1 : e]
        if rest.startswith("("):
            close = rest.find(")")
            if close > 0:
                inner = rest[1:close]
                lead = _PAREN_LEAD.match(inner)
                body = inner[lead.end() if lead else 0 :]
                if _COUNT.search(body):
                    yield from _first_division(counts[: i + 1], body, sentence, whole=True)
                    continue
                rest = rest[close + 1 :]  # "944 tổ chức cơ sở đảng (TCCSĐ), trong đó …"
        marker = _CLAUSE_MARKER.match(rest)
        if not marker:
            continue
        word = marker.group().lower()
        whole = "gồm" in word or "với" in word
        body = _strip_parens(rest[marker.end() :])
        body = _NEXT_CLAUSE.split(body, maxsplit=1)[0]
        # "…: khiển trách 26, cảnh cáo 03; kỷ luật 1.090 đảng viên, …": a list of commas ends
        # at a semicolon.
        head, sep, _tail = body.partition(";")
        if sep and _SPLIT.search(head) and len(_numbers(head)) >= 2:
            body = head
        # The total is the nearest count before the marker in the parts' unit, in its clause.
        clause = [c for c in counts[: i + 1] if ";" not in text[c.end : total.end]]
        yield from _first_division(clause, body.rstrip(" ."), sentence, whole=whole)


# A new clause inside a list: after a comma and a marker, or "với" and a count ("gồm 17 đảng bộ
# và 15 chi bộ cơ sở với 163 chi bộ trực thuộc": the 163 are something else).
_NEXT_CLAUSE = re.compile(
    r",[ \t]*(?:với|gồm|bao[ \t]+gồm|trong[ \t]+đó)(?!\w)|[ \t]+với[ \t]+(?=\d)", re.IGNORECASE
)
_PAREN_NEAR = re.compile(r"[^\d;.()\n]{0,60}\(")
_PHRASE = re.compile(r"[^\d,;:.()\n]{0,80}")


def _first_division(
    counts: list[_Count], body: str, context: str, whole: bool
) -> Iterator[Division]:
    for total in _matching_totals(counts, body)[:1]:
        if d := _division(total, body, context, whole=whole):
            yield d


# --------------------------------------------------------------------------------------------
# Shares: a part of a whole written as a fraction and the percentage it makes
# --------------------------------------------------------------------------------------------


# Words before a percentage that make it a bound, not the share itself: "tỷ lệ trên 81,6%" and
# "chiếm hơn 23%" say at least, "dưới 5%" and "gần 99%" at most. Such a share is wrong only when
# the exact share breaks the bound. ("khoảng", "xấp xỉ", "ước" give an estimate: never read.)
AT_LEAST, AT_MOST = "at_least", "at_most"
_BOUNDS = {"trên": AT_LEAST, "hơn": AT_LEAST, "dưới": AT_MOST, "gần": AT_MOST}
_BOUND_WORD = r"(?:trên|hơn|dưới|gần)"


@dataclass(frozen=True)
class Share:
    """ "25/27 đảng viên, đạt 92,6%" at text[start:end]: `part` of `whole` said to be
    `percent` per cent, written with `decimals` digits after the decimal comma; `bound` when the
    percentage is a bound ("trên 81,6%"), not the share itself."""

    start: int
    end: int
    part: int
    whole: int
    percent: float
    decimals: int
    bound: str = ""

    def agrees(self) -> bool:
        """The written percentage is the exact one rounded or cut to its decimals, give or take
        one in its last digit (offices round and truncate both: 7/32 is written 21,87% and
        21,88%); a bound holds with the same give. A last decimal 0 may pad a share rounded to
        one digit fewer ("26,80%" for 133/496, beside "36,70%" and "62,90%" in one text)."""
        exact = 100 * self.part / self.whole
        decimals = self.decimals
        if decimals and round(self.percent * 10**decimals) % 10 == 0:
            decimals -= 1
        step = 10.0**-decimals + 1e-9
        if self.bound == AT_LEAST:
            return exact >= self.percent - step
        if self.bound == AT_MOST:
            return exact <= self.percent + step
        return abs(self.percent - exact) <= step


# "25/27", not inside a date ("26/3/2023"), a symbol ("12/NQ-CP"), a decimal or a longer number;
# some writers space the slash ("13/ 55 (23,64%)").
_FRACTION = re.compile(
    rf"(?<![\w./,–-])(?<!/[ \t])(?P<a>{NUM})[ \t]?/[ \t]?(?P<b>{NUM})(?![\w/%]|[.,]\d)",
    re.IGNORECASE,
)
# The same fraction in words: "13 trong tổng số 40 ủy viên", "91 trên tổng số 436 đồng chí".
_FRACTION_WORDS = re.compile(
    rf"(?<![\w./,–-])(?P<a>{NUM})[ \t]+(?:trong|trên)[ \t]+(?:tổng[ \t]+)?số[ \t]+"
    rf"(?P<b>{NUM})(?![\w/%]|[.,]\d)",
    re.IGNORECASE,
)
# Words before a fraction that make it a date or a number of something ("tháng 3/2021",
# "ngày 26/3", "số 12/2023", "lần 2/3").
_NOT_A_SHARE_BEFORE = re.compile(
    r"(?:ngày|tháng|năm|số|lần|khóa|khoá|kỳ|quý|điều|khoản|mục|đợt)[ \t]*$", re.IGNORECASE
)
# What may stand between the fraction and its percentage: its unit and a verb ("đảng viên,
# đạt", "xã (", "chi bộ hoàn thành, chiếm tỷ lệ"), no other number and no clause break.
_SHARE_LINK = re.compile(r"[^\d;:.!?%\n]{0,80}?(?=\d{1,3}(?:[.,]\d+)?[ \t]*%)")
# A bound word closing the link: "tỷ lệ trên 81,6%".
_BOUND_AT_END = re.compile(rf"(?<!\w)(?P<bound>{_BOUND_WORD})[ \t]+$", re.IGNORECASE)
# A percentage that does not claim to be the share ("khoảng 99%"), or one of something else (a
# rise); a bound word elsewhere in the link ("trên địa bàn") leaves it unread too.
_LOOSE = re.compile(
    r"(?<!\w)(?:gần|hơn|trên|dưới|khoảng|xấp[ \t]+xỉ|ước|tăng|giảm|so[ \t]+với|vượt|còn|chưa|"
    r"không)(?!\w)",
    re.IGNORECASE,
)
_PERCENT = re.compile(r"(?P<p>\d{1,3})(?:[.,](?P<d>\d{1,3}))?[ \t]*%")
# The percentage first, its fraction after it in parentheses: "đạt 91,2% (604/662)".
_PERCENT_THEN_FRACTION = re.compile(
    rf"(?<![\w.,])(?P<p>\d{{1,3}})(?:[.,](?P<d>\d{{1,3}}))?[ \t]*%[ \t]*\([ \t]*"
    rf"(?P<a>{NUM})/(?P<b>{NUM})[ \t]*\)"
)


def read_shares(text: str) -> Iterator[Share]:
    """Every fraction of `text` ("25/27", "13 trong tổng số 40") followed, in its clause, by
    the percentage it makes, or following it in parentheses."""
    for m in _PERCENT_THEN_FRACTION.finditer(text):
        part, whole = _int(m["a"]), _int(m["b"])
        if 0 < whole and part <= whole:
            yield _share(m.start(), m.end(), part, whole, m)
    for m in _fractions(text):
        part, whole = _int(m["a"]), _int(m["b"])
        if not 0 < whole or part > whole:
            continue  # "26/3" is a day, "3/0" no share
        if _NOT_A_SHARE_BEFORE.search(text, max(0, m.start() - 12), m.start()):
            continue
        link = _SHARE_LINK.match(text, m.end())
        if not link:
            continue
        bound = _BOUND_AT_END.search(link.group())
        words = link.group()[: bound.start()] if bound else link.group()
        if _LOOSE.search(words):
            continue
        pct = _PERCENT.match(text, link.end())
        if not pct:
            continue
        kind = _BOUNDS[bound["bound"].lower()] if bound else ""
        yield _share(m.start(), pct.end(), part, whole, pct, kind)


def _fractions(text: str, start: int = 0, end: int | None = None) -> Iterator[re.Match]:
    """The fractions of text[start:end], in figures or in words; a whole in words must not be
    a length of time ("3 trong số 12 tháng")."""
    end = len(text) if end is None else end
    yield from _FRACTION.finditer(text, start, end)
    for m in _FRACTION_WORDS.finditer(text, start, end):
        after = _UNIT_AFTER.match(text, m.end())
        if not after or after["words"].split()[0].lower() not in _TIME_UNITS:
            yield m


# A count and the share it makes of a whole written before it: "439 TCCSĐ đạt trong sạch vững
# mạnh (chiếm 62,62%)", "06 cơ sở chiếm tỷ lệ 18,75%", "304 chi bộ đạt TSVM, tỷ lệ 55,8%".
# "chiếm" and "tương đương" always give a share, as does "tỷ lệ" opening a clause; "đạt 100%"
# may be of a target ("đạt 100% kế hoạch") and "bằng" of anything ("bằng 20%" of the members
# evaluated, a whole offices seldom write), so only a bare percentage in parentheses is read
# besides them.
_COUNT_SHARE_LINK = re.compile(
    r"(?:[^\d;:%()\n]|\([^\d;:%()\n]{0,40}\)){0,120}?"
    r"(?:(?<!\w)(?:chiếm|tương[ \t]+đương)(?:[ \t]+t[ỷỉ][ \t]+lệ)?[ \t]*:?[ \t]*"
    r"|,[ \t]*t[ỷỉ][ \t]+lệ(?:[ \t]+là)?[ \t]*:?[ \t]*"
    r"|\([ \t]*(?:chiếm(?:[ \t]+t[ỷỉ][ \t]+lệ)?[ \t]+|t[ỷỉ][ \t]+lệ[ \t]*:?[ \t]*)?)"
    rf"(?:(?P<bound>{_BOUND_WORD})[ \t]+)?(?=\d{{1,3}}(?:[.,]\d+)?[ \t]*%)",
    re.IGNORECASE,
)
# A percentage of something else than a whole counted before it.
_NOT_OF_A_WHOLE = re.compile(
    r"[ \t)]*(?:kế[ \t]+hoạch|chỉ[ \t]+tiêu|nghị[ \t]+quyết|mục[ \t]+tiêu|so[ \t]+với|cùng[ \t]+kỳ"
    r"|dự[ \t]+toán|dân[ \t]+số)",
    re.IGNORECASE,
)
# "Trong tổng số 1.123 đồng chí …, có 352 đồng chí tham gia lần đầu, đạt 31,34%": "đạt" (and
# "bằng") gives the share of a count only when its sentence names the whole first ("trong
# (tổng) số W …", in its unit, or "W …, trong đó có N …"); elsewhere "đạt p%" is as often of a
# target, and "bằng p%" of a whole offices seldom write, and neither is read.
_EXPLICIT_WHOLE = re.compile(
    rf"(?<!\w)trong[ \t]+(?:tổng[ \t]+)?số[ \t]+(?:các[ \t]+)?(?P<w>{NUM})(?![\w/%]|[.,]\d)",
    re.IGNORECASE,
)
_REACHES_LINK = re.compile(
    r"[^\d;:%()\n]{0,80}?(?:(?<!\w)|\([ \t]*)(?:đạt|bằng)(?:[ \t]+t[ỷỉ][ \t]+lệ)?(?:[ \t]+là)?"
    rf"[ \t]*:?[ \t]*(?:(?P<bound>{_BOUND_WORD})[ \t]+)?(?=\d{{1,3}}(?:[.,]\d+)?[ \t]*%)",
    re.IGNORECASE,
)
# "Toàn hội có 251 hội viên, trong đó có 179 đảng viên, chiếm 69,3%": the counts after "trong
# đó" are some of the count just before it, also when they count members of another body.
_IN_WHICH = re.compile(r"[ \t]*[,;:(]?[ \t]*trong[ \t]+đó(?!\w)", re.IGNORECASE)
# How many sentences before a count its whole may be written: a paragraph states the whole
# ("Đảng bộ có 44.482 đảng viên") and the shares follow, one sentence or line each. A count
# that names no unit ("07 chiếm tỷ lệ 21,87%") may be of any number: it looks only in its
# sentence and the one before.
WHOLE_LOOKBACK = 3


@dataclass(frozen=True)
class CountShare:
    """ "439 TCCSĐ … (chiếm 62,62%)" at text[start:end]: `part` is said to be `percent` of
    one of `wholes` (the counts before it in its unit, in its sentence and the few before,
    and the sum of the counts given a share beside it when their shares make 100%); it agrees
    when it is of any."""

    start: int
    end: int
    part: int
    wholes: tuple[int, ...]
    percent: float
    decimals: int
    bound: str = ""

    def agrees(self) -> bool:
        return any(
            Share(self.start, self.end, self.part, w, self.percent, self.decimals,
                  self.bound).agrees()
            for w in self.wholes
        )  # fmt: skip


def read_count_shares(text: str) -> Iterator[CountShare]:
    """Every count of `text` followed, in its clause, by the share it makes ("chiếm 21%",
    "(62,62%)"), with the wholes it may be of; a count with no whole before it is left out, and
    so is a percentage above 100 (a rise or a target met, never a share)."""
    if "%" not in text:
        return
    sentences = _sentences(text)
    in_words = [(m.start(), m.end()) for m in _FRACTION_WORDS.finditer(text)]
    view = _link_view(text)
    for k, (s, e) in enumerate(sentences):
        if "%" not in text[s:e]:
            continue
        found = []
        for c in _counts(text, s, e) + _bare_counts(text, s, e):
            if any(a <= c.start < b for a, b in in_words):
                continue  # "13 trong tổng số 40 …": read as a fraction
            if _NAMES_A_NUMBER.search(text, max(s, c.start - 16), c.start):
                # "tốt nghiệp cấp 3 chiếm 96%", "Năm 2020 nữ chiếm 30%": the number names a
                # grade or a year, whatever word follows it ("nữ" counts people).
                continue
            link = _COUNT_SHARE_LINK.match(view, c.end, e)
            explicit: tuple[int, ...] = ()
            in_which = _whole_in_which(text, s, c, sentences[k - 1][0] if k else s)
            if link is None:
                link = _REACHES_LINK.match(view, c.end, e)
                if link is None:
                    continue
                if (named := _explicit_whole(text, s, c)) is not None:
                    explicit = (named,)
                elif in_which is not None and in_which.alike:
                    # Some of the count before "trong đó", or of a whole in its own unit.
                    explicit = (in_which.whole, *(w for w in _wholes_before(text, s, c)
                                                  if w >= c.value))  # fmt: skip
                else:
                    continue
            pct = _PERCENT.match(text, link.end(), e)
            if not pct or _NOT_OF_A_WHOLE.match(text, pct.end(), e):
                continue
            share = _share(c.start, pct.end(), c.value, 1, pct)
            if share.percent > 100:
                continue
            bound = _BOUNDS[link["bound"].lower()] if link["bound"] else ""
            if explicit:
                # Its wholes are the ones its sentence names: no other is guessed for it.
                yield CountShare(c.start, share.end, c.value, explicit, share.percent,
                                 share.decimals, bound)  # fmt: skip
                continue
            found.append((c, share, bound, in_which))
        if not found:
            continue
        near = sentences[k - 1][0] if k else s
        far = sentences[max(0, k - WHOLE_LOOKBACK)][0]
        for i, (c, share, bound, in_which) in enumerate(found):
            begin = near if _unnamed(c) else far
            wholes = [w for w in _wholes_before(text, begin, c) if w >= c.value]
            if in_which is not None and (in_which.alike or any(
                replace(other, whole=in_which.whole).agrees()
                for j, (_, other, b, _) in enumerate(found) if j != i and not b
                and other.part <= in_which.whole
            )):  # fmt: skip
                # Members of another body ("đảng viên" of "hội viên") only when a share beside
                # it is of that whole too: "trong đó có 7 đoàn viên (35%)" may be of a target.
                wholes.append(in_which.whole)
            others = [other for j, (_, other, b, _) in enumerate(found) if j != i and not b]
            told = _whole_the_others_tell(others, _written(text, far, c.start))
            if told and told >= c.value:
                wholes.append(told)
            if siblings := _siblings_whole(share, [other for j, (_, other, _, _) in
                                                   enumerate(found) if j != i]):  # fmt: skip
                wholes.append(siblings)
            if wholes and (implied := _implied_whole(share, others)):
                wholes.append(implied)
            if wholes:
                yield CountShare(c.start, share.end, c.value, tuple(wholes), share.percent,
                                 share.decimals, bound)  # fmt: skip


def _explicit_whole(text: str, begin: int, count: _Count) -> int | None:
    """The whole its sentence names for `count` before it ("Trong tổng số 1.123 đồng chí …"),
    when it is in the count's unit and not smaller than it."""
    for m in _EXPLICIT_WHOLE.finditer(text, begin, count.start):
        after = _UNIT_AFTER.match(text, m.end(), count.start)
        whole = _int(m["w"])
        if after and whole >= count.value and _same_either(count.unit, after["words"]):
            return whole
    return None


@dataclass(frozen=True)
class _InWhich:
    """The whole a count is some of, written before "trong đó"; `alike` when the count counts
    what it counts (or names no unit), not members of another body ("179 đảng viên" of "251
    hội viên"): such a whole holds only when another share beside it agrees with it."""

    whole: int
    alike: bool


def _whole_in_which(text: str, begin: int, count: _Count, previous: int) -> _InWhich | None:
    """The count its sentence writes just before "trong đó" ahead of `count` ("Toàn hội có 251
    hội viên, trong đó có 179 đảng viên"), when both count people, or things of one kind, or
    `count` names no unit ("trong đó trí thức … 13.557, chiếm 7,6%"), and it is not smaller. A
    sentence that opens on "Trong đó" is some of the last count of the sentence before it
    (from `previous`): "Số người trúng cử là 40 người. Trong đó, nữ 12 người (đạt 30%)"."""
    marks = list(_IN_WHICH.finditer(text, begin, count.start))
    if not marks:
        return None
    opens = not text[begin : marks[-1].start()].strip()
    before = _counts(text, previous if opens else begin, marks[-1].start())
    if not before:
        return None
    whole = before[-1]
    between = _PERCENT.sub("", _link_view(text[whole.end : marks[-1].start()]))
    if _NUMBER.search(between):
        return None  # another number (a date, a count) stands before "trong đó"
    if whole.value < count.value:
        return None
    if _unnamed(count) or _same_either(count.unit, whole.unit):
        return _InWhich(whole.value, alike=True)
    if _people(count.unit) and _people(whole.unit):
        return _InWhich(whole.value, alike=False)
    return None


_NUMBER = re.compile(r"\d")
# Numbers that stand in a link between a count and its share without being counted: lengths of
# time and ages ("8.486 đảng viên từ 18 - 30 tuổi, chiếm 19,08%", "15 đảng viên từ 18 đến 30
# tuổi (chiếm 75%)", "57 đại biểu dưới 40 tuổi (chiếm 3,59%)") and names or ranks ("120 Đ/c …
# tốt nghiệp cấp 3 chiếm 96 %").
_TIME_SPAN = re.compile(
    rf"(?<![\w.,/])\d{{1,4}}(?:[ \t]*(?:[-–]|đến|tới)[ \t]*\d{{1,4}})?"
    rf"(?=[ \t]*(?:{'|'.join(_TIME_UNITS)})(?!\w))",
    re.IGNORECASE,
)
_NAMED_NUMBER = re.compile(r"(?<![\w.,/])\d{1,4}(?![\w/%]|[.,]\d|\s*%)")


def _link_view(text: str) -> str:
    """`text` with the numbers that count nothing written as letters (same length, so offsets
    hold): the share links are read on it, the counts and percentages on the text itself."""
    spans = [m.span() for m in _TIME_SPAN.finditer(text)]
    spans += [
        m.span()
        for m in _NAMED_NUMBER.finditer(text)
        if _NAMES_A_NUMBER.search(text, max(0, m.start() - 16), m.start())
    ]
    if not spans:
        return text
    chars = list(text)
    for a, b in spans:
        chars[a:b] = "x" * (b - a)
    return "".join(chars)


def _siblings_whole(share: Share, others: list[Share]) -> int | None:
    """The sum of the counts given shares side by side, as their whole, when it is one: when
    their shares add up to 100% (give or take rounding: "Giỏi 02, chiếm 6%; Khá 31, chiếm
    94%"), or when another of them is its share of that sum (one share moved off, the others
    still tell the whole). Shares of attributes that cut across ("564 nữ (20,14%), 884 đoàn viên
    (31,57%)") are of a whole the text may not write: their sum is none."""
    if not others:
        return None
    every = [share, *others]
    total = sum(s.part for s in every)
    give = sum(10.0**-s.decimals for s in every)
    if abs(sum(s.percent for s in every) - 100) <= give:
        return total
    if any(not s.bound and replace(s, whole=total).agrees() for s in others):
        return total
    return None


def _whole_the_others_tell(others: list[Share], written: list[int]) -> int | None:
    """A number written a few sentences back that every other share beside it (two at least)
    is of: "Ban Chấp hành có 20 đồng chí. Ban Thường vụ có 5 đồng chí. Trong đó, tái cử: 12,
    chiếm 60%; mới: 8, chiếm 40%; nữ: 4, chiếm 20%" are of the 20, though it is not the last
    count before them; so is the share beside them, moved or not. (Its sum, 24, is none.)"""
    if len(others) < 2:
        return None
    for whole in written:
        if all(s.part <= whole and replace(s, whole=whole).agrees() for s in others):
            return whole
    return None


def _written(text: str, begin: int, end: int) -> list[int]:
    """The counts and the numbers of fractions of text[begin:end], whatever they count."""
    out = [c.value for c in _counts(text, begin, end)]
    for m in _fractions(text, begin, end):
        out += [_int(m["a"]), _int(m["b"])]
    return out


MAX_IMPLIED = 2000  # wholes a sibling's share may imply, at most, before it is too vague


def _implied_whole(share: Share, others: list[Share]) -> int | None:
    """A whole that `share` and another share beside it both agree with, among three or more:
    "564 nữ (20,14%), 884 đoàn viên (31,57%), 170 dân tộc ít người (6,07%)" are of one whole
    (2.800, a target the text does not write), so each agrees, and still does when one of the
    others is moved off. Two shares alone prove nothing: a share rounded to a whole per cent
    fits many wholes. An implied whole only ever clears a share, never makes one wrong."""
    if len(others) < 2:
        return None
    for other in others:
        step = 10.0**-other.decimals
        if other.percent - step <= 0:
            continue
        low = math.ceil(100 * other.part / (other.percent + step))
        high = math.floor(100 * other.part / (other.percent - step))
        if high - low > MAX_IMPLIED:
            continue
        for whole in range(max(low, share.part, 1), high + 1):
            if replace(share, whole=whole).agrees() and _agreeing(others, whole) >= 1:
                return whole
    return None


def _agreeing(shares: list[Share], whole: int) -> int:
    return sum(1 for s in shares if s.part <= whole and replace(s, whole=whole).agrees())


def _wholes_before(text: str, begin: int, count: _Count) -> list[int]:
    """The counts before `count` from `begin` that count what it counts (any count, when
    `count` names no unit: "07 chiếm tỷ lệ 21,87%"), and both numbers of a fraction in that
    unit or in none ("Có 32/32 cơ sở đảng được đánh giá", "Số đại biểu nữ là 10/43, …")."""
    unnamed = _unnamed(count)
    out = [
        c.value
        for c in _counts(text, begin, count.start)
        if unnamed or _same_either(count.unit, c.unit)
    ]
    for m in _fractions(text, begin, count.start):
        after = _UNIT_AFTER.match(text, m.end(), count.start)
        if unnamed or not after or _same_either(count.unit, after["words"]):
            out += [_int(m["a"]), _int(m["b"])]
    return out


_RATE = r"(?:t[ỷỉ][ \t]+lệ[ \t]+)"  # "tỷ lệ" after "chiếm"
# A count after its label, its share right after it in parentheses or after "chiếm": "số tái
# cử 10 (chiếm 73%)", "tham gia lần đầu 3 (23%)", "trí thức … 13.557, chiếm 7,6%". (After a word that makes the number a year, a date or a rank,
# "năm 2020 (15%)", it is no count: see _NAMES_A_NUMBER.)
_BARE_COUNT = re.compile(
    rf"(?<![\w.,/–-])(?<!/[ \t])(?P<n>{NUM})(?=[ \t]*(?:\([ \t]*(?:chiếm[ \t]+{_RATE}?)?"
    rf"|,[ \t]*chiếm[ \t]+{_RATE}?)\d{{1,3}}(?:[.,]\d+)?[ \t]*%)",
    re.IGNORECASE,
)


def _bare_counts(text: str, start: int, end: int) -> list[_Count]:
    """The bare counts of text[start:end], with no unit (their wholes may be any count)."""
    return [
        _Count(_int(m["n"]), m.start(), m.end(), "", m.end())
        for m in _BARE_COUNT.finditer(text, start, end)
    ]


# Words that make the number after them a name or a rank, not a count ("cấp 3", "tổ 5"); the
# "số" of "thiểu số", "đa số" does not ("dân tộc thiểu số 4, chiếm 7,4%").
_NAMES_A_NUMBER = re.compile(
    r"(?<!\w)(?:cấp|lớp|hạng|loại|bậc|mức|khu|tổ|thôn|xóm|ấp|đội|khối|phường|quận|khóa|khoá"
    r"|nhiệm[ \t]+kỳ|giai[ \t]+đoạn|năm|tháng|ngày|(?<!thiểu )(?<!đa )số|lần|kỳ|quý|đợt|điều"
    r"|khoản|mục)[ \t]*$",
    re.IGNORECASE,
)
# Names of people: a share of "40 đồng chí" may be of "251 hội viên" (the whole is written in
# the organization's own word, the part in the common one). A member of one body is not one of
# another: "7 đoàn viên" of "12 đảng viên mới" is an attribute, its share may be of a target.
_ANYONE = ("đồng chí", "đ/c", "người")
_MEMBERS = ("đảng viên", "hội viên", "đoàn viên", "đại biểu", "ủy viên", "uỷ viên",
            "cấp ủy viên", "cấp uỷ viên", "thành viên",
            # "ĐB" is how election reports shorten "đại biểu": "12 ĐB nữ (20%)".
            "đb",
            # Holders of an office are people too: "9 Bí thư" of "13 người" elected.
            "bí thư", "phó bí thư",
            # Women and men counted bare: "có 20 nữ, đạt tỷ lệ 40%" of "50 người".
            "nữ", "nam", "phụ nữ")  # fmt: skip


def _people(words: str) -> bool:
    return _names(words, _ANYONE) or _names(words, _MEMBERS)


def _names(words: str, names: tuple[str, ...]) -> bool:
    words = words.lower()
    return any(words == n or words.startswith(n + " ") for n in names)


def _people_alike(a: str, b: str) -> bool:
    """One names anyone ("đồng chí") and the other people of any kind."""
    anyone_a, anyone_b = _names(a, _ANYONE), _names(b, _ANYONE)
    people_a, people_b = _people(a), _people(b)
    return (anyone_a and people_b) or (anyone_b and people_a)


def _unnamed(count: _Count) -> bool:
    return not count.unit or count.unit.startswith(("chiếm", "tương"))


def _same_either(a: str, b: str) -> bool:
    return same_unit(a, b) or same_unit(b, a) or _people_alike(a, b)


def _share(start: int, end: int, part: int, whole: int, pct: re.Match, bound: str = "") -> Share:
    decimals = pct["d"] or ""
    value = float(f"{pct['p']}.{decimals}" if decimals else pct["p"])
    return Share(start, end, part, whole, value, len(decimals), bound)
