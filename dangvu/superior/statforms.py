"""The basic statistical forms of the Party organization system (biểu thống kê cơ bản), filled
from the records as of a date, for a grassroots committee (one row per cell) or summed for a
superior committee (one row per grassroots unit); the first row of each table is the total.

Source. Hướng dẫn 11-HD/BTCTW (13/12/2021) of the Central Organization Commission, "Thực hiện
biểu mẫu thống kê cơ bản về công tác tổ chức xây dựng Đảng" (text at thuvienphapluat.vn,
Huong-dan-11-HD-BTCTW-2021-...-530118.aspx), which replaced 09-HD/BTCTW (2017) and part II of
12-HD/BTCTW (17/5/2012, thuvienphapluat.vn ...-269708.aspx). Only the general part of the 2021
text was readable from here; the form explanations quoted from 12-HD/BTCTW (hocday.com copy,
pages 4–5) give the shape used below: members with several diplomas are counted at the highest;
political theory in the levels sơ cấp, trung cấp, cao cấp, cử nhân; "Biểu số 3-TCTW" on the
quality of members (age, education, political theory), "Biểu số 4-TCTW: Báo cáo đảng viên chia
theo dân tộc và trong các tôn giáo, có đến 31-12-20…", taking its members' total from section
"D" of "Biểu số 1-TCTW" (organizations and members, their increase and decrease in the year).
The layout (forms, titles, column order) is data: `statforms_layout.toml`, with its sources and
`confirmed` (false: the 2021 forms' tables were not found in a public copy); each sheet says so
under its title. dangvu does not record religion, so that column is left empty and says why.
"""

import datetime as dt
import io
import tomllib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from dangvu.lib.dates import vn_date
from dangvu.orgs.models import Organization, active_on
from dangvu.people.models import Membership, Qualification, is_ethnic_minority

from .consolidate import _party_changes, held_on, period_to, recognized_by
from .sheets import safe_text
from .units import Tree, orgs_with_names

K = Organization.Kind
PARTY = Membership.Kind.PARTY
END = Membership.EndReason

AGE_GROUPS = [
    ("age.to30", "Đến 30 tuổi", 0, 30),
    ("age.31_40", "Từ 31 đến 40", 31, 40),
    ("age.41_50", "Từ 41 đến 50", 41, 50),
    ("age.51_60", "Từ 51 đến 60", 51, 60),
    ("age.61_70", "Từ 61 đến 70", 61, 70),
    ("age.over70", "Trên 70 tuổi", 71, 200),
    ("age.unknown", "Chưa rõ năm sinh", None, None),
]
EDUCATION = [
    *[(f"education.{code}", label) for code, label in Qualification.EDUCATION_LEVELS[:-1]],
    ("education.other", "Khác, chưa qua đào tạo"),
]
POLITICAL = [
    *[(f"political_theory.{code}", label) for code, label in Qualification.POLITICAL_LEVELS],
    ("political_theory.none", "Chưa qua đào tạo"),
]

LAYOUT_FILE = Path(__file__).resolve().parent / "statforms_layout.toml"


def _expand(key, label):
    """A layout column, or the group of columns an "@" key stands for."""
    groups = {
        "@age": [(k, lab) for k, lab, _lo, _hi in AGE_GROUPS],
        "@education": EDUCATION,
        "@political": POLITICAL,
    }
    if key not in groups:
        return [(key, label)]
    return [(k, f"{label}: {lab}" if label else lab) for k, lab in groups[key]]


