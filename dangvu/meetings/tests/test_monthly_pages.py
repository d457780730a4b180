"""The monthly meeting's pages: the secretary plans and concludes, members read the notice on
their page, another cell's member sees nothing of it."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from dangvu.meetings import actions, paper
from dangvu.meetings.models import Activity, MeetingDocument, MeetingRead, MeetingTask
from dangvu.people import actions as people_actions
from dangvu.people.models import Exemption

from .monthly_world import START, hold_meeting

DAY = dt.date.today() + dt.timedelta(days=3)


@pytest.fixture
def planned(school, user_with):
    client = user_with("secretary", school.cell)
    response = client.post(
        "/sinh-hoat/ke-hoach/",
        {
            "chi_bo": school.cell.slug,
            "starts_on": DAY.isoformat(),
            "kind": "regular_meeting",
            "place": "Phòng họp",
            "theme": "Nêu gương",
            "agenda": "",
            "documents": [d.id for d in school.docs],
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    return Activity.objects.get(plan__isnull=False, starts_on=DAY)


def test_secretary_plans_and_the_member_reads(school, planned, user_with, client):
    page = client.get(f"/sinh-hoat/{planned.id}/").content.decode()
    assert "Nêu gương" in page and "21-CT/TU" in page
    member = school.members[2]
    client = user_with("member", person=member)
    home = client.get("/sinh-hoat/").content.decode()
    assert planned.title in home and "chưa xem" in home
    assert client.get(f"/sinh-hoat/{planned.id}/").status_code == 200
    md = planned.plan.documents.first()
    assert client.get(f"/sinh-hoat/{planned.id}/tai-lieu/?so={md.id}").status_code == 200
    reads = MeetingRead.objects.filter(plan=planned.plan, person=member)
    assert reads.filter(document__isnull=True).count() == 1
    assert reads.filter(document=md).count() == 1
    assert "đã xem" in client.get("/sinh-hoat/").content.decode()
    notice = client.get(f"/sinh-hoat/{planned.id}/giay-to/?giay=thong-bao&dinh-dang=md")
    assert "THÔNG BÁO" in notice.content.decode()
    # The minutes and the resolution are the cell committee's, not every member's.
    assert client.get(f"/sinh-hoat/{planned.id}/giay-to/?giay=nghi-quyet").status_code == 403


def test_the_notice_button_is_offered_until_the_meeting_day(school, planned, client):
    # `planned` left the client signed in as the cell's secretary.
    button = "Gửi thông báo qua thư điện tử"
    assert button in client.get(f"/sinh-hoat/{planned.id}/").content.decode()
    past = actions.plan_meeting(None, cell=school.cell, starts_on=DAY - dt.timedelta(days=43))
    page = client.get(f"/sinh-hoat/{past.id}/").content.decode()
    assert button not in page and "data-notice-closed" in page


def test_another_cells_member_sees_nothing(school, planned, user_with):
    client = user_with("member", person=school.others[0])
    assert planned.title not in client.get("/sinh-hoat/").content.decode()
    assert client.get(f"/sinh-hoat/{planned.id}/").status_code in (403, 404)
    assert client.get(f"/sinh-hoat/{planned.id}/tai-lieu/?so=1").status_code in (403, 404)
    assert not MeetingRead.objects.filter(person=school.others[0]).exists()


def test_conclusion_lists_last_months_tasks_and_the_dashboard_shows_overdue(school, user_with):
    first = hold_meeting(school, 1)
    second = hold_meeting(school, 2, issue=False)
    client = user_with("secretary", school.cell)
    page = client.get(f"/sinh-hoat/{second.id}/ket-luan/").content.decode()
    for task in MeetingTask.objects.filter(minutes__activity=first):
        assert task.text in page
    task = MeetingTask.objects.filter(minutes__activity=first).first()
    response = client.post(
        f"/sinh-hoat/{second.id}/ket-luan/",
        {
            "chair": school.members[0].id,
            "recorder": school.members[1].id,
            "resolution": "Chi bộ thống nhất.",
            f"st_{task.id}": "not_done",
            f"kq_{task.id}": "Chưa có kinh phí",
            "task_1": "Báo cáo kết quả tháng 3",
            "owner_1": school.members[2].id,
            "deadline_1": "2023-03-05",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    task.refresh_from_db()
    assert (task.status, task.result) == ("not_done", "Chưa có kinh phí")
    dashboard = client.get("/?ngay=2023-04-01").content.decode()
    assert "Nhiệm vụ theo nghị quyết chi bộ đã quá hạn" in dashboard
    assert "Báo cáo kết quả tháng 3" in dashboard
    bad = client.post(
        f"/sinh-hoat/{second.id}/ket-luan/",
        {"task_1": "Việc", "deadline_1": "2023-01-01", "resolution": "Khác"},
    )
    assert bad.status_code == 400 and "trước ngày họp" in bad.content.decode()
    client = user_with("office", school.committee)
    page = client.get(f"/sinh-hoat/tong-hop/?to-chuc={school.committee.slug}&thang=2023-02")
    html = page.content.decode()
    assert "data-held>1<" in html and "data-not-held>1<" in html
    assert html.count("<strong>chưa sinh hoạt</strong>") == 1 and "Chi bộ Hành chính" in html


def test_attendance_page_lists_exempt_members_apart(school, user_with):
    activity = actions.plan_meeting(None, cell=school.cell, starts_on=dt.date(2023, 3, 6))
    client = user_with("secretary", school.cell)
    page = client.get(f"/hoat-dong/{activity.id}/diem-danh/").content.decode()
    exempt = school.members[5]
    assert f'data-person="{exempt.id}"' not in page
    assert exempt.full_name in page.split("data-exempt")[1]
    posted = {f"p_{p.id}": "present" for p in school.members[:5]}
    assert client.post(f"/hoat-dong/{activity.id}/diem-danh/", posted).status_code == 302
    assert "Có mặt 5/5 đảng viên" in paper.roll_of(activity).line


def test_exemption_is_refused_for_bad_input(school):
    exempt = school.members[5]
    with pytest.raises(ValidationError, match="đã được miễn"):
        people_actions.exempt_member(
            None, exempt, decision="QĐ khác", valid_from=dt.date(2024, 1, 1)
        )
    with pytest.raises(ValidationError, match="không là đảng viên"):
        people_actions.exempt_member(
            None, school.members[0], decision="QĐ", valid_from=dt.date(2001, 1, 1)
        )
    with pytest.raises(ValidationError, match="phải sau ngày bắt đầu"):
        people_actions.exempt_member(
            None, school.members[1], decision="QĐ", valid_from=dt.date(2023, 5, 1),
            valid_to=dt.date(2023, 4, 1),
        )  # fmt: skip
    with pytest.raises(ValidationError, match="Cần ghi quyết định"):
        people_actions.exempt_member(None, school.members[1], decision=" ", valid_from=START)
    assert Exemption.objects.count() == 1


def test_a_document_attached_to_the_plan_is_read_from_the_notice(school, user_with):
    client = user_with("secretary", school.cell)
    upload = SimpleUploadedFile("de-cuong.pdf", b"%PDF-1.4 de cuong", "application/pdf")
    response = client.post(
        "/sinh-hoat/ke-hoach/",
        {
            "chi_bo": school.cell.slug,
            "starts_on": "2023-03-06",
            "kind": "regular_meeting",
            "attachment": upload,
            "attachment_subject": "Đề cương sinh hoạt chuyên đề",
        },
    )
    assert response.status_code == 302
    md = MeetingDocument.objects.get(document__subject="Đề cương sinh hoạt chuyên đề")
    assert md.document.owner_org == school.cell and md.document.file
    client = user_with("member", person=school.members[3])
    opened = client.get(f"/sinh-hoat/{md.plan.activity_id}/tai-lieu/?so={md.id}")
    assert b"".join(opened.streaming_content) == b"%PDF-1.4 de cuong"
    assert MeetingRead.objects.filter(document=md, person=school.members[3]).exists()
