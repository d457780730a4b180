"""The papers of a workshop cell's evening meetings (an invented enterprise, `workshop`): who
signs the minutes, when a notice may still go out, whether the meeting could adopt anything,
and the month's party fees as the fee book has them."""

import datetime as dt
import io

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from docx import Document as read_docx

from dangvu.core.facts import Period
from dangvu.finance import actions as finance_actions
from dangvu.lib.party_docx import render_docx
from dangvu.lib.party_html import render_html
from dangvu.lib.text import money
from dangvu.meetings import actions, paper, roll
from dangvu.meetings.facts import cell_months
from dangvu.meetings.models import Activity
from dangvu.people import actions as people_actions
from dangvu.reports.render import to_markdown

from .workshop import evening_meeting


def test_the_minutes_are_signed_by_the_secretary_who_kept_them_and_the_chair(workshop):
    activity = evening_meeting(workshop, dt.date(2024, 5, 6), recorder=False)
    with pytest.raises(ValidationError, match="Biên bản chưa ghi thư ký \\(người ghi biên bản\\)"):
        actions.issue_resolution(None, activity)
    activity.plan.refresh_from_db()
    assert activity.plan.minutes_doc is None and activity.plan.resolution_doc is None
    # Two signatures: the secretary (not the chair) and the chair, each a member present.
    chair, secretary = workshop.sewers[0], workshop.sewers[1]
    with pytest.raises(ValidationError, match="hai đồng chí khác nhau"):
        actions.conclude_meeting(None, activity, chair=chair, recorder=chair)
    actions.conclude_meeting(None, activity, chair=chair, recorder=secretary)
    actions.issue_resolution(None, activity)
    minutes = paper.minutes_document(Activity.objects.get(pk=activity.pk))
    text = to_markdown(minutes)
    end = text[text.index("III. KẾT LUẬN") :]
    assert end.index("THƯ KÝ") < end.index(secretary.full_name) < end.index("CHỦ TRÌ")
    assert end.rstrip().endswith(chair.full_name)
    html = render_html(minutes)
    assert html.count('class="pd-signature"') == 2 and "Nơi nhận" not in html
    word = read_docx(io.BytesIO(render_docx(minutes)))
    left, right = word.tables[-1].rows[0].cells
    assert "THƯ KÝ" in left.text and secretary.full_name in left.text
    assert "CHỦ TRÌ" in right.text and chair.full_name in right.text


