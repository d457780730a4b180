"""The registry of named facts: (organization, period) -> value, with the records behind it.

Each app registers providers; a provider computes a group of facts in a bounded number of
queries. Reports, the `facts` command and the figure pages all read facts from here.
"""

import datetime as dt
from dataclasses import dataclass, field

_PROVIDERS = []
_DERIVED = []


@dataclass
class Figure:
    """A fact's value and the records it counts: person ids, organization ids, or other records
    as {"model label": ids} (e.g. {"meetings.activity": {...}}), so a reader can see where it came from."""

    value: object
    people: frozenset = field(default_factory=frozenset)
    orgs: frozenset = field(default_factory=frozenset)
    label: str = ""
    records: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Period:
    """A reporting period; statistics "as of" the period are taken on its last day."""

    start: dt.date
    end: dt.date

    @classmethod
    def year(cls, year):
        return cls(dt.date(year, 1, 1), dt.date(year, 12, 31))

    def __str__(self):
        if (self.start.month, self.start.day, self.end.month, self.end.day) == (1, 1, 12, 31):
            return str(self.start.year)
        return f"{self.start:%d/%m/%Y}–{self.end:%d/%m/%Y}"


def provider(func):
    """Register `func(org, period) -> {fact name: Figure}`."""
    _PROVIDERS.append(func)
    return func


def derived(func):
    """Register `func(org, period, facts) -> {fact name: Figure}`: facts made from other facts
    (wording such as "Tiến sĩ: 01; Thạc sĩ: 04"), computed after every provider."""
    _DERIVED.append(func)
    return func


def compute(org, period):
    """Every registered fact for `org` and `period`, keyed by name."""
    facts = {}
    for func in _PROVIDERS:
        facts.update(func(org, period))
    for func in _DERIVED:
        facts.update(func(org, period, facts))
    return facts
