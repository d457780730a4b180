"""A member attending another cell for a while (sinh hoạt đảng tạm thời) pays the fee to the
host cell for the months the rule gives it (rules/fees, [temporary]): the host's book lists them,
the member's own cell shows them apart, and the committee's figures are the sum of its cells',
each month counted once."""

import datetime as dt
import io

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from openpyxl import load_workbook

from dangvu.accounts.models import Role
from dangvu.core.facts import Period, compute
from dangvu.finance import actions, book, sheet
from dangvu.finance.ledger import ledger
from dangvu.finance.rulebook import TemporaryRule, temporary_rule
from dangvu.people import actions as people_actions

D = dt.date
FEE = 30_000  # 1% of a 3.000.000 đồng salary
END = D(2017, 12, 31)


def _year(cells):
    return book.year_books(2017, cell_ids=[c.id for c in cells], today=END)


def _months(member_book):
    return sorted(m.month for m in member_book.months)


@pytest.fixture
def attached(small):
    """Cell 1's member attending cell 2 from 01/3 to 31/5/2017 (three months), beside a member
    of each cell who stays home."""
    a, b = small.cells
    visitor = small.member(a, name="Đảng viên Tạm Thời")
    small.member(a, name="Đảng viên Ở Nhà")
    small.member(b, name="Đảng viên Chủ Nhà")
    people_actions.attach_temporarily(
        None,
        b,
        person=visitor,
        papers="Giấy giới thiệu số 07-GGT/ĐU ngày 20/02/2017",
        valid_from=D(2017, 3, 1),
        valid_to=D(2017, 6, 1),
    )
    small.visitor = visitor
    return small


def _pay_the_year(world):
    """Every member pays each month to the cell that collects it, on the 20th."""
    a, b = world.cells
    books = _year([a, b])
    for member in books.values():
        for month, line in member.months.items():
            actions.record_payment(
                None,
                member.person,
                paid_on=D(2017, month.month, 20),
                amount=line.due,
                first_month=month,
                org=a if line.cell_id == a.id else b,
            )
    return books


def test_the_host_lists_the_attached_months_and_the_own_cell_shows_them_apart(attached):
    a, b = attached.cells
    visitor = attached.visitor
    own, host, both = _year([a]), _year([b]), _year([a, b])
    assert _months(own[visitor.id]) == [1, 2, 6, 7, 8, 9, 10, 11, 12]
    assert sorted(m.month for m in own[visitor.id].away) == [3, 4, 5]
    assert {item.host_id for item in own[visitor.id].away.values()} == {b.id}
    assert _months(host[visitor.id]) == [3, 4, 5]
    assert {line.official_cell_id for line in host[visitor.id].months.values()} == {a.id}
    assert not host[visitor.id].away
    # The committee's book: each month once, the attached ones under the host.
    assert _months(both[visitor.id]) == list(range(1, 13))
    assert not both[visitor.id].away
    cells = {m.month: line.cell_id for m, line in both[visitor.id].months.items()}
    assert [m for m, cell in cells.items() if cell == b.id] == [3, 4, 5]
    # What is due: the two cells' books add up to the committee's, nothing twice or lost.
    assert own[visitor.id].due == 9 * FEE and host[visitor.id].due == 3 * FEE
    for name in ("due", "paid", "owed"):
        total = sum(getattr(m, name) for m in both.values())
        parts = sum(getattr(m, name) for m in own.values()) + sum(
            getattr(m, name) for m in host.values()
        )
        assert parts == total, name


def test_the_months_paid_at_the_host_are_not_unpaid_at_home(attached):
    a, b = attached.cells
    visitor = attached.visitor
    _pay_the_year(attached)
    own, host = _year([a]), _year([b])
    assert own[visitor.id].unpaid_months(before=D(2018, 1, 1)) == []
    assert own[visitor.id].warning == ""
    assert host[visitor.id].paid == 3 * FEE and own[visitor.id].paid == 9 * FEE
    # Unpaid at the host shows at the host, not at home.
    other = attached.member(a, name="Đảng viên Chưa Đóng")
    people_actions.attach_temporarily(
        None, b, person=other, papers="Giấy giới thiệu số 08-GGT/ĐU",
        valid_from=D(2017, 3, 1), valid_to=D(2017, 6, 1),
    )  # fmt: skip
    own, host = _year([a]), _year([b])
    assert [m.month for m in host[other.id].unpaid_months(before=D(2018, 1, 1))] == [3, 4, 5]
    assert len(own[other.id].unpaid_months(before=D(2018, 1, 1))) == 9


