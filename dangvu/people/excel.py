"""People in Excel: the export of the people list, and the import of people with their party and
mass-organization memberships.

An import runs in two steps. `prepare` reads the file, checks every row and works out what would
change (a `Plan`), writing nothing; `commit` carries the plan out through the named actions in one
transaction, so each change leaves an audit entry with the importing user, and a single failure
writes nothing at all. Rows are matched to existing people by their CCCD, so importing the same
file twice updates instead of duplicating.
"""

import datetime as dt
import io
import re
import zipfile
from collections import defaultdict
from dataclasses import dataclass, field

import openpyxl
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from dangvu.accounts import audit
from dangvu.lib.archive import ArchiveTooLarge, check_unpacked
from dangvu.lib.dates import add_months, parse_date, vn_date
from dangvu.lib.rules import rule_in_force
from dangvu.lib.spreadsheet import SpreadsheetTooCostly, defuse_workbook, open_workbook, safe_row
from dangvu.lib.text import ascii_digits, decimal_vi, fold, money
from dangvu.orgs.models import Organization, active_on
from dangvu.orgs.tree import subtree_ids

from . import actions
from .models import MEMBERSHIP_ORG_KIND, Membership, PartyProfile, Person, StaffRecord

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DATE_FORMAT = "DD/MM/YYYY"
# One import is one office's list, not a national database: larger files are split by the user.
MAX_ROWS = 20_000
# The header row may sit under a title; it is looked for in the first rows only.
HEADER_SEARCH_ROWS = 20
MAX_COLUMNS = 60
# A zip that inflates far beyond the upload limit is refused before openpyxl parses it.
# The most an .xlsx may unpack to (see dangvu.lib.archive for the ratio to its size).
MAX_UNPACKED = 60 * 1024 * 1024
# Keeps the SQL parameter count of `__in` lookups under SQLite's limit.
CHUNK = 500
LIST_SHEET = "Danh sách"
GUIDE_SHEET = "Hướng dẫn"
IMPORT_ORG_KINDS = (Organization.Kind.PARTY_COMMITTEE, Organization.Kind.PARTY_CELL)
MASS_KINDS = (
    Membership.Kind.TRADE_UNION,
    Membership.Kind.YOUTH_UNION,
    Membership.Kind.VETERANS,
)

NEW, UPDATE, UNCHANGED, ERROR = "new", "update", "unchanged", "error"
STATUS_LABELS = {NEW: "Mới", UPDATE: "Cập nhật", UNCHANGED: "Không đổi", ERROR: "Lỗi"}

NOT_XLSX = (
    "Tệp không phải là bảng tính Excel (.xlsx). Hãy mở tệp bằng Excel hoặc LibreOffice "
    "và lưu lại dạng “Excel Workbook (.xlsx)”."
)
OLD_XLS = (
    "Tệp là bảng tính Excel đời cũ (.xls) hoặc có đặt mật khẩu. Hãy mở tệp và lưu lại dạng "
    "“Excel Workbook (.xlsx)”, không đặt mật khẩu."
)


class ImportFailed(Exception):
    """The file cannot be imported; `errors` are Vietnamese messages, one per problem."""

    def __init__(self, errors):
        self.errors = list(errors)
        super().__init__("\n".join(self.errors))


class _CellError(Exception):
    """A cell's value is unusable; the message says why, without the row and column."""


# Columns ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    required: bool  # the header must be present in the file (the cells may still be empty)
    need: str  # when a cell must be filled, for the guide sheet
    help: str
    example: str
    aliases: tuple = ()
    width: int = 14
    as_text: bool = False  # formatted as text in the template, so Excel keeps leading zeros


