"""Consolidated figures: each unit's row equals the unit's own facts, the totals equal the sum
of the rows, and the number of queries does not grow with the number of units."""

import datetime as dt
import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dangvu.core import facts as registry
from dangvu.core.facts import Period
from dangvu.people.stats import LABELS as SECTION_ONE
from dangvu.people.stats import section_one, values
from dangvu.superior import synthetic
from dangvu.superior.consolidate import NOT_SUMMED, consolidate, period_to, unit_stretches
from dangvu.superior.units import Tree

pytestmark = pytest.mark.django_db
END_2017 = dt.date(2017, 12, 31)
SUPERIOR = "dang-uy-khoi-cac-co-quan-tra-vinh"


def _own_facts(org, period):
    """The unit's figures from the registered providers, as its own pages compute them."""
    import dangvu.finance.facts  # noqa: F401  (providers register on import)
    import dangvu.meetings.facts  # noqa: F401
    import dangvu.people.facts  # noqa: F401

    return {name: fig.value for name, fig in registry.compute(org, period).items()}


@pytest.mark.parametrize("day", [END_2017, dt.date(2017, 6, 15)])
def test_every_unit_equals_its_own_facts_and_totals_are_sums(day):
    superior = synthetic.build(committees=6, cells=3, members=25, year=2017)
    result = consolidate(superior, period_to(day))
    # 6 committees (one dissolved on 30/6: a row of its own until then) and 2 standalone cells.
    assert len(result.units) == 8
    assert [u.at_end for u in result.units].count(False) == (0 if day < dt.date(2017, 6, 30) else 1)
    assert any(u.org.kind == "party_cell" for u in result.units)
    assert any(u.org.parent.slug.endswith("-giua") for u in result.units)
    stretches = unit_stretches(Tree(superior.id), superior.id, period_to(day))
    for unit in result.units:
        # A unit's figures are its own over the days it stood under the superior.
        (first, last), *others = stretches[unit.org.id]
        assert not others
        own = _own_facts(unit.org, Period(first, last))
        for name, value in unit.facts.items():
            # Figures of a day it did not see: the last day's, and the year's evaluations (made
            # at the year's end, counted by the unit of that day as in 5-BTCTW).
            if not unit.at_end and (name in SECTION_ONE or name.startswith("evaluations.")):
                assert value in (0, ""), (unit.org.slug, name, value)
                continue
            assert value == own.get(name, 0), (unit.org.slug, name, value, own.get(name))
    for name, total in result.totals.items():
        assert total == sum(u.facts[name] for u in result.units), name
    assert set(result.totals) == set(result.labels) - NOT_SUMMED
    # Not a world of zeros.
    for name in (
        "party.members",
        "party.members.probationary",
        "party.admissions",
        "party.recognitions",
        "staff.present",
        "fees.collected",
        "fees.remitted",
        "evaluations.members.good",
        "activities.regular_meeting.sessions",
        "committee.members",
    ):
        assert result.totals[name] > 0 or day != END_2017, name


def test_demo_superior_matches_the_committee_statistics(demo):
    result = consolidate(demo.parent, period_to(END_2017))
    assert [u.org.slug for u in result.units] == [demo.slug]
    own = values(section_one(demo, END_2017))
    for name, value in own.items():
        assert result.units[0].facts[name] == value
        if name not in NOT_SUMMED:
            assert result.totals[name] == value


def test_the_number_of_queries_does_not_grow_with_the_units():
    small = synthetic.build(committees=3, cells=2, members=8, prefix="nho")
    large = synthetic.build(committees=24, cells=3, members=12, prefix="lon", seed=2)
    counts = []
    for root in (small, large):
        with CaptureQueriesContext(connection) as ctx:
            consolidate(root, Period.year(2017))
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1], counts
    # The period figures' queries run once per stretch of days units share (here two: the
    # whole year, and a committee's until its dissolution), not per unit: each group of period
    # figures (admissions … commendations, fees, activities) is one or two queries a stretch.
    assert counts[1] <= 32


def test_units_walk_through_superiors_and_stop_at_grassroots():
    superior = synthetic.build(committees=5, cells=2, members=5)
    tree = Tree()
    units = tree.units(superior.id, END_2017)
    kinds = {u.kind for u in units}
    assert kinds == {"party_committee", "party_cell"}
    # A committee's cells are not units of their own.
    assert not any(tree.nodes[u.parent_id].kind == "party_committee" for u in units)


