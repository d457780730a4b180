"""Tests for the report checker, text part (pure Python; no database or Django needed)."""

import datetime as dt
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dangvu.lib.checker import (
    CITATION_CODES,
    CODE_TITLES,
    NOTE,
    Finding,
    check_markdown,
    check_text,
    guess_report_date,
)
from dangvu.lib.lexicon import find_slips, terms
from dangvu.lib.reference import MISSING, reference_report_path

REPORT_PATH = reference_report_path()


def codes(text, **kwargs):
    return [f.code for f in check_markdown(text, **kwargs)]


def found(text, code, **kwargs):
    return [f for f in check_markdown(text, **kwargs) if f.code == code]


# --------------------------------------------------------------------------------------------
# The reference report (what the engines find and miss on it is measured by
# bench/checker_reference.py, not required here: nothing is tuned on it)
# --------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def reference_text():
    if REPORT_PATH is None:
        pytest.skip(MISSING)
    return REPORT_PATH.read_text(encoding="utf-8")


def test_reference_report_findings_are_well_formed(reference_text):
    for f in check_markdown(reference_text):
        assert f.location == f"dòng {f.line}"
        assert 0 < len(f.excerpt) <= 120
        assert f.problem and f.suggestion
        assert f.code in CODE_TITLES


def test_reference_report_date_is_guessed_from_its_title(reference_text):
    # It has no place-date line: "Tình hình hoạt động năm 2017 và chương trình công tác năm 2018".
    assert guess_report_date(reference_text) == dt.date(2017, 12, 31)


# --------------------------------------------------------------------------------------------
# A report as dangvu writes it: no findings
# --------------------------------------------------------------------------------------------

GENERATED = """\
ĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH VĨNH LONG
**ĐẢNG ỦY SỞ TÀI CHÍNH**
*
Số 21-BC/ĐU

**ĐẢNG CỘNG SẢN VIỆT NAM**
*Vĩnh Long, ngày 08 tháng 12 năm 2023*

BÁO CÁO

**Kết quả thực hiện nhiệm vụ năm 2023 và**
**phương hướng, nhiệm vụ năm 2024**

I. ĐẶC ĐIỂM, TÌNH HÌNH

Đảng bộ Sở Tài chính được thành lập theo Quyết định số 120-QĐ/ĐUK ngày 01/5/2012 của Ban Thường vụ Đảng ủy Khối các cơ quan tỉnh. Đảng bộ có 05 chi bộ trực thuộc với 47 đảng viên, trong đó 44 đảng viên chính thức và 03 đảng viên dự bị.

*. Về biên chế: Tổng biên chế được giao: 71 biên chế (công chức: 58, viên chức: 13).

- Tổng biên chế có mặt đến thời điểm báo cáo: 66 người. Trong đó:

+ Biên chế hành chính: 55 người (có 21 nữ);

+ Biên chế sự nghiệp: 11 người (có 04 nữ, 01 dân tộc thiểu số);

- Về chuyên môn: Thạc sĩ: 09; Đại học: 54; Cao đẳng: 03.

II. LÃNH ĐẠO THỰC HIỆN NHIỆM VỤ CHÍNH TRỊ

1. Lãnh đạo thực hiện nhiệm vụ chuyên môn

Cấp ủy phối hợp với lãnh đạo Sở chỉ đạo các phòng thực hiện tốt công tác quản lý ngân sách, giá và công sản trên địa bàn tỉnh.

- Tổ chức 06 hội nghị tập huấn (04 hội nghị về quản lý ngân sách, 02 hội nghị về công sản) cho hơn 400 lượt cán bộ tham dự.

2. Công tác phòng, chống tham nhũng, lãng phí

Tiếp tục thực hiện Chỉ thị số 27-CT/TU ngày 10/3/2023 của Ban Thường vụ Tỉnh ủy “về tăng cường công tác phòng, chống tham nhũng, tiêu cực”.

III. CÔNG TÁC GIÁO DỤC CHÍNH TRỊ, TƯ TƯỞNG

1. Học tập, quán triệt nghị quyết

Đảng ủy tổ chức cho cán bộ, đảng viên học tập các nghị quyết của Đảng¹; có 42 đảng viên viết bài thu hoạch.

2. Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh

Có 05 tập thể và 47 cá nhân đăng ký nêu gương, trong đó có 09 đảng viên là lãnh đạo phòng.

IV. LÃNH ĐẠO CÔNG TÁC ĐOÀN THỂ

Công đoàn cơ sở được xếp loại hoàn thành tốt nhiệm vụ; Chi đoàn đạt 95 điểm.

V. CÔNG TÁC XÂY DỰNG TỔ CHỨC ĐẢNG

1. Công tác đảng viên

Kết nạp 02 đảng viên mới và đề nghị công nhận đảng viên chính thức cho 03 đảng viên dự bị.

2. Công tác kiểm tra, giám sát

Ủy ban Kiểm tra Đảng ủy kiểm tra 03 chi bộ, giám sát chuyên đề 07 đảng viên (05 đảng viên là cấp ủy viên, 02 đảng viên là trưởng phòng).

*. Tình hình thu, chi đảng phí năm 2023:

| | |
|---|---|
| + Năm 2022 mang sang | : 3.250.000 đồng |
| + Ngân sách cấp 2023 | : 18.400.000 đồng |
| + Thu đảng phí | : 12.600.000 đồng |
| + Nộp về Đảng ủy cấp trên | : 3.780.000 đồng |
| + Chi hoạt động | : 27.300.000 đồng |
| + Kinh phí còn lại là | : 3.170.000 đồng |

VI. NHẬN XÉT, ĐÁNH GIÁ CHUNG

1. Ưu điểm

Cấp ủy triển khai kịp thời các văn bản của cấp trên đến đảng viên.

VII. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2024

1. Lãnh đạo thực hiện nhiệm vụ chính trị

Chỉ đạo hoàn thành tốt nhiệm vụ quản lý tài chính, ngân sách năm 2024.

2. Công tác xây dựng Đảng

2.1. Nâng cao chất lượng sinh hoạt chi bộ theo Hướng dẫn số 12-HD/BTCTW ngày 16/5/2022 “về nội dung sinh hoạt chi bộ”.

2.2. Họp định kỳ với các đoàn thể; đánh giá, xếp loại chất lượng đảng viên cuối năm.

Trên đây là báo cáo kết quả thực hiện nhiệm vụ năm 2023 và phương hướng năm 2024 của Đảng ủy Sở Tài chính./.

Nơi nhận:
- Đảng ủy Khối các cơ quan tỉnh (b/c);
- Lưu: ĐU.

T/M ĐẢNG ỦY
BÍ THƯ

Nguyễn Văn A

[^1]: Nghị quyết số 27-NQ/TW ngày 09/11/2022 của Ban Chấp hành Trung ương “về tiếp tục xây dựng và hoàn thiện Nhà nước pháp quyền xã hội chủ nghĩa Việt Nam trong giai đoạn mới”.
"""


