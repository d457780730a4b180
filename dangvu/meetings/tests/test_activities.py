"""Activities, attendance, meeting minutes: actions, facts and pages."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from dangvu.meetings import actions
from dangvu.meetings.models import Activity, Attendance, MeetingMinutes, MeetingTask
from dangvu.people import actions as people_actions

from .conftest import facts

DAY = dt.date(2017, 3, 6)
A = Activity.Kind


def _dissemination(world, attendance=None, **extra):
    activity = actions.create_activity(
        None,
        kind=A.DISSEMINATION,
        title="Quán triệt Chỉ thị 05",
        starts_on=DAY,
        organizers=[world.cell1],
        **extra,
    )
    if attendance is not None:
        actions.record_attendance(None, activity, attendance)
    return activity


def test_sessions_and_attendances_come_from_per_person_records(world):
    attendance = {p: "present" for p in world.members1[:5]}
    attendance[world.members1[5]] = ("excused", "Đi công tác")
    _dissemination(world, attendance)
    f = facts(world.committee)
    assert f["activities.dissemination.sessions"] == 1
    assert f["activities.dissemination.attendances"] == 5
    # Outside participants are head counts, added to the members present.
    _dissemination(world, {world.members1[0]: "present"}, head_count=10)
    f = facts(world.committee)
    assert (f["activities.dissemination.sessions"], f["activities.dissemination.attendances"]) == (
        2,
        16,
    )
    assert facts(world.cell1)["activities.dissemination.sessions"] == 2
    assert facts(world.cell2)["activities.dissemination.sessions"] == 0
    assert facts(world.committee, 2016)["activities.dissemination.sessions"] == 0


def test_the_figure_lists_the_activities_behind_it(world):
    a = _dissemination(world, {world.members1[0]: "present"})
    from dangvu.core.facts import Period, compute

    figure = compute(world.committee, Period.year(2017))["activities.dissemination.sessions"]
    assert figure.records == {"meetings.activity": frozenset({a.id})}


def test_an_end_before_the_start_writes_nothing(world):
    with pytest.raises(ValidationError, match="Ngày kết thúc"):
        actions.create_activity(
            None,
            kind=A.CONFERENCE,
            title="Hội nghị",
            starts_on=DAY,
            ends_on=DAY - dt.timedelta(days=1),
            organizers=[world.committee],
        )
    assert not Activity.objects.exists()


def test_attendance_of_someone_outside_the_cell_is_refused(world):
    activity = _dissemination(world, {world.members1[0]: "present"})
    with pytest.raises(ValidationError, match="Đảng Viên 2-0"):
        actions.record_attendance(
            None, activity, {world.members1[1]: "present", world.members2[0]: "present"}
        )
    # The earlier attendance is untouched.
    assert list(activity.attendances.values_list("person_id", flat=True)) == [world.members1[0].id]


def test_attendance_above_the_membership_is_refused(world):
    activity = _dissemination(world)
    everyone = [*world.members1, *world.members2, world.outsider]
    with pytest.raises(ValidationError, match="vượt quá số thành viên"):
        actions.record_attendance(None, activity, {p: "present" for p in everyone})
    assert not Attendance.objects.exists()


def test_members_are_taken_on_the_day_of_the_activity(world):
    leaver = world.members1[0]
    people_actions.transfer_out(None, leaver, dt.date(2017, 2, 1), "Nơi khác")
    activity = _dissemination(world)
    with pytest.raises(ValidationError, match="Không phải thành viên"):
        actions.record_attendance(None, activity, {leaver: "present"})


def test_a_meeting_with_minutes_tasks_and_attendance(world):
    attendance = {p: "present" for p in world.members1}
    attendance[world.members1[0]] = ("absent", "")
    meeting = actions.record_meeting(
        None,
        cell=world.cell1,
        kind=A.REGULAR_MEETING,
        starts_on=DAY,
        attendance=attendance,
        fee_note="Thu đảng phí tháng 3.",
        resolution="Nghị quyết tháng 3.",
        quality="good",
        score="92,5",
        chair=world.members1[1],
        tasks=[{"text": "Viết bài thu hoạch", "deadline": DAY + dt.timedelta(days=10)}],
    )
    assert meeting.title == "Sinh hoạt chi bộ thường kỳ tháng 3/2017 — Chi bộ Một"
    assert str(meeting.minutes.score) == "92.5"
    assert meeting.minutes.tasks.get().text == "Viết bài thu hoạch"
    f = facts(world.committee)
    assert (
        f["activities.regular_meeting.sessions"],
        f["activities.regular_meeting.attendances"],
    ) == (1, 5)


@pytest.mark.parametrize(
    "bad, message",
    [
        ({"score": "101"}, "0–100"),
        ({"score": "-1"}, "0–100"),
        ({"score": "90,55"}, "một chữ số thập phân"),
        ({"tasks": [{"text": "Việc", "deadline": DAY - dt.timedelta(days=1)}]}, "trước ngày họp"),
        ({"kind": A.CONFERENCE}, "thường kỳ hoặc chuyên đề"),
    ],
)
def test_a_bad_meeting_writes_nothing(world, bad, message):
    data = {
        "cell": world.cell1,
        "kind": A.REGULAR_MEETING,
        "starts_on": DAY,
        "attendance": {world.members1[0]: "present"},
    } | bad
    with pytest.raises(ValidationError, match=message):
        actions.record_meeting(None, **data)
    assert not Activity.objects.exists()
    assert not MeetingMinutes.objects.exists() and not MeetingTask.objects.exists()


def test_events_organized_elsewhere_count_as_attended(world):
    actions.create_activity(
        None,
        kind=A.CONFERENCE,
        title="Hội nghị của Tỉnh ủy",
        starts_on=DAY,
        host_name="Tỉnh ủy",
        participants=[world.committee],
    )
    f = facts(world.committee)
    assert f["activities.conference.sessions"] == 0
    assert f["activities.conference.attended"] == 1
    assert f["activities.attended.sessions"] == 1
    with pytest.raises(ValidationError, match="cần ghi tên đơn vị tổ chức"):
        actions.create_activity(
            None,
            kind=A.CONFERENCE,
            title="Không rõ ai tổ chức",
            starts_on=DAY,
            participants=[world.committee],
        )


def test_contest_participants_split_members_and_youth(world):
    contest = actions.create_activity(
        None,
        kind=A.CONTEST,
        key="cuoc-thi",
        title="Cuộc thi viết",
        starts_on=DAY,
        host_name="Tỉnh ủy",
        participants=[world.committee],
    )
    writers = [world.members1[0], world.members2[0], world.masses[0]]
    actions.record_attendance(None, contest, {p: "present" for p in writers})
    f = facts(world.committee)
    assert f["contests.cuoc-thi.participants"] == 3
    assert f["contests.cuoc-thi.members"] == 2


def test_update_keeps_attendance_consistent_with_the_day(world):
    activity = _dissemination(world, {world.members1[0]: "present"})
    people_actions.transfer_out(None, world.members1[0], dt.date(2017, 4, 1), "Nơi khác")
    with pytest.raises(ValidationError, match="không còn là thành viên"):
        actions.update_activity(None, activity, starts_on=dt.date(2017, 5, 1))
    activity.refresh_from_db()
    assert activity.starts_on == DAY


# Pages ------------------------------------------------------------------------------------------


def _meeting_url(world, day="2017-03-06"):
    return f"/hoat-dong/sinh-hoat-chi-bo/?chi_bo={world.cell1.slug}&ngay={day}"


def test_recording_a_meeting_through_the_form(world, user_with):
    client = user_with("secretary", world.cell1)
    page = client.get(_meeting_url(world))
    assert page.status_code == 200
    assert all(p.full_name in page.content.decode() for p in world.members1)
    assert world.members2[0].full_name not in page.content.decode()
    data = {f"p_{p.id}": "present" for p in world.members1}
    data[f"p_{world.members1[2].id}"] = "excused"
    data[f"r_{world.members1[2].id}"] = "Nghỉ phép"
    data |= {"kind": A.REGULAR_MEETING, "resolution": "Thống nhất", "score": "90"}
    response = client.post(_meeting_url(world), data)
    assert response.status_code == 302
    meeting = Activity.objects.get()
    assert meeting.attendances.filter(status="present").count() == 5
    assert meeting.attendances.get(status="excused").reason == "Nghỉ phép"
    listing = client.get("/hoat-dong/?nam=2017")
    assert meeting.title in listing.content.decode()
    assert listing.context["attendances"] == 5


def test_a_posted_outsider_makes_the_meeting_form_fail(world, user_with):
    client = user_with("secretary", world.cell1)
    data = {
        f"p_{world.members1[0].id}": "present",
        f"p_{world.members2[0].id}": "present",
        "kind": A.REGULAR_MEETING,
    }
    response = client.post(_meeting_url(world), data)
    assert response.status_code == 400
    # Refused without naming the member of the other cell (outside the secretary's scope).
    assert "không thuộc phạm vi bạn được điểm danh" in response.content.decode()
    assert world.members2[0].full_name not in response.content.decode()
    assert not Activity.objects.exists()


def test_the_activity_form_refuses_an_end_before_the_start(world, user_with):
    client = user_with("office", world.committee)
    response = client.post(
        "/hoat-dong/them/",
        {
            "kind": A.CONFERENCE,
            "title": "Hội nghị",
            "starts_on": "2017-03-06",
            "ends_on": "2017-03-01",
            "organizers": [world.committee.id],
        },
    )
    assert response.status_code == 400
    assert "Ngày kết thúc (01/03/2017) không được trước" in response.content.decode()
    assert not Activity.objects.exists()


def test_the_attendance_page_records_per_person(world, user_with):
    activity = _dissemination(world)
    client = user_with("office", world.committee)
    assert client.get(f"/hoat-dong/{activity.id}/diem-danh/").status_code == 200
    data = {f"p_{p.id}": "present" for p in world.members1}
    response = client.post(f"/hoat-dong/{activity.id}/diem-danh/", data)
    assert response.status_code == 302
    assert activity.attendances.count() == 6
    bad = data | {f"p_{world.outsider.id}": "present"}
    response = client.post(f"/hoat-dong/{activity.id}/diem-danh/", bad)
    page = response.content.decode()
    assert response.status_code == 400 and "không thuộc phạm vi bạn được điểm danh" in page
    assert "Người Ngoài" not in page
    assert activity.attendances.count() == 6


def test_calendar_puts_activities_on_their_day(world, user_with):
    a = _dissemination(world)
    client = user_with("office", world.committee)
    html = client.get("/hoat-dong/lich/?thang=2017-03").content.decode()
    cell = html.split('data-day="2017-03-06"')[1].split("</td>")[0]
    assert f"/hoat-dong/{a.id}/" in cell
    assert a.title not in client.get("/hoat-dong/lich/?thang=2017-04").content.decode()


def test_list_filters_by_kind_org_and_year(world, user_with):
    a = _dissemination(world)
    b = actions.create_activity(
        None,
        kind=A.CONFERENCE,
        title="Hội nghị chi bộ hai",
        starts_on=dt.date(2018, 1, 5),
        organizers=[world.cell2],
    )
    client = user_with("office", world.committee)

    def titles(query):
        return [x.title for x in client.get(f"/hoat-dong/?{query}").context["page"]]

    assert titles("loai=conference") == [b.title]
    assert titles("to-chuc=cb-mot") == [a.title]
    assert titles("nam=2017") == [a.title]
    assert set(titles("")) == {a.title, b.title}


def test_scope_of_activities(world, user_with):
    joint = actions.create_activity(
        None,
        kind=A.DISSEMINATION,
        title="Liên tịch",
        starts_on=DAY,
        organizers=[world.cell1, world.cell2],
    )
    own = _dissemination(world, {world.members1[0]: "present", world.members1[1]: "absent"})
    other = actions.create_activity(
        None, kind=A.CONFERENCE, title="Chi bộ hai họp", starts_on=DAY, organizers=[world.cell2]
    )
    client = user_with("secretary", world.cell1)
    assert {a.title for a in client.get("/hoat-dong/").context["page"]} == {joint.title, own.title}
    assert client.get(f"/hoat-dong/{other.id}/").status_code == 404
    assert client.get(f"/hoat-dong/{joint.id}/").status_code == 200
    # A joint session is changed only by whoever may change every organizer.
    assert client.get(f"/hoat-dong/{joint.id}/sua/").status_code == 403
    # Each cell of a joint session records its own members' attendance.
    assert client.get(f"/hoat-dong/{joint.id}/diem-danh/").status_code == 200
    assert client.get(f"/hoat-dong/{other.id}/diem-danh/").status_code == 404
    assert client.get(f"/hoat-dong/{own.id}/diem-danh/").status_code == 200
    # A member sees the activities they are listed in, and only their own attendance.
    client = user_with("member", person=world.members1[0])
    assert [a.title for a in client.get("/hoat-dong/").context["page"]] == [own.title]
    detail = client.get(f"/hoat-dong/{own.id}/").content.decode()
    assert world.members1[0].full_name in detail and world.members1[1].full_name not in detail
    assert client.get(f"/hoat-dong/{own.id}/diem-danh/").status_code == 403
    assert client.get("/hoat-dong/them/").status_code == 403
