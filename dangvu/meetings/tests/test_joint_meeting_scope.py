"""A meeting of several cells: each secretary sees and records the attendance of their own cells'
members only (as of the meeting's date). The other cells' names and absence reasons are not in
their pages, saving keeps the other cells' rows, and a posted id outside their reach is refused
without telling whose it is."""

import datetime as dt
from types import SimpleNamespace

import pytest

from dangvu.accounts.models import Role
from dangvu.meetings import actions
from dangvu.meetings.models import Activity, Attendance
from dangvu.orgs import actions as org_actions
from dangvu.orgs.models import Organization, active_on
from dangvu.people import actions as people_actions
from dangvu.people.models import Membership, Person

DAY = dt.date(2017, 6, 20)
SECRET = "Đi khám bệnh định kỳ ở Cần Thơ"
MINE = "Vắng vì trực cơ quan"


def _members(cell):
    ids = Membership.objects.filter(active_on(DAY), org=cell, kind="party").values("person_id")
    return list(Person.objects.filter(id__in=ids).order_by("id"))


@pytest.fixture
def joint(demo):
    cell1 = Role.objects.get(user__username="bithu1").org
    assert cell1.kind == Organization.Kind.PARTY_CELL
    cell2 = (
        Organization.objects.filter(parent=cell1.parent, kind=Organization.Kind.PARTY_CELL)
        .exclude(pk=cell1.pk)
        .order_by("slug")
        .first()
    )
    own, others = _members(cell1), _members(cell2)
    assert own and len(others) >= 2
    activity = actions.create_activity(
        None,
        kind="conference",
        title="Sinh hoạt chung chi bộ 1 và chi bộ 2",
        starts_on=DAY,
        organizers=[cell1],
        participants=[cell2],
    )
    entries = {p.id: "present" for p in own + others}
    entries[own[0].id] = ("excused", MINE)
    entries[others[0].id] = ("excused", SECRET)
    actions.record_attendance(None, activity, entries)
    outsider = people_actions.create_person(
        None,
        home_org=org_actions.create_org(
            None, kind="party_committee", name="Đảng bộ Ngoài", valid_from=dt.date(2010, 1, 1)
        ),
        full_name="Trần Thị Người Ngoài Phạm Vi",
        gender="female",
    )
    return SimpleNamespace(
        activity=activity, cell1=cell1, cell2=cell2, own=own, others=others, outsider=outsider
    )


def _recorded(activity):
    return dict(
        Attendance.objects.filter(activity=activity).values_list("person_id", "status")
    ), dict(Attendance.objects.filter(activity=activity).values_list("person_id", "reason"))


def test_the_secretary_sees_only_their_cells_rows(joint, login):
    page = login("bithu1").get(f"/hoat-dong/{joint.activity.id}/").content.decode()
    assert joint.own[0].full_name in page and MINE in page
    for person in joint.others:
        assert person.full_name not in page
    assert SECRET not in page
    assert "data-partial" in page
    # The counts are those of the rows shown.
    assert f'<span data-count="present">{len(joint.own) - 1}</span>' in page


def test_the_office_sees_every_row(joint, login):
    page = login("vanphong").get(f"/hoat-dong/{joint.activity.id}/").content.decode()
    assert joint.others[0].full_name in page and SECRET in page
    assert joint.own[0].full_name in page
    assert "data-partial" not in page


def test_the_attendance_form_lists_only_their_cells_members(joint, login):
    client = login("bithu1")
    response = client.get(f"/hoat-dong/{joint.activity.id}/diem-danh/")
    assert response.status_code == 200
    page = response.content.decode()
    assert all(p.full_name in page for p in joint.own)
    assert not any(p.full_name in page for p in joint.others)
    assert SECRET not in page and f'name="p_{joint.others[0].id}"' not in page


def test_saving_keeps_the_other_cells_rows(joint, login):
    before_status, before_reason = _recorded(joint.activity)
    post = {f"p_{p.id}": "present" for p in joint.own}
    post[f"p_{joint.own[0].id}"] = "absent"
    response = login("bithu1").post(f"/hoat-dong/{joint.activity.id}/diem-danh/", post)
    assert response.status_code == 302
    status, reason = _recorded(joint.activity)
    assert status[joint.own[0].id] == "absent"
    for p in joint.others:
        assert status[p.id] == before_status[p.id] and reason[p.id] == before_reason[p.id]
    assert reason[joint.others[0].id] == SECRET


@pytest.mark.parametrize("who", ["other_cell", "outsider"])
def test_a_posted_id_outside_their_reach_is_refused_without_a_name(joint, login, who):
    target = joint.others[1] if who == "other_cell" else joint.outsider
    before = _recorded(joint.activity)
    post = {f"p_{p.id}": "present" for p in joint.own}
    post[f"p_{target.id}"] = "absent"
    post[f"r_{target.id}"] = ""
    response = login("bithu1").post(f"/hoat-dong/{joint.activity.id}/diem-danh/", post)
    assert response.status_code == 400
    page = response.content.decode()
    assert "không thuộc phạm vi bạn được điểm danh" in page
    assert target.full_name not in page
    assert _recorded(joint.activity) == before


def test_a_meeting_record_refuses_an_id_outside_the_cell_without_a_name(joint, login):
    count = Activity.objects.count()
    url = f"/hoat-dong/sinh-hoat-chi-bo/?chi_bo={joint.cell1.slug}&ngay=2017-07-05"
    client = login("bithu1")
    assert client.get(url).status_code == 200
    post = {f"p_{p.id}": "present" for p in joint.own}
    post[f"p_{joint.outsider.id}"] = "present"
    post.update({"kind": "regular_meeting", "notes": "Nội dung", "resolution": "Nghị quyết"})
    response = client.post(url, post)
    page = response.content.decode()
    assert response.status_code == 400
    assert "không thuộc phạm vi bạn được điểm danh" in page
    assert joint.outsider.full_name not in page
    assert Activity.objects.count() == count
