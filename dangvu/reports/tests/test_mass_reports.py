"""A mass organization's own yearly report, read as its chair reads it: an invented agency's Party
committee with its trade union (about forty members, women among them, one who left, two new),
its youth union and its veterans; each writes in its own format, counts from its own records,
and says nothing of the Party's figures."""

import datetime as dt
import io
import re
import shutil
import subprocess

import docx
import pytest
from django.core.management.base import CommandError

from dangvu.accounts import actions as accounts
from dangvu.accounts.tests.helpers import run, table_counts
from dangvu.lib import pdf
from dangvu.meetings import actions as meetings
from dangvu.meetings.models import Activity, Attendance
from dangvu.orgs import actions as orgs
from dangvu.orgs.models import Organization, Position
from dangvu.people import actions as people
from dangvu.people.models import Membership
from dangvu.reports import actions as reports
from dangvu.reports.checking import check_path

pytestmark = pytest.mark.django_db

K = Organization.Kind
YEAR = 2024
FOUNDED = dt.date(2015, 1, 1)
OLD_MEMBERS, WOMEN, NEW_MEMBERS = 39, 14, 2


def _person(org, name, gender="male", born=1980):
    return people.create_person(
        None, home_org=org, full_name=name, gender=gender, birth_date=dt.date(born, 3, 3)
    )


@pytest.fixture
def agency():
    """The Party committee of an invented department, its cell, and the three mass
    organizations beside it with their members, activities and chairs."""
    superior = orgs.create_org(
        None, kind=K.SUPERIOR_COMMITTEE, name="Đảng bộ Khối các cơ quan tỉnh Sóc Trăng",
        valid_from=FOUNDED, place="Sóc Trăng",
    )  # fmt: skip
    committee = orgs.create_org(
        None, kind=K.PARTY_COMMITTEE, name="Đảng bộ Sở Khoa học và Công nghệ",
        valid_from=FOUNDED, place="Sóc Trăng", symbol="ĐU", parent=superior,
    )  # fmt: skip
    cell = orgs.create_org(
        None, kind=K.PARTY_CELL, name="Chi bộ Văn phòng", parent=committee, valid_from=FOUNDED
    )
    made = {"superior": superior, "committee": committee, "cell": cell}
    for key, kind, name in (
        ("union", K.TRADE_UNION, "Công đoàn cơ sở Sở Khoa học và Công nghệ"),
        ("youth", K.YOUTH_UNION, "Chi đoàn Sở Khoa học và Công nghệ"),
        ("veterans", K.VETERANS, "Chi hội Cựu chiến binh Sở Khoa học và Công nghệ"),
    ):
        made[key] = orgs.create_org(
            None, kind=kind, name=name, parent=committee, valid_from=FOUNDED
        )
    union = made["union"]
    members = []
    for i in range(OLD_MEMBERS):
        p = _person(union, f"Đoàn Viên Số {i + 1}", "female" if i < WOMEN else "male")
        people.join(None, p, union, Membership.Kind.TRADE_UNION, FOUNDED)
        members.append(p)
    for i in range(NEW_MEMBERS):
        p = _person(union, f"Người Mới {i + 1}", born=1998)
        people.join(None, p, union, Membership.Kind.TRADE_UNION, dt.date(YEAR, 3 + i, 1))
        members.append(p)
    leaving = Membership.objects.get(person=members[-3], kind=Membership.Kind.TRADE_UNION)
    people.end_membership(None, leaving, dt.date(YEAR, 9, 1), Membership.EndReason.LEFT)
    # One member admitted to the Party this year, in the committee's cell.
    people.admit(None, members[-1], cell, dt.date(YEAR, 10, 5))
    term = orgs.open_term(None, union, name="2023-2028", valid_from=dt.date(2023, 5, 1))
    orgs.appoint(None, term, members[0], Position.Role.PRESIDENT, term.valid_from)
    for day, title in (
        (dt.date(YEAR, 3, 8), "Họp mặt nữ đoàn viên"),
        (dt.date(YEAR, 6, 1), "Vui Tết thiếu nhi"),
    ):
        activity = meetings.create_activity(
            None, organizers=[union], kind=Activity.Kind.OTHER, title=title, starts_on=day
        )
        meetings.record_attendance(
            None, activity, {p: Attendance.Status.PRESENT for p in members[:3]}
        )
    youth = [_person(made["youth"], f"Thanh Niên {i}", "female" if i % 2 else "male", 1997) for i in range(5)]  # fmt: skip
    for p in youth:
        people.join(None, p, made["youth"], Membership.Kind.YOUTH_UNION, FOUNDED)
    for i in range(3):
        p = _person(made["veterans"], f"Cựu Binh {i}", born=1960)
        people.join(None, p, made["veterans"], Membership.Kind.VETERANS, FOUNDED)
    made["members"] = members
    return made


