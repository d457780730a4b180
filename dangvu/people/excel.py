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
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

import openpyxl
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from openpyxl.cell import WriteOnlyCell
from openpyxl.utils import get_column_letter

from dangvu.core import audit
from dangvu.core import imports as kit
from dangvu.core.imports import (
    DATE_FORMAT,
    HEADER_FILL,
    HEADER_FONT,
    LIST_SHEET,
    NOT_XLSX,
    OLD_XLS,
    XLSX_CONTENT_TYPE,
    Column,
    ImportFailed,
    check_size,
    size_text,
    too_big_message,
)
from dangvu.lib.dates import add_months, vn_date
from dangvu.lib.rules import rule_in_force
from dangvu.lib.spreadsheet import restore_text, safe_row
from dangvu.lib.text import ascii_digits, fold, money
from dangvu.orgs import kinds
from dangvu.orgs.models import Organization, active_on
from dangvu.orgs.tree import subtree_ids

from . import actions
from .models import MEMBERSHIP_ORG_KIND, Membership, PartyProfile, Person, StaffRecord

# What the views, commands and the kit's callers use; the file checks come from the kit.
__all__ = [
    "DATE_FORMAT",
    "LIST_SHEET",
    "NOT_XLSX",
    "OLD_XLS",
    "XLSX_CONTENT_TYPE",
    "ImportFailed",
    "check_size",
    "commit",
    "export_people",
    "prepare",
    "size_text",
    "too_big_message",
    "write_template",
]

# One import is one office's list, not a national database: larger files are split by the user.
MAX_ROWS = 20_000
IMPORT_ORG_KINDS = (Organization.Kind.PARTY_COMMITTEE, Organization.Kind.PARTY_CELL)
K_MASS = Organization.Kind.MASS
MASS_KINDS = (
    Membership.Kind.TRADE_UNION,
    Membership.Kind.YOUTH_UNION,
    Membership.Kind.VETERANS,
)

# The preview lists every error but only so many rows; the counts cover all of them.
PREVIEW_ROWS = 1000
# The steps a background job's status page shows while a large file is previewed.
READING, CHECKING = "Đọc tệp", "Kiểm tra từng dòng"
Progress = Callable[[int, int, str], None]

NEW, UPDATE, UNCHANGED, ERROR = "new", "update", "unchanged", "error"
STATUS_LABELS = {NEW: "Mới", UPDATE: "Cập nhật", UNCHANGED: "Không đổi", ERROR: "Lỗi"}

# Columns ------------------------------------------------------------------------------------


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
    # The export writes it so that a person recorded without a CCCD reads back as themselves.
    Column(
        "record",
        "Mã hồ sơ",
        False,
        "Không",
        "Số hồ sơ của người đó trong chương trình (số trong địa chỉ trang của người đó), do tệp "
        "xuất danh sách ghi sẵn: dòng không có số CCCD được đối chiếu với hồ sơ này. Để trống "
        "với người mới.",
        "",
        ("số hồ sơ",),
        10,
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
    Column(
        "religion",
        "Tôn giáo",
        False,
        "Không",
        "Tên tôn giáo (Phật giáo, Công giáo, Cao Đài …); để trống hoặc “Không” nếu không theo "
        "tôn giáo.",
        "Không",
        (),
        14,
    ),
    Column(
        "occupation",
        "Nghề nghiệp",
        False,
        "Không",
        "Theo các nhóm của biểu thống kê: {occupations}.",
        "Viên chức trong các đơn vị sự nghiệp công lập",
        ("nghề nghiệp hiện nay",),
        24,
    ),
    Column(
        "general_education",
        "Giáo dục phổ thông",
        False,
        "Không",
        "Tiểu học, Trung học cơ sở, Trung học phổ thông (hoặc 5/12, 9/12, 12/12), hoặc “Biết đọc, "
        "biết viết chữ quốc ngữ”.",
        "12/12",
        ("trình độ giáo dục phổ thông", "trình độ văn hóa", "văn hóa"),
        14,
    ),
    Column(
        "academic_title",
        "Chức danh khoa học",
        False,
        "Không",
        "“Giáo sư” hoặc “Phó Giáo sư”; để trống nếu không có.",
        "",
        ("học hàm",),
        14,
    ),
    Column(
        "job_title",
        "Chức vụ chính quyền, chuyên môn",
        False,
        "Không",
        "Chức vụ như văn bản ghi, gõ tự do (Chủ tịch Ủy ban nhân dân, Trưởng ấp, Hiệu trưởng, "
        "Giáo viên, Quản đốc …).",
        "Giáo viên",
        ("chức vụ chính quyền", "chức vụ chuyên môn", "chức vụ chính quyền, đoàn thể"),
        24,
    ),
    # The particulars of the Party file the basic statistical forms count (people 0016).
    Column(
        "private_business_owner",
        "Chủ doanh nghiệp tư nhân",
        False,
        "Không",
        "“x” nếu đảng viên (đối tượng kết nạp) là chủ doanh nghiệp tư nhân: sở hữu toàn bộ hoặc "
        "phần vốn chi phối và giữ chức giám đốc, chủ tịch hội đồng quản trị. {flag}",
        "",
        (
            "là chủ doanh nghiệp tư nhân",
            "đảng viên là chủ doanh nghiệp tư nhân",
            "chủ doanh nghiệp",
        ),
        14,
    ),
    Column(
        "foreign_marriage",
        "Hôn nhân với người nước ngoài",
        False,
        "Không",
        "“x” nếu có vợ hoặc chồng là người nước ngoài. {flag}",
        "",
        (
            "có quan hệ hôn nhân với người nước ngoài",
            "quan hệ hôn nhân với người nước ngoài",
            "vợ, chồng là người nước ngoài",
            "vợ chồng là người nước ngoài",
            "kết hôn với người nước ngoài",
        ),
        14,
    ),
    Column(
        "population_policy_breach",
        "Vi phạm chính sách dân số",
        False,
        "Không",
        "“x” nếu đã vi phạm chính sách dân số, kế hoạch hóa gia đình trước khi vào Đảng. {flag}",
        "",
        (
            "đã vi phạm chính sách dân số",
            "vi phạm chính sách dân số, kế hoạch hóa gia đình",
            "vi phạm chính sách dân số kế hoạch hóa gia đình",
            "đã vi phạm chính sách dân số, kế hoạch hóa gia đình",
        ),
        14,
    ),
]


