"""Tests for the document-citation parser (pure Python; no database or Django needed)."""

import dataclasses
import json
import re
from typing import NamedTuple

import pytest

from dangvu.lib.citations import Citation, document_key, find_citations, normalise_symbol
from dangvu.lib.reference import MISSING, reference_report_path

REPORT_PATH = reference_report_path()

# The fields compared for every reference; span and warnings are compared separately.
FIELDS = (
    "type",
    "number",
    "symbol",
    "year",
    "type_code",
    "issuer_code",
    "issuer",
    "date",
    "title",
    "style",
    "name",
)


class Ref(NamedTuple):
    """One expected reference: where it starts, where it ends, and what it says."""

    anchor: str  # the text the reference starts with
    until: str | None  # the text it ends with, when longer than the anchor
    fields: dict
    warnings: tuple[str, ...]  # warning codes


def ref(anchor: str, until: str | None = None, *, warnings=(), **fields) -> Ref:
    unknown = set(fields) - set(FIELDS)
    assert not unknown, unknown
    return Ref(anchor, until, {f: fields.get(f) for f in FIELDS}, tuple(warnings))


# Every document reference in the reference report, in order of appearance, footnotes where
# they stand in the file. Built by reading the report; each field is what a reader would write
# down. Fields not given are None.
REPORT_REFERENCES = [
    # I. Đặc điểm, tình hình
    ref(
        "Quyết định số 5383-QĐ/ĐU",
        "Ban Thường vụ Đảng ủy Dân chính Đảng",
        type="Quyết định",
        number="5383",
        symbol="5383-QĐ/ĐU",
        year=2014,
        type_code="QĐ",
        issuer_code="ĐU",
        issuer="Ban Thường vụ Đảng ủy Dân chính Đảng",
        date="2014-04-24",
        style="party",
    ),
    ref(
        "ND 68",
        "Chính phủ",
        type="Nghị định",
        number="68",
        issuer="Chính phủ",
        name="Nghị định 68 của Chính phủ",
        warnings=("type_abbreviated",),
    ),
    # II.1 Lãnh đạo thực hiện nhiệm vụ chính trị. KH 47's quoted subject holds TB 19 and CT 42,
    # so KH 47 gets no title.
    ref(
        "Chỉ thị số 24-CT/TU",
        "địa bàn tỉnh”",
        type="Chỉ thị",
        number="24",
        symbol="24-CT/TU",
        year=2017,
        type_code="CT",
        issuer_code="TU",
        issuer="Ban Thường vụ Tỉnh ủy",
        date="2017-06-29",
        title="về việc tiếp cận, xử lý và chia sẻ thông tin trên mạng xã hội đối với cán bộ, đảng viên, đoàn viên, hội viên trên địa bàn tỉnh",
        style="party",
    ),
    ref(
        "Kế hoạch số 47-KH/TU",
        "Ban Thường vụ Tỉnh ủy",
        type="Kế hoạch",
        number="47",
        symbol="47-KH/TU",
        year=2017,
        type_code="KH",
        issuer_code="TU",
        issuer="Ban Thường vụ Tỉnh ủy",
        date="2017-06-09",
        style="party",
    ),
    ref(
        "Thông báo kết luận số 19-TB/TW",
        "Ban Bí thư",
        type="Thông báo",
        number="19",
        symbol="19-TB/TW",
        year=2016,
        type_code="TB",
        issuer_code="TW",
        issuer="Ban Bí thư",
        date="2016-12-29",
        style="party",
    ),
    ref(
        "Chỉ thị số 42-CT/TW",
        "động xuất bản”",
        type="Chỉ thị",
        number="42",
        symbol="42-CT/TW",
        type_code="CT",
        issuer_code="TW",
        issuer="Ban Bí thư",
        title="về nâng cao chất lượng toàn diện của hoạt động xuất bản",
        style="party",
    ),
    ref(
        "Quyết định số 21/2017/QĐ-UBND",
        "tỉnh Trà Vinh”",
        type="Quyết định",
        number="21",
        symbol="21/2017/QĐ-UBND",
        year=2017,
        type_code="QĐ",
        issuer_code="UBND",
        issuer="UBND tỉnh",
        date="2017-10-24",
        title="Ban hành Quy định về quản lý hoạt động thông tin đối ngoại trên địa bàn tỉnh Trà Vinh",
        style="state",
    ),
    ref(
        "Quyết định số 2058/QĐ-UBND",
        "Chủ tịch Ủy ban nhân dân tỉnh",
        type="Quyết định",
        number="2058",
        symbol="2058/QĐ-UBND",
        year=2017,
        type_code="QĐ",
        issuer_code="UBND",
        issuer="Chủ tịch Ủy ban nhân dân tỉnh",
        date="2017-10-30",
        style="state",
    ),
    ref(
        "Công văn số 124/UBND-NC",
        "Ủy ban nhân dân tỉnh",
        type="Công văn",
        number="124",
        symbol="124/UBND-NC",
        year=2017,
        issuer_code="UBND",
        issuer="Ủy ban nhân dân tỉnh",
        date="2017-01-10",
        style="state",
    ),
    # II.2 Dân vận, quy chế dân chủ
    ref(
        "Nghị định 04/2015/NĐ-CP",
        "Chính phủ",
        type="Nghị định",
        number="04",
        symbol="04/2015/NĐ-CP",
        year=2015,
        type_code="NĐ",
        issuer_code="CP",
        issuer="Chính phủ",
        date="2015-01-09",
        style="state",
    ),
    # Footnote 1: "Chi thị" is misspelt; HD 26 uses BTG where BTGTU is usual (not flagged)
    ref(
        "Chi thị 04/CT-UBND",
        "tỉnh Trà Vinh”",
        type="Chỉ thị",
        number="04",
        symbol="04/CT-UBND",
        year=2017,
        type_code="CT",
        issuer_code="UBND",
        issuer="UBND tỉnh",
        date="2017-03-24",
        title="về việc tăng cường công tác thu ngân sách Nhà nước năm 2017 trên địa bàn tỉnh Trà Vinh",
        style="state",
        warnings=("type_misspelt",),
    ),
    ref(
        "Hướng dẫn số 27-HD/BTGTW",
        "Ban Tuyên giáo Trung ương",
        type="Hướng dẫn",
        number="27",
        symbol="27-HD/BTGTW",
        year=2017,
        type_code="HD",
        issuer_code="BTGTW",
        issuer="Ban Tuyên giáo Trung ương",
        date="2017-02-20",
        style="party",
    ),
    ref(
        "Hướng dẫn số 26-HD/BTG",
        "Ban Tuyên giáo Tỉnh ủy",
        type="Hướng dẫn",
        number="26",
        symbol="26-HD/BTG",
        year=2017,
        type_code="HD",
        issuer_code="BTG",
        issuer="Ban Tuyên giáo Tỉnh ủy",
        date="2017-03-21",
        style="party",
    ),
    ref(
        "Kế hoạch số 37-KH/ĐUK",
        "Đảng ủy Khối các cơ quan",
        type="Kế hoạch",
        number="37",
        symbol="37-KH/ĐUK",
        year=2017,
        type_code="KH",
        issuer_code="ĐUK",
        issuer="Đảng ủy Khối các cơ quan",
        date="2017-04-12",
        style="party",
    ),
    ref(
        "Nghị quyết Trung ương 3 (khóa X)",
        type="Nghị quyết",
        name="Nghị quyết Trung ương 3 (khóa X)",
    ),
    ref(
        "Kế hoạch số 50-KH/TU",
        "Tỉnh ủy Trà Vinh",
        type="Kế hoạch",
        number="50",
        symbol="50-KH/TU",
        year=2017,
        type_code="KH",
        issuer_code="TU",
        issuer="Tỉnh ủy Trà Vinh",
        date="2017-06-26",
        style="party",
    ),
    ref(
        "Kế hoạch số 45-KH/ĐUK",
        "Đảng ủy Khối các cơ quan",
        type="Kế hoạch",
        number="45",
        symbol="45-KH/ĐUK",
        year=2017,
        type_code="KH",
        issuer_code="ĐUK",
        issuer="Đảng ủy Khối các cơ quan",
        date="2017-08-03",
        style="party",
    ),
    ref(
        "Kế hoạch số 1047/KH-STTTT",
        "23/8/2017",
        type="Kế hoạch",
        number="1047",
        symbol="1047/KH-STTTT",
        year=2017,
        type_code="KH",
        issuer_code="STTTT",
        date="2017-08-23",
        style="state",
    ),
    # Footnote 2: three more "Chi thị"
    ref(
        "Chi thị số 19-CT/TU",
        "phương năm 2017”",
        type="Chỉ thị",
        number="19",
        symbol="19-CT/TU",
        year=2017,
        type_code="CT",
        issuer_code="TU",
        issuer="Ban Thường vụ Tỉnh ủy",
        date="2017-02-17",
        title="về công tác quốc phòng, quân sự địa phương năm 2017",
        style="party",
        warnings=("type_misspelt",),
    ),
    ref(
        "Kế hoạch số 33-KH/TU",
        "03/3/2017",
        type="Kế hoạch",
        number="33",
        symbol="33-KH/TU",
        year=2017,
        type_code="KH",
        issuer_code="TU",
        date="2017-03-03",
        style="party",
    ),
    ref(
        "Chi thị số 12-CT/TW",
        "tế quốc tế”",
        type="Chỉ thị",
        number="12",
        symbol="12-CT/TW",
        year=2017,
        type_code="CT",
        issuer_code="TW",
        issuer="Bộ Chính trị",
        date="2017-01-05",
        title="về tăng cường sự lãnh đạo của Đảng đối với công tác bảo đảm an ninh kinh tế trong điều kiện phát triển kinh tế thị trường định hướng xã hội chủ nghĩa và hội nhập kinh tế quốc tế",
        style="party",
        warnings=("type_misspelt",),
    ),
    ref(
        "Chi thị số 02/CT-UBND",
        "Ủy ban nhân dân tỉnh Trà Vinh",
        type="Chỉ thị",
        number="02",
        symbol="02/CT-UBND",
        year=2017,
        type_code="CT",
        issuer_code="UBND",
        issuer="Ủy ban nhân dân tỉnh Trà Vinh",
        date="2017-01-24",
        style="state",
        warnings=("type_misspelt",),
    ),
    ref(
        "Công văn số 110/CAT-C46",
        "đoạn tội phạm”",
        type="Công văn",
        number="110",
        symbol="110/CAT-C46",
        year=2017,
        issuer_code="CAT",
        issuer="Công an tỉnh",
        date="2017-02-28",
        title="về thông báo thủ đoạn tội phạm",
        style="state",
    ),
    ref(
        "Kế hoạch số 09/KH-BCĐ",
        "Vinh năm 2017”",
        type="Kế hoạch",
        number="09",
        symbol="09/KH-BCĐ",
        year=2017,
        type_code="KH",
        issuer_code="BCĐ",
        issuer="Ban Chỉ đạo PCTP, TNXH và Xây dựng phong trào toàn dân bảo vệ ANTQ",
        date="2017-03-22",
        title="về công tác xây dựng phong trào toàn dân bảo vệ ANTQ trên địa bàn tỉnh Trà Vinh năm 2017",
        style="state",
    ),
    ref(
        "Công văn số 281-CV/TU",
        "Tỉnh ủy",
        type="Công văn",
        number="281",
        symbol="281-CV/TU",
        year=2017,
        type_code="CV",
        issuer_code="TU",
        issuer="Tỉnh ủy",
        date="2017-05-04",
        style="party",
    ),
    ref(
        "Công văn số 1339/UBND-NC",
        "UBND tỉnh Trà Vinh",
        type="Công văn",
        number="1339",
        symbol="1339/UBND-NC",
        year=2017,
        issuer_code="UBND",
        issuer="UBND tỉnh Trà Vinh",
        date="2017-04-12",
        style="state",
    ),
    # II.6 Đỡ đầu xã, phường
    ref(
        "Chỉ thị 03-CT/TU",
        "Ban Thường vụ Tỉnh ủy",
        type="Chỉ thị",
        number="03",
        symbol="03-CT/TU",
        year=2011,
        type_code="CT",
        issuer_code="TU",
        issuer="Ban Thường vụ Tỉnh ủy",
        date="2011-05-04",
        style="party",
    ),
    ref(
        "Thông báo số 57-TB/TU",
        "Ban Thường vụ Tỉnh ủy",
        type="Thông báo",
        number="57",
        symbol="57-TB/TU",
        year=2011,
        type_code="TB",
        issuer_code="TU",
        issuer="Ban Thường vụ Tỉnh ủy",
        date="2011-05-04",
        style="party",
    ),
    # II.7 Kỷ luật, kỷ cương hành chính
    ref(
        "Chỉ thị số 20-CT/TU",
        "Ban Thường vụ Tỉnh ủy",
        type="Chỉ thị",
        number="20",
        symbol="20-CT/TU",
        type_code="CT",
        issuer_code="TU",
        issuer="Ban Thường vụ Tỉnh ủy",
        style="party",
    ),
    ref(
        "Kế hoạch số 42-KH/ĐUK",
        "Đảng ủy Khối các cơ quan",
        type="Kế hoạch",
        number="42",
        symbol="42-KH/ĐUK",
        year=2017,
        type_code="KH",
        issuer_code="ĐUK",
        issuer="Đảng ủy Khối các cơ quan",
        date="2017-05-25",
        style="party",
    ),
    ref(
        "Quyết định số 1194/QĐ-UBND",
        "UBND tỉnh",
        type="Quyết định",
        number="1194",
        symbol="1194/QĐ-UBND",
        year=2017,
        type_code="QĐ",
        issuer_code="UBND",
        issuer="UBND tỉnh",
        date="2017-06-30",
        style="state",
    ),
    ref(
        "Chỉ thị số 20-CT/TU",
        "Ban Thường vụ Tỉnh ủy",
        type="Chỉ thị",
        number="20",
        symbol="20-CT/TU",
        year=2017,
        type_code="CT",
        issuer_code="TU",
        issuer="Ban Thường vụ Tỉnh ủy",
        date="2017-04-04",
        style="party",
    ),
    ref(
        "Kế hoạch số 04/KH-UBND",
        "của UBND",
        type="Kế hoạch",
        number="04",
        symbol="04/KH-UBND",
        year=2017,
        type_code="KH",
        issuer_code="UBND",
        issuer="UBND",
        date="2017-02-17",
        style="state",
    ),
    # III.1 Nghị quyết Trung ương 4 (heading first)
    ref(
        "Nghị quyết Trung ương 4 (khóa XI)",
        "đảng hiện nay”",
        type="Nghị quyết",
        title="Một số vấn đề cấp bách về xây dựng đảng hiện nay",
        name="Nghị quyết Trung ương 4 (khóa XI)",
    ),
    ref(
        "Công văn số 323-CV/TU",
        "Ban Thường vụ Tỉnh ủy",
        type="Công văn",
        number="323",
        symbol="323-CV/TU",
        year=2017,
        type_code="CV",
        issuer_code="TU",
        issuer="Ban Thường vụ Tỉnh ủy",
        date="2017-08-08",
        style="party",
    ),
    ref(
        "Nghị quyết Trung ương 4 (khóa XII)",
        type="Nghị quyết",
        name="Nghị quyết Trung ương 4 (khóa XII)",
    ),
    ref(
        "Chỉ thị 05",
        "Bộ Chính trị",
        type="Chỉ thị",
        number="05",
        issuer="Bộ Chính trị",
        name="Chỉ thị 05 của Bộ Chính trị",
    ),
    ref(
        "Kế hoạch số 10-KH/ĐU",
        "Đảng ủy Dân chính Đảng",
        type="Kế hoạch",
        number="10",
        symbol="10-KH/ĐU",
        year=2016,
        type_code="KH",
        issuer_code="ĐU",
        issuer="Đảng ủy Dân chính Đảng",
        date="2016-03-17",
        style="party",
    ),
    ref(
        "Nghị quyết Trung ương 4 (khóa XI)",
        "Đảng hiện nay”",
        type="Nghị quyết",
        title="Một số vấn đề cấp bách về xây dựng Đảng hiện nay",
        name="Nghị quyết Trung ương 4 (khóa XI)",
    ),
    ref(
        "Kế hoạch số 33-KH/ĐU",
        "25/3/2016",
        type="Kế hoạch",
        number="33",
        symbol="33-KH/ĐU",
        year=2016,
        type_code="KH",
        issuer_code="ĐU",
        date="2016-03-25",
        style="party",
    ),
    ref(
        "Nghị quyết Trung ương 4 (khóa XI)",
        "Đảng hiện nay”",
        type="Nghị quyết",
        title="Một số vấn đề cấp bách về xây dựng Đảng hiện nay",
        name="Nghị quyết Trung ương 4 (khóa XI)",
    ),
    # III.3 Học tập và làm theo Bác
    ref(
        "Chỉ thị số 05",
        "Bộ Chính trị",
        type="Chỉ thị",
        number="05",
        issuer="Bộ Chính trị",
        name="Chỉ thị 05 của Bộ Chính trị",
    ),
    # III.4 Tình hình tư tưởng: 328/CV-TU is a Party letter written in State style
    ref(
        "Báo cáo số 203-BC/TU",
        "Ban Thường vụ Tỉnh ủy",
        type="Báo cáo",
        number="203",
        symbol="203-BC/TU",
        year=2017,
        type_code="BC",
        issuer_code="TU",
        issuer="Ban Thường vụ Tỉnh ủy",
        date="2017-08-03",
        style="party",
    ),
    ref(
        "Công văn số 328/CV-TU",
        "16/8/2017",
        type="Công văn",
        number="328",
        symbol="328/CV-TU",
        year=2017,
        type_code="CV",
        issuer_code="TU",
        date="2017-08-16",
        style="state",
        warnings=("party_symbol_state_style",),
    ),
    ref(
        "Hướng dẫn số 06-HD/ĐUK",
        "19/7/2016",
        type="Hướng dẫn",
        number="06",
        symbol="06-HD/ĐUK",
        year=2016,
        type_code="HD",
        issuer_code="ĐUK",
        date="2016-07-19",
        style="party",
    ),
    ref(
        "Kế hoạch số 12-KH/TU",
        "Tỉnh ủy",
        type="Kế hoạch",
        number="12",
        symbol="12-KH/TU",
        year=2016,
        type_code="KH",
        issuer_code="TU",
        issuer="Tỉnh ủy",
        date="2016-03-03",
        style="party",
    ),
    # IV.2 Đoàn Thanh niên (the Youth Union numbers documents the Party way)
    ref(
        "Thông báo số 08-TB/ĐTNC",
        "Ban Chấp hành Đoàn Khối các cơ quan",
        type="Thông báo",
        number="08",
        symbol="08-TB/ĐTNC",
        year=2017,
        type_code="TB",
        issuer_code="ĐTNC",
        issuer="Ban Chấp hành Đoàn Khối các cơ quan",
        date="2017-09-11",
        style="party",
    ),
    # V.1 Xây dựng tổ chức Đảng
    ref(
        "Chỉ thị 05",
        "Bộ Chính trị",
        type="Chỉ thị",
        number="05",
        issuer="Bộ Chính trị",
        name="Chỉ thị 05 của Bộ Chính trị",
    ),
    ref(
        "Nghị quyết Trung ương 4 (khóa XII)",
        type="Nghị quyết",
        name="Nghị quyết Trung ương 4 (khóa XII)",
    ),
    ref(
        "Công văn số 330-CV/ĐUK",
        "Đảng ủy Khối các cơ quan",
        type="Công văn",
        number="330",
        symbol="330-CV/ĐUK",
        year=2017,
        type_code="CV",
        issuer_code="ĐUK",
        issuer="Đảng ủy Khối các cơ quan",
        date="2017-07-20",
        style="party",
    ),
    ref(
        "kế hoạch số 16-KH/BTCTU",
        "Ban Tổ chức Tỉnh ủy",
        type="Kế hoạch",
        number="16",
        symbol="16-KH/BTCTU",
        year=2017,
        type_code="KH",
        issuer_code="BTCTU",
        issuer="Ban Tổ chức Tỉnh ủy",
        date="2017-07-11",
        style="party",
    ),
    ref(
        "Công văn số 369-CV/ĐUK",
        "Đảng ủy Khối",
        type="Công văn",
        number="369",
        symbol="369-CV/ĐUK",
        year=2017,
        type_code="CV",
        issuer_code="ĐUK",
        issuer="Đảng ủy Khối",
        date="2017-10-01",
        style="party",
    ),
    ref(
        "Quy định 76-QĐ/TW",
        "Bộ Chính trị",
        type="Quy định",
        number="76",
        symbol="76-QĐ/TW",
        year=2000,
        type_code="QĐ",
        issuer_code="TW",
        issuer="Bộ Chính trị",
        date="2000-06-15",
        style="party",
    ),
    ref(
        "Kế hoạch số 52-KH/ĐUK",
        "02/11/2017",
        type="Kế hoạch",
        number="52",
        symbol="52-KH/ĐUK",
        year=2017,
        type_code="KH",
        issuer_code="ĐUK",
        date="2017-11-02",
        style="party",
    ),
    ref(
        "Kế hoạch số 51-KH/ĐUK",
        "30/10/2017",
        type="Kế hoạch",
        number="51",
        symbol="51-KH/ĐUK",
        year=2017,
        type_code="KH",
        issuer_code="ĐUK",
        date="2017-10-30",
        style="party",
    ),
    ref(
        "Kế hoạch số 50-KH/ĐUK",
        "16/10/2017",
        type="Kế hoạch",
        number="50",
        symbol="50-KH/ĐUK",
        year=2017,
        type_code="KH",
        issuer_code="ĐUK",
        date="2017-10-16",
        style="party",
    ),
    ref(
        "Thông báo số 11-TB/TCT5",
        "20/11/2017",
        type="Thông báo",
        number="11",
        symbol="11-TB/TCT5",
        year=2017,
        type_code="TB",
        issuer_code="TCT5",
        date="2017-11-20",
        style="party",
    ),
    ref(
        "Nghị quyết Trung ương 4 (khóa XII)",
        type="Nghị quyết",
        name="Nghị quyết Trung ương 4 (khóa XII)",
    ),
    ref(
        "Chỉ thị số 05-CT/TW",
        "Bộ Chính trị",
        type="Chỉ thị",
        number="05",
        symbol="05-CT/TW",
        type_code="CT",
        issuer_code="TW",
        issuer="Bộ Chính trị",
        style="party",
    ),
    ref(
        "Nghị quyết Hội nghị lần thứ năm Ban Chấp hành Trung ương Đảng (khóa XII)",
        type="Nghị quyết",
        name="Nghị quyết Hội nghị lần thứ năm Ban Chấp hành Trung ương Đảng (khóa XII)",
    ),
    ref(
        "Nghị quyết số 02-NQ/ĐUK",
        "trong Đảng bộ”",
        type="Nghị quyết",
        number="02",
        symbol="02-NQ/ĐUK",
        year=2016,
        type_code="NQ",
        issuer_code="ĐUK",
        issuer="Đảng ủy Khối các cơ quan tỉnh",
        date="2016-04-20",
        title="Nâng cao chất lượng công tác triển khai, học tập, quán triệt chỉ thị, nghị quyết của Đảng trong Đảng bộ",
        style="party",
    ),
    ref(
        "Nghị quyết số 03-NQ/ĐUK",
        "bộ cơ sở”",
        type="Nghị quyết",
        number="03",
        symbol="03-NQ/ĐUK",
        year=2016,
        type_code="NQ",
        issuer_code="ĐUK",
        date="2016-04-28",
        title="tăng cường lãnh đạo, thực hiện nhằm nâng cao chất lượng công tác kiểm tra, giám sát của chi bộ, đảng bộ cơ sở",
        style="party",
    ),
    ref(
        "Nghị quyết số 04-NQ/ĐU",
        "bộ cơ sở”",
        type="Nghị quyết",
        number="04",
        symbol="04-NQ/ĐU",
        year=2016,
        type_code="NQ",
        issuer_code="ĐU",
        date="2016-04-28",
        title="về nâng cao chất lượng sinh hoạt chi bộ trực thuộc Đảng bộ cơ sở",
        style="party",
    ),
    ref(
        "Nghị quyết Trung ương 4 (khóa XII)",
        type="Nghị quyết",
        name="Nghị quyết Trung ương 4 (khóa XII)",
    ),
    # Footnote 3: ordinals in words, a dash before the term
    ref(
        "Nghị quyết Hội nghị lần thứ tư Ban Chấp hành Trung ương Đảng (khóa XII)",
        type="Nghị quyết",
        name="Nghị quyết Hội nghị lần thứ tư Ban Chấp hành Trung ương Đảng (khóa XII)",
    ),
    ref(
        "Nghị quyết Trung ương tư (khóa XII)",
        type="Nghị quyết",
        name="Nghị quyết Trung ương tư (khóa XII)",
    ),
    ref(
        "Nghị quyết Hội nghị lần thứ năm Ban Chấp hành Trung ương Đảng – khóa XII",
        type="Nghị quyết",
        name="Nghị quyết Hội nghị lần thứ năm Ban Chấp hành Trung ương Đảng – khóa XII",
    ),
    # Footnote 4: "Trung ương năm khóa XII" is the fifth plenum, not a year
    ref(
        "Nghị quyết Hội nghị lần thứ tư Ban Chấp hành Trung ương Đảng (khóa XII)",
        type="Nghị quyết",
        name="Nghị quyết Hội nghị lần thứ tư Ban Chấp hành Trung ương Đảng (khóa XII)",
    ),
    ref(
        "Nghị quyết Trung ương năm khóa XII",
        type="Nghị quyết",
        name="Nghị quyết Trung ương năm khóa XII",
    ),
    # V.1 continued: QĐ 2186's quoted subject lists three resolutions, so it gets no title
    ref(
        "Quyết định số 2186-QĐ/ĐUK",
        "14/8/2017",
        type="Quyết định",
        number="2186",
        symbol="2186-QĐ/ĐUK",
        year=2017,
        type_code="QĐ",
        issuer_code="ĐUK",
        date="2017-08-14",
        style="party",
    ),
    ref(
        "Nghị quyết số 02-NQ/ĐUK",
        type="Nghị quyết",
        number="02",
        symbol="02-NQ/ĐUK",
        type_code="NQ",
        issuer_code="ĐUK",
        style="party",
    ),
    ref(
        "Nghị quyết số 03-NQ/ĐUK",
        type="Nghị quyết",
        number="03",
        symbol="03-NQ/ĐUK",
        type_code="NQ",
        issuer_code="ĐUK",
        style="party",
    ),
    ref(
        "Nghị quyết số 04-NQ/ĐUK",
        "Đảng ủy Khối các cơ quan tỉnh",
        type="Nghị quyết",
        number="04",
        symbol="04-NQ/ĐUK",
        type_code="NQ",
        issuer_code="ĐUK",
        issuer="Đảng ủy Khối các cơ quan tỉnh",
        style="party",
    ),
    ref(
        "Nghị quyết Trung ương 4 (khóa XII)",
        type="Nghị quyết",
        name="Nghị quyết Trung ương 4 (khóa XII)",
    ),
    ref(
        "Chỉ thị 05-CT/TW",
        "Bộ Chính trị",
        type="Chỉ thị",
        number="05",
        symbol="05-CT/TW",
        type_code="CT",
        issuer_code="TW",
        issuer="Bộ Chính trị",
        style="party",
    ),
    # V.4 Bảo vệ chính trị nội bộ: "Quy\n\nđịnh" is broken across paragraphs
    ref(
        "Quy định số 57-QĐ/TW",
        "nội bộ Đảng”",
        type="Quy định",
        number="57",
        symbol="57-QĐ/TW",
        year=2007,
        type_code="QĐ",
        issuer_code="TW",
        issuer="Bộ Chính trị",
        date="2007-05-03",
        title="Một số vấn đề về bảo vệ chính trị nội bộ Đảng",
        style="party",
    ),
    ref(
        "Hướng dẫn số 11-HD/BTCTW",
        "trị nội bộ”",
        type="Hướng dẫn",
        number="11",
        symbol="11-HD/BTCTW",
        type_code="HD",
        issuer_code="BTCTW",
        issuer="Ban Tổ chức Trung ương",
        title="Một số vấn đề về bảo vệ chính trị nội bộ",
        style="party",
    ),
    ref(
        "Quy\n\nđịnh số 3350-QĐ/TU",
        "nhân nước ngoài”",
        type="Quy định",
        number="3350",
        symbol="3350-QĐ/TU",
        type_code="QĐ",
        issuer_code="TU",
        issuer="Ban Thường vụ Tỉnh ủy",
        title="Quy định về việc quản lý cán bộ, đảng viên đi nước ngoài, có quan hệ với tổ chức, cá nhân nước ngoài",
        style="party",
    ),
    # V.5 Kiểm tra, giám sát: nested quotes inside a title
    ref(
        "Chỉ thị số 10-CT/TU",
        "Ban Thường vụ Tỉnh ủy",
        type="Chỉ thị",
        number="10",
        symbol="10-CT/TU",
        year=2016,
        type_code="CT",
        issuer_code="TU",
        issuer="Ban Thường vụ Tỉnh ủy",
        date="2016-06-15",
        style="party",
    ),
    ref(
        "Nghị quyết Trung ương 4 (khóa XII)",
        "trong nội bộ”",
        type="Nghị quyết",
        title="về tăng cường xây dựng, chỉnh đốn Đảng; ngăn chặn, đẩy lùi sự suy thoái về tư tưởng chính trị, đạo đức, lối sống, những biểu hiện “tự diễn biến”, “tự chuyển hóa” trong nội bộ",
        name="Nghị quyết Trung ương 4 (khóa XII)",
    ),
    ref(
        "Công văn 327-CV/TU",
        "Ban Thường vụ Tỉnh ủy",
        type="Công văn",
        number="327",
        symbol="327-CV/TU",
        year=2017,
        type_code="CV",
        issuer_code="TU",
        issuer="Ban Thường vụ Tỉnh ủy",
        date="2017-08-16",
        style="party",
    ),
    ref(
        "Quy định số 86-QĐ/TW",
        "sát trong Đảng”",
        type="Quy định",
        number="86",
        symbol="86-QĐ/TW",
        year=2017,
        type_code="QĐ",
        issuer_code="TW",
        issuer="Bộ Chính trị",
        date="2017-06-01",
        title="giám sát trong Đảng",
        style="party",
    ),
    # Chương trình công tác năm 2018
    ref(
        "Hướng dẫn số 08-HD/BTCTU",
        "hoạt chi bộ”",
        type="Hướng dẫn",
        number="08",
        symbol="08-HD/BTCTU",
        year=2017,
        type_code="HD",
        issuer_code="BTCTU",
        date="2017-02-02",
        title="về nội dung sinh hoạt chi bộ",
        style="party",
    ),
    ref(
        "Kế hoạch số 29-KH/TU",
        "Ban Thường vụ tỉnh ủy",
        type="Kế hoạch",
        number="29",
        symbol="29-KH/TU",
        year=2017,
        type_code="KH",
        issuer_code="TU",
        issuer="Ban Thường vụ tỉnh ủy",
        date="2017-11-27",
        style="party",
    ),
    ref(
        "Kết luận số 18-KL/TW",
        "Ban Bí thư",
        type="Kết luận",
        number="18",
        symbol="18-KL/TW",
        year=2017,
        type_code="KL",
        issuer_code="TW",
        issuer="Ban Bí thư",
        date="2017-09-22",
        style="party",
    ),
    ref(
        "Chỉ thị 10-CT/TW",
        "hoạt chi bộ”",
        type="Chỉ thị",
        number="10",
        symbol="10-CT/TW",
        type_code="CT",
        issuer_code="TW",
        issuer="Ban Bí thư",
        title="về nâng cao chất lượng sinh hoạt chi bộ",
        style="party",
    ),
    ref(
        "Chỉ thị số 05-CT/TW",
        "Hồ Chí Minh”",
        type="Chỉ thị",
        number="05",
        symbol="05-CT/TW",
        year=2016,
        type_code="CT",
        issuer_code="TW",
        issuer="Bộ Chính trị",
        date="2016-05-15",
        title="về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
        style="party",
    ),
    # 2.4: "(khóa II)" is a typo for XII
    ref(
        "Công văn số 950-CV/BTCTU",
        "Ban Tổ chức Tỉnh ủy",
        type="Công văn",
        number="950",
        symbol="950-CV/BTCTU",
        year=2017,
        type_code="CV",
        issuer_code="BTCTU",
        issuer="Ban Tổ chức Tỉnh ủy",
        date="2017-09-18",
        style="party",
    ),
    ref(
        "Công văn số 389-CV/ĐUK",
        "01/11/2017",
        type="Công văn",
        number="389",
        symbol="389-CV/ĐUK",
        year=2017,
        type_code="CV",
        issuer_code="ĐUK",
        date="2017-11-01",
        style="party",
    ),
    ref(
        "Nghị quyết Trung ương 4 (khóa II)",
        type="Nghị quyết",
        name="Nghị quyết Trung ương 4 (khóa II)",
        warnings=("term_implausible",),
    ),
    # 2.5
    ref(
        "Chỉ thị 10-CT/TU",
        type="Chỉ thị",
        number="10",
        symbol="10-CT/TU",
        type_code="CT",
        issuer_code="TU",
        style="party",
    ),
    ref(
        "Chỉ thị 20-CT/TU",
        type="Chỉ thị",
        number="20",
        symbol="20-CT/TU",
        type_code="CT",
        issuer_code="TU",
        style="party",
    ),
    ref(
        "Nghị quyết Trung ương 4 (khóa XII)",
        type="Nghị quyết",
        name="Nghị quyết Trung ương 4 (khóa XII)",
    ),
]


