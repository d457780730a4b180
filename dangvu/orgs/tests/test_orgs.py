"""Organizations keep their history: renamed, merged and dissolved, never deleted."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from dangvu.orgs import actions
from dangvu.orgs.models import Organization, Position
from dangvu.people import actions as people_actions
from dangvu.people.models import Membership

D = dt.date


@pytest.fixture
def committee(db):
    return actions.create_org(
        None, kind="party_committee", name="Đảng bộ Sở A", valid_from=D(2010, 1, 1)
    )


def _cell(committee, name):
    return actions.create_org(
        None, kind="party_cell", name=name, parent=committee, valid_from=D(2010, 1, 1)
    )


def test_rename_keeps_the_old_name_for_earlier_dates(committee):
    actions.rename_org(None, committee, "Đảng bộ Sở B", D(2020, 1, 1))
    committee.refresh_from_db()
    assert committee.name == "Đảng bộ Sở B"
    assert committee.name_on(D(2019, 12, 31)) == "Đảng bộ Sở A"
    assert committee.name_on(D(2020, 1, 1)) == "Đảng bộ Sở B"


def test_merge_moves_members_and_keeps_history(committee):
    a, b = _cell(committee, "Chi bộ A"), _cell(committee, "Chi bộ B")
    p = people_actions.create_person(
        None, home_org=committee, full_name="Võ Văn Gộp", gender="male", birth_date=D(1980, 1, 1)
    )
    people_actions.admit(None, p, a, D(2012, 1, 1))
    actions.merge_org(None, a, b, D(2025, 3, 1))
    a.refresh_from_db()
    assert (a.valid_to, a.end_reason, a.successor) == (D(2025, 3, 1), "merged", b)
    periods = list(
        Membership.objects.filter(person=p).order_by("valid_from").values_list("org_id", "valid_to")
    )
    assert periods == [(a.id, D(2025, 3, 1)), (b.id, None)]
    assert Organization.objects.filter(id=a.id).exists()


def test_dissolve_refuses_while_members_remain(committee):
    a = _cell(committee, "Chi bộ A")
    p = people_actions.create_person(
        None, home_org=committee, full_name="Hồ Thị Ở", gender="female", birth_date=D(1985, 1, 1)
    )
    people_actions.admit(None, p, a, D(2012, 1, 1))
    with pytest.raises(ValidationError, match="Còn 1 người"):
        actions.dissolve_org(None, a, D(2020, 1, 1))
    people_actions.transfer_out(None, p, D(2019, 6, 1))
    actions.dissolve_org(None, a, D(2020, 1, 1))
    a.refresh_from_db()
    assert not a.is_active_on(D(2020, 1, 1)) and a.is_active_on(D(2019, 12, 31))


def test_kind_rules_for_parents(committee):
    with pytest.raises(ValidationError, match="không thể trực thuộc"):
        actions.create_org(
            None, kind="department", name="Phòng X", parent=committee, valid_from=D(2010, 1, 1)
        )


def test_positions_in_a_term(committee):
    term = actions.open_term(
        None, committee, name="2015-2020", valid_from=D(2015, 6, 1), valid_to=D(2020, 6, 1)
    )
    p1 = people_actions.create_person(None, home_org=committee, full_name="A", gender="male")
    p2 = people_actions.create_person(None, home_org=committee, full_name="B", gender="male")
    actions.appoint(None, term, p1, Position.Role.SECRETARY, D(2015, 6, 1))
    with pytest.raises(ValidationError, match="đã có Bí thư"):
        actions.appoint(None, term, p2, Position.Role.SECRETARY, D(2016, 1, 1))
    with pytest.raises(ValidationError, match="nằm ngoài"):
        actions.appoint(None, term, p2, Position.Role.MEMBER, D(2021, 1, 1))
