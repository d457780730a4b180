"""The quick record of a meeting states the month's fees as the planned meeting's minutes do: from
the cell's fee book, the typed note only for a cell keeping none."""

import datetime as dt

from dangvu.finance import actions as finance_actions
from dangvu.meetings import actions, paper
from dangvu.meetings.models import Attendance

TYPED = "Thu đảng phí tháng 6: đã thu đủ."


def _quick(cell, members, day):
    return actions.record_meeting(
        None,
        cell=cell,
        kind="regular_meeting",
        starts_on=day,
        attendance=dict.fromkeys(members, Attendance.Status.PRESENT),
        fee_note=TYPED,
    )


def test_the_quick_record_reads_the_fee_book_and_keeps_the_typed_note_only_without_one(
    workshop, user_with
):
    day = dt.date(2024, 6, 5)
    sewers = [*workshop.sewers, *workshop.newcomers]
    for person in workshop.sewers[:2]:
        finance_actions.set_salary_base(
            None, person, month=dt.date(2024, 6, 1), kind="fixed", amount=30_000
        )
    finance_actions.record_payment(
        None, workshop.sewers[0], paid_on=day, amount=30_000, first_month=dt.date(2024, 6, 1)
    )
    kept = _quick(workshop.cell, sewers, day)
    none = _quick(workshop.cutting, workshop.cutters, day)
    office = user_with("office", workshop.company)
    page = office.get(f"/hoat-dong/{kept.id}/").content.decode()
    book = paper.fee_statement(workshop.cell, day, TYPED)
    assert book.startswith("Thu đảng phí tháng 6/2024 (theo sổ đảng phí): 01/02 đồng chí")
    assert book in page and TYPED not in page
    page = office.get(f"/hoat-dong/{none.id}/").content.decode()
    assert TYPED in page and "theo sổ đảng phí" not in page


def test_the_quick_form_offers_a_typed_note_only_to_a_cell_without_a_fee_book(workshop, user_with):
    finance_actions.set_salary_base(
        None, workshop.sewers[0], month=dt.date(2024, 6, 1), kind="fixed", amount=30_000
    )
    office = user_with("office", workshop.company)
    form = "/hoat-dong/sinh-hoat-chi-bo/?chi_bo={}&ngay=2024-06-05"
    kept = office.get(form.format(workshop.cell.slug)).content.decode()
    assert 'name="fee_note"' not in kept and "data-fee-book" in kept
    assert "Thu đảng phí tháng 6/2024 (theo sổ đảng phí)" in kept
    none = office.get(form.format(workshop.cutting.slug)).content.decode()
    assert 'name="fee_note"' in none and "data-fee-book" not in none
