import datetime as dt

from django.apps import apps
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe

from dangvu.core.ids import any_of
from dangvu.lib.checker import CODE_TITLES, ERROR, NOTE
from dangvu.lib.narrative import fact_names
from dangvu.lib.party_doc import format_rule
from dangvu.lib.party_html import party_css, render_html
from dangvu.orgs import kinds
from dangvu.orgs.models import Organization
from dangvu.people.models import Person
from dangvu.records import ActionFormView
from dangvu.superior import kept
from dangvu.web import apply_action, render_form

from . import actions, check_jobs, mass
from .checking import CheckError, check_bytes, check_size, may_check, readable_text
from .forms import (
    CheckForm,
    ConfirmForm,
    DraftCreateForm,
    HeaderForm,
    OrgTemplateForm,
    SectionForm,
)
from .models import OrgTemplateSection, ReportDraft
from .outputs import FORMATS, export, freeze_values, rendered
from .periods import KINDS
from .unsaved import type_sections

REPORTING_KINDS = list(actions.REPORTING_KINDS)
# The records a figure's page lists: a province's figure counts hundreds of thousands of
# members; the page says how many and lists the first ones.
SHOWN = 1000


def _latest_ids(drafts):
    """The ids of the current version of each report (the highest version of its period)."""
    latest = {}
    for d in drafts:
        key = (d.org_id, d.year, d.template, d.period)
        if key not in latest or d.version > latest[key][0]:
            latest[key] = (d.version, d.id)
    return {draft_id for _version, draft_id in latest.values()}


def report_list(request):
    scope = request.scope
    drafts = scope.visible(ReportDraft.objects.select_related("org"))
    orgs = scope.writable_orgs(REPORTING_KINDS, current=True, reports=True)
    form = DraftCreateForm(request.POST or None, orgs=orgs)
    if request.method == "POST":
        if not orgs.exists():
            raise PermissionDenied("Bạn không có quyền lập báo cáo.")
        if form.is_valid():
            data = form.cleaned_data
            current = (
                ReportDraft.objects.filter(
                    org=data["org"], year=data["year"], template=data["kind"], period=data["period"]
                )
                .order_by("-version")
                .first()
            )
            if current is not None and not data["existing"]:
                return _confirm_regenerate(request, form, current)
            if current is not None and data["existing"] == DraftCreateForm.KEEP:
                draft = apply_action(form, actions.new_version, request.user, current)
            else:
                draft = apply_action(
                    form,
                    actions.create_draft,
                    request.user,
                    data["org"],
                    data["year"],
                    data["kind"],
                    data["period"],
                )
            if draft:
                messages.success(request, f"Đã lập {draft}.")
                if kept.keeps_report_figures(draft.org):  # its page and editor are opened next
                    kept.prepare_report_figures(request.user, draft.org, draft.reporting_period)
                return redirect("report_detail", draft_id=draft.id)
    drafts = list(drafts)
    return render(
        request,
        "reports/list.html",
        {
            "drafts": drafts,
            "current": _latest_ids(drafts),
            "form": form if orgs.exists() else None,
            "template_orgs": orgs[:20],
        },
        status=400 if form.errors else 200,
    )


def _confirm_regenerate(request, form, current):
    """A period that has a draft: ask before anything is made, and offer to keep its text."""
    typed = sum(len(s.text) for s in current.sections.all())
    return render(
        request,
        "reports/regenerate.html",
        {"form": form, "current": current, "typed": typed},
    )


def report_detail(request, draft_id):
    draft = request.scope.get_or_404(ReportDraft, draft_id)
    reading = _kept_reading(request.user, draft)
    context = {
        "draft": draft,
        "reading": reading,
        "sections": draft.sections.all(),
        "can_write": request.scope.can_write_report(draft.org),
        "formats": [f.strip(".") for f in FORMATS],
        "versions": ReportDraft.objects.filter(
            org=draft.org, year=draft.year, template=draft.template, period=draft.period
        ),
    }
    if reading is None or reading.figures is not None:
        figures = reading.figures if reading else None

        def link(name):
            return reverse("report_figure", args=[draft.id, name])

        result = rendered(draft, link=link, figures=figures)
        rule = format_rule(result.document)
        context |= {
            "article": mark_safe(render_html(result.document, rule, standalone=False)),
            "css": mark_safe(party_css(rule)),
            "missing": sorted(result.missing),
            "slots": list(dict.fromkeys(result.slots)),
        }
    return render(request, "reports/detail.html", context)


