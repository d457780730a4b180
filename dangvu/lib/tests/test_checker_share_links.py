"""Shares written in shapes the reader learned from other organizations' reports: a whole
before "trong đó", "bằng"/"đạt" after a whole the sentence names, "(tỷ lệ p%)", a bare count
before ", chiếm", an age or a rank between a count and its share, women and "ĐB" counted as
people, "(chiếm tỷ lệ p%)", a spaced slash, a whole the shares beside a count tell, a sentence
opening on "Trong đó". Sentences made up here."""

import re

import pytest

from dangvu.lib.checker import check_markdown


def shares_found(text):
    return [f for f in check_markdown(text) if f.code == "percent_mismatch"]


SHAPES = [
    # The whole before "trong đó" counts members of the association, the part its Party
    # members; another share beside it (20 of 80 = 25%) shows the shares are of that whole.
    (
        "Chi hội có 80 hội viên, trong đó có 32 đảng viên, chiếm 40%, 20 đồng chí tham gia cấp"
        " ủy, chiếm 25%.",
        "Chi hội có 80 hội viên, trong đó có 32 đảng viên, chiếm 45%, 20 đồng chí tham gia cấp"
        " ủy, chiếm 25%.",
    ),
    # "đạt" after a count whose whole is written before "trong đó", in its own unit.
    (
        "Chi đoàn có 40 đoàn viên, trong đó có 30 đoàn viên tham gia sinh hoạt đều, đạt 75%.",
        "Chi đoàn có 40 đoàn viên, trong đó có 30 đoàn viên tham gia sinh hoạt đều, đạt 70%.",
    ),
    # "đạt hơn p%": a bound after such a whole.
    (
        "Công đoàn có 64 đoàn viên, trong đó có 50 đoàn viên nữ, đạt hơn 78%.",
        "Công đoàn có 64 đoàn viên, trong đó có 50 đoàn viên nữ, đạt hơn 80%.",
    ),
    # "bằng" after a count whose whole the sentence names first.
    (
        "Trong số 50 cấp ủy viên có 12 đồng chí nữ, bằng 24%.",
        "Trong số 50 cấp ủy viên có 12 đồng chí nữ, bằng 20%.",
    ),
    # "(tỷ lệ p%)" in parentheses after the count.
    (
        "Trong số 60 người ứng cử có 21 người là nữ (tỷ lệ 35%).",
        "Trong số 60 người ứng cử có 21 người là nữ (tỷ lệ 30%).",
    ),
    # A bare count after its label, then ", chiếm p%".
    (
        "Đại hội bầu 15 ủy viên; tái cử: 9, chiếm 60%; ứng cử mới: 6, chiếm 40%.",
        "Đại hội bầu 15 ủy viên; tái cử: 9, chiếm 55%; ứng cử mới: 6, chiếm 40%.",
    ),
    # An age range between the count and its share.
    (
        "Chi bộ có 40 đảng viên, trong đó 10 đảng viên từ 18 - 30 tuổi, chiếm 25%.",
        "Chi bộ có 40 đảng viên, trong đó 10 đảng viên từ 18 - 30 tuổi, chiếm 30%.",
    ),
    (
        "Đoàn đại biểu có 36 người; 9 đại biểu dưới 35 tuổi (chiếm 25%).",
        "Đoàn đại biểu có 36 người; 9 đại biểu dưới 35 tuổi (chiếm 20%).",
    ),
    # A rank between the count and its share.
    (
        "Chi bộ có 20 đảng viên; 15 đảng viên tốt nghiệp lớp 12, chiếm 75%.",
        "Chi bộ có 20 đảng viên; 15 đảng viên tốt nghiệp lớp 12, chiếm 70%.",
    ),
    # Women counted bare ("16 nữ") are some of the people counted before them.
    (
        "Trong số 40 người ứng cử có 16 nữ (chiếm 40%).",
        "Trong số 40 người ứng cử có 16 nữ (chiếm 45%).",
    ),
    (
        "Danh sách có 50 người, trong đó có 20 nữ, đạt tỷ lệ 40%.",
        "Danh sách có 50 người, trong đó có 20 nữ, đạt tỷ lệ 44%.",
    ),
    # "ĐB", the short form of "đại biểu", counts people.
    (
        "Có 40 người trúng cử, trong đó có 10 ĐB nữ (25%), 4 ĐB tái cử (10%).",
        "Có 40 người trúng cử, trong đó có 10 ĐB nữ (30%), 4 ĐB tái cử (10%).",
    ),
    # "(chiếm tỷ lệ p%)" after the count.
    (
        "Bầu đủ 30 đại biểu, trong đó 9 đại biểu nữ (chiếm tỷ lệ 30%).",
        "Bầu đủ 30 đại biểu, trong đó 9 đại biểu nữ (chiếm tỷ lệ 35%).",
    ),
    # "thiểu số 5": the "số" of "dân tộc thiểu số" does not make the 5 a number's name.
    (
        "Hội đồng có 25 đại biểu; nữ 8, chiếm 32%; dân tộc thiểu số 5, chiếm 20%.",
        "Hội đồng có 25 đại biểu; nữ 8, chiếm 32%; dân tộc thiểu số 5, chiếm 25%.",
    ),
    # An age range written with "đến" between the count and its share.
    (
        "Chi bộ kết nạp 20 đảng viên, trong đó 15 đảng viên từ 18 đến 30 tuổi (chiếm 75%).",
        "Chi bộ kết nạp 20 đảng viên, trong đó 15 đảng viên từ 18 đến 30 tuổi (chiếm 80%).",
    ),
    # A fraction with a space after its slash.
    ("Nữ đại biểu HĐND: 13/ 52 (25%).", "Nữ đại biểu HĐND: 13/ 52 (30%)."),
    # A whole written two sentences back that every other share beside the count is of.
    (
        "Ban Chấp hành khóa mới có 20 đồng chí. Đại hội bầu 5 đồng chí vào Ban Thường vụ."
        " Trong đó, tái cử: 12, chiếm 60%; mới: 8, chiếm 40%; nữ: 4, chiếm 20%.",
        "Ban Chấp hành khóa mới có 20 đồng chí. Đại hội bầu 5 đồng chí vào Ban Thường vụ."
        " Trong đó, tái cử: 12, chiếm 65%; mới: 8, chiếm 40%; nữ: 4, chiếm 20%.",
    ),
    # A sentence opening on "Trong đó" is some of the last count of the sentence before.
    (
        "Tổng số người trúng cử là 40 người. Trong đó, nữ 12 người (đạt 30%).",
        "Tổng số người trúng cử là 40 người. Trong đó, nữ 12 người (đạt 35%).",
    ),
]


