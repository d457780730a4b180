"""Viewers who may read only part of a superior committee's units: every superior page and file
shows them the units in their scope and nothing of the others (no name, no figure, no total that
counts them), and a URL naming an organization outside their scope is a 404.

The province (`synthetic.build`) has a superior committee in between (`tinh-giua`) holding some
of the units; two units change branches on 1 July: one leaves the middle committee, one joins it.
The roles are a superior role on the middle committee, an office role on one grassroots
committee, a cell secretary and a member. Expected figures are counted from the records here."""

import csv
import datetime as dt
import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook

from dangvu.accounts.models import Role
from dangvu.accounts.scope import scope_for
from dangvu.orgs.actions import move_org
from dangvu.orgs.models import Organization, active_on
from dangvu.orgs.tree import subtree
from dangvu.people.models import Membership
from dangvu.reports.models import ReportDraft
from dangvu.superior import actions, kept, synthetic
from dangvu.superior.consolidate import NOT_SUMMED, consolidate, period_to
from dangvu.superior.models import Deadline, Submission
from dangvu.superior.tracker import units_query

pytestmark = pytest.mark.django_db
K = Organization.Kind
DAY = dt.date(2017, 12, 31)
EARLY = dt.date(2017, 3, 1)  # before the moves
MOVED_ON = dt.date(2017, 7, 1)
DAYS = (EARLY, DAY)


def _org(slug):
    return Organization.objects.get(slug=slug)


def _send(unit, sent_on):
    """A finalised annual report of `unit` for 2017, sent on `sent_on`."""
    draft = ReportDraft.objects.create(
        org=unit, year=2017, number="1-BC/ĐU", issued_on=dt.date(2017, 12, 1)
    )
    ReportDraft.objects.filter(pk=draft.pk).update(
        status=ReportDraft.Status.FINAL,
        finalised_at=timezone.make_aware(dt.datetime(2017, 12, 5, 9)),
        frozen_facts={"party.members": 1},
    )
    actions.send_report(None, ReportDraft.objects.get(pk=draft.pk), sent_on)


def _user(username, kind, org=None, person=None):
    user = get_user_model().objects.create_user(username)
    Role.objects.create(user=user, kind=kind, org=org, person=person)
    return user


@pytest.fixture
def province(db):
    """The province, the two moves, a deadline and a few reports sent (one from each branch)."""
    top = synthetic.build(committees=10, cells=2, members=6)
    middle = _org("tinh-giua")
    # tinh-db-4 leaves the middle committee, tinh-db-3 joins it, both from 1 July.
    move_org(None, _org("tinh-db-4"), top, MOVED_ON)
    move_org(None, _org("tinh-db-3"), middle, MOVED_ON)
    actions.set_deadline(None, top, 2017, dt.date(2017, 12, 15))
    for slug, sent_on in [
        ("tinh-db-0", dt.date(2017, 12, 10)),
        ("tinh-db-4", dt.date(2017, 12, 10)),
        ("tinh-db-9", dt.date(2017, 12, 20)),
    ]:
        _send(_org(slug), sent_on)
    return top


@pytest.fixture
def viewers(province):
    """{name: (user, the organization whose pages it opens)}: each reads part of the province."""
    committee = _org("tinh-db-0")
    cell = _org("tinh-db-0-cb-0")
    member = (
        Membership.objects.filter(org=cell, kind=Membership.Kind.PARTY)
        .order_by("person_id")
        .first()
        .person
    )
    return {
        "middle": (_user("cap-giua", Role.Kind.SUPERIOR, _org("tinh-giua")), _org("tinh-giua")),
        "office": (_user("vp-db-0", Role.Kind.OFFICE, committee), committee),
        "secretary": (_user("bt-cb-0", Role.Kind.SECRETARY, cell), cell),
        "member": (_user("dv-cb-0", Role.Kind.MEMBER, person=member), None),
    }


def _units(province, day):
    """Every grassroots unit of the province on `day`."""
    return list(units_query(province, day))


def _split(user, province, day):
    """(units the user reads, units it does not) among the province's units on `day`."""
    scope = scope_for(user)
    units = _units(province, day)
    return (
        [u for u in units if scope.can_read_org(u)],
        [u for u in units if not scope.can_read_org(u)],
    )


