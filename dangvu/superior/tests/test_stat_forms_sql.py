"""The statistical forms count the members of a day in grouped SQL: every such row, share line,
average age and per-unit figure equals a plain Python count over the same members, read one by
one through `Records.select` and `Records.attributes` (the drill-down's own path)."""

import datetime as dt
import random
from collections import Counter

import pytest

from dangvu.orgs.models import Organization
from dangvu.people.models import Exemption, Membership, PartyProfile, Person
from dangvu.superior import statforms, synthetic
from dangvu.superior.consolidate import period_to

pytestmark = pytest.mark.django_db
DAYS = [dt.date(2017, 12, 31), dt.date(2017, 6, 30), dt.date(2016, 2, 29), dt.date(2015, 3, 1)]


def awkward_people(root):
    """What the synthetic province lacks: birthdays on and next to the days above, exemptions,
    youth union members, a recognition decided after the day, blank and padded ethnicities."""
    rng = random.Random(5)
    members = list(
        Person.objects.filter(memberships__kind="party", memberships__org__parent__isnull=False)
        .distinct()
        .order_by("id")[:400]
    )
    union = Organization.objects.filter(kind="youth_union").first() or root
    for i, person in enumerate(members):
        if i % 7 == 0:
            person.birth_date = rng.choice(
                [
                    dt.date(1987, 12, 31),
                    dt.date(1986, 1, 1),
                    dt.date(1988, 2, 29),
                    dt.date(1985, 3, 1),
                ]
            )
        if i % 11 == 0:
            person.ethnicity = rng.choice(["", " Khmer ", "kinh", "Chăm"])
        person.save()
        if i % 9 == 0:
            Exemption.objects.create(
                person=person,
                valid_from=dt.date(2015, 1, 1),
                valid_to=rng.choice([None, dt.date(2017, 6, 30), dt.date(2016, 12, 31)]),
                reason="Sức khỏe",
            )
        if i % 5 == 0:
            Membership.objects.create(
                person=person,
                org=union,
                kind="youth_union",
                valid_from=dt.date(2014, 1, 1),
                valid_to=rng.choice([None, dt.date(2017, 6, 30)]),
            )
        if i % 13 == 0:
            PartyProfile.objects.update_or_create(
                person=person,
                defaults={"admitted_on": dt.date(2017, 3, 1), "recognized_on": dt.date(2018, 3, 1)},
            )


def python_count(records, query):
    return len(records.select(query)[1])


def test_sql_counts_equal_python_counts():
    root = synthetic.build(committees=5, cells=2, members=40)
    awkward_people(root)
    queries = [
        row["count"]
        for form in statforms.form_specs()
        for row in form["rows"]
        if row.get("count", "").partition("|")[0] in statforms.MEMBER_DAY
    ]
    assert len(queries) > 50
    for day in DAYS:
        records = statforms.Records(root, period_to(day))
        counted = {q: records.count(q) for q in queries}
        assert counted == {q: python_count(records, q) for q in queries}, day
        assert counted["end"] > 100  # real members, not an empty subtree
        # A share line: by ethnicity, with women, as a Python tally.
        by_value, women = statforms._shares(records, "end", "ethnicity")
        expected, expected_women = Counter(), Counter()
        for item in records.select("end")[1]:
            values = records.attributes(item)
            expected[values["ethnicity"]] += 1
            expected_women[values["ethnicity"]] += values["gender"] == "female"
        assert (by_value, women) == (expected, +expected_women), day
        assert len(by_value) > 2
        # The average age, from the ages read one by one.
        ages = [
            statforms._age(records._people[i.id]["birth"], i.day)
            for i in records.select("end")[1]
            if records._people[i.id]["birth"]
        ]
        assert records.average_age("end") == round(sum(ages) / len(ages), 1)


def test_every_combination_of_attributes_is_counted_as_python_counts():
    root = synthetic.build(committees=3, cells=2, members=30, prefix="to-hop")
    awkward_people(root)
    day = dt.date(2017, 6, 30)
    records = statforms.Records(root, period_to(day))
    for first in sorted(statforms.PERSON_SQL):
        for second in ("gender", "probationary", "exempt"):
            tally = records.tally("end", (first, second))
            expected = Counter()
            items = records.select("end")[1]
            exempt = statforms.held_items(Exemption, items)
            for item in items:
                values = records.attributes(item)
                values["exempt"] = "1" if (item.id, item.day) in exempt else "0"
                expected[values[first], values[second]] += 1
            assert tally == expected, (first, second)


def test_per_unit_figures_equal_a_count_of_each_units_members():
    root = synthetic.build(committees=4, cells=2, members=20, prefix="don-vi")
    awkward_people(root)
    day = dt.date(2017, 12, 31)
    records = statforms.Records(root, period_to(day))
    units = records.tree.units(root.id, day)
    counted = records.unit_counts(units, day)
    for unit in units:
        people = set(
            Membership.objects.filter(
                kind="party", org_id__in=records.tree.below(unit.id, day), valid_from__lte=day
            )
            .exclude(valid_to__lte=day)
            .values_list("person_id", flat=True)
        )
        records.load_people(people)
        values = [records.attributes(statforms.Item(p, day)) for p in people]
        assert counted[unit.id]["members"] == len(people)
        assert counted[unit.id]["women"] == sum(v["gender"] == "female" for v in values)
        assert counted[unit.id]["probationary"] == sum(v["probationary"] == "1" for v in values)
        assert counted[unit.id]["ethnic_minority"] == sum(
            v["ethnic_minority"] == "1" for v in values
        )
    assert sum(c["members"] for c in counted.values()) > 50
