"""The structure under an organization from Excel: its cells, agency, departments, mass
organizations, one per row.

Like the import of people, on the import kit (`dangvu/core/imports.py`): `prepare` reads and checks the whole file and says what would change, writing nothing;
`commit` creates the new organizations through the named action, all in one transaction or none.
An organization already there (same code, or same name under the same parent) is left as it is,
so importing the same file twice creates nothing the second time.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_slug

from dangvu.accounts import onboarding
from dangvu.core import audit
from dangvu.core import imports as kit
from dangvu.core.imports import XLSX_CONTENT_TYPE, Column, ImportFailed, check_size
from dangvu.lib.dates import vn_date
from dangvu.lib.text import fold, sort_key

from . import kinds
from .actions import ALLOWED_PARENTS, TYPED_KINDS
from .models import Organization
from .tree import subtree

__all__ = ["XLSX_CONTENT_TYPE", "ImportFailed", "check_size", "prepare", "commit", "write_template"]

K = Organization.Kind
NEW, UNCHANGED, ERROR = "new", "unchanged", "error"
STATUS_LABELS = {NEW: "Mới", UNCHANGED: "Đã có", ERROR: "Lỗi"}
MAX_ROWS = 2_000

COLUMNS = [
    Column(
        key="name",
        header="Tên tổ chức",
        required=True,
        need="Có",
        help="Tên đầy đủ, viết có dấu.",
        example="Chi bộ 1",
        aliases=("Tên",),
        width=30,
    ),
    Column(
        key="kind",
        header="Loại",
        required=True,
        need="Có",
        help="Một trong: " + ", ".join(label for _, label in K.choices) + ".",
        example="Chi bộ",
        aliases=("Loại tổ chức",),
        width=20,
    ),
    Column(
        key="parent",
        header="Trực thuộc",
        required=False,
        need="Không",
        help="Tên (hoặc mã) của tổ chức cấp trên trực tiếp: một tổ chức đã có, hoặc một dòng ở "
        "trên trong tệp. Để trống là tổ chức chọn khi nhập.",
        example="",
        aliases=("Cấp trên",),
        width=30,
    ),
    Column(
        key="slug",
        header="Mã",
        required=False,
        need="Không",
        help="Mã tự chọn (chữ không dấu, số, gạch nối). Để trống thì tạo từ tên.",
        example="chi-bo-1",
        aliases=("Mã tổ chức",),
        width=20,
    ),
    Column(
        key="valid_from",
        header="Ngày thành lập",
        required=False,
        need="Không",
        help="Ngày/tháng/năm. Để trống là ngày thành lập của tổ chức cấp trên.",
        example="15/03/2010",
        aliases=(),
        width=16,
    ),
    Column(
        key="symbol",
        header="Ký hiệu",
        required=False,
        need="Không",
        help="Ký hiệu cuối số văn bản (ĐU trong “15-BC/ĐU”). Để trống: ĐU với đảng bộ, CB với "
        "chi bộ.",
        example="CB",
        aliases=("Ký hiệu văn bản",),
        width=10,
    ),
    Column(
        key="place",
        header="Địa danh",
        required=False,
        need="Không",
        help="Địa danh ghi trên văn bản. Để trống là của tổ chức cấp trên.",
        example="",
        aliases=(),
        width=16,
    ),
    Column(
        key="org_type",
        header="Loại hình",
        required=False,
        need="Không",
        help="Loại hình tổ chức cơ sở đảng của đảng bộ, chi bộ (mã hoặc tên): "
        + "; ".join(f"{k.code} ({k.label})" for k in kinds.all_kinds().values())
        + ". Để trống: chi bộ theo đảng bộ cấp trên.",
        example="xa",
        aliases=("Loại hình tổ chức",),
        width=20,
    ),
    Column(
        key="founding_document",
        header="Quyết định thành lập",
        required=False,
        need="Không",
        help="Số, ngày và cơ quan ban hành quyết định thành lập.",
        example="",
        aliases=(),
        width=36,
    ),
]

HEADER = {c.key: c.header for c in COLUMNS}
KINDS = {fold(label): value for value, label in K.choices} | {v: v for v in K.values}


class _Row:
    """One row of the file as read: its number, its cells converted, its errors."""

    def __init__(self, number, values):
        self.number, self.values, self.errors = number, values, []

    def error(self, key, text):
        self.errors.append(kit.row_message(self.number, HEADER[key] if key else None, text))


@dataclass
class RowPlan:
    number: int
    name: str
    kind: str = ""
    parent_name: str = ""
    status: str = NEW
    errors: list = field(default_factory=list)
    fields: dict = field(default_factory=dict)  # the arguments of create_org, parent aside
    parent: object = None  # an Organization, or the RowPlan of an earlier row
    org: Organization | None = None  # the existing organization, or the one created

    @property
    def status_label(self):
        return STATUS_LABELS[self.status]

    @property
    def kind_label(self):
        return K(self.kind).label if self.kind in K.values else ""


@dataclass
class Plan:
    org: Organization
    rows: list

    @property
    def errors(self):
        return [e for row in self.rows for e in row.errors]

    def count(self, status):
        return sum(1 for row in self.rows if row.status == status)

    @property
    def has_changes(self):
        return self.count(NEW) > 0

    def summary(self):
        text = f"{self.count(NEW)} tổ chức mới, {self.count(UNCHANGED)} tổ chức đã có"
        return text + (f", {self.count(ERROR)} dòng có lỗi" if self.count(ERROR) else "")


# Reading -------------------------------------------------------------------------------------


def read_rows(data: bytes):
    """The rows under the header row of the list sheet, as `_Row`s with raw values."""
    sheet = kit.read_sheet(data, COLUMNS, anchor="name", max_rows=MAX_ROWS)
    return [_Row(number, raw) for number, raw in sheet.rows]


# Checking ------------------------------------------------------------------------------------


def prepare(data: bytes, org, actor, *, today=None, default_type="") -> Plan:
    """Read and check the whole file; say what importing it under `org` would create.
    `default_type` is the type of the party committees and cells whose row names none."""
    today = today or dt.date.today()
    if default_type:
        try:
            kinds.get(default_type)
        except ValidationError as e:
            raise ImportFailed(e.messages) from None
    try:
        onboarding.check_may_create(actor, org)
    except ValidationError as e:
        raise ImportFailed(e.messages) from None
    rows = read_rows(data)
    known = _Known(org)
    known.default_type = default_type
    plans = []
    for row in rows:
        plan = _plan_row(row, known, today)
        plan.errors = row.errors
        plan.status = ERROR if row.errors else plan.status
        plans.append(plan)
    return Plan(org, plans)


class _Known:
    """The organizations a row may name: those under the root, and the file's earlier rows."""

    def __init__(self, root):
        self.root = root
        self.default_type = ""
        self.orgs = subtree(root)
        self.slugs = set(Organization.objects.values_list("slug", flat=True))
        self.by_slug = {o.slug: o for o in self.orgs}
        self.by_name = {}
        for o in self.orgs:
            self.by_name.setdefault(fold(o.name), []).append(o)
        self.rows_by_name, self.rows_by_slug = {}, {}

    def parent(self, text):
        """The organization or earlier row called `text` (a name or a code)."""
        if not text:
            return self.root
        found = self.rows_by_slug.get(text) or self.by_slug.get(text)
        if found is not None:
            return found
        rows = self.rows_by_name.get(fold(text), [])
        orgs = [o for o in self.by_name.get(fold(text), []) if o.valid_to is None]
        if len(rows) + len(orgs) > 1:
            raise kit.CellError(f"có nhiều tổ chức tên {kit.quote(text)}; hãy ghi mã của tổ chức.")
        if rows or orgs:
            return (rows or orgs)[0]
        raise kit.CellError(
            f"không có tổ chức {kit.quote(text)} trong {self.root} "
            "(tổ chức cấp trên phải có sẵn hoặc nằm ở một dòng phía trên)."
        )

    def existing(self, slug, name, parent):
        """The organization this row already describes, if any."""
        if slug and slug in self.by_slug:
            return self.by_slug[slug]
        if isinstance(parent, Organization):
            for o in self.by_name.get(fold(name), []):
                if o.parent_id == parent.id:
                    return o
        return None

    def twin(self, name, parent):
        """An earlier row of the file with this name under the same parent."""
        for plan in self.rows_by_name.get(fold(name), []):
            if plan.parent is parent:
                return plan
        return None

    def add(self, plan):
        self.rows_by_name.setdefault(fold(plan.name), []).append(plan)
        if plan.fields.get("slug"):
            self.rows_by_slug[plan.fields["slug"]] = plan
            self.slugs.add(plan.fields["slug"])


