"""An excused absence and the quorum (Quy định 24-QĐ/TW, point 9.3.2): a full member absent for a
reason the cell's committee accepted is left out of the count, a reason only given is not."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from dangvu.meetings import actions, paper
from dangvu.meetings.models import Attendance
from dangvu.orgs import actions as org_actions
from dangvu.reports.render import to_markdown

from .workshop import evening_meeting


def test_an_absence_the_committee_accepted_is_not_counted_one_only_excused_is(workshop):
    """Eight full members: four present of eight is not more than half. Two of the four absent
    gave a reason; once the secretary accepts them, four of six is."""
    s = workshop.sewers
    away = {s[4]: "Ốm, nằm viện", s[5]: "Đi công tác Hà Nội"}
    june = evening_meeting(workshop, dt.date(2024, 6, 5), away=away, absent=s[6:])
    minutes = to_markdown(paper.minutes_document(june))
    assert "Đảng viên chính thức có mặt 04/08 đồng chí, chưa quá một nửa" in minutes
    with pytest.raises(ValidationError, match="Không lấy số"):
        actions.issue_resolution(None, june)

    secretary = s[0]
    entries = {p: (a.status, a.reason) for a in june.attendances.all() for p in [a.person]}
    entries |= {p: (Attendance.Status.EXCUSED, r, secretary) for p, r in away.items()}
    actions.record_attendance(None, june, entries)
    minutes = to_markdown(paper.minutes_document(june))
    assert (
        f"đồng chí {s[4].full_name} (Ốm, nằm viện; được đồng chí {secretary.full_name}, Bí thư "
        "chi bộ, đồng ý)" in minutes
    )
    assert (
        "Đảng viên chính thức có mặt 04/06 đồng chí (không tính 02 đồng chí vắng có lý do được "
        "cấp ủy đồng ý), quá một nửa: buổi sinh hoạt đủ điều kiện tiến hành." in minutes
    )
    actions.issue_resolution(None, june)


def test_only_the_cells_committee_accepts_a_reason_given(workshop):
    s = workshop.sewers
    june = evening_meeting(workshop, dt.date(2024, 6, 5), away={s[4]: "Ốm"})
    before = list(june.attendances.values_list("person_id", "status", "accepted_by_id"))
    refusals = {
        "phải là cấp ủy viên": {s[4]: (Attendance.Status.EXCUSED, "Ốm", s[2])},
        "lý do phải được ghi": {s[4]: (Attendance.Status.EXCUSED, "", s[0])},
        "chỉ đồng ý lý do của đảng viên vắng có lý do": {
            s[5]: (Attendance.Status.ABSENT, "Không báo", s[0])
        },
    }
    for message, entries in refusals.items():
        with pytest.raises(ValidationError, match=message):
            actions.record_attendance(None, june, entries, replacing=[s[4].id, s[5].id])
    after = list(june.attendances.values_list("person_id", "status", "accepted_by_id"))
    assert after == before
    # A chi ủy member (not only the secretary) may accept.
    term = s[0].positions.get().term
    org_actions.appoint(None, term, s[2], "member", dt.date(2024, 1, 1))
    actions.record_attendance(
        None, june, {s[4]: (Attendance.Status.EXCUSED, "Ốm", s[2])}, replacing=[s[4].id]
    )
    minutes = to_markdown(paper.minutes_document(june))
    assert f"được đồng chí {s[2].full_name}, chi ủy viên, đồng ý" in minutes
