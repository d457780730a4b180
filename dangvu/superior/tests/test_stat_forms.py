"""The basic statistical forms: filled from records, totals that add up, the .xlsx layout."""

import datetime as dt
from io import BytesIO, StringIO

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from dangvu.orgs.models import Organization
from dangvu.people.models import Membership
from dangvu.people.stats import section_one
from dangvu.superior import statforms, synthetic
from dangvu.superior.consolidate import consolidate, period_to

pytestmark = pytest.mark.django_db
END_2017 = dt.date(2017, 12, 31)
SUPERIOR = "dang-uy-khoi-cac-co-quan-tra-vinh"


def test_superior_forms_sum_the_units_and_match_the_consolidation():
    superior = synthetic.build(committees=5, cells=2, members=20)
    forms = statforms.compute(superior, END_2017)
    result = consolidate(superior, period_to(END_2017))
    assert [r.org.slug for r in forms.rows] == [u.org.slug for u in result.units]
    for row, unit in zip(forms.rows, result.units, strict=True):
        v = row.values
        assert v["members"] == unit.facts["party.members"]
        assert v["members.full"] == unit.facts["party.members.full"]
        assert v["members.probationary"] == unit.facts["party.members.probationary"]
        assert v["admissions"] == unit.facts["party.admissions"]
        assert v["recognitions"] == unit.facts["party.recognitions"]
        # Every member lands in exactly one column of each breakdown.
        assert v["women"] <= v["members"]
        assert sum(v[k] for k, *_r in statforms.AGE_GROUPS) == v["members"]
        assert sum(v[k] for k, _l in statforms.EDUCATION) == v["members"]
        assert sum(v[k] for k, _l in statforms.POLITICAL) == v["members"]
        assert v["kinh"] + v["ethnic_minority"] == v["members"]
        assert sum(row.ethnicities.values()) == v["members"]
    for _sheet, _title, columns, _note in statforms.FORMS:
        for key, _label in columns:
            assert forms.total.values[key] == sum(r.values[key] for r in forms.rows), key
    ended = Membership.objects.filter(
        kind="party",
        end_reason__in=["death", "struck_off", "expelled"],
        valid_to__year=2017,
        org__slug__startswith="tinh-",
    ).exclude(org__parent__slug="tinh-db-1")  # the committee dissolved in June
    assert (
        forms.total.values["deaths"]
        + forms.total.values["struck_off"]
        + forms.total.values["expelled"]
        == ended.count()
    )
    assert forms.total.values["orgs.committees"] == 4  # one of the five was dissolved
    assert forms.total.values["orgs.grassroots_cells"] == 2
    assert forms.total.values["orgs.cells"] == 4 * 2


def test_committee_forms_have_one_row_per_cell(demo):
    forms = statforms.compute(demo, END_2017)
    cells = Organization.objects.filter(parent=demo, kind="party_cell")
    assert {r.org.slug for r in forms.rows} == {c.slug for c in cells}
    assert forms.total.values["members"] == section_one(demo, END_2017)["party.members"].value
    assert forms.total.values["orgs.committees"] == 1
    assert forms.total.values["orgs.cells"] == cells.count()


def test_xlsx_layout_and_formula_escaping(demo, tmp_path):
    Organization.objects.filter(slug="so-tttt-chi-bo-1").update(name='=HYPERLINK("x")')
    Organization.objects.get(slug="so-tttt-chi-bo-1").names.all().delete()
    out = tmp_path / "bieu.xlsx"
    call_command("stat_forms", org=demo.slug, date="2017-12-31", out=str(out), stdout=StringIO())
    wb = load_workbook(out)
    assert wb.sheetnames == [sheet for sheet, *_r in statforms.FORMS]
    ws = wb["1-TCTW"]
    assert ws["A2"].value.startswith("ĐẢNG BỘ")
    assert "Có đến ngày 31/12/2017" in ws["A5"].value
    assert ws.cell(row=8, column=1).value == "STT" and ws.cell(row=9, column=3).value == "(3)"
    assert ws.cell(row=10, column=2).value == "Tổng số"
    total_members = ws.cell(row=10, column=6).value
    assert total_members == 54
    names = [ws.cell(row=r, column=2).value for r in range(11, 20)]
    assert '\'=HYPERLINK("x")' in names
    for sheet in wb.worksheets:
        for row in sheet.iter_rows(values_only=True):
            assert not any(isinstance(v, str) and v.startswith(("=", "+", "@")) for v in row)


def test_forms_page_and_download_for_the_superior(demo, login):
    client = login("captren")
    page = client.get(f"/cap-tren/{SUPERIOR}/bieu-thong-ke/?ngay=2017-12-31")
    assert page.status_code == 200 and "Biểu số 1-TCTW" in page.content.decode()
    download = client.get(f"/cap-tren/{SUPERIOR}/bieu-thong-ke/tai/?ngay=2017-12-31")
    assert download.status_code == 200
    wb = load_workbook(BytesIO(download.content))
    assert wb["1-TCTW"].cell(row=10, column=6).value == 54
    assert login("vanphong").get(f"/cap-tren/{SUPERIOR}/bieu-thong-ke/").status_code == 404


def test_the_layout_is_data_with_its_source_and_whether_it_is_confirmed(demo, login, tmp_path):
    layout, forms = statforms.LAYOUT, statforms.FORMS
    assert isinstance(layout["confirmed"], bool)
    assert layout["source_url"].startswith("https://") and "11-HD-BTCTW" in layout["source_url"]
    assert [sheet for sheet, *_r in forms] == [f["sheet"] for f in layout["forms"]]
    # An "@" group expands to the levels the records know, so no column is a raw key.
    headers = [label for _s, _t, columns, _n in forms for _key, label in columns]
    assert headers and not any(h.startswith("@") or not h for h in headers)
    # A layout file read again gives the same forms; a changed one changes them.
    changed = tmp_path / "layout.toml"
    text = statforms.LAYOUT_FILE.read_text(encoding="utf-8")
    changed.write_text(text.replace('"Khai trừ"', '"Khai trừ khỏi Đảng"'), encoding="utf-8")
    _data, other = statforms.load_layout(changed)
    assert other[0][2][-1] == ("expelled", "Khai trừ khỏi Đảng") != forms[0][2][-1]
    # Every sheet and the forms page say whether the column order was confirmed.
    download = login("captren").get(f"/cap-tren/{SUPERIOR}/bieu-thong-ke/tai/?ngay=2017-12-31")
    wb = load_workbook(BytesIO(download.content))
    for sheet in wb.worksheets:
        assert sheet["A6"].value.startswith(statforms.layout_note())
    page = login("captren").get(f"/cap-tren/{SUPERIOR}/bieu-thong-ke/?ngay=2017-12-31")
    html = page.content.decode()
    assert f'data-confirmed="{str(layout["confirmed"]).lower()}"' in html
    assert layout["source_url"] in html
