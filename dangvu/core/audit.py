"""Audit entries: every named action writes one (who, when, before, after)."""

import datetime as dt
from decimal import Decimal

from django.db import models

from dangvu.accounts.models import AuditEntry


def snapshot(obj) -> dict | None:
    """The record's concrete fields as JSON-ready values (foreign keys as ids)."""
    if obj is None:
        return None
    data = {}
    for field in obj._meta.concrete_fields:
        value = getattr(obj, field.attname)
        if isinstance(value, dt.date | dt.datetime | Decimal):
            value = str(value)
        elif isinstance(field, models.FileField):
            value = str(value or "")
        elif isinstance(field, models.BinaryField):
            value = f"{len(value)} bytes" if value else None
        data[field.attname] = value
    return data


def record(actor, action, obj, before=None, *, summary="", person=None, org=None, after=...):
    """Write the audit entry for `action` on `obj`; `before` is the snapshot taken before the change."""
    e = entry(actor, action, obj, before, summary=summary, person=person, org=org, after=after)
    e.save()
    return e


def record_many(entries, batch_size=500):
    """Write unsaved entries from `entry` in one insert: imports and collection sheets write
    hundreds at once."""
    return AuditEntry.objects.bulk_create(entries, batch_size=batch_size)


def entry(actor, action, obj, before=None, *, summary="", person=None, org=None, after=...):
    """The audit entry `record` writes, not yet saved."""
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    return AuditEntry(
        actor=actor,
        action=action,
        summary=summary[:255],
        target_type=obj._meta.label_lower,
        target_id=obj.pk,
        person=person,
        org=org,
        before=before,
        after=snapshot(obj) if after is ... else after,
    )


def record_export(actor, *, action, what, rows, org=None, filters=None):
    """Leave an audit entry for a file of people's personal data leaving dangvu: who (the actor),
    when (the entry's time), what (`what`, the filters) and how many rows. One entry per file,
    not per person: the file is what left."""
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    where = f" của {org}" if org is not None else ""
    return AuditEntry.objects.create(
        actor=actor,
        action=action,
        summary=f"Xuất {what}{where}: {rows} dòng"[:255],
        target_type="people.person",
        org=org,
        after={"rows": rows, "filters": dict(filters or {})},
    )