def test_generated_report_has_no_findings():
    assert check_markdown(GENERATED) == []


def test_generated_report_date_is_its_place_date_line():
    assert guess_report_date(GENERATED) == dt.date(2023, 12, 8)


def test_a_defect_put_into_the_generated_report_is_found_at_its_line():
    lines = GENERATED.splitlines()
    at = lines.index("VI. NHẬN XÉT, ĐÁNH GIÁ CHUNG")
    lines[at] = "V. NHẬN XÉT, ĐÁNH GIÁ CHUNG"
    findings = check_markdown("\n".join(lines))
    assert [(f.code, f.line) for f in findings] == [("numbering_repeat", at + 1)]


# --------------------------------------------------------------------------------------------
# Totals
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "có 04 chi bộ trực thuộc với 47 đảng viên, trong đó 44 đảng viên chính thức và 04 "
        "đảng viên dự bị.",
        "Đảng bộ có 47 đảng viên, trong đó 44 chính thức và 02 dự bị.",  # a complete pair
        "Tổng biên chế được giao: 71 biên chế (công chức: 58, viên chức: 12).",
        "Có mặt 10 người (tại cơ quan: 08; đơn vị sự nghiệp: 03).",  # parts exceed the total
        "Tổng số 40 đồng chí, trong đó 25 nam và 14 nữ.",
        "Tổng số 817 lượt, gồm 700 lượt đảng viên và 100 lượt quần chúng.",
    ],
)
def test_total_that_does_not_match_its_parts_is_found(text):
    findings = found(text, "total_mismatch")
    assert len(findings) == 1
    assert findings[0].line == 1
    assert "không khớp" in findings[0].problem


def test_total_mismatch_message_shows_the_sum():
    (f,) = found("47 đảng viên, trong đó 44 đảng viên chính thức và 04 đảng viên dự bị.",
                 "total_mismatch")  # fmt: skip
    assert "47" in f.problem and "44 + 04 = 48" in f.problem and "lệch 01" in f.suggestion
    assert f.excerpt.startswith("47 đảng viên")


def test_total_before_a_bullet_list_that_does_not_add_up_is_found():
    text = (
        "- Tổng biên chế có mặt: 66 người. Trong đó:\n\n"
        "+ Biên chế hành chính: 55 người (có 21 nữ);\n\n"
        "+ Biên chế sự nghiệp: 10 người (có 04 nữ);\n\n"
        "- Biên chế hợp đồng: 06 người."
    )
    (f,) = found(text, "total_mismatch")
    assert f.line == 1 and "55 + 10 = 65" in f.problem


