"""Commendations in a superior committee's annual report: what its standing committee awarded,
by form and kind of recipient (with its decisions in a footnote), what its grassroots units'
committees awarded in sum by form, and what other bodies (above it, or a district committee
between) awarded in its subtree. A cancelled commendation and another superior's are not
counted; a district's report counts its district only; a year without records says nothing.

Invented province: Đảng bộ tỉnh Lam Sơn over two blocs; the bloc of agencies has a grassroots
committee of its own and a district committee with a commune committee under it."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dangvu.accounts.tests.helpers import run
from dangvu.awards import actions
from dangvu.awards.tests.world import members as _members
from dangvu.awards.tests.world import org as _org
from dangvu.core import facts as registry
from dangvu.core.facts import Period
from dangvu.superior.consolidate import consolidate
from dangvu.superior.facts import superior_facts

pytestmark = pytest.mark.django_db

YEAR = 2024
ON = dt.date(YEAR, 1, 20)
MODEL = "awards.commendation"


class Numbers:
    """Decision numbers, one per commendation, as each awarding body's office numbers them."""

    def __init__(self):
        self.n = 0

    def next(self, suffix):
        self.n += 1
        return f"{self.n:02d}-QĐ/{suffix}"


def _commend(numbers, org, awarder, suffix, kind="letter", on=ON, **recipient):
    return actions.record_commendation(
        None,
        org=org,
        kind=kind,
        decision=numbers.next(suffix),
        decided_on=on,
        awarder=awarder,
        reason=f"Hoàn thành xuất sắc nhiệm vụ năm {YEAR - 1}",
        **recipient,
    )


@pytest.fixture
def province():
    top = _org("superior_committee", "Đảng bộ tỉnh Lam Sơn", "tinh-lam-son")
    bloc = _org(
        "superior_committee", "Đảng bộ Khối các cơ quan tỉnh Lam Sơn", "khoi-cq-lam-son", top
    )
    agency = _org("party_committee", "Đảng bộ Sở Thủy lợi", "so-thuy-loi", bloc)
    agency_cells = [
        _org("party_cell", f"Chi bộ Phòng {name}", f"tl-{slug}", agency)
        for name, slug in (("Kế hoạch", "kh"), ("Đê điều", "dd"))
    ]
    district = _org("superior_committee", "Đảng bộ huyện Ngọc Khê", "hu-ngoc-khe", bloc)
    commune = _org("party_committee", "Đảng bộ xã Tân Lạc", "xa-tan-lac", district)
    hamlet = _org("party_cell", "Chi bộ ấp Bến Đò", "ap-ben-do", commune)
    firms = _org("superior_committee", "Đảng bộ Khối Doanh nghiệp tỉnh Lam Sơn", "khoi-dn", top)
    firm = _org("party_committee", "Đảng bộ Công ty Cấp nước", "cty-cap-nuoc", firms)
    firm_cell = _org("party_cell", "Chi bộ Phân xưởng", "cn-px", firm)
    return {
        "top": top,
        "bloc": bloc,
        "agency": agency,
        "agency_cells": agency_cells,
        "district": district,
        "commune": commune,
        "engineers": _members(agency_cells[0], ["Hà Văn Đê", "Hà Văn Kè", "Hà Văn Cống"]),
        "hamlet": _members(hamlet, ["Lò Văn Bến", "Lò Văn Đò"]),
        "firms": firms,
        "firm": firm,
        "workers": _members(firm_cell, ["Vi Văn Nước"]),
    }


