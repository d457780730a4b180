"""The report section editor's list of figures of a big superior committee, kept by the nightly
command and read as the pages read their kept figures: fresh, the same as computed; after a
change (a section saved among them), the list kept shown and said to be older, one
recomputation queued, nothing computed in the request; none kept yet, said to be computing. A
grassroots organization's, or a small superior committee's, list is computed in the request."""

import datetime as dt
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import override_settings

from dangvu.accounts.models import Role
from dangvu.ops.jobs import run_job
from dangvu.ops.models import Job
from dangvu.orgs.actions import create_org
from dangvu.orgs.models import Organization
from dangvu.reports import actions as report_actions
from dangvu.reports.views import _figure_list
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
COMPUTING = "đang được tính trong nền"


def _org(kind, name, parent=None):
    return create_org(None, kind=kind, name=name, valid_from=FOUNDED, parent=parent)


@pytest.fixture
def bloc():
    """An invented superior committee over two grassroots committees, each with a cell."""
    superior = _org(K.SUPERIOR_COMMITTEE, "Đảng ủy Khối Doanh nghiệp tỉnh Sông Lam")
    for name in ("Cảng Bến Lội", "Nhà máy Gạch Gò Đen"):
        committee = _org(K.PARTY_COMMITTEE, f"Đảng bộ {name}", superior)
        _org(K.PARTY_CELL, f"Chi bộ Văn phòng {name}", committee)
    return superior


@pytest.fixture
def writer(bloc):
    """The bloc's superior user, who writes its reports."""
    user = get_user_model().objects.create_user("khoi-song-lam")
    Role.objects.create(user=user, kind=Role.Kind.SUPERIOR, org=bloc)
    return user


def _keep(org):
    out = StringIO()
    call_command("keep_figures", org=org.slug, date=DAY, stdout=out)
    return out.getvalue()


def _computed(draft):
    return report_actions.editor_figures(draft.org, draft.reporting_period)


def _not_computed(*args, **kwargs):
    raise AssertionError("the editor's figures were computed in the request")


def _editor(client, draft):
    section = draft.sections.order_by("order").first()
    response = client.get(f"/bao-cao/{draft.id}/muc/{section.key}/")
    assert response.status_code == 200
    return response.content.decode()


@BIG
def test_the_kept_editor_figures_are_those_computed(bloc, writer, monkeypatch):
    draft = report_actions.create_draft(None, bloc, 2025)
    half = report_actions.create_draft(None, bloc, 2025, "six_month")
    computed = {d.id: _computed(d) for d in (draft, half)}
    assert computed[draft.id] and computed[draft.id] != computed[half.id]
    out = _keep(bloc)
    assert "số liệu báo cáo kỳ 2025" in out
    with monkeypatch.context() as patched:
        patched.setattr(report_actions, "editor_figures", _not_computed)
        for d in (draft, half):  # each period its own list
            figures, reading = _figure_list(writer, d)
            assert figures == computed[d.id] and not reading.stale
    assert not Job.objects.exists()


@BIG
@NOW
def test_after_a_save_the_list_kept_is_shown_as_older_and_computed_again(
    bloc, writer, client, monkeypatch, django_capture_on_commit_callbacks
):
    draft = report_actions.create_draft(None, bloc, 2025)
    _keep(bloc)
    before = _computed(draft)
    client.force_login(writer)
    fresh = _editor(client, draft)
    assert "Số liệu tính lúc" in fresh and STALE not in fresh
    _org(K.PARTY_COMMITTEE, "Đảng bộ Bến xe Ngã Ba", bloc)  # a third committee
    section = draft.sections.order_by("order").first()
    report_actions.edit_section(writer, section, "Đơn vị có {units.count} đơn vị.")
    after = _computed(draft)
    assert after != before  # the list kept counts two committees
    with monkeypatch.context() as patched:
        patched.setattr(report_actions, "editor_figures", _not_computed)
        for _ in range(2):
            with django_capture_on_commit_callbacks(execute=True):
                html = _editor(client, draft)
            assert STALE in html and "Giá trị dưới đây có thể đã khác" in html
            assert _figure_list(writer, draft)[0] == before  # shown, and said to be older
    job = Job.objects.get()  # one recomputation, however many openings
    assert job.user == writer and job.params["kind"].startswith(kept.REPORT)
    run_job.call(job.pk)
    job.refresh_from_db()
    assert job.status == Job.DONE, job.error
    monkeypatch.setattr(report_actions, "editor_figures", _not_computed)
    figures, reading = _figure_list(writer, draft)
    assert figures == after and not reading.stale
    assert STALE not in _editor(client, draft)


