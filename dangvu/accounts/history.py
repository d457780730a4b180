"""The change history as people read it: audit entries turned into display rows for one viewer.

An `AuditEntry` keeps raw snapshots (`audit.snapshot`: every concrete field, foreign keys as ids,
dates as ISO strings). Shown as they are, they speak the database's language (`owner_org_id`,
`method: cash`, timestamps with microseconds) and they leak: the snapshot of a secret document
holds its number and subject, whoever reads the organization's page. This module decides, for a
given viewer, what each entry may say and how:

* Fields are named by the target model's `verbose_name`, values are formatted (dd/mm/yyyy, money
  "1.234.000 đ", choices by their label, foreign keys by the related record's name when the viewer
  may see it); bookkeeping fields (ids, folded search copies, form tokens...) are left out.
* An entry about a document the viewer may not open says only `SECRET_DOCUMENT`; an entry about a
  person the viewer may not read today (the registry's rule for a person) says only
  `OUTSIDE_PERSON`. Such entries are kept in the list rather than left out: the page then shows
  that something changed on that day (which the viewer may know: the organization is theirs)
  without saying what, and a page of 50 stays 50.
* An entry about a person the viewer reads is told in full when the viewer reads the record it
  is about (the access registry), else it says only `PARTY_RECORD`. A viewer who reaches the
  person with Party roles (`Scope.people`, `Scope.party`) reads every record of theirs; one who
  does not is a mass organization's executive, not told its member's Party file, or the cell the
  person attends for a while (`people.access.read_person`), told the attachment and the payments
  made to it, not the person's records kept by their own cell.
* A member (no role on any organization) sees only the entries about themself, each as one plain
  sentence without the before/after details.
"""

import datetime as dt
import os
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Q
from django.shortcuts import render
from django.utils import timezone

from dangvu.core import access as registry
from dangvu.core.ids import any_of
from dangvu.documents.access import DocumentAccess
from dangvu.documents.models import Document
from dangvu.lib.dates import vn_date
from dangvu.lib.text import decimal_vi, money
from dangvu.orgs.models import Organization
from dangvu.people.models import Person

from .scope import scope_for

SECRET_DOCUMENT = "Văn bản mật (không hiển thị chi tiết)"
OUTSIDE_PERSON = "Thay đổi hồ sơ của người ngoài phạm vi được xem (không hiển thị chi tiết)"
OUTSIDE_RECORD = "(ngoài phạm vi được xem)"
PARTY_RECORD = "Thay đổi hồ sơ đảng viên (không hiển thị chi tiết)"
RECENT = 10
PER_PAGE = 50
# Longer texts (a report section, minutes) are cut: the history says that they changed.
TEXT_LIMIT = 200

