"""The mass organizations of kind `mass` (Hội Nông dân, Phụ nữ, Mặt trận …) in the statistics
page and the `stats` command: every kind with members on record, counted like the built-in
three, its members listed behind the figure."""

import datetime as dt
import json

from django.contrib.auth import get_user_model

from dangvu.accounts.tests.helpers import run
from dangvu.core.facts import Period, compute
from dangvu.orgs import kinds
from dangvu.orgs.tests.test_mass_organizations import JAN, YEAR, _villager, commune  # noqa: F401
from dangvu.people import actions as people
from dangvu.people.models import Membership
from dangvu.people.stats import section_one, values
from dangvu.superior.consolidate import GROUPS, consolidate

END = dt.date(YEAR, 12, 31)


def _members(commune):  # noqa: F811
    org, farmers, women, _front = commune
    villagers = [_villager(org, n) for n in range(4)]
    for p in villagers[:3]:
        people.join(None, p, farmers, Membership.Kind.MASS, JAN)
    people.join(None, villagers[0], women, Membership.Kind.MASS, JAN)
    left = Membership.objects.get(person=villagers[2], org=farmers)
    people.end_membership(None, left, dt.date(YEAR, 6, 1), Membership.EndReason.LEFT)
    return villagers


def test_stats_json_adds_each_mass_kind_with_members(commune):  # noqa: F811
    org = commune[0]
    villagers = _members(commune)
    facts = json.loads(run("stats", "--org", org.slug, "--date", str(END), "--json"))["facts"]
    assert facts["mass.farmers_union"] == 2 and facts["mass.women_union"] == 1
    # No members on record: not shown. The built-in three keep their keys.
    assert "mass.elderly" not in facts and "mass.fatherland_front" not in facts
    assert {"mass.trade_union", "mass.youth_union", "mass.veterans"} <= set(facts)
    # Before the farmer left in June, three.
    spring = json.loads(run("stats", "--org", org.slug, "--date", f"{YEAR}-05-01", "--json"))
    assert spring["facts"]["mass.farmers_union"] == 3
    figures = section_one(org, END)
    assert figures["mass.farmers_union"].people == {p.id for p in villagers[:2]}
    assert values(section_one(org, END, records=False)) == values(figures)
    text = run("stats", "--org", org.slug, "--date", str(END))
    assert "Hội viên Hội Nông dân" in text and "Hội Người cao tuổi" not in text


def test_stats_page_shows_them_and_lists_their_members(commune, client):  # noqa: F811
    org = commune[0]
    villagers = _members(commune)
    client.force_login(get_user_model().objects.create_superuser("quantri-thong-ke"))
    page = client.get(f"/to-chuc/{org.slug}/thong-ke/?ngay={END}").content.decode()
    assert "Hội viên Hội Liên hiệp Phụ nữ" in page and "Hội Chữ thập đỏ" not in page
    listed = client.get(f"/to-chuc/{org.slug}/thong-ke/mass.women_union/?ngay={END}")
    assert villagers[0].full_name in listed.content.decode()
    assert villagers[1].full_name not in listed.content.decode()


def test_consolidation_adds_them_up_as_the_units_own_facts(commune, client):  # noqa: F811
    org = commune[0]
    _members(commune)
    period = Period.year(YEAR)
    whole = consolidate(org, period)
    own = compute(org, period)
    for k in kinds.recorded_mass_kinds():
        name = f"mass.{k.code}"
        assert whole.totals[name] == own[name].value, name
    assert whole.totals["mass.farmers_union"] == 2 and whole.totals["mass.women_union"] == 1
    alone = consolidate(org, period, only=["mass.farmers_union"])
    assert alone.totals == {"mass.farmers_union": 2}
    client.force_login(get_user_model().objects.create_superuser("quantri-cap-tren"))
    group = [title for title, _prefixes in GROUPS].index("Đoàn thể")
    page = client.get(f"/cap-tren/{org.slug}/so-lieu/?ngay={END}&nhom={group}").content.decode()
    assert "Hội viên Hội Nông dân" in page
    csv = client.get(f"/cap-tren/{org.slug}/so-lieu/tai/csv/?ngay={END}")
    assert "mass.farmers_union,Hội viên Hội Nông dân,2,2" in csv.content.decode("utf-8-sig")
