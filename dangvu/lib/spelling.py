"""Spelling slips in Vietnamese text: non-words, real-word slips and doubled words.

Three checks, each tuned for few false alarms:

* **Non-words** (``nonword``): a syllable that is not Vietnamese ("nhiệm vuj", "ddảng", "cng
  tác", "kiểm điêm"). The syllable list is Debian's ``hunspell-vi`` dictionary (GPL-2, read from
  the system at run time, never copied here): Vietnamese has no inflection, so a hunspell check
  is a set lookup and no binding is needed. Without the dictionary this check is skipped.
  Abbreviations (two capitals or more), capitalised words without Vietnamese letters (names,
  brands) and tokens joined to digits or slashes ("đ/c", "v/v") are not checked.
* **Real-word slips** (``realword``): a syllable that is a word on its own but, one mark or one
  letter away, makes a known word of administrative and Party writing with its neighbour
  ("tuyên truyển" -> "tuyên truyền", "đoàn thê" -> "đoàn thể", "chất lượn" -> "chất lượng"),
  from ``rules/lexicon/words.txt`` and the learned collocations; or a syllable whose variant a
  language model of Vietnamese (syllable pairs and triples counted in Wikipedia) finds far
  likelier between its neighbours (see _model_fix). The edits are the slips writers make: a
  tone mark dropped or changed, s/x, ch/tr, d/đ, l/n, d/gi/r, a final letter dropped or added.
* **Doubled words** (``doubled``): "của của", except reduplications that are Vietnamese
  ("ngày ngày", "dần dần", "năm năm qua").
"""

from __future__ import annotations

import bisect
import math
import os
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

__all__ = [
    "Slip",
    "dictionary_path",
    "ethnic_group_names",
    "find_spelling_slips",
    "known_words",
    "syllables",
]

WORDS_FILE = Path(__file__).resolve().parent.parent / "rules" / "lexicon" / "words.txt"
EXTRA_SYLLABLES_FILE = WORDS_FILE.with_name("syllables-extra.txt")
# Vietnam's 54 ethnic groups and their other names (the General Statistics Office's list).
ETHNIC_GROUPS_FILE = WORDS_FILE.with_name("ethnic-groups.txt")
# Two-syllable collocations learned from public text (bench/devset/learn_collocations.py).
COLLOCATIONS_FILE = WORDS_FILE.with_name("collocations.txt")
# Syllable bigrams and trigrams learned from public Vietnamese text (bench/devset/learn_ngrams.py).
BIGRAMS_FILE = WORDS_FILE.with_name("bigrams.tsv")
TRIGRAMS_FILE = WORDS_FILE.with_name("trigrams.tsv")
# The language model's confidence, chosen on the tuning texts and the demo's own reports (none
# of them counted in the model while choosing) so that they get no false alarm: a variant this
# many times likelier than the syllable written, between its neighbours, is an error.
MODEL_RATIO = 3e3
MODEL_ONE_SIDED_RATIO = 1e4  # with neighbours on one side only (at the start or end of a phrase)
# A pair seen this many times is a word: its syllables are never judged slips by the model.
MODEL_WORD = 100
# ... and seen this many times more often than chance: a word, not two words that often meet
# (chosen on the tuning texts' doubled words: "bộ phận" 296, "bộ môn" 34; "được giao" 3.6).
MODEL_COHESION = 20
# A pair seen this many times in public text is a word as written, even one slip away from a
# listed or learned word, unless that word is _SLIP_SHARE times commoner still: public text
# holds its own slips ("chỉ đảo" 4 times beside "chỉ đạo" 608).
_ATTESTED = 4
_SLIP_SHARE = 100
DICTIONARY_PATHS = (
    "/usr/share/hunspell/vi_VN.dic",
    "/usr/share/myspell/dicts/vi_VN.dic",
    "/usr/share/myspell/vi_VN.dic",
)

_TONES = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")
_TONE_MARKS = re.compile("[\u0300\u0301\u0309\u0303\u0323]")
_VOWELS = set("aăâeêioôơuưy")
_TOKEN = re.compile(r"[^\W\d_¹²³⁴⁵⁶⁷⁸⁹⁰ⁱⁿ]+")
_VIETNAMESE_ONLY = re.compile(
    r"[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]"
)
_ONSET_SWAPS = (("s", "x"), ("x", "s"), ("ch", "tr"), ("tr", "ch"), ("d", "đ"), ("đ", "d"),
                ("l", "n"), ("n", "l"), ("d", "gi"), ("gi", "d"), ("r", "d"), ("d", "r"),
                ("r", "gi"), ("gi", "r"))  # fmt: skip
_FINALS = ("g", "c", "h", "n", "t", "m", "p")
# Final consonants writers confuse (besides a final letter dropped or added): -nh/-n, -ch/-t,
# -m/-n, -t/-c.
_FINAL_SWAPS = (("nh", "n"), ("ch", "t"), ("t", "ch"), ("n", "m"), ("m", "n"), ("t", "c"),
                ("c", "t"))  # fmt: skip
_OLD_STYLE = re.compile("([oòóỏõọ])([ae])$|(?<!q)([uùúủũụ])(y)$")
# New-style tone placement (hòa, thủy), the form words are compared in.
_NEW_STYLE = re.compile("(?<![q])([ou])([àáảãạèéẻẽẹỳýỷỹỵ])$")
# Reduplications that are Vietnamese, not slips.
_REDUPLICATED = frozenset(
    "ngày người nhà đời từ dần thường xa lớp đâu ai mãi chiều sáng đêm năm tháng đều rất "
    "nhiều cao vui xanh đỏ số".split()  # "một số số liệu"
)


