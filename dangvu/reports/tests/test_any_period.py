"""Reports for any organization, year and period: written from records or refused in Vietnamese.

The demo committee and each of its cells for every year 2014–2026 and for the periods of 2017,
and a second, made-up organization (a grassroots cell of another province, built through the
actions) whose figures the reference never saw.
"""

import datetime as dt
import io
import re
from io import StringIO

import docx
import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError

from dangvu.lib.checker import check_markdown
from dangvu.lib.party_docx import render_docx
from dangvu.orgs import actions as org_actions
from dangvu.orgs.models import Organization, Position
from dangvu.people import actions as people
from dangvu.reports import actions
from dangvu.reports.checking import check_bytes
from dangvu.reports.models import ReportDraft
from dangvu.reports.outputs import rendered
from dangvu.reports.periods import period_of
from dangvu.reports.render import to_markdown
from dangvu.reports.unsaved import unsaved_draft

DEMO_ORGS = ["so-tttt-tra-vinh", *[f"so-tttt-chi-bo-{n}" for n in range(1, 5)]]
FILLER = re.compile(r"(?<![\d.,])00(?![\d.,])")  # "00" standing for a number, not "100" or "1.002"
NUMBER_LINE = re.compile(r"^Số\s+(\d+)?\s*-BC/\S+$", re.M)
PLACE_DATE = re.compile(r"\*\S.*, ngày \d{2} tháng \d{1,2} năm \d{4}\*")


def _report(kind, org, year, tmp_path, period="", suffix=".md", **options):
    out = tmp_path / f"{org}-{year}{period}{suffix}"
    call_command(
        "report",
        kind,
        org=org,
        year=year,
        period=period,
        out=str(out),
        stdout=StringIO(),
        **options,
    )
    return out


def _assert_sound(text, docx_bytes):
    """No "00" filler, a complete header, no finding of the checker but the open slots."""
    assert not FILLER.search(text), FILLER.search(text)
    assert "[thiếu số liệu" not in text
    assert NUMBER_LINE.search(text), text[:300]
    assert PLACE_DATE.search(text), text[:300]
    head = text.split("BÁO CÁO")[0]
    assert head.count("**") >= 4  # the issuer and "ĐẢNG CỘNG SẢN VIỆT NAM" in bold
    findings = check_bytes(docx_bytes, "bao-cao.docx") + check_markdown(text)
    # A draft's open slots are the checker's errors, every one of them; nothing else is.
    wrong = [(f.location, f.problem) for f in findings if f.code != "open_slot"]
    assert wrong == [], wrong
    slots = [f for f in check_markdown(text) if f.code == "open_slot"]
    assert len(slots) == text.count("[cần bổ sung")


def _sound(slug, kind, year, period=""):
    """The report the `report` command writes (the saved draft, else the template filled from
    records), rendered once as Markdown and Word and checked."""
    org = Organization.objects.get(slug=slug)
    draft = (
        ReportDraft.objects.filter(org=org, year=year, template=kind, period=period)
        .order_by("-version")
        .first()
    ) or unsaved_draft(org, year, kind, period)
    document = rendered(draft).document
    _assert_sound(to_markdown(document), render_docx(document))


@pytest.mark.sweep
@pytest.mark.parametrize("org", DEMO_ORGS)
def test_every_year_of_the_demo_is_a_sound_report(demo, org):
    for year in range(2014, dt.date.today().year + 1):
        _sound(org, "annual", year)


@pytest.mark.sweep
@pytest.mark.parametrize("org", DEMO_ORGS)
def test_every_period_of_2017_is_a_sound_report(demo, org):
    periods = [("six_month", "H1")] + [("quarterly", f"Q{q}") for q in range(1, 5)]
    periods += [("monthly", f"{m:02d}") for m in range(1, 13)]
    for kind, period in periods:
        _sound(org, kind, 2017, period)


def test_the_command_writes_what_was_checked(demo, tmp_path):
    md = _report("quarterly", "so-tttt-chi-bo-4", 2017, tmp_path, "Q3").read_text()
    docx_bytes = _report(
        "quarterly", "so-tttt-chi-bo-4", 2017, tmp_path, "Q3", ".docx"
    ).read_bytes()
    _assert_sound(md, docx_bytes)


