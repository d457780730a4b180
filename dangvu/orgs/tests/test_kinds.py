"""Every type of grassroots organization: four invented organizations of four types (a commune
with hamlet cells, a school, an enterprise, a police unit) created and filled through the
commands; each one's annual and six-month reports carry its type's sections and none of an
agency's. A new committee numbers its first report on its first day; a moved commune names the
superior of each report's date; the demo committee stays a State agency."""

import datetime as dt
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import CommandError

from dangvu.accounts.models import AuditEntry
from dangvu.accounts.tests.helpers import run, table_counts
from dangvu.documents import actions as documents
from dangvu.lib.text import fold
from dangvu.orgs import actions, kinds
from dangvu.orgs.models import Organization, OrganizationType, Term
from dangvu.people import actions as people
from dangvu.reports import actions as reports
from dangvu.reports.report_template import load_template, sections_for

TODAY = dt.date.today()
YEAR = TODAY.year - 1  # a whole year of records
FOUNDED = dt.date(YEAR - 4, 3, 1)
SUPERIOR = "Đảng bộ tỉnh Hòa Giang"  # an invented province

# What an agency's report says and no other type's may: staff quota, directors, the agency's
# safety, the sponsored commune, the agency's own professional task, administrative reform.
AGENCY_WORDS = [
    "an toàn cơ quan",
    "đỡ đầu xã",
    "xây dựng cơ quan",
    "biên chế",
    "giám đốc",
    "nhiệm vụ chuyên môn của cơ quan",
    "cải cách hành chính",
    "nghị định 68",
    "hợp đồng theo",
]

# Four invented organizations: (type, committee name, place, cells, profile figures, words its
# annual report must carry, words its six-month report must carry).
ORGS = {
    "xa": (
        "Đảng bộ xã Tân Phú Đông",
        "Tân Phú Đông",
        ["Chi bộ ấp Bến Tre", "Chi bộ ấp Cây Gáo", "Chi bộ Quân sự xã"],
        {"population": 8412, "households": 2133, "hamlets": 7, "farmers_union": 905},
        [
            "phát triển kinh tế - xã hội",
            "nông thôn mới",
            "quốc phòng, an ninh",
            "mặt trận tổ quốc",
            "8.412 nhân khẩu",
            "hội nông dân: 905",
        ],
        ["phát triển kinh tế - xã hội", "quốc phòng, an ninh"],
    ),
    "su-nghiep-giao-duc": (
        "Đảng bộ Trường Trung học phổ thông Hòa Lạc",
        "Hòa Lạc",
        ["Chi bộ Tổ Toán - Tin", "Chi bộ Tổ Văn - Sử"],
        {"staff": 96, "teachers": 81, "classes": 36, "pupils": 1412},
        ["nhiệm vụ năm học", "dạy và học", "81 giáo viên", "1.412 học sinh"],
        ["dạy và học"],
    ),
    "doanh-nghiep-tu-nhan": (
        "Đảng bộ Công ty Cổ phần Thủy sản Sông Hậu",
        "Hòa Giang",
        ["Chi bộ Phân xưởng chế biến", "Chi bộ Khối văn phòng"],
        {"employees": 1250, "revenue": 612500, "profit": 41200},
        ["sản xuất, kinh doanh", "người lao động: 1.250 người", "612,5 tỷ đồng"],
        ["sản xuất, kinh doanh"],
    ),
    "cong-an": (
        "Đảng bộ Công an huyện Hòa An",
        "Hòa An",
        ["Chi bộ Đội Cảnh sát hình sự", "Chi bộ Công an xã Hòa Bình"],
        {"troops": 118},
        ["bảo đảm an ninh, trật tự", "xây dựng lực lượng", "118 cán bộ, chiến sĩ"],
        ["bảo đảm an ninh, trật tự"],
    ),
}


