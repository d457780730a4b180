"""Facts with an age: a 2024 report of the demo committee, whose staff records were last changed
in 2018, whose two 2017 admissions were never recognised and whose 2017 enrolments ended in 2018,
states none of them as the year's own facts."""

from dangvu.orgs.models import Organization
from dangvu.reports.outputs import rendered
from dangvu.reports.render import to_markdown
from dangvu.reports.unsaved import unsaved_draft
from dangvu.training.models import Enrolment


def _md(year):
    draft = unsaved_draft(Organization.objects.get(slug="so-tttt-tra-vinh"), year)
    result = rendered(draft)
    return to_markdown(result.document), result.slots


def test_old_records_in_a_2024_report_are_slots_or_notes(demo):
    md, slots = _md(2024)
    situation = md.split("II. ")[0]
    # Staff figures: dated and flagged, never "đến thời điểm hiện tại".
    assert "đến thời điểm hiện tại" not in md
    assert "có mặt theo hồ sơ ghi ngày 01/6/2018" in situation
    assert situation.count("(số liệu ghi ngày 01/6/2018, cần cập nhật)") == 3
    assert any("số liệu biên chế năm 2024" in s for s in slots)
    # Probation long over with no decision: a slot, not "dự bị" as if normal.
    assert any("đã hết thời gian dự bị" in s for s in slots)
    # The 2017 enrolments planned to end in 2018 are not studying in 2024.
    cadres = md.split("Công tác cán bộ, đào tạo bồi dưỡng cán bộ")[1].split("\n4. ")[0]
    assert "Có 0" not in cadres and "đ/c học lớp" in cadres
    overdue = [s for s in slots if s.startswith("[cần bổ sung: kết quả học tập của")]
    assert len(overdue) == 1 and "2018" in overdue[0]
    # Every one of them is an enrolment past its planned end with no result.
    late = Enrolment.objects.filter(
        org__in=Organization.objects.filter(slug__startswith="so-tttt"),
        ends_on__lt="2024-01-01",
        completed_on__isnull=True,
    )
    assert late.exists()


def test_current_records_are_stated_as_current(demo):
    md, slots = _md(2017)
    assert "có mặt đến thời điểm hiện tại" in md
    assert "cần cập nhật" not in md
    assert not [s for s in slots if "kết quả học tập" in s]
    md, _ = _md(2018)  # still within the planned end: studying
    assert "đ/c học lớp cao cấp lý luận chính trị" in md and "kết quả học tập của" not in md
