"""The Excel import kit every importer uses: the safe read of an .xlsx, the header mapping, the
cell converters, the all-or-nothing commit, the template, and their Vietnamese messages.

An import runs in two steps. The importer's `prepare` reads the file with `read_sheet`, converts
and checks every row, and works out what would change (a plan), writing nothing; its `commit`
carries the plan out through the named actions inside `commit_all`, so a single failure writes
nothing at all. Between the two the uploaded file waits, private, under MEDIA_ROOT/imports
(`keep`, `kept_path`, `discard`), named by a random token that only the uploader's session knows.
A file of more than DANGVU_JOB_MIN_ROWS rows (`is_large`, counted without parsing it) is read
and checked by a background job rather than in the web request.
"""

import datetime as dt
import io
import os
import re
import secrets
import time
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

import openpyxl
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from openpyxl.reader.excel import ExcelReader
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.datavalidation import DataValidation

from dangvu.lib.archive import ArchiveTooLarge, check_unpacked
from dangvu.lib.dates import parse_date, vn_date
from dangvu.lib.spreadsheet import SpreadsheetTooCostly, defuse_workbook, open_workbook
from dangvu.lib.text import decimal_vi, fold, money

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DATE_FORMAT = "DD/MM/YYYY"
LIST_SHEET = "Danh sách"
GUIDE_SHEET = "Hướng dẫn"
# The header row may sit under a title; it is looked for in the first rows only.
HEADER_SEARCH_ROWS = 20
MAX_COLUMNS = 60
# A zip that inflates far beyond the upload limit is refused before openpyxl parses it.
# The most an .xlsx may unpack to (see dangvu.lib.archive for the ratio to its size).
MAX_UNPACKED = 60 * 1024 * 1024
HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="F1EFEC")

NOT_XLSX = (
    "Tệp không phải là bảng tính Excel (.xlsx). Hãy mở tệp bằng Excel hoặc LibreOffice "
    "và lưu lại dạng “Excel Workbook (.xlsx)”."
)
OLD_XLS = (
    "Tệp là bảng tính Excel đời cũ (.xls) hoặc có đặt mật khẩu. Hãy mở tệp và lưu lại dạng "
    "“Excel Workbook (.xlsx)”, không đặt mật khẩu."
)
# How often (in rows) reading and checking a large file say how far they got.
PROGRESS_EVERY = 500
# A worksheet's rows in its XML, whatever the namespace prefix (<row …> or <x:row …>).
ROW_TAG = re.compile(rb"<(?:\w+:)?row[\s>/]")
# Uploads left behind by previews never committed are removed after a day.
STALE_SECONDS = 24 * 3600
TOKEN_RE = re.compile(r"^[A-Za-z0-9_-]{32,64}$")
CHANGED_MEANWHILE = "Hồ sơ vừa được thay đổi trong lúc ghi nên không ghi gì; hãy nhập lại tệp."

T = TypeVar("T")
# Told how many rows were read so far.
RowsRead = Callable[[int], None]


class ImportFailed(Exception):
    """The file cannot be imported; `errors` are Vietnamese messages, one per problem."""

    def __init__(self, errors: Iterable[str]) -> None:
        self.errors = list(errors)
        super().__init__("\n".join(self.errors))


class CellError(Exception):
    """A cell's value is unusable; the message says why, without the row and column."""


class Column(NamedTuple):
    """A column of an import file, as the template writes it and the reader finds it."""

    key: str
    header: str
    required: bool  # the header must be present in the file (the cells may still be empty)
    need: str  # when a cell must be filled, for the guide sheet
    help: str
    example: str
    aliases: tuple[str, ...] = ()
    width: int = 14
    as_text: bool = False  # formatted as text in the template, so Excel keeps leading zeros


def header_key(text: object) -> str:
    """A header as compared: no case, diacritics, notes in brackets, stars or extra spaces."""
    text = re.sub(r"\(.*?\)|\[.*?\]", " ", str(text if text is not None else ""))
    return fold(text.replace("*", " ")).strip(" :.")


def header_map(columns: Sequence[Column]) -> dict[str, str]:
    """{header as compared: column key}, aliases included."""
    return {header_key(c.header): c.key for c in columns} | {
        header_key(alias): c.key for c in columns for alias in c.aliases
    }