@dataclass(frozen=True)
class Slip:
    start: int
    end: int
    written: str
    suggestion: str | None
    kind: str  # "nonword", "realword", "doubled" or "foreign" (not built like Vietnamese)
    # False for a guess worth a note only: a real-word slip whose known word was learned from
    # public text (not listed by hand) and differs by more than a tone mark.
    sure: bool = True


def dictionary_path() -> str | None:
    """The hunspell-vi dictionary on this machine (``DANGVU_HUNSPELL_VI`` overrides)."""
    candidates = [os.environ.get("DANGVU_HUNSPELL_VI", ""), *DICTIONARY_PATHS]
    return next((p for p in candidates if p and os.path.isfile(p)), None)


@cache
def syllables() -> frozenset[str] | None:
    """Lower-case Vietnamese syllables (hunspell-vi), or None when the dictionary is absent."""
    path = dictionary_path()
    if path is None:
        return None
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")[1:]  # the first line is the entry count
    words = {line.split("/")[0].strip().lower() for line in lines if line.strip()}
    for line in EXTRA_SYLLABLES_FILE.read_text(encoding="utf-8").split("\n"):
        line = line.split("#")[0].strip()
        if line:
            words.add(unicodedata.normalize("NFC", line).lower())
    return frozenset(words)


def _canon(word: str) -> str:
    """`word` with its tone placed the new way: "hoà" -> "hòa", "thuỷ" -> "thủy"."""
    return _NEW_STYLE.sub(_move_tone_back, word)


def _move_tone_back(m: re.Match) -> str:
    decomposed = unicodedata.normalize("NFD", m[2])
    tone = "".join(_TONE_MARKS.findall(decomposed))
    bare = _TONE_MARKS.sub("", decomposed)
    return unicodedata.normalize("NFC", m[1] + tone + bare)


@cache
def known_words() -> frozenset[str]:
    """Words of two syllables or more of administrative and Party writing (lower case): the
    hand-written list and the collocations learned from public text."""
    learned = _read_pairs(COLLOCATIONS_FILE)
    return listed_words() | {p for p in learned if not _FUNCTION_WORDS & set(p.split(" "))}


# Grammatical words that join any two phrases: a learned pair holding one ("này có", "của
# các", "khi có") is two words side by side, not a word whose slips can be told.
_FUNCTION_WORDS = frozenset("của các và là có này cho những khi lại thì mà".split())


@cache
def listed_words() -> frozenset[str]:
    """The hand-written words and set phrases (rules/lexicon/words.txt), as adjacent pairs."""
    return _read_pairs(WORDS_FILE)


@cache
def ethnic_group_names() -> tuple[tuple[str, ...], ...]:
    """The names of each ethnic group (rules/lexicon/ethnic-groups.txt): its name in the
    official list first, then its other names."""
    groups = []
    for line in ETHNIC_GROUPS_FILE.read_text(encoding="utf-8").split("\n"):
        line = unicodedata.normalize("NFC", line.split("#")[0]).strip()
        if line:
            groups.append(tuple(" ".join(name.split()) for name in line.split("|")))
    return tuple(groups)


# Between the syllables of a name: blanks, a hyphen or nothing ("Ba Na", "Ba-na", "LôLô").
_NAME_JOINT = r"(?:[ \t]*[-‐–][ \t]*|[ \t]+|)"


@cache
def _ethnic_name_pattern() -> re.Pattern | None:
    """Where an ethnic group's name is written, capitalised, its syllables joined by blanks, a
    hyphen or nothing ("Ba Na", "Ba-na", "LôLô", "Ê-đê"), its apostrophe any ("H’Mông").

    A name of one Vietnamese syllable ("Kinh", "Thái", "Hoa") is left out: the spelling checks
    take it as written, and it is too often a common word to be skipped."""
    known = syllables()
    alternatives = []
    for name in {n for group in ethnic_group_names() for n in group}:
        parts = name.split(" ")
        if len(parts) == 1 and known is not None and _is_syllable(name.lower(), known):
            continue
        joined = _NAME_JOINT.join(re.escape(p).replace("'", "['’ʼ]?") for p in parts)
        first = re.escape(name[0])
        # The first letter as a capital, the rest in any case (a heading writes "BA NA").
        alternatives.append((len(name), f"{first}(?i:{joined.removeprefix(first)})"))
    if not alternatives:
        return None
    alternatives.sort(reverse=True)  # the longest name first ("Khơ Me Krôm" before "Khơ Me")
    # Only a word starting with one of the names' first letters is tried against them all.
    initials = re.escape("".join(sorted({a[0] for _, a in alternatives})))
    names = "|".join(a for _, a in alternatives)
    return re.compile(rf"(?<!\w)(?=[{initials}])(?:{names})(?!\w)")


