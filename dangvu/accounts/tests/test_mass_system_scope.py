"""A mass organization's executive keeps its whole own system: an invented college's Đoàn cơ sở
has a chi đoàn in the tree under the Party cell that leads it, recorded under the Đoàn in the
youth union's own system. The Đoàn's chair reads and writes the chi đoàn and its members, finds
them in the lists and opens every person its report counts; not a chi đoàn detached before today
or recorded under it only from a later day, nor another Đoàn's chi đoàn; and nothing of the
Party's: not the cell, its meeting, nor the Party file and fees of a đoàn viên who is a Party
member. Party roles keep their subtree."""

import datetime as dt
import io

import openpyxl
import pytest
from django.utils import timezone

from dangvu.accounts import actions as accounts
from dangvu.accounts.models import Role
from dangvu.accounts.scope import scope_for
from dangvu.core.facts import Period, compute
from dangvu.finance import actions as finance
from dangvu.finance.models import Payment, PaymentMonth, SalaryBase
from dangvu.meetings import actions as meetings
from dangvu.meetings.models import Activity
from dangvu.orgs import actions as orgs
from dangvu.orgs.models import Organization
from dangvu.people import actions as people
from dangvu.people.models import Membership, PartyProfile

pytestmark = pytest.mark.django_db

K = Organization.Kind
YOUTH = Membership.Kind.YOUTH_UNION
FOUNDED = dt.date(2015, 1, 1)
DETACHED = dt.date(2020, 9, 1)
YEAR = 2024
PASSWORD = "Sen-hong-Hau-Giang-2026"
COLLEGE = "Trường Cao đẳng Cộng đồng Hậu Giang"
DOAN = f"Đoàn trường {COLLEGE}"


def _member(org, name, home, born=1996):
    person = people.create_person(
        None, home_org=home, full_name=name, gender="female", birth_date=dt.date(born, 4, 4)
    )
    people.join(None, person, org, YOUTH, FOUNDED)
    return person


@pytest.fixture
def college():
    return build_college()


def build_college():
    """The college's committee, three cells each leading a chi đoàn: one under the Đoàn, one
    moved to another Đoàn in 2020, one recorded under the Đoàn only from next month; and a
    chi đoàn of another college's Đoàn."""
    later = timezone.localdate() + dt.timedelta(days=30)
    committee = orgs.create_org(
        None, kind=K.PARTY_COMMITTEE, name=f"Đảng bộ {COLLEGE}", valid_from=FOUNDED, symbol="ĐU"
    )
    cells = [
        orgs.create_org(
            None, kind=K.PARTY_CELL, name=f"Chi bộ Khoa {n}", parent=committee, valid_from=FOUNDED
        )
        for n in ("Nông nghiệp", "Kinh tế", "Sư phạm")
    ]
    doan = orgs.create_org(
        None, kind=K.YOUTH_UNION, name=DOAN, parent=committee, valid_from=FOUNDED
    )
    units = {}
    for key, cell, attached in (("own", cells[0], FOUNDED), ("moved", cells[1], FOUNDED),
                                ("later", cells[2], later)):  # fmt: skip
        unit = orgs.create_org(
            None, kind=K.YOUTH_UNION, name=f"Chi đoàn {cell.name[7:]}", parent=cell,
            valid_from=FOUNDED,
        )  # fmt: skip
        orgs.set_same_system_superior(None, unit, superior_name=DOAN, valid_from=attached)
        units[key] = unit
    orgs.set_same_system_superior(
        None, units["moved"], superior_name="Đoàn Khối các cơ quan tỉnh Hậu Giang",
        valid_from=DETACHED,
    )  # fmt: skip
    neighbour = orgs.create_org(
        None, kind=K.PARTY_COMMITTEE, name="Đảng bộ Trường Trung cấp Nghề Vị Thanh",
        valid_from=FOUNDED, symbol="ĐU",
    )  # fmt: skip
    its_cell = orgs.create_org(
        None, kind=K.PARTY_CELL, name="Chi bộ Khoa Cơ khí", parent=neighbour, valid_from=FOUNDED
    )
    orgs.create_org(
        None, kind=K.YOUTH_UNION, name="Đoàn trường Trung cấp Nghề Vị Thanh", parent=neighbour,
        valid_from=FOUNDED,
    )  # fmt: skip
    units["other"] = orgs.create_org(
        None, kind=K.YOUTH_UNION, name="Chi đoàn Khoa Cơ khí", parent=its_cell, valid_from=FOUNDED
    )
    orgs.set_same_system_superior(
        None, units["other"], superior_name="Đoàn trường Trung cấp Nghề Vị Thanh",
        valid_from=FOUNDED,
    )  # fmt: skip
    members = {"doan": [_member(doan, "Mai Thị Xuân", committee)]}
    names = {
        "own": ("Lý Thị Thu", "Đặng Văn Khoa", "Kiều Thị Mỹ"),
        "moved": ("Võ Thị Kim",),
        "later": ("Quách Văn Tài",),
        "other": ("La Thị Bé",),
    }
    for key, unit_names in names.items():
        home = neighbour if key == "other" else committee
        members[key] = [_member(units[key], n, home) for n in unit_names]
    # A đoàn viên of the chi đoàn who is a Party member of the cell that leads it: their Party
    # file, their fees and the cell's meeting are the Party's.
    party_member = members["own"][0]
    people.admit(None, party_member, cells[0], dt.date(2023, 6, 1))
    finance.set_salary_base(None, party_member, month=dt.date(YEAR, 1, 1), amount=3_000_000)
    finance.record_payment(
        None, party_member, paid_on=dt.date(YEAR, 3, 5), amount=30_000,
        first_month=dt.date(YEAR, 3, 1),
    )  # fmt: skip
    cell_meeting = meetings.create_activity(
        None, organizers=[cells[0]], kind=Activity.Kind.REGULAR_MEETING,
        title="Sinh hoạt chi bộ tháng 3", starts_on=dt.date(YEAR, 3, 12),
    )  # fmt: skip
    chair, _ = accounts.create_account(
        None, "bithu-doantruong", kind=Role.Kind.MASS, org=doan, password=PASSWORD
    )
    return {
        "committee": committee, "cells": cells, "doan": doan, "units": units,
        "members": members, "party_member": party_member, "cell_meeting": cell_meeting,
        "chair": chair,
    }  # fmt: skip