def test_a_cell_speaks_as_a_cell(demo, tmp_path):
    text = _report("annual", "so-tttt-chi-bo-1", 2017, tmp_path).read_text()
    for wrong in ("Ban Chấp hành", "Giám đốc", "chi bộ trực thuộc", "01 chi bộ", "T/M ĐẢNG ỦY"):
        assert wrong not in text, wrong
    assert "Chi bộ 1 trực thuộc Đảng ủy Sở Thông tin và Truyền thông" in text
    assert "T/M CHI BỘ" in text
    # No probationary member: the clause about them is left out, not "không có đảng viên dự bị".
    assert "dự bị" not in text.split("II.")[0]
    assert "Số      -BC/CB" in text  # the number's slot until one is taken
    assert text.startswith("**DỰ THẢO**")


def test_the_periods_name_their_period(demo, tmp_path):
    text = _report("quarterly", "so-tttt-tra-vinh", 2017, tmp_path, "Q4").read_text()
    assert "**Tình hình hoạt động quý IV năm 2017 và**" in text
    assert "chương trình công tác quý I năm 2018" in text
    assert "ngày 31 tháng 12 năm 2017" in text
    text = _report("six_month", "so-tttt-chi-bo-3", 2017, tmp_path).read_text()
    assert "Sơ kết công tác 6 tháng đầu năm 2017" in text
    assert "ngày 30 tháng 6 năm 2017" in text
    text = _report("monthly", "so-tttt-chi-bo-3", 2017, tmp_path, "2").read_text()
    assert "tháng 2 năm 2017" in text and "ngày 28 tháng 02 năm 2017" in text


@pytest.mark.parametrize(
    "options, message",
    [
        ({"year": 0}, "Năm báo cáo 0 không hợp lệ"),
        ({"year": 10000}, "Năm báo cáo 10000 không hợp lệ"),
        ({"year": 2030}, "Năm 2030 chưa đến"),
        ({"year": 2013}, "chưa được thành lập trong năm 2013"),
        ({"year": 2017, "period": "Q5", "kind": "quarterly"}, "Kỳ “Q5” không hợp"),
        ({"year": 2017, "kind": "quarterly"}, "cần kỳ báo cáo"),
        ({"year": 2017, "period": "13", "kind": "monthly"}, "Kỳ “13” không hợp"),
        (
            {"year": 2017, "out": "/khong/co/thu-muc/r.md"},
            "Thư mục “/khong/co/thu-muc” không tồn tại",
        ),
        ({"year": 2017, "org": "khong-co"}, "Không tìm thấy tổ chức"),
    ],
)
def test_refusals_are_vietnamese_and_exit_1(demo, tmp_path, options, message):
    kind = options.pop("kind", "annual")
    args = {"org": "so-tttt-chi-bo-2", "out": str(tmp_path / "r.md"), **options}
    with pytest.raises(CommandError, match=re.escape(message)):
        call_command("report", kind, stdout=StringIO(), **args)
    assert not (tmp_path / "r.md").exists()


def test_a_period_not_begun_is_refused(demo, tmp_path):
    today = dt.date.today()
    if today.month == 12:
        pytest.skip("every month of this year has begun")
    with pytest.raises(CommandError, match="chưa bắt đầu"):
        _report("monthly", "so-tttt-tra-vinh", today.year, tmp_path, "12")


def test_a_year_before_any_rule_is_refused():
    from dangvu.reports.periods import check_rules_in_force

    with pytest.raises(ValidationError, match="Chưa có quy định về đánh giá, xếp loại"):
        check_rules_in_force(period_of(1990))


def test_the_web_form_refuses_the_same_way(demo, login):
    client = login("vanphong")
    response = client.post("/bao-cao/", {"org": demo.id, "kind": "annual", "year": 2013})
    assert response.status_code == 400
    assert "chưa được thành lập" in response.content.decode()
    response = client.post("/bao-cao/", {"org": demo.id, "kind": "quarterly", "year": 2017})
    assert "cần kỳ báo cáo" in response.content.decode()
    response = client.post(
        "/bao-cao/", {"org": demo.id, "kind": "quarterly", "year": 2017, "period": "q2"}
    )
    draft = ReportDraft.objects.get(org=demo, template="quarterly")
    assert response.status_code == 302 and draft.period == "Q2"
    assert draft.label == "Báo cáo quý II năm 2017"


# The finalise gate ----------------------------------------------------------------------------


@pytest.fixture
def ready(demo):
    """A version of the demo's 2017 report with its own number, ready to be finalised."""
    draft = actions.new_version(None, ReportDraft.objects.get(org=demo, year=2017, version=1))
    return actions.edit_header(None, draft, number="Số 15-BC/ĐU")