def _loose(snippet: str) -> re.Pattern:
    """`snippet` as a pattern in which any run of whitespace matches any other."""
    return re.compile(r"\s+".join(re.escape(word) for word in snippet.split()))


def expected_citations(text: str) -> list[tuple]:
    """The table as (start, end, fields..., warning codes), located in `text` in order."""
    out, pos = [], 0
    for r in REPORT_REFERENCES:
        m = _loose(r.anchor).search(text, pos)
        assert m, f"table anchor not in report after {pos}: {r.anchor!r}"
        end = m.end()
        if r.until:
            u = _loose(r.until).search(text, end)
            assert u, f"table end not in report: {r.until!r}"
            end = u.end()
        out.append((m.start(), end, *r.fields.values(), r.warnings))
        pos = end
    return out


def project(c: Citation) -> tuple:
    """A citation in the shape of `expected_citations`."""
    codes = tuple(w.split(":", 1)[0] for w in c.warnings)
    return (c.start, c.end, *(getattr(c, f) for f in FIELDS), codes)


@pytest.fixture(scope="module")
def report() -> str:
    if REPORT_PATH is None:
        pytest.skip(MISSING)
    return REPORT_PATH.read_text(encoding="utf-8")


def one(text: str) -> Citation:
    found = find_citations(text)
    assert len(found) == 1, found
    return found[0]


