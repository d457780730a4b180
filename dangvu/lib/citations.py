"""Find references to Party and State documents in Vietnamese report text.

A reference ("citation") is anchored on something that can only be a document:

* a type word followed by a number or symbol: "Chỉ thị số 24-CT/TU", "Công văn 124/UBND-NC",
  "Chỉ thị 05 của Bộ Chính trị" (a bare number only counts when "của" or a date follows it);
* a bare symbol whose type code is known: "thực hiện 24-CT/TU";
* an unnumbered document with a well-known name: "Nghị quyết Trung ương 4 (khóa XII)",
  "Nghị quyết Hội nghị lần thứ năm Ban Chấp hành Trung ương Đảng (khóa XII)",
  "Luật Cán bộ, công chức năm 2008", "Hiến pháp năm 2013".

Everything else is not a citation, by construction: generic phrases such as "các văn bản của
Đảng", "Chỉ thị, Nghị quyết của Đảng", "Nghị quyết năm 2018", "Quyết định công nhận ..." have no
number and no known name; money, ratios, terms, times and event dates have no type word.

After the anchor the parser reads, in order and only where they directly follow: the date
(", ngày 29/6/2017", "ngày 29 tháng 6 năm 2017"), the issuer ("của Ban Thường vụ Tỉnh ủy"), a
date again (some writers put it after the issuer), the term ("(khóa XII)") and the quoted subject
("“về việc …”"). None of these may run into the next anchor, so citations never overlap: a quoted
subject that itself contains references ("“về thực hiện Chỉ thị số 42-CT/TW …”") is left to
those references and the outer citation gets no title.

Decisions worth knowing:

* ``style`` comes from the shape of the symbol: NUMBER-TYPE/ISSUER is "party", anything with the
  number before a slash is "state". A Party issuer written in State style keeps style "state" and
  gets a warning.
* ``name`` is set only when there is no symbol: the name as written for named documents, and
  "TYPE NUMBER của ISSUER" for number-only references ("Chỉ thị 05 của Bộ Chính trị"), so that
  :func:`document_key` has something to compare.
* The party code QĐ means both "Quyết định" and "Quy định"; a bare "5383-QĐ/ĐU" gets type None.
* ``year`` is the year inside a State symbol (21/2017/QĐ-UBND), else the year of the date as
  written (kept even when the date itself is impossible), else the year of a named law.
* A number alone ("Chỉ thị 05") is not reported without "của …" or a date after it, and lists
  that share a type code ("Quyết định 217, 218") are not split.
* Text must be NFC-normalised (as typed on any current keyboard); decomposed accents are not read.

Warnings are "code: message in Vietnamese", and where the parser knows the fix the message ends
in "; nên …", "; đúng là …" or "; có phải …?". The codes are type_misspelt ("Chi thị"),
type_abbreviated ("ND 68"), type_code_mismatch ("Chỉ thị 04/QĐ-UBND"), type_code_missing
("Quyết định số 124/UBND-NC"), party_symbol_state_style ("328/CV-TU"), state_symbol_party_style
("12-KH/UBND"), symbol_hyphen_lost ("1234/QĐUBND", read as 1234/QĐ-UBND), date_invalid
("31/2/2017"), year_mismatch (symbol year differs from the date), term_invalid ("khóa XV"),
term_implausible ("khóa II" in a recent text) and term_after_date ("ngày 15/5/2016 … (khóa
XIII)").
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, fields, replace

from dangvu.lib.rules import rules

__all__ = [
    "Citation",
    "PARTY_ISSUERS",
    "STATE_ISSUERS",
    "TYPE_CODES",
    "document_key",
    "executive_code",
    "find_citations",
    "normalise_symbol",
]

# --------------------------------------------------------------------------------------------
# Data tables
# --------------------------------------------------------------------------------------------

# Canonical type words and the type codes each accepts in a symbol. "Quy định" is QĐ in Party
# documents (Quy định 76-QĐ/TW) and QyĐ in State ones. Laws carry no type code (22/2008/QH12).
TYPES: dict[str, tuple[str, ...]] = {
    "Nghị quyết liên tịch": ("NQLT",),
    "Thông tư liên tịch": ("TTLT",),
    "Nghị quyết": ("NQ",),
    "Nghị định": ("NĐ",),
    "Quyết định": ("QĐ",),
    "Quy định": ("QĐ", "QyĐ"),
    "Quy chế": ("QC",),
    "Chỉ thị": ("CT",),
    "Kết luận": ("KL",),
    "Hướng dẫn": ("HD",),
    "Báo cáo": ("BC",),
    "Kế hoạch": ("KH",),
    "Chương trình hành động": ("CTr",),
    "Chương trình": ("CTr",),
    "Thông báo": ("TB",),
    "Thông tư": ("TT",),
    "Thông tri": ("TT",),
    "Thông cáo": ("TC",),
    "Tờ trình": ("TTr",),
    "Công văn": ("CV",),
    "Công điện": ("CĐ",),
    "Biên bản": ("BB",),
    "Đề án": ("ĐA",),
    "Phương án": ("PA",),
    "Bộ luật": (),
    "Luật": (),
    "Pháp lệnh": (),
}

# Party type codes are dated data (rules/document_types): each file adds the codes a type word
# may carry from its date on ("Quy định" also QĐi from 2018). Codes are never withdrawn, since
# older documents keep theirs.
for _rule in rules("document_types"):
    for _type, _codes in _rule["codes"].items():
        TYPES[_type] = (
            *TYPES.get(_type, ()),
            *(c for c in _codes if c not in TYPES.get(_type, ())),
        )

# Type code -> type word, for bare symbols and for messages. None where the code is ambiguous.
TYPE_CODES: dict[str, str | None] = {
    "NQ": "Nghị quyết",
    "NQLT": "Nghị quyết liên tịch",
    "NĐ": "Nghị định",
    "QĐ": None,  # Quyết định, or Quy định in Party documents
    "QyĐ": "Quy định",
    "QĐi": "Quy định",
    "QC": "Quy chế",
    "CT": "Chỉ thị",
    "KL": "Kết luận",
    "HD": "Hướng dẫn",
    "BC": "Báo cáo",
    "KH": "Kế hoạch",
    "CTr": "Chương trình",
    "TB": "Thông báo",
    "TT": None,  # Thông tư (State) or Thông tri (Party)
    "TTLT": "Thông tư liên tịch",
    "TC": "Thông cáo",
    "TTr": "Tờ trình",
    "CV": "Công văn",
    "CĐ": "Công điện",
    "BB": "Biên bản",
    "ĐA": "Đề án",
    "PA": "Phương án",
    "HĐ": "Hợp đồng",
    "GM": "Giấy mời",
    "GGT": "Giấy giới thiệu",
}

# Issuer codes of Party bodies (and of the Youth Union, which numbers its documents the Party
# way: 08-TB/ĐTNC). A State-style symbol with one of these is a typo: 328/CV-TU for 328-CV/TU.
PARTY_ISSUERS: frozenset[str] = frozenset(
    {
        # Central
        "TW", "BCT", "BBT", "BCHTW", "BTCTW", "BTGTW", "BDVTW", "UBKTTW", "VPTW", "BNCTW",
        "BKTTW", "BĐNTW", "ĐUQSTW", "ĐUCA", "ĐUKCQTW", "ĐUKDNTW",
        # Province
        "TU", "BTCTU", "BTGTU", "BDVTU", "UBKTTU", "VPTU", "BNCTU",
        # District and grassroots
        "HU", "QU", "TX", "TXU", "ĐU", "ĐUK", "ĐUKCCQ", "ĐUKDN", "CB", "ĐB",
        # Youth Union (party-style numbering)
        "ĐTN", "ĐTNC", "TĐTN",
    }
)  # fmt: skip

# State issuers common enough to recognise a Party-style symbol as a typo (12-KH/UBND).
STATE_ISSUERS: frozenset[str] = frozenset(
    {"UBND", "HĐND", "CP", "TTg", "QH", "UBTVQH", "BNV", "BCA", "BQP", "BTTTT", "STTTT", "CAT"}
)

# Issuers a State symbol may carry, for repairing a symbol whose hyphen was lost between the type
# code and the issuer ("1234/QĐUBND", "01/NQCP", "10/2019/TTBTC"): the glued code is split only
# when it is exactly a known type code followed by one of these (or a Party issuer).
GLUED_ISSUERS: frozenset[str] = STATE_ISSUERS | PARTY_ISSUERS | frozenset(
    {
        "BTC", "BGDĐT", "BYT", "BLĐTBXH", "BNNPTNT", "BTP", "BKHĐT", "BXD", "BGTVT", "BCT",
        "BTNMT", "BKHCN", "BVHTTDL", "BNG", "UBDT", "TTCP", "KTNN", "VPCP", "NHNN", "TANDTC",
        "VKSNDTC", "BHXH", "HĐTP", "UBTVQH", "MTTQ", "UBMTTQVN", "TLĐ", "TLĐLĐVN", "LĐLĐ",
        "KBNN", "SNV", "STC", "SKHĐT", "SYT", "SGDĐT", "STP", "SXD", "STNMT", "SLĐTBXH",
    }
)  # fmt: skip

# Start years of the Central Committee terms, for checking "(khóa …)". XIV opened in 2026.
TERM_START_YEARS: dict[int, int] = {
    1: 1935, 2: 1951, 3: 1960, 4: 1976, 5: 1982, 6: 1986, 7: 1991,
    8: 1996, 9: 2001, 10: 2006, 11: 2011, 12: 2016, 13: 2021, 14: 2026,
}  # fmt: skip
LAST_TERM = max(TERM_START_YEARS)

ORDINAL_WORDS: dict[str, int] = {
    "nhất": 1, "một": 1, "hai": 2, "ba": 3, "bốn": 4, "tư": 4, "năm": 5, "sáu": 6, "bảy": 7,
    "tám": 8, "chín": 9, "mười": 10, "mười một": 11, "mười hai": 12, "mười ba": 13,
    "mười bốn": 14, "mười lăm": 15,
}  # fmt: skip

# Short forms of type words seen in running text ("theo ND 68 của Chính phủ").
ABBREVIATIONS: dict[str, str] = {
    "NQ": "Nghị quyết",
    "NĐ": "Nghị định",
    "ND": "Nghị định",
    "QĐ": "Quyết định",
    "CT": "Chỉ thị",
    "KL": "Kết luận",
    "KH": "Kế hoạch",
    "HD": "Hướng dẫn",
    "TB": "Thông báo",
    "CV": "Công văn",
}

# --------------------------------------------------------------------------------------------
# Regular expressions
# --------------------------------------------------------------------------------------------

# Vietnamese letters by base letter, so a type word can be matched whatever its accents are and
# a misspelling ("Chi thị") be reported instead of silently missed.
_ACCENTS = {
    "a": "aàáảãạăằắẳẵặâầấẩẫậ",
    "e": "eèéẻẽẹêềếểễệ",
    "i": "iìíỉĩị",
    "o": "oòóỏõọôồốổỗộơờớởỡợ",
    "u": "uùúủũụưừứửữự",
    "y": "yỳýỷỹỵ",
    "d": "dđð",
}
_BASE_OF = {ch: base for base, chars in _ACCENTS.items() for ch in chars}
_UPPER = "[A-ZĐÐ" + "".join(sorted({c.upper() for c in _BASE_OF} - set("ADEIOUY"))) + "]"


def _accent_blind(word: str) -> str:
    """A regex for `word` that ignores accents and allows any whitespace between its words."""
    parts = []
    for ch in word.lower():
        if ch == " ":
            parts.append(r"\s+")
        elif ch in _BASE_OF:
            parts.append("[" + _ACCENTS[_BASE_OF[ch]] + "]")
        else:
            parts.append(re.escape(ch))
    return "".join(parts)


def _alternation(words) -> str:
    # Longest first, so that "Nghị quyết liên tịch" wins over "Nghị quyết".
    return "|".join(sorted(words, key=len, reverse=True))


_D = "[ĐđÐð]"
# "&" and "." join parts of a code (BLĐTB&XH, TT.HĐND), never end one.
_CODE = rf"(?:[A-Za-z]|{_D})(?:[A-Za-z0-9]|{_D}|[&.](?=[A-Za-zĐ])){{0,11}}"
_KNOWN_CODE = _alternation(code.replace("Đ", _D) for code in TYPE_CODES)
_GLUED_ISSUER = _alternation(code.replace("Đ", _D) for code in GLUED_ISSUERS)
_DASH = r"\s?[-–‐]\s?"
_SLASH = r"\s?/\s?"
# What may follow a symbol: not a letter or a slash, except a "ngày" glued on by a lost space.
_SYMBOL_END = r"(?:(?![\w/])|(?=ngày))"
_SYMBOL = rf"""
    \d{{1,5}}(?:
        {_DASH}{_CODE}{_SLASH}{_CODE}(?:[-–](?-i:[A-ZĐ]{{1,6}}))?  # party: 24-CT/TU, 367-QĐ/TWĐTN-VP
      | [ \t](?:{_KNOWN_CODE}){_SLASH}{_CODE}               # party, hyphen lost: 84 QĐ/TWĐTN
      | /(?:{_KNOWN_CODE})/{_CODE}                          # party with slashes: 39/KH/HU
      | {_SLASH}\d{{4}}{_SLASH}(?:{_KNOWN_CODE})/{_CODE}(?:{_DASH}{_CODE}){{0,3}}  # 183/2010/TTLT/BTC-BNN
      | {_SLASH}\d{{4}}{_SLASH}{_CODE}(?:{_DASH}{_CODE}){{0,3}}  # state with year: 21/2017/QĐ-UBND
      | {_SLASH}{_CODE}(?:{_DASH}{_CODE}){{0,3}}            # state: 1194/QĐ-UBND, 124/UBND-NC, 12/SNV
    ){_SYMBOL_END}
