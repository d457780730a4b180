"""The facts of a superior committee's own report: its grassroots units' consolidated figures
(`consolidate.py`), the statistical forms' counts the consolidation does not hold (women,
ethnic minorities, strike-offs…), the table of units, and which units sent their report.

Every name starts with `units.` so it never shadows the figures other providers compute for
the superior's subtree as a whole; every figure lists the units (and, where the consolidation
knows them, the people or records) behind it, so the report preview links each number to them.
Only a superior committee has these facts: for any other organization the provider is empty.
"""

from collections import defaultdict
from decimal import Decimal

from dangvu.awards.facts import GIVEN, GIVEN_LABELS, commended_in, decisions_of, summary_of
from dangvu.awards.models import Commendation
from dangvu.core.facts import Figure, provider_of
from dangvu.core.ids import any_of
from dangvu.lib.dates import vn_date
from dangvu.lib.narrative import render_value
from dangvu.lib.text import count
from dangvu.orgs.kinds import executive_name
from dangvu.orgs.models import Organization
from dangvu.orgs.tree import subtree_ids_during
from dangvu.reports.periods import KINDS, period_of
from dangvu.review.actions import band_label, classification_rule
from dangvu.review.models import Evaluation

from . import statforms, tracker
from .consolidate import NOT_SUMMED, consolidate, labels
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