def _names(html, people_):
    return {p.full_name for p in people_ if p.full_name in html}


def test_the_chair_reads_and_writes_its_chi_doan_and_its_members(college, client):
    scope = scope_for(college["chair"])
    unit = college["units"]["own"]
    assert scope.can_read_org(unit) and scope.can_write_org(unit)
    # Its parent stays the cell: renaming or dissolving it is the Party organization's decision.
    assert not scope.can_restructure_org(unit)
    for person in college["members"]["own"]:
        assert scope.can_write_person(person)
    client.force_login(college["chair"])
    assert client.get(f"/to-chuc/{unit.slug}/").status_code == 200
    member = college["members"]["own"][1]
    form = client.get(f"/ca-nhan/{member.id}/sua/").context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    data["phone"] = "0293 3870 123"
    response = client.post(f"/ca-nhan/{member.id}/sua/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    member.refresh_from_db()
    assert member.phone == "0293 3870 123"


def test_the_chair_finds_its_whole_system_in_the_lists(college, client):
    client.force_login(college["chair"])
    members = college["members"]
    html = client.get("/ca-nhan/").content.decode()
    assert _names(html, members["doan"] + members["own"]) == {
        p.full_name for p in members["doan"] + members["own"]
    }
    outside = members["moved"] + members["later"] + members["other"]
    assert _names(html, outside) == set()
    html = client.get("/ca-nhan/?loai=doan-thanh-nien").content.decode()
    assert len(_names(html, members["doan"] + members["own"])) == 4
    tree = client.get("/to-chuc/").content.decode()
    units = college["units"]
    assert units["own"].name in tree and DOAN in tree
    assert units["moved"].name not in tree and units["later"].name not in tree
    assert units["other"].name not in tree
    # The cell that leads the chi đoàn is the Party's, not shown as one of its organizations.
    assert college["cells"][0].name not in tree


def test_the_chair_opens_every_person_its_member_figure_counts(college, client):
    doan = college["doan"]
    client.force_login(college["chair"])
    response = client.post("/bao-cao/", {"org": doan.id, "kind": "annual", "year": YEAR})
    assert response.status_code == 302
    draft = response["Location"]
    figure = compute(doan, Period.year(YEAR))["assoc.members"]
    # Its own đoàn viên and its chi đoàn's; not the moved chi đoàn's, the later one's, the
    # other Đoàn's.
    assert figure.value == 4
    page = client.get(f"{draft}so-lieu/assoc.members/")
    shown = list(page.context["people"])
    assert {p.id for p in shown} == set(figure.people)
    for person in shown:
        assert client.get(f"/ca-nhan/{person.id}/").status_code == 200
    units = client.get(f"{draft}so-lieu/assoc.units/").context["orgs"]
    assert list(units) == [college["units"]["own"]]


@pytest.mark.parametrize("key", ["moved", "later", "other"])
def test_the_chair_reaches_no_chi_doan_outside_its_system_today(college, client, key):
    scope = scope_for(college["chair"])
    unit = college["units"][key]
    assert not scope.can_read_org(unit) and not scope.can_write_org(unit)
    person = college["members"][key][0]
    assert not scope.people().filter(id=person.id).exists()
    client.force_login(college["chair"])
    assert client.get(f"/to-chuc/{unit.slug}/").status_code == 404
    assert client.get(f"/ca-nhan/{person.id}/").status_code == 404


def test_the_chair_sees_no_party_record_of_the_cell_that_leads_the_chi_doan(college, client):
    scope = scope_for(college["chair"])
    cell = college["cells"][0]
    member = college["party_member"]
    # The đoàn viên is the Đoàn's to read and write, as its member.
    assert scope.people().filter(id=member.id).exists() and scope.can_write_person(member)
    assert not scope.can_read_org(cell)
    assert not scope.visible(PartyProfile).filter(person=member).exists()
    assert not scope.visible(PaymentMonth).filter(person=member).exists()
    assert not scope.visible(SalaryBase).filter(person=member).exists()
    assert not scope.visible(Payment).filter(person=member).exists()
    assert not scope.visible(Activity).filter(id=college["cell_meeting"].id).exists()
    client.force_login(college["chair"])
    page = client.get(f"/ca-nhan/{member.id}/").content.decode()
    assert "Ngày vào Đảng" not in page and "Sổ đảng phí" not in page
    assert "Xóa tên" not in page and "Kết nạp đảng viên" not in page
    assert client.get(f"/dang-phi/dang-vien/{member.id}/").status_code == 404
    assert client.get(f"/dang-phi/dang-vien/{member.id}/luong/").status_code == 404
    assert client.get(f"/hoat-dong/{college['cell_meeting'].id}/").status_code == 404
    # The people list's workbook names the member, without the Party file's dates.
    sheet = openpyxl.load_workbook(io.BytesIO(client.get("/ca-nhan/xuat.xlsx").content)).active
    header = [c.value for c in sheet[1]]
    row = next(r for r in sheet.iter_rows(min_row=2, values_only=True) if r[0] == member.full_name)
    assert row[header.index("Ngày vào Đảng")] is None
    before = Membership.objects.filter(person=member).count()
    response = client.post(
        f"/ca-nhan/{member.id}/thao-tac/xoa-ten/", {"on": "2026-01-05", "reason": "Thử"}
    )
    assert response.status_code == 403
    assert Membership.objects.filter(person=member).count() == before
    assert Membership.objects.get(person=member, kind=Membership.Kind.PARTY).valid_to is None


def test_party_roles_keep_their_subtree(college):
    cells, units = college["cells"], college["units"]
    secretary, _ = accounts.create_account(
        None, "bithu-nongnghiep", kind=Role.Kind.SECRETARY, org=cells[0], password=PASSWORD
    )
    scope = scope_for(secretary)
    # The chi đoàn stands in the tree under the cell; the Đoàn and its own member do not.
    assert scope.can_read_org(units["own"]) and not scope.can_read_org(college["doan"])
    assert not scope.people().filter(id=college["members"]["doan"][0].id).exists()
    # Its Party members' files are its own.
    assert scope.visible(PartyProfile).filter(person=college["party_member"]).exists()
    office, _ = accounts.create_account(
        None, "vanphong-cdcd", kind=Role.Kind.OFFICE, org=college["committee"], password=PASSWORD
    )
    seen = scope_for(office)
    assert {units["own"].id, units["moved"].id, units["later"].id} <= seen.read_org_ids
    assert units["other"].id not in seen.read_org_ids


def test_a_chair_who_is_also_a_party_member_reads_their_own_party_file(college):
    """The Party reach of a scope is its other roles: the chair's own member role still reads
    the chair's own Party file."""
    chair, member = college["chair"], college["party_member"]
    Role.objects.create(user=chair, kind=Role.Kind.MEMBER, person=member)
    scope = scope_for(chair)
    assert scope.visible(PartyProfile).filter(person=member).exists()
    other = college["members"]["own"][1]
    people.admit(None, other, college["cells"][0], dt.date(2023, 6, 1))
    assert not scope.visible(PartyProfile).filter(person=other).exists()
