"""A commune's year read as its Party office reads it: an invented commune committee (hamlet cells,
a retired members' cell) under an invented district, filled through the commands and actions
with a year of admissions, departures, meetings and fees; its reports name its superior as the
office does, and never print a figure no record supports."""

import datetime as dt

import pytest

from dangvu.accounts.tests.helpers import run
from dangvu.meetings import actions as meetings
from dangvu.orgs import kinds
from dangvu.orgs.models import Organization
from dangvu.people import actions as people

pytestmark = pytest.mark.django_db

YEAR = dt.date.today().year - 1  # a whole year of records
DISTRICT = "Đảng bộ huyện Kênh Xáng"  # an invented district
CELLS = ["Chi bộ ấp Rạch Gốc", "Chi bộ ấp Cái Mít", "Chi bộ Hưu trí"]


def _member(cell, n, since, admitted):
    person = people.create_person(
        None,
        home_org=cell,
        full_name=f"Trần Văn Thử {cell.id} {chr(65 + n)}",
        gender="male",
        birth_date=dt.date(admitted.year - 25, 3, 1),
    )
    people.transfer_in(
        None,
        person,
        cell,
        since,
        admitted_on=admitted,
        official_on=dt.date(admitted.year + 1, admitted.month, admitted.day),
    )
    return person


def _commune():
    """The commune committee and its cells, through the commands; four members a cell."""
    founded = dt.date(YEAR - 10, 3, 1)
    slug = run(
        "create_org",
        "--name",
        "Đảng bộ xã Tân Hưng Tây",
        "--kind",
        "party_committee",
        "--from",
        founded.isoformat(),
        "--place",
        "Tân Hưng Tây",
        "--superior-name",
        DISTRICT,
        "--founding-document",
        f"Quyết định số 31-QĐ/HU ngày 01/3/{founded.year} của Ban Thường vụ Huyện ủy",
        "--type",
        "xa",
        "--term",
        f"{YEAR - 5}-{YEAR}",
    ).strip()
    commune = Organization.objects.get(slug=slug)
    for name in CELLS:
        cell_slug = run("create_org", "--name", name, "--kind", "party_cell", "--parent", slug)
        cell = Organization.objects.get(slug=cell_slug.strip())
        for n in range(4):
            _member(cell, n, founded, dt.date(1975 + 5 * n, 5, 19))
    return commune


def _report(tmp_path, org, kind="annual", period=None):
    out = tmp_path / f"{org.slug}-{kind}.md"
    args = ["report", kind, "--org", org.slug, "--year", str(YEAR), "--out", str(out)]
    run(*args, *(["--period", period] if period else []))
    return out.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "name,executive",
    [
        ("Đảng bộ huyện Kênh Xáng", "Huyện ủy Kênh Xáng"),
        ("Đảng bộ tỉnh Hòa Giang", "Tỉnh ủy Hòa Giang"),
        ("Đảng bộ thành phố Sa Đéc", "Thành ủy Sa Đéc"),
        ("Đảng bộ thị xã Bình Minh", "Thị ủy Bình Minh"),
        ("Đảng bộ quận Ninh Kiều", "Quận ủy Ninh Kiều"),
        ("Đảng bộ Thành phố Hồ Chí Minh", "Thành ủy Thành phố Hồ Chí Minh"),
        ("Đảng bộ xã Tân Hưng Tây", "Đảng ủy xã Tân Hưng Tây"),
        ("Đảng bộ Khối các cơ quan tỉnh Trà Vinh", "Đảng ủy Khối các cơ quan tỉnh Trà Vinh"),
        ("Chi bộ ấp Rạch Gốc", "Chi bộ ấp Rạch Gốc"),
    ],
)
def test_each_committee_is_led_by_the_executive_of_its_level(name, executive):
    assert kinds.executive_name(name) == executive


def test_a_commune_reports_to_the_district_s_huyen_uy(tmp_path):
    commune = _commune()
    for text in (_report(tmp_path, commune), _report(tmp_path, commune, "six_month", "H1")):
        assert "ĐẢNG BỘ HUYỆN KÊNH XÁNG" in text  # the header names the đảng bộ above
        assert "báo cáo Huyện ủy Kênh Xáng để theo dõi, chỉ đạo" in text
        assert "- Huyện ủy Kênh Xáng (b/c);" in text
        assert "Đảng ủy huyện" not in text
    # A hamlet cell reports to its commune's Đảng ủy.
    cell = commune.children.get(name=CELLS[0])
    assert "- Đảng ủy xã Tân Hưng Tây (b/c);" in _report(tmp_path, cell)


def test_a_conference_without_an_attendance_list_gives_no_zero_attendance(tmp_path):
    commune = _commune()
    meetings.create_activity(
        None,
        organizers=[commune],
        kind="dissemination",
        title="Hội nghị quán triệt nghị quyết",
        starts_on=dt.date(YEAR, 3, 12),
    )
    for text in (_report(tmp_path, commune), _report(tmp_path, commune, "six_month", "H1")):
        # Nobody's attendance was recorded: the sentence gives the sessions, no "0 lượt".
        (line,) = [line for line in text.splitlines() if "quán triệt" in line and "cuộc" in line]
        assert line.endswith(" với 01 cuộc.")
