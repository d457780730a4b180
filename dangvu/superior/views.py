"""The superior committee's pages: consolidated figures with drill-down to each unit, the
statistical forms, the tracker of reports sent, and the page to send a finalised report.

Every page goes through `request.scope`: the superior role reads its whole subtree and changes
nothing; a grassroots office sees the same pages for its own organization (one unit)."""

import datetime as dt

from django import forms
from django.contrib import messages
from django.core.exceptions import BadRequest, PermissionDenied
from django.db.models import Max
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from dangvu.awards.models import Commendation
from dangvu.core.ids import any_of
from dangvu.lib.dates import parse_date
from dangvu.ops.jobs import start as start_job
from dangvu.ops.models import Job
from dangvu.orgs.models import Organization, superior_committee_on
from dangvu.people.models import IrregularIntroduction, Person, TemporaryAttachment
from dangvu.people.stats import LABELS as SECTION_ONE
from dangvu.reports.models import ReportDraft
from dangvu.web import (
    DateInput,
    apply_action,
    attempt,
    day_param,
    default_year,
    page_of,
    page_uncounted,
    refused,
    render_form,
    url_year,
    whole_param,
)

from . import actions, jobs, kept, statforms, tracker
from .consolidate import Consolidation, period_to, totals_of
from .models import Submission
from .sheets import csv_bytes, xlsx_bytes

K = Organization.Kind
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _download(content, filename, content_type):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _default_day(request):
    """Without ?ngay=, the end of the latest year reported on in this user's scope (the demo's
    2017), else of the current year: the one rule of every page (`web.default_year`)."""
    drafts = request.scope.visible(ReportDraft)
    year = default_year(drafts.aggregate(latest=Max("year"))["latest"])
    return day_param(request, default=dt.date(year, 12, 31))


def superior_home(request):
    """The organizations whose consolidated pages this user may open."""
    scope = request.scope
    orgs = scope.orgs(
        Organization.objects.filter(kind__in=[K.SUPERIOR_COMMITTEE, K.PARTY_COMMITTEE])
    ).order_by("kind", "name")
    superiors = orgs.filter(kind=K.SUPERIOR_COMMITTEE)
    # A province's superior reads a thousand committees: they are listed a page at a time.
    committees, query = page_of(request, orgs.filter(kind=K.PARTY_COMMITTEE))
    year = _default_day(request).year
    return render(
        request,
        "superior/home.html",
        {
            "superiors": superiors,
            "committees": committees,
            "page": committees,
            "query": query,
            "year": year,
        },
    )


def computing_page(request, org, day):
    """The page of a big subtree whose figures are not kept yet: their computation is queued
    (`kept.read`); it reloads itself until they are."""
    return render(request, "superior/computing.html", {"org": org, "day": day})


def _consolidation(request, root, day):
    """The consolidation of `root` to `day` as `kept.consolidated_figures` gives it: kept for a
    big subtree, else computed now."""
    if kept.big(root):
        return kept.read(request.user, root, day, kept.CONSOLIDATED)
    return kept.Reading(kept.consolidated_figures(root, day), None, False)


def consolidated(request, slug):
    """Every unit's figures of one group, a page of units at a time (a province has a thousand)."""
    root = request.scope.org_or_404(slug)
    day = _default_day(request)
    reading = _consolidation(request, root, day)
    if reading.figures is None:
        return computing_page(request, root, day)
    data = reading.figures
    period = period_to(day)
    # The groups of facts with their totals; the units' values are read below, page by page.
    labels = dict(data["labels"])
    # The units this viewer may read, by id (one array, not a thousand objects): a unit deleted
    # since its figures were kept (they are stale, and said so), or out of the viewer's scope,
    # is left out of the rows and so of the totals, which are always the sum of the rows.
    unit_ids = [org_id for org_id, _name, _facts in data["units"]]
    readable_ids = set(
        request.scope.orgs(Organization.objects.filter(id__in=any_of(unit_ids))).values_list(
            "id", flat=True
        )
    )
    readable = [unit for unit in data["units"] if unit[0] in readable_ids]
    totals = data["totals"]
    if len(readable) < len(data["units"]):
        totals = totals_of([unit_facts for _id, _name, unit_facts in readable], labels)
    groups = Consolidation(root, period, [], totals, labels).groups()
    chosen = min(whole_param(request, "nhom"), len(groups) - 1)
    title, facts = groups[chosen]
    page, query = page_of(request, readable)
    orgs = Organization.objects.in_bulk([org_id for org_id, _name, _facts in page.object_list])
    section_one = set(SECTION_ONE)
    rows = [
        (
            orgs[org_id],
            name,
            [(fact, unit_facts[fact], fact in section_one) for fact, *_rest in facts],
        )
        for org_id, name, unit_facts in page.object_list
    ]
    return render(
        request,
        "superior/consolidated.html",
        {
            "root": root,
            "org": root,
            "day": day,
            "period": period,
            "unit_count": len(readable),
            "groups": [(i, g[0]) for i, g in enumerate(groups)],
            "chosen": chosen,
            "title": title,
            "facts": facts,
            "rows": rows,
            "page": page,
            "query": query,
            "reading": reading,
            "kept_kind": kept.CONSOLIDATED,
        },
    )