@pytest.mark.parametrize(
    "text",
    [
        "47 đảng viên, trong đó 44 đảng viên chính thức và 03 đảng viên dự bị.",
        "Tổng biên chế được giao: 71 biên chế (công chức: 58, viên chức: 13).",
        "- Tổng biên chế có mặt: 66 người. Trong đó:\n+ Biên chế hành chính: 55 người;\n"
        "+ Biên chế sự nghiệp: 11 người;\n- Biên chế hợp đồng: 06 người.",
        "có 05 tập thể và 47 cá nhân, trong đó có 35 đảng viên và 12 đoàn viên",
        # The sub-count "02 nữ" belongs to the last part, not to the total.
        "Biên chế hợp đồng: 06 người (tại Sở: 04; đơn vị sự nghiệp: 02, trong đó có 01 nữ).",
        "Trên cơ sở 04 nội dung hạn chế, đã khắc phục được 03, 01 hạn chế còn lại.",
        # Overlapping attributes are never added up.
        "Biên chế sự nghiệp: 11 người (có 04 nữ, 01 dân tộc thiểu số);",
        "59 người, trong đó 18 nữ và 02 dân tộc thiểu số.",
        "30 người (nữ: 12, dân tộc thiểu số: 20).",
        # Categories that may be a partial list: fewer than the total is fine.
        "47 cá nhân, trong đó có 30 đảng viên và 10 đoàn viên.",
        "54 đảng viên, trong đó 10 đồng chí hoàn thành xuất sắc nhiệm vụ và 40 đồng chí "
        "hoàn thành tốt nhiệm vụ.",
        "Nhiệm kỳ 2015-2020 gồm: 07 đồng chí; có 04 chi bộ.",
        # The same category twice is not a division of the total.
        "40 đồng chí, trong đó 25 nữ là đảng viên và 20 nữ là đoàn viên.",
        "05 người (trong đó có 02 nữ).",
    ],
)
def test_consistent_or_uncertain_totals_give_no_finding(text):
    assert found(text, "total_mismatch") == []


# --------------------------------------------------------------------------------------------
# Ledger
# --------------------------------------------------------------------------------------------

LEDGER = """\
| | |
|---|---|
| + Mang sang năm 2022 | : 2.150.000 đồng |
| + Ngân sách cấp 2023 | : 16.300.000 đồng |
| + Thu đảng phí | : 11.800.000 đồng |
| + Nộp về Đảng ủy cấp trên | : 3.540.000 đồng |
| + Chi hoạt động | : 26.710.000 đồng |
| + Kinh phí còn lại là | : {balance} đồng |
"""


def test_balanced_fee_statement_gives_no_finding():
    assert codes(LEDGER.format(balance="0")) == []


def test_fee_statement_that_does_not_balance_is_found():
    (f,) = found(LEDGER.format(balance="1.000"), "ledger_mismatch")
    assert f.line == 8
    assert "1.000" in f.problem and "được 0 đồng" in f.problem


def test_fee_statement_as_bullet_lines():
    text = (
        "+ Mang sang: 100 đồng\n+ Thu đảng phí: 50 đồng\n+ Ngân sách cấp: 10 đồng\n"
        "+ Chi hoạt động: 60 đồng\n+ Còn lại: 100 đồng"
    )
    assert found(text, "ledger_mismatch") == []
    assert len(found(text.replace("Còn lại: 100", "Còn lại: 90"), "ledger_mismatch")) == 1


def test_statement_with_unknown_rows_is_left_alone():
    # "Trích giữ lại" is a share of "Thu", not a separate movement: the sum is not certain.
    text = (
        "+ Mang sang: 100 đồng\n+ Thu đảng phí: 50 đồng\n+ Trích giữ lại: 35 đồng\n"
        "+ Chi hoạt động: 60 đồng\n+ Còn lại: 90 đồng"
    )
    assert found(text, "ledger_mismatch") == []


# --------------------------------------------------------------------------------------------
# Numbering
# --------------------------------------------------------------------------------------------


def test_repeated_roman_heading_is_found():
    text = "I. ĐẶC ĐIỂM\n\nV. NHẬN XÉT\n\nVI. NHẬN XÉT\n\nVI. CHƯƠNG TRÌNH NĂM 2018\n"
    findings = check_markdown(text)
    kinds = [(f.code, f.line) for f in findings]
    assert ("numbering_skip", 3) in kinds  # I -> V
    assert ("numbering_repeat", 7) in kinds
    (repeat,) = [f for f in findings if f.code == "numbering_repeat"]
    assert "“VII”" in repeat.suggestion


@pytest.mark.parametrize("third", ["VI", "VII"])
def test_a_repeated_heading_is_reported_once_whichever_way_the_numbering_goes_on(third):
    text = f"I. MỘT\nII. HAI\nIII. BA\nIV. BỐN\nV. NĂM\nV. SÁU\n{third}. BẢY\n"
    assert [(f.code, f.line) for f in check_markdown(text)] == [("numbering_repeat", 6)]


def test_items_restart_after_each_heading_and_skips_are_found():
    text = "\n".join(
        [
            "I. MỘT",
            "1. Một",
            "2. Hai",
            "II. HAI",
            "1. Một",  # restarts: fine
            "3. Ba",  # skips 2
            "4. Bốn",
            "4. Bốn nữa",  # repeats
        ]
    )
    assert [(f.code, f.line) for f in check_markdown(text)] == [
        ("numbering_skip", 6),
        ("numbering_repeat", 8),
    ]


