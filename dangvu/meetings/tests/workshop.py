"""An invented enterprise's Party committee for the meeting tests (not the demo): the cell of a
sewing workshop, whose ten members (two on probation) meet in the evening after the shift, one
of them on leave at times, and the cell of the cutting workshop next door."""

import datetime as dt
from types import SimpleNamespace

import pytest

from dangvu.meetings import actions
from dangvu.meetings.models import Activity, Attendance
from dangvu.orgs import actions as org_actions
from dangvu.people import actions as people_actions

START = dt.date(2018, 1, 1)
EVENING = dt.time(19, 0)
SEWERS = [
    "Lương Văn Sáng",
    "Kiều Thị Mai",
    "Tạ Văn Chiến",
    "Quách Thị Hạnh",
    "Lò Văn Khánh",
    "Vi Thị Liên",
    "Đàm Văn Nghĩa",
    "Ninh Thị Oanh",
]
NEWCOMERS = ["Chu Văn Phát", "Giáp Thị Quyên"]  # admitted in 2024: on probation that year
CUTTERS = ["Mạc Văn Sơn", "La Thị Thu", "Khổng Văn Ước"]


def _member(name, cell, home, admitted=None):
    person = people_actions.create_person(
        None, home_org=home, full_name=name, gender="male", birth_date=dt.date(1988, 6, 6)
    )
    if admitted:
        people_actions.admit(None, person, cell, admitted)
    else:
        people_actions.transfer_in(
            None,
            person,
            cell,
            START,
            admitted_on=dt.date(2010, 1, 1),
            official_on=dt.date(2011, 1, 1),
        )
    return person


@pytest.fixture
def workshop(db):
    create = org_actions.create_org
    company = create(
        None,
        kind="party_committee",
        name="Đảng bộ Công ty Cổ phần May Thử",
        valid_from=START,
        symbol="ĐU",
        place="Nam Định",
    )
    cell = create(
        None,
        kind="party_cell",
        name="Chi bộ Phân xưởng May 2",
        parent=company,
        valid_from=START,
        symbol="CB",
    )
    cutting = create(
        None,
        kind="party_cell",
        name="Chi bộ Phân xưởng Cắt",
        parent=company,
        valid_from=START,
        symbol="CB",
    )
    sewers = [_member(n, cell, company) for n in SEWERS]
    newcomers = [_member(n, cell, company, admitted=dt.date(2024, 3, 1)) for n in NEWCOMERS]
    cutters = [_member(n, cutting, company) for n in CUTTERS]
    term = org_actions.open_term(None, cell, name="2020-2025", valid_from=dt.date(2020, 7, 1))
    org_actions.appoint(None, term, sewers[0], "secretary", dt.date(2020, 7, 1))
    return SimpleNamespace(
        company=company, cell=cell, cutting=cutting, sewers=sewers, newcomers=newcomers,
        cutters=cutters,
    )  # fmt: skip


def evening_meeting(workshop, day, *, away=None, absent=(), recorder=True, **conclusion):
    """Plan, attendance and conclusion of the sewing cell's regular meeting at 19:00 on `day`:
    `away` {person: reason} excused, `absent` without reason, everyone else present."""
    activity = actions.plan_meeting(
        None, cell=workshop.cell, starts_on=day, starts_at=EVENING, place="Nhà ăn phân xưởng"
    )
    members, _exempt = actions.cell_roll(workshop.cell, day)
    away = away or {}
    entries = {}
    for person in members:
        if person in away:
            entries[person] = (Attendance.Status.EXCUSED, away[person])
        elif person in absent:
            entries[person] = Attendance.Status.ABSENT
        else:
            entries[person] = Attendance.Status.PRESENT
    actions.record_attendance(None, activity, entries)
    actions.conclude_meeting(
        None,
        activity,
        chair=workshop.sewers[0],
        recorder=workshop.sewers[1] if recorder else None,
        ends_at=dt.time(21, 0),
        **conclusion,
    )
    return Activity.objects.get(pk=activity.pk)
