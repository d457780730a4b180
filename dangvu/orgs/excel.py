"""The structure under an organization from Excel: its cells, agency, departments, mass
organizations, one per row.

Like the import of people (`people/excel.py`, whose file checks and cell readers this module
uses): `prepare` reads and checks the whole file and says what would change, writing nothing;
`commit` creates the new organizations through the named action, all in one transaction or none.
An organization already there (same code, or same name under the same parent) is left as it is,
so importing the same file twice creates nothing the second time.
"""

import datetime as dt
import io
from dataclasses import dataclass, field

import openpyxl
from django.core.exceptions import ValidationError
from django.core.validators import validate_slug
from django.db import transaction
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from dangvu.accounts import audit, onboarding
from dangvu.lib.dates import vn_date
from dangvu.lib.spreadsheet import SpreadsheetTooCostly, defuse_workbook, open_workbook
from dangvu.lib.text import fold, sort_key
from dangvu.people.excel import (
    DATE_FORMAT,
    GUIDE_SHEET,
    HEADER_FILL,
    HEADER_FONT,
    LIST_SHEET,
    MAX_COLUMNS,
    NOT_XLSX,
    OLD_XLS,
    XLSX_CONTENT_TYPE,
    ImportFailed,
    _blank,
    _CellError,
    _check_zip,
    _header_key,
    _quote,
    _text,
    _to_date,
    check_size,
)

from .actions import ALLOWED_PARENTS
from .models import Organization
from .tree import subtree

__all__ = ["XLSX_CONTENT_TYPE", "ImportFailed", "check_size", "prepare", "commit", "write_template"]

K = Organization.Kind
NEW, UNCHANGED, ERROR = "new", "unchanged", "error"
STATUS_LABELS = {NEW: "Mới", UNCHANGED: "Đã có", ERROR: "Lỗi"}
MAX_ROWS = 2_000
HEADER_SEARCH_ROWS = 20

# (key, header, required header, how to fill it, example, width)
COLUMNS = [
    ("name", "Tên tổ chức", True, "Tên đầy đủ, viết có dấu.", "Chi bộ 1", 30),
    (
        "kind",
        "Loại",
        True,
        "Một trong: " + ", ".join(label for _, label in K.choices) + ".",
        "Chi bộ",
        20,
    ),
    (
        "parent",
        "Trực thuộc",
        False,
        "Tên (hoặc mã) của tổ chức cấp trên trực tiếp: một tổ chức đã có, hoặc một dòng ở trên "
        "trong tệp. Để trống là tổ chức chọn khi nhập.",
        "",
        30,
    ),
    (
        "slug",
        "Mã",
        False,
        "Mã tự chọn (chữ không dấu, số, gạch nối). Để trống thì tạo từ tên.",
        "chi-bo-1",
        20,
    ),
    (
        "valid_from",
        "Ngày thành lập",
        False,
        "Ngày/tháng/năm. Để trống là ngày thành lập của tổ chức cấp trên.",
        "15/03/2010",
        16,
    ),
    (
        "symbol",
        "Ký hiệu",
        False,
        "Ký hiệu cuối số văn bản (ĐU trong “15-BC/ĐU”). Để trống: ĐU với đảng bộ, CB với chi bộ.",
        "CB",
        10,
    ),
    (
        "place",
        "Địa danh",
        False,
        "Địa danh ghi trên văn bản. Để trống là của tổ chức cấp trên.",
        "",
        16,
    ),
    (
        "founding_document",
        "Quyết định thành lập",
        False,
        "Số, ngày và cơ quan ban hành quyết định thành lập.",
        "",
        36,
    ),
]
HEADER = {key: header for key, header, *_ in COLUMNS}
HEADERS = {_header_key(header): key for key, header, *_ in COLUMNS} | {
    _header_key(alias): key
    for key, alias in [
        ("name", "Tên"),
        ("kind", "Loại tổ chức"),
        ("parent", "Cấp trên"),
        ("slug", "Mã tổ chức"),
        ("symbol", "Ký hiệu văn bản"),
    ]
}
KINDS = {fold(label): value for value, label in K.choices} | {v: v for v in K.values}


