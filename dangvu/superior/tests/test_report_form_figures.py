"""The superior report's figures taken from the statistical forms (deaths, strike-offs,
expulsions…) are the forms' counts for the report's own period: a quarter counts its quarter,
not the year up to its end, and a death in a unit dissolved during the period is still the
committee's (1-BTCTW C1). Expected figures are counted from the records made here."""

import datetime as dt

import pytest

from dangvu.core.facts import Period
from dangvu.orgs.actions import create_org, dissolve_org
from dangvu.orgs.models import Organization
from dangvu.people import actions as people
from dangvu.superior import statforms
from dangvu.superior.facts import superior_facts

pytestmark = pytest.mark.django_db
K = Organization.Kind
D = dt.date
SINCE = D(2015, 1, 1)


def _members(cell, count, tag):
    transfer = dict(cell=cell, on=SINCE, admitted_on=D(2000, 5, 5), official_on=D(2001, 5, 5))
    newcomers = [
        people.Newcomer(
            dict(full_name=f"Đảng viên {tag} {i}", birth_date=D(1970, 1, 1), gender="male"),
            transfer,
        )
        for i in range(count)
    ]
    return people.create_people(None, cell, newcomers)


@pytest.fixture
def district():
    """Đảng bộ huyện Bắc Sơn: commune Tân Hòa (4 members; deaths on 3 March and 15 August) and
    commune Phú Lộc (2 members; a death on 10 February, the other moved to Tân Hòa, then
    dissolved on 1 May)."""

    def make(kind, name, parent):
        return create_org(None, kind=kind, name=name, parent=parent, valid_from=SINCE)

    district = make(K.SUPERIOR_COMMITTEE, "Đảng bộ huyện Bắc Sơn", None)
    staying = make(K.PARTY_COMMITTEE, "Đảng bộ xã Tân Hòa", district)
    cell = make(K.PARTY_CELL, "Chi bộ thôn Đông", staying)
    stay = _members(cell, 4, "Tân Hòa")
    closing = make(K.PARTY_COMMITTEE, "Đảng bộ xã Phú Lộc", district)
    closing_cell = make(K.PARTY_CELL, "Chi bộ thôn Tây", closing)
    dead, moving = _members(closing_cell, 2, "Phú Lộc")
    people.record_death(None, dead, D(2025, 2, 10))
    people.move_to_cell(None, moving, cell, D(2025, 5, 1))
    dissolve_org(None, closing_cell, D(2025, 5, 1))
    dissolve_org(None, closing, D(2025, 5, 1))
    people.record_death(None, stay[0], D(2025, 3, 3))
    people.record_death(None, stay[1], D(2025, 8, 15))
    return district


def _deaths(district, start, end):
    return superior_facts(district, Period(start, end))["units.party.deaths"].value


def test_the_year_counts_the_deaths_of_a_unit_dissolved_in_it(district):
    assert _deaths(district, D(2025, 1, 1), D(2025, 12, 31)) == 3
    forms = statforms.compute(district, D(2025, 12, 31))
    one = {line.key: line.values[0] for line in forms.sheet("1-BTCTW").lines}
    assert one["C1"] == 3


def test_a_quarter_counts_its_own_deaths(district):
    assert _deaths(district, D(2025, 7, 1), D(2025, 9, 30)) == 1
    assert _deaths(district, D(2025, 1, 1), D(2025, 3, 31)) == 2