def _mass_kind_column(kind):
    """The column of a mass organization of kind `mass` (Hội Nông dân …), headed by the name its
    data file gives it: adding a kind's file adds its column."""
    return Column(
        f"mass.{kind.code}",
        kind.label,
        False,
        "Không",
        f"Ngày vào {kind.label}, hoặc “x” (như cột Công đoàn). Để trống nếu không phải "
        f"{kind.member}.",
        "",
        (f"{kind.member} {kind.label}",),
        14,
    )


MASS_KIND_COLUMNS = [_mass_kind_column(k) for k in kinds.recorded_mass_kinds()]
COLUMNS += MASS_KIND_COLUMNS
COLUMN = {c.key: c for c in COLUMNS}
# The fields of a person a row sets; the CCCD is the key a row is matched by, checked apart.
PERSON_COLUMNS = tuple(f for f in actions.PERSON_FIELDS if f != "cccd")
# The profile fields that are a choice among the statistical forms' categories.
CHOICE_COLUMNS = {
    "occupation": Person.Occupation,
    "general_education": Person.GeneralEducation,
    "academic_title": Person.AcademicTitle,
}
MASS_COLUMN = {
    Membership.Kind.TRADE_UNION: "trade_union",
    Membership.Kind.YOUTH_UNION: "youth_union",
    Membership.Kind.VETERANS: "veterans",
}
# Every mass-organization column: (column key, membership kind, the organization's mass_kind).
MASS_TARGETS = [(MASS_COLUMN[k], k, "") for k in MASS_KINDS] + [
    (c.key, Membership.Kind.MASS, c.key.removeprefix("mass.")) for c in MASS_KIND_COLUMNS
]


def _to_cccd(value, today):
    number = kit.whole_number(value)
    if number is not None:
        text = str(number)
        # A CCCD typed into a number cell loses its leading zeros (all province codes start with 0).
        if 10 <= len(text) <= 11:
            text = text.zfill(12)
    else:
        # Digits of another script are the same number, matched and stored in ASCII.
        text = ascii_digits(kit.text(value).replace(" ", ""))
    if text and not actions.CCCD_RE.match(text):
        raise kit.CellError(f"{kit.quote(text)} phải gồm đúng 12 chữ số.")
    return text


# The largest record number a database keeps (a 64-bit key on SQLite and PostgreSQL alike).
MAX_RECORD = 2**63 - 1