def _member(cell, n, on):
    person = people.create_person(
        None,
        home_org=cell,
        full_name=f"Lê Văn Thử {cell.id} {chr(65 + n)}",
        gender="male",
        birth_date=dt.date(1975 + n, 5, 1),
    )
    people.transfer_in(
        None,
        person,
        cell,
        on,
        admitted_on=dt.date(2000 + n, 1, 1),
        official_on=dt.date(2001 + n, 1, 1),
    )
    return person


def _create(code):
    """The organization of type `code` and its cells, through the commands; three members each."""
    name, place, cells, profile, _a, _s = ORGS[code]
    slug = run(
        "create_org",
        "--name",
        name,
        "--kind",
        "party_committee",
        "--from",
        FOUNDED.isoformat(),
        "--place",
        place,
        "--superior-name",
        SUPERIOR,
        "--founding-document",
        f"Quyết định số 12-QĐ/TU ngày 01/3/{FOUNDED.year} của Ban Thường vụ Tỉnh ủy",
        "--type",
        code,
        "--term",
        f"{FOUNDED.year}-{FOUNDED.year + 5}",
    ).strip()
    org = Organization.objects.get(slug=slug)
    for cell_name in cells:
        cell_slug = run(
            "create_org", "--name", cell_name, "--kind", "party_cell", "--parent", slug
        ).strip()
        cell = Organization.objects.get(slug=cell_slug)
        for n in range(3):
            _member(cell, n, FOUNDED)
    figures = [f"{k}={v}" for k, v in profile.items()]
    run("org_profile", "--org", slug, "--date", dt.date(YEAR, 12, 31).isoformat(), *figures)
    return org


def _report(tmp_path, template, org, period=None):
    out = tmp_path / f"{org.slug}-{template}.md"
    args = ["report", template, "--org", org.slug, "--year", str(YEAR), "--out", str(out)]
    run(*args, *(["--period", period] if period else []))
    return out.read_text(encoding="utf-8")


@pytest.mark.parametrize("code", list(ORGS))
def test_each_type_reports_its_own_sections_and_none_of_an_agency(db, tmp_path, code):
    org = _create(code)
    assert kinds.kind_on(org, dt.date(YEAR, 6, 30)).code == code
    _name, place, cells, _profile, annual_words, six_words = ORGS[code]
    annual = _report(tmp_path, "annual", org)
    six = _report(tmp_path, "six_month", org, "H1")
    for text, words in ((annual, annual_words), (six, six_words)):
        folded = fold(text)
        for word in words:
            assert fold(word) in folded, (code, word)
        for word in AGENCY_WORDS:
            assert fold(word) not in folded, (code, word)
        assert "{" not in text and "cần bổ sung: Quyết định thành lập" not in text
        assert f"{len(cells) * 3} đảng viên" in text  # the members recorded, counted
    cell = org.children.get(name=cells[0])
    cell_report = _report(tmp_path, "annual", cell)
    assert fold("chuyên môn của cơ quan") not in fold(cell_report)
    if code == "xa":
        # A hamlet cell's header names its commune in full ("ĐẢNG BỘ XÃ TÂN PHÚ ĐÔNG").
        assert f"ĐẢNG BỘ XÃ {place.upper()}" in cell_report
        assert "LÃNH ĐẠO THỰC HIỆN NHIỆM VỤ CHÍNH TRỊ Ở ĐỊA BÀN" in cell_report


def test_every_type_names_templates_that_load_for_every_organization(db):
    for kind in kinds.all_kinds().values():
        assert kind.source and kind.label and kind.group
        for name in ("annual", "six_month", "quarterly", "monthly"):
            template = load_template(name, kind.templates)
            for org_kind in ("committee", "cell", "cell_base"):
                titles = " ".join(s["title"] for s in sections_for(template, org_kind))
                if kind.templates:  # every type but the agencies' speaks of none of theirs
                    assert "an toàn cơ quan" not in fold(titles), (kind.code, name)
    assert kinds.all_kinds()["phuong"].profile == kinds.all_kinds()["xa"].profile  # `like`


