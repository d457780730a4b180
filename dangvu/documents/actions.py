"""The named state changes of the document registry. Each validates, writes, and leaves an audit
entry; errors are `ValidationError`s with Vietnamese messages, raised before anything is written.

* `register_document` / `update_document`: an entry typed in by the office.
* `link_text`: the citations of a narrative text saved anywhere in dangvu, linked to entries.
* `import_citations`: the citations of a whole document, as a preview or written at once.
* `next_number` / `register_outgoing`: the number of an outgoing document, taken safely.

One document is one entry per registry: entries are matched on `document_key` (the symbol as
the parser reads it, the issuer code, the date), see `_match`.
"""

import datetime as dt
import os
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q

from dangvu.core import audit
from dangvu.core.audit import Actor
from dangvu.lib.citations import TYPE_CODES, Citation, document_key, find_citations
from dangvu.lib.dates import vn_date
from dangvu.lib.text import fold
from dangvu.lib.textfile import size_label
from dangvu.orgs.kinds import mass_format
from dangvu.orgs.models import Organization, Term

from .access import DocumentAccess
from .models import PARTY_CODES, STATE_CODES, Document, NumberCounter, TextCitation

D = Document.Direction
# Attachments people keep with a document; nothing a browser would run (html, svg, js).
ATTACHMENT_SUFFIXES = {
    ".pdf", ".doc", ".docx", ".odt", ".rtf", ".txt", ".xls", ".xlsx", ".ods",
    ".jpg", ".jpeg", ".png", ".tif", ".tiff", ".zip",
}  # fmt: skip
ENTRY_FIELDS = (
    "direction",
    "doc_type",
    "symbol",
    "name",
    "date",
    "issuer",
    "issuer_name",
    "subject",
    "secrecy",
    "supersedes",
    "effective_from",
    "effective_to",
    "tags",
    "notes",
)


def _today():
    return dt.date.today()


# Reading a symbol ------------------------------------------------------------------------------


def read_symbol(doc_type: str, symbol: str, date: dt.date | None = None) -> dict[str, Any]:
    """Number, symbol, issuer code and warnings of a typed symbol, read by the citation parser so
    a symbol typed in a form and one found in a text are read the same way.

    "Kế hoạch", "15-BC/ĐU" -> number "15", issuer code "ĐU", a warning that BC is not KH.
    """
    symbol = " ".join((symbol or "").split())
    if symbol.lower().startswith("số"):
        symbol = symbol[2:].lstrip(" :")
    date_text = f" ngày {date.day}/{date.month}/{date.year}" if date else ""
    text = f"{doc_type or 'Văn bản'} số {symbol}{date_text}"
    found = [c for c in find_citations(text) if c.symbol]
    if len(found) != 1 or _squash(found[0].symbol) != _squash(symbol):
        raise ValidationError(
            f"Số và ký hiệu “{symbol}” không đúng dạng (ví dụ: 15-BC/ĐU, 124/UBND-NC, "
            "21/2017/QĐ-UBND)."
        )
    c = found[0]
    return {
        "number": c.number or "",
        "symbol": c.symbol,
        "issuer_code": c.issuer_code or "",
        "symbol_key": document_key(c)[0] or "",
        "warnings": list(c.warnings),
    }


def _squash(symbol):
    return fold(symbol).replace(" ", "").replace("–", "-").replace("—", "-")


def key_of(
    *, symbol: str = "", name: str = "", issuer_code: str = "", date: dt.date | None = None
) -> tuple[str, str, str | None]:
    """The registry key of a document typed in: what `document_key` gives for its citation."""
    iso = date.isoformat() if date else None
    c = Citation(
        0, 0, "", symbol=symbol or None, name=name or None, issuer_code=issuer_code or None
    )
    ident = document_key(c)[0] if (symbol or name) else None
    return (ident or "", issuer_code or "", iso)


# Matching --------------------------------------------------------------------------------------


