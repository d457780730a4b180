"""The named changes of work programmes and indicators: each validates, writes and leaves an
audit entry.

Errors are `ValidationError`s with Vietnamese messages, raised before anything is written; every
action runs in one transaction.
"""

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from dangvu.core import audit
from dangvu.core.audit import Actor
from dangvu.lib.dates import vn_date
from dangvu.lib.text import decimal_vi
from dangvu.meetings.models import Activity
from dangvu.orgs.models import Organization
from dangvu.work.common import (
    check_key,
    check_period,
    check_year,
    required_text,
)

from .models import Indicator, ProgrammeItem, WorkProgramme

ITEM_NUMBER_RE = re.compile(r"^\d{1,3}(\.\d{1,3}){0,2}$")


# Work programme -----------------------------------------------------------------------------------


def item_position(number: str) -> int:
    """A sort key for "1", "2.1", "2.10" … (numbers sort as numbers, not as text)."""
    parts = [int(p) for p in number.split(".")] + [0, 0]
    return parts[0] * 1_000_000 + parts[1] * 1_000 + parts[2]


@transaction.atomic
def create_programme(
    actor: Actor,
    *,
    org: Organization,
    year: int,
    title: str = "",
    adopted_on: dt.date | None = None,
    notes: str = "",
) -> WorkProgramme:
    check_year(year)
    title = " ".join((title or "").split()) or f"Chương trình công tác năm {year}"
    if WorkProgramme.objects.filter(org=org, year=year).exists():
        raise ValidationError(f"{org} đã có chương trình công tác năm {year}.")
    p = WorkProgramme.objects.create(
        org=org, year=year, title=title, adopted_on=adopted_on, notes=notes.strip()
    )
    audit.record(actor, "programme.create", p, summary=title, org=org)
    return p


@transaction.atomic
def add_programme_item(
    actor: Actor,
    programme: WorkProgramme,
    *,
    number: str,
    text: str = "",
    title: str = "",
    owner_org: Organization | None = None,
    owner_name: str = "",
    deadline: dt.date | None = None,
) -> ProgrammeItem:
    """A new item of the programme, not yet carried out: its status changes by
    `set_item_status`, which asks the day an item was done."""
    number = (number or "").strip().rstrip(".")
    if not ITEM_NUMBER_RE.match(number):
        raise ValidationError(f"Số mục “{number}” không hợp lệ (vd: 1, 2.1, 2.8).")
    if not (text or "").strip() and not (title or "").strip():
        raise ValidationError("Mục chương trình cần tiêu đề hoặc nội dung.")
    if programme.items.filter(number=number).exists():
        raise ValidationError(f"Chương trình đã có mục {number}.")
    if deadline is not None and deadline.year < programme.year:
        raise ValidationError(f"Thời hạn {vn_date(deadline)} trước năm {programme.year}.")
    item = ProgrammeItem.objects.create(
        programme=programme,
        number=number,
        position=item_position(number),
        title=title.strip(),
        text=(text or "").strip(),
        owner_org=owner_org,
        owner_name=owner_name.strip(),
        deadline=deadline,
    )
    audit.record(actor, "programme.item", item, summary=f"Mục {number}", org=programme.org)
    return item


@transaction.atomic
def set_item_status(
    actor: Actor, item: ProgrammeItem, status: str, done_on: dt.date | None = None
) -> ProgrammeItem:
    if status not in (
        ProgrammeItem.Status.PLANNED,
        ProgrammeItem.Status.IN_PROGRESS,
        ProgrammeItem.Status.DONE,
    ):
        raise ValidationError(
            "Tình trạng không hợp lệ (chuyển năm dùng thao tác “Chuyển sang năm sau”)."
        )
    if item.status == ProgrammeItem.Status.CARRIED:
        raise ValidationError("Mục này đã chuyển sang năm sau.")
    if status == ProgrammeItem.Status.DONE:
        if done_on is None:
            raise ValidationError("Cần ngày hoàn thành.")
        if done_on.year < item.programme.year:
            raise ValidationError(f"Ngày hoàn thành trước năm {item.programme.year}.")
    else:
        done_on = None
    return audit.change(
        actor,
        "programme.item_status",
        item,
        {"status": status, "done_on": done_on},
        summary=f"Mục {item.number}: {ProgrammeItem.Status(status).label}",
        org=item.programme.org,
    )