def _kept_reading(user, draft):
    """The figures kept for a big superior committee's draft not final
    (`kept.read_report_figures`: when computed, whether changes were recorded since — a
    recomputation then queued for `user` — or none kept yet); None for another draft, whose
    page computes the figures its text names. A province's take tens of seconds, and every
    change recorded by its offices, a section saved among them, would make the page compute them
    again; its files compute them (`outputs.rendered` without figures)."""
    if draft.is_final or not kept.keeps_report_figures(draft.org):
        return None
    return kept.read_report_figures(user, draft.org, draft.reporting_period)


def report_section(request, draft_id, key):
    draft = request.scope.get_or_404(ReportDraft, draft_id, write=True)
    section = get_object_or_404(draft.sections, key=key)
    form = SectionForm(request.POST or None, initial={"text": section.text})
    if form.is_valid() and apply_action(
        form,
        actions.edit_section,
        request.user,
        section,
        form.cleaned_data["text"],
        known=_known_names(draft, form.cleaned_data["text"]),
    ):
        messages.success(request, f"Đã lưu mục “{section.title}”.")
        return redirect(reverse("report_detail", args=[draft.id]) + f"#{section.key}")
    figures, reading = _figure_list(request.user, draft)
    return render(
        request,
        "reports/section.html",
        {
            "draft": draft,
            "section": section,
            "form": form,
            "figures": figures,
            "reading": reading,
        },
        status=400 if form.is_bound and form.errors else 200,
    )


def _known_names(draft, text):
    """The figure names of `text` known to be figures of `draft` without computing them
    (`kept.known_report_names`): a superior committee's consolidated totals, and a big one's
    figures kept fresh for the period. The section's save computes only the others."""
    return kept.known_report_names(draft.org, draft.reporting_period, fact_names(text))


def report_recompute(request, draft_id):
    """“Tính lại”: compute the figures kept for the draft's period again, in the background, as
    the other kept pages' button does (`kept.recompute_report_figures`: not within
    `DANGVU_KEPT_REFRESH_MINUTES` of their last computation). Whoever may read the draft."""
    draft = request.scope.get_or_404(ReportDraft, draft_id)
    if request.method != "POST":  # nothing to show: the button is on the draft's page
        return redirect("report_detail", draft_id=draft.id)
    if draft.is_final:
        messages.info(request, "Báo cáo đã chốt: số liệu đã được giữ nguyên, không tính lại.")
        return redirect("report_detail", draft_id=draft.id)
    if not kept.keeps_report_figures(draft.org):
        messages.info(request, "Số liệu của báo cáo này được tính từ hồ sơ mỗi khi mở trang.")
        return redirect("report_detail", draft_id=draft.id)
    job, earliest = kept.recompute_report_figures(request.user, draft.org, draft.reporting_period)
    if job is None:
        when = timezone.localtime(earliest)
        messages.info(
            request,
            f"Số liệu vừa được tính; có thể tính lại từ {when:%H:%M} ngày {when:%d/%m/%Y}.",
        )
    else:
        messages.info(
            request, "Đang tính lại số liệu trong nền; trang sẽ hiện số liệu mới khi xong."
        )
    return redirect("report_detail", draft_id=draft.id)


def _figure_list(user, draft):
    """([(name, Vietnamese label, value as the report writes it)], reading) for the section
    editor. A big superior committee's list is read from the kept figures
    (`kept.read_report_figures`, as its draft's page reads them): `reading` says when they were
    computed, whether changes were recorded since (a recomputation then queued for `user`), or
    that none are kept yet (the list empty meanwhile); computed, a province's takes tens of
    seconds, and saving a section is itself a change. Another organization's is computed now
    (`reading` None). The values are only shown: the report's files compute the figures they
    name."""
    period = draft.reporting_period
    if kept.keeps_report_figures(draft.org):
        reading = kept.read_report_figures(user, draft.org, period)
        return actions.editor_rows(draft.org, reading.figures or []), reading
    return actions.editor_figures(draft.org, period), None


class _DraftForm(ActionFormView):
    """A form acting on a draft the user writes; back to the draft's page."""

    record, record_kwarg = ReportDraft, "draft_id"
    form_class = ConfirmForm
    record_url_name = "report_detail"


class ReportHeader(_DraftForm):
    form_class = HeaderForm
    action = actions.edit_header
    title = "Thể thức báo cáo"
    success_message = "Đã lưu thể thức báo cáo."

    initial_fields = actions.HEADER_FIELDS


report_header = ReportHeader.as_view()

