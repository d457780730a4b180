"""Vietnamese text helpers: diacritic folding for search, and the number formats of Party documents."""

import unicodedata
from decimal import Decimal


def fold(text: str) -> str:
    """Lower-case `text` without diacritics, so that "nguyen van" matches "Nguyễn Văn".

    "đ" has no combining mark to strip, so it is mapped by hand.
    """
    text = (text or "").replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(c for c in decomposed if unicodedata.category(c) != "Mn")
    return " ".join(stripped.lower().split())


def count(n: int) -> str:
    """Counts in Party documents take at least two digits: "07 đồng chí", "04 chi bộ"."""
    return f"{n:02d}" if n >= 0 else str(n)


def money(n: int) -> str:
    """Integer đồng with dots between thousands: 1234567 -> "1.234.567"."""
    sign = "-" if n < 0 else ""
    return sign + f"{abs(n):,}".replace(",", ".")


def decimal_vi(value) -> str:
    """A score with a decimal comma and no trailing zero: 97.5 -> "97,5", 91.0 -> "91"."""
    return format(Decimal(str(value)).normalize(), "f").replace(".", ",")
