"""The statistics of section I follow the organization's type: an invented school cell under an
invented commune shows its members and its own profile figures (cán bộ, giáo viên, nhân viên),
none of an agency's rows (directors, staff quota, công chức and viên chức on the payroll), on the
command and on the page alike; an agency keeps them."""

import json

import pytest
from django.contrib.auth import get_user_model

from dangvu.accounts.tests.helpers import run

pytestmark = pytest.mark.django_db

DAY = "2025-12-31"
AGENCY_WORDS = ("Biên chế", "công chức", "viên chức", "Giám đốc", "Hợp đồng")


def _school_cell():
    slug = run(
        "create_org", "--name", "Chi bộ Trường Tiểu học Hòa Lộc", "--kind", "party_cell",
        "--from", "2009-09-01", "--place", "Hòa Lộc", "--superior-name", "Đảng bộ xã Hòa Lộc",
        "--founding-document", "Quyết định số 05-QĐ/ĐU ngày 01/9/2009 của Đảng ủy xã Hòa Lộc",
        "--type", "su-nghiep-giao-duc",
    ).strip()  # fmt: skip
    run("org_profile", "--org", slug, "--date", "2025-09-05", "staff=31", "teachers=24")
    return slug


def test_a_school_cell_s_statistics_show_no_agency_rows(client):
    slug = _school_cell()
    listing = run("stats", "--org", slug, "--date", DAY)
    assert not any(word in listing for word in AGENCY_WORDS)
    assert "Cán bộ, giáo viên, nhân viên" in listing and "31" in listing
    facts = json.loads(run("stats", "--org", slug, "--date", DAY, "--json"))["facts"]
    # Scripts read the same names for every kind: the agency's figures stay in the JSON.
    assert facts["staff.present"] == 0
    assert (facts["profile.staff"], facts["profile.teachers"]) == (31, 24)
    assert "party.members" in facts
    # Figures recorded after the day are not its figures.
    before = json.loads(run("stats", "--org", slug, "--date", "2025-06-30", "--json"))["facts"]
    assert before["profile.staff"] is None
    assert "Cán bộ, giáo viên, nhân viên" not in run("stats", "--org", slug, "--date", "2025-06-30")
    admin = get_user_model().objects.create_superuser("quantri", password="x-9f3kL!q2")
    client.force_login(admin)
    page = client.get(f"/to-chuc/{slug}/thong-ke/?ngay={DAY}").content.decode()
    assert "Cán bộ, giáo viên, nhân viên" in page
    assert not any(word in page for word in AGENCY_WORDS)


def test_an_agency_s_statistics_keep_the_agency_rows():
    slug = run(
        "create_org", "--name", "Đảng bộ Sở Xây dựng", "--kind", "party_committee",
        "--from", "2010-01-01", "--superior-name", "Đảng ủy Khối các cơ quan tỉnh",
        "--type", "co-quan-nha-nuoc",
    ).strip()  # fmt: skip
    assert "Biên chế hành chính có mặt" in run("stats", "--org", slug, "--date", DAY)