COLUMNS = [
    Column(
        "full_name",
        "Họ và tên",
        True,
        "Có",
        "Họ, chữ đệm và tên, viết có dấu.",
        "Nguyễn Văn An",
        ("họ tên",),
        26,
    ),
    Column(
        "birth_date",
        "Ngày sinh",
        True,
        "Không",
        "Ngày/tháng/năm, ví dụ 29/06/1985 (cũng nhận 29-06-1985 và 1985-06-29).",
        "29/06/1985",
        ("ngày tháng năm sinh",),
    ),
    Column(
        "gender",
        "Giới tính",
        True,
        "Với hồ sơ mới",
        "“Nam” hoặc “Nữ”.",
        "Nam",
        (),
        10,
    ),
    Column(
        "ethnicity",
        "Dân tộc",
        False,
        "Không",
        "Để trống là dân tộc Kinh.",
        "Kinh",
        (),
        10,
    ),
    Column(
        "cccd",
        "Số CCCD",
        True,
        "Nên ghi",
        "Số căn cước công dân, đúng 12 chữ số. Người đã có hồ sơ với số này thì hồ sơ đó được "
        "cập nhật (không tạo hồ sơ trùng); để trống thì luôn tạo hồ sơ mới.",
        "084085012345",
        ("cccd", "số căn cước", "số căn cước công dân", "số định danh", "số định danh cá nhân"),
        16,
        True,
    ),
    Column(
        "phone",
        "Điện thoại",
        False,
        "Không",
        "Số điện thoại.",
        "0912345678",
        ("số điện thoại", "sđt"),
        14,
        True,
    ),
    Column(
        "email",
        "Thư điện tử",
        False,
        "Không",
        "Địa chỉ thư điện tử.",
        "an.nv@example.vn",
        ("email", "e-mail", "địa chỉ thư điện tử"),
        22,
    ),
    Column(
        "address",
        "Nơi cư trú",
        False,
        "Không",
        "Nơi cư trú hiện nay.",
        "Phường 1, thành phố Trà Vinh",
        ("địa chỉ", "nơi ở", "nơi ở hiện nay"),
        28,
    ),
    Column(
        "cell",
        "Chi bộ",
        True,
        "Với đảng viên",
        "Tên chi bộ nơi đảng viên sinh hoạt (hoặc mã của chi bộ), trong tổ chức chọn khi nhập. "
        "Để trống nếu không phải đảng viên. Khi nhập vào một chi bộ, để trống là chi bộ đó.",
        "Chi bộ 1",
        (),
        16,
    ),
    Column(
        "admitted_on",
        "Ngày vào Đảng",
        True,
        "Với đảng viên",
        "Ngày kết nạp vào Đảng.",
        "15/03/2010",
        ("ngày kết nạp", "ngày kết nạp đảng"),
    ),
    Column(
        "official_on",
        "Ngày chính thức",
        True,
        "Với đảng viên chính thức",
        "Ngày trở thành đảng viên chính thức; để trống nếu còn dự bị. Không được trước khi hết "
        "{probation} tháng dự bị.",
        "15/03/2011",
        ("ngày vào đảng chính thức", "ngày công nhận chính thức"),
    ),
    Column(
        "card_number",
        "Số thẻ đảng viên",
        False,
        "Không",
        "Số thẻ đảng viên.",
        "84.123456",
        ("số thẻ đảng",),
        14,
        True,
    ),
    Column(
        "cell_since",
        "Ngày vào chi bộ",
        False,
        "Không",
        "Ngày bắt đầu sinh hoạt ở chi bộ này. Để trống là ngày vào Đảng, hoặc ngày thành lập "
        "chi bộ nếu chi bộ thành lập sau, hoặc ngày kết thúc lần sinh hoạt trước.",
        "01/09/2014",
        ("ngày sinh hoạt chi bộ", "ngày chuyển đến"),
    ),
    Column(
        "trade_union",
        "Công đoàn",
        False,
        "Không",
        "Ngày vào công đoàn, hoặc “x” nếu là đoàn viên mà không rõ ngày (khi đó tính từ ngày "
        "nhập). Để trống nếu không phải đoàn viên.",
        "x",
        ("đoàn viên công đoàn",),
        12,
    ),
    Column(
        "youth_union",
        "Đoàn TN",
        False,
        "Không",
        "Ngày vào Đoàn Thanh niên, hoặc “x” (như cột Công đoàn).",
        "26/03/2008",
        ("đoàn thanh niên", "đoàn viên thanh niên", "đoàn tncs hồ chí minh"),
        12,
    ),
    Column(
        "veterans",
        "CCB",
        False,
        "Không",
        "Ngày vào Hội Cựu chiến binh, hoặc “x” (như cột Công đoàn).",
        "",
        ("cựu chiến binh", "hội cựu chiến binh", "hội viên cựu chiến binh"),
        10,
    ),
]
COLUMN = {c.key: c for c in COLUMNS}
PERSON_COLUMNS = ("full_name", "birth_date", "gender", "ethnicity", "phone", "email", "address")
MASS_COLUMN = {
    Membership.Kind.TRADE_UNION: "trade_union",
    Membership.Kind.YOUTH_UNION: "youth_union",
    Membership.Kind.VETERANS: "veterans",
}


def _header_key(text):
    """A header as compared: no case, diacritics, notes in brackets, stars or extra spaces."""
    text = re.sub(r"\(.*?\)|\[.*?\]", " ", str(text if text is not None else ""))
    return fold(text.replace("*", " ")).strip(" :.")


HEADERS = {_header_key(c.header): c.key for c in COLUMNS} | {
    _header_key(alias): c.key for c in COLUMNS for alias in c.aliases
}


# Reading the file ----------------------------------------------------------------------------


def size_text(n):
    """A file size as users read it: "10 MB", "12,5 MB", "800 KB"."""
    if n >= 1024 * 1024:
        return f"{decimal_vi(round(n / (1024 * 1024), 1))} MB"
    if n >= 1024:
        return f"{decimal_vi(round(n / 1024, 1))} KB"
    return f"{n} byte"


def too_big_message(n):
    limit = settings.DANGVU_MAX_UPLOAD_BYTES
    return f"Tệp lớn {size_text(n)}, vượt giới hạn {size_text(limit)}; hãy chia nhỏ tệp."


def check_size(n):
    if n > settings.DANGVU_MAX_UPLOAD_BYTES:
        raise ImportFailed([too_big_message(n)])


@dataclass
class Sheet:
    header_row: int
    columns: dict  # column key -> index in the row
    ignored: list  # headers of the file that the import does not use
    rows: list  # [(row number as Excel shows it, {column key: raw value})]


def read_sheet(data: bytes) -> Sheet:
    """The list sheet of an .xlsx file: its header row and its non-empty rows, read once."""
    check_size(len(data))
    if not data:
        raise ImportFailed(["Tệp rỗng: không có dữ liệu."])
    if data[:4] == b"\xd0\xcf\x11\xe0":
        raise ImportFailed([OLD_XLS])
    _check_zip(data)
    last_row = 0
    try:
        workbook = open_workbook(data)
    except SpreadsheetTooCostly as e:
        raise ImportFailed([str(e)]) from None
    except Exception:  # openpyxl raises many kinds for a damaged file; all mean the same here
        raise ImportFailed([NOT_XLSX]) from None
    try:
        rows, header_row, columns, ignored = _list_sheet(workbook)
        last_row = header_row
        found = []
        for last_row, values in enumerate(rows, start=header_row + 1):
            raw = {key: values[i] if i < len(values) else None for key, i in columns.items()}
            if all(_blank(v) for v in raw.values()):
                continue
            if len(found) >= MAX_ROWS:
                raise ImportFailed(
                    [f"Tệp có hơn {money(MAX_ROWS)} dòng dữ liệu; hãy chia thành nhiều tệp."]
                )
            found.append((last_row, raw))
    except ImportFailed:
        raise
    except Exception:
        raise ImportFailed(
            [f"Không đọc được tệp sau dòng {last_row}: nội dung bảng tính bị hỏng. {NOT_XLSX}"]
        ) from None
    finally:
        workbook.close()
    if not found:
        raise ImportFailed(
            [f"Tệp không có dòng dữ liệu nào dưới dòng tiêu đề (dòng {header_row})."]
        )
    return Sheet(header_row, columns, ignored, found)