def _ethnic_name_spans(text: str) -> list[tuple[int, int]]:
    pattern = _ethnic_name_pattern()
    return [] if pattern is None else [m.span() for m in pattern.finditer(text)]


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted spans with those that overlap made one, so that a bisection finds the span a
    position is in."""
    out: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def _read_pairs(path: Path) -> frozenset[str]:
    out: set[str] = set()
    if not path.exists():
        return frozenset()
    for line in path.read_text(encoding="utf-8").split("\n"):
        line = line.split("#")[0].strip()
        syl = [_canon(w) for w in unicodedata.normalize("NFC", line).lower().split()]
        # A longer entry ("hoàn thành xuất sắc nhiệm vụ") is read as its adjacent pairs.
        out.update(f"{a} {b}" for a, b in zip(syl, syl[1:], strict=False))
    return frozenset(out)


def learn_collocations(texts, min_texts: int = 2) -> list[tuple[str, int]]:
    """Two-syllable collocations of `texts` (public writing of the same kind), with the number
    of texts each occurs in, most frequent first.

    Candidates are adjacent syllables, both Vietnamese (hunspell-vi) and lower case (capitals
    start names), with only blanks between them, found in at least `min_texts` texts (a slip
    of one writer is not learned). Vietnamese is written syllable by syllable, so a candidate
    may straddle two words ("tổ chức đảng" holds no word "chức đảng"). Candidates are therefore
    taken strongest first, by how much their syllables keep together (Dice coefficient), and
    one is dropped when most of its occurrences share a syllable with a listed word
    (words.txt) or a pair taken before it ("tương lai của" keeps "tương lai", not "lai của").
    A pair one slip away from a listed word is a common slip ("nổ lực"), never learned.
    """
    known = syllables() or frozenset()
    listed = listed_words()
    unigrams: dict[str, int] = {}
    places: dict[str, list[tuple[int, int]]] = {}  # pair -> (text, index of its 2nd token)
    taken: set[tuple[int, int]] = set()  # (text, token index) inside a listed word
    for n, text in enumerate(texts):
        text = unicodedata.normalize("NFC", text)
        tokens = list(_TOKEN.finditer(text))
        words = [_canon(m.group().lower()) for m in tokens]
        for w in words:
            unigrams[w] = unigrams.get(w, 0) + 1
        for i in range(1, len(tokens)):
            a, b = tokens[i - 1], tokens[i]
            if _BLANKS.fullmatch(text, a.end(), b.start()) is None:
                continue
            pair = f"{words[i - 1]} {words[i]}"
            if pair in listed:
                taken.update({(n, i - 1), (n, i)})
                continue
            if not (a.group().islower() and b.group().islower()):
                continue
            if words[i - 1] in known and words[i] in known:
                if not _FUNCTION_WORDS & {words[i - 1], words[i]}:
                    places.setdefault(pair, []).append((n, i))

    def dice(pair: str) -> float:
        a, b = pair.split(" ")
        return 2 * len(places[pair]) / (unigrams[a] + unigrams[b])

    candidates = [
        p
        for p, where in places.items()
        if len({n for n, _ in where}) >= min_texts and not _near_listed(p, listed)
    ]
    learned = []
    for pair in sorted(candidates, key=lambda p: (-dice(p), p)):
        where = places[pair]
        shared = sum((n, i - 1) in taken or (n, i) in taken for n, i in where)
        if 2 * shared >= len(where):
            continue
        learned.append((pair, len({n for n, _ in where})))
        taken.update(t for n, i in where for t in ((n, i - 1), (n, i)))
    return sorted(learned, key=lambda item: (-item[1], item[0]))


# A number stands in the language model as one pseudo-syllable: what comes before a number
# ("ngày 28", "số 01", "khóa 12") is evidence as good as a word ("ngáy 28" is a slip).
NUMBER = "0"
_TOKEN_OR_NUMBER = re.compile(rf"\d+|{_TOKEN.pattern}")


def syllable_runs(text: str):
    """Runs of adjacent lower-case Vietnamese syllables of `text` with only blanks between
    them, tones placed the new way, a number read as NUMBER: what the language model
    counts."""
    known = syllables() or frozenset()
    text = unicodedata.normalize("NFC", text)
    run: list[str] = []
    end = None
    for m in _TOKEN_OR_NUMBER.finditer(text):
        word = m.group()
        syllable = NUMBER if word.isdigit() else _canon(word) if word.islower() else None
        if syllable not in (None, NUMBER) and not _is_syllable(syllable, known):
            syllable = None
        if syllable is None or end is None or not _BLANKS.fullmatch(text, end, m.start()):
            if len(run) > 1:
                yield run
            run = []
        if syllable is not None:
            run.append(syllable)
        end = m.end() if syllable is not None else None
    if len(run) > 1:
        yield run


@dataclass(frozen=True)
class _Model:
    """Counts of syllables, adjacent pairs and triples of public text (see learn_ngrams.py)."""

    pairs: dict[str, int]  # "a b" -> times seen side by side
    triples: dict[str, int]  # "a b c" -> times seen in a row
    unigrams: dict[str, int]  # syllable -> times seen in a pair (the larger of its two sides)
    follows: dict[str, int]  # a -> times some syllable was seen after it
    kinds_after: dict[str, int]  # a (or "a b") -> how many different syllables follow it
    total: int


def _read_counts(path: Path) -> dict[str, int]:
    if not path.exists():
        return {}
    body = path.read_text(encoding="utf-8")
    while body.startswith("#"):  # the header
        body = body[body.index("\n") + 1 :]
    if not body.strip():
        return {}
    # One split of the whole file, keys and counts alternating: twice as fast as line by line.
    fields = body.rstrip("\n").replace("\t", "\n").split("\n")
    return dict(zip(fields[0::2], map(int, fields[1::2]), strict=True))


@cache
def language_model() -> _Model:
    """The learned language model (empty when its files are absent)."""
    return _model(_read_counts(BIGRAMS_FILE), _read_counts(TRIGRAMS_FILE))


def _model(pairs: dict[str, int], triples: dict[str, int]) -> _Model:
    firsts: dict[str, int] = {}
    seconds: dict[str, int] = {}
    kinds: dict[str, int] = {}
    for pair, n in pairs.items():
        a, _, b = pair.partition(" ")
        firsts[a] = firsts.get(a, 0) + n
        seconds[b] = seconds.get(b, 0) + n
        kinds[a] = kinds.get(a, 0) + 1
    for triple in triples:
        head = triple.rpartition(" ")[0]
        kinds[head] = kinds.get(head, 0) + 1
    unigrams = {w: max(firsts.get(w, 0), seconds.get(w, 0)) for w in firsts.keys() | seconds}
    return _Model(pairs, triples, unigrams, firsts, kinds, max(1, sum(unigrams.values())))


def _near_listed(pair: str, listed: frozenset[str]) -> bool:
    a, b = pair.split(" ")
    return any(f"{v} {b}" in listed for v in _variants(a)) or any(
        f"{a} {v}" in listed for v in _variants(b)
    )


def _is_word(word: str, known: frozenset[str]) -> bool:
    if _is_syllable(word, known):
        return True
    if word.isascii():
        # A foreign word ("website", "audio") is not a slip; a Telex leftover is: it reads as
        # a syllable once its tone and mark letters are applied ("vuj", "tees", "chuwcs").
        # A word with no vowel at all ("cng") is neither.
        if not any(c in "aeiouy" for c in word):
            return word in _UNITS
        return not any(_is_syllable(v, known) for v in _telex_fixes(word))
    return False


def _is_syllable(word: str, known: frozenset[str]) -> bool:
    if word in known:
        return True
    # The dictionary places tones the old way (hoà, thuỷ); writers use either.
    old = _OLD_STYLE.sub(_move_tone, word)
    return old != word and old in known


def _move_tone(m: re.Match) -> str:
    first, second = (m[1], m[2]) if m[1] else (m[3], m[4])
    decomposed = unicodedata.normalize("NFD", first)
    tone = "".join(_TONE_MARKS.findall(decomposed))
    bare = unicodedata.normalize("NFC", _TONE_MARKS.sub("", decomposed))
    return bare + unicodedata.normalize("NFC", second + tone)


@cache
def _pairs_index(
    words: frozenset[str],
) -> tuple[dict[str, frozenset[str]], dict[str, frozenset[str]]]:
    """Known words as {first syllable: second syllables} and {second: firsts}."""
    firsts: dict[str, set[str]] = {}
    seconds: dict[str, set[str]] = {}
    for pair in words:
        a, b = pair.split(" ")
        firsts.setdefault(a, set()).add(b)
        seconds.setdefault(b, set()).add(a)
    return (
        {k: frozenset(v) for k, v in firsts.items()},
        {k: frozenset(v) for k, v in seconds.items()},
    )


@cache
def _variants(word: str) -> frozenset[str]:
    """Syllables one usual slip away from `word` (tone, onset, a dropped final letter)."""
    out = set()
    decomposed = unicodedata.normalize("NFD", word)
    bare = _TONE_MARKS.sub("", decomposed)
    letters = list(unicodedata.normalize("NFC", bare))
    for i, ch in enumerate(letters):
        base = unicodedata.normalize("NFD", ch)[0]
        if base not in _VOWELS:
            continue
        for tone in _TONES:
            toned = unicodedata.normalize("NFC", unicodedata.normalize("NFD", ch) + tone)
            out.add("".join(letters[:i] + [toned] + letters[i + 1 :]))
    for old, new in _ONSET_SWAPS:
        if word.startswith(old) and not (old == "g" and word.startswith("gi")):
            out.add(new + word[len(old) :])
    for final in _FINALS:
        out.add(word + final)  # a final letter dropped: "lượn" for "lượng"
    for old_final, new_final in _FINAL_SWAPS:  # "đảng viêm" for "đảng viên"
        if word.endswith(old_final) and len(word) > len(old_final):
            out.add(word[: -len(old_final)] + new_final)
    if word.endswith("ng"):
        out.add(word[:-1])  # a "g" added: "thông" for "thôn" (other finals: "tết" is no "tế")
    out.discard(word)
    return frozenset(out)


def _plain(word: str) -> bool:
    """Lower case, or a capital then lower case: a neighbour the language model may read."""
    return word.islower() or (CAPITAL_NEIGHBOURS and word[:1].isupper() and word[1:].islower())


# Whether a capitalised left neighbour counts as evidence for the language model.
CAPITAL_NEIGHBOURS = True


def find_spelling_slips(
    text: str, skip: Sequence[tuple[int, int]] = (), limit: int | None = None
) -> list[Slip]:
    """Slips in `text` (NFC), outside the `skip` spans (citations, for instance) and the names
    of ethnic groups; with `limit`, only the first `limit` of them (the search stops there)."""
    known = syllables()
    words = known_words()
    lm = language_model() if known is not None else None
    spans = _merged([*skip, *_ethnic_name_spans(text)])
    starts = [a for a, _ in spans]
    tokens = list(_TOKEN.finditer(text))
    if spans:
        tokens = [m for m in tokens if not _inside(m.start(), spans, starts)]
    canon_of: dict[str, str] = {}
    canon = []
    for m in tokens:
        lower = m.group().lower()
        if lower not in canon_of:
            canon_of[lower] = _canon(lower)
        canon.append(canon_of[lower])
    bounds = [(m.start(), m.end()) for m in tokens]
    blanks = _BLANKS.fullmatch
    joined = [False] + [
        bounds[i - 1][1] < bounds[i][0] and blanks(text, bounds[i - 1][1], bounds[i][0]) is not None
        for i in range(1, len(tokens))
    ]

    def pair_known(i: int) -> bool:  # tokens i-1 and i make a known word
        return 0 < i < len(tokens) and joined[i] and f"{canon[i - 1]} {canon[i]}" in words

    def pair_word(i: int) -> bool:  # ... or a pair public text writes as one word
        if pair_known(i):
            return True
        if lm is None or not (0 < i < len(tokens) and joined[i]):
            return False
        a, b = canon[i - 1], canon[i]
        seen = lm.pairs.get(f"{a} {b}", 0)
        # Often side by side, and far more often than their own frequencies would put them
        # there ("bộ phận", "bộ môn"): a word; "vụ được", "đã đạt" are two words that meet.
        chance = lm.unigrams.get(a, 1) * lm.unigrams.get(b, 1) / lm.total
        return seen >= MODEL_WORD and seen >= MODEL_COHESION * chance

    unknown = set()
    if known is not None:
        unknown = {w for w in canon_of if w not in known and not _is_word(w, known)}

    def opens(i: int) -> bool:  # a capitalised word opening a sentence, not part of a name
        word = tokens[i].group()
        return word[:1].isupper() and word[1:].islower() and not _name_part(text, tokens, i)

    slips: dict[int, Slip] = {}
    modelled: set[int] = set()  # starts of the slips found by the language model
    for i, m in enumerate(tokens):
        if limit is not None and len(slips) >= limit:
            break
        word = m.group()
        lower = word.lower()
        prev = tokens[i - 1] if joined[i] else None
        if (
            prev is not None
            and prev.group() == word
            and lower not in _REDUPLICATED
            # "Đảng bộ bộ phận", "cán bộ bộ môn": the first copy ends a word, the second begins
            # the next one; a syllable written twice is not a doubled word then.
            and not (pair_word(i - 1) and pair_word(i + 1))
        ):
            slips[m.start()] = Slip(prev.start(), m.end(), text[prev.start() : m.end()],
                                    prev.group(), "doubled")  # fmt: skip
            continue
        if lower in unknown and _checkable(text, m):
            # A capitalised syllable inside a sentence or beside another one is part of a name
            # (of a person, a place, a festival: "Chôl Chnăm Thmây", "lễ Đôlta"): not a slip.
            if word[0].isupper() and _name_part(text, tokens, i) and not _glued(lower, known):
                continue
            if known is not None and _foreign(lower, known):
                # Not built like a Vietnamese syllable ("chnăm", "đôlta"): a word of a minority
                # language or a foreign one, worth a note, never an error.
                slips[m.start()] = Slip(m.start(), m.end(), word, None, "foreign", sure=False)
                continue
            slips[m.start()] = Slip(m.start(), m.end(), word, _suggest(tokens, i, text), "nonword")
            continue
        # Real-word slips: lower-case syllables, and the first word of a sentence ("Lành
        # đạo …"); another capital starts a name ("Truyền thông").
        if not (word.islower() or opens(i)):
            continue
        if _and_between_names(text, m):
            slips[m.start()] = Slip(m.start(), m.end(), word, "và", "realword")
            continue
        fix = None
        if prev is not None and (prev.group().islower() or opens(i - 1)) and not pair_known(i):
            fix = _real_word_fix(canon[i - 1], canon[i])
            # A pair the model saw in public text is a word as written ("chính đảng" beside
            # "chính đáng"): not a slip.
            if fix and lm and _attested(f"{canon[i - 1]} {canon[i]}", fix[1], lm):
                fix = None
        if fix is None:
            # The language model: a variant of this syllable far likelier between its neighbours.
            if lm and lm.pairs and not pair_known(i) and not pair_known(i + 1):
                left, right = _context(text, tokens, canon, joined, i, lm)
                variant = _model_slip(left, canon[i], right, lm)
                if variant is not None:
                    slips[m.start()] = _model_finding(text, tokens, i, variant, left, right)
                    modelled.add(m.start())
            continue
        changed, word_fixed, sure = fix
        if prev is not None and prev.group()[0].isupper():
            word_fixed = word_fixed[0].upper() + word_fixed[1:]  # "Lành đạo" -> "Lãnh đạo"
        # A syllable that already makes a word with its other neighbour is taken: "công tác
        # phòng" is "công tác" + "phòng", not "tác phong"; "vấn đề an sinh" has "đề" in "vấn
        # đề" and "an" in "an sinh", no "đề án". The words public text writes count too, not
        # only the listed ones: "thống kê từ" is "thống kê" + "từ", no "kể từ".
        if pair_word(i - 1) or pair_word(i + 1):
            continue
        assert prev is not None  # a fix is only looked for beside a previous word
        target = prev if changed == 0 else m
        # A fix from the word lists replaces the language model's at that word: it names the
        # word meant ("xinh hoạt" -> "sinh hoạt", not "mạnh xinh" -> "mạnh sinh").
        held = slips.get(target.start())
        if held is None or target.start() in modelled or (sure and not held.sure):
            slips[target.start()] = Slip(prev.start(), m.end(), text[prev.start() : m.end()],
                                         word_fixed, "realword", sure)  # fmt: skip
    return sorted(slips.values(), key=lambda s: s.start)


def _model_finding(
    text: str, tokens: list[re.Match], i: int, variant: str, left: tuple, right: tuple
) -> Slip:
    """The language model's finding at token i: the syllable with the neighbour it was judged
    beside, or alone when that neighbour is a number ("ngáy 28" -> "ngày")."""
    m = tokens[i]
    if left and left[-1] != NUMBER:
        start, fixed = tokens[i - 1].start(), f"{tokens[i - 1].group()} {variant}"
        return Slip(start, m.end(), text[start : m.end()], fixed, "realword")
    if m.group()[0].isupper():
        variant = variant.capitalize()  # "Lành đạo" -> "Lãnh đạo"
    if right and right[0] != NUMBER:
        end = tokens[i + 1].end()
        return Slip(m.start(), end, text[m.start() : end], f"{variant} {right[0]}", "realword")
    return Slip(m.start(), m.end(), m.group(), variant, "realword")


_NUMBER_BEFORE = re.compile(r"\d[ \t]+\Z")
_NUMBER_AFTER = re.compile(r"[ \t]+\d")


def _attested(written: str, meant: str, lm: _Model) -> bool:
    """Whether the pair `written` is a word of its own rather than a slip of `meant`: seen
    often enough in public text, and not a sliver of how often `meant` is."""
    seen = lm.pairs.get(written, 0)
    return seen >= _ATTESTED and seen * _SLIP_SHARE >= lm.pairs.get(meant, 0)


def _context(
    text: str, tokens: list[re.Match], canon: list[str], joined: list[bool], i: int, lm: _Model
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Up to two syllables on each side of token i that the model may read: in the same
    phrase (only blanks between), known to the model, lower case or, on the left, a capital
    then lower case ("Căn cự …", "Ủy ban Kiểm trã …": the slip itself is lower case, so it is
    no name). A capital on the right starts a name or a title: "sinh cố Tổng Bí thư" says
    nothing of "cố". A doubled word ("của của") is the doubled check's, not evidence. With no
    syllable on a side, a number there is read as NUMBER ("ngáy 28 tháng")."""
    word = tokens[i].group()
    left: list[str] = []
    j = i
    while len(left) < 2 and j > 0 and joined[j] and _plain(tokens[j - 1].group()):
        if canon[j - 1] not in lm.unigrams or tokens[j - 1].group() == word:
            break
        left.insert(0, canon[j - 1])
        j -= 1
    right: list[str] = []
    j = i + 1
    while len(right) < 2 and j < len(tokens) and joined[j] and tokens[j].group().islower():
        if canon[j] not in lm.unigrams or tokens[j].group() == word:
            break
        right.append(canon[j])
        j += 1
    if NUMBER in lm.unigrams:
        m = tokens[i]
        if not left and _NUMBER_BEFORE.search(text, max(0, m.start() - 20), m.start()):
            left.append(NUMBER)
        if not right and _NUMBER_AFTER.match(text, m.end()):
            right.append(NUMBER)
    return tuple(left), tuple(right)


