"""The outstanding members the mass organizations introduced to the Party (`party.introduced`)
are consolidated at the superior: an invented district with two agencies, one whose trade union
introduced a member this year and one last year, one whose chi đoàn (led by a cell) introduced
one this year. Each unit's row is its own figure, the total their sum, and the superior's report
says it."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command

from dangvu.core.facts import Period, compute
from dangvu.orgs import actions as orgs
from dangvu.orgs.models import Organization
from dangvu.people import actions as people
from dangvu.people.models import Membership
from dangvu.superior.consolidate import consolidate

pytestmark = pytest.mark.django_db

K = Organization.Kind
YEAR = 2023
FOUNDED = dt.date(2016, 1, 1)


def _member(org, unit, kind, name):
    person = people.create_person(
        None, home_org=org, full_name=name, gender="female", birth_date=dt.date(1995, 4, 4)
    )
    people.join(None, person, unit, kind, FOUNDED)
    return person


def _introduce(person, org, day):
    return people.introduce_to_party(
        None, person, org=org, introduced_on=day, resolution=f"Nghị quyết ngày {day:%d/%m/%Y}"
    )


@pytest.fixture
def district():
    superior = orgs.create_org(
        None, kind=K.SUPERIOR_COMMITTEE, name="Đảng bộ huyện Cầu Kè", valid_from=FOUNDED,
        place="Trà Vinh", symbol="HU",
    )  # fmt: skip
    units = []
    for name in ("Phòng Giáo dục và Đào tạo", "Trung tâm Y tế"):
        committee = orgs.create_org(
            None, kind=K.PARTY_COMMITTEE, name=f"Đảng bộ {name}", parent=superior,
            valid_from=FOUNDED, symbol="ĐU",
        )  # fmt: skip
        units.append(committee)
    first, second = units
    union = orgs.create_org(
        None, kind=K.TRADE_UNION, name="Công đoàn Phòng Giáo dục", parent=first,
        valid_from=FOUNDED,
    )  # fmt: skip
    for i, day in enumerate((dt.date(YEAR, 4, 2), dt.date(YEAR - 1, 11, 20))):
        member = _member(first, union, Membership.Kind.TRADE_UNION, f"Giáo Viên {i}")
        _introduce(member, union, day)
    cell = orgs.create_org(
        None, kind=K.PARTY_CELL, name="Chi bộ Khoa Dược", parent=second, valid_from=FOUNDED
    )
    youth = orgs.create_org(
        None, kind=K.YOUTH_UNION, name="Chi đoàn Khoa Dược", parent=cell, valid_from=FOUNDED
    )
    nurse = _member(second, youth, Membership.Kind.YOUTH_UNION, "Điều Dưỡng Trẻ")
    _introduce(nurse, youth, dt.date(YEAR, 9, 15))
    return superior, units


def test_introductions_are_summed_over_the_units(district):
    superior, units = district
    period = Period.year(YEAR)
    result = consolidate(superior, period)
    rows = {u.org.id: u for u in result.units}
    for unit in units:
        own = compute(unit, period)["party.introduced"]
        assert own.value == 1
        assert rows[unit.id].facts["party.introduced"] == own.value
        assert set(rows[unit.id].behind["party.introduced"][0]) == set(own.people)
    assert result.totals["party.introduced"] == 2
    # Asked alone, the figure is the same.
    alone = consolidate(superior, period, only=["party.introduced"])
    assert alone.totals == {"party.introduced": 2}
    # The year before: the union's earlier introduction only.
    assert consolidate(superior, Period.year(YEAR - 1)).totals["party.introduced"] == 1


def test_the_superior_s_report_says_the_total(district, tmp_path):
    superior, _units = district
    out = tmp_path / "bao-cao.md"
    call_command("report", "annual", org=superior.slug, year=YEAR, out=str(out), stdout=StringIO())
    text = out.read_text(encoding="utf-8")
    assert "giới thiệu 02 quần chúng ưu tú cho Đảng xem xét kết nạp" in text
