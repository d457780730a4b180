"""Report templates as data: TOML files in `report_templates/`, one per report kind (annual,
six_month, quarterly, monthly), each a tree of sections.

One template serves the three kinds of reporting organization ("org kinds" below): a grassroots
committee with its cells (`committee`), a cell under such a committee (`cell`), and a grassroots
cell directly under a superior committee (`cell_base`). A section may be limited to some of them
(`kinds = ["committee"]`) and may word its title or text for one of them (`text_cell = …`,
`title_cell_base = …`); `cell_base` falls back to the `cell` wording, then to the plain one.

A superior committee (`superior`) reports on its grassroots units, a different document: when
`superior_<kind>.toml` exists it is that kind's template for a superior (`template_for`);
otherwise a superior takes the committee's wording.

The type of grassroots organization (`orgs.kinds`: a commune, a school, an enterprise, an army or
police unit) names a family of templates, `report_templates/kinds/<family>/`: a report kind the
family has (`annual.toml`, `_periodic.toml` …) replaces the agency's, so a commune's report speaks
of socio-economic development and none of an agency's staff. A template may `include` other
files whose sections follow its own (the party-building sections every family shares).

A mass organization (the trade union, the youth union, the veterans, any other `mass` kind) writes
its own report in its own family, `kinds/mass/`, worded for its kind (`title_trade_union = …`,
`kinds = ["youth_union"]`); it has no Party sections and only the annual and six-month reports.
"""

import datetime as dt
import tomllib
from functools import cache
from pathlib import Path

from dangvu.orgs import kinds
from dangvu.orgs.models import Organization

TEMPLATES_DIR = Path(__file__).resolve().parent / "report_templates"
# The org kind of a mass organization is its own kind's code.
# The mass organizations writing their own reports, by the folder of their format rule.
MASS_FAMILY = "mass"
ORG_KINDS = ("committee", "cell", "cell_base", "superior", *kinds.MASS_FORMATS.values())
# The wording an org kind falls back to before the plain one; a superior without a template of
# its own also keeps the committee's sections.
FALLBACK = {"cell_base": "cell", "superior": "committee"}
SECTIONS_AS = {"superior": "committee"}


def _path(name: str, family: str) -> Path:
    """A file of `family` when it has one, else the agency's (the plain templates); the mass
    organizations' family has no fallback: the agency's are a Party organization's."""
    if family == MASS_FAMILY:
        return TEMPLATES_DIR / "kinds" / family / f"{name}.toml"
    if family and (TEMPLATES_DIR / "kinds" / family / f"{name}.toml").is_file():
        return TEMPLATES_DIR / "kinds" / family / f"{name}.toml"
    return TEMPLATES_DIR / f"{name}.toml"


@cache
def _read(name: str, family: str = "") -> dict:
    path = _path(name, family)
    if not path.is_file():
        raise LookupError(f"Không có mẫu báo cáo “{name}”.")
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    if "extends" in data:
        # A kind that shares another's sections and words only its title and closing.
        base = _read(data["extends"], family)
        if "sections" in data and _path(data["extends"], family) != _path(data["extends"], ""):
            # Its own sections (the six-month review's) keep their order, and the type's sections
            # that it lacks (a commune's socio-economic development) come in where the type has them.
            data = {**base, **data, "sections": _with_type_sections(data["sections"], base)}
        else:
            data = {**base, **data}
    if "include" in data:
        data = {
            **{k: v for k, v in data.items() if k != "include"},
            "sections": [
                *data["sections"],
                *(s for name in data["include"] for s in _read(name, family)["sections"]),
            ],
        }
    return data


def _with_type_sections(own: list[dict], base: dict) -> list[dict]:
    """`own` sections with those of the type's `base` template that `own` lacks, each placed
    after the section it follows in `base` (and that section's subsections)."""
    out = list(own)
    anchor = None
    for section in base["sections"]:
        keys = [s["key"] for s in out]
        if section["key"] in keys:
            anchor = section["key"]
            continue
        at = keys.index(anchor) + 1 if anchor else 0
        while at < len(out) and _under(out[at], anchor, out):
            at += 1
        out.insert(at, section)
        anchor = section["key"]
    return out


def _under(section: dict, ancestor: str | None, sections: list[dict]) -> bool:
    parents = {s["key"]: s.get("parent") for s in sections}
    key = section.get("parent")
    while key:
        if key == ancestor:
            return True
        key = parents.get(key)
    return False


@cache
def load_template(name: str, family: str = "") -> dict:
    data = _read(name, family)
    keys = {s["key"] for s in data["sections"]}
    if len(keys) != len(data["sections"]):
        raise ValueError(f"template {name} ({family or 'agency'}) repeats a section key")
    for s in data["sections"]:
        if s.get("parent") and s["parent"] not in keys:
            raise ValueError(f"section {s['key']} has an unknown parent {s['parent']}")
        for kind in s.get("kinds", ()):
            if kind not in ORG_KINDS:
                raise ValueError(f"section {s['key']} names an unknown kind {kind}")
    return data


def available_templates():
    """The report kinds (templates that are not only a base for others, nor a superior's)."""
    return sorted(
        p.stem for p in TEMPLATES_DIR.glob("*.toml") if not p.stem.startswith(("_", "superior_"))
    )


def template_for(name: str, org, day: dt.date | None = None) -> dict:
    """The template of report kind `name` for `org`: a superior's own one when it has one, else
    the one of the family of `org`'s type on `day` (default: today)."""
    if org.is_mass:
        return load_template(name, MASS_FAMILY)
    if org_kind(org) == "superior":
        if (TEMPLATES_DIR / f"superior_{name}.toml").is_file():
            return load_template(f"superior_{name}")
        return load_template(name)
    return load_template(name, kinds.kind_on(org, day).templates)


def org_kind(org) -> str:
    """Which wording a report of `org` takes: a committee, a cell under one, a grassroots cell, or
    a mass organization's own kind."""
    K = Organization.Kind
    if org.is_mass:
        return kinds.MASS_FORMATS[org.kind]
    if org.kind == K.SUPERIOR_COMMITTEE:
        return "superior"
    if org.kind != K.PARTY_CELL:
        return "committee"
    parent = org.parent
    return "cell" if parent is not None and parent.kind == K.PARTY_COMMITTEE else "cell_base"


def pick(data: dict, key: str, kind: str, default=None):
    """`data[key]` as worded for org kind `kind` (see the module docstring)."""
    fallback = FALLBACK.get(kind)
    for name in (f"{key}_{kind}", f"{key}_{fallback}" if fallback else None, key):
        if name and name in data:
            return data[name]
    return default


def sections_for(spec: dict, kind: str) -> list[dict]:
    """The sections of template `spec` for org kind `kind`, in order, worded for it."""
    kept, out = set(), []
    for s in spec["sections"]:
        if "kinds" in s and kind not in s["kinds"] and SECTIONS_AS.get(kind) not in s["kinds"]:
            continue
        if s.get("parent") and s["parent"] not in kept:
            continue
        kept.add(s["key"])
        out.append(
            {
                "key": s["key"],
                "parent": s.get("parent", ""),
                "title": pick(s, "title", kind),
                "numbering": s.get("numbering", "auto"),
                "text": (pick(s, "text", kind) or "").strip(),
                "programme": bool(s.get("programme")),
            }
        )
    return out