# Bookkeeping that means nothing to a reader, wherever it appears: keys, folded search copies,
# the payment form's one-time token, ordering numbers, parser warnings, password hashes.
HIDDEN_NAMES = {
    "id",
    "slug",
    "key",
    "parent_key",
    "token",
    "password",
    "search_name",
    "sort_name",
    "search_text",
    "symbol_key",
    "warnings",
    "recorded_at",
    "recorded_by",
    "created_at",
    "updated_at",
    "last_login",
}
# Integer columns that only order rows (a programme item's `position`, a section's `order`);
# a staff record's `position` is a job title with choices and stays.
ORDERING_NAMES = {"position", "order"}
# Integer columns holding đồng where the model does not say "(đồng)" in the field's name.
MONEY_NAMES = {
    "amount",
    "carried_over",
    "allocation",
    "collected",
    "remitted",
    "expenses",
    "balance",
}
# Vietnamese names for fields whose model has no verbose_name yet, and for snapshot keys that
# are not model fields (an account's roles).
FALLBACK_LABELS = {
    "valid_from": "từ ngày",
    "valid_to": "đến ngày",
    "end_reason": "lý do kết thúc",
    "note": "ghi chú",
    "notes": "ghi chú",
    "org": "tổ chức",
    "organization": "tổ chức",
    "person": "người",
    "cell": "chi bộ",
    "agency": "cơ quan",
    "unit": "phòng, đơn vị",
    "term": "nhiệm kỳ",
    "campaign": "cuộc vận động",
    "programme": "chương trình",
    "draft": "báo cáo",
    "issuer": "cơ quan ban hành",
    "successor": "tổ chức kế tục",
    "parent": "trực thuộc",
    "subject_org": "tổ chức được đánh giá",
    "subject_person": "người được đánh giá",
    "contributor_org": "tổ chức đóng góp",
    "contributor_person": "người đóng góp",
    "qualification": "văn bằng",
    "carried_from": "chuyển tiếp từ mục",
    "kind": "loại",
    "name": "tên",
    "title": "tiêu đề",
    "year": "năm",
    "amount": "số tiền",
    "carried_over": "số dư chuyển sang",
    "allocation": "ngân sách cấp",
    "collected": "đảng phí thu được",
    "remitted": "nộp cấp trên",
    "expenses": "chi",
    "balance": "số dư",
    "closed_at": "khóa sổ lúc",
    "closed_by": "người khóa sổ",
    "reverses": "điều chỉnh khoản",
    "username": "tên đăng nhập",
    "is_active": "đang hoạt động",
    "is_superuser": "quản trị hệ thống",
    "roles": "vai trò",
    "starts_on": "từ ngày",
    "ends_on": "đến ngày",
    "status": "tình trạng",
    "number": "số",
    "text": "nội dung",
    "score": "điểm",
    "band": "xếp loại",
    "last": "số đã cấp gần nhất",
    "period": "kỳ",
    "doc_type": "loại văn bản",
    "present_count": "số có mặt",
}
YES, NO, EMPTY = "Có", "Không", "—"
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}")


@dataclass
class Change:
    label: str
    before: str
    after: str
    # A record created (nothing before): the template shows only the value.
    new: bool = False


@dataclass
class Row:
    at: dt.datetime
    actor: str
    text: str
    changes: list = field(default_factory=list)
    # True when the viewer is told only that something changed (secret document, outsider).
    withheld: bool = False


# The viewer -------------------------------------------------------------------------------------
class Reader:
    """What one viewer may be told: their scope, and which documents they may open."""

    def __init__(self, scope, user=None, documents=None):
        self.scope = scope
        self.user = user
        self._documents = documents

    @classmethod
    def for_request(cls, request):
        return cls(request.scope, request.user)

    @classmethod
    def for_user(cls, user):
        return cls(scope_for(user), user)

    @property
    def is_member_only(self):
        """A member with no role on any organization: they read only their own file."""
        scope = self.scope
        return not scope.sees_everything and not scope.read_org_ids

    @property
    def documents(self):
        """The documents' access rules (`documents.access`)."""
        if self._documents is None:
            self._documents = DocumentAccess.for_user(self.user, self.scope)
        return self._documents

    def entries(self, qs):
        """`qs` narrowed to what this viewer may list: a member, only the entries about
        themself (not, say, the creation of another person filed under them)."""
        if not self.is_member_only:
            return qs
        mine = self.scope.self_person_ids
        return qs.filter(person_id__in=mine).exclude(
            Q(target_type="people.person") & ~Q(target_id__in=mine)
        )


# Entry points ----------------------------------------------------------------------------------
@dataclass
class Recent:
    rows: list
    # Older entries exist: the record's page links to the paged history.
    has_more: bool
    # A member reading their own file: one plain sentence per change.
    plain: bool


def recent(request, qs, limit=RECENT):
    """The latest `limit` entries of `qs` as rows, and whether there are older ones."""
    reader = Reader.for_request(request)
    entries = list(reader.entries(qs).select_related("actor")[: limit + 1])
    return Recent(rows(entries[:limit], reader), len(entries) > limit, reader.is_member_only)


