"""Consolidated figures of a superior committee's subtree: one row per grassroots unit, and
totals that are the sum of the rows.

The unit figures are the same named facts the unit's own pages show (section I of
`people/stats.py`, `party.admissions|recognitions`, `evaluations.*`, `fees.collected|remitted`,
`activities.<kind>.sessions|attendances`, `commendations.given.*`), computed here for every unit at once: each group is
one query over the whole subtree, grouped by unit in the database wherever the rows are many
(members, staff, qualifications, evaluations, fees), so the number of queries does not grow
with the number of units (a province has a thousand) and no row per member comes into Python.
The tests check every unit's figures against the unit's own providers, so the two cannot drift
apart; `bench/consolidate_sql.py` checks them against hand-written SQL at province size.
"""

import datetime as dt
import functools
import itertools
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import Case, F, IntegerField, Min, Q, Sum, Value, When

from dangvu.awards.facts import GIVEN, GIVEN_LABELS, counted_in, given_labels
from dangvu.awards.models import Commendation
from dangvu.core.facts import Period
from dangvu.core.ids import any_of
from dangvu.finance import fees as fee_rules
from dangvu.finance.models import Payment
from dangvu.finance.rulebook import rulebooks
from dangvu.lib.dates import vn_date
from dangvu.meetings.attendance import attendances_by_unit
from dangvu.meetings.models import Activity, ActivityOrg
from dangvu.orgs.kinds import recorded_mass_kinds
from dangvu.orgs.models import Organization, Position, Term, active_on, term_plainly_over
from dangvu.oversight.models import Inspection
from dangvu.people.facts import introductions_in, party_changes_of
from dangvu.people.models import (
    Membership,
    Person,
    Qualification,
    StaffQuota,
    StaffRecord,
)
from dangvu.people.stats import LABELS as SECTION_ONE
from dangvu.people.stats import PRESENT, staff_figures_of
from dangvu.review.actions import classification_rule
from dangvu.review.models import Evaluation

from .units import Tree, orgs_with_names

K = Organization.Kind
# Ethnicity is folded to decide; a province has tens of thousands of rows and a few values.
CAT = StaffRecord.Category
PARTY = Membership.Kind.PARTY

# Facts that are not counts: shown per unit, never summed.
NOT_SUMMED = {"committee.term"}


def labels(year):
    """{fact name: label} of every consolidated figure, in display order."""
    out = dict(SECTION_ONE)
    out["party.admissions"] = "Kết nạp đảng viên mới"
    out["party.recognitions"] = "Chuyển đảng chính thức"
    out["party.introduced"] = "Quần chúng ưu tú được đoàn thể giới thiệu cho Đảng"
    rule = classification_rule(year)
    short = {b["code"]: b["short"] for b in rule["bands"]}
    for band, _label in Evaluation.Band.choices:
        out[f"evaluations.members.{band}"] = f"Đảng viên xếp loại {short.get(band, band)}"
    for band, _label in Evaluation.Band.choices:
        out[f"evaluations.orgs.{band}"] = f"Tổ chức xếp loại {short.get(band, band)}"
    for kind, label in Inspection.Kind.choices:
        out[f"inspections.conducted.{kind}"] = f"{label} (tiến hành)"
    out.update(given_labels())
    out["fees.collected"] = "Thu đảng phí"
    out["fees.remitted"] = "Đảng phí nộp về cấp ủy cấp trên"
    for kind, label in Activity.Kind.choices:
        out[f"activities.{kind}.sessions"] = f"{label}: số cuộc"
        out[f"activities.{kind}.attendances"] = f"{label}: số lượt người dự"
    return out


# The groups of the consolidated page, by fact-name prefix.
GROUPS = [
    ("Tổ chức, đảng viên", ("committee.", "party.cells", "party.members")),
    ("Cơ quan, cán bộ", ("agency.", "staff.", "education.", "political_theory.")),
    ("Đoàn thể", ("mass.",)),
    ("Kết nạp, chuyển chính thức", ("party.admissions", "party.recognitions", "party.introduced")),
    ("Đánh giá, xếp loại", ("evaluations.",)),
    ("Kiểm tra, giám sát", ("inspections.",)),
    ("Khen thưởng", ("commendations.",)),
    ("Đảng phí", ("fees.",)),
    ("Hoạt động", ("activities.",)),
]


class Behind(Mapping):
    """{fact: (person ids, {"app.model": ids})}, where a value given as a function is read the
    first time it is asked for: the consolidation's figures are counted in SQL, and the records
    behind them are read only by a page that links them."""

    def __init__(self, items=()):
        self._items = dict(items)

    def __getitem__(self, fact):
        value = self._items[fact]
        if callable(value):
            value = self._items[fact] = value()
        return value

    def __iter__(self):
        return iter(self._items)

    def __len__(self):
        return len(self._items)


@dataclass
class UnitFigures:
    org: Organization
    name: str
    facts: dict = field(default_factory=dict)
    # The records behind some figures, for the superior's report to link them:
    # {fact: (person ids, {"app.model": ids})}. Counts the records cannot name are absent.
    behind: Mapping = field(default_factory=Behind)
    # Why a unit counts only part of the period ("chuyển đến ngày 01/07/2025", "đã giải thể
    # ngày …"); blank for a unit under the committee the whole period.
    note: str = ""
    # Whether the unit is the committee's on the period's last day (not dissolved or moved out).
    at_end: bool = True

    @property
    def label(self):
        """The unit's name as a row of the consolidation shows it: with its note."""
        return f"{self.name} ({self.note})" if self.note else self.name


