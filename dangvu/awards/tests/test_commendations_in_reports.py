"""Commendations in the reports: a year with commendation records says who awarded which form to
how many collectives and members, with the decisions in a footnote; another committee's and a
cancelled one are not counted; a year without says nothing. Invented organizations: a commune
committee under a district committee, and an agency's grassroots cell."""

import datetime as dt

import pytest

from dangvu.accounts.tests.helpers import run
from dangvu.awards import actions
from dangvu.orgs import actions as org_actions

from .conftest import facts
from .world import START
from .world import members as _members
from .world import org as _org

pytestmark = pytest.mark.django_db

YEAR = 2024
ON = dt.date(YEAR, 2, 3)


def _commend(org, n, **fields):
    return actions.record_commendation(
        None,
        org=org,
        decision=f"{n:02d}-QĐ/ĐU",
        decided_on=ON,
        reason=f"Hoàn thành xuất sắc nhiệm vụ năm {YEAR - 1}",
        **{"kind": "letter", **fields},
    )


@pytest.fixture
def commune():
    district = _org("superior_committee", "Đảng bộ huyện Vĩnh Thử", "hu-vinh-thu")
    commune = _org("party_committee", "Đảng bộ xã An Thử", "xa-an-thu", district)
    org_actions.set_type(None, commune, "xa", START)
    cells = [
        _org("party_cell", f"Chi bộ ấp {name}", f"ap-{slug}", commune)
        for name, slug in (("Một", "mot"), ("Hai", "hai"), ("Ba", "ba"))
    ]
    members = _members(cells[0], ["Lê Thị An", "Lê Thị Bình", "Lê Thị Cúc", "Lê Thị Dung"])
    neighbour = _org("party_committee", "Đảng bộ xã Bình Thử", "xa-binh-thu", district)
    far_cell = _org("party_cell", "Chi bộ ấp Xa", "ap-xa", neighbour)
    stranger = _members(far_cell, ["Trần Văn Xa"])[0]
    return district, commune, cells, members, neighbour, far_cell, stranger


def _annual(tmp_path, slug, year=YEAR):
    out = tmp_path / f"{slug}-{year}.md"
    run("report", "annual", "--org", slug, "--year", str(year), "--out", str(out))
    return out.read_text(encoding="utf-8")


def test_a_commune_report_says_who_commended_whom_from_the_records(commune, tmp_path):
    district, org, cells, members, neighbour, far_cell, stranger = commune
    _commend(org, 1, kind="certificate", awarder=district, recipient_org=org)
    for n, cell in enumerate(cells[:2], start=2):
        _commend(org, n, awarder=org, recipient_org=cell)
    for n, person in enumerate(members[:3], start=4):
        _commend(org, n, awarder=org, person=person)
    # The same member twice is one member; a cancelled one and a neighbour's are not counted.
    _commend(org, 7, awarder_name="Ban Thường vụ Đảng ủy xã An Thử", person=members[0])
    cancelled = _commend(org, 8, awarder=org, person=members[3])
    actions.cancel_commendation(None, cancelled, cancelled_on=ON, cancel_reason="Ghi nhầm người")
    _commend(neighbour, 9, awarder=neighbour, recipient_org=far_cell)
    _commend(neighbour, 10, awarder=neighbour, person=stranger)

    got = facts(org, YEAR)
    assert got["commendations.summary"] == (
        "Huyện ủy Vĩnh Thử tặng bằng khen cho Đảng bộ xã An Thử; "
        "Đảng ủy xã An Thử tặng giấy khen cho 02 tổ chức đảng và 03 đảng viên; "
        "Ban Thường vụ Đảng ủy xã An Thử tặng giấy khen cho 01 đảng viên"
    )
    assert got["commendations.decisions"] == (
        "Quyết định số 01-QĐ/ĐU ngày 03/02/2024 của Huyện ủy Vĩnh Thử; "
        "Quyết định số 02-QĐ/ĐU, 03-QĐ/ĐU, 04-QĐ/ĐU, 05-QĐ/ĐU, 06-QĐ/ĐU ngày 03/02/2024 của "
        "Đảng ủy xã An Thử; Quyết định số 07-QĐ/ĐU ngày 03/02/2024 của Ban Thường vụ Đảng ủy "
        "xã An Thử."
    )
    text = _annual(tmp_path, org.slug)
    assert "Đảng ủy xã An Thử tặng giấy khen cho 02 tổ chức đảng và 03 đảng viên" in text
    assert "của Huyện ủy Vĩnh Thử" in text  # the decisions' footnote
    assert "08-QĐ/ĐU" not in text and "Bình Thử" not in text

    # The neighbour's report counts its own, and nothing of the commune's.
    assert facts(neighbour, YEAR)["commendations.summary"] == (
        "Đảng ủy xã Bình Thử tặng giấy khen cho 01 tổ chức đảng và 01 đảng viên"
    )
    # A cell's report names the cell itself.
    assert facts(cells[0], YEAR)["commendations.summary"] == (
        "Đảng ủy xã An Thử tặng giấy khen cho Chi bộ ấp Một và 03 đảng viên; "
        "Ban Thường vụ Đảng ủy xã An Thử tặng giấy khen cho 01 đảng viên"
    )


def test_a_year_without_commendations_says_nothing_of_them(commune, tmp_path):
    _district, org, cells, _members, _neighbour, _far, _stranger = commune
    _commend(org, 1, awarder=org, recipient_org=cells[0])
    got = facts(org, YEAR - 1)
    assert got["commendations.summary"] == got["commendations.decisions"] == ""
    before = _annual(tmp_path, org.slug, YEAR - 1)
    assert "khen" not in before.lower()
    assert "tặng giấy khen cho 01 tổ chức đảng" in _annual(tmp_path, org.slug)


def test_an_agency_cell_report_names_the_cell_and_its_members(tmp_path):
    cell = _org("party_cell", "Chi bộ Văn phòng Sở Thử", "cb-vp-so-thu")
    members = _members(cell, ["Phan Văn Một", "Phan Văn Hai", "Phan Văn Ba"])
    awarder = "Ban Thường vụ Đảng ủy Khối các cơ quan tỉnh"
    _commend(cell, 1, awarder_name=awarder, recipient_org=cell)
    for n, person in enumerate(members[:2], start=2):
        _commend(cell, n, awarder_name=awarder, person=person)
    text = _annual(tmp_path, cell.slug)
    assert (
        "Ban Thường vụ Đảng ủy Khối các cơ quan tỉnh tặng giấy khen cho Chi bộ Văn phòng Sở Thử "
        "và 02 đảng viên" in text
    )
    assert "Quyết định số 01-QĐ/ĐU, 02-QĐ/ĐU, 03-QĐ/ĐU ngày 03/02/2024" in text
