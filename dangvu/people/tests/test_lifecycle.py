"""Party membership lifecycle: each action validates, writes history, and refuses bad input."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from dangvu.accounts.models import AuditEntry
from dangvu.orgs import actions as org_actions
from dangvu.people import actions
from dangvu.people.models import Membership, PartyProfile, Person

D = dt.date


@pytest.fixture
def cell(db):
    committee = org_actions.create_org(
        None, kind="party_committee", name="Đảng bộ Thử", valid_from=D(2010, 1, 1)
    )
    return org_actions.create_org(
        None, kind="party_cell", name="Chi bộ A", parent=committee, valid_from=D(2010, 1, 1)
    )


@pytest.fixture
def person(cell):
    return actions.create_person(
        None,
        home_org=cell.parent,
        full_name="Trần Văn Thử",
        gender="male",
        birth_date=D(1990, 5, 1),
        cccd="084090000001",
    )


def test_admit_then_recognise_after_twelve_months(person, cell):
    actions.admit(None, person, cell, D(2016, 3, 10), card_number="84.1")
    with pytest.raises(ValidationError, match="trước khi hết 12 tháng dự bị"):
        actions.recognize(None, person, D(2017, 3, 9))
    actions.recognize(None, person, D(2017, 4, 20))
    profile = PartyProfile.objects.get(person=person)
    # Full membership counts from the end of probation, not from the late decision.
    assert profile.official_on == D(2017, 3, 10)
    assert profile.recognized_on == D(2017, 4, 20)
    assert profile.status_on(D(2017, 4, 1)) == "probationary"
    assert profile.status_on(D(2017, 4, 20)) == "full"
    actions_logged = list(AuditEntry.objects.filter(person=person).values_list("action", flat=True))
    assert {"person.create", "party.admit", "party.recognize"} <= set(actions_logged)


def test_admission_age_follows_the_rule_in_force(cell):
    young = actions.create_person(
        None, home_org=cell.parent, full_name="Lê Văn Trẻ", gender="male", birth_date=D(2000, 1, 1)
    )
    with pytest.raises(ValidationError, match="Tuổi kết nạp là 17"):
        actions.admit(None, young, cell, D(2017, 6, 1))
    assert not Membership.objects.filter(person=young).exists()


def test_cannot_admit_twice_or_into_a_non_cell(person, cell):
    with pytest.raises(ValidationError, match="không phải là chi bộ"):
        actions.admit(None, person, cell.parent, D(2016, 1, 1))
    actions.admit(None, person, cell, D(2016, 1, 1))
    with pytest.raises(ValidationError, match="đã được kết nạp"):
        actions.admit(None, person, cell, D(2016, 2, 1))
    assert Membership.objects.filter(person=person).count() == 1


def test_transfer_out_strike_off_and_death_end_memberships(person, cell):
    actions.admit(None, person, cell, D(2015, 1, 1))
    actions.transfer_out(None, person, D(2018, 1, 15), "Đảng bộ tỉnh khác")
    m = Membership.objects.get(person=person)
    assert (m.valid_to, m.end_reason) == (D(2018, 1, 15), "transfer_out")
    with pytest.raises(ValidationError, match="không sinh hoạt đảng"):
        actions.strike_off(None, person, D(2018, 3, 1))
    actions.transfer_in(
        None, person, cell, D(2019, 1, 1), admitted_on=D(2015, 1, 1), official_on=D(2016, 1, 1)
    )
    actions.record_death(None, person, D(2020, 5, 5))
    assert not Membership.objects.filter(person=person, valid_to=None).exists()
    assert Membership.objects.filter(person=person).count() == 2  # history is kept


def test_move_between_cells_keeps_both_periods(person, cell):
    other = org_actions.create_org(
        None, kind="party_cell", name="Chi bộ B", parent=cell.parent, valid_from=D(2010, 1, 1)
    )
    actions.admit(None, person, cell, D(2015, 1, 1))
    actions.move_to_cell(None, person, other, D(2017, 6, 1))
    periods = list(
        Membership.objects.filter(person=person)
        .order_by("valid_from")
        .values_list("org_id", "valid_to")
    )
    assert periods == [(cell.id, D(2017, 6, 1)), (other.id, None)]


def test_transfer_in_refuses_recognition_before_probation_ends(person, cell):
    with pytest.raises(ValidationError, match="trước khi hết 12 tháng"):
        actions.transfer_in(
            None, person, cell, D(2017, 1, 1), admitted_on=D(2016, 6, 1), official_on=D(2017, 2, 1)
        )
    assert not Membership.objects.filter(person=person).exists()


@pytest.mark.parametrize(
    "fields, message",
    [
        ({"full_name": "  "}, "Họ và tên"),
        ({"gender": "x"}, "Giới tính"),
        ({"cccd": "12345"}, "12 chữ số"),
        ({"birth_date": D(2999, 1, 1)}, "sau ngày hôm nay"),
    ],
)
def test_bad_person_input_is_refused(cell, fields, message):
    base = {"full_name": "Ngô Thị Hoa", "gender": "female"}
    with pytest.raises(ValidationError, match=message):
        actions.create_person(None, home_org=cell.parent, **{**base, **fields})
    assert not Person.objects.exists()


def test_cccd_is_unique_when_present(person, cell):
    with pytest.raises(ValidationError, match="đã được dùng cho một hồ sơ khác"):
        actions.create_person(
            None, home_org=cell.parent, full_name="Ai Khác", gender="male", cccd=person.cccd
        )
    actions.create_person(None, home_org=cell.parent, full_name="Không Số", gender="male")
    actions.create_person(
        None, home_org=cell.parent, full_name="Không Số Hai", gender="male", cccd=""
    )
    assert Person.objects.filter(cccd=None).count() == 2


def test_update_writes_before_and_after(person):
    actions.update_person(None, person, phone="0912345678")
    entry = AuditEntry.objects.filter(person=person, action="person.update").get()
    assert ("phone", "", "0912345678") in entry.changes()
    # A new name: the entry names the person as the file now reads.
    old = person.full_name
    actions.update_person(None, person, full_name="  Trần  Văn Mới ")
    renamed = AuditEntry.objects.filter(person=person, action="person.update").latest("id")
    assert renamed.summary == "Sửa hồ sơ Trần Văn Mới"
    assert ("full_name", old, "Trần Văn Mới") in renamed.changes()


def test_search_name_ignores_diacritics(person):
    assert Person.objects.filter(search_name__contains="tran van").exists()