# What may stand before the first word of a sentence: its start, a line break, a full stop,
# a colon, a list mark ("-", "1.", "a)"), and opening quotes or brackets.
_SENTENCE_OPENING = re.compile(
    r"(?:\A|[.!?:;…\n]|(?:^|\n)[ \t]*(?:[-+•*–]|\d{1,2}[.)]|[a-zđ]\)))[ \t\"“‘(\[*_]*\Z"
)
_NAME_GAP = re.compile(r"[ \t]*[-–]?[ \t]*")


def _name_part(text: str, tokens: list[re.Match], i: int) -> bool:
    """Whether the capitalised token `i` is part of a name: a neighbour joined to it by blanks
    or a hyphen is capitalised too ("Chôl Chnăm Thmây", "Ok-Om-Bok"), or it does not open a
    sentence (a capital inside a sentence starts a name)."""
    m = tokens[i]
    for j in (i - 1, i + 1):
        if 0 <= j < len(tokens):
            a, b = (tokens[j], m) if j < i else (m, tokens[j])
            gap = text[a.end() : b.start()]
            if gap and _NAME_GAP.fullmatch(gap) and tokens[j].group()[:1].isupper():
                return True
    return _SENTENCE_OPENING.search(text, max(0, m.start() - 12), m.start()) is None