def _match(candidates, issuer_code, date):
    """The entry among `candidates` (same symbol key) that a mention with this issuer code and
    date (a dt.date or None) refers to, or None.

    * Same issuer and same date: that entry.
    * A dated mention and an undated "cited only" entry: that entry (the caller fills the date).
    * An undated mention: the undated entry if any, else the only dated one. Party numbers start
      again each term, so with several dated entries an undated mention is ambiguous: None.
    """
    same = [d for d in candidates if d.issuer_code == (issuer_code or "")]
    if date is not None:
        exact = [d for d in same if d.date == date]
        if exact:
            return exact[0]
        undated = [d for d in same if d.date is None and d.direction == D.CITED]
        return undated[0] if undated else None
    undated = [d for d in same if d.date is None]
    if undated:
        return undated[0]
    return same[0] if len(same) == 1 else None


def find_document(owner_org: Organization, citation: Citation) -> Document | None:
    """The entry a citation in a text of `owner_org` refers to, or None (writes nothing)."""
    registry = _Registry(None, owner_org, [citation])
    ident, code, iso = document_key(citation)
    return registry.find(ident, code, _iso_date(iso)) if ident else None


def _iso_date(iso):
    try:
        return dt.date.fromisoformat(iso) if iso else None
    except ValueError:
        return None


class _Registry:
    """The entries a batch of citations in texts of `owner_org` may refer to, read in one query
    and kept up to date in memory while the batch creates entries.

    A text refers first to its own organization's registry, then to those above it, nearest
    first: a cell's report citing the committee's plan links to the committee's entry, so no
    one types a document twice. Above its own registry a text only links to ordinary entries
    (secret ones are read by their office alone). Entries for documents found nowhere are made
    in the owner's registry.
    """

    def __init__(self, actor, owner_org, citations):
        self.actor, self.owner = actor, owner_org
        self.chain = _issuer_candidates(owner_org)
        self.by_ident = defaultdict(list)
        idents = {document_key(c)[0] for c in citations} - {None}
        docs = Document.objects.filter(
            Q(owner_org=owner_org) | Q(secrecy=Document.Secrecy.NORMAL),
            owner_org__in=self.chain,
            symbol_key__in=idents,
        )
        for doc in docs:
            self.by_ident[(doc.owner_org_id, doc.symbol_key)].append(doc)

    def find(self, ident, code, date):
        for org in self.chain:
            doc = _match(self.by_ident[(org.id, ident)], code, date)
            if doc is not None:
                return doc
        return None

    def resolve(self, c):
        """(entry, created) for citation `c`; (None, False) when it names nothing comparable."""
        ident, code, iso = document_key(c)
        if not ident:
            return None, False
        date = _iso_date(iso)
        doc = self.find(ident, code, date)
        if doc is None:
            doc = self._create(c, ident, code, date)
            self.by_ident[(self.owner.id, ident)].append(doc)
            return doc, True
        if doc.direction == D.CITED:
            _enrich(self.actor, doc, c, date)
        return doc, False

    def _create(self, c, ident, code, date):
        issuer = _issuer_org(self.chain, code, c.issuer)
        doc = Document.objects.create(
            owner_org=self.owner,
            direction=D.CITED,
            doc_type=_type_of(c),
            number=c.number or "",
            symbol=c.symbol or "",
            symbol_key=ident,
            name="" if c.symbol else (c.name or ""),
            issuer=issuer,
            issuer_name="" if issuer else (c.issuer or ""),
            issuer_code=code or "",
            date=date,
            subject=c.title or "",
            warnings=list(c.warnings),
        )
        audit.record(
            self.actor,
            "document.cite",
            doc,
            summary=f"Ghi nhận văn bản được trích dẫn: {doc}",
            org=self.owner,
        )
        return doc


def _type_of(c):
    return c.type or TYPE_CODES.get(c.type_code or "") or ""


def _enrich(actor, doc, c, date):
    """A later mention of a "cited only" entry fills what the earlier ones left blank."""
    before = audit.snapshot(doc)
    changes = {
        "date": date if doc.date is None else doc.date,
        "subject": doc.subject or c.title or "",
        "issuer_name": doc.issuer_name or ("" if doc.issuer_id else (c.issuer or "")),
        "doc_type": doc.doc_type or _type_of(c),
    }
    changed = {k: v for k, v in changes.items() if getattr(doc, k) != v}
    if not changed:
        return
    for key, value in changed.items():
        setattr(doc, key, value)
    doc.save()
    audit.record(actor, "document.update", doc, before, summary=f"Bổ sung {doc}", org=doc.owner_org)