def _check_zip(data):
    """Refuse what is not an .xlsx, and zip bombs by their real unpacked size, before parsing."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
        if "xl/workbook.xml" not in names:
            raise ImportFailed([NOT_XLSX])
        check_unpacked(data, MAX_UNPACKED)
    except ArchiveTooLarge as e:
        raise ImportFailed(
            [
                f"Tệp {size_text(len(data))} giải nén ra hơn {size_text(e.limit)}, quá lớn so với "
                "một bảng tính thông thường nên không được đọc; hãy lưu lại tệp bằng Excel hoặc "
                "chia nhỏ tệp."
            ]
        ) from None
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError):
        raise ImportFailed([NOT_XLSX]) from None


def _list_sheet(workbook):
    """(rows iterator, header row, {key: index}, ignored headers) of the first sheet, other
    than the guide, whose first rows hold a "Họ và tên" header."""
    empty = True
    for sheet in workbook.worksheets:
        if fold(sheet.title) == fold(GUIDE_SHEET):
            continue
        rows = sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True)
        for number, values in enumerate(rows, start=1):
            empty = empty and all(_blank(v) for v in values)
            keys = [None if _blank(v) else HEADERS.get(_header_key(v)) for v in values]
            if "full_name" in keys:
                return (rows, number, *_map_header(number, values, keys))
            if number >= HEADER_SEARCH_ROWS:
                break
    if empty:
        raise ImportFailed(["Tệp rỗng: bảng tính không có dữ liệu."])
    raise ImportFailed(
        [
            f"Không tìm thấy dòng tiêu đề: cần một dòng có cột “{COLUMN['full_name'].header}” "
            f"trong {HEADER_SEARCH_ROWS} dòng đầu (hãy dùng tệp mẫu)."
        ]
    )


def _map_header(number, values, keys):
    columns, ignored, errors = {}, [], []
    for index, (value, key) in enumerate(zip(values, keys, strict=True)):
        if key is None:
            if not _blank(value):
                ignored.append(_text(value))
        elif key in columns:
            errors.append(
                f"Dòng {number}: cột “{COLUMN[key].header}” có hai lần "
                f"(cột {get_column_letter(columns[key] + 1)} và {get_column_letter(index + 1)})."
            )
        else:
            columns[key] = index
    for c in COLUMNS:
        if c.required and c.key not in columns:
            errors.append(f"Dòng {number}: thiếu cột “{c.header}” ở dòng tiêu đề.")
    if errors:
        raise ImportFailed(errors)
    return columns, ignored


# Cell values -----------------------------------------------------------------------------------


def _blank(value):
    return value is None or (isinstance(value, str) and not value.strip())


def _text(value):
    """A cell as text: whitespace collapsed, whole numbers without ".0", dates as dd/mm/yyyy."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return vn_date(value)
    return " ".join(str(value).split())


def _quote(text, limit=40):
    return f"“{text[:limit]}…”" if len(text) > limit else f"“{text}”"


def _whole_number(value):
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return None


def _to_text(max_length):
    def convert(value, today):
        text = _text(value)
        if len(text) > max_length:
            raise _CellError(f"dài {len(text)} ký tự, tối đa {max_length}.")
        return text

    return convert


def _to_date(value, today):
    if _blank(value):
        return None
    if isinstance(value, dt.datetime):
        day = value.date()
    elif isinstance(value, dt.date):
        day = value
    elif isinstance(value, str):
        try:
            day = parse_date(value)
        except ValueError:
            raise _CellError(
                f"{_quote(_text(value))} không phải là ngày hợp lệ "
                "(ghi dạng ngày/tháng/năm, ví dụ 29/06/2017)."
            ) from None
    else:
        raise _CellError(
            f"{_quote(_text(value))} không phải là ngày (ghi dạng ngày/tháng/năm, ví dụ 29/06/2017)."
        )
    if day.year < 1900:
        raise _CellError(f"{vn_date(day)} không hợp lệ (trước năm 1900).")
    if day > today:
        raise _CellError(f"{vn_date(day)} sau ngày hôm nay.")
    return day


GENDERS = {
    "nam": Person.Gender.MALE,
    "nu": Person.Gender.FEMALE,
    "male": Person.Gender.MALE,
    "female": Person.Gender.FEMALE,
}


def _to_gender(value, today):
    text = _text(value)
    if not text:
        return ""
    gender = GENDERS.get(fold(text))
    if gender is None:
        raise _CellError(f"{_quote(text)} không hợp lệ; ghi “Nam” hoặc “Nữ”.")
    return gender


def _to_cccd(value, today):
    number = _whole_number(value)
    if number is not None:
        text = str(number)
        # A CCCD typed into a number cell loses its leading zeros (all province codes start with 0).
        if 10 <= len(text) <= 11:
            text = text.zfill(12)
    else:
        # Digits of another script are the same number, matched and stored in ASCII.
        text = ascii_digits(_text(value).replace(" ", ""))
    if text and not actions.CCCD_RE.match(text):
        raise _CellError(f"{_quote(text)} phải gồm đúng 12 chữ số.")
    return text


def _to_phone(value, today):
    number = _whole_number(value)
    if number is not None and 9 <= len(str(number)) <= 10:
        # A phone number typed into a number cell loses its leading zero.
        value = f"0{number}"
    return _to_text(20)(value, today)


def _to_email(value, today):
    text = _to_text(254)(value, today)
    if text:
        try:
            validate_email(text)
        except ValidationError:
            raise _CellError(f"{_quote(text)} không phải là địa chỉ thư điện tử hợp lệ.") from None
    return text


YES = {"x", "co", "v", "1", "yes", "true", "✓", "✔"}
NO = {"", "khong", "0", "no", "false", "-"}


def _to_mark(value, today):
    """A mass-organization cell: a date (member since), "x" (member, date unknown) or empty."""
    if isinstance(value, bool):
        return today if value else None
    if isinstance(value, dt.date):
        return _to_date(value, today)
    folded = fold(_text(value))
    if folded in NO:
        return None
    if folded in YES:
        return today
    try:
        return _to_date(_text(value), today)
    except _CellError:
        raise _CellError(
            f"{_quote(_text(value))} không hợp lệ; ghi ngày vào (ví dụ 26/03/2008), "
            "“x” nếu không rõ ngày, hoặc để trống."
        ) from None


CONVERTERS = {
    "full_name": _to_text(Person._meta.get_field("full_name").max_length),
    "birth_date": _to_date,
    "gender": _to_gender,
    "ethnicity": _to_text(Person._meta.get_field("ethnicity").max_length),
    "cccd": _to_cccd,
    "phone": _to_phone,
    "email": _to_email,
    "address": _to_text(Person._meta.get_field("address").max_length),
    "cell": _to_text(255),
    "admitted_on": _to_date,
    "official_on": _to_date,
    "card_number": _to_text(PartyProfile._meta.get_field("card_number").max_length),
    "cell_since": _to_date,
    "trade_union": _to_mark,
    "youth_union": _to_mark,
    "veterans": _to_mark,
}


