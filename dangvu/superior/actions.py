"""The named state changes of the superior committee's part: sending a finalised report upward,
setting the deadline for a year or period. Each validates, writes in one transaction and leaves
an audit entry."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from dangvu.accounts.models import AuditEntry
from dangvu.core import audit
from dangvu.core.audit import Actor
from dangvu.lib.dates import vn_date
from dangvu.orgs.models import Organization, superior_committee_on
from dangvu.reports.models import ReportDraft
from dangvu.reports.periods import check_code

from . import statforms
from .models import Deadline, Submission

K = Organization.Kind


def superior_of(org: Organization) -> Organization | None:
    """The superior committee `org` reports to: the nearest superior committee above it."""
    seen = set()
    parent = org.parent
    while parent is not None and parent.id not in seen:
        if parent.kind == K.SUPERIOR_COMMITTEE:
            return parent
        seen.add(parent.id)
        parent = parent.parent
    return None


@transaction.atomic
def send_report(actor: Actor, draft: ReportDraft, sent_on: dt.date | None = None) -> Submission:
    """Record that a finalised report was sent to the superior committee."""
    draft = ReportDraft.objects.select_for_update().select_related("org").get(pk=draft.pk)
    if not draft.is_final:
        raise ValidationError("Chỉ gửi được báo cáo đã chốt; hãy chốt báo cáo trước khi gửi.")
    existing = Submission.objects.filter(draft=draft).first()
    if existing is not None:
        raise ValidationError(f"Báo cáo này đã được gửi ngày {vn_date(existing.sent_on)}.")
    superior = superior_committee_on(draft.org, draft.reporting_period.end)  # the report's date
    if superior is None:
        raise ValidationError(f"{draft.org} không trực thuộc cấp ủy cấp trên nào trong dangvu.")
    sent_on = sent_on or dt.date.today()
    if draft.finalised_at and sent_on < draft.finalised_at.date():
        raise ValidationError("Ngày gửi không thể trước ngày chốt báo cáo.")
    submission = Submission.objects.create(
        draft=draft,
        unit=draft.org,
        superior=superior,
        year=draft.year,
        period=draft.period,
        sent_on=sent_on,
        sent_by=audit.signed_in(actor),
    )
    audit.record(
        actor,
        "report.send",
        submission,
        summary=f"Gửi {draft.label} lên {superior}",
        org=draft.org,
    )
    return submission


@transaction.atomic
def set_deadline(
    actor: Actor,
    superior: Organization,
    year: int,
    due_on: dt.date,
    period: str = "",
    note: str = "",
) -> Deadline:
    """Set (or move) the day by which the units under `superior` must send their report."""
    if superior.kind != K.SUPERIOR_COMMITTEE:
        raise ValidationError("Chỉ cấp ủy cấp trên đặt hạn gửi báo cáo.")
    if not 1930 <= int(year) <= 2200:
        raise ValidationError(f"Năm {year} không hợp lệ.")
    period = check_code(period)
    deadline = Deadline.objects.filter(superior=superior, year=year, period=period).first()
    before = audit.snapshot(deadline)
    if deadline is None:
        deadline = Deadline(superior=superior, year=year, period=period)
    deadline.due_on, deadline.note = due_on, note
    deadline.set_by = audit.signed_in(actor)
    deadline.save()
    audit.record(
        actor,
        "report.deadline",
        deadline,
        before,
        summary=f"Hạn gửi báo cáo năm {year}{' ' + period if period else ''}: {vn_date(due_on)}",
        org=superior,
    )
    return deadline


def export_forms(actor: Actor, forms: statforms.Forms, *, maker: str, phone: str = "") -> bytes:
    """The basic statistical forms `forms` as .xlsx, signed by `maker`, the file recorded in the
    audit trail (the page, the background job and the command)."""
    content = statforms.xlsx_bytes(forms, maker=maker, maker_phone=phone)
    lines = sum(len(sheet.lines) for sheet in forms.sheets)
    record_forms_export(actor, org=forms.root, day=forms.day, rows=lines)
    return content


def record_forms_export(actor: Actor, *, org: Organization, day: dt.date, rows: int) -> AuditEntry:
    """The basic statistical forms of `org` written to a file (download or command)."""
    return audit.record_export(
        actor,
        action="superior.stat_forms",
        what=f"biểu thống kê cơ bản có đến ngày {vn_date(day)} (.xlsx)",
        rows=rows,
        org=org,
        filters={"ngay": day.isoformat()},
    )