def test_a_bad_type_is_refused_and_nothing_is_written(db):
    before = table_counts()
    with pytest.raises(CommandError, match="Loại hình “lang” không có"):
        run("create_org", "--name", "Đảng bộ Làng", "--kind", "party_committee", "--type", "lang")
    assert table_counts() == before


def test_a_type_changes_from_a_date_and_keeps_the_old_one_before(db, tmp_path):
    org = _create("xa")
    day = dt.date(YEAR, 7, 1)
    run("org_profile", "--org", org.slug, "--type", "phuong", "--from", day.isoformat())
    assert kinds.kind_on(org, day - dt.timedelta(days=1)).code == "xa"
    assert kinds.kind_on(org, day).code == "phuong"
    with pytest.raises(ValidationError, match="Đã có loại hình"):
        actions.set_type(None, org, "xa", day)
    with pytest.raises(CommandError, match="không có chỉ tiêu “teachers”"):
        run("org_profile", "--org", org.slug, "--date", day.isoformat(), "teachers=4")


def test_a_new_committee_takes_an_outgoing_number_on_its_first_day(db):
    slug = run(
        "create_org",
        "--name",
        "Đảng bộ xã Mới Lập",
        "--kind",
        "party_committee",
        "--from",
        TODAY.isoformat(),
        "--place",
        "Mới Lập",
        "--type",
        "xa",
        "--term",
        f"{TODAY.year}-{TODAY.year + 5}",
    ).strip()
    org = Organization.objects.get(slug=slug)
    assert Term.executive_on(org, TODAY).name == f"{TODAY.year}-{TODAY.year + 5}"
    reserved = documents.next_number(None, org, "Báo cáo", TODAY)
    assert reserved.symbol == "01-BC/ĐU"


def test_without_a_term_the_finalise_page_says_to_record_one(db):
    slug = run(
        "create_org",
        "--name",
        "Đảng bộ xã Chưa Nhiệm Kỳ",
        "--kind",
        "party_committee",
        "--from",
        FOUNDED.isoformat(),
        "--type",
        "xa",
    ).strip()
    org = Organization.objects.get(slug=slug)
    draft = reports.create_draft(None, org, YEAR)
    problems = reports.finalise_problems(draft)
    assert any("chưa có nhiệm kỳ cấp ủy" in p and "Nhiệm kỳ" in p for p in problems)
    assert any("Chưa có người ký" in p for p in problems)
    with pytest.raises(ValidationError, match="chưa có nhiệm kỳ"):
        reports.take_number(None, draft)


def test_a_moved_commune_names_the_superior_of_each_reports_date(db, tmp_path):
    run("create_org", "--name", "Đảng bộ huyện Hòa An", "--kind", "superior_committee",
        "--from", "2010-01-01", "--place", "Hòa An")  # fmt: skip
    slug = run(
        "create_org",
        "--name",
        "Đảng bộ xã Hòa Bình",
        "--kind",
        "party_committee",
        "--parent",
        "dang-bo-huyen-hoa-an",
        "--from",
        FOUNDED.isoformat(),
        "--place",
        "Hòa Bình",
        "--type",
        "xa",
    ).strip()
    moved = dt.date(YEAR, 7, 1)
    run("move_org", "--org", slug, "--superior-name", SUPERIOR, "--from", moved.isoformat())
    org = Organization.objects.get(slug=slug)
    assert org.parent.name == SUPERIOR
    before = kinds.header_words(org, moved - dt.timedelta(days=1))
    after = kinds.header_words(org, moved)
    assert before.superior == "ĐẢNG BỘ HUYỆN HÒA AN" and after.superior == SUPERIOR.upper()
    six = _report(tmp_path, "six_month", org, "H1")  # ends 30/6, before the move
    annual = _report(tmp_path, "annual", org)
    assert "ĐẢNG BỘ HUYỆN HÒA AN" in six and "- Huyện ủy Hòa An (b/c);" in six
    assert SUPERIOR.upper() in annual and "- Tỉnh ủy Hòa Giang (b/c);" in annual
    with pytest.raises(ValidationError, match="đã trực thuộc"):
        actions.move_org(None, org, org.parent, dt.date(YEAR, 9, 1))


