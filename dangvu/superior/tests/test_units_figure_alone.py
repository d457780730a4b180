"""Every `units.` figure computed alone is the figure computed among all, and a name that is no
consolidated total (`{units.count}`, as a section's save computes it) consolidates only what it
is made of: not the fees, members' changes and evaluations the provider's other wording reads.

Invented province: Đảng bộ Khối Trà Lý with two grassroots committees (one dissolved mid-year)
and two chi bộ cơ sở, and a district committee between it and a third committee with two more
chi bộ cơ sở; commendations by the bloc, by the district and by a unit's own committee, and one
unit's report sent."""

import datetime as dt

import pytest
from django.db import transaction
from django.utils import timezone

from dangvu.awards import actions as award_actions
from dangvu.core.facts import Period
from dangvu.orgs.models import Organization
from dangvu.people.models import Membership
from dangvu.reports.models import ReportDraft
from dangvu.superior import actions, consolidate, synthetic
from dangvu.superior import facts as superior

pytestmark = pytest.mark.django_db
K = Organization.Kind
YEAR = 2017
PERIOD = Period.year(YEAR)
ON = dt.date(YEAR, 5, 20)


def _commend(org, awarder, decision, **recipient):
    return award_actions.record_commendation(
        None,
        org=org,
        kind="letter",
        decision=decision,
        decided_on=ON,
        awarder=awarder,
        reason=f"Hoàn thành xuất sắc nhiệm vụ năm {YEAR - 1}",
        **recipient,
    )


def _sent(unit):
    draft = ReportDraft.objects.create(
        org=unit, year=YEAR, number="1-BC/ĐU", issued_on=dt.date(YEAR, 12, 1)
    )
    ReportDraft.objects.filter(pk=draft.pk).update(
        status=ReportDraft.Status.FINAL,
        finalised_at=timezone.make_aware(dt.datetime(YEAR, 12, 5, 9)),
        frozen_facts={"party.members": 6},
    )
    draft.refresh_from_db()
    actions.send_report(None, draft, sent_on=dt.date(YEAR, 12, 10))


@pytest.fixture(scope="module")
def bloc(django_db_setup, django_db_blocker):
    """The province and every figure of it, built once: each name is then computed alone."""
    with django_db_blocker.unblock(), transaction.atomic():
        top = synthetic.build(committees=2, cells=2, members=6, year=YEAR, prefix="tra-ly")
        district = Organization.objects.get(slug="tra-ly-giua")
        synthetic.build(
            committees=1, cells=2, members=6, year=YEAR, prefix="tra-ly-h", superior=district
        )
        first = Organization.objects.get(slug="tra-ly-db-0")
        below = Organization.objects.get(slug="tra-ly-h-db-0")
        cell = Organization.objects.get(slug="tra-ly-db-0-cb-0")
        member = Membership.objects.filter(org=cell, kind="party", valid_to=None).first().person
        _commend(top, top, "01-QĐ/ĐUK", recipient_org=first)
        _commend(top, top, "02-QĐ/ĐUK", person=member)
        _commend(district, district, "03-QĐ/ĐU", recipient_org=below)
        _commend(first, first, "04-QĐ/ĐU", recipient_org=cell)
        _sent(first)
        every = superior.superior_facts(top, PERIOD)
        yield top, every
        transaction.set_rollback(True)


def test_the_province_has_the_figures_the_wording_reads(bloc):
    _top, every = bloc
    assert every["units.count"].value == 6  # a committee dissolved mid-year is not counted
    assert every["units.committee_cells"].value == 4
    assert every["units.reports.sent"].value == 1
    assert every["units.commendations.own.summary"].value
    assert every["units.evaluations.members.summary"].value
    assert every["units.party.intake.summary"].value


NAMES = [
    "units.count",
    "units.committee_cells",
    "units.table",
    "units.reports.sent",
    "units.party.intake.summary",
    "units.party.losses.summary",
    "units.evaluations.members.summary",
    "units.evaluations.orgs.summary",
    "units.commendations.given.summary",
    "units.commendations.own.summary",
]


def test_the_names_checked_below_are_every_name_the_provider_gives(bloc):
    """The parametrised test below runs over `every_name()`: the provider's names, not a list."""
    _top, every = bloc
    assert set(NAMES) <= set(every) == set(every_name())


def every_name():
    """Every name the provider gives on a superior committee of the year (collected when the
    tests are gathered, from the provider's own lists: the consolidation's labels and the names
    it makes itself)."""
    made = {
        "units.executive",
        "units.count",
        "units.committees",
        "units.cells_base",
        *superior.READS,
        *superior.FORM_NAMES,
        "units.commendations.given.summary",
        "units.reports.sent",
        "units.reports.late",
        "units.reports.missing",
        "units.reports.missing_names",
        "units.commendations.own.summary",
        "units.commendations.own.decisions",
    }
    made |= {
        f"units.commendations.own.{form}.{who}"
        for form in superior.FORMS
        for who, _words in superior.RECIPIENTS
    }
    totals = consolidate.labels(YEAR)
    made |= {superior.PREFIX + n for n in totals if n not in consolidate.NOT_SUMMED}
    return sorted(made | OTHERS)


# The names of the other awarding bodies' sentences (`awards.facts.summary_of`).
OTHERS = {
    "units.commendations.others.summary",
    "units.commendations.others.decisions",
}


@pytest.mark.parametrize("name", every_name())
def test_each_figure_alone_is_the_figure_among_all(bloc, name):
    top, every = bloc
    alone = superior.superior_facts(top, PERIOD, only={name})
    assert alone[name] == every[name]
    # What the provider gives beside it (what it makes it from) is right too.
    for other, figure in alone.items():
        assert figure == every[other], other


def test_a_count_of_units_consolidates_nothing_its_wording_does_not_read(bloc, monkeypatch):
    top, every = bloc
    asked = []
    real = consolidate.consolidate

    def spy(root, period, tree=None, only=None):
        asked.append(only)
        return real(root, period, tree, only=only)

    monkeypatch.setattr(superior, "consolidate", spy)
    alone = superior.superior_facts(top, PERIOD, only={"units.count"})
    assert alone["units.count"] == every["units.count"]
    assert asked == [set()]
    # The table still consolidates the figures of its columns, and no more.
    superior.superior_facts(top, PERIOD, only={"units.table"})
    assert asked[-1] == set(superior.TABLE_FIGURES)