# --------------------------------------------------------------------------------------------
# The reference report
# --------------------------------------------------------------------------------------------


def test_report_table_size():
    assert len(REPORT_REFERENCES) == 93


def test_report_references_are_found_exactly(report):
    found = [project(c) for c in find_citations(report)]
    expected = expected_citations(report)
    missing = [e for e in expected if e not in found]
    extra = [f for f in found if f not in expected]
    assert not missing and not extra, {"missing": missing, "extra": extra}
    assert found == expected


def test_report_spans_are_the_raw_text(report):
    for c in find_citations(report):
        assert report[c.start : c.end] == c.raw


def test_report_warnings_are_the_known_faults(report):
    warned = {
        c.symbol or c.name: [w.split(":")[0] for w in c.warnings]
        for c in find_citations(report)
        if c.warnings
    }
    assert warned == {
        "Nghị định 68 của Chính phủ": ["type_abbreviated"],  # "ND 68"
        "04/CT-UBND": ["type_misspelt"],
        "19-CT/TU": ["type_misspelt"],
        "12-CT/TW": ["type_misspelt"],
        "02/CT-UBND": ["type_misspelt"],
        "328/CV-TU": ["party_symbol_state_style"],
        "Nghị quyết Trung ương 4 (khóa II)": ["term_implausible"],
    }


