"""A secretary's reading of three months of papers in two cells of different kinds under one
commune committee (invented): the cell of Đồng Tâm hamlet (a chi ủy of nine full members, one on
probation, one away at work in the city) and the retired members' cell of the commune (five
members, one exempt from meetings who still comes at times). October: their own meetings;
November: a joint meeting; December: their own again, each reviewing the joint resolution."""

import datetime as dt
import io

import pytest
from docx import Document as read_docx

from dangvu.lib.party_docx import render_docx
from dangvu.lib.party_html import render_html
from dangvu.meetings import actions, paper
from dangvu.meetings.models import Attendance, MeetingTask
from dangvu.orgs import actions as org_actions
from dangvu.people import actions as people_actions
from dangvu.reports.render import to_markdown

P, E, A = Attendance.Status.PRESENT, Attendance.Status.EXCUSED, Attendance.Status.ABSENT
HAMLET = ["Hà Văn An", "Hà Thị Bình", "Lục Văn Cường", "Lục Thị Dung", "Mông Văn Đức",
          "Mông Thị Én", "Nông Văn Giáp", "Nông Thị Hoa", "Hoàng Văn Ích"]  # fmt: skip
RETIRED = ["Triệu Văn Khải", "Triệu Thị Lan", "Bế Văn Mạnh", "Bế Thị Nga", "Lăng Văn Ổn"]


def _member(name, cell, home, admitted=None):
    person = people_actions.create_person(
        None,
        home_org=home,
        full_name=name,
        gender="male",
        birth_date=dt.date(1995, 1, 1) if admitted else dt.date(1950, 1, 1),
    )
    if admitted:
        people_actions.admit(None, person, cell, admitted)
    else:
        people_actions.transfer_in(
            None, person, cell, dt.date(2015, 1, 1),
            admitted_on=dt.date(1990, 1, 1), official_on=dt.date(1991, 1, 1),
        )  # fmt: skip
    return person


@pytest.fixture
def commune(db):
    create = org_actions.create_org
    committee = create(
        None, kind="party_committee", name="Đảng bộ xã Thử Nghiệm", symbol="ĐU",
        valid_from=dt.date(2015, 1, 1), place="Cao Bằng",
    )  # fmt: skip
    hamlet = create(
        None, kind="party_cell", name="Chi bộ thôn Đồng Tâm", parent=committee,
        valid_from=dt.date(2015, 1, 1), symbol="CB",
    )  # fmt: skip
    retired = create(
        None, kind="party_cell", name="Chi bộ Hưu trí", parent=committee,
        valid_from=dt.date(2015, 1, 1), symbol="CB",
    )  # fmt: skip
    h = [_member(n, hamlet, committee) for n in HAMLET]
    h.append(_member("Nông Văn Khoa", hamlet, committee, admitted=dt.date(2025, 5, 19)))
    r = [_member(n, retired, committee) for n in RETIRED]
    term = org_actions.open_term(None, hamlet, name="2025-2030", valid_from=dt.date(2025, 6, 1))
    org_actions.appoint(None, term, h[0], "secretary", dt.date(2025, 6, 1))
    org_actions.appoint(None, term, h[1], "deputy_secretary", dt.date(2025, 6, 1))
    org_actions.appoint(None, term, h[2], "member", dt.date(2025, 6, 1))
    rterm = org_actions.open_term(None, retired, name="2025-2030", valid_from=dt.date(2025, 6, 1))
    org_actions.appoint(None, rterm, r[0], "secretary", dt.date(2025, 6, 1))
    people_actions.exempt_member(
        None, r[4], decision="Quyết định số 12-QĐ/ĐU", valid_from=dt.date(2025, 3, 1),
        reason="Tuổi cao, sức yếu",
    )  # fmt: skip
    return committee, hamlet, retired, h, r


def _hold(cells, day, entries, chair, recorder, tasks=(), results=None):
    activity = actions.plan_meeting(
        None, cell=cells[0], joint_with=cells[1:], starts_on=day, starts_at=dt.time(19, 30),
        place="Nhà văn hóa thôn Đồng Tâm",
    )  # fmt: skip
    actions.record_attendance(None, activity, entries)
    actions.conclude_meeting(
        None, activity, chair=chair, recorder=recorder, tasks=list(tasks), results=results,
        ends_at=dt.time(21, 30), quality="good", score="90",
    )  # fmt: skip
    return activity


