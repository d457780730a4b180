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
# The providers that alone give some names: {provider: names}, a name ending in "." standing for
# every name under it (`provider_of`); those that may give only the names wanted (`partial`).
_GIVES: dict[Provider, tuple[str, ...]] = {}
_PARTIAL: set[Provider] = set()


def provider(func: Provider) -> Provider:
    """Register `func(org, period) -> {fact name: Figure}`."""
    _PROVIDERS.append(func)
    return func


def provider_of(*names: str, partial: bool = False) -> Callable[[Provider], Provider]:
    """Register a provider (as `provider`) that alone gives the facts `names` ("units." for
    every name under it): no other provider or derived fact gives one of them, so a reader
    wanting only such names can run only it (`compute(..., only=...)`). A `partial` provider
    is then called with `only` (the names wanted) and may give just those (and what it makes
    them from), each the same Figure as when it gives them all."""

    def register(func: Provider) -> Provider:
        _GIVES[func] = names
        if partial:
            _PARTIAL.add(func)
        return provider(func)

    return register


def _gives(given: str, name: str) -> bool:
    return name == given or (given.endswith(".") and name.startswith(given))


def providers_for(only: Any) -> list[Provider] | None:
    """The providers registered with `provider_of` giving the names `only`, in registry order;
    None when a name is not one of theirs (every provider is then needed)."""
    needed = set()
    for name in only:
        givers = [func for func, names in _GIVES.items() if any(_gives(g, name) for g in names)]
        if not givers:
            return None
        needed.update(givers)
    return [func for func in _PROVIDERS if func in needed]


def derived(func: Derived) -> Derived:
    """Register `func(org, period, facts) -> {fact name: Figure}`: facts made from other facts
    (wording such as "Tiến sĩ: 01; Thạc sĩ: 04"), computed after every provider."""
    _DERIVED.append(func)
    return func


def compute(org: Any, period: Period, only: Any = None) -> Facts:
    """Every registered fact for `org` and `period`, keyed by name. The providers share the reads
    they repeat (the subtree, the organization's type): one `memo.scope` per call, so nothing
    read here serves another call.

    With `only` (fact names): when `provider_of` providers give them all, only those run, and
    their facts (at least those wanted, each the same as computed with every other) are
    returned: a superior's report names a few dozen of the figures a province's subtree has, and
    the others took most of its time. Otherwise every fact, as without `only`."""
    chosen = providers_for(only) if only is not None else None
    facts: Facts = {}
    with memo.scope():
        if chosen is not None:
            for func in chosen:
                call: Any = func  # a partial provider also takes the names wanted
                facts.update(
                    call(org, period, only=set(only)) if func in _PARTIAL else func(org, period)
                )
            return facts  # derived facts are made from the others: none of the names wanted
        for func in _PROVIDERS:
            facts.update(func(org, period))
        for make in _DERIVED:
            facts.update(make(org, period, facts))
    return facts