@pytest.fixture
def commended(province):
    """The year's commendations at every level, and the ids of each group."""
    p, numbers = province, Numbers()
    bloc, agency, district, commune = p["bloc"], p["agency"], p["district"], p["commune"]
    own = [
        _commend(numbers, bloc, bloc, "ĐUK", recipient_org=agency),
        _commend(numbers, bloc, bloc, "ĐUK", recipient_org=commune),
        _commend(numbers, bloc, bloc, "ĐUK", recipient_org=p["agency_cells"][1]),
        _commend(numbers, bloc, bloc, "ĐUK", person=p["engineers"][0]),
        _commend(numbers, bloc, bloc, "ĐUK", person=p["hamlet"][0]),
        _commend(numbers, bloc, bloc, "ĐUK", kind="certificate", recipient_org=agency),
    ]
    cancelled = _commend(numbers, bloc, bloc, "ĐUK", person=p["engineers"][2])
    actions.cancel_commendation(
        None, cancelled, cancelled_on=dt.date(YEAR, 3, 1), cancel_reason="Ghi nhầm"
    )
    given = [
        _commend(numbers, agency, agency, "ĐU", recipient_org=p["agency_cells"][0]),
        _commend(numbers, agency, agency, "ĐU", recipient_org=p["agency_cells"][1]),
        _commend(numbers, agency, agency, "ĐU", person=p["engineers"][0]),
        _commend(numbers, agency, agency, "ĐU", person=p["engineers"][1]),
        _commend(numbers, commune, commune, "ĐU", person=p["hamlet"][1]),
    ]
    district_own = [_commend(numbers, district, district, "HU", recipient_org=commune)]
    above = [
        _commend(numbers, bloc, p["top"], "TU", kind="certificate", recipient_org=bloc),
        _commend(numbers, agency, p["top"], "TU", kind="certificate", recipient_org=agency),
    ]
    # Another bloc's and its unit's: in none of the bloc's figures.
    elsewhere = [
        _commend(numbers, p["firms"], p["firms"], "ĐUK", recipient_org=p["firm"]),
        _commend(numbers, p["firm"], p["firm"], "ĐU", person=p["workers"][0]),
    ]
    # Last year's: not in this year's report.
    before = _commend(numbers, bloc, bloc, "ĐUK", on=dt.date(YEAR - 1, 6, 1), person=p["hamlet"][1])
    return {
        "own": own,
        "cancelled": cancelled,
        "given": given,
        "district_own": district_own,
        "above": above,
        "elsewhere": elsewhere,
        "before": before,
    }


def _ids(commendations):
    return frozenset(c.id for c in commendations)


def _annual(tmp_path, slug, year=YEAR):
    out = tmp_path / f"{slug}-{year}.md"
    run("report", "annual", "--org", slug, "--year", str(year), "--out", str(out))
    return out.read_text(encoding="utf-8")


def test_the_bloc_report_says_what_it_its_units_and_others_awarded(province, commended, tmp_path):
    md = _annual(tmp_path, "khoi-cq-lam-son")
    assert (
        "Ban Thường vụ Đảng ủy Khối các cơ quan tỉnh Lam Sơn tặng bằng khen cho 01 tổ chức cơ"
        " sở đảng; giấy khen cho 02 tổ chức cơ sở đảng, 01 chi bộ trực thuộc đảng ủy cơ sở và"
        " 02 đảng viên" in md
    )
    # The decisions in a footnote, the cancelled one and last year's left out.
    assert "Quyết định số 01-QĐ/ĐUK, 02-QĐ/ĐUK, 03-QĐ/ĐUK, 04-QĐ/ĐUK, 05-QĐ/ĐUK, 06-QĐ/ĐUK" in md
    assert "07-QĐ/ĐUK" not in md
    assert "Các tổ chức cơ sở đảng tặng giấy khen cho 02 tổ chức đảng và 03 đảng viên." in md
    assert (
        "Trong năm, Huyện ủy Ngọc Khê tặng giấy khen cho 01 tổ chức đảng; Tỉnh ủy Lam Sơn tặng"
        " bằng khen cho Đảng bộ Khối các cơ quan tỉnh Lam Sơn và 01 tổ chức đảng" in md
    )
    # Another bloc's and its units' are nowhere.
    assert "Doanh nghiệp" not in md and "Cấp nước" not in md