# The page each kind of kept figures is read on, for the button that computes them again.
KEPT_PAGES = {
    kept.CONSOLIDATED: "superior_consolidated",
    kept.STATISTICS: "org_stats",
    kept.FORMS: "superior_forms",
}


def recompute(request, slug):
    """Compute the kept figures of an organization again (“Tính lại”), in the background."""
    org = request.scope.org_or_404(slug)
    if request.method != "POST":  # nothing to show: the button is on the figures' pages
        return redirect("superior_consolidated", slug=org.slug)
    kind = request.POST.get("loai")
    if kind not in KEPT_PAGES:
        raise Http404("Không có loại số liệu này.")
    try:
        day = parse_date(request.POST.get("ngay"))
    except ValueError:
        day = None
    if day is None:
        messages.error(request, "Ngày không hợp lệ; chưa tính lại gì.")
    elif kept.big(org):
        kept.queue(request.user, org, day, kind)
        messages.info(
            request, "Đang tính lại số liệu trong nền; trang sẽ hiện số liệu mới khi xong."
        )
    back = reverse(KEPT_PAGES[kind], args=[org.slug])
    return redirect(back + (f"?ngay={day.isoformat()}" if day else ""))


def _job(request, root, kind, title, params):
    """Start the job (or take the same one already waiting or running) and show its status."""
    same = Job.objects.filter(
        user=request.user,
        org=root,
        kind=kind,
        params=params,
        status__in=[Job.QUEUED, Job.RUNNING],
    ).first()
    job = same or start_job(request.user, root, kind, title, params)
    messages.info(request, f"Đang làm trong nền: {title}. Tệp sẽ có ở trang này khi xong.")
    return redirect(reverse("jobs") + f"?viec={job.pk}")


def consolidated_download(request, slug, fmt):
    root = request.scope.org_or_404(slug)
    if fmt not in ("csv", "xlsx"):
        raise Http404("Không có định dạng này.")
    day = _default_day(request)
    if kept.big(root):
        params = {"day": day.isoformat(), "fmt": fmt}
        title = f"Số liệu tổng hợp {root.name} đến {day:%d/%m/%Y} ({fmt})"
        return _job(request, root, jobs.CONSOLIDATED, title, params)
    name, content = jobs.consolidated_file(request.scope, root, day, fmt)
    if fmt == "csv":
        return _download(content, name, "text/csv; charset=utf-8")
    return _download(content, name, XLSX)


def _forms(request, root, day):
    """(the forms of `root` to `day`, the kept reading): kept for a big subtree (None while they
    are computed), else computed now."""
    if kept.big(root):
        reading = kept.read(request.user, root, day, kept.FORMS)
        if reading.figures is None:
            return None, reading
        return kept.kept_forms(root, day, reading.figures), reading
    return statforms.compute(root, day), kept.Reading(None, None, False)


