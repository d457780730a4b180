"""Saving a section checks the figure names of its text by computing those names alone: a
superior committee's every figure takes tens of seconds on a province. Only a name not found
makes it compute them all, to be sure and to suggest the nearest."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from dangvu.orgs.actions import create_org
from dangvu.orgs.models import Organization
from dangvu.reports import actions

pytestmark = pytest.mark.django_db
K = Organization.Kind
FOUNDED = dt.date(2020, 1, 1)


@pytest.fixture
def draft():
    """The 2025 report of an invented superior committee over two grassroots committees."""
    superior = create_org(
        None,
        kind=K.SUPERIOR_COMMITTEE,
        name="Đảng ủy Khối Nông nghiệp tỉnh Bến Tre Thượng",
        valid_from=FOUNDED,
    )
    for name in ("Công ty Thủy lợi Cồn Phụng", "Trạm Giống Ba Lai"):
        create_org(
            None,
            kind=K.PARTY_COMMITTEE,
            name=f"Đảng bộ {name}",
            parent=superior,
            valid_from=FOUNDED,
        )
    return actions.create_draft(None, superior, 2025)


@pytest.fixture
def asked(monkeypatch):
    """The `only` of every computation of figures a save asks for (None: all of them)."""
    calls = []
    real = actions.live_facts

    def recorded(draft, only=None):
        calls.append(only)
        return real(draft, only)

    monkeypatch.setattr(actions, "live_facts", recorded)
    return calls


def test_a_known_name_is_checked_alone(draft, asked):
    name = next(
        n
        for n, _label, _value in actions.editor_figures(draft.org, draft.reporting_period)
        if n.startswith("units.")
    )
    section = draft.sections.order_by("order").first()
    actions.edit_section(None, section, f"Toàn khối có {{{name}}}.")
    assert asked == [{name}]
    section.refresh_from_db()
    assert name in section.text


def test_an_unknown_name_is_refused_with_the_nearest(draft, asked):
    name = next(
        n
        for n, _label, _value in actions.editor_figures(draft.org, draft.reporting_period)
        if n.startswith("units.")
    )
    typo = name[:-1] + ("x" if name[-1] != "x" else "y")
    section = draft.sections.order_by("order").first()
    before = section.text
    with pytest.raises(ValidationError, match=f"Có phải ý bạn là {name}"):
        actions.edit_section(None, section, f"Có {{{typo}}} và {{{name}}}.")
    assert asked[-1] is None  # every figure computed, to be sure
    section.refresh_from_db()
    assert section.text == before
