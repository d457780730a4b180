"""The term page's form is derived from the Term model (`record_form`): its labels and help
texts are the model's, and its secretary is one of the party members around the organization."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from dangvu.accounts.models import Role
from dangvu.orgs import actions
from dangvu.orgs.models import Position, Term
from dangvu.people import actions as people_actions

START = dt.date(2010, 1, 1)
PASSWORD = "pass-1234-word"


def _member(name, cell):
    person = people_actions.create_person(None, home_org=cell, full_name=name, gender="male")
    people_actions.transfer_in(
        None, person, cell, START, admitted_on=dt.date(2005, 1, 1), official_on=dt.date(2006, 1, 1)
    )
    return person


@pytest.fixture
def committee(db, client):
    ours = actions.create_org(
        None, kind="party_committee", name="Đảng bộ Thử", slug="db", valid_from=START
    )
    cell = actions.create_org(
        None, kind="party_cell", name="Chi bộ Một", parent=ours, valid_from=START
    )
    other = actions.create_org(
        None, kind="party_committee", name="Đảng bộ Khác", slug="dk", valid_from=START
    )
    other_cell = actions.create_org(
        None, kind="party_cell", name="Chi bộ Khác", parent=other, valid_from=START
    )
    user = get_user_model().objects.create_user("vp", password=PASSWORD)
    Role.objects.create(user=user, kind="office", org=ours)
    assert client.login(username="vp", password=PASSWORD)
    return ours, _member("Trần Thị Bình", cell), _member("Lê Văn Ngoài", other_cell)


def test_a_term_is_recorded_with_its_secretary_from_the_members_around(committee, client):
    org, member, outsider = committee
    url = reverse("org_terms", args=[org.slug])
    html = client.get(url).content.decode()
    for label in ("Cơ quan", "Nhiệm kỳ", "Bắt đầu", "Kết thúc", "Bí thư (hoặc"):
        assert label in html
    assert "Ví dụ: 2025-2030." in html  # the model's help text
    assert "Trần Thị Bình" in html and "Lê Văn Ngoài" not in html
    data = {"body": "executive", "name": "2020-2025", "valid_from": "2020-10-01"}
    refused = client.post(url, {**data, "secretary": outsider.pk})
    assert refused.status_code == 400 and not Term.objects.exists()
    assert client.post(url, {**data, "secretary": member.pk}).status_code == 302
    term = Term.objects.get()
    assert (term.organization, term.name, term.valid_to) == (org, "2020-2025", None)
    seat = Position.objects.get(term=term)
    assert (seat.person, seat.role) == (member, Position.Role.SECRETARY)