def test_only_the_collecting_cell_records_the_payment(attached):
    a, b = attached.cells
    visitor = attached.visitor
    with pytest.raises(ValidationError, match="sinh hoạt tạm thời tại Chi bộ 2 vào tháng 3/2017"):
        actions.record_payment(
            None, visitor, paid_on=D(2017, 3, 20), amount=FEE, first_month=D(2017, 3, 1), org=a
        )
    with pytest.raises(ValidationError, match="không sinh hoạt đảng tại Chi bộ 2 vào tháng 2"):
        actions.record_payment(
            None, visitor, paid_on=D(2017, 3, 20), amount=FEE, first_month=D(2017, 2, 1), org=b
        )
    # The committee's office records for every cell, but one payment goes to one cell.
    with pytest.raises(ValidationError, match="ghi thành hai khoản nộp"):
        actions.record_payment(
            None, visitor, paid_on=D(2017, 2, 20), amount=2 * FEE, first_month=D(2017, 2, 1),
            months=2, org=attached.committee,
        )  # fmt: skip
    payment = actions.record_payment(
        None, visitor, paid_on=D(2017, 3, 20), amount=3 * FEE, first_month=D(2017, 3, 1),
        months=3, org=attached.committee,
    )  # fmt: skip
    assert payment.cell_id == b.id


def test_the_ledgers_and_facts_of_the_cells_add_up_to_the_committees(attached):
    a, b = attached.cells
    books = _pay_the_year(attached)
    expected = sum(m.due for m in books.values())
    period = Period.year(2017)
    facts = {org.id: compute(org, period) for org in (a, b, attached.committee)}
    collected = {org_id: f["fees.collected"].value for org_id, f in facts.items()}
    assert collected[attached.committee.id] == expected
    assert collected[a.id] + collected[b.id] == expected
    # The host collected its own member's twelve months and the visitor's three.
    assert collected[b.id] == 15 * FEE
    assert attached.visitor.id in facts[b.id]["fees.collected"].people
    # What each cell passes up follows its collection; the committee's remittance is unchanged
    # by where the visitor paid.
    for cell in (a, b):
        assert ledger(cell, 2017).remitted == facts[cell.id]["fees.remitted"].value
    assert ledger(attached.committee, 2017).collected == expected


def test_the_sheets_agree_with_the_books(attached):
    a, b = attached.cells
    _pay_the_year(attached)
    sheets = {}
    for org, cells in ((a, [a]), (b, [b]), (attached.committee, [a, b])):
        data = sheet.workbook(org, 2017, _year(cells), cells)
        sheets[org.id] = load_workbook(io.BytesIO(data))
    total = {org_id: _summary_total(wb) for org_id, wb in sheets.items()}
    assert total[a.id] + total[b.id] == total[attached.committee.id] == 24 * FEE + 12 * FEE
    march_home = _rows_of(sheets[a.id]["T3"])
    march_host = _rows_of(sheets[b.id]["T3"])
    visitor = str(attached.visitor)
    assert "đóng đảng phí tại Chi bộ 2" in march_home[visitor][-1]
    assert march_home[visitor][4] is None  # neither due nor paid at home
    assert march_host[visitor][5] == FEE
    assert "chính thức tại Chi bộ 1" in march_host[visitor][-1]
    notes = [c.value for c in sheets[a.id]["Năm 2017"]["B"] if c.value]
    assert any("sinh hoạt tạm thời tại Chi bộ 2 tháng 3–5/2017" in str(n) for n in notes)


def _summary_total(wb):
    ws = wb["Năm 2017"]
    for row in ws.iter_rows(values_only=True):
        if row[1] == "Cộng":
            return row[-2]  # "Đã đóng"
    raise AssertionError("no total row")


def _rows_of(ws):
    return {row[1]: row for row in ws.iter_rows(values_only=True) if isinstance(row[0], int)}