@dataclass
class Consolidation:
    root: Organization
    period: Period
    units: list
    totals: dict
    labels: dict

    def as_json(self):
        return {
            "org": self.root.slug,
            "date": self.period.end.isoformat(),
            "units": [{"org": u.org.slug, "name": u.label, "facts": u.facts} for u in self.units],
            "facts": self.totals,
        }

    def groups(self):
        """[(group label, [(fact, label, total, [unit values])])] for the page."""
        out = []
        for title, prefixes in GROUPS:
            rows = [
                (name, label, self.totals.get(name), [u.facts.get(name) for u in self.units])
                for name, label in self.labels.items()
                if name.startswith(prefixes)
            ]
            out.append((title, rows))
        return out


def period_to(day):
    """The period a consolidation "as of a date" covers: the year up to that day."""
    return Period(dt.date(day.year, 1, 1), day)


def consolidate(root, period, tree=None, only=None):
    """Every unit's figures and their sums, for the grassroots units under `root` at some time
    in the period, each counting only the days it stood under it: a unit dissolved or moved out
    during the period keeps what it did until then (no figures of the last day), one moved in
    or founded counts from that day. So every total is the sum of its rows and the forms' own
    (`statforms`). With `only` (fact names), just those figures, running only the queries they
    need: a caller wanting a few totals does not pay for eighty."""
    tree = tree or Tree(root.id)
    day = period.end
    fact_labels = labels(day.year)
    if only is not None:
        unknown = set(only) - set(fact_labels)
        if unknown:
            raise ValueError(f"Not consolidated figures: {sorted(unknown)}")
        fact_labels = {name: label for name, label in fact_labels.items() if name in only}
    segments = period_segments(tree, root.id, period)
    stretches = stretches_of(segments)
    nodes = tree.units(root.id, day)  # the units of the last day: its figures are theirs
    names = orgs_with_names(list(stretches), day)
    active = {n.id: tree.below(n.id, day) for n in nodes}
    per_unit = {unit: {} for unit in stretches}
    behind = {unit: {} for unit in stretches}
    wanted = set(fact_labels)
    parts = [
        (("committee.",), lambda: _committee(nodes, day)),
        (MEMBERSHIP_FACTS, lambda: _memberships(nodes, active, day, behind, wanted)),
        (STRUCTURE_FACTS, lambda: _structure(tree, nodes, active)),
        (STAFF_FACTS, lambda: _staff(tree, nodes, active, day, wanted)),
    ]
    for prefixes, part in parts:
        if _needs(wanted, prefixes):
            for unit_id, facts in part().items():
                per_unit[unit_id].update(facts)
    _period_figures(tree, segments, period, wanted, per_unit, behind)
    at_end = {n.id for n in nodes}
    units = []
    for unit_id in sorted(stretches, key=lambda i: (i not in at_end, names[i][1], i)):
        org, name = names[unit_id]
        facts = {
            fact: per_unit[unit_id].get(fact, "" if fact in NOT_SUMMED else 0)
            for fact in fact_labels
        }
        unit_behind = Behind((fact, b) for fact, b in behind[unit_id].items() if fact in wanted)
        note = stretch_note(tree.nodes[unit_id], stretches[unit_id], period)
        units.append(
            UnitFigures(org, name, facts, unit_behind, note=note, at_end=unit_id in at_end)
        )
    totals = totals_of([u.facts for u in units], fact_labels)
    return Consolidation(root=root, period=period, units=units, totals=totals, labels=fact_labels)


def period_segments(tree, root_id, period):
    """[(Period, unit nodes)]: `period` cut on the days the units under `root_id` change (one
    founded, dissolved, moved in or out) or an organization under them moves (a cell to
    another unit). Within a segment the units and what stands under each are the same every
    day, so its figures are counted by one query each; a year without such a day is one
    segment."""
    every = tree.below(root_id)
    moved = tree.move_days(every)
    days = set(moved)
    for org_id in every:
        node = tree.nodes[org_id]
        if node.kind in (K.SUPERIOR_COMMITTEE, K.PARTY_COMMITTEE, K.PARTY_CELL):
            days |= {node.valid_from, node.valid_to}
    starts, units = [period.start], [tree.units(root_id, period.start)]
    for day in sorted(d for d in days if d and period.start < d <= period.end):
        now = tree.units(root_id, day)
        if day in moved or [n.id for n in now] != [n.id for n in units[-1]]:
            starts.append(day)
            units.append(now)
    ends = [d - ONE_DAY for d in starts[1:]] + [period.end]
    return [
        (Period(first, last), nodes) for first, last, nodes in zip(starts, ends, units, strict=True)
    ]


def unit_stretches(tree, root_id, period):
    """{unit id: [(first day, last day)]} of every grassroots unit under `root_id` at some time
    in `period`: the stretches of days it stood under it."""
    return stretches_of(period_segments(tree, root_id, period))


