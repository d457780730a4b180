"""Audit entries: every named action writes one (who, when, before, after)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypedDict, TypeVar, Unpack

from django.contrib.auth.models import AnonymousUser, User
from django.db import models

from dangvu.accounts.models import AuditEntry

if TYPE_CHECKING:  # annotations only: the audit trail sits below the apps whose records it names
    from dangvu.orgs.models import Organization
    from dangvu.people.models import Person

M = TypeVar("M", bound=models.Model)

# Who acts: a signed-in user, an anonymous request, or None for a command run by the operator.
Actor = User | AnonymousUser | None


def signed_in(actor: Actor) -> User | None:
    """The user an entry names: nobody for the operator's commands or an anonymous request."""
    return actor if isinstance(actor, User) and actor.is_authenticated else None


def snapshot(obj: models.Model | None) -> dict[str, Any] | None:
    """The record's concrete fields as JSON-ready values (foreign keys as ids)."""
    if obj is None:
        return None
    data = {}
    for field in obj._meta.concrete_fields:
        value = getattr(obj, field.attname)
        if isinstance(value, dt.date | dt.datetime | dt.time | Decimal):
            value = str(value)
        elif isinstance(field, models.FileField):
            value = str(value or "")
        elif isinstance(field, models.BinaryField):
            value = f"{len(value)} bytes" if value else None
        data[field.attname] = value
    return data


class Details(TypedDict, total=False):
    """What an entry says beyond who did what to which record (see `entry`)."""

    summary: str
    person: Person | None
    org: Organization | None
    after: Any
    kind: str


def record(
    actor: Actor,
    action: str,
    obj: models.Model,
    before: dict[str, Any] | None = None,
    **details: Unpack[Details],
) -> AuditEntry:
    """Write the audit entry for `action` on `obj`; `before` is the snapshot taken before the change."""
    e = entry(actor, action, obj, before, **details)
    e.save()
    return e


def change(
    actor: Actor, action: str, obj: M, changes: dict[str, Any], **details: Unpack[Details]
) -> M:
    """Set `changes` on `obj`, save it and write its audit entry (the snapshot before, the record
    after): the shape of most actions that change one record."""
    before = snapshot(obj)
    for name, value in changes.items():
        setattr(obj, name, value)
    obj.save()
    record(actor, action, obj, before, **details)
    return obj


def record_many(entries: Iterable[AuditEntry], batch_size: int = 500) -> list[AuditEntry]:
    """Write unsaved entries from `entry` in one insert: imports and collection sheets write
    hundreds at once."""
    return AuditEntry.objects.bulk_create(entries, batch_size=batch_size)


def entry(
    actor: Actor,
    action: str,
    obj: models.Model,
    before: dict[str, Any] | None = None,
    *,
    summary: str = "",
    person: Person | None = None,
    org: Organization | None = None,
    after: Any = ...,
    kind: str = AuditEntry.Kind.CHANGE,
) -> AuditEntry:
    """The audit entry `record` writes, not yet saved. `kind` says what it records when it is
    not a change to the records (`AuditEntry.Kind`): whoever writes the entry knows, its name
    does not tell."""
    return AuditEntry(
        actor=signed_in(actor),
        action=action,
        kind=kind,
        summary=summary[:255],
        target_type=obj._meta.label_lower,
        target_id=obj.pk,
        person=person,
        org=org,
        before=before,
        after=snapshot(obj) if after is ... else after,
    )


def record_export(
    actor: Actor,
    *,
    action: str,
    what: str,
    rows: int,
    org: Organization | None = None,
    filters: dict[str, Any] | None = None,
) -> AuditEntry:
    """Leave an audit entry for a file of people's personal data leaving dangvu: who (the actor),
    when (the entry's time), what (`what`, the filters) and how many rows. One entry per file,
    not per person: the file is what left. The entry is marked an export, whatever its name: it
    changes no record."""
    where = f" của {org}" if org is not None else ""
    return AuditEntry.objects.create(
        actor=signed_in(actor),
        action=action,
        kind=AuditEntry.Kind.EXPORT,
        summary=f"Xuất {what}{where}: {rows} dòng"[:255],
        target_type="people.person",
        org=org,
        after={"rows": rows, "filters": dict(filters or {})},
    )