# A Vietnamese syllable: an onset, one to three vowel letters, a final. A word that cannot be
# read so ("chnăm", "thmây", "đôlta", "chôl") is not a slip of a Vietnamese word.
_SYLLABLE_SHAPE = re.compile(
    r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])?[aăâeêioôơuưy]{1,3}"
    r"(?:ch|ng|nh|[cmnptiouy])?"
)
_DOUBLED_LETTER = re.compile(r"(.)\1")


def _glued(word: str, known: frozenset[str] | None) -> bool:
    """Two syllables with the space between them lost ("kếhoạch", "xãtân"): a slip."""
    return known is not None and any(
        _is_syllable(word[:k], known) and _is_syllable(word[k:], known)
        for k in range(2, len(word) - 1)
    )


def _foreign(word: str, known: frozenset[str]) -> bool:
    """A word not shaped like a Vietnamese syllable, with no vowel-less or Telex leftover in
    it and no doubled letter whose removal makes a syllable ("trongg")."""
    bare = unicodedata.normalize("NFC", _TONE_MARKS.sub("", unicodedata.normalize("NFD", word)))
    if _SYLLABLE_SHAPE.fullmatch(bare) or not any(c in "aăâeêioôơuưy" for c in bare):
        return False
    if any(_is_syllable(v, known) for v in _telex_fixes(word)):
        return False
    if _glued(word, known):
        return False
    for d in _DOUBLED_LETTER.finditer(word):
        if _is_syllable(word[: d.start()] + word[d.start() + 1 :], known):
            return False
    return True


