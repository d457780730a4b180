"""The registry of named facts: (organization, period) -> value, with the records behind it.

Each app registers providers; a provider computes a group of facts in a bounded number of
queries. Reports, the `facts` command and the figure pages all read facts from here.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from . import memo


@dataclass
class Figure:
    """A fact's value and the records it counts: person ids, organization ids, or other records
    as {"model label": ids} (e.g. {"meetings.activity": {...}}), so a reader can see where it came from."""

    value: Any
    people: frozenset[int] = field(default_factory=frozenset)
    orgs: frozenset[int] = field(default_factory=frozenset)
    label: str = ""
    records: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Period:
    """A reporting period; statistics "as of" the period are taken on its last day."""

    start: dt.date
    end: dt.date

    @classmethod
    def year(cls, year: int) -> "Period":
        return cls(dt.date(year, 1, 1), dt.date(year, 12, 31))

    def __str__(self) -> str:
        if (self.start.month, self.start.day, self.end.month, self.end.day) == (1, 1, 12, 31):
            return str(self.start.year)
        return f"{self.start:%d/%m/%Y}–{self.end:%d/%m/%Y}"


# An organization is any model instance here: the registry sits below the apps that define it.
Facts = dict[str, Figure]
Provider = Callable[[Any, Period], Facts]
Derived = Callable[[Any, Period, Facts], Facts]

_PROVIDERS: list[Provider] = []
_DERIVED: list[Derived] = []


def provider(func: Provider) -> Provider:
    """Register `func(org, period) -> {fact name: Figure}`."""
    _PROVIDERS.append(func)
    return func


def derived(func: Derived) -> Derived:
    """Register `func(org, period, facts) -> {fact name: Figure}`: facts made from other facts
    (wording such as "Tiến sĩ: 01; Thạc sĩ: 04"), computed after every provider."""
    _DERIVED.append(func)
    return func


def compute(org: Any, period: Period) -> Facts:
    """Every registered fact for `org` and `period`, keyed by name. The providers share the reads
    they repeat (the subtree, the organization's type): one `memo.scope` per call, so nothing
    read here serves another call."""
    facts: Facts = {}
    with memo.scope():
        for func in _PROVIDERS:
            facts.update(func(org, period))
        for make in _DERIVED:
            facts.update(make(org, period, facts))
    return facts
