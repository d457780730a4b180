"""Kept figures: the pages of a big subtree read figures computed once (by a background job or
`keep_figures`), the same figures the pages compute in the request for a small one."""

import datetime as dt
import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from dangvu.core import audit
from dangvu.core.facts import Period
from dangvu.ops.models import Job
from dangvu.orgs.actions import create_org, delete_org
from dangvu.orgs.models import Organization
from dangvu.oversight.models import Inspection
from dangvu.superior import kept, synthetic
from dangvu.superior.consolidate import GROUPS
from dangvu.superior.models import KeptFigures
from dangvu.superior.own_activity import own_activity

pytestmark = pytest.mark.django_db
SUPERIOR = "dang-uy-khoi-cac-co-quan-tra-vinh"
DAY = "2017-12-31"
BIG = override_settings(DANGVU_JOB_MIN_ORGS=0)
SMALL = override_settings(DANGVU_JOB_MIN_ORGS=10**6)
CONSOLIDATED = f"/cap-tren/{SUPERIOR}/so-lieu/?ngay={DAY}"
STALE = "có thay đổi sau đó, đang tính lại"


def _figures_of(html):
    """What a page shows of its figures: its charts and tables, without the kept figures' note."""
    parts = re.findall(r'<div class="charts">.*?</div>|<table.*?</table>', html, re.S)
    assert parts
    return parts


def _pages(client, demo):
    urls = [f"{CONSOLIDATED}&nhom={group}" for group in range(len(GROUPS))]
    urls += [
        f"/to-chuc/{SUPERIOR}/thong-ke/?ngay={DAY}",
        f"/to-chuc/{demo.slug}/thong-ke/?ngay={DAY}",
        f"/cap-tren/{SUPERIOR}/bieu-thong-ke/?ngay={DAY}",
        f"/cap-tren/{demo.slug}/bieu-thong-ke/?ngay={DAY}",
    ]
    return {url: client.get(url).content.decode() for url in urls}


def _keep_all(*orgs):
    for org in orgs:
        call_command("keep_figures", org=org.slug, date=DAY, stdout=StringIO())


@pytest.mark.parametrize("province", [False, True], ids=["demo", "generated"])
def test_kept_figures_are_the_figures_computed_in_the_request(demo, login, province):
    if province:
        call_command("load_province", count=3, members=8, stdout=StringIO())
    client = login("captren")
    with SMALL:
        computed = _pages(client, demo)
    with BIG:
        _keep_all(Organization.objects.get(slug=SUPERIOR), demo)
        shown = _pages(client, demo)
    assert not Job.objects.exists()
    for url, html in computed.items():
        assert "Số liệu tính lúc" in shown[url] and STALE not in shown[url], url
        assert _figures_of(shown[url]) == _figures_of(html), url


@BIG
def test_nothing_kept_yet_queues_one_computation(demo, login, django_capture_on_commit_callbacks):
    client = login("captren")
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.get(CONSOLIDATED)
        html = response.content.decode()
        assert response.status_code == 200
        assert "Đang tính số liệu" in html and 'http-equiv="refresh"' in html
    job = Job.objects.get()  # the second request found the first one's job
    assert job.kind == kept.JOB and job.params == {"day": DAY, "kind": kept.CONSOLIDATED}


@BIG
@override_settings(DANGVU_KEPT_REFRESH_MINUTES=0)
def test_a_change_recorded_after_the_figures_were_kept(
    demo, login, django_capture_on_commit_callbacks
):
    from dangvu.ops.jobs import run_job

    _keep_all(Organization.objects.get(slug=SUPERIOR))
    client = login("captren")
    assert STALE not in client.get(CONSOLIDATED).content.decode()
    assert not Job.objects.exists()
    audit.record(None, "org.rename", demo, summary="Đổi tên", org=demo)
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            html = client.get(CONSOLIDATED).content.decode()
        assert STALE in html and "Số liệu tính lúc" in html
    job = Job.objects.get()  # one recomputation, however many requests
    run_job.call(job.pk)
    job.refresh_from_db()
    assert job.status == Job.DONE, job.error
    assert STALE not in client.get(CONSOLIDATED).content.decode()


