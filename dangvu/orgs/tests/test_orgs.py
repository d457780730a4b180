"""Organizations keep their history: renamed, merged and dissolved, never deleted."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from dangvu.orgs import actions, kinds
from dangvu.orgs.models import Organization, OrganizationMove, Position, parent_on
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


def test_merge_records_the_move_of_each_child_so_earlier_documents_keep_their_superior(db):
    merged, successor = (
        actions.create_org(None, kind="party_committee", name=name, valid_from=D(2010, 1, 1))
        for name in ("Đảng bộ Sở Nội vụ", "Đảng bộ Sở Tư pháp")
    )
    cell = _cell(merged, "Chi bộ Văn phòng")
    on = D(2025, 3, 1)
    actions.merge_org(None, merged, successor, on)
    cell.refresh_from_db()
    assert cell.parent == successor
    move = OrganizationMove.objects.get(organization=cell)
    assert (move.previous, move.parent, move.valid_from) == (merged, successor, on)
    day_before = on - dt.timedelta(days=1)
    assert (parent_on(cell, day_before), parent_on(cell, on)) == (merged, successor)
    # The header of a report of the earlier period names the superior of that period.
    assert kinds.header_words(cell, day_before).superior == "ĐẢNG BỘ SỞ NỘI VỤ"
    assert kinds.header_words(cell, on).superior == "ĐẢNG BỘ SỞ TƯ PHÁP"


def test_merge_into_an_organization_below_the_merged_one_is_refused_and_writes_nothing(db):
    def superior(name, parent=None):
        return actions.create_org(
            None, kind="superior_committee", name=name, parent=parent, valid_from=D(2010, 1, 1)
        )

    top = superior("Đảng ủy Khối A")
    middle = superior("Đảng ủy Khối B", top)
    bottom = superior("Đảng ủy Khối C", middle)
    with pytest.raises(ValidationError, match="nằm trong"):
        actions.merge_org(None, top, bottom, D(2025, 3, 1))
    assert [o.parent for o in Organization.objects.filter(id__in=[middle.id, bottom.id])] == [
        top,
        middle,
    ]
    assert not OrganizationMove.objects.exists()
    assert Organization.objects.get(id=top.id).valid_to is None


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


def test_dissolution_merger_and_move_leave_their_change_in_the_history(committee):
    """Each entry holds the organization before and after its change."""
    from dangvu.accounts.models import AuditEntry

    a, b, c = (_cell(committee, name) for name in ("Chi bộ A", "Chi bộ B", "Chi bộ C"))
    other = actions.create_org(
        None, kind="party_committee", name="Đảng bộ Sở B", valid_from=D(2010, 1, 1)
    )
    actions.dissolve_org(None, a, D(2020, 1, 1))
    actions.merge_org(None, b, c, D(2021, 1, 1))
    actions.move_org(None, c, other, D(2022, 1, 1))
    dissolved = AuditEntry.objects.get(action="org.dissolve")
    assert (dissolved.before["valid_to"], dissolved.after["valid_to"]) == (None, "2020-01-01")
    assert dissolved.after["end_reason"] == Organization.EndReason.DISSOLVED
    merged = AuditEntry.objects.get(action="org.merge")
    assert (merged.before["successor_id"], merged.after["successor_id"]) == (None, c.id)
    assert merged.summary == "Sáp nhập vào Chi bộ C"
    moved = AuditEntry.objects.get(action="org.move_superior")
    assert (moved.before["parent_id"], moved.after["parent_id"]) == (committee.id, other.id)
