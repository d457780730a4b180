"""A commune's six-month, quarterly and monthly reports state the members who came, left, died
and were given their Party badges in the period, as its annual report does: each period only
what happened in it."""

import datetime as dt

import pytest

from dangvu.people import actions as people
from dangvu.people.models import Membership

from .test_commune_year import CELLS, YEAR, _commune, _member, _report

pytestmark = pytest.mark.django_db

ARRIVED = "Tiếp nhận 01 đảng viên chuyển sinh hoạt đến."
LEFT = "Chuyển sinh hoạt đi 01 đảng viên."
DIED = "Có 01 đảng viên từ trần."
BADGES = "Trao Huy hiệu Đảng cho 02 đồng chí (Huy hiệu 40 năm: 02)."


def test_each_period_states_its_own_arrivals_departures_deaths_and_badges(tmp_path):
    commune = _commune()
    hamlet, other, retired = (commune.children.get(name=name) for name in CELLS)
    members = {
        cell: [m.person for m in Membership.objects.filter(org=cell, kind="party")]
        for cell in (other, retired)
    }
    _member(hamlet, 9, dt.date(YEAR, 4, 20), dt.date(2010, 2, 3))  # arrives in April
    people.transfer_out(None, members[other][0], dt.date(YEAR, 5, 12), "Đảng bộ phường 3")
    people.record_death(None, members[retired][0], dt.date(YEAR, 3, 15))
    # The badges of 03/02 and of 19/5 (admitted 1980 and 1985).
    people.award_badge(None, members[retired][1], 40, dt.date(YEAR, 2, 3))
    people.award_badge(None, members[retired][2], 40, dt.date(YEAR, 5, 19))
    six_month = _report(tmp_path, commune, "six_month", "H1")
    for sentence in (ARRIVED, LEFT, DIED, BADGES):
        assert sentence in six_month
    first_quarter = _report(tmp_path, commune, "quarterly", "Q1")
    assert DIED in first_quarter
    assert "Trao Huy hiệu Đảng cho 01 đồng chí (Huy hiệu 40 năm: 01)." in first_quarter
    assert "chuyển sinh hoạt" not in first_quarter.lower()
    april = _report(tmp_path, commune, "monthly", "04")
    assert ARRIVED in april
    assert not any(s in april for s in (LEFT, DIED, "Huy hiệu Đảng"))
    # The retired members' cell says what happened in it, and nothing of the others.
    cell_text = _report(tmp_path, retired, "six_month", "H1")
    assert DIED in cell_text and BADGES in cell_text
    assert "chuyển sinh hoạt" not in cell_text.lower()
    # The second half saw none of it.
    assert "Huy hiệu Đảng" not in _report(tmp_path, commune, "quarterly", "Q3")