def _issuer_candidates(owner_org):
    """The owner and its ancestors: the organizations in dangvu a text of the owner cites."""
    chain, org = [], owner_org
    while org is not None and org not in chain:
        chain.append(org)
        org = org.parent
    return chain


_COLLECTIVE = ("ban thuong vu ", "ban chap hanh ", "thuong truc ")


def _issuer_org(candidates, code, written):
    """The organization in dangvu that issued a cited document, when it is unambiguous: its
    symbol is the issuer code, and the issuer as written is its name (or a start of it:
    "Đảng ủy Khối"), or nothing is written and it is the owner (its own documents)."""
    if not code:
        return None
    for i, org in enumerate(candidates):
        if org.symbol != code:
            continue
        if not written:
            return org if i == 0 else None
        text = fold(written)
        for prefix in _COLLECTIVE:
            text = text.removeprefix(prefix)
        names = [fold(org.name)] + [fold(n.name) for n in org.names.all()]
        if any(n.startswith(text) or text.startswith(n) for n in names if n and text):
            return org
    return None


# Linking texts ---------------------------------------------------------------------------------


@transaction.atomic
def link_text(
    actor: Actor, obj: models.Model, field: str, text: str, owner_org: Organization
) -> list[TextCitation]:
    """Link every citation in `text` (the field `field` of the saved model instance `obj`) to its
    registry entry: in `owner_org`'s registry, else in the registries above it (see `_Registry`),
    else a new "cited only" entry in `owner_org`'s registry. `owner_org` is the organization
    whose text it is; it also decides who sees the link on the document's page.

    Replaces the links that (obj, field) had before; an empty text removes them. Returns the new
    `TextCitation`s in text order. Call it from the action that saves the text, inside its
    transaction. The links themselves are derived data and get no audit entry; the entries
    created do.
    """
    if obj.pk is None:
        raise ValidationError("Phải lưu bản ghi trước khi liên kết trích dẫn.")
    if not field:
        raise ValidationError("Thiếu tên trường văn bản để liên kết trích dẫn.")
    content_type = ContentType.objects.get_for_model(obj)
    TextCitation.objects.filter(content_type=content_type, object_id=obj.pk, field=field).delete()
    citations = find_citations(text or "")
    registry = _Registry(actor, owner_org, citations)
    links = []
    for c in citations:
        doc, _created = registry.resolve(c)
        if doc is None:
            continue
        links.append(
            TextCitation(
                content_type=content_type,
                object_id=obj.pk,
                field=field,
                owner_org=owner_org,
                document=doc,
                start=c.start,
                end=c.end,
                raw=c.raw,
                warnings=list(c.warnings),
            )
        )
    return TextCitation.objects.bulk_create(links)


def unlink_object(obj: models.Model, field: str | None = None) -> None:
    """Remove the links of a text (or all texts of `obj`) that no longer exists."""
    links = TextCitation.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk
    )
    if field is not None:
        links = links.filter(field=field)
    links.delete()


# Importing the citations of a document -----------------------------------------------------------


@dataclass
class ImportResult:
    citations: int = 0
    created: list = field(default_factory=list)  # entries the import makes
    existing: list = field(default_factory=list)  # entries already in the registry
    unlinked: list = field(default_factory=list)  # citations naming nothing comparable
    committed: bool = False


class _Preview(Exception):
    def __init__(self, result):
        self.result = result


def import_citations(
    actor: Actor, owner_org: Organization, text: str, *, commit: bool = False
) -> ImportResult:
    """Fill `owner_org`'s registry with the documents `text` cites.

    Without `commit` nothing stays written: the import runs exactly as it would and is rolled
    back, so the preview cannot differ from what --commit does. With `commit` it is one
    transaction. Re-running adds nothing: every citation then finds its entry.
    """
    try:
        with transaction.atomic():
            result = _import(actor, owner_org, text)
            if not commit:
                raise _Preview(result)
            result.committed = True
            return result
    except _Preview as preview:
        return preview.result


def _import(actor, owner_org, text):
    citations = find_citations(text or "")
    if not citations:
        raise ValidationError("Không tìm thấy trích dẫn văn bản nào trong tệp.")
    registry = _Registry(actor, owner_org, citations)
    result, seen = ImportResult(citations=len(citations)), set()
    for c in citations:
        doc, created = registry.resolve(c)
        if doc is None:
            result.unlinked.append(c)
        elif doc.pk not in seen:
            seen.add(doc.pk)
            (result.created if created else result.existing).append(doc)
    return result


