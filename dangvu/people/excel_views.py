"""Web pages for people in Excel: export of the people list, and the import with its preview.

Between the preview and "Ghi vào hồ sơ" the uploaded file waits under MEDIA_ROOT/imports, named
by a random token that only the uploader's session knows; it is re-read and re-checked on
commit (the records may have changed meanwhile) and deleted afterwards.
"""

import re
import secrets
import time
from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Case, When
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from dangvu.ops import jobs
from dangvu.orgs.models import Organization
from dangvu.web import day_param

from . import excel
from . import jobs as import_jobs
from .actions import record_people_export
from .views import filter_people

SESSION_KEY = "people_import"
TOKEN_RE = re.compile(r"^[A-Za-z0-9_-]{32,64}$")
# Uploads left behind by previews never committed are removed after a day.
STALE_SECONDS = 24 * 3600
# The preview lists every error but only so many rows; the counts cover all of them.
PREVIEW_ROWS = 1000


def people_export(request):
    """The people list, with the same filters, as an .xlsx file."""
    day = day_param(request)
    people, org = filter_people(request.scope, request.GET, day)
    data = excel.export_people(people, day)
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
    """Upload form; a valid upload shows the preview of every row and every error."""
    scope = request.scope
    _require_importer(scope)
    form = ImportForm(request.POST or None, request.FILES or None, scope=scope)
    if request.method == "POST" and form.is_valid():
        _discard(request)
        org, upload = form.cleaned_data["org"], form.cleaned_data["file"]
        data = upload.read()
        try:
            plan = excel.prepare(data, org, scope)
        except excel.ImportFailed as e:
            for message in e.errors:
                form.add_error("file", message)
        else:
            if not plan.errors and plan.has_changes:
                _store(request, data, org, upload.name, len(plan.rows))
            return _preview(request, plan, upload.name)
    return render(
        request,
        "people/import.html",
        {"form": form, "max_rows": excel.MAX_ROWS},
        status=400 if form.is_bound and form.errors else 200,
    )


def people_import_commit(request):
    """Commit ("Ghi vào hồ sơ"): re-check the stored file and write it, or show why not."""
    scope = request.scope
    _require_importer(scope)
    if request.method != "POST":
        return redirect("people_import")
    stored = request.session.get(SESSION_KEY) or {}
    path = _stored_path(stored)
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
    if stored.get("rows", 0) > import_jobs.min_rows():
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
            return _preview(request, plan, name)
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


def _preview(request, plan, filename):
    return render(
        request,
        "people/import_preview.html",
        {
            "plan": plan,
            "filename": filename,
            "rows": plan.rows[:PREVIEW_ROWS],
            "hidden_rows": max(0, len(plan.rows) - PREVIEW_ROWS),
            "can_commit": not plan.errors and plan.has_changes,
            "labels": excel.STATUS_LABELS,
        },
        status=400 if plan.errors else 200,
    )


# The uploaded file between preview and commit ------------------------------------------------


def _imports_dir():
    return Path(settings.MEDIA_ROOT) / "imports"


def _store(request, data, org, filename, rows):
    folder = _imports_dir()
    folder.mkdir(parents=True, exist_ok=True)
    _remove_stale(folder)
    token = secrets.token_urlsafe(32)
    path = folder / f"{token}.xlsx"
    path.write_bytes(data)
    path.chmod(0o600)
    request.session[SESSION_KEY] = {
        "token": token,
        "org": org.id,
        "filename": filename[:200],
        "rows": rows,
    }


def _stored_path(stored):
    token = stored.get("token", "")
    if not TOKEN_RE.match(token):
        return None
    path = _imports_dir() / f"{token}.xlsx"
    return path if path.is_file() else None


def _discard(request):
    stored = request.session.pop(SESSION_KEY, None) or {}
    path = _stored_path(stored)
    if path is not None:
        path.unlink(missing_ok=True)


def _remove_stale(folder):
    limit = time.time() - STALE_SECONDS
    for path in folder.glob("*.xlsx"):
        try:
            if path.stat().st_mtime < limit:
                path.unlink()
        except OSError:
            continue  # removed meanwhile by another request