@BIG
def test_the_recompute_button_and_its_scope(demo, login, django_capture_on_commit_callbacks):
    _keep_all(Organization.objects.get(slug=SUPERIOR))
    data = {"loai": kept.CONSOLIDATED, "ngay": DAY}
    url = f"/cap-tren/{SUPERIOR}/tinh-lai/"
    # The office of a unit inside the subtree does not open the superior's figures.
    other = login("vanphong")
    assert other.get(CONSOLIDATED).status_code == 404
    assert other.post(url, data).status_code == 404
    assert other.get(url).status_code == 404
    assert not Job.objects.exists()
    client = login("captren")
    assert client.get(url)["Location"] == f"/cap-tren/{SUPERIOR}/so-lieu/"  # computes nothing
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(url, data)
        assert response.status_code == 302 and response["Location"] == CONSOLIDATED
    assert Job.objects.count() == 1
    bad = client.post(url, {"loai": kept.CONSOLIDATED, "ngay": "31/02/2017"}, follow=True)
    assert "Ngày không hợp lệ" in bad.content.decode() and Job.objects.count() == 1
    assert client.post(url, {"loai": "khac", "ngay": DAY}).status_code == 404


def test_keep_figures_command(demo):
    out = StringIO()
    call_command("keep_figures", org=SUPERIOR, date=DAY, stdout=out)
    assert "Đã tính và lưu" in out.getvalue()
    rows = KeptFigures.objects.filter(org__slug=SUPERIOR, day=dt.date(2017, 12, 31))
    assert {row.kind for row in rows} == {kept.CONSOLIDATED, kept.STATISTICS, kept.FORMS}
    with pytest.raises(CommandError, match="Không tìm thấy tổ chức"):
        call_command("keep_figures", org="khong-co", date=DAY, stdout=StringIO())
    with pytest.raises(CommandError):
        call_command("keep_figures", org=SUPERIOR, date="2017-02-31", stdout=StringIO())
    # A user's command keeps only what that user may open.
    with pytest.raises(CommandError, match="không có quyền"):
        call_command("keep_figures", org=SUPERIOR, date=DAY, user="vanphong", stdout=StringIO())


def test_own_inspections_count_no_unit_dissolved_before_the_period(demo):
    """A unit dissolved before the year began did nothing that year, even if its record holds a
    later inspection (planned before it ended)."""
    superior = Organization.objects.get(slug=SUPERIOR)
    gone = Organization.objects.create(
        name="Đảng bộ đã giải thể",
        slug="da-giai-the",
        kind=Organization.Kind.PARTY_COMMITTEE,
        parent=superior,
        valid_from=dt.date(2010, 1, 1),
        valid_to=dt.date(2016, 6, 30),
    )
    Inspection.objects.create(
        org=gone,
        direction=Inspection.Direction.RECEIVED,
        kind=Inspection.Kind.SUPERVISION,
        inspector=superior.name,
        subject="Giám sát đã lên kế hoạch trước khi giải thể",
        starts_on=dt.date(2017, 5, 1),
    )
    lines = own_activity(superior, Period.year(2017))["own.inspections.lines"].value
    assert not any("trước khi giải thể" in line for line in lines)


def _listed(html):
    return re.findall(r'<a href="/ca-nhan/\d+/">([^<]+)</a>', html), re.findall(
        r'class="figure-value">([^<]+)<', html
    )