def _cell(row, key, convert, today):
    try:
        return convert(row.values.get(key), today)
    except kit.CellError as e:
        row.error(key, str(e))
        return None


def _to_kind(value, today):
    text = kit.text(value)
    kind = KINDS.get(fold(text)) or KINDS.get(text)
    if kind is None:
        raise kit.CellError(
            f"{kit.quote(text)} không phải là loại tổ chức; hãy chọn theo hướng dẫn."
        )
    return kind


def _to_type(value, today):
    text = kit.text(value)
    if not text:
        return ""
    for kind in kinds.all_kinds().values():
        if text == kind.code or fold(text) == fold(kind.label):
            return kind.code
    raise kit.CellError(
        f"{kit.quote(text)} không phải là loại hình tổ chức cơ sở đảng; một trong: "
        f"{', '.join(kinds.codes())}."
    )


def _to_slug(value, today):
    text = kit.text(value)
    if len(text) > 100:
        raise kit.CellError(f"dài {len(text)} ký tự, tối đa 100.")
    if text:
        try:
            validate_slug(text)
        except ValidationError:
            raise kit.CellError(
                f"{kit.quote(text)} không hợp lệ: chỉ gồm chữ không dấu, số, gạch nối."
            ) from None
    return text


def _plan_row(row, known, today):
    name = kit.text(row.values.get("name"))
    plan = RowPlan(row.number, name[:120])
    if not name:
        row.error("name", "không được để trống.")
    elif len(name) > 255:
        row.error("name", f"dài {len(name)} ký tự, tối đa 255.")
    plan.kind = _cell(row, "kind", _to_kind, today) or ""
    slug = _cell(row, "slug", _to_slug, today) or ""
    plan.parent_name = kit.text(row.values.get("parent"))
    parent = _cell(row, "parent", lambda v, _today: known.parent(kit.text(v)), today)
    valid_from = _cell(row, "valid_from", kit.to_date, today)
    if row.errors:
        return plan
    parent_kind, parent_from = _parent_facts(parent)
    plan.parent_name = plan.parent_name or known.root.name
    existing = known.existing(slug, name, parent)
    if existing is not None:
        if fold(existing.name) != fold(name):
            row.error("slug", f"mã “{slug}” là của {existing}, không phải {kit.quote(name)}.")
        elif existing.kind != plan.kind:
            row.error("kind", f"{existing} đã có, là {existing.get_kind_display().lower()}.")
        plan.status, plan.org = UNCHANGED, existing
        return plan
    if parent_kind not in ALLOWED_PARENTS[plan.kind]:
        row.error(
            "parent",
            f"{K(plan.kind).label} không thể trực thuộc {K(parent_kind).label.lower()}.",
        )
    if slug and slug in known.slugs:
        row.error("slug", f"mã “{slug}” đã được dùng.")
    twin = known.twin(name, parent)
    if twin is not None:
        row.error("name", f"trùng với dòng {twin.number} (cùng tên, cùng cấp trên).")
    if valid_from and valid_from < parent_from:
        row.error(
            "valid_from",
            f"{vn_date(valid_from)} trước ngày thành lập của tổ chức cấp trên "
            f"({vn_date(parent_from)}).",
        )
    plan.parent = parent
    plan.fields = {
        "kind": plan.kind,
        "name": name,
        "slug": slug,
        "valid_from": valid_from,
        "symbol": _cell(row, "symbol", kit.to_text(32), today) or None,
        "place": _cell(row, "place", kit.to_text(100), today) or None,
        "founding_document": _cell(row, "founding_document", kit.to_text(255), today) or "",
    }
    org_type = _cell(row, "org_type", _to_type, today) or ""
    if org_type and plan.kind not in TYPED_KINDS:
        row.error("org_type", "chỉ đảng bộ, chi bộ mới có loại hình tổ chức cơ sở đảng.")
    if not org_type and plan.kind in TYPED_KINDS:
        org_type = known.default_type
    plan.fields["org_type"] = org_type
    if not row.errors:
        known.add(plan)
    return plan


