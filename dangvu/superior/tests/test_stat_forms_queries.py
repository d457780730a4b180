"""The statistical forms read the period's events in the same queries whatever kinds of events
happen: a subtree that awards badges and issues cards in the year (two more sets its forms
narrow) fills every form in as many queries as before, and the figures are those of a plain
count of the records."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dangvu.people.models import PartyBadge, PartyCardIssue
from dangvu.superior import statforms, synthetic
from dangvu.superior.units import Tree

pytestmark = pytest.mark.django_db
DAY = dt.date(2017, 12, 31)


def queries_of_forms(root):
    with CaptureQueriesContext(connection) as captured:
        forms = statforms.compute(root, DAY, Tree(root.id))
    return forms, len(captured)


def members_on(root, day):
    """The members of `root`'s subtree on `day`, as one plain query of the day's memberships."""
    return statforms.Records(root, statforms.period_to(DAY)).members_on(day)


def test_badges_and_cards_add_no_query_and_count_as_records():
    root = synthetic.build(committees=3, cells=2, members=12, prefix="huy")
    assert not PartyBadge.objects.exists() and not PartyCardIssue.objects.exists()
    _forms, before = queries_of_forms(root)

    awarded, issued = dt.date(2017, 2, 3), dt.date(2017, 5, 19)
    people = sorted(members_on(root, DAY))
    # Some of them were not members yet on the day of the badge or the card: not counted.
    years = PartyBadge.YEARS
    for i, person_id in enumerate(people[::4]):
        PartyBadge.objects.create(
            person_id=person_id, years=years[i % len(years)], awarded_on=awarded
        )
    reasons = list(PartyCardIssue.Reason)
    for i, person_id in enumerate(people[1::3]):
        PartyCardIssue.objects.create(
            person_id=person_id,
            number=f"T{i}",
            issued_on=issued,
            reason=reasons[i % len(reasons)],
        )
    forms, after = queries_of_forms(root)

    assert after == before
    badge_rows = [ln for ln in forms.sheet("7-BTCTW").lines if ln.query.startswith("badge|")]
    card_rows = [ln for ln in forms.sheet("7-BTCTW").lines if ln.query.startswith("card|")]
    assert badge_rows and card_rows
    for line in badge_rows:
        wanted = {int(v) for v in line.query.partition("years=")[2].split(",")}
        plain = PartyBadge.objects.filter(
            person_id__in=members_on(root, awarded), years__in=wanted
        ).count()
        assert line.values[0] == plain, line.key
    for line in card_rows:
        wanted = line.query.partition("reason=")[2].split(",")
        plain = PartyCardIssue.objects.filter(
            person_id__in=members_on(root, issued), reason__in=wanted
        ).count()
        assert line.values[0] == plain, line.key
    assert sum(ln.values[0] for ln in badge_rows) > 0