def test_report_warning_messages(report):
    by_raw = {c.raw: c for c in find_citations(report)}
    assert by_raw["Công văn số 328/CV-TU ngày 16/8/2017"].warnings == (
        "party_symbol_state_style: Văn bản của Đảng nhưng ký hiệu viết theo kiểu Nhà nước "
        "(328/CV-TU); nên viết 328-CV/TU",
    )
    (term,) = by_raw["Nghị quyết Trung ương 4 (khóa II)"].warnings
    assert term.startswith("term_implausible: ") and "khóa XII?" in term


def test_report_same_documents_share_a_key(report):
    keys = [document_key(c) for c in find_citations(report)]
    # NQ TW 4 khóa XII is cited 10 times, in three spellings; NQ TW 5 three times, in two.
    assert keys.count(("Nghị quyết Trung ương 4 (khóa XII)", None, None)) == 10
    assert keys.count(("Nghị quyết Trung ương 5 (khóa XII)", None, None)) == 3
    assert keys.count(("Chỉ thị 05 của Bộ Chính trị", None, None)) == 3


# --------------------------------------------------------------------------------------------
# Format variants
# --------------------------------------------------------------------------------------------


def test_full_party_reference():
    text = (
        "Thực hiện Chỉ thị số 24-CT/TU ngày 29/6/2017 của Ban Thường vụ Tỉnh ủy "
        "“về việc tiếp cận thông tin”. Tiếp đó"
    )
    c = one(text)
    assert c.raw == (
        "Chỉ thị số 24-CT/TU ngày 29/6/2017 của Ban Thường vụ Tỉnh ủy “về việc tiếp cận thông tin”"
    )
    assert text[c.start : c.end] == c.raw
    assert (c.type, c.number, c.symbol, c.type_code, c.issuer_code) == (
        "Chỉ thị",
        "24",
        "24-CT/TU",
        "CT",
        "TU",
    )
    assert (c.issuer, c.date, c.year, c.style) == (
        "Ban Thường vụ Tỉnh ủy",
        "2017-06-29",
        2017,
        "party",
    )
    assert c.title == "về việc tiếp cận thông tin"
    assert c.name is None and c.warnings == ()


