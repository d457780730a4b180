"""A mass organization's superior of its own system and the roles of its executive, on two
invented agencies whose grassroots unions share one upper union: the upper union is recorded
beside the Party's tree (no parent moves, no scope widens), dated, refused with a reason where it
makes no sense; a union seats a Chủ tịch, not a Bí thư, and the seats recorded as Bí thư before
become Chủ tịch with their history."""

import datetime as dt
import importlib

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError

from dangvu.accounts import actions as accounts
from dangvu.accounts.models import AuditEntry
from dangvu.accounts.scope import scope_for
from dangvu.accounts.tests.helpers import table_counts
from dangvu.orgs import actions as orgs
from dangvu.orgs.models import Organization, Position, SameSystemSuperior, Term
from dangvu.orgs.models import same_system_superior_on as superior_on
from dangvu.orgs.tree import subtree_ids
from dangvu.people import actions as people
from dangvu.people.models import Membership

pytestmark = pytest.mark.django_db

K = Organization.Kind
FOUNDED = dt.date(2012, 1, 1)
UPPER = "Liên đoàn Lao động huyện Mỹ Xuyên"
PASSWORD = "Cay-lua-vang-2026-thu"


def _agency(name):
    committee = orgs.create_org(
        None, kind=K.PARTY_COMMITTEE, name=f"Đảng bộ {name}", valid_from=FOUNDED, symbol="ĐU"
    )
    union = orgs.create_org(
        None, kind=K.TRADE_UNION, name=f"Công đoàn cơ sở {name}", parent=committee,
        valid_from=FOUNDED,
    )  # fmt: skip
    person = people.create_person(
        None, home_org=committee, full_name=f"Chủ Tịch {name}", gender="female",
        birth_date=dt.date(1979, 5, 6),
    )  # fmt: skip
    people.join(None, person, union, Membership.Kind.TRADE_UNION, FOUNDED)
    return committee, union, person


@pytest.fixture
def two_agencies():
    return _agency("Trường Trung học Hòa Tú"), _agency("Bệnh viện huyện Mỹ Xuyên")


def test_the_upper_union_is_recorded_beside_the_tree(two_agencies):
    (committee, union, _), (other_committee, other_union, _) = two_agencies
    trees = subtree_ids([committee.id]), subtree_ids([other_committee.id])
    row = orgs.set_same_system_superior(
        None, union, superior_name=UPPER, valid_from=dt.date(2020, 1, 1), decision="QĐ 5/QĐ-LĐLĐ"
    )
    # Typed again by the other agency's office, the name finds the same upper union.
    orgs.set_same_system_superior(
        None, other_union, superior_name="  liên đoàn lao động huyện  Mỹ Xuyên ",
        valid_from=dt.date(2021, 1, 1),
    )  # fmt: skip
    upper = row.superior
    assert (upper.name, upper.kind, upper.parent) == (UPPER, K.TRADE_UNION, None)
    assert superior_on(other_union, dt.date(2021, 1, 1)) == upper
    assert superior_on(other_union, dt.date(2020, 12, 31)) is None
    # The Party's tree is untouched: the unions stay under their Party committees.
    union.refresh_from_db()
    assert union.parent == committee
    assert (subtree_ids([committee.id]), subtree_ids([other_committee.id])) == trees
    entry = AuditEntry.objects.get(action="org.same_system_superior", org=union)
    assert UPPER in entry.summary
    # A later upper union from a date: the first one stays for the days before it.
    orgs.set_same_system_superior(
        None, union, superior_name="Công đoàn Giáo dục tỉnh Sóc Trăng",
        valid_from=dt.date(2025, 7, 1),
    )  # fmt: skip
    assert superior_on(union, dt.date(2025, 6, 30)) == upper
    assert superior_on(union, dt.date(2025, 7, 1)).name == "Công đoàn Giáo dục tỉnh Sóc Trăng"
    assert SameSystemSuperior.objects.get(pk=row.pk).valid_to == dt.date(2025, 7, 1)