def _report(org, tmp_path, kind="annual", suffix=".md", user=None):
    out = tmp_path / f"{org.slug}-{kind}{suffix}"
    args = ["report", kind, "--org", org.slug, "--year", str(YEAR), "--out", str(out)]
    run(*args, *(["--user", user] if user else []))
    return out


def test_the_trade_union_reports_in_its_own_format(agency, tmp_path):
    text = _report(agency["union"], tmp_path).read_text(encoding="utf-8")
    head = text.split("BÁO CÁO")[0]
    # 933/QĐ-TLĐ: the superior union (not recorded: a slot) over the issuer, the Quốc hiệu.
    assert "[cần bổ sung: tên công đoàn cấp trên trực tiếp]" in head
    assert "CÔNG ĐOÀN CƠ SỞ" in head and "SỞ KHOA HỌC VÀ CÔNG NGHỆ" in head
    assert "**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**\n**Độc lập - Tự do - Hạnh phúc**" in head
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" not in text
    assert "Số:      /BC-CĐCS" in head
    assert "**Tổng kết hoạt động Công đoàn năm 2024,**" in text
    assert "TM. BAN CHẤP HÀNH\nCHỦ TỊCH\n\nĐoàn Viên Số 1" in text
    assert "- Đảng ủy Sở Khoa học và Công nghệ (b/c);" in text


def test_the_trade_union_s_figures_come_from_its_records(agency, tmp_path):
    union = agency["union"]
    text = _report(union, tmp_path).read_text(encoding="utf-8")
    at_end = OLD_MEMBERS + NEW_MEMBERS - 1
    assert f"có {at_end} đoàn viên công đoàn, trong đó {WOMEN} nữ, 01 đảng viên." in text
    assert "Trong năm kết nạp, tiếp nhận 02 đoàn viên." in text
    assert "Trong năm giảm 01 đoàn viên" in text
    assert "tổ chức 02 hoạt động, với 06 lượt đoàn viên tham dự:" in text
    assert "- Họp mặt nữ đoàn viên (08/03/2024);" in text
    assert "- Vui Tết thiếu nhi (01/06/2024)." in text
    assert "Trong năm có 01 đoàn viên công đoàn được kết nạp vào Đảng." in text
    assert "nhiệm kỳ 2023-2028 gồm 01 đồng chí" in text
    # What dangvu does not record is a gap to fill; no Party or staff figure appears.
    assert "[cần bổ sung: kết quả thu, chi tài chính công đoàn]" in text
    assert "ưu tú cho Đảng xem xét kết nạp" not in text  # nobody introduced: no line
    for wrong in ("đảng viên dự bị", "chi bộ trực thuộc", "biên chế", "Giám đốc", "đảng phí"):
        assert wrong not in text, wrong
    # A record changes, the figure follows: a woman leaves in December.
    woman = Membership.objects.get(person=agency["members"][0], kind=Membership.Kind.TRADE_UNION)
    people.end_membership(None, woman, dt.date(YEAR, 12, 1), Membership.EndReason.LEFT)
    text = _report(union, tmp_path).read_text(encoding="utf-8")
    assert f"có {at_end - 1} đoàn viên công đoàn, trong đó {WOMEN - 1} nữ" in text
    assert "Trong năm giảm 02 đoàn viên" in text


def test_the_youth_union_and_the_veterans_write_their_own_way(agency, tmp_path):
    youth = _report(agency["youth"], tmp_path).read_text(encoding="utf-8")
    head = youth.split("BÁO CÁO")[0]
    assert "**ĐOÀN TNCS HỒ CHÍ MINH**" in head and "\n***\n" in head
    assert "Số:      -BC/ĐTN" in head and "[cần bổ sung: tên Đoàn cấp trên trực tiếp]" in head
    assert "Tổng kết công tác Đoàn và phong trào thanh niên năm 2024" in youth
    assert "có 05 đoàn viên, trong đó 02 nữ." in youth
    assert "TM. BAN CHẤP HÀNH\nBÍ THƯ" in youth
    veterans = _report(agency["veterans"], tmp_path).read_text(encoding="utf-8")
    assert "Số:      /BC-CCB" in veterans and "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in veterans
    assert "Tổng kết công tác Hội năm 2024" in veterans and "có 03 hội viên." in veterans
    six = _report(agency["union"], tmp_path, "six_month").read_text(encoding="utf-8")
    assert "Sơ kết hoạt động Công đoàn 6 tháng đầu năm 2024" in six
    assert (
        f"Đến ngày 30/6/2024, Công đoàn cơ sở Sở Khoa học và Công nghệ có {OLD_MEMBERS + 2}" in six
    )


