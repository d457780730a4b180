"""Section I of the annual report: the organization, its members and its staff on a date.

Each figure is a named fact with the records behind it (people or organizations), computed in a
fixed number of queries whatever the size of the organization.
"""

import datetime as dt
import functools
from collections import defaultdict

from django.db.models import Case, Count, Exists, IntegerField, OuterRef, Q, Value, When

from dangvu.core.facts import Figure, Period
from dangvu.core.ids import field_in
from dangvu.orgs import kinds
from dangvu.orgs.facts import type_facts
from dangvu.orgs.models import Organization, Position, Term, active_on
from dangvu.orgs.tree import subtree, subtree_ids_during

from .models import Membership, Person, Qualification, StaffQuota, StaffRecord, is_ethnic_minority

K = Organization.Kind
CAT = StaffRecord.Category


def _mass_label(kind):
    return f"{kind.member.capitalize()} {kind.label}"


# The labels of the figures, in the order of the report; also the list of facts this module makes.
LABELS = {
    "committee.term": "Nhiệm kỳ Ban Chấp hành",
    "committee.members": "Ủy viên Ban Chấp hành",
    "party.cells": "Chi bộ trực thuộc",
    "party.members": "Đảng viên",
    "party.members.full": "Đảng viên chính thức",
    "party.members.probationary": "Đảng viên dự bị",
    "agency.directors": "Giám đốc",
    "agency.deputy_directors": "Phó Giám đốc",
    "agency.departments": "Phòng chuyên môn",
    "agency.service_units": "Đơn vị sự nghiệp trực thuộc",
    "staff.quota": "Tổng biên chế được giao",
    "staff.quota.civil_servant": "Biên chế giao: công chức",
    "staff.quota.public_employee": "Biên chế giao: viên chức",
    "staff.present": "Biên chế hành chính, sự nghiệp có mặt",
    "staff.civil_servant": "Biên chế hành chính có mặt",
    "staff.civil_servant.women": "Biên chế hành chính: nữ",
    "staff.civil_servant.ethnic_minority": "Biên chế hành chính: dân tộc thiểu số",
    "staff.public_employee": "Biên chế sự nghiệp có mặt",
    "staff.public_employee.women": "Biên chế sự nghiệp: nữ",
    "staff.public_employee.ethnic_minority": "Biên chế sự nghiệp: dân tộc thiểu số",
    "staff.contract": "Hợp đồng lao động",
    "staff.contract.at_agency": "Hợp đồng tại cơ quan",
    "staff.contract.at_service_units": "Hợp đồng tại đơn vị sự nghiệp",
    "staff.contract.women": "Hợp đồng: nữ",
    "staff.contract.ethnic_minority": "Hợp đồng: dân tộc thiểu số",
    **{
        f"education.{code}": f"Chuyên môn: {label}"
        for code, label in Qualification.EDUCATION_LEVELS
    },
    **{
        f"political_theory.{code}": f"Lý luận chính trị: {label}"
        for code, label in Qualification.POLITICAL_LEVELS
    },
    "mass.trade_union": "Đoàn viên công đoàn",
    "mass.youth_union": "Đoàn viên Thanh niên",
    "mass.veterans": "Hội viên Cựu chiến binh",
    # The mass organizations recorded as organizations of kind `mass` (Hội Nông dân …): shown
    # by section I only where members are on record (`section_one`).
    **{f"mass.{k.code}": _mass_label(k) for k in kinds.recorded_mass_kinds()},
}


# The figures that count memberships: their people are a query (`members_query`), so the
# statistics page counts them in SQL and its drill-down pages through them, however many.
MEMBERSHIP_FACTS = {
    "party.members": Membership.Kind.PARTY,
    "party.members.full": Membership.Kind.PARTY,
    "party.members.probationary": Membership.Kind.PARTY,
    "mass.trade_union": Membership.Kind.TRADE_UNION,
    "mass.youth_union": Membership.Kind.YOUTH_UNION,
    "mass.veterans": Membership.Kind.VETERANS,
    **{f"mass.{k.code}": Membership.Kind.MASS for k in kinds.recorded_mass_kinds()},
}


