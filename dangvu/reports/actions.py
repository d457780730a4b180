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
from dangvu.documents.actions import link_text, no_term_on, register_outgoing
from dangvu.lib.narrative import fact_names, render_value
from dangvu.lib.party_docx import render_docx
from dangvu.orgs.models import Organization, Term
from dangvu.programme import actions as work
from dangvu.programme.models import WorkProgramme

from . import invariants, mass
from .checking import check_bytes, record_names
from .models import OrgTemplateSection, ReportDraft, ReportSection
from .outputs import (
    freeze_values,
    live_facts,
    period_figures,
    render_docx_bytes,
    rendered,
)
from .outputs import thaw_values as thaw_values  # the views read frozen values through actions
from .periods import default_issue_date
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


def editor_figures(org, period):
    """[(name, Vietnamese label, value as the report writes it, cut short)]: the figures of
    `org` for `period` the section editor lists, each one the writer may insert as `{name}`."""
    return editor_rows(org, period_figures(org, period))


def editor_rows(org, figures):
    """The section editor's list (`editor_figures`) of `figures`, rows of `period_figures`
    (computed now, or kept for a big superior committee)."""
    rows = []
    for name, label, frozen in figures:
        if org.is_mass and not mass.offered(name):
            continue
        value = thaw_values({name: frozen})[name]
        if isinstance(value, list | tuple):
            shown = f"{len(value)} dòng" if value else "(trống)"
        else:
            shown = render_value(value) if value not in (None, "") else "(trống)"
        rows.append((name, label or name, shown[:120]))
    return rows


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
    actor: Actor,
    section: ReportSection,
    text: str,
    title: str | None = None,
    known: Iterable[str] = (),
) -> ReportSection:
    """The office's narrative for one section; citations in it are linked to the registry.
    `known`: names the caller knows to be figures of the draft (`refuse_unknown_names`)."""
    draft = section.draft
    _check_open(draft)
    if len(text) > 200_000:
        raise ValidationError("Nội dung mục quá dài (tối đa 200.000 ký tự).")
    if title is not None and not title.strip():
        raise ValidationError("Tiêu đề mục không được để trống.")
    refuse_unknown_names(draft, text, known)
    title = section.title if title is None else " ".join(title.split())
    audit.change(
        actor,
        "report.section",
        section,
        {"text": text.replace("\r\n", "\n").strip(), "title": title},
        summary=f"Sửa mục “{title}”",
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


def refuse_unknown_names(draft: ReportDraft, text: str, known: Iterable[str] = ()) -> None:
    """Saving a figure name no provider knows would print a hole in the report: refuse it.
    `known`: names the caller knows to be figures of the draft without computing them (a big
    superior committee's, `superior.kept.known_report_names`: on a province, computing one of
    its totals took 6 s, the consolidation of every figure its provider's wording reads, only to
    learn that the name exists). The other names of the text are computed alone
    (`compute(..., only=...)` gives at least those of them that exist): a province's every
    figure takes tens of seconds, and a section is saved many times a day. Only when one is not
    found are they all computed, to be sure it is unknown and to suggest the nearest."""
    known = set(known)
    wanted = {name for name in fact_names(text) if not is_dynamic(name)} - known
    if not wanted:
        return
    if not unknown_names(text, known | set(live_facts(draft, only=wanted))):
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
    return audit.change(
        actor, "report.header", draft, fields, summary="Sửa thể thức báo cáo", org=draft.org
    )


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


def header_problems(draft: ReportDraft) -> list[str]:
    """What the header and signature still lack: the number (and the committee term it is taken
    in), the date, the signer."""
    problems = []
    if not draft.number:
        on = draft.issued_on or default_issue_date(draft.reporting_period)
        if Term.executive_on(draft.org, on) is None:
            problems.append(
                f"Chưa lấy số báo cáo: {no_term_on(draft.org, on)} "
                "(số văn bản của Đảng đánh theo nhiệm kỳ); hãy ghi nhiệm kỳ ở trang Nhiệm kỳ "
                "rồi bấm “Lấy số”."
            )
        else:
            problems.append("Chưa lấy số báo cáo: bấm “Lấy số” ở trang dự thảo.")
    if not draft.issued_on:
        problems.append("Chưa có ngày ban hành.")
    if not draft.signer_name.strip():
        problems.append(
            "Chưa có người ký: ghi tên người ký ở phần đầu, cuối văn bản (hoặc ghi bí thư "
            "trong nhiệm kỳ cấp ủy)."
        )
    return problems


def finalise_problems(draft: ReportDraft, limit: int = 12) -> list[str]:
    """What stands between a draft and its finalising, in Vietnamese: unknown figure names, open
    slots, and the findings of the report checker on the Word file as it would be frozen."""
    facts = live_facts(draft)
    problems = header_problems(draft)
    for section in draft.sections.all():
        for message in unknown_messages(unknown_names(section.text, facts)):
            problems.append(f"Mục “{section.title}”: {message}")
    for message in invariants.messages(draft.org, draft.reporting_period, facts):
        problems.append(message)
    result = rendered(draft)
    for text in dict.fromkeys(result.slots):
        problems.append(f"Còn chỗ trống chưa điền: {text}")
    if not problems:
        names = record_names([draft.org])
        for f in check_bytes(render_docx(result.document), "bao-cao.docx", known_names=names):
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


# The organization's own template -------------------------------------------------------------

OUTLINE_LINE = re.compile(r"^(?P<dashes>-*)\s*(?P<title>.*?)\s*(?:\[(?P<key>[^\]]+)\])?\s*$")


def outline_of(sections: Iterable[Any]) -> str:
    """Sections as the outline the office edits: one a line, a "-" per level below the top
    ("-- Công đoàn"), the section's key in brackets so its text follows it."""
    items = list(sections)
    depth: dict[str, int] = {}
    lines = []
    for s in items:
        key, parent = (s["key"], s["parent"]) if isinstance(s, dict) else (s.key, s.parent_key)
        title = s["title"] if isinstance(s, dict) else s.title
        depth[key] = depth[parent] + 1 if parent in depth else 0
        lines.append(f"{'-' * depth[key]} {title} [{key}]".strip())
    return "\n".join(lines)


def _parse_outline(outline: str, known: dict[str, Any]) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    stack: list[str] = []  # the key of the last section at each depth
    used: set[str] = set()
    for n, raw in enumerate(outline.replace("\r\n", "\n").split("\n"), start=1):
        if not raw.strip():
            continue
        m = OUTLINE_LINE.match(raw.strip())
        assert m is not None  # the pattern matches any line
        depth, title, key = len(m["dashes"]), " ".join(m["title"].split()), m["key"] or ""
        if not title:
            raise ValidationError(f"Dòng {n}: tiêu đề mục không được để trống.")
        if len(title) > 255:
            raise ValidationError(f"Dòng {n}: tiêu đề mục dài quá 255 ký tự.")
        if depth > len(stack):
            raise ValidationError(
                f"Dòng {n}: “{title}” lùi vào {depth} bậc nhưng dòng trên chỉ ở bậc "
                f"{len(stack) - 1 if stack else 0}; mỗi bậc thêm một dấu “-”."
            )
        if key and key not in known:
            raise ValidationError(f"Dòng {n}: không có mục [{key}] trong mẫu; bỏ phần [{key}].")
        if not key:
            i = 1
            while f"rieng{i}" in used or f"rieng{i}" in known:
                i += 1
            key = f"rieng{i}"
        if key in used:
            raise ValidationError(f"Dòng {n}: mục [{key}] có hai lần.")
        used.add(key)
        del stack[depth:]
        rows.append({"key": key, "parent": stack[-1] if stack else "", "title": title})
        stack.append(key)
    if not rows:
        raise ValidationError("Mẫu phải có ít nhất một mục.")
    return rows


@transaction.atomic
def save_org_template(
    actor: Actor, org: Organization, template: str, outline: str, base: Iterable[Any] = ()
) -> list[OrgTemplateSection]:
    """The organization's own template of report kind `template` from the outline the office
    edited: sections renamed, removed, added (no key) and reordered; a kept section keeps its
    text and numbering from `base` (its current sections), a new one starts empty."""
    known: dict[str, Any] = {}
    for s in [*OrgTemplateSection.objects.filter(org=org, template=template), *base]:
        key = s["key"] if isinstance(s, dict) else s.key
        known.setdefault(key, s)
    rows = _parse_outline(outline, known)
    before = [s.title for s in OrgTemplateSection.objects.filter(org=org, template=template)]
    OrgTemplateSection.objects.filter(org=org, template=template).delete()
    saved = []
    for i, row in enumerate(rows):
        old = known.get(row["key"])

        def field(name: str, default: Any, old: Any = old) -> Any:
            if old is None:
                return default
            return old.get(name, default) if isinstance(old, dict) else getattr(old, name)

        saved.append(
            OrgTemplateSection(
                org=org,
                template=template,
                key=row["key"],
                parent_key=row["parent"],
                order=i,
                title=row["title"],
                numbering=field("numbering", "auto"),
                text=field("text", ""),
                programme=bool(field("programme", False)),
            )
        )
    OrgTemplateSection.objects.bulk_create(saved)
    entry = audit.entry(
        actor,
        "report.org_template",
        org,
        summary=f"Mẫu báo cáo riêng ({template}): {len(saved)} mục",
        org=org,
        before={"sections": before},
        after={"sections": [s.title for s in saved]},
    )
    audit.record_many([entry])
    return saved


@transaction.atomic
def reset_org_template(actor: Actor, org: Organization, template: str) -> int:
    """Back to the type's template: the organization's own sections are removed (drafts already
    made keep theirs)."""
    rows = OrgTemplateSection.objects.filter(org=org, template=template)
    titles = [s.title for s in rows]
    if not titles:
        raise ValidationError("Tổ chức đang dùng mẫu của loại hình; không có gì để khôi phục.")
    count, _ = rows.delete()
    entry = audit.entry(
        actor,
        "report.org_template_reset",
        org,
        summary=f"Dùng lại mẫu báo cáo của loại hình ({template})",
        org=org,
        before={"sections": titles},
    )
    audit.record_many([entry])
    return count