def stretches_of(segments):
    """{unit id: [(first day, last day)]} of the units of `period_segments`."""
    out = defaultdict(list)
    for segment, nodes in segments:
        for node in nodes:
            stretches = out[node.id]
            if stretches and stretches[-1][1] == segment.start - ONE_DAY:
                stretches[-1] = (stretches[-1][0], segment.end)
            else:
                stretches.append((segment.start, segment.end))
    return dict(out)


ONE_DAY = dt.timedelta(days=1)


def stretch_note(node, stretches, period):
    """Why a unit counts only part of the period: founded or moved in after its start,
    dissolved or moved out before its end (blank for the whole period)."""
    notes = []
    first, last = stretches[0][0], stretches[-1][1]
    if first > period.start:
        came = "thành lập" if node.valid_from == first else "chuyển đến"
        notes.append(f"{came} ngày {vn_date(first)}")
    if last < period.end:
        gone = last + ONE_DAY
        # A unit merged into another is dissolved as a unit too (`Organization.end_reason`).
        went = "đã giải thể" if node.valid_to == gone else "chuyển đi"
        notes.append(f"{went} ngày {vn_date(gone)}")
    return "; ".join(notes)


def unit_periods(tree, segments):
    """{(first day, last day): unit nodes}: the days of the period each unit is counted over
    together, its segments (`period_segments`) joined where what stands under it stays the same.
    A unit that is not touched by a change elsewhere keeps the whole period, so most units are
    counted by the same queries, and its figures are those of its own pages."""
    runs = defaultdict(list)  # {unit id: [(first, last, ids under it)]}
    for segment, nodes in segments:
        for node in nodes:
            under = frozenset(_under_on(tree, node.id, segment.start))
            unit_runs = runs[node.id]
            if (
                unit_runs
                and unit_runs[-1][1] == segment.start - ONE_DAY
                and unit_runs[-1][2] == under
            ):
                unit_runs[-1] = (unit_runs[-1][0], segment.end, under)
            else:
                unit_runs.append((segment.start, segment.end, under))
    groups = defaultdict(list)
    for unit_id, unit_runs in runs.items():
        for first, last, _under in unit_runs:
            groups[(first, last)].append(tree.nodes[unit_id])
    return dict(groups)


def _period_figures(tree, segments, period, wanted, per_unit, behind):
    """The figures of what the units did (admissions, evaluations, inspections, fees,
    activities), each unit's over the days of the period it stood under the committee, and of
    what stood under it then (`unit_periods`): a unit moved in counts from the move, one
    dissolved until then, a cell moved from one unit to another in each for its days."""
    for (first, last), nodes in unit_periods(tree, segments).items():
        # An evaluation is of a year, counted by the unit of the year's last day in the period
        # (as 5-BTCTW counts the organizations reviewed).
        years = [
            y
            for y in range(period.start.year, period.end.year + 1)
            if first <= min(dt.date(y, 12, 31), period.end) <= last
        ]
        segment = Period(first, last)
        found = {n.id: {} for n in nodes}
        figures = _segment_figures(tree, nodes, segment, years, wanted, found)
        for unit_id, facts in figures.items():
            for fact, value in facts.items():
                if fact == FEE_PARTS:
                    parts = per_unit[unit_id].setdefault(FEE_PARTS, defaultdict(int))
                    for key, total in value.items():
                        parts[key] += total
                else:
                    per_unit[unit_id][fact] = per_unit[unit_id].get(fact, 0) + value
        for unit_id, facts in found.items():
            for fact, (people, records) in facts.items():
                before_people, before_records = behind[unit_id].get(fact, (set(), {}))
                merged = {m: set(ids) for m, ids in before_records.items()}
                for model, ids in records.items():
                    merged[model] = merged.get(model, set()) | set(ids)
                behind[unit_id][fact] = (set(before_people) | set(people), merged)
    # The share of the fees is applied once to each year's fees under one share, over all the
    # unit's segments, then rounded: the unit's own ledger's rule (`finance.ledger`).
    for facts in per_unit.values():
        parts = facts.pop(FEE_PARTS, None)
        if parts is not None:
            facts["fees.remitted"] = sum(
                fee_rules.share_of(total, fraction) for (_year, fraction), total in parts.items()
            )


def _under_on(tree, unit_id, day):
    """Ids of `unit_id` and everything under it on `day`, ended or not yet begun included (the
    period figures keep those that existed during it, `_existing`)."""
    children = tree.children_on(day)
    seen, stack = set(), [unit_id]
    while stack:
        org_id = stack.pop()
        if org_id not in seen:
            seen.add(org_id)
            stack.extend(children.get(org_id, ()))
    return seen


def _segment_figures(tree, nodes, period, years, wanted, behind):
    """{unit id: {fact: value}} of the period figures of `nodes`, the units of a segment of the
    period (`period`; evaluations: of `years`)."""
    every = {n.id: _under_on(tree, n.id, period.start) for n in nodes}
    # The organizations that existed at some time in the period (the rule of the units' own
    # pages, `orgs.tree.subtree_ids_during`): a cell dissolved before it began counts nothing
    # of what is still on record for it.
    during = {unit: _existing(tree, ids, period) for unit, ids in every.items()}
    parts = [
        (("party.admissions", "party.recognitions"), _party_changes, (every, period, behind)),
        (("party.introduced",), _introductions, (every, period, behind)),
        (("evaluations.",), _evaluations, (during, years)),
        (("inspections.",), _inspections, (during, period, behind)),
        (("commendations.",), _commendations, (during, period, behind)),
        (("fees.",), _fees, (tree, nodes, every, period)),
        (("activities.",), _activities, (during, period)),
    ]
    out = defaultdict(dict)
    for prefixes, part, args in parts:
        if _needs(wanted, prefixes):
            for unit_id, facts in part(*args).items():
                out[unit_id].update(facts)
    return out


