"""A union's own superior, its chair and its introductions to the Party, read in its report: the
invented agency of `test_mass_reports` records the upper union above its trade union (beside the
tree: the Party's report and figures do not move), seats a Chủ tịch and a Phó Chủ tịch, and
introduces outstanding members to the Party, one of whom is admitted."""

import datetime as dt

import pytest

from dangvu.accounts.tests.helpers import run
from dangvu.orgs import actions as orgs
from dangvu.orgs.models import Organization, Position
from dangvu.orgs.tree import subtree_ids
from dangvu.people import actions as people
from dangvu.reports.tests.test_mass_reports import YEAR, _report, agency  # noqa: F401

pytestmark = pytest.mark.django_db

UPPER = "Công đoàn Viên chức tỉnh Sóc Trăng"
UPPER_BEFORE = "Công đoàn ngành Khoa học tỉnh Sóc Trăng"
YOUTH_UPPER = "Đoàn Khối các cơ quan tỉnh Sóc Trăng"


def _header(text):
    """The header above the title, its broken lines joined: a long name takes two lines."""
    return text.split("BÁO CÁO")[0].replace("\n", " ")


def test_the_recorded_upper_union_heads_the_report_and_receives_it(agency, tmp_path):  # noqa: F811
    union, committee = agency["union"], agency["committee"]
    party_before = _report(committee, tmp_path).read_text(encoding="utf-8")
    units_before = subtree_ids([agency["superior"].id])
    orgs.set_same_system_superior(
        None, union, superior_name=UPPER_BEFORE, valid_from=dt.date(2016, 1, 1)
    )
    orgs.set_same_system_superior(
        None, union, superior_name=UPPER, valid_from=dt.date(YEAR, 7, 1), decision="QĐ 12/QĐ-LĐLĐ"
    )
    text = _report(union, tmp_path).read_text(encoding="utf-8")
    head = _header(text)
    # 933/QĐ-TLĐ: the superior union over the issuer, from the record, not a slot.
    assert UPPER.upper() in head and "[cần bổ sung: tên công đoàn cấp trên" not in text
    assert f"sự chỉ đạo của {UPPER}" in text
    # Nơi nhận: the upper union, then the Party organization that leads it.
    assert f"- {UPPER} (b/c);\n- Đảng ủy Sở Khoa học và Công nghệ (b/c);" in text
    # A report of a year before the change names the superior of that year.
    earlier = tmp_path / "earlier.md"
    run("report", "annual", "--org", union.slug, "--year", "2023", "--out", str(earlier))
    assert UPPER_BEFORE.upper() in _header(earlier.read_text(encoding="utf-8"))
    # The Party tree, its units and the Party's report are as they were.
    union.refresh_from_db()
    assert union.parent == committee
    upper = Organization.objects.get(name=UPPER)
    assert (upper.kind, upper.parent) == (Organization.Kind.TRADE_UNION, None)
    assert subtree_ids([agency["superior"].id]) == units_before
    assert _report(committee, tmp_path).read_text(encoding="utf-8") == party_before


def test_the_youth_union_names_its_own_upper_level(agency, tmp_path):  # noqa: F811
    orgs.set_same_system_superior(
        None, agency["youth"], superior_name=YOUTH_UPPER, valid_from=dt.date(2016, 1, 1)
    )
    head = _header(_report(agency["youth"], tmp_path).read_text(encoding="utf-8"))
    assert YOUTH_UPPER.upper() in head and "[cần bổ sung: tên Đoàn cấp trên" not in head


def test_the_chair_and_the_deputy_sign_by_their_recorded_roles(agency, tmp_path):  # noqa: F811
    union, members = agency["union"], agency["members"]
    term = union.terms.get()
    orgs.appoint(None, term, members[1], Position.Role.VICE_PRESIDENT, term.valid_from)
    text = _report(union, tmp_path).read_text(encoding="utf-8")
    assert "TM. BAN CHẤP HÀNH\nCHỦ TỊCH\n\nĐoàn Viên Số 1" in text
    assert (
        "nhiệm kỳ 2023-2028 gồm 02 đồng chí (Chủ tịch Đoàn Viên Số 1, "
        "Phó Chủ tịch Đoàn Viên Số 2)" in text
    )
    # The chair leaves in November: the deputy signs, as "PHÓ CHỦ TỊCH".
    chair = term.positions.get(role=Position.Role.PRESIDENT)
    orgs.end_position(None, chair, dt.date(YEAR, 11, 1))
    text = _report(union, tmp_path).read_text(encoding="utf-8")
    assert "TM. BAN CHẤP HÀNH\nPHÓ CHỦ TỊCH\n\nĐoàn Viên Số 2" in text
    assert "gồm 01 đồng chí (Phó Chủ tịch Đoàn Viên Số 2)" in text


def test_introductions_are_counted_in_the_union_s_and_the_party_s_reports(agency, tmp_path):  # noqa: F811
    union, members = agency["union"], agency["members"]
    admitted = members[-1]  # joined 01/4, admitted to the Party 05/10 (the fixture)
    resolution = "Nghị quyết số 03/NQ-CĐCS ngày {} của Ban Chấp hành Công đoàn cơ sở"
    for person, day in (
        (members[3], dt.date(YEAR - 1, 11, 20)),  # the year before: not this year's
        (members[1], dt.date(YEAR, 3, 2)),
        (admitted, dt.date(YEAR, 5, 2)),
    ):
        people.introduce_to_party(
            None, person, org=union, introduced_on=day, resolution=resolution.format(day)
        )
    text = _report(union, tmp_path).read_text(encoding="utf-8")
    assert (
        "Giới thiệu 02 đoàn viên công đoàn ưu tú cho Đảng xem xét kết nạp; "
        "01 đồng chí được kết nạp." in text
    )
    party = _report(agency["committee"], tmp_path).read_text(encoding="utf-8")
    assert (
        "Công đoàn, Đoàn thanh niên, các đoàn thể giới thiệu 02 quần chúng ưu tú cho Đảng "
        "xem xét kết nạp." in party
    )
    # The first half year: both introduced then, neither admitted yet.
    six = _report(union, tmp_path, "six_month").read_text(encoding="utf-8")
    assert "Giới thiệu 02 đoàn viên công đoàn ưu tú cho Đảng xem xét kết nạp." in six
    # The youth union introduced nobody: its report has no such line.
    youth = _report(agency["youth"], tmp_path).read_text(encoding="utf-8")
    assert "ưu tú cho Đảng xem xét kết nạp" not in youth
