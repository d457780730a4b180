"""The DOCX format checker: silent on dangvu's own output, precise on a wrongly formatted file."""

import dataclasses
import datetime as dt
import io

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Inches, Mm, Pt

from dangvu.lib.docx_format import CODE_TITLES, DocxFormatError, check_docx_format
from dangvu.lib.party_docx import render_docx
from dangvu.lib.rules import rule_in_force
from dangvu.lib.tests.party_sample import sample_document


def saved(document) -> io.BytesIO:
    out = io.BytesIO()
    document.save(out)
    out.seek(0)
    return out


def wrong_document(date_line="Trà Vinh, ngày 5 tháng 2 năm 2017", number="Số: 15-BC/ĐU"):
    """Letter paper, 25 mm margins, Arial 12, a State-style number, no "*", a plain title."""
    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Inches(8.5), Inches(11)
    for side in ("top_margin", "bottom_margin", "left_margin", "right_margin"):
        setattr(section, side, Mm(25))
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = "Arial", Pt(12)
    for text in (
        "ĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH\tĐẢNG CỘNG SẢN VIỆT NAM",
        "ĐẢNG ỦY SỞ THÔNG TIN VÀ TRUYỀN THÔNG",
        f"{number}\t{date_line}",
    ):
        document.add_paragraph(text)
    title = document.add_paragraph("BÁO CÁO")
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_paragraph("Tình hình hoạt động năm 2016").alignment = WD_ALIGN_PARAGRAPH.CENTER
    for i in range(3):
        p = document.add_paragraph(f"Nội dung đoạn {i + 1} của báo cáo.")
        p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    document.add_paragraph("Nơi nhận:")
    document.add_paragraph("- Lưu: ĐU.")
    return document


def by_code(findings):
    codes = {}
    for f in findings:
        codes.setdefault(f.code, []).append(f)
    return codes


def test_dangvus_own_docx_has_no_findings():
    assert check_docx_format(io.BytesIO(render_docx(sample_document()))) == []


@pytest.mark.parametrize("day", [dt.date(2017, 12, 5), dt.date(2019, 1, 9), dt.date(2026, 6, 1)])
def test_no_findings_under_each_rule(day):
    doc = dataclasses.replace(sample_document(12), issued_on=day)
    rule = rule_in_force("document_format", day)
    assert check_docx_format(io.BytesIO(render_docx(doc)), rule) == []


def test_wrong_document_gives_the_expected_findings():
    findings = check_docx_format(saved(wrong_document()))
    codes = by_code(findings)
    assert set(codes) == {
        "format_paper",
        "format_margin",
        "format_font",
        "format_size",
        "format_header_party",
        "format_header_star",
        "format_header_number",
        "format_header_date",
        "format_title",
    }
    (paper,) = codes["format_paper"]
    assert paper.location == "toàn văn bản" and "215,9 × 279,4 mm" in paper.problem
    margins = {f.excerpt for f in codes["format_margin"]}
    assert margins == {"lề trên: 25 mm", "lề dưới: 25 mm", "lề trái: 25 mm", "lề phải: 25 mm"}
    assert any("Đặt lề trái 30 mm." == f.suggestion for f in codes["format_margin"])
    # Arial is reported once, at the first paragraph, with how many paragraphs use it.
    (font,) = codes["format_font"]
    assert font.location == "đoạn 1" and "“Arial”" in font.problem and "10 đoạn" in font.problem
    assert "Times New Roman" in font.suggestion
    (size,) = codes["format_size"]
    assert size.location == "đoạn 6" and "Cỡ chữ phần nội dung 12" in size.problem
    assert "03 đoạn" in size.problem  # the three body paragraphs, not the recipients
    (date,) = codes["format_header_date"]
    assert date.location == "đoạn 3"
    assert "“ngày 05”" in date.problem and "“tháng 02”" in date.problem
    assert date.suggestion == "Sửa thành “Trà Vinh, ngày 05 tháng 02 năm 2017”."
    (number,) = codes["format_header_number"]
    assert number.suggestion == "Sửa thành “Số 15-BC/ĐU”."
    (title,) = codes["format_title"]
    assert title.location == "đoạn 4" and title.excerpt == "BÁO CÁO"
    assert all(f.problem and f.suggestion and f.code in CODE_TITLES for f in findings)
    # Numbered like the report checker's findings, in reading order.
    assert (font.line, title.line, paper.line) == (1, 4, 0)
    assert [f.line for f in findings] == sorted(f.line for f in findings)


def test_month_after_february_takes_no_leading_zero():
    findings = check_docx_format(saved(wrong_document("Trà Vinh, ngày 05 tháng 03 năm 2017")))
    (date,) = by_code(findings)["format_header_date"]
    assert "“tháng 3”" in date.problem
    assert date.suggestion == "Sửa thành “Trà Vinh, ngày 05 tháng 3 năm 2017”."


def test_impossible_and_missing_dates():
    findings = check_docx_format(saved(wrong_document("Trà Vinh, ngày 30 tháng 02 năm 2017")))
    (date,) = by_code(findings)["format_header_date"]
    assert "không có thật" in date.problem
    findings = check_docx_format(saved(wrong_document("Trà Vinh", number="Số 15-BC/ĐU")))
    codes = by_code(findings)
    assert "Thiếu dòng địa danh" in codes["format_header_date"][0].problem
    assert "format_header_number" not in codes


def test_theme_fonts_are_resolved():
    """python-docx's own template writes body text in its theme's minor font, Cambria, which no
    style names outright."""
    document = docx.Document()
    document.add_paragraph("BÁO CÁO")
    document.add_paragraph("Một đoạn văn.")
    fonts = [f for f in check_docx_format(saved(document)) if f.code == "format_font"]
    assert len(fonts) == 1 and "“Cambria”" in fonts[0].problem


def test_a_run_in_another_font_is_found_in_its_paragraph():
    document = docx.Document(io.BytesIO(render_docx(sample_document(12))))
    target = document.paragraphs[9]
    target.add_run(" thêm").font.name = "Courier New"
    findings = check_docx_format(saved(document))
    assert [(f.code, f.location) for f in findings] == [("format_font", "đoạn 10")]
    assert "“Courier New”" in findings[0].problem and "(đoạn," in findings[0].problem


def test_a_body_paragraph_in_11pt_is_reported():
    document = docx.Document(io.BytesIO(render_docx(sample_document(12))))
    for run in document.paragraphs[8].runs:
        run.font.size = Pt(11)
    findings = check_docx_format(saved(document))
    assert [(f.code, f.location) for f in findings] == [("format_size", "đoạn 9")]


def test_not_a_docx():
    with pytest.raises(DocxFormatError, match="không phải tệp Word .docx"):
        check_docx_format(io.BytesIO(b"plain text, not a zip"))


def test_rule_comes_from_the_documents_own_date():
    # 2017: the pre-2018 rule is used; the findings do not depend on today's rule.
    findings = check_docx_format(saved(wrong_document()))
    assert findings  # and it did not raise for lack of a rule in 2017
