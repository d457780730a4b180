"""A member introduced by their own cell to a host outside dangvu (giới thiệu sinh hoạt đảng tạm
thời đi): the host collects the months the rule gives it, so the member's own book shows them
apart, collected there, neither due nor unpaid, in every book (the host keeps none here)."""

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from openpyxl import load_workbook

from dangvu.finance import actions, book, sheet
from dangvu.finance.models import Payment
from dangvu.people import actions as people_actions

D = dt.date
FEE = 30_000
END = D(2017, 12, 31)
HOST = "Chi bộ Lớp Cao cấp, Học viện Chính trị khu vực IV"


def _introduce(small):
    a, _b = small.cells
    member = small.member(a, name="Đảng viên Đi Học")
    people_actions.introduce_temporarily(
        None,
        member,
        host_name=HOST,
        papers="Giấy giới thiệu số 09-GGT/ĐU ngày 20/02/2017",
        valid_from=D(2017, 3, 1),
        valid_to=D(2017, 6, 1),
        study=True,
    )
    return member


def test_the_months_collected_outside_are_shown_apart_in_every_book(small):
    a, _b = small.cells
    member = _introduce(small)
    for books in (
        book.year_books(2017, cell_ids=[a.id], today=END),
        book.year_books(2017, cell_ids=[c.id for c in small.cells], today=END),
        book.year_books(2017, person_ids=[member.id], today=END),
    ):
        mine = books[member.id]
        assert sorted(m.month for m in mine.months) == [1, 2, 6, 7, 8, 9, 10, 11, 12]
        assert sorted(m.month for m in mine.away) == [3, 4, 5]
        assert {(x.host_id, x.host_name) for x in mine.away.values()} == {(None, HOST)}
        assert mine.due == 9 * FEE
        assert mine.unpaid_months(before=D(2018, 1, 1)) == [
            m for m in mine.months if m.month not in (3, 4, 5)
        ]
    notes = book.temporary_notes(
        book.year_books(2017, cell_ids=[a.id], today=END), [a.id], D(2017, 1, 1), D(2017, 12, 1)
    )
    assert [n.text for n in notes] == [
        f"sinh hoạt tạm thời tại {HOST} tháng 3–5/2017: đóng đảng phí tại {HOST}"
    ]
    # The cell's workbook: the year marks the months, April's sheet says where the fee is paid.
    books = book.year_books(2017, cell_ids=[a.id], today=END)
    wb = load_workbook(io.BytesIO(sheet.workbook(small.committee, 2017, books, [a])))
    april = [v for row in wb["T4"].iter_rows(values_only=True) for v in row]
    assert f"Sinh hoạt tạm thời tại {HOST}: đóng đảng phí tại {HOST}" in april
    year = [v for row in wb["Năm 2017"].iter_rows(values_only=True) for v in row]
    assert year.count("tạm thời") == 3


def test_the_home_cell_cannot_take_a_month_collected_outside(small):
    a, _b = small.cells
    member = _introduce(small)
    with pytest.raises(ValidationError) as refused:
        actions.record_payment(
            None, member, paid_on=D(2017, 4, 20), amount=FEE, first_month=D(2017, 4, 1), org=a
        )
    assert f"sinh hoạt tạm thời tại {HOST} vào tháng 4/2017: đảng phí tháng này" in str(
        refused.value
    )
    assert not Payment.objects.filter(person=member).exists()
