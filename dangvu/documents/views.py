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
from django.db.models import Q
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from openpyxl import Workbook

from dangvu.lib.spreadsheet import safe_row
from dangvu.lib.textfile import TextFileError, check_size, read_bytes
from dangvu.orgs.models import Organization
from dangvu.people.models import Membership, Person
from dangvu.records import ActionFormView
from dangvu.web import optional_year_param, org_param, page_of

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
    page, query = page_of(request, docs)
    writable = access.writable_orgs()
    return render(
        request,
        "documents/list.html",
        {
            "page": page,
            "org": org,
            "current": {kw: request.GET.get(name, "") for name, kw in FILTERS.items()},
            "query": query,
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


class _DocumentForm(ActionFormView):
    """A registry form: who may enter what is `DocumentAccess`'s; the entry's warnings are
    shown after it is saved; on to the entry's page."""

    back_url_name = "document_list"
    refusal = "Bạn không có quyền vào sổ văn bản."

    def get_object(self):
        self.access = DocumentAccess.for_request(self.request)
        self.orgs = self.writable_orgs()
        if not self.orgs.exists():
            raise PermissionDenied(self.refusal)
        return None

    def writable_orgs(self):
        return self.access.writable_orgs()

    def action_data(self, form):
        data = form.cleaned_data
        return {k: v for k, v in data.items() if k in self.passed or k in actions.ENTRY_FIELDS}

    passed = ("owner_org", "file")

    def tell(self, result):
        super().tell(result)
        for warning in getattr(result, "warnings", ()):
            messages.warning(self.request, f"Lưu ý: {warning.split(': ', 1)[-1]}")

    def get_success_url(self, result=None):
        return result.get_absolute_url()


class DocumentCreate(_DocumentForm):
    form_class = forms.DocumentForm
    action = actions.register_document
    title = "Vào sổ văn bản"
    submit = "Vào sổ"
    success_message = "Đã vào sổ {result}."

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "access": self.access,
            "owner_orgs": self.orgs,
            "documents": self.access.documents().filter(owner_org__in=self.orgs),
        }

    def get_initial(self):
        return {"owner_org": self.orgs.first()}


document_create = DocumentCreate.as_view()


class DocumentEdit(_DocumentForm):
    form_class = forms.DocumentEditForm
    action = actions.update_document
    success_message = "Đã lưu {result}."
    passed = ("file", "clear_file")

    def get_object(self):
        self.access = DocumentAccess.for_request(self.request)
        return self.request.scope.get_or_404(Document, self.kwargs["document_id"], write=True)

    def get_form_kwargs(self):
        doc = self.object
        return {
            **super().get_form_kwargs(),
            "access": self.access,
            "owner_orgs": Organization.objects.filter(pk=doc.owner_org_id),
            "documents": self.access.documents().filter(owner_org=doc.owner_org).exclude(pk=doc.pk),
        }

    initial_fields = actions.ENTRY_FIELDS

    def get_title(self):
        return f"Sửa {self.object}"

    def get_back_url(self):
        return self.object.get_absolute_url()


document_edit = DocumentEdit.as_view()


def _numbering_orgs(access):
    return access.writable_orgs().exclude(symbol="")


class DocumentNumber(_DocumentForm):
    """Take the next number for an outgoing document and enter the document under it."""

    form_class = forms.NumberForm
    action = actions.register_outgoing
    title = "Lấy số văn bản đi"
    submit = "Lấy số và vào sổ"
    intro = (
        "Văn bản của Đảng đánh số theo từng loại, liên tục trong nhiệm kỳ của cấp ủy, "
        "bắt đầu từ 01 (ví dụ: Số 15-BC/ĐU); văn bản hành chính đánh số theo năm."
    )
    refusal = "Bạn không có quyền lấy số văn bản đi."

    def writable_orgs(self):
        return _numbering_orgs(self.access)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "orgs": self.orgs}

    def get_initial(self):
        return {"org": self.orgs.first()}

    def action_data(self, form):
        return form.cleaned_data

    def tell(self, result):
        _doc, reserved = result
        messages.success(self.request, f"Đã lấy {reserved.label} ({reserved.period}).")

    def get_success_url(self, result=None):
        doc, _reserved = result
        return doc.get_absolute_url()


document_number = DocumentNumber.as_view()


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