def totals_of(units_facts, names):
    """{fact: sum over the units} of the summed facts among `names`, from each unit's
    {fact: value} (a fact missing from figures kept before it existed counts 0)."""
    return {
        name: sum(facts.get(name, 0) for facts in units_facts)
        for name in names
        if name not in NOT_SUMMED
    }


def _existing(tree, ids, period):
    """The organizations of `ids` that existed at some time from the period's start to its end."""
    return {
        i
        for i in ids
        if tree.nodes[i].valid_from <= period.end
        and (tree.nodes[i].valid_to is None or tree.nodes[i].valid_to > period.start)
    }


def _needs(wanted, prefixes):
    """Whether any wanted figure is one of the `prefixes` (a name is its own prefix)."""
    return any(name.startswith(prefixes) for name in wanted)


def recognized_by(day):
    """1 for a member whose recognition as a full member was decided by `day`, computed by the
    database through a join to the profiles. Not an `IN (recognised people)` test: at province
    size that list outgrows PostgreSQL's work_mem, the subquery is no longer hashed but scanned
    for every membership, and 290.000 members took minutes instead of a second."""
    return Case(
        When(person__party__recognized_on__lte=day, then=Value(1)),
        default=Value(0),
        output_field=IntegerField(),
    )


def held_on(day):
    """Qualifications obtained by `day` (or with no date)."""
    return Qualification.objects.filter(Q(obtained_on__isnull=True) | Q(obtained_on__lte=day))


def _rows(queryset, *columns):
    """`queryset.values_list(*columns)` read in one fetch from the cursor: at province scale
    Django's per-row work (converters, chunks of 100 rows) costs as much as the query. Only for
    columns that need no conversion: ids, text and integers."""
    query = queryset.values_list(*columns).query
    selected = list(query.selected or ())  # the columns of the SELECT, in its order
    if selected != list(columns):
        raise ValueError(f"Columns selected in another order: {selected}")
    try:
        sql, params = query.get_compiler(using=queryset.db).as_sql()
    except EmptyResultSet:  # `…__in=[]`: Django's own iteration returns no rows, so do we
        return []
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _owner(groups):
    """{org id: unit id} from {unit id: org ids}."""
    return {org_id: unit_id for unit_id, ids in groups.items() for org_id in ids}


# Section I -----------------------------------------------------------------------------------


# The section I figures each part makes, by name prefix.
MEMBERSHIP_FACTS = ("party.members", "mass.")
STRUCTURE_FACTS = ("party.cells", "agency.departments", "agency.service_units")
STAFF_FACTS = (
    "staff.",
    "agency.directors",
    "agency.deputy_directors",
    "education.",
    "political_theory.",
)


def _committee(nodes, day):
    """The executive committee: the latest term holding on the day, its seats on the day."""
    out = {n.id: {} for n in nodes}
    unit_ids = [n.id for n in nodes]
    terms = {}
    for term_id, org_id, name in (
        Term.objects.filter(active_on(day), organization_id__in=unit_ids, body=Term.Body.EXECUTIVE)
        .order_by("organization_id", "-valid_from", "id")
        .values_list("id", "organization_id", "name")
    ):
        if not term_plainly_over(name, day):  # the rule of Term.executive_on, in bulk
            terms.setdefault(org_id, (term_id, name))
    seated = defaultdict(set)
    term_unit = {term_id: org_id for org_id, (term_id, _name) in terms.items()}
    for term_id, person_id in (
        Position.objects.filter(active_on(day), term_id__in=list(term_unit))
        .order_by()
        .values_list("term_id", "person_id")
    ):
        seated[term_unit[term_id]].add(person_id)
    for n in nodes:
        out[n.id]["committee.term"] = terms[n.id][1] if n.id in terms else ""
        out[n.id]["committee.members"] = len(seated[n.id])
    return out