def _parent_facts(parent):
    """(kind, founding date) of an existing organization or of an earlier row."""
    if isinstance(parent, Organization):
        return parent.kind, parent.valid_from
    return parent.kind, parent.fields["valid_from"] or _parent_facts(parent.parent)[1]


# Writing -------------------------------------------------------------------------------------


def commit(plan: Plan, actor) -> int:
    """Create the new organizations, parents first, in one transaction; returns how many."""
    return kit.commit_all(plan.errors, lambda: _commit(plan, actor))


def _commit(plan, actor):
    errors, created = [], 0
    for row in plan.rows:
        if row.status != NEW:
            continue
        parent = row.parent if isinstance(row.parent, Organization) else row.parent.org
        if parent is None:
            continue  # the row of its parent failed, and that error is already reported
        try:
            row.org = onboarding.create_org(actor, parent=parent, **row.fields)
            created += 1
        except ValidationError as e:
            errors += kit.refusals(row.number, e)
    if errors:
        raise ImportFailed(errors)
    audit.record(
        actor,
        "orgs.import",
        plan.org,
        summary=f"Nhập cơ cấu tổ chức từ Excel: {plan.summary()}",
        org=plan.org,
        after={"new": created, "unchanged": plan.count(UNCHANGED)},
    )
    return created