def paged(request, qs, per_page=PER_PAGE):
    """One page (`?trang=`) of `qs`; `page.rows` holds the display rows of its entries."""
    reader = Reader.for_request(request)
    page = Paginator(reader.entries(qs).select_related("actor"), per_page).get_page(
        request.GET.get("trang")
    )
    page.rows = rows(list(page), reader)
    page.plain = reader.is_member_only
    return page


def render_page(request, qs, *, name, back_url):
    """The paged history page of one record (`name`, whose page is at `back_url`)."""
    page = paged(request, qs)
    return render(
        request,
        "accounts/history_page.html",
        {"page": page, "plain": page.plain, "name": name, "back_url": back_url},
    )


def rows(entries, reader):
    """Display rows for `entries` (AuditEntry objects) as `reader` may see them."""
    context = _Context(entries, reader)
    return [_row(e, reader, context) for e in entries]


# One entry -------------------------------------------------------------------------------------
def _row(entry, reader, context):
    at, actor = entry.at, _actor(entry.actor)
    if context.withholds_document(entry):
        return Row(at, actor, SECRET_DOCUMENT, withheld=True)
    if entry.person_id is not None and entry.person_id not in context.people:
        return Row(at, actor, OUTSIDE_PERSON, withheld=True)
    if entry.id in context.unread_records:
        return Row(at, actor, PARTY_RECORD, withheld=True)
    if reader.is_member_only:
        return Row(at, actor, entry.summary)
    return Row(at, actor, entry.summary, _changes(entry, context))


def _actor(user):
    if user is None:
        return "Hệ thống"
    return user.get_full_name() or user.username


def _changes(entry, context):
    model = _model(entry.target_type)
    fields = {f.attname: f for f in model._meta.concrete_fields} if model else {}
    before, after = entry.before or {}, entry.after or {}
    new = entry.before is None
    changes = []
    for key in _ordered_keys(before, after, fields):
        if before.get(key) == after.get(key):
            continue
        if new and after.get(key) in (None, "", []):
            # A new record's empty fields say nothing.
            continue
        f = fields.get(key)
        if _hidden(key, f):
            continue
        changes.append(
            Change(
                _label(key, f),
                _value(before.get(key), f, key, context),
                _value(after.get(key), f, key, context),
                new=new,
            )
        )
    return changes


def _ordered_keys(before, after, fields):
    """Keys in the model's field order (how forms show them), unknown keys after."""
    keys = set(before) | set(after)
    known = [k for k in fields if k in keys]
    return known + sorted(keys - set(known))


def _model(label):
    try:
        return apps.get_model(label)
    except (LookupError, ValueError):
        return None


def _hidden(key, f):
    name = f.name if f is not None else key
    if name in HIDDEN_NAMES or key in HIDDEN_NAMES:
        return True
    if f is None:
        # A key the model no longer has: an id of something is meaningless without the model.
        return key.endswith("_id")
    if isinstance(f, models.AutoField) or not f.editable:
        return True
    if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
        return True
    return name in ORDERING_NAMES and isinstance(f, models.IntegerField) and not f.choices


def _label(key, f):
    name = f.name if f is not None else key
    label = str(f.verbose_name) if f is not None else ""
    # Django makes "valid from" out of `valid_from` when a model gives no verbose_name.
    if not label or label == name.replace("_", " "):
        label = FALLBACK_LABELS.get(name, name.replace("_", " "))
    # Money is shown "1.234.000 đ": "Số tiền (đồng)" would say the unit twice.
    label = label.replace(" (đồng)", "")
    return label[:1].upper() + label[1:]