def _to_record(value, today):
    number = kit.whole_number(value)
    text = kit.text(value)
    if number is None and text.isascii() and text.isdigit():
        number = int(text)
    if number is not None and not 0 < number <= MAX_RECORD:
        number = None  # no such record: refused below like any other text
    if number is None and text:
        raise kit.CellError(
            f"{kit.quote(text)} không phải là mã hồ sơ (một số, do tệp xuất danh sách ghi sẵn); "
            "để trống với người mới."
        )
    return number


def _to_phone(value, today):
    number = kit.whole_number(value)
    if number is not None and 9 <= len(str(number)) <= 10:
        # A phone number typed into a number cell loses its leading zero.
        value = f"0{number}"
    return kit.to_text(20)(value, today)


def _to_email(value, today):
    text = kit.to_text(254)(value, today)
    if text:
        try:
            validate_email(text)
        except ValidationError:
            raise kit.CellError(
                f"{kit.quote(text)} không phải là địa chỉ thư điện tử hợp lệ."
            ) from None
    return text


YES = {"x", "co", "v", "1", "yes", "true", "✓", "✔"}
NO = {"", "khong", "0", "no", "false", "-"}


def _to_mark(value, today):
    """A mass-organization cell: a date (member since), "x" (member, date unknown) or empty."""
    if isinstance(value, bool):
        return today if value else None
    if isinstance(value, dt.date):
        return kit.to_date(value, today)
    folded = fold(kit.text(value))
    if folded in NO:
        return None
    if folded in YES:
        return today
    try:
        return kit.to_date(kit.text(value), today)
    except kit.CellError:
        raise kit.CellError(
            f"{kit.quote(kit.text(value))} không hợp lệ; ghi ngày vào (ví dụ 26/03/2008), "
            "“x” nếu không rõ ngày, hoặc để trống."
        ) from None


FLAG_YES = {"x", "co", "1"}
FLAG_HELP = (
    "Để trống nếu không (hồ sơ đã có thì giữ nguyên); chỉ ghi cho người có hồ sơ đảng viên hoặc "
    "đối tượng kết nạp (ghi cùng dòng với ngày vào Đảng, chi bộ)."
)


def _to_flag(value, today):
    """A particular of the Party file: "x", "có" or 1 marks it, an empty cell says nothing (the
    record keeps what it holds); anything else is refused, since a guess would put a member in
    the statistical forms' rows by mistake."""
    if isinstance(value, bool):  # a TRUE/FALSE cell of the spreadsheet itself
        return True if value else None
    text = kit.text(value)
    if not text:
        return None
    if fold(text) in FLAG_YES:
        return True
    raise kit.CellError(
        f"{kit.quote(text)} không hợp lệ; ghi “x” (hoặc “có”, 1) nếu đúng, để trống nếu không."
    )


NOT_IN_LIST = "{text} không phải là {what} trong danh mục của biểu."


def _to_choice(choices, aliases=None, what="", refusal=NOT_IN_LIST):
    """A cell naming one of `choices` by its label or code (without case or diacritics), or an
    alias; empty gives ""; anything else is refused with `refusal`."""
    known = {fold(label): code for code, label in choices.choices}
    known |= {fold(code): code for code in choices.values}
    known |= {fold(alias): code for alias, code in (aliases or {}).items()}

    def convert(value, today):
        text = kit.text(value)
        if not text:
            return ""
        code = known.get(fold(text))
        if code is None:
            raise kit.CellError(refusal.format(text=kit.quote(text), what=what))
        return code

    return convert


def _to_religion(value, today):
    text = kit.to_text(Person._meta.get_field("religion").max_length)(value, today) or ""
    return "" if fold(text) in NO | {"khong theo ton giao", "khong co"} else text


OCCUPATION_ALIASES = {
    "Công chức": Person.Occupation.STATE_OFFICIAL,
    "Viên chức": Person.Occupation.PUBLIC_EMPLOYEE,
    "Nông dân": Person.Occupation.FARMER,
    "Công nhân": Person.Occupation.BUSINESS_WORKER,
    "Quân đội": Person.Occupation.ARMED_FORCES,
    "Công an": Person.Occupation.ARMED_FORCES,
    "Hưu trí": Person.Occupation.RETIRED,
    "Nghỉ hưu": Person.Occupation.RETIRED,
    "Khác": Person.Occupation.OTHER,
}
EDUCATION_ALIASES = {
    "5/12": Person.GeneralEducation.PRIMARY,
    "9/12": Person.GeneralEducation.LOWER_SECONDARY,
    "12/12": Person.GeneralEducation.UPPER_SECONDARY,
    "10/10": Person.GeneralEducation.UPPER_SECONDARY,
    "THPT": Person.GeneralEducation.UPPER_SECONDARY,
    "THCS": Person.GeneralEducation.LOWER_SECONDARY,
}

