"""One `compute` of an organization's facts: the reads its providers repeat (the subtree, the
type, the executive's term) run once, the facts are those of the providers run one by one, and
its queries do not grow with the cell's members and activities."""

import contextlib
import datetime as dt
from collections import Counter

from django.db import connection
from django.test.utils import CaptureQueriesContext

from dangvu.core import memo
from dangvu.core.facts import Period, compute
from dangvu.meetings import actions as meeting_actions
from dangvu.orgs import actions as org_actions
from dangvu.people import actions as people_actions
from dangvu.review import actions as review_actions

START = dt.date(2010, 1, 1)
YEAR = 2017
PERIOD = Period.year(YEAR)


def _cell(members, name="Chi bộ Thử"):
    """A commune committee (typed) and its cell of `members` members, each month's regular
    meeting attended by all of them, and a pledge of each member: invented records."""
    committee = org_actions.create_org(
        None, kind="party_committee", name=f"Đảng bộ xã {name}", valid_from=START
    )
    org_actions.set_type(None, committee, "xa", START)
    org_actions.open_term(None, committee, name="2015-2020", valid_from=dt.date(2015, 6, 1))
    cell = org_actions.create_org(
        None, kind="party_cell", name=name, parent=committee, valid_from=START
    )
    people = []
    for i in range(members):
        person = people_actions.create_person(
            None,
            home_org=committee,
            full_name=f"Đảng Viên {name} {i}",
            gender="female" if i % 2 else "male",
            birth_date=dt.date(1980 + i, 1, 1),
        )
        people_actions.transfer_in(None, person, cell, START, admitted_on=dt.date(2005, 1, 1))
        review_actions.sign_pledge(
            None, org=cell, person=person, year=YEAR, signed_on=dt.date(YEAR, 3, 1)
        )
        people.append(person)
    for month in range(1, members + 1):
        meeting = meeting_actions.create_activity(
            None,
            kind="regular_meeting",
            title=f"Sinh hoạt tháng {month}",
            starts_on=dt.date(YEAR, month, 5),
            organizers=[cell],
        )
        meeting_actions.record_attendance(None, meeting, {p: "present" for p in people})
    return committee, cell


def _queries(org):
    with CaptureQueriesContext(connection) as queries:
        compute(org, PERIOD)
    return [q["sql"] for q in queries.captured_queries]


def test_queries_do_not_grow_with_members_and_activities(db):
    _committee, small = _cell(2, "Chi bộ Nhỏ")
    _committee, large = _cell(9, "Chi bộ Lớn")
    assert len(_queries(large)) == len(_queries(small))


def test_no_read_runs_twice_in_one_compute(db):
    committee, cell = _cell(3)
    for org in (cell, committee):
        repeated = {sql: n for sql, n in Counter(_queries(org)).items() if n > 1}
        assert repeated == {}


def test_the_facts_are_those_of_the_providers_run_one_by_one(db, monkeypatch):
    committee, cell = _cell(3)
    shared = {org: compute(org, PERIOD) for org in (cell, committee)}
    monkeypatch.setattr(memo, "scope", contextlib.nullcontext)
    alone = {org: compute(org, PERIOD) for org in (cell, committee)}
    assert shared == alone
    assert shared[cell]["pledges.members"].value == 3


def test_a_later_compute_reads_the_records_again(db):
    committee, cell = _cell(2)
    before = compute(committee, PERIOD)
    org_actions.rename_org(None, committee, "Đảng bộ xã Mới", dt.date(YEAR, 6, 1))
    org_actions.set_type(None, committee, "phuong", dt.date(YEAR, 6, 1))
    after = compute(committee, PERIOD)
    assert before["org.type"].value != after["org.type"].value
    assert after["org.name"].value == "Đảng bộ xã Mới"
