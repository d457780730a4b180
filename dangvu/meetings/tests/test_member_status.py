"""Members listed apart from a cell's roll (rules/member_status, rules/cell_meeting/quorum): a
member suspended from Party activities is not summoned nor counted; a member attending another
cell for a while is left out of their own cell's count unless they come; members of other cells
attending for a while are named in the host's minutes, never counted among its members nor in its
quorum. The sewing workshop of `workshop.py`, an invented enterprise."""

import datetime as dt

from dangvu.core.facts import Period, compute
from dangvu.meetings import actions, paper
from dangvu.meetings.models import Activity, Attendance
from dangvu.people import actions as people_actions
from dangvu.reports.render import to_markdown

from .workshop import EVENING, evening_meeting

JUNE = dt.date(2024, 6, 5)


def _suspend(person, since=dt.date(2024, 5, 2)):
    return people_actions.suspend_member(
        None,
        person,
        decision="Quyết định số 07-QĐ/ĐU ngày 02/5/2024 của Ban Thường vụ Đảng ủy",
        valid_from=since,
        reason="Bị khởi tố, tạm giam",
    )


def test_a_suspended_member_is_listed_apart_and_left_out_of_the_quorum(workshop):
    """Eight full members, four present, three absent without reason: 4/8 is not more than
    half. With the eighth suspended, the cell counts seven: 4/7 is."""
    s = workshop.sewers
    _suspend(s[7])
    june = evening_meeting(workshop, JUNE, absent=s[4:7])
    assert s[7].id not in {a.person_id for a in june.attendances.all()}
    minutes = to_markdown(paper.minutes_document(june))
    assert "Tổng số đảng viên của chi bộ: 10 đồng chí (chính thức 08, dự bị 02)." in minutes
    assert f"Bị đình chỉ sinh hoạt đảng: 01 đồng chí ({s[7].full_name})" in minutes
    assert "Đảng viên chính thức có mặt 04/07 đồng chí, quá một nửa" in minutes
    roll = paper.roll_of(june)
    assert s[7] not in roll.voters and s[7] not in roll.expected

    # Lifted the day before the next meeting: on the roll again, counted again.
    people_actions.lift_suspension(None, s[7], dt.date(2024, 7, 1))
    july = evening_meeting(workshop, dt.date(2024, 7, 3), absent=s[4:8])
    minutes = to_markdown(paper.minutes_document(july))
    assert "Bị đình chỉ" not in minutes
    assert "Đảng viên chính thức có mặt 04/08 đồng chí, chưa quá một nửa" in minutes


def _cutting_meeting(workshop, day, present):
    activity = actions.plan_meeting(
        None, cell=workshop.cutting, starts_on=day, starts_at=EVENING, place="Xưởng cắt"
    )
    members, _exempt = actions.cell_roll(workshop.cutting, day)
    entries = {
        p: Attendance.Status.PRESENT if p in present else Attendance.Status.ABSENT for p in members
    }
    actions.record_attendance(None, activity, entries)
    actions.conclude_meeting(
        None, activity, chair=present[0], recorder=present[-1], ends_at=dt.time(21, 0)
    )
    return Activity.objects.get(pk=activity.pk)


def test_members_attending_a_cell_for_a_while_are_named_apart_never_counted(workshop):
    cutter = workshop.cutters[2]
    people_actions.attach_temporarily(
        None,
        workshop.cell,
        person=cutter,
        papers="Giấy giới thiệu số 03-GGT/ĐU ngày 20/5/2024",
        valid_from=dt.date(2024, 5, 20),
    )
    people_actions.attach_temporarily(
        None,
        workshop.cell,
        full_name="Hà Văn Tuấn",
        home_org_name="Chi bộ Kho vận, Đảng bộ Công ty Dệt Thử",
        papers="Giấy giới thiệu số 15-GGT/ĐU ngày 02/5/2024",
        valid_from=dt.date(2024, 5, 6),
        valid_to=dt.date(2024, 11, 6),
    )
    june = evening_meeting(workshop, JUNE, absent=workshop.sewers[4:8])
    minutes = to_markdown(paper.minutes_document(june))
    # The host's count and quorum are its own members' alone.
    assert "Tổng số đảng viên của chi bộ: 10 đồng chí" in minutes
    assert "Đảng viên chính thức có mặt 04/08 đồng chí, chưa quá một nửa" in minutes
    assert (
        "Đảng viên sinh hoạt tạm thời tại chi bộ: 02 đồng chí (Hà Văn Tuấn (Chi bộ Kho vận, "
        f"Đảng bộ Công ty Dệt Thử), {cutter.full_name} (Chi bộ Phân xưởng Cắt)), dự sinh hoạt, "
        "không biểu quyết, không tính vào đảng số của chi bộ." in minutes
    )

    # In their own cell the attached cutter is listed apart and left out of the count: two of
    # two full members present, not two of three.
    home = _cutting_meeting(workshop, JUNE, present=workshop.cutters[:2])
    minutes = to_markdown(paper.minutes_document(home))
    assert "Tổng số đảng viên của chi bộ: 03 đồng chí" in minutes
    assert (
        f"Giới thiệu sinh hoạt tạm thời đi nơi khác: 01 đồng chí ({cutter.full_name} tại Chi bộ "
        "Phân xưởng May 2), không tính vào số đảng viên phải dự." in minutes
    )
    assert "Đảng viên chính thức có mặt 02/02 đồng chí, quá một nửa" in minutes


def test_reports_state_them_apart_from_the_count_of_members(workshop):
    cutter = workshop.cutters[2]
    day = dt.date(2024, 5, 20)
    people_actions.attach_temporarily(
        None, workshop.cell, person=cutter, papers="Giấy giới thiệu số 03", valid_from=day
    )
    people_actions.attach_temporarily(
        None,
        workshop.cell,
        full_name="Hà Văn Tuấn",
        home_org_name="Chi bộ Kho vận, Đảng bộ Công ty Dệt Thử",
        papers="Giấy giới thiệu số 15",
        valid_from=day,
    )
    _suspend(workshop.sewers[7])
    period = Period.year(2024)
    cell = compute(workshop.cell, period)
    assert cell["party.members"].value == 10  # its own members, the suspended one among them
    assert cell["party.members.temporary"].value == 2
    assert cell["party.members.suspended"].value == 1
    assert cell["party.members.status_note"].value == (
        "Ngoài ra, có 02 đồng chí sinh hoạt đảng tạm thời (không tính vào số đảng viên trên). "
        "Trong số đảng viên trên, có 01 đồng chí bị đình chỉ sinh hoạt đảng."
    )
    # The committee counts the cutter once, in the cutting cell: only the outsider is extra.
    committee = compute(workshop.company, period)
    assert committee["party.members"].value == 13
    assert committee["party.members.temporary"].value == 1
    assert committee["party.members.status_note"].value.startswith(
        "Ngoài ra, có 01 đồng chí sinh hoạt đảng tạm thời"
    )