def _memberships(nodes, active, day, behind, wanted):
    """Party members (full, probationary) and mass-organization members on the day, counted by
    the database: one grouped query (unit, kind, full or not) whose rows are a few per unit,
    not one per member. The mass organizations' rows are counted only when wanted. The people
    behind the party figures are read only when asked for (`Behind`), by one query for every
    unit."""
    owner = _owner(active)
    rows = Membership.objects.filter(active_on(day), org_id__in=any_of(owner)).order_by()
    rows = rows.annotate(is_full=recognized_by(day))
    # The mass organizations of kind `mass` are told apart by their organization's `mass_kind`
    # (blank for every other kind): one more grouping column of the same query.
    counted = rows.annotate(mass_kind=F("org__mass_kind"))
    if not _needs(wanted, ("mass.",)):
        counted = rows.filter(kind=PARTY).annotate(mass_kind=Value(""))
    # Whether a member is full depends on the person only: the sets of a unit's full and
    # probationary members are disjoint, so their distinct counts add up to its members.
    by_kind = defaultdict(lambda: defaultdict(int))
    full, probationary = defaultdict(int), defaultdict(int)
    keys = ("kind", "is_full", "mass_kind")
    for unit, kind, is_full, mass_kind, n in _count_by_unit(counted, owner, keys, "person_id"):
        if kind == Membership.Kind.MASS:
            # A person of two mass kinds is a member of each, so counted in both.
            by_kind[unit][f"mass.{mass_kind}"] += n
            continue
        by_kind[unit][kind] += n
        if kind == PARTY:
            (full if is_full else probationary)[unit] += n
    people = _lazy(lambda: _party_people(rows, owner))
    out = {}
    for n in nodes:
        out[n.id] = {
            "party.members": by_kind[n.id][PARTY],
            "party.members.full": full[n.id],
            "party.members.probationary": probationary[n.id],
            "mass.trade_union": by_kind[n.id][Membership.Kind.TRADE_UNION],
            "mass.youth_union": by_kind[n.id][Membership.Kind.YOUTH_UNION],
            "mass.veterans": by_kind[n.id][Membership.Kind.VETERANS],
            **{f"mass.{k.code}": by_kind[n.id][f"mass.{k.code}"] for k in recorded_mass_kinds()},
        }
        for i, name in enumerate(
            ("party.members", "party.members.full", "party.members.probationary")
        ):
            behind[n.id][name] = functools.partial(_people_of, people, n.id, i)
    return out


def _count_by_unit(queryset, owner, keys, counted, org="org_id", distinct=True):
    """[(unit id, *keys, distinct `counted` values)] of the queryset's rows grouped by unit and
    `keys` in the database, the unit of a row being `owner[row's org]`. `counted` may be a
    tuple of columns: one count of each, in its order; with `distinct=False`, the rows where
    the column is not null. The owners are joined as a table of literal ids (VALUES, the same
    on SQLite and PostgreSQL; ids are integers read from the database, so no parameter limit
    applies): one hash join, however many units."""
    if not owner:
        return []
    counted = (counted,) if isinstance(counted, str) else tuple(counted)
    # A column both counted and grouped by is selected once.
    query = queryset.values_list(*dict.fromkeys((*counted, org, *keys))).query
    try:
        sql, params = query.get_compiler(using=queryset.db).as_sql()
    except EmptyResultSet:
        return []
    pairs = ",".join(f"({int(o)},{int(u)})" for o, u in owner.items())
    names = "".join(f", t.{_quote(queryset, k)}" for k in keys)
    counts = ", ".join(
        f"COUNT({'DISTINCT ' if distinct else ''}t.{_quote(queryset, c)})" for c in counted
    )
    grouped = (
        f"SELECT u.column2{names}, {counts} "
        f"FROM ({sql}) t JOIN (VALUES {pairs}) u ON u.column1 = t.{_quote(queryset, org)} "
        f"GROUP BY u.column2{names}"
    )
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(grouped, params)
        return cursor.fetchall()


def _quote(queryset, name):
    return connections[queryset.db].ops.quote_name(name)


def _lazy(read):
    """`read`, run the first time the function returned is called; its result kept."""
    kept = []

    def get():
        if not kept:
            kept.append(read())
        return kept[0]

    return get


def _party_people(rows, owner):
    """{unit id: (members, full, probationary)} person ids, from the membership rows."""
    found = defaultdict(lambda: (set(), set(), set()))
    for person_id, is_full, org_id in _rows(
        rows.filter(kind=PARTY), "person_id", "is_full", "org_id"
    ):
        sets = found[owner[org_id]]
        sets[0].add(person_id)
        sets[1 if is_full else 2].add(person_id)
    return found


def _people_of(people, unit, i):
    return (people()[unit][i] if unit in people() else set(), {})


def _structure(tree, nodes, active):
    """Cells, departments and service units active on the day, counted in the tree."""
    out = {}
    for n in nodes:
        kinds = defaultdict(int)
        for org_id in active[n.id]:
            kinds[tree.nodes[org_id].kind] += 1
        out[n.id] = {
            "party.cells": kinds[K.PARTY_CELL],
            "agency.departments": kinds[K.DEPARTMENT],
            "agency.service_units": kinds[K.SERVICE_UNIT],
        }
    return out


