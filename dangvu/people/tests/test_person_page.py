"""A person's page gathers what dangvu holds about them, with its history."""

from dangvu.meetings.models import Attendance
from dangvu.training.models import Enrolment


def test_person_page_lists_trainings_attendance_and_history(demo, login):
    enrolment = Enrolment.objects.select_related("person").first()
    page = login("vanphong").get(f"/ca-nhan/{enrolment.person_id}/").content.decode()
    assert enrolment.get_course_display() in page
    assert "Lịch sử thay đổi" in page
    attendance = (
        Attendance.objects.select_related("activity").order_by("-activity__starts_on").first()
    )
    page = login("vanphong").get(f"/ca-nhan/{attendance.person_id}/").content.decode()
    assert attendance.activity.title in page
    assert f"/dang-phi/dang-vien/{attendance.person_id}/" in page


def test_the_people_list_is_in_vietnamese_order_of_given_names(demo, login):
    """Ordered by the database: "Đức" after "Dũng" after "Dung", on SQLite and PostgreSQL."""
    from dangvu.people import actions

    for name in ["Quách Thử Đức", "Quách Thử Dũng", "Quách Thử Dung", "Quách Thử An"]:
        actions.create_person(None, home_org=demo, full_name=name, gender="male")
    html = login("vanphong").get("/ca-nhan/", {"q": "quach thu"}).content.decode()
    positions = [html.index(f"Quách Thử {given}") for given in ["An", "Dung", "Dũng", "Đức"]]
    assert positions == sorted(positions)
