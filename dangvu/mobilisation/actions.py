"""The named changes of campaigns and contributions: each validates, writes in one transaction
and leaves an audit entry; errors are Vietnamese `ValidationError`s raised before any write."""

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from dangvu.core import audit
from dangvu.core.audit import Actor
from dangvu.lib.dates import vn_date
from dangvu.lib.text import fold, money
from dangvu.orgs.models import Organization
from dangvu.people.models import Person
from dangvu.work.common import check_key, check_period, required_text

from .models import Campaign, Contribution


@transaction.atomic
def create_campaign(
    actor: Actor,
    *,
    org: Organization,
    key: str,
    title: str,
    starts_on: dt.date,
    ends_on: dt.date | None = None,
    beneficiary: str = "",
    notes: str = "",
) -> Campaign:
    title = required_text(title, "Tên cuộc vận động")
    key = check_key(key)
    if not key:
        raise ValidationError("Cần mã số liệu của cuộc vận động (vd: quy-vi-nguoi-ngheo).")
    check_period(starts_on, ends_on)
    org.check_active_on(starts_on)
    campaign = Campaign.objects.create(
        org=org,
        key=key,
        title=title,
        starts_on=starts_on,
        ends_on=ends_on,
        beneficiary=beneficiary.strip(),
        notes=notes.strip(),
    )
    audit.record(actor, "campaign.create", campaign, summary=f"Cuộc vận động: {title}", org=org)
    return campaign


@transaction.atomic
def add_contribution(
    actor: Actor,
    campaign: Campaign,
    *,
    given_on: dt.date,
    amount: Any = None,
    quantity: Any = None,
    unit: str = "",
    contributor_org: Organization | None = None,
    contributor_person: Person | None = None,
    contributor_name: str = "",
    note: str = "",
) -> Contribution:
    """Money (integer đồng) or a quantity in kind (300 quyển tập), from one contributor."""
    contributor_name = " ".join((contributor_name or "").split())
    given = [x for x in (contributor_org, contributor_person, contributor_name or None) if x]
    if len(given) != 1:
        raise ValidationError("Chọn đúng một người hoặc đơn vị đóng góp.")
    if (amount is None) == (quantity is None):
        raise ValidationError("Nhập số tiền hoặc số lượng hiện vật (một trong hai).")
    if amount is not None:
        if int(amount) != amount:
            raise ValidationError("Số tiền là số đồng nguyên.")
        if amount < 0:
            raise ValidationError(f"Số tiền đóng góp ({money(int(amount))} đồng) không được âm.")
        if amount == 0:
            raise ValidationError("Số tiền đóng góp phải lớn hơn 0.")
        unit = ""
    else:
        if quantity <= 0:
            raise ValidationError(f"Số lượng hiện vật ({quantity}) phải lớn hơn 0.")
        unit = " ".join((unit or "").split())
        if not unit:
            raise ValidationError("Cần đơn vị tính của hiện vật (vd: quyển tập).")
    if given_on is None:
        raise ValidationError("Cần nhập ngày đóng góp.")
    if given_on < campaign.starts_on:
        raise ValidationError(
            f"Ngày đóng góp ({vn_date(given_on)}) trước ngày bắt đầu cuộc vận động "
            f"({vn_date(campaign.starts_on)})."
        )
    if campaign.ends_on and given_on > campaign.ends_on:
        raise ValidationError(
            f"Ngày đóng góp ({vn_date(given_on)}) sau ngày kết thúc cuộc vận động "
            f"({vn_date(campaign.ends_on)})."
        )
    c = Contribution.objects.create(
        campaign=campaign,
        given_on=given_on,
        amount=amount,
        quantity=quantity,
        unit=unit,
        contributor_org=contributor_org,
        contributor_person=contributor_person,
        contributor_name=contributor_name,
        note=note.strip(),
    )
    what = f"{money(amount)} đồng" if amount is not None else f"{quantity} {unit}"
    audit.record(
        actor,
        "campaign.contribution",
        c,
        summary=f"{c.contributor()} đóng góp {what}",
        org=campaign.org,
        person=contributor_person,
    )
    return c


def unit_key(unit: str) -> str:
    """The fact-name form of a unit: "quyển tập" -> "quyen_tap"."""
    return "_".join(fold(unit).split()) or "item"