def test_sub_items_are_numbered_within_their_item():
    good = "\n".join(["2. Công tác Đảng"] + [f"2.{i}. Việc {i}" for i in range(1, 9)])
    text = "1. Một\n" + good
    assert check_markdown(text) == []
    # 2.4, 2.6, 2.6: the first 2.6 should be 2.5; the second is where it should be.
    bad = text.replace("2.5. Việc 5", "2.6. Việc 5")
    findings = check_markdown(bad)
    assert [(f.code, f.line) for f in findings] == [("numbering_skip", 7)]
    assert "“2.5”" in findings[0].suggestion
    wrong_parent = "1. Một\n2. Hai\n3.1. Ba chấm một"
    assert codes(wrong_parent) == ["numbering_parent"]


def test_lettered_items():
    assert codes("1. Một\na) A\nb) B\nc) C\nd) D\nđ) Đ\ne) E") == []
    assert codes("1. Một\na) A\nb) B\nc) C\nd) D\ne) E") == []  # đ may be skipped
    assert codes("1. Một\na) A\nc) C") == ["numbering_skip"]
    assert codes("1. Một\na) A\n2. Hai\na) A lại") == []  # restart under the next item


def test_numbers_that_are_not_numbering_are_ignored():
    text = "\n".join(
        [
            "1. Lãnh đạo",
            "10 cuộc hội nghị được tổ chức.",  # a count at the start of a line
            "2.900 quyển tập được trao tặng.",  # thousands
            "¹ Chỉ thị 04/CT-UBND ngày 24/3/2017.",  # a footnote
            "29/6/2017 là ngày ban hành.",
            "3. tháng đầu năm là quý I.",  # lower case: a sentence
            "Nghị quyết Trung ương 4 (khóa XII).",
            "2. Công tác đoàn thể",
        ]
    )
    assert codes(text) == []


# --------------------------------------------------------------------------------------------
# Citations
# --------------------------------------------------------------------------------------------


def test_party_document_with_state_style_symbol():
    (f,) = check_markdown("Công văn số 415/CV-TU ngày 12/9/2023 về việc chấn chỉnh.")
    assert f.code == "citation_party_state_style"
    assert "415-CV/TU" in f.suggestion
    assert f.excerpt == "Công văn số 415/CV-TU ngày 12/9/2023"


def test_misspelt_type_word_is_reported_once_not_also_as_spelling():
    findings = check_markdown("Chi thị số 27-CT/TU ngày 10/3/2023 của Ban Thường vụ Tỉnh ủy")
    assert [f.code for f in findings] == ["citation_type_typo"]
    assert findings[0].suggestion == "Sửa thành “Chỉ thị”."


def test_impossible_date_and_implausible_term():
    assert codes("Kế hoạch số 33-KH/TU ngày 31/02/2017 của Tỉnh ủy.") == [
        "citation_impossible_date"
    ]
    assert codes("theo Nghị quyết Trung ương 4 (khóa II) năm 2017") == ["citation_term"]


def test_cited_document_dated_after_the_report():
    text = "Thực hiện Kế hoạch số 29-KH/TU ngày 27/11/2017 của Ban Thường vụ Tỉnh ủy."
    assert codes(text, report_date=dt.date(2017, 12, 5)) == []
    (f,) = check_markdown(text, report_date=dt.date(2017, 11, 20))
    assert f.code == "citation_after_report"
    assert "27/11/2017" in f.problem and "20/11/2017" in f.problem


def test_report_date_from_the_place_date_line_is_used():
    text = (
        "*Trà Vinh, ngày 05 tháng 12 năm 2017*\n\nBÁO CÁO\n\n"
        "Thực hiện Kế hoạch số 29-KH/TU ngày 27/12/2017 của Ban Thường vụ Tỉnh ủy."
    )
    assert codes(text) == ["citation_after_report"]


def test_report_date_estimated_from_the_title_says_so():
    text = "BÁO CÁO\nTình hình hoạt động năm 2017\n\nI. ĐẶC ĐIỂM\n\nKế hoạch số 3-KH/TU ngày 05/01/2018."
    (f,) = check_markdown(text)
    assert f.code == "citation_after_report" and "ước tính" in f.problem


def test_abbreviated_type_word_only_when_the_abbreviation_is_wrong():
    assert codes("Biên chế hợp đồng theo NĐ 68 của Chính phủ: 05 người.") == []
    (f,) = check_markdown("Biên chế hợp đồng theo ND 68 của Chính phủ: 05 người.")
    assert f.code == "citation_type_abbreviated" and "“NĐ”" in f.problem


# --------------------------------------------------------------------------------------------
# Report date
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "ĐẢNG CỘNG SẢN VIỆT NAM\nTrà Vinh, ngày 05 tháng 12 năm 2017\nBÁO CÁO",
            dt.date(2017, 12, 5),
        ),
        ("Số 15-BC/ĐU    Hà Nội, ngày 20 tháng 01 năm 2018", dt.date(2018, 1, 20)),
        (
            "BÁO CÁO\nTổng kết công tác năm 2019 và phương hướng năm 2020\nI. KẾT QUẢ",
            dt.date(2019, 12, 31),
        ),
        ("Trà Vinh, ngày 31 tháng 02 năm 2017\nBÁO CÁO\nCông tác năm 2017", dt.date(2017, 12, 31)),
        ("Một văn bản không có ngày tháng.", None),
        ("", None),
    ],
)
def test_guess_report_date(text, expected):
    assert guess_report_date(text) == expected