def row_message(number: int, header: str | None, text: str) -> str:
    """An error of row `number`, in column `header` when it is about one cell."""
    if header is None:
        return f"Dòng {number}: {text}"
    return f"Dòng {number}, cột “{header}”: {text}"


# Reading the file ----------------------------------------------------------------------------


def size_text(n: int) -> str:
    """A file size as users read it: "10 MB", "12,5 MB", "800 KB"."""
    if n >= 1024 * 1024:
        return f"{decimal_vi(round(n / (1024 * 1024), 1))} MB"
    if n >= 1024:
        return f"{decimal_vi(round(n / 1024, 1))} KB"
    return f"{n} byte"


def too_big_message(n: int) -> str:
    limit = settings.DANGVU_MAX_UPLOAD_BYTES
    return f"Tệp lớn {size_text(n)}, vượt giới hạn {size_text(limit)}; hãy chia nhỏ tệp."


def check_size(n: int) -> None:
    if n > settings.DANGVU_MAX_UPLOAD_BYTES:
        raise ImportFailed([too_big_message(n)])


@dataclass
class Sheet:
    header_row: int
    columns: dict[str, int]  # column key -> index in the row
    ignored: list[str]  # headers of the file that the import does not use
    rows: list[tuple[int, dict[str, Any]]]  # [(row number as Excel shows it, {key: raw value})]


def read_sheet(
    data: bytes,
    columns: Sequence[Column],
    *,
    anchor: str,
    max_rows: int,
    progress: RowsRead | None = None,
) -> Sheet:
    """The list sheet of an .xlsx file: the first sheet but the guide whose first rows hold the
    header of column `anchor`, its header row and its non-empty rows, read once; `progress` is
    told the rows read every PROGRESS_EVERY rows."""
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
    last_row = 0
    try:
        rows, header_row, mapped, ignored = _list_sheet(workbook, columns, anchor)
        last_row = header_row
        found: list[tuple[int, dict[str, Any]]] = []
        for last_row, values in enumerate(rows, start=header_row + 1):
            if progress is not None and (last_row - header_row) % PROGRESS_EVERY == 0:
                progress(last_row - header_row)
            raw = {key: values[i] if i < len(values) else None for key, i in mapped.items()}
            if all(blank(v) for v in raw.values()):
                continue
            if len(found) >= max_rows:
                raise ImportFailed(
                    [f"Tệp có hơn {money(max_rows)} dòng dữ liệu; hãy chia thành nhiều tệp."]
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
    return Sheet(header_row, mapped, ignored, found)


def _check_zip(data: bytes) -> None:
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
    # NotImplementedError: zipfile's word for a zip version or method it cannot read.
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        ValueError,
        OSError,
        EOFError,
        NotImplementedError,
    ):
        raise ImportFailed([NOT_XLSX]) from None


def count_rows(data: bytes) -> int:
    """The rows of the fullest sheet but the guide of an .xlsx file, its header row aside,
    counted in its XML without parsing it: whether a file is large is known before it is read.
    0 for what is not a readable .xlsx (reading it fails at once, in the request)."""
    try:
        _check_zip(data)
        reader = ExcelReader(io.BytesIO(data), read_only=True)
        reader.read_manifest()
        reader.read_workbook()  # the sheets' names and parts only, not their cells
        with reader.archive as archive:
            parts = [
                rel.target.lstrip("/")
                for sheet, rel in reader.parser.find_sheets()
                if fold(sheet.name) != fold(GUIDE_SHEET)
                and rel.target.lstrip("/") in archive.namelist()
            ]
            return max((_count_tags(archive, part) for part in parts), default=1) - 1
    except ImportFailed:
        return 0
    except Exception:  # openpyxl raises many kinds for a damaged file; reading it will say so
        return 0


def _count_tags(archive: zipfile.ZipFile, name: str) -> int:
    count, tail = 0, b""
    with archive.open(name) as member:
        while chunk := member.read(1024 * 1024):
            block = tail + chunk
            # A tag that may be cut at the block's end is left to the next block.
            cut = max(0, len(block) - 32)
            count += sum(1 for m in ROW_TAG.finditer(block) if m.start() < cut)
            tail = block[cut:]
    return count + len(ROW_TAG.findall(tail))


