"""A small party committee for the fee tests that do not need the whole demo: a superior, a
grassroots committee with two cells, and members made through the people actions."""

import datetime as dt
from types import SimpleNamespace

import pytest

from dangvu.finance import actions
from dangvu.orgs import actions as org_actions
from dangvu.orgs.models import Organization
from dangvu.people import actions as people_actions

K = Organization.Kind
D = dt.date


@pytest.fixture
def small(db):
    superior = org_actions.create_org(
        None, kind=K.SUPERIOR_COMMITTEE, name="Đảng ủy Khối", slug="khoi", valid_from=D(2000, 1, 1)
    )
    committee = org_actions.create_org(
        None,
        kind=K.PARTY_COMMITTEE,
        name="Đảng bộ Sở",
        slug="dang-bo",
        parent=superior,
        valid_from=D(2005, 1, 1),
    )
    cells = [
        org_actions.create_org(
            None,
            kind=K.PARTY_CELL,
            name=f"Chi bộ {n}",
            slug=f"chi-bo-{n}",
            parent=committee,
            valid_from=D(2005, 1, 1),
        )
        for n in (1, 2)
    ]
    world = SimpleNamespace(superior=superior, committee=committee, cells=cells, n=0)

    def member(
        cell=None,
        *,
        since=None,
        admitted=None,
        base=3_000_000,
        kind="salary",
        name=None,
    ):
        """A member of `cell` from `since` with a base (in đồng) from 01/2010."""
        since = since or D(2010, 1, 1)
        admitted = admitted or D(2008, 1, 1)
        world.n += 1
        person = people_actions.create_person(
            None,
            home_org=committee,
            full_name=name or f"Đảng viên Số {world.n}",
            gender="male",
            birth_date=D(admitted.year - 25, 1, 1),
        )
        people_actions.transfer_in(
            None,
            person,
            cell or cells[0],
            since,
            admitted_on=admitted,
            official_on=D(admitted.year + 1, admitted.month, admitted.day),
        )
        if base is not None:
            actions.set_salary_base(None, person, month=D(2010, 1, 1), kind=kind, amount=base)
        return person

    world.member = member
    return world
