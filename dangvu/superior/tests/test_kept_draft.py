"""The draft page of a big superior committee's report reads the figures kept for its period, as
the other pages of a big subtree read theirs: fresh, the same document as computed; after a
change, the document of the figures kept, said to be older, one recomputation queued and nothing
computed in the request; none kept, said to be computing, the rest of the page usable. Its files
compute the figures they write. A district's user reads its own subtree's figures and never the
province's. A small superior committee's page computes in the request, as before."""

import datetime as dt
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

from dangvu.accounts.models import Role
from dangvu.lib.party_doc import format_rule
from dangvu.lib.party_html import render_html
from dangvu.ops.jobs import run_job
from dangvu.ops.models import Job
from dangvu.orgs.actions import create_org
from dangvu.orgs.models import Organization
from dangvu.reports import actions as report_actions
from dangvu.reports import outputs
from dangvu.reports.render import to_markdown
from dangvu.superior import kept
from dangvu.superior.models import KeptFigures

pytestmark = pytest.mark.django_db
K = Organization.Kind
FOUNDED = dt.date(2020, 1, 1)
DAY = "2025-12-31"
BIG = override_settings(DANGVU_JOB_MIN_ORGS=0)
SMALL = override_settings(DANGVU_JOB_MIN_ORGS=10**6)
NOW = override_settings(DANGVU_KEPT_REFRESH_MINUTES=0)
STALE = "có thay đổi sau đó, đang tính lại"
FRESH = "chưa có thay đổi nào sau đó"
COMPUTING = "đang được tính trong nền"
TEXT = "Khối có {units.count} tổ chức cơ sở đảng, {units.committees} đảng bộ cơ sở."


def _org(kind, name, parent=None):
    return create_org(None, kind=kind, name=name, valid_from=FOUNDED, parent=parent)


def _user(name, org):
    user = get_user_model().objects.create_user(name)
    Role.objects.create(user=user, kind=Role.Kind.SUPERIOR, org=org)
    return user


@pytest.fixture
def bloc():
    """An invented superior committee over two grassroots committees, one of them under a
    district's superior committee in between."""
    superior = _org(K.SUPERIOR_COMMITTEE, "Đảng ủy Khối Doanh nghiệp tỉnh Sông Lam")
    district = _org(K.SUPERIOR_COMMITTEE, "Đảng bộ huyện Gò Đen", superior)
    for name, parent in (("Cảng Bến Lội", superior), ("Nhà máy Gạch Gò Đen", district)):
        committee = _org(K.PARTY_COMMITTEE, f"Đảng bộ {name}", parent)
        _org(K.PARTY_CELL, f"Chi bộ Văn phòng {name}", committee)
    return superior


def _draft(org, writer):
    """A draft of the annual report whose first section names unit counts."""
    draft = report_actions.create_draft(None, org, 2025)
    report_actions.edit_section(writer, draft.sections.order_by("order").first(), TEXT)
    return draft


def _keep(org):
    call_command("keep_figures", org=org.slug, date=DAY, stdout=StringIO())


def _article(draft, figures=None):
    """The document's HTML as the page shows it: with `figures` (rows kept), else computed now."""

    def link(name):
        return reverse("report_figure", args=[draft.id, name])

    result = outputs.rendered(draft, link=link, figures=figures)
    return render_html(result.document, format_rule(result.document), standalone=False)


def _not_computed(*args, **kwargs):
    raise AssertionError("the report's figures were computed in the request")


def _page(client, draft, status=200):
    response = client.get(f"/bao-cao/{draft.id}/")
    assert response.status_code == status
    return response.content.decode()


def _run(job):
    run_job.call(job.pk)
    job.refresh_from_db()
    assert job.status == Job.DONE, job.error


@BIG
def test_the_page_shows_the_figures_kept_as_computed(bloc, client, monkeypatch):
    writer = _user("khoi-song-lam", bloc)
    draft = _draft(bloc, writer)
    _keep(bloc)
    computed = _article(draft)
    client.force_login(writer)
    with monkeypatch.context() as patched:
        patched.setattr(outputs, "compute", _not_computed)
        html = _page(client, draft)
    assert computed in html and FRESH in html
    assert not Job.objects.exists()


