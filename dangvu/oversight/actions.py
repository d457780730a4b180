"""The named changes of inspections, verifications and scores: each validates, writes and leaves
an audit entry.

Errors are `ValidationError`s with Vietnamese messages, raised before anything is written; every
action runs in one transaction.
"""

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from dangvu.core import audit
from dangvu.core.audit import Actor
from dangvu.lib.text import decimal_vi
from dangvu.orgs.models import Organization
from dangvu.people.models import Person
from dangvu.work.common import (
    check_period,
    check_year,
    parse_score,
    required_text,
)

from .models import Inspection, InspectionProgramme, Score, Verification

# Inspection, verification, scores ---------------------------------------------------------------


@transaction.atomic
def create_inspection_programme(
    actor: Actor, *, org: Organization, year: int, title: str, notes: str = ""
) -> InspectionProgramme:
    check_year(year)
    title = required_text(title, "Tên chương trình")
    p = InspectionProgramme.objects.create(org=org, year=year, title=title, notes=notes.strip())
    audit.record(actor, "inspection.programme", p, summary=title, org=org)
    return p


@transaction.atomic
def record_inspection(
    actor: Actor,
    *,
    org: Organization,
    direction: str,
    kind: str,
    inspector: str,
    subject: str,
    starts_on: dt.date,
    ends_on: dt.date | None = None,
    subject_org: Organization | None = None,
    subject_person: Person | None = None,
    programme: InspectionProgramme | None = None,
    decision: str = "",
    conclusion: str = "",
) -> Inspection:
    if direction not in Inspection.Direction.values or kind not in Inspection.Kind.values:
        raise ValidationError("Loại kiểm tra, giám sát không hợp lệ.")
    inspector = required_text(inspector, "Chủ thể kiểm tra")
    subject = required_text(subject, "Nội dung kiểm tra, giám sát")
    check_period(starts_on, ends_on)
    if programme is not None and programme.org_id != org.id:
        raise ValidationError("Chương trình kiểm tra không thuộc tổ chức này.")
    i = Inspection.objects.create(
        org=org,
        direction=direction,
        kind=kind,
        inspector=inspector,
        subject=subject,
        starts_on=starts_on,
        ends_on=ends_on,
        subject_org=subject_org,
        subject_person=subject_person,
        programme=programme,
        decision=decision.strip(),
        conclusion=conclusion.strip(),
    )
    audit.record(
        actor,
        "inspection.record",
        i,
        summary=f"{i.get_kind_display()}: {subject[:80]}",
        org=org,
        person=subject_person,
    )
    return i


@transaction.atomic
def conclude_inspection(
    actor: Actor, inspection: Inspection, *, conclusion: str, ends_on: dt.date
) -> Inspection:
    conclusion = required_text(conclusion, "Kết luận")
    check_period(inspection.starts_on, ends_on)
    return audit.change(
        actor,
        "inspection.conclude",
        inspection,
        {"conclusion": conclusion, "ends_on": ends_on},
        summary="Kết luận kiểm tra",
        org=inspection.org,
    )


@transaction.atomic
def record_verification(
    actor: Actor,
    *,
    org: Organization,
    person: Person,
    purpose: str,
    requested_on: dt.date,
    completed_on: dt.date | None = None,
    result: str = "",
) -> Verification:
    if purpose not in Verification.Purpose.values:
        raise ValidationError("Mục đích thẩm tra không hợp lệ.")
    check_period(requested_on, completed_on)
    v = Verification.objects.create(
        org=org,
        person=person,
        purpose=purpose,
        requested_on=requested_on,
        completed_on=completed_on,
        result=result.strip(),
    )
    audit.record(
        actor,
        "verification.record",
        v,
        summary=f"Thẩm tra lý lịch ({v.get_purpose_display().lower()})",
        person=person,
        org=org,
    )
    return v


@transaction.atomic
def record_score(
    actor: Actor,
    *,
    org: Organization,
    year: int,
    area: str,
    body: str,
    score: Any,
    scored_on: dt.date | None = None,
    note: str = "",
) -> Score:
    """An organization's score for a year; a second score for the same area replaces the first."""
    check_year(year)
    if area not in Score.Area.values:
        raise ValidationError("Lĩnh vực chấm điểm không hợp lệ.")
    body = required_text(body, "Cơ quan chấm điểm")
    value = parse_score(score)
    if value is None:
        raise ValidationError("Cần nhập điểm.")
    obj = Score.objects.filter(org=org, year=year, area=area).first()
    before = audit.snapshot(obj)
    obj = obj or Score(org=org, year=year, area=area)
    obj.body, obj.score, obj.scored_on, obj.note = body, value, scored_on, note.strip()
    obj.save()
    audit.record(
        actor,
        "score.record",
        obj,
        before,
        summary=f"Chấm điểm {obj.get_area_display()} năm {year}: {decimal_vi(value)}",
        org=org,
    )
    return obj