def test_the_figures_list_the_commendations_behind_them(province, commended):
    p, c = province, commended
    facts = superior_facts(p["bloc"], Period.year(YEAR))
    own_units = facts["units.commendations.own.letter.units"]
    assert own_units.value == 2
    assert own_units.orgs == {p["agency"].id, p["commune"].id}
    assert own_units.records == {MODEL: _ids(c["own"][:2])}
    cells = facts["units.commendations.own.letter.cells"]
    assert (cells.value, cells.orgs) == (1, {p["agency_cells"][1].id})
    members = facts["units.commendations.own.letter.members"]
    assert members.value == 2
    assert members.people == {p["engineers"][0].id, p["hamlet"][0].id}
    assert facts["units.commendations.own.summary"].records == {MODEL: _ids(c["own"])}
    given = facts["units.commendations.given.letter.members"]
    assert given.value == 3
    assert given.records == {MODEL: _ids(c["given"][2:])}
    assert given.orgs == {p["agency"].id, p["commune"].id}
    assert facts["units.commendations.given.letter.orgs"].value == 2
    assert facts["units.commendations.given.summary"].records == {MODEL: _ids(c["given"])}
    others = facts["units.commendations.others.summary"]
    assert others.records == {MODEL: _ids(c["district_own"] + c["above"])}
    every = set().union(*[f.records.get(MODEL, ()) for f in facts.values()])
    left_out = _ids([c["cancelled"], c["before"], *c["elsewhere"]])
    assert every == _ids(c["own"] + c["given"] + c["district_own"] + c["above"])
    assert not every & left_out


def test_a_district_report_counts_its_district_only(province, commended, tmp_path):
    md = _annual(tmp_path, "hu-ngoc-khe")
    assert "Ban Thường vụ Huyện ủy Ngọc Khê tặng giấy khen cho 01 tổ chức cơ sở đảng" in md
    assert "Các tổ chức cơ sở đảng tặng giấy khen cho 01 đảng viên." in md
    # The bloc above awarded the commune and one of its members.
    assert (
        "Trong năm, Đảng ủy Khối các cơ quan tỉnh Lam Sơn tặng giấy khen cho 01 tổ chức đảng"
        " và 01 đảng viên" in md
    )
    assert "Sở Thủy lợi" not in md and "bằng khen" not in md


def test_each_unit_row_is_the_units_own_figure(province, commended):
    """The consolidation counts what each unit's committees awarded by the rule of the unit's
    own `commendations.given.*`."""
    import dangvu.awards.facts  # noqa: F401  (the provider registers on import)

    period = Period.year(YEAR)
    result = consolidate(province["bloc"], period)
    assert {u.org.slug for u in result.units} == {"so-thuy-loi", "xa-tan-lac"}
    for unit in result.units:
        own = registry.compute(unit.org, period)
        for name, value in unit.facts.items():
            if name.startswith("commendations."):
                assert value == own[name].value, (unit.org.slug, name)
                assert unit.behind[name][1] == {MODEL: own[name].records[MODEL]}
    assert result.totals["commendations.given.letter.members"] == 3


def test_a_year_without_commendations_says_nothing_of_them(province, tmp_path):
    md = _annual(tmp_path, "khoi-cq-lam-son")
    assert "khen cho" not in md
    assert "Các tổ chức cơ sở đảng tặng" not in md


SENTENCES = [
    "units.commendations.own.summary",
    "units.commendations.own.decisions",
    "units.commendations.given.summary",
    "units.commendations.others.summary",
]


def _queries(org):
    with CaptureQueriesContext(connection) as ctx:
        facts = superior_facts(org, Period.year(YEAR), only=SENTENCES)
    return len(ctx.captured_queries), facts


def test_the_queries_do_not_grow_with_the_units_commended(province, commended):
    """One more unit under the bloc, commended by the bloc and commending its members, costs no
    query more: the commendations are read for every unit at once."""
    before, _facts = _queries(province["bloc"])
    numbers = Numbers()
    numbers.n = 100
    bloc = province["bloc"]
    extra = _org("party_committee", "Đảng bộ Sở Giáo dục", "so-giao-duc", bloc)
    cell = _org("party_cell", "Chi bộ Văn phòng", "gd-vp", extra)
    teachers = _members(cell, ["Mai Thị Lan", "Mai Thị Huệ"])
    _commend(numbers, bloc, bloc, "ĐUK", recipient_org=extra)
    for teacher in teachers:
        _commend(numbers, extra, extra, "ĐU", person=teacher)
    after, facts = _queries(bloc)
    assert after == before
    assert facts["units.commendations.given.letter.members"].value == 5
    assert facts["units.commendations.own.letter.units"].value == 3