# --------------------------------------------------------------------------------------------
# Spelling: the lexicon
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("term", terms(), ids=lambda t: t.wrong)
def test_every_lexicon_term_finds_its_example_and_not_its_counter(term):
    assert any(s.term is term for s in find_slips(term.example)), term.example
    if term.counter:
        assert not any(s.term is term for s in find_slips(term.counter)), term.counter
    # The right form is never reported as its own slip.
    fixed = re.sub(re.escape(term.wrong), term.right, term.example, flags=re.IGNORECASE)
    assert not any(s.term is term for s in find_slips(fixed)), fixed


def test_lexicon_entries_are_complete():
    for term in terms():
        assert term.wrong != term.right
        assert term.note and term.kind in ("spelling", "style")


@pytest.mark.parametrize(
    "text, written, meant",
    [
        # A loanword written as one Latin word: no syllable check reads it.
        ("Trạm y tế tổ chức tiêm vacxin phòng sởi cho trẻ.", "vacxin", "vắc xin"),
        # Two edits from the word meant (vowel letter and tone): no one-slip check reaches it.
        ("Hội viên là lực lượng nồng cốt của phong trào.", "nồng cốt", "nòng cốt"),
        # A syllable dropped: "nhiệm" alone before "chính trị".
        ("Tập thể hoàn thành nhiệm chính trị năm 2024.", "nhiệm chính trị", "nhiệm vụ chính trị"),
    ],
)
def test_known_misspellings_beyond_one_slip_are_errors(text, written, meant):
    (f,) = found(text, "spelling")
    assert (f.severity, f.suggestion) == ("lỗi", f"Sửa thành “{meant}”."), written


@pytest.mark.parametrize(
    "text",
    [
        "Nêu cao trách nhiệm chính trị của người đứng đầu.",
        "Đồng chí Chủ nhiệm Chính trị dự hội nghị; cán bộ được tín nhiệm chính trị cao.",
        "Phát huy vai trò nòng cốt; tình cảm nồng nàn, nồng nhiệt.",
        "Tiêm vắc xin đủ mũi.",
        # "dư" begins "dư luận", so "viên dư" is no slip of "viên dự".
        "Đội ngũ cộng tác viên dư luận xã hội được củng cố.",
    ],
)
def test_the_words_those_misspellings_stand_for_are_not_flagged(text):
    assert found(text, "spelling") == []


def test_slip_across_a_line_break_is_found_on_the_line_of_the_wrong_word():
    text = "Chi bộ lãnh đạo công tác\n\nphòng, chống tham nhủng, lãng phí."
    (f,) = check_markdown(text)
    assert (f.code, f.line, f.suggestion) == ("spelling", 3, "Sửa thành “tham nhũng”.")
    text = "Chi bộ lãnh đạo công tác phòng, chống tham\n\nnhủng, lãng phí."
    (f,) = check_markdown(text)
    assert (f.code, f.line, f.suggestion) == ("spelling", 1, "Sửa thành “tham nhũng”.")


def test_slip_keeps_the_case_of_what_was_written():
    (f,) = check_markdown("- Triễn khai kế hoạch của cấp trên.")
    assert f.suggestion == "Sửa thành “Triển khai”."
    (f,) = check_markdown("Chi bộ đã triễn khai kế hoạch của cấp trên.")
    assert f.suggestion == "Sửa thành “triển khai”."


@pytest.mark.parametrize(
    "text",
    [
        "Thực hiện báo cáo tổng hợp định kỳ hằng tháng.",
        "Hồ sơ hợp lệ. Chi bộ xem xét.",
        "phối hợp Mặt trận Tổ quốc tổ chức họp mặt.",
        "Trong năm, chỉ đạo các chi bộ thực hiện tốt nhiệm vụ.",
        "Tiếp tục lãnh, chỉ đạo thực hiện tốt nhiệm vụ; giải ngân vốn các dự án.",
        "đăng 85 tin, bài lên Cổng TTĐT tỉnh.",
    ],
)
def test_correct_text_close_to_a_slip_is_not_reported(text):
    assert codes(text) == []


# --------------------------------------------------------------------------------------------
# Quotes, counts, signature
# --------------------------------------------------------------------------------------------


def test_quotes():
    assert (
        codes("theo Nghị quyết “về tăng cường “tự diễn biến”, “tự chuyển hóa” trong nội bộ”.") == []
    )
    assert codes("tham gia cuộc thi “Tìm hiểu Hiến pháp do Sở Tư pháp tổ chức;") == [
        "quote_unbalanced"
    ]
    assert codes("phong cách Hồ Chí Minh” năm 2017;") == ["quote_unbalanced"]
    # A sentence broken across lines (a page break in the conversion) is read whole.
    assert codes("Chỉ thị “về việc tiếp cận thông tin trên địa bàn\n\ntỉnh”; tiếp tục.") == []


