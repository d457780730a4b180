"""The forms' sheets as the public copies of 11-HD/BTCTW write them (bench/devset/statforms.md):
the numbers and titles of the forms list, and the header of the committee that makes them — a
superior committee's organization board ("HUYỆN ỦY …" over "BAN TỔ CHỨC", signed by its head),
a grassroots committee under its superior."""

import datetime as dt
from io import BytesIO

import pytest
from openpyxl import load_workbook

from dangvu.orgs.actions import create_org
from dangvu.orgs.models import Organization
from dangvu.superior import statforms

K = Organization.Kind
SINCE = dt.date(2015, 1, 1)
DAY = dt.date(2024, 12, 31)


def _district():
    district = create_org(
        None, kind=K.SUPERIOR_COMMITTEE, name="Huyện ủy Sơn Mai", valid_from=SINCE
    )
    unit = create_org(
        None, kind=K.PARTY_COMMITTEE, name="Đảng bộ xã Mai Lâm", parent=district, valid_from=SINCE
    )
    create_org(None, kind=K.PARTY_CELL, name="Chi bộ thôn Đồng", parent=unit, valid_from=SINCE)
    return district, unit


def _texts(ws):
    return [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]


def test_the_forms_numbers_and_titles_follow_the_forms_list():
    specs = {f["sheet"]: f for f in statforms.form_specs(DAY)}
    # Kiểm điểm is one form of the group numbered 6 (ratings): 6F, not 6.
    assert "6F-BTCTW" in specs and "6-BTCTW" not in specs
    assert specs["3-BTCTW"]["title"] == "THỐNG KÊ ĐỘI NGŨ ĐẢNG VIÊN"
    assert specs["4-BTCTW"]["title"].endswith("THEO DÂN TỘC VÀ TRONG CÁC TÔN GIÁO")
    sources = statforms.layout(DAY)["sources"]
    for spec in specs.values():
        assert spec["title"].startswith("THỐNG KÊ")
        assert spec.get("title_source") in sources, spec["sheet"]


@pytest.mark.django_db
def test_a_superior_signs_as_its_organization_board_a_unit_under_its_superior():
    district, unit = _district()
    wb = load_workbook(BytesIO(statforms.xlsx_bytes(statforms.compute(district, DAY))))
    ws = wb["1-BTCTW"]
    assert (ws["A1"].value, ws["A2"].value) == ("HUYỆN ỦY SƠN MAI", "BAN TỔ CHỨC")
    assert "TRƯỞNG BAN" in _texts(ws)
    assert "nguồn danhmuc" in ws["A6"].value
    assert any(t.startswith("danhmuc: ") for t in _texts(ws))
    assert "6F-BTCTW" in wb.sheetnames
    wb = load_workbook(BytesIO(statforms.xlsx_bytes(statforms.compute(unit, DAY))))
    ws = wb["1-BTCTW"]
    assert (ws["A1"].value, ws["A2"].value) == ("HUYỆN ỦY SƠN MAI", "ĐẢNG BỘ XÃ MAI LÂM")
    assert "BÍ THƯ" in _texts(ws) and "TRƯỞNG BAN" not in _texts(ws)
