"""The facts of a superior committee's own report: its grassroots units' consolidated figures
(`consolidate.py`), the statistical forms' counts the consolidation does not hold (women,
ethnic minorities, strike-offs…), the table of units, and which units sent their report.

Every name starts with `units.` so it never shadows the figures other providers compute for
the superior's subtree as a whole; every figure lists the units (and, where the consolidation
knows them, the people or records) behind it, so the report preview links each number to them.
Only a superior committee has these facts: for any other organization the provider is empty.
"""

from dangvu.core.facts import Figure, provider
from dangvu.lib.dates import vn_date
from dangvu.lib.narrative import render_value
from dangvu.orgs.models import Organization
from dangvu.reports.periods import KINDS, period_of
from dangvu.review.actions import band_label, classification_rule
from dangvu.review.models import Evaluation

from . import statforms, tracker
from .consolidate import NOT_SUMMED, consolidate
from .units import Tree

K = Organization.Kind
PREFIX = "units."

# Figures of the statistical forms the report uses, {form key: (fact name, label)}.
FORM_FIGURES = {
    "women": ("party.women", "Đảng viên nữ"),
    "ethnic_minority": ("party.ethnic_minority", "Đảng viên dân tộc thiểu số"),
    "deaths": ("party.deaths", "Đảng viên từ trần"),
    "struck_off": ("party.struck_off", "Đảng viên bị xóa tên"),
    "expelled": ("party.expelled", "Đảng viên bị khai trừ"),
}

TABLE_HEADING = [
    "STT",
    "Tổ chức cơ sở đảng",
    "Đảng viên",
    "Dự bị",
    "Kết nạp",
    "Đảng phí nộp cấp trên (đồng)",
    "Báo cáo năm gửi ngày",
]


def period_code(period):
    """The report period code ("", "H1", "Q1", "03") whose dates are `period`, or None."""
    year = period.end.year
    for _label, codes, _default in KINDS.values():
        for code in codes:
            if period_of(year, code) == period:
                return code
    return None


@provider
def superior_facts(org, period):
    if org.kind != K.SUPERIOR_COMMITTEE:
        return {}
    tree = Tree(org.id)
    result = consolidate(org, period, tree)
    facts = {}
    facts.update(_unit_counts(result))
    facts.update(_totals(result))
    facts.update(_evaluation_summaries(result, period))
    facts.update(_form_figures(org, period, result))
    facts.update(_submissions(org, period, result))
    return facts


def _orgs(result, name=None):
    """The units behind a figure: those where it is not zero (all units without a name)."""
    return frozenset(u.org.id for u in result.units if name is None or u.facts.get(name))


def _unit_counts(result):
    """The units of the period's last day: one dissolved or moved out during it is a row of the
    consolidation, not a unit the committee has."""
    units = [u for u in result.units if u.at_end]
    committees = [u for u in units if u.org.kind == K.PARTY_COMMITTEE]
    cells = [u for u in units if u.org.kind == K.PARTY_CELL]
    return {
        "units.count": Figure(
            len(units),
            orgs=frozenset(u.org.id for u in units),
            label="Số tổ chức cơ sở đảng trực thuộc",
        ),
        "units.committees": Figure(
            len(committees),
            orgs=frozenset(u.org.id for u in committees),
            label="Số đảng bộ cơ sở",
        ),
        "units.cells_base": Figure(
            len(cells), orgs=frozenset(u.org.id for u in cells), label="Số chi bộ cơ sở"
        ),
        # The cells under the grassroots committees: a chi bộ cơ sở is a unit, not also a cell.
        "units.committee_cells": Figure(
            sum(u.facts.get("party.cells", 0) for u in committees),
            orgs=frozenset(u.org.id for u in committees),
            label="Số chi bộ trực thuộc các đảng bộ cơ sở",
        ),
    }


def _totals(result):
    """Every consolidated total as `units.<fact>`, with the units and records behind it."""
    out = {}
    for name, label in result.labels.items():
        if name in NOT_SUMMED:
            continue
        people, records = set(), {}
        for unit in result.units:
            unit_people, unit_records = unit.behind.get(name, ((), {}))
            people |= set(unit_people)
            for model, ids in unit_records.items():
                records[model] = records.get(model, frozenset()) | frozenset(ids)
        out[PREFIX + name] = Figure(
            result.totals[name],
            people=frozenset(people),
            orgs=_orgs(result, name),
            label=f"{label} (các tổ chức cơ sở đảng)",
            records=records,
        )
    return out


