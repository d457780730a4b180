"""The development set under bench/devset/: real texts from other organizations, read-only.

Kept apart from the unit tests (they must not read it): the benchmarks measure how the engines
generalise, the tests pin behaviour.
"""

import json
import random
import re
import unicodedata
from pathlib import Path

DEVSET = Path(__file__).resolve().parent / "devset"
TEXTS = DEVSET / "texts"
HELDOUT = DEVSET / "heldout"  # texts read once, after the engines were tuned: never tune on them


def use_heldout() -> None:
    """Point the loaders at the held-out texts (`--heldout` on the command line)."""
    global DEVSET, TEXTS
    DEVSET, TEXTS = HELDOUT, HELDOUT / "texts"


def read_text(path: Path) -> str:
    """The text without its `# source:` line (kept in the file for provenance)."""
    lines = path.read_text(encoding="utf-8").split("\n")
    return "\n".join(line for line in lines if not line.startswith("# source:"))


def texts() -> dict[str, str]:
    return {p.stem: read_text(p) for p in sorted(TEXTS.glob("*.txt"))}


def words(text: str) -> int:
    return len(re.findall(r"\w+", text))


def load(name: str):
    return json.loads((DEVSET / name).read_text(encoding="utf-8"))


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


# --------------------------------------------------------------------------------------------
# Defects made by a procedure (issue 24): slips of words no list of the engine holds, numbers
# of real headings and of real totals changed by one. Seeded, so every run measures the same.
# --------------------------------------------------------------------------------------------

_TOKEN = re.compile(r"[^\W\d_]+")
_TONE_MARKS = "\u0300\u0301\u0309\u0303\u0323"
_ONSETS = (("s", "x"), ("x", "s"), ("ch", "tr"), ("tr", "ch"), ("gi", "d"), ("d", "gi"),
           ("l", "n"), ("n", "l"))  # fmt: skip
_VOWEL_FAMILIES = ("aăâ", "oôơ", "uư", "eê")


def _nfd(s):
    return unicodedata.normalize("NFD", s)


def _nfc(s):
    return unicodedata.normalize("NFC", s)


def slip_word(word: str, rng) -> str | None:
    """`word` with one slip writers make, chosen at random among those that apply: its tone
    mark changed or dropped, its onset swapped (s/x, ch/tr, d/gi, l/n), a vowel letter changed
    within its family (a/ă/â, o/ô/ơ, u/ư, e/ê), or its final letter dropped."""
    out = set()
    # The tone mark sits on one letter: the one that carries it, or else the last vowel letter.
    marked = [i for i, ch in enumerate(word) if any(c in _TONE_MARKS for c in _nfd(ch))]
    vowels = [i for i, ch in enumerate(word) if _nfd(ch)[0] in "aeiouy"]
    at = (marked or vowels or [None])[-1]
    if at is not None:
        bare = "".join(c for c in _nfd(word[at]) if c not in _TONE_MARKS)
        for other in ("", *_TONE_MARKS):
            out.add(word[:at] + _nfc(bare + other) + word[at + 1 :])
    for old, new in _ONSETS:
        # a one-letter onset is not the first letter of "gi", "ng" or "nh"
        if word.startswith(old) and not (len(old) == 1 and word[:2] in ("gi", "ng", "nh")):
            out.add(new + word[len(old) :])
    for i, ch in enumerate(word):
        base = _nfd(ch)
        mark = "".join(c for c in base if c in _TONE_MARKS)
        letter = _nfc("".join(c for c in base if c not in _TONE_MARKS))
        for family in _VOWEL_FAMILIES:
            if letter in family:
                for other in family.replace(letter, ""):
                    out.add(word[:i] + _nfc(other + mark) + word[i + 1 :])
    if len(word) > 2 and word[-1] in "cghmnpt":
        out.add(word[:-1])
    out.discard(word)
    return rng.choice(sorted(out)) if out else None


_Y_AS_I = str.maketrans("yỳýỷỹỵ", "iìíỉĩị")


def accepted_variant(word: str, slipped: str) -> bool:
    """Whether `slipped` is `word` as offices also write it: i for y ("quí", "kỉ"), or the tone
    mark placed the old way or the new ("hoà", "hòa"). Such a "slip" is no case."""
    from dangvu.lib.spelling import _canon

    return _canon(word.lower()).translate(_Y_AS_I) == _canon(slipped.lower()).translate(_Y_AS_I)