@pytest.mark.parametrize("right, wrong", SHAPES)
def test_a_share_in_these_shapes_is_checked(right, wrong):
    assert shares_found(right) == []
    changed = set(re.findall(r"\d+(?:,\d+)?%", wrong)) - set(re.findall(r"\d+(?:,\d+)?%", right))
    problems = " ".join(f.problem for f in shares_found(wrong))
    assert any(f"không phải {pct}" in problems for pct in changed)


@pytest.mark.parametrize(
    "text",
    [
        # "bằng" with no whole named in its sentence: as often of a target.
        "Chi bộ có 48 đảng viên. Năm qua kết nạp 3 đảng viên, bằng 75%.",
        # Members of another body after "trong đó", no other share of that whole beside them:
        # their share may be of a target the text does not write.
        "Chi hội có 80 hội viên, trong đó có 32 đảng viên, chiếm 45%.",
        "Kết nạp 30 đảng viên, trong đó có 12 đoàn viên (60%).",
        # A number before "trong đó" that is not the whole of what follows it.
        "Chi bộ có 40 đảng viên, sinh hoạt 12 kỳ, trong đó có 9 kỳ chuyên đề, đạt 50%.",
        # A year is no bare count.
        "Chi bộ có 30 đảng viên; kết nạp mới trong năm 2023, chiếm 40%.",
        # "(tỷ lệ p%)" of a count whose whole is not written.
        "Có 21 người là nữ (tỷ lệ 35%).",
        # A last decimal 0 may pad a share rounded to one digit: 133/496 is 26,8%.
        "Có 133/496 đại biểu là nữ, chiếm 26,80%.",
        # Women of a target the text does not write, beside members of another body.
        "Kết nạp 30 đảng viên, trong đó có 12 nữ (60%).",
        # A spaced slash in a date or a document's number is no fraction.
        "Ngày 13/ 5/2023, chi bộ có 100% đảng viên dự họp.",
        "Theo Kế hoạch số 12/ 2023, chi bộ đạt 50% chỉ tiêu.",
        # "100% chi bộ" with no whole written.
        "Đến nay 100% chi bộ đã hoàn thành đại hội, 90% đảng viên dự học nghị quyết.",
        # A year before "nữ" is no count of women.
        "Xã có 3.000 người. Năm 2020 nữ chiếm 30% số lao động.",
        # The sentence before "Trong đó" ends on a year, not a count.
        "Chi bộ kết nạp đảng viên trong năm 2023. Trong đó, nữ 12 người (đạt 30%).",
        # Only one other share agrees with a number written back: no whole is told.
        "Chi bộ có 20 đảng viên. Chi ủy gồm 3 đồng chí. Xếp loại năm qua: khá: 8, chiếm 35%;"
        " giỏi: 9, chiếm 45%.",
    ],
)
def test_shares_of_these_shapes_read_without_certainty_are_left_alone(text):
    assert shares_found(text) == []


def test_a_list_headed_by_an_attribute_is_not_added_up_against_a_total():
    # "…: nữ: 30 người (37,5%); người ngoài Đảng: 8 người …" after a sentence with totals: the
    # "heading" is the label of its first part, an attribute, and the parts cut across.
    text = (
        "Danh sách có 80 người ứng cử, số người do cấp trên giới thiệu là 20 người, địa phương"
        " có 60 người.\nVề cơ cấu, người ứng cử là nữ: 30 người (37,5%); người ngoài Đảng: 8"
        " người (10%); trình độ đại học: 50 người (62,5%)."
    )
    assert [f for f in check_markdown(text) if f.code == "total_mismatch"] == []
