"""7-BTCTW, IV.1: the temporary attachments (sinh hoạt đảng tạm thời) that start in the period
and cross the reporting committee's boundary, introduced out by its cells or received in them,
each listed behind its figure. Invented organizations: a district with two grassroots committees
(one with two cells, one with one), and a cell of another district."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model

from dangvu.accounts.models import Role
from dangvu.orgs.actions import create_org
from dangvu.orgs.models import Organization
from dangvu.people import actions
from dangvu.superior import statforms

from .test_stat_forms import check_workbook, read_back

pytestmark = pytest.mark.django_db
K = Organization.Kind
START = dt.date(2015, 1, 1)
DAY = dt.date(2024, 12, 31)
PAPERS = "Giấy giới thiệu sinh hoạt đảng tạm thời số 05-GGT/ĐU"


def _org(kind, name, parent=None):
    return create_org(None, kind=kind, name=name, parent=parent, valid_from=START)


def _member(name, cell):
    person = actions.create_person(None, home_org=cell, full_name=name, gender="female")
    actions.transfer_in(
        None, person, cell, START, admitted_on=dt.date(2005, 1, 1), official_on=dt.date(2006, 1, 1)
    )
    return person


@pytest.fixture
def district(db):
    """The district, its two committees and their cells, the other district's cell, and who
    attends where (the names say it)."""
    district = _org(K.SUPERIOR_COMMITTEE, "Đảng bộ huyện Sông Lam")
    port = _org(K.PARTY_COMMITTEE, "Đảng bộ Cảng Sông Lam", district)
    docks = _org(K.PARTY_CELL, "Chi bộ Bến tàu", port)
    office = _org(K.PARTY_CELL, "Chi bộ Văn phòng cảng", port)
    school = _org(K.PARTY_COMMITTEE, "Đảng bộ Trường Sông Lam", district)
    teachers = _org(K.PARTY_CELL, "Chi bộ Giáo viên", school)
    other = _org(K.SUPERIOR_COMMITTEE, "Đảng bộ huyện Núi Đỏ")
    farm = _org(K.PARTY_CELL, "Chi bộ Nông trường", _org(K.PARTY_COMMITTEE, "Đảng bộ xã Đỏ", other))

    def attach(cell, on, **kwargs):
        return actions.attach_temporarily(None, cell, papers=PAPERS, valid_from=on, **kwargs)

    made = {
        # To a cell of the district's other committee: out of the port, in the school.
        "port_to_school": attach(teachers, dt.date(2024, 3, 1), person=_member("Hồ Thị An", docks)),
        # From the other district, on file, and one only named: received in the port.
        "farm_to_port": attach(office, dt.date(2024, 4, 1), person=_member("Lê Thị Bình", farm)),
        "named_to_port": attach(
            docks,
            dt.date(2024, 5, 1),
            full_name="Đinh Thị Cúc",
            home_org_name="Chi bộ Khoa Văn, Đảng bộ Trường Cao đẳng Hà Tĩnh",
        ),
        # Between the port's own two cells: no transfer of the port, nor of the district.
        "within_port": attach(office, dt.date(2024, 6, 1), person=_member("Võ Thị Dung", docks)),
        # Introduced out before the period: last year's.
        "last_year": attach(
            farm,
            dt.date(2023, 10, 1),
            valid_to=dt.date(2024, 4, 1),
            person=_member("Phan Thị Em", office),
        ),
        # To a host outside dangvu, recorded by the member's own cell.
        "port_outside": actions.introduce_temporarily(
            None,
            _member("Ngô Thị Giang", office),
            host_name="Chi bộ Lớp Trung cấp, Trường Chính trị tỉnh",
            papers=PAPERS,
            valid_from=dt.date(2024, 7, 1),
            study=True,
        ),
    }
    return district, port, school, made


def _rows(root):
    forms = statforms.compute(root, DAY)
    return {ln.key: ln.values[:2] for ln in forms.sheet("7-BTCTW").lines}, forms


def _listed(root, key, forms, previous=False):
    kind, ids = statforms.records_of(root, DAY, "7-BTCTW", key, previous=previous, forms=forms)
    assert kind == "attachment"
    return ids


def test_each_committee_counts_the_attachments_crossing_its_boundary(district):
    _district, port, school, made = district
    rows, forms = _rows(port)
    # [this period, same period last year]
    assert rows["IV1a"] == [2, 1] and rows["IV1b"] == [2, 0] and rows["IV1"] == [4, 1]
    assert _listed(port, "IV1a", forms) == sorted(
        [made["port_to_school"].id, made["port_outside"].id]
    )
    assert _listed(port, "IV1a", forms, previous=True) == [made["last_year"].id]
    assert _listed(port, "IV1b", forms) == sorted(
        [made["farm_to_port"].id, made["named_to_port"].id]
    )
    assert made["within_port"].id not in _listed(port, "IV1", forms)
    rows, forms = _rows(school)
    assert rows["IV1a"] == [0, 0] and rows["IV1b"] == [1, 0]
    assert _listed(school, "IV1b", forms) == [made["port_to_school"].id]


def test_the_district_counts_only_what_crosses_its_own_boundary(district):
    """A member of one of its committees attending a cell of the other moves within the
    district: no introduction of the district's, as a transfer between them is none on 1-BTCTW."""
    root, _port, _school, made = district
    rows, forms = _rows(root)
    assert rows["IV1a"] == [1, 1] and rows["IV1b"] == [2, 0] and rows["IV1"] == [3, 1]
    assert _listed(root, "IV1a", forms) == [made["port_outside"].id]
    assert made["port_to_school"].id not in _listed(root, "IV1", forms)


@pytest.mark.parametrize("which", [0, 1, 2])
def test_the_forms_still_add_up(district, which):
    """A + B − C = D and every `sum` (IV.1 = out + in) on the workbook, for each reporting
    committee: attachments change no member count."""
    root = district[which]
    _forms, sheets, notes = check_workbook(root, DAY)
    seven = sheets["7-BTCTW"]
    assert seven["IV1"][0] == seven["IV1a"][0] + seven["IV1b"][0] > 0
    assert "Hồ sơ chưa ghi sinh hoạt đảng tạm thời" not in (notes["7-BTCTW"]["IV1"] or "")


def test_the_records_page_shows_a_named_visitor_by_name_and_home(district, client):
    root, port, _school, _made = district
    user = get_user_model().objects.create_user("huyen-song-lam")
    Role.objects.create(user=user, kind=Role.Kind.SUPERIOR, org=root)
    client.force_login(user)
    page = client.get(f"/cap-tren/{port.slug}/bieu-thong-ke/7-BTCTW/IV1b/?ngay={DAY}")
    html = page.content.decode()
    assert page.status_code == 200 and "2 hồ sơ" in html
    assert "Đinh Thị Cúc (Chi bộ Khoa Văn, Đảng bộ Trường Cao đẳng Hà Tĩnh)" in html
    assert "Lê Thị Bình" in html and "Chi bộ Văn phòng cảng" in html
    page = client.get(f"/cap-tren/{port.slug}/bieu-thong-ke/7-BTCTW/IV1a/?ngay={DAY}")
    assert "Trường Chính trị tỉnh" in page.content.decode()
    download = client.get(f"/cap-tren/{root.slug}/bieu-thong-ke/tai/?ngay={DAY}")
    _wb, sheets, _notes = read_back(download.content)
    assert sheets["7-BTCTW"]["IV1"][0] == 3