@transaction.atomic
def link_evidence(actor: Actor, item: ProgrammeItem, activity: Activity) -> ProgrammeItem:
    item.evidence.add(activity)
    audit.record(
        actor,
        "programme.evidence",
        item,
        after=None,
        summary=f"Mục {item.number}: minh chứng “{activity.title[:80]}”",
        org=item.programme.org,
    )
    return item


@transaction.atomic
def carry_over(actor: Actor, programme: WorkProgramme) -> WorkProgramme:
    """Copy the unfinished items into next year's programme (made if missing); the originals
    are marked carried and keep a link to their copy."""
    unfinished = list(
        programme.items.exclude(
            status__in=[ProgrammeItem.Status.DONE, ProgrammeItem.Status.CARRIED]
        )
    )
    if not unfinished:
        raise ValidationError("Không còn mục nào chưa hoàn thành để chuyển sang năm sau.")
    year = programme.year + 1
    target = WorkProgramme.objects.filter(org=programme.org, year=year).first()
    if target is None:
        target = create_programme(actor, org=programme.org, year=year)
    taken = set(target.items.values_list("number", flat=True))
    clash = [i.number for i in unfinished if i.number in taken]
    if clash:
        raise ValidationError(
            f"Chương trình năm {year} đã có các mục {', '.join(clash)}; hãy đánh số lại trước."
        )
    for item in unfinished:
        copy = ProgrammeItem.objects.create(
            programme=target,
            number=item.number,
            position=item.position,
            title=item.title,
            text=item.text,
            owner_org=item.owner_org,
            owner_name=item.owner_name,
            status=ProgrammeItem.Status.PLANNED,
            carried_from=item,
        )
        audit.change(
            actor,
            "programme.carry",
            item,
            {"status": ProgrammeItem.Status.CARRIED},
            summary=f"Mục {item.number} chuyển sang năm {year}",
            org=programme.org,
        )
        audit.record(
            actor,
            "programme.item",
            copy,
            summary=f"Mục {copy.number} (từ năm {programme.year})",
            org=programme.org,
        )
    return target


# Indicators -----------------------------------------------------------------------------------


@transaction.atomic
def record_indicator(
    actor: Actor,
    *,
    org: Organization,
    key: str,
    label: str,
    value: Any,
    unit: str = "",
    period_start: dt.date,
    period_end: dt.date,
    source: str = "",
    notes: str = "",
) -> Indicator:
    key = check_key(key)
    if not key:
        raise ValidationError("Cần mã số liệu của chỉ số.")
    label = required_text(label, "Tên chỉ số")
    check_period(period_start, period_end, "ngày đầu kỳ")
    if period_end is None:
        raise ValidationError("Cần nhập ngày cuối kỳ.")
    try:
        value = Decimal(str(value).replace(",", "."))
    except InvalidOperation:
        raise ValidationError(f"Giá trị “{value}” không phải là số.") from None
    if value < 0:
        raise ValidationError("Giá trị chỉ số không được âm.")
    unit = (unit or "").strip()
    if unit == "%" and value > 100:
        raise ValidationError(f"Tỷ lệ {decimal_vi(value)}% vượt quá 100%.")
    overlap = Indicator.objects.filter(
        org=org, key=key, period_start__lte=period_end, period_end__gte=period_start
    )
    if overlap.exists():
        raise ValidationError(f"Đã có chỉ số “{key}” cho kỳ trùng với kỳ này.")
    i = Indicator.objects.create(
        org=org,
        key=key,
        label=label,
        value=value,
        unit=unit,
        period_start=period_start,
        period_end=period_end,
        source=source.strip(),
        notes=notes.strip(),
    )
    audit.record(
        actor, "indicator.record", i, summary=f"{label}: {decimal_vi(value)} {unit}", org=org
    )
    return i
