"""A closed fee year stays as it was closed: a party membership change dated so that it would
alter the fee book of a closed year (a member arriving, moving, leaving, struck off, expelled,
dying) is refused with a Vietnamese message naming the year, and nothing is written. The same
change dated in the open year is accepted."""

import datetime as dt
from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError

from dangvu.accounts.models import AuditEntry
from dangvu.finance import actions as fee_actions
from dangvu.finance.book import year_books
from dangvu.finance.ledger import ledger
from dangvu.finance.models import FeeYear
from dangvu.orgs import actions as org_actions
from dangvu.orgs.models import Organization
from dangvu.people import actions
from dangvu.people.models import Membership, PartyProfile, Person

K = Organization.Kind
D = dt.date
CLOSED = 2017


@pytest.fixture
def world(db):
    """A committee with two cells and three members paying in 2017, the year 2017 closed."""
    superior = org_actions.create_org(
        None, kind=K.SUPERIOR_COMMITTEE, name="Đảng ủy Khối", slug="khoi", valid_from=D(2000, 1, 1)
    )
    committee = org_actions.create_org(
        None,
        kind=K.PARTY_COMMITTEE,
        name="Đảng bộ Sở",
        slug="dang-bo",
        parent=superior,
        valid_from=D(2005, 1, 1),
    )
    cells = [
        org_actions.create_org(
            None,
            kind=K.PARTY_CELL,
            name=f"Chi bộ {n}",
            slug=f"chi-bo-{n}",
            parent=committee,
            valid_from=D(2005, 1, 1),
        )
        for n in (1, 2)
    ]
    members = []
    for n in range(3):
        person = actions.create_person(
            None,
            home_org=committee,
            full_name=f"Đảng viên Số {n + 1}",
            gender="male",
            birth_date=D(1980, 1, 1),
        )
        actions.transfer_in(
            None,
            person,
            cells[0],
            D(2010, 1, 1),
            admitted_on=D(2008, 1, 1),
            official_on=D(2009, 1, 1),
        )
        fee_actions.set_salary_base(None, person, month=D(2010, 1, 1), amount=3_000_000)
        fee_actions.record_payment(
            None, person, paid_on=D(CLOSED, 3, 1), amount=30_000, first_month=D(CLOSED, 1, 1)
        )
        members.append(person)
    fee_actions.close_year(None, committee, CLOSED)
    newcomer = actions.create_person(
        None, home_org=committee, full_name="Người Mới", gender="female", birth_date=D(1990, 5, 5)
    )
    return SimpleNamespace(committee=committee, cells=cells, members=members, newcomer=newcomer)


def _book(year):
    return {
        pid: [(line.month, line.cell_id, line.due, line.paid) for line in b.months.values()]
        for pid, b in year_books(year, with_people=False).items()
    }


def _figures(committee, year):
    figures = ledger(committee, year)
    return (figures.collected, figures.remitted, figures.expenses, figures.balance)


def _stored(committee, year):
    closed = FeeYear.objects.get(org=committee, year=year)
    return (closed.collected, closed.remitted, closed.expenses, closed.balance)


def _refusals(w):
    """(label, call) for every membership change, dated 15/06 of the closed year."""
    on = D(CLOSED, 6, 15)
    a, b, c = w.members
    party = Membership.objects.get(person=c, kind=Membership.Kind.PARTY)
    return [
        (
            "chuyển sinh hoạt đến",
            lambda: actions.transfer_in(
                None, w.newcomer, w.cells[1], on, admitted_on=D(2012, 2, 3)
            ),
        ),
        ("kết nạp", lambda: actions.admit(None, w.newcomer, w.cells[1], on)),
        ("chuyển sinh hoạt sang", lambda: actions.move_to_cell(None, a, w.cells[1], on)),
        ("chuyển sinh hoạt đi", lambda: actions.transfer_out(None, a, on, "Tỉnh khác")),
        ("xóa tên", lambda: actions.strike_off(None, b, on, "Bỏ sinh hoạt")),
        ("khai trừ", lambda: actions.expel(None, b, on, "Vi phạm")),
        ("từ trần", lambda: actions.record_death(None, c, on)),
        (
            "chuyển sinh hoạt đi",
            lambda: actions.end_membership(
                None, party, on, Membership.EndReason.TRANSFER_OUT, "Tỉnh khác"
            ),
        ),
    ]


def _state():
    return (
        list(Membership.objects.order_by("id").values_list("id", "valid_to", "end_reason")),
        Membership.objects.count(),
        list(PartyProfile.objects.order_by("id").values_list("admitted_on", "official_on")),
        AuditEntry.objects.count(),
    )