CONVERTERS = {
    "full_name": kit.to_text(Person._meta.get_field("full_name").max_length),
    "birth_date": kit.to_date,
    "gender": _to_choice(Person.Gender, refusal="{text} không hợp lệ; ghi “Nam” hoặc “Nữ”."),
    "ethnicity": kit.to_text(Person._meta.get_field("ethnicity").max_length),
    "cccd": _to_cccd,
    "record": _to_record,
    "phone": _to_phone,
    "email": _to_email,
    "address": kit.to_text(Person._meta.get_field("address").max_length),
    "religion": _to_religion,
    "job_title": kit.to_text(Person._meta.get_field("job_title").max_length),
    "occupation": _to_choice(Person.Occupation, OCCUPATION_ALIASES, "nghề nghiệp"),
    "general_education": _to_choice(
        Person.GeneralEducation, EDUCATION_ALIASES, "trình độ giáo dục phổ thông"
    ),
    "academic_title": _to_choice(Person.AcademicTitle, what="chức danh khoa học"),
    "cell": kit.to_text(255),
    "admitted_on": kit.to_date,
    "official_on": kit.to_date,
    "card_number": kit.to_text(PartyProfile._meta.get_field("card_number").max_length),
    "cell_since": kit.to_date,
    "trade_union": _to_mark,
    "youth_union": _to_mark,
    "veterans": _to_mark,
    **{key: _to_flag for key in PartyProfile.PARTICULARS},
    **{c.key: _to_mark for c in MASS_KIND_COLUMNS},
}


def read_sheet(data: bytes, progress: kit.RowsRead | None = None) -> kit.Sheet:
    """The list sheet of a people file: its header row and its non-empty rows."""
    return kit.read_sheet(data, COLUMNS, anchor="full_name", max_rows=MAX_ROWS, progress=progress)


def _message(number, key, text):
    return kit.row_message(number, COLUMN[key].header if key else None, text)


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
    particulars: dict | None = None  # the arguments of set_party_particulars

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
            or self.particulars
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
        self.mass_kind_orgs = defaultdict(list)
        for o in orgs:
            if o.kind == K_MASS:
                self.mass_kind_orgs[o.mass_kind].append(o)
        self.people, self.writable, self.memberships, self.known = {}, set(), {}, set()
        self.records = {}  # {record number: person}, whether found by CCCD or by number
        self._party_start = actions.party_start_checker()

    def closed_fee_year(self, cell, since):
        """The refusal of `transfer_in` when joining `cell` from `since` would change a closed
        fee year's book, or ""."""
        try:
            self._party_start(cell, since, f"chuyển sinh hoạt đến {cell}")
        except ValidationError as e:
            return e.messages[0]
        return ""

    def load_people(self, cccds, numbers, names):
        """People already recorded with these CCCDs or record numbers, and (name, birth date)
        pairs in scope."""
        for chunk in _chunks(sorted(cccds)):
            for p in Person.objects.filter(cccd__in=chunk).select_related("party"):
                self.people[p.cccd] = self.records.setdefault(p.id, p)
        for chunk in _chunks(sorted(set(numbers) - set(self.records))):
            for p in Person.objects.filter(id__in=chunk).select_related("party"):
                self.records[p.id] = p
        ids = list(self.records)
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
        """The party cell named `text` (or with that slug) in the subtree, or a kit.CellError."""
        if text in self.cells_by_slug:
            return self.cells_by_slug[text]
        found = self.cells_by_name.get(fold(text), [])
        if len(found) > 1:
            active = [c for c in found if c.is_active_on(on or self.today)]
            found = active if len(active) == 1 else found
        if not found:
            raise kit.CellError(f"không có chi bộ {kit.quote(text)} trong {self.org}.")
        if len(found) > 1:
            raise kit.CellError(f"có nhiều chi bộ tên {kit.quote(text)}; hãy ghi mã của chi bộ.")
        return found[0]

    def mass_org(self, kind, on, mass_kind=""):
        """The one organization of `kind` (of kind `mass`: of `mass_kind`) in the subtree a
        member since `on` belongs to: people joined the trade union or the youth union long
        before this one was founded."""
        orgs = self.mass_kind_orgs[mass_kind] if mass_kind else self.mass_orgs[kind]
        found = [o for o in orgs if o.is_active_on(max(on, o.valid_from))]
        label = kinds.mass_kinds()[mass_kind].label if mass_kind else Membership.Kind(kind).label
        if not found:
            raise kit.CellError(f"không có tổ chức {label} nào trong {self.org}.")
        if len(found) > 1:
            names = ", ".join(o.name for o in found)
            raise kit.CellError(
                f"{self.org} có nhiều tổ chức {label} ({names}); hãy nhập riêng vào từng chi bộ."
            )
        return found[0]