"""
# A symbol with no type word before it must at least carry a known type code.
_BARE_SYMBOL = rf"""
    (?<![\w/.,–-])\d{{1,5}}(?:
        {_DASH}(?:{_KNOWN_CODE}){_SLASH}{_CODE}
      | {_SLASH}(?:\d{{4}}{_SLASH})?(?:{_KNOWN_CODE})(?:{_DASH}{_CODE}){{1,3}}
      | /\d{{4}}/(?:{_KNOWN_CODE})/{_CODE}(?:-{_CODE}){{0,3}}  # joint, slash after the code
      | /(?:\d{{4}}/)?(?:{_KNOWN_CODE})(?:{_GLUED_ISSUER})(?:-{_CODE}){{0,2}}  # hyphen lost: 12/QĐUBND
    ){_SYMBOL_END}
"""
# The document's own number in its header: "Số: 10/BCTK", "Số 15-BC/ĐU".
_HEADER_SYMBOL = rf"""
    \d{{1,5}}(?:
        {_DASH}{_CODE}{_SLASH}{_CODE}(?:[-–](?-i:[A-ZĐ]{{1,6}}))?
      | {_SLASH}(?:\d{{4}}{_SLASH})?{_CODE}(?:{_DASH}{_CODE}){{0,3}}
    )(?![\w/])
