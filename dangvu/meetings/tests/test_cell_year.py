"""A cell secretary's year of meetings read paper by paper, for a cell invented here (the
`school` fixture, grown with the members a village cell has in a year: a probationary member,
one exempt for a while, one who dies): the papers must state figures that can be true."""

import datetime as dt

from dangvu.meetings import paper
from dangvu.people import actions as people_actions
from dangvu.reports.render import to_markdown

from .monthly_world import hold_meeting


def _admit(school, name, day):
    person = people_actions.create_person(
        None,
        home_org=school.committee,
        full_name=name,
        gender="male",
        birth_date=dt.date(2000, 2, 2),
    )
    people_actions.admit(None, person, school.cell, day)
    return person


def test_probationary_members_take_part_but_do_not_adopt_the_resolution(school):
    _admit(school, "Đinh Văn Mới", dt.date(2022, 9, 1))
    activity = hold_meeting(school, 3)
    resolution = to_markdown(paper.resolution_document(activity))
    minutes = to_markdown(paper.minutes_document(activity))
    # Seven members, one exempt: six present, of whom five full members vote.
    assert "Có mặt 6/6 đảng viên" in resolution
    assert "Nghị quyết được 05/05 đảng viên chính thức có mặt biểu quyết nhất trí" in resolution
    assert "Tổng số đảng viên của chi bộ: 07 đồng chí (chính thức 06, dự bị 01)" in minutes