@pytest.mark.parametrize(
    "text",
    [
        "Chỉ thị số 03-CT/TU",
        "Chỉ thị số: 03-CT/TU",
        "Chỉ thị Số:03-CT/TU",
        "Chỉ thị 03-CT/TU",
        "Chỉ thị số 03 - CT/TU",
        "Chỉ thị số 03–CT/TU",
    ],
)
def test_number_word_and_separators(text):
    c = one(text)
    assert (c.symbol, c.number, c.raw) == ("03-CT/TU", "03", text)


def test_official_letter_without_type_code():
    c = one("Công văn Số: 124/UBND-NC ngày 10/01/2017 của Ủy ban nhân dân tỉnh")
    assert (c.symbol, c.type_code, c.issuer_code, c.style) == ("124/UBND-NC", None, "UBND", "state")
    assert c.issuer == "Ủy ban nhân dân tỉnh" and c.warnings == ()


def test_party_letter_without_number_word():
    c = one("Công văn 327-CV/TU ngày 16/8/2017 của Ban Thường vụ Tỉnh ủy về việc chấn chỉnh")
    assert (c.type, c.symbol, c.type_code, c.style) == ("Công văn", "327-CV/TU", "CV", "party")
    assert c.raw.endswith("Tỉnh ủy")


@pytest.mark.parametrize(
    "date",
    [
        " ngày 29/6/2017",
        ", ngày 29/6/2017",
        " ngày 29-6-2017",
        " ngày 29.6.2017",
        " ngày 29/06/2017",
        " ngày 29 tháng 6 năm 2017",
        ", ngày 29 tháng 06 năm 2017",
        " 29/6/2017",
    ],
)
def test_date_forms(date):
    text = f"Kế hoạch số 47-KH/TU{date} của Tỉnh ủy"
    c = one(text + " về việc")
    assert c.date == "2017-06-29" and c.year == 2017
    assert c.issuer == "Tỉnh ủy" and c.raw == text


def test_issuer_before_date():
    c = one("Chỉ thị số 24-CT/TU của Ban Thường vụ Tỉnh ủy ngày 29/6/2017 về việc")
    assert (c.issuer, c.date) == ("Ban Thường vụ Tỉnh ủy", "2017-06-29")
    assert c.raw.endswith("29/6/2017")


def test_state_legal_act_with_year_and_comma():
    c = one("theo Nghị định 04/2015/NĐ-CP, ngày 09/01/2015 của Chính phủ về thực hiện dân chủ")
    assert (c.type, c.number, c.symbol, c.year) == ("Nghị định", "04", "04/2015/NĐ-CP", 2015)
    assert (c.type_code, c.issuer_code, c.issuer) == ("NĐ", "CP", "Chính phủ")
    assert (c.date, c.style) == ("2015-01-09", "state")


def test_year_comes_from_the_state_symbol():
    c = one("Quyết định số 21/2017/QĐ-UBND ngày 24/01/2018")
    assert c.year == 2017 and c.date == "2018-01-24"
    assert [w.split(":")[0] for w in c.warnings] == ["year_mismatch"]


def test_reference_without_date():
    c = one("Tiếp tục thực hiện Chỉ thị số 20-CT/TU của Ban Thường vụ Tỉnh ủy; Kế hoạch")
    assert (c.symbol, c.issuer, c.date, c.year) == ("20-CT/TU", "Ban Thường vụ Tỉnh ủy", None, None)


@pytest.mark.parametrize(
    "text", ["Chỉ thị 05 của Bộ Chính trị", "Chỉ thị số 05 của Bộ Chính trị, có 03 tập thể"]
)
def test_number_without_symbol(text):
    c = one(text)
    assert (c.type, c.number, c.symbol, c.issuer) == ("Chỉ thị", "05", None, "Bộ Chính trị")
    assert c.name == "Chỉ thị 05 của Bộ Chính trị"
    assert (c.style, c.type_code, c.issuer_code) == (None, None, None)


def test_number_without_symbol_but_with_date():
    c = one("Kế hoạch số 12 ngày 03/3/2016 về việc")
    assert (c.number, c.date, c.name) == ("12", "2016-03-03", "Kế hoạch 12")


@pytest.mark.parametrize(
    "text",
    [
        "Nghị quyết số 02-NQ/ĐUK; Nghị quyết số 03-NQ/ĐUK",
        "Nghị quyết số 02-NQ/ĐUK, Nghị quyết số 03-NQ/ĐUK",
        "Nghị quyết số 02-NQ/ĐUK và Nghị quyết số 03-NQ/ĐUK",
    ],
)
def test_lists(text):
    first, second = find_citations(text)
    assert (first.raw, second.raw) == ("Nghị quyết số 02-NQ/ĐUK", "Nghị quyết số 03-NQ/ĐUK")
    assert first.end < second.start


def test_list_sharing_an_issuer_keeps_it_on_the_last():
    cs = find_citations("Chỉ thị 10-CT/TU, Chỉ thị 20-CT/TU của Ban Thường vụ Tỉnh ủy và Kế hoạch")
    assert [(c.symbol, c.issuer) for c in cs] == [
        ("10-CT/TU", None),
        ("20-CT/TU", "Ban Thường vụ Tỉnh ủy"),
    ]
    assert cs[1].raw.endswith("Tỉnh ủy")  # "và" is not part of the issuer


@pytest.mark.parametrize("opening,closing", [("“", "”"), ('"', '"')])
def test_title_quotes(opening, closing):
    c = one(f"Chỉ thị số 42-CT/TW của Ban Bí thư {opening}về nâng cao chất lượng{closing}.")
    assert c.title == "về nâng cao chất lượng"
    assert c.raw.endswith(closing)


def test_title_after_ve():
    c = one("Quy định số 86-QĐ/TW ngày 01/6/2017 của Bộ Chính trị về “giám sát trong Đảng”.")
    assert c.title == "giám sát trong Đảng"


def test_title_markdown_emphasis_is_dropped():
    c = one("Quyết định số 12-QĐ/ĐUK ngày 14/8/2017 “*về giám sát*”")
    assert c.title == "về giám sát"


def test_title_with_nested_quotes():
    c = one("Nghị quyết Trung ương 4 (khóa XII) “về ngăn chặn “tự diễn biến”, “tự chuyển hóa””; x")
    assert c.title == "về ngăn chặn “tự diễn biến”, “tự chuyển hóa”"
    assert c.raw.endswith("hóa””")


def test_title_containing_a_reference_is_left_to_that_reference():
    text = (
        "Kế hoạch số 47-KH/TU ngày 09/6/2017 của Ban Thường vụ Tỉnh ủy “về thực hiện Chỉ thị "
        "số 42-CT/TW của Ban Bí thư “về nâng cao chất lượng”"
    )
    outer, inner = find_citations(text)
    assert outer.title is None and outer.raw.endswith("Tỉnh ủy")
    assert (inner.symbol, inner.title) == ("42-CT/TW", "về nâng cao chất lượng")


def test_unclosed_quote_gives_no_title():
    c = one("Chỉ thị số 42-CT/TW của Ban Bí thư “về nâng cao " + "chất lượng " * 100)
    assert c.title is None and c.raw == "Chỉ thị số 42-CT/TW của Ban Bí thư"


@pytest.mark.parametrize(
    "written,symbol,type_code,issuer_code",
    [
        ("21/2017/QĐ-UBND", "21/2017/QĐ-UBND", "QĐ", "UBND"),
        ("21/2017/qđ-ubnd", "21/2017/QĐ-UBND", "QĐ", "UBND"),
        ("21/2017/QÐ-UBND", "21/2017/QĐ-UBND", "QĐ", "UBND"),  # Ð is the Icelandic eth
        ("21/2017/QĐ - UBND", "21/2017/QĐ-UBND", "QĐ", "UBND"),
        ("37-KH/đuk", "37-KH/ĐUK", "KH", "ĐUK"),
        ("09/KH-BCĐ", "09/KH-BCĐ", "KH", "BCĐ"),
    ],
)
def test_d_with_stroke_and_case_in_codes(written, symbol, type_code, issuer_code):
    c = one(f"Quyết định số {written} ngày 24/10/2017")
    assert (c.symbol, c.type_code, c.issuer_code) == (symbol, type_code, issuer_code)


def test_line_break_inside_the_type_word_and_the_title():
    text = "triển khai Quy\n\nđịnh số 3350-QĐ/TU của Ban Thường vụ Tỉnh ủy về “Quy định về\n\nviệc”"
    c = one(text)
    assert c.raw.startswith("Quy\n\nđịnh") and c.type == "Quy định"
    assert c.title == "Quy định về việc"
    assert c.warnings == ()


