"""The report section editor's list of figures of a superior committee, kept by the nightly
command: read when fresh, the same as computed; computed anew (and kept) once the records
changed; a grassroots organization's always computed."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command

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


def _keep(org):
    out = StringIO()
    call_command("keep_figures", org=org.slug, date=DAY, stdout=out)
    return out.getvalue()


def _computed(draft):
    return report_actions.editor_figures(draft.org, draft.reporting_period)


def _not_computed(*args, **kwargs):
    raise AssertionError("the editor's figures were computed, not read from the kept ones")


def test_the_kept_editor_figures_are_those_computed(bloc, monkeypatch):
    draft = report_actions.create_draft(None, bloc, 2025)
    half = report_actions.create_draft(None, bloc, 2025, "six_month")
    computed = {d.id: _computed(d) for d in (draft, half)}
    assert computed[draft.id] and computed[draft.id] != computed[half.id]
    out = _keep(bloc)
    assert "trang soạn báo cáo kỳ 2025" in out
    with monkeypatch.context() as patched:
        patched.setattr(report_actions, "editor_figures", _not_computed)
        for d in (draft, half):  # each period its own list
            assert _figure_list(d) == computed[d.id]


def test_a_change_in_the_records_computes_the_list_again(bloc, monkeypatch):
    draft = report_actions.create_draft(None, bloc, 2025)
    _keep(bloc)
    before = _figure_list(draft)
    _org(K.PARTY_COMMITTEE, "Đảng bộ Bến xe Ngã Ba", bloc)  # a third committee
    after = _figure_list(draft)
    assert after != before  # not the list kept, which counts two committees
    assert after == _computed(draft)
    # Computed, it was kept: the next opening reads it.
    monkeypatch.setattr(report_actions, "editor_figures", _not_computed)
    assert _figure_list(draft) == after


def test_a_grassroots_organizations_list_is_not_kept(bloc, monkeypatch):
    committee = bloc.children.first()
    draft = report_actions.create_draft(None, committee, 2025)
    _keep(committee)
    kinds = set(KeptFigures.objects.filter(org=committee).values_list("kind", flat=True))
    assert not any(kind.startswith(kept.EDITOR) for kind in kinds)
    calls = []
    monkeypatch.setattr(report_actions, "editor_figures", lambda *a: calls.append(a) or [])
    _figure_list(draft)
    assert calls  # computed in the request, as before
