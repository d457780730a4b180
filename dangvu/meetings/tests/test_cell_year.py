"""A cell secretary's year of meetings read paper by paper, for a cell invented here (the
`school` fixture, grown with the members a village cell has in a year: a probationary member,
one exempt for a while, one who dies): the papers must state figures that can be true."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from dangvu.core.facts import Period, compute
from dangvu.lib import checker
from dangvu.meetings import actions, paper, roll
from dangvu.meetings.facts import cell_months
from dangvu.meetings.models import Attendance, MeetingTask
from dangvu.orgs import actions as org_actions
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


def _thematic(school, day, theme):
    activity = actions.plan_meeting(
        None, cell=school.cell, kind="thematic_meeting", starts_on=day, theme=theme
    )
    members, _exempt = actions.cell_roll(school.cell, day)
    actions.record_attendance(None, activity, dict.fromkeys(members, Attendance.Status.PRESENT))
    actions.conclude_meeting(
        None,
        activity,
        chair=school.members[0],
        recorder=school.members[1],
        resolution="Chi bộ thống nhất học tập chuyên đề.",
    )
    return activity


def test_a_thematic_meeting_does_not_review_the_months_fresh_tasks(school):
    regular = hold_meeting(school, 5)
    thematic = _thematic(school, dt.date(2023, 5, 19), "Kỷ niệm ngày sinh Chủ tịch Hồ Chí Minh")
    # Nor may it record their results.
    with pytest.raises(ValidationError, match="không thuộc nghị quyết tháng trước"):
        actions.conclude_meeting(
            None,
            thematic,
            chair=school.members[0],
            results={MeetingTask.objects.filter(minutes__activity=regular).first().id: "done"},
        )
    actions.issue_resolution(None, thematic)
    resolution = to_markdown(paper.resolution_document(thematic))
    minutes = to_markdown(paper.minutes_document(thematic))
    # The tasks the regular meeting gave on 08/05 are not "last month's" eleven days later.
    for text in (resolution, minutes):
        assert "Nghị quyết sinh hoạt ngày 08/05/2023" not in text
        assert "tháng trước" not in text
        assert checker.check_markdown(text) == [], text
    assert "I. NỘI DUNG SINH HOẠT CHUYÊN ĐỀ" in resolution
    assert "II. NHIỆM VỤ THÁNG TỚI" in resolution
    assert "sinh hoạt chuyên đề tháng 5 năm 2023" in resolution
    assert "NGHỊ QUYẾT\n\n**chi bộ tháng 5 năm 2023**" in to_markdown(
        paper.resolution_document(regular)
    )
    # The June meeting reviews May's regular resolution.
    june = hold_meeting(school, 6, issue=False)
    assert roll.previous_meeting(june) == regular


def test_unfinished_tasks_are_carried_until_done(school):
    january = hold_meeting(school, 1, tasks=2)
    first, second = MeetingTask.objects.filter(minutes__activity=january).order_by("id")
    february = hold_meeting(
        school, 2, tasks=1, results={first.id: ("done", ""), second.id: ("partly", "Còn 2 lớp")}
    )
    (feb_task,) = MeetingTask.objects.filter(minutes__activity=february)
    march = hold_meeting(
        school, 3, tasks=0, results={feb_task.id: "done", second.id: ("done", "Đủ các lớp")}
    )
    text = to_markdown(paper.resolution_document(march))
    # January's task left partly done in February is read out again in March, with its result.
    assert "Có 01 nhiệm vụ chưa hoàn thành của các tháng trước chuyển sang:" in text
    assert f"{second.text} (nghị quyết ngày 08/01/2023)" in text
    assert "Kết quả: hoàn thành (Đủ các lớp)" in text
    assert first.text not in text
    # Done in March, it is not carried into April.
    april = hold_meeting(school, 4, tasks=0, issue=False)
    assert second.text not in to_markdown(paper.resolution_document(april))


def test_a_regular_meetings_conclusions_are_not_filed_under_a_missing_theme(school):
    activity = actions.plan_meeting(None, cell=school.cell, starts_on=dt.date(2023, 2, 8))
    members, _exempt = actions.cell_roll(school.cell, activity.starts_on)
    actions.record_attendance(None, activity, dict.fromkeys(members, Attendance.Status.PRESENT))
    actions.conclude_meeting(
        None, activity, chair=school.members[0], resolution="Chi bộ thống nhất sửa mái trường."
    )
    text = to_markdown(paper.resolution_document(activity))
    theme_part = text[text.index("NỘI DUNG SINH HOẠT CHUYÊN ĐỀ") : text.index("NHIỆM VỤ THÁNG TỚI")]
    assert "Tháng này chi bộ không sinh hoạt chuyên đề." in theme_part
    assert "sửa mái trường" not in theme_part
    assert "sửa mái trường" in text[text.index("NHIỆM VỤ THÁNG TỚI") :]


def test_a_member_entered_after_the_roll_is_named_and_blocks_the_numbers(school):
    """A member transferred in before the meeting but entered after its attendance: the papers
    must not say "Có mặt 5/6 … không có đảng viên vắng mặt", and no number is taken."""
    day = dt.date(2023, 4, 8)
    activity = actions.plan_meeting(None, cell=school.cell, starts_on=day)
    members, _exempt = actions.cell_roll(school.cell, day)
    actions.record_attendance(None, activity, dict.fromkeys(members, Attendance.Status.PRESENT))
    actions.conclude_meeting(None, activity, chair=school.members[0], recorder=school.members[1])
    late_entry = people_actions.create_person(
        None, home_org=school.committee, full_name="Cao Văn Đến", gender="male"
    )
    people_actions.transfer_in(
        None, late_entry, school.cell, dt.date(2023, 4, 1), admitted_on=dt.date(2010, 1, 1),
        official_on=dt.date(2011, 1, 1),
    )  # fmt: skip
    text = to_markdown(paper.resolution_document(activity))
    assert "Có mặt 5/6 đảng viên; chưa điểm danh 01 đồng chí (Cao Văn Đến)." in text
    with pytest.raises(ValidationError, match="Chưa điểm danh 1 đảng viên .*Cao Văn Đến"):
        actions.issue_resolution(None, activity)
    activity.plan.refresh_from_db()
    assert activity.plan.resolution_doc is None
    actions.record_attendance(
        None, activity, {late_entry: (Attendance.Status.EXCUSED, "Chưa nhận sinh hoạt")},
        replacing=[late_entry.id],
    )  # fmt: skip
    actions.issue_resolution(None, activity)
    text = to_markdown(paper.resolution_document(activity))
    assert "Có mặt 5/6 đảng viên; vắng 01 đồng chí (có lý do 01" in text


def test_a_joint_meeting_counts_each_cells_own_members_once(school):
    """Both cells hold their March meeting together; a row was recorded for the exempt member.
    Each cell's rate is of its own members; the committee counts every member once."""
    day = dt.date(2023, 3, 15)
    joint = actions.create_activity(
        None, kind="regular_meeting", title="Sinh hoạt ghép hai chi bộ", starts_on=day,
        organizers=[school.cell, school.other],
    )  # fmt: skip
    mine, (exempt,) = actions.cell_roll(school.cell, day)
    theirs, _none = actions.cell_roll(school.other, day)
    entries = dict.fromkeys(mine[:4] + theirs, Attendance.Status.PRESENT)
    entries |= dict.fromkeys(mine[4:] + [exempt], Attendance.Status.ABSENT)
    actions.record_attendance(None, joint, entries)
    march = Period(dt.date(2023, 3, 1), dt.date(2023, 3, 31))
    rows = {r.cell: r for r in cell_months(school.committee, march)}
    assert (rows[school.cell].present, rows[school.cell].recorded) == (4, len(mine))
    assert (rows[school.other].present, rows[school.other].recorded) == (2, 2)
    overview = compute(school.committee, march)
    assert overview["cell_meetings.held"].value == 2
    assert overview["cell_meetings.attendance_rate"].value == round(
        Decimal(100 * 6) / (len(mine) + 2), 1
    )
    assert compute(school.cell, march)["cell_meetings.attendance_rate"].value == round(
        Decimal(100 * 4) / len(mine), 1
    )


