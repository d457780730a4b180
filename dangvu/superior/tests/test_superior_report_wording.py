"""The superior's annual report as districts' and Đảng ủy Khối's annual reports are written
(bench/devset/superior-district.md): the members the units gained and lost in the year, each
rating band with its rate among those rated, the women among the members, all computed from the
units' records, and the report closed by the Ban Thường vụ of the executive (a district's
"Huyện ủy"), not of the đảng bộ. Judged on an invented district."""

import datetime as dt
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command

from dangvu.core.facts import Period
from dangvu.lib.narrative import render_value
from dangvu.orgs.models import Organization
from dangvu.people.actions import record_death, strike_off
from dangvu.people.models import Membership
from dangvu.superior import statforms, synthetic
from dangvu.superior.consolidate import consolidate
from dangvu.superior.facts import superior_facts

pytestmark = pytest.mark.django_db
YEAR = 2021


@pytest.fixture
def district(db):
    superior = synthetic.build(committees=3, cells=2, members=10, year=YEAR, prefix="sm")
    superior.names.all().delete()
    Organization.objects.filter(pk=superior.pk).update(name="Đảng bộ huyện Sơn Mai")
    # Two members lost in the year, through the product's actions.
    open_ = Membership.objects.filter(kind=Membership.Kind.PARTY, valid_to__isnull=True)
    dying, struck = [m.person for m in open_.order_by("id")[:2]]
    record_death(None, dying, dt.date(YEAR, 5, 3))
    strike_off(None, struck, dt.date(YEAR, 9, 20))
    return Organization.objects.get(pk=superior.pk)


def _report(district, tmp_path):
    out = tmp_path / "bao-cao.md"
    call_command("report", "annual", org=district.slug, year=YEAR, out=str(out), stdout=StringIO())
    return out.read_text()


def _rate(part, whole):
    return render_value(round(Decimal(100 * part) / whole, 1), "percent")


def test_the_report_gives_the_years_changes_and_rates_from_the_units(district, tmp_path):
    period = Period.year(YEAR)
    md = _report(district, tmp_path)
    lines = [line for line in md.splitlines() if line.strip()]
    # No sentence starts on a dropped figure's comma (admissions 0, recognitions not).
    assert not [line for line in lines if line.lstrip().startswith((",", ";", "."))]
    totals = consolidate(district, period).totals
    facts = superior_facts(district, period)
    one = {
        ln.key: ln.values[0]
        for ln in statforms.compute(district, period.end).sheet("1-BTCTW").lines
    }
    assert facts["units.party.deaths"].value == one["C1"] > 0
    assert facts["units.party.struck_off"].value == one["C3"] > 0
    intake = facts["units.party.intake.summary"].value
    losses = facts["units.party.losses.summary"].value
    recognized = totals["party.recognitions"]
    assert f"xét công nhận đảng viên chính thức cho {render_value(recognized)} đồng chí" in intake
    assert ("kết nạp" in intake) == bool(totals["party.admissions"])
    assert f"{render_value(one['C1'])} đảng viên từ trần" in losses
    assert ("bị xóa tên" in losses) == bool(one["C3"])
    assert ("bị khai trừ" in losses) == bool(one["C2"])
    assert f"Trong năm, các tổ chức cơ sở đảng {intake}." in md
    assert f"Trong năm có {losses}." in md
    # Each band with its share of those rated; the shares of the members' bands add up to 100.
    bands = {
        k.rsplit(".", 1)[1]: v
        for k, v in totals.items()
        if k.startswith("evaluations.members.") and v
    }
    rated = sum(bands.values())
    assert rated
    summary = facts["units.evaluations.members.summary"].value
    assert summary.startswith(f"{render_value(rated)} đảng viên được xếp loại, trong đó ")
    for value in bands.values():
        assert f"{render_value(value)} ({_rate(value, rated)})" in summary
    assert f"Kết quả đánh giá, xếp loại đảng viên: {summary}." in md
    women = facts["units.party.women"].value
    assert 0 < women and f"; {render_value(women)} đảng viên nữ" in md
    # The district's Ban Thường vụ is the Huyện ủy's.
    assert "của Ban Thường vụ Huyện ủy Sơn Mai./." in md
    assert "Ban Thường vụ Đảng bộ" not in md