@pytest.mark.parametrize(
    "text,type_",
    [
        ("kế hoạch số 16-KH/BTCTU", "Kế hoạch"),
        ("KẾ HOẠCH SỐ 16-KH/BTCTU", "Kế hoạch"),
        ("quyết định số 1194/QĐ-UBND", "Quyết định"),
    ],
)
def test_type_word_case_is_free(text, type_):
    c = one(text)
    assert c.type == type_ and c.warnings == ()


@pytest.mark.parametrize(
    "text,written,type_",
    [
        ("Chi thị 04/CT-UBND ngày 24/3/2017", "Chi thị", "Chỉ thị"),
        ("Chi thị số 19-CT/TU", "Chi thị", "Chỉ thị"),
        ("Quyết đinh số 12/QĐ-UBND", "Quyết đinh", "Quyết định"),
        ("Nghi quyet so 02-NQ/ĐUK", "Nghi quyet", "Nghị quyết"),
    ],
)
def test_misspelt_type_word(text, written, type_):
    c = one(text)
    assert c.type == type_
    assert c.warnings == (
        f"type_misspelt: Tên loại văn bản viết sai chính tả: “{written}”; đúng là “{type_}”",
    )


def test_abbreviated_type_word():
    c = one("Biên chế hợp đồng theo ND 68 của Chính phủ: 05 người")
    assert (c.type, c.number, c.issuer, c.name) == (
        "Nghị định",
        "68",
        "Chính phủ",
        "Nghị định 68 của Chính phủ",
    )
    assert [w.split(":")[0] for w in c.warnings] == ["type_abbreviated"]


def test_abbreviations_are_upper_case_only():
    assert one("theo NÐ 68 của Chính phủ").type == "Nghị định"  # Ð: the eth look-alike
    assert find_citations("theo Nđ 68 của Chính phủ") == []
    assert find_citations("theo nq 68 của Chính phủ") == []


def test_thong_bao_ket_luan_is_a_thong_bao():
    c = one("Thông báo kết luận số 19-TB/TW, ngày 29/12/2016 của Ban Bí thư về")
    assert (c.type, c.type_code, c.date, c.issuer) == (
        "Thông báo",
        "TB",
        "2016-12-29",
        "Ban Bí thư",
    )


@pytest.mark.parametrize(
    "text,type_,type_code,style",
    [
        ("thực hiện 24-CT/TU và", "Chỉ thị", "CT", "party"),
        ("theo 1194/QĐ-UBND.", "Quyết định", "QĐ", "state"),
        ("theo 04/2015/NĐ-CP.", "Nghị định", "NĐ", "state"),
        ("theo 5383-QĐ/ĐU.", None, "QĐ", "party"),  # Quyết định or Quy định: cannot tell
    ],
)
def test_bare_symbol_with_a_known_type_code(text, type_, type_code, style):
    c = one(text)
    assert (c.type, c.type_code, c.style) == (type_, type_code, style)


def test_bare_symbol_needs_a_known_type_code():
    assert find_citations("xem 124/UBND-NC và 110/CAT-C46") == []


# --------------------------------------------------------------------------------------------
# Unnumbered references
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Nghị quyết Trung ương 4 (khóa XII)",
        "Nghị quyết Trung ương 3 (khóa X)",
        "Nghị quyết Trung ương tư (khóa XII)",
        "Nghị quyết Trung ương năm khóa XII",
        "Nghị quyết Hội nghị Trung ương 4 khóa XII",
        "Nghị quyết Hội nghị lần thứ năm Ban Chấp hành Trung ương Đảng (khóa XII)",
        "Nghị quyết Hội nghị lần thứ tư Ban Chấp hành Trung ương Đảng – khóa XII",
        "Nghị quyết Trung ương 7 (khoá XII)",
    ],
)
def test_plenum_resolutions(text):
    c = one(f"thực hiện {text}; và")
    assert (c.type, c.name, c.raw) == ("Nghị quyết", text, text)
    assert (c.number, c.symbol, c.style, c.date, c.warnings) == (None, None, None, None, ())


def test_plenum_resolution_with_title():
    c = one("1. Thực hiện Nghị quyết Trung ương 4 (khóa XI) “Một số vấn đề cấp bách”\n\nTiếp")
    assert (c.name, c.title) == ("Nghị quyết Trung ương 4 (khóa XI)", "Một số vấn đề cấp bách")


@pytest.mark.parametrize(
    "text,type_,year",
    [
        ("Luật Cán bộ, công chức năm 2008", "Luật", 2008),
        ("Luật Phòng, chống tham nhũng năm 2018", "Luật", 2018),
        ("Bộ luật Hình sự năm 2015", "Bộ luật", 2015),
        ("Hiến pháp năm 2013", "Hiến pháp", 2013),
    ],
)
def test_laws_by_name(text, type_, year):
    c = one(f"theo {text}, các")
    assert (c.type, c.name, c.year, c.raw) == (type_, text, year, text)
    assert (c.number, c.symbol) == (None, None)


def test_numbered_law():
    c = one("Luật số 22/2008/QH12")
    assert (c.type, c.symbol, c.year, c.type_code, c.issuer_code) == (
        "Luật",
        "22/2008/QH12",
        2008,
        None,
        "QH12",
    )
    assert c.warnings == ()


# --------------------------------------------------------------------------------------------
# Not citations
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # money, ratios, terms, times, counts
        "quỹ phòng, chống thiên tai năm 2017, với số tiền: 9.512.466 đồng.",
        "21/25 đảng bộ hoàn thành",
        "Ban Chấp hành Đảng bộ Sở, nhiệm kỳ 2015-2020 gồm: 07 đồng chí",
        "nhiệm kỳ 2017 – 2022",
        "hệ thống hoạt động tốt 24/24 giờ.",
        "Cử nhân: 03; Cao cấp: 05; Trung cấp: 22",
        # event dates
        "nhân kỷ niệm ngày Quốc tế Phụ nữ 8/3; các hoạt động",
        "ngày 8/3",
        "nhân dịp Quốc tế Thiếu nhi 01/6/2017;",
        "Báo chí Cách mạng Việt Nam (21/6/1925-21/6/2017) do Báo Trà Vinh tổ chức",
        "ngày Thương binh – Liệt sĩ (27/7/1947– 27/7/2017).",
        "triển khai chương trình công tác quý II/2017;",
        # generic phrases
        "triển khai các văn bản của Đảng và Nhà nước",
        "quán triệt học tập Chỉ thị, Nghị quyết của Đảng",
        "xây dựng Nghị quyết năm 2018.",
        "Ban hành Quyết định công nhận các danh hiệu thi đua",
        "Quyết định chuẩn y Ban Chấp hành; Bí thư, Phó Bí thư",
        "Chương trình hành động của UBND tỉnh về tăng cường cải cách hành chính",
        "Xây dựng 02 kế hoạch thực hiện CTMTQG",
        "tuyên truyền các Nghị định, Quy định,..., nhằm",
        "học tập các chỉ thị, nghị quyết, quy định của Đảng",
        "tham dự Hội nghị lần thứ chín Ban Chấp hành Đảng bộ Khối các cơ quan",
        "Nghị quyết Trung ương năm 2017",
        "01 đ/c học lớp Thạc sĩ Luật kinh tế năm 2017",
        "Luật Đất đai được Quốc hội thông qua năm 2013",
        # numbers that are not document numbers
        "Kế hoạch số 3",
        "Kế hoạch số 3 của các chi bộ",
        "Tổ công tác số 5 của Tỉnh ủy",
        "Biên chế hành chính: 30 người",
        "- Lưu: ĐU.",
    ],
)
def test_not_a_citation(text):
    assert find_citations(text) == []


# --------------------------------------------------------------------------------------------
# Warnings
# --------------------------------------------------------------------------------------------


def codes(c: Citation) -> list[str]:
    return [w.split(":", 1)[0] for w in c.warnings]


def test_party_issuer_in_state_style():
    c = one("Công văn số 328/CV-TU ngày 16/8/2017 về việc")
    assert c.style == "state"
    assert c.warnings == (
        "party_symbol_state_style: Văn bản của Đảng nhưng ký hiệu viết theo kiểu Nhà nước "
        "(328/CV-TU); nên viết 328-CV/TU",
    )


def test_state_issuer_in_party_style():
    c = one("Kế hoạch số 12-KH/UBND ngày 1/2/2017")
    assert codes(c) == ["state_symbol_party_style"]
    assert c.warnings[0].endswith("nên viết 12/KH-UBND")


def test_type_code_mismatch():
    c = one("Chỉ thị 04/QĐ-UBND ngày 24/3/2017")
    assert c.warnings == (
        "type_code_mismatch: Loại văn bản “Chỉ thị” nhưng ký hiệu mang mã QĐ; đúng là CT",
    )


@pytest.mark.parametrize(
    "text",
    [
        "Thông tư số 93/2006/TTLT/BTC-BKHCN của liên Bộ Tài chính - Bộ Khoa học và Công nghệ",
        "Nghị quyết số 09/2008/NQLT-CP-UBTƯMTTQVN",
    ],
)
def test_joint_document_named_by_its_base_type(text):
    assert one(text).warnings == ()


def test_base_type_with_another_code_is_still_a_mismatch():
    assert codes(one("Thông tư số 12/2020/NQLT-BTC-BNV")) == ["type_code_mismatch"]


@pytest.mark.parametrize("text", ["Quy định 76-QĐ/TW", "Quy định số 12/QyĐ-UBND"])
def test_quy_dinh_accepts_both_codes(text):
    assert one(text).warnings == ()


