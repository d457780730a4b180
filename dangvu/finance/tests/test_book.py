"""The fee book: who must pay which months (party members with an active membership in the
month), what is owed and paid, and the warning after three unpaid months without a reason."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from dangvu.finance import actions, book
from dangvu.people import actions as people_actions

D = dt.date


def test_only_months_of_membership_are_due(small):
    joiner = small.member(since=D(2017, 3, 19), base=3_000_000)
    leaver = small.member(base=3_000_000)
    people_actions.transfer_out(None, leaver, D(2017, 8, 1), "Tỉnh khác")
    mover = small.member(base=3_000_000)
    people_actions.move_to_cell(None, mover, small.cells[1], D(2017, 6, 10))
    books = book.year_books(2017, cell_ids=[c.id for c in small.cells], today=D(2017, 12, 31))
    assert sorted(m.month for m in books[joiner.id].months) == list(range(3, 13))
    assert sorted(m.month for m in books[leaver.id].months) == list(range(1, 8))
    # A month belongs to the cell the member is in at its end: each month once.
    cells = {m.month: line.cell_id for m, line in books[mover.id].months.items()}
    assert len(cells) == 12
    assert cells[5] == small.cells[0].id and cells[6] == small.cells[1].id
    only_cell_2 = book.year_books(2017, cell_ids=[small.cells[1].id], today=D(2017, 12, 31))
    assert sorted(m.month for m in only_cell_2[mover.id].months) == list(range(6, 13))


def test_a_missing_base_shows_and_exempt_needs_a_reason(small):
    person = small.member(base=None)
    line = book.compute(D(2017, 1, 1), D(2017, 1, 1), person_ids=[person.id])[person.id].months[
        D(2017, 1, 1)
    ]
    assert line.status == "missing" and line.status_label == "chưa có căn cứ"
    actions.set_salary_base(
        None, person, month=D(2017, 1, 1), kind="exempt", note="Quyết định miễn số 12-QĐ/ĐU"
    )
    line = book.compute(D(2017, 2, 1), D(2017, 2, 1), person_ids=[person.id])[person.id].months[
        D(2017, 2, 1)
    ]
    assert (line.status, line.due, line.exempt) == ("exempt", 0, "Quyết định miễn số 12-QĐ/ĐU")
    with pytest.raises(ValidationError, match="miễn đảng phí"):
        actions.record_payment(
            None, person, paid_on=D(2017, 2, 20), amount=10_000, first_month=D(2017, 2, 1)
        )


def test_three_unpaid_months_without_reason_raise_the_rules_warning(small):
    person = small.member(base=3_000_000)
    for month in (1, 2, 6):
        actions.record_payment(
            None, person, paid_on=D(2017, month, 20), amount=30_000, first_month=D(2017, month, 1)
        )
    actions.record_payment(  # a partial payment is not "unpaid"
        None, person, paid_on=D(2017, 3, 20), amount=10_000, first_month=D(2017, 3, 1)
    )
    today = D(2017, 7, 10)  # April, May and July: July is not over yet
    member = book.year_books(2017, person_ids=[person.id], today=today)[person.id]
    assert member.unpaid_months(before=D(2017, 7, 1)) == [D(2017, 4, 1), D(2017, 5, 1)]
    assert member.warning == ""
    member = book.year_books(2017, person_ids=[person.id], today=D(2017, 8, 2))[person.id]
    assert member.warning.startswith("03 tháng chưa đóng (4/2017, 5/2017, 7/2017)")
    assert "xóa tên" in member.warning and member.warning_source == "Điều lệ Đảng (2011), Điều 8"
    assert member.owed == 20_000 + 30_000 * 8
    actions.record_unpaid_reason(None, person, month=D(2017, 5, 1), reason="Nằm viện, có giấy")
    member = book.year_books(2017, person_ids=[person.id], today=D(2017, 8, 2))[person.id]
    assert member.warning == ""
    assert member.months[D(2017, 5, 1)].reason == "Nằm viện, có giấy"


def test_the_2026_warning_cites_the_new_rule(small):
    person = small.member(base=3_000_000)
    member = book.year_books(2026, person_ids=[person.id], today=D(2026, 5, 1))[person.id]
    assert "01-QĐ/TW" in member.warning_source
    assert member.warning.startswith("04 tháng chưa đóng")