def _staff(tree, nodes, active, day, wanted):
    """The staff of each unit's agencies on the day (the rule of `people.stats`), with their
    quotas and their highest qualifications when those are wanted."""
    agencies = {
        org_id: n.id
        for n in nodes
        for org_id in active[n.id]
        if tree.nodes[org_id].kind == K.AGENCY
    }
    staff = StaffRecord.objects.filter(active_on(day), agency_id__in=any_of(agencies)).order_by()
    qualified = _needs(wanted, ("education.", "political_theory."))
    # Only the sets some wanted figure is made of are filled, and only the records of the
    # categories that can count in one are read: with a few figures asked, most of the
    # province's records need not come into Python.
    needed = set(wanted)
    if "staff.present" in wanted:
        needed.update(PRESENT)
    if qualified:
        needed.add("staff.all")
    categories, personal = _staff_reading(frozenset(needed))
    read = staff
    if set(categories) != set(CAT.values):
        read = staff.filter(category__in=categories)
    columns = ("category", "position", "unit__kind", "person__gender", "person__ethnicity")
    if not personal:  # the rule was asked: the person's values change no needed figure
        columns = columns[:3]
    groups = _staff_counted(read, agencies, columns, frozenset(needed)) if categories else {}
    if groups is None:  # someone holds two of the records: only sets of people count them once
        groups = _staff_sets(tree, read, agencies, columns, needed)
    quotas = _quotas(agencies, day) if _needs(wanted, ("staff.quota",)) else {}
    levels = _levels(staff, agencies, day) if qualified else {}
    staff_names = [
        n for n in SECTION_ONE if n.startswith(("staff.", "agency.directors", "agency.deputy"))
    ]
    qual_names = [n for n in SECTION_ONE if n.startswith(("education.", "political_theory."))]
    out = {}
    for n in nodes:
        g = groups.get(n.id, {})
        f = out[n.id] = {}
        for name in staff_names:
            if not name.startswith("staff.quota"):
                f[name] = g.get(name, 0)
        q = quotas.get(n.id, {})
        f["staff.quota"] = sum(q.values())
        f["staff.quota.civil_servant"] = q.get(CAT.CIVIL_SERVANT, 0)
        f["staff.quota.public_employee"] = q.get(CAT.PUBLIC_EMPLOYEE, 0)
        if not qualified:
            continue
        for name in qual_names:
            f[name] = 0
        for (kind, rank), people in levels.get(n.id, {}).items():
            codes = Qualification.LEVELS[kind]
            if rank < len(codes):
                f[f"{kind}.{codes[rank][0]}"] += people
        # Staff with no education level held count as "other", with those whose level is.
        educated = sum(
            people
            for (kind, _rank), people in levels.get(n.id, {}).items()
            if kind == Qualification.Kind.EDUCATION
        )
        f["education.other"] += g.get("staff.all", 0) - educated
    return out


def _staff_counted(staff, agencies, columns, needed):
    """{unit id: {staff figure: people}} counted by the database: the people of each unit by
    combination of the record's attributes (a province has a few hundred combinations), each
    combination's figures found once by the one rule. None when a person holds two of the
    records in a unit (two posts): their combinations overlap, and only sets count them once."""
    if not agencies:
        return {}
    people = dict(_count_by_unit(staff, agencies, (), "person_id", org="agency_id"))
    combos = _count_by_unit(staff, agencies, columns, "person_id", org="agency_id")
    in_combos = defaultdict(int)
    for unit, *_key, n in combos:
        in_combos[unit] += n
    if in_combos != people:
        return None
    groups = defaultdict(lambda: defaultdict(int))
    for unit, *key, n in combos:
        if len(key) == 3:  # without the person's values: any stand for all
            key = [*key, *PERSONAL[0]]
        for name in _counted_in(tuple(key), needed):
            groups[unit][name] += n
    return groups


@functools.lru_cache(maxsize=4096)
def _counted_in(key, needed):
    """The `needed` staff figures a record of attributes `key` counts in, "staff.present"
    included when it counts in one of its parts: found once per combination, not per row."""
    names = staff_figures_of(*key)
    present = ["staff.present"] if any(name in names for name in PRESENT) else []
    return tuple(name for name in names if name in needed) + tuple(present)


def _staff_sets(tree, staff, agencies, columns, needed):
    """`_staff_counted` record by record, the people of each figure gathered in sets: for when a
    person holds two records in a unit. The unit's kind is read from the tree in memory."""
    people_of = defaultdict(list)
    for row in _rows(staff, "person_id", "agency_id", *columns[:2], "unit_id", *columns[3:]):
        person_id, agency_id, category, position, unit_id, *personal = row
        unit_kind = tree.nodes[unit_id].kind if unit_id is not None else None
        key = (category, position, unit_kind, *(personal or PERSONAL[0]))
        people_of[(agencies[agency_id], key)].append(person_id)
    sets = defaultdict(lambda: defaultdict(set))
    for (unit, key), people in people_of.items():
        for name in staff_figures_of(*key):
            if name in needed or name == "staff.all":
                sets[unit][name].update(people)
    groups = {}
    for unit, g in sets.items():
        g["staff.present"] = set().union(*(g[name] for name in PRESENT))
        groups[unit] = {name: len(people) for name, people in g.items()}
    return groups


# Every value of a staff record's attributes other than its category, for asking the rule.
# Ethnicity is free text: the rule tells a minority from the Kinh, so one name of each (and
# none) stands for all.
POSITIONS = [*StaffRecord.Position.values, "", None]
UNIT_KINDS = [*K.values, None]
PERSONAL = list(itertools.product([None, "", *Person.Gender.values], ["", "Kinh", "Tày"]))


@functools.lru_cache(maxsize=64)
def _staff_reading(needed):
    """What must be read of the staff records for the `needed` figures: the categories whose
    records can count in one, and whether the person's gender or ethnicity can change which
    (if not, the people are not joined). Found by asking the one rule (`add_staff_record`)
    with every value of the other attributes, so the rule stays written once."""
    categories, personal = [], False
    for category in CAT.values:
        counts = False
        for position, unit_kind in itertools.product(POSITIONS, UNIT_KINDS):
            found = {
                needed.intersection(staff_figures_of(category, position, unit_kind, *person))
                for person in PERSONAL
            }
            counts = counts or any(found)
            personal = personal or len(found) > 1
        if counts:
            categories.append(category)
    return tuple(categories), personal


