"""The named changes of trainings: each validates, writes and leaves an audit entry.

Errors are `ValidationError`s with Vietnamese messages, raised before anything is written; every
action runs in one transaction.
"""

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from dangvu.core import audit
from dangvu.core.audit import Actor
from dangvu.lib.dates import vn_date
from dangvu.orgs.models import Organization
from dangvu.people import actions as people_actions
from dangvu.people.models import Person
from dangvu.work.common import check_period

from .models import Enrolment

# Trainings -----------------------------------------------------------------------------------


@transaction.atomic
def enrol(
    actor: Actor,
    person: Person,
    *,
    org: Organization,
    course: str,
    starts_on: dt.date,
    ends_on: dt.date | None = None,
    title: str = "",
    field: str = "",
    provider: str = "",
    status: str = Enrolment.Status.STUDYING,
) -> Enrolment:
    if course not in Enrolment.Course.values:
        raise ValidationError("Loại lớp không hợp lệ.")
    if status not in (Enrolment.Status.ENROLLED, Enrolment.Status.STUDYING):
        raise ValidationError("Ghi danh mới phải ở trạng thái đã cử đi học hoặc đang học.")
    check_period(starts_on, ends_on)
    dup = Enrolment.objects.filter(person=person, course=course, starts_on=starts_on)
    if dup.exists():
        raise ValidationError(f"{person} đã có lớp này từ ngày {vn_date(starts_on)}.")
    e = Enrolment.objects.create(
        person=person,
        org=org,
        course=course,
        starts_on=starts_on,
        ends_on=ends_on,
        title=title.strip(),
        field=field.strip(),
        provider=provider.strip(),
        status=status,
    )
    audit.record(
        actor,
        "training.enrol",
        e,
        summary=f"Đi học: {e.title or e.get_course_display()}",
        person=person,
        org=org,
    )
    return e


@transaction.atomic
def complete_enrolment(actor: Actor, enrolment: Enrolment, on: dt.date) -> Enrolment:
    """Completion; a course that grants a degree or a political-theory level adds it."""
    if enrolment.status in (Enrolment.Status.COMPLETED, Enrolment.Status.DROPPED):
        raise ValidationError(f"Lớp này đã kết thúc ({enrolment.get_status_display().lower()}).")
    if on is None or on < enrolment.starts_on:
        raise ValidationError(
            f"Ngày hoàn thành phải từ ngày bắt đầu ({vn_date(enrolment.starts_on)}) trở đi."
        )
    changes: dict[str, Any] = {"status": Enrolment.Status.COMPLETED, "completed_on": on}
    grant = Enrolment.GRANTS.get(enrolment.course)
    if grant:
        kind, level = grant
        changes["qualification"] = people_actions.add_qualification(
            actor,
            enrolment.person,
            kind=kind,
            level=level,
            obtained_on=on,
            field=enrolment.field,
        )
    return audit.change(
        actor,
        "training.complete",
        enrolment,
        changes,
        summary=f"Hoàn thành: {enrolment.title or enrolment.get_course_display()}",
        person=enrolment.person,
        org=enrolment.org,
    )
    return enrolment


@transaction.atomic
def drop_enrolment(actor: Actor, enrolment: Enrolment, on: dt.date) -> Enrolment:
    if enrolment.status in (Enrolment.Status.COMPLETED, Enrolment.Status.DROPPED):
        raise ValidationError("Lớp này đã kết thúc.")
    if on < enrolment.starts_on:
        raise ValidationError("Ngày thôi học không được trước ngày bắt đầu.")
    return audit.change(
        actor,
        "training.drop",
        enrolment,
        {"status": Enrolment.Status.DROPPED, "completed_on": on},
        summary="Thôi học",
        person=enrolment.person,
        org=enrolment.org,
    )