# Values ----------------------------------------------------------------------------------------
def _value(value, f, key, context):
    if value is None or value == "" or value == []:
        return EMPTY
    if f is not None and f.is_relation:
        return context.name_of(f.related_model, value)
    if f is not None and f.choices:
        return str(dict(f.flatchoices).get(value, value))
    if isinstance(value, bool) or isinstance(f, models.BooleanField):
        return YES if value else NO
    if isinstance(f, models.DateTimeField) or (f is None and _looks_like_datetime(value)):
        return _datetime(value)
    if isinstance(f, models.DateField) or (f is None and _looks_like_date(value)):
        return _date(value)
    if isinstance(f, models.DecimalField):
        return _decimal(value)
    if isinstance(f, models.IntegerField) and _is_money(f, key):
        return f"{money(int(value))} đ"
    if isinstance(f, models.FileField):
        return os.path.basename(str(value))
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) or EMPTY
    if isinstance(value, dict):
        return "; ".join(f"{k}: {v}" for k, v in value.items())
    return _cut(str(value))


def _is_money(f, key):
    return "đồng" in str(f.verbose_name) or f.name in MONEY_NAMES or key in MONEY_NAMES


def _looks_like_date(value):
    return isinstance(value, str) and bool(_ISO_DATE.match(value))


def _looks_like_datetime(value):
    return isinstance(value, str) and bool(_ISO_DATETIME.match(value))


def _date(value):
    try:
        return vn_date(dt.date.fromisoformat(str(value)[:10]))
    except ValueError:
        return str(value)


def _datetime(value):
    """Local time to the minute: a reader has no use for seconds, let alone microseconds."""
    try:
        moment = dt.datetime.fromisoformat(str(value))
    except ValueError:
        return str(value)
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return moment.strftime("%d/%m/%Y %H:%M")


def _decimal(value):
    try:
        return decimal_vi(Decimal(str(value)))
    except InvalidOperation:
        return str(value)


def _cut(text):
    return text if len(text) <= TEXT_LIMIT else text[: TEXT_LIMIT - 1].rstrip() + "…"


# What the page's entries refer to, fetched once per page ----------------------------------------
class _Context:
    """The people, organizations, documents and other records the entries of one page name,
    each kind read in one query, and what of them the reader may see."""

    def __init__(self, entries, reader):
        self.reader = reader
        refs = _references(entries)
        person_ids = refs.pop("people.Person", set()) | {
            e.person_id for e in entries if e.person_id is not None
        }
        self.people = _visible_people(reader.scope, person_ids)
        self.person_names = _names("people.Person", self.people)
        self.orgs = _visible_orgs(reader, refs.pop("orgs.Organization", set()))
        self.hidden_documents = _withheld_documents(reader, entries)
        self.unread_records = _unread_records(reader.scope, entries, self.people)
        self.visible_documents = _readable_documents(reader, refs.pop("documents.Document", set()))
        self.other = {label: _names(label, ids) for label, ids in refs.items()}

    def withholds_document(self, entry):
        return entry.id in self.hidden_documents

    def name_of(self, model, value):
        label = model._meta.label
        if label == "people.Person":
            return self.person_names.get(value, OUTSIDE_RECORD)
        if label == "orgs.Organization":
            return self.orgs.get(value, OUTSIDE_RECORD)
        if label == "documents.Document":
            return self.visible_documents.get(value, SECRET_DOCUMENT)
        return self.other.get(label, {}).get(value, EMPTY)


def _references(entries):
    """{model label: ids} of the foreign keys in the snapshots of `entries`."""
    refs = {}
    for e in entries:
        model = _model(e.target_type)
        if model is None:
            continue
        for f in model._meta.concrete_fields:
            if not f.is_relation:
                continue
            for snap in (e.before or {}, e.after or {}):
                value = snap.get(f.attname)
                if value is not None:
                    refs.setdefault(f.related_model._meta.label, set()).add(value)
    return refs


def _names(label, ids):
    if not ids:
        return {}
    model = apps.get_model(label)
    if model is get_user_model():
        return {u.pk: _actor(u) for u in model.objects.filter(pk__in=ids)}
    return {o.pk: _cut(str(o)) for o in model._base_manager.filter(pk__in=ids)}


def _visible_people(scope, ids):
    """The ids of `ids` the scope may read today (the registry's rule for a person)."""
    if not ids:
        return set()
    return set(scope.visible(Person.objects.filter(id__in=ids)).values_list("id", flat=True))


