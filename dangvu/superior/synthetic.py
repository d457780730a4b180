"""A made-up province for tests and benchmarks: a superior committee with grassroots committees
(cells, an agency with its departments, staff, members, fees, activities, evaluations) written
with bulk inserts (COPY on PostgreSQL, `bulk_create` elsewhere), so 200 committees of 100
members take seconds and the 1.000-committee province minutes, not an hour.

Deliberately awkward: a superior committee in between, cells standing directly under the
superior (chi bộ cơ sở), a dissolved committee, members who died, were struck off or expelled,
transfers between units during the year, and people whose birth date is unknown."""

import datetime as dt
import random

from django.db import connection

from dangvu.finance.models import Payment
from dangvu.meetings.models import Activity, ActivityOrg
from dangvu.orgs.models import Organization, Position, Term
from dangvu.people.models import (
    Membership,
    PartyProfile,
    Person,
    Qualification,
    StaffQuota,
    StaffRecord,
)
from dangvu.review.models import Evaluation

K = Organization.Kind
START = dt.date(2010, 1, 1)


def _insert(model, objs):
    """Write `objs` (model instances, not saved) and return them with their ids. On PostgreSQL
    by COPY, ids taken from the table's sequence first: Django's `bulk_create` spends most of a
    province's load preparing and quoting 30 million parameters. No signal, no `save()`: like
    `bulk_create`, the caller sets what `save()` would derive."""
    objs = list(objs)
    if connection.vendor != "postgresql" or not objs:
        return model.objects.bulk_create(objs, batch_size=2000)
    meta = model._meta
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [meta.db_table, meta.pk.column, len(objs)],
        )
        for obj, (pk,) in zip(objs, cursor.fetchall(), strict=True):
            obj.pk = pk
        fields = meta.concrete_fields
        columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
        table = connection.ops.quote_name(meta.db_table)
        # psycopg's own cursor: Django's wrapper has no copy().
        with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
            for obj in objs:
                copy.write_row(
                    [f.get_db_prep_save(f.pre_save(obj, True), connection) for f in fields]
                )
    for obj in objs:  # as bulk_create leaves them: saved, in this database
        obj._state.adding, obj._state.db = False, connection.alias
    return objs


def _orgs(specs):
    """Bulk-create organizations from (kind, name, slug, parent, valid_from, valid_to)."""
    made = Organization.objects.bulk_create(
        Organization(kind=kind, name=name, slug=slug, parent=parent, valid_from=vf, valid_to=vt)
        for kind, name, slug, parent, vf, vt in specs
    )
    if made and made[0].pk is None:  # databases that do not return ids from bulk inserts
        slugs = [o.slug for o in made]
        made = sorted(
            Organization.objects.filter(slug__in=slugs), key=lambda o: slugs.index(o.slug)
        )
    return made