def test_type_code_missing():
    assert one("Quyết định số 124/UBND-NC").warnings == (
        "type_code_missing: Ký hiệu 124/UBND-NC thiếu mã loại văn bản của “Quyết định”; "
        "nên có mã QĐ",
    )


@pytest.mark.parametrize(
    "date,written",
    [
        ("ngày 31/2/2017", "31/2/2017"),
        ("ngày 30/13/2017", "30/13/2017"),
        ("ngày 31 tháng 4 năm 2017", "31/4/2017"),
        ("ngày 0/4/2017", "0/4/2017"),
    ],
)
def test_impossible_date(date, written):
    c = one(f"Chỉ thị số 24-CT/TU {date} của Ban Thường vụ Tỉnh ủy")
    assert c.date is None and c.issuer == "Ban Thường vụ Tỉnh ủy"
    assert c.warnings == (f"date_invalid: Ngày {written} không tồn tại",)


def test_term_two_for_twelve():
    c = one("Công văn ngày 1/11/2017 theo Nghị quyết Trung ương 4 (khóa II).")
    assert codes(c) == ["term_implausible"]
    assert c.warnings[0].endswith("có phải khóa XII?")


def test_old_term_of_plenum_four_suggests_eleven_or_twelve():
    c = one("ngày 1/11/2017: Nghị quyết Trung ương 4 (khóa VII)")
    assert codes(c) == ["term_implausible"] and "XI hoặc XII" in c.warnings[0]


def test_old_term_still_cited_is_accepted():
    assert one("ngày 1/11/2017: Nghị quyết Trung ương 3 (khóa VIII)").warnings == ()


def test_old_term_in_an_old_text_is_accepted():
    assert one("Hà Nội, ngày 5/3/1955. Nghị quyết Trung ương 4 (khóa II)").warnings == ()


@pytest.mark.parametrize("roman", ["XV", "XX", "IIX", "VV"])
def test_term_that_does_not_exist(roman):
    c = one(f"Nghị quyết Trung ương 4 (khóa {roman})")
    assert codes(c) == ["term_invalid"]


def test_term_after_the_date():
    c = one("Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị (khóa XIII) “về đẩy mạnh”")
    assert codes(c) == ["term_after_date"]
    assert c.title == "về đẩy mạnh"  # the term sits between issuer and subject


def test_term_after_issuer_is_part_of_the_span():
    c = one("Chỉ thị 10-CT/TW của Ban Bí thư (khóa X) “về nâng cao”")
    assert c.raw.endswith("(khóa X) “về nâng cao”") and c.warnings == ()


def test_hints_follow_a_semicolon():
    text = "Chi thị 04/QĐ-UBND; Công văn 328/CV-TU; ND 68 của Chính phủ; Nghị quyết Trung ương 4 (khóa II)"
    hints = [w.rpartition("; ")[2] for c in find_citations(text) for w in c.warnings]
    assert hints == [
        "đúng là “Chỉ thị”",
        "đúng là CT",
        "nên viết 328-CV/TU",
        "nên viết đầy đủ “Nghị định”",
        "có phải khóa XII?",
    ]


def test_warnings_are_code_colon_message():
    text = (
        "Chi thị 04/QĐ-UBND ngày 31/2/2017; Công văn 328/CV-TU; Nghị quyết Trung ương 4 (khóa XX)"
    )
    warnings = [w for c in find_citations(text) for w in c.warnings]
    assert len(warnings) == 5
    for w in warnings:
        assert re.fullmatch(r"[a-z_]+: \S.*", w), w


# --------------------------------------------------------------------------------------------
# API
# --------------------------------------------------------------------------------------------


def test_as_dict_is_json_ready_with_stable_keys():
    c = one("Chi thị 04/CT-UBND ngày 24/3/2017 của UBND tỉnh “về thu ngân sách”")
    d = c.as_dict()
    assert list(d) == [
        "start",
        "end",
        "raw",
        "type",
        "number",
        "symbol",
        "year",
        "type_code",
        "issuer_code",
        "issuer",
        "date",
        "title",
        "style",
        "name",
        "warnings",
    ]
    assert json.loads(json.dumps(d, ensure_ascii=False)) == d
    assert d["warnings"] == list(c.warnings) and d["start"] == 0 and d["end"] == len(c.raw)


def test_citation_is_frozen():
    c = one("Chỉ thị 03-CT/TU")
    with pytest.raises(dataclasses.FrozenInstanceError):
        c.number = "04"


def test_empty_text():
    assert find_citations("") == []


@pytest.mark.parametrize(
    "written,normalised",
    [
        ("24-CT/TU", "24-CT/TU"),
        ("24 - CT / TU", "24-CT/TU"),
        ("24–ct/tu", "24-CT/TU"),
        ("21/2017/qđ-ubnd", "21/2017/QĐ-UBND"),
        ("21/2017/QÐ-UBND", "21/2017/QĐ-UBND"),
        ("05/ct-ttg", "05/CT-TTg"),
        ("12-ctr/tu", "12-CTr/TU"),
        ("12/qyđ-ubnd", "12/QyĐ-UBND"),
        ("04/2015/NĐ-CP", "04/2015/NĐ-CP"),
        ("124/ubnd-nc", "124/UBND-NC"),
    ],
)
def test_normalise_symbol(written, normalised):
    assert normalise_symbol(written) == normalised


@pytest.mark.parametrize(
    "a,b",
    [
        ("Công văn số 328/CV-TU ngày 16/8/2017", "Công văn 328-CV/TU ngày 16/8/2017"),
        ("Nghị quyết số 4-NQ/ĐU ngày 28/4/2016", "Nghị quyết số 04-NQ/ĐU, ngày 28/4/2016"),
        ("Quyết định số 21/2017/qđ-ubnd", "Quyết định 21/2017/QĐ-UBND"),
        ("Nghị quyết Trung ương tư (khóa XII)", "Nghị quyết Trung ương 4 (khóa XII)"),
        (
            "Nghị quyết Hội nghị lần thứ năm Ban Chấp hành Trung ương Đảng – khóa XII",
            "Nghị quyết Trung ương năm khóa XII",
        ),
        ("Chỉ thị 05 của Bộ Chính trị", "Chỉ thị số 05 của Bộ Chính trị"),
    ],
)
def test_document_key_same_document(a, b):
    assert document_key(one(a)) == document_key(one(b))


@pytest.mark.parametrize(
    "a,b",
    [
        ("Chỉ thị 24-CT/TU", "Chỉ thị 24-CT/HU"),
        ("Chỉ thị 24-CT/TU ngày 29/6/2017", "Chỉ thị 24-CT/TU ngày 29/6/2012"),
        ("Nghị quyết Trung ương 4 (khóa XII)", "Nghị quyết Trung ương 4 (khóa XI)"),
        ("Nghị quyết Trung ương 4 (khóa XII)", "Nghị quyết Trung ương 5 (khóa XII)"),
        ("Chỉ thị 05 của Bộ Chính trị", "Chỉ thị 05 của Ban Bí thư"),
    ],
)
def test_document_key_different_documents(a, b):
    assert document_key(one(a)) != document_key(one(b))


def test_document_key_shape():
    c = one("Chỉ thị số 24-CT/TU ngày 29/6/2017 của Ban Thường vụ Tỉnh ủy")
    assert document_key(c) == ("24-CT/TU", "TU", "2017-06-29")


# --------------------------------------------------------------------------------------------
# Issue 15: reference practice of other organizations
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, type_, symbol, date",
    [
        ("Luật Đất đai số 45/2013/QH13 ngày 29/11/2013", "Luật", "45/2013/QH13", "2013-11-29"),
        ("Bộ luật Lao động số 45/2019/QH14", "Bộ luật", "45/2019/QH14", None),
        ("Luật số 47/2019/QH14 ngày 22 tháng 11 năm 2019", "Luật", "47/2019/QH14", "2019-11-22"),
        ("Quyết định số 84 QĐ/TWĐTN ngày 22/02/2013", "Quyết định", "84-QĐ/TWĐTN", "2013-02-22"),
        ("kế hoạch số 39/KH/HU ngày 23/11/2017", "Kế hoạch", "39/KH/HU", "2017-11-23"),
        ("Tờ trình số 12/SNV ngày 03/3/2020", "Tờ trình", "12/SNV", "2020-03-03"),
        ("Thông tư liên tịch số 03/2010/TTLT-BNV-BTC-BLĐTB&XH (27/05/2010 )",
         "Thông tư liên tịch", "03/2010/TTLT-BNV-BTC-BLĐTB&XH", "2010-05-27"),
        ("Nghị quyết số 12/NQ-TT.HĐND ngày 5/7/2021", "Nghị quyết", "12/NQ-TT.HĐND", "2021-07-05"),
        ("Chỉ thị số 45-CT/TW ngày22 tháng 7 năm 2010", "Chỉ thị", "45-CT/TW", "2010-07-22"),
        ("Thông báo số 70-TB/TWngày 06 tháng 01 năm 2012", "Thông báo", "70-TB/TW", "2012-01-06"),
        ("Kết lúận số 121-KL/TW, ngàỷ 24/01/2025", "Kết luận", "121-KL/TW", "2025-01-24"),
        ("Quy định số 07-QĐi/TW, ngày 28/8/2018", "Quy định", "07-QĐi/TW", "2018-08-28"),
        ("Nghị định số\n61/2018/NĐ-CP ngày 23 tháng\n4 năm 2018", "Nghị định", "61/2018/NĐ-CP",
         "2018-04-23"),
    ],
)  # fmt: skip
def test_references_written_elsewhere(text, type_, symbol, date):
    c = one(text)
    assert (c.type, c.symbol, c.date) == (type_, symbol, date)