# "và" with its tone mark slipped or lost. Between two capitalised words ("HĐND vá UBND",
# "Chương VII vả Chương VIII") it can only be "và": "vả lại", "vá áo", "tai vạ" are followed by
# a lower-case word, and the language model takes a capitalised neighbour as no evidence.
_AND_SLIPS = frozenset({"va", "vá", "vả", "vã", "vạ"})


# The words either side of a word, read in the text itself: a neighbour may stand in a span the
# checks skip ("Quyết định số 217-QĐ/TW vả Quyết định số 218-QĐ/TW": two citations).
_WORD_BEFORE = re.compile(r"([^\W_]+)[ \t]+$")
_WORD_AFTER = re.compile(r"[ \t]+([^\W\d_]+)")
# What may stand before the first word of a line: a bullet, a heading's number ("- ", "2.1. ", "a) ").
_LINE_OPENING = re.compile(r"[ \t\-–—+*•·]*(?:(?:[0-9]+|[IVXLC]+|[a-zđ])[.)\-][ \t]*)*")


def _and_between_names(text: str, m: re.Match) -> bool:
    """Whether the word `m` is "và" slipped, standing between two capitalised words."""
    if m.group() not in _AND_SLIPS:
        return False
    before = _WORD_BEFORE.search(text, max(0, m.start() - 60), m.start())
    after = _WORD_AFTER.match(text, m.end())
    if not (before and after and after[1][0].isupper()):
        return False
    # An abbreviation or a number: "HĐND", "Chương VII", "QĐ/TW", "Chi bộ 3".
    if before[1].isupper() or before[1].isdigit():
        return True
    if not before[1][0].isupper():
        return False
    # A capitalised word inside a sentence names something ("Đảng và Nhà nước"); one opening
    # the sentence may be any word ("Tai vạ …").
    head = text[: before.start(1)].rstrip(" \t")
    line = head.rsplit("\n", 1)[-1]
    return not (head[-1:] in ("", ".", "!", "?", ":", ";") or _LINE_OPENING.fullmatch(line))


