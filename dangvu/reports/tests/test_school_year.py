"""A school's Party cell read as its office reads it: an invented lower-secondary school's cell,
directly under an invented commune's Đảng ủy, and an invented school cell among a commune's
hamlet cells; each records and reports a school's figures, never a hospital's."""

import datetime as dt

import pytest

from dangvu.accounts.tests.helpers import run
from dangvu.orgs import kinds

pytestmark = pytest.mark.django_db

YEAR = dt.date.today().year - 1


def _school_cell():
    return run(
        "create_org",
        "--name",
        "Chi bộ Trường Trung học cơ sở Vàm Láng",
        "--kind",
        "party_cell",
        "--from",
        "2008-09-01",
        "--place",
        "Vàm Láng",
        "--superior-name",
        "Đảng bộ xã Vàm Láng",
        "--founding-document",
        "Quyết định số 08-QĐ/ĐU ngày 01/9/2008 của Đảng ủy xã Vàm Láng",
        "--type",
        "su-nghiep-giao-duc",
    ).strip()


def test_a_school_records_a_school_s_figures_and_titles():
    school = kinds.all_kinds()["su-nghiep-giao-duc"]
    assert [p.code for p in school.profile] == ["staff", "teachers", "classes", "pupils"]
    assert "Hiệu trưởng" in school.positions and "Bác sĩ" not in school.positions
    hospital = kinds.all_kinds()["su-nghiep-y-te"]
    assert {"doctors", "beds"} <= {p.code for p in hospital.profile}
    assert not {"teachers", "pupils"} & {p.code for p in hospital.profile}
    listing = run("org_profile", "--org", _school_cell())
    assert "Giáo viên" in listing and "Giường bệnh" not in listing and "Bác sĩ" not in listing


def test_a_commune_s_school_cell_speaks_of_its_school(tmp_path):
    commune = run(
        "create_org", "--name", "Đảng bộ xã Vàm Láng", "--kind", "party_committee",
        "--from", "2005-01-01", "--place", "Vàm Láng", "--type", "xa",
    ).strip()  # fmt: skip
    cell = run(
        "create_org", "--name", "Chi bộ Trường Trung học cơ sở Vàm Láng", "--kind", "party_cell",
        "--parent", commune,
    ).strip()  # fmt: skip
    run("org_profile", "--org", cell, "--type", "su-nghiep-giao-duc", "--from", "2005-01-01")
    day = dt.date(YEAR, 12, 31).isoformat()
    run("org_profile", "--org", cell, "--date", day, "staff=30", "teachers=26", "classes=16", "pupils=540")  # fmt: skip
    out = tmp_path / "truong.md"
    run("report", "annual", "--org", cell, "--year", str(YEAR), "--out", str(out))
    text = out.read_text(encoding="utf-8")
    assert "Nhà trường có 30 cán bộ, giáo viên, nhân viên, trong đó 26 giáo viên." in text
    assert "Quy mô trường lớp: 16 lớp, 540 học sinh." in text
    assert "Tổ, khối" not in text and "ở địa bàn" not in text.lower()
