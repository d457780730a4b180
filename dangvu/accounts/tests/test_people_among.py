"""The drill-down's row-by-row reach test (`Scope.people_among`) decides as `Scope.people` does."""

import datetime as dt

import pytest
from django.utils import timezone

from dangvu.accounts.scope import scope_for_username
from dangvu.orgs.models import Organization
from dangvu.people import actions
from dangvu.people.models import Membership, PartyProfile, Person, StaffRecord

ROLES = ["vanphong", "bithu1", "dangvien", "captren"]


def _ids(qs):
    return set(qs.values_list("id", flat=True))


def _same_reach(on=None):
    for username in ROLES:
        scope = scope_for_username(username)
        expected = _ids(scope.people(on=on))
        assert expected, username
        assert _ids(scope.people_among(Person.objects.all(), on=on)) == expected, username


def test_people_among_reaches_whom_people_reaches(demo):
    _same_reach()


@pytest.mark.parametrize("how", ["moved", "struck_off"])
def test_people_among_follows_a_member_who_left(demo, how):
    cell = Organization.objects.get(kind="party_cell", name__endswith="1")
    person = Membership.objects.filter(org=cell, kind="party", valid_to__isnull=True).first().person
    today = timezone.localdate()
    if how == "moved":
        other = Organization.objects.get(kind="party_cell", name__endswith="2")
        actions.move_to_cell(None, person, other, today)
    else:
        actions.strike_off(None, person, today, "Bỏ sinh hoạt")
    assert person.id not in _ids(scope_for_username("bithu1").people_among(Person.objects.all()))
    _same_reach()
    _same_reach(on=today - dt.timedelta(days=1))


def test_people_among_reaches_staff_and_candidates_kept_elsewhere(demo):
    """A person kept by no organization of the scope, reached only by a staff record or as a
    candidate of one of its cells."""
    cell = Organization.objects.get(kind="party_cell", name__endswith="1")
    agency = Organization.objects.filter(kind="agency").first()
    today = timezone.localdate()
    office = scope_for_username("vanphong")
    elsewhere = Organization.objects.exclude(id__in=office.read_org_ids).first()
    staff = Person.objects.create(full_name="Nhân Viên Ngoài", gender="male", home_org=elsewhere)
    StaffRecord.objects.create(
        person=staff, agency=agency, category=StaffRecord.Category.values[0], valid_from=today
    )
    candidate = Person.objects.create(
        full_name="Quần Chúng Ngoài", gender="female", home_org=elsewhere
    )
    PartyProfile.objects.create(person=candidate, candidate_cell=cell, candidate_since=today)
    assert agency.id in office.read_org_ids
    reached = _ids(office.people_among(Person.objects.all()))
    assert {staff.id, candidate.id} <= reached
    assert candidate.id in _ids(scope_for_username("bithu1").people_among(Person.objects.all()))
    _same_reach()


def test_staff_reached_by_agency_or_by_unit_alone(demo):
    """A staff record attaches by its agency or by its unit (two indexed queries, not one OR):
    either one in the scope reaches the person, neither does not."""
    today = timezone.localdate()
    office = scope_for_username("vanphong")
    inside = Organization.objects.filter(kind="agency", id__in=office.read_org_ids).first()
    unit = Organization.objects.filter(kind="department", id__in=office.read_org_ids).first()
    elsewhere = Organization.objects.exclude(id__in=office.read_org_ids).first()
    category = StaffRecord.Category.values[0]
    people = {}
    for name, agency, unit_of in [
        ("Theo Cơ Quan", inside, elsewhere),
        ("Theo Phòng", elsewhere, unit),
        ("Ngoài Cả Hai", elsewhere, elsewhere),
    ]:
        person = Person.objects.create(full_name=name, gender="male", home_org=elsewhere)
        StaffRecord.objects.create(
            person=person, agency=agency, unit=unit_of, category=category, valid_from=today
        )
        people[name] = person.id
    reached = _ids(office.people())
    assert {people["Theo Cơ Quan"], people["Theo Phòng"]} <= reached
    assert people["Ngoài Cả Hai"] not in reached
    assert _ids(office.writable_people()) & set(people.values()) == {
        people["Theo Cơ Quan"],
        people["Theo Phòng"],
    }
    _same_reach()