def _inside(pos: int, spans: list[tuple[int, int]], starts: list[int]) -> bool:
    i = bisect.bisect_right(starts, pos) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]


_BLANKS = re.compile(r"[ \t]+")


def _adjacent(text: str, a: re.Match, b: re.Match) -> bool:
    """Two tokens of one phrase: only spaces between them (no punctuation, no line break)."""
    between = text[a.end() : b.start()]
    return bool(between) and between.strip(" \t") == ""


def _checkable(text: str, m: re.Match) -> bool:
    word = m.group()
    if len(word) == 1:
        return False  # list letters "b)", initials
    if sum(c.isupper() for c in word) >= 2 and not word.isupper():
        return False  # "TTr", "QĐi": codes
    if word.isupper() and len(word) > 1:
        return False  # abbreviations and all-capital headings (their accents are not typed)
    if word[0].isupper() and not _VIETNAMESE_ONLY.search(word.lower()):
        return False  # a name or a brand
    before = text[m.start() - 1 : m.start()]
    after = text[m.end() : m.end() + 1]
    return not (before in "/&.-" and before or after in "/&-" and after or after.isdigit())


def _real_word_fix(a: str, b: str) -> tuple[int, str, bool] | None:
    """(which syllable, the known word, sure) when one slip in `a` or `b` makes a known word.

    Words listed by hand are tried first; a word only learned from public text gives a sure
    finding only when the slip is a tone mark (the commonest slip, and the one a collocation
    model tells best); other edits ("là việc" for "làm việc") are guesses."""
    for words, learned in ((listed_words(), False), (known_words(), True)):
        firsts, seconds = _pairs_index(words)
        # Only syllables that begin (or end) a known word can be half of a slip: look those up
        # instead of trying every variant of every pair.
        for v in sorted(firsts.get(a, frozenset()) & _variants(b)):
            return 1, f"{a} {v}", not learned or _tone_only(b, v)
        for v in sorted(seconds.get(b, frozenset()) & _variants(a)):
            return 0, f"{v} {b}", not learned or _tone_only(a, v)
    return None


def _probability(lm: _Model, x: str, before: tuple[str, ...]) -> float:
    """P(x | the one or two syllables before it), interpolated down to the syllable alone
    (Witten-Bell: a history followed by many different syllables leaves more to the shorter
    one)."""
    p = (lm.unigrams.get(x, 0) + 1) / (lm.total + len(lm.unigrams))
    if before:
        a = before[-1]
        seen = lm.follows.get(a, 0)
        if seen:
            kinds = lm.kinds_after.get(a, 1)
            p = (lm.pairs.get(f"{a} {x}", 0) + kinds * p) / (seen + kinds)
    if len(before) == 2:
        head = f"{before[0]} {before[1]}"
        seen = lm.pairs.get(head, 0)
        if seen:
            kinds = lm.kinds_after.get(head, 1)
            p = (lm.triples.get(f"{head} {x}", 0) + kinds * p) / (seen + kinds)
    return p


def _fit(lm: _Model, x: str, left: tuple[str, ...], right: tuple[str, ...]) -> tuple[float, float]:
    """How well `x` fits between `left` and `right` (up to two syllables each): P(x | left),
    and P(right | x) reading on from `left`."""
    p_left = _probability(lm, x, left)
    p_right = 1.0
    if right:
        p_right = _probability(lm, right[0], (*left[-1:], x))
        if len(right) == 2:
            p_right *= _probability(lm, right[1], (x, right[0]))
    return p_left, p_right