def _message(number, key, text):
    if key is None:
        return f"Dòng {number}: {text}"
    return f"Dòng {number}, cột “{COLUMN[key].header}”: {text}"


# The plan ------------------------------------------------------------------------------------


@dataclass
class RowPlan:
    """What importing one row does: the changes, in words for the preview and as data for commit."""

    number: int
    name: str
    status: str = NEW
    changes: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    bad: set = field(default_factory=set)  # the columns with an error
    person: Person | None = None  # the existing person matched by CCCD
    fields: dict = field(default_factory=dict)  # all fields of a new person, or those that change
    transfer: dict | None = None  # the arguments of transfer_in
    recognize_on: dt.date | None = None
    card: str | None = None  # a new card number for a current member
    joins: list = field(default_factory=list)  # [(org, kind, on)]

    @property
    def status_label(self):
        return STATUS_LABELS[self.status]

    @property
    def writes(self):
        return bool(
            self.person is None
            or self.fields
            or self.transfer
            or self.recognize_on
            or self.card
            or self.joins
        )

    def error(self, key, text):
        self.bad.add(key)
        self.errors.append(_message(self.number, key, text))


@dataclass
class Plan:
    org: Organization
    rows: list
    header_row: int
    ignored_columns: list

    @property
    def errors(self):
        return [e for row in self.rows for e in row.errors]

    @property
    def warnings(self):
        return [f"Dòng {row.number}: {w}" for row in self.rows for w in row.warnings]

    def count(self, status):
        return sum(1 for row in self.rows if row.status == status)

    @property
    def counts(self):
        return {status: self.count(status) for status in STATUS_LABELS}

    @property
    def has_changes(self):
        return any(row.status in (NEW, UPDATE) for row in self.rows)

    def summary(self):
        c = self.counts
        text = f"{c[NEW]} hồ sơ mới, {c[UPDATE]} hồ sơ cập nhật, {c[UNCHANGED]} hồ sơ không đổi"
        return text + (f", {c[ERROR]} dòng có lỗi" if c[ERROR] else "")


class _Lookups:
    """Everything the rows are checked against, loaded in a bounded number of queries."""

    def __init__(self, org, scope, today):
        self.org, self.scope, self.today = org, scope, today
        orgs = list(Organization.objects.filter(id__in=subtree_ids([org.id])))
        self.cells = [o for o in orgs if o.kind == Organization.Kind.PARTY_CELL]
        self.cells_by_name = defaultdict(list)
        for cell in self.cells:
            self.cells_by_name[fold(cell.name)].append(cell)
        self.cells_by_slug = {c.slug: c for c in self.cells}
        self.mass_orgs = {
            kind: [o for o in orgs if o.kind == MEMBERSHIP_ORG_KIND[kind]] for kind in MASS_KINDS
        }
        self.people, self.writable, self.memberships, self.known = {}, set(), {}, set()
        self._fee_refusals = {}

    def closed_fee_year(self, cell, since):
        """The refusal of `transfer_in` when joining `cell` from `since` would change a closed
        fee year's book, or ""; asked once per cell and month, not once per row."""
        key = (cell.id, since.year, since.month)
        if key not in self._fee_refusals:
            try:
                actions.check_party_start(cell, since, f"chuyển sinh hoạt đến {cell}")
                self._fee_refusals[key] = ""
            except ValidationError as e:
                self._fee_refusals[key] = e.messages[0]
        return self._fee_refusals[key]

    def load_people(self, cccds, names):
        """People already recorded with these CCCDs, and (name, birth date) pairs in scope."""
        for chunk in _chunks(sorted(cccds)):
            for p in Person.objects.filter(cccd__in=chunk).select_related("party"):
                self.people[p.cccd] = p
        ids = [p.id for p in self.people.values()]
        self.memberships = defaultdict(list)
        for chunk in _chunks(ids):
            self.writable |= set(
                self.scope.writable_people(Person.objects.filter(id__in=chunk)).values_list(
                    "id", flat=True
                )
            )
            for m in Membership.objects.filter(person_id__in=chunk).select_related("org"):
                self.memberships[m.person_id].append(m)
        for chunk in _chunks(sorted(names)):
            self.known |= set(
                self.scope.people(Person.objects.filter(search_name__in=chunk)).values_list(
                    "search_name", "birth_date"
                )
            )

    def cell(self, text, on=None):
        """The party cell named `text` (or with that slug) in the subtree, or a _CellError."""
        if text in self.cells_by_slug:
            return self.cells_by_slug[text]
        found = self.cells_by_name.get(fold(text), [])
        if len(found) > 1:
            active = [c for c in found if c.is_active_on(on or self.today)]
            found = active if len(active) == 1 else found
        if not found:
            raise _CellError(f"không có chi bộ {_quote(text)} trong {self.org}.")
        if len(found) > 1:
            raise _CellError(f"có nhiều chi bộ tên {_quote(text)}; hãy ghi mã của chi bộ.")
        return found[0]

    def mass_org(self, kind, on):
        """The one organization of `kind` in the subtree a member since `on` belongs to: people
        joined the trade union or the youth union long before this one was founded."""
        found = [o for o in self.mass_orgs[kind] if o.is_active_on(max(on, o.valid_from))]
        label = Membership.Kind(kind).label
        if not found:
            raise _CellError(f"không có tổ chức {label} nào trong {self.org}.")
        if len(found) > 1:
            names = ", ".join(o.name for o in found)
            raise _CellError(
                f"{self.org} có nhiều tổ chức {label} ({names}); hãy nhập riêng vào từng chi bộ."
            )
        return found[0]


def _chunks(items):
    items = list(items)
    for i in range(0, len(items), CHUNK):
        yield items[i : i + CHUNK]


