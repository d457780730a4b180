"""The basic statistical forms (Biểu số 1- to 7-BTCTW): filled from records, read back from the
.xlsx, every row adding up, the previous-year column, sources and confirmation, one count with
the consolidation."""

import datetime as dt
from io import BytesIO, StringIO

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from dangvu.accounts.models import AuditEntry
from dangvu.core import facts
from dangvu.orgs.models import Organization
from dangvu.superior import statforms, synthetic
from dangvu.superior.consolidate import consolidate, period_to

pytestmark = pytest.mark.django_db
END_2017 = dt.date(2017, 12, 31)
SUPERIOR = "dang-uy-khoi-cac-co-quan-tra-vinh"
YEARS = range(2014, 2027)
FIRST_ROW = 10


def read_back(content):
    """{sheet: {row key: [values]}} and the notes, from the workbook's cells."""
    wb = load_workbook(BytesIO(content))
    out, notes = {}, {}
    for ws in wb.worksheets:
        if ws.title == statforms.CROSS_SHEET:
            continue
        key_col = next(c for c in range(1, 12) if ws.cell(row=9, column=c).value == "Mã dòng")
        rows, marks = {}, {}
        r = FIRST_ROW
        while ws.cell(row=r, column=key_col).value:
            key = ws.cell(row=r, column=key_col).value
            rows[key] = [ws.cell(row=r, column=c).value for c in range(2, key_col - 1)]
            marks[key] = ws.cell(row=r, column=key_col - 1).value
            r += 1
        out[ws.title], notes[ws.title] = rows, marks
    return wb, out, notes


# The forms of the "share" layout: each breakdown's lines add up to its head line.
SHARE_SHEETS = {f["sheet"] for f in statforms.form_specs() if f["columns"] == "share"}


def check_adds_up(sheets, specs):
    """Every row with a `sum` in the data equals the sum of its parts, in every column read."""
    checked = 0
    for sheet, rows in sheets.items():
        for key, values in rows.items():
            spec = next((r for r in specs[sheet] if r["key"] == key), None)
            parts = spec.get("sum") if spec else None
            if sheet in SHARE_SHEETS and ":" not in key:
                parts = [k for k in rows if k.startswith(key + ":")]
            if not parts:
                continue
            columns = [0, 1] if sheet != "5-BTCTW" else range(len(values))
            for c in columns:
                total = sum(
                    (-1 if p.startswith("-") else 1) * (rows[p.lstrip("-")][c] or 0) for p in parts
                )
                assert values[c] == total, (sheet, key, c, values[c], total)
                checked += 1
    return checked


def specs_by_sheet(day):
    return {f["sheet"]: f["rows"] for f in statforms.form_specs(day)}


def check_workbook(root, day):
    forms = statforms.compute(root, day)
    wb, sheets, notes = read_back(statforms.xlsx_bytes(forms))
    sheets_of_layout = [f["sheet"] for f in statforms.form_specs(day)]
    assert wb.sheetnames == [*sheets_of_layout, statforms.CROSS_SHEET]
    assert check_adds_up(sheets, specs_by_sheet(day)) > 20
    one, three = sheets["1-BTCTW"], sheets["3-BTCTW"]
    # A + B − C = D, this period and the same period last year.
    for c in (0, 1):
        assert one["A"][c] + one["B"][c] - one["C"][c] == one["D"][c]
    assert one["D"][0] == three["I"][0]
    # Every member at the end of the period in exactly one row of each breakdown of 4-BTCTW.
    assert sheets["4-BTCTW"]["eth"][0] == one["D"][0]
    assert sheets["4-BTCTW"]["rel"][0] == three["I4"][0]
    # 2B-BTCTW: every member admitted in the period in one row by ethnicity; the rates are of
    # those admitted, not of all members.
    admitted = sheets["2-BTCTW"]["I"][0]
    assert sheets["2B-BTCTW"]["eth"][0] == admitted
    assert sheets["2B-BTCTW"]["eth"][2] == (100 if admitted else None)
    # 5-BTCTW: its total of members is 1-BTCTW's D.
    assert sheets["5-BTCTW"]["total"][5] == one["D"][0]
    return forms, sheets, notes


@pytest.mark.sweep
def test_demo_committee_forms_add_up_every_year(demo):
    seen = set()
    happened = {"1-BTCTW": ["B1", "B3", "C3", "C4", "C5a", "C5c"], "7-BTCTW": ["II", "III"]}
    over_years = {(sheet, key): 0 for sheet, keys in happened.items() for key in keys}
    for year in YEARS:
        forms, sheets, _notes = check_workbook(demo, dt.date(year, 12, 31))
        seen.add(sheets["1-BTCTW"]["D"][0])
        for sheet, key in over_years:
            over_years[sheet, key] += sheets[sheet][key][0]
    assert len(seen) > 1  # the members change over the years: the test reads real figures
    # The demo's records give every kind of change at least once over the years: admissions,
    # restored membership, striking off, resignation, transfers by destination, badges, cards.
    assert all(over_years.values()), over_years


@pytest.mark.sweep
def test_province_forms_add_up_every_year():
    superior = synthetic.build(committees=4, cells=2, members=12)
    for year in YEARS:
        check_workbook(superior, dt.date(year, 12, 31))
    # A committee dissolved in 2017 shows as a decrease by reorganization.
    forms = statforms.compute(superior, END_2017)
    one = {line.key: line.values for line in forms.sheet("1-BTCTW").lines}
    assert one["C"][0] > 0


