"""The six-month review carries what real reviews carry: results against the year's programme,
tư tưởng, the directive on studying Hồ Chí Minh's example in force, admissions as proposals,
inspections with their subject and result, dân vận."""

from dangvu.orgs.models import Organization
from dangvu.oversight.models import Inspection
from dangvu.reports.outputs import rendered
from dangvu.reports.periods import period_of
from dangvu.reports.render import to_markdown
from dangvu.reports.unsaved import unsaved_draft
from dangvu.reports.wording import review_facts


def _md(slug, year):
    draft = unsaved_draft(Organization.objects.get(slug=slug), year, "six_month", "H1")
    return to_markdown(rendered(draft).document)


def test_the_committees_review_has_the_sections_of_real_ones(demo):
    md = _md("so-tttt-tra-vinh", 2017)
    titles = [line for line in md.splitlines() if line[:2] in ("1.", "2.", "3.", "4.", "5.", "6.")]
    assert titles == [
        "1. Tình hình tổ chức đảng, đảng viên",
        "2. Kết quả thực hiện chương trình, chỉ tiêu năm",
        "3. Công tác chính trị, tư tưởng",
        "4. Công tác tổ chức, xây dựng Đảng",
        "5. Công tác kiểm tra, giám sát",
        "6. Công tác dân vận, lãnh đạo các đoàn thể",
        "1. Ưu điểm",
        "2. Hạn chế, nguyên nhân",
    ]
    # Against the year's programme, as of the period's end (one of three items done by June).
    assert "Chương trình công tác năm 2017 có 03 mục; đến ngày 30/6/2017 đã hoàn thành 01 mục" in md
    assert "Thực hiện Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị (khóa XII)" in md
    assert "[cần bổ sung: tình hình tư tưởng" in md
    # The committee proposes; the superior admits.
    assert "Đề nghị cấp trên kết nạp quần chúng ưu tú vào Đảng" in md
    assert "\nKết nạp" not in md
    # Each inspection held: its subject and its result, from the record.
    held = Inspection.objects.filter(
        org__slug="so-tttt-tra-vinh", direction="conducted", starts_on__year=2017,
        starts_on__month__lte=6,
    )  # fmt: skip
    assert held.exists()
    for i in held:
        line = next(
            x for x in md.splitlines() if i.subject.strip().rstrip(".")[:40].lower() in x.lower()
        )
        assert f"Kết quả: {i.conclusion.strip().rstrip('.')}" in line
    assert "Dân vận khéo" in md


def test_the_directive_is_the_one_in_force_and_a_cell_proposes(demo):
    org = Organization.objects.get(slug="so-tttt-tra-vinh")
    words = {
        year: review_facts(org, period_of(year, "H1"))["rules.study_directive"].value
        for year in (2015, 2016, 2017, 2026)
    }
    assert words[2015].startswith("Chỉ thị số 03-CT/TW ngày 14/5/2011")
    assert words[2016].startswith("Chỉ thị số 05-CT/TW ngày 15/5/2016")  # in force from 15/5
    assert words[2017] == words[2026] == words[2016]
    cell = _md("so-tttt-chi-bo-2", 2017)
    assert "Chi bộ đề nghị kết nạp quần chúng ưu tú vào Đảng" in cell
    assert "dân vận" not in cell.lower()  # a cell under a committee leads no mass organization