def prepare(data: bytes, org, scope, *, today=None) -> Plan:
    """Read and check the whole file; say what importing it into `org` would change.

    Writes nothing. File-level problems raise ImportFailed; row problems are in `plan.errors`.
    """
    today = today or dt.date.today()
    if org.kind not in IMPORT_ORG_KINDS:
        raise ImportFailed(
            [f"Chỉ nhập hồ sơ vào một đảng bộ cơ sở hoặc một chi bộ; “{org}” thì không."]
        )
    if not scope.can_write_org(org):
        raise ImportFailed([f"Bạn không có quyền nhập hồ sơ vào “{org}”."])
    sheet = read_sheet(data)
    lookups = _Lookups(org, scope, today)
    parsed = [_convert(number, raw, today) for number, raw in sheet.rows]
    cccds = {values["cccd"] for _, values in parsed if values.get("cccd")}
    names = {fold(values["full_name"]) for _, values in parsed if values.get("full_name")}
    lookups.load_people(cccds, names)
    rows, first_cccd, first_name = [], {}, {}
    for row, values in parsed:
        _check_duplicates(row, values, first_cccd, first_name)
        _plan_row(row, values, lookups)
        if row.errors:
            row.status = ERROR
        rows.append(row)
    return Plan(org, rows, sheet.header_row, sheet.ignored)


def _convert(number, raw, today):
    """(RowPlan, values): each cell converted, errors noted on the row."""
    row = RowPlan(number, _text(raw.get("full_name"))[:120])
    values = {}
    for key, value in raw.items():
        try:
            values[key] = CONVERTERS[key](value, today)
        except _CellError as e:
            row.error(key, str(e))
            values[key] = None
    if not values.get("full_name") and "full_name" not in row.bad:
        row.error("full_name", "không được để trống.")
    return row, values


def _check_duplicates(row, values, first_cccd, first_name):
    cccd = values.get("cccd")
    if cccd:
        if cccd in first_cccd:
            row.error("cccd", f"số {cccd} trùng với dòng {first_cccd[cccd]}.")
        else:
            first_cccd[cccd] = row.number
    elif values.get("full_name"):
        key = (fold(values["full_name"]), values.get("birth_date"))
        if key in first_name:
            row.warnings.append(
                f"trùng họ tên và ngày sinh với dòng {first_name[key]}, không có số CCCD: "
                "sẽ tạo hai hồ sơ."
            )
        else:
            first_name[key] = row.number


def _plan_row(row, values, lookups):
    person = lookups.people.get(values.get("cccd") or None)
    if person is not None and person.id not in lookups.writable:
        # Say no more than that: the person is outside the user's scope.
        row.error(
            "cccd",
            "số CCCD này thuộc một hồ sơ ngoài phạm vi bạn được sửa; không thể nhập dòng này.",
        )
        return
    row.person = person
    row.status = UPDATE if person else NEW
    _plan_person(row, values, lookups)
    memberships = lookups.memberships.get(person.id, []) if person else []
    birth = values.get("birth_date") or (person.birth_date if person else None)
    _plan_party(row, values, lookups, memberships, birth)
    _plan_mass(row, values, lookups, memberships, birth)
    if not row.writes:
        row.status = UNCHANGED


def _plan_person(row, values, lookups):
    person = row.person
    if person is None:
        if not values.get("gender") and "gender" not in row.bad:
            row.error("gender", "cần ghi “Nam” hoặc “Nữ” cho hồ sơ mới.")
        row.fields = {key: values.get(key) or "" for key in PERSON_COLUMNS}
        row.fields["birth_date"] = values.get("birth_date")
        row.fields["cccd"] = values.get("cccd") or None
        row.changes.append("Tạo hồ sơ")
        if (fold(values.get("full_name")), values.get("birth_date")) in lookups.known:
            row.warnings.append(
                "đã có hồ sơ cùng họ tên và ngày sinh; dòng này sẽ tạo thêm một hồ sơ "
                "(ghi số CCCD để cập nhật hồ sơ đã có)."
            )
        return
    for key in PERSON_COLUMNS:
        new, old = values.get(key), getattr(person, key)
        if new in (None, "") or new == old:
            continue  # an empty cell keeps what the record holds
        row.fields[key] = new
        row.changes.append(f"{COLUMN[key].header}: {_shown(key, old)} → {_shown(key, new)}")


def _shown(key, value):
    if value in (None, ""):
        return "(trống)"
    if isinstance(value, dt.date):
        return vn_date(value)
    if key == "gender":
        return Person.Gender(value).label
    return value


def _plan_party(row, values, lookups, memberships, birth):
    """Party life: a member already in a cell stays there; anyone else is received into the
    cell of the row (transfer_in) with their party dates."""
    party_keys = ("cell", "admitted_on", "official_on", "cell_since", "card_number")
    if not any(values.get(k) for k in party_keys) or row.bad & set(party_keys):
        return
    profile = getattr(row.person, "party", None) if row.person else None
    party = [m for m in memberships if m.kind == Membership.Kind.PARTY]
    current = next((m for m in party if _holds(m, lookups.today)), None)
    admitted = values.get("admitted_on") or (profile.admitted_on if profile else None)
    if current is not None and profile and profile.admitted_on:
        admitted = profile.admitted_on  # a current member's record is kept; rules check it
    cell = _row_cell(row, values, lookups, current, values.get("cell_since") or admitted)
    if cell is None:
        return
    if admitted is None:
        row.error("admitted_on", f"cần ghi ngày vào Đảng của đảng viên {cell}.")
        return
    if birth and admitted <= birth:
        row.error("admitted_on", f"{vn_date(admitted)} phải sau ngày sinh ({vn_date(birth)}).")
        return
    official = values.get("official_on")
    if official:
        try:
            months = actions.membership_rule(admitted)["probation_months"]
        except ValidationError as e:
            row.error("admitted_on", e.messages[0])
            return
        if official < add_months(admitted, months):
            row.error(
                "official_on",
                f"{vn_date(official)} trước khi hết {months} tháng dự bị "
                f"(kết nạp {vn_date(admitted)}).",
            )
            return
    if current is not None:
        _plan_current_member(row, values, current, profile, cell)
        return
    since = _plan_since(row, cell, admitted, values.get("cell_since"), party, lookups.today)
    if since is None:
        return
    refusal = lookups.closed_fee_year(cell, since)
    if refusal:
        row.error("cell_since", refusal)
        return
    card = values.get("card_number") or ""
    row.transfer = {
        "cell": cell,
        "on": since,
        "admitted_on": admitted,
        "official_on": official,
        "card_number": card,
    }
    status = f"chính thức {vn_date(official)}" if official else "dự bị"
    card_text = f", thẻ số {card}" if card else ""
    row.changes.append(
        f"Sinh hoạt đảng tại {cell} từ {vn_date(since)} "
        f"(vào Đảng {vn_date(admitted)}, {status}{card_text})"
    )
    ended = [m for m in party if m.valid_to]
    if ended:
        last = max(ended, key=lambda m: m.valid_to)
        row.warnings.append(
            f"đã thôi sinh hoạt tại {last.org} từ {vn_date(last.valid_to)}; sẽ tiếp nhận lại."
        )


