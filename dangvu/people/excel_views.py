"""Web pages for people in Excel: export of the people list, and the import with its preview.

Between the preview and "Ghi vào hồ sơ" the uploaded file waits, kept by the import kit
(`kit.keep`) under a token that only the uploader's session knows; it is re-read and re-checked
on commit (the records may have changed meanwhile) and deleted afterwards. A large file
(`kit.is_large`) is previewed and committed by background jobs (`people.jobs`): the upload
answers at once with a page that shows the check's progress, then the same preview.
"""

import json

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Case, When
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from dangvu.core import imports as kit
from dangvu.lib.text import money
from dangvu.ops import jobs
from dangvu.ops.models import Job
from dangvu.orgs.models import Organization
from dangvu.web import day_param, whole_param

from . import excel
from . import jobs as import_jobs
from .actions import record_people_export
from .models import PartyProfile
from .views import filter_people

SESSION_KEY = "people_import"


def people_export(request):
    """The people list, with the same filters, as an .xlsx file."""
    day = day_param(request)
    scope = request.scope
    people, org = filter_people(scope, request.GET, day)
    party_file = None
    if scope.party is not scope:
        # A mass organization's executive: the Party file only of those its Party roles read.
        profiles = scope.visible(PartyProfile.objects.filter(person__in=people.values("id")))
        party_file = set(profiles.values_list("person_id", flat=True))
    data = excel.export_people(people, day, party_file)
    record_people_export(request.user, rows=people.count(), org=org, filters=request.GET.dict())
    response = HttpResponse(data, content_type=excel.XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = (
        f'attachment; filename="danh-sach-ca-nhan-{day:%Y-%m-%d}.xlsx"'
    )
    return response


def _require_importer(scope):
    """Only users with a write role (office, secretary, superuser) import people."""
    if not scope.can_write_any:
        raise PermissionDenied("Bạn không có quyền nhập hồ sơ.")


def _import_orgs(scope):
    orgs = scope.writable_orgs(excel.IMPORT_ORG_KINDS, current=True)
    # The committee first: it is the usual choice, and the cells follow by name.
    committee_first = Case(When(kind=Organization.Kind.PARTY_COMMITTEE, then=0), default=1)
    return orgs.order_by(committee_first, "name")


class ImportForm(forms.Form):
    org = forms.ModelChoiceField(
        label="Nhập vào tổ chức",
        queryset=Organization.objects.none(),
        to_field_name="slug",
        empty_label=None,
    )
    file = forms.FileField(
        label="Tệp Excel (.xlsx)",
        help_text="Dùng tệp mẫu; tối đa "
        f"{excel.size_text(settings.DANGVU_MAX_UPLOAD_BYTES)} và {excel.money(excel.MAX_ROWS)} dòng.",
    )

    def __init__(self, *args, scope, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = _import_orgs(scope)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.DANGVU_MAX_UPLOAD_BYTES:
            raise forms.ValidationError(excel.too_big_message(upload.size))
        return upload


def people_import(request):
    """Upload form; a valid upload shows the preview of every row and every error (for a large
    file, once the background job that checks it is done)."""
    scope = request.scope
    _require_importer(scope)
    form = ImportForm(request.POST or None, request.FILES or None, scope=scope)
    if request.method == "POST" and form.is_valid():
        _discard(request)
        org, upload = form.cleaned_data["org"], form.cleaned_data["file"]
        data = upload.read()
        rows = kit.count_rows(data)
        if kit.is_large(rows):
            return _start_preview(request, data, org, upload.name, rows)
        try:
            plan = excel.prepare(data, org, scope)
        except excel.ImportFailed as e:
            for message in e.errors:
                form.add_error("file", message)
        else:
            can_commit = not plan.errors and plan.has_changes
            if can_commit:
                _keep(request, data, org, upload.name, len(plan.rows))
            return _preview(request, excel.preview_of(plan, upload.name), can_commit)
    return render(
        request,
        "people/import.html",
        {"form": form, "max_rows": excel.MAX_ROWS},
        status=400 if form.is_bound and form.errors else 200,
    )


def _start_preview(request, data, org, filename, rows):
    """Keep the file and have a background job check it; the page follows the job."""
    token = _keep(request, data, org, filename, rows)
    title = f"Xem trước {filename} (nhập vào {org.name})"
    params = {"token": token, "filename": filename[:200]}
    job = jobs.start(request.user, org, import_jobs.PREVIEW, title[:255], params)
    request.session[SESSION_KEY] = request.session[SESSION_KEY] | {"job": job.pk}
    return redirect(f"{reverse('people_import_preview')}?viec={job.pk}")


def import_preview(request):
    """The preview of a large file: the check's progress while its job runs, then the preview
    it kept. Only the user who uploaded the file sees it."""
    _require_importer(request.scope)
    wanted = whole_param(request, "viec")
    if not wanted:
        return redirect("people_import")
    job = Job.objects.filter(user=request.user, kind=import_jobs.PREVIEW, pk=wanted).first()
    if job is None:
        raise Http404("Không tìm thấy bản xem trước này.")
    path = jobs.file_of(job)
    if path is None:
        if job.status == Job.FAILED:
            _discard(request, job)
        rows = {"done": money(job.done), "total": money(job.total)}  # 20.000, as users write it
        return render(request, "people/import_progress.html", {"job": job, "rows": rows})
    preview = json.loads(path.read_text(encoding="utf-8"))
    stored = request.session.get(SESSION_KEY) or {}
    waiting = stored.get("job") == job.pk and kit.kept_path(stored.get("token", ""))
    can_commit = bool(waiting) and not preview["errors"] and preview["has_changes"]
    return _preview(request, preview, can_commit)


def people_import_commit(request):
    """Commit ("Ghi vào hồ sơ"): re-check the stored file and write it, or show why not."""
    scope = request.scope
    _require_importer(scope)
    if request.method != "POST":
        return redirect("people_import")
    stored = request.session.get(SESSION_KEY) or {}
    path = kit.kept_path(stored.get("token", ""))
    if "huy" in request.POST or path is None:
        _discard(request)
        if path is None:
            messages.error(request, "Không còn tệp đang chờ ghi; hãy tải tệp lên lại.")
        else:
            messages.success(request, "Đã hủy, không ghi gì.")
        return redirect("people_import")
    org = Organization.objects.filter(id=stored.get("org")).first()
    if org is None or not scope.can_write_org(org):
        _discard(request)
        raise PermissionDenied("Bạn không có quyền nhập hồ sơ vào tổ chức này.")
    name = stored.get("filename", "")
    if kit.is_large(stored.get("rows", 0)):
        # A large file is written by a background job: the page answers at once.
        title = f"Nhập {name} vào {org.name}"
        job = jobs.start(
            request.user,
            org,
            import_jobs.IMPORT,
            title[:255],
            {"filename": name},
            upload=path.read_bytes(),
        )
        _discard(request)
        return redirect(f"{reverse('jobs')}?viec={job.pk}")
    try:
        plan = excel.prepare(path.read_bytes(), org, scope)
        if plan.errors:
            _discard(request)
            return _preview(request, excel.preview_of(plan, name), can_commit=False)
        excel.commit(plan, request.user)
    except excel.ImportFailed as e:
        _discard(request)
        messages.error(request, "Không ghi được; không có gì thay đổi.")
        for message in e.errors[:50]:
            messages.error(request, message)
        return redirect("people_import")
    _discard(request)
    messages.success(request, f"Đã ghi vào hồ sơ: {plan.summary()}.")
    return redirect(f"{reverse('people_list')}?to-chuc={org.slug}")


def people_import_template(request):
    _require_importer(request.scope)
    cells = _import_orgs(request.scope).filter(kind=Organization.Kind.PARTY_CELL)
    response = HttpResponse(excel.write_template(cells=cells), content_type=excel.XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = 'attachment; filename="mau-nhap-ca-nhan.xlsx"'
    return response


def _preview(request, preview, can_commit):
    return render(
        request,
        "people/import_preview.html",
        {"preview": preview, "can_commit": can_commit},
        status=400 if preview["errors"] else 200,
    )


# The uploaded file between preview and commit ------------------------------------------------


def _keep(request, data, org, filename, rows):
    token = kit.keep(data)
    request.session[SESSION_KEY] = {
        "token": token,
        "org": org.id,
        "filename": filename[:200],
        "rows": rows,
    }
    return token


def _discard(request, job=None):
    """Delete the kept file and forget it (only when it belongs to `job`, if given)."""
    stored = request.session.get(SESSION_KEY) or {}
    if job is not None and stored.get("job") != job.pk:
        return
    request.session.pop(SESSION_KEY, None)
    kit.discard(stored.get("token", ""))