def test_sharing_an_upper_union_gives_no_one_the_other_s_records(two_agencies):
    (committee, union, chair), (other_committee, other_union, other_chair) = two_agencies
    for org in (union, other_union):
        orgs.set_same_system_superior(
            None, org, superior_name=UPPER, valid_from=dt.date(2020, 1, 1)
        )
    office, _ = accounts.create_account(
        None, "vanphong-hoatu", kind="office", org=committee, password=PASSWORD
    )
    scope = scope_for(office)
    assert union in scope.orgs() and chair in scope.people()
    upper = Organization.objects.get(name=UPPER)
    assert upper not in scope.orgs() and other_union not in scope.orgs()
    assert other_chair not in scope.people() and other_committee not in scope.orgs()


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda a: {"org": a["committee"]}, "Chỉ đoàn thể mới ghi cấp trên cùng hệ thống"),
        (lambda a: {"superior_name": "  "}, "Hãy ghi tên tổ chức cấp trên cùng hệ thống"),
        (lambda a: {"superior_name": a["union"].name}, "không thể là cấp trên của chính mình"),
        (lambda a: {"valid_from": dt.date(2010, 1, 1)}, "không hoạt động vào ngày 01/01/2010"),
    ],
)
def test_a_wrong_upper_union_is_refused_and_nothing_changes(two_agencies, change, message):
    (committee, union, _), _other = two_agencies
    args = {"org": union, "superior_name": UPPER, "valid_from": dt.date(2020, 1, 1)}
    args |= change({"committee": committee, "union": union})
    before = table_counts()
    with pytest.raises(ValidationError, match=message):
        orgs.set_same_system_superior(None, args.pop("org"), **args)
    assert table_counts() == before


def test_an_upper_union_under_its_own_unit_and_a_repeated_day_are_refused(two_agencies):
    (_, union, _), _other = two_agencies
    orgs.set_same_system_superior(None, union, superior_name=UPPER, valid_from=dt.date(2020, 1, 1))
    upper = Organization.objects.get(name=UPPER)
    before = table_counts()
    with pytest.raises(ValidationError, match="ở dưới .* trong hệ thống"):
        orgs.set_same_system_superior(
            None, upper, superior_name=union.name.upper(), valid_from=dt.date(2021, 1, 1)
        )
    with pytest.raises(ValidationError, match="đã trực thuộc Liên đoàn Lao động"):
        orgs.set_same_system_superior(
            None, union, superior_name=UPPER, valid_from=dt.date(2022, 1, 1)
        )
    with pytest.raises(ValidationError, match="được ghi từ sau ngày 01/01/2019"):
        orgs.set_same_system_superior(
            None, union, superior_name="Công đoàn ngành Y tế", valid_from=dt.date(2019, 1, 1)
        )
    assert table_counts() == before


def test_a_union_seats_a_chair_and_a_cell_a_secretary(two_agencies):
    (committee, union, chair), _other = two_agencies
    term = orgs.record_term(
        None, union, name="2023-2028", valid_from=dt.date(2023, 5, 1), secretary=chair
    )
    assert term.positions.get().role == Position.Role.PRESIDENT
    deputy = people.create_person(
        None, home_org=committee, full_name="Phó Chủ Tịch Thử", gender="male",
        birth_date=dt.date(1985, 1, 1),
    )  # fmt: skip
    cell_term = orgs.open_term(None, committee, name="2020-2025", valid_from=dt.date(2020, 6, 1))
    before = table_counts()
    with pytest.raises(ValidationError, match="không có chức vụ “Phó Bí thư”; các chức vụ: Chủ"):
        orgs.appoint(None, term, deputy, Position.Role.DEPUTY_SECRETARY, term.valid_from)
    with pytest.raises(ValidationError, match="đã có Chủ tịch"):
        orgs.appoint(None, term, deputy, Position.Role.PRESIDENT, term.valid_from)
    with pytest.raises(ValidationError, match="không có chức vụ “Chủ tịch”"):
        orgs.appoint(None, cell_term, deputy, Position.Role.PRESIDENT, cell_term.valid_from)
    assert table_counts() == before
    seat = orgs.appoint(None, term, deputy, Position.Role.VICE_PRESIDENT, term.valid_from)
    assert seat.display_title == "Phó Chủ tịch"
    # The youth union's head is its Bí thư.
    youth = orgs.create_org(
        None, kind=K.YOUTH_UNION, name="Chi đoàn Trường Trung học Hòa Tú", parent=committee,
        valid_from=FOUNDED,
    )  # fmt: skip
    youth_term = orgs.open_term(None, youth, name="2024-2027", valid_from=dt.date(2024, 9, 1))
    orgs.appoint(None, youth_term, deputy, Position.Role.SECRETARY, youth_term.valid_from)