def _chunks(items):
    items = list(items)
    for i in range(0, len(items), actions.CHUNK):
        yield items[i : i + actions.CHUNK]


def prepare(data: bytes, org, scope, *, today=None, progress: Progress | None = None) -> Plan:
    """Read and check the whole file; say what importing it into `org` would change.

    Writes nothing. File-level problems raise ImportFailed; row problems are in `plan.errors`.
    `progress(done, total, step)` is told how far reading and checking got (a background job's
    status page shows it).
    """
    progress = progress or _no_progress
    today = today or dt.date.today()
    if org.kind not in IMPORT_ORG_KINDS:
        raise ImportFailed(
            [f"Chỉ nhập hồ sơ vào một đảng bộ cơ sở hoặc một chi bộ; “{org}” thì không."]
        )
    if not scope.can_write_org(org):
        raise ImportFailed([f"Bạn không có quyền nhập hồ sơ vào “{org}”."])
    total = kit.count_rows(data)
    sheet = read_sheet(data, lambda done: progress(done, total, READING))
    progress(0, len(sheet.rows), CHECKING)
    lookups = _Lookups(org, scope, today)
    parsed = [_convert(number, raw, today) for number, raw in sheet.rows]
    cccds = {values["cccd"] for _, values in parsed if values.get("cccd")}
    numbers = {values["record"] for _, values in parsed if values.get("record")}
    names = {fold(values["full_name"]) for _, values in parsed if values.get("full_name")}
    lookups.load_people(cccds, numbers, names)
    rows, first_cccd, first_name, first_number = [], {}, {}, {}
    for index, (row, values) in enumerate(parsed):
        if index % kit.PROGRESS_EVERY == 0:
            progress(index, len(parsed), CHECKING)
        _check_duplicates(row, values, first_cccd, first_name, first_number)
        _plan_row(row, values, lookups)
        if row.errors:
            row.status = ERROR
        rows.append(row)
    return Plan(org, rows, sheet.header_row, sheet.ignored)


def _no_progress(done, total, step):
    pass


def preview_of(plan: Plan, filename: str) -> dict:
    """What the preview page shows of a plan, as plain data: a background job keeps it as JSON
    and the page of a small file shows the same from the plan at once."""
    return {
        "filename": filename,
        "org_name": plan.org.name,
        "summary": plan.summary(),
        "ignored_columns": plan.ignored_columns,
        "errors": plan.errors,
        "warnings": plan.warnings,
        "has_changes": plan.has_changes,
        "rows": [
            {
                "number": row.number,
                "name": row.name,
                "status": row.status,
                "status_label": row.status_label,
                "errors": row.errors,
                "changes": row.changes,
                "warnings": row.warnings,
            }
            for row in plan.rows[:PREVIEW_ROWS]
        ],
        "hidden_rows": max(0, len(plan.rows) - PREVIEW_ROWS),
    }


def _convert(number, raw, today):
    """(RowPlan, values): each cell converted, errors noted on the row."""
    row = RowPlan(number, kit.text(raw.get("full_name"))[:120])
    values = {}
    for key, value in raw.items():
        try:
            # A text the export escaped so that no spreadsheet runs it reads back as written.
            values[key] = CONVERTERS[key](restore_text(value), today)
        except kit.CellError as e:
            row.error(key, str(e))
            values[key] = None
    if not values.get("full_name") and "full_name" not in row.bad:
        row.error("full_name", "không được để trống.")
    return row, values


def _check_duplicates(row, values, first_cccd, first_name, first_number):
    number = values.get("record")
    if number:
        if number in first_number:
            row.error("record", f"mã {number} trùng với dòng {first_number[number]}.")
        else:
            first_number[number] = row.number
    cccd = values.get("cccd")
    if cccd:
        if cccd in first_cccd:
            row.error("cccd", f"số {cccd} trùng với dòng {first_cccd[cccd]}.")
        else:
            first_cccd[cccd] = row.number
    elif values.get("full_name") and not number:
        key = (fold(values["full_name"]), values.get("birth_date"))
        if key in first_name:
            row.warnings.append(
                f"trùng họ tên và ngày sinh với dòng {first_name[key]}, không có số CCCD: "
                "sẽ tạo hai hồ sơ."
            )
        else:
            first_name[key] = row.number


