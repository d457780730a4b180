"""A cell dissolved mid-year (its members moved to another cell first) contributes nothing to
any figure of a period after its dissolution: every registered fact is walked, and none of them
counts the cell, or a record of it (a meeting it had planned, its evaluation), or a member
through it. Periods before the dissolution still count it."""

import datetime as dt

import pytest
from django.apps import apps

from dangvu.accounts.tests.helpers import run
from dangvu.core.facts import Period, compute
from dangvu.finance import actions as fees
from dangvu.finance import book
from dangvu.finance import fees as fee_rules
from dangvu.meetings import actions as meetings
from dangvu.meetings.models import Activity
from dangvu.orgs import actions
from dangvu.orgs.models import Organization
from dangvu.people import actions as people
from dangvu.people.models import Membership
from dangvu.people.stats import section_one
from dangvu.review import actions as review

YEAR = dt.date.today().year - 1
DISSOLVED = dt.date(YEAR, 7, 1)


def _member(cell, n):
    person = people.create_person(
        None, home_org=cell.parent, full_name=f"Danh Văn Sơn {cell.pk}-{n}", gender="male"
    )
    people.transfer_in(
        None, person, cell, dt.date(YEAR - 2, 1, 1),
        admitted_on=dt.date(2000 + n, 1, 1), official_on=dt.date(2001 + n, 1, 1),
    )  # fmt: skip
    fees.set_salary_base(
        None, person, month=dt.date(YEAR - 2, 1, 1), kind=fee_rules.NO_INCOME, note="Nông dân"
    )
    return person


@pytest.fixture
def committee(db):
    slug = run("create_org", "--name", "Đảng bộ xã Phú Thạnh", "--kind", "party_committee",
               "--from", f"{YEAR - 2}-01-01", "--place", "Phú Thạnh", "--type", "xa").strip()  # fmt: skip
    org = Organization.objects.get(slug=slug)
    kept, dissolved = (
        Organization.objects.get(
            slug=run("create_org", "--name", name, "--kind", "party_cell", "--parent", slug).strip()
        )  # fmt: skip
        for name in ("Chi bộ ấp Phú Hòa", "Chi bộ ấp Phú Lợi")
    )
    for cell in (kept, dissolved):
        for n in range(3):
            _member(cell, n)
    # The dissolved cell had planned its meetings for the whole year, and was evaluated.
    for month in range(1, 13):
        meetings.create_activity(
            None, organizers=[dissolved], kind=Activity.Kind.REGULAR_MEETING,
            title=f"Sinh hoạt chi bộ tháng {month}", starts_on=dt.date(YEAR, month, 5),
        )  # fmt: skip
    review.evaluate(
        None, org=org, year=YEAR, evaluated_on=dt.date(YEAR, 6, 20),
        subject_org=dissolved, band="good",
    )  # fmt: skip
    moved = [m.person for m in Membership.objects.filter(org=dissolved, kind="party")]
    for person in moved:
        people.move_to_cell(None, person, kept, DISSOLVED)
    actions.dissolve_org(None, dissolved, DISSOLVED)
    return org, kept, dissolved, moved


def _belongs_to(model, ids, org):
    """Whether any of the records `ids` of `model` is the organization's: a foreign key to it,
    or a related row (an activity's organizer link) that names it."""
    rows = model.objects.filter(pk__in=ids)
    for field in model._meta.get_fields():
        target = getattr(field, "related_model", None)
        if field.many_to_one and target is Organization:
            if rows.filter(**{field.name: org}).exists():
                return True
        elif field.one_to_many and target is not None:
            for sub in target._meta.get_fields():
                if sub.many_to_one and sub.related_model is Organization:
                    back = field.field.name
                    if target.objects.filter(**{f"{back}__in": ids, sub.name: org}).exists():
                        return True
    return False


def _model(label):
    return apps.get_model(label)


@pytest.mark.parametrize(
    "period",
    [Period(DISSOLVED, dt.date(YEAR, 12, 31)), Period(dt.date(YEAR, 10, 1), dt.date(YEAR, 12, 31))],
    ids=["second-half", "fourth-quarter"],
)
def test_a_dissolved_cell_counts_in_no_figure_after_its_dissolution(committee, period):
    org, kept, dissolved, moved = committee
    facts = compute(org, period)
    assert facts["party.cells"].value == 1 and facts["party.cells"].orgs == {kept.id}
    assert facts["party.members"].value == 6  # the moved members, counted once, in their cell
    counted = []  # (fact, what of the dissolved cell it counts)
    for name, figure in facts.items():
        if dissolved.id in figure.orgs:
            counted.append((name, "the cell"))
        for label, ids in figure.records.items():
            if isinstance(ids, (set, frozenset, list, tuple)) and ids:
                if _belongs_to(_model(label), list(ids), dissolved):
                    counted.append((name, label))
        if isinstance(figure.value, str) and dissolved.name in figure.value:
            counted.append((name, "its name"))
    assert counted == [], "\n".join(map(str, counted))
    # The moved members' fees of the months after the dissolution are due in their new cell.
    months = (fee_rules.month_start(period.start), fee_rules.month_start(period.end))
    assert not book.compute(*months, cell_ids=[dissolved.id])
    assert {p.id for p in moved} <= set(book.compute(*months, cell_ids=[kept.id]))


def test_periods_before_the_dissolution_still_count_the_cell(committee):
    org, kept, dissolved, moved = committee
    before = Period(dt.date(YEAR, 1, 1), DISSOLVED - dt.timedelta(days=1))
    facts = compute(org, before)
    assert facts["party.cells"].value == 2 and dissolved.id in facts["party.cells"].orgs
    meetings_before = Activity.objects.filter(
        links__org=dissolved, starts_on__lt=DISSOLVED
    ).values_list("id", flat=True)
    counted = set().union(
        *(
            ids
            for f in facts.values()
            for label, ids in f.records.items()
            if label == "meetings.activity" and isinstance(ids, (set, frozenset))
        )
    )
    assert set(meetings_before) <= counted
    assert section_one(dissolved, DISSOLVED - dt.timedelta(days=1))["party.members"].value == 3