def test_three_months_of_two_cells_read_as_a_secretary_would(commune):
    _committee, hamlet, retired, h, r = commune
    # October: the hamlet's meeting; one away in the city (the secretary accepts), one absent.
    hamlet_entries = dict.fromkeys(h, P) | {
        h[7]: (E, "Đi làm ăn xa ở Hà Nội", h[0]),
        h[8]: (A, ""),
        h[6]: (E, "Ốm"),
    }
    october = _hold(
        [hamlet], dt.date(2025, 10, 6), hamlet_entries, h[0], h[1],
        tasks=[{"text": "Vận động thu quỹ đền ơn đáp nghĩa", "assignee": h[3]}],
    )  # fmt: skip
    # The retired cell: the exempt member came this month.
    retired_entries = dict.fromkeys(r, P) | {r[3]: (E, "Đi viện kiểm tra định kỳ")}
    r_october = _hold(
        [retired], dt.date(2025, 10, 7), retired_entries, r[0], r[1],
        tasks=[{"text": "Thăm hỏi hội viên cao tuổi ốm đau", "assignee": r[2]}],
    )  # fmt: skip
    text = to_markdown(paper.minutes_document(october))
    assert "Tổng số đảng viên của chi bộ: 10 đồng chí (chính thức 09, dự bị 01)." in text
    assert "Có mặt 7/10 đảng viên (chính thức 06, dự bị 01)" in text
    assert f"đồng chí {h[7].full_name} (Đi làm ăn xa ở Hà Nội; được đồng chí {h[0].full_name}, " \
        "Bí thư chi bộ, đồng ý)" in text  # fmt: skip
    # Nine full members less one accepted absence: six of eight.
    assert "Đảng viên chính thức có mặt 06/08 đồng chí (không tính 01 đồng chí" in text
    r_text = to_markdown(paper.minutes_document(r_october))
    assert f"Đảng viên được miễn sinh hoạt có mặt: {r[4].full_name}." in r_text
    assert "Đảng viên chính thức có mặt 04/05 đồng chí, quá một nửa" in r_text
    # The resolution's voters are those the quorum counts present: the exempt member voted.
    assert "Nghị quyết được 04/04 đảng viên chính thức có mặt" in to_markdown(
        paper.resolution_document(r_october)
    )
    for activity in (october, r_october):
        actions.issue_resolution(None, activity)

    # November: the joint meeting reviews each cell's October resolution.
    fund = MeetingTask.objects.get(text__startswith="Vận động thu quỹ")
    visits = MeetingTask.objects.get(text__startswith="Thăm hỏi hội viên")
    joint_entries = dict.fromkeys([*h, *r[:4]], P) | {h[9]: (A, "")}
    november = _hold(
        [hamlet, retired], dt.date(2025, 11, 5), joint_entries, h[0], r[1],
        tasks=[{"text": "Chuẩn bị Ngày hội Đại đoàn kết toàn dân tộc"}],
        results={fund.id: (MeetingTask.Status.DONE, "Thu 4,2 triệu đồng"),
                 visits.id: (MeetingTask.Status.PARTLY, "Thăm 3/5 hội viên")},
    )  # fmt: skip
    minutes = paper.minutes_document(november)
    text = to_markdown(minutes)
    review = text[text.index("Kết quả thực hiện nghị quyết tháng trước") :]
    assert review.index(f"{hamlet.name}:") < review.index("Thu 4,2 triệu đồng")
    assert review.index(f"{retired.name}:") < review.index("Thăm 3/5 hội viên")
    actions.issue_resolution(None, november)
    # A task of the joint resolution with no owner is each cell's leaders', by name; the
    # resolution goes to the members of both cells.
    resolution = to_markdown(paper.resolution_document(november))
    leaders = f"chi ủy {hamlet.name}, bí thư {retired.name}"
    for text in (resolution, to_markdown(paper.minutes_document(november))):
        assert f"- Chuẩn bị Ngày hội Đại đoàn kết toàn dân tộc: {leaders} thực hiện." in text
    assert f"biểu quyết nhất trí thông qua. C{leaders[1:]}, các đồng chí" in resolution
    assert f"- Đảng viên {hamlet.name};\n- Đảng viên {retired.name};" in resolution
    # The papers open in Word and in the browser with both signatures and both cells.
    word = read_docx(io.BytesIO(render_docx(minutes)))
    assert any(retired.name in p.text for p in word.paragraphs)
    assert render_html(minutes).count('class="pd-signature"') == 2

    # December: each cell on its own reviews the joint resolution and its unfinished visits.
    december = _hold([retired], dt.date(2025, 12, 4), dict.fromkeys(r[:4], P), r[0], r[1])
    text = to_markdown(paper.resolution_document(december))
    assert "Nghị quyết sinh hoạt ngày 05/11/2025 giao 01 nhiệm vụ" in text
    assert "Thăm hỏi hội viên cao tuổi ốm đau (nghị quyết ngày 07/10/2025)" in text