def stat_forms(request, slug):
    """The forms of Biểu số 1- to 7-BTCTW as tables; each count links to its records."""
    root = request.scope.org_or_404(slug)
    day = _default_day(request)
    forms, reading = _forms(request, root, day)
    if forms is None:
        return computing_page(request, root, day)
    return render(
        request,
        "superior/forms.html",
        {
            "root": root,
            "org": root,
            "day": day,
            "forms": forms,
            "layout_note": statforms.layout_note(forms),
            "layout": forms.rule,
            "sources": forms.rule["sources"],
            "reading": reading,
            "kept_kind": kept.FORMS,
        },
    )


def stat_forms_records(request, slug, sheet, row):
    """The records behind one number of the forms (`?ky=truoc`: the same period last year)."""
    root = request.scope.org_or_404(slug)
    day = _default_day(request)
    previous = request.GET.get("ky") == "truoc"
    forms, _reading = _forms(request, root, day)
    if forms is None:
        return computing_page(request, root, day)
    try:
        kind, ids = statforms.records_of(root, day, sheet, row, previous=previous, forms=forms)
    except (LookupError, StopIteration):
        raise Http404("Không có dòng này trong biểu.") from None
    line = next(ln for ln in forms.sheet(sheet).lines if ln.key == row)
    listed = isinstance(ids, list)
    chosen = any_of(ids) if listed else ids
    if kind == "person":
        # Each row of the page tested against the viewer's scope, not the scope's people read.
        records = request.scope.people_among(Person.objects.filter(id__in=chosen))
    elif kind == "attachment":
        # A member on file or one only named, with where they attend (7-BTCTW, IV.1).
        records = (
            request.scope.visible(TemporaryAttachment)
            .filter(id__in=chosen)
            .select_related("person", "cell")
        )
    elif kind == "commendation":  # 7-BTCTW, I
        records = (
            request.scope.visible(Commendation)
            .filter(id__in=chosen)
            .select_related("person", "recipient_org", "awarder")
        )
    elif kind == "irregular":  # 7-BTCTW, IV.3
        records = (
            request.scope.visible(IrregularIntroduction)
            .filter(id__in=chosen)
            .select_related("person", "org")
        )
    else:
        records = request.scope.visible(Organization).filter(id__in=chosen)
    records = records.order_by("pk")
    if listed:
        page, query = page_of(request, records)
        count, hidden = page.paginator.count, len(ids) - page.paginator.count
    else:
        # All the members of a day (a province's hundreds of thousands): their number is the
        # line's figure, and they are listed 50 a page without counting them again.
        page, query = page_uncounted(request, records)
        count, hidden = line.values[1 if previous else 0], 0
    return render(
        request,
        "superior/form_records.html",
        {
            "root": root,
            "day": day,
            "sheet": sheet,
            "line": line,
            "kind": kind,
            "records": page.object_list,
            "count": count,
            "page": page,
            "query": query,
            "hidden": hidden,
            "period": forms.previous if previous else forms.period,
        },
    )


def report_job(request, slug, year):
    """The superior committee's annual report (.docx), always made by a background job: it
    consolidates every unit below."""
    url_year(year)
    root = request.scope.org_or_404(slug)
    if root.kind != K.SUPERIOR_COMMITTEE:
        raise PermissionDenied("Chỉ cấp ủy cấp trên có báo cáo tổng hợp.")
    title = f"Báo cáo tổng hợp năm {year} của {root.name} (.docx)"
    return _job(request, root, jobs.REPORT, title, {"year": year})


def stat_forms_download(request, slug):
    root = request.scope.org_or_404(slug)
    day = _default_day(request)
    if kept.big(root):
        title = f"Biểu thống kê {root.name} đến {day:%d/%m/%Y}"
        return _job(request, root, jobs.FORMS, title, {"day": day.isoformat()})
    name, content = jobs.forms_file(request.user, root, day)
    return _download(content, name, XLSX)


def _period(request):
    """The report period of `?ky=` ("" for the year); an unknown code is refused, not read as the
    year: the page would show the year's tracker under the period asked for."""
    code = (request.GET.get("ky") or "").strip().upper()
    if code not in PERIOD_CODES:
        raise BadRequest(
            f"Kỳ báo cáo “{code[:20]}” không hợp lệ: để trống (cả năm), H1 (6 tháng), Q1–Q4 (quý) "
            "hoặc 01–12 (tháng)."
        )
    return code


