"""An account for a mass organization's executive: the chair of an invented agency's trade union
gets the role `mass` on the union from the committee's office. The role reads and writes the
union and its members and writes the union's report, nothing of the Party committee or its
cells; it is refused on a Party organization, and it manages no accounts."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.management.base import CommandError

from dangvu.accounts import actions as accounts
from dangvu.accounts.models import Role
from dangvu.accounts.scope import scope_for
from dangvu.accounts.tests.helpers import run, table_counts
from dangvu.orgs import actions as orgs
from dangvu.orgs.models import Organization
from dangvu.people import actions as people
from dangvu.people.models import Membership

pytestmark = pytest.mark.django_db

K = Organization.Kind
FOUNDED = dt.date(2014, 1, 1)
PASSWORD = "Hoa-sen-tim-2026-mua"


@pytest.fixture
def agency():
    committee = orgs.create_org(
        None, kind=K.PARTY_COMMITTEE, name="Đảng bộ Sở Tài chính", valid_from=FOUNDED, symbol="ĐU"
    )
    cell = orgs.create_org(
        None, kind=K.PARTY_CELL, name="Chi bộ Thanh tra", parent=committee, valid_from=FOUNDED
    )
    union = orgs.create_org(
        None, kind=K.TRADE_UNION, name="Công đoàn cơ sở Sở Tài chính", parent=committee,
        valid_from=FOUNDED,
    )  # fmt: skip
    worker = people.create_person(
        None, home_org=committee, full_name="Lâm Thị Ngọc", gender="female",
        birth_date=dt.date(1988, 2, 2),
    )  # fmt: skip
    people.join(None, worker, union, Membership.Kind.TRADE_UNION, FOUNDED)
    inspector = people.create_person(
        None, home_org=cell, full_name="Trịnh Văn Hậu", gender="male",
        birth_date=dt.date(1975, 7, 7),
    )  # fmt: skip
    people.admit(None, inspector, cell, dt.date(2015, 3, 3))
    office, _ = accounts.create_account(
        None, "vp-sotaichinh", kind=Role.Kind.OFFICE, org=committee, password=PASSWORD
    )
    return committee, cell, union, worker, inspector, office


def test_the_union_chair_keeps_the_union_s_records_only(agency, tmp_path):
    committee, cell, union, worker, inspector, office = agency
    chair, _ = accounts.create_account(
        office, "chutich-congdoan", kind=Role.Kind.MASS, org=union, password=PASSWORD
    )
    scope = scope_for(chair)
    assert scope.can_write_org(union) and scope.can_write_report(union)
    assert worker in scope.people()
    assert not scope.can_read_org(committee) and not scope.can_read_org(cell)
    assert inspector not in scope.people()
    assert not scope.can_write_report(committee)
    # It writes the union's report; not the committee's.
    out = tmp_path / "cong-doan.md"
    run("report", "annual", "--org", union.slug, "--year", "2024", "--out", str(out), "--user",
        "chutich-congdoan")  # fmt: skip
    assert "Lâm Thị Ngọc" not in out.read_text(encoding="utf-8")  # figures, not names
    with pytest.raises(CommandError):
        run("report", "annual", "--org", committee.slug, "--year", "2024", "--out",
            str(tmp_path / "dang-uy.md"), "--user", "chutich-congdoan")  # fmt: skip
    # It manages no accounts: only an office does.
    with pytest.raises(ValidationError, match="Chỉ văn phòng cấp ủy"):
        accounts.create_account(chair, "pho-chutich", kind=Role.Kind.MASS, org=union)


@pytest.mark.parametrize("where", ["committee", "cell"])
def test_the_union_role_is_refused_on_a_party_organization(agency, where):
    committee, cell, _union, _worker, _inspector, office = agency
    org = {"committee": committee, "cell": cell}[where]
    before = table_counts()
    with pytest.raises(ValidationError, match="chỉ giao trên công đoàn"):
        accounts.create_account(office, "nham-vai-tro", kind=Role.Kind.MASS, org=org)
    assert table_counts() == before