report_take_number = _DraftForm.as_view(
    action=actions.take_number,
    title="Lấy số báo cáo từ sổ văn bản đi",
    submit="Lấy số",
    intro="Số được lấy theo loại văn bản và nhiệm kỳ cấp ủy, rồi báo cáo được vào sổ văn bản đi.",
    success_message="Đã lấy số từ sổ văn bản đi.",
)


class ReportFinalise(_DraftForm):
    action = actions.finalise
    title = "Chốt {object}"
    submit = "Chốt báo cáo"
    success_message = "Đã chốt báo cáo: số liệu và tệp Word được giữ nguyên từ nay."

    def get_intro(self):
        intro = (
            "Sau khi chốt, số liệu và tệp Word không thay đổi nữa dù hồ sơ thay đổi; "
            "muốn sửa phải tạo phiên bản mới."
        )
        draft = self.object
        posted = self.request.method in ("POST", "PUT")
        problems = [] if posted or draft.is_final else actions.finalise_problems(draft)
        if problems:
            intro = f"{intro} Cần xử lý trước khi chốt: " + " ".join(problems)
        return intro


report_finalise = ReportFinalise.as_view()


class ReportNewVersion(_DraftForm):
    action = actions.new_version
    title = "Tạo phiên bản mới của {object}"
    submit = "Tạo phiên bản mới"
    success_message = "Đã tạo phiên bản {result.version}."

    def get_success_url(self, result=None):
        return reverse("report_detail", args=[result.id])


report_new_version = ReportNewVersion.as_view()


def report_download(request, draft_id, ext):
    draft = request.scope.get_or_404(ReportDraft, draft_id)
    suffix = f".{ext}"
    if suffix not in FORMATS:
        raise Http404("Định dạng không được hỗ trợ.")
    try:
        data = export(draft, suffix)
    except RuntimeError as e:
        messages.error(request, str(e))
        return redirect("report_detail", draft_id=draft.id)
    response = HttpResponse(data, content_type=FORMATS[suffix])
    if suffix != ".html":
        period = f"-{draft.period.lower()}" if draft.period else ""
        name = f"bao-cao-{draft.year}{period}-{draft.org.slug}-v{draft.version}{suffix}"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def report_figure(request, draft_id, fact):
    """The records behind one figure of the report, computed now with its value: a draft's page
    may show an older value (kept), never the records beside it."""
    draft = request.scope.get_or_404(ReportDraft, draft_id)
    figure = _figure_now(draft, fact)
    if figure is None:
        raise Http404("Không có số liệu này.")
    frozen = actions.thaw_values(draft.frozen_facts).get(fact) if draft.is_final else None
    scope = request.scope
    groups = []
    for label, ids in sorted(figure.records.items()):
        model = apps.get_model(label)
        records = scope.visible(model.objects.filter(id__in=any_of(ids)))
        groups.append((model._meta.verbose_name_plural, records[:SHOWN]))
    # The ids as one subquery (`any_of`), never one parameter each: SQLite takes at most 32.766.
    people = scope.people_among(Person.objects.filter(id__in=any_of(figure.people)))
    return render(
        request,
        "reports/figure.html",
        {
            "draft": draft,
            "fact": fact,
            "figure": figure,
            "frozen": frozen,
            "shown": _shown_on_draft(request.user, draft, fact, figure),
            "groups": groups,
            "people": people[:SHOWN],
            "people_count": people.count() if figure.people else 0,
            "orgs": scope.orgs(Organization.objects.filter(id__in=any_of(figure.orgs))),
        },
    )


def _figure_now(draft, fact):
    """The Figure `fact` of `draft` computed now (None: no such figure), alone: a superior
    committee's consolidated total by its own consolidation (`kept.total_alone`), any other by
    the providers that give it (`live_facts(..., only=...)`)."""
    period = draft.reporting_period
    if fact in kept.total_names(draft.org, period):
        return kept.total_alone(draft.org, period, fact)
    return actions.live_facts(draft, only={fact}).get(fact)


def _shown_on_draft(user, draft, fact, figure):
    """What the draft's page shows of `fact` when it reads the figures kept (`_kept_reading`)
    and they may differ from `figure` computed now: (the reading, the value kept, whether it
    differs); None when the page computes its figures, has none kept yet or they are fresh and
    the same."""
    reading = _kept_reading(user, draft)
    if reading is None or reading.figures is None:
        return None
    kept_rows = {name: value for name, _label, value in reading.figures}
    now = freeze_values({fact: figure})[fact]
    differs = fact not in kept_rows or kept_rows[fact] != now
    if not (reading.stale or differs):
        return None
    value = actions.thaw_values(kept_rows).get(fact) if fact in kept_rows else None
    return {"reading": reading, "value": value, "differs": differs, "kept": fact in kept_rows}


