"""A small organization built through the actions, for tests that do not need the whole demo."""

import datetime as dt
from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model

from dangvu.accounts.models import Role
from dangvu.core.facts import Period, compute
from dangvu.orgs import actions as org_actions
from dangvu.people import actions as people_actions
from dangvu.people.models import Membership

START = dt.date(2010, 1, 1)
PASSWORD = "pass-1234-word"


def facts(org, year=2017):
    return {name: f.value for name, f in compute(org, Period.year(year)).items()}


def _person(name, home, birth=dt.date(1985, 5, 5), gender="male"):
    return people_actions.create_person(
        None, home_org=home, full_name=name, gender=gender, birth_date=birth
    )


@pytest.fixture
def world(db):
    create = org_actions.create_org
    committee = create(
        None, kind="party_committee", name="Đảng bộ Thử", slug="db-thu", valid_from=START
    )
    cell1 = create(
        None,
        kind="party_cell",
        name="Chi bộ Một",
        slug="cb-mot",
        parent=committee,
        valid_from=START,
    )
    cell2 = create(
        None,
        kind="party_cell",
        name="Chi bộ Hai",
        slug="cb-hai",
        parent=committee,
        valid_from=START,
    )
    union = create(
        None,
        kind="trade_union",
        name="Công đoàn Thử",
        slug="cd-thu",
        parent=committee,
        valid_from=START,
    )
    youth = create(
        None,
        kind="youth_union",
        name="Chi đoàn Thử",
        slug="ct-thu",
        parent=committee,
        valid_from=START,
    )
    other = create(
        None, kind="party_committee", name="Đảng bộ Khác", slug="db-khac", valid_from=START
    )
    members = {1: [], 2: []}
    for n, cell, size in ((1, cell1, 6), (2, cell2, 4)):
        for i in range(size):
            p = _person(f"Đảng Viên {n}-{i}", committee)
            people_actions.transfer_in(
                None,
                p,
                cell,
                START,
                admitted_on=dt.date(2005, 1, 1),
                official_on=dt.date(2006, 1, 1),
            )
            people_actions.join(None, p, union, Membership.Kind.TRADE_UNION, START)
            members[n].append(p)
    masses = []
    for i in range(3):
        p = _person(f"Quần Chúng {i}", committee, birth=dt.date(1995, 1, 1))
        people_actions.join(None, p, union, Membership.Kind.TRADE_UNION, START)
        people_actions.join(None, p, youth, Membership.Kind.YOUTH_UNION, START)
        masses.append(p)
    outsider = _person("Người Ngoài", other)
    people_actions.transfer_in(
        None,
        outsider,
        create(
            None,
            kind="party_cell",
            name="Chi bộ Ngoài",
            slug="cb-ngoai",
            parent=other,
            valid_from=START,
        ),
        START,
        admitted_on=dt.date(2005, 1, 1),
        official_on=dt.date(2006, 1, 1),
    )
    return SimpleNamespace(
        committee=committee,
        cell1=cell1,
        cell2=cell2,
        union=union,
        youth=youth,
        other=other,
        members1=members[1],
        members2=members[2],
        masses=masses,
        outsider=outsider,
    )


@pytest.fixture
def user_with(db, client):
    """Log the test client in as a new user holding one role: user_with("office", org)."""

    def _make(kind, org=None, person=None, username=None):
        username = username or f"u-{kind}-{org.slug if org else person.id}"
        user = get_user_model().objects.create_user(username, password=PASSWORD)
        Role.objects.create(user=user, kind=kind, org=org, person=person)
        client.logout()
        assert client.login(username=username, password=PASSWORD)
        return client

    return _make
