"""The document registry on the web: list and search, entry page with the texts citing it, entry
forms, outgoing numbering, export, and the import of a report's citations.

Who sees what is decided in `access.DocumentAccess`; every view starts from it.
"""

import csv
import io
import os

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from openpyxl import Workbook

from dangvu.lib.spreadsheet import safe_row
from dangvu.lib.textfile import TextFileError, check_size, read_bytes
from dangvu.orgs.models import Organization
from dangvu.people.models import Membership, Person
from dangvu.web import apply_action, optional_year_param, org_param, render_form

from . import actions, forms
from .access import DocumentAccess, exportable
from .models import TYPE_NAMES, Document
from .search import issuer_codes, search, years

# GET parameters of the list (Vietnamese slugs) -> keyword of `search`.
FILTERS = {
    "q": "q",
    "so": "direction",
    "loai": "doc_type",
    "nam": "year",
    "co-quan": "issuer",
    "do-mat": "secrecy",
}


def _filtered(request, access):
    params = {kw: request.GET.get(name, "").strip() for name, kw in FILTERS.items()}
    params["year"] = optional_year_param(request)
    org = org_param(request, _nameable_orgs(request.scope, access))
    return search(access, org=org, **params), org


def _nameable_orgs(scope, access):
    """The organizations the list may be narrowed to: the registries the user reads (a cell
    reads its committee's) and a member's own organizations; any other is a 404 that does not
    give its name away."""
    registries = access.registry_org_ids()
    orgs = Organization.objects.all()
    if registries is None:
        return orgs
    mine = scope.self_person_ids
    memberships = Membership.objects.filter(person_id__in=mine).values("org_id")
    homes = Person.objects.filter(id__in=mine).values("home_org_id")
    return orgs.filter(Q(id__in=registries) | Q(id__in=memberships) | Q(id__in=homes))


def document_list(request):
    access = DocumentAccess.for_request(request)
    docs, org = _filtered(request, access)
    page = Paginator(docs, 50).get_page(request.GET.get("trang"))
    query = request.GET.copy()
    query.pop("trang", None)
    writable = access.writable_orgs()
    return render(
        request,
        "documents/list.html",
        {
            "page": page,
            "org": org,
            "current": {kw: request.GET.get(name, "") for name, kw in FILTERS.items()},
            "query": query.urlencode(),
            "directions": Document.Direction.choices,
            "types": TYPE_NAMES,
            "years": years(access),
            "issuers": issuer_codes(access),
            "secrecies": Document.Secrecy.choices,
            "can_create": writable.exists(),
            "can_number": _numbering_orgs(access).exists(),
        },
    )