def test_finalising_is_refused_for_an_unknown_name(ready):
    section = ready.sections.get(key="political.defence")
    # Typed before the check existed, or by hand in the database: the gate still catches it.
    type(section).objects.filter(pk=section.pk).update(text="Có {party.memberz} đảng viên.")
    with pytest.raises(ValidationError, match="Có phải ý bạn là party.members"):
        actions.finalise(None, ready)


def test_finalising_is_refused_for_an_open_slot(ready):
    section = ready.sections.get(key="political.defence")
    actions.edit_section(None, section, "[cần bổ sung: kết quả diễn tập phòng cháy]")
    with pytest.raises(ValidationError, match="kết quả diễn tập phòng cháy"):
        actions.finalise(None, ready)


def test_finalising_is_refused_for_a_finding_of_the_checker(ready):
    section = ready.sections.get(key="political.defence")
    actions.edit_section(
        None, section, "Thực hiện Chỉ thị số 05-CT/TW ngày 31/02/2017, chi bộ tham gia diễn tập."
    )
    with pytest.raises(ValidationError, match="31/02/2017"):
        actions.finalise(None, ready)
    assert not ReportDraft.objects.get(pk=ready.pk).is_final


def test_the_draft_mark_is_on_drafts_only(ready):
    from dangvu.reports.outputs import export

    def first_page_header(data):
        section = docx.Document(io.BytesIO(data)).sections[0]
        return " ".join(p.text for p in section.first_page_header.paragraphs)

    assert "DỰ THẢO" in first_page_header(export(ready, ".docx"))
    final = actions.finalise(None, ready)
    assert "DỰ THẢO" not in first_page_header(export(final, ".docx"))
    assert "DỰ THẢO" not in export(final, ".md").decode()
    assert "DỰ THẢO" not in export(final, ".html").decode()


def test_the_section_editor_lists_figures_with_labels_and_values(ready, login):
    page = login("vanphong").get(f"/bao-cao/{ready.id}/muc/situation/").content.decode()
    assert 'data-name="party.members.probationary"' in page
    assert "Đảng viên dự bị" in page
    response = login("vanphong").post(
        f"/bao-cao/{ready.id}/muc/situation/", {"text": "Có {party.memberz} đảng viên."}
    )
    assert response.status_code == 400
    assert "Có phải ý bạn là party.members" in response.content.decode()


def test_regenerating_keeps_the_offices_text_when_asked(demo, login):
    client = login("vanphong")
    data = {"org": demo.id, "kind": "annual", "year": 2017}
    page = client.post("/bao-cao/", data).content.decode()
    assert "Giữ lời văn đã sửa" in page and "Lập lại từ mẫu" in page
    assert ReportDraft.objects.filter(org=demo, year=2017).count() == 1  # nothing made yet
    client.post("/bao-cao/", {**data, "existing": "keep"})
    kept = ReportDraft.objects.get(org=demo, year=2017, version=2)
    original = ReportDraft.objects.get(org=demo, year=2017, version=1)
    assert kept.sections.get(key="political.defence").text == (
        original.sections.get(key="political.defence").text
    )
    listing = client.get("/bao-cao/").content.decode()
    assert listing.count("hiện hành") == 1


# A second organization, made up --------------------------------------------------------------


@pytest.fixture
def water_cell(db):
    """A grassroots cell of a water company in another province, founded in 2019: four members,
    one of them admitted in 2021; its committee elected in 2020."""
    superior = org_actions.create_org(
        None,
        kind=Organization.Kind.SUPERIOR_COMMITTEE,
        name="Đảng ủy Khối Doanh nghiệp tỉnh Bến Tre",
        slug="duk-doanh-nghiep-ben-tre",
        valid_from=dt.date(2008, 1, 1),
        symbol="ĐUK",
        place="Bến Tre",
    )
    cell = org_actions.create_org(
        None,
        kind=Organization.Kind.PARTY_CELL,
        name="Chi bộ Công ty Cổ phần Cấp thoát nước Bến Tre",
        slug="chi-bo-cap-nuoc-ben-tre",
        parent=superior,
        valid_from=dt.date(2019, 3, 1),
        symbol="CB",
        founding_document="Quyết định số 112-QĐ/ĐUK ngày 20/02/2019 của Ban Thường vụ "
        "Đảng ủy Khối Doanh nghiệp",
    )
    members = []
    for i, (name, born) in enumerate(
        [("Trần Văn Nước", 1975), ("Lê Thị Trong", 1980), ("Phạm Văn Sạch", 1985)]
    ):
        p = people.create_person(
            None, home_org=cell, full_name=name, gender="female" if i == 1 else "male",
            birth_date=dt.date(born, 5, 5),
        )  # fmt: skip
        people.transfer_in(
            None, p, cell, dt.date(2019, 3, 1),
            admitted_on=dt.date(2005 + i, 6, 1), official_on=dt.date(2006 + i, 6, 1),
        )  # fmt: skip
        members.append(p)
    young = people.create_person(
        None, home_org=cell, full_name="Võ Thị Mới", gender="female", birth_date=dt.date(1996, 2, 2)
    )
    people.admit(None, young, cell, dt.date(2021, 5, 10))
    term = org_actions.open_term(
        None, cell, name="2020-2025", valid_from=dt.date(2020, 7, 1), valid_to=dt.date(2025, 7, 1)
    )
    org_actions.appoint(None, term, members[0], Position.Role.SECRETARY, term.valid_from)
    return cell


