"""A police unit's and an army unit's year read as their Party offices read it: an invented
district police committee (cells by team) under an invented provincial police committee, and an
invented commune with a military cell and a police cell, created through the commands. A police
report speaks of security and order and of building the force, counts cadres and soldiers, and
carries none of the army's words; a cell of either is a unit, not a department."""

import datetime as dt

import pytest

from dangvu.accounts.tests.helpers import run
from dangvu.lib.text import fold
from dangvu.orgs.models import Organization
from dangvu.people import actions as people

pytestmark = pytest.mark.django_db

YEAR = dt.date.today().year - 1  # a whole year of records
FOUNDED = dt.date(YEAR - 12, 8, 19)
PROVINCE_POLICE = "Đảng bộ Công an tỉnh Hòa Giang"  # invented
TEAMS = ["Chi bộ Đội An ninh", "Chi bộ Đội Cảnh sát giao thông - Trật tự"]

# Words of an army unit's report that a police unit's never carries.
ARMY_WORDS = ["hội đồng quân nhân", "quân số", "sẵn sàng chiến đấu", "bộ phận"]


def _members(cell, count):
    for n in range(count):
        person = people.create_person(
            None,
            home_org=cell,
            full_name=f"Phạm Văn Thử {cell.id} {chr(65 + n)}",
            gender="male",
            birth_date=dt.date(1985 + n, 2, 1),
        )
        people.transfer_in(
            None,
            person,
            cell,
            FOUNDED,
            admitted_on=dt.date(2008 + n, 1, 1),
            official_on=dt.date(2009 + n, 1, 1),
        )


def _org(name, superior, kind, cells, figures):
    slug = run(
        "create_org",
        "--name",
        name,
        "--kind",
        "party_committee",
        "--from",
        FOUNDED.isoformat(),
        "--place",
        "Hòa An",
        "--superior-name",
        superior,
        "--founding-document",
        f"Quyết định số 112-QĐ/ĐU ngày 19/8/{FOUNDED.year} của Ban Thường vụ",
        "--type",
        kind,
    ).strip()
    for cell_name, cell_kind in cells:
        cell_slug = run("create_org", "--name", cell_name, "--kind", "party_cell", "--parent", slug)
        cell = Organization.objects.get(slug=cell_slug.strip())
        if cell_kind:
            run("org_profile", "--org", cell.slug, "--type", cell_kind, "--from", str(FOUNDED))
        _members(cell, 3)
    for org_slug, value in figures.items():
        run("org_profile", "--org", org_slug, "--date", f"{YEAR}-12-31", f"troops={value}")
    return Organization.objects.get(slug=slug)


def _police_unit():
    return _org(
        "Đảng bộ Công an huyện Hòa An",
        PROVINCE_POLICE,
        "cong-an",
        [(name, "") for name in TEAMS],
        {"dang-bo-cong-an-huyen-hoa-an": 96},
    )


def _report(tmp_path, org, kind="annual", period=None):
    out = tmp_path / f"{org.slug}-{kind}.md"
    args = ["report", kind, "--org", org.slug, "--year", str(YEAR), "--out", str(out)]
    run(*args, *(["--period", period] if period else []))
    return out.read_text(encoding="utf-8")


def test_a_police_unit_reports_on_security_and_order_not_on_combat_readiness(tmp_path):
    police = _police_unit()
    annual = _report(tmp_path, police)
    six = _report(tmp_path, police, "six_month", "H1")
    assert "Đơn vị có 96 cán bộ, chiến sĩ." in annual
    assert "LÃNH ĐẠO THỰC HIỆN NHIỆM VỤ BẢO ĐẢM AN NINH, TRẬT TỰ" in annual
    for words in ("đấu tranh phòng, chống tội phạm", "toàn dân bảo vệ an ninh tổ quốc"):
        assert fold(words) in fold(annual)
    assert fold("Xây dựng lực lượng Công an") in fold(annual)
    assert fold("bảo đảm an ninh, trật tự") in fold(six)
    for text in (annual, six):
        for words in ARMY_WORDS:
            assert fold(words) not in fold(text), words
    # Its superior is the provincial police's Đảng ủy.
    assert "- Đảng ủy Công an tỉnh Hòa Giang (b/c);" in annual
    cell_text = _report(tmp_path, police.children.get(name=TEAMS[0]))
    for words in ARMY_WORDS:
        assert fold(words) not in fold(cell_text), words


def test_a_commune_s_military_and_police_cells_are_units_of_their_own_kind(tmp_path):
    commune = _org(
        "Đảng bộ xã Tân Hòa",
        "Đảng bộ huyện Hòa An",
        "xa",
        [("Chi bộ Quân sự xã", "quan-doi"), ("Chi bộ Công an xã", "cong-an")],
        {"chi-bo-quan-su-xa": 16, "chi-bo-cong-an-xa": 17},
    )
    military = _report(tmp_path, commune.children.get(name="Chi bộ Quân sự xã"))
    police = _report(tmp_path, commune.children.get(name="Chi bộ Công an xã"))
    assert "Quân số của đơn vị: 16 đồng chí." in military
    assert fold("sẵn sàng chiến đấu") in fold(military)
    # A commune's military cell builds the militia and reserve and sends recruits.
    assert "Xây dựng lực lượng dân quân tự vệ, dự bị động viên; công tác tuyển quân" in military
    assert "Đơn vị có 17 cán bộ, chiến sĩ." in police
    for text in (military, police):
        assert "bộ phận" not in text
        # Both cells answer to the commune's Party committee.
        assert "trực thuộc Đảng ủy xã Tân Hòa" in text
        assert "- Đảng ủy xã Tân Hòa (b/c);" in text
    for words in ARMY_WORDS:
        assert fold(words) not in fold(police), words