"""
_NUMERIC_DATE = r"\d{1,2}\s?[/.–-]\s?\d{1,2}\s?[/.–-]\s?\d{4}"
# A number alone is a citation only when "của <Issuer>" or a date follows: "Chỉ thị 05 của Bộ
# Chính trị". Otherwise "Kế hoạch số 3" could be anything.
_NUMBER_ONLY = rf"""
    \d{{1,5}}(?![\d/–-]|[.,]\d|\s?[-–/]\s?\w)
    (?=\s*(?:,\s*)?(?:của\s+(?-i:{_UPPER})|ngày\s+\d|{_NUMERIC_DATE}))
"""
_KHOA = r"kh(?:óa|oá)"
_ROMAN = r"[IVXLC]+(?!\w)"
_TERM = rf"(?:\s*\(\s*{_KHOA}\s+{_ROMAN}\s*\)|\s*[,–—-]\s*{_KHOA}\s+{_ROMAN}|\s+{_KHOA}\s+{_ROMAN})"
_ORDINAL_WORD = "(?:" + _alternation(w.replace(" ", r"\s+") for w in ORDINAL_WORDS) + r")(?!\w)"
_NGHI_QUYET = _accent_blind("Nghị quyết")
# Words that show a law's name has ended and a sentence goes on ("Luật Đất đai được …"); "có"
# except in "người có công", part of the name of the ordinance on war veterans' benefits.
_LAW_STOP = (
    r"(?:được|đã|của|có(?!\s+công)|là|để|theo|ngày|số|thông\s+qua|ban\s+hành|quy\s+định)(?!\w)"
)
# An amending law names the laws it amends ("… một số điều của Luật A và Luật B"), so "của" and
# "số" (in "một số điều") belong to its name; only a number after "số" ends it.
_AMEND_STOP = (
    r"(?:được|đã|có(?!\s+công)|là|để|theo|ngày|thông\s+qua|ban\s+hành|quy\s+định|"
    r"số(?=\s*:?\s*\d)|năm(?=\s+\d))(?!\w)"
)
_LAW_KIND = r"(?-i:Luật|Bộ\s+luật|Pháp\s+lệnh)"
# When a law named without a number was passed: "năm 2013", "ngày 16 tháng 11 năm 2013",
# "ngày 19/6/2015".
_LAW_WHEN = (
    r"(?:\s+ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}"
    r"|\s+ngày\s+\d{1,2}\s?[/.-]\s?\d{1,2}\s?[/.-]\s?\d{4}|\s+năm\s+\d{4})(?!\d)"
)
_TYPE_WORDS = _alternation(_accent_blind(t) for t in TYPES)
_CENTRAL = r"(?:Ban\s+Chấp\s+hành\s+)?Trung\s+ương(?:\s+Đảng)?"

_HEAD = re.compile(
    rf"""
    (?<!\w)(?:
        # Plenum resolutions. A word ordinal needs the term after it, or "lần thứ" before it,
        # because "năm" also means "year": "Nghị quyết Trung ương năm khóa XII" is the fifth.
        (?P<plenum>{_NGHI_QUYET}\s+(?:Hội\s+nghị\s+)?{_CENTRAL}\s+(?:
              (?:lần\s+thứ\s+)?\d{{1,2}}(?![\d/.,–-]?\d){_TERM}?
            | lần\s+thứ\s+{_ORDINAL_WORD}{_TERM}?
            | {_ORDINAL_WORD}{_TERM}
        ))
      | (?P<plenum_long>{_NGHI_QUYET}\s+(?:của\s+)?Hội\s+nghị\s+lần\s+thứ\s+
            (?:{_ORDINAL_WORD}|\d{{1,2}}(?!\d)|{_ROMAN})\s+(?:của\s+)?{_CENTRAL}{_TERM}?)
        # Laws are named by their subject and year; the subject starts with a capital letter,
        # which keeps out "Thạc sĩ Luật kinh tế năm 2017".
        # A law named first and numbered after: "Luật Quy hoạch số 21/2017/QH14", "Luật số …".
      | (?P<law_named>(?-i:Luật|Bộ\s+luật|Pháp\s+lệnh)(?:,?\s+(?!{_LAW_STOP})\w+){{0,14}}?
            \s+s[ốo](?:\s*:)?\s*)(?P<lsymbol>{_SYMBOL})
        # An amending law, named by what it amends: "Luật sửa đổi, bổ sung một số điều của Luật
        # Thi đua, khen thưởng ngày 16 tháng 11 năm 2013". Before `law`, which would take the
        # amended law for the one cited.
      | (?P<law_amend>{_LAW_KIND}\s+sửa\s+đổi(?:\s*,\s*|\s+)bổ\s+sung
            (?:,?\s+(?!{_AMEND_STOP})\w+){{1,30}}?{_LAW_WHEN})
      | (?P<law>{_LAW_KIND}\s+(?-i:{_UPPER})\w*(?:,?\s+(?!{_LAW_STOP})\w+){{0,12}}?{_LAW_WHEN})
      | (?P<constitution>Hiến\s+pháp(?:\s+nước\s+Cộng\s+hòa\s+xã\s+hội\s+chủ\s+nghĩa\s+Việt\s+Nam)?
            \s+năm\s+\d{{4}}(?!\d))
        # A type word (or its abbreviation), "số", and a symbol or a number.
      | (?P<tword>{_TYPE_WORDS}
            |(?-i:(?<![/–-]){_alternation(a.replace("Đ", "[ĐÐ]") for a in ABBREVIATIONS)}))
        (?P<qualifier>\s+kết\s+luận)?
        \s+(?:s[ốo](?:\s*:)?\s*)?
        (?:(?P<symbol>{_SYMBOL})|(?P<number>{_NUMBER_ONLY}))
      | (?P<bare>{_BARE_SYMBOL})
        # A National Assembly number continuing a list: "Luật … số 77/2015/QH13; số 83/2015/QH13",
        # "các Nghị quyết của Quốc hội gồm: số 16/2021/QH15 …". Its type comes from the list.
      | (?:(?<=[;:,])|(?<=[;:,]\s)|(?<=\svà\s))(?P<listed>s[ốo][ \t]*:?[ \t]*)
        (?P<lisymbol>\d{{1,5}}/\d{{4}}/(?-i:UBTVQH|QH)\d{{1,2}}(?![\w/]))
      | (?<![^\n])[ \t]*(?P<header>(?-i:Số)[ \t]*(?::[ \t]*)?(?:\n[ \t]*)?)(?P<hsymbol>{_HEADER_SYMBOL})
    )
    """,
    re.IGNORECASE | re.VERBOSE,
)

# A date right after the symbol or the issuer, also in parentheses, with "ngày" glued on
# ("ngày22") or its accents scrambled ("ngàỷ").
_NGAY, _THANG, _NAM = (_accent_blind(w) for w in ("ngày", "tháng", "năm"))
_DATE = re.compile(
    rf"""
    \s*(?:,\s*)?(?P<paren>\(\s*)?(?:
        {_NGAY}\s*(?P<d1>\d{{1,2}})\s+{_THANG}\s+(?P<m1>\d{{1,2}})\s+{_NAM}\s*(?P<y1>\d{{4}})
      | (?:{_NGAY}\s*)?(?P<d2>\d{{1,2}})\s?[/.–-]\s?(?P<m2>\d{{1,2}})\s?[/.–-]\s?(?P<y2>\d{{4}})
    )(?!\d)(?(paren)\s*\))
    """,
    re.IGNORECASE | re.VERBOSE,
)

# Words that end an issuer's name: the subject ("về …"), a date, a target ("đối với …"), the
# next document in a list ("… Tỉnh ủy và Kế hoạch …", whereas "Sở Kế hoạch và Đầu tư" is a name).
_ISSUER_STOP = (
    r"(?i:về|v/v|ngày|tháng|đối|trong|tại|nhằm|để|theo|đến|cho|với|do|khi|sau|trước|thực|"
    rf"triển|là|đã|được|có|{_KHOA}|năm(?=\s+\d)|và\s+(?:{_TYPE_WORDS}))(?!\w)"
)
# Whitespace with at most one line break. Written so that no run of spaces can be split two
# ways: "\s*,?\s*"-like patterns backtrack quadratically on long runs of blanks.
_ONE_LINE_SPACE = r"(?=\s)[^\S\n]*(?:\n[^\S\n]*)?"
_ISSUER = re.compile(
    rf"""
    \s*(?:,\s*)?(?i:của)\s+
    (?P<issuer>(?={_UPPER})\w+
        (?:(?:{_ONE_LINE_SPACE}|,\s*(?=[A-ZĐ]{{2,}}(?!\w)))(?!{_ISSUER_STOP})\w+){{0,15}})
    """,
    re.VERBOSE,
)
_TRAILING_JOINERS = re.compile(r"(?:\s+(?:và|của|cùng|hoặc|các))+$")
_TERM_AFTER = re.compile(rf"\s*\(\s*{_KHOA}\s+(?P<roman>{_ROMAN})\s*\)", re.IGNORECASE)
_TERM_IN_NAME = re.compile(rf"{_KHOA}\s+(?P<roman>{_ROMAN})", re.IGNORECASE)
_TITLE_OPEN = re.compile(r"\s*(?:[,:]\s*)?(?:(?:về|v/v)\s+(?:việc\s+)?)?[*_]{0,3}(?=[“\"])", re.I)
_CURLY_QUOTES = re.compile("[“”]")
_MAX_TITLE = 600  # characters; a subject never runs longer, a missing quote would

_ROMAN_VALUE = re.compile(r"^(X{0,3})(IX|IV|V?I{0,3})$")
# Years of full dates only: "định hướng đến năm 2025" or "Quyết định số 2058/…" date nothing.
_YEAR_IN_TEXT = re.compile(
    r"\d{1,2}\s?[/.-]\s?\d{1,2}\s?[/.-]\s?(\d{4})(?!\d)|tháng\s+\d{1,2}\s+năm\s+(\d{4})(?!\d)",
    re.IGNORECASE,
)
_WS = re.compile(r"\s+")
_LOST_HYPHEN = re.compile(r"^(\d+)[ \t]+(?=[^\W\d_])")  # "84 QĐ/TWĐTN" -> "84-QĐ/TWĐTN"
_DASHES = re.compile(r"[–‐—]")
_MIXED_CASE = re.compile(r"(?<![A-Z0-9Đ])(?:QYĐ|QĐI|CTR|TTR|TTG)(?![A-Z0-9Đ])")
_MIXED_CASE_FORMS = {"QYĐ": "QyĐ", "QĐI": "QĐi", "CTR": "CTr", "TTR": "TTr", "TTG": "TTg"}
_PARTY_SHAPE = re.compile(r"^(?P<num>\d+)-(?P<type>[^/]+)/(?P<issuer>.+)$")
_PARTY_SLASH_SHAPE = re.compile(r"^(?P<num>\d+)/(?P<type>[^/\d][^/]*)/(?P<issuer>[^/]+)$")
_STATE_YEAR_SHAPE = re.compile(r"^(?P<num>\d+)/(?P<year>\d{4})/(?P<rest>.+)$")
_STATE_SHAPE = re.compile(r"^(?P<num>\d+)/(?P<rest>.+)$")
_ORDINAL_IN_NAME = re.compile(
    rf"(?:Trung\s+ương(?:\s+Đảng)?\s+(?:lần\s+thứ\s+)?|lần\s+thứ\s+)(?P<ord>\d{{1,2}}|{_ORDINAL_WORD}|{_ROMAN})",
    re.IGNORECASE,
)

# --------------------------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Citation:
    """One reference to a document; ``raw == text[start:end]`` of the text it was found in."""

    start: int
    end: int
    raw: str
    type: str | None = None
    number: str | None = None
    symbol: str | None = None
    year: int | None = None
    type_code: str | None = None
    issuer_code: str | None = None
    issuer: str | None = None
    date: str | None = None
    title: str | None = None
    style: str | None = None
    name: str | None = None
    warnings: tuple[str, ...] = ()

    def as_dict(self) -> dict:
        """JSON-ready, keys in declaration order."""
        out = {f.name: getattr(self, f.name) for f in fields(self)}
        out["warnings"] = list(self.warnings)
        return out


def find_citations(text: str) -> list[Citation]:
    """All document references in `text`, sorted by position and never overlapping."""
    heads = list(_HEAD.finditer(text))
    context = _Context(text)
    citations: list[Citation] = []
    for i, head in enumerate(heads):
        bound = heads[i + 1].start() if i + 1 < len(heads) else len(text)
        citation = _read_citation(text, head, bound, context)
        if head.group("listed"):
            previous = citations[-1] if citations else None
            citation = replace(citation, type=_listed_type(text, citation.start, previous))
        citations.append(citation)
    return citations


_SENTENCE_END = re.compile(r"\n|\.\s")
_TYPE_WORD_CASED = re.compile(
    r"(?<!\w)(?:" + _alternation(re.escape(t) for t in TYPES) + r")(?!\w)"
)


def _listed_type(text: str, start: int, previous: Citation | None) -> str | None:
    """The type of a number that continues a list ("…; số 83/2015/QH13"): the type of the
    citation before it in the same sentence, else the last type word written (capitalised, as a
    document type is) earlier in the sentence: "các Nghị quyết của Quốc hội gồm: số …"."""
    ends = [m.end() for m in _SENTENCE_END.finditer(text, max(0, start - 400), start)]
    sentence = ends[-1] if ends else max(0, start - 400)
    if previous is not None and previous.end > sentence and previous.type:
        return previous.type
    words = _TYPE_WORD_CASED.findall(text, sentence, start)
    return words[-1] if words else None


def normalise_symbol(symbol: str) -> str:
    """The symbol as it should be written: no spaces, ASCII hyphens, upper-case codes.

    "21/2017/qđ - ubnd" -> "21/2017/QĐ-UBND"; the few mixed-case codes keep their case
    (QyĐ, CTr, TTr, TTg). Numbers keep their leading zeros.
    """
    return _unglue(_plain_symbol(symbol))


def _plain_symbol(symbol: str) -> str:
    """`normalise_symbol` without repairing a lost hyphen between type and issuer codes."""
    s = _WS.sub("", _LOST_HYPHEN.sub(r"\1-", symbol))
    s = _DASHES.sub("-", s).replace("ð", "đ").replace("Ð", "Đ").upper()
    return _MIXED_CASE.sub(lambda m: _MIXED_CASE_FORMS[m.group()], s)


_GLUED = re.compile(r"^(?P<head>\d+/(?:\d{4}/)?)(?P<code>[^/\-]+)(?P<tail>(?:-.*)?)$")
_GLUED_ISSUERS_UPPER = {code.upper(): code for code in GLUED_ISSUERS}


def _unglue(symbol: str) -> str:
    """A State-shaped symbol whose first code is a known type code glued to a known issuer code
    gets its hyphen back: 1234/QĐUBND -> 1234/QĐ-UBND, 2058/QĐTTG -> 2058/QĐ-TTg. Nothing else
    changes: 124/UBND-NC, 22/2008/QH12 and 12/SNV have no type code to split off, and a code
    that splits two ways is left as written."""
    m = _GLUED.match(symbol)
    if not m or m["code"] in _KNOWN_CODES_UPPER or m["code"] in _GLUED_ISSUERS_UPPER:
        return symbol
    code = m["code"]
    splits = [
        (TYPE_CODE_FORMS[code[:i]], issuers)
        for i in range(2, len(code) - 1)
        if code[:i] in TYPE_CODE_FORMS
        for issuers in _issuer_runs(code[i:])
    ]
    if len(splits) != 1:
        return symbol
    type_code, issuers = splits[0]
    return f"{m['head']}{type_code}-{'-'.join(issuers)}{m['tail']}"


def _issuer_runs(code: str, depth: int = 3) -> list[tuple[str, ...]]:
    """Every way `code` reads as up to `depth` known issuer codes glued together: a joint
    circular of two ministries is 05/2015/TTLT-BNV-BTC (written TTLTBNVBTC)."""
    runs: list[tuple[str, ...]] = (
        [(_GLUED_ISSUERS_UPPER[code],)] if code in _GLUED_ISSUERS_UPPER else []
    )
    if depth > 1:
        for i in range(2, len(code) - 1):
            if code[:i] in _GLUED_ISSUERS_UPPER:
                first = _GLUED_ISSUERS_UPPER[code[:i]]
                runs += [(first, *rest) for rest in _issuer_runs(code[i:], depth - 1)]
    return runs


def document_key(c: Citation) -> tuple:
    """(symbol or name, issuer code, date): equal for two mentions of the same document.

    Stricter than :func:`normalise_symbol`: leading zeros are dropped from the number, a Party
    symbol written in State style is read as the Party symbol it stands for, and plenum
    resolutions are named one way ("Nghị quyết Trung ương 5 (khóa XII)" for "Nghị quyết Hội
    nghị lần thứ năm Ban Chấp hành Trung ương Đảng – khóa XII").
    """
    if c.symbol:
        ident = _canonical_symbol(c.symbol)
    elif c.name:
        ident = _canonical_name(c.name)
    else:
        ident = None
    return (ident, c.issuer_code, c.date)


# --------------------------------------------------------------------------------------------
# Reading one citation
# --------------------------------------------------------------------------------------------


_NOT_YET = object()


class _Context:
    """Facts about the whole text, computed only when a citation needs them."""

    def __init__(self, text: str):
        self._text = text
        self._year: object = _NOT_YET

    @property
    def year(self) -> int | None:
        """The latest year of a date in the text: the text was written then or later."""
        if self._year is _NOT_YET:
            years = [int(a or b) for a, b in _YEAR_IN_TEXT.findall(self._text)]
            self._year = max(years) if years else None
        return self._year  # type: ignore[return-value]  # an int or None once computed


class _Builder:
    """Collects the parts of one citation as the parser walks past them."""

    def __init__(self, start: int, end: int):
        self.start, self.end = start, end
        self.fields: dict = {}
        self.warnings: list[str] = []

    def warn(self, code: str, message: str) -> None:
        self.warnings.append(f"{code}: {message}")

    def build(self, text: str) -> Citation:
        return Citation(
            start=self.start,
            end=self.end,
            raw=text[self.start : self.end],
            warnings=tuple(self.warnings),
            **self.fields,
        )


def _read_citation(text: str, head: re.Match, bound: int, context: _Context) -> Citation:
    start = head.start("header") if head.group("header") else head.start()
    if head.group("listed"):
        start = head.start("listed")
    b = _Builder(start, head.end())
    if head.group("plenum") or head.group("plenum_long"):
        _read_plenum(head, b, context)
    elif head.group("law") or head.group("law_amend") or head.group("constitution"):
        _read_law(head, b)
    else:
        _read_numbered(text, head, b, bound, context)
    _read_title(text, b, bound)
    return b.build(text)


def _read_plenum(head: re.Match, b: _Builder, context: _Context) -> None:
    name = _WS.sub(" ", head.group())
    b.fields.update(type="Nghị quyết", name=name)
    term = _TERM_IN_NAME.search(name)
    if term:
        ordinal = _ORDINAL_IN_NAME.search(name)
        plenum = _ordinal_value(ordinal.group("ord")) if ordinal else None
        _check_term(term.group("roman"), b, context, plenum=plenum)


_LAW_DATE = re.compile(r" ngày (\d{1,2})(?: tháng | ?[/.-] ?)(\d{1,2})(?: năm | ?[/.-] ?)(\d{4})$")


def _read_law(head: re.Match, b: _Builder) -> None:
    name = _WS.sub(" ", head.group())
    if head.group("constitution"):
        kind = "Hiến pháp"
    else:
        kinds = ("Bộ luật", "Pháp lệnh", "Luật")
        kind = next(t for t in kinds if name.lower().startswith(t.lower()))
    b.fields.update(type=kind, name=name, year=int(name[-4:]))
    if m := _LAW_DATE.search(name):  # "Luật Viên chức ngày 15 tháng 11 năm 2010"
        b.fields["name"] = f"{name[: m.start()]} năm {m[3]}"
        try:
            b.fields["date"] = dt.date(int(m[3]), int(m[2]), int(m[1])).isoformat()
        except ValueError:
            b.warn("date_invalid", f"Ngày {m[1]}/{m[2]}/{m[3]} không tồn tại")


def _read_numbered(text: str, head: re.Match, b: _Builder, bound: int, context: _Context) -> None:
    if head.group("tword"):
        _read_type_word(head.group("tword"), b)
    elif head.group("law_named"):  # the type as written: Luật, Bộ luật, Pháp lệnh
        written = _WS.sub(" ", head.group("law_named")).lower()
        kinds = ("Bộ luật", "Pháp lệnh", "Luật")
        b.fields["type"] = next(t for t in kinds if written.startswith(t.lower()))
    raw_symbol = (
        head.group("symbol")
        or head.group("bare")
        or head.group("lsymbol")
        or head.group("hsymbol")
        or head.group("lisymbol")
    )
    if raw_symbol:
        _read_symbol(raw_symbol, b)
    else:
        b.fields["number"] = head.group("number")

    date = _match(_DATE, text, b, bound)
    issuer = _read_issuer(text, b, bound)
    if not date:
        date = _match(_DATE, text, b, bound)
    if date:
        _read_date(date, b)
    term = _match(_TERM_AFTER, text, b, bound)
    if term:
        date_year = int(b.fields["date"][:4]) if b.fields.get("date") else None
        _check_term(term.group("roman"), b, context, date_year=date_year)

    if issuer and raw_symbol:
        _check_issuer(issuer, b)
    if not raw_symbol:  # a number alone does not identify the document; a name might
        by = f" của {issuer}" if issuer else ""
        b.fields["name"] = f"{b.fields['type']} {b.fields['number']}{by}"
    _check_type_code(b)


def _match(pattern: re.Pattern, text: str, b: _Builder, bound: int) -> re.Match | None:
    """Match `pattern` right after what has been read so far, and advance past it."""
    m = pattern.match(text, b.end, bound)
    if m:
        b.end = m.end()
    return m


def _read_type_word(word: str, b: _Builder) -> None:
    written = _WS.sub(" ", word).replace("ð", "đ").replace("Ð", "Đ")
    if written in ABBREVIATIONS:
        canonical = ABBREVIATIONS[written]
        b.warn(
            "type_abbreviated",
            f"Loại văn bản viết tắt “{written}”; nên viết đầy đủ “{canonical}”",
        )
    else:
        canonical = _canonical_type(written)
        if written.lower() != canonical.lower():
            b.warn(
                "type_misspelt",
                f"Tên loại văn bản viết sai chính tả: “{written}”; đúng là “{canonical}”",
            )
    b.fields["type"] = canonical


def _canonical_type(written: str) -> str:
    folded = _fold(written)
    for canonical in TYPES:
        if _fold(canonical) == folded:
            return canonical
    raise AssertionError(written)  # the regex only matches words from TYPES


def _fold(word: str) -> str:
    return "".join(_BASE_OF.get(ch, ch) for ch in word.lower())


def _read_symbol(raw: str, b: _Builder) -> None:
    plain = _plain_symbol(raw)
    symbol = _unglue(plain)
    if symbol != plain:
        b.warn(
            "symbol_hyphen_lost",
            f"Ký hiệu {plain} thiếu dấu gạch nối giữa mã loại văn bản và cơ quan ban hành; "
            f"nên viết {symbol}",
        )
    number, type_code, issuer_code, year, style = _split_symbol(symbol)
    b.fields.update(
        symbol=symbol,
        number=number,
        type_code=type_code,
        issuer_code=issuer_code,
        style=style,
    )
    if year is not None:
        b.fields["year"] = year
    if "type" not in b.fields:  # a bare symbol: the type comes from its code
        b.fields["type"] = _type_of_code(type_code, style)
    _check_style(symbol, number, type_code, issuer_code, style, b)


def _split_symbol(symbol: str):
    """(number, type code, issuer code, year, style) of a normalised symbol."""
    m = _PARTY_SHAPE.match(symbol)
    if m:
        return m["num"], m["type"], m["issuer"], None, "party"
    m = _PARTY_SLASH_SHAPE.match(symbol)
    if m and m["type"].upper() in _KNOWN_CODES_UPPER:  # 39/KH/HU: a Party symbol, slashes only
        return m["num"], m["type"], m["issuer"], None, "party"
    m = _STATE_YEAR_SHAPE.match(symbol)
    year = None
    if m:
        year = int(m["year"])
    else:
        m = _STATE_SHAPE.match(symbol)
    assert m is not None  # the caller matched the symbol against the state shape
    code, slash, issuers = m["rest"].partition("/")
    if slash and code.upper() in _KNOWN_CODES_UPPER:  # 183/2010/TTLT/BTC-BNN
        return m["num"], code, issuers.split("-")[0], year, "state"
    parts = m["rest"].split("-")
    if parts[0].upper() in _KNOWN_CODES_UPPER and len(parts) > 1:
        return m["num"], parts[0], parts[1], year, "state"
    return m["num"], None, parts[0], year, "state"  # official letter: 124/UBND-NC, 22/2008/QH12


_NATIONAL_ASSEMBLY = re.compile(r"^(?:QH|UBTVQH)\d*$")
_KNOWN_CODES_UPPER = frozenset(code.upper() for code in TYPE_CODES)
TYPE_CODE_FORMS = {code.upper(): code for code in TYPE_CODES}  # QĐI -> QĐi, as written


def _type_of_code(type_code: str | None, style: str | None) -> str | None:
    if type_code == "QĐ" and style == "state":
        return "Quyết định"  # State Quy định uses QyĐ, so QĐ is unambiguous there
    if type_code == "TT" and style == "state":
        return "Thông tư"
    return TYPE_CODES.get(type_code) if type_code else None


def _check_style(symbol, number, type_code, issuer_code, style, b: _Builder) -> None:
    if style == "party" and symbol[len(number)] == "/":
        b.warn(
            "party_symbol_state_style",
            f"Ký hiệu văn bản của Đảng viết bằng dấu gạch chéo ({symbol}); "
            f"nên viết {number}-{type_code}/{issuer_code}",
        )
    elif style == "state" and type_code and issuer_code in PARTY_ISSUERS:
        b.warn(
            "party_symbol_state_style",
            f"Văn bản của Đảng nhưng ký hiệu viết theo kiểu Nhà nước ({symbol}); "
            f"nên viết {number}-{type_code}/{issuer_code}",
        )
    elif style == "party" and issuer_code in STATE_ISSUERS:
        b.warn(
            "state_symbol_party_style",
            f"Văn bản của Nhà nước nhưng ký hiệu viết theo kiểu Đảng ({symbol}); "
            f"nên viết {number}/{type_code}-{issuer_code}",
        )


# Issuer codes are data (rules/issuer_codes, Hướng dẫn 36-HD/VPTW): the code each executive
# body writes after the slash, and the level a code and a name say.
@dataclass(frozen=True)
class IssuerCodes:
    executives: dict[str, str]  # the start of an executive's name -> its code ("Huyện ủy": HU)
    levels: dict[str, tuple[frozenset[str], re.Pattern]]  # level -> (codes, its name's words)

    def levels_of_code(self, code: str) -> tuple[str, ...]:
        """The levels a Party issuer code says by its last letters ("BTCTU": a province's or a
        town's), by the longest suffix listed; () when it says none ("ĐU", "ĐUK")."""
        suffixes = sorted({c for codes, _ in self.levels.values() for c in codes}, key=len)
        suffix = next((s for s in reversed(suffixes) if code.endswith(s)), None)
        return tuple(level for level, (codes, _) in self.levels.items() if suffix in codes)

    def party_codes(self) -> set[str]:
        """Every code the table lists: an executive's or a level's."""
        return {*self.executives.values(), *(c for codes, _ in self.levels.values() for c in codes)}

    def levels_named(self, name: str) -> set[str]:
        """The levels a body's name says ("Ban Thường vụ Tỉnh ủy": the province's)."""
        return {level for level, (_, words) in self.levels.items() if words.search(name)}

    def executive_code(self, executive: str) -> str | None:
        """The code of a body by its executive's name ("Huyện ủy Trà Ôn" → "HU", "Chi bộ 2" →
        "CB"): the longest listed start that fits, in whole words and without case."""
        name = " ".join(executive.lower().replace("uỷ", "ủy").split())
        starts = sorted(self.executives, key=len, reverse=True)
        fits = (s for s in starts if f"{name} ".startswith(f"{s.lower().replace('uỷ', 'ủy')} "))
        return next((self.executives[s] for s in fits), None)


def _name_pattern(words) -> re.Pattern:
    """Any of `words` in a name, across line breaks and either placement of the tone of "ủy"."""
    alternatives = (
        r"\s+".join(re.escape(w).replace("ủy", "(?:ủy|uỷ)") for w in word.split())
        for word in sorted(words, key=len, reverse=True)
    )
    return re.compile(rf"(?<!\w)(?:{'|'.join(alternatives)})(?!\w)", re.I)


def read_issuer_codes(found) -> IssuerCodes:
    """The issuer codes of every rule file given, read together (a later file wins a name two
    give; levels gather their codes and words), so an office extends the table with a file."""
    executives: dict[str, str] = {}
    codes: dict[str, set[str]] = {}
    words: dict[str, set[str]] = {}
    for rule in found:
        executives.update(rule.get("executives", {}))
        for level, spec in rule.get("levels", {}).items():
            codes.setdefault(level, set()).update(spec.get("codes", ()))
            words.setdefault(level, set()).update(spec.get("words", ()))
    levels = {
        level: (frozenset(codes[level]), _name_pattern(words[level]))
        for level in codes
        if words[level]
    }
    return IssuerCodes(executives, levels)


ISSUER_CODES = read_issuer_codes(rules("issuer_codes"))


def executive_code(executive: str) -> str | None:
    """The issuer code of a body by its executive's name (`IssuerCodes.executive_code`); None
    when the rules list no start that fits."""
    return ISSUER_CODES.executive_code(executive)


def _check_issuer(issuer: str, b: _Builder) -> None:
    """A Party symbol's issuer code against the level its issuer's name says: "Chỉ thị số
    05-CT/TW … của Ban Thường vụ Tỉnh ủy" names a provincial body with a central symbol. A name
    that says no level ("của Đảng ủy", "của Đảng bộ Bệnh viện") is not judged."""
    code = b.fields.get("issuer_code") or ""
    party = PARTY_ISSUERS | ISSUER_CODES.party_codes()
    if b.fields.get("style") != "party" or code not in party:
        return
    said = ISSUER_CODES.levels_named(issuer)
    meant = ISSUER_CODES.levels_of_code(code)
    if not said or not meant or said & set(meant):
        return
    symbol = b.fields["symbol"]
    b.warn(
        "issuer_mismatch",
        f"Ký hiệu {symbol} là văn bản cấp {' hoặc '.join(meant)} nhưng cơ quan ban hành ghi "
        f"là {issuer}; có phải ký hiệu hoặc cơ quan ban hành ghi sai?",
    )


def _check_type_code(b: _Builder) -> None:
    type_word, code = b.fields.get("type"), b.fields.get("type_code")
    # A joint document is often named by its base type: "Thông tư số 93/2006/TTLT-BTC-BKHCN
    # của liên Bộ" is a Thông tư liên tịch, so the joint code fits the base type word.
    accepted = TYPES.get(type_word or "", ()) + TYPES.get(f"{type_word} liên tịch", ())
    if not type_word or not accepted or not b.fields.get("symbol"):
        return
    if code is None:
        # State official letters carry no type code, nor do the National Assembly's laws and
        # resolutions (96/2023/QH15).
        if type_word != "Công văn" and not _NATIONAL_ASSEMBLY.match(
            b.fields.get("issuer_code") or ""
        ):
            b.warn(
                "type_code_missing",
                f"Ký hiệu {b.fields['symbol']} thiếu mã loại văn bản của “{type_word}”; "
                f"nên có mã {accepted[0]}",
            )
    elif code.upper() not in {c.upper() for c in accepted}:
        b.warn(
            "type_code_mismatch",
            f"Loại văn bản “{type_word}” nhưng ký hiệu mang mã {code}; "
            f"đúng là {' hoặc '.join(accepted)}",
        )


def _read_issuer(text: str, b: _Builder, bound: int) -> str | None:
    m = _ISSUER.match(text, b.end, bound)
    if not m:
        return None
    issuer = _TRAILING_JOINERS.sub("", m["issuer"])
    b.end = m.start("issuer") + len(issuer)
    issuer = _WS.sub(" ", issuer)
    b.fields["issuer"] = issuer
    return issuer


def _read_date(m: re.Match, b: _Builder) -> None:
    day, month, year = (
        (m["d1"], m["m1"], m["y1"]) if m["d1"] is not None else (m["d2"], m["m2"], m["y2"])
    )
    written = f"{day}/{month}/{year}"
    year_n = int(year)
    try:
        if not 1900 <= year_n <= 2100:
            raise ValueError
        b.fields["date"] = dt.date(year_n, int(month), int(day)).isoformat()
    except ValueError:
        b.warn("date_invalid", f"Ngày {written} không tồn tại")
    symbol_year = b.fields.get("year")  # set by a State symbol with a year
    if symbol_year is None:
        if 1900 <= year_n <= 2100:
            b.fields["year"] = year_n
    elif symbol_year != year_n:
        b.warn(
            "year_mismatch",
            f"Năm trong số ký hiệu ({symbol_year}) khác năm ban hành ({year_n})",
        )


def _check_term(roman: str, b: _Builder, context: _Context, plenum=None, date_year=None) -> None:
    """Warn about a term ("khóa") that cannot be, or can hardly be, the one meant."""
    roman = roman.upper()
    term = _roman_value(roman)
    if term is None or not 1 <= term <= LAST_TERM:
        b.warn(
            "term_invalid",
            f"Khóa {roman} không tồn tại (Ban Chấp hành Trung ương mới đến khóa "
            f"{_to_roman(LAST_TERM)})",
        )
        return
    if date_year is not None and TERM_START_YEARS[term] > date_year:
        b.warn(
            "term_after_date",
            f"Khóa {roman} bắt đầu năm {TERM_START_YEARS[term]}, sau ngày ban hành văn bản",
        )
        return
    # Terms I–IV ended by 1986; in a text written after 2000 they are almost always an "X"
    # lost in typing (khóa II for XII). Plenum 4 of terms I–IX is likewise rarely cited: the
    # well-known ones are XI (2012) and XII (2016). Terms V–IX in general are left alone:
    # "Nghị quyết Trung ương 3 (khóa VIII)" on cadre strategy is still cited. A text without
    # any date is taken to be recent, as everything this application handles is.
    modern = context.year is None or context.year >= 2000
    if modern and (term <= 4 or (plenum == 4 and term <= 9)):
        guess = _to_roman(10 + term) if term <= 4 else "XI hoặc XII"
        b.warn(
            "term_implausible",
            f"Khóa {roman} ({TERM_START_YEARS[term]}–{TERM_START_YEARS[term + 1]}) khó có thể "
            f"được trích dẫn trong văn bản viết sau năm 2000; có phải khóa {guess}?",
        )


def _roman_value(roman: str) -> int | None:
    m = _ROMAN_VALUE.match(roman)
    if not m or not roman:
        return None
    tens, units = m.groups()
    unit_values = {"": 0, "I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7}
    unit_values.update({"VIII": 8, "IX": 9})
    return 10 * len(tens) + unit_values[units]


def _to_roman(n: int) -> str:
    units = ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"]
    return "X" * (n // 10) + units[n % 10]


def _ordinal_value(word: str) -> int | None:
    word = _WS.sub(" ", word.lower())
    if word.isdecimal():
        return int(word)
    return ORDINAL_WORDS.get(word) or _roman_value(word.upper())


def _read_title(text: str, b: _Builder, bound: int) -> None:
    """The quoted subject right after the citation, if it closes before the next citation."""
    m = _TITLE_OPEN.match(text, b.end, bound)
    if not m:
        return
    opening = m.end()
    closing = _closing_quote(text, opening, min(bound, opening + 1 + _MAX_TITLE))
    if closing is None:
        return
    title = _WS.sub(" ", text[opening + 1 : closing]).strip().strip("*_").strip()
    if title:
        b.fields["title"] = title
        b.end = closing + 1


def _closing_quote(text: str, opening: int, limit: int) -> int | None:
    """Index of the quote that closes the one at `opening`, searching up to `limit`.

    Curly quotes nest (subjects quote phrases: “… “tự diễn biến” …”); when they do not
    balance, the first closing quote is taken. Straight quotes cannot nest.
    """
    if text[opening] == '"':
        closing = text.find('"', opening + 1, limit)
        return None if closing == -1 else closing
    depth, first = 1, None
    for q in _CURLY_QUOTES.finditer(text, opening + 1, limit):
        if q.group() == "“":
            depth += 1
            continue
        depth -= 1
        first = q.start() if first is None else first
        if depth == 0:
            return q.start()
    if first is None:  # “ closed with a straight quote
        closing = text.find('"', opening + 1, limit)
        return None if closing == -1 else closing
    return first


# --------------------------------------------------------------------------------------------
# Keys
# --------------------------------------------------------------------------------------------


def _canonical_symbol(symbol: str) -> str:
    symbol = normalise_symbol(symbol)
    number, type_code, issuer_code, _year, style = _split_symbol(symbol)
    if style == "state" and type_code and issuer_code in PARTY_ISSUERS:
        symbol = f"{number}-{type_code}/{issuer_code}"  # 328/CV-TU stands for 328-CV/TU
    return (number.lstrip("0") or "0") + symbol[len(number) :]


def _canonical_name(name: str) -> str:
    name = _WS.sub(" ", name)
    folded = _fold(name)
    if not folded.startswith("nghi quyet") or "trung uong" not in folded:
        return name
    ordinal = _ORDINAL_IN_NAME.search(name)
    term = _TERM_IN_NAME.search(name)
    plenum = _ordinal_value(ordinal.group("ord")) if ordinal else None
    if plenum is None:
        return name
    key = f"Nghị quyết Trung ương {plenum}"
    return f"{key} (khóa {term.group('roman').upper()})" if term else key