class _Row:
    """One row of the file as read: its number, its cells converted, its errors."""

    def __init__(self, number, values):
        self.number, self.values, self.errors = number, values, []

    def error(self, key, text):
        where = f"Dòng {self.number}, cột “{HEADER[key]}”" if key else f"Dòng {self.number}"
        self.errors.append(f"{where}: {text}")


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
    check_size(len(data))
    if not data:
        raise ImportFailed(["Tệp rỗng: không có dữ liệu."])
    if data[:4] == b"\xd0\xcf\x11\xe0":
        raise ImportFailed([OLD_XLS])
    _check_zip(data)
    try:
        workbook = open_workbook(data)
    except SpreadsheetTooCostly as e:
        raise ImportFailed([str(e)]) from None
    except Exception:  # openpyxl raises many kinds for a damaged file; all mean the same here
        raise ImportFailed([NOT_XLSX]) from None
    try:
        return _rows_of(workbook)
    except ImportFailed:
        raise
    except Exception:
        raise ImportFailed([f"Nội dung bảng tính bị hỏng. {NOT_XLSX}"]) from None
    finally:
        workbook.close()


def _rows_of(workbook):
    for sheet in workbook.worksheets:
        if fold(sheet.title) == fold(GUIDE_SHEET):
            continue
        rows = sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True)
        for number, values in enumerate(rows, start=1):
            keys = [None if _blank(v) else HEADERS.get(_header_key(v)) for v in values]
            if "name" in keys:
                return _data_rows(number, keys, rows)
            if number >= HEADER_SEARCH_ROWS:
                break
    raise ImportFailed(
        [f"Không tìm thấy dòng tiêu đề có cột “{HEADER['name']}” (hãy dùng tệp mẫu)."]
    )


def _data_rows(header_row, keys, rows):
    columns = {}
    for index, key in enumerate(keys):
        if key is not None and key in columns:
            raise ImportFailed([f"Dòng {header_row}: cột “{HEADER[key]}” có hai lần."])
        if key is not None:
            columns[key] = index
    missing = [HEADER[k] for k, _, required, *_ in COLUMNS if required and k not in columns]
    if missing:
        raise ImportFailed([f"Dòng {header_row}: thiếu cột “{h}”." for h in missing])
    found = []
    for number, values in enumerate(rows, start=header_row + 1):
        raw = {k: values[i] if i < len(values) else None for k, i in columns.items()}
        if all(_blank(v) for v in raw.values()):
            continue
        if len(found) >= MAX_ROWS:
            raise ImportFailed([f"Tệp có hơn {MAX_ROWS} dòng; hãy chia thành nhiều tệp."])
        found.append(_Row(number, raw))
    if not found:
        raise ImportFailed(
            [f"Tệp không có dòng dữ liệu nào dưới dòng tiêu đề (dòng {header_row})."]
        )
    return found


# Checking ------------------------------------------------------------------------------------


