"""Vietnamese text helpers: diacritic folding for search, and the number formats of Party documents."""

import unicodedata
from decimal import Decimal


def _fold_slow(text: str) -> str:
    # "đ" has no combining mark to strip, so it is mapped by hand.
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(c for c in decomposed if unicodedata.category(c) != "Mn")
    return stripped.lower()


# The same folding one character at a time, as a str.translate table over the Latin letters,
# combining marks, Vietnamese letters and general punctuation: searching folds every title of a
# list, and translate is several times faster than decomposing. Text with any character outside
# these ranges takes the slow path, so both give the same result.
_FOLD_RANGES = ((0x0000, 0x0370), (0x1E00, 0x1F00), (0x2000, 0x2070))
_FOLD_TABLE = {
    code: _fold_slow(chr(code)) for start, end in _FOLD_RANGES for code in range(start, end)
}
# Non-ASCII characters the table keeps as they are: proof that a character was in the table.
_FOLD_KEPT = {code: None for code, out in _FOLD_TABLE.items() if code > 127 and out == chr(code)}


def fold(text: str) -> str:
    """Lower-case `text` without diacritics, so that "nguyen van" matches "Nguyễn Văn"."""
    text = text or ""
    fast = text.translate(_FOLD_TABLE)
    folded = fast if fast.translate(_FOLD_KEPT).isascii() else _fold_slow(text)
    return " ".join(folded.split())


def count(n: int) -> str:
    """Counts in Party documents take at least two digits ("07 đồng chí", "04 chi bộ") and dots
    between thousands ("1.343 đảng viên")."""
    return f"{n:02d}" if 0 <= n < 1000 else money(n)


def money(n: int) -> str:
    """Integer đồng with dots between thousands: 1234567 -> "1.234.567"."""
    sign = "-" if n < 0 else ""
    return sign + f"{abs(n):,}".replace(",", ".")


# The units of đồng enterprises write their figures in, each a thousand of the one before.
DONG_UNITS = ("đồng", "nghìn đồng", "triệu đồng", "tỷ đồng")


def dong(value: int, unit: str) -> str:
    """A sum of money given in `unit` (one of DONG_UNITS), written in the largest unit it has at
    least one of, to two decimals, as enterprises state revenue and income: 1245600 triệu đồng
    -> "1.245,6 tỷ đồng", 11250 nghìn đồng -> "11,25 triệu đồng", 850 triệu đồng stays."""
    step, amount = DONG_UNITS.index(unit), Decimal(value)
    # Rounded first, so that 999.999 nghìn đồng is 1 triệu đồng, not 1.000 nghìn.
    while abs(round(amount, 2)) >= 1000 and step < len(DONG_UNITS) - 1:
        amount, step = amount / 1000, step + 1
    whole, _, fraction = f"{round(amount, 2).normalize():f}".partition(".")
    return money(int(whole)) + ("," + fraction if fraction else "") + " " + DONG_UNITS[step]


def decimal_vi(value: float | Decimal) -> str:
    """A score with a decimal comma and no trailing zero: 97.5 -> "97,5", 91.0 -> "91"."""
    return format(Decimal(str(value)).normalize(), "f").replace(".", ",")


# The Vietnamese alphabet (with f, j, w, z of foreign names in their Latin places): "đ" is a letter
# after "d", "ă" and "â" follow "a", so Python's code-point order ("Đ" after "Z") and the folded
# search columns ("Đ" mixed with "D") both sort wrongly.
_ALPHABET = "a ă â b c d đ e ê f g h i j k l m n o ô ơ p q r s t u ư v w x y z".split()
_LETTER = {letter: i for i, letter in enumerate(_ALPHABET)}
# Marks that make a different letter (ă â ê ô ơ ư) and tone marks, which only break ties; tones
# in dictionary order: ngang, huyền, hỏi, ngã, sắc, nặng.
_LETTER_MARKS = {"\u0306", "\u0302", "\u031b"}
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}


def sort_key(text: str) -> tuple:
    """A key that sorts Vietnamese text as a dictionary does: letters first (d before đ, a before
    ă before â), then tones (a à ả ã á ạ), then case; digits and spaces before letters."""
    letters: list[tuple[int, int]] = []
    tones: list[int] = []
    for char in unicodedata.normalize("NFD", (text or "").lower()):
        if char in _TONES:
            if tones:
                tones[-1] = _TONES[char]
            continue
        if char in _LETTER_MARKS and letters and letters[-1][0] == 2:
            base = _ALPHABET[letters[-1][1]] + char
            composed = unicodedata.normalize("NFC", base)
            if composed in _LETTER:
                letters[-1] = (2, _LETTER[composed])
            continue
        if char.isspace():
            letters.append((0, 0))
        elif char.isdigit():
            letters.append((1, int(char) if char.isascii() else ord(char)))
        elif char in _LETTER:
            letters.append((2, _LETTER[char]))
        else:
            letters.append((3, ord(char)))
        tones.append(0)
    return (letters, tones, text or "")


_DIGITS36 = "0123456789abcdefghijklmnopqrstuvwxyz"


def collation_key(text: str) -> str:
    """`sort_key` as a string of ASCII digits and lower-case letters, for a database column:
    ordering by it gives Vietnamese dictionary order on SQLite and on PostgreSQL whatever the
    database's collation (every collation orders such strings the same way).

    Each character is three symbols (its class, then its place in two base-36 digits), then a
    "0" that is lower than any class, then one digit per tone: "Đào" sorts after every "Dương"."""
    letters, tones, _ = sort_key(text)
    out = []
    for kind, place in letters:
        place = min(place, 36 * 36 - 1)
        out.append(f"{kind + 1}{_DIGITS36[place // 36]}{_DIGITS36[place % 36]}")
    return "".join(out) + "0" + "".join(str(t) for t in tones)


def name_collation_key(full_name: str) -> str:
    """Vietnamese lists of people are in order of the given name (the last word), then of the
    whole name: "Trần Văn An" before "Lê Thị Bình"."""
    words = (full_name or "").split()
    given = words[-1] if words else ""
    return collation_key(given) + "0" + collation_key(" ".join(words))


def ascii_digits(text: str) -> str:
    """`text` with every decimal digit of any script (Arabic-Indic, full-width, Devanagari…) as its
    ASCII digit, so that a number typed with another keyboard is the same number: "٠٨٦…" and
    "０８６…" are "086…". Other characters are kept."""
    return "".join(str(unicodedata.decimal(c)) if c.isdecimal() else c for c in text)