def test_the_party_committee_s_report_keeps_the_party_format(agency, tmp_path):
    text = _report(agency["committee"], tmp_path).read_text(encoding="utf-8")
    assert "**ĐẢNG CỘNG SẢN VIỆT NAM**" in text and "CỘNG HÒA XÃ HỘI" not in text
    assert "Số      -BC/ĐU" in text and "T/M ĐẢNG ỦY" in text
    assert "assoc." not in text and "Đoàn viên công đoàn: 40 đồng chí" in text


def test_a_mass_organization_writes_no_quarterly_report(agency, tmp_path):
    before = table_counts()
    with pytest.raises(CommandError, match="là đoàn thể: chỉ lập báo cáo năm và báo cáo sơ kết"):
        run(
            "report", "quarterly", "--org", agency["union"].slug, "--year", str(YEAR),
            "--period", "Q1", "--out", str(tmp_path / "q.md"),
        )  # fmt: skip
    assert table_counts() == before and not (tmp_path / "q.md").exists()


def test_only_who_writes_the_union_writes_its_report(agency, tmp_path):
    password = "Mat-khau-dai-2024"
    office, _ = accounts.create_account(
        None, "vanphong-sokhcn", kind="office", org=agency["committee"], password=password
    )
    above, _ = accounts.create_account(
        None, "dangbokhoi", kind="superior", org=agency["superior"], password=password
    )
    secretary, _ = accounts.create_account(
        None, "bithu-vanphong", kind="secretary", org=agency["cell"], password=password
    )
    assert _report(agency["union"], tmp_path, user=office.username).exists()
    # The superior committee reads the union's records but does not write its report.
    with pytest.raises(CommandError, match="Bạn không có quyền lập báo cáo của Công đoàn cơ sở"):
        _report(agency["union"], tmp_path, user=above.username)
    assert _report(agency["committee"], tmp_path, user=above.username).exists()
    # A cell's secretary does not even see it.
    with pytest.raises(CommandError, match="Không tìm thấy tổ chức"):
        _report(agency["union"], tmp_path, user=secretary.username)


def test_the_word_file_opens_and_converts(agency, tmp_path):
    path = _report(agency["union"], tmp_path, suffix=".docx")
    document = docx.Document(io.BytesIO(path.read_bytes()))
    header = document.tables[0]
    left, right = (cell.text for cell in header.rows[0].cells)
    assert "CÔNG ĐOÀN CƠ SỞ" in left
    assert right.split("\n") == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
    ]
    assert header.rows[1].cells[0].text == "Số:      /BC-CĐCS"
    if not pdf.available() or not shutil.which("pdftotext"):
        pytest.skip("LibreOffice (soffice) or pdftotext is not installed")
    converted = pdf.to_pdf(path, tmp_path / "pdf")
    text = subprocess.run(
        ["pdftotext", str(converted), "-"], capture_output=True, check=True, text=True
    ).stdout
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "TM. BAN CHẤP HÀNH" in text


