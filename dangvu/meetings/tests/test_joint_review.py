"""A joint meeting reviews the last resolution of every cell holding it, not only the host's."""

import datetime as dt

from dangvu.meetings import actions, paper
from dangvu.meetings.models import Attendance, MeetingTask
from dangvu.reports.render import to_markdown

from .workshop import evening_meeting


def _cutting_meeting(workshop, day, task):
    cutting = workshop.cutting
    activity = actions.plan_meeting(None, cell=cutting, starts_on=day)
    actions.record_attendance(None, activity, dict.fromkeys(workshop.cutters, "present"))
    actions.conclude_meeting(
        None,
        activity,
        chair=workshop.cutters[0],
        recorder=workshop.cutters[1],
        tasks=[{"text": task, "assignee": workshop.cutters[2]}],
    )
    return activity


def test_each_cell_reviews_its_own_last_resolution_at_a_joint_meeting(workshop):
    evening_meeting(workshop, dt.date(2024, 8, 5), tasks=[{"text": "Vệ sinh máy may"}])
    _cutting_meeting(workshop, dt.date(2024, 8, 6), "Kiểm kê dao cắt")
    day = dt.date(2024, 9, 5)
    joint = actions.plan_meeting(
        None, cell=workshop.cell, joint_with=[workshop.cutting], starts_on=day
    )
    entries = dict.fromkeys([*workshop.sewers, *workshop.newcomers, *workshop.cutters], "present")
    actions.record_attendance(None, joint, entries)
    knives = MeetingTask.objects.get(text="Kiểm kê dao cắt")
    # The cutting cell's task takes its result in the joint meeting's minutes.
    actions.conclude_meeting(
        None,
        joint,
        chair=workshop.sewers[0],
        recorder=workshop.cutters[0],
        results={knives.id: (MeetingTask.Status.DONE, "Đủ 12 bộ dao")},
    )
    knives.refresh_from_db()
    assert knives.status == MeetingTask.Status.DONE and knives.done_on == day
    for document in (paper.minutes_document(joint), paper.resolution_document(joint)):
        text = to_markdown(document)
        sewing_part = text.index(f"{workshop.cell.name}:\n\nNghị quyết sinh hoạt ngày 05/08/2024")
        cutting_part = text.index(
            f"{workshop.cutting.name}:\n\nNghị quyết sinh hoạt ngày 06/08/2024"
        )
        assert sewing_part < text.index("Vệ sinh máy may") < cutting_part
        assert cutting_part < text.index(
            f"Kiểm kê dao cắt: đồng chí {workshop.cutters[2].full_name} thực hiện. Kết quả: hoàn "
            "thành (Đủ 12 bộ dao)."
        )


def test_cells_whose_last_meeting_was_joint_share_its_review(workshop):
    """After a joint meeting, the next joint meeting of the same cells reviews its tasks once."""
    first = actions.plan_meeting(
        None, cell=workshop.cell, joint_with=[workshop.cutting], starts_on=dt.date(2024, 9, 5)
    )
    people = [*workshop.sewers, *workshop.newcomers, *workshop.cutters]
    actions.record_attendance(None, first, dict.fromkeys(people, Attendance.Status.PRESENT))
    actions.conclude_meeting(
        None, first, chair=workshop.sewers[0], recorder=workshop.cutters[0],
        tasks=[{"text": "Sắp xếp lại kho vải"}],
    )  # fmt: skip
    second = actions.plan_meeting(
        None, cell=workshop.cell, joint_with=[workshop.cutting], starts_on=dt.date(2024, 10, 5)
    )
    text = to_markdown(paper.resolution_document(second))
    assert text.count("Sắp xếp lại kho vải") == 1
    assert f"{workshop.cell.name} và {workshop.cutting.name}:" in text