def _evaluation_summaries(result, period):
    """ "Hoàn thành xuất sắc nhiệm vụ: 05; Hoàn thành tốt nhiệm vụ: 30 …" for members and for
    organizations, in the bands of the year's rule; empty when nobody was classified."""
    rule = classification_rule(period.end.year)
    out = {}
    for who, label, for_org in (
        ("members", "Kết quả xếp loại đảng viên", False),
        ("orgs", "Kết quả xếp loại tổ chức đảng", True),
    ):
        parts, names = [], []
        known = {b["code"] for b in rule["bands"]}
        for band, choice in Evaluation.Band.choices:
            name = f"evaluations.{who}.{band}"
            value = result.totals.get(name, 0)
            if value:
                words = band_label(rule, band, for_org) if band in known else choice
                parts.append(f"{words}: {render_value(value)}")
                names.append(name)
        orgs = frozenset().union(*[_orgs(result, n) for n in names]) if names else frozenset()
        out[f"units.evaluations.{who}.summary"] = Figure("; ".join(parts), orgs=orgs, label=label)
    return out


def _form_figures(org, period, result):
    """Counts of the statistical forms for the period, linked to the consolidation's units they
    happened in; the total is the forms' own (a death in a unit dissolved during the period
    included)."""
    by_org = statforms.per_unit(org, period)
    out = {}
    for key, (name, label) in FORM_FIGURES.items():
        total = sum(counts[key] for counts in by_org.values())
        orgs = frozenset(
            u.org.id for u in result.units if u.org.id in by_org and by_org[u.org.id][key]
        )
        out[PREFIX + name] = Figure(total, orgs=orgs, label=label)
    return out


def _submissions(org, period, result):
    """Which units sent their report of the same period to the superior, and when; the table of
    units. A period that is no report period (no code) has no sending to speak of."""
    code = period_code(period)
    lines = {}
    if code is not None:
        lines = {line.org.id: line for line in tracker.track(org, period.end.year, code).lines}
    sent = [line for line in lines.values() if line.status != tracker.MISSING]
    late = [line for line in sent if line.status == tracker.LATE]
    missing = [
        u for u in result.units if u.org.id in lines and lines[u.org.id].status == tracker.MISSING
    ]
    submissions = frozenset(line.submission.id for line in sent)
    records = {"superior.submission": submissions}
    out = {
        "units.reports.sent": Figure(
            len(sent),
            orgs=frozenset(line.org.id for line in sent),
            label="Số đơn vị đã gửi báo cáo",
            records=records,
        ),
        "units.reports.late": Figure(
            len(late),
            orgs=frozenset(line.org.id for line in late),
            label="Số đơn vị gửi báo cáo muộn",
            records={"superior.submission": frozenset(line.submission.id for line in late)},
        ),
        "units.reports.missing": Figure(
            len(missing),
            orgs=frozenset(u.org.id for u in missing),
            label="Số đơn vị chưa gửi báo cáo",
        ),
        "units.reports.missing_names": Figure(
            ", ".join(u.name for u in missing),
            orgs=frozenset(u.org.id for u in missing),
            label="Các đơn vị chưa gửi báo cáo",
        ),
    }
    out["units.table"] = Figure(
        _table_rows(result, lines),
        orgs=_orgs(result),
        label="Bảng số liệu các tổ chức cơ sở đảng",
        records=records,
    )
    return out


def _sent_text(line):
    if line is None or line.submission is None:
        return "Chưa gửi"
    late = " (muộn)" if line.status == tracker.LATE else ""
    return f"{vn_date(line.sent_on)}{late}"


def _table_rows(result, lines):
    """The heading, one row per unit, and the total row (the sum of the unit rows)."""
    names = ["party.members", "party.members.probationary", "party.admissions", "fees.remitted"]
    rows = [list(TABLE_HEADING)]
    for i, unit in enumerate(result.units, start=1):
        # A unit gone before the period's end has no report of it to send.
        sent = _sent_text(lines.get(unit.org.id)) if unit.at_end else "—"
        rows.append([str(i), unit.label, *[_cell(unit.facts[n], n) for n in names], sent])
    sent = sum(1 for line in lines.values() if line.submission is not None)
    rows.append(
        [
            "",
            "Tổng số",
            *[_cell(result.totals[n], n) for n in names],
            f"{sent}/{sum(1 for u in result.units if u.at_end)} đơn vị đã gửi",
        ]
    )
    return rows


def _cell(value, name):
    return render_value(value, "money" if name.startswith("fees.") else "")