def test_the_office_drafts_the_union_s_report_on_the_reports_page(agency, client):
    office, _ = accounts.create_account(
        None,
        "vanphong-sokhcn",
        kind="office",
        org=agency["committee"],
        password="Mat-khau-dai-2024",
    )
    client.force_login(office)
    union = agency["union"]
    assert union.name in client.get("/bao-cao/").content.decode()
    response = client.post("/bao-cao/", {"org": union.id, "kind": "annual", "year": YEAR})
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in page and "ĐẢNG CỘNG SẢN VIỆT NAM" not in page
    assert "Số:      /BC-CĐCS" in page and "TM. BAN CHẤP HÀNH" in page
    word = client.get(response["Location"] + "tai/docx/")
    assert word.status_code == 200
    right = docx.Document(io.BytesIO(word.content)).tables[0].rows[0].cells[1].text
    assert right.startswith("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    # A quarter is refused with the reason, and nothing is drafted.
    response = client.post(
        "/bao-cao/", {"org": union.id, "kind": "quarterly", "year": YEAR, "period": "Q1"}
    )
    assert "chỉ lập báo cáo năm và báo cáo sơ kết" in response.content.decode()


def test_the_union_s_section_editor_offers_its_own_figures(agency, client):
    office, _ = accounts.create_account(
        None,
        "vanphong-sokhcn",
        kind="office",
        org=agency["committee"],
        password="Mat-khau-dai-2024",
    )
    client.force_login(office)
    response = client.post("/bao-cao/", {"org": agency["union"].id, "kind": "annual", "year": YEAR})
    page = client.get(response["Location"] + "muc/situation/").content.decode()
    assert "assoc.members.women" in page and "assoc.activities" in page
    assert "party.members" not in page and "staff.quota" not in page and "fees." not in page


def test_another_mass_organization_counts_only_its_own_kind(agency, tmp_path):
    women = orgs.create_org(
        None, kind=K.MASS, mass_kind="women_union", name="Chi hội Phụ nữ Sở Khoa học và Công nghệ",
        parent=agency["committee"], valid_from=FOUNDED, symbol="CHPN",
    )  # fmt: skip
    for p in agency["members"][:4]:
        people.join(None, p, women, Membership.Kind.MASS, FOUNDED)
    text = _report(women, tmp_path).read_text(encoding="utf-8")
    assert "Số:      /BC-CHPN" in text and "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "**Tổng kết công tác năm 2024,**" in text
    assert "có 04 hội viên, trong đó 04 nữ." in text


def test_the_union_s_own_template_offers_only_its_reports(agency, client):
    office, _ = accounts.create_account(
        None,
        "vanphong-sokhcn",
        kind="office",
        org=agency["committee"],
        password="Mat-khau-dai-2024",
    )
    client.force_login(office)
    slug = agency["union"].slug
    page = client.get(f"/bao-cao/mau/{slug}/annual/").content.decode()
    assert "mẫu của đoàn thể" in page and "KẾT QUẢ HOẠT ĐỘNG NĂM" in page
    assert "Các hoạt động đã tổ chức" in page and "LÃNH ĐẠO THỰC HIỆN" not in page
    assert client.get(f"/bao-cao/mau/{slug}/quarterly/").status_code == 404


def _format_findings(path):
    """What `check_report` finds wrong in the format of the file at `path`."""
    return [f.as_dict() for f in check_path(path) if f.code.startswith("format_")]


def _renumbered(path, old, new, tmp_path):
    """The Word file at `path` with the number line `old` written `new`, as an office edits it."""
    document = docx.Document(str(path))
    for cell in (c for table in document.tables for row in table.rows for c in row.cells):
        for paragraph in cell.paragraphs:
            for r in paragraph.runs:
                r.text = r.text.replace(old, new)
    edited = tmp_path / f"edited-{path.name}"
    document.save(str(edited))
    return edited


def test_the_checker_reads_a_mass_organization_s_header_by_its_own_rule(agency, tmp_path):
    # The Quốc hiệu, no star and "Số:" are the union's format (933/QĐ-TLĐ), and the youth
    # union's "***" its own: none is a Party format error, so the report can be finalised.
    for org in (agency["union"], agency["youth"], agency["veterans"]):
        assert _format_findings(_report(org, tmp_path, suffix=".docx")) == []
    # A number written the Party's way in a union's report is the error there.
    union = _report(agency["union"], tmp_path, suffix=".docx")
    edited = _renumbered(union, "Số:      /BC-CĐCS", "Số 05/BC-CĐCS", tmp_path)
    [finding] = _format_findings(edited)
    assert finding["code"] == "format_header_number"
    assert "Số: 05/BC-CĐCS" in finding["suggestion"]
    # The Party committee's own report is still judged by the Party's rule.
    party = _report(agency["committee"], tmp_path, suffix=".docx")
    edited = _renumbered(party, "Số ", "Số: ", tmp_path)
    assert [f["code"] for f in _format_findings(edited)] == ["format_header_number"]


def _filled(draft, superior):
    """The draft as the office completes it: the superior union named, every gap written."""
    recipients = draft.recipients.replace(mass_slot(draft), superior)
    reports.edit_header(
        None, draft, issued_on=dt.date(YEAR, 12, 20), superior_name=superior.upper(),
        recipients=recipients,
    )  # fmt: skip
    for section in draft.sections.all():
        written = section.text or "Đã thực hiện theo kế hoạch."
        text = re.sub(r"\[cần bổ sung: [^\]]*\]", "Đã thực hiện theo kế hoạch", written)
        if text != section.text:
            reports.edit_section(None, section, text=text)
    return reports.take_number(None, draft)


def mass_slot(draft):
    return re.search(r"\[cần bổ sung: [^\]]*\]", draft.recipients)[0]


def test_the_union_numbers_and_finalises_its_report_in_its_own_format(agency):
    union, youth = agency["union"], agency["youth"]
    draft = _filled(reports.create_draft(None, union, YEAR), "Công đoàn Viên chức tỉnh Sóc Trăng")
    # Numbered per year the State's way with the union's own symbol (933/QĐ-TLĐ), none recorded.
    assert (union.symbol, draft.number) == ("", "Số: 01/BC-CĐCS")
    draft = reports.finalise(None, draft)
    assert draft.status == draft.Status.FINAL
    frozen = docx.Document(io.BytesIO(bytes(draft.frozen_docx)))
    assert frozen.tables[0].rows[1].cells[0].text == "Số: 01/BC-CĐCS"
    # The youth union numbers its own way ("Số: 01-BC/ĐTN"): the Party's order, with a colon.
    youth_draft = _filled(reports.create_draft(None, youth, YEAR), "Đoàn Khối các cơ quan tỉnh")
    assert youth_draft.number == "Số: 01-BC/ĐTN"
