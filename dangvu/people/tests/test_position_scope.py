"""The seats a person holds in elected bodies, as each reader of their page reads them: a seat in
a Party committee is the Party file's, a seat in a mass organization's executive that
organization's. The member's own cell reads both; the cell they attend for a while reads
neither; the trade union's chair reads the union's seat and not the committee's. Invented
organizations."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from dangvu.accounts.models import Role
from dangvu.orgs import actions as org_actions
from dangvu.orgs.models import Organization, Position
from dangvu.people import actions
from dangvu.people.models import Membership

K = Organization.Kind
D = dt.date
OUTSIDE = "Không thuộc phạm vi xem"


def _org(kind, name, parent=None):
    return org_actions.create_org(
        None, kind=kind, name=name, parent=parent, valid_from=D(2005, 1, 1)
    )


def _user(username, kind, org):
    user = get_user_model().objects.create_user(username)
    Role.objects.create(user=user, kind=kind, org=org)
    return user


@pytest.fixture
def seats(db):
    bloc = _org(K.SUPERIOR_COMMITTEE, "Đảng ủy Khối Thử Nghiệm")
    one = _org(K.PARTY_COMMITTEE, "Đảng bộ Xí nghiệp Muối", bloc)
    two = _org(K.PARTY_COMMITTEE, "Đảng bộ Bến Phà", bloc)
    own = _org(K.PARTY_CELL, "Chi bộ Ruộng Muối", one)
    host = _org(K.PARTY_CELL, "Chi bộ Đò Ngang", two)
    union = _org(K.TRADE_UNION, "Công đoàn Xí nghiệp Muối", one)
    person = actions.create_person(
        None, home_org=one, full_name="Thạch Văn Sóc", gender="male", birth_date=D(1980, 2, 2)
    )
    actions.transfer_in(
        None, person, own, D(2010, 1, 1), admitted_on=D(2008, 3, 3), official_on=D(2009, 3, 3)
    )
    actions.join(None, person, union, Membership.Kind.TRADE_UNION, D(2010, 1, 1))
    committee = org_actions.open_term(None, one, name="2020-2025", valid_from=D(2020, 6, 1))
    executive = org_actions.open_term(None, union, name="2023-2028", valid_from=D(2023, 5, 1))
    org_actions.appoint(None, committee, person, Position.Role.MEMBER, D(2020, 6, 1))
    org_actions.appoint(None, executive, person, Position.Role.VICE_PRESIDENT, D(2023, 5, 1))
    actions.attach_temporarily(
        None, host, person=person, papers="Giấy giới thiệu số 61-GGT/ĐU", valid_from=D(2024, 1, 2)
    )
    readers = {
        "own": _user("bt-ruong-muoi", Role.Kind.SECRETARY, own),
        "host": _user("bt-do-ngang", Role.Kind.SECRETARY, host),
        "union": _user("ct-cong-doan", Role.Kind.MASS, union),
    }
    return person, readers


def _positions(client, user, person):
    """The page's part on seats in elected bodies, up to the next heading."""
    client.force_login(user)
    html = client.get(reverse("person_detail", args=[person.id])).content.decode()
    part = html.split("<h2>Chức vụ trong cấp ủy, Ban Chấp hành</h2>", 1)[1]
    return part.split("<h2>", 1)[0]


def test_each_reader_reads_the_seats_of_its_side(seats, client):
    person, readers = seats
    own = _positions(client, readers["own"], person)
    assert "Ủy viên" in own and "Đảng bộ Xí nghiệp Muối" in own
    assert "Phó Chủ tịch" in own and "Công đoàn Xí nghiệp Muối" in own
    assert OUTSIDE not in own

    host = _positions(client, readers["host"], person)
    assert "Xí nghiệp Muối" not in host and f"{OUTSIDE}." in host

    union = _positions(client, readers["union"], person)
    assert "Phó Chủ tịch" in union and "Công đoàn Xí nghiệp Muối" in union
    assert "Ủy viên" not in union and "Đảng bộ Xí nghiệp Muối" not in union
    assert "Chức vụ khác: không thuộc phạm vi xem." in union


def test_a_person_without_seats_shows_none_to_a_reader_of_everything(seats, client):
    """No heading for a person holding no seat, for whoever reads all of them."""
    person, readers = seats
    cell = person.memberships.get(kind=Membership.Kind.PARTY).org
    other = actions.create_person(
        None, home_org=cell.parent, full_name="Lâm Thị Nhung", gender="female"
    )
    actions.transfer_in(
        None, other, cell, D(2012, 1, 1), admitted_on=D(2010, 3, 3), official_on=D(2011, 3, 3)
    )
    client.force_login(readers["own"])
    html = client.get(reverse("person_detail", args=[other.id])).content.decode()
    assert "Chức vụ trong cấp ủy" not in html