def test_an_attachment_ended_mid_year_gives_the_host_the_months_begun_there(small):
    a, b = small.cells
    visitor = small.member(a)
    attachment = people_actions.attach_temporarily(
        None, b, person=visitor, papers="Giấy giới thiệu số 11-GGT/ĐU", valid_from=D(2017, 2, 15)
    )
    # Open-ended: February began at home (the introduction's month), March on is the host's.
    assert _months(_year([b])[visitor.id]) == list(range(3, 13))
    people_actions.end_attachment(None, attachment, D(2017, 7, 10))
    host, own = _year([b]), _year([a])
    # July began at the host (it writes the return): the host's; August on, home again.
    assert _months(host[visitor.id]) == [3, 4, 5, 6, 7]
    assert _months(own[visitor.id]) == [1, 2, 8, 9, 10, 11, 12]
    assert host[visitor.id].due + own[visitor.id].due == 12 * FEE


def test_the_rule_decides_who_collects(attached, monkeypatch):
    """The collector is the rule's: with "official", the host lists nothing."""
    a, b = attached.cells
    official = TemporaryRule("official", "first_day", "thử", False)
    monkeypatch.setattr(book, "temporary_rule", lambda month: official)
    assert attached.visitor.id not in _year([b])
    assert _months(_year([a])[attached.visitor.id]) == list(range(1, 13))
    # The rule files say the host collects, from a month's first day, unconfirmed.
    rule = temporary_rule(D(2017, 3, 1))
    assert (rule.collector, rule.attached_on, rule.confirmed) == ("host", "first_day", False)
    assert "6.3.2" in rule.source
    assert temporary_rule(D(2026, 3, 1)).collector == "host"
    assert temporary_rule(D(2010, 3, 1)) is None  # before the first fee rule: nothing moves


def test_the_fee_book_pages_show_the_attachment(attached, client):
    a, b = attached.cells
    people_actions.attach_temporarily(
        None, b, full_name="Lê Văn Khách", home_org_name="Chi bộ Kho, Đảng bộ Công ty Thử",
        papers="Giấy giới thiệu số 21-GGT/ĐU", valid_from=D(2017, 4, 1),
    )  # fmt: skip
    user = get_user_model().objects.create_user("vp")
    Role.objects.create(user=user, kind=Role.Kind.OFFICE, org=attached.committee)
    client.force_login(user)
    own = client.get(f"/dang-phi/to-chuc/{a.slug}/so-thu-nop/2017/").content.decode()
    assert own.count("data-away") == 3
    assert "sinh hoạt tạm thời tại Chi bộ 2 tháng 3–5/2017: đóng đảng phí tại Chi bộ 2" in own
    host = client.get(f"/dang-phi/to-chuc/{b.slug}/so-thu-nop/2017/").content.decode()
    assert host.count("data-hosted") == 3
    assert "sinh hoạt chính thức tại Chi bộ 1" in host
    # A member only named: listed, no figure.
    assert "Lê Văn Khách" in host and "chưa có hồ sơ đảng viên" in host
    # The rules page states the rule of each fee rule file, unconfirmed.
    rules = client.get("/dang-phi/quy-dinh/").content.decode()
    assert rules.count("data-temporary-rule") == 2
    assert "Chi bộ nơi sinh hoạt tạm thời thu đảng phí những tháng" in rules
    # The host's payment form offers the visitor.
    form = client.get(f"/dang-phi/to-chuc/{b.slug}/nop/").content.decode()
    assert "Đảng viên Tạm Thời" in form


def test_an_attachment_in_a_closed_year_is_refused_and_writes_nothing(small):
    """Attaching or ending moves months between two books: neither may be closed then."""
    a, b = small.cells
    visitor, other = small.member(a, name="Đảng viên Tạm Thời"), small.member(a, name="Người Khác")
    papers = "Giấy giới thiệu số 07-GGT/ĐU ngày 20/02/2016"
    attachment = people_actions.attach_temporarily(
        None, b, person=visitor, papers=papers, valid_from=D(2016, 3, 1)
    )
    actions.close_year(None, small.committee, 2016)
    with pytest.raises(ValidationError, match="Năm 2016 đã khóa sổ đảng phí"):
        people_actions.attach_temporarily(
            None, b, person=other, papers=papers, valid_from=D(2016, 3, 1)
        )
    assert not other.temporary_attachments.exists()
    with pytest.raises(ValidationError, match="Năm 2016 đã khóa sổ đảng phí"):
        people_actions.end_attachment(None, attachment, D(2016, 10, 1))
    attachment.refresh_from_db()
    assert attachment.valid_to is None
    ended = people_actions.end_attachment(None, attachment, D(2017, 2, 1))
    assert ended.valid_to == D(2017, 2, 1)
