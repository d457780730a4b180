"""Biểu 6F-BTCTW counts the members not reviewed who are suspended from Party activities (đình
chỉ sinh hoạt đảng) from the records, by the grouped SQL and by the drill-down alike."""

import datetime as dt

import pytest

from dangvu.orgs import actions as org_actions
from dangvu.people import actions
from dangvu.superior import statforms

pytestmark = pytest.mark.django_db
START = dt.date(2015, 1, 1)


def test_the_suspended_members_not_reviewed_are_counted_on_their_row():
    create = org_actions.create_org
    above = create(None, kind="superior_committee", name="Đảng ủy Khối Thử", valid_from=START)
    committee = create(
        None, kind="party_committee", name="Đảng bộ Cục Thử", parent=above, valid_from=START
    )
    cell = create(None, kind="party_cell", name="Chi bộ Một", parent=committee, valid_from=START)
    people = []
    for name in ("Văn Thị Hoa", "Đỗ Văn Khải", "Thân Văn Lộc"):
        person = actions.create_person(None, home_org=committee, full_name=name, gender="male")
        actions.transfer_in(
            None, person, cell, START, admitted_on=dt.date(2005, 1, 1),
            official_on=dt.date(2006, 1, 1),
        )  # fmt: skip
        people.append(person)
    actions.suspend_member(
        None, people[1], decision="Quyết định số 04-QĐ/ĐUK", valid_from=dt.date(2024, 10, 1)
    )
    forms = statforms.compute(above, dt.date(2024, 12, 31))
    lines = {line.key: line for line in forms.sheet("6F-BTCTW").lines}
    assert lines["m3"].values[0] == 3
    assert lines["m3c"].values[0] == 1
    assert lines["m3b"].values[0] == 0
    records = statforms.Records(above, forms.period)
    assert [i.id for i in records.select("end|reviewed=0&suspended=1")[1]] == [people[1].id]
