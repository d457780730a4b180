"""The types of grassroots organization (loại hình) as data: `dangvu/rules/org_kinds/*.toml`.

A type chooses what a report says of the organization: the profile figures of section I, the
family of report templates, the positions and mass organizations offered, the header words.
Adding a type is adding a file. An organization's type is dated (`OrganizationType`); a cell
without one takes its committee's, so a commune's hamlet cells speak as a commune's, unless its
name says a kind the committee's type lists (`cell_kinds`: a commune's school or police cell).
"""

import datetime as dt
import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from django.core.exceptions import ValidationError

from dangvu.core.memo import within_scope
from dangvu.lib.rules import Rule, rule_in_force
from dangvu.lib.text import fold

from .models import Organization, OrganizationType, active_on, parent_on

KINDS_DIR = Path(__file__).resolve().parent.parent / "rules" / "org_kinds"
MASS_DIR = KINDS_DIR / "mass"
# Existing organizations were all modelled on the reference one: a State agency's committee.
DEFAULT_CODE = "co-quan-nha-nuoc"
# The mass organizations that write their documents in their own system's format, and the folder
# of `rules/mass_format/` that says how (header, number, signature).
MASS_FORMATS = {
    Organization.Kind.TRADE_UNION: "trade_union",
    Organization.Kind.YOUTH_UNION: "youth_union",
    Organization.Kind.VETERANS: "veterans",
    Organization.Kind.MASS: "mass",
}


@dataclass(frozen=True)
class ProfileItem:
    code: str
    label: str
    unit: str
    # A figure of the period (revenue, profit), recorded on its last day, rather than one as of
    # a day (employees, population): a record before the period is another period's.
    over_period: bool = False
    # A figure that may be below zero: a company's profit is a loss in a bad year.
    signed: bool = False


@dataclass(frozen=True)
class OrgKind:
    code: str
    label: str
    group: str
    source: str
    confirmed: bool
    templates: str = ""
    place_in_name: bool = False
    profile: tuple[ProfileItem, ...] = ()
    positions: tuple[str, ...] = ()
    mass_organizations: tuple[str, ...] = field(default_factory=tuple)
    # The kinds of the committee's cells that record no type of their own, by the word after
    # "Chi bộ" in their names ("Chi bộ Trường …": a school's): (word, kind code).
    cell_kinds: tuple[tuple[str, str], ...] = ()
    # Whether section I's statistics show an agency's rows (directors, staff quota, staff on the
    # payroll and their qualifications); a kind that counts its people by profile figures does not.
    agency_figures: bool = True
    # Words the type's report templates take ({org.words.<name>}): a commune builds "nông thôn
    # mới", a ward "đô thị văn minh".
    words: tuple[tuple[str, str], ...] = ()


def _raw(code: str) -> dict:
    path = KINDS_DIR / f"{code}.toml"
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    if data.get("code") != code:
        raise ValueError(f"{path.name}: code must be {code!r}")
    if "like" in data:
        data = {**_raw(data["like"]), **data}
    return data


@cache
def all_kinds() -> dict[str, OrgKind]:
    """Every type, by code, in the order of the statistical forms (each file's `order`)."""
    kinds = {}
    files = sorted(KINDS_DIR.glob("*.toml"), key=lambda p: (_raw(p.stem).get("order", 999), p.stem))
    for path in files:
        d = _raw(path.stem)
        kinds[path.stem] = OrgKind(
            code=d["code"],
            label=d["label"],
            group=d["group"],
            source=d["source"],
            confirmed=bool(d.get("confirmed")),
            templates=d.get("templates", ""),
            place_in_name=bool(d.get("place_in_name")),
            profile=tuple(
                ProfileItem(
                    p["code"], p["label"], p["unit"], bool(p.get("period")), bool(p.get("signed"))
                )
                for p in d["profile"]
            ),
            positions=tuple(d.get("positions", ())),
            mass_organizations=tuple(d.get("mass_organizations", ())),
            cell_kinds=tuple(d.get("cell_kinds", {}).items()),
            agency_figures=bool(d.get("agency_figures", True)),
            words=tuple(d.get("words", {}).items()),
        )
    for kind in kinds.values():
        unknown = [code for _word, code in kind.cell_kinds if code not in kinds]
        if unknown:
            raise ValueError(f"{kind.code}.toml: cell_kinds names unknown kinds {unknown}")
    return kinds