def test_the_demo_committee_is_a_state_agency(demo):
    assert kinds.kind_on(demo, dt.date(2017, 12, 31)).code == "co-quan-nha-nuoc"
    assert (
        not OrganizationType.objects.filter(organization=demo)
        .exclude(code="co-quan-nha-nuoc")
        .exists()
    )


def test_kind_files_are_named_by_their_code():
    for path in Path(kinds.KINDS_DIR).glob("*.toml"):
        assert kinds.all_kinds()[path.stem].code == path.stem


def test_an_organization_entered_by_mistake_is_deleted_after_confirmation(db, client):
    slug = run("create_org", "--name", "Chi bộ Nhập Nhầm", "--kind", "party_committee",
               "--type", "khac", "--from", FOUNDED.isoformat()).strip()  # fmt: skip
    org = Organization.objects.get(slug=slug)
    with pytest.raises(ValidationError, match="Hãy gõ đúng tên"):
        actions.delete_org(None, org, "Chi bộ khác")
    assert Organization.objects.filter(slug=slug).exists()
    actions.delete_org(None, org, "chi bộ nhập nhầm")
    assert not Organization.objects.filter(slug=slug).exists()
    assert AuditEntry.objects.filter(action="org.delete", target_id=org.pk).exists()


def test_an_organization_with_records_is_not_deleted(db):
    org = _create("cong-an")
    before = table_counts()
    with pytest.raises(ValidationError, match="hãy giải thể hoặc sáp nhập thay vì xóa"):
        actions.delete_org(None, org, org.name)
    assert table_counts() == before


def test_a_seat_takes_any_title(db):
    org = _create("xa")
    term = Term.executive_on(org, dt.date(YEAR, 6, 1))
    person = org.children.first().memberships.first().person
    seat = actions.appoint(
        None,
        term,
        person,
        "deputy_secretary",
        dt.date(YEAR, 6, 1),
        title="Phó Bí thư Thường trực, Chủ tịch Hội đồng nhân dân xã",
    )
    assert str(seat).startswith("Phó Bí thư Thường trực, Chủ tịch Hội đồng nhân dân xã – ")
    with pytest.raises(ValidationError, match="120 ký tự"):
        actions.appoint(None, term, person, "member", dt.date(YEAR, 7, 1), title="x" * 121)


def test_a_report_is_sent_to_the_superior_of_its_own_date(db):
    from dangvu.reports.models import ReportDraft
    from dangvu.superior import actions as superior

    run("create_org", "--name", "Đảng bộ huyện Hòa An", "--kind", "superior_committee",
        "--from", "2010-01-01", "--place", "Hòa An")  # fmt: skip
    run("create_org", "--name", SUPERIOR, "--kind", "superior_committee",
        "--from", "2010-01-01", "--place", "Hòa Giang")  # fmt: skip
    slug = run("create_org", "--name", "Đảng bộ xã Hòa Bình", "--kind", "party_committee",
               "--parent", "dang-bo-huyen-hoa-an", "--from", FOUNDED.isoformat(),
               "--place", "Hòa Bình", "--type", "xa").strip()  # fmt: skip
    org = Organization.objects.get(slug=slug)
    district, province = org.parent, Organization.objects.get(name=SUPERIOR)
    actions.move_org(None, org, province, dt.date(YEAR, 7, 1))

    def sent(period):
        # A finalised report as the finalise action leaves it; only its date matters here.
        draft = ReportDraft.objects.create(
            org=org, year=YEAR, period=period, template="six_month" if period else "annual",
            status=ReportDraft.Status.FINAL,
        )  # fmt: skip
        return superior.send_report(None, draft, dt.date(YEAR + 1, 1, 15)).superior

    assert sent("H1") == district  # the first half ended before the move
    assert sent("") == province


