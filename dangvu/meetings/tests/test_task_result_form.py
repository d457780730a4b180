"""A task's result form is derived from the task's model: it opens on the stored task and
takes no longer result than the task keeps."""

from dangvu.meetings.models import MeetingTask

from .monthly_world import hold_meeting


def test_the_result_form_opens_on_the_task_and_refuses_a_result_the_task_cannot_keep(
    school, user_with
):
    meeting = hold_meeting(school, 1)
    task = MeetingTask.objects.filter(minutes__activity=meeting).order_by("id").first()
    secretary = user_with("secretary", school.cell)
    url = f"/sinh-hoat/nhiem-vu/{task.id}/"
    assert secretary.post(url, {"status": "partly", "result": "Đang làm"}).status_code == 302
    page = secretary.get(url).content.decode()
    assert "Đang làm</textarea>" in page and 'value="partly" selected' in page
    too_long = secretary.post(url, {"status": "done", "result": "x" * 501})
    assert too_long.status_code == 400 and "tối đa 500" in too_long.content.decode()
    task.refresh_from_db()
    assert (task.status, task.result) == ("partly", "Đang làm")
