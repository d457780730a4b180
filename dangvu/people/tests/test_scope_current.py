"""Issue 12 item 1 and 10: scope follows current membership; recording a death redirects and is audited."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from dangvu.accounts.models import AuditEntry
from dangvu.accounts.scope import scope_for_username
from dangvu.orgs.models import Organization
from dangvu.people import actions
from dangvu.people.models import Membership

ROLES = ["vanphong", "bithu1", "dangvien", "captren"]


def _cell(name_part):
    return Organization.objects.get(kind="party_cell", name__endswith=name_part)


def _member_of(cell):
    m = Membership.objects.filter(org=cell, kind="party", valid_to__isnull=True).first()
    assert m is not None
    return m.person


def _leave(person, how):
    today = timezone.localdate()
    if how == "moved":
        actions.move_to_cell(None, person, _cell("2"), today)
    elif how == "transferred":
        actions.transfer_out(None, person, today, "Đảng bộ khác")
    else:
        actions.strike_off(None, person, today, "Bỏ sinh hoạt")


# Who still reaches the person after they left Chi bộ 1 (read, write).
EXPECTED = {
    "vanphong": (True, True),  # the committee office keeps the file
    "bithu1": (False, False),
    "dangvien": (False, False),
    "captren": (True, False),
}


@pytest.mark.parametrize("how", ["moved", "transferred", "struck_off"])
def test_scope_follows_current_membership_for_every_role(demo, how):
    person = _member_of(_cell("1"))
    before = scope_for_username("bithu1")
    assert before.people().filter(id=person.id).exists()
    _leave(person, how)
    for username in ROLES:
        scope = scope_for_username(username)
        reads = scope.people().filter(id=person.id).exists()
        writes = scope.can_write_person(person)
        assert (reads, writes) == EXPECTED[username], (username, how)
    # The page about a past day still sees who was in the cell on that day.
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    assert before.people(on=yesterday).filter(id=person.id).exists()


def test_old_secretary_cannot_open_edit_or_strike_off_a_moved_member(demo, login):
    person = _member_of(_cell("1"))
    actions.move_to_cell(None, person, _cell("2"), timezone.localdate())
    client = login("bithu1")
    assert client.get(reverse("person_detail", args=[person.id])).status_code == 404
    assert client.get(reverse("person_edit", args=[person.id])).status_code == 404
    url = reverse("person_action", args=[person.id, "xoa-ten"])
    assert client.post(url, {"on": timezone.localdate().isoformat()}).status_code == 404
    current = Membership.objects.get(person=person, kind="party", valid_to__isnull=True)
    assert current.org == _cell("2")


def test_recording_a_death_redirects_and_is_audited(demo, login):
    person = _member_of(_cell("1"))
    client = login("vanphong")
    url = reverse("person_action", args=[person.id, "tu-tran"])
    response = client.post(url, {"on": timezone.localdate().isoformat()})
    assert response.status_code == 302
    assert response["Location"] == reverse("person_detail", args=[person.id])
    assert AuditEntry.objects.filter(person=person, action="person.death").exists()