def _row_cell(row, values, lookups, current, on):
    """The cell named on the row; else the cell imported into, or the member's current cell."""
    if values.get("cell"):
        try:
            return lookups.cell(values["cell"], on)
        except _CellError as e:
            row.error("cell", str(e))
            return None
    if lookups.org.kind == Organization.Kind.PARTY_CELL:
        return lookups.org
    if current is not None:
        return current.org
    row.error("cell", f"cần ghi chi bộ của đảng viên (trong {lookups.org}).")
    return None


def _holds(m, day):
    return m.valid_from <= day and (m.valid_to is None or day < m.valid_to)


def _plan_since(row, cell, admitted, since, party, today):
    """The day the membership in `cell` starts, or None after noting the error."""
    explicit = since is not None
    if not explicit:
        # Members admitted before the cell existed, or back after a transfer, start later.
        ends = [m.valid_to for m in party if m.valid_to]
        since = max([admitted, cell.valid_from, *ends])
    if since < admitted:
        row.error("cell_since", f"{vn_date(since)} trước ngày vào Đảng ({vn_date(admitted)}).")
        return None
    if since > today:
        row.error("cell", f"“{cell}” chưa thành lập (thành lập ngày {vn_date(cell.valid_from)}).")
        return None
    if not cell.is_active_on(since):
        key = "cell_since" if explicit else "cell"
        row.error(key, f"“{cell}” không hoạt động vào ngày {vn_date(since)} (ngày vào chi bộ).")
        return None
    overlapping = next((m for m in party if _holds(m, since)), None)
    if overlapping is not None:
        row.error(
            "cell_since",
            f"ngày {vn_date(since)} đang sinh hoạt tại {overlapping.org} "
            f"(đến {vn_date(overlapping.valid_to)}).",
        )
        return None
    return since


def _plan_current_member(row, values, current, profile, cell):
    """A member already in a cell stays there; only missing party facts are added."""
    profile = profile or PartyProfile()
    if current.org_id != cell.id:
        row.warnings.append(
            f"đang sinh hoạt tại {current.org}; giữ nguyên (việc nhập không chuyển chi bộ)."
        )
    admitted, official = values.get("admitted_on"), values.get("official_on")
    if admitted and profile.admitted_on != admitted:
        row.warnings.append(
            f"ngày vào Đảng trong hồ sơ là {_date_or_blank(profile.admitted_on)}, "
            f"trong tệp là {vn_date(admitted)}; giữ nguyên hồ sơ."
        )
    if official and profile.recognized_on is None:
        if official < current.valid_from:
            row.error(
                "official_on",
                f"ngày {vn_date(official)} chưa sinh hoạt tại {current.org} "
                f"(từ {vn_date(current.valid_from)}); không ghi được chuyển chính thức.",
            )
            return
        row.recognize_on = official
        row.changes.append(f"Chuyển đảng chính thức ngày {vn_date(official)}")
    elif official and profile.official_on != official:
        row.warnings.append(
            f"ngày chính thức trong hồ sơ là {_date_or_blank(profile.official_on)}, "
            f"trong tệp là {vn_date(official)}; giữ nguyên hồ sơ."
        )
    card = values.get("card_number")
    if card and card != profile.card_number:
        row.card = card
        row.changes.append(f"Số thẻ đảng viên: {profile.card_number or '(trống)'} → {card}")


def _date_or_blank(day):
    return vn_date(day) if day else "(trống)"


def _plan_mass(row, values, lookups, memberships, birth):
    for kind in MASS_KINDS:
        key, on = MASS_COLUMN[kind], values.get(MASS_COLUMN[kind])
        if on is None:
            continue
        mine = [m for m in memberships if m.kind == kind]
        if any(m.valid_to is None or _holds(m, on) for m in mine):
            continue  # already a member: nothing to add
        try:
            org = lookups.mass_org(kind, on)
        except _CellError as e:
            row.error(key, str(e))
            continue
        if birth and on <= birth:
            row.error(key, f"{vn_date(on)} phải sau ngày sinh ({vn_date(birth)}).")
            continue
        on = max(on, org.valid_from)
        row.joins.append((org, kind, on))
        row.changes.append(f"Tham gia {org} từ {vn_date(on)}")


# Commit --------------------------------------------------------------------------------------


def commit(plan: Plan, actor) -> dict:
    """Carry the plan out, all in one transaction or nothing at all.

    New people are written together by `create_people` (the checks and audit entries of
    create_person, transfer_in and join, in a few queries per 500 people); people already on
    record go one by one through the named actions.
    """
    if plan.errors:
        raise ImportFailed(plan.errors)
    try:
        return _commit(plan, actor)
    except IntegrityError:
        # Someone recorded the same CCCD between the checks and the writes.
        raise ImportFailed(
            ["Hồ sơ vừa được thay đổi trong lúc ghi nên không ghi gì; hãy nhập lại tệp."]
        ) from None


def _commit(plan, actor):
    errors = []
    with transaction.atomic():
        try:
            create_people(actor, plan.org, [r for r in plan.rows if r.status == NEW])
        except ValidationError as e:
            errors += e.messages
        for row in plan.rows:
            if row.status != UPDATE:
                continue
            try:
                _apply_update(row, actor)
            except ValidationError as e:
                # The action wrote nothing (its savepoint is rolled back); go on to find the rest.
                errors += [_message(row.number, None, m) for m in e.messages]
        if errors:
            raise ImportFailed(errors)
        counts = plan.counts
        audit.record(
            actor,
            "people.import",
            plan.org,
            summary=f"Nhập từ Excel: {plan.summary()}",
            org=plan.org,
            after={"new": counts[NEW], "updated": counts[UPDATE], "unchanged": counts[UNCHANGED]},
        )
    return counts


