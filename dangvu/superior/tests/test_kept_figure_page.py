"""The rest of a big superior committee's draft: the page of one figure's records computes that
figure alone (a consolidated total by its own consolidation) and says when the draft's page shows
an older value; a section's save knows the consolidated totals and the figures kept fresh
without computing them, and still refuses an unknown name; the draft's page reloads itself while
its figures are computed and has a “Tính lại” button held to the refresh window. On an invented
province: five grassroots committees, the fifth under a district's superior committee."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.test import override_settings

from dangvu.accounts.models import Role
from dangvu.ops.jobs import run_job
from dangvu.ops.models import Job
from dangvu.orgs.models import Organization
from dangvu.people.actions import admit, create_person
from dangvu.reports import actions as report_actions
from dangvu.reports import outputs
from dangvu.superior import kept, synthetic

pytestmark = pytest.mark.django_db
K = Organization.Kind
YEAR = 2017
BIG = override_settings(DANGVU_JOB_MIN_ORGS=0)
NOW = override_settings(DANGVU_KEPT_REFRESH_MINUTES=0)
WINDOW = override_settings(DANGVU_KEPT_REFRESH_MINUTES=10)
MEMBERS = "units.party.members"
OLDER = "Dự thảo đang hiện số liệu tính lúc"


@pytest.fixture
def province():
    return synthetic.build(committees=5, cells=2, members=6, year=YEAR, prefix="song-lam")


def _user(name, org):
    user = get_user_model().objects.create_user(name)
    Role.objects.create(user=user, kind=Role.Kind.SUPERIOR, org=org)
    return user


def _not_computed(*args, **kwargs):
    raise AssertionError("the report's figures were computed in the request")


def _figure_page(client, draft, name, status=200):
    response = client.get(f"/bao-cao/{draft.id}/so-lieu/{name}/")
    assert response.status_code == status
    return response.content.decode()


def _run(job):
    run_job.call(job.pk)
    job.refresh_from_db()
    assert job.status == Job.DONE, job.error


def _new_member(province):
    """One more party member in a cell of the province, admitted during the year."""
    cell = Organization.objects.filter(kind=K.PARTY_CELL, slug__startswith="song-lam").first()
    person = create_person(
        None, home_org=cell, full_name="Lò Văn Thắm", birth_date=dt.date(1990, 3, 4), gender="male"
    )
    admit(None, person, cell, dt.date(YEAR, 6, 1))
    return person


def test_each_consolidated_total_alone_is_the_figure_among_all(province):
    draft = report_actions.create_draft(None, province, YEAR)
    period = draft.reporting_period
    every = outputs.live_facts(draft)
    totals = kept.total_names(province, period)
    assert MEMBERS in totals and totals <= set(every)
    # The provider's other figures (counts of units, its wording, the forms) are not totals.
    assert {"units.count", "units.executive", "units.table"}.isdisjoint(totals)
    for name in sorted(totals):
        assert kept.total_alone(province, period, name) == every[name], name
    committee = Organization.objects.filter(kind=K.PARTY_COMMITTEE).first()
    assert kept.total_names(committee, period) == set()


@BIG
def test_the_figure_page_computes_one_total_alone(province, client, monkeypatch):
    writer = _user("khoi-song-lam", province)
    draft = report_actions.create_draft(None, province, YEAR)
    kept.keep_report_figures(province, draft.reporting_period)
    every = outputs.live_facts(draft)
    client.force_login(writer)
    with monkeypatch.context() as patched:
        patched.setattr(outputs, "compute", _not_computed)
        html = _figure_page(client, draft, MEMBERS)
    figure = every[MEMBERS]
    assert figure.people and f"Cá nhân ({len(figure.people)})" in html
    assert OLDER not in html  # fresh: the draft's page shows the same value
    # Another figure is computed with the providers giving it, as before.
    assert "Số tổ chức cơ sở đảng trực thuộc" in _figure_page(client, draft, "units.count")
    _figure_page(client, draft, "units.khong-co", status=404)


@BIG
@NOW
def test_after_a_change_the_figure_page_says_the_drafts_value_is_older(province, client):
    writer = _user("khoi-song-lam", province)
    draft = report_actions.create_draft(None, province, YEAR)
    kept.keep_report_figures(province, draft.reporting_period)
    before = outputs.live_facts(draft, only={MEMBERS})[MEMBERS].value
    _new_member(province)
    figure = outputs.live_facts(draft, only={MEMBERS})[MEMBERS]
    assert figure.value == before + 1
    client.force_login(writer)
    html = _figure_page(client, draft, MEMBERS)
    # The value and the people beside it are those of the records now; the draft's, kept, is
    # said to be older with its own value.
    assert f"Cá nhân ({figure.value})" in html
    assert f"{OLDER}" in html and "có thay đổi sau đó" in html
    note = html[html.index(OLDER) :].split("</p>")[0]
    assert f": {before:02d}" in note
    # A figure the change left as it was: older, without another value.
    note = _figure_page(client, draft, "units.committees")
    assert OLDER in note and "có thay đổi sau đó." in note


@BIG
def test_a_district_user_opens_its_own_drafts_figures_only(province, client):
    district = province.children.get(kind=K.SUPERIOR_COMMITTEE)
    province_draft = report_actions.create_draft(None, province, YEAR)
    own = report_actions.create_draft(None, district, YEAR)
    for draft in (province_draft, own):
        kept.keep_report_figures(draft.org, draft.reporting_period)
    client.force_login(_user("huyen-song-lam", district))
    figure = outputs.live_facts(own, only={MEMBERS})[MEMBERS]
    assert figure.value < outputs.live_facts(province_draft, only={MEMBERS})[MEMBERS].value
    assert f"Cá nhân ({figure.value})" in _figure_page(client, own, MEMBERS)
    _figure_page(client, province_draft, MEMBERS, status=404)
    assert client.post(f"/bao-cao/{province_draft.id}/tinh-lai/").status_code == 404
    assert not Job.objects.exists()
    with override_settings(DANGVU_KEPT_REFRESH_MINUTES=0):
        assert client.post(f"/bao-cao/{own.id}/tinh-lai/").status_code == 302
    assert Job.objects.get().org == district


@BIG
@NOW
def test_a_save_knows_totals_and_fresh_figures_and_refuses_an_unknown_name(
    province, client, monkeypatch
):
    writer = _user("khoi-song-lam", province)
    draft = report_actions.create_draft(None, province, YEAR)
    section = draft.sections.order_by("order").first()
    url = f"/bao-cao/{draft.id}/muc/{section.key}/"
    client.force_login(writer)
    monkeypatch.setattr(outputs, "compute", _not_computed)
    # A total: known from the year, nothing kept yet.
    response = client.post(url, {"text": "Có {units.party.members} đảng viên."})
    assert response.status_code == 302
    section.refresh_from_db()
    assert section.text == "Có {units.party.members} đảng viên."
    # Another figure: computed when nothing is kept fresh.
    with pytest.raises(AssertionError, match="computed in the request"):
        client.post(url, {"text": "Có {units.count} tổ chức cơ sở đảng."})
    monkeypatch.undo()
    kept.keep_report_figures(province, draft.reporting_period)
    monkeypatch.setattr(outputs, "compute", _not_computed)
    response = client.post(url, {"text": "Có {units.count} tổ chức cơ sở đảng."})
    assert response.status_code == 302  # among the figures kept fresh
    # Now stale (the save is a change): computed again.
    with pytest.raises(AssertionError, match="computed in the request"):
        client.post(url, {"text": "Có {units.committees} đảng bộ cơ sở."})
    monkeypatch.undo()
    response = client.post(url, {"text": "Có {units.party.memberz} đảng viên."})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Không có số liệu “units.party.memberz”" in html and MEMBERS in html
    section.refresh_from_db()
    assert section.text == "Có {units.count} tổ chức cơ sở đảng."
    # A name the caller says is known is not computed; an unknown one is still refused.
    with pytest.raises(ValidationError, match="units.party.memberz"):
        report_actions.refuse_unknown_names(
            draft, "{units.party.members} {units.party.memberz}", known={MEMBERS}
        )


@BIG
def test_the_page_reloads_itself_while_its_figures_are_computed(
    province, client, django_capture_on_commit_callbacks
):
    writer = _user("khoi-song-lam", province)
    draft = report_actions.create_draft(None, province, YEAR)
    client.force_login(writer)
    with django_capture_on_commit_callbacks(execute=True):
        html = client.get(f"/bao-cao/{draft.id}/").content.decode()
    assert '<meta http-equiv="refresh" content="10">' in html and "tự tải lại" in html
    assert "Tính lại" not in html
    _run(Job.objects.get())
    html = client.get(f"/bao-cao/{draft.id}/").content.decode()
    assert 'http-equiv="refresh"' not in html and "report-paper" in html
    assert f'action="/bao-cao/{draft.id}/tinh-lai/"' in html and "Tính lại" in html


@BIG
@WINDOW
def test_the_recompute_button_obeys_the_refresh_window(
    province, client, django_capture_on_commit_callbacks
):
    writer = _user("khoi-song-lam", province)
    draft = report_actions.create_draft(None, province, YEAR)
    row = kept.keep_report_figures(province, draft.reporting_period)
    url = f"/bao-cao/{draft.id}/tinh-lai/"
    client.force_login(writer)
    assert client.get(url)["Location"] == f"/bao-cao/{draft.id}/"  # computes nothing
    response = client.post(url, follow=True)
    assert "có thể tính lại từ" in response.content.decode()
    assert not Job.objects.exists()
    # Computed longer ago than the window: one job, however many presses.
    row.computed_at -= dt.timedelta(minutes=11)
    row.save(update_fields=["computed_at"])
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(url, follow=True)
        assert "Đang tính lại số liệu trong nền" in response.content.decode()
    job = Job.objects.get()
    assert job.user == writer and job.params["kind"].startswith(kept.REPORT)
    # A final draft's figures are frozen: nothing to compute.
    final = report_actions.create_draft(None, province, YEAR, "six_month")
    final.status, final.frozen_facts = final.Status.FINAL, {}
    final.save(update_fields=["status", "frozen_facts"])
    response = client.post(f"/bao-cao/{final.id}/tinh-lai/", follow=True)
    assert "số liệu đã được giữ nguyên, không tính lại" in response.content.decode()
    assert Job.objects.count() == 1
