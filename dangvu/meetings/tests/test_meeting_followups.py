"""After the meeting: the cell's symbol for "Lấy số", task results between meetings, an
exemption from the person's page, and an activity entered by mistake deleted."""

import datetime as dt

from dangvu.accounts.models import AuditEntry
from dangvu.meetings import actions, paper
from dangvu.meetings.models import Activity, MeetingPlan, MeetingTask
from dangvu.people.models import Exemption
from dangvu.reports.models import ReportDraft

from .monthly_world import hold_meeting


def test_take_numbers_without_a_symbol_links_to_the_symbol_page(school, user_with):
    cell = school.cell
    cell.symbol = ""
    cell.save(update_fields=["symbol"])
    activity = hold_meeting(school, 1, issue=False)
    client = user_with("secretary", cell)
    refused = client.post(f"/sinh-hoat/{activity.id}/", {"viec": "ban-hanh"})
    html = refused.content.decode()
    assert refused.status_code == 400 and "chưa có ký hiệu" in html
    link = f"/to-chuc/{cell.slug}/ky-hieu/?tiep={activity.id}"
    assert link in html
    assert client.get(link).status_code == 200
    bad = client.post(link, {"symbol": "C/B"})
    assert bad.status_code == 400 and "không hợp lệ" in bad.content.decode()
    cell.refresh_from_db()
    assert cell.symbol == "" and not AuditEntry.objects.filter(action="org.symbol").exists()
    done = client.post(link, {"symbol": " cb "})
    assert done.status_code == 302 and done["Location"] == f"/sinh-hoat/{activity.id}/"
    cell.refresh_from_db()
    assert cell.symbol == "CB"
    assert AuditEntry.objects.filter(action="org.symbol").count() == 1
    issued = client.post(f"/sinh-hoat/{activity.id}/", {"viec": "ban-hanh"})
    assert issued.status_code == 302
    activity.plan.refresh_from_db()
    assert activity.plan.resolution_doc.symbol.endswith("-NQ/CB")
    # The organization's page links to it; a member of the cell cannot set it.
    assert f"/to-chuc/{cell.slug}/ky-hieu/" in client.get(f"/to-chuc/{cell.slug}/").content.decode()
    member = user_with("member", person=school.members[3])
    assert member.post(f"/to-chuc/{cell.slug}/ky-hieu/", {"symbol": "X"}).status_code in (403, 404)
    cell.refresh_from_db()
    assert cell.symbol == "CB"


def test_task_results_between_meetings(school, user_with):
    first = hold_meeting(school, 1)
    tasks = list(MeetingTask.objects.filter(minutes__activity=first).order_by("id"))
    mine, other = tasks[0], tasks[1]
    secretary = user_with("secretary", school.cell)
    dashboard = secretary.get("/?ngay=2023-06-01").content.decode()
    assert f"/sinh-hoat/nhiem-vu/{mine.id}/" in dashboard
    page = secretary.get(f"/sinh-hoat/{first.id}/").content.decode()
    assert f"/sinh-hoat/nhiem-vu/{other.id}/" in page
    bad = secretary.post(f"/sinh-hoat/nhiem-vu/{other.id}/", {"status": "done", "on": "2022-12-01"})
    assert bad.status_code == 400 and "không được trước ngày giao" in bad.content.decode()
    other.refresh_from_db()
    assert other.status != "done" and other.done_on is None
    ok = secretary.post(
        f"/sinh-hoat/nhiem-vu/{other.id}/",
        {"status": "done", "result": "Đã  xong", "on": "2023-01-20"},
    )
    assert ok.status_code == 302 and ok["Location"] == f"/sinh-hoat/{first.id}/"
    other.refresh_from_db()
    assert (other.status, other.result, str(other.done_on)) == ("done", "Đã xong", "2023-01-20")
    # The owner updates their own task from their meetings page, not someone else's.
    owner = user_with("member", person=mine.assignee)
    assert f"/sinh-hoat/nhiem-vu/{mine.id}/" in owner.get("/sinh-hoat/").content.decode()
    done = owner.post(
        f"/sinh-hoat/nhiem-vu/{mine.id}/", {"status": "not_done", "result": "Chờ kinh phí"}
    )
    assert done.status_code == 302
    mine.refresh_from_db()
    assert (mine.status, mine.result) == ("not_done", "Chờ kinh phí")
    refused = owner.post(f"/sinh-hoat/nhiem-vu/{other.id}/", {"status": "not_done"})
    assert refused.status_code in (403, 404)
    other.refresh_from_db()
    assert other.status == "done"
    assert AuditEntry.objects.filter(action="meeting.task").count() == 2
    # The next meeting's conclusion opens on the recorded result.
    second = hold_meeting(school, 2, issue=False)
    secretary = user_with("secretary", school.cell, username="bi-thu-2")
    assert "Chờ kinh phí" in secretary.get(f"/sinh-hoat/{second.id}/ket-luan/").content.decode()