def test_the_seat_form_offers_the_types_positions_and_takes_any_title(db, client):
    from dangvu.orgs.models import Position

    client.force_login(get_user_model().objects.create_superuser("quantri-thu"))
    commune, police = _create("xa"), _create("cong-an")
    page = client.get(f"/to-chuc/{commune.slug}/chuc-vu/").content.decode()
    assert '<option value="Chủ tịch Ủy ban nhân dân">' in page and 'list="goi-y-title"' in page
    assert "Trưởng Công an" in page and "Đội trưởng" not in page  # the commune's, not the police's
    assert (
        '<option value="Đội trưởng">'
        in client.get(f"/to-chuc/{police.slug}/chuc-vu/").content.decode()
    )
    term = Term.executive_on(commune, dt.date(YEAR, 6, 1))
    person = commune.children.first().memberships.first().person
    title = "Ủy viên Ban Thường vụ, Trưởng ban Dân vận"  # not among the suggestions
    answer = client.post(
        f"/to-chuc/{commune.slug}/chuc-vu/",
        {"term": term.pk, "person": person.pk, "role": "standing_member", "title": title,
         "valid_from": f"{YEAR}-06-01"},
    )  # fmt: skip
    assert answer.status_code == 302
    assert Position.objects.get(term=term, person=person).display_title == title
    assert AuditEntry.objects.filter(action="position.appoint", target_id=person.positions.get().pk)


def test_adding_beside_a_commune_offers_its_mass_organizations(db, client):
    client.force_login(get_user_model().objects.create_superuser("quantri-thu"))
    commune = _create("xa")
    page = client.get(f"/to-chuc/{commune.slug}/them/").content.decode()
    for name in kinds.get("xa").mass_organizations:
        assert f'<option value="{name}">' in page


def test_the_send_page_names_the_superior_of_the_reports_date(db, client):
    from dangvu.reports.models import ReportDraft

    run("create_org", "--name", "Đảng bộ huyện Hòa An", "--kind", "superior_committee",
        "--from", "2010-01-01", "--place", "Hòa An")  # fmt: skip
    run("create_org", "--name", SUPERIOR, "--kind", "superior_committee",
        "--from", "2010-01-01", "--place", "Hòa Giang")  # fmt: skip
    slug = run("create_org", "--name", "Đảng bộ xã Hòa Bình", "--kind", "party_committee",
               "--parent", "dang-bo-huyen-hoa-an", "--from", FOUNDED.isoformat(),
               "--place", "Hòa Bình", "--type", "xa").strip()  # fmt: skip
    org = Organization.objects.get(slug=slug)
    district = org.parent
    actions.move_org(None, org, Organization.objects.get(name=SUPERIOR), dt.date(YEAR, 7, 1))
    client.force_login(get_user_model().objects.create_superuser("quantri-gui"))

    def page(period):
        draft = ReportDraft.objects.create(
            org=org, year=YEAR, period=period, template="six_month" if period else "annual",
            status=ReportDraft.Status.FINAL,
        )  # fmt: skip
        return draft, client.get(f"/cap-tren/gui/{draft.pk}/").content.decode()

    first_half, before = page("H1")  # ended before the move: the district
    assert f"Gửi báo cáo lên {district.name}" in before and SUPERIOR not in before
    _, after = page("")
    assert f"Gửi báo cáo lên {SUPERIOR}" in after and district.name not in after
    answer = client.post(f"/cap-tren/gui/{first_half.pk}/", {"sent_on": f"{YEAR + 1}-01-15"})
    assert answer.status_code == 302
    sent = client.get(f"/cap-tren/gui/{first_half.pk}/").content.decode()
    assert district.name in sent and SUPERIOR not in sent
