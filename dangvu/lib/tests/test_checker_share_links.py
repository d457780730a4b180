"""Shares written in shapes the reader learned from other organizations' reports: a whole
before "trong đó", "bằng"/"đạt" after a whole the sentence names, "(tỷ lệ p%)", a bare count
before ", chiếm", an age or a rank between a count and its share. Sentences made up here."""

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