def _apply_update(row, actor):
    person = row.person
    if row.fields:
        actions.update_person(actor, person, **row.fields)
    if row.transfer:
        transfer = dict(row.transfer)
        actions.transfer_in(actor, person, transfer.pop("cell"), transfer.pop("on"), **transfer)
    if row.recognize_on:
        actions.recognize(actor, person, row.recognize_on)
    if row.card:
        set_card_number(actor, person, row.card)
    for mass_org, kind, on in row.joins:
        actions.join(actor, person, mass_org, kind, on)
    return person


@transaction.atomic
def create_people(actor, home_org, rows):
    """Create many new people at once, each with their party membership received from elsewhere
    (as `transfer_in`) and their mass-organization memberships (as `join`).

    The same checks as those actions, run through their own validators, all before anything is
    written; then bulk inserts and the same audit entries, so ten thousand people take seconds
    instead of minutes. `rows` are `RowPlan`s of new people (fields, transfer, joins); errors
    name the row. Candidate for `actions.py`.
    """
    errors, checked = [], []
    for row in rows:
        try:
            checked.append((row, _check_new(row)))
        except ValidationError as e:
            errors += [_message(row.number, None, m) for m in e.messages]
    cccds = [data["cccd"] for _, data in checked if data["cccd"]]
    taken = set()
    for chunk in _chunks(cccds):
        taken |= set(Person.objects.filter(cccd__in=chunk).values_list("cccd", flat=True))
    seen = set()
    for row, data in checked:
        cccd = data["cccd"]
        if cccd and (cccd in taken or cccd in seen):
            errors.append(
                _message(row.number, None, f"Số CCCD {cccd} đã có trong hồ sơ của người khác.")
            )
        seen.add(cccd)
    if errors:
        raise ValidationError(errors)
    people = []
    for _, data in checked:
        person = Person(home_org=home_org, **data)
        person.set_derived_names()  # what Person.save does; bulk_create skips it
        people.append(person)
    Person.objects.bulk_create(people, batch_size=CHUNK)
    entries = [_entry(actor, "person.create", p, None, f"Tạo hồ sơ {p}", p) for p in people]
    profiles, memberships, joined = [], [], []
    for (row, _), person in zip(checked, people, strict=True):
        t = row.transfer
        if t:
            profiles.append(
                PartyProfile(
                    person=person,
                    admitted_on=t["admitted_on"],
                    official_on=t["official_on"],
                    recognized_on=t["official_on"],
                    card_number=t["card_number"],
                )
            )
            memberships.append(
                Membership(
                    person=person, org=t["cell"], kind=Membership.Kind.PARTY, valid_from=t["on"]
                )
            )
        for org, kind, on in row.joins:
            joined.append(Membership(person=person, org=org, kind=kind, valid_from=on))
    PartyProfile.objects.bulk_create(profiles, batch_size=CHUNK)
    Membership.objects.bulk_create(memberships + joined, batch_size=CHUNK)
    for profile, m in zip(profiles, memberships, strict=True):
        # transfer_in's "before" is the empty profile it has just made for the newcomer.
        blank = audit.snapshot(PartyProfile(id=profile.id, person_id=profile.person_id))
        entries.append(
            _entry(
                actor,
                "party.transfer_in",
                profile,
                blank,
                f"Chuyển sinh hoạt đến {m.org}",
                m.person,
                m.org,
            )
        )
    for m in joined:
        entries.append(
            _entry(actor, "membership.join", m, None, f"Tham gia {m.org}", m.person, m.org)
        )
    audit.record_many(entries, batch_size=CHUNK)
    return people


def _check_new(row):
    """The checks of create_person, transfer_in and join for a person not yet on record."""
    fields = dict(row.fields)
    cccd = fields.pop("cccd", None)
    if cccd and not actions.CCCD_RE.match(cccd):
        raise ValidationError(f"Số CCCD “{cccd}” phải gồm đúng 12 chữ số.")
    # Uniqueness of the CCCD is checked for all rows at once by the caller.
    data = actions.clean_person_fields({**fields, "cccd": None})
    data["cccd"] = cccd or None
    t = row.transfer
    if t:
        actions._check_org(t["cell"], Membership.Kind.PARTY, t["on"])
        if t["admitted_on"] > t["on"]:
            raise ValidationError("Ngày vào Đảng phải trước ngày chuyển đến.")
        birth = data.get("birth_date")
        if birth and t["admitted_on"] <= birth:
            raise ValidationError("Ngày vào Đảng phải sau ngày sinh.")
        if t["official_on"]:
            actions.check_recognition(t["admitted_on"], t["official_on"])
    for org, kind, on in row.joins:
        actions._check_org(org, kind, on)
        actions._check_not_future(on, "Ngày tham gia")
    return data


def _entry(actor, action, obj, before, summary, person=None, org=None):
    return audit.entry(actor, action, obj, before, summary=summary, person=person, org=org)


@transaction.atomic
def set_card_number(actor, person, card_number):
    """Record a member's party card number (the actions set it only on admission or transfer)."""
    profile = PartyProfile.objects.get(person=person)
    card_number = (card_number or "").strip()
    if len(card_number) > PartyProfile._meta.get_field("card_number").max_length:
        raise ValidationError("Số thẻ đảng viên quá dài.")
    before = audit.snapshot(profile)
    profile.card_number = card_number
    profile.save()
    audit.record(
        actor,
        "party.card",
        profile,
        before,
        summary=f"Số thẻ đảng viên {card_number}",
        person=person,
    )
    return profile


# The template ------------------------------------------------------------------------------

HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="F1EFEC")