def codes() -> list[str]:
    return list(all_kinds())


def choices() -> list[tuple[str, str]]:
    return [(k.code, k.label) for k in all_kinds().values()]


def get(code: str) -> OrgKind:
    """The type `code`, or a ValidationError in Vietnamese listing the codes."""
    kind = all_kinds().get((code or "").strip())
    if kind is None:
        raise ValidationError(f"Loại hình “{code}” không có; chọn một trong: {', '.join(codes())}.")
    return kind


def profile_label(code: str) -> str:
    for kind in all_kinds().values():
        for item in kind.profile:
            if item.code == code:
                return item.label
    return code


@within_scope
def type_row_on(org: Organization, day: dt.date) -> OrganizationType | None:
    """The type record in force for `org` on `day`: its own, else its nearest ancestor's."""
    seen = set()
    while org is not None and org.id not in seen:
        seen.add(org.id)
        row = (
            OrganizationType.objects.filter(active_on(day), organization=org)
            .order_by("-valid_from")
            .first()
        )
        if row is not None:
            return row
        org = org.parent
    return None


@within_scope
def kind_on(org: Organization, day: dt.date | None = None) -> OrgKind:
    """The type of `org` on `day` (default today); the agency type when none was recorded, as
    every organization was before types existed. A cell without a type of its own takes its
    committee's, unless its name says another kind the committee's type lists (`cell_kinds`):
    a commune's "Chi bộ Trường …" is a school's, its "Chi bộ Công an xã" a police cell."""
    day = day or dt.date.today()
    row = type_row_on(org, day)
    if row is None:
        # Before its first recorded type (or after the last ended): the nearest one in time.
        row = OrganizationType.objects.filter(organization=org).order_by("-valid_from").first()
    kind = all_kinds().get(row.code if row else DEFAULT_CODE) or all_kinds()[DEFAULT_CODE]
    if row is not None and row.organization_id != org.id:
        return named_cell_kind(org.name_on(day), kind) or kind
    return kind


def named_cell_kind(name: str, committee_kind: OrgKind) -> OrgKind | None:
    """The kind the committee's type gives a cell so named ("Chi bộ Trạm Y tế xã …"), or None."""
    said = " ".join(name.lower().split())
    for word, code in committee_kind.cell_kinds:
        if said.startswith(f"chi bộ {word} ") or said == f"chi bộ {word}":
            return all_kinds()[code]
    return None


@dataclass(frozen=True)
class MassKind:
    """A kind of mass organization (`rules/org_kinds/mass/<code>.toml`)."""

    code: str
    label: str
    member: str  # "hội viên", "đoàn viên", "ủy viên"
    builtin: bool  # the trade union, youth union and veterans: kinds of their own
    profile: str  # the profile figure counting its members where none are recorded


@cache
def mass_kinds() -> dict[str, MassKind]:
    """Every kind of mass organization, by code, in the files' `order`."""
    rows = []
    for path in MASS_DIR.glob("*.toml"):
        d = tomllib.loads(path.read_text(encoding="utf-8"))
        if d.get("code") != path.stem:
            raise ValueError(f"{path.name}: code must be {path.stem!r}")
        rows.append((d.get("order", 999), path.stem, d))
    return {
        code: MassKind(
            code=code,
            label=d["label"],
            member=d["member"],
            builtin=bool(d.get("builtin")),
            profile=d.get("profile", ""),
        )
        for _order, code, d in sorted(rows, key=lambda r: (r[0], r[1]))
    }


def recorded_mass_kinds() -> list[MassKind]:
    """The kinds recorded as organizations of kind `mass` (not the three built in)."""
    return [k for k in mass_kinds().values() if not k.builtin]


