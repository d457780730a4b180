"""The named changes of the year's review: each validates, writes and leaves an audit entry.

Errors are `ValidationError`s with Vietnamese messages, raised before anything is written; every
action runs in one transaction.
"""

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from dangvu.core import audit
from dangvu.core.audit import Actor
from dangvu.lib.rules import Rule, rule_in_force
from dangvu.lib.text import decimal_vi
from dangvu.orgs.models import Organization
from dangvu.people.models import Person
from dangvu.work.common import (
    check_year,
    one_subject,
    parse_score,
    required_text,
)

from .models import (
    DegradationAssessment,
    Evaluation,
    Pledge,
    ReviewSuggestion,
    Shortcoming,
    StudyPlan,
)

# Evaluation and classification ---------------------------------------------------------------


def classification_rule(year: int) -> Rule:
    """The classification rule for a year's review: the one in force on its last day."""
    return rule_in_force("classification", dt.date(year, 12, 31))


def band_for(score: Decimal, rule: Rule) -> str:
    for band in sorted(rule["bands"], key=lambda b: -b["min_score"]):
        if score >= Decimal(str(band["min_score"])):
            return band["code"]
    raise ValidationError(f"Điểm {decimal_vi(score)} không thuộc mức xếp loại nào.")


def band_label(rule: Rule, code: str, for_org: bool = False) -> str:
    band = next(b for b in rule["bands"] if b["code"] == code)
    return band["org_label"] if for_org else band["label"]


def quota_warnings(org: Organization, year: int) -> list[str]:
    """The quota of the rule in force, checked for members and for organizations separately:
    a warning (the review is the committee's decision), never a refusal."""
    rule = classification_rule(year)
    ratio = Decimal(str(rule["excellent_max_ratio_of_good"]))
    rows = Evaluation.objects.filter(org=org, year=year).values_list("band", "subject_person_id")
    warnings = []
    for label, is_person in (("đảng viên", True), ("tổ chức", False)):
        bands = [band for band, pid in rows if (pid is not None) == is_person]
        excellent, good = bands.count("excellent"), bands.count("good")
        if excellent and excellent > ratio * good:
            short = {b["code"]: b["short"] for b in rule["bands"]}
            note = "" if rule.get("quota_confirmed") else " (tỷ lệ chưa được xác nhận)"
            warnings.append(
                f"Năm {year}: {excellent} {label} xếp loại {short['excellent']} vượt "
                f"{ratio * 100:.0f}% số {short['good']} ({good}) theo {rule.source}{note}."
            )
    return warnings


def _of_year(model, year, subject_person, subject_org):
    """The record of `model` (a YearSubject) for `year` about the same member or collective: there
    is one a year at most. `one_subject` has checked that exactly one of the two is given."""
    return model.objects.filter(year=year, subject_person=subject_person, subject_org=subject_org)


def _add_of_year(actor, model, action, *, taken, summary, subject_person, subject_org, **fields):
    """Add the year's `model` record (a YearSubject) about a member or a collective, refused when
    the subject has one for the year (“{subject} {taken} năm {year}.”); its audit entry names the
    subject, the organization keeping it when the subject is a member."""
    year, org = fields["year"], fields["org"]
    if _of_year(model, year, subject_person, subject_org).exists():
        raise ValidationError(f"{subject_person or subject_org} {taken} năm {year}.")
    record = model.objects.create(subject_person=subject_person, subject_org=subject_org, **fields)
    audit.record(
        actor, action, record, summary=summary, person=subject_person, org=subject_org or org
    )
    return record


