"""Issue 26: a province's ids sent to the database as one array (`core.ids`): `any_of` and
`field_in` select the same rows as a plain list of parameters, on SQLite and PostgreSQL."""

import pytest

from dangvu.core.ids import any_of, field_in
from dangvu.people.models import Membership

pytestmark = pytest.mark.django_db


def test_any_of_and_field_in_select_the_rows_of_a_plain_list(demo):
    org_ids = sorted(set(Membership.objects.values_list("org_id", flat=True)))
    assert len(org_ids) > 2
    for ids in (org_ids, org_ids[::2], org_ids[:1], [], [0]):
        expected = set(Membership.objects.filter(org_id__in=ids).values_list("id", flat=True))
        by_array = Membership.objects.filter(org_id__in=any_of(ids)).values_list("id", flat=True)
        by_any = Membership.objects.filter(field_in("org_id", ids)).values_list("id", flat=True)
        assert set(by_array) == expected
        assert set(by_any) == expected
        # In a subquery, where Django renames the table (U0): the field still names its column.
        people = Membership.objects.filter(field_in("org_id", ids)).values("person_id")
        assert set(
            Membership.objects.filter(person_id__in=people).values_list("org_id", flat=True)
        ) >= (set(ids) & set(org_ids))