def build(
    committees=6, cells=3, members=30, year=2017, prefix="tinh", seed=1, parent=None, superior=None
):
    """The superior committee (returned) and its subtree; `members` party members per
    committee, spread over its cells. With `superior`, the units are added under that one."""
    rng = random.Random(seed)
    end = dt.date(year, 12, 31)
    if superior is None:
        (superior,) = _orgs(
            [
                (
                    K.SUPERIOR_COMMITTEE,
                    f"Đảng ủy Khối {prefix}",
                    f"{prefix}-khoi",
                    parent,
                    START,
                    None,
                )
            ]
        )
    (middle,) = _orgs(
        [
            (
                K.SUPERIOR_COMMITTEE,
                f"Đảng ủy cấp giữa {prefix}",
                f"{prefix}-giua",
                superior,
                START,
                None,
            )
        ]
    )
    specs = []
    for i in range(committees):
        host = middle if i % 5 == 4 else superior
        ended = dt.date(year, 6, 30) if i == 1 else None  # one dissolved mid-year
        specs.append(
            (K.PARTY_COMMITTEE, f"Đảng bộ {prefix} {i:03d}", f"{prefix}-db-{i}", host, START, ended)
        )
    specs.append(
        (K.PARTY_CELL, f"Chi bộ cơ sở {prefix} A", f"{prefix}-cbcs-a", superior, START, None)
    )
    specs.append(
        (K.PARTY_CELL, f"Chi bộ cơ sở {prefix} B", f"{prefix}-cbcs-b", superior, START, None)
    )
    units = _orgs(specs)
    below = []
    for u in units:
        if u.kind != K.PARTY_COMMITTEE:
            continue
        for c in range(cells):
            below.append(
                (
                    K.PARTY_CELL,
                    f"Chi bộ {c + 1} – {u.name}",
                    f"{u.slug}-cb-{c}",
                    u,
                    START,
                    u.valid_to,
                )
            )
        below.append((K.AGENCY, f"Cơ quan – {u.name}", f"{u.slug}-cq", u, START, u.valid_to))
        below.append((K.TRADE_UNION, f"Công đoàn – {u.name}", f"{u.slug}-cd", u, START, None))
    made = _orgs(below)
    units_cells = {u.id: [u] for u in units if u.kind == K.PARTY_CELL}
    agencies, unions = {}, {}
    for o in made:
        if o.kind == K.PARTY_CELL:
            units_cells.setdefault(o.parent_id, []).append(o)
        elif o.kind == K.AGENCY:
            agencies[o.parent_id] = o
        elif o.kind == K.TRADE_UNION:
            unions[o.parent_id] = o
    depts = _orgs(
        [
            (K.DEPARTMENT, f"Phòng – {a.name}", f"{a.slug}-p", a, START, None)
            for a in agencies.values()
        ]
        + [
            (K.SERVICE_UNIT, f"Trung tâm – {a.name}", f"{a.slug}-tt", a, START, None)
            for a in agencies.values()
        ]
    )
    dept_of = {}
    for d in depts:
        dept_of.setdefault(d.parent_id, []).append(d)
    # People: `members` party members per committee (a few per standalone cell), and as many
    # staff who are not members.
    people_specs = []
    for u in units:
        n = members if u.kind == K.PARTY_COMMITTEE else max(3, members // 10)
        for j in range(n + (n // 5 if u.kind == K.PARTY_COMMITTEE else 0)):
            people_specs.append((u, j < n))
    # The profile fields of the statistical forms, from a random source of their own so that the
    # figures drawn before them stay as they were.
    profile_rng = random.Random(seed + 7919)
    occupations = [c for c in Person.Occupation.values]
    people = _insert(
        Person,
        (
            _named(
                occupation=profile_rng.choice([*occupations, "", "retired", "public_employee"]),
                general_education=profile_rng.choice(
                    ["upper_secondary"] * 6 + ["lower_secondary", "primary", ""]
                ),
                religion=profile_rng.choice([""] * 12 + ["Phật giáo", "Công giáo", "Cao Đài"]),
                full_name=f"Người {prefix} {i}",
                gender=rng.choice(["male", "female"]),
                ethnicity=rng.choice(["Kinh"] * 8 + ["Khmer", "Hoa"]),
                birth_date=None
                if i % 37 == 0
                else dt.date(rng.randint(1955, 1997), rng.randint(1, 12), 1),
                home_org=u,
            )
            for i, (u, _member) in enumerate(people_specs)
        ),
    )
    if people and people[0].pk is None:
        people = list(
            Person.objects.filter(search_name__startswith=f"nguoi {prefix} ").order_by("id")
        )
    memberships, profiles, staff, quals, payments, evaluations = [], [], [], [], [], []
    unit_ids = [u.id for u in units]
    unit_index = {unit_id: i for i, unit_id in enumerate(unit_ids)}
    for i, (person, (u, is_member)) in enumerate(zip(people, people_specs, strict=True)):
        cells_of = units_cells[u.id]
        cell = cells_of[i % len(cells_of)]
        agency = agencies.get(u.id)
        if agency is not None:
            staff.append(
                StaffRecord(
                    person=person,
                    agency=agency,
                    unit=rng.choice(dept_of[agency.id] + [None]),
                    category=rng.choice(["civil_servant", "public_employee", "contract"]),
                    position="director"
                    if i % 50 == 0
                    else ("deputy_director" if i % 50 == 1 else "staff"),
                    valid_from=START,
                )
            )
            memberships.append(
                Membership(person=person, org=unions[u.id], kind="trade_union", valid_from=START)
            )
        if rng.random() < 0.8:
            quals.append(
                Qualification(
                    person=person,
                    kind="education",
                    level=rng.choice(["doctor", "master", "bachelor", "bachelor", "college"]),
                    obtained_on=rng.choice(
                        [None, dt.date(2005, 6, 1), dt.date(year, 7, 1), dt.date(year + 1, 7, 1)]
                    ),
                )
            )
        if rng.random() < 0.5:
            quals.append(
                Qualification(
                    person=person,
                    kind="political_theory",
                    level=rng.choice(["advanced", "intermediate", "elementary", "bachelor"]),
                )
            )
        if not is_member:
            continue
        # Admission: most long ago; some this year (probationary), some recognised this year.
        roll = rng.random()
        if roll < 0.08:
            admitted = dt.date(year, rng.randint(1, 11), 15)
            recognized = None
        elif roll < 0.16:
            admitted = dt.date(year - 1, rng.randint(1, 12), 10)
            recognized = admitted.replace(year=year) + dt.timedelta(days=rng.randint(0, 20))
            recognized = min(recognized, end)
        else:
            admitted = dt.date(rng.randint(1985, year - 2), 3, 1)
            recognized = admitted.replace(year=admitted.year + 1)
        profiles.append(PartyProfile(person=person, admitted_on=admitted, recognized_on=recognized))
        joined = max(admitted, START)
        fate = rng.random()
        if fate < 0.03:
            ended, reason = (
                dt.date(year, rng.randint(2, 12), 1),
                rng.choice(["death", "struck_off", "expelled"]),
            )
            ended = max(ended, joined + dt.timedelta(days=1))
            memberships.append(_party(person, cell, joined, valid_to=ended, end_reason=reason))
        elif fate < 0.06:
            # Moved to another unit mid-year: counted where they were on each day.
            moved = dt.date(year, 6, 1)
            if joined >= moved:
                moved = joined + dt.timedelta(days=1)
            other = units_cells[unit_ids[(unit_index[u.id] + 1) % len(unit_ids)]][0]
            memberships.append(
                _party(
                    person,
                    cell,
                    joined,
                    valid_to=moved,
                    end_reason="transfer_out",
                    left_to="same_district",
                )
            )
            memberships.append(
                _party(
                    person, other, moved, start_reason="transfer_in", arrived_from="same_district"
                )
            )
        else:
            memberships.append(_party(person, cell, joined))
        if rng.random() < 0.9:
            evaluations.append(
                Evaluation(
                    org=u,
                    year=year,
                    subject_person=person,
                    band=rng.choice(["excellent", "good", "good", "done", "not_done"]),
                    rule_source="tổng hợp",
                    evaluated_on=end,
                )
            )
        for month in (1, 4, 7, 10):
            payments.append(
                Payment(
                    person=person,
                    cell=cell,
                    paid_on=dt.date(year, month, rng.randint(1, 28)),
                    amount=rng.choice([30000, 45000, 60000, 75000]),
                    method="cash",
                )
            )
    _insert(Membership, memberships)
    _insert(PartyProfile, profiles)
    _insert(StaffRecord, staff)
    _insert(Qualification, quals)
    _insert(Payment, payments)
    for u in units:
        if u.kind == K.PARTY_CELL:
            evaluations.append(
                Evaluation(
                    org=u,
                    year=year,
                    subject_org=u,
                    band="good",
                    rule_source="tổng hợp",
                    evaluated_on=end,
                )
            )
    _insert(Evaluation, evaluations)
    StaffQuota.objects.bulk_create(
        StaffQuota(agency=a, year=year, category=cat, quota=rng.randint(5, 40))
        for a in agencies.values()
        for cat in ("civil_servant", "public_employee")
    )
    # Committee terms and seats: the first people of each committee.
    terms = Term.objects.bulk_create(
        Term(organization=u, name="2015-2020", valid_from=dt.date(2015, 6, 1))
        for u in units
        if u.kind == K.PARTY_COMMITTEE
    )
    if terms and terms[0].pk is None:
        terms = list(Term.objects.filter(organization__in=units).order_by("id"))
    first = {}
    for person, (u, is_member) in zip(people, people_specs, strict=True):
        if is_member:
            first.setdefault(u.id, []).append(person)
    _insert(
        Position,
        (
            Position(term=t, person=p, role="member", valid_from=dt.date(2015, 6, 1))
            for t in terms
            for p in first.get(t.organization_id, [])[:5]
        ),
    )
    # Activities: each cell meets monthly; each committee holds conferences, some shared.
    activities = []

    def held(orgs, kind, title, starts_on, **counts):
        activities.append((Activity(kind=kind, title=title, starts_on=starts_on, **counts), orgs))

    for u in units:
        for month in range(1, 13, 3):
            held(
                [u],
                "regular_meeting",
                "Sinh hoạt",
                dt.date(year, month, 5),
                head_count=rng.randint(0, 3),
                present_count=rng.randint(3, 20),
            )
        held([u], "conference", "Hội nghị", dt.date(year, 3, 9), head_count=rng.randint(5, 50))
    held(units[:2], "dissemination", "Quán triệt chung", dt.date(year, 5, 2), head_count=100)
    made = _insert(Activity, [a for a, _o in activities])
    if made and made[0].pk is None:
        made = list(Activity.objects.filter(starts_on__year=year).order_by("id"))[
            -len(activities) :
        ]
    _insert(
        ActivityOrg,
        [
            ActivityOrg(activity=a, org=o, role="organizer")
            for a, (_a, orgs) in zip(made, activities, strict=True)
            for o in orgs
        ]
        + [ActivityOrg(activity=made[0], org=superior, role="participant")],
    )
    return superior


def _party(person, cell, valid_from, **more):
    """A party membership of `person` in `cell` from `valid_from`; `more` ends or explains it."""
    return Membership(person=person, org=cell, kind="party", valid_from=valid_from, **more)


def _named(**fields):
    """A Person with its search and sort columns set, as save() would (bulk_create skips it)."""
    person = Person(**fields)
    person.set_derived_names()
    return person
