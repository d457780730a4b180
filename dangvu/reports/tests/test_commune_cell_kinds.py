"""A commune's cells speak as their own kinds: a school's or a police cell that records no type
of its own is known by its name ("Chi bộ Trường …", "Chi bộ Công an xã") and is asked of its
school or its unit, not of a hamlet's households; a cell whose name says no other kind (the
retired members') and every hamlet cell speak as the commune's."""

import datetime as dt

import pytest

from dangvu.accounts.tests.helpers import run
from dangvu.orgs import kinds
from dangvu.orgs.models import Organization

pytestmark = pytest.mark.django_db

YEAR = dt.date.today().year - 1
HAMLET_WORDS = ("Địa bàn chi bộ", "hộ gia đình", "Lãnh đạo nhân dân", "nông thôn mới")


def _commune_cells():
    commune = run(
        "create_org", "--name", "Đảng bộ xã Long Hựu Đông", "--kind", "party_committee",
        "--from", "2005-01-01", "--place", "Long Hựu Đông", "--type", "xa",
        "--superior-name", "Đảng bộ huyện Cần Đước",
    ).strip()  # fmt: skip
    names = [
        "Chi bộ ấp Trường Long",  # a hamlet named "Trường …" is a hamlet
        "Chi bộ Trường Tiểu học Long Hựu Đông",
        "Chi bộ Công an xã",
        "Chi bộ Quân sự xã",
        "Chi bộ Hưu trí",
    ]
    slugs = [
        run("create_org", "--name", n, "--kind", "party_cell", "--parent", commune).strip()
        for n in names
    ]
    return commune, dict(zip(names, slugs, strict=True))


def _annual(tmp_path, slug):
    out = tmp_path / f"{slug}.md"
    run("report", "annual", "--org", slug, "--year", str(YEAR), "--out", str(out))
    return out.read_text(encoding="utf-8")


def test_each_cell_of_a_commune_takes_the_kind_its_name_says(tmp_path):
    _commune, cells = _commune_cells()
    day = dt.date(YEAR, 12, 31)
    kind_of = {
        name: kinds.kind_on(Organization.objects.get(slug=slug), day).code
        for name, slug in cells.items()
    }
    assert kind_of == {
        "Chi bộ ấp Trường Long": "xa",
        "Chi bộ Trường Tiểu học Long Hựu Đông": "su-nghiep-giao-duc",
        "Chi bộ Công an xã": "cong-an",
        "Chi bộ Quân sự xã": "quan-doi",
        "Chi bộ Hưu trí": "xa",
    }
    school = _annual(tmp_path, cells["Chi bộ Trường Tiểu học Long Hựu Đông"])
    assert "LÃNH ĐẠO THỰC HIỆN NHIỆM VỤ DẠY VÀ HỌC" in school
    police = _annual(tmp_path, cells["Chi bộ Công an xã"])
    assert "LÃNH ĐẠO THỰC HIỆN NHIỆM VỤ BẢO ĐẢM AN NINH, TRẬT TỰ" in police
    for text in (school, police):
        assert not any(word in text for word in HAMLET_WORDS)
    hamlet = _annual(tmp_path, cells["Chi bộ ấp Trường Long"])
    assert "Lãnh đạo nhân dân phát triển sản xuất, kinh tế hộ gia đình" in hamlet
    # The school cell's profile offers a school's figures, not a hamlet's households.
    listing = run("org_profile", "--org", cells["Chi bộ Trường Tiểu học Long Hựu Đông"])
    assert "Giáo viên" in listing and "Số hộ" not in listing


def test_a_type_recorded_for_the_cell_wins_over_its_name(tmp_path):
    _commune, cells = _commune_cells()
    slug = cells["Chi bộ Hưu trí"]
    run("org_profile", "--org", slug, "--type", "khac", "--from", "2005-01-01")
    assert kinds.kind_on(Organization.objects.get(slug=slug)).code == "khac"
    slug = cells["Chi bộ Công an xã"]
    run("org_profile", "--org", slug, "--type", "xa", "--from", "2005-01-01")
    assert kinds.kind_on(Organization.objects.get(slug=slug)).code == "xa"