def section_one(org, day, records=True) -> dict[str, Figure]:
    """Every figure of section I for `org` and its subtree on `day`, keyed by fact name.

    With `records=False` the membership, staff and qualification figures are counted in SQL and
    carry no person ids (the statistics page: a province has hundreds of thousands of members;
    `members_query` lists them a page at a time)."""
    orgs = subtree(org, day)
    figures = {}
    figures.update(_committee(org, day))
    figures.update(_party_and_mass(orgs, day) if records else _party_and_mass_counts(orgs, day))
    figures.update(_agency_structure(orgs))
    agencies = [o.id for o in orgs if o.kind == K.AGENCY]
    staff = StaffRecord.objects.filter(active_on(day), agency_id__in=agencies)
    counted = None if records else _staff_counts(staff)
    if counted is None:
        figures.update(_staff(staff))
        figures.update(_qualifications(staff, figures.pop("staff.all").people, day))
    else:
        figures.update(counted)
        figures.update(_qualification_counts(staff, figures.pop("staff.all").value, day))
    figures.update(_quota(agencies, day.year))
    for name, fig in figures.items():
        fig.label = LABELS.get(name, fig.label)
    # A kind of mass organization whose file was added since start-up comes last.
    names = [*LABELS, *(name for name in figures if name not in LABELS)]
    return {name: figures[name] for name in names if not _unrecorded(name, figures[name])}


# The rows of an agency's section I: its directors and departments, its staff quota and the staff
# on its payroll (công chức, viên chức, hợp đồng) with their qualifications.
AGENCY_ROWS = ("agency.", "staff.", "education.", "political_theory.")


def profile_figures(org, day):
    """The figures of section I the organization's type records (employees, revenue, strength),
    as of `day`, None when unrecorded; a figure of a period (revenue) is the one recorded for the
    year up to `day`, never an earlier year's."""
    kind = kinds.kind_on(org, day)
    facts = type_facts(org, Period(dt.date(day.year, 1, 1), day))
    figures = {}
    for item in kind.profile:
        figure, loss = facts[f"profile.{item.code}"], facts.get(f"profile.{item.code}.loss")
        if loss is not None and loss.value is not None:  # the figure as recorded: below zero
            figure = Figure(-loss.value, orgs=loss.orgs, records=loss.records)
        figure.label = f"{item.label} ({item.unit})"
        figures[f"profile.{item.code}"] = figure
    return figures


def as_its_kind_counts(org, day, figures):
    """Section I's `figures` as `org`'s type counts on `day`, for the statistics command and page:
    a kind without an agency's figures (a school counts cán bộ, giáo viên, nhân viên; a commune its
    population; a company its workers) shows none of the agency rows, and every kind shows its own
    profile figures recorded by then."""
    if not kinds.kind_on(org, day).agency_figures:
        figures = {name: fig for name, fig in figures.items() if not name.startswith(AGENCY_ROWS)}
    recorded = {n: f for n, f in profile_figures(org, day).items() if f.value is not None}
    return figures | recorded


def _unrecorded(name, figure):
    """A mass organization of kind `mass` with no members on record: not one this subtree has."""
    return _mass_code(name) is not None and not figure.value


def _mass_code(fact):
    """The `mass_kind` a membership figure of a mass organization of kind `mass` counts, else
    None (the party, the trade union, youth union and veterans are kinds of their own)."""
    kind = kinds.mass_kinds().get(fact.removeprefix("mass."))
    if not fact.startswith("mass.") or kind is None or kind.builtin:
        return None
    return kind.code


def _mass_facts(count_of):
    """`mass.<code>` of every mass organization of kind `mass`, from {mass_kind: Figure}."""
    empty = Figure(0, frozenset())
    return {
        f"mass.{k.code}": Figure(
            count_of.get(k.code, empty).value,
            count_of.get(k.code, empty).people,
            label=_mass_label(k),
        )
        for k in kinds.recorded_mass_kinds()
    }


def values(figures):
    """{fact name: value}, the JSON form of the statistics."""
    return {name: fig.value for name, fig in figures.items()}


def _ids(items):
    return frozenset(items)


def _committee(org, day):
    term = Term.executive_on(org, day)
    if term is None:
        return {"committee.term": Figure(""), "committee.members": Figure(0)}
    seated = _ids(
        Position.objects.filter(active_on(day), term=term).values_list("person_id", flat=True)
    )
    return {"committee.term": Figure(term.name), "committee.members": Figure(len(seated), seated)}


def _party_and_mass(orgs, day):
    org_ids = [o.id for o in orgs]
    rows = Membership.objects.filter(active_on(day), org_id__in=org_ids).values_list(
        "person_id", "kind", "org__mass_kind", "person__party__recognized_on"
    )
    by_kind = defaultdict(set)
    by_mass_kind = defaultdict(set)
    full, probationary = set(), set()
    for person_id, kind, mass_kind, recognized_on in rows:
        by_kind[kind].add(person_id)
        if kind == Membership.Kind.MASS:
            by_mass_kind[mass_kind].add(person_id)
        if kind == Membership.Kind.PARTY:
            (full if recognized_on and recognized_on <= day else probationary).add(person_id)
    cells = _ids(o.id for o in orgs if o.kind == K.PARTY_CELL)
    members = by_kind[Membership.Kind.PARTY]
    return {
        "party.cells": Figure(len(cells), orgs=cells),
        "party.members": Figure(len(members), _ids(members)),
        "party.members.full": Figure(len(full), _ids(full)),
        "party.members.probationary": Figure(len(probationary), _ids(probationary)),
        "mass.trade_union": _fig(by_kind[Membership.Kind.TRADE_UNION]),
        "mass.youth_union": _fig(by_kind[Membership.Kind.YOUTH_UNION]),
        "mass.veterans": _fig(by_kind[Membership.Kind.VETERANS]),
        **_mass_facts({code: _fig(people) for code, people in by_mass_kind.items()}),
    }


