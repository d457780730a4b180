"""An invented school's Party committee and its cells for the monthly meeting tests (not the
demo): a cell of six members, one of them exempt from meetings from 2023, a second cell of two,
the cell secretary in a term and two documents in the cell's register."""

import datetime as dt
from types import SimpleNamespace

import pytest

from dangvu.documents import actions as document_actions
from dangvu.meetings import actions
from dangvu.meetings.models import Activity, Attendance
from dangvu.orgs import actions as org_actions
from dangvu.people import actions as people_actions

START = dt.date(2015, 1, 1)
NAMES = [
    "Lê Thị Hoa",
    "Trần Văn Bình",
    "Phạm Minh Châu",
    "Nguyễn Thị Dung",
    "Võ Văn Em",
    "Đặng Thị Giang",
]


def _member(name, cell, home, email):
    p = people_actions.create_person(
        None, home_org=home, full_name=name, gender="female", birth_date=dt.date(1980, 3, 3)
    )
    if email:
        p.email = email
        p.save(update_fields=["email"])
    people_actions.transfer_in(
        None, p, cell, START, admitted_on=dt.date(2005, 1, 1), official_on=dt.date(2006, 1, 1)
    )
    return p


@pytest.fixture
def school(db):
    """Đảng bộ Trường Thử: a cell of six members (one exempt from meetings from 2023), a second
    cell of two, a secretary in a term, symbols for the register."""
    create = org_actions.create_org
    committee = create(
        None,
        kind="party_committee",
        name="Đảng bộ Trường Thử",
        valid_from=START,
        symbol="ĐU",
        place="Vĩnh Long",
    )
    cell = create(
        None,
        kind="party_cell",
        name="Chi bộ Giáo viên",
        parent=committee,
        valid_from=START,
        symbol="CB",
    )
    other = create(
        None,
        kind="party_cell",
        name="Chi bộ Hành chính",
        parent=committee,
        valid_from=START,
        symbol="CB",
    )
    members = [
        _member(n, cell, committee, f"dv{i}@truong.example" if i != 4 else "")
        for i, n in enumerate(NAMES)
    ]
    others = [
        _member("Hồ Văn Khải", other, committee, "khai@truong.example"),
        _member("Mai Thị Lan", other, committee, "lan@truong.example"),
    ]
    term = org_actions.open_term(None, cell, name="2020-2025", valid_from=dt.date(2020, 7, 1))
    org_actions.appoint(None, term, members[0], "secretary", dt.date(2020, 7, 1))
    people_actions.exempt_member(
        None,
        members[5],
        decision="Quyết định số 12-QĐ/ĐU ngày 05/01/2023 của Đảng ủy",
        valid_from=dt.date(2023, 1, 5),
        reason="Tuổi cao, sức yếu",
    )
    docs = [
        document_actions.register_document(
            None,
            owner_org=cell,
            direction="incoming",
            doc_type=doc_type,
            symbol=symbol,
            issuer_name="Tỉnh ủy Vĩnh Long",
            date=dt.date(2023, 1, 3),
            subject=subject,
        )
        for doc_type, symbol, subject in (
            ("Chỉ thị", "21-CT/TU", "về tăng cường công tác dân vận"),
            ("Kế hoạch", "35-KH/TU", "thực hiện chuyên đề năm 2023"),
        )
    ]
    return SimpleNamespace(
        committee=committee, cell=cell, other=other, members=members, others=others, docs=docs
    )


def hold_meeting(school, month, absent=(), excused=(), results=None, tasks=2, issue=True):
    """Plan, attendance and conclusion of the cell's meeting of `month` 2023."""
    day = dt.date(2023, month, 8)
    activity = actions.plan_meeting(
        None,
        cell=school.cell,
        starts_on=day,
        place="Phòng họp nhà trường",
        theme="Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh về nêu gương",
        documents=school.docs,
    )
    members, _exempt = actions.cell_roll(school.cell, day)
    entries = {}
    for person in members:
        if person in absent:
            entries[person] = Attendance.Status.ABSENT
        elif person in excused:
            entries[person] = (Attendance.Status.EXCUSED, "Đi công tác")
        else:
            entries[person] = Attendance.Status.PRESENT
    actions.record_attendance(None, activity, entries)
    actions.conclude_meeting(
        None,
        activity,
        chair=school.members[0],
        recorder=school.members[1],
        key_points="Đảng viên thống nhất các nội dung được nêu.",
        resolution="Chi bộ thống nhất nâng cao chất lượng giảng dạy.",
        quality="good",
        score="92,5",
        tasks=[
            {
                "text": f"Hoàn thành nhiệm vụ số {i + 1} của tháng {month}",
                "assignee": school.members[i + 1],
                "deadline": day + dt.timedelta(days=20),
            }
            for i in range(tasks)
        ],
        results=results,
    )
    if issue:
        actions.issue_resolution(None, activity)
    return Activity.objects.get(pk=activity.pk)
