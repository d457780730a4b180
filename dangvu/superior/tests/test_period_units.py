"""A district whose units come and go during the year: the consolidation has a row for every
unit that stood under the district at some time in the period, each counting only its days
there, so each total is the sum of the rows and the statistical forms' own figure.

Đảng bộ huyện Thanh Hà, 2025: xã An Phú all year; xã Bình Minh merged into An Phú on 1 July
(its cell moves across); xã Cẩm Lệ moved in from huyện Lam Sơn on 1 July; xã Đông Sơn moved
out to Lam Sơn on 1 July; xã Hòa Lạc founded on 1 August. Each admits members before and after
those days (Đông Sơn twice before it leaves). The expected figures are counted from the records made here."""

import datetime as dt

import pytest

from dangvu.orgs.actions import create_org, merge_org, move_org
from dangvu.orgs.models import Organization
from dangvu.people import actions as people
from dangvu.superior import statforms
from dangvu.superior.consolidate import consolidate, period_to
from dangvu.superior.facts import superior_facts

pytestmark = pytest.mark.django_db
K = Organization.Kind
D = dt.date
JULY, YEAR_END = D(2025, 7, 1), D(2025, 12, 31)


def _members(cell, count, tag):
    transfer = dict(
        cell=cell, on=D(2020, 1, 1), admitted_on=D(2010, 5, 5), official_on=D(2011, 5, 5)
    )
    newcomers = [
        people.Newcomer(
            dict(full_name=f"Đảng viên {tag} {i}", birth_date=D(1980, 1, 1), gender="female"),
            transfer,
        )
        for i in range(count)
    ]
    return people.create_people(None, cell, newcomers)


def _admit(cell, day):
    person = people.create_person(
        None,
        home_org=cell,
        full_name=f"Kết nạp {cell.name} {day}",
        birth_date=D(1999, 2, 2),
        gender="male",
    )
    people.admit(None, person, cell, day)


@pytest.fixture
def thanh_ha():
    since = D(2015, 1, 1)
    province = create_org(None, kind=K.SUPERIOR_COMMITTEE, name="Tỉnh Sơn Nam", valid_from=since)

    def make(kind, name, parent, on=since):
        return create_org(None, kind=kind, name=name, parent=parent, valid_from=on)

    district = make(K.SUPERIOR_COMMITTEE, "Đảng bộ huyện Thanh Hà", province)
    other = make(K.SUPERIOR_COMMITTEE, "Đảng bộ huyện Lam Sơn", province)
    communes = {}
    for name, parent in (
        ("An Phú", district),
        ("Bình Minh", district),
        ("Cẩm Lệ", other),
        ("Đông Sơn", district),
    ):
        commune = make(K.PARTY_COMMITTEE, f"Đảng bộ xã {name}", parent)
        cell = make(K.PARTY_CELL, f"Chi bộ thôn 1 {name}", commune)
        _members(cell, 3, name)
        _admit(cell, D(2025, 3, 3))
        communes[name] = (commune, cell)
    _admit(communes["Đông Sơn"][1], D(2025, 2, 2))
    merge_org(None, communes["Bình Minh"][0], communes["An Phú"][0], JULY)
    move_org(None, communes["Cẩm Lệ"][0], district, JULY)
    move_org(None, communes["Đông Sơn"][0], other, JULY)
    founded = make(K.PARTY_COMMITTEE, "Đảng bộ xã Hòa Lạc", district, D(2025, 8, 1))
    cell = make(K.PARTY_CELL, "Chi bộ thôn 1 Hòa Lạc", founded, D(2025, 8, 1))
    communes["Hòa Lạc"] = (founded, cell)
    for name in ("Bình Minh", "Cẩm Lệ", "Đông Sơn", "Hòa Lạc"):
        _admit(communes[name][1], D(2025, 9, 9))
    return district, other, {name: pair[0] for name, pair in communes.items()}


def _forms(root, day):
    forms = statforms.compute(root, day)
    return {
        sheet: {line.key: line.values[0] for line in forms.sheet(sheet).lines}
        for sheet in ("1-BTCTW", "2-BTCTW", "5-BTCTW")
    }


def test_every_unit_of_the_period_has_a_row_for_its_days(thanh_ha):
    district, _other, communes = thanh_ha
    result = consolidate(district, period_to(YEAR_END))
    rows = {u.org.name: u for u in result.units}
    assert list(rows) == [
        "Đảng bộ xã An Phú",
        "Đảng bộ xã Cẩm Lệ",
        "Đảng bộ xã Hòa Lạc",
        "Đảng bộ xã Bình Minh",
        "Đảng bộ xã Đông Sơn",
    ]
    assert rows["Đảng bộ xã Bình Minh"].note == "đã giải thể ngày 01/07/2025"
    assert rows["Đảng bộ xã Đông Sơn"].note == "chuyển đi ngày 01/07/2025"
    assert rows["Đảng bộ xã Cẩm Lệ"].note == "chuyển đến ngày 01/07/2025"
    assert rows["Đảng bộ xã Hòa Lạc"].note == "thành lập ngày 01/08/2025"
    assert rows["Đảng bộ xã An Phú"].note == ""
    assert rows["Đảng bộ xã Đông Sơn"].label.endswith("(chuyển đi ngày 01/07/2025)")
    admissions = {name: u.facts["party.admissions"] for name, u in rows.items()}
    assert admissions == {
        "Đảng bộ xã An Phú": 2,  # its own in March, Bình Minh's cell's in September
        "Đảng bộ xã Bình Minh": 1,  # March, before the merger
        "Đảng bộ xã Cẩm Lệ": 1,  # September: March's was Lam Sơn's
        "Đảng bộ xã Đông Sơn": 2,  # February and March, before it moved out
        "Đảng bộ xã Hòa Lạc": 1,
    }
    members = {name: u.facts["party.members"] for name, u in rows.items()}
    assert members["Đảng bộ xã Bình Minh"] == members["Đảng bộ xã Đông Sơn"] == 0
    assert members["Đảng bộ xã An Phú"] == 3 + 1 + 3 + 1 + 1  # with Bình Minh's cell
    for name, total in result.totals.items():
        assert total == sum(u.facts[name] for u in result.units), name


def test_totals_are_the_forms_figures(thanh_ha):
    district, other, _communes = thanh_ha
    for root in (district, other):
        for day in (D(2025, 6, 30), D(2025, 8, 15), YEAR_END):
            totals = consolidate(root, period_to(day)).totals
            forms = _forms(root, day)
            assert totals["party.admissions"] == forms["2-BTCTW"]["I"], (root.name, day)
            assert totals["party.members"] == forms["1-BTCTW"]["D"], (root.name, day)


def test_superior_report_counts_the_units_of_the_last_day(thanh_ha):
    district, _other, communes = thanh_ha
    facts = superior_facts(district, period_to(YEAR_END))
    assert facts["units.count"].value == 3
    assert facts["units.committees"].value == 3
    assert facts["units.party.admissions"].value == 7
    table = facts["units.table"].value
    assert len(table) == 1 + 5 + 1  # heading, a row per unit of the year, total
    sent = {row[1]: row[-1] for row in table[1:-1]}
    assert sent["Đảng bộ xã Đông Sơn (chuyển đi ngày 01/07/2025)"] == "—"  # nothing to send
    assert sent["Đảng bộ xã Cẩm Lệ (chuyển đến ngày 01/07/2025)"] == "Chưa gửi"
    assert table[-1][-1] == "0/3 đơn vị đã gửi"