# The names made from the statistical forms' counts.
FORM_NAMES = {PREFIX + name for name, _label in FORM_FIGURES.values()} | {
    "units.party.losses.summary"
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


# The consolidated figures the provider's own figures are made of, {name: figures ("x." for
# every figure under it)}: consolidated only when one of those names is wanted, so a section
# naming `{units.count}` does not consolidate a province's fees or members' changes.
TABLE_FIGURES = ("party.members", "party.members.probationary", "party.admissions", "fees.remitted")
EVALUATIONS = ("units.evaluations.members.summary", "units.evaluations.orgs.summary")
READS = {
    "units.committee_cells": ("party.cells",),
    "units.party.intake.summary": ("party.admissions", "party.recognitions"),
    "units.table": TABLE_FIGURES,
    **{name: ("evaluations.",) for name in EVALUATIONS},
}


@provider_of(PREFIX, partial=True)
def superior_facts(org, period, only=None):
    """Every `units.` fact; with `only` (names wanted), the consolidation of just the figures
    they and this provider's own wording read: a report naming no staff figure does not count a
    province's staff records."""
    if org.kind != K.SUPERIOR_COMMITTEE:
        return {}
    tree = Tree(org.id)
    result = consolidate(org, period, tree, only=_consolidated(only, period))
    facts = {
        # Who writes the report: the executive of the đảng bộ ("Đảng bộ huyện X" is led by the
        # Ban Thường vụ Huyện ủy X), as the closing line and the body name it.
        "units.executive": Figure(
            executive_name(org.name_on(period.end)),
            orgs=frozenset([org.id]),
            label="Cấp ủy cấp trên cơ sở",
        )
    }
    facts.update(_unit_counts(result, with_cells=_wants(only, ("units.committee_cells",))))
    facts.update(total_figures(result))
    if _wants(only, EVALUATIONS):
        facts.update(_evaluation_summaries(result, period))
    # The statistical forms' counts and the sending of reports are read when wanted: most of
    # the time of a province's figure opened alone.
    if _wants(only, FORM_NAMES):
        facts.update(_form_figures(org, period, result))
    facts.update(_member_changes(facts))
    if _wants(only, ("units.commendations.given.summary",)):
        facts.update(_given_summary(facts))
    if _wants(only, (), ("units.commendations.own.", "units.commendations.others.")):
        facts.update(_commendations(org, period, tree))
    if _wants(only, ("units.table",), ("units.reports.",)):
        lines = _report_lines(org, period)
        facts.update(_submissions(result, lines))
        if _wants(only, ("units.table",)):
            facts.update(_table(result, lines))
    return facts


def _wants(only, names, prefixes=()):
    """Whether one of the names `only` (None: all) is among `names` or under `prefixes`."""
    return only is None or any(n in names or (prefixes and n.startswith(prefixes)) for n in only)


def _consolidated(only, period):
    """The consolidated figures the `units.` names `only` need (None: all): those they name,
    and those the provider's own figures among them are made of (`READS`)."""
    if only is None:
        return None
    wanted = {name.removeprefix(PREFIX) for name in only}
    if "commendations.given.summary" in wanted:
        wanted |= {GIVEN.format(kind, who) for kind in FORMS for who in GIVEN_LABELS}
    reads = {read for name in only for read in READS.get(name, ())}
    wanted |= reads
    under = tuple(read for read in reads if read.endswith("."))
    return {n for n in labels(period.end.year) if n in wanted or (under and n.startswith(under))}


def _orgs(result, name=None):
    """The units behind a figure: those where it is not zero (all units without a name)."""
    return frozenset(u.org.id for u in result.units if name is None or u.facts.get(name))


def _unit_counts(result, with_cells=True):
    """The units of the period's last day: one dissolved or moved out during it is a row of the
    consolidation, not a unit the committee has. The cells under the committees only
    `with_cells` (their count consolidated)."""
    units = [u for u in result.units if u.at_end]
    committees = [u for u in units if u.org.kind == K.PARTY_COMMITTEE]
    cells = [u for u in units if u.org.kind == K.PARTY_CELL]
    out = {
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
    }
    if with_cells:
        # The cells under the grassroots committees: a chi bộ cơ sở is a unit, not also a cell.
        out["units.committee_cells"] = Figure(
            sum(u.facts["party.cells"] for u in committees),
            orgs=frozenset(u.org.id for u in committees),
            label="Số chi bộ trực thuộc các đảng bộ cơ sở",
        )
    return out


def total_figures(result):
    """Every consolidated total as `units.<fact>`, with the units and records behind it."""
    out = {}
    for name, label in result.labels.items():
        if name in NOT_SUMMED:
            continue
        behind = [unit.behind.get(name, ((), {})) for unit in result.units]
        out[PREFIX + name] = Figure(
            result.totals[name],
            people=frozenset().union(*[people for people, _records in behind]),
            orgs=_orgs(result, name),
            label=f"{label} (các tổ chức cơ sở đảng)",
            records=_joined([records for _people, records in behind]),
        )
    return out


def _evaluation_summaries(result, period):
    """ "25 đảng viên được xếp loại, trong đó hoàn thành xuất sắc nhiệm vụ 05 (20%); hoàn thành
    tốt nhiệm vụ 20 (80%)" for members and for organizations, in the bands of the year's rule: how
    many were rated and each band's share of them, as districts' annual reports give the rates;
    empty when nobody was classified."""
    rule = classification_rule(period.end.year)
    out = {}
    for who, label, noun, for_org in (
        ("members", "Kết quả xếp loại đảng viên", "đảng viên", False),
        ("orgs", "Kết quả xếp loại tổ chức đảng", "tổ chức đảng", True),
    ):
        known = {b["code"] for b in rule["bands"]}
        rated = []
        for band, choice in Evaluation.Band.choices:
            name = f"evaluations.{who}.{band}"
            value = result.totals.get(name, 0)
            if value:
                words = band_label(rule, band, for_org) if band in known else choice
                rated.append((name, words, value))
        total = sum(value for _n, _w, value in rated)
        parts = [
            f"{words[:1].lower()}{words[1:]} {render_value(value)} ({_share(value, total)})"
            for _n, words, value in rated
        ]
        head = f"{render_value(total)} {noun} được xếp loại, trong đó "
        text = head + "; ".join(parts) if rated else ""
        names = [n for n, _w, _v in rated]
        orgs = frozenset().union(*[_orgs(result, n) for n in names]) if names else frozenset()
        out[f"units.evaluations.{who}.summary"] = Figure(text, orgs=orgs, label=label)
    return out


def _share(part, whole):
    """A rate as reports write it: "94,3%" (one decimal, none when whole)."""
    return render_value(round(Decimal(100 * part) / whole, 1), "percent")


# The members the units gained and lost in the period, in the words of districts' reports, in
# the order they give them: (fact name, phrase).
INTAKE = (
    ("party.admissions", "kết nạp {} đảng viên mới"),
    ("party.recognitions", "xét công nhận đảng viên chính thức cho {} đồng chí"),
)
LOSSES = (
    ("party.deaths", "{} đảng viên từ trần"),
    ("party.struck_off", "{} đảng viên bị xóa tên"),
    ("party.expelled", "{} đảng viên bị khai trừ"),
)


def _member_changes(facts):
    """ "kết nạp 05 đảng viên mới, xét công nhận … cho 02 đồng chí" and "02 đảng viên từ trần,
    01 đảng viên bị xóa tên": the figures already computed (consolidation and forms) that are
    not zero, in one phrase each, linked to the same units and people."""
    out = {}
    for name, phrases, label in (
        ("units.party.intake.summary", INTAKE, "Kết nạp, công nhận đảng viên chính thức"),
        ("units.party.losses.summary", LOSSES, "Đảng viên từ trần, bị xóa tên, khai trừ"),
    ):
        if any(PREFIX + n not in facts for n, _p in phrases):
            continue  # its figures were not computed: it was not wanted (`superior_facts`)
        shown = [(facts[PREFIX + n], p) for n, p in phrases if facts[PREFIX + n].value]
        out[name] = Figure(
            ", ".join(p.format(render_value(f.value)) for f, p in shown),
            orgs=frozenset().union(*[f.orgs for f, _p in shown]) if shown else frozenset(),
            people=frozenset().union(*[f.people for f, _p in shown]) if shown else frozenset(),
            label=label,
        )
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


def _report_lines(org, period):
    """{unit id: tracker line} of the units' reports of the same period sent to the superior;
    none when the period is no report period (no code): it has no sending to speak of."""
    code = period_code(period)
    if code is None:
        return {}
    return {line.org.id: line for line in tracker.track(org, period.end.year, code).lines}


def _sent_records(sent):
    """The reports the lines `sent` name, as a figure's records."""
    return {"superior.submission": frozenset(line.submission.id for line in sent)}


def _submissions(result, lines):
    """Which units sent their report of the same period to the superior, and when."""
    sent = [line for line in lines.values() if line.status != tracker.MISSING]
    late = [line for line in sent if line.status == tracker.LATE]
    missing = [
        u for u in result.units if u.org.id in lines and lines[u.org.id].status == tracker.MISSING
    ]
    return {
        "units.reports.sent": Figure(
            len(sent),
            orgs=frozenset(line.org.id for line in sent),
            label="Số đơn vị đã gửi báo cáo",
            records=_sent_records(sent),
        ),
        "units.reports.late": Figure(
            len(late),
            orgs=frozenset(line.org.id for line in late),
            label="Số đơn vị gửi báo cáo muộn",
            records=_sent_records(late),
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


def _table(result, lines):
    """The table of units, linked to the reports they sent."""
    sent = [line for line in lines.values() if line.status != tracker.MISSING]
    return {
        "units.table": Figure(
            _table_rows(result, lines),
            orgs=_orgs(result),
            label="Bảng số liệu các tổ chức cơ sở đảng",
            records=_sent_records(sent),
        )
    }


def _sent_text(line):
    if line is None or line.submission is None:
        return "Chưa gửi"
    late = " (muộn)" if line.status == tracker.LATE else ""
    return f"{vn_date(line.sent_on)}{late}"


def _table_rows(result, lines):
    """The heading, one row per unit, and the total row (the sum of the unit rows)."""
    names = TABLE_FIGURES
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


# Commendations ------------------------------------------------------------------------------

FORMS = Commendation.Kind.values
# Whom a superior's standing committee commends, in the words and order of its reports
# ("tặng bằng khen cho 01 đảng bộ, 10 chi bộ trực thuộc đảng ủy cơ sở, 170 đảng viên";
# bench/devset/commendations-superior.md).
RECIPIENTS = (
    ("units", "tổ chức cơ sở đảng"),
    ("cells", "chi bộ trực thuộc đảng ủy cơ sở"),
    ("orgs", "tổ chức đảng"),
    ("members", "đảng viên"),
)


def _form_phrases(counts):
    """ "giấy khen cho 02 tổ chức cơ sở đảng và 05 đảng viên; bằng khen cho …" from {form:
    [(number, words)]}, the forms in the order of their choices (the flag first), those with
    nobody left out."""
    phrases = []
    for form in FORMS:
        parts = [f"{count(n)} {words}" for n, words in counts.get(form, ()) if n]
        if parts:
            listed = ", ".join(parts[:-1]) + " và " + parts[-1] if len(parts) > 1 else parts[0]
            phrases.append(f"{Commendation.Kind(form).label.lower()} cho {listed}")
    return "; ".join(phrases)


def _given_summary(facts):
    """What the units' own committees awarded, in sum by form: "giấy khen cho 12 tổ chức đảng
    và 40 đảng viên", from the consolidated figures (`commendations.given.*`)."""
    shown = {
        form: [
            (facts[PREFIX + GIVEN.format(form, who)].value, words)
            for who, words in (("orgs", "tổ chức đảng"), ("members", "đảng viên"))
        ]
        for form in FORMS
    }
    figures = [facts[PREFIX + GIVEN.format(f, w)] for f in FORMS for w in GIVEN_LABELS]
    return {
        "units.commendations.given.summary": Figure(
            _form_phrases(shown),
            orgs=frozenset().union(*[f.orgs for f in figures]),
            people=frozenset().union(*[f.people for f in figures]),
            label="Khen thưởng của các tổ chức cơ sở đảng, theo hình thức",
            records=_joined([f.records for f in figures]),
        )
    }


def _joined(records):
    """{"app.model": ids} of several such maps together."""
    out = {}
    for found in records:
        for model, ids in found.items():
            out[model] = out.get(model, frozenset()) | frozenset(ids)
    return out


def _commendations(org, period, tree):
    """The committee's own commendations (awarded by it) of its subtree's organizations and
    members, by form and kind of recipient, and those of every other awarding body that is not
    in a unit (the bodies above, a district committee between): one query, with the rule of the
    units' own reports (`awards.facts.commended_in`: the organization commended, or the member's
    cell on the day of the decision, in the subtree in the period). What the units' committees
    awarded is summed by the consolidation instead, so it is left out here: an organization of
    the subtree that is no superior committee awards as a unit."""
    ids = subtree_ids_during([org.id], period.start, period.end)
    in_orgs, of_members = commended_in(ids, period)
    in_units = [i for i in ids if i in tree.nodes and tree.nodes[i].kind != K.SUPERIOR_COMMITTEE]
    found = list(
        (in_orgs | of_members).exclude(awarder_id__in=any_of(in_units)).order_by("decided_on", "id")
    )
    _share_awarders(found)
    own = [c for c in found if c.awarder_id == org.id]
    others = [c for c in found if c.awarder_id != org.id]
    out = _own_figures(own, tree)
    out.update(
        summary_of(PREFIX + "commendations.others.", org.name_on(period.end), org.id, others)
    )
    return out


def _share_awarders(commendations):
    """Each awarding body on record read once, with its names, and set on its commendations:
    a province's thousands of commendations come from a few bodies (prefetching the names of
    one instance per commendation took most of the time)."""
    ids = {c.awarder_id for c in commendations if c.awarder_id}
    awarders = Organization.objects.filter(id__in=ids).prefetch_related("names").in_bulk()
    for c in commendations:
        if c.awarder_id:
            c.awarder = awarders[c.awarder_id]


def _recipient_kind(c, tree):
    """Which of `RECIPIENTS` the commendation's recipient is, on the day of the decision."""
    if c.person_id:
        return "members"
    node = tree.nodes.get(c.recipient_org_id)
    if node is None:
        return "orgs"
    if tree.is_grassroots(node, c.decided_on):
        return "units"
    return "cells" if node.kind == K.PARTY_CELL else "orgs"


def _own_figures(own, tree):
    """`units.commendations.own.<form>.<recipient kind>` (each recipient once), their sentence
    ("giấy khen cho 05 tổ chức cơ sở đảng và 20 đảng viên") and the decisions behind it."""
    groups = defaultdict(list)
    for c in own:
        groups[(c.kind, _recipient_kind(c, tree))].append(c)
    out, counts = {}, defaultdict(list)
    for form, form_label in Commendation.Kind.choices:
        for who, words in RECIPIENTS:
            rows = groups.get((form, who), [])
            recipients = {c.person_id if who == "members" else c.recipient_org_id for c in rows}
            counts[form].append((len(recipients), words))
            out[f"{PREFIX}commendations.own.{form}.{who}"] = Figure(
                len(recipients),
                people=frozenset(recipients) if who == "members" else frozenset(),
                orgs=frozenset() if who == "members" else frozenset(recipients),
                label=f"{form_label} của cấp ủy cấp trên cơ sở: {words} được khen",
                records=_records(rows),
            )
    people = frozenset(c.person_id for c in own if c.person_id)
    orgs = frozenset(c.recipient_org_id for c in own if c.recipient_org_id)
    for name, value, label in (
        (
            "summary",
            _form_phrases(counts),
            "Khen thưởng của cấp ủy cấp trên cơ sở: hình thức, số được khen",
        ),
        ("decisions", decisions_of(own), "Quyết định khen thưởng của cấp ủy cấp trên cơ sở"),
    ):
        out[f"{PREFIX}commendations.own.{name}"] = Figure(
            value, people=people, orgs=orgs, label=label, records=_records(own)
        )
    return out


def _records(commendations):
    return {Commendation._meta.label_lower: frozenset(c.id for c in commendations)}
