"""A person's page gathers what dangvu holds about them, with its history."""

from dangvu.work.models import Attendance, Enrolment


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