def test_the_notice_and_minutes_state_the_hours_and_the_weekday(school):
    day = dt.date(2023, 3, 10)  # a Friday
    activity = actions.plan_meeting(
        None, cell=school.cell, starts_on=day, starts_at=dt.time(7, 30), place="Hội trường"
    )
    notice = to_markdown(paper.notice_document(activity))
    assert "vào lúc 7 giờ 30, thứ Sáu, ngày 10/03/2023, tại Hội trường." in notice
    members, _exempt = actions.cell_roll(school.cell, day)
    actions.record_attendance(None, activity, dict.fromkeys(members, Attendance.Status.PRESENT))
    with pytest.raises(ValidationError, match="Giờ kết thúc \\(7 giờ 00\\) phải sau giờ bắt đầu"):
        actions.conclude_meeting(None, activity, chair=school.members[0], ends_at=dt.time(7, 0))
    actions.conclude_meeting(None, activity, chair=school.members[0], ends_at=dt.time(10, 15))
    minutes = to_markdown(paper.minutes_document(activity))
    assert "Thời gian: bắt đầu lúc 7 giờ 30, thứ Sáu, ngày 10/03/2023." in minutes
    assert "Buổi sinh hoạt kết thúc lúc 10 giờ 15 cùng ngày." in minutes
    assert checker.check_markdown(minutes) == [], minutes


