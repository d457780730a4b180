"""The consolidation restricted to some figures (`only`): the same values as the whole one, for
those figures alone, in fewer queries that still do not grow with the units."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dangvu.core.facts import Period
from dangvu.orgs.models import Organization
from dangvu.superior import synthetic
from dangvu.superior.consolidate import consolidate

pytestmark = pytest.mark.django_db
HEADLINE = (
    "party.members",
    "party.members.full",
    "party.members.probationary",
    "party.cells",
    "staff.present",
)


def _queries(func):
    with CaptureQueriesContext(connection) as ctx:
        result = func()
    return result, len(ctx.captured_queries)


@pytest.mark.parametrize("day", [dt.date(2017, 12, 31), dt.date(2017, 6, 15)])
def test_only_some_figures_equal_the_whole_consolidation(day):
    superior = synthetic.build(committees=5, cells=2, members=20)
    period = Period(dt.date(2017, 1, 1), day)
    whole, whole_queries = _queries(lambda: consolidate(superior, period))
    some, some_queries = _queries(lambda: consolidate(superior, period, only=HEADLINE))
    assert set(some.labels) == set(HEADLINE) == set(some.totals)
    assert [u.org.id for u in some.units] == [u.org.id for u in whole.units]
    for w, s in zip(whole.units, some.units, strict=True):
        assert s.facts == {name: w.facts[name] for name in HEADLINE}
        assert set(s.behind) <= set(HEADLINE)
        # A unit gone before the period's last day has no members of that day behind it.
        assert s.behind.get("party.members") == w.behind.get("party.members")
    assert all(some.totals[name] == whole.totals[name] for name in HEADLINE)
    assert some.totals["party.members"] > some.totals["party.members.probationary"] > 0
    assert some.totals["staff.present"] > 0
    # Only the queries those figures need: the tree, the names, memberships and staff.
    assert some_queries < whole_queries


def test_only_queries_do_not_grow_with_the_units():
    small = synthetic.build(committees=2, cells=2, members=6, prefix="nho")
    large = synthetic.build(committees=15, cells=3, members=10, prefix="lon", seed=2)
    counts = [
        _queries(lambda root=root: consolidate(root, Period.year(2017), only=HEADLINE))[1]
        for root in (small, large)
    ]
    assert counts[0] == counts[1], counts


def test_an_unknown_figure_is_refused():
    superior = synthetic.build(committees=1, cells=1, members=3)
    with pytest.raises(ValueError, match="party.memberz"):
        consolidate(superior, Period.year(2017), only=["party.memberz"])


def test_an_organization_without_units_has_empty_figures():
    synthetic.build(committees=2, cells=2, members=4)
    # A committee's cell is no grassroots unit, and has none below it.
    cell = Organization.objects.filter(kind="party_cell", parent__kind="party_committee").first()
    for only in (None, HEADLINE):
        result = consolidate(cell, Period.year(2017), only=only)
        assert result.units == []
        assert all(total == 0 for total in result.totals.values())
