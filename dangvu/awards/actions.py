"""The named changes of commendations: recorded, corrected, cancelled. Each validates, writes and
leaves an audit entry; a correction or a cancellation keeps what was there in the audit entry's
snapshot, and a cancelled commendation stays on file.

Errors are `ValidationError`s with Vietnamese messages, raised before anything is written; every
action runs in one transaction.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from dangvu.core import audit
from dangvu.core.audit import Actor
from dangvu.lib.dates import vn_date
from dangvu.orgs.models import Organization
from dangvu.orgs.tree import subtree_ids
from dangvu.people.actions import active_membership
from dangvu.people.models import Membership, Person
from dangvu.work.common import required_text

from .models import Commendation


def _check_kind(kind: str) -> None:
    if kind not in Commendation.Kind.values:
        raise ValidationError("Hình thức khen thưởng không hợp lệ.")


def _check_day(day: dt.date | None) -> dt.date:
    if day is None:
        raise ValidationError("Cần nhập ngày quyết định khen thưởng.")
    if day > timezone.localdate():
        raise ValidationError(f"Ngày quyết định ({vn_date(day)}) không được sau ngày hôm nay.")
    return day


def _check_recipient(
    org: Organization, recipient_org: Organization | None, person: Person | None, day: dt.date
) -> None:
    """One recipient, a Party organization or a Party member on the day, under `org`."""
    if (recipient_org is None) == (person is None):
        raise ValidationError("Chọn một tổ chức đảng hoặc một đảng viên được khen (chỉ một).")
    below = subtree_ids([org.id])
    if recipient_org is not None:
        if not recipient_org.is_party:
            raise ValidationError(f"“{recipient_org}” không phải là tổ chức đảng.")
        recipient_org.check_active_on(day)
        if recipient_org.id not in below:
            raise ValidationError(f"“{recipient_org}” không thuộc {org}.")
        return
    assert person is not None
    membership = active_membership(person, Membership.Kind.PARTY, day)
    if membership is None:
        raise ValidationError(f"{person.full_name} không là đảng viên vào ngày {vn_date(day)}.")
    if membership.org_id not in below:
        raise ValidationError(
            f"{person.full_name} không sinh hoạt đảng tại {org} vào ngày {vn_date(day)}."
        )


def _awarder(awarder: Organization | None, awarder_name: str) -> str:
    awarder_name = " ".join((awarder_name or "").split())
    if awarder is None and not awarder_name:
        raise ValidationError("Cần ghi cấp khen (chọn tổ chức hoặc ghi tên).")
    return "" if awarder is not None else awarder_name


def _check_unique(recipient_org, person, kind, decision, exclude=None) -> None:
    same = Commendation.objects.filter(
        recipient_org=recipient_org, person=person, kind=kind, decision=decision
    )
    if exclude is not None:
        same = same.exclude(pk=exclude.pk)
    if same.exists():
        raise ValidationError(f"Khen thưởng theo quyết định {decision} đã được ghi.")


@transaction.atomic
def record_commendation(
    actor: Actor,
    *,
    org: Organization,
    kind: str,
    decision: str,
    decided_on: dt.date,
    recipient_org: Organization | None = None,
    person: Person | None = None,
    awarder: Organization | None = None,
    awarder_name: str = "",
    reason: str = "",
) -> Commendation:
    """A commendation recorded by `org` (a Party organization): of one of its organizations or
    of a member of its cells on the day of the decision."""
    if not org.is_party:
        raise ValidationError(f"“{org}” không phải là tổ chức đảng.")
    _check_kind(kind)
    decision = required_text(decision, "Số quyết định")
    decided_on = _check_day(decided_on)
    _check_recipient(org, recipient_org, person, decided_on)
    awarder_name = _awarder(awarder, awarder_name)
    _check_unique(recipient_org, person, kind, decision)
    commendation = Commendation.objects.create(
        org=org,
        recipient_org=recipient_org,
        person=person,
        kind=kind,
        awarder=awarder,
        awarder_name=awarder_name,
        decision=decision,
        decided_on=decided_on,
        reason=(reason or "").strip(),
    )
    audit.record(
        actor,
        "commendation.record",
        commendation,
        summary=f"{commendation.get_kind_display()} ({decision}): {commendation.recipient}",
        org=org,
        person=person,
    )
    return commendation


@transaction.atomic
def correct_commendation(
    actor: Actor,
    commendation: Commendation,
    *,
    kind: str,
    decision: str,
    decided_on: dt.date,
    awarder: Organization | None = None,
    awarder_name: str = "",
    reason: str = "",
) -> Commendation:
    """A commendation's details corrected as the decision reads; the recipient stays (a wrong
    recipient is cancelled and recorded again). What was there stays in the audit entry."""
    if commendation.cancelled_on is not None:
        raise ValidationError("Khen thưởng đã hủy: không sửa được.")
    _check_kind(kind)
    decision = required_text(decision, "Số quyết định")
    decided_on = _check_day(decided_on)
    _check_recipient(commendation.org, commendation.recipient_org, commendation.person, decided_on)
    awarder_name = _awarder(awarder, awarder_name)
    _check_unique(
        commendation.recipient_org, commendation.person, kind, decision, exclude=commendation
    )
    return audit.change(
        actor,
        "commendation.correct",
        commendation,
        {
            "kind": kind,
            "decision": decision,
            "decided_on": decided_on,
            "awarder": awarder,
            "awarder_name": awarder_name,
            "reason": (reason or "").strip(),
        },
        summary=f"Sửa khen thưởng: {commendation.recipient}",
        org=commendation.org,
        person=commendation.person,
    )


@transaction.atomic
def cancel_commendation(
    actor: Actor, commendation: Commendation, *, cancelled_on: dt.date, cancel_reason: str
) -> Commendation:
    """A commendation recorded in error, or revoked by the awarding body: kept on file, marked
    cancelled, no longer counted."""
    if commendation.cancelled_on is not None:
        raise ValidationError(f"Khen thưởng đã hủy ngày {vn_date(commendation.cancelled_on)}.")
    cancel_reason = required_text(cancel_reason, "Lý do hủy")
    if cancelled_on is None:
        raise ValidationError("Cần nhập ngày hủy.")
    if cancelled_on < commendation.decided_on:
        raise ValidationError(
            f"Ngày hủy ({vn_date(cancelled_on)}) không được trước ngày quyết định "
            f"({vn_date(commendation.decided_on)})."
        )
    return audit.change(
        actor,
        "commendation.cancel",
        commendation,
        {"cancelled_on": cancelled_on, "cancel_reason": cancel_reason},
        summary=f"Hủy khen thưởng: {commendation.recipient} ({cancel_reason})",
        org=commendation.org,
        person=commendation.person,
    )