def _plan_row(row, values, lookups):
    known = len(row.errors)
    person = _matched(row, values, lookups)
    if len(row.errors) > known:
        return
    row.person = person
    row.status = UPDATE if person else NEW
    _plan_person(row, values, lookups)
    memberships = lookups.memberships.get(person.id, []) if person else []
    birth = values.get("birth_date") or (person.birth_date if person else None)
    _plan_party(row, values, lookups, memberships, birth)
    _plan_mass(row, values, lookups, memberships, birth)
    _plan_particulars(row, values)
    if not row.writes:
        row.status = UNCHANGED


def _matched(row, values, lookups):
    """The person on record a row is about, by CCCD, else by the record number the export
    writes; None for a new person. A number only matches a person of the same name: a file of
    another installation must not overwrite whoever has that number here."""
    cccd, number = values.get("cccd"), values.get("record")
    by_cccd = lookups.people.get(cccd) if cccd else None
    if by_cccd is not None and by_cccd.id not in lookups.writable:
        # Say no more than that: the person is outside the user's scope.
        row.error(
            "cccd",
            "số CCCD này thuộc một hồ sơ ngoài phạm vi bạn được sửa; không thể nhập dòng này.",
        )
        return None
    if not number:
        return by_cccd
    person = lookups.records.get(number)
    if person is None or person.id not in lookups.writable:
        row.error("record", f"không có hồ sơ số {number} trong phạm vi bạn được sửa.")
        return None
    if by_cccd is not None and by_cccd.id != person.id:
        row.error(
            "record",
            f"hồ sơ số {number} và số CCCD {cccd} là hai hồ sơ khác nhau; xóa mã hồ sơ nếu "
            "tệp lấy từ nơi khác.",
        )
    elif by_cccd is None and cccd and person.cccd:
        row.error(
            "cccd",
            f"hồ sơ số {number} mang số CCCD {person.cccd}; sửa số CCCD ở trang của người đó.",
        )
    elif (
        by_cccd is None
        and values.get("full_name")
        and (fold(values["full_name"]) != person.search_name)
    ):
        row.error(
            "record",
            f"hồ sơ số {number} là của {person.full_name}; sửa họ tên ở trang của người đó, "
            "hoặc xóa mã hồ sơ nếu đây là người khác.",
        )
    return person


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
    # The CCCD too: a person matched by record number may have none yet.
    for key in actions.PERSON_FIELDS:
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
    if key in CHOICE_COLUMNS:
        return CHOICE_COLUMNS[key](value).label
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
        except kit.CellError as e:
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
    since = values.get("cell_since")
    if current.org_id != cell.id:
        row.warnings.append(
            f"đang sinh hoạt tại {current.org}; giữ nguyên (việc nhập không chuyển chi bộ)."
        )
    elif since and since != current.valid_from:
        row.warnings.append(
            f"sinh hoạt tại {current.org} từ {vn_date(current.valid_from)}, trong tệp là "
            f"{vn_date(since)}; giữ nguyên hồ sơ."
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


def _plan_particulars(row, values):
    """The particulars marked on the row added to those of the Party file (an empty cell keeps
    what the file holds): only a person with a Party file, or arriving with one, has them."""
    marked = [key for key in PartyProfile.PARTICULARS if values.get(key)]
    if not marked or row.errors:
        return
    profile = getattr(row.person, "party", None) if row.person else None
    if profile is None and row.transfer is None:
        row.error(
            marked[0],
            "chỉ ghi cho đảng viên hoặc đối tượng kết nạp; dòng này không có ngày vào Đảng, "
            "chi bộ và người này chưa có hồ sơ đảng viên.",
        )
        return
    held = {key: bool(profile and getattr(profile, key)) for key in PartyProfile.PARTICULARS}
    added = {key: True for key in marked if not held[key]}
    if not added:
        return
    row.particulars = held | added
    labels = PartyProfile.particular_labels({key: key in added for key in held})
    row.changes.append(f"Đặc điểm hồ sơ đảng viên: {'; '.join(labels)}")


def _plan_mass(row, values, lookups, memberships, birth):
    for key, kind, mass_kind in MASS_TARGETS:
        on = values.get(key)
        if on is None:
            continue
        mine = [
            m
            for m in memberships
            if m.kind == kind and (not mass_kind or m.org.mass_kind == mass_kind)
        ]
        current = next((m for m in mine if m.valid_to is None), None)
        if current is not None:
            # Already a member: nothing to add. A date joined that differs is history the
            # person's page corrects; "x" reads as today and says nothing of it.
            if on not in (current.valid_from, lookups.today):
                row.warnings.append(
                    f"là thành viên {current.org} từ {vn_date(current.valid_from)}, trong tệp "
                    f"là {vn_date(on)}; giữ nguyên hồ sơ."
                )
            continue
        if any(_holds(m, on) for m in mine):
            continue  # a member on that day: nothing to add
        try:
            org = lookups.mass_org(kind, on, mass_kind)
        except kit.CellError as e:
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
    """Carry the plan out through the named actions, all in one transaction or nothing at all:
    new people together (`create_people`), people already on record one by one."""
    return kit.commit_all(plan.errors, lambda: _commit(plan, actor))


def _commit(plan, actor):
    errors = []
    new = [r for r in plan.rows if r.status == NEW]
    try:
        newcomers = [actions.Newcomer(r.fields, r.transfer, r.joins) for r in new]
        people = actions.create_people(actor, plan.org, newcomers)
    except ValidationError as e:
        for index, refusals in sorted(e.error_dict.items()):
            errors += [_message(new[int(index)].number, None, m) for m in ValidationError(refusals)]
    else:
        for row, person in zip(new, people, strict=True):
            errors += _set_particulars(row, person, actor)
    for row in plan.rows:
        if row.status != UPDATE:
            continue
        try:
            _apply_update(row, actor)
        except ValidationError as e:
            # The action wrote nothing (its savepoint is rolled back); go on to find the rest.
            errors += kit.refusals(row.number, e)
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
        actions.set_card_number(actor, person, row.card)
    for mass_org, kind, on in row.joins:
        actions.join(actor, person, mass_org, kind, on)
    if row.particulars:
        actions.set_party_particulars(actor, person, **row.particulars)
    return person


def _set_particulars(row, person, actor):
    """The particulars of a newcomer's Party file, once `create_people` has made it: the
    refusals of the action, by row."""
    if not row.particulars:
        return []
    try:
        actions.set_party_particulars(actor, person, **row.particulars)
    except ValidationError as e:
        return kit.refusals(row.number, e)
    return []


# The template ------------------------------------------------------------------------------


def write_template(*, cells=(), today=None) -> bytes:
    """An empty import file: the header row, and a guide sheet explaining every column."""
    today = today or dt.date.today()
    probation = rule_in_force("membership", today)["probation_months"]
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
    listing = None
    if cells:
        title = "Các chi bộ (ghi đúng tên ở cột “Chi bộ”):"
        listing = (title, [[cell.name, "", f"mã: {cell.slug}"] for cell in cells])
    return kit.write_template(
        COLUMNS,
        intro=intro,
        help_of=lambda column: column.help.format(
            probation=probation,
            occupations="; ".join(label for _c, label in Person.Occupation.choices),
            flag=FLAG_HELP,
        ),
        dates=[key for key, convert in CONVERTERS.items() if convert is kit.to_date],
        choices={
            "gender": ["Nam", "Nữ"],
            # Data validation lists are comma-separated: only labels without a comma.
            "general_education": ["Tiểu học", "Trung học cơ sở", "Trung học phổ thông"],
            "academic_title": ["Phó Giáo sư", "Giáo sư"],
        },
        max_rows=MAX_ROWS,
        listing=listing,
    )


# Export ---------------------------------------------------------------------------------------

# What the sheet cannot hold: a person's periods of work (agency, unit, position, each dated) are
# kept on the person's page. The export shows today's as a reading aid; the import ignores them.
STAFF_COLUMNS = [
    Column("staff_unit", "Cơ quan/đơn vị", False, "Chỉ để xem", "", "", (), 30),
    Column("staff_position", "Chức vụ", False, "Chỉ để xem", "", "", (), 20),
]


@dataclass
class _Exported:
    """One person as the export writes them: their record and what was true on the day."""

    person: Person
    profile: PartyProfile | None  # their Party file, when the user may read it
    cell: str  # the cell they belong to on the day, or ""
    since: dt.date | None
    mass: dict  # {import column key: date joined}
    jobs: list  # [(unit, position)]

    @property
    def member(self):
        """The Party file's dates and card, for a member of a cell on the day only: on a former
        member's row they would ask the import to receive them back."""
        return self.profile if self.cell else None


def _mark(flag):
    return "x" if flag else ""


def _member_field(name):
    return lambda e: getattr(e.member, name) if e.member else None


def _particular(name):
    return lambda e: _mark(e.profile and getattr(e.profile, name))


def _joined(key):
    return lambda e: e.mass.get(key)


# What the export writes in each column the import reads, in values the import takes back: the
# choices' labels, dates as date cells, "x" for a particular.
EXPORT_VALUES: dict[str, Callable[[_Exported], object]] = {
    "full_name": lambda e: e.person.full_name,
    "birth_date": lambda e: e.person.birth_date,
    "gender": lambda e: e.person.get_gender_display(),
    "ethnicity": lambda e: e.person.ethnicity,
    "cccd": lambda e: e.person.cccd or "",
    "record": lambda e: e.person.id,
    "phone": lambda e: e.person.phone,
    "email": lambda e: e.person.email,
    "address": lambda e: e.person.address,
    "cell": lambda e: e.cell,
    "admitted_on": _member_field("admitted_on"),
    "official_on": _member_field("official_on"),
    "card_number": lambda e: e.member.card_number if e.member else "",
    "cell_since": lambda e: e.since,
    "religion": lambda e: e.person.religion,
    "occupation": lambda e: e.person.get_occupation_display(),
    "general_education": lambda e: e.person.get_general_education_display(),
    "academic_title": lambda e: e.person.get_academic_title_display(),
    "job_title": lambda e: e.person.job_title,
    **{key: _particular(key) for key in PartyProfile.PARTICULARS},
    **{key: _joined(key) for key, _kind, _mass_kind in MASS_TARGETS},
    "staff_unit": lambda e: "; ".join(unit for unit, _ in e.jobs),
    "staff_position": lambda e: "; ".join(position for _, position in e.jobs),
}
# The export's columns: every column the import reads, under its header, then the staff columns.
EXPORT_COLUMNS = COLUMNS + STAFF_COLUMNS


def export_people(people, day, party_file=None) -> bytes:
    """The people of `people` (an already scoped queryset) with their memberships on `day`, in
    the columns of the import, so that the file reads back unchanged; their Party file (dates,
    card, particulars) only for the ids of `party_file` when given (a mass organization's
    executive reads its members, not their Party file).

    Three queries whatever the number of people (people with their party profile, memberships,
    staff records); the workbook is written in write-only mode, row by row.
    """
    ids = people.values("id")
    party, mass = {}, defaultdict(dict)
    memberships = Membership.objects.filter(active_on(day), person_id__in=ids).values_list(
        "person_id", "kind", "org__name", "org__mass_kind", "valid_from"
    )
    for person_id, kind, org_name, mass_kind, since in memberships.order_by("valid_from"):
        if kind == Membership.Kind.PARTY:
            party[person_id] = (org_name, since)
        elif kind == Membership.Kind.MASS:
            mass[person_id][f"mass.{mass_kind}"] = since
        elif kind in MASS_COLUMN:
            mass[person_id][MASS_COLUMN[kind]] = since
    staff = defaultdict(list)
    records = StaffRecord.objects.filter(active_on(day), person_id__in=ids).values_list(
        "person_id", "agency__name", "unit__name", "position"
    )
    positions = dict(StaffRecord.Position.choices)
    for person_id, agency, unit, position in records.order_by("valid_from", "id"):
        staff[person_id].append((unit or agency, positions.get(position, position)))
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet(LIST_SHEET)
    for index, column in enumerate(EXPORT_COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.freeze_panes = "A2"
    sheet.append([_header_cell(sheet, column.header) for column in EXPORT_COLUMNS])
    values = [EXPORT_VALUES[column.key] for column in EXPORT_COLUMNS]
    for p in people.select_related("party"):
        profile = getattr(p, "party", None)
        if party_file is not None and p.id not in party_file:
            profile = None
        cell, since = party.get(p.id, ("", None))
        exported = _Exported(p, profile, cell, since, mass[p.id], staff.get(p.id, []))
        row = [value(exported) for value in values]
        sheet.append(safe_row([_date_cell(sheet, v) if isinstance(v, dt.date) else v for v in row]))
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _header_cell(sheet, title):
    cell = WriteOnlyCell(sheet, value=title)
    cell.font, cell.fill = HEADER_FONT, HEADER_FILL
    return cell


def _date_cell(sheet, day):
    cell = WriteOnlyCell(sheet, value=day)
    cell.number_format = DATE_FORMAT
    return cell