def _quotas(agencies, day):
    """{unit id: {category: the year's staff quota}} of the units' agencies."""
    quotas = defaultdict(lambda: defaultdict(int))
    for agency_id, category, quota in (
        StaffQuota.objects.filter(agency_id__in=any_of(agencies), year=day.year)
        .order_by()
        .values_list("agency_id", "category", "quota")
    ):
        quotas[agencies[agency_id]][category] += quota
    return quotas


def _levels(staff, agencies, day):
    """{unit id: {(kind, rank): staff whose highest level of that kind held on the day has that
    rank}}, counted by the database: each person's best rank of each kind, then people by unit,
    kind and rank (`Qualification.rank`: 0 is the highest)."""
    held = "person__qualifications__"
    ranks = [
        When(**{f"{held}kind": kind, f"{held}level": code}, then=Value(i))
        for kind, levels in Qualification.LEVELS.items()
        for i, (code, _label) in enumerate(levels)
    ]
    # A level outside the list ranks below all of its kind (`Qualification.rank`).
    unknown = [
        When(**{f"{held}kind": kind}, then=Value(len(v)))
        for kind, v in Qualification.LEVELS.items()
    ]
    best = (
        staff.filter(
            Q(person__qualifications__obtained_on__isnull=True)
            | Q(person__qualifications__obtained_on__lte=day),
            person__qualifications__kind__in=list(Qualification.LEVELS),
        )
        .annotate(q_kind=F(f"{held}kind"))
        .values("person_id", "agency_id", "q_kind")
        .annotate(rank=Min(Case(*ranks, *unknown, output_field=IntegerField())))
        .order_by()
    )
    out = defaultdict(dict)
    for unit, kind, rank, n in _count_by_unit(
        best, agencies, ("q_kind", "rank"), "person_id", org="agency_id"
    ):
        out[unit][(kind, rank)] = n
    return out


# Period figures ------------------------------------------------------------------------------


def _party_changes(every, period, behind=None):
    """Admissions and recognitions in the period of members of each unit's cells, by the rule of
    `people.facts.party_changes_of` (counted where the person was a member on that day)."""
    owner = _owner(every)
    admitted, recognized = defaultdict(set), defaultdict(set)
    found = {"party.admissions": admitted, "party.recognitions": recognized}
    for name, pid, org_id in party_changes_of(any_of(owner), period):
        found[name][owner[org_id]].add(pid)
    if behind is not None:
        for unit in every:
            behind[unit]["party.admissions"] = (admitted[unit], {})
            behind[unit]["party.recognitions"] = (recognized[unit], {})
    return {
        unit: {
            "party.admissions": len(admitted[unit]),
            "party.recognitions": len(recognized[unit]),
        }
        for unit in every
    }


def _introductions(every, period, behind=None):
    """The outstanding members the mass organizations under each unit introduced to the Party in
    the period, by the rule of the unit's own `party.introduced` (`people.facts.introductions_in`)."""
    owner = _owner(every)
    introduced = defaultdict(set)
    for name, pid, org_id in introductions_in(any_of(owner), period):
        if name == "introduced":
            introduced[owner[org_id]].add(pid)
    if behind is not None:
        for unit in every:
            behind[unit]["party.introduced"] = (introduced[unit], {})
    return {unit: {"party.introduced": len(introduced[unit])} for unit in every}


def _evaluations(every, years):
    """Evaluations of the `years` by each unit's organizations, of members and of
    organizations by band, counted by the database (a province has a quarter of a million).
    An evaluation naming an organization counts only if that organization is the unit's too
    (the rule of `review.facts._evaluations`): grouped by the organization rated as well."""
    owner = _owner(every)
    rows = Evaluation.objects.filter(org_id__in=any_of(owner), year__in=years).order_by()
    out = {unit: defaultdict(int) for unit in every}
    subjects = ("subject_person_id", "subject_org_id")
    keys = ("band", "subject_org_id")
    for unit, band, rated, members, orgs in _count_by_unit(
        rows, owner, keys, subjects, distinct=False
    ):
        if rated is None or owner.get(rated) == unit:
            out[unit][f"evaluations.members.{band}"] += members
            out[unit][f"evaluations.orgs.{band}"] += orgs
    return out


def _inspections(every, period, behind=None):
    """Inspections and supervisions each unit's organizations conducted in the period (the rule
    of `work.facts._inspections`: held by an organization of the subtree, begun in the period)."""
    owner = _owner(every)
    found = defaultdict(lambda: defaultdict(set))
    for inspection_id, org_id, kind in (
        Inspection.objects.filter(
            org_id__in=any_of(owner),
            direction=Inspection.Direction.CONDUCTED,
            starts_on__range=(period.start, period.end),
        )
        .order_by()
        .values_list("id", "org_id", "kind")
    ):
        found[owner[org_id]][kind].add(inspection_id)
    out = {}
    for unit in every:
        out[unit] = {}
        for kind, _label in Inspection.Kind.choices:
            name = f"inspections.conducted.{kind}"
            ids = found[unit][kind]
            out[unit][name] = len(ids)
            if behind is not None:
                behind[unit][name] = (set(), {Inspection._meta.label_lower: ids})
    return out


