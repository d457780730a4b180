"""The particulars of a Party file the basic statistical forms count (a private business owner,
a marriage to a foreigner, a breach of the population policy before admission): one named action
with its audit row, refused in Vietnamese for a person without a Party file, offered on the
member's page to who writes the Party file and shown there. Invented organizations."""

import datetime as dt
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.urls import reverse

from dangvu.accounts.models import AuditEntry, Role
from dangvu.orgs import actions as org_actions
from dangvu.people import actions
from dangvu.people.models import PartyProfile

START = dt.date(2016, 1, 1)
NONE_SET = {"private_business_owner": False, "foreign_marriage": False}


@pytest.fixture
def commune(db):
    create = org_actions.create_org
    commune = create(None, kind="party_committee", name="Đảng bộ xã Thử Nghiệm", valid_from=START)
    cells = [
        create(None, kind="party_cell", name=name, parent=commune, valid_from=START)
        for name in ("Chi bộ ấp Một", "Chi bộ ấp Hai")
    ]
    member = actions.create_person(None, home_org=commune, full_name="Lâm Văn Tài", gender="male")
    actions.transfer_in(
        None,
        member,
        cells[0],
        START,
        admitted_on=dt.date(2010, 5, 1),
        official_on=dt.date(2011, 5, 1),
    )
    return commune, cells, member


def test_the_particulars_are_recorded_with_their_history(commune):
    _commune, _cells, member = commune
    actions.set_party_particulars(
        None,
        member,
        private_business_owner=True,
        foreign_marriage=False,
        population_policy_breach=True,
    )
    profile = PartyProfile.objects.get(person=member)
    assert (profile.private_business_owner, profile.foreign_marriage) == (True, False)
    assert profile.population_policy_breach
    assert profile.particulars() == [
        "Chủ doanh nghiệp tư nhân",
        "Đã vi phạm chính sách dân số, kế hoạch hóa gia đình",
    ]
    actions.set_party_particulars(None, member, **NONE_SET, population_policy_breach=False)
    entries = list(
        AuditEntry.objects.filter(action="party.particulars", person=member).order_by("id")
    )
    assert [e.summary for e in entries] == [
        "Đặc điểm hồ sơ đảng viên: Chủ doanh nghiệp tư nhân; Đã vi phạm chính sách dân số, kế "
        "hoạch hóa gia đình",
        "Đặc điểm hồ sơ đảng viên: không có",
    ]
    # What the file said before the second change is kept.
    assert entries[1].before["private_business_owner"] is True
    assert PartyProfile.objects.get(person=member).particulars() == []


def test_a_person_without_a_party_file_is_refused_and_nothing_changes(commune):
    commune_org, _cells, _member = commune
    outsider = actions.create_person(
        None, home_org=commune_org, full_name="Đỗ Thị Hoa", gender="female"
    )
    with pytest.raises(ValidationError, match="chưa có hồ sơ đảng viên"):
        actions.set_party_particulars(None, outsider, **NONE_SET, population_policy_breach=True)
    assert not PartyProfile.objects.filter(person=outsider).exists()
    assert not AuditEntry.objects.filter(action="party.particulars").exists()


def _input(html, name):
    """The tag of the form's input `name`."""
    return re.search(rf'<input[^>]*name="{name}"[^>]*>', html).group(0)


def _client(client, username, kind, org):
    user = get_user_model().objects.create_user(username)
    Role.objects.create(user=user, kind=kind, org=org)
    client.force_login(user)
    return client


def test_the_own_cell_records_them_on_the_member_page_and_another_cell_cannot(commune, client):
    _commune, (own, other), member = commune
    page_url = reverse("person_detail", args=[member.id])
    url = reverse("person_action", args=[member.id, "dac-diem"])
    secretary = _client(client, "bithu-ap1", Role.Kind.SECRETARY, own)
    assert url in secretary.get(page_url).content.decode()
    assert 'class="particulars"' not in secretary.get(page_url).content.decode()
    assert secretary.post(url, {"foreign_marriage": "on"}).status_code == 302
    html = secretary.get(page_url).content.decode()
    assert 'class="particulars">Có quan hệ hôn nhân với người nước ngoài<' in html
    # The form opens on what the file says.
    form = secretary.get(url).content.decode()
    assert "checked" in _input(form, "foreign_marriage")
    assert "checked" not in _input(form, "private_business_owner")
    secretary.logout()
    stranger = _client(client, "bithu-ap2", Role.Kind.SECRETARY, other)
    assert stranger.post(url, {"private_business_owner": "on"}).status_code in (403, 404)
    assert PartyProfile.objects.get(person=member).particulars() == [
        "Có quan hệ hôn nhân với người nước ngoài"
    ]
