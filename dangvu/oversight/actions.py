"""The named changes of inspections, verifications and scores: each validates, writes and leaves
an audit entry.

Errors are `ValidationError`s with Vietnamese messages, raised before anything is written; every
action runs in one transaction.
"""

from django.core.exceptions import ValidationError
from django.db import transaction

from dangvu.core import audit
from dangvu.lib.text import decimal_vi
from dangvu.work.common import (
    check_period,
    check_year,
    parse_score,
    required_text,
)

from .models import Inspection, InspectionProgramme, Score, Verification

# Inspection, verification, scores ---------------------------------------------------------------


@transaction.atomic
def create_inspection_programme(actor, *, org, year, title, notes=""):
    check_year(year)
    title = required_text(title, "Tên chương trình")
    p = InspectionProgramme.objects.create(org=org, year=year, title=title, notes=notes.strip())
    audit.record(actor, "inspection.programme", p, summary=title, org=org)
    return p


@transaction.atomic
def record_inspection(
    actor,
    *,
    org,
    direction,
    kind,
    inspector,
    subject,
    starts_on,
    ends_on=None,
    subject_org=None,
    subject_person=None,
    programme=None,
    decision="",
    conclusion="",
):
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
def conclude_inspection(actor, inspection, *, conclusion, ends_on):
    conclusion = required_text(conclusion, "Kết luận")
    check_period(inspection.starts_on, ends_on)
    before = audit.snapshot(inspection)
    inspection.conclusion, inspection.ends_on = conclusion, ends_on
    inspection.save()
    audit.record(
        actor,
        "inspection.conclude",
        inspection,
        before,
        summary="Kết luận kiểm tra",
        org=inspection.org,
    )
    return inspection


@transaction.atomic
def record_verification(actor, *, org, person, purpose, requested_on, completed_on=None, result=""):
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
def record_score(actor, *, org, year, area, body, score, scored_on=None, note=""):
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
