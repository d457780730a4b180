"""The registry of who may read and write which record kind: one place to review every rule.

Each app registers, in its own `access.py` (imported by its AppConfig.ready), a `Rule` for every
model that holds an organization or a person. `Scope` (dangvu.accounts.scope) asks this registry
in `scope.visible(Model)` and `scope.get_or_404(Model, pk, write=...)`, so a view never filters
by organization by hand. This module knows nothing of the apps: a rule is two functions.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Model, Q, QuerySet

from .ids import any_of

# A rule's functions take the asking scope (dangvu.accounts.scope.Scope, not imported here: the
# scope module sits above this one and asks it).
ReadRule = Callable[[Any, QuerySet], QuerySet]
WriteRule = Callable[[Any, Any], bool]


@dataclass(frozen=True)
class Rule:
    """How a record kind is scoped.

    `read(scope, qs)` narrows a queryset to what the scope may read; `write(scope, obj)` says
    whether it may change a readable record. `org_path` is the lookup from the record to the
    organization it belongs to (the role walk moves records out of scope along it); `url_param`
    names the record in URLs (`<int:campaign_id>`), empty when no URL names it; `noun` is the
    Vietnamese word for the 404 message.
    """

    read: ReadRule
    write: WriteRule
    org_path: str
    noun: str = "hồ sơ"
    url_param: str = ""


_RULES: dict[type[Model], Rule] = {}


def register(model: type[Model], rule: Rule) -> None:
    if model in _RULES:
        raise ValueError(f"{model._meta.label} already has an access rule")
    _RULES[model] = rule


def rule_for(model: type[Model]) -> Rule:
    try:
        return _RULES[model]
    except KeyError:
        raise LookupError(f"{model._meta.label} has no access rule: register one") from None


def rules() -> dict[type[Model], Rule]:
    return dict(_RULES)


# The usual rules -------------------------------------------------------------------------------


def by_org(org_path: str = "org", **kwargs: Any) -> Rule:
    """A record of one organization: read and written with that organization."""

    def read(scope: Any, qs: QuerySet) -> QuerySet:
        if scope.sees_everything:
            return qs
        return qs.filter(**{f"{org_path}__in": any_of(scope.read_org_ids)})

    def write(scope: Any, obj: Any) -> bool:
        return scope.can_write_org(_follow(obj, org_path))

    return Rule(read, write, org_path, **kwargs)


def _reach(scope: Any, party_file: bool) -> Any:
    """Who reads a record about a person by the person: the scope, or for a Party record (a
    party profile, a card, fees, an evaluation) its Party reach alone (`Scope.party`). A mass
    organization's executive reads its members, many of them Party members, and none of their
    Party file."""
    return scope.party if party_file else scope


def by_org_or_person(
    person_path: str, org_path: str = "org", *, party_file: bool = False, **kwargs: Any
) -> Rule:
    """A record of an organization about a person: read with the organization, or by whoever
    reads the person (a member reads their own; with `party_file`, through the Party reach
    only); written with the organization."""

    def read(scope: Any, qs: QuerySet) -> QuerySet:
        if scope.sees_everything:
            return qs
        people = _reach(scope, party_file).people().values("id")
        return qs.filter(
            Q(**{f"{org_path}__in": any_of(scope.read_org_ids)})
            | Q(**{f"{person_path}__in": people})
        )

    def write(scope: Any, obj: Any) -> bool:
        return scope.can_write_org(_follow(obj, org_path))

    return Rule(read, write, org_path, **kwargs)


def by_person(person_path: str = "person", *, party_file: bool = False, **kwargs: Any) -> Rule:
    """A record about one person: read with the person, written by whoever writes the person
    (with `party_file`, a Party record: through the Party reach only)."""

    def read(scope: Any, qs: QuerySet) -> QuerySet:
        if scope.sees_everything:
            return qs
        people = _reach(scope, party_file).people().values("id")
        return qs.filter(**{f"{person_path}__in": people})

    def write(scope: Any, obj: Any) -> bool:
        return _reach(scope, party_file).can_write_person(_follow(obj, person_path))

    return Rule(read, write, f"{person_path}__home_org", **kwargs)


def operator_only(org_path: str, **kwargs: Any) -> Rule:
    """Records no page lists by scope (the audit trail, accounts): only the operator reads them
    through the registry; their own pages apply their own rules."""

    def read(scope: Any, qs: QuerySet) -> QuerySet:
        return qs if scope.sees_everything else qs.none()

    def write(scope: Any, obj: Any) -> bool:
        return scope.write_org_ids is None

    return Rule(read, write, org_path, **kwargs)


def _follow(obj: Any, path: str) -> Any:
    for name in path.split("__"):
        obj = getattr(obj, name)
    return obj