def mass_kind(code: str) -> MassKind:
    """The kind of mass organization `code` recorded as kind `mass`, or a ValidationError."""
    kind = mass_kinds().get((code or "").strip())
    if kind is None or kind.builtin:
        names = ", ".join(f"{k.code} ({k.label})" for k in recorded_mass_kinds())
        raise ValidationError(f"Loại đoàn thể “{code}” không có; chọn một trong: {names}.")
    return kind


@dataclass(frozen=True)
class HeaderWords:
    superior: str  # the line above the issuer, upper case as printed
    issuer: str


# A territorial committee above the grassroots is led by an executive named after its level, not
# "Đảng ủy": the Ban Chấp hành Đảng bộ huyện is the "Huyện ủy" (Điều lệ Đảng; 36-HD/VPTW).
LEVEL_EXECUTIVES = {
    "tỉnh": "Tỉnh ủy",
    "thành phố": "Thành ủy",
    "huyện": "Huyện ủy",
    "quận": "Quận ủy",
    "thị xã": "Thị ủy",
}


def executive_name(name: str) -> str:
    """The executive body that signs for an organization: "Đảng bộ xã X" → "Đảng ủy xã X",
    "Đảng bộ huyện X" → "Huyện ủy X", "Đảng bộ Thành phố Hồ Chí Minh" → "Thành ủy Thành phố Hồ
    Chí Minh" (a level written with a capital is part of the place's name)."""
    for level, executive in LEVEL_EXECUTIVES.items():
        if name.startswith(f"Đảng bộ {level} "):
            return f"{executive} {name[len(f'Đảng bộ {level} ') :]}"
        if name.startswith(f"Đảng bộ {level.capitalize()} "):
            return f"{executive} {name[len('Đảng bộ ') :]}"
    for body, executive in (("Đảng bộ", "Đảng ủy"), ("Chi bộ", "Chi bộ")):
        if name.startswith(body):
            return executive + name[len(body) :]
    return name


def superior_line(org: Organization, day: dt.date) -> str:
    """How the organization above `org` is named in the header on `day`. Hướng dẫn 36-HD/VPTW
    (03/4/2018, II.1.2) asks for the exact, full name, as the founding decision gives it; so the
    name is kept whole ("Đảng bộ Trung tâm Y tế huyện Kênh Xáng", "Đảng bộ xã Long Hòa",
    "Đảng bộ huyện Trà Ôn"), except a bloc's (đảng bộ khối), which its founding decision names
    by the level it gathers, not the place ("Đảng bộ Khối các cơ quan tỉnh"): the place a bloc's
    name ends with was added for telling blocs of several provinces apart, and its documents
    write the province in the place-date line. Cutting the place anywhere else would leave the
    level word hanging ("… Trung tâm Y tế huyện")."""
    parent = parent_on(org, day)
    if parent is None:
        return ""
    name = parent.name_on(day)
    place = parent.place
    if kind_on(parent, day).place_in_name or not place or not name.endswith(f" {place}"):
        return name
    stripped = name[: -len(f" {place}")]
    return stripped if _is_bloc(stripped) else name


def _is_bloc(name: str) -> bool:
    """A bloc's name: "Đảng bộ Khối các cơ quan tỉnh", "Đảng ủy Khối Doanh nghiệp tỉnh"."""
    return fold(name).startswith(("dang bo khoi ", "dang uy khoi "))


def header_words(org: Organization, day: dt.date) -> HeaderWords:
    """The header lines of a document of `org` dated `day` (Hướng dẫn 36-HD/VPTW): the superior
    above, the issuing executive body below, both upper case."""
    return HeaderWords(
        superior=superior_line(org, day).upper(),
        issuer=executive_name(org.name_on(day)).upper(),
    )


def mass_format_topic(org) -> str:
    """The rule topic of a mass organization's documents ("mass_format/trade_union"), or "" for a
    Party organization or an agency, which follow their own."""
    folder = MASS_FORMATS.get(org.kind)
    return f"mass_format/{folder}" if folder else ""


def mass_format(org, day: dt.date) -> Rule | None:
    """The format rule of a mass organization's documents in force on `day` (its header, number
    and signature), or None for a Party organization or an agency."""
    topic = mass_format_topic(org)
    return rule_in_force(topic, day) if topic else None