@BIG
@NOW
def test_after_a_change_the_page_shows_the_figures_kept_as_older_and_its_file_computes(
    bloc, client, monkeypatch, django_capture_on_commit_callbacks
):
    writer = _user("khoi-song-lam", bloc)
    draft = _draft(bloc, writer)
    _keep(bloc)
    before = _article(draft)
    rows = KeptFigures.objects.get(org=bloc, kind__startswith=kept.REPORT).figures
    _org(K.PARTY_COMMITTEE, "Đảng bộ Bến xe Ngã Ba", bloc)  # a third committee: a change
    after = _article(draft)
    assert after != before
    client.force_login(writer)
    with monkeypatch.context() as patched:
        patched.setattr(outputs, "compute", _not_computed)
        for _ in range(3):
            with django_capture_on_commit_callbacks(execute=True):
                html = _page(client, draft)
            assert before in html and after not in html
            assert STALE in html and "dự thảo dưới đây có thể đã khác" in html
    job = Job.objects.get()  # one recomputation, however many openings
    assert job.user == writer and job.params["kind"].startswith(kept.REPORT)
    # The file writes the figures of the records now, never those the page shows.
    md = client.get(f"/bao-cao/{draft.id}/tai/md/").content.decode()
    assert md == to_markdown(outputs.rendered(draft).document)
    assert md != to_markdown(outputs.rendered(draft, figures=rows).document)
    _run(job)
    monkeypatch.setattr(outputs, "compute", _not_computed)
    html = _page(client, draft)
    assert after in html and FRESH in html


@BIG
@override_settings(DANGVU_KEPT_REFRESH_MINUTES=10)
def test_figures_computed_minutes_ago_are_computed_again_later(bloc, client):
    writer = _user("khoi-song-lam", bloc)
    draft = _draft(bloc, writer)
    _keep(bloc)
    _org(K.PARTY_COMMITTEE, "Đảng bộ Bến xe Ngã Ba", bloc)
    client.force_login(writer)
    assert "có thay đổi sau đó, sẽ tính lại khi mở trang từ" in _page(client, draft)
    assert not Job.objects.exists()


@BIG
def test_nothing_kept_says_computing_and_keeps_the_page_usable(
    bloc, client, monkeypatch, django_capture_on_commit_callbacks
):
    writer = _user("khoi-song-lam", bloc)
    draft = _draft(bloc, writer)
    client.force_login(writer)
    with monkeypatch.context() as patched:
        patched.setattr(outputs, "compute", _not_computed)
        with django_capture_on_commit_callbacks(execute=True):
            html = _page(client, draft)
    assert COMPUTING in html and "report-paper" not in html
    for section in draft.sections.all():  # still written, its header too, its files made
        assert reverse("report_section", args=[draft.id, section.key]) in html
    assert reverse("report_header", args=[draft.id]) in html
    assert reverse("report_download", args=[draft.id, "docx"]) in html
    _run(Job.objects.get())
    html = _page(client, draft)
    assert COMPUTING not in html and _article(draft) in html


@BIG
def test_a_district_user_reads_its_own_subtrees_figures(bloc, client, monkeypatch):
    district = bloc.children.get(kind=K.SUPERIOR_COMMITTEE)
    province_draft = _draft(bloc, _user("khoi-song-lam", bloc))
    huyen = _user("huyen-go-den", district)
    district_draft = _draft(district, huyen)
    for org in (bloc, district):
        _keep(org)
    own, province = _article(district_draft), _article(province_draft)
    province_rows = KeptFigures.objects.get(org=bloc, kind__startswith=kept.REPORT).figures
    # The province's figures written in the district's draft differ: they count both units.
    assert _article(district_draft, province_rows) != own
    client.force_login(huyen)
    with monkeypatch.context() as patched:
        patched.setattr(outputs, "compute", _not_computed)
        html = _page(client, district_draft)
        assert own in html and FRESH in html
        assert _article(district_draft, province_rows) not in html
        _page(client, province_draft, status=404)
        assert province not in html


@SMALL
def test_a_small_superior_committees_page_computes_in_the_request(bloc, client, monkeypatch):
    writer = _user("khoi-song-lam", bloc)
    draft = _draft(bloc, writer)
    _keep(bloc)
    assert not KeptFigures.objects.filter(kind__startswith=kept.REPORT).exists()
    client.force_login(writer)
    html = _page(client, draft)
    assert _article(draft) in html and "số liệu tính từ hồ sơ hiện tại" in html
    assert "Số liệu tính lúc" not in html
    monkeypatch.setattr(outputs, "compute", _not_computed)
    with pytest.raises(AssertionError, match="computed in the request"):
        _page(client, draft)
    assert not Job.objects.exists()
