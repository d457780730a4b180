"""The period's events (admissions, entries, exits, badges, cards) are classified as the members
of a day are: for every event of both periods, the count of each row narrowing its set by a
person's attribute equals the count of the events whose person has that value, on the event's
day, in the database's own expression of the attribute (`statforms.person_sql`). The records are
invented on the edges of the forms' rows: a birthday, a recognition, a youth union membership, a
diploma, an exemption or a suspension starting or ending on the very day of the event, blank and
padded ethnicities; the people of the events are read once for the two periods."""

import datetime as dt
from collections import Counter, defaultdict

import pytest
from django.db.models import BooleanField, ExpressionWrapper, Q

from dangvu.orgs.models import Organization
from dangvu.people.models import (
    Exemption,
    Membership,
    PartyProfile,
    Person,
    Qualification,
    Suspension,
)
from dangvu.superior import statforms, synthetic
from dangvu.superior.consolidate import period_to
from dangvu.superior.units import Tree

pytestmark = pytest.mark.django_db
DAY = dt.date(2017, 12, 31)
ONE = dt.timedelta(days=1)
EVENT_SETS = [
    name
    for name, kind in statforms.SETS.items()
    if kind == "person" and name not in statforms.MEMBER_DAY
]


def _events(root, tree):
    records = [
        statforms.Records(root, period, tree)
        for period in (period_to(DAY), period_to(statforms.previous_day(DAY)))
    ]
    return [(item.id, item.day) for r in records for name in EVENT_SETS for item in r.items(name)]


def edges_on_event_days(root):
    """Records that start or end on the day of each event of `root`'s two periods (or the day
    after): read on another day, or for another person, they fall in another row."""
    union = Organization.objects.create(
        kind=Organization.Kind.YOUTH_UNION,
        name="Đoàn thanh niên biên",
        slug="doan-bien",
        parent=root,
        valid_from=dt.date(2000, 1, 1),
    )
    events = sorted(set(_events(root, Tree(root.id))))
    for i, (person_id, day) in enumerate(events):
        person = Person.objects.get(pk=person_id)
        if i % 3 == 0:  # 31 on the day, or still 30
            person.birth_date = statforms._shifted(day, -31) + (ONE if i % 2 else dt.timedelta())
        if i % 4 == 0:
            person.ethnicity = [" Khmer ", "", "kinh ", "Chăm"][i % 16 // 4]
        person.save()
        profile, _ = PartyProfile.objects.get_or_create(person=person)
        if i % 5 == 0:  # recognized as a full member on the day, or the day after
            profile.admitted_on = profile.admitted_on or day - dt.timedelta(days=200)
            profile.recognized_on = day + (ONE if i % 2 else dt.timedelta())
            profile.save()
        if i % 4 == 1:  # a youth union member from the day, or until the day
            since, until = (day, None) if i % 8 == 1 else (day - dt.timedelta(days=400), day)
            Membership.objects.create(
                person=person,
                org=union,
                kind=Membership.Kind.YOUTH_UNION,
                valid_from=since,
                valid_to=until,
            )
        if i % 3 == 1:  # a higher diploma on the day, or the day after
            Qualification.objects.create(
                person=person,
                kind=Qualification.Kind.EDUCATION,
                level="master" if i % 2 else "doctor",
                obtained_on=day + (ONE if i % 2 else dt.timedelta()),
            )
        if i % 7 == 0:  # exempt from the day; suspended until the day
            Exemption.objects.create(person=person, valid_from=day, reason="Sức khỏe")
        if i % 7 == 1:
            Suspension.objects.create(
                person=person, decision="Quyết định", valid_from=day - ONE * 30, valid_to=day
            )
    return events


def database_values(people, day, year):
    """{person: {attribute: value}} of `people` on `day`, as the database computes them."""
    found = {attr: statforms.person_sql(attr, day, year) for attr in statforms.PERSON_SQL}
    columns = {}
    for attr, (expression, _to_value) in found.items():
        if isinstance(expression, Q):
            expression = ExpressionWrapper(expression, output_field=BooleanField())
        columns[f"v_{attr}"] = expression
    rows = Person.objects.filter(pk__in=people).annotate(**columns).values("pk", *columns)
    return {
        row["pk"]: {attr: to_value(row[f"v_{attr}"]) for attr, (_e, to_value) in found.items()}
        for row in rows
    }


def test_events_are_classified_as_the_database_classifies_their_people():
    root = synthetic.build(committees=4, cells=2, members=20, prefix="bien", seed=7)
    events = edges_on_event_days(root)
    assert len(events) > 30  # admissions, transfers, exits of both periods
    tree, people = Tree(root.id), {}
    for period in (period_to(DAY), period_to(statforms.previous_day(DAY))):
        records = statforms.Records(root, period, tree, people)
        year = period.end.year
        for name in EVENT_SETS:
            items = records.items(name)
            by_day = defaultdict(set)
            for item in items:
                by_day[item.day].add(item.id)
            values = {
                (p, day): found
                for day, ids in by_day.items()
                for p, found in database_values(ids, day, year).items()
            }
            expected = Counter(
                (attr, value) for item in items for attr, value in values[item.id, item.day].items()
            )
            for (attr, value), n in expected.items():
                assert records.count(f"{name}|{attr}={value}") == n, (period, name, attr, value)
            for attr in statforms.PERSON_SQL:
                assert sum(n for (a, _v), n in expected.items() if a == attr) == len(items)
    # The edges did land in the events' rows: both sides of each edge are counted.
    now = statforms.Records(root, period_to(DAY), tree, people)
    admitted = {
        value: now.count(f"admitted|{attr}={value}")
        for attr, value in [("probationary", "1"), ("probationary", "0"), ("youth_union", "1")]
    }
    assert all(admitted.values()), admitted
