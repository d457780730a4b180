"""Named actions on report drafts: create, edit, finalise, new version."""

import re
from collections.abc import Iterable
from difflib import get_close_matches
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from dangvu.core import audit
from dangvu.core.audit import Actor
from dangvu.documents.actions import link_text, register_outgoing
from dangvu.lib.narrative import fact_names
from dangvu.lib.party_docx import render_docx
from dangvu.orgs.models import Organization
from dangvu.programme import actions as work
from dangvu.programme.models import WorkProgramme

from . import invariants
from .checking import check_bytes
from .models import ReportDraft, ReportSection
from .outputs import freeze_values, live_facts, render_docx_bytes, rendered
from .outputs import thaw_values as thaw_values  # the views read frozen values through actions
from .render import is_dynamic
from .unsaved import REPORTING_KINDS as REPORTING_KINDS  # the views list these organizations
from .unsaved import check_reportable, default_header, default_sections

HEADER_FIELDS = (
    "superior_name",
    "issuer_name",
    "number",
    "place",
    "issued_on",
    "recipients",
    "signer_capacity",
    "signer_title",
    "signer_name",
)


@transaction.atomic
def create_draft(
    actor: Actor, org: Organization, year: int, template: str = "annual", period: str = ""
) -> ReportDraft:
    """A new draft from the template; its number is the next version for that period."""
    period, _dates = check_reportable(org, template, year, period)  # the normalized code
    last = (
        ReportDraft.objects.filter(org=org, year=year, template=template, period=period)
        .order_by("-version")
        .first()
    )
    draft = ReportDraft.objects.create(
        org=org,
        year=year,
        template=template,
        period=period,
        version=(last.version + 1 if last else 1),
        **default_header(org, year, period),
    )
    ReportSection.objects.bulk_create(default_sections(draft))
    audit.record(actor, "report.create", draft, summary=f"Lập {draft}", org=org)
    return draft


def _check_open(draft):
    if draft.is_final:
        raise ValidationError("Báo cáo đã chốt không sửa được; hãy tạo phiên bản mới.")


@transaction.atomic
def edit_section(
    actor: Actor, section: ReportSection, text: str, title: str | None = None
) -> ReportSection:
    """The office's narrative for one section; citations in it are linked to the registry."""
    draft = section.draft
    _check_open(draft)
    if len(text) > 200_000:
        raise ValidationError("Nội dung mục quá dài (tối đa 200.000 ký tự).")
    if title is not None and not title.strip():
        raise ValidationError("Tiêu đề mục không được để trống.")
    refuse_unknown_names(draft, text)
    before = audit.snapshot(section)
    section.text = text.replace("\r\n", "\n").strip()
    if title is not None:
        section.title = " ".join(title.split())
    section.save()
    audit.record(
        actor,
        "report.section",
        section,
        before,
        summary=f"Sửa mục “{section.title}”",
        org=draft.org,
    )
    _link_citations(actor, section)
    return section


def unknown_names(text: str, names: Iterable[str]) -> list[tuple[str, list[str]]]:
    """The fact names of `text` that are not among `names` (typos), with the nearest known ones:
    [(name, [suggestions])]."""
    unknown = sorted(n for n in fact_names(text) if n not in names and not is_dynamic(n))
    return [(n, get_close_matches(n, list(names), n=3, cutoff=0.6)) for n in unknown]


def unknown_messages(found: list[tuple[str, list[str]]]) -> list[str]:
    out = []
    for name, nearest in found:
        hint = f" Có phải ý bạn là {', '.join(nearest)}?" if nearest else ""
        out.append(f"Không có số liệu “{name}”.{hint}")
    return out


def refuse_unknown_names(draft: ReportDraft, text: str) -> None:
    """Saving a figure name no provider knows would print a hole in the report: refuse it."""
    if not fact_names(text):
        return
    found = unknown_names(text, live_facts(draft))
    if found:
        raise ValidationError(unknown_messages(found))


def _link_citations(actor, section):
    link_text(actor, section, "text", section.text, section.draft.org)


@transaction.atomic
def edit_header(actor: Actor, draft: ReportDraft, **fields: Any) -> ReportDraft:
    _check_open(draft)
    unknown = set(fields) - set(HEADER_FIELDS)
    if unknown:
        raise ValidationError(f"Trường không hợp lệ: {', '.join(sorted(unknown))}.")
    issued = fields.get("issued_on")
    if issued and issued.year < draft.year:
        raise ValidationError(f"Ngày ban hành phải trong hoặc sau năm báo cáo {draft.year}.")
    before = audit.snapshot(draft)
    for key, value in fields.items():
        setattr(draft, key, value)
    draft.save()
    audit.record(
        actor, "report.header", draft, before, summary="Sửa thể thức báo cáo", org=draft.org
    )
    return draft