PERIOD_CODES = {"", "H1", "Q1", "Q2", "Q3", "Q4", *[f"{m:02d}" for m in range(1, 13)]}


def submissions(request, slug, year):
    url_year(year)
    root = request.scope.org_or_404(slug)
    period = _period(request)
    today = dt.date.today()
    day = tracker.report_day(year, today)
    deadline = tracker.deadline_of(root, year, period)
    # The counts are the whole subtree's, counted by the database; its lines (a thousand in a
    # province) are read a page at a time.
    units = tracker.units_query(root, day)
    page, query = page_of(request, units)
    lines = tracker.lines_of(page.object_list, year, period, deadline, today, day)
    can_set = root.kind == K.SUPERIOR_COMMITTEE and request.scope.can_write_org(root)
    return render(
        request,
        "superior/tracker.html",
        {
            "root": root,
            "year": year,
            "period": period,
            "deadline": deadline,
            "counts": tracker.status_counts(units, year, period, deadline),
            "lines": lines,
            "page": page,
            "query": query,
            "labels": tracker.STATUS_LABELS,
            "can_set": can_set,
        },
    )


def reminders_download(request, slug, year, fmt):
    url_year(year)
    root = request.scope.org_or_404(slug)
    if fmt not in ("csv", "xlsx"):
        raise Http404("Không có định dạng này.")
    result = tracker.track(root, year, _period(request))
    rows = tracker.reminder_rows(result)
    name = f"nhac-gui-bao-cao-{root.slug}-{year}.{fmt}"
    if fmt == "csv":
        return _download(csv_bytes(rows), name, "text/csv; charset=utf-8")
    return _download(xlsx_bytes("Chưa gửi", rows, widths=(6, 50, 34, 24, 14)), name, XLSX)


class DeadlineForm(forms.Form):
    due_on = forms.DateField(label="Hạn gửi", widget=DateInput())
    note = forms.CharField(label="Ghi chú", max_length=255, required=False)


def deadline_edit(request, slug, year):
    url_year(year)
    root = request.scope.org_or_404(slug)
    if root.kind != K.SUPERIOR_COMMITTEE or not request.scope.can_write_org(root):
        raise PermissionDenied("Chỉ văn phòng cấp ủy cấp trên đặt hạn gửi báo cáo.")
    period = _period(request)
    back = reverse("superior_submissions", args=[root.slug, year])
    form = DeadlineForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = apply_action(
            form,
            actions.set_deadline,
            request.user,
            root,
            year,
            form.cleaned_data["due_on"],
            period,
            form.cleaned_data["note"],
        )
        if done:
            messages.success(request, "Đã đặt hạn gửi báo cáo.")
            return redirect(back + (f"?ky={period}" if period else ""))

    return render_form(
        request,
        form,
        title=f"Hạn gửi báo cáo năm {year}{' kỳ ' + period if period else ''} — {root}",
        back_url=back,
    )


def send(request, draft_id):
    """A finalised report and its sending to the superior committee."""
    draft = request.scope.get_or_404(ReportDraft.objects.select_related("org"), draft_id)
    submission = Submission.objects.filter(draft=draft).select_related("sent_by").first()
    # The committee the report goes to is the one above the organization on the report's date
    # (an organization moved since then still reports last year to last year's superior).
    day = draft.reporting_period.end
    superior = submission.superior if submission else superior_committee_on(draft.org, day)
    can_send = request.scope.can_write_report(draft.org)
    if request.method == "POST":
        if not can_send:
            raise PermissionDenied("Bạn không có quyền gửi báo cáo của tổ chức này.")
        try:
            sent_on = parse_date(request.POST.get("sent_on")) or None
        except ValueError:
            sent_on = None
        _, errors = attempt(actions.send_report, request.user, draft, sent_on)
        if not refused(request, errors):
            messages.success(request, f"Đã gửi báo cáo lên {superior.name_on(day)}.")
        return redirect("superior_send", draft_id=draft.pk)
    return render(
        request,
        "superior/send.html",
        {
            "draft": draft,
            "submission": submission,
            "superior": superior,
            "superior_name": superior.name_on(day) if superior else "",
            "can_send": can_send and draft.is_final and submission is None and superior,
            "today": dt.date.today(),
        },
    )