def _recognized(day):
    return Q(person__party__recognized_on__lte=day)


def _party_and_mass_counts(orgs, day):
    """The same figures as `_party_and_mass`, counted by the database: two grouped queries."""
    org_ids = [o.id for o in orgs]
    active = Membership.objects.filter(active_on(day), org_id__in=org_ids)
    by_kind, by_mass_kind = defaultdict(int), {}
    for kind, mass_kind, n in (
        active.values("kind", "org__mass_kind")
        .annotate(n=Count("person_id", distinct=True))
        .order_by()
        .values_list("kind", "org__mass_kind", "n")
    ):
        # The rows of a kind other than `mass` share one blank `mass_kind`: one row per kind.
        by_kind[kind] += n
        if kind == Membership.Kind.MASS:
            by_mass_kind[mass_kind] = Figure(n)
    party = active.filter(kind=Membership.Kind.PARTY)
    full = party.filter(_recognized(day)).aggregate(n=Count("person_id", distinct=True))["n"]
    members = by_kind.get(Membership.Kind.PARTY, 0)
    cells = _ids(o.id for o in orgs if o.kind == K.PARTY_CELL)
    return {
        "party.cells": Figure(len(cells), orgs=cells),
        "party.members": Figure(members),
        "party.members.full": Figure(full),
        "party.members.probationary": Figure(members - full),
        "mass.trade_union": Figure(by_kind.get(Membership.Kind.TRADE_UNION, 0)),
        "mass.youth_union": Figure(by_kind.get(Membership.Kind.YOUTH_UNION, 0)),
        "mass.veterans": Figure(by_kind.get(Membership.Kind.VETERANS, 0)),
        **_mass_facts(by_mass_kind),
    }


def members_query(org, day, fact):
    """The people a membership figure of `org` on `day` counts, as a query of Person."""
    # Only the ids of the subtree are read: a province's 9.000 organizations are not built as
    # objects for one page of people. (A subquery instead of the ids misleads PostgreSQL's
    # estimate of the recursive query: a nested loop over 280.000 memberships.)
    org_ids = subtree_ids_during([org.id], day, day)
    active = Membership.objects.filter(
        active_on(day), field_in("org_id", org_ids), kind=MEMBERSHIP_FACTS[fact]
    )
    if fact == "party.members.full":
        active = active.filter(_recognized(day))
    elif fact == "party.members.probationary":
        active = active.exclude(_recognized(day))
    elif _mass_code(fact) is not None:
        active = active.filter(org__mass_kind=_mass_code(fact))
    return Person.objects.filter(id__in=active.values("person_id"))


def _fig(people):
    return Figure(len(people), _ids(people))


def _agency_structure(orgs):
    departments = _ids(o.id for o in orgs if o.kind == K.DEPARTMENT)
    units = _ids(o.id for o in orgs if o.kind == K.SERVICE_UNIT)
    return {
        "agency.departments": Figure(len(departments), orgs=departments),
        "agency.service_units": Figure(len(units), orgs=units),
    }


# The figures whose people together are the staff present (biên chế có mặt).
PRESENT = ("staff.civil_servant", "staff.public_employee")

STAFF_FACTS = [
    "agency.directors",
    "agency.deputy_directors",
    *[n for n in LABELS if n.startswith("staff.") and not n.startswith("staff.quota")],
]


def add_staff_record(groups, person_id, category, position, unit_kind, gender, ethnicity):
    """Put one staff record's person into every staff and agency figure it counts in. The one
    place these rules are written: the superior's consolidation uses it too."""
    groups["staff.all"].add(person_id)
    groups[f"staff.{category}"].add(person_id)
    if gender == Person.Gender.FEMALE:
        groups[f"staff.{category}.women"].add(person_id)
    if is_ethnic_minority(ethnicity):
        groups[f"staff.{category}.ethnic_minority"].add(person_id)
    if category == CAT.CONTRACT:
        where = "at_service_units" if unit_kind == K.SERVICE_UNIT else "at_agency"
        groups[f"staff.contract.{where}"].add(person_id)
    if position == StaffRecord.Position.DIRECTOR:
        groups["agency.directors"].add(person_id)
    elif position == StaffRecord.Position.DEPUTY_DIRECTOR:
        groups["agency.deputy_directors"].add(person_id)