def report_check(request):
    """Upload a report (.docx, .txt, .md) and list what is wrong with it: errors first, then
    notes (style advice). Nothing is stored. Only roles that write reports may use it."""
    if not may_check(request.scope):
        raise PermissionDenied(
            "Chỉ văn phòng cấp ủy, bí thư chi bộ và cấp ủy cấp trên được kiểm tra báo cáo."
        )
    form = CheckForm(request.POST or None, request.FILES or None)
    findings, name, job = None, None, None
    if form.is_valid():
        upload = form.cleaned_data["file"]
        name = upload.name
        limit = settings.DANGVU_MAX_UPLOAD_BYTES
        try:
            check_size(upload.size, name, limit)
            data = upload.read()
            if len(readable_text(data, name, limit)) > check_jobs.min_chars():
                job = check_jobs.start(request, name, data)  # a long report: checked by a job
                return redirect(f"{reverse('report_check')}?viec={job.pk}")
            findings = check_bytes(
                data, name, limit, known_names=check_jobs.known_names(request.scope)
            )
        except CheckError as e:
            form.add_error("file", str(e))
    elif "viec" in request.GET:
        job, findings = check_jobs.findings_of(request, request.GET["viec"])
        if job is None:
            raise Http404("Không có việc kiểm tra này.")
        name = job.params.get("name", "")
    context = {"form": form, "name": name, "findings": None, "job": job}
    if findings is not None:
        rows = [(f, CODE_TITLES.get(f.code, f.code)) for f in findings]
        context["findings"] = rows
        context["errors"] = [r for r in rows if r[0].severity == ERROR]
        context["notes"] = [r for r in rows if r[0].severity == NOTE]
    return render(request, "reports/check.html", context, status=400 if form.errors else 200)


def _template_org(request, slug, template):
    org = request.scope.org_or_404(slug)
    if not request.scope.can_write_report(org) or org.kind not in REPORTING_KINDS:
        raise PermissionDenied("Bạn không sửa được mẫu báo cáo của tổ chức này.")
    if template not in KINDS or (org.is_mass and template not in mass.MASS_REPORTS):
        raise Http404("Không có loại báo cáo này.")
    return org


def _family_label(org):
    """Whose template a new draft of `org` follows: its type's, or the mass organizations'."""
    return "đoàn thể" if org.is_mass else f"loại hình {kinds.kind_on(org).label}"


def org_template(request, slug, template):
    """The organization's own template of a report kind: its type's sections renamed, removed,
    added and reordered by the office, used for its later drafts."""
    org = _template_org(request, slug, template)
    today = dt.date.today()
    own = list(OrgTemplateSection.objects.filter(org=org, template=template))
    base = own or type_sections(org, template, today)
    form = OrgTemplateForm(request.POST or None, initial={"outline": actions.outline_of(base)})
    if form.is_valid() and apply_action(
        form,
        actions.save_org_template,
        request.user,
        org,
        template,
        form.cleaned_data["outline"],
        type_sections(org, template, today),
    ):
        messages.success(request, "Đã lưu mẫu riêng; các dự thảo lập sau dùng mẫu này.")
        return redirect("org_template", slug=org.slug, template=template)
    reset = reverse("org_template_reset", args=[org.slug, template])
    intro = (
        f"Mẫu {KINDS[template][0].lower()} của {org}: "
        + ("mẫu riêng của tổ chức" if own else f"mẫu của {_family_label(org)}")
        + "."
        + (f" Khôi phục mẫu của loại hình: {reset}" if own else "")
    )
    return render_form(
        request,
        form,
        title=f"Mẫu báo cáo của {org}",
        back_url=reverse("report_list"),
        submit="Lưu mẫu riêng",
        intro=intro,
    )


def org_template_reset(request, slug, template):
    org = _template_org(request, slug, template)
    form = ConfirmForm(request.POST or None)
    if request.method == "POST" and apply_action(
        form, actions.reset_org_template, request.user, org, template
    ):
        messages.success(request, "Đã dùng lại mẫu của loại hình.")
        return redirect("org_template", slug=org.slug, template=template)
    return render_form(
        request,
        form,
        title=f"Dùng lại mẫu của loại hình cho {org}",
        back_url=reverse("org_template", args=[org.slug, template]),
        submit="Khôi phục",
        intro="Mẫu riêng của tổ chức bị bỏ; các dự thảo đã lập vẫn giữ nguyên các mục của chúng.",
    )