def test_a_made_up_cell_gets_its_own_report(water_cell, tmp_path):
    slug = water_cell.slug
    text = _report("annual", slug, 2021, tmp_path).read_text()
    _assert_sound(text, _report("annual", slug, 2021, tmp_path, suffix=".docx").read_bytes())
    # 36-HD/VPTW: the party organization above on the first line; a long name on two lines,
    # broken between its phrases.
    assert "\nĐẢNG BỘ KHỐI DOANH NGHIỆP TỈNH\n" in text
    assert "**CHI BỘ CÔNG TY CỔ PHẦN**\n**CẤP THOÁT NƯỚC BẾN TRE**" in text
    assert "*Bến Tre, ngày 31 tháng 12 năm 2021*" in text
    assert "trực thuộc Đảng ủy Khối Doanh nghiệp tỉnh Bến Tre" in text
    # One seat, the bí thư's: a small cell elects no chi ủy.
    assert "nhiệm kỳ 2020-2025, bí thư chi bộ: đồng chí Trần Văn Nước" in text
    assert "chi ủy" not in text.split("II.")[0]
    assert "có 04 đảng viên, trong đó 03 đảng viên chính thức và 01 đảng viên dự bị" in text
    assert "01 quần chúng được kết nạp vào Đảng tại chi bộ" in text
    assert "T/M CHI BỘ" in text and "Trần Văn Nước" in text
    for wrong in ("Ban Chấp hành", "Giám đốc", "chi bộ trực thuộc", "Sở Thông tin"):
        assert wrong not in text, wrong
    # Before its committee was elected the clause about it is left out, not written "00".
    text = _report("annual", slug, 2019, tmp_path).read_text()
    assert "chi ủy" not in text.split("II.")[0]
    assert "có 03 đảng viên." in text
    for year in range(2019, 2025):
        _sound(slug, "annual", year)
    for kind, period in (("six_month", "H1"), ("quarterly", "Q2"), ("monthly", "05")):
        _sound(slug, kind, 2021, period)


def test_a_cell_with_a_chi_uy_says_so(water_cell, tmp_path):
    term = water_cell.terms.get()
    seated = set(term.positions.values_list("person_id", flat=True))
    others = [
        m.person
        for m in water_cell.memberships.filter(valid_to=None).order_by("person__id")
        if m.person_id not in seated
    ][:2]
    org_actions.appoint(None, term, others[0], Position.Role.DEPUTY_SECRETARY, term.valid_from)
    text = _report("annual", water_cell.slug, 2021, tmp_path).read_text()
    assert "bí thư chi bộ: đồng chí Trần Văn Nước, phó bí thư chi bộ: đồng chí" in text
    org_actions.appoint(None, term, others[1], Position.Role.MEMBER, term.valid_from)
    text = _report("annual", water_cell.slug, 2021, tmp_path).read_text()
    assert "chi ủy nhiệm kỳ 2020-2025 gồm 03 đồng chí" in text


def test_a_made_up_cell_is_refused_outside_its_life(water_cell, tmp_path):
    with pytest.raises(CommandError, match="chưa được thành lập trong năm 2018"):
        _report("annual", water_cell.slug, 2018, tmp_path)
    for p in [m.person for m in water_cell.memberships.filter(valid_to=None)]:
        people.transfer_out(None, p, dt.date(2023, 6, 30), "Đảng bộ Công ty Điện lực")
    org_actions.dissolve_org(None, water_cell, dt.date(2023, 7, 1))
    _report("annual", water_cell.slug, 2023, tmp_path)  # dissolved during the year: reported
    with pytest.raises(CommandError, match="đã giải thể từ ngày 01/07/2023"):
        _report("annual", water_cell.slug, 2024, tmp_path)