def _staff(staff):
    rows = staff.values_list(
        "person_id", "category", "position", "unit__kind", "person__gender", "person__ethnicity"
    )
    groups = defaultdict(set)
    for row in rows:
        add_staff_record(groups, *row)
    groups["staff.present"] = set().union(*(groups[name] for name in PRESENT))
    return {name: _fig(groups[name]) for name in [*STAFF_FACTS, "staff.all"]}


@functools.lru_cache(maxsize=4096)
def staff_figures_of(category, position, unit_kind, gender, ethnicity):
    """The staff figures a record with these attributes counts in, by the one rule
    (`add_staff_record`)."""
    groups = defaultdict(set)
    add_staff_record(groups, None, category, position, unit_kind, gender, ethnicity)
    return tuple(groups)


def _staff_counts(staff):
    """`_staff`'s figures counted by the database, without ids: the people of each combination
    of a record's attributes (a province has a few hundred), each combination's figures found
    once by the one rule. None when a person holds two of the records (two posts at once): their
    combinations overlap, and only `_staff`'s sets count them once."""
    combos = (
        staff.values("category", "position", "unit__kind", "person__gender", "person__ethnicity")
        .annotate(n=Count("person_id", distinct=True))
        .order_by()
        .values_list(
            "category", "position", "unit__kind", "person__gender", "person__ethnicity", "n"
        )
    )
    people = staff.aggregate(n=Count("person_id", distinct=True))["n"]
    counts = defaultdict(int)
    for *key, n in combos:
        for name in staff_figures_of(*key):
            counts[name] += n
    if counts["staff.all"] != people:
        return None
    counts["staff.present"] = sum(counts[name] for name in PRESENT)
    return {name: Figure(counts[name]) for name in [*STAFF_FACTS, "staff.all"]}


def _quota(agencies, year):
    by_category = defaultdict(int)
    for category, quota in StaffQuota.objects.filter(agency_id__in=agencies, year=year).values_list(
        "category", "quota"
    ):
        by_category[category] += quota
    return {
        "staff.quota": Figure(sum(by_category.values())),
        "staff.quota.civil_servant": Figure(by_category[CAT.CIVIL_SERVANT]),
        "staff.quota.public_employee": Figure(by_category[CAT.PUBLIC_EMPLOYEE]),
    }


def _qualifications(staff, staff_ids, day):
    """Each person's highest level held on `day`; staff with no education level count as "other"."""
    best = {}
    rows = Qualification.objects.filter(person_id__in=staff.values("person_id")).values_list(
        "person_id", "kind", "level", "obtained_on"
    )
    for person_id, kind, level, obtained_on in rows:
        if obtained_on is not None and obtained_on > day:
            continue
        key = (person_id, kind)
        if key not in best or Qualification.rank(kind, level) < Qualification.rank(kind, best[key]):
            best[key] = level
    groups = defaultdict(set)
    for (person_id, kind), level in best.items():
        groups[f"{kind}.{level}"].add(person_id)
    with_education = {p for (p, kind) in best if kind == Qualification.Kind.EDUCATION}
    groups["education.other"] |= set(staff_ids) - with_education
    names = [n for n in LABELS if n.startswith(("education.", "political_theory."))]
    return {name: _fig(groups[name]) for name in names}


def _rank():
    """`Qualification.rank` in SQL: 0 for the highest level of its kind, larger is lower."""
    levels = Qualification.LEVELS.items()
    return Case(
        *[
            When(kind=kind, level=code, then=Value(i))
            for kind, codes in levels
            for i, (code, _label) in enumerate(codes)
        ],
        *[When(kind=kind, then=Value(len(codes))) for kind, codes in levels],
        output_field=IntegerField(),
    )


def _qualification_counts(staff, staff_count, day):
    """`_qualifications`' figures counted by the database: the people holding a level with no
    higher one of its kind held on `day` (an anti-join), by kind and level."""
    on_day = Qualification.objects.filter(
        Q(obtained_on__isnull=True) | Q(obtained_on__lte=day)
    ).annotate(rank=_rank())
    held = on_day.filter(person_id__in=staff.values("person_id"))
    better = on_day.filter(
        person_id=OuterRef("person_id"), kind=OuterRef("kind"), rank__lt=OuterRef("rank")
    )
    best = held.exclude(Exists(better))
    counts = defaultdict(int)
    for kind, level, n in (
        best.values("kind", "level")
        .annotate(n=Count("person_id", distinct=True))
        .order_by()
        .values_list("kind", "level", "n")
    ):
        counts[f"{kind}.{level}"] += n
    educated = held.filter(kind=Qualification.Kind.EDUCATION).aggregate(
        n=Count("person_id", distinct=True)
    )["n"]
    counts["education.other"] += staff_count - educated
    names = [n for n in LABELS if n.startswith(("education.", "political_theory."))]
    return {name: Figure(counts[name]) for name in names}