# Entries typed in ------------------------------------------------------------------------------


def _clean_entry(owner_org, data, instance=None):
    """Validate and complete the fields of an entry; returns (fields, warnings)."""
    data = dict(data)
    if data.get("direction") not in D.values:
        raise ValidationError("Loại sổ văn bản không hợp lệ.")
    if data.get("secrecy", Document.Secrecy.NORMAL) not in Document.Secrecy.values:
        raise ValidationError("Độ mật không hợp lệ.")
    for key in ("doc_type", "symbol", "name", "issuer_name", "subject", "tags", "notes"):
        data[key] = (
            " ".join((data.get(key) or "").split()) if key != "notes" else (data.get(key) or "")
        )
    data["tags"] = ", ".join(t.strip() for t in data["tags"].split(",") if t.strip())
    if not (data["symbol"] or data["name"] or data["subject"]):
        raise ValidationError("Cần ghi số và ký hiệu, tên gọi hoặc trích yếu của văn bản.")
    date = data.get("date")
    if date is not None and date > _today():
        raise ValidationError(f"Ngày ban hành {vn_date(date)} không được sau ngày hôm nay.")
    if date is not None and date.year < 1930:
        raise ValidationError(f"Ngày ban hành {vn_date(date)} không hợp lệ.")
    start, end = data.get("effective_from"), data.get("effective_to")
    if start and end and end <= start:
        raise ValidationError("Ngày hết hiệu lực phải sau ngày có hiệu lực.")
    issuer = data.get("issuer")
    warnings, code = [], ""
    if data["symbol"]:
        if not data["doc_type"]:
            raise ValidationError("Cần chọn loại văn bản khi ghi số và ký hiệu.")
        parts = read_symbol(data["doc_type"], data["symbol"], date)
        data["symbol"], data["number"] = parts["symbol"], parts["number"]
        code, warnings = parts["issuer_code"], parts["warnings"]
        if issuer is not None and issuer.symbol and code and issuer.symbol != code:
            warnings.append(
                f"issuer_mismatch: Ký hiệu mang mã cơ quan {code} nhưng cơ quan ban hành là "
                f"{issuer} (ký hiệu {issuer.symbol})"
            )
    else:
        data["number"] = ""
        code = issuer.symbol if issuer is not None else ""
    data["issuer_code"] = code
    if issuer is not None:
        data["issuer_name"] = ""
    ident, _code, _iso = key_of(
        symbol=data["symbol"], name=data["name"], issuer_code=code, date=date
    )
    data["symbol_key"] = ident
    supersedes = data.get("supersedes")
    if supersedes is not None:
        if supersedes.owner_org_id != owner_org.id:
            raise ValidationError("Văn bản bị thay thế phải ở cùng sổ văn bản.")
        if instance is not None and supersedes.pk == instance.pk:
            raise ValidationError("Văn bản không thể thay thế chính nó.")
    _check_file(data.get("file"))
    return data, warnings


def _check_file(upload):
    if not upload or not hasattr(upload, "size"):
        return
    limit = settings.DANGVU_MAX_UPLOAD_BYTES
    if upload.size > limit:
        raise ValidationError(
            f"Tệp “{upload.name}” quá lớn ({size_label(upload.size)}); "
            f"giới hạn là {size_label(limit)}."
        )
    if upload.size == 0:
        raise ValidationError(f"Tệp “{upload.name}” rỗng.")
    suffix = os.path.splitext(upload.name)[1].lower()
    if suffix not in ATTACHMENT_SUFFIXES:
        raise ValidationError(
            f"Không nhận tệp “{upload.name}”: chỉ nhận "
            + ", ".join(sorted(ATTACHMENT_SUFFIXES))
            + "."
        )


def _same_document(owner_org, data, instance=None):
    """(entry with the same key, undated "cited only" entry it completes) in the registry."""
    if not data["symbol_key"]:
        return None, None
    candidates = Document.objects.filter(
        owner_org=owner_org, symbol_key=data["symbol_key"], issuer_code=data["issuer_code"]
    )
    if instance is not None:
        candidates = candidates.exclude(pk=instance.pk)
    candidates = list(candidates)
    exact = [d for d in candidates if d.date == data.get("date")]
    undated = [d for d in candidates if d.date is None and d.direction == D.CITED]
    undated = undated if data.get("date") is not None else []
    return (exact[0] if exact else None), (undated[0] if undated else None)