@BIG
@override_settings(DANGVU_KEPT_REFRESH_MINUTES=10)
def test_a_list_computed_minutes_ago_is_computed_again_later(bloc, writer, client):
    draft = report_actions.create_draft(None, bloc, 2025)
    _keep(bloc)
    report_actions.edit_section(writer, draft.sections.order_by("order").first(), "Đã sửa.")
    client.force_login(writer)
    html = _editor(client, draft)
    assert "có thay đổi sau đó, sẽ tính lại khi mở trang từ" in html
    assert not Job.objects.exists()


@BIG
def test_nothing_kept_queues_the_list_and_says_so(
    bloc, writer, client, monkeypatch, django_capture_on_commit_callbacks
):
    draft = report_actions.create_draft(None, bloc, 2025)
    client.force_login(writer)
    with monkeypatch.context() as patched:
        patched.setattr(report_actions, "editor_figures", _not_computed)
        with django_capture_on_commit_callbacks(execute=True):
            html = _editor(client, draft)
    assert COMPUTING in html and 'class="insert-figure"' not in html
    job = Job.objects.get()
    run_job.call(job.pk)
    job.refresh_from_db()
    assert job.status == Job.DONE, job.error
    html = _editor(client, draft)
    assert COMPUTING not in html and "Số liệu tính lúc" in html
    assert _figure_list(writer, draft)[0] == _computed(draft)


@SMALL
@pytest.mark.parametrize("whose", ["superior", "grassroots"])
def test_a_small_or_grassroots_list_is_computed_in_the_request(
    bloc, writer, client, monkeypatch, whose
):
    org = bloc if whose == "superior" else bloc.children.first()
    if whose == "grassroots":  # its office writes its reports
        writer = get_user_model().objects.create_user("vp-cang-ben-loi")
        Role.objects.create(user=writer, kind=Role.Kind.OFFICE, org=org)
    draft = report_actions.create_draft(None, org, 2025)
    _keep(org)
    kinds = set(KeptFigures.objects.filter(org=org).values_list("kind", flat=True))
    assert not any(kind.startswith(kept.REPORT) for kind in kinds)
    client.force_login(writer)
    html = _editor(client, draft)
    assert "được tính lại từ hồ sơ mỗi lần xem" in html and "Số liệu tính lúc" not in html
    calls = []
    monkeypatch.setattr(report_actions, "editor_figures", lambda *a: calls.append(a) or [])
    assert _figure_list(writer, draft) == ([], None)
    assert calls  # computed in the request, as before
    assert not Job.objects.exists()


@BIG
def test_a_new_draft_queues_its_editors_list(
    bloc, writer, client, django_capture_on_commit_callbacks
):
    client.force_login(writer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/bao-cao/", {"org": bloc.pk, "year": "2025", "kind": "annual"})
    assert response.status_code == 302
    job = Job.objects.get()
    assert job.user == writer and job.params == {"day": DAY, "kind": f"{kept.REPORT}:2025-01-01"}
    run_job.call(job.pk)
    draft = bloc.reports.get()
    figures, reading = _figure_list(writer, draft)
    assert figures == _computed(draft) and not reading.stale