def write_template(*, cells=(), today=None) -> bytes:
    """An empty import file: the header row, and a guide sheet explaining every column."""
    today = today or dt.date.today()
    probation = rule_in_force("membership", today)["probation_months"]
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = LIST_SHEET
    for index, column in enumerate(COLUMNS, start=1):
        cell = sheet.cell(row=1, column=index, value=column.header)
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = column.width
        if column.as_text:
            sheet.column_dimensions[letter].number_format = "@"
        elif CONVERTERS[column.key] is _to_date:
            sheet.column_dimensions[letter].number_format = DATE_FORMAT
    sheet.freeze_panes = "A2"
    gender = get_column_letter(COLUMNS.index(COLUMN["gender"]) + 1)
    choice = DataValidation(type="list", formula1='"Nam,Nữ"', allow_blank=True)
    choice.add(f"{gender}2:{gender}{MAX_ROWS + 1}")
    sheet.add_data_validation(choice)
    _write_guide(workbook.create_sheet(GUIDE_SHEET), probation, cells)
    defuse_workbook(workbook)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _write_guide(sheet, probation, cells):
    intro = [
        "Nhập hồ sơ cá nhân và sinh hoạt đảng, đoàn thể từ Excel",
        f"Ghi mỗi người một dòng ở trang “{LIST_SHEET}”, dưới dòng tiêu đề; giữ nguyên tên các cột "
        "(thứ tự cột và chữ hoa, chữ thường không quan trọng; cột thừa được bỏ qua).",
        "Ngày ghi dạng ngày/tháng/năm (29/06/2017) hoặc dùng ô kiểu ngày của Excel; không ghi ngày "
        "sau hôm nay.",
        "Khi nhập, chương trình cho xem trước từng dòng (mới, cập nhật, không đổi) và mọi lỗi; chỉ "
        "khi không còn lỗi mới ghi được, và ghi tất cả cùng lúc hoặc không ghi gì.",
        "Người đã có hồ sơ (cùng số CCCD) được cập nhật: ô để trống thì giữ nguyên hồ sơ; người đang "
        "sinh hoạt ở một chi bộ thì giữ nguyên chi bộ đó.",
        f"Tối đa {money(MAX_ROWS)} dòng và {size_text(settings.DANGVU_MAX_UPLOAD_BYTES)} một tệp.",
    ]
    for text in intro:
        sheet.append([text])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append([])
    sheet.append(["Cột", "Phải ghi", "Cách ghi", "Ví dụ"])
    header_row = sheet.max_row
    for cell in sheet[header_row]:
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
    for column in COLUMNS:
        sheet.append(
            [
                column.header,
                column.need,
                column.help.format(probation=probation),
                column.example,
            ]
        )
    if cells:
        sheet.append([])
        sheet.append(["Các chi bộ (ghi đúng tên ở cột “Chi bộ”):"])
        sheet.cell(row=sheet.max_row, column=1).font = HEADER_FONT
        for cell in cells:
            sheet.append([cell.name, "", f"mã: {cell.slug}"])
    for letter, width in zip("ABCD", (20, 16, 90, 22), strict=True):
        sheet.column_dimensions[letter].width = width
    for row in sheet.iter_rows(min_row=header_row + 1):
        row[2].alignment = Alignment(wrap_text=True, vertical="top")


# Export ---------------------------------------------------------------------------------------

EXPORT_COLUMNS = [
    ("Họ và tên", 26),
    ("Ngày sinh", 12),
    ("Giới tính", 9),
    ("Dân tộc", 10),
    ("Số CCCD", 15),
    ("Điện thoại", 13),
    ("Thư điện tử", 22),
    ("Nơi cư trú", 26),
    ("Chi bộ", 14),
    ("Ngày vào chi bộ", 12),
    ("Ngày vào Đảng", 12),
    ("Ngày chính thức", 12),
    ("Số thẻ đảng viên", 13),
    ("Cơ quan/đơn vị", 30),
    ("Chức vụ", 20),
    ("Công đoàn", 12),
    ("Đoàn TN", 12),
    ("CCB", 12),
]


def export_people(people, day) -> bytes:
    """The people of `people` (an already scoped queryset) with their memberships on `day`.

    Three queries whatever the number of people (people with their party profile, memberships,
    staff records); the workbook is written in write-only mode, row by row.
    """
    ids = people.values("id")
    party, mass = {}, defaultdict(dict)
    memberships = Membership.objects.filter(active_on(day), person_id__in=ids).values_list(
        "person_id", "kind", "org__name", "valid_from"
    )
    for person_id, kind, org_name, since in memberships.order_by("valid_from"):
        if kind == Membership.Kind.PARTY:
            party[person_id] = (org_name, since)
        else:
            mass[person_id][kind] = since
    staff = defaultdict(list)
    records = StaffRecord.objects.filter(active_on(day), person_id__in=ids).values_list(
        "person_id", "agency__name", "unit__name", "position"
    )
    positions = dict(StaffRecord.Position.choices)
    for person_id, agency, unit, position in records.order_by("valid_from", "id"):
        staff[person_id].append((unit or agency, positions.get(position, position)))
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet(LIST_SHEET)
    for index, (_, width) in enumerate(EXPORT_COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    sheet.append([_header_cell(sheet, title) for title, _ in EXPORT_COLUMNS])
    for p in people.select_related("party"):
        profile = getattr(p, "party", None)
        cell, since = party.get(p.id, ("", None))
        jobs = staff.get(p.id, [])
        sheet.append(
            safe_row(
                [
                    p.full_name,
                    _date_cell(sheet, p.birth_date),
                    p.get_gender_display(),
                    p.ethnicity,
                    p.cccd or "",
                    p.phone,
                    p.email,
                    p.address,
                    cell,
                    _date_cell(sheet, since),
                    _date_cell(sheet, profile.admitted_on if profile and cell else None),
                    _date_cell(sheet, profile.official_on if profile and cell else None),
                    profile.card_number if profile and cell else "",
                    "; ".join(unit for unit, _ in jobs),
                    "; ".join(position for _, position in jobs),
                    *[_date_cell(sheet, mass[p.id].get(kind)) for kind in MASS_KINDS],
                ]
            )
        )
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _header_cell(sheet, title):
    cell = WriteOnlyCell(sheet, value=title)
    cell.font, cell.fill = HEADER_FONT, HEADER_FILL
    return cell


def _date_cell(sheet, day):
    if day is None:
        return None
    cell = WriteOnlyCell(sheet, value=day)
    cell.number_format = DATE_FORMAT
    return cell