def _check_secret_entry(actor, owner_org, secrecy):
    """A secret entry only by the office of the committee whose registry it goes into (a
    committee's office writes its cells' registries, not their secrets), or by the operator,
    who acts without a user."""
    if secrecy == Document.Secrecy.NORMAL or actor is None:
        return
    if not DocumentAccess.for_user(actor).can_see_secret(owner_org):
        raise ValidationError(f"Chỉ văn phòng cấp ủy của {owner_org} mới được vào sổ văn bản mật.")


@transaction.atomic
def register_document(
    actor: Actor, *, owner_org: Organization, file: Any | None = None, **fields: Any
) -> Document:
    """Enter a document in `owner_org`'s registry. A document only cited so far (an entry made
    by `link_text`) becomes this entry, so the texts citing it keep their links."""
    data, warnings = _clean_entry(owner_org, {**fields, "file": file})
    _check_secret_entry(actor, owner_org, data.get("secrecy", Document.Secrecy.NORMAL))
    exact, undated = _same_document(owner_org, data)
    if exact is not None and exact.direction != D.CITED:
        raise ValidationError(
            f"{exact} đã có trong sổ văn bản ({exact.get_direction_display().lower()})."
        )
    existing = exact or undated
    data.pop("file", None)
    if existing is not None:
        doc, before, verb = existing, audit.snapshot(existing), "document.register"
        for key, value in data.items():
            setattr(doc, key, value)
        doc.warnings = warnings
    else:
        doc = Document(owner_org=owner_org, warnings=warnings, **data)
        before, verb = None, "document.create"
    if file:
        doc.file = file
    doc.save()
    audit.record(actor, verb, doc, before, summary=f"Vào sổ {doc}", org=owner_org)
    link_text(actor, doc, "notes", doc.notes, owner_org)
    return doc


@transaction.atomic
def update_document(
    actor: Actor, doc: Document, *, file: Any | None = None, clear_file: bool = False, **fields: Any
) -> Document:
    current = {f: getattr(doc, f) for f in ENTRY_FIELDS}
    data, warnings = _clean_entry(doc.owner_org, {**current, **fields, "file": file}, doc)
    _check_secret_entry(actor, doc.owner_org, data.get("secrecy", doc.secrecy))
    exact, _undated = _same_document(doc.owner_org, data, doc)
    if exact is not None:
        raise ValidationError(
            f"{exact} đã có trong sổ văn bản ({exact.get_direction_display().lower()})."
        )
    data.pop("file", None)
    before = audit.snapshot(doc)
    for key, value in data.items():
        setattr(doc, key, value)
    doc.warnings = warnings
    if clear_file:
        doc.file = ""
    if file:
        doc.file = file
    doc.save()
    audit.record(actor, "document.update", doc, before, summary=f"Sửa {doc}", org=doc.owner_org)
    link_text(actor, doc, "notes", doc.notes, doc.owner_org)
    return doc


# Outgoing numbering ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReservedNumber:
    number: int
    symbol: str  # "15-BC/ĐU", "05/BC-STTTT"
    style: str  # "party" or "state"
    period: str  # "nhiệm kỳ 2015-2020", "năm 2017"

    @property
    def label(self) -> str:
        """As the document's header writes it: "Số 15-BC/ĐU" (Party), "Số: 05/BC-STTTT" (State)."""
        return f"Số {self.symbol}" if self.style == "party" else f"Số: {self.symbol}"

    def __str__(self):
        return self.label


def numbering_style(org: Organization) -> str:
    # A Party organization numbers its documents the Party way (per type across the committee's
    # term); the others (agencies, mass organizations) the State way (per type and calendar year).
    return "party" if org.is_party else "state"


def _period(org, on, style):
    """The period numbers run over: the committee's term (Party), the calendar year (State)."""
    if style == "state":
        return (
            f"year:{on.year}",
            f"năm {on.year}",
            dt.date(on.year, 1, 1),
            dt.date(on.year + 1, 1, 1),
        )
    term = Term.executive_on(org, on)
    if term is None:
        raise ValidationError(
            f"{no_term_on(org, on)}: số văn bản của Đảng đánh theo nhiệm kỳ, hãy ghi nhiệm kỳ "
            "trước khi lấy số."
        )
    return f"term:{term.pk}", f"nhiệm kỳ {term.name}", term.valid_from, term.valid_to