def _party_members(unit, day):
    """The unit's party members on `day`, counted from the memberships."""
    orgs = [o.id for o in subtree(unit, day)]
    return (
        Membership.objects.filter(active_on(day), kind=Membership.Kind.PARTY, org_id__in=orgs)
        .values("person_id")
        .distinct()
        .count()
    )


def _assert_none_shown(text, hidden):
    for unit in hidden:
        assert unit.name not in text, unit.name
        assert f"/{unit.slug}/" not in text, unit.slug


def _get(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response


# The consolidated figures ------------------------------------------------------------------


@pytest.mark.parametrize("who", ["middle", "office"])
@pytest.mark.parametrize("day", DAYS)
def test_the_consolidated_page_shows_the_readable_units_and_their_sums(
    client, province, viewers, who, day
):
    user, root = viewers[who]
    client.force_login(user)
    readable, hidden = _split(user, province, day)
    assert readable and hidden
    shown = [u for u in readable if u.id in {n.id for n in _units(root, day)}]
    if who == "middle":
        # The unit that left the middle committee on 1 July is not shown even before it left
        # (its viewer no longer reads it); the one that joined is, from the day it joined.
        assert _org("tinh-db-4") in hidden
        assert (_org("tinh-db-3") in shown) == (day >= MOVED_ON)
    url = f"/cap-tren/{root.slug}/so-lieu/?ngay={day}"
    response = _get(client, url)
    html = response.content.decode()
    _assert_none_shown(html, hidden)
    rows = response.context["rows"]
    assert [org.id for org, _name, _values in rows] == [u.id for u in shown]
    assert response.context["unit_count"] == len(shown)
    # Each row is the unit's own figures; the members counted from the records.
    facts = [fact for fact, *_rest in response.context["facts"]]
    for org, _name, values in rows:
        own = consolidate(org, period_to(day)).units[0].facts
        assert {fact: value for fact, value, _link in values} == {f: own[f] for f in facts}
        assert own["party.members"] == _party_members(org, day)
    expected_total = sum(_party_members(u, day) for u in shown)
    assert f'data-fact="party.members">{expected_total}<' in html
    # Every group of figures: names and totals of the readable units only.
    for group in range(len(response.context["groups"])):
        page = _get(client, f"{url}&nhom={group}")
        _assert_none_shown(page.content.decode(), hidden)
        for fact, _label, total, _values in page.context["facts"]:
            if fact not in NOT_SUMMED:
                assert total == sum(
                    value
                    for _o, _n, vals in page.context["rows"]
                    for f, value, _l in vals
                    if f == fact
                ), fact


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_consolidated_files_hold_the_readable_units_only(client, province, viewers, fmt):
    user, root = viewers["middle"]
    client.force_login(user)
    readable, hidden = _split(user, province, DAY)
    content = _get(client, f"/cap-tren/{root.slug}/so-lieu/tai/{fmt}/?ngay={DAY}").content
    if fmt == "csv":
        rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    else:
        sheet = load_workbook(io.BytesIO(content)).active
        rows = [
            [str(c) if c is not None else "" for c in r] for r in sheet.iter_rows(values_only=True)
        ]
    text = "\n".join(",".join(r) for r in rows)
    _assert_none_shown(text, hidden)
    # The rows of the consolidation the viewer reads: a unit moved in or gone during the year
    # is labelled so, and has no members on the day if gone.
    readable_ids = {u.id for u in readable}
    shown = [u for u in consolidate(root, period_to(DAY)).units if u.org.id in readable_ids]
    assert {u.org.id for u in shown if u.at_end} == readable_ids & {n.id for n in _units(root, DAY)}
    assert rows[0][3:] == [u.label for u in shown]
    expected = [_party_members(u.org, DAY) if u.at_end else 0 for u in shown]
    members = next(r for r in rows if r[0] == "party.members")
    assert [int(v) for v in members[3:]] == expected
    assert int(members[2]) == sum(expected)


def _keep_then_move_out(province, middle, move):
    """The middle committee's figures kept, then its unit tinh-db-9 moved to the province by
    `move`; the unit, no longer in the middle committee's subtree."""
    leaving = _org("tinh-db-9")
    for kind in (kept.CONSOLIDATED, kept.STATISTICS):
        kept.keep(middle, DAY, kind)
    move(leaving)
    assert leaving.id not in {u.id for u in _units(middle, DAY)}
    return leaving


def test_kept_figures_are_not_shown_after_a_unit_moved_out(client, province, viewers, settings):
    """Figures kept for the middle committee before a unit left it count the unit: neither the
    consolidated page nor the statistics page shows them; they are computed again."""
    settings.DANGVU_JOB_MIN_ORGS = 1  # the middle committee's figures are read from kept ones
    user, middle = viewers["middle"]
    leaving = _keep_then_move_out(
        province, middle, lambda unit: move_org(None, unit, province, dt.date(2017, 12, 1))
    )
    client.force_login(user)
    for url in (f"/cap-tren/{middle.slug}/so-lieu/", f"/to-chuc/{middle.slug}/thong-ke/"):
        response = _get(client, f"{url}?ngay={DAY}")
        assert "superior/computing.html" in [t.name for t in response.templates]
        _assert_none_shown(response.content.decode(), [leaving])
    queued = kept.KeptFigures.objects.filter(org=middle, day=DAY, job__isnull=False)
    assert queued.count() == 2


def test_kept_totals_are_those_of_the_units_shown(client, province, viewers, settings):
    """Kept figures that hold a unit the viewer no longer reads, with no change recorded (a bulk
    load writes no audit entry): the page leaves out its row, its name and its figures from the
    totals and from the number of units."""
    settings.DANGVU_JOB_MIN_ORGS = 1
    user, middle = viewers["middle"]
    leaving = _keep_then_move_out(
        province,
        middle,
        lambda unit: Organization.objects.filter(pk=unit.pk).update(parent=province),
    )
    assert not scope_for(user).can_read_org(leaving)
    client.force_login(user)
    response = _get(client, f"/cap-tren/{middle.slug}/so-lieu/?ngay={DAY}")
    html = response.content.decode()
    _assert_none_shown(html, [leaving])
    rows = response.context["rows"]
    assert {org.id for org, _n, _v in rows} == {u.id for u in _units(middle, DAY)}
    total = sum(v for _o, _n, vals in rows for f, v, _l in vals if f == "party.members")
    assert total == sum(_party_members(org, DAY) for org, _n, _v in rows)
    assert f'data-fact="party.members">{total}<' in html
    assert response.context["unit_count"] == len(rows)


# The tracker of reports sent -----------------------------------------------------------------


@pytest.mark.parametrize("who", ["middle", "office"])
def test_the_tracker_lists_and_counts_the_readable_units(client, province, viewers, who):
    user, root = viewers[who]
    client.force_login(user)
    _readable, hidden = _split(user, province, DAY)
    shown = _units(root, DAY)
    # The deadline is that of the units' own superior committee: the middle committee has set
    # none (nothing is late under it); the province's applies to the office's committee.
    deadline = Deadline.objects.filter(
        superior=root if root.kind == K.SUPERIOR_COMMITTEE else province, year=2017, period=""
    ).first()
    assert (deadline is None) == (who == "middle")
    sent = Submission.objects.filter(year=2017, period="", unit__in=shown)
    late = sent.filter(sent_on__gt=deadline.due_on).count() if deadline else 0
    base = f"/cap-tren/{root.slug}/bao-cao-gui/2017/"
    for url in (base, f"{base}?trang=2", f"{base}?ky=H1"):
        response = _get(client, url)
        html = response.content.decode()
        _assert_none_shown(html, hidden)
        assert [line.org.id for line in response.context["lines"]] == [u.id for u in shown]
        if "ky=" in url:
            continue
        assert response.context["deadline"] == deadline
        expected = {"sent": sent.count() - late, "late": late, "missing": len(shown) - sent.count()}
        assert response.context["counts"] == expected
        for status, count in expected.items():
            assert f'data-count="{status}">{count}<' in html
    for fmt in ("csv", "xlsx"):
        body = _get(client, f"{base}nhac/{fmt}/").content
        if fmt == "csv":
            _assert_none_shown(body.decode("utf-8-sig"), hidden)
        else:
            sheet = load_workbook(io.BytesIO(body)).active
            cells = " ".join(str(c) for r in sheet.iter_rows(values_only=True) for c in r)
            _assert_none_shown(cells, hidden)


# The statistical forms and the drill-down ----------------------------------------------------


def test_the_forms_count_the_readable_units_only(client, province, viewers):
    user, middle = viewers["middle"]
    client.force_login(user)
    _readable, hidden = _split(user, province, DAY)
    shown = _units(middle, DAY)
    response = _get(client, f"/cap-tren/{middle.slug}/bieu-thong-ke/?ngay={DAY}")
    _assert_none_shown(response.content.decode(), hidden)
    units = response.context["forms"].units
    assert [name for name, _values in units] == [u.name for u in shown]
    assert [values["members"] for _name, values in units] == [_party_members(u, DAY) for u in shown]
    workbook = load_workbook(
        io.BytesIO(_get(client, f"/cap-tren/{middle.slug}/bieu-thong-ke/tai/?ngay={DAY}").content)
    )
    text = " ".join(
        str(c) for ws in workbook.worksheets for r in ws.iter_rows(values_only=True) for c in r
    )
    _assert_none_shown(text, hidden)


def test_the_drill_down_opens_readable_units_only(client, province, viewers):
    user, middle = viewers["middle"]
    client.force_login(user)
    readable, hidden = _split(user, province, DAY)
    for unit in readable:
        html = _get(client, f"/to-chuc/{unit.slug}/thong-ke/?ngay={DAY}").content.decode()
        _assert_none_shown(html, hidden)
        people = _get(client, f"/to-chuc/{unit.slug}/thong-ke/party.members/?ngay={DAY}")
        found = set(map(int, re.findall(r'href="/ca-nhan/(\d+)/"', people.content.decode())))
        members = Membership.objects.filter(
            active_on(DAY), kind=Membership.Kind.PARTY, org__in=subtree(unit, DAY)
        )
        assert found == set(members.values_list("person_id", flat=True))
    for unit in hidden:
        assert client.get(f"/to-chuc/{unit.slug}/thong-ke/?ngay={DAY}").status_code == 404
        url = f"/to-chuc/{unit.slug}/thong-ke/party.members/?ngay={DAY}"
        assert client.get(url).status_code == 404


# Organizations outside the scope -------------------------------------------------------------


def _superior_urls(slug):
    return [
        f"/cap-tren/{slug}/so-lieu/?ngay={DAY}",
        f"/cap-tren/{slug}/so-lieu/tai/csv/?ngay={DAY}",
        f"/cap-tren/{slug}/so-lieu/tai/xlsx/?ngay={DAY}",
        f"/cap-tren/{slug}/bieu-thong-ke/?ngay={DAY}",
        f"/cap-tren/{slug}/bieu-thong-ke/tai/?ngay={DAY}",
        f"/cap-tren/{slug}/bieu-thong-ke/1-BTCTW/A/?ngay={DAY}",
        f"/cap-tren/{slug}/bao-cao-gui/2017/",
        f"/cap-tren/{slug}/bao-cao-gui/2017/?trang=2",
        f"/cap-tren/{slug}/bao-cao-gui/2017/nhac/csv/",
        f"/cap-tren/{slug}/bao-cao-gui/2017/han/",
        f"/cap-tren/{slug}/bao-cao-tong-hop/2017/",
        f"/cap-tren/{slug}/tinh-lai/",
        f"/to-chuc/{slug}/thong-ke/?ngay={DAY}",
        f"/to-chuc/{slug}/thong-ke/party.members/?ngay={DAY}",
    ]


@pytest.mark.parametrize("who", ["middle", "office", "secretary", "member"])
def test_a_url_naming_an_unreadable_organization_is_not_found(client, province, viewers, who):
    user, _root = viewers[who]
    client.force_login(user)
    scope = scope_for(user)
    unreadable = [
        o
        for o in Organization.objects.filter(kind__in=[K.SUPERIOR_COMMITTEE, K.PARTY_COMMITTEE])
        if not scope.can_read_org(o)
    ]
    # The province itself, the middle committee (but for its own viewer), the units that left
    # or were never in the viewer's branch.
    assert province in unreadable and _org("tinh-db-4") in unreadable
    for org in unreadable:
        for url in _superior_urls(org.slug):
            response = client.get(url)
            assert response.status_code == 404, (who, url, response.status_code)
            assert org.name not in response.content.decode()


@pytest.mark.parametrize("who", ["middle", "office", "secretary", "member"])
def test_a_report_sent_by_an_unreadable_unit_is_not_found(client, province, viewers, who):
    user, _root = viewers[who]
    client.force_login(user)
    scope = scope_for(user)
    for submission in Submission.objects.select_related("unit", "draft"):
        response = client.get(f"/cap-tren/gui/{submission.draft_id}/")
        if scope.can_read_org(submission.unit):
            assert response.status_code == 200
        else:
            assert response.status_code == 404, (who, submission.unit.slug)
            assert submission.unit.name not in response.content.decode()


@pytest.mark.parametrize("who", ["secretary", "member"])
def test_a_cell_or_a_member_sees_no_unit_on_the_superior_pages(client, province, viewers, who):
    """A cell is not a grassroots unit: its secretary's superior pages list no unit (its own
    committee is named, as a secretary knows it, in the cell's name); a member has no
    organization to open them for."""
    user, cell = viewers[who]
    client.force_login(user)
    above = scope_for(user).org_ids_and_above
    hidden = [u for u in _units(province, DAY) if u.id not in above]
    _assert_none_shown(_get(client, "/cap-tren/").content.decode(), hidden)
    if cell is None:
        return
    pages = [
        f"/cap-tren/{cell.slug}/so-lieu/?ngay={DAY}",
        f"/cap-tren/{cell.slug}/bieu-thong-ke/?ngay={DAY}",
        f"/cap-tren/{cell.slug}/bao-cao-gui/2017/",
    ]
    for url in pages:
        response = _get(client, url)
        _assert_none_shown(response.content.decode(), hidden)
    assert not _get(client, pages[0]).context["rows"]
    assert not _get(client, pages[2]).context["lines"]


@pytest.mark.parametrize("who", ["middle", "office", "secretary", "member"])
def test_the_home_page_lists_the_readable_organizations_only(client, province, viewers, who):
    user, _root = viewers[who]
    client.force_login(user)
    scope = scope_for(user)
    html = _get(client, "/cap-tren/").content.decode()
    listed = set(re.findall(r'href="/cap-tren/([^/"]+)/so-lieu/"', html))
    expected = {
        o.slug
        for o in scope.orgs(
            Organization.objects.filter(kind__in=[K.SUPERIOR_COMMITTEE, K.PARTY_COMMITTEE])
        )
    }
    assert listed <= expected
    _assert_none_shown(html, _split(user, province, DAY)[1])


# The tracker's queries -----------------------------------------------------------------------


def _tracker_queries(client, committees, prefix):
    """The SQL of one tracker page of a superior with `committees` committees (and two cell
    units), opened by its superior role, after a first opening (sessions, caches)."""
    top = synthetic.build(committees=committees, cells=1, members=2, prefix=prefix)
    client.force_login(_user(f"cap-{prefix}", Role.Kind.SUPERIOR, top))
    url = f"/cap-tren/{top.slug}/bao-cao-gui/2017/"
    _get(client, url)
    with CaptureQueriesContext(connection) as queries:
        response = _get(client, url)
    assert len(response.context["lines"]) == len(_units(top, DAY))
    return [q["sql"] for q in queries.captured_queries]


def test_the_tracker_reads_its_organizations_once_whatever_their_number(client, db):
    few = _tracker_queries(client, 1, "it")  # 3 units: a committee and two cell units
    many = _tracker_queries(client, 10, "nhieu")  # 12 units (one dissolved mid-year)
    assert len(few) == len(many)
    # Organization rows are read twice: the superior named in the URL, and the page of units;
    # the lines take their units from that page (their dated names by one more query).
    rows = [sql for sql in many if sql.startswith('SELECT "orgs_organization"."id"')]
    assert len(rows) == 2, rows
