"""The collection sheet (sổ thu nộp đảng phí) of a cell, or of a committee's cells, for a year,
as an Excel workbook: a summary of the year and one sheet per month."""

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from dangvu.lib.spreadsheet import defuse_workbook
from dangvu.orgs.models import Organization

from . import fees
from .book import book_cell, temporary_notes
from .rulebook import rulebooks

MONEY = "#,##0"
THIN = Side(style="thin", color="999999")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
BOLD = Font(bold=True)


def _title(ws, lines, width):
    for i, text in enumerate(lines, 1):
        ws.cell(row=i, column=1, value=text).font = Font(bold=i == 1, size=13 if i == 1 else 11)
        ws.merge_cells(start_row=i, start_column=1, end_row=i, end_column=width)
        ws.cell(row=i, column=1).alignment = Alignment(horizontal="center")
    return len(lines) + 2


def _table(ws, row, header, rows, money_from):
    for col, text in enumerate(header, 1):
        cell = ws.cell(row=row, column=col, value=text)
        cell.font, cell.border = BOLD, BOX
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for values in rows:
        row += 1
        for col, value in enumerate(values, 1):
            cell = ws.cell(row=row, column=col, value=value)
            cell.border = BOX
            if col >= money_from and isinstance(value, int):
                cell.number_format = MONEY
    return row


def _widths(ws, widths):
    for i, width in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(i)].width = width
    # Printed on A4 landscape, one page wide, as the cell's book is kept on paper.
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0


def _shares(cell_ids, year, paid_by_cell):
    """[(cell id, passed upward)] by the share of each cell's rule for the year."""
    books = rulebooks(cell_ids)
    out = {}
    for cell_id in cell_ids:
        rule = books[cell_id].for_month(fees.months_of(year)[-1])
        out[cell_id] = (
            fees.share_of(paid_by_cell.get(cell_id, 0), rule.share(Organization.Kind.PARTY_CELL)),
            rule.share(Organization.Kind.PARTY_CELL),
        )
    return out


def workbook(org, year, books, cells):
    """The workbook as bytes. `books` are the year's MemberBooks (with people), `cells` the
    cells they belong to, in order."""
    wb = Workbook()
    summary = wb.active
    summary.title = f"Năm {year}"
    cell_names = {c.id: c.name for c in cells}
    members = sorted(
        books.values(),
        key=lambda b: (
            [c.id for c in cells].index(book_cell(b)) if book_cell(b) in cell_names else 99,
            b.person.sort_name if b.person else "",
        ),
    )
    months = fees.months_of(year)
    header = ["STT", "Họ và tên", "Chi bộ"] + [f"T{m.month}" for m in months]
    header += ["Phải đóng", "Đã đóng", "Còn thiếu"]
    start = _title(
        summary,
        [f"SỔ THU, NỘP ĐẢNG PHÍ NĂM {year}", org.name, "Đơn vị tính: đồng"],
        len(header),
    )
    rows = []
    for i, b in enumerate(members, 1):
        # A month collected where the member attends temporarily is marked, counted nowhere here.
        paid = [
            b.months[m].paid if m in b.months else ("tạm thời" if m in b.away else None)
            for m in months
        ]
        rows.append(
            [i, str(b.person), cell_names.get(book_cell(b), "")] + paid + [b.due, b.paid, b.owed]
        )
    totals = ["", "Cộng", ""] + [
        sum(b.months[m].paid for b in members if m in b.months) for m in months
    ]
    totals += [
        sum(b.due for b in members),
        sum(b.paid for b in members),
        sum(b.owed for b in members),
    ]
    last = _table(summary, start, header, rows + [totals], money_from=4)
    for col in range(1, len(header) + 1):
        summary.cell(row=last, column=col).font = BOLD
    paid_by_cell = {}
    for b in members:
        for line in b.months.values():
            paid_by_cell[line.cell_id] = paid_by_cell.get(line.cell_id, 0) + line.paid
    shares = _shares([c.id for c in cells], year, paid_by_cell)
    row = last + 2
    for c in cells:
        passed, share = shares[c.id]
        collected = paid_by_cell.get(c.id, 0)
        pct = _pct(share)
        for label, value in (
            (f"{c.name}: thu đảng phí", collected),
            (f"{c.name}: trích giữ lại ({_pct(1 - share)})", collected - passed),
            (f"{c.name}: nộp lên cấp trên ({pct})", passed),
        ):
            summary.cell(row=row, column=2, value=label)
            summary.cell(row=row, column=4, value=value).number_format = MONEY
            row += 1
    notes = temporary_notes(books, [c.id for c in cells], months[0], months[-1])
    if notes:
        row += 1
        summary.cell(row=row, column=2, value="Sinh hoạt đảng tạm thời:").font = BOLD
        for note in notes:
            row += 1
            summary.cell(row=row, column=2, value=f"{note.name}: {note.text}")
    _widths(summary, [5, 28, 12] + [10] * 12 + [12, 12, 12])
    summary.freeze_panes = summary.cell(row=start + 1, column=3)
    names = dict(
        Organization.objects.filter(
            id__in={a.host_id for b in members for a in b.away.values() if a.host_id}
            | {
                line.official_cell_id
                for b in members
                for line in b.months.values()
                if line.official_cell_id
            }
        ).values_list("id", "name")
    )
    for month in months:
        _month_sheet(wb, org, month, members, cell_names, names)
    defuse_workbook(wb)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _month_sheet(wb, org, month, members, cell_names, names):
    ws = wb.create_sheet(f"T{month.month}")
    header = [
        "STT",
        "Họ và tên",
        "Chi bộ",
        "Căn cứ tính (đồng)",
        "Phải đóng",
        "Đã đóng",
        "Còn thiếu",
        "Ghi chú",
    ]
    start = _title(
        ws,
        [
            f"SỔ THU, NỘP ĐẢNG PHÍ THÁNG {month.month:02d}/{month.year}",
            org.name,
            "Đơn vị tính: đồng",
        ],
        len(header),
    )
    rows, n = [], 0
    for b in members:
        line = b.months.get(month)
        away = b.away.get(month)
        if away is not None:
            # Collected where the member attends temporarily: listed, counted nowhere here.
            n += 1
            host = away.host(names)
            note = f"Sinh hoạt tạm thời tại {host}: đóng đảng phí tại {host}"
            rows.append(
                [n, str(b.person), cell_names.get(away.official_cell_id, "")]
                + [None, None, None, None, note]
            )
            continue
        if line is None:
            continue
        n += 1
        note = line.exempt or line.reason or ("" if line.status == "paid" else line.status_label)
        if line.official_cell_id:
            official = f"Sinh hoạt tạm thời, chính thức tại {names[line.official_cell_id]}"
            note = f"{official}. {note}" if note else official
        rows.append(
            [
                n,
                str(b.person),
                cell_names.get(line.cell_id, ""),
                line.base or None,
                line.due,
                line.paid,
                line.owed,
                note,
            ]
        )
    totals = [
        "",
        "Cộng",
        "",
        None,
        sum(r[4] or 0 for r in rows),
        sum(r[5] or 0 for r in rows),
        sum(r[6] or 0 for r in rows),
        "",
    ]
    last = _table(ws, start, header, rows + [totals], money_from=4)
    for col in range(1, len(header) + 1):
        ws.cell(row=last, column=col).font = BOLD
    _widths(ws, [5, 28, 12, 16, 12, 12, 12, 30])


def _pct(share):
    return fees.percent_text(share)