def is_large(rows: int) -> bool:
    """Whether a file of `rows` rows is read, checked and written by a background job."""
    return rows > getattr(settings, "DANGVU_JOB_MIN_ROWS", 2000)


def _list_sheet(workbook, columns, anchor):
    """(rows iterator, header row, {key: index}, ignored headers) of the list sheet."""
    headers = header_map(columns)
    empty = True
    for sheet in workbook.worksheets:
        if fold(sheet.title) == fold(GUIDE_SHEET):
            continue
        rows = sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True)
        for number, values in enumerate(rows, start=1):
            empty = empty and all(blank(v) for v in values)
            keys = [None if blank(v) else headers.get(header_key(v)) for v in values]
            if anchor in keys:
                return (rows, number, *_map_header(number, values, keys, columns))
            if number >= HEADER_SEARCH_ROWS:
                break
    if empty:
        raise ImportFailed(["Tệp rỗng: bảng tính không có dữ liệu."])
    header = next(c.header for c in columns if c.key == anchor)
    raise ImportFailed(
        [
            f"Không tìm thấy dòng tiêu đề: cần một dòng có cột “{header}” "
            f"trong {HEADER_SEARCH_ROWS} dòng đầu (hãy dùng tệp mẫu)."
        ]
    )


def _map_header(number, values, keys, columns):
    label = {c.key: c.header for c in columns}
    mapped, ignored, errors = {}, [], []
    for index, (value, key) in enumerate(zip(values, keys, strict=True)):
        if key is None:
            if not blank(value):
                ignored.append(text(value))
        elif key in mapped:
            errors.append(
                f"Dòng {number}: cột “{label[key]}” có hai lần "
                f"(cột {get_column_letter(mapped[key] + 1)} và {get_column_letter(index + 1)})."
            )
        else:
            mapped[key] = index
    for c in columns:
        if c.required and c.key not in mapped:
            errors.append(f"Dòng {number}: thiếu cột “{c.header}” ở dòng tiêu đề.")
    if errors:
        raise ImportFailed(errors)
    return mapped, ignored


# Cell values -----------------------------------------------------------------------------------

Converter = Callable[[Any, dt.date], Any]


def blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def text(value: object) -> str:
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


def quote(value: str, limit: int = 40) -> str:
    return f"“{value[:limit]}…”" if len(value) > limit else f"“{value}”"