@pytest.mark.parametrize("index", range(8))
def test_a_change_dated_in_a_closed_year_is_refused_and_writes_nothing(world, index):
    label, call = _refusals(world)[index]
    book, state = _book(CLOSED), _state()
    with pytest.raises(ValidationError) as refused:
        call()
    message = refused.value.messages[0]
    assert f"Năm {CLOSED} đã khóa sổ đảng phí của {world.committee}" in message
    assert label in message and f"15/06/{CLOSED}" in message
    assert "năm đang mở" in message
    assert _state() == state
    assert _book(CLOSED) == book
    # The closed year's book still agrees with its ledger, as closed.
    assert _figures(world.committee, CLOSED) == _stored(world.committee, CLOSED)


def test_a_change_dated_before_the_closed_year_is_refused_too(world):
    # Arriving in 2015 would put the member in the 2017 book as well.
    with pytest.raises(ValidationError, match=f"Năm {CLOSED} đã khóa sổ"):
        actions.transfer_in(
            None, world.newcomer, world.cells[1], D(2015, 3, 1), admitted_on=D(2012, 2, 3)
        )
    with pytest.raises(ValidationError, match=f"Năm {CLOSED} đã khóa sổ"):
        actions.strike_off(None, world.members[0], D(2016, 5, 2))
    assert not Membership.objects.filter(person=world.newcomer).exists()


def test_the_same_changes_in_the_open_year_are_accepted(world):
    on = D(CLOSED + 1, 2, 10)
    a, b, c = world.members
    before = _book(CLOSED)
    actions.move_to_cell(None, a, world.cells[1], on)
    actions.strike_off(None, b, on, "Bỏ sinh hoạt")
    actions.record_death(None, c, on)
    actions.transfer_in(None, world.newcomer, world.cells[1], on, admitted_on=D(2012, 2, 3))
    assert _book(CLOSED) == before
    assert _figures(world.committee, CLOSED) == _stored(world.committee, CLOSED)
    moved = Membership.objects.get(person=a, valid_to__isnull=True)
    assert (moved.org, moved.valid_from) == (world.cells[1], on)


def test_an_end_on_the_last_day_of_a_closed_year_leaves_its_book_as_it_was(world):
    """The member held the membership in December: that month stays due, the book unchanged."""
    before = _book(CLOSED)
    actions.strike_off(None, world.members[0], D(CLOSED, 12, 31), "Bỏ sinh hoạt")
    assert _book(CLOSED) == before
    # From the first day of the month, the month itself would leave the book: refused.
    with pytest.raises(ValidationError, match=f"Năm {CLOSED} đã khóa sổ"):
        actions.transfer_out(None, world.members[1], D(CLOSED, 12, 1))


def test_mass_organizations_are_not_fee_books(world):
    union = org_actions.create_org(
        None,
        kind=K.TRADE_UNION,
        name="Công đoàn Sở",
        slug="cong-doan",
        parent=world.committee,
        valid_from=D(2005, 1, 1),
    )
    joined = actions.join(None, world.newcomer, union, Membership.Kind.TRADE_UNION, D(2011, 1, 1))
    actions.end_membership(None, joined, D(CLOSED, 6, 15), Membership.EndReason.LEFT)
    assert Membership.objects.get(pk=joined.pk).valid_to == D(CLOSED, 6, 15)


def test_the_person_page_form_shows_the_refusal_and_writes_nothing(demo, login):
    closed = FeeYear.objects.order_by("-year").first()
    assert closed is not None, "the demo closes its fee years"
    member = (
        Person.objects.filter(
            memberships__kind=Membership.Kind.PARTY,
            memberships__valid_to__isnull=True,
            memberships__valid_from__lt=D(closed.year, 1, 1),
        )
        .order_by("id")
        .first()
    )
    state = _state()
    client = login("vanphong")
    response = client.post(
        f"/ca-nhan/{member.id}/thao-tac/xoa-ten/",
        {"on": f"{closed.year}-06-15", "reason": "Bỏ sinh hoạt"},
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert f"Năm {closed.year} đã khóa sổ đảng phí" in page
    assert _state() == state


def test_merging_a_cell_in_a_closed_year_is_refused_and_writes_nothing(world):
    first, second = world.cells
    with pytest.raises(ValidationError, match="Năm 2017 đã khóa sổ đảng phí"):
        org_actions.merge_org(None, first, second, D(CLOSED, 6, 1))
    assert Membership.objects.filter(org=second).count() == 0
    assert Organization.objects.get(pk=first.pk).valid_to is None
    org_actions.merge_org(None, first, second, D(CLOSED + 1, 1, 1))
    assert Membership.objects.filter(org=second, valid_to=None).count() == 3