def no_term_on(org, on) -> str:
    """Why `org` has no committee term to number in on `on`: none recorded, or the last one over
    (a term 2020-2025 recorded without an end date is not the committee of 2026)."""
    last = Term.executive_over_on(org, on)
    said = f" (nhiệm kỳ {last.name} trong hồ sơ đã hết)" if last is not None else ""
    return f"{org} chưa có nhiệm kỳ cấp ủy vào ngày {vn_date(on)}{said}"


def _format(n, code, org_symbol, style, layout=None):
    if layout:
        return layout.format(n=n, code=code, symbol=org_symbol)
    if style == "party":
        return f"{n:02d}-{code}/{org_symbol}"
    return f"{n:02d}/{code}-{org_symbol}" if code else f"{n:02d}/{org_symbol}"


def _type_code(org, doc_type, style):
    codes = PARTY_CODES if style == "party" else STATE_CODES
    if doc_type not in codes:
        kind = "của Đảng" if style == "party" else "hành chính"
        raise ValidationError(f"“{doc_type}” không phải là loại văn bản {kind} được đánh số.")
    return codes[doc_type]


def _registered_max(org, doc_type, start, end):
    """The highest number already registered for this type in the period: numbering taken up
    mid-term continues after the documents entered by hand."""
    docs = Document.objects.filter(owner_org=org, issuer=org, doc_type=doc_type, date__gte=start)
    if end is not None:
        docs = docs.filter(date__lt=end)
    numbers = [int(n) for n in docs.values_list("number", flat=True) if n.isdigit()]
    return max(numbers, default=0)


@transaction.atomic
def next_number(actor: Actor, org: Organization, doc_type: str, on: dt.date) -> ReservedNumber:
    """Take the next number of `org`'s outgoing documents of `doc_type` dated `on`.

    Party organizations number per type across the executive committee's term, from 01; others
    per type and calendar year. The counter row is locked (SELECT … FOR UPDATE) until the
    transaction ends, so two users asking at once get two numbers; a caller that registers the
    document in the same transaction gives the number back if registering fails.
    """
    if on is None:
        raise ValidationError("Cần ngày ban hành để lấy số văn bản.")
    own = mass_format(org, on)  # a mass organization numbers by its own system's rule
    symbol = org.symbol or (own["symbol"] if own else "")
    if not symbol:
        raise ValidationError(f"{org} chưa có ký hiệu (ví dụ ĐU) để ghi trong số văn bản.")
    style = numbering_style(org)
    code = _type_code(org, doc_type, style)
    period, period_label, start, end = _period(org, on, style)
    counter, _ = NumberCounter.objects.get_or_create(org=org, doc_type=doc_type, period=period)
    counter = NumberCounter.objects.select_for_update().get(pk=counter.pk)
    number = max(counter.last, _registered_max(org, doc_type, start, end)) + 1
    layout = own["numbered"] if own else None
    reserved = ReservedNumber(number, _format(number, code, symbol, style, layout),
                              style, period_label)  # fmt: skip
    audit.change(
        actor,
        "document.number",
        counter,
        {"last": number},
        summary=f"Lấy số {reserved.label} ({doc_type}, {period_label})",
        org=org,
    )
    return reserved


@transaction.atomic
def register_outgoing(
    actor: Actor,
    org: Organization,
    *,
    doc_type: str,
    date: dt.date,
    subject: str,
    file: Any | None = None,
    **fields: Any,
) -> tuple[Document, ReservedNumber]:
    """Take the next number and enter the outgoing document under it, in one transaction."""
    if not (subject or "").strip():
        raise ValidationError("Cần ghi trích yếu của văn bản đi.")
    reserved = next_number(actor, org, doc_type, date)
    doc = register_document(
        actor,
        owner_org=org,
        direction=D.OUTGOING,
        doc_type=doc_type,
        symbol=reserved.symbol,
        issuer=org,
        date=date,
        subject=subject,
        file=file,
        **fields,
    )
    return doc, reserved