@transaction.atomic
def evaluate(
    actor: Actor,
    *,
    org: Organization,
    year: int,
    evaluated_on: dt.date,
    subject_person: Person | None = None,
    subject_org: Organization | None = None,
    score: Any = None,
    band: str = "",
    note: str = "",
) -> tuple[Evaluation, list[str]]:
    """Classify a member or an organization for `year`; returns (evaluation, warnings)."""
    check_year(year)
    one_subject(subject_person, subject_org)
    if not org.is_party:
        raise ValidationError(f"“{org}” không phải là tổ chức đảng.")
    if evaluated_on is None or evaluated_on.year < year:
        raise ValidationError(f"Ngày đánh giá phải trong hoặc sau năm {year}.")
    rule = classification_rule(year)
    value = parse_score(score)
    if value is not None:
        by_score = band_for(value, rule)
        if band and band != by_score:
            raise ValidationError(
                f"Điểm {decimal_vi(value)} ứng với mức “{band_label(rule, by_score)}” theo "
                f"{rule.source}, không phải “{band_label(rule, band)}”."
            )
        band = by_score
    if band not in Evaluation.Band.values:
        raise ValidationError("Cần nhập điểm hoặc chọn mức xếp loại.")
    e = _add_of_year(
        actor,
        Evaluation,
        "evaluation.record",
        taken="đã được xếp loại",
        summary=f"Xếp loại năm {year}: {band_label(rule, band, subject_org is not None)}",
        subject_person=subject_person,
        subject_org=subject_org,
        org=org,
        year=year,
        score=value,
        band=band,
        rule_source=rule.source,
        evaluated_on=evaluated_on,
        note=note.strip(),
    )
    return e, quota_warnings(org, year)


# Self-assessment, pledges, study plans, shortcomings -------------------------------------------


def _clean_signs(signs, day):
    rule = rule_in_force("degradation", day)
    codes = sorted(
        {str(s).strip() for s in signs or () if str(s).strip()},
        key=lambda c: tuple(int(p) for p in c.split(".") if p.isdigit()),
    )
    unknown = [c for c in codes if c not in rule["signs"]]
    if unknown:
        raise ValidationError(f"Biểu hiện không có trong {rule.source}: {', '.join(unknown)}.")
    return codes


@transaction.atomic
def assess_degradation(
    actor: Actor,
    *,
    org: Organization,
    year: int,
    assessed_on: dt.date,
    signs: Iterable[str],
    subject_person: Person | None = None,
    subject_org: Organization | None = None,
    note: str = "",
) -> DegradationAssessment:
    """A self-assessment of the signs of degradation; a new one for the same year replaces it."""
    check_year(year)
    one_subject(subject_person, subject_org)
    if assessed_on is None:
        raise ValidationError("Cần nhập ngày tự đánh giá.")
    codes = _clean_signs(signs, assessed_on)
    existing = _of_year(DegradationAssessment, year, subject_person, subject_org).first()
    before = audit.snapshot(existing)
    a = existing or DegradationAssessment(
        year=year, subject_person=subject_person, subject_org=subject_org
    )
    a.org, a.assessed_on, a.signs, a.note = org, assessed_on, codes, note.strip()
    a.save()
    audit.record(
        actor,
        "degradation.assess",
        a,
        before,
        summary=f"Tự đánh giá suy thoái năm {year}: {len(codes)} biểu hiện",
        person=subject_person,
        org=subject_org or org,
    )
    return a


@transaction.atomic
def sign_pledge(
    actor: Actor,
    *,
    org: Organization,
    person: Person,
    year: int,
    signed_on: dt.date,
    note: str = "",
) -> Pledge:
    check_year(year)
    if signed_on is None:
        raise ValidationError("Cần nhập ngày ký cam kết.")
    if Pledge.objects.filter(person=person, year=year).exists():
        raise ValidationError(f"{person} đã ký bản cam kết năm {year}.")
    p = Pledge.objects.create(
        org=org, person=person, year=year, signed_on=signed_on, note=note.strip()
    )
    audit.record(
        actor, "pledge.sign", p, summary=f"Ký bản cam kết năm {year}", person=person, org=org
    )
    return p