def test_the_drill_down_of_a_big_subtree_lists_the_same_people_uncounted(demo, login):
    client = login("captren")
    url = f"/to-chuc/{SUPERIOR}/thong-ke/party.members/?ngay={DAY}"
    pages = [url, url + "&trang=2"]
    with SMALL:
        counted = [_listed(client.get(page).content.decode()) for page in pages]
    with BIG:
        _keep_all(Organization.objects.get(slug=SUPERIOR))
        html = [client.get(page).content.decode() for page in pages]
        # Past the last page: nobody (the pages are not counted, so there is no "last" to show).
        beyond = _listed(client.get(url + "&trang=3").content.decode())
    assert [_listed(page) for page in html] == counted
    assert len(counted[0][0]) == 50 and counted[1][0] and beyond == ([], counted[0][1])
    assert "Trang sau" in html[0] and "Trang sau" not in html[1] and "Trang trước" in html[1]


def _queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries.captured_queries)


@BIG
def test_kept_pages_make_as_many_queries_whatever_the_province(demo, login):
    """The consolidated page (more units than one page of them), the statistics page and the
    drill-down of a big subtree, read from kept figures: queries do not grow with the units."""
    urls = [
        CONSOLIDATED,
        f"/to-chuc/{SUPERIOR}/thong-ke/?ngay={DAY}",
        f"/to-chuc/{SUPERIOR}/thong-ke/party.members/?ngay={DAY}",
        f"/cap-tren/{SUPERIOR}/bieu-thong-ke/?ngay={DAY}",
        f"/cap-tren/{SUPERIOR}/bieu-thong-ke/1-BTCTW/D/?ngay={DAY}",
    ]
    superior = Organization.objects.get(slug=SUPERIOR)
    call_command("load_province", count=2, members=5, stdout=StringIO())
    _keep_all(superior)
    client = login("captren")
    small = [_queries(client, url) for url in urls]
    synthetic.build(committees=60, cells=1, members=1, prefix="more", superior=superior)
    _keep_all(superior)
    html = client.get(CONSOLIDATED).content.decode()
    assert "Trang 1/2" in html  # 63 units, 50 a page
    assert [_queries(client, url) for url in urls] == small
    assert not Job.objects.exists()


@BIG
@override_settings(DANGVU_KEPT_REFRESH_MINUTES=0)
def test_a_unit_deleted_after_the_figures_were_kept(demo, login):
    """A committee entered by mistake and deleted after the figures were kept: the page still
    opens, without it, and says the figures are older than the change."""
    superior = Organization.objects.get(slug=SUPERIOR)
    mistake = create_org(
        None,
        kind=Organization.Kind.PARTY_COMMITTEE,
        name="Đảng bộ nhập nhầm",
        valid_from=dt.date(2017, 1, 1),
        parent=superior,
    )
    _keep_all(superior)
    client = login("captren")
    assert "Đảng bộ nhập nhầm" in client.get(CONSOLIDATED).content.decode()
    delete_org(None, mistake, "Đảng bộ nhập nhầm")
    response = client.get(CONSOLIDATED)
    html = response.content.decode()
    assert response.status_code == 200
    assert STALE in html and "Đảng bộ nhập nhầm" not in html


@BIG
@override_settings(DANGVU_KEPT_REFRESH_MINUTES=10)
def test_stale_figures_are_computed_again_at_most_once_in_the_interval(
    demo, login, django_capture_on_commit_callbacks
):
    """A province records changes all day: figures kept minutes ago and changed since are shown
    as they are, saying when they will be computed again, with no job; past the interval a page
    queues one; "Tính lại" always does."""
    superior = Organization.objects.get(slug=SUPERIOR)
    _keep_all(superior)
    audit.record(None, "org.rename", demo, summary="Đổi tên", org=demo)
    client = login("captren")
    with django_capture_on_commit_callbacks(execute=True):
        html = client.get(CONSOLIDATED).content.decode()
    assert "có thay đổi sau đó, sẽ tính lại khi mở trang từ" in html and STALE not in html
    assert not Job.objects.exists()
    # Computed eleven minutes ago: the next page asks for the figures again, once.
    KeptFigures.objects.update(computed_at=timezone.now() - dt.timedelta(minutes=11))
    kept._parsed.cache_clear()
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            html = client.get(CONSOLIDATED).content.decode()
        assert STALE in html
    assert Job.objects.count() == 1
