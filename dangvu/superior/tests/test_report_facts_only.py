"""The superior's report computes only the facts it names (`compute(..., only=...)`): the same
document as from every fact, each figure still opening the records behind it; a name no
`provider_of` provider gives (an office's own wording naming a subtree figure) computes them all."""

from io import StringIO

import pytest
from django.core.management import call_command

from dangvu.core import facts as registry
from dangvu.core.facts import Period, compute
from dangvu.orgs.models import Organization
from dangvu.reports import views
from dangvu.reports.models import ReportDraft
from dangvu.reports.outputs import live_facts, rendered
from dangvu.reports.render import build_document, names_used, to_markdown
from dangvu.reports.unsaved import sections_of, unsaved_draft

pytestmark = pytest.mark.django_db
SUPERIOR = "dang-uy-khoi-cac-co-quan-tra-vinh"


def _superior():
    """The demo's superior committee with two invented grassroots committees beside the demo's."""
    call_command("load_province", count=2, members=6, stdout=StringIO())
    return Organization.objects.get(slug=SUPERIOR)


def _from_every_fact(draft):
    figures = compute(draft.org, draft.reporting_period)
    values = {name: f.value for name, f in figures.items()}
    labels = {name: f.label for name, f in figures.items()}
    return to_markdown(build_document(draft, sections_of(draft), values, None, labels).document)


def test_the_report_from_the_facts_it_names_is_the_report_from_every_fact(demo):
    draft = unsaved_draft(_superior(), 2017)
    names = names_used(draft, sections_of(draft))
    assert registry.providers_for(names) is not None
    # Only the units', its own and the names' providers ran: not the subtree's statistics.
    subset = live_facts(draft, only=names)
    assert "units.party.members" in subset and "party.members" not in subset
    # Nor the units' staff figures the report does not name; those it names are the same
    # figures, with the same people, units and records behind them.
    every = compute(draft.org, draft.reporting_period)
    assert any(n.startswith("units.staff.") for n in every)
    assert not any(n.startswith("units.staff.") for n in subset)
    for name in names & set(every):
        assert subset[name] == every[name], name
    # A figure opened alone (its page) is the same figure.
    for name in ("units.party.members", "units.party.losses.summary", "units.table"):
        alone = live_facts(draft, only={name})
        assert alone[name] == every[name], name
    assert "units.table" not in live_facts(draft, only={"units.party.members"})
    done = rendered(draft)
    assert done.missing == set()
    assert to_markdown(done.document) == _from_every_fact(draft)


def test_a_name_of_another_provider_computes_every_fact(demo, login, monkeypatch):
    superior = _superior()
    client = login("captren")
    client.post("/bao-cao/", {"org": superior.pk, "year": 2017, "kind": "annual"})
    draft = ReportDraft.objects.get(org=superior, year=2017)
    section = draft.sections.get(key="situation")
    section.text += "\nToàn Đảng bộ có {party.members} đảng viên."
    section.save()
    assert registry.providers_for(names_used(draft, sections_of(draft))) is None
    md = to_markdown(rendered(draft).document)
    members = compute(superior, Period.year(2017))["party.members"].value
    assert f"Toàn Đảng bộ có {members:02d} đảng viên." in md
    assert md == _from_every_fact(draft)
    # A figure computed alone still opens the people behind it.
    figure = client.get(f"/bao-cao/{draft.pk}/so-lieu/units.party.members/").content.decode()
    behind = live_facts(draft, only={"units.party.members"})["units.party.members"]
    assert behind.people and behind.value == len(behind.people)
    assert f"Cá nhân ({len(behind.people)})" in figure
    # A province's figure lists its first people and says how many there are.
    monkeypatch.setattr(views, "SHOWN", 2)
    figure = client.get(f"/bao-cao/{draft.pk}/so-lieu/units.party.members/").content.decode()
    assert f"Cá nhân ({len(behind.people)})" in figure and "Liệt kê 2 người đầu tiên" in figure


@pytest.mark.parametrize("slug", [SUPERIOR, None], ids=["superior", "committee"])
def test_a_provider_of_names_alone_gives_them(demo, slug):
    """Each `provider_of` provider gives only names it declared, and no other provider or
    derived fact gives one of them: computing it alone leaves out nothing the report names."""
    org = _superior() if slug else demo
    period = Period.year(2017)
    given = {}
    for func in registry._PROVIDERS:
        for name in func(org, period):
            given.setdefault(name, set()).add(func)
    every = compute(org, period)
    for make in registry._DERIVED:
        for name in make(org, period, every):
            given.setdefault(name, set()).add(make)
    assert given
    for name, funcs in given.items():
        declared = registry.providers_for({name})
        if declared is not None:
            assert set(declared) == funcs, (name, funcs)
