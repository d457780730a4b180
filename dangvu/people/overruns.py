"""Temporary attachments and suspensions that run past the span their rule allows
(rules/member_status): a warning where an office sees them, never a refusal. The host committee
may extend an attachment, and a prosecuted or detained member's suspension lasts the law's
terms, so a record past the span may be right; the office is told to check it. An attachment
recorded with an end sooner than its rule's least span is warned of when it is recorded.

A record is judged by the rule in force on its first day (the rule it was decided under), over
its span: from its first day to its end (exclusive, as every dated record), or for a record
still open, to the day after today (it holds today: on the anniversary of its first day it has
run a full year and goes on)."""

import datetime as dt
from collections.abc import Iterable

from django.utils import timezone

from dangvu.lib.dates import add_months
from dangvu.orgs.models import active_on

from .actions import status_rule
from .models import Person, Suspension, TemporaryAttachment


def _end(record: TemporaryAttachment | Suspension, today: dt.date | None) -> tuple[dt.date, bool]:
    """Where the record's span ends, and whether it is still open."""
    if record.valid_to is not None:
        return record.valid_to, False
    return (today or timezone.localdate()) + dt.timedelta(days=1), True


def attachment_overrun(attachment: TemporaryAttachment, today: dt.date | None = None) -> str:
    """The warning for a temporary attachment longer than its rule allows ("" when within it)."""
    rule = status_rule(attachment.valid_from)
    if rule is None:
        return ""
    months = rule["temporary_study_max_months" if attachment.study else "temporary_max_months"]
    end, still_open = _end(attachment, today)
    if end <= add_months(attachment.valid_from, months):
        return ""
    what = "Sinh hoạt tạm thời để học tập trung" if attachment.study else "Sinh hoạt tạm thời"
    ran = "đã quá" if still_open else "kéo dài quá"
    return (
        f"{what} {ran} {months} tháng ({rule['temporary_cite']}): "
        "cần gia hạn hoặc chuyển sinh hoạt chính thức."
    )


def attachment_too_short(attachment: TemporaryAttachment) -> str:
    """The warning for a temporary attachment recorded with an end sooner than the least span
    its rule gives ("" otherwise, or while open). Asked when the attachment is recorded, where
    its end is the planned one; not on the pages, where an end may be the member's early
    return."""
    rule = status_rule(attachment.valid_from)
    if rule is None or attachment.valid_to is None:
        return ""
    months = rule["temporary_min_months"]
    if attachment.valid_to >= add_months(attachment.valid_from, months):
        return ""
    return (
        f"Thời gian sinh hoạt tạm thời dự kiến dưới {months} tháng, ngắn hơn thời gian phải "
        f"giới thiệu sinh hoạt đảng tạm thời (từ {months} tháng, {rule['temporary_cite']}): "
        "đề nghị kiểm tra lại ngày kết thúc và giấy giới thiệu."
    )


def suspension_overrun(suspension: Suspension, today: dt.date | None = None) -> str:
    """The warning for a suspension past 90 days (its extension needed) or past 180 (the most an
    extension allows), "" within them."""
    rule = status_rule(suspension.valid_from)
    if rule is None:
        return ""
    end, still_open = _end(suspension, today)
    days = (end - suspension.valid_from).days
    ran = "đã quá" if still_open else "kéo dài quá"
    law = "trừ đảng viên bị truy tố, tạm giam (theo thời hạn của pháp luật)"
    if days > rule["suspension_max_days"]:
        return (
            f"Đình chỉ sinh hoạt đảng {ran} {rule['suspension_max_days']} ngày, thời hạn tối đa "
            f"kể cả gia hạn ({rule['suspension_cite']}): cần chấm dứt đình chỉ, {law}."
        )
    if days > rule["suspension_days"]:
        return (
            f"Đình chỉ sinh hoạt đảng {ran} {rule['suspension_days']} ngày "
            f"({rule['suspension_cite']}): cần quyết định gia hạn (kể cả gia hạn không quá "
            f"{rule['suspension_max_days']} ngày), {law}."
        )
    return ""


def suspension_overruns_on(people: Iterable[Person], day: dt.date) -> dict[int, str]:
    """The warnings, by person id, for the suspensions of `people` in force on `day`, judged as of
    that day (a meeting's list of members set apart): those within their span are left out."""
    suspensions = Suspension.objects.filter(active_on(day), person__in=list(people))
    return {s.person_id: warning for s in suspensions if (warning := suspension_overrun(s, day))}