def load_layout(path=LAYOUT_FILE):
    """The layout data: the sources, whether it is confirmed, and the forms as
    [(sheet, title, columns [(key, header)], note)]."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    forms = [
        (
            f["sheet"],
            f["title"],
            [col for key, label in f["columns"] for col in _expand(key, label)],
            f.get("note", ""),
        )
        for f in data["forms"]
    ]
    return data, forms


LAYOUT, FORMS = load_layout()


def layout_note():
    """What each sheet says of its column order: confirmed against the 2021 forms, or not."""
    if LAYOUT["confirmed"]:
        return f"Bố cục cột theo {LAYOUT['source']}."
    return (
        "Bố cục cột theo giải thích biểu mẫu 12-HD/BTCTW; thứ tự cột của 11-HD/BTCTW chưa "
        "đối chiếu."
    )


@dataclass
class Row:
    org: Organization | None
    name: str
    values: Counter = field(default_factory=Counter)
    ethnicities: Counter = field(default_factory=Counter)


@dataclass
class Forms:
    root: Organization
    day: dt.date
    rows: list
    total: Row


def _age(birth, day):
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def row_groups(tree, root, day):
    """[(org node or None, ids at any date)] — the rows of the forms for `root`: its grassroots
    units for a superior, its cells for a grassroots committee (what lies outside every cell,
    in a last row named after the committee), the cell itself for a cell."""
    if root.kind == K.PARTY_COMMITTEE:
        cells = tree.cells(root.id, day)
        ids = {c.id: tree.below(c.id) for c in cells}
        rest = tree.below(root.id) - set().union(*ids.values()) if ids else tree.below(root.id)
        return [(c, ids[c.id]) for c in cells] + [(tree.nodes[root.id], rest)]
    if root.kind == K.PARTY_CELL:
        return [(tree.nodes[root.id], tree.below(root.id))]
    return [(u, tree.below(u.id)) for u in tree.units(root.id, day)]


def compute(root, day):
    """The forms of `root` as of `day`: changes are counted from 1 January of that year."""
    tree = Tree()
    groups = row_groups(tree, root, day)
    period = period_to(day)
    keys = list(range(len(groups)))
    every = {k: groups[k][1] for k in keys}
    owner = {org_id: k for k, ids in every.items() for org_id in ids}
    rows = {k: Row(org=None, name="") for k in keys}
    orgs = orgs_with_names([n.id for n, _ids in groups], day)
    for k, (node, ids) in enumerate(groups):
        row = rows[k]
        row.org, row.name = orgs[node.id]
        if node.id == root.id and root.kind == K.PARTY_COMMITTEE:
            row.name = f"{row.name} (ngoài các chi bộ)"
        for org_id in ids:
            n = tree.nodes[org_id]
            if not n.active_on(day):
                continue
            if n.kind == K.PARTY_COMMITTEE:
                row.values["orgs.committees"] += 1
            elif n.kind == K.PARTY_CELL:
                key = "orgs.grassroots_cells" if tree.is_grassroots(n) else "orgs.cells"
                row.values[key] += 1
    # Members on the day.
    members = {}
    on_day = Membership.objects.filter(active_on(day), kind=PARTY, org_id__in=list(owner))
    for person_id, org_id, gender, birth, ethnicity, is_full in on_day.annotate(
        is_full=recognized_by(day)
    ).values_list(
        "person_id",
        "org_id",
        "person__gender",
        "person__birth_date",
        "person__ethnicity",
        "is_full",
    ):
        if not tree.nodes[org_id].active_on(day):
            continue
        members[person_id] = owner[org_id]
        v = rows[owner[org_id]].values
        v["members"] += 1
        v["members.full" if is_full else "members.probationary"] += 1
        if gender == "female":
            v["women"] += 1
        if birth is None:
            v["age.unknown"] += 1
        else:
            age = _age(birth, day)
            for key, _label, lo, hi in AGE_GROUPS[:-1]:
                if lo <= age <= hi:
                    v[key] += 1
                    break
        v["ethnic_minority" if is_ethnic_minority(ethnicity) else "kinh"] += 1
        rows[owner[org_id]].ethnicities[(ethnicity or "Kinh").strip() or "Kinh"] += 1
    best = {}
    for person_id, kind, level in (
        held_on(day)
        .filter(person_id__in=on_day.values("person_id"))
        .values_list("person_id", "kind", "level")
    ):
        key = (person_id, kind)
        if key not in best or Qualification.rank(kind, level) < Qualification.rank(kind, best[key]):
            best[key] = level
    known = {key for key, _label in EDUCATION + POLITICAL}
    for person_id, k in members.items():
        v = rows[k].values
        for kind, missing in (
            ("education", "education.other"),
            ("political_theory", "political_theory.none"),
        ):
            level = best.get((person_id, kind))
            key = f"{kind}.{level}" if level else missing
            v[key if key in known else missing] += 1
    # Changes in the year.
    changes = _party_changes(every, period)
    for k in keys:
        rows[k].values["admissions"] += changes[k]["party.admissions"]
        rows[k].values["recognitions"] += changes[k]["party.recognitions"]
    ended = {END.DEATH: "deaths", END.STRUCK_OFF: "struck_off", END.EXPELLED: "expelled"}
    for org_id, reason in Membership.objects.filter(
        kind=PARTY,
        org_id__in=list(owner),
        end_reason__in=list(ended),
        valid_to__range=(period.start, period.end),
    ).values_list("org_id", "end_reason"):
        rows[owner[org_id]].values[ended[reason]] += 1
    ordered = [rows[k] for k in keys]
    # A committee's last row ("outside the cells") is shown only when something is in it.
    # (the committee itself is counted in the total only).
    if root.kind == K.PARTY_COMMITTEE:
        ordered[-1].values.pop("orgs.committees", None)
        if len(ordered) > 1 and not any(ordered[-1].values.values()):
            ordered = ordered[:-1]
    total = Row(org=root, name="Tổng số")
    for row in ordered:
        total.values.update(row.values)
        total.ethnicities.update(row.ethnicities)
    if root.kind == K.PARTY_COMMITTEE and root.is_active_on(day):
        total.values["orgs.committees"] = 1
    return Forms(root=root, day=day, rows=ordered, total=total)


def xlsx_bytes(forms, issuer=""):
    """The forms as a workbook, one sheet per form, in the forms' layout: the reporting
    organization top left, the form number top right, the title and "Có đến ngày …", the
    header with column numbers, the total row first, then one row per unit, and the signature."""

    wb = Workbook()
    wb.remove(wb.active)
    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    wrap = Alignment(wrap_text=True, vertical="center", horizontal="center")
    bold = Font(bold=True, name="Times New Roman")
    plain = Font(name="Times New Roman")
    superior = forms.root.parent.name if forms.root.parent_id else ""
    for sheet, title, columns, note in FORMS:
        ws = wb.create_sheet(sheet)
        width = len(columns) + 2
        last = get_column_letter(width)
        ws["A1"] = safe_text(superior.upper())
        ws["A2"] = safe_text((issuer or forms.root.name_on(forms.day)).upper())
        ws["A2"].font = bold
        ws.cell(row=1, column=width, value=f"Biểu số {sheet}").font = bold
        ws.cell(row=2, column=width, value="(11-HD/BTCTW)").font = plain
        ws.merge_cells(f"A4:{last}4")
        ws["A4"] = title
        ws["A4"].font = Font(bold=True, name="Times New Roman", size=13)
        ws["A4"].alignment = Alignment(horizontal="center")
        ws.merge_cells(f"A5:{last}5")
        ws["A5"] = f"Có đến ngày {vn_date(forms.day)}"
        ws["A5"].alignment = Alignment(horizontal="center")
        ws.merge_cells(f"A6:{last}6")
        ws["A6"] = safe_text(layout_note() + (f" {note}" if note else ""))
        ws["A6"].font = Font(italic=True, name="Times New Roman", size=9)
        header = ["STT", "Tên tổ chức", *[label for _key, label in columns]]
        for c, text in enumerate(header, start=1):
            cell = ws.cell(row=8, column=c, value=text)
            cell.font, cell.alignment, cell.border = bold, wrap, box
            number = ws.cell(row=9, column=c, value=f"({c})" if c > 2 else ("A" if c == 1 else "B"))
            number.alignment, number.border = Alignment(horizontal="center"), box
            ws.column_dimensions[get_column_letter(c)].width = 40 if c == 2 else 12
        ws.row_dimensions[8].height = 60
        r = 10
        for i, row in enumerate([forms.total, *forms.rows]):
            values = [i or "", safe_text(row.name)]
            for key, _label in columns:
                values.append(None if key == "religion" else row.values.get(key, 0))
            for c, value in enumerate(values, start=1):
                cell = ws.cell(row=r, column=c, value=value)
                cell.border = box
                cell.font = bold if i == 0 else plain
            r += 1
        if sheet == "4-TCTW":
            r += 1
            ws.cell(row=r, column=2, value="Đảng viên theo dân tộc").font = bold
            r += 1
            for ethnicity, count in sorted(
                forms.total.ethnicities.items(), key=lambda e: (-e[1], e[0])
            ):
                ws.cell(row=r, column=2, value=safe_text(ethnicity)).border = box
                ws.cell(row=r, column=3, value=count).border = box
                r += 1
        r += 1
        ws.cell(row=r, column=2, value="NGƯỜI LẬP BIỂU").font = bold
        ws.cell(row=r - 1, column=width, value="…, ngày … tháng … năm …").font = plain
        ws.cell(row=r, column=width, value="T/M CẤP ỦY").font = bold
        ws.freeze_panes = "C10"
        ws.page_setup.orientation = "landscape"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