def prepare(data: bytes, org, actor, *, today=None) -> Plan:
    """Read and check the whole file; say what importing it under `org` would create."""
    today = today or dt.date.today()
    try:
        onboarding.check_may_create(actor, org)
    except ValidationError as e:
        raise ImportFailed(e.messages) from None
    rows = read_rows(data)
    known = _Known(org)
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
            raise _CellError(f"có nhiều tổ chức tên {_quote(text)}; hãy ghi mã của tổ chức.")
        if rows or orgs:
            return (rows or orgs)[0]
        raise _CellError(
            f"không có tổ chức {_quote(text)} trong {self.root} "
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


def _cell(row, key, convert):
    try:
        return convert(row.values.get(key))
    except _CellError as e:
        row.error(key, str(e))
        return None


def _limited(max_length):
    def convert(value):
        text = _text(value)
        if len(text) > max_length:
            raise _CellError(f"dài {len(text)} ký tự, tối đa {max_length}.")
        return text

    return convert


def _to_kind(value):
    text = _text(value)
    kind = KINDS.get(fold(text)) or KINDS.get(text)
    if kind is None:
        raise _CellError(f"{_quote(text)} không phải là loại tổ chức; hãy chọn theo hướng dẫn.")
    return kind


def _to_slug(value):
    text = _text(value)
    if len(text) > 100:
        raise _CellError(f"dài {len(text)} ký tự, tối đa 100.")
    if text:
        try:
            validate_slug(text)
        except ValidationError:
            raise _CellError(
                f"{_quote(text)} không hợp lệ: chỉ gồm chữ không dấu, số, gạch nối."
            ) from None
    return text


def _plan_row(row, known, today):
    name = _text(row.values.get("name"))
    plan = RowPlan(row.number, name[:120])
    if not name:
        row.error("name", "không được để trống.")
    elif len(name) > 255:
        row.error("name", f"dài {len(name)} ký tự, tối đa 255.")
    plan.kind = _cell(row, "kind", _to_kind) or ""
    slug = _cell(row, "slug", _to_slug) or ""
    plan.parent_name = _text(row.values.get("parent"))
    parent = _cell(row, "parent", lambda v: known.parent(_text(v)))
    valid_from = _cell(row, "valid_from", lambda v: _to_date(v, today))
    if row.errors:
        return plan
    parent_kind, parent_from = _parent_facts(parent)
    plan.parent_name = plan.parent_name or known.root.name
    existing = known.existing(slug, name, parent)
    if existing is not None:
        if fold(existing.name) != fold(name):
            row.error("slug", f"mã “{slug}” là của {existing}, không phải {_quote(name)}.")
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
        "symbol": _cell(row, "symbol", _limited(32)) or None,
        "place": _cell(row, "place", _limited(100)) or None,
        "founding_document": _cell(row, "founding_document", _limited(255)) or "",
    }
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
    if plan.errors:
        raise ImportFailed(plan.errors)
    errors = []
    with transaction.atomic():
        created = 0
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
                errors += [f"Dòng {row.number}: {m}" for m in e.messages]
        if errors:
            transaction.set_rollback(True)
        else:
            audit.record(
                actor,
                "orgs.import",
                plan.org,
                summary=f"Nhập cơ cấu tổ chức từ Excel: {plan.summary()}",
                org=plan.org,
                after={"new": created, "unchanged": plan.count(UNCHANGED)},
            )
    if errors:
        raise ImportFailed(errors)
    return created


# The template --------------------------------------------------------------------------------


def write_template(org=None) -> bytes:
    """An empty import file: the header row, and a guide explaining every column (with `org`,
    the organizations already under it, which the column “Trực thuộc” may name)."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = LIST_SHEET
    for index, (key, header, *_rest, width) in enumerate(COLUMNS, start=1):
        cell = sheet.cell(row=1, column=index, value=header)
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = width
        if key == "valid_from":
            sheet.column_dimensions[letter].number_format = DATE_FORMAT
    sheet.freeze_panes = "A2"
    kinds = ",".join(label for _, label in K.choices)
    choice = DataValidation(type="list", formula1=f'"{kinds}"', allow_blank=False)
    choice.add(f"B2:B{MAX_ROWS + 1}")
    sheet.add_data_validation(choice)
    _write_guide(workbook.create_sheet(GUIDE_SHEET), org)
    defuse_workbook(workbook)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _write_guide(sheet, org):
    for text in (
        "Nhập cơ cấu tổ chức từ Excel",
        f"Ghi mỗi tổ chức một dòng ở trang “{LIST_SHEET}”; tổ chức cấp trên ghi trước tổ chức "
        "trực thuộc. Tổ chức đã có (cùng mã, hoặc cùng tên dưới cùng cấp trên) được giữ nguyên.",
        "Khi nhập, chương trình cho xem trước từng dòng và mọi lỗi; chỉ khi không còn lỗi mới ghi "
        "được, và ghi tất cả cùng lúc hoặc không ghi gì.",
        "",
    ):
        sheet.append([text])
    sheet["A1"].font = HEADER_FONT
    sheet.append(["Cột", "Phải ghi", "Cách ghi", "Ví dụ"])
    for cell in sheet[sheet.max_row]:
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
    for _key, header, required, help_text, example, _width in COLUMNS:
        sheet.append([header, "Có" if required else "Không", help_text, example])
    if org is not None:
        sheet.append([])
        sheet.append([f"Các tổ chức đã có trong {org} (ghi đúng tên hoặc mã ở cột “Trực thuộc”):"])
        sheet.cell(row=sheet.max_row, column=1).font = HEADER_FONT
        for o in sorted(subtree(org, dt.date.today()), key=lambda o: sort_key(o.name)):
            sheet.append([o.name, o.get_kind_display(), f"mã: {o.slug}"])
    for letter, width in zip("ABCD", (28, 16, 80, 18), strict=True):
        sheet.column_dimensions[letter].width = width
    for row in sheet.iter_rows(min_row=5):
        row[2].alignment = Alignment(wrap_text=True, vertical="top")
