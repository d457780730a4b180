"""The monthly cell meeting, end to end through the actions, for a cell invented here (not the
demo): plan, notice by e-mail, reading, attendance, conclusion, the numbered resolution and the
minutes, the next month's review of the tasks, the committee's overview."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from dangvu.accounts.models import AuditEntry
from dangvu.core.facts import Period, compute
from dangvu.lib import checker
from dangvu.meetings import actions, paper
from dangvu.meetings.models import Attendance, MeetingRead, MeetingTask
from dangvu.meetings.views import export_paper
from dangvu.reports.render import to_markdown

from .monthly_world import hold_meeting


def test_plan_lists_recurring_items_theme_and_documents(school):
    activity = actions.plan_meeting(
        None, cell=school.cell, starts_on=dt.date(2023, 3, 6), theme="Chuyên đề nêu gương",
        documents=school.docs,
    )  # fmt: skip
    plan = activity.plan
    assert "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh" in plan.agenda
    assert plan.agenda[-1] == "Sinh hoạt chuyên đề: Chuyên đề nêu gương"
    assert [d.document for d in plan.documents.all()] == school.docs
    with pytest.raises(ValidationError, match="đã có buổi sinh hoạt thường kỳ tháng 3/2023"):
        actions.plan_meeting(None, cell=school.cell, starts_on=dt.date(2023, 3, 20))


def test_notice_mail_goes_to_the_cells_members_only(school, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    # A notice goes out before the meeting (never after it).
    day = dt.date.today() + dt.timedelta(days=7)
    activity = actions.plan_meeting(None, cell=school.cell, starts_on=day, documents=school.docs)
    sent = actions.send_notice(None, activity)
    recipients = sorted(a for m in mail.outbox for a in m.to)
    # The member without an address reads it on the page; the exempt member gets it too.
    expected = sorted(p.email for p in school.members if p.email)
    assert recipients == expected == sorted(sent)
    assert not {p.email for p in school.others} & set(recipients)
    assert "21-CT/TU" in mail.outbox[0].body
    activity.plan.refresh_from_db()
    assert activity.plan.notice_sent_at is not None


def test_reading_is_recorded_once_and_only_for_the_cells_members(school):
    activity = actions.plan_meeting(
        None, cell=school.cell, starts_on=dt.date(2023, 3, 6), documents=school.docs
    )
    plan = activity.plan
    doc = plan.documents.first()
    actions.mark_read(None, plan, school.members[1])
    actions.mark_read(None, plan, school.members[1], doc)
    actions.mark_read(None, plan, school.members[1], doc)
    assert MeetingRead.objects.filter(plan=plan).count() == 2
    with pytest.raises(ValidationError, match="không là đảng viên"):
        actions.mark_read(None, plan, school.others[0])
    assert MeetingRead.objects.filter(plan=plan).count() == 2


def test_resolution_and_minutes_state_the_records(school):
    m = school.members
    first = hold_meeting(school, 1, tasks=2)
    tasks = list(MeetingTask.objects.filter(minutes__activity=first).order_by("id"))
    second = hold_meeting(
        school,
        2,
        absent=[m[3]],
        excused=[m[2]],
        results={tasks[0].id: ("done", "Đã nộp kế hoạch"), tasks[1].id: ("partly", "")},
    )
    resolution = to_markdown(paper.resolution_document(second))
    minutes = to_markdown(paper.minutes_document(second))
    # Five members take part (one is exempt): four expected present of five.
    assert "Có mặt 3/5 đảng viên" in resolution
    assert f"có lý do 01: đồng chí {m[2].full_name} (Đi công tác)" in resolution
    assert f"không lý do 01: đồng chí {m[3].full_name}" in resolution
    assert f"Miễn công tác và sinh hoạt đảng: 01 đồng chí ({m[5].full_name})" in minutes
    assert "Kết quả: hoàn thành (Đã nộp kế hoạch)" in resolution
    assert "Kết quả: hoàn thành một phần" in resolution
    assert f"đồng chí {m[1].full_name} thực hiện, hoàn thành trước ngày 28/02/2023" in resolution
    # The number is the cell's second resolution in its register of the term.
    assert second.plan.resolution_doc.symbol == "02-NQ/CB"
    assert "Số 02-NQ/CB" in resolution
    assert "T/M CHI BỘ" in resolution and m[0].full_name in resolution
    assert "ĐẢNG BỘ TRƯỜNG THỬ" in resolution.splitlines()[0]
    for text in (resolution, minutes):
        assert checker.check_markdown(text) == [], text


def test_a_year_of_meetings_gives_twelve_resolutions_and_adds_up(school, tmp_path):
    m = school.members
    previous = None
    for month in range(1, 13):
        results = None
        if previous is not None:
            results = {t.id: ("done", "") for t in MeetingTask.objects.filter(
                minutes__activity=previous)}  # fmt: skip
        previous = hold_meeting(
            school, month, absent=[m[month % 3 + 2]] if month % 3 == 0 else [], results=results
        )
    symbols = []
    present = 0
    for month in range(1, 13):
        activity = paper.month_meeting(school.cell, 2023, month)
        data = export_paper(paper.resolution_document(activity), ".docx")
        (tmp_path / f"nq-{month:02d}.docx").write_bytes(data)
        symbols.append(activity.plan.resolution_doc.symbol)
        present += len(paper.roll_of(activity).present)
    assert symbols == [f"{n:02d}-NQ/CB" for n in range(1, 13)]
    assert len(list(tmp_path.glob("*.docx"))) == 12
    year = compute(school.cell, Period.year(2023))
    assert year["activities.regular_meeting.sessions"].value == 12
    assert year["activities.regular_meeting.attendances"].value == present
    # The committee's overview: two cells × twelve months, the other cell never met.
    overview = compute(school.committee, Period.year(2023))
    assert overview["cell_meetings.expected"].value == 24
    assert overview["cell_meetings.held"].value == 12
    assert overview["cell_meetings.not_held"].value == 12
    recorded = Attendance.objects.filter(activity__plan__isnull=False).count()
    rate = overview["cell_meetings.attendance_rate"].value
    assert rate == round(Decimal(100 * present) / recorded, 1) < 100
    march = paper.month_meeting(school.cell, 2023, 3).plan
    for person in m[1:3]:
        for md in march.documents.all():
            actions.mark_read(None, march, person, md)
        actions.mark_read(None, march, person)
    half = compute(school.committee, Period(dt.date(2023, 1, 1), dt.date(2023, 6, 30)))
    assert half["cell_meetings.held"].value == 6
    assert half["cell_meetings.documents_read"].value == 2 * 2


def test_meeting_documents_command(school, tmp_path):
    hold_meeting(school, 1)
    out = tmp_path / "nq.md"
    call_command("meeting_documents", org=school.cell.slug, month="2023-01", out=str(out))
    assert "Số 01-NQ/CB" in out.read_text()
    # Names and absence reasons left dangvu in a file: the audit trail says so.
    assert AuditEntry.objects.filter(action="meeting.resolution.export").count() == 1
    docx = tmp_path / "bb.docx"
    call_command(
        "meeting_documents", org=school.cell.slug, month="2023-01", out=str(docx), minutes=True
    )
    assert call_command("check_report", str(docx)) is None
    for kwargs, message in (
        ({"month": "2023-13"}, "Tháng “2023-13” không hợp lệ"),
        ({"month": "2023-02"}, "không có buổi sinh hoạt thường kỳ tháng 2/2023"),
        ({"org": school.committee.slug}, "không phải là chi bộ"),
        ({"org": "khong-co"}, "Không tìm thấy tổ chức “khong-co”"),
        ({"out": str(tmp_path / "nq.html")}, "Đuôi tệp “.html” không được hỗ trợ"),
        ({"out": str(tmp_path / "khong" / "nq.md")}, "không tồn tại"),
    ):
        args = {"org": school.cell.slug, "month": "2023-01", "out": str(out), **kwargs}
        with pytest.raises(CommandError, match=message):
            call_command("meeting_documents", **args)


def test_issued_papers_are_frozen(school):
    m = school.members
    activity = hold_meeting(school, 1)
    issued = to_markdown(paper.resolution_document(activity))
    assert "Có mặt 5/5 đảng viên" in issued
    actions.record_attendance(None, activity, {m[4]: ("excused", "Ốm")}, replacing=[m[4].id])
    assert to_markdown(paper.resolution_document(activity)) == issued
    assert "Có mặt 4/5 đảng viên" in to_markdown(paper.build_resolution(activity))
    with pytest.raises(ValidationError, match="Nghị quyết số 01-NQ/CB đã ban hành"):
        actions.conclude_meeting(None, activity, chair=m[0], resolution="Sửa")
    # Issuing again takes no new number.
    assert actions.issue_resolution(None, activity).symbol == "01-NQ/CB"


def test_the_2018_guidance_applies_from_its_day_in_july(school):
    """Hướng dẫn 12-HD/BTCTW is of 06/7/2018: a meeting in March 2018 still has the 2012 items,
    one in August has the study of Hồ Chí Minh's example among them."""
    study = "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh"
    assert study not in actions.recurring_items(dt.date(2018, 3, 5))
    assert study in actions.recurring_items(dt.date(2018, 8, 6))