# The template --------------------------------------------------------------------------------


def write_template(org=None) -> bytes:
    """An empty import file: the header row, and a guide explaining every column (with `org`,
    the organizations already under it, which the column “Trực thuộc” may name)."""
    intro = [
        "Nhập cơ cấu tổ chức từ Excel",
        f"Ghi mỗi tổ chức một dòng ở trang “{kit.LIST_SHEET}”; tổ chức cấp trên ghi trước tổ chức "
        "trực thuộc. Tổ chức đã có (cùng mã, hoặc cùng tên dưới cùng cấp trên) được giữ nguyên.",
        "Khi nhập, chương trình cho xem trước từng dòng và mọi lỗi; chỉ khi không còn lỗi mới ghi "
        "được, và ghi tất cả cùng lúc hoặc không ghi gì.",
    ]
    listing = None
    if org is not None:
        title = f"Các tổ chức đã có trong {org} (ghi đúng tên hoặc mã ở cột “Trực thuộc”):"
        orgs = sorted(subtree(org, dt.date.today()), key=lambda o: sort_key(o.name))
        listing = (title, [[o.name, o.get_kind_display(), f"mã: {o.slug}"] for o in orgs])
    return kit.write_template(
        COLUMNS,
        intro=intro,
        dates=["valid_from"],
        choices={"kind": [label for _, label in K.choices]},
        max_rows=MAX_ROWS,
        listing=listing,
        guide_widths=(28, 16, 80, 18),
    )