def test_a_year_before_the_rules_is_refused_for_an_old_organization(db, tmp_path):
    superior = org_actions.create_org(
        None,
        kind=Organization.Kind.SUPERIOR_COMMITTEE,
        name="Đảng ủy Khối Cơ quan tỉnh Long An",
        slug="duk-long-an",
        valid_from=dt.date(1995, 1, 1),
        place="Long An",
    )
    org_actions.create_org(
        None,
        kind=Organization.Kind.PARTY_CELL,
        name="Chi bộ Báo Long An",
        slug="chi-bo-bao-long-an",
        parent=superior,
        valid_from=dt.date(1996, 1, 1),
    )
    with pytest.raises(CommandError, match="Chưa có quy định về đánh giá, xếp loại"):
        _report("annual", "chi-bo-bao-long-an", 2000, tmp_path)
    with pytest.raises(CommandError, match="Kỳ “H2” không hợp"):
        _report("six_month", "chi-bo-bao-long-an", 2020, tmp_path, "H2")
    text = _report("six_month", "chi-bo-bao-long-an", 2020, tmp_path, "h1").read_text()
    assert "*Long An, ngày 30 tháng 6 năm 2020*" in text
    assert "[cần bổ sung: Quyết định thành lập]" not in text  # a six-month review does not ask


def test_contract_staff_are_counted_under_the_decree_of_the_year(demo, tmp_path):
    """NĐ 68/2000 in 2017, NĐ 111/2022 in 2024: a report never cites a replaced decree."""
    old = _report("annual", "so-tttt-tra-vinh", 2017, tmp_path).read_text()
    new = _report("annual", "so-tttt-tra-vinh", 2024, tmp_path).read_text()
    assert "theo NĐ 68 của Chính phủ" in old and "111/2022" not in old
    assert "Nghị định 111/2022/NĐ-CP" in new and "NĐ 68" not in new


def test_records_left_behind_are_slots_not_facts(demo, tmp_path):
    """The demo's records stop in 2018: a 2024 report does not state 2018's staff or members
    still probationary years after their probation as this year's facts; 2017's does not ask."""
    text_2017 = _report("annual", "so-tttt-tra-vinh", 2017, tmp_path).read_text()
    text_2024 = _report("annual", "so-tttt-tra-vinh", 2024, tmp_path).read_text()
    assert "hết thời gian dự bị" not in text_2017 and "hồ sơ cán bộ không có" not in text_2017
    assert re.search(r"\[cần bổ sung: \d{2} đảng viên dự bị đã hết thời gian dự bị", text_2024)
    assert re.search(r"\[cần bổ sung: số liệu biên chế năm 2024: hồ sơ cán bộ", text_2024)
    cell = _report("annual", "so-tttt-chi-bo-2", 2024, tmp_path).read_text()
    assert "hết thời gian dự bị" in cell


def test_a_year_without_fee_books_asks_for_them(demo, tmp_path):
    """The demo's books stop in 2017: a later year is not "Thu đảng phí: 0 đồng" with last
    balance carried over, but a slot for the missing books; a cell's table has no budget lines."""
    later = _report("annual", "so-tttt-chi-bo-2", 2023, tmp_path).read_text()
    assert "[cần bổ sung: sổ thu, nộp đảng phí năm 2023 (chưa có trong hồ sơ)]" in later
    assert "Thu đảng phí |" not in later
    own = _report("annual", "so-tttt-chi-bo-2", 2017, tmp_path).read_text()
    assert "+ Thu đảng phí" in own
    assert "Ngân sách cấp" not in own and "Chi hoạt động" not in own


def test_an_expired_committee_term_is_a_slot(demo, tmp_path):
    """The demo's committee term 2015-2020 is the last one recorded: from 2021 on the report asks
    for the current one instead of dropping the sentence about the committee."""
    text = _report("annual", "so-tttt-tra-vinh", 2021, tmp_path).read_text()
    assert "[cần bổ sung: cấp ủy nhiệm kỳ hiện tại (nhiệm kỳ 2015-2020 trong hồ sơ" in text
    assert (
        "cấp ủy nhiệm kỳ hiện tại"
        not in _report("annual", "so-tttt-tra-vinh", 2017, tmp_path).read_text()
    )