def test_a_notice_is_not_sent_after_the_meeting_day(workshop, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    for person in workshop.sewers:
        person.email = f"{person.id}@may.example"
        person.save(update_fields=["email"])
    past = actions.plan_meeting(None, cell=workshop.cell, starts_on=dt.date(2024, 7, 5))
    with pytest.raises(ValidationError, match="Buổi sinh hoạt ngày 05/07/2024 đã qua"):
        actions.send_notice(None, past)
    past.plan.refresh_from_db()
    assert past.plan.notice_sent_at is None and mail.outbox == []
    # On the day itself it still goes out.
    today = dt.date.today()
    on_the_day = actions.plan_meeting(None, cell=workshop.cell, starts_on=today)
    assert len(actions.send_notice(None, on_the_day)) == len(workshop.sewers)


def test_the_minutes_state_whether_the_meeting_could_adopt_its_resolution(workshop):
    """Eight full members and two on probation in 2024: four full members present are not more
    than half of eight, whoever else came; an exempt member who stays away is not counted."""
    s = workshop.sewers
    june = evening_meeting(workshop, dt.date(2024, 6, 5), absent=s[4:])
    minutes = to_markdown(paper.minutes_document(june))
    assert (
        "Đảng viên chính thức có mặt 04/08 đồng chí, chưa quá một nửa: buổi sinh hoạt không đủ "
        "điều kiện tiến hành" in minutes
    )
    resolution = to_markdown(paper.resolution_document(june))
    assert "biểu quyết nhất trí" not in resolution
    assert (
        "không đủ điều kiện tiến hành" in resolution
        and "Nghị quyết chưa được thông qua." in resolution
    )
    with pytest.raises(ValidationError, match="Quy định số 24-QĐ/TW .*Không lấy số"):
        actions.issue_resolution(None, june)
    june.plan.refresh_from_db()
    assert june.plan.minutes_doc is None
    # From July one of the absent is exempt from meetings: four of seven is more than half.
    people_actions.exempt_member(
        None, s[7], decision="Quyết định số 05-QĐ/ĐU", valid_from=dt.date(2024, 7, 1)
    )
    july = evening_meeting(workshop, dt.date(2024, 7, 5), absent=s[4:7])
    text = to_markdown(paper.minutes_document(july))
    assert "Đảng viên chính thức có mặt 04/07 đồng chí, quá một nửa: buổi sinh hoạt đủ" in text
    actions.issue_resolution(None, july)
    # Before the rule took effect the papers say nothing of it.
    old = evening_meeting(workshop, dt.date(2021, 3, 5))
    assert "điều kiện tiến hành" not in to_markdown(paper.minutes_document(old))


def test_the_fee_line_is_the_months_collection_in_the_fee_book(workshop):
    """The minutes no longer carry a typed note: June 2024's fees as recorded for the cell."""
    june = dt.date(2024, 6, 1)
    members = [*workshop.sewers, *workshop.newcomers]
    no_base = workshop.newcomers[1]
    for person in members:
        if person != no_base:
            finance_actions.set_salary_base(
                None, person, month=dt.date(2024, 3, 1), kind="fixed", amount=30_000
            )
    full, partly = workshop.sewers[:6], workshop.sewers[6]
    for person in full:
        finance_actions.record_payment(
            None, person, paid_on=dt.date(2024, 6, 5), amount=30_000, first_month=june
        )
    finance_actions.record_payment(
        None, partly, paid_on=dt.date(2024, 6, 5), amount=10_000, first_month=june
    )
    # A payment of the cutting workshop's member is not the sewing cell's.
    finance_actions.set_salary_base(
        None, workshop.cutters[0], month=june, kind="fixed", amount=30_000
    )
    finance_actions.record_payment(
        None, workshop.cutters[0], paid_on=dt.date(2024, 6, 5), amount=30_000, first_month=june
    )
    activity = evening_meeting(workshop, dt.date(2024, 6, 5))
    text = to_markdown(paper.minutes_document(activity))
    unpaid = sorted([partly, workshop.sewers[7], workshop.newcomers[0]], key=lambda p: p.sort_name)
    assert (
        "Thu đảng phí tháng 6/2024 (theo sổ đảng phí): 06/09 đồng chí đã đóng đủ, số tiền "
        f"{money(6 * 30_000 + 10_000)} đồng; chưa đóng đủ: "
        f"{', '.join(p.full_name for p in unpaid)}; 01 đồng chí chưa có căn cứ tính đảng phí."
    ) in text


def test_a_workshop_year_read_as_its_secretary_reads_it(workshop):
    """Two evening meetings a month apart, a member on leave at both, nothing in the fee book
    yet, a task nobody reported on by its deadline."""
    s = workshop.sewers
    task = {"text": "Kiểm tra an toàn điện ca đêm", "assignee": s[2]}
    march = evening_meeting(
        workshop,
        dt.date(2024, 3, 5),
        away={s[3]: "Nghỉ phép năm"},
        tasks=[{**task, "deadline": dt.date(2024, 3, 25)}],
    )
    actions.issue_resolution(None, march)
    april = evening_meeting(workshop, dt.date(2024, 4, 5), away={s[3]: "Nghỉ phép năm"})
    minutes = to_markdown(paper.minutes_document(april))
    assert "Thời gian: bắt đầu lúc 19 giờ 00, thứ Sáu, ngày 05/04/2024." in minutes
    assert "Buổi sinh hoạt kết thúc lúc 21 giờ 00 cùng ngày." in minutes
    assert f"có lý do 01: đồng chí {s[3].full_name} (Nghỉ phép năm)" in minutes
    # The task was due on 25/03 and nobody reported on it: not "đang thực hiện".
    resolution = to_markdown(paper.resolution_document(april))
    for text in (minutes, resolution):
        assert "hoàn thành trước ngày 25/03/2024. Kết quả: quá hạn, chưa báo cáo kết quả." in text
    # An empty fee book is said so, not as "00/00 đồng chí … 0 đồng".
    assert (
        "Thu đảng phí tháng 4/2024 (theo sổ đảng phí): chưa ghi khoản nộp nào; 10 đồng chí chưa "
        "có căn cứ tính đảng phí." in minutes
    )


def test_a_joint_meeting_of_two_cells_has_one_set_of_papers(workshop, settings):
    """The sewing and cutting workshops' cells meet together in September 2024: one notice to
    the members of both, one minutes with each cell's own attendance (as the committee's figures
    count it), one resolution adopted by the full members present of each."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    sewing, cutting = workshop.cell, workshop.cutting
    for person in [*workshop.sewers, *workshop.cutters]:
        person.email = f"{person.id}@may.example"
        person.save(update_fields=["email"])
    coming = actions.plan_meeting(
        None,
        cell=sewing,
        joint_with=[cutting],
        starts_on=dt.date.today() + dt.timedelta(days=3),
        starts_at=dt.time(19, 0),
    )
    sent = actions.send_notice(None, coming)
    assert sorted(sent) == sorted(p.email for p in [*workshop.sewers, *workshop.cutters])
    notice = to_markdown(paper.notice_document(coming))
    assert "(sinh hoạt ghép Chi bộ Phân xưởng May 2, Chi bộ Phân xưởng Cắt)" in notice
    assert "- Đảng viên Chi bộ Phân xưởng Cắt;" in notice
    actions.mark_read(None, coming.plan, workshop.cutters[0])

    day = dt.date(2024, 9, 5)
    joint = actions.plan_meeting(
        None, cell=sewing, joint_with=[cutting], starts_on=day, starts_at=dt.time(19, 0)
    )
    with pytest.raises(ValidationError, match="Chi bộ Phân xưởng Cắt đã có buổi sinh hoạt"):
        actions.plan_meeting(None, cell=cutting, starts_on=day)

    s, c = workshop.sewers, workshop.cutters
    entries = dict.fromkeys([*s[:4], *s[5:], *workshop.newcomers, *c[:2]], "present")
    entries |= {s[4]: "absent", c[2]: ("excused", "Nghỉ ốm")}
    actions.record_attendance(None, joint, entries)
    actions.conclude_meeting(
        None, joint, chair=s[0], recorder=c[0], tasks=[{"text": "Sắp xếp lại kho vải"}]
    )
    actions.issue_resolution(None, joint)
    minutes = to_markdown(paper.minutes_document(joint))
    month = Period(day.replace(day=1), day)
    rows = {r.cell: r for r in cell_months(workshop.company, month)}
    for cell in (sewing, cutting):
        row = rows[cell]
        part = minutes[minutes.index(f"\n{cell.name}:\n") :]
        assert part.index(f"Có mặt {row.present}/{row.recorded} đảng viên") < part.index(
            "điều kiện tiến hành"
        )
    assert (
        "Có mặt 9/10 đảng viên (chính thức 07, dự bị 02); vắng 01 đồng chí (không lý do 01"
        in minutes
    )
    assert "Có mặt 2/3 đảng viên; vắng 01 đồng chí (có lý do 01" in minutes
    for cell in (sewing, cutting):
        assert f"{cell.name} — thu đảng phí tháng 9/2024 (theo sổ đảng phí)" in minutes
    resolution = to_markdown(paper.resolution_document(joint))
    # Seven full sewers present (two probationary do not vote) and two cutters.
    assert (
        "Nghị quyết được 09/09 đảng viên chính thức có mặt (Chi bộ Phân xưởng May 2 07, Chi bộ "
        "Phân xưởng Cắt 02) biểu quyết nhất trí thông qua." in resolution
    )
    # The cutting cell's next meeting reviews the joint meeting's resolution.
    october = actions.plan_meeting(None, cell=cutting, starts_on=dt.date(2024, 10, 3))
    assert roll.previous_meeting(october) == joint


def test_a_joint_meeting_is_planned_on_the_page_by_who_leads_both_cells(workshop, user_with):
    form = {
        "chi_bo": workshop.cell.slug,
        "joint_with": [workshop.cutting.slug],
        "starts_on": "2024-11-05",
        "starts_at": "19:00",
        "kind": "regular_meeting",
    }
    # The sewing cell's secretary does not lead the cutting cell: not a choice offered.
    secretary = user_with("secretary", workshop.cell)
    refused = secretary.post("/sinh-hoat/ke-hoach/", form)
    assert refused.status_code == 400 and not Activity.objects.filter(starts_on__month=11)
    office = user_with("office", workshop.company)
    assert office.post("/sinh-hoat/ke-hoach/", form).status_code == 302
    joint = Activity.objects.get(starts_on=dt.date(2024, 11, 5))
    assert actions.meeting_cells(joint) == [workshop.cell, workshop.cutting]
    page = office.get(f"/sinh-hoat/{joint.id}/").content.decode()
    assert workshop.cutters[0].full_name in page