@pytest.mark.parametrize(
    "text, written",
    [
        ("Đảng bộ có 4 chi bộ trực thuộc.", "04 chi bộ"),
        ("Kết nạp 3 đảng viên mới.", "03 đảng viên"),
        ("Có 5 đ/c học lớp bồi dưỡng.", "05 đ/c"),
    ],
)
def test_count_with_one_digit(text, written):
    # House style, not an error (issue 15): reported only when asked for, as a note.
    assert found(text, "count_leading_zero") == []
    (f,) = check_markdown(text, style_notes=True)
    assert f.code == "count_leading_zero"
    assert f.severity == NOTE
    assert f.suggestion.replace(" ", "") == f"Sửa thành “{written}”.".replace(" ", "")


@pytest.mark.parametrize(
    "text",
    [
        "Thực hiện Nghị quyết Trung ương 4 (khóa XII).",
        "Chi bộ 2 có 03 đảng viên; chi ủy chi bộ 1 có 02 biểu hiện.",
        "Hội nghị đảng viên 6 tháng đầu năm 2017.",
        "chiều thứ 5 hàng tuần tổ chức vệ sinh; phong trào 3 trách nhiệm.",
        "Tổ công tác số 5 của Tỉnh ủy; giai đoạn 1 và dự án 2.",
        "Ngày 4/5/2017; 97,5 điểm; 24/24 giờ; lớp 9 người.",
    ],
)
def test_numbers_that_are_not_counts(text):
    assert found(text, "count_leading_zero", style_notes=True) == []


@pytest.mark.parametrize(
    "capacity, expected",
    [
        ("BÍ THƯ", []),
        ("PHÓ BÍ THƯ", []),
        ("Đ. BÍ THƯ", ["signature_capacity"]),
        ("K/T BÍ THƯ", ["signature_capacity"]),
    ],
)
def test_signature_capacity(capacity, expected):
    text = f"Nơi nhận:\n- Lưu: ĐU.\n\nT/M ĐẢNG ỦY\n\n{capacity}\n\nNguyễn Văn A"
    findings = check_markdown(text)
    assert [f.code for f in findings] == expected
    if findings:
        assert findings[0].line == 6 and findings[0].suggestion.endswith("BÍ THƯ”.")


# --------------------------------------------------------------------------------------------
# The API
# --------------------------------------------------------------------------------------------


def test_check_text_numbers_paragraphs_as_given():
    paragraphs = [(3, "I. ĐẶC ĐIỂM"), (7, "Chi bộ đã triễn khai kế hoạch."), (12, "I. LẶP LẠI")]
    findings = check_text(paragraphs, unit="đoạn")
    assert [(f.code, f.location, f.line) for f in findings] == [
        ("spelling", "đoạn 7", 7),
        ("numbering_repeat", "đoạn 12", 12),
    ]


def test_every_finding_code_has_a_title():
    assert set(CITATION_CODES.values()) <= set(CODE_TITLES)
    assert all(title and title[0].isupper() for title in CODE_TITLES.values())


def test_finding_as_dict():
    f = Finding("spelling", "dòng 3", 3, "kỹ niệm", "Sai chính tả.", "Sửa thành “kỷ niệm”.")
    assert f.as_dict() == {
        "code": "spelling",
        "location": "dòng 3",
        "line": 3,
        "excerpt": "kỹ niệm",
        "problem": "Sai chính tả.",
        "suggestion": "Sửa thành “kỷ niệm”.",
        "severity": "lỗi",
    }
    assert f.severity == "lỗi"


def test_decomposed_accents_are_read():
    import unicodedata

    assert codes(unicodedata.normalize("NFD", "Chi bộ đã triễn khai kế hoạch.")) == ["spelling"]


def test_lines_are_counted_by_line_feeds_only():
    findings = check_markdown("Trang 1\fTrang 2\r\nchi bộ đã triễn khai\u2028kế hoạch")
    assert [(f.code, f.line) for f in findings] == [("spelling", 2)]


def test_findings_on_one_line_come_in_text_order():
    text = "Chi bộ triễn khai kế hoạch; phòng, chống tham nhủng; kỹ niệm ngày thành lập Đảng."
    shown = [f.problem.split("“")[1].split("”")[0] for f in check_markdown(text)]
    assert shown == ["triễn khai", "tham nhủng", "kỹ niệm"]


def test_empty_input():
    assert check_text([]) == []
    assert check_markdown("") == []


def test_excerpt_is_bounded_for_long_paragraphs():
    text = ("Tổ chức thực hiện tốt nhiệm vụ. " * 20) + "đã triễn khai " + ("và tiếp tục. " * 20)
    (f,) = check_markdown(text)
    assert len(f.excerpt) <= 120 and "triễn khai" in f.excerpt


# --------------------------------------------------------------------------------------------
# Fuzz
# --------------------------------------------------------------------------------------------