@transaction.atomic
def take_number(actor: Actor, draft: ReportDraft) -> ReportDraft:
    """Number the report from the outgoing register ("Số 15-BC/ĐU") and enter it there."""
    _check_open(draft)
    if draft.number:
        raise ValidationError(f"Báo cáo đã có số: {draft.number}.")
    if not draft.issued_on:
        raise ValidationError("Cần ghi ngày ban hành trước khi lấy số.")
    subject = draft.label
    _doc, reserved = register_outgoing(
        actor, draft.org, doc_type="Báo cáo", date=draft.issued_on, subject=subject
    )
    return edit_header(actor, draft, number=reserved.label)


@transaction.atomic
def finalise(actor: Actor, draft: ReportDraft) -> ReportDraft:
    """Freeze the facts and the Word file; later record changes leave this version alone."""
    draft = ReportDraft.objects.select_for_update().get(pk=draft.pk)
    _check_open(draft)
    if not draft.issued_on or not draft.number:
        raise ValidationError("Cần có số, ký hiệu và ngày ban hành trước khi chốt báo cáo.")
    problems = finalise_problems(draft)
    if problems:
        raise ValidationError(["Chưa chốt được báo cáo:", *problems])
    before = audit.snapshot(draft) or {}
    draft.frozen_facts = freeze_values(live_facts(draft))
    draft.status = ReportDraft.Status.FINAL
    draft.finalised_at, draft.finalised_by = (
        timezone.now(),
        audit.signed_in(actor),
    )
    draft.frozen_docx = render_docx_bytes(draft)
    draft.save()
    _programme_from_report(actor, draft)
    audit.record(
        actor,
        "report.finalise",
        draft,
        {k: v for k, v in before.items() if k != "frozen_docx"},
        summary=f"Chốt {draft}",
        org=draft.org,
        after={"status": draft.status, "finalised_at": str(draft.finalised_at)},
    )
    return draft


def finalise_problems(draft: ReportDraft, limit: int = 12) -> list[str]:
    """What stands between a draft and its finalising, in Vietnamese: unknown figure names, open
    slots, and the findings of the report checker on the Word file as it would be frozen."""
    facts = live_facts(draft)
    problems = []
    for section in draft.sections.all():
        for message in unknown_messages(unknown_names(section.text, facts)):
            problems.append(f"Mục “{section.title}”: {message}")
    for message in invariants.messages(draft.org, draft.reporting_period, facts):
        problems.append(message)
    result = rendered(draft)
    for text in dict.fromkeys(result.slots):
        problems.append(f"Còn chỗ trống chưa điền: {text}")
    if not problems:
        for f in check_bytes(render_docx(result.document), "bao-cao.docx"):
            problems.append(f"{f.location}: {f.problem} {f.suggestion}".strip())
    if len(problems) > limit:
        problems = [*problems[:limit], f"… và {len(problems) - limit} vấn đề khác."]
    return problems


@transaction.atomic
def new_version(actor: Actor, draft: ReportDraft) -> ReportDraft:
    """A new draft carrying over the header and narrative of `draft`."""
    new = create_draft(actor, draft.org, draft.year, draft.template, draft.period)
    for key in HEADER_FIELDS:
        setattr(new, key, getattr(draft, key))
    new.save()
    texts = {s.key: s.text for s in draft.sections.all()}
    for section in new.sections.all():
        if section.key in texts:
            section.text = texts[section.key]
            section.save()
    return new


ITEM_LINE = re.compile(r"^(\d+(?:\.\d+)*)\.\s+(.+)$")


def programme_items(text: str) -> list[tuple[str, str, list[str]]]:
    """[(number, first line, further paragraphs)] from the typed programme section."""
    items: list[tuple[str, str, list[str]]] = []
    for line in (line.strip() for line in text.splitlines()):
        m = ITEM_LINE.match(line)
        if m:
            items.append((m.group(1), m.group(2), []))
        elif line and items:
            items[-1][2].append(line)
    return items


def _programme_from_report(actor, draft):
    """The next year's programme the office typed into the report becomes the work programme.

    When the section shows the work programme itself (a placeholder), or next year already has
    one, there is nothing to turn: the records are the source.
    """
    section = draft.sections.filter(programme=True).first()
    if section is None or "{programme." in section.text:
        return None
    items = programme_items(section.text)
    year = draft.year + 1
    if not items or WorkProgramme.objects.filter(org=draft.org, year=year).exists():
        return None
    programme = work.create_programme(
        actor, org=draft.org, year=year, adopted_on=draft.issued_on, notes=f"Theo {draft}"
    )
    for number, first, rest in items:
        is_heading = "." not in number  # "1.", "2." head their sub-items; "2.1." is one task
        work.add_programme_item(
            actor,
            programme,
            number=number,
            title=first if is_heading else "",
            text="\n\n".join(rest if is_heading else [first, *rest]),
        )
    return programme