def test_the_secretary_enters_the_hours_in_the_forms(school, user_with):
    client = user_with("secretary", school.cell)
    response = client.post(
        "/sinh-hoat/ke-hoach/",
        {"chi_bo": school.cell.slug, "starts_on": "2023-03-10", "starts_at": "07:30",
         "kind": "regular_meeting"},
    )  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:2000]
    activity = paper.month_meeting(school.cell, 2023, 3)
    assert "07:30, 10/03/2023" in client.get(f"/sinh-hoat/{activity.id}/").content.decode()
    members, _exempt = actions.cell_roll(school.cell, activity.starts_on)
    actions.record_attendance(None, activity, dict.fromkeys(members, Attendance.Status.PRESENT))
    url = f"/sinh-hoat/{activity.id}/ket-luan/"
    bad = client.post(url, {"chair": school.members[0].id, "ends_at": "06:00"})
    assert bad.status_code == 400 and "phải sau giờ bắt đầu" in bad.content.decode()
    assert client.post(url, {"chair": school.members[0].id, "ends_at": "09:45"}).status_code == 302
    activity.plan.refresh_from_db()
    assert activity.plan.ends_at == dt.time(9, 45)
    assert 'value="09:45"' in client.get(url).content.decode()


def test_a_cell_without_a_committee_is_led_by_its_secretary(school):
    """The school's cell has six members (fewer than nine full ones): no chi ủy to carry out a
    task nobody was given, nor to answer for the resolution; a cell of nine has one."""
    activity = hold_meeting(school, 2, tasks=0, issue=False)
    actions.conclude_meeting(
        None, activity, chair=school.members[0], tasks=[{"text": "Sửa mái trường"}]
    )
    text = to_markdown(paper.resolution_document(activity))
    assert "Sửa mái trường: bí thư chi bộ thực hiện." in text
    assert "Bí thư chi bộ, các đồng chí đảng viên trong chi bộ có trách nhiệm" in text
    assert "chi ủy" not in text.lower()
    for i in range(3):
        people_actions.transfer_in(
            None,
            people_actions.create_person(
                None, home_org=school.committee, full_name=f"Lý Văn Tới {i}", gender="male"
            ),
            school.cell,
            dt.date(2023, 3, 1),
            admitted_on=dt.date(2010, 1, 1),
            official_on=dt.date(2011, 1, 1),
        )
    march = hold_meeting(school, 3, tasks=0, issue=False)
    actions.conclude_meeting(None, march, chair=school.members[0], tasks=[{"text": "Sửa cổng"}])
    assert "Sửa cổng: chi ủy thực hiện." in to_markdown(paper.resolution_document(march))


def test_papers_name_the_superior_of_the_meeting_day_by_its_executive(school):
    district = org_actions.create_org(
        None,
        kind="superior_committee",
        name="Đảng bộ huyện Kênh Thử",
        valid_from=dt.date(2000, 1, 1),
    )
    org_actions.move_org(None, school.cell, district, dt.date(2023, 6, 1))
    before = to_markdown(paper.resolution_document(hold_meeting(school, 3)))
    after = to_markdown(paper.resolution_document(hold_meeting(school, 7)))
    # Before the move: the grassroots committee it stood under, signing as its Đảng ủy.
    assert "ĐẢNG BỘ TRƯỜNG THỬ" in before and "- Đảng ủy Trường Thử (b/c);" in before
    # After: the district, whose executive is the Huyện ủy, not an "Đảng ủy huyện".
    assert "ĐẢNG BỘ HUYỆN KÊNH THỬ" in after and "- Huyện ủy Kênh Thử (b/c);" in after
    assert "TRƯỜNG THỬ" not in after.split("NGHỊ QUYẾT")[0]
