"""The page of a member attending another committee's cell for a while, as the host cell reads
it: the records kept by the member's own side (memberships, staff records, qualifications) are
said to be outside what it reads, not "Chưa có." (none); the member's own cell reads them, and a
person with none of them still reads "Chưa có.". Invented organizations."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from dangvu.accounts.models import Role
from dangvu.orgs import actions as org_actions
from dangvu.orgs.models import Organization
from dangvu.people import actions

K = Organization.Kind
D = dt.date
OUTSIDE = "Không thuộc phạm vi xem"


def _org(kind, name, parent=None):
    return org_actions.create_org(
        None, kind=kind, name=name, parent=parent, valid_from=D(2005, 1, 1)
    )


def _secretary(username, org):
    user = get_user_model().objects.create_user(username)
    Role.objects.create(user=user, kind=Role.Kind.SECRETARY, org=org)
    return user


@pytest.fixture
def visit(db):
    bloc = _org(K.SUPERIOR_COMMITTEE, "Đảng ủy Khối Thử Nghiệm")
    one = _org(K.PARTY_COMMITTEE, "Đảng bộ Nhà máy Gạch", bloc)
    two = _org(K.PARTY_COMMITTEE, "Đảng bộ Cảng Cá", bloc)
    own = _org(K.PARTY_CELL, "Chi bộ Lò Nung", one)
    host = _org(K.PARTY_CELL, "Chi bộ Bến Tàu", two)
    person = actions.create_person(
        None, home_org=one, full_name="Lạc Văn Thành", gender="male", birth_date=D(1979, 9, 9)
    )
    actions.transfer_in(
        None, person, own, D(2010, 1, 1), admitted_on=D(2008, 3, 3), official_on=D(2009, 3, 3)
    )
    actions.attach_temporarily(
        None, host, person=person, papers="Giấy giới thiệu số 52-GGT/ĐU", valid_from=D(2024, 1, 2)
    )
    return person, _secretary("bt-lo-nung", own), _secretary("bt-ben-tau", host), host


def _memberships(html):
    """The page's part on Party and mass organization activity, up to the next heading."""
    part = html.split("<h2>Sinh hoạt đảng, đoàn thể</h2>", 1)[1]
    return part.split("<h2>", 1)[0]


def test_the_host_is_told_the_memberships_are_outside_its_reading(visit, client):
    person, own, host, _cell = visit
    client.force_login(host)
    html = client.get(reverse("person_detail", args=[person.id])).content.decode()
    assert "Giấy giới thiệu số 52-GGT/ĐU" in html
    part = _memberships(html)
    assert OUTSIDE in part and "Chưa có." not in part and "Chi bộ Lò Nung" not in part
    # Staff records, seats and qualifications: the same, none of them said to be missing.
    assert "Chưa có." not in html and html.count(OUTSIDE) == 4

    client.force_login(own)
    html = client.get(reverse("person_detail", args=[person.id])).content.decode()
    part = _memberships(html)
    assert "Chi bộ Lò Nung" in part and OUTSIDE not in html


def test_a_person_with_no_records_still_reads_none(visit, client):
    _person, _own, host, cell = visit
    nobody = actions.create_person(None, home_org=cell, full_name="Mai Thị Nhàn", gender="female")
    client.force_login(host)
    html = client.get(reverse("person_detail", args=[nobody.id])).content.decode()
    assert "Chưa có." in _memberships(html) and OUTSIDE not in html