def test_previous_year_column_is_the_form_of_the_previous_year(demo):
    for year in (2016, 2017, 2024):
        day, before = dt.date(year, 6, 30), dt.date(year - 1, 6, 30)
        now, then = statforms.compute(demo, day), statforms.compute(demo, before)
        for sheet, earlier in zip(now.sheets, then.sheets, strict=True):
            if sheet.columns != "period":
                continue
            for line, old in zip(sheet.lines, earlier.lines, strict=True):
                assert line.values[1] == old.values[0], (sheet.sheet, line.key)
                if line.values[1]:
                    assert line.values[2] == round(line.values[0] * 100 / line.values[1], 1)


def test_every_row_cites_its_source_and_unconfirmed_rows_are_marked(demo):
    rule = statforms.layout(END_2017)
    forms = statforms.compute(demo, END_2017)
    _wb, sheets, notes = read_back(statforms.xlsx_bytes(forms))
    for spec in statforms.form_specs(END_2017):
        for row in spec["rows"]:
            assert row["source"] in rule["sources"], row["key"]
            assert isinstance(row["confirmed"], bool)
            shown = notes[spec["sheet"]][row["key"]]
            assert f"Nguồn: {row['source']}" in shown
            assert ("Chưa xác nhận" in shown) == (not row["confirmed"])
            if "pending" in row:
                assert sheets[spec["sheet"]][row["key"]][0] is None
                assert row["pending"] in shown


def test_forms_and_consolidate_agree_on_cells_and_members():
    superior = synthetic.build(committees=4, cells=2, members=12)
    for day in (dt.date(2015, 3, 1), dt.date(2017, 6, 30), END_2017, dt.date(2021, 12, 31)):
        forms = statforms.compute(superior, day)
        result = consolidate(superior, period_to(day))
        five = {line.key: line.values for line in forms.sheet("5-BTCTW").lines}
        one = {line.key: line.values for line in forms.sheet("1-BTCTW").lines}
        assert one["D"][0] == result.totals["party.members"], day
        assert five["total"][5] == result.totals["party.members"]
        assert five["total"][2] + five["total"][4] == result.totals["party.cells"], day
        two = {line.key: line.values for line in forms.sheet("2-BTCTW").lines}
        assert two["I"][0] == result.totals["party.admissions"], day
        # The superior's report reads the same figures.
        report = facts.compute(superior, period_to(day))
        assert report["units.party.members"].value == one["D"][0]
        assert report["units.party.cells"].value == five["total"][2] + five["total"][4]
        three = {line.key: line.values for line in forms.sheet("3-BTCTW").lines}
        assert report["units.party.women"].value == three["I1"][0]
        deaths = {line.key: line.values for line in forms.sheet("1-BTCTW").lines}["C1"][0]
        assert report["units.party.deaths"].value == deaths


def test_command_writes_the_forms_and_audits_the_file(demo, tmp_path):
    Organization.objects.filter(slug="so-tttt-chi-bo-1").update(name='=HYPERLINK("x")')
    Organization.objects.get(slug="so-tttt-chi-bo-1").names.all().delete()
    out = tmp_path / "bieu.xlsx"
    printed = StringIO()
    call_command(
        "stat_forms",
        org=demo.slug,
        date="2017-12-31",
        out=str(out),
        maker="Lê Văn A",
        stdout=printed,
    )
    assert "cuối kỳ" in printed.getvalue()
    wb = load_workbook(out)
    ws = wb["1-BTCTW"]
    assert ws["A2"].value.startswith("ĐẢNG BỘ")
    assert "đến ngày 31/12/2017" in ws["A5"].value
    assert ws.cell(row=8, column=1).value == "Tiêu chí"
    assert ws.cell(row=8, column=3).value == "Cùng kỳ năm trước"
    texts = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert "NGƯỜI LẬP BIỂU" in texts and "BÍ THƯ" in texts
    assert any(t.startswith("Họ và tên: Lê Văn A") for t in texts)
    cross = wb[statforms.CROSS_SHEET]
    names = [cross.cell(row=r, column=2).value for r in range(5, 20)]
    assert '\'=HYPERLINK("x")' in names
    for sheet in wb.worksheets:
        for row in sheet.iter_rows(values_only=True):
            assert not any(isinstance(v, str) and v.startswith(("=", "@")) for v in row)
    assert AuditEntry.objects.filter(action="superior.stat_forms", org=demo).count() == 1


def test_forms_page_links_each_number_to_its_records(demo, login):
    client = login("captren")
    page = client.get(f"/cap-tren/{SUPERIOR}/bieu-thong-ke/?ngay=2017-12-31")
    html = page.content.decode()
    assert page.status_code == 200 and "Biểu số 1-BTCTW" in html
    forms = statforms.compute(Organization.objects.get(slug=SUPERIOR), END_2017)
    d = next(line for line in forms.sheet("1-BTCTW").lines if line.key == "D")
    link = f"/cap-tren/{SUPERIOR}/bieu-thong-ke/1-BTCTW/D/?ngay=2017-12-31"
    assert link in html
    records = client.get(link)
    assert records.status_code == 200
    listed = records.content.decode()
    # Counted in full, listed 50 a page.
    assert f"{d.values[0]} hồ sơ" in listed
    assert listed.count('class="record"') == min(d.values[0], 50)
    download = client.get(f"/cap-tren/{SUPERIOR}/bieu-thong-ke/tai/?ngay=2017-12-31")
    assert download.status_code == 200
    _wb, sheets, _notes = read_back(download.content)
    assert sheets["1-BTCTW"]["D"][0] == d.values[0]
    assert login("vanphong").get(f"/cap-tren/{SUPERIOR}/bieu-thong-ke/").status_code == 404
    assert login("captren").get(link.replace("/D/", "/NOPE/")).status_code == 404