def whole_number(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return None


def to_text(max_length: int) -> Converter:
    """A converter to text of at most `max_length` characters."""

    def convert(value: object, today: dt.date) -> str:
        found = text(value)
        if len(found) > max_length:
            raise CellError(f"dài {len(found)} ký tự, tối đa {max_length}.")
        return found

    return convert


def to_date(value: object, today: dt.date) -> dt.date | None:
    """A date cell or a typed date (29/06/2017), not before 1900 nor after `today`."""
    if blank(value):
        return None
    if isinstance(value, dt.datetime):
        day = value.date()
    elif isinstance(value, dt.date):
        day = value
    elif isinstance(value, str):
        try:
            parsed = parse_date(value)
        except ValueError:
            parsed = None
        if parsed is None:
            raise CellError(
                f"{quote(text(value))} không phải là ngày hợp lệ "
                "(ghi dạng ngày/tháng/năm, ví dụ 29/06/2017)."
            )
        day = parsed
    else:
        raise CellError(
            f"{quote(text(value))} không phải là ngày (ghi dạng ngày/tháng/năm, ví dụ 29/06/2017)."
        )
    if day.year < 1900:
        raise CellError(f"{vn_date(day)} không hợp lệ (trước năm 1900).")
    if day > today:
        raise CellError(f"{vn_date(day)} sau ngày hôm nay.")
    return day


# The file between preview and commit ----------------------------------------------------------


def _kept_dir() -> Path:
    return Path(settings.MEDIA_ROOT) / "imports"


def keep(data: bytes) -> str:
    """Keep an uploaded file, readable by this server's user only, until it is committed; its
    token. Files of previews never committed are removed after a day, here."""
    folder = _kept_dir()
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    _remove_stale(folder)
    token = secrets.token_urlsafe(32)
    fd = os.open(folder / f"{token}.xlsx", os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(data)
    return token


def kept_path(token: str) -> Path | None:
    """The file kept under `token`, if it is still there."""
    if not TOKEN_RE.match(token or ""):
        return None
    path = _kept_dir() / f"{token}.xlsx"
    return path if path.is_file() else None


def discard(token: str) -> None:
    path = kept_path(token)
    if path is not None:
        path.unlink(missing_ok=True)


def _remove_stale(folder: Path) -> None:
    limit = time.time() - STALE_SECONDS
    for path in folder.glob("*.xlsx"):
        try:
            if path.stat().st_mtime < limit:
                path.unlink()
        except OSError:
            continue  # removed meanwhile by another request


# Writing ---------------------------------------------------------------------------------------


def commit_all(errors: list[str], write: Callable[[], T]) -> T:
    """Run `write` in one transaction, or refuse a plan that has `errors`: all or nothing.

    `write` raises ImportFailed to roll everything back; a row someone else wrote meanwhile (a
    unique CCCD, a code) rolls back too and asks for the file again.
    """
    if errors:
        raise ImportFailed(errors)
    try:
        with transaction.atomic():
            return write()
    except IntegrityError:
        raise ImportFailed([CHANGED_MEANWHILE]) from None


def refusals(number: int, error: ValidationError) -> list[str]:
    """An action's refusal of row `number`, one message per problem."""
    return [row_message(number, None, m) for m in error.messages]


def write_template(
    columns: Sequence[Column],
    *,
    intro: Sequence[str],
    help_of: Callable[[Column], str] = lambda c: c.help,
    dates: Iterable[str] = (),
    choices: dict[str, Sequence[str]] | None = None,
    max_rows: int,
    listing: tuple[str, Sequence[Sequence[str]]] | None = None,
    guide_widths: Sequence[int] = (20, 16, 90, 22),
) -> bytes:
    """An empty import file: the header row of `columns` (date and text formats, lists to pick
    from in `choices`), and a guide sheet: `intro`, every column explained, and `listing` (a
    title and rows: what the file may name)."""
    workbook = openpyxl.Workbook()
    sheet = workbook.worksheets[0]
    sheet.title = LIST_SHEET
    dates = set(dates)
    for index, column in enumerate(columns, start=1):
        cell = sheet.cell(row=1, column=index, value=column.header)
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = column.width
        if column.as_text:
            sheet.column_dimensions[letter].number_format = "@"
        elif column.key in dates:
            sheet.column_dimensions[letter].number_format = DATE_FORMAT
        if choices and column.key in choices:
            _choice(sheet, letter, choices[column.key], max_rows)
    sheet.freeze_panes = "A2"
    _write_guide(workbook, columns, intro, help_of, listing, guide_widths)
    defuse_workbook(workbook)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _choice(sheet, letter, values, max_rows):
    choice = DataValidation(type="list", formula1=f'"{",".join(values)}"', allow_blank=True)
    choice.add(f"{letter}2:{letter}{max_rows + 1}")
    sheet.add_data_validation(choice)


def _write_guide(workbook: Workbook, columns, intro, help_of, listing, widths):
    sheet = workbook.create_sheet(GUIDE_SHEET)
    for line in intro:
        sheet.append([line])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append([])
    sheet.append(["Cột", "Phải ghi", "Cách ghi", "Ví dụ"])
    header_row = sheet.max_row
    for cell in sheet[header_row]:
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
    for column in columns:
        sheet.append([column.header, column.need, help_of(column), column.example])
    if listing is not None:
        title, rows = listing
        sheet.append([])
        sheet.append([title])
        sheet.cell(row=sheet.max_row, column=1).font = HEADER_FONT
        for row in rows:
            sheet.append(list(row))
    for letter, width in zip("ABCD", widths, strict=True):
        sheet.column_dimensions[letter].width = width
    for row in sheet.iter_rows(min_row=header_row + 1):
        if len(row) > 2:
            row[2].alignment = Alignment(wrap_text=True, vertical="top")
