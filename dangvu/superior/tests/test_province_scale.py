"""The statistical forms at province scale: the members grouped by unit in one query whatever the
number of units, equal to counting each unit's records; the organizations of a day's members
walked once per shape of the tree (not once per day of the year), equal to a walk of that day;
the records behind one line listed 50 a page."""

import datetime as dt
import re
from collections import Counter

import pytest
from django.db.models import Q

from dangvu.orgs.actions import move_org
from dangvu.orgs.models import Organization
from dangvu.people.models import Membership, PartyProfile
from dangvu.superior import statforms, synthetic
from dangvu.superior.consolidate import period_to
from dangvu.superior.statforms import is_ethnic_minority
from dangvu.superior.units import Tree

pytestmark = pytest.mark.django_db
DAY = dt.date(2017, 12, 31)


def _probationary(profile, day):
    recognized = profile and profile.recognized_on and profile.recognized_on <= day
    return bool(profile and profile.admitted_on and profile.admitted_on <= day and not recognized)


def _counted_from_records(groups, day):
    """{group: figures} counted member by member from the records (the rule, not the query)."""
    out = {}
    for group, ids in groups.items():
        people = {
            m.person
            for m in Membership.objects.filter(kind="party", org_id__in=list(ids))
            .filter(valid_from__lte=day)
            .filter(Q(valid_to__isnull=True) | Q(valid_to__gt=day))
            .select_related("person")
        }
        profiles = {p.person_id: p for p in PartyProfile.objects.filter(person__in=people)}
        out[group] = Counter(
            members=len(people),
            women=sum(p.gender == "female" for p in people),
            probationary=sum(_probationary(profiles.get(p.id), day) for p in people),
            ethnic_minority=sum(
                is_ethnic_minority((p.ethnicity or "Kinh").strip() or "Kinh") for p in people
            ),
        )
    return out


def _groups(root, day):
    tree = Tree(root.id)
    return {u.id: tree.below(u.id, day) for u in tree.units(root.id, day)}


def test_members_grouped_by_unit_in_one_query_as_counted_from_the_records(
    django_assert_num_queries,
):
    small = synthetic.build(committees=3, cells=2, members=12, prefix="nho", seed=3)
    big = synthetic.build(committees=12, cells=2, members=12, prefix="lon", seed=4)
    for root in (small, big):
        groups = _groups(root, DAY)
        with django_assert_num_queries(1):
            found = statforms.grouped_members(groups, DAY)
        assert found == _counted_from_records(groups, DAY)
        assert sum(c["members"] for c in found.values()) > 20


def test_the_members_organizations_are_walked_once_per_shape_of_the_tree(monkeypatch):
    """A committee dissolved on 30 June (synthetic) and another moved to the superior in between
    on 1 September: on every day of the year the organizations are those a walk of that day
    finds, and the tree is walked once per shape, not for each of the 365 days."""
    root = synthetic.build(committees=6, cells=2, members=4, prefix="doi", seed=5)
    moved = Organization.objects.get(slug="doi-db-2")
    move_org(None, moved, Organization.objects.get(slug="doi-giua"), dt.date(2017, 9, 1))
    records = statforms.Records(root, period_to(DAY))
    walks = []
    units = records.tree.units
    monkeypatch.setattr(records.tree, "units", lambda *a: walks.append(a) or units(*a))
    days = [dt.date(2017, 1, 1) + dt.timedelta(days=i) for i in range(365)]
    kept = {day: records.member_orgs(day) for day in days}
    assert len(walks) <= 6 < len(days)
    for day in days:
        fresh = Tree(root.id)
        expected = set()
        for unit in fresh.units(root.id, day):
            expected |= fresh.below(unit.id, day)
        assert kept[day] == expected, day
    assert kept[dt.date(2017, 6, 29)] != kept[dt.date(2017, 6, 30)]


def test_the_records_of_a_line_are_listed_50_a_page(demo, login):
    from io import StringIO

    from django.core.management import call_command

    call_command("load_province", count=2, members=40, stdout=StringIO())
    slug = "dang-uy-khoi-cac-co-quan-tra-vinh"
    root = Organization.objects.get(slug=slug)
    forms = statforms.compute(root, DAY)
    members = next(ln for ln in forms.sheet("1-BTCTW").lines if ln.key == "D").values[0]
    assert members > 50
    client = login("captren")
    url = f"/cap-tren/{slug}/bieu-thong-ke/1-BTCTW/D/?ngay=2017-12-31"
    first = client.get(url).content.decode()
    assert f"{members} hồ sơ" in first
    listed = re.findall(r'<li class="record"><a href="/ca-nhan/(\d+)/"', first)
    assert len(listed) == 50
    last = -(-members // 50)
    tail = client.get(url + f"&trang={last}").content.decode()
    rest = re.findall(r'<li class="record"><a href="/ca-nhan/(\d+)/"', tail)
    assert len(rest) == members - 50 * (last - 1)
    assert "Trang sau" in first and "Trang sau" not in tail


def test_the_records_of_members_rows_are_those_the_forms_select():
    """The members behind a line (the members of a day, narrowed by their attributes) read by
    one query are the records the forms' own selection gives, line by line."""
    root = synthetic.build(committees=4, cells=2, members=25, prefix="dong", seed=6)
    forms = statforms.compute(root, DAY)
    checked = 0
    for sheet in forms.sheets:
        for line in sheet.lines:
            name = line.query.partition("|")[0]
            if name not in statforms.MEMBER_DAY:
                continue
            for previous, period in ((False, forms.period), (True, forms.previous)):
                _kind, items = statforms.Records(root, period).select(line.query)
                kind, ids = statforms.records_of(
                    root, DAY, sheet.sheet, line.key, previous=previous, forms=forms
                )
                assert kind == "person" and sorted(ids) == sorted({i.id for i in items}), line.query
                checked += 1
    assert checked > 20