def test_exemption_recorded_and_ended_from_the_persons_page(school, user_with):
    person = school.members[1]
    client = user_with("secretary", school.cell)
    page = client.get(f"/ca-nhan/{person.id}/").content.decode()
    add = f"/ca-nhan/{person.id}/thao-tac/mien-sinh-hoat/"
    end = f"/ca-nhan/{person.id}/thao-tac/het-mien-sinh-hoat/"
    assert add in page and end not in page
    decision = "Quyết định số 20-QĐ/ĐU ngày 01/03/2023 của Đảng ủy"
    ok = client.post(
        add, {"decision": decision, "reason": "Ốm dài ngày", "valid_from": "2023-03-01"}
    )
    assert ok.status_code == 302
    page = client.get(f"/ca-nhan/{person.id}/?ngay=2023-05-01").content.decode()
    assert decision in page and "Ốm dài ngày" in page and end in page
    for bad, message in (
        ({"decision": "QĐ khác", "valid_from": "2023-06-01"}, "đã được miễn"),
        ({"decision": "QĐ cũ", "valid_from": "2001-01-01"}, "không là đảng viên"),
        ({"decision": "", "valid_from": "2024-01-01"}, "decision"),
    ):
        refused = client.post(add, bad)
        assert refused.status_code == 400
        if message != "decision":
            assert message in refused.content.decode()
    assert Exemption.objects.filter(person=person).count() == 1
    early = client.post(end, {"on": "2023-02-01"})
    assert early.status_code == 400 and "không được miễn" in early.content.decode()
    assert client.post(end, {"on": "2023-09-01"}).status_code == 302
    exemption = Exemption.objects.get(person=person)
    assert exemption.valid_to == dt.date(2023, 9, 1)
    assert AuditEntry.objects.filter(action="person.exempt_end").count() == 1
    # From the end, the member is on the cell's roll again.
    members, exempt = actions.cell_roll(school.cell, dt.date(2023, 9, 8))
    assert person in members and person not in exempt
    members, exempt = actions.cell_roll(school.cell, dt.date(2023, 8, 8))
    assert person in exempt


def test_an_activity_entered_by_mistake_is_deleted_after_typing_its_title(school, user_with):
    mistake = actions.plan_meeting(None, cell=school.cell, starts_on=dt.date(2023, 3, 6))
    held = hold_meeting(school, 4, issue=False)
    client = user_with("secretary", school.cell)
    assert (
        f"/hoat-dong/{mistake.id}/xoa/" in client.get(f"/hoat-dong/{mistake.id}/").content.decode()
    )
    wrong = client.post(f"/hoat-dong/{mistake.id}/xoa/", {"confirm_title": "Sinh hoạt khác"})
    assert wrong.status_code == 400 and "Hãy gõ đúng tên" in wrong.content.decode()
    assert Activity.objects.filter(pk=mistake.pk).exists()
    refused = client.post(f"/hoat-dong/{held.id}/xoa/", {"confirm_title": held.title})
    assert refused.status_code == 400 and "đã điểm danh" in refused.content.decode()
    assert Activity.objects.filter(pk=held.pk).exists()
    # A finalised report of the committee for the year holds the activity back.
    report = ReportDraft.objects.create(org=school.committee, year=2023, status="final")
    kept = client.post(f"/hoat-dong/{mistake.id}/xoa/", {"confirm_title": mistake.title})
    assert kept.status_code == 400 and "đã chốt" in kept.content.decode()
    report.status = "draft"
    report.save(update_fields=["status"])
    done = client.post(f"/hoat-dong/{mistake.id}/xoa/", {"confirm_title": f" {mistake.title} "})
    assert done.status_code == 302
    assert not Activity.objects.filter(pk=mistake.pk).exists()
    assert not MeetingPlan.objects.filter(activity_id=mistake.pk).exists()
    entry = AuditEntry.objects.get(action="activity.delete")
    assert mistake.title in entry.summary
    # A member of the cell cannot delete.
    other = actions.plan_meeting(None, cell=school.cell, starts_on=dt.date(2023, 5, 6))
    member = user_with("member", person=school.members[3])
    assert member.post(
        f"/hoat-dong/{other.id}/xoa/", {"confirm_title": other.title}
    ).status_code in (
        403,
        404,
    )
    assert Activity.objects.filter(pk=other.pk).exists()


