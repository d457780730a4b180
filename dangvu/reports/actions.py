"""Named actions on report drafts: create, edit, finalise, new version."""

import re
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from dangvu.accounts import audit
from dangvu.orgs.models import Organization

from .facts import compute
from .models import ReportDraft, ReportSection
from .periods import (
    check_org_in_period,
    check_rules_in_force,
    check_year,
    default_issue_date,
    normalize_code,
    period_of,
)
from .report_template import org_kind, sections_for, template_for

REPORTING_KINDS = (
    Organization.Kind.PARTY_COMMITTEE,
    Organization.Kind.PARTY_CELL,
    Organization.Kind.SUPERIOR_COMMITTEE,
)

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


def _issuer_name(org, day=None):
    # The executive committee issues the report: "Đảng bộ Sở X" is signed by "Đảng ủy Sở X".
    name = org.name_on(day) if day else org.name
    for body, executive in (("Đảng bộ", "Đảng ủy"), ("Chi bộ", "Chi bộ")):
        if name.startswith(body):
            return executive + name[len(body) :]
    return name


def _superior_name(org, day=None):
    if org.parent is None:
        return ""
    name = org.parent.name_on(day) if day else org.parent.name
    place = org.parent.place
    return name[: -len(f" {place}")] if place and name.endswith(f" {place}") else name


def _place(org):
    """The place of the organization or of the nearest one above it that has one."""
    while org is not None:
        if org.place:
            return org.place
        org = org.parent
    return ""


def _recipients(org, kind, day):
    superior = (
        f"- {_issuer_name(org.parent, day)} (b/c);" if org.parent else "- Cấp ủy cấp trên (b/c);"
    )
    if kind == "superior":
        lines = [superior, "- Các đảng ủy, chi bộ cơ sở trực thuộc;"]
        return "\n".join([*lines, f"- Lưu: {org.symbol or 'VT'}."])
    if kind == "committee":
        lines = [superior, "- Ban Chấp hành Đảng bộ;", "- Chi ủy các chi bộ trực thuộc;"]
        return "\n".join([*lines, f"- Lưu: {org.symbol or 'VT'}."])
    return "\n".join([superior, "- Đảng viên trong chi bộ;", "- Lưu: Chi bộ."])


def _secretary(org, day):
    """The secretary of the organization's executive committee on `day`, or None."""
    from dangvu.orgs.models import Position, Term, active_on

    position = (
        Position.objects.filter(
            active_on(day),
            term__organization=org,
            term__body=Term.Body.EXECUTIVE,
            role=Position.Role.SECRETARY,
        )
        .select_related("person")
        .first()
    )
    return position.person if position else None


def _default_header(org, year, period_code=""):
    """The header and closing of a new report: names as they were in the period, the place, the
    date the report is dated until the office sets it, and the signature of the kind of body."""
    period = period_of(year, period_code)
    kind = org_kind(org)
    issued = default_issue_date(period)
    secretary = _secretary(org, issued)
    return {
        "superior_name": _superior_name(org, period.end),
        "issuer_name": _issuer_name(org, period.end),
        "place": _place(org),
        "issued_on": issued,
        "recipients": _recipients(org, kind, period.end),
        "signer_capacity": "T/M CHI BỘ" if kind in ("cell", "cell_base") else "T/M ĐẢNG ỦY",
        "signer_title": "BÍ THƯ",
        "signer_name": secretary.full_name if secretary else "",
    }


def check_reportable(org, template, year, period_code=""):
    """(period code, period) of a report of kind `template` for `org`, or a ValidationError in
    Vietnamese: an unknown kind or period, an impossible or future year, an organization that did
    not exist then, a year before the rules dangvu computes with."""
    code = normalize_code(template, period_code)
    check_year(year)
    if org.kind not in REPORTING_KINDS:
        raise ValidationError(
            f"{org} không phải cấp ủy, chi bộ: chỉ cấp ủy, chi bộ mới lập báo cáo này."
        )
    period = period_of(year, code)
    check_org_in_period(org, period)
    check_rules_in_force(period)
    return code, period


@transaction.atomic
def create_draft(actor, org, year, template="annual", period=""):
    """A new draft from the template; its number is the next version for that period."""
    period, _dates = check_reportable(org, template, year, period)  # the normalized code
    spec = template_for(template, org)
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
        **_default_header(org, year, period),
    )
    ReportSection.objects.bulk_create(
        [
            ReportSection(
                draft=draft,
                key=s["key"],
                parent_key=s["parent"],
                order=i,
                title=s["title"],
                numbering=s["numbering"],
                text=s["text"],
                programme=s["programme"],
            )
            for i, s in enumerate(sections_for(spec, org_kind(org)))
        ]
    )
    audit.record(actor, "report.create", draft, summary=f"Lập {draft}", org=org)
    return draft


def _check_open(draft):
    if draft.is_final:
        raise ValidationError("Báo cáo đã chốt không sửa được; hãy tạo phiên bản mới.")


@transaction.atomic
def edit_section(actor, section, text, title=None):
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


def unknown_names(text, names):
    """The fact names of `text` that are not among `names` (typos), with the nearest known ones:
    [(name, [suggestions])]."""
    from difflib import get_close_matches

    from dangvu.lib.narrative import fact_names

    from .render import is_dynamic

    unknown = sorted(n for n in fact_names(text) if n not in names and not is_dynamic(n))
    return [(n, get_close_matches(n, list(names), n=3, cutoff=0.6)) for n in unknown]