def _commendations(every, period, behind=None):
    """The organizations and members each unit's committees commended in the period, by form
    (the rule of the unit's own `commendations.given.*`, `awards.facts`: the awarding body on
    record is an organization of the unit), in one query over every unit. A commendation is
    counted by who awarded it, so the superior's own and those from above are not in these
    sums (`superior.facts`)."""
    owner = _owner(every)
    rows = counted_in(period).filter(awarder_id__in=any_of(owner)).order_by()
    found = defaultdict(lambda: defaultdict(set))  # {(unit, fact): {"ids", recipients}}
    for commendation_id, awarder_id, kind, org_id, person_id in _rows(
        rows, "id", "awarder_id", "kind", "recipient_org_id", "person_id"
    ):
        who, recipient = ("members", person_id) if person_id else ("orgs", org_id)
        sets = found[(owner[awarder_id], GIVEN.format(kind, who))]
        sets["ids"].add(commendation_id)
        sets["recipients"].add(recipient)
    model = Commendation._meta.label_lower
    out = {}
    for unit in every:
        out[unit] = {}
        for kind in Commendation.Kind.values:
            for who in GIVEN_LABELS:
                name = GIVEN.format(kind, who)
                sets = found.get((unit, name), {})
                recipients = sets.get("recipients", set())
                out[unit][name] = len(recipients)
                if behind is not None:
                    people = recipients if who == "members" else set()
                    behind[unit][name] = (people, {model: sets.get("ids", set())})
    return out


def _fees(tree, nodes, every, period):
    """Fees collected by each unit in the period, and their parts by year and share from which
    `_period_figures` finds the fees remitted (the rule of `finance.ledger._flows`: a committee's ledger covers its cells, a cell unit its own; the
    share of the rule in force is applied once to the fees of each year and share, then
    rounded). Payments are summed in SQL by cell and by stretch of months under one share, so
    the rows read are cells × stretches (usually one a year), not one per day of payment."""
    scope = {n.id: (every[n.id] if n.kind == K.PARTY_COMMITTEE else {n.id}) for n in nodes}
    owner = _owner(scope)
    books = rulebooks([n.id for n in nodes]) if nodes else {}
    months, month = [], fee_rules.month_start(period.start)
    while month <= period.end:
        months.append(month)
        month = fee_rules.add_months(month, 1)
    share = {(n.id, m): books[n.id].for_month(m).share(n.kind) for n in nodes for m in months}
    # Where any unit's share changes, or a year starts, a new stretch begins.
    cuts = [months[0]] if months else []
    for before, m in zip(months, months[1:], strict=False):
        if m.month == 1 or any(share[(n.id, m)] != share[(n.id, before)] for n in nodes):
            cuts.append(m)
    stretch = Case(
        *[When(paid_on__gte=cut, then=Value(i)) for i, cut in reversed(list(enumerate(cuts)))],
        default=Value(0),
        output_field=IntegerField(),
    )
    collected = defaultdict(int)
    parts = defaultdict(int)
    rows = (
        Payment.objects.filter(cell_id__in=any_of(owner), paid_on__range=(period.start, period.end))
        .annotate(stretch=stretch)
        .values_list("cell_id", "stretch")
        .annotate(total=Sum("amount"))
        .order_by()
    )
    parts = {n.id: defaultdict(int) for n in nodes}
    for cell_id, i, total in rows:
        unit = owner[cell_id]
        total = total or 0
        collected[unit] += total
        parts[unit][(cuts[i].year, share[(unit, cuts[i])])] += total
    return {n.id: {"fees.collected": collected[n.id], FEE_PARTS: parts[n.id]} for n in nodes}


# The fees of a unit by (year, share) in a segment of the period, summed over its segments
# before the share is applied (`_period_figures`).
FEE_PARTS = "fees.parts"


def _activities(every, period):
    """Activities each unit organized in the period, by kind: sessions and attendances (lượt, by
    the rule of `work.attendance`: a unit's own report and its consolidation agree)."""
    owner = _owner(every)
    links = ActivityOrg.objects.filter(
        org_id__in=any_of(owner), activity__starts_on__range=(period.start, period.end)
    ).order_by()
    kind_of = {}
    organized = defaultdict(set)
    for activity_id, org_id, role, kind in links.values_list(
        "activity_id", "org_id", "role", "activity__kind"
    ):
        kind_of[activity_id] = kind
        if role == ActivityOrg.Role.ORGANIZER:
            organized[owner[org_id]].add(activity_id)
    counted = attendances_by_unit(
        Activity.objects.filter(
            id__in=links.filter(role=ActivityOrg.Role.ORGANIZER).values("activity_id")
        ),
        owner,
    )
    out = {}
    for unit in every:
        f = defaultdict(int)
        for activity_id in organized[unit]:
            f[f"activities.{kind_of[activity_id]}.sessions"] += 1
            f[f"activities.{kind_of[activity_id]}.attendances"] += counted[(activity_id, unit)]
        out[unit] = f
    return out
