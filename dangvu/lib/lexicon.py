"""The lexicon of administrative words and their frequent slips, and the search for them.

The terms are data (``dangvu/rules/lexicon/*.toml``, format described at the top of
``admin-terms.toml``): the wrong form, the right form, optional context regexes and a note. A
term matches whole words only, with any whitespace between its words, a line break included,
because reports converted from PDF or Word break lines in the middle of a phrase ("công" /
"nghe thông tin").

Pure Python: the report checker and the tests use it without Django.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

__all__ = ["LEXICON_DIR", "Slip", "Term", "find_slips", "terms"]

LEXICON_DIR = Path(__file__).resolve().parent.parent / "rules" / "lexicon"

KINDS = ("spelling", "style")
# How far back the `before` / `not_before` context may reach, in characters.
CONTEXT_WINDOW = 120


@dataclass(frozen=True)
class Term:
    """One entry of the lexicon; see the header of admin-terms.toml for the fields."""

    wrong: str
    right: str
    kind: str
    note: str
    example: str
    before: str = ""
    after: str = ""
    not_before: str = ""
    not_after: str = ""
    match_case: bool = False
    counter: str = ""
    source: str = ""  # the file it comes from

    def fix_case(self, written: str) -> str:
        """`right` with the case of what was written: "Chi đạo" -> "Chỉ đạo"."""
        if len(written) > 1 and written.isupper() and not self.right.isupper():
            return self.right.upper()
        if written[:1].isupper():
            return self.right[:1].upper() + self.right[1:]
        if written[:1].islower() and not self.match_case:
            return self.right[:1].lower() + self.right[1:]
        return self.right


@dataclass(frozen=True)
class Slip:
    """A place in a text where a term's wrong form is written: text[start:end] == written."""

    start: int
    end: int
    written: str
    term: Term

    @property
    def suggestion(self) -> str:
        return self.term.fix_case(self.written)


@cache
def terms() -> tuple[Term, ...]:
    """Every term of every lexicon file, in file order."""
    found = []
    for path in sorted(LEXICON_DIR.glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        for entry in data.get("term", []):
            term = Term(**entry, source=path.name)
            if term.kind not in KINDS:
                raise ValueError(f"{path.name}: kind {term.kind!r} of {term.wrong!r}")
            found.append(term)
    return tuple(found)


def find_slips(text: str) -> list[Slip]:
    """All slips in `text` (NFC), sorted by position; overlapping slips keep the first."""
    index, lower_index, by_first_word = _index()
    lowered = text.lower()
    # Searching the lower-cased text is faster than a case-blind search, and the offsets are
    # the same unless lower-casing changed the length (a few non-Vietnamese letters do).
    candidates = (
        lower_index.finditer(lowered) if len(lowered) == len(text) else index.finditer(text)
    )
    slips = []
    for m in candidates:
        for matcher in by_first_word.get(m.group().lower(), ()):
            slip = matcher.match(text, m.start())
            if slip:
                slips.append(slip)
    slips.sort(key=lambda s: (s.start, -s.end))
    kept, reach = [], -1
    for slip in slips:
        if slip.start >= reach:
            kept.append(slip)
            reach = slip.end
    return kept


class _Matcher:
    """A term compiled: the word regex and its context regexes."""

    def __init__(self, term: Term):
        self.term = term
        words = unicodedata.normalize("NFC", term.wrong).split()
        body = r"\s+".join(re.escape(w) for w in words)
        flags = 0 if term.match_case else re.IGNORECASE
        self.pattern = re.compile(rf"(?<!\w){body}(?!\w)", flags)
        self.before = _context(term.before, at_end=True)
        self.not_before = _context(term.not_before, at_end=True)
        self.after = _context(term.after, at_end=False)
        self.not_after = _context(term.not_after, at_end=False)

    def match(self, text: str, pos: int) -> Slip | None:
        m = self.pattern.match(text, pos)
        if m and self._fits(text, m.start(), m.end()):
            return Slip(m.start(), m.end(), m.group(), self.term)
        return None

    def _fits(self, text: str, start: int, end: int) -> bool:
        # The anchored `after` contexts are cheap and rule out most candidates: try them first.
        if self.after and not self.after.match(text, end):
            return False
        if self.not_after and self.not_after.match(text, end):
            return False
        window = max(0, start - CONTEXT_WINDOW)
        if self.before and not self.before.search(text, window, start):
            return False
        return not (self.not_before and self.not_before.search(text, window, start))


def _context(regex: str, *, at_end: bool) -> re.Pattern | None:
    if not regex:
        return None
    # A `before` context must end where the slip begins: search up to `start` with \Z.
    body = f"(?:{regex})\\Z" if at_end else f"(?:{regex})"
    return re.compile(unicodedata.normalize("NFC", body), re.IGNORECASE | re.MULTILINE)


@cache
def _index() -> tuple[re.Pattern, re.Pattern, dict[str, tuple[_Matcher, ...]]]:
    """One regex for the first words of all terms, and the terms by their first word.

    Scanning the text once for candidate words and trying only the terms that start with the
    word found is ten times faster than running every term's regex over the whole text.
    """
    by_first_word: dict[str, list[_Matcher]] = {}
    for term in terms():
        first = unicodedata.normalize("NFC", term.wrong).split()[0].lower()
        by_first_word.setdefault(first, []).append(_Matcher(term))
    words = sorted(by_first_word, key=len, reverse=True)
    alternation = "|".join(re.escape(w) for w in words)
    index = re.compile(rf"(?<!\w)(?:{alternation})(?!\w)", re.IGNORECASE)
    lower_index = re.compile(rf"(?<!\w)(?:{alternation})(?!\w)")
    return index, lower_index, {w: tuple(ms) for w, ms in by_first_word.items()}