def test_law_named_with_its_date():
    c = one("Căn cứ Luật Viên chức ngày 15 tháng 11 năm 2010;")
    assert (c.type, c.name, c.date, c.year) == (
        "Luật",
        "Luật Viên chức năm 2010",
        "2010-11-15",
        2010,
    )


def test_header_number_without_type_code():
    c = one("ĐẢNG ỦY XÃ A\nSố : 10/ BCTK\nA, ngày 14 tháng 12 năm 2017")
    assert (c.symbol, c.type) == ("10/BCTK", None)


def test_party_code_qdi_is_the_party_quy_dinh():
    c = one("thực hiện 07-QĐi/TW của Bộ Chính trị")
    assert (c.type, c.type_code, c.warnings) == ("Quy định", "QĐi", ())


def test_party_symbol_with_slashes_is_flagged():
    c = one("Kế hoạch số 39/KH/HU")
    assert c.style == "party"
    assert c.warnings[0].startswith("party_symbol_state_style")


def test_national_assembly_resolutions_carry_no_type_code():
    assert one("Nghị quyết số 96/2023/QH15 ngày 23/6/2023").warnings == ()


@pytest.mark.parametrize(
    "text, type_, symbol",
    [
        ("Quyết định số 1234/QĐUBND ngày 12/3/2020", "Quyết định", "1234/QĐ-UBND"),
        ("Nghị quyết số 01/NQCP ngày 01/01/2021", "Nghị quyết", "01/NQ-CP"),
        ("Quyết định 2058/QĐTTg của Thủ tướng", "Quyết định", "2058/QĐ-TTg"),
        ("Thông tư số 10/2019/TTBTC", "Thông tư", "10/2019/TT-BTC"),
        ("Thông tư liên tịch số 05/2015/TTLTBNVBTC", "Thông tư liên tịch", "05/2015/TTLT-BNV-BTC"),
        ("thực hiện 45/KHUBND ngày 2/3/2021", "Kế hoạch", "45/KH-UBND"),
        # The type written in the text is kept, not guessed from the code.
        ("Chương trình hành động số 12/CTrUBND", "Chương trình hành động", "12/CTr-UBND"),
    ],
)
def test_state_symbol_with_a_lost_hyphen(text, type_, symbol):
    c = one(text)
    assert (c.type, c.symbol) == (type_, symbol)
    assert [w.split(":")[0] for w in c.warnings] == ["symbol_hyphen_lost"]
    assert c.warnings[0].endswith(f"nên viết {symbol}")
    written = re.search(r"\d+/[\w/]+", text).group()
    assert document_key(c) == document_key(one(text.replace(written, symbol)))


@pytest.mark.parametrize(
    "text",
    [
        "Công văn số 124/UBND-NC ngày 01/3/2020",  # an official letter: no type code to split
        "Tờ trình số 12/SNV ngày 01/3/2020",  # an issuer alone
        "Luật số 22/2008/QH12",  # the National Assembly's number
    ],
)
def test_codes_that_are_not_glued_are_left_as_written(text):
    c = one(text)
    assert not any(w.startswith("symbol_hyphen_lost") for w in c.warnings)
    assert normalise_symbol(c.symbol) == c.symbol and c.symbol in text


def test_a_glued_code_alone_is_not_a_citation():
    assert find_citations("đạt tỷ lệ 12/KHOA và 3/CTUB") == []


# --------------------------------------------------------------------------------------------
# Amending laws, joint symbols written with a slash, numbers continuing a list (issue 15)
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name", "date", "year"),
    [
        (
            "Căn cứ Luật sửa đổi, bổ sung một số điều của Luật Phòng, chống tham nhũng ngày "
            "20 tháng 11 năm 2018;",
            "Luật sửa đổi, bổ sung một số điều của Luật Phòng, chống tham nhũng năm 2018",
            "2018-11-20",
            2018,
        ),
        (
            "Căn cứ Luật Sửa đổi, bổ sung một số điều của Luật Đầu tư công và Luật\n"
            "Xây dựng ngày 03/12/2021;",
            "Luật Sửa đổi, bổ sung một số điều của Luật Đầu tư công và Luật Xây dựng năm 2021",
            "2021-12-03",
            2021,
        ),
        (
            "thi hành Luật sửa đổi, bổ sung Luật Giáo dục năm 2009.",
            "Luật sửa đổi, bổ sung Luật Giáo dục năm 2009",
            None,
            2009,
        ),
        (
            "Pháp lệnh sửa đổi, bổ sung một số điều của Pháp lệnh Ưu đãi người có công năm 2012",
            "Pháp lệnh sửa đổi, bổ sung một số điều của Pháp lệnh Ưu đãi người có công năm 2012",
            None,
            2012,
        ),
    ],
)
def test_amending_law_is_one_citation_named_by_what_it_amends(text, name, date, year):
    c = one(text)  # the amended laws inside the name are not cited on their own
    assert (c.type, c.name, c.date, c.year) == (
        name.split(" sửa")[0].split(" Sửa")[0],
        name,
        date,
        year,
    )
    assert text[c.start :].startswith(name.split(" ")[0])


def test_amending_law_needs_its_date_or_year():
    # "được" shows the sentence goes on: no date, so neither law is identified.
    assert find_citations("Luật sửa đổi, bổ sung một số điều của Luật Đất đai được thông qua") == []


def test_law_and_ordinance_named_with_a_date():
    law = one("Căn cứ Luật Thanh niên ngày 16/6/2020;")
    assert (law.type, law.name, law.date) == ("Luật", "Luật Thanh niên năm 2020", "2020-06-16")
    ordinance = one("Căn cứ Pháp lệnh Thư viện ngày 28 tháng 12 năm 2000;")
    assert (ordinance.type, ordinance.name, ordinance.date) == (
        "Pháp lệnh",
        "Pháp lệnh Thư viện năm 2000",
        "2000-12-28",
    )


def test_ordinance_on_people_with_merit_keeps_its_name():
    c = one("theo Pháp lệnh Ưu đãi người có công với cách mạng năm 2020;")
    assert c.name == "Pháp lệnh Ưu đãi người có công với cách mạng năm 2020"
    # "có" otherwise ends a name: "có hiệu lực" is what the law does, not what it is called.
    assert find_citations("Luật sửa đổi, bổ sung Luật Giáo dục có hiệu lực ngày 01/7/2020") == []


def test_law_with_a_long_name_and_its_year():
    c = one("Căn cứ Luật Tổ chức Viện kiểm sát nhân dân và Tòa án nhân dân năm 2002;")
    assert c.name == "Luật Tổ chức Viện kiểm sát nhân dân và Tòa án nhân dân năm 2002"


def test_joint_symbol_with_a_slash_after_the_type_code():
    c = one("theo Thông tư liên tịch số 25/2012/TTLT/BYT-BNV ngày 05/9/2012 của Bộ Y tế")
    assert (c.symbol, c.type_code, c.issuer_code, c.year, c.style, c.date) == (
        "25/2012/TTLT/BYT-BNV",
        "TTLT",
        "BYT",
        2012,
        "state",
        "2012-09-05",
    )
    bare = one("thực hiện 25/2012/TTLT/BYT-BNV của liên Bộ")
    assert (bare.type, bare.symbol) == ("Thông tư liên tịch", "25/2012/TTLT/BYT-BNV")


def test_slashes_without_a_year_stay_a_party_symbol():
    c = one("Kế hoạch số 39/KH/HU ngày 02/3/2021")
    assert (c.symbol, c.style) == ("39/KH/HU", "party")


def test_national_assembly_number_continuing_a_list_takes_the_type_before_it():
    found = find_citations("Căn cứ Luật Đầu tư công số 39/2019/QH14; số 64/2020/QH14;")
    assert [(c.type, c.symbol) for c in found] == [
        ("Luật", "39/2019/QH14"),
        ("Luật", "64/2020/QH14"),
    ]
    assert found[1].raw.startswith("số 64")


def test_national_assembly_numbers_listed_after_a_plural_type_word():
    text = "các Nghị quyết của Quốc hội gồm: số 12/2022/QH15 ngày 10/6/2022 về dự toán; và số 34/2022/QH15."
    found = find_citations(text)
    assert [(c.type, c.symbol, c.date) for c in found] == [
        ("Nghị quyết", "12/2022/QH15", "2022-06-10"),
        ("Nghị quyết", "34/2022/QH15", None),
    ]


def test_listed_number_without_a_type_word_in_its_sentence_has_no_type():
    text = "Nghị định số 10/2020/NĐ-CP.\nKết quả đạt 80%; số 3/2020/QH14 còn lại"
    found = find_citations(text)
    assert [(c.type, c.symbol) for c in found] == [
        ("Nghị định", "10/2020/NĐ-CP"),
        (None, "3/2020/QH14"),
    ]


@pytest.mark.parametrize("text", ["tỷ lệ 12/2022; số 4/2021/ABC", "đạt 80%, số 12/2022"])
def test_a_listed_number_needs_a_national_assembly_symbol(text):
    assert find_citations(text) == []


def test_provincial_department_code_glued_to_the_type_code():
    c = one("Tờ trình số 88/TTrSNV ngày 02/3/2023 của Sở Nội vụ")
    assert c.symbol == "88/TTr-SNV"
    assert any(w.startswith("symbol_hyphen_lost") for w in c.warnings)
