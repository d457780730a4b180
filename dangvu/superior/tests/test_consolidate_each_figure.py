"""Each section I figure consolidated alone (`only=[figure]`) equals the same figure of the whole
consolidation, with the same records behind it: asked for a few figures, the consolidation
reads only some staff categories and may leave the people's attributes unread, and that must
never change a value."""

import datetime as dt

import pytest

from dangvu.core.facts import Period
from dangvu.people.stats import LABELS as SECTION_ONE
from dangvu.superior import synthetic
from dangvu.superior.consolidate import consolidate

pytestmark = pytest.mark.django_db

# Figures whose staff records are only some categories, or that depend on the person (gender,
# ethnicity): the cases where less is read. The synthetic province must make them non-zero, or
# the comparison proves nothing.
SELECTIVE = (
    "staff.present",
    "staff.civil_servant.women",
    "staff.public_employee.ethnic_minority",
    "staff.contract",
    "agency.directors",
)


def test_each_figure_alone_equals_the_whole_consolidation():
    superior = synthetic.build(committees=3, cells=2, members=12)
    period = Period(dt.date(2017, 1, 1), dt.date(2017, 12, 31))
    whole = consolidate(superior, period)
    assert all(whole.totals[name] > 0 for name in SELECTIVE), {
        name: whole.totals[name] for name in SELECTIVE
    }
    for name in SECTION_ONE:
        alone = consolidate(superior, period, only=[name])
        for w, a in zip(whole.units, alone.units, strict=True):
            assert a.facts == {name: w.facts[name]}, name
            assert a.behind.get(name) == w.behind.get(name), name


def test_figures_asked_together_equal_the_whole_consolidation():
    superior = synthetic.build(committees=3, cells=2, members=12)
    period = Period.year(2017)
    whole = consolidate(superior, period)
    for only in (
        ("staff.present", "staff.contract.women"),
        ("staff.civil_servant", "education.bachelor"),
        ("staff.quota", "party.members.full"),
    ):
        some = consolidate(superior, period, only=only)
        for w, s in zip(whole.units, some.units, strict=True):
            assert s.facts == {name: w.facts[name] for name in only}, only