def test_a_union_chair_recorded_as_secretary_becomes_chair_with_its_history(two_agencies):
    (committee, union, chair), _other = two_agencies
    term = orgs.open_term(None, union, name="2018-2023", valid_from=dt.date(2018, 5, 1))
    # As the records were written before a union had roles of its own.
    old = Position.objects.create(
        term=term, person=chair, role=Position.Role.SECRETARY, valid_from=term.valid_from,
        title="Chủ tịch",
    )  # fmt: skip
    cell_term = orgs.open_term(None, committee, name="2020-2025", valid_from=dt.date(2020, 6, 1))
    secretary = orgs.appoint(None, cell_term, chair, Position.Role.SECRETARY, cell_term.valid_from)
    migration = importlib.import_module("dangvu.orgs.migrations.0011_union_chairs_as_chairs")
    migration.forwards(apps, None)
    old.refresh_from_db()
    secretary.refresh_from_db()
    assert old.role == Position.Role.PRESIDENT and secretary.role == Position.Role.SECRETARY
    entry = AuditEntry.objects.get(action="position.role", target_id=old.pk)
    assert (entry.before, entry.after, entry.person) == (
        {"role": "secretary"},
        {"role": "president"},
        chair,
    )
    assert Term.executive_on(union, dt.date(2019, 1, 1)) == term


def test_a_name_typed_wrong_is_corrected_for_the_same_day(two_agencies):
    (_, union, _), _other = two_agencies
    day = dt.date(2020, 1, 1)
    row = orgs.set_same_system_superior(
        None, union, superior_name="Liên đoàn Lao động huyện Mỹ Tú", valid_from=day
    )
    fixed = orgs.set_same_system_superior(None, union, superior_name=UPPER, valid_from=day)
    assert fixed.pk == row.pk and superior_on(union, day).name == UPPER
    assert SameSystemSuperior.objects.filter(organization=union).count() == 1
    entry = AuditEntry.objects.get(action="org.same_system_superior_fix")
    assert entry.before["superior_id"] != entry.after["superior_id"]


def test_a_union_entered_by_mistake_goes_with_its_superior_record_not_the_upper_union(
    two_agencies,
):
    (committee, _union, _), _other = two_agencies
    mistaken = orgs.create_org(
        None, kind=K.TRADE_UNION, name="Công đoàn bộ phận nhập nhầm", parent=committee,
        valid_from=FOUNDED,
    )  # fmt: skip
    orgs.set_same_system_superior(
        None, mistaken, superior_name=UPPER, valid_from=dt.date(2020, 1, 1)
    )
    upper = Organization.objects.get(name=UPPER)
    with pytest.raises(ValidationError, match="còn hồ sơ gắn với tổ chức này"):
        orgs.delete_org(None, upper, UPPER)
    orgs.delete_org(None, mistaken, mistaken.name)
    assert not SameSystemSuperior.objects.exists()
    orgs.delete_org(None, upper, UPPER)  # nothing under it now
    assert not Organization.objects.filter(name=UPPER).exists()
