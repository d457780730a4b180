"""The code that ends the symbol of an organization's documents ("15-BC/ĐU", "05-NQ/CB").

One rule for onboarding (the code recorded on a new organization) and for every document that
prints a number line: the code recorded on the organization, else the code its executive writes
by the issuer-code rules (`rules/issuer_codes`, Hướng dẫn 36-HD/VPTW): a cell CB, an Đảng ủy ĐU,
a Huyện ủy HU, an Đảng ủy Khối ĐUK. Real documents of bodies that never settled a code of their
own write exactly these ("Số 09-KH/ĐU" of an Đảng ủy xã; "Số -BC/ĐU (CB)" in an office's model).
"""

import datetime as dt

from dangvu.lib.citations import executive_code

from .kinds import executive_name
from .models import PARTY_KINDS, Organization

K = Organization.Kind


def default_symbol(kind: str, name: str) -> str:
    """The code a Party organization of `kind` called `name` writes when none is recorded: its
    executive's ("Đảng bộ huyện Trà Ôn" → Huyện ủy → HU), or, for a name that says no executive
    the rules list, a cell's or an Đảng ủy's. "" for any other kind of organization, which does
    not number Party documents (a mass organization takes its own system's rule)."""
    if kind not in PARTY_KINDS:
        return ""
    fallback = "Chi bộ" if kind == K.PARTY_CELL else "Đảng ủy"
    return executive_code(executive_name(name)) or executive_code(fallback) or ""


def document_symbol(org: Organization, day: dt.date | None = None) -> str:
    """The code ending the symbol of `org`'s documents dated `day`: the one recorded, else the
    default of its kind and its name on that day."""
    return org.symbol or default_symbol(org.kind, org.name_on(day or dt.date.today()))
