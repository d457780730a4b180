"""One count of cells and members: the superior's report facts (`units.*`), the consolidation and
the statistical forms give the same numbers on the same date, read through their public
functions."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command

from dangvu.orgs.models import Organization
from dangvu.superior.consolidate import consolidate, period_to
from dangvu.superior.facts import superior_facts
from dangvu.superior.statforms import compute

SUPERIOR = "dang-uy-khoi-cac-co-quan-tra-vinh"
DAYS = [dt.date(2016, 12, 31), dt.date(2017, 6, 30), dt.date(2017, 12, 31), dt.date(2020, 6, 30)]


@pytest.mark.django_db
def test_cells_and_members_are_counted_once_everywhere(demo):
    call_command("load_province", count=3, members=8, stdout=StringIO())
    superior = Organization.objects.get(slug=SUPERIOR)
    for day in DAYS:
        period = period_to(day)
        facts = superior_facts(superior, period)
        result = consolidate(superior, period)
        forms = compute(superior, day)
        # The organization-type form's total line (the sum of its types).
        org_types = next(s for s in forms.sheets if s.columns == "org_types")
        total = next(line for line in org_types.lines if line.key == "total")
        parts = [line for line in org_types.lines if line.key in total.sum]
        assert total.values == [sum(p.values[i] for p in parts) for i in range(6)], day
        units_total, committees, cells_base, _sub, cells, members = total.values
        # The units of the day (one dissolved or moved out during the period is a row of the
        # consolidation, not a unit on the day).
        units = [u for u in result.units if u.at_end]
        committee_units = [u for u in units if u.org.kind == "party_committee"]
        assert committees > 0 and cells > 0, day
        # Grassroots units: a chi bộ cơ sở is a unit, not also a cell under a committee.
        assert facts["units.count"].value == len(units) == units_total, day
        assert facts["units.committees"].value == len(committee_units) == committees, day
        assert facts["units.cells_base"].value == cells_base, day
        # Cells under the grassroots committees.
        in_consolidation = sum(u.facts["party.cells"] for u in committee_units)
        in_unit_sheet = sum(values.get("cells", 0) for _name, values in forms.units)
        assert facts["units.committee_cells"].value == in_consolidation == cells, day
        assert in_unit_sheet == cells, day
        # Members on the date.
        assert facts["units.party.members"].value == result.totals["party.members"], day
        assert result.totals["party.members"] == members, day
        assert sum(values.get("members", 0) for _name, values in forms.units) == members, day
