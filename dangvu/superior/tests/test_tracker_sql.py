"""Issue 26: the tracker of reports sent finds its units by a recursive query and counts their
statuses in the database, reading one page of lines. Both give the units and figures of the
in-memory walk (`units.Tree.units`) and of the lines computed one by one."""

import datetime as dt
import re
from collections import Counter

import pytest
from django.utils import timezone

from dangvu.orgs.models import Organization
from dangvu.reports.models import ReportDraft
from dangvu.superior import actions, synthetic, tracker
from dangvu.superior.units import Tree

pytestmark = pytest.mark.django_db
SUPERIOR = "dang-uy-khoi-cac-co-quan-tra-vinh"
K = Organization.Kind


def _send(unit, sent_on):
    draft = ReportDraft.objects.filter(org=unit, year=2017).first()  # the demo has its own
    draft = draft or ReportDraft.objects.create(
        org=unit, year=2017, number="1-BC/ĐU", issued_on=dt.date(2017, 12, 1)
    )
    ReportDraft.objects.filter(pk=draft.pk).update(
        status=ReportDraft.Status.FINAL,
        finalised_at=timezone.make_aware(dt.datetime(2017, 12, 5, 9)),
        frozen_facts={"party.members": 1},
    )
    actions.send_report(None, ReportDraft.objects.get(pk=draft.pk), sent_on)


@pytest.fixture
def province(demo):
    """The demo's superior with 60 more units (a middle superior committee, a unit dissolved
    mid-year, cells standing directly under the superior), some sent on time, some late."""
    superior = Organization.objects.get(slug=SUPERIOR)
    synthetic.build(committees=60, cells=1, members=3, parent=superior)
    actions.set_deadline(None, superior, 2017, dt.date(2017, 12, 15))
    units = list(tracker.units_query(superior, dt.date(2017, 12, 31)))
    for i, unit in enumerate(units[:20]):
        _send(unit, dt.date(2017, 12, 10) if i % 3 else dt.date(2017, 12, 20))
    return superior


def test_the_units_are_those_of_the_tree_walk_in_the_same_order(province):
    middle = Organization.objects.get(slug="tinh-giua")
    cell = Organization.objects.get(slug="tinh-cbcs-a")
    committee = Organization.objects.get(slug="tinh-db-0")
    inner_cell = Organization.objects.get(slug="tinh-db-0-cb-0")
    dissolved = Organization.objects.get(slug="tinh-db-1")
    tree = Tree()
    roots = [province, middle, cell, committee, inner_cell, dissolved, province.parent]
    for root in [r for r in roots if r is not None]:
        for day in (dt.date(2017, 3, 1), dt.date(2017, 12, 31)):
            expected = [node.id for node in tree.units(root.id, day)]
            got = list(tracker.units_query(root, day).values_list("id", flat=True))
            assert got == expected, (root.slug, day)
    # The cases that matter are there: a nested superior, a dissolved unit, a cell unit.
    assert len(tree.units(province.id, dt.date(2017, 3, 1))) == 1 + 60 + 2
    assert len(tree.units(province.id, dt.date(2017, 12, 31))) == 1 + 59 + 2


@pytest.mark.parametrize("with_deadline", [True, False])
def test_the_counts_are_those_of_the_lines(province, with_deadline):
    if not with_deadline:
        tracker.Deadline.objects.all().delete()
    day = dt.date(2017, 12, 31)
    result = tracker.track(province, 2017, today=dt.date(2018, 1, 10))
    counts = tracker.status_counts(
        tracker.units_query(province, day), 2017, "", tracker.deadline_of(province, 2017, "")
    )
    assert counts == result.counts()
    assert counts == {
        s: Counter(line.status for line in result.lines)[s] for s in tracker.STATUS_LABELS
    }
    assert counts["sent"] > 0 and counts["missing"] > 0
    assert (counts["late"] > 0) == with_deadline


def test_the_page_shows_its_slice_of_the_lines(province, login):
    client = login("captren")
    lines = tracker.track(province, 2017).lines
    counts = tracker.track(province, 2017).counts()
    assert len(lines) > 50
    url = f"/cap-tren/{SUPERIOR}/bao-cao-gui/2017/"
    shown = []
    for number in (1, 2):
        html = client.get(f"{url}?trang={number}").content.decode()
        shown += re.findall(r'<tr data-status="(\w+)"><td><a href="/to-chuc/([^/]+)/"', html)
        for status, n in counts.items():
            assert f'data-count="{status}">{n}<' in html
    assert shown == [(line.status, line.org.slug) for line in lines]