def unknown_messages(found):
    out = []
    for name, nearest in found:
        hint = f" Có phải ý bạn là {', '.join(nearest)}?" if nearest else ""
        out.append(f"Không có số liệu “{name}”.{hint}")
    return out


def refuse_unknown_names(draft, text):
    """Saving a figure name no provider knows would print a hole in the report: refuse it."""
    from dangvu.lib.narrative import fact_names

    if not fact_names(text):
        return
    found = unknown_names(text, live_facts(draft))
    if found:
        raise ValidationError(unknown_messages(found))


def _link_citations(actor, section):
    from django.apps import apps

    if apps.is_installed("dangvu.documents"):
        from dangvu.documents.actions import link_text

        link_text(actor, section, "text", section.text, section.draft.org)


@transaction.atomic
def edit_header(actor, draft, **fields):
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
def take_number(actor, draft):
    """Number the report from the outgoing register ("Số 15-BC/ĐU") and enter it there."""
    from django.apps import apps

    _check_open(draft)
    if draft.number:
        raise ValidationError(f"Báo cáo đã có số: {draft.number}.")
    if not draft.issued_on:
        raise ValidationError("Cần ghi ngày ban hành trước khi lấy số.")
    if not apps.is_installed("dangvu.documents"):
        raise ValidationError("Chưa cài phần sổ văn bản để lấy số.")
    from dangvu.documents.actions import register_outgoing

    subject = draft.label
    _doc, reserved = register_outgoing(
        actor, draft.org, doc_type="Báo cáo", date=draft.issued_on, subject=subject
    )
    return edit_header(actor, draft, number=reserved.label)


def live_facts(draft):
    """{name: Figure} computed now from records."""
    return compute(draft.org, draft.reporting_period)


def freeze_values(facts):
    """Fact values as JSON: Decimals keep their exact digits."""
    return {name: _freeze(f.value) for name, f in facts.items()}


def thaw_values(frozen):
    return {name: _thaw(v) for name, v in frozen.items()}


def _freeze(value):
    if isinstance(value, Decimal):
        return {"decimal": str(value)}
    if isinstance(value, list | tuple):
        return [_freeze(v) for v in value]
    return value


def _thaw(value):
    if isinstance(value, dict) and set(value) == {"decimal"}:
        return Decimal(value["decimal"])
    if isinstance(value, list):
        return [_thaw(v) for v in value]
    return value


def fact_values(draft):
    """The values a draft shows: frozen once final, computed from records before."""
    if draft.is_final:
        return thaw_values(draft.frozen_facts)
    return {name: f.value for name, f in live_facts(draft).items()}


@transaction.atomic
def finalise(actor, draft):
    """Freeze the facts and the Word file; later record changes leave this version alone."""
    from .outputs import render_docx_bytes

    draft = ReportDraft.objects.select_for_update().get(pk=draft.pk)
    _check_open(draft)
    if not draft.issued_on or not draft.number:
        raise ValidationError("Cần có số, ký hiệu và ngày ban hành trước khi chốt báo cáo.")
    problems = finalise_problems(draft)
    if problems:
        raise ValidationError(["Chưa chốt được báo cáo:", *problems])
    before = audit.snapshot(draft)
    draft.frozen_facts = freeze_values(live_facts(draft))
    draft.status = ReportDraft.Status.FINAL
    draft.finalised_at, draft.finalised_by = (
        timezone.now(),
        actor if getattr(actor, "pk", None) else None,
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


def finalise_problems(draft, limit=12):
    """What stands between a draft and its finalising, in Vietnamese: unknown figure names, open
    slots, and the findings of the report checker on the Word file as it would be frozen."""
    from .checking import check_bytes
    from .outputs import rendered

    facts = live_facts(draft)
    problems = []
    for section in draft.sections.all():
        for message in unknown_messages(unknown_names(section.text, facts)):
            problems.append(f"Mục “{section.title}”: {message}")
    result = rendered(draft)
    for text in dict.fromkeys(result.slots):
        problems.append(f"Còn chỗ trống chưa điền: {text}")
    if not problems:
        from dangvu.lib.party_docx import render_docx

        for f in check_bytes(render_docx(result.document), "bao-cao.docx"):
            problems.append(f"{f.location}: {f.problem} {f.suggestion}".strip())
    if len(problems) > limit:
        problems = [*problems[:limit], f"… và {len(problems) - limit} vấn đề khác."]
    return problems


@transaction.atomic
def new_version(actor, draft):
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


def programme_items(text):
    """[(number, first line, further paragraphs)] from the typed programme section."""
    items = []
    for line in (line.strip() for line in text.splitlines()):
        m = ITEM_LINE.match(line)
        if m:
            items.append([m.group(1), m.group(2), []])
        elif line and items:
            items[-1][2].append(line)
    return items


def _programme_from_report(actor, draft):
    """The next year's programme the office typed into the report becomes the work programme.

    When the section shows the work programme itself (a placeholder), or next year already has
    one, there is nothing to turn: the records are the source.
    """
    from django.apps import apps

    if not apps.is_installed("dangvu.work"):
        return None
    from dangvu.programme import actions as work
    from dangvu.programme.models import WorkProgramme

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