def slip_cases(corpus: dict[str, str], count: int, seed: int, outside) -> list[tuple]:
    """(text name, slipped text, line, written, slipped) for `count` slips, each put alone
    into a copy of its text. A slipped word is a lower-case syllable with a lower-case
    neighbour, and `outside(word, pairs)` must hold: no pair it makes with its neighbours, and
    not the word itself, is in any list the engine reads."""
    rng = random.Random(seed)
    candidates = []
    for name, text in corpus.items():
        tokens = list(_TOKEN.finditer(text))
        for i, m in enumerate(tokens):
            word = m.group()
            if not word.islower() or len(word) < 2:
                continue
            pairs = []
            for a, b in ((i - 1, i), (i, i + 1)):
                if 0 <= a and b < len(tokens):
                    gap = text[tokens[a].end() : tokens[b].start()]
                    if gap.strip(" \t") == "" and gap and tokens[a].group().islower():
                        pairs.append(f"{tokens[a].group()} {tokens[b].group()}".lower())
            if pairs and outside(word, pairs):
                candidates.append((name, m.start(), m.end(), word))
    rng.shuffle(candidates)
    out = []
    for name, start, end, word in candidates:
        slipped = slip_word(word, rng)
        if slipped is None or accepted_variant(word, slipped):
            continue
        text = corpus[name]
        out.append((name, text[:start] + slipped + text[end:], text.count("\n", 0, start) + 1,
                    word, slipped))  # fmt: skip
        if len(out) == count:
            break
    return out


_ROMANS = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]


_STYLES = ("I. ", "I- ", "I.- ", "I) ", "1. ", "1) ", "1- ", "1.1. ", "a) ")
_LETTERS = "abcdeghiklmnopqrstuvxy"


def numbering_cases(corpus: dict[str, str], seed: int, per_text: int = 2) -> list[tuple]:
    """(text name, document, line, shape): real paragraphs of a text numbered in a style
    drawn at random, one number given its predecessor's (a repeat) or skipped ahead, the
    numbering going on from what was written. The texts themselves hold too few numbered
    headings to change; their paragraphs stand in for the headings' titles."""
    rng = random.Random(seed)
    out = []
    for name, text in corpus.items():
        paragraphs = [line.strip(" -+•*\t") for line in text.split("\n")]
        paragraphs = [p for p in paragraphs if len(p.split()) >= 6 and p[:1].isupper()]
        if len(paragraphs) < 4:
            continue
        for _ in range(per_text):
            style = rng.choice(_STYLES)
            chosen = rng.sample(paragraphs, k=min(len(paragraphs), rng.randint(4, 8)))
            at = rng.randrange(1, len(chosen))
            kind = rng.choice(("repeat", "skip"))
            numbers = list(range(1, len(chosen) + 1))
            shift = -1 if kind == "repeat" else 1
            numbers = numbers[:at] + [n + shift for n in numbers[at:]]
            lines = ["1. Kết quả thực hiện"] if style.startswith("1.1") else []
            first = len(lines) + 1
            for n, paragraph in zip(numbers, chosen, strict=True):
                lines.append(_number(style, n) + paragraph)
            out.append((name, "\n".join(lines), first + at, f"{style.strip()}/{kind}"))
    return out


def _number(style: str, n: int) -> str:
    if style.startswith("I"):
        return _ROMANS[n - 1] + style[1:]
    if style.startswith("1.1"):
        return f"1.{n}" + style[3:]
    if style.startswith("a"):
        return _LETTERS[n - 1] + style[1:]
    return str(n) + style[1:]


def totals_cases(sentences: list[dict]) -> tuple[list[tuple], list[str]]:
    """(sentence index, changed sentence, which count) for every count of every total and part
    changed by one; and the sentences as written (correct text)."""
    out = []
    for k, entry in enumerate(sentences):
        text = entry["text"]
        for group in entry["counts"]:
            pos = 0
            for j, written in enumerate(group):
                m = re.compile(rf"(?<![\d.,]){re.escape(written)}(?!\d|[.,]\d)").search(text, pos)
                pos = m.end()
                value = int(written.replace(".", ""))
                changed_value = value + 1 if value < 2 or j % 2 else value - 1
                shown = (
                    f"{changed_value:0{len(written)}d}"
                    if written.startswith("0")
                    else str(changed_value)
                )
                out.append((k, text[: m.start()] + shown + text[m.end() :],
                            "tổng" if j == 0 else "thành phần"))  # fmt: skip
    return out, [entry["text"] for entry in sentences]