def _model_fix(
    left: tuple[str, ...], word: str, right: tuple[str, ...], lm: _Model
) -> tuple[str, float] | None:
    """The variant of `word` the language model likes best between `left` and `right`, and how
    many times likelier it makes the phrase than `word`; None when no variant does better.

    A noisy channel: a writer means a syllable and, rarely, types a variant of it (one usual
    slip away, see _lm_variants). The phrase is scored by the chain rule over up to two
    syllables on each side, so both sides' evidence counts: P(x | left) · P(right | left, x)."""
    written = math.prod(_fit(lm, word, left, right))
    best = None
    for v in sorted(_lm_variants(word)):
        ratio = math.prod(_fit(lm, v, left, right)) / written
        if ratio > 1 and (best is None or ratio > best[1]):
            best = (v, ratio)
    return best


def _model_slip(left: tuple[str, ...], word: str, right: tuple[str, ...], lm: _Model) -> str | None:
    """The syllable meant, when the model is sure `word` is a slip of it (see MODEL_RATIO)."""
    if not left and not right:
        return None
    # A syllable that makes a common word with a neighbour is that word as written: "hằng
    # năm" (beside the commoner "hàng năm"), "chính đảng" (beside "chính đáng").
    if (left and lm.pairs.get(f"{left[-1]} {word}", 0) >= MODEL_WORD) or (
        right and lm.pairs.get(f"{word} {right[0]}", 0) >= MODEL_WORD
    ):
        return None
    guess = _model_fix(left, word, right, lm)
    if guess is None:
        return None
    variant, ratio = guess
    if ratio < (MODEL_RATIO if left and right else MODEL_ONE_SIDED_RATIO):
        return None
    # A pair public text writes as it stands, beside the variant's, is a word as written: the
    # rule the word lists' fixes follow (see _attested). "ra đề kiểm tra" (to set a test): "ra
    # đề" 46 times beside "ra để" 320; "phát triển đảng được …": "đảng được" 34 beside "đang
    # được" 753. The model's odds come from the commoner pair; the written one still exists.
    sides = ([(f"{left[-1]} {word}", f"{left[-1]} {variant}")] if left else []) + (
        [(f"{word} {right[0]}", f"{variant} {right[0]}")] if right else []
    )
    if any(_attested(w, v, lm) for w, v in sides):
        return None
    return variant


_VOWEL_SWAPS = ("aăâ", "oôơ", "uư", "eê")


@cache
def _lm_variants(word: str) -> frozenset[str]:
    """_variants and a vowel letter changed within its family (a/ă/â, o/ô/ơ, u/ư, e/ê), the
    tone kept: "nhũng" for "những". Never i/y, which are both correct in many words."""
    out = set(_variants(word))
    for i, ch in enumerate(word):
        decomposed = unicodedata.normalize("NFD", ch)
        tone = "".join(_TONE_MARKS.findall(decomposed))
        bare = unicodedata.normalize("NFC", _TONE_MARKS.sub("", decomposed))
        for family in _VOWEL_SWAPS:
            if bare in family:
                for other in family.replace(bare, ""):
                    swapped = unicodedata.normalize("NFC", other + tone)
                    out.add(word[:i] + swapped + word[i + 1 :])
    known = syllables() or frozenset()
    # In the model's form, tones placed the new way ("ủy", not the dictionary's "uỷ"): a
    # variant in the other form would have no counts.
    return frozenset(_canon(v) for v in out if _is_syllable(v, known)) - {word}


def _tone_only(written: str, known: str) -> bool:
    """Whether `written` differs from `known` by its tone mark alone."""
    strip = _TONE_MARKS.sub("", unicodedata.normalize("NFD", written))
    return strip == _TONE_MARKS.sub("", unicodedata.normalize("NFD", known))


def _suggest(tokens, i, text) -> str | None:
    """A known word one slip away from the non-word and its neighbour, if any."""
    words = known_words()
    word = tokens[i].group().lower()
    neighbours = []
    if i and _adjacent(text, tokens[i - 1], tokens[i]):
        neighbours.append((tokens[i - 1].group().lower(), None))
    if i + 1 < len(tokens) and _adjacent(text, tokens[i], tokens[i + 1]):
        neighbours.append((None, tokens[i + 1].group().lower()))
    for v in sorted(_variants(word) | _telex_fixes(word)):
        for before, after in neighbours:
            pair = f"{before} {v}" if before else f"{v} {after}"
            if pair in words:
                return v
    return None


# Lower-case abbreviations without a vowel that are not slips.
_UNITS = frozenset("km kg cm mm ml mg kw kwh hz gb mb kb tr vnđ".split())
_TELEX = {"s": "\u0301", "f": "\u0300", "r": "\u0309", "x": "\u0303", "j": "\u0323"}


_TELEX_MARKS = (("dd", "đ"), ("aa", "â"), ("ee", "ê"), ("oo", "ô"), ("aw", "ă"), ("ow", "ơ"),
                ("uw", "ư"))  # fmt: skip


def _telex_fixes(word: str) -> set[str]:
    """What a Telex leftover stands for: "vuj" -> "vụ", "ddảng" -> "đảng", "chuwcs" -> "chức"."""
    stems = {(word, "")}
    if word and word[-1] in _TELEX:
        stems.add((word[:-1], _TELEX[word[-1]]))
    out = set()
    for stem, tone in stems:
        for mark, letter in _TELEX_MARKS:
            stem = stem.replace(mark, letter)
        if not tone:
            out.add(stem)
            continue
        for i, ch in enumerate(stem):
            if unicodedata.normalize("NFD", ch)[0] in _VOWELS:
                toned = unicodedata.normalize("NFC", unicodedata.normalize("NFD", ch) + tone)
                out.add(stem[:i] + toned + stem[i + 1 :])
    out.discard(word)
    return out
