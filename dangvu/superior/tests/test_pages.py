"""The consolidated page: one row per unit, drill-down to the unit's own figures and records."""

import pytest

from dangvu.superior.consolidate import GROUPS

pytestmark = pytest.mark.django_db
SUPERIOR = "dang-uy-khoi-cac-co-quan-tra-vinh"


def test_superior_sees_units_with_drill_down(demo, login):
    client = login("captren")
    home = client.get("/cap-tren/").content.decode()
    assert f"/cap-tren/{SUPERIOR}/so-lieu/" in home
    html = client.get(f"/cap-tren/{SUPERIOR}/so-lieu/?ngay=2017-12-31").content.decode()
    assert "Đảng bộ Sở Thông tin và Truyền thông" in html
    assert f"/to-chuc/{demo.slug}/thong-ke/?ngay=2017-12-31" in html
    assert f"/to-chuc/{demo.slug}/thong-ke/party.members/?ngay=2017-12-31" in html
    assert 'data-fact="party.members">54<' in html
    # The drill-down itself opens for the superior (read-only).
    assert (
        client.get(f"/to-chuc/{demo.slug}/thong-ke/party.members/?ngay=2017-12-31").status_code
        == 200
    )
    for group in range(len(GROUPS)):
        assert (
            client.get(f"/cap-tren/{SUPERIOR}/so-lieu/?ngay=2017-12-31&nhom={group}").status_code
            == 200
        )
    csv = client.get(f"/cap-tren/{SUPERIOR}/so-lieu/tai/csv/?ngay=2017-12-31").content.decode(
        "utf-8-sig"
    )
    assert "party.members,Đảng viên,54,54" in csv


def test_others_outside_the_superior_scope(demo, login):
    assert login("vanphong").get(f"/cap-tren/{SUPERIOR}/so-lieu/").status_code == 404
    assert login("dangvien").get(f"/cap-tren/{demo.slug}/so-lieu/").status_code == 404
    own = login("vanphong").get(f"/cap-tren/{demo.slug}/so-lieu/?ngay=2017-12-31")
    assert own.status_code == 200 and 'data-fact="party.members">54<' in own.content.decode()