FRAGMENTS = [
    "47 đảng viên, trong đó ", "44 đảng viên chính thức", " và ", "03 ", "(công chức: 58, ",
    "viên chức: 13)", "Trong đó:", "\n", "+ Biên chế hành chính: 55 người", "- ", "VI. ", "2.1. ",
    "a) ", "Chi thị số 12-CT/TW ngày 31/02/2017", "“", "”", "T/M ĐẢNG ỦY\nĐ. BÍ THƯ",
    "| + Mang sang | : 5 đồng |", "| + Còn lại | : 1 đồng |", "Chi đạo", "4 chi bộ",
    "Vĩnh Long, ngày 08 tháng 12 năm 2023", "BÁO CÁO", "năm 2017", "phòng, chống tham\n\nnhủng",
    "\u0301", "İ", "ſ", "K",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(-3, 10**9), st.text()), max_size=8))
def test_check_text_never_raises_on_arbitrary_unicode(paragraphs):
    for f in check_text(paragraphs, unit="đoạn"):
        assert len(f.excerpt) <= 120


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.text(max_size=20), st.sampled_from(FRAGMENTS)), max_size=25))
def test_check_markdown_never_raises_on_report_like_text(parts):
    text = "".join(parts)
    lines = text.count("\n") + 1
    for f in check_markdown(text):
        assert 1 <= f.line <= lines
        assert len(f.excerpt) <= 120


# --------------------------------------------------------------------------------------------
# Issue 15: shapes of text written elsewhere
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Chi bộ có 31 đồng chí, trong đó chính thức 27, dự bị 03.",
        "Tổng số đảng viên là 31 đồng chí, trong đó: đảng viên chính thức 27 đồng chí, "
        "đảng viên dự bị 03 đồng chí.",
        "Tổng số công chức, viên chức: 31 người, trong đó: nam 17, nữ 13.",
        "Chi bộ có 31 đảng viên: 27 đảng viên chính thức, 03 đảng viên dự bị.",
        "Đảng bộ có 31 đảng viên (chính thức 27, dự bị 03).",
        "Tổng số đảng viên: 31 đồng chí; trong đó: nam 17 đồng chí, nữ 13 đồng chí.",
        "Có 31 đảng viên được đánh giá, xếp loại, trong đó: hoàn thành xuất sắc nhiệm vụ 05, "
        "hoàn thành tốt nhiệm vụ 20, hoàn thành nhiệm vụ 04, không hoàn thành nhiệm vụ 01.",
    ],
)
def test_totals_in_every_common_shape(text):
    (f,) = found(text, "total_mismatch")
    assert "31" in f.problem


@pytest.mark.parametrize(
    "text",
    [
        "Chi bộ có 31 đồng chí, trong đó chính thức 28, dự bị 03.",
        "Có 31 đảng viên được đánh giá, trong đó: hoàn thành xuất sắc nhiệm vụ 05, "
        "hoàn thành tốt nhiệm vụ 21, hoàn thành nhiệm vụ 04, không hoàn thành nhiệm vụ 01.",
        "Chi bộ có 31 đảng viên: 28 đảng viên chính thức, 03 đảng viên dự bị.",
        # Parts that are not a known division are not added up without colons.
        "Có 31 đồng chí, trong đó cán bộ trẻ 10, nữ 12.",
        "Kết quả có: 02/13 đảng viên hoàn thành xuất sắc, 11/13 hoàn thành tốt nhiệm vụ.",
    ],
)
def test_totals_that_add_up_or_are_not_divisions(text):
    assert found(text, "total_mismatch") == []


@pytest.mark.parametrize("mark", [".-", "-", " -", ".–", ".", ")"])
def test_roman_headings_in_every_style(mark):
    text = f"I{mark} KẾT QUẢ\nNội dung.\nII{mark} HẠN CHẾ\nNội dung.\nIV{mark} PHƯƠNG HƯỚNG\n"
    (f,) = check_markdown(text)
    assert f.code == "numbering_skip"


def test_items_with_a_dash():
    text = "1- Công tác tư tưởng\nNội dung.\n1- Công tác tổ chức\n"
    assert [f.code for f in check_markdown(text)] == ["numbering_repeat"]


def test_unpaired_straight_quote():
    (f,) = found('Chủ đề "Đoàn kết, kỷ cương, sáng tạo của năm.', "quote_unbalanced")
    assert f.severity == "lỗi"
    assert found('Chủ đề "Đoàn kết" và “Kỷ cương" của năm.', "quote_unbalanced") == []


def test_report_date_is_not_guessed_from_any_year():
    # Not a report (no "BÁO CÁO" title): the years in its first lines date nothing.
    text = "LUẬT TỔ CHỨC\nLuật số 47/2019/QH14 ngày 22 tháng 11 năm 2019 của Quốc hội.\n"
    assert guess_report_date(text) is None
    assert found(text, "citation_after_report") == []


def test_party_quy_dinh_code_is_accepted():
    text = "Căn cứ Quy định số 07-QĐi/TW, ngày 28/8/2018 của Bộ Chính trị."
    assert [f.code for f in check_markdown(text)] == []


