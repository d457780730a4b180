"""The committee term a document names: the one in force on the document's day
(`Term.executive_on`). A term the records leave open but whose name says it is over (2020-2025 in
a 2026 report) is named nowhere: the report asks the office for the current one, the numbering
refuses to number in it. The 2025 congresses: the term 2020-2025 ends on the congress day and
2025-2030 begins on it; the year's report speaks of the committee in office at its end."""

import datetime as dt
import json

import pytest
from django.core.exceptions import ValidationError

from dangvu.accounts.tests.helpers import run
from dangvu.documents import actions as documents
from dangvu.orgs import actions as org_actions
from dangvu.orgs.models import Organization, Position, Term
from dangvu.people import actions as people

pytestmark = pytest.mark.django_db

K = Organization.Kind
CONGRESS = dt.date(2025, 8, 20)  # an invented commune's congress of 2025


def _commune():
    """An invented commune committee under an invented district, one hamlet cell of three."""
    district = org_actions.create_org(
        None,
        kind=K.SUPERIOR_COMMITTEE,
        name="Đảng bộ huyện Giồng Sen",
        slug="giong-sen",
        valid_from=dt.date(2000, 1, 1),
        symbol="HU",
    )
    commune = org_actions.create_org(
        None,
        kind=K.PARTY_COMMITTEE,
        name="Đảng bộ xã Phú Lễ Tây",
        slug="phu-le-tay",
        parent=district,
        valid_from=dt.date(2010, 3, 1),
        symbol="ĐU",
        founding_document="Quyết định số 12-QĐ/HU ngày 01/3/2010 của Ban Thường vụ Huyện ủy",
    )
    org_actions.set_type(None, commune, "xa", commune.valid_from)
    cell = org_actions.create_org(
        None,
        kind=K.PARTY_CELL,
        name="Chi bộ ấp Cây Gáo",
        slug="ap-cay-gao",
        parent=commune,
        valid_from=dt.date(2010, 3, 1),
    )
    for n in range(3):
        person = people.create_person(
            None,
            home_org=cell,
            full_name=f"Lê Văn Nhiệm {chr(65 + n)}",
            gender="male",
            birth_date=dt.date(1970 + n, 1, 1),
        )
        people.transfer_in(
            None,
            person,
            cell,
            dt.date(2010, 3, 1),
            admitted_on=dt.date(1995, 5, 19),
            official_on=dt.date(1996, 5, 19),
        )
    return commune, cell


def _seat(term, org):
    """Every member of `org` seated in `term` from its first day (the first as secretary)."""
    for n, m in enumerate(org.memberships.filter(kind="party").order_by("id")):
        role = Position.Role.SECRETARY if n == 0 else Position.Role.MEMBER
        org_actions.appoint(None, term, m.person, role, term.valid_from)


def _report(tmp_path, org, year, kind="annual", period=None):
    out = tmp_path / f"{org.slug}-{kind}-{year}.md"
    args = ["report", kind, "--org", org.slug, "--year", str(year), "--out", str(out)]
    run(*args, *(["--period", period] if period else []))
    return out.read_text(encoding="utf-8")


def test_a_term_whose_name_is_over_is_named_by_no_document(tmp_path):
    commune, cell = _commune()
    for org in (commune, cell):
        # Recorded at the 2020 congresses without an end date, as offices do.
        term = org_actions.open_term(None, org, name="2020-2025", valid_from=dt.date(2020, 9, 1))
        _seat(term, cell)
    assert Term.executive_on(commune, dt.date(2025, 12, 31)).name == "2020-2025"
    assert Term.executive_on(commune, dt.date(2026, 1, 1)) is None
    # The report of 2025 still names it; those of 2026 ask for the term in force instead.
    assert "Ban Chấp hành Đảng bộ nhiệm kỳ 2020-2025 gồm 03 đồng chí." in _report(
        tmp_path, commune, 2025
    )
    gap = "[cần bổ sung: cấp ủy nhiệm kỳ hiện tại (nhiệm kỳ 2020-2025 trong hồ sơ, chưa ghi ngày"
    for text in (
        _report(tmp_path, commune, 2026),
        _report(tmp_path, commune, 2026, "six_month", "H1"),
        _report(tmp_path, commune, 2026, "quarterly", "Q1"),
        _report(tmp_path, cell, 2026),
    ):
        assert gap in text
        assert text.count("2020-2025") == 1  # in the gap only
        assert "Lê Văn Nhiệm A" not in text  # nor signed by the secretary of that term
    assert "chi ủy nhiệm kỳ 2020-2025 gồm 03 đồng chí" in _report(tmp_path, cell, 2025)
    # stats and the superior's consolidation leave the term empty; numbering refuses it.
    assert (
        run("stats", "--org", commune.slug, "--date", "2026-06-30", "--json").count("2020-2025")
        == 0
    )
    units = json.loads(run("consolidate", "--org", "giong-sen", "--date", "2026-06-30", "--json"))
    assert units["units"][0]["facts"]["committee.term"] == ""
    with pytest.raises(ValidationError, match="nhiệm kỳ 2020-2025 trong hồ sơ đã hết"):
        documents.next_number(None, commune, "Báo cáo", dt.date(2026, 1, 5))
    assert documents.next_number(None, commune, "Báo cáo", dt.date(2025, 12, 5)).period == (
        "nhiệm kỳ 2020-2025"
    )


def test_the_2025_congress_report_names_the_committee_in_office_at_the_period_s_end(tmp_path):
    commune, cell = _commune()
    old = org_actions.open_term(
        None, commune, name="2020-2025", valid_from=dt.date(2020, 9, 1), valid_to=CONGRESS
    )
    new = org_actions.open_term(None, commune, name="2025-2030", valid_from=CONGRESS)
    _seat(old, cell)
    _seat(new, cell)
    year = _report(tmp_path, commune, 2025)
    assert "Ban Chấp hành Đảng bộ nhiệm kỳ 2025-2030 gồm 03 đồng chí." in year
    assert "2020-2025" not in year and "cần bổ sung: cấp ủy" not in year
    first_half = _report(tmp_path, commune, 2025, "six_month", "H1")
    assert "2025-2030" not in first_half and "cần bổ sung: cấp ủy" not in first_half
    # Numbering: the day before the congress in the old term, from the congress day anew.
    documents.next_number(None, commune, "Báo cáo", CONGRESS - dt.timedelta(days=1))
    before = documents.next_number(None, commune, "Báo cáo", CONGRESS - dt.timedelta(days=1))
    after = documents.next_number(None, commune, "Báo cáo", CONGRESS)
    assert (before.label, before.period) == ("Số 02-BC/ĐU", "nhiệm kỳ 2020-2025")
    assert (after.label, after.period) == ("Số 01-BC/ĐU", "nhiệm kỳ 2025-2030")


def test_a_term_named_without_a_span_of_years_holds_by_its_dates():
    commune, _cell = _commune()
    org_actions.open_term(None, commune, name="khóa I", valid_from=dt.date(2025, 7, 1))
    assert Term.executive_on(commune, dt.date(2031, 1, 1)).name == "khóa I"
    assert Term.executive_over_on(commune, dt.date(2031, 1, 1)) is None