def test_paper_sections_edited_before_numbers_then_frozen(school, user_with):
    activity = hold_meeting(school, 3, issue=False)
    client = user_with("secretary", school.cell)
    edit = f"/sinh-hoat/{activity.id}/giay-to/sua/?giay=nghi-quyet"
    assert edit in client.get(f"/sinh-hoat/{activity.id}/").content.decode()
    page = client.get(edit).content.decode()
    theme = "II. NỘI DUNG SINH HOẠT CHUYÊN ĐỀ"
    assert theme in page and "Hoàn thành nhiệm vụ số 1 của tháng 3" in page
    ok = client.post(
        edit, {"phan": theme, "text": "Chi bộ học chuyên đề nêu gương.\n\n  Dòng hai  "}
    )
    assert ok.status_code == 302
    md = client.get(f"/sinh-hoat/{activity.id}/giay-to/?giay=nghi-quyet&dinh-dang=md")
    text = md.content.decode()
    assert "Chi bộ học chuyên đề nêu gương." in text and "Dòng hai" in text
    assert "Chi bộ sinh hoạt chuyên đề “" not in text
    assert "Hoàn thành nhiệm vụ số 1 của tháng 3" in text  # other sections from the records
    bad = client.post(edit, {"phan": "IX. KHÔNG CÓ", "text": "x"})
    assert bad.status_code == 400 and "không có phần" in bad.content.decode()
    activity.plan.refresh_from_db()
    assert list(activity.plan.edits["resolution"]) == [theme]
    assert client.post(f"/sinh-hoat/{activity.id}/", {"viec": "ban-hanh"}).status_code == 302
    late = client.post(edit, {"phan": theme, "text": "Sửa sau khi ban hành"})
    assert late.status_code == 400 and "không sửa được nữa" in late.content.decode()
    text = client.get(f"/sinh-hoat/{activity.id}/giay-to/?giay=nghi-quyet&dinh-dang=md")
    assert "Dòng hai" in text.content.decode() and "Sửa sau" not in text.content.decode()
    assert "data-issued" in client.get(edit).content.decode()
    assert AuditEntry.objects.filter(action="meeting.paper_edit").count() == 1
    member = user_with("member", person=school.members[3])
    assert member.get(edit).status_code in (403, 404)


def test_each_paper_edit_leaves_its_change_in_the_history(school):
    """Before and after of every edit: the second keeps the first's section, a section given back
    to the records leaves it out."""
    activity = hold_meeting(school, 3, issue=False)
    minutes = [h for h, _blocks in paper.sections(paper.build_minutes(activity).body)][-1]
    theme = "II. NỘI DUNG SINH HOẠT CHUYÊN ĐỀ"
    edit = actions.edit_paper_section
    edit(None, activity, which="resolution", heading=theme, text="Học chuyên đề nêu gương.")
    edit(None, activity, which="minutes", heading=minutes, text="Biên bản phần cuối.")
    edit(None, activity, which="resolution", heading=theme, text="")
    first, second, third = AuditEntry.objects.filter(action="meeting.paper_edit").order_by("id")
    assert not first.before["edits"]
    assert first.after["edits"] == {"resolution": {theme: "Học chuyên đề nêu gương."}}
    assert second.before["edits"] == first.after["edits"]
    assert second.after["edits"] == {
        "resolution": {theme: "Học chuyên đề nêu gương."},
        "minutes": {minutes: "Biên bản phần cuối."},
    }
    assert third.after["edits"]["resolution"] == {}
    assert third.summary == f"Sửa nghị quyết, phần “{theme}” (trở lại theo hồ sơ)"
    activity.plan.refresh_from_db()
    assert activity.plan.edits == third.after["edits"]


def test_conclusion_and_task_follow_up_leave_their_change_in_the_history(school):
    """A task's result and the conclusion saved again: each entry holds the record before and
    after, the late arrivals set beside it."""
    activity = hold_meeting(school, 4, issue=False)
    task = MeetingTask.objects.filter(minutes__activity=activity).order_by("id").first()
    actions.update_task(None, task, status="done", result=" Xong ", on=dt.date(2023, 4, 20))
    entry = AuditEntry.objects.get(action="meeting.task")
    assert (entry.before["status"], entry.before["done_on"]) == (task.Status.OPEN, None)
    assert (entry.after["status"], entry.after["result"], entry.after["done_on"]) == (
        "done",
        "Xong",
        "2023-04-20",
    )
    late = school.members[2]
    actions.conclude_meeting(
        None,
        activity,
        chair=school.members[0],
        recorder=school.members[1],
        key_points="  Ý kiến bổ sung về giảng dạy.\n",
        guests="Đại  diện đảng ủy",
        late=[late],
        ends_at=dt.time(16, 30),
    )
    first, again = AuditEntry.objects.filter(action="meeting.conclude").order_by("id")
    assert again.before == first.after
    assert again.before["key_points"] == "Đảng viên thống nhất các nội dung được nêu."
    assert (again.after["key_points"], again.after["guests"], again.after["ends_at"]) == (
        "Ý kiến bổ sung về giảng dạy.",
        "Đại diện đảng ủy",
        "16:30:00",
    )
    assert list(MeetingPlan.objects.get(activity=activity).late.all()) == [late]