def test_style_advice_is_a_note():
    findings = [f for f in check_markdown("Chi bộ 1 có 5 đảng viên.", style_notes=True)]
    assert findings and all(f.severity == NOTE for f in findings)


def test_spelling_engine_findings():
    codes = [f.code for f in check_markdown("Làm tốt công tác của của các đoàn thê.")]
    assert codes.count("spelling") == 2


def test_state_symbol_with_a_lost_hyphen_is_reported_with_the_fix():
    (f,) = check_markdown("Căn cứ Quyết định số 1234/QĐUBND ngày 12/3/2020 của UBND tỉnh.")
    assert (f.code, f.severity) == ("citation_symbol_hyphen_lost", "lỗi")
    assert f.suggestion == "Nên viết 1234/QĐ-UBND."
    assert check_markdown("Căn cứ Quyết định số 1234/QĐ-UBND ngày 12/3/2020 của UBND tỉnh.") == []


# --------------------------------------------------------------------------------------------
# Issue 24: totals written in prose (sentences made up here, in the shapes offices write)
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, shown",
    [
        ("Đảng ủy họp 9 phiên (6 phiên thường kỳ, 2 phiên bất thường).", "06 + 02 = 08"),
        ("Chi bộ đề nghị kỷ luật 5 đảng viên (3 khiển trách, 1 cảnh cáo).", "03 + 01 = 04"),
        ("Đã kỷ luật 14 đảng viên, với hình thức: khiển trách 9, cảnh cáo 6.", "09 + 06 = 15"),
        ("Tổ chức 7 lớp học, gồm 3 lớp cho cán bộ và 3 lớp cho đoàn viên.", "03 + 03 = 06"),
        (
            "Trong 21 đồng chí được trao huy hiệu có 5 đồng chí 50 năm tuổi Đảng; 7 đồng chí "
            "45 năm tuổi Đảng; 8 đồng chí 40 năm tuổi Đảng.",
            "05 + 07 + 08 = 20",
        ),
        (
            "Năm qua mở 10 lớp tập huấn. Trong đó: 4 lớp tập huấn nghiệp vụ, 5 lớp tập huấn "
            "kỹ năng.",
            "04 + 05 = 09",
        ),
        (
            "Tổ chức 11 đợt kiểm tra, trong đó 6 đợt kiểm tra chi bộ, 4 đợt kiểm tra đảng viên.",
            "06 + 04 = 10",
        ),
    ],
)
def test_a_total_in_prose_that_does_not_add_up_says_which_numbers(text, shown):
    (f,) = found(text, "total_mismatch")
    assert shown in f.problem
    assert "lệch 01" in f.suggestion


@pytest.mark.parametrize(
    "text",
    [
        "Đảng ủy họp 9 phiên (6 phiên thường kỳ, 3 phiên bất thường).",
        "Đã kỷ luật 15 đảng viên, với hình thức: khiển trách 9, cảnh cáo 6.",
        "Tổ chức 11 đợt kiểm tra, trong đó 6 đợt kiểm tra chi bộ.",  # one part: a sub-count
        "Kết nạp 12 đảng viên, trong đó 5 đảng viên nữ, 2 đảng viên là người dân tộc.",
        "Chi bộ có 25 đảng viên, trong đó 5 đảng viên 30 năm tuổi Đảng, 2 đảng viên 40 năm.",
        "Tổ chức 8 hội nghị (tăng 2 hội nghị so với năm trước, đạt 100% kế hoạch).",
        "Giới thiệu 30 quần chúng (trong đó 12 quần chúng là đoàn viên) tham gia lớp học.",
        "Kiểm tra 6 chi bộ, với 3 đoàn kiểm tra.",  # other units: not parts of the total
    ],
)
def test_totals_in_prose_that_add_up_or_are_not_divisions(text):
    assert found(text, "total_mismatch") == []


def test_members_counted_as_dang_vien_or_dong_chi_are_one_unit():
    (f,) = found(
        "Chi bộ kỷ luật 7 đảng viên (4 đồng chí khiển trách, 2 đồng chí cảnh cáo).",
        "total_mismatch",
    )
    assert "04 + 02 = 06" in f.problem
    assert found("Tổ chức 7 hội nghị (4 đồng chí dự, 2 đồng chí vắng).", "total_mismatch") == []


def test_an_open_slot_is_an_error():
    text = (
        "I. ĐẶC ĐIỂM, TÌNH HÌNH\n"
        "Chi bộ có 12 đảng viên.\n"
        "[cần bổ sung: kết quả thực hiện nhiệm vụ chuyên môn của đơn vị]\n"
    )
    found = [f for f in check_markdown(text) if f.code == "open_slot"]
    assert len(found) == 1 and found[0].severity == "lỗi" and found[0].line == 3
    assert "kết quả thực hiện nhiệm vụ chuyên môn" in found[0].problem
    assert not [
        f for f in check_markdown("Chi bộ cần bổ sung đảng viên mới.") if f.code == "open_slot"
    ]
