"""A span named by its last day (a report's period) holds the records that share a day with it,
that last day included, and not a record whose exclusive end is the span's first day: the rule
`held_through` gives the queries of the tree and the statistics that once wrote it by hand."""

import datetime as dt

import pytest

from dangvu.orgs.models import Organization, held_through
from dangvu.orgs.tree import subtree_ids_during

pytestmark = pytest.mark.django_db

K = Organization.Kind
FIRST, LAST = dt.date(2024, 3, 1), dt.date(2024, 3, 31)


def _cell(committee, name, valid_from, valid_to=None):
    return Organization.objects.create(
        kind=K.PARTY_CELL,
        name=name,
        slug=name,
        parent=committee,
        valid_from=valid_from,
        valid_to=valid_to,
    )


@pytest.fixture
def cells():
    committee = Organization.objects.create(
        kind=K.PARTY_COMMITTEE, name="Đảng bộ Thử", slug="db-thu", valid_from=dt.date(2000, 1, 1)
    )
    held = {
        _cell(committee, "lap-ngay-cuoi", LAST),  # founded on the span's last day
        _cell(committee, "giai-the-ngay-2", dt.date(2000, 1, 1), FIRST + dt.timedelta(days=1)),
        _cell(committee, "lau-dai", dt.date(2000, 1, 1)),
    }
    not_held = {
        _cell(committee, "lap-sau", LAST + dt.timedelta(days=1)),  # founded the day after
        _cell(committee, "giai-the-ngay-dau", dt.date(2000, 1, 1), FIRST),  # gone on the first day
    }
    return committee, {c.id for c in held}, {c.id for c in not_held}


def test_a_span_named_by_its_last_day_holds_that_day_and_not_a_record_ended_on_its_first(cells):
    committee, held, not_held = cells
    found = set(
        Organization.objects.filter(held_through(FIRST, LAST), kind=K.PARTY_CELL).values_list(
            "id", flat=True
        )
    )
    assert found == held and not found & not_held


def test_the_tree_of_a_span_is_the_same_rule(cells):
    committee, held, not_held = cells
    assert set(subtree_ids_during([committee.id], FIRST, LAST)) == held | {committee.id}