def _visible_orgs(reader, ids):
    """{id: name} of the organizations the reader may see: those in scope and their ancestors
    (a cell's secretary knows which committee the cell belongs to)."""
    if not ids:
        return {}
    orgs = Organization.objects.filter(id__in=ids)
    scope = reader.scope
    if not scope.sees_everything:
        if reader.is_member_only:
            # A member's own cell, their work place: orgs of their own file, named in it.
            return dict(orgs.values_list("id", "name"))
        orgs = orgs.filter(id__in=any_of(scope.org_ids_and_above))
    return dict(orgs.values_list("id", "name"))


def _unread_records(scope, entries, people):
    """The ids of the entries about a record the reader does not read (the access registry),
    among those where reaching the person does not settle it: a reader who reaches the people of
    `people` (those it reads) through `Scope.people` with its Party roles reads every record of
    theirs, and nothing is read for it. Left to look up: every entry for a mass organization's
    executive, whose Party reach is narrower than its scope (`Scope.party`), and the entries
    about a person the reader reads only as the cell they attend for a while."""
    if scope.sees_everything:
        return set()
    if scope.party is scope:
        reached = set(scope.people().filter(id__in=people).values_list("id", flat=True))
        entries = [e for e in entries if e.person_id in people - reached]
    targets = {}
    for e in entries:
        model = _model(e.target_type)
        if model is not None and e.target_id is not None:
            targets.setdefault(model, set()).add(e.target_id)
    unread, rules = set(), registry.rules()
    for model, ids in targets.items():
        if model not in rules:
            continue
        read = set(scope.visible(model.objects.filter(pk__in=ids)).values_list("pk", flat=True))
        unread |= {(model, pk) for pk in ids - read}
    return {e.id for e in entries if (_model(e.target_type), e.target_id) in unread}


def _readable_documents(reader, ids):
    access = reader.documents
    if not ids or access is None:
        return {}
    return {d.pk: _cut(str(d)) for d in access.documents().filter(pk__in=ids)}


def _withheld_documents(reader, entries):
    """The ids of the entries that must not describe a document to the reader: the document
    (or the number reserved for it) is secret and the reader may not open it."""
    access = reader.documents
    if access is None or access.sees_everything:
        return set()
    withheld = set()
    doc_entries = [e for e in entries if e.target_type == "documents.document"]
    if doc_entries:
        ids = {e.target_id for e in doc_entries}
        docs = {d.pk: d for d in access.documents().filter(pk__in=ids).select_related("owner_org")}
        for e in doc_entries:
            doc = docs.get(e.target_id)
            was_secret = any(
                (snap or {}).get("secrecy", "normal") != "normal" for snap in (e.before, e.after)
            )
            if doc is None or (was_secret and not access.can_see_secret(doc.owner_org)):
                withheld.add(e.id)
    withheld |= _withheld_numbers(access, entries)
    return withheld


def _withheld_numbers(access, entries):
    """Entries reserving an outgoing number ("Lấy số 05-QĐ/ĐU") that a secret document then
    took: the number is part of what the secret document's readers alone may know."""
    counters = [e for e in entries if e.target_type == "documents.numbercounter"]
    if not counters:
        return set()
    orgs = {e.org_id for e in counters}
    secret = (
        Document.objects.filter(owner_org_id__in=orgs)
        .exclude(secrecy=Document.Secrecy.NORMAL)
        .exclude(symbol="")
        .values_list("owner_org_id", "symbol")
    )
    symbols = {}
    for org_id, symbol in secret:
        if access.office_org_ids is None or org_id not in access.office_org_ids:
            symbols.setdefault(org_id, []).append(symbol)
    return {
        e.id
        for e in counters
        if any(_names_number(e.summary, s) for s in symbols.get(e.org_id, []))
    }


def _names_number(text, symbol):
    return re.search(rf"(?<![\w-]){re.escape(symbol)}(?![\w])", text) is not None