def document_export(request, fmt):
    """The list as CSV or Excel, with the list's filters; secret entries never leave this way."""
    access = DocumentAccess.for_request(request)
    docs, _org = _filtered(request, access)
    rows = [_export_row(d) for d in exportable(docs)]
    if fmt == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="so-van-ban.csv"'
        response.write("\ufeff")  # so that Excel reads the file as UTF-8
        writer = csv.writer(response)
        writer.writerow(EXPORT_HEADER)
        writer.writerows(safe_row(row) for row in rows)
        return response
    if fmt == "xlsx":
        book = Workbook()
        sheet = book.active
        sheet.title = "Sổ văn bản"
        sheet.append(EXPORT_HEADER)
        for row in rows:
            sheet.append(safe_row(row))
        out = io.BytesIO()
        book.save(out)
        response = HttpResponse(
            out.getvalue(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = 'attachment; filename="so-van-ban.xlsx"'
        return response
    raise Http404("Không có định dạng này.")


EXPORT_HEADER = [
    "Sổ văn bản của",
    "Loại sổ",
    "Loại văn bản",
    "Số và ký hiệu",
    "Tên gọi",
    "Ngày ban hành",
    "Cơ quan ban hành",
    "Trích yếu",
    "Có hiệu lực từ",
    "Hết hiệu lực từ",
    "Từ khóa",
]


def _export_row(d):
    def day(value):
        return value.strftime("%d/%m/%Y") if value else ""

    return [
        d.owner_org.name,
        d.get_direction_display(),
        d.doc_type,
        d.symbol,
        d.name,
        day(d.date),
        d.issuer_display(),
        d.subject,
        day(d.effective_from),
        day(d.effective_to),
        d.tags,
    ]


def document_detail(request, document_id):
    access = DocumentAccess.for_request(request)
    doc = request.scope.get_or_404(Document.objects.select_related("owner_org"), document_id)
    links = list(
        access.citations(doc.citations.all())
        .select_related("content_type", "owner_org")
        .prefetch_related("text_object")  # one query per kind of text, not one per text
    )
    texts = _citing_texts(links)
    supersedes = doc.supersedes if doc.supersedes and access.can_read(doc.supersedes) else None
    superseded_by = access.documents(doc.superseded_by_set.all()).first()
    return render(
        request,
        "documents/detail.html",
        {
            "doc": doc,
            "texts": texts,
            "supersedes": supersedes,
            "superseded_by": superseded_by,
            "can_write": access.can_write(doc),
        },
    )


def _citing_texts(links):
    """[(object, label, url, field, [links])] for the texts citing a document, one per text."""
    grouped = {}
    for link in links:
        grouped.setdefault((link.content_type_id, link.object_id, link.field), []).append(link)
    out = []
    for (_ct, _id, field), group in grouped.items():
        obj = group[0].text_object
        if obj is None:  # the text's record was deleted without unlinking
            continue
        url = obj.get_absolute_url() if hasattr(obj, "get_absolute_url") else None
        model = group[0].content_type.model_class()
        kind = model._meta.verbose_name if model else group[0].content_type.model
        out.append({"object": obj, "kind": kind, "url": url, "field": field, "links": group})
    return out


def document_file(request, document_id):
    """The attached file, through the access check (MEDIA_ROOT is never served directly)."""
    doc = request.scope.get_or_404(Document.objects.select_related("owner_org"), document_id)
    if not doc.file:
        raise Http404("Văn bản không có tệp đính kèm.")
    try:
        handle = doc.file.open("rb")
    except FileNotFoundError:
        raise Http404("Không tìm thấy tệp đính kèm.") from None
    return FileResponse(handle, as_attachment=True, filename=os.path.basename(doc.file.name))


def _entry_fields(data):
    fields = {k: v for k, v in data.items() if k in actions.ENTRY_FIELDS}
    return fields


def document_create(request):
    access = DocumentAccess.for_request(request)
    owners = access.writable_orgs()
    if not owners.exists():
        raise PermissionDenied("Bạn không có quyền vào sổ văn bản.")
    form = forms.DocumentForm(
        request.POST or None,
        request.FILES or None,
        access=access,
        owner_orgs=owners,
        documents=access.documents().filter(owner_org__in=owners),
        initial={"owner_org": owners.first()},
    )
    if form.is_valid():
        data = form.cleaned_data
        doc = apply_action(
            form,
            actions.register_document,
            request.user,
            owner_org=data["owner_org"],
            file=data["file"],
            **_entry_fields(data),
        )
        if doc:
            _saved_message(request, doc, "Đã vào sổ")
            return redirect(doc)
    return render_form(
        request, form, title="Vào sổ văn bản", back_url=reverse("document_list"), submit="Vào sổ"
    )


def document_edit(request, document_id):
    access = DocumentAccess.for_request(request)
    doc = request.scope.get_or_404(Document, document_id, write=True)
    initial = {f: getattr(doc, f) for f in actions.ENTRY_FIELDS}
    initial["owner"] = doc.owner_org
    form = forms.DocumentEditForm(
        request.POST or None,
        request.FILES or None,
        access=access,
        owner_orgs=Organization.objects.filter(pk=doc.owner_org_id),
        documents=access.documents().filter(owner_org=doc.owner_org).exclude(pk=doc.pk),
        initial=initial,
    )
    if form.is_valid():
        data = form.cleaned_data
        saved = apply_action(
            form,
            actions.update_document,
            request.user,
            doc,
            file=data["file"],
            clear_file=data["clear_file"],
            **_entry_fields(data),
        )
        if saved:
            _saved_message(request, saved, "Đã lưu")
            return redirect(saved)
    return render_form(request, form, title=f"Sửa {doc}", back_url=doc.get_absolute_url())


def _saved_message(request, doc, verb):
    messages.success(request, f"{verb} {doc}.")
    for warning in doc.warnings:
        messages.warning(request, f"Lưu ý: {warning.split(': ', 1)[-1]}")


def _numbering_orgs(access):
    return access.writable_orgs().exclude(symbol="")


def document_number(request):
    """Take the next number for an outgoing document and enter the document under it."""
    access = DocumentAccess.for_request(request)
    orgs = _numbering_orgs(access)
    if not orgs.exists():
        raise PermissionDenied("Bạn không có quyền lấy số văn bản đi.")
    form = forms.NumberForm(
        request.POST or None,
        request.FILES or None,
        access=access,
        orgs=orgs,
        initial={"org": orgs.first()},
    )
    if form.is_valid():
        data = form.cleaned_data
        result = apply_action(
            form,
            actions.register_outgoing,
            request.user,
            data["org"],
            doc_type=data["doc_type"],
            date=data["date"],
            subject=data["subject"],
            secrecy=data["secrecy"],
            tags=data["tags"],
            file=data["file"],
        )
        if result:
            doc, reserved = result
            messages.success(request, f"Đã lấy {reserved.label} ({reserved.period}).")
            return redirect(doc)
    return render_form(
        request,
        form,
        title="Lấy số văn bản đi",
        back_url=reverse("document_list"),
        submit="Lấy số và vào sổ",
        intro=(
            "Văn bản của Đảng đánh số theo từng loại, liên tục trong nhiệm kỳ của cấp ủy, "
            "bắt đầu từ 01 (ví dụ: Số 15-BC/ĐU); văn bản hành chính đánh số theo năm."
        ),
    )


SESSION_IMPORT = "documents_import"


def document_import(request):
    """Fill a registry with the documents a report cites: upload, preview, then write."""
    access = DocumentAccess.for_request(request)
    orgs = access.writable_orgs()
    if not orgs.exists():
        raise PermissionDenied("Bạn không có quyền vào sổ văn bản.")
    pending = request.session.get(SESSION_IMPORT)
    if request.method == "POST" and "commit" in request.POST and pending:
        org = orgs.filter(pk=pending["org"]).first()
        if org is None:
            raise PermissionDenied("Bạn không có quyền vào sổ văn bản này.")
        try:
            result = actions.import_citations(request.user, org, pending["text"], commit=True)
        except ValidationError as e:
            messages.error(request, " ".join(e.messages))
            return redirect("document_import")
        del request.session[SESSION_IMPORT]
        messages.success(
            request,
            f"Đã vào sổ {len(result.created)} văn bản mới; {len(result.existing)} văn bản đã có.",
        )
        return redirect(reverse("document_list") + f"?to-chuc={org.slug}")
    form = forms.ImportForm(
        request.POST or None, request.FILES or None, orgs=orgs, initial={"org": orgs.first()}
    )
    result = None
    if form.is_valid():
        upload, org = form.cleaned_data["file"], form.cleaned_data["org"]
        try:
            limit = settings.DANGVU_MAX_UPLOAD_BYTES
            text = read_bytes(_read_upload(upload), upload.name, limit)
            result = actions.import_citations(request.user, org, text, commit=False)
        except (TextFileError, ValidationError) as e:
            form.add_error("file", str(e) if isinstance(e, TextFileError) else e.messages[0])
        else:
            request.session[SESSION_IMPORT] = {"org": org.pk, "text": text, "name": upload.name}
    return render(
        request,
        "documents/import.html",
        {"form": form, "result": result},
        status=400 if form.is_bound and form.errors else 200,
    )


def _read_upload(upload):
    """The upload's bytes; its size is checked first, so a huge upload is never read whole."""
    check_size(upload.size, upload.name, settings.DANGVU_MAX_UPLOAD_BYTES)
    return upload.read()
