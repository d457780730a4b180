"""Invented organizations and long-standing members for the commendation tests of the grassroots
reports and of the superior's report."""

import datetime as dt

from dangvu.orgs import actions as org_actions
from dangvu.people import actions as people_actions

START = dt.date(2010, 1, 1)


def org(kind, name, slug, parent=None):
    return org_actions.create_org(
        None, kind=kind, name=name, slug=slug, parent=parent, valid_from=START
    )


def members(cell, names):
    """Members of `cell` since START, admitted years before."""
    people = []
    for name in names:
        p = people_actions.create_person(
            None, home_org=cell, full_name=name, gender="female", birth_date=dt.date(1980, 1, 1)
        )
        people_actions.transfer_in(
            None, p, cell, START, admitted_on=dt.date(2005, 1, 1), official_on=dt.date(2006, 1, 1)
        )
        people.append(p)
    return people