def test_consolidate_command_json_sums_the_units_stats(demo):
    superior = synthetic.build(committees=4, cells=2, members=10, parent=demo.parent)
    out = StringIO()
    call_command("consolidate", org=SUPERIOR, date="2017-12-31", json=True, stdout=out)
    data = json.loads(out.getvalue())
    assert data["org"] == SUPERIOR and data["date"] == "2017-12-31"
    # The demo, 3 active committees, one dissolved in June (a row of its own), 2 standalone cells.
    assert len(data["units"]) == 1 + 4 + 2
    assert superior.slug not in [u["org"] for u in data["units"]]
    sums = dict.fromkeys(
        [
            "party.members",
            "party.members.full",
            "party.members.probationary",
            "party.cells",
            "staff.present",
        ],
        0,
    )
    for unit in data["units"]:
        stats = StringIO()
        call_command("stats", org=unit["org"], date="2017-12-31", json=True, stdout=stats)
        own = json.loads(stats.getvalue())["facts"]
        for name in sums:
            sums[name] += own[name]
            assert unit["facts"][name] == own[name]
    for name, total in sums.items():
        assert data["facts"][name] == total, name


def test_consolidate_respects_the_user_scope(demo):
    out = StringIO()
    call_command(
        "consolidate", org=SUPERIOR, date="2017-12-31", json=True, user="captren", stdout=out
    )
    assert [u["org"] for u in json.loads(out.getvalue())["units"]] == [demo.slug]
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command(
            "consolidate", org=SUPERIOR, date="2017-12-31", user="vanphong", stdout=StringIO()
        )


def test_a_person_with_two_posts_counts_once_as_in_the_units_own_figures():
    """Staff figures are counted by combination of a record's attributes; a person holding two
    records at once (a director who also keeps a contract post) is in two combinations, and
    must still count once in `staff.all`, once in each figure, as the unit's own page counts."""
    from dangvu.people.models import StaffRecord

    superior = synthetic.build(committees=2, cells=2, members=10, year=2017)
    record = StaffRecord.objects.filter(
        agency__parent__parent=superior, category="civil_servant"
    ).first()
    StaffRecord.objects.create(
        person=record.person,
        agency=record.agency,
        category="contract",
        position="director",
        valid_from=dt.date(2016, 1, 1),
    )
    result = consolidate(superior, period_to(END_2017))
    unit = next(u for u in result.units if u.org.id == record.agency.parent_id)
    own = _own_facts(unit.org, period_to(END_2017))
    for name in ("staff.present", "staff.contract", "agency.directors", "education.other"):
        assert unit.facts[name] == own[name], name
    assert unit.facts["staff.contract"] > 0


def test_an_organization_dissolved_before_the_period_counts_as_on_the_units_own_page():
    """A unit's own page counts the period's activities, evaluations and inspections of the
    organizations that existed in the period: a cell dissolved before it began is left out
    with what is still on record for it (a meeting it had planned for later, a rating of it).
    The consolidation counts the same."""
    from dangvu.meetings.models import Activity, ActivityOrg
    from dangvu.orgs.models import Organization
    from dangvu.review.models import Evaluation

    superior = synthetic.build(committees=2, cells=2, members=10, year=2017)
    committee = Organization.objects.filter(parent=superior, kind="party_committee").first()
    gone = Organization.objects.create(
        kind="party_cell",
        name="Chi bộ đã giải thể",
        slug="chi-bo-da-giai-the",
        parent=committee,
        valid_from=dt.date(2010, 1, 1),
        valid_to=dt.date(2016, 12, 31),
    )
    meeting = Activity.objects.create(
        kind="regular_meeting", title="Sinh hoạt", starts_on=dt.date(2017, 3, 5), head_count=9
    )
    ActivityOrg.objects.create(activity=meeting, org=gone, role="organizer")
    Evaluation.objects.create(
        year=2017,
        org=committee,
        subject_org=gone,
        band="good",
        rule_source="x",
        evaluated_on=dt.date(2017, 12, 20),
    )
    result = consolidate(superior, period_to(END_2017))
    unit = next(u for u in result.units if u.org.id == committee.id)
    own = _own_facts(committee, period_to(END_2017))
    for name in ("activities.regular_meeting.sessions", "evaluations.orgs.good"):
        assert unit.facts[name] == own.get(name, 0), name