@transaction.atomic
def register_study_plan(
    actor: Actor,
    *,
    org: Organization,
    year: int,
    registered_on: dt.date,
    subject_person: Person | None = None,
    subject_org: Organization | None = None,
    note: str = "",
) -> StudyPlan:
    check_year(year)
    one_subject(subject_person, subject_org)
    if registered_on is None:
        raise ValidationError("Cần nhập ngày đăng ký.")
    return _add_of_year(
        actor,
        StudyPlan,
        "study_plan.register",
        taken="đã đăng ký kế hoạch học tập và làm theo Bác",
        summary=f"Đăng ký kế hoạch học tập và làm theo Bác năm {year}",
        subject_person=subject_person,
        subject_org=subject_org,
        org=org,
        year=year,
        registered_on=registered_on,
        note=note.strip(),
    )


@transaction.atomic
def suggest_review(
    actor: Actor,
    *,
    org: Organization,
    year: int,
    managed_by: str,
    suggested_by: str,
    suggested_on: dt.date,
    subject_person: Person | None = None,
    subject_org: Organization | None = None,
    paper: str = "",
    note: str = "",
) -> ReviewSuggestion:
    """A suggestion for the year's review of a collective or a member (gợi ý kiểm điểm), as the
    managing committee wrote it: made in the year or in the next, when the reviews are held."""
    check_year(year)
    one_subject(subject_person, subject_org)
    if managed_by not in ReviewSuggestion.ManagedBy.values:
        raise ValidationError("Cần chọn diện quản lý của tập thể, đảng viên được gợi ý.")
    suggested_by = required_text(suggested_by, "Cấp ủy gợi ý")
    if suggested_on is None or not year <= suggested_on.year <= year + 1:
        raise ValidationError(
            f"Ngày gợi ý kiểm điểm năm {year} phải trong năm {year} hoặc năm {year + 1}."
        )
    return _add_of_year(
        actor,
        ReviewSuggestion,
        "review.suggest",
        taken="đã được ghi gợi ý kiểm điểm",
        summary=f"Gợi ý kiểm điểm năm {year} của {suggested_by}",
        subject_person=subject_person,
        subject_org=subject_org,
        org=org,
        year=year,
        managed_by=managed_by,
        suggested_by=suggested_by,
        suggested_on=suggested_on,
        paper=paper.strip(),
        note=note.strip(),
    )


@transaction.atomic
def record_shortcoming(
    actor: Actor,
    *,
    org: Organization,
    review_year: int,
    text: str,
    number: int | None = None,
    plan: str = "",
    due_on: dt.date | None = None,
) -> Shortcoming:
    check_year(review_year)
    text = required_text(text, "Nội dung hạn chế, khuyết điểm")
    existing = Shortcoming.objects.filter(org=org, review_year=review_year)
    if number is None:
        number = (max(existing.values_list("number", flat=True), default=0)) + 1
    if existing.filter(number=number).exists():
        raise ValidationError(f"Đã có khuyết điểm số {number} của năm {review_year}.")
    if due_on is not None and due_on.year < review_year:
        raise ValidationError("Thời hạn khắc phục không được trước năm kiểm điểm.")
    s = Shortcoming.objects.create(
        org=org, review_year=review_year, number=number, text=text, plan=plan.strip(), due_on=due_on
    )
    audit.record(
        actor,
        "shortcoming.record",
        s,
        summary=f"Khuyết điểm năm {review_year} số {number}",
        org=org,
    )
    return s


@transaction.atomic
def remedy_shortcoming(actor: Actor, shortcoming: Shortcoming, on: dt.date) -> Shortcoming:
    if shortcoming.remedied_on is not None:
        raise ValidationError("Khuyết điểm này đã được khắc phục.")
    if on is None or on.year < shortcoming.review_year:
        raise ValidationError(
            f"Ngày khắc phục phải từ năm kiểm điểm ({shortcoming.review_year}) trở đi."
        )
    return audit.change(
        actor,
        "shortcoming.remedy",
        shortcoming,
        {"remedied_on": on},
        summary=f"Đã khắc phục khuyết điểm số {shortcoming.number}",
        org=shortcoming.org,
    )
