"""A ward's year read as its Party office reads it: an invented ward (Đảng bộ phường) formed on
1/7/2025 by the reorganization, directly under an invented province, with neighbourhood cells
(khu phố), a school's cell and a health station's cell, filled through the commands."""

import datetime as dt

import pytest

from dangvu.accounts.tests.helpers import run
from dangvu.orgs import actions as org_actions
from dangvu.orgs.models import Organization, Position, Term
from dangvu.people import actions as people

pytestmark = pytest.mark.django_db

FORMED = dt.date(2025, 7, 1)
CELLS = [
    "Chi bộ khu phố Bình Hòa",
    "Chi bộ khu phố Tân Mỹ",
    "Chi bộ khu phố 3",
    "Chi bộ Trường Tiểu học Tân Ngãi",
    "Chi bộ Trạm Y tế phường Tân Ngãi",
]


def _ward():
    slug = run(
        "create_org", "--name", "Đảng bộ phường Tân Ngãi", "--kind", "party_committee",
        "--from", FORMED.isoformat(), "--place", "Tân Ngãi",
        "--superior-name", "Đảng bộ tỉnh Hòa Giang",
        "--founding-document", "Quyết định số 1020-QĐ/TU ngày 30/6/2025 của Ban Thường vụ Tỉnh ủy",
        "--type", "phuong", "--term", "2025-2030", "--term-from", FORMED.isoformat(),
    ).strip()  # fmt: skip
    ward = Organization.objects.get(slug=slug)
    term = Term.executive_on(ward, FORMED)
    for c, name in enumerate(CELLS):
        cell_slug = run("create_org", "--name", name, "--kind", "party_cell", "--parent", slug)
        cell = Organization.objects.get(slug=cell_slug.strip())
        for n in range(4):
            person = people.create_person(
                None,
                home_org=cell,
                full_name=f"Phạm Thị Phường {c} {chr(65 + n)}",
                gender="female",
                birth_date=dt.date(1960 + 5 * n, 2, 1),
            )
            people.transfer_in(
                None, person, cell, FORMED,
                admitted_on=dt.date(1985 + 5 * n, 5, 19),
                official_on=dt.date(1986 + 5 * n, 5, 19),
            )  # fmt: skip
            if c == 0 and n == 0:
                org_actions.appoint(None, term, person, Position.Role.SECRETARY, FORMED)
    return ward


def _report(tmp_path, org, kind="annual", year=2025, period=None):
    out = tmp_path / f"{org.slug}-{kind}.md"
    args = ["report", kind, "--org", org.slug, "--year", str(year), "--out", str(out)]
    run(*args, *(["--period", period] if period else []))
    return out.read_text(encoding="utf-8")


def test_a_ward_speaks_of_a_town_and_its_neighbourhoods(tmp_path):
    ward = _ward()
    annual = _report(tmp_path, ward)
    assert "ĐẢNG BỘ TỈNH HÒA GIANG" in annual and "báo cáo Tỉnh ủy Hòa Giang" in annual
    assert "có 05 chi bộ trực thuộc (03 chi bộ khu phố)" in annual
    assert "Phát triển kinh tế, thương mại, dịch vụ" in annual
    assert "Xây dựng đô thị văn minh" in annual
    six_month = _report(tmp_path, ward, "six_month", 2026, "H1")
    assert "xây dựng đô thị văn minh" in six_month
    hamlet = _report(tmp_path, ward.children.get(name=CELLS[0]))
    assert "Xây dựng đô thị văn minh, khu dân cư văn hóa" in hamlet
    for text in (annual, six_month, hamlet):
        assert "nông thôn mới" not in text and "nông nghiệp" not in text


def test_a_ward_s_first_members_are_no_arrivals(tmp_path):
    ward = _ward()
    cell = ward.children.get(name=CELLS[1])
    for org in (ward, cell):
        assert "chuyển sinh hoạt đến" not in _report(tmp_path, org)
    # One who comes later in its first year is one.
    person = people.create_person(
        None, home_org=cell, full_name="Võ Văn Đến", gender="male", birth_date=dt.date(1980, 1, 1)
    )
    people.transfer_in(
        None, person, cell, dt.date(2025, 10, 2),
        admitted_on=dt.date(2005, 3, 26), official_on=dt.date(2006, 3, 26),
    )  # fmt: skip
    for org in (ward, cell):
        assert "Tiếp nhận 01 đảng viên chuyển sinh hoạt đến." in _report(tmp_path, org)


def test_a_ward_s_school_and_health_station_cells_keep_their_names_in_the_header(tmp_path):
    ward = _ward()
    school = _report(tmp_path, ward.children.get(name=CELLS[3]))
    assert "ĐẢNG BỘ PHƯỜNG TÂN NGÃI" in school
    assert "CHI BỘ TRƯỜNG TIỂU HỌC TÂN NGÃI" in " ".join(
        line.strip("*") for line in school.splitlines()[:6]
    )
    assert "LÃNH ĐẠO THỰC HIỆN NHIỆM VỤ DẠY VÀ HỌC" in school
    station = _report(tmp_path, ward.children.get(name=CELLS[4]))
    assert "CHI BỘ TRẠM Y TẾ PHƯỜNG TÂN NGÃI" in " ".join(
        line.strip("*") for line in station.splitlines()[:6]
    )
    assert "Địa bàn chi bộ" not in station and "khu dân cư" not in station
