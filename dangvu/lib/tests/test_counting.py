"""The reader of counting phrases (issue 24): totals and their parts in prose. Sentences made
up here, in the shapes offices write."""

import pytest

from dangvu.lib import counting
from dangvu.lib.checker import check_markdown


def mismatches(text):
    return [f for f in check_markdown(text) if f.code == "total_mismatch"]


@pytest.mark.parametrize(
    "text, shown",
    [
        # The parts in the next sentence, named otherwise than the total.
        (
            "Dịp này có 15 đảng viên được tặng Huy hiệu Đảng. Trong đó, có 9 đồng chí nhận "
            "Huy hiệu 30 năm tuổi Đảng và 5 đồng chí nhận Huy hiệu 40 năm tuổi Đảng.",
            "09 + 05 = 14",
        ),
        # Label first, then "có N unit".
        (
            "Chi bộ có 12 đảng viên được tặng huy hiệu.\nTrong đó, 30 năm tuổi Đảng có 7 đảng "
            "viên, 40 năm tuổi Đảng có 4 đảng viên.",
            "07 + 04 = 11",
        ),
        # Numbers with a thousands dot do not end the sentence.
        (
            "Đã tặng Huy hiệu Đảng cho 1.205 đảng viên. Trong đó, 1.100 đảng viên được tặng "
            "Huy hiệu Đảng, 104 đảng viên được truy tặng Huy hiệu Đảng.",
            "1100 + 104 = 1204",
        ),
        # Organizations of the two kinds make up the grassroots ones.
        (
            "Đảng bộ huyện có 40 tổ chức cơ sở đảng, bao gồm 12 đảng bộ cơ sở và 27 chi bộ cơ sở.",
            "12 + 27 = 39",
        ),
        (
            "Có 25 tổ chức cơ sở đảng, trong đó có 17 chi bộ và 9 đảng bộ cơ sở.",
            "17 + 09 = 26",
        ),
        # Parentheses a few words after the count, with "gồm:" and semicolons.
        (
            "Kiểm tra 9 tổ chức đảng cấp dưới (gồm: 5 đảng ủy cơ sở; 3 chi ủy, chi bộ).",
            "05 + 03 = 08",
        ),
        (
            "Đã mở 14 lớp học tập nghị quyết (6 lớp cán bộ chủ chốt, 7 lớp ở các chi bộ).",
            "06 + 07 = 13",
        ),
        # The total whose unit the parts are written in, not the nearest count.
        (
            "Có 31 học viên của 9 chi bộ theo học, gồm khối xã: 20 đ/c, khối trường học: 10 đ/c.",
            "20 + 10 = 30",
        ),
        # "Trong tổng số N …, có A …; B … và C …", with a count glued to its unit.
        (
            "Trong tổng số 9 đảng viên được tặng huy hiệu đợt này, có 4 đảng viên 30 năm tuổi "
            "đảng; 3đảng viên 40 năm tuổi đảng và 1 đảng viên 50 năm tuổi đảng.",
            "04 + 03 + 01 = 08",
        ),
        # The forms of discipline, "với các hình thức:" in parentheses.
        (
            "Thi hành kỷ luật 11 đảng viên (với các hình thức: 6 khiển trách; 3 cảnh cáo và "
            "khai trừ 1 trường hợp).",
            "06 + 03 + 01 = 10",
        ),
        # The next sentence opens on the group its total named, with no marker.
        (
            "Đảng ủy xã trao Huy hiệu Đảng cho 15 đảng viên.\nTrong số các đảng viên được nhận "
            "Huy hiệu đợt này có 3 đảng viên 50 năm tuổi Đảng, 5 đảng viên 40 năm tuổi Đảng; 6 "
            "đảng viên 30 năm tuổi Đảng.",
            "03 + 05 + 06 = 14",
        ),
        (
            # The first part names its recipients (with a badge year and commas) before the
            # semicolon that opens the rest: the list goes on after it.
            "Đợt 19/5, Đảng bộ xã Tân Hòa có 26 đảng viên được nhận Huy hiệu Đảng, trong đó có 2 "
            "người nhận huy hiệu 60 năm tuổi Đảng gồm đồng chí Lê Văn Ân, Chi bộ ấp Một và đồng "
            "chí Trần Thị Bé, Chi bộ ấp Ba; có 4 đảng viên nhận huy hiệu 50 năm tuổi Đảng, 19 "
            "đảng viên nhận huy hiệu 40 năm tuổi Đảng.",
            "02 + 04 + 19 = 25",
        ),
        (
            # The four forms a member can get (Điều lệ Đảng, Điều 35): all of them, so the list
            # must make up the total.
            "Năm 2024, toàn huyện thi hành kỷ luật 30 đảng viên.\n\nHình thức kỷ luật đảng viên: "
            "khiển trách 15 (chiếm 50%), cảnh cáo 9 (30%), cách chức 2 (7%), khai trừ 3 (10%).",
            "15 + 09 + 02 + 03 = 29",
        ),
        (
            # The cells under the committees, after "với", are not a part of the grassroots ones.
            "Đảng bộ huyện Tân Lập có 28 cơ sở đảng trực thuộc, gồm 11 đảng bộ và 16 chi bộ cơ "
            "sở với 140 chi bộ trực thuộc đảng bộ cơ sở.",
            "11 + 16 = 27",
        ),
        (
            "Chi bộ đề nghị tặng Huy hiệu Đảng cho 10 đồng chí. Theo đó, 6 đồng chí nhận Huy hiệu "
            "30 năm tuổi Đảng và 3 đồng chí nhận Huy hiệu 40 năm tuổi Đảng.",
            "06 + 03 = 09",
        ),
    ],
)
def test_a_total_that_its_parts_miss_is_found(text, shown):
    (f,) = mismatches(text)
    assert shown in f.problem


@pytest.mark.parametrize(
    "text",
    [
        # The same shape as written: it adds up.
        "Đợt 19/5, Đảng bộ xã Tân Hòa có 25 đảng viên được nhận Huy hiệu Đảng, trong đó có 2 "
        "người nhận huy hiệu 60 năm tuổi Đảng gồm đồng chí Lê Văn Ân, Chi bộ ấp Một và đồng "
        "chí Trần Thị Bé, Chi bộ ấp Ba; có 4 đảng viên nhận huy hiệu 50 năm tuổi Đảng, 19 "
        "đảng viên nhận huy hiệu 40 năm tuổi Đảng.",
        "Năm 2024, toàn huyện thi hành kỷ luật 29 đảng viên.\n\nHình thức kỷ luật đảng viên: "
        "khiển trách 15 (chiếm 52%), cảnh cáo 9 (31%), cách chức 2 (7%), khai trừ 3 (10%).",
        # Three of the four forms: the rest may have got the fourth.
        "Năm 2024, toàn huyện thi hành kỷ luật 30 đảng viên.\n\nHình thức kỷ luật đảng viên: "
        "khiển trách 15, cảnh cáo 9, khai trừ 3.",
        "Đảng bộ huyện Tân Lập có 27 cơ sở đảng trực thuộc, gồm 11 đảng bộ và 16 chi bộ cơ "
        "sở với 140 chi bộ trực thuộc đảng bộ cơ sở.",
        # A heading that names something else opens a new matter: not parts of the total.
        "Các chi bộ tổ chức 52 cuộc sinh hoạt thường kỳ, 11 cuộc sinh hoạt chuyên đề.\n\nKết "
        "quả đánh giá, xếp loại đảng viên: Hoàn thành xuất sắc nhiệm vụ: 04; Hoàn thành tốt "
        "nhiệm vụ: 07; Hoàn thành nhiệm vụ: 02; Không hoàn thành nhiệm vụ: 01.",
        # The same sentences as written: they add up.
        "Dịp này có 14 đảng viên được tặng Huy hiệu Đảng. Trong đó, có 9 đồng chí nhận Huy "
        "hiệu 30 năm tuổi Đảng và 5 đồng chí nhận Huy hiệu 40 năm tuổi Đảng.",
        "Đảng bộ huyện có 39 tổ chức cơ sở đảng, bao gồm 12 đảng bộ cơ sở và 27 chi bộ cơ sở.",
        # Parts that say more, of a total that is not what they divide: some of it only.
        "Chi bộ có 25 đảng viên, trong đó 5 đảng viên 30 năm tuổi Đảng, 2 đảng viên 40 năm.",
        # Two totals before the parts: the parts divide one of them.
        "Đợt này có 30 đảng viên được tặng Huy hiệu Đảng và 4 đảng viên được truy tặng Huy "
        "hiệu Đảng. Trong đó, có 20 đảng viên nhận Huy hiệu 30 năm tuổi Đảng; 10 đảng viên "
        "nhận Huy hiệu 40 năm tuổi Đảng.",
        # A count of organizations, then counts of members of each: not its parts.
        "Có 3 đảng bộ kết nạp vượt kế hoạch. Cụ thể, Đảng bộ xã An Bình kết nạp 12 đảng viên "
        "(đạt 120% kế hoạch); Đảng bộ xã Tân Phú kết nạp 9 đảng viên.",
        # Attributes that overlap, with percentages.
        "Kết nạp 40 đảng viên.\nTrong đó, có 25 đảng viên là nữ, chiếm 62,5%; 30 đảng viên là "
        "đoàn viên thanh niên, chiếm 75%.",
        # A count of another kind of thing closes the list.
        "Đảng bộ có 20 đảng viên, trong đó 18 đảng viên chính thức và 02 đảng viên dự bị, "
        "sinh hoạt ở 03 chi bộ trực thuộc.",
        # The group named again, with no marker: they add up.
        "Đảng ủy xã trao Huy hiệu Đảng cho 14 đảng viên.\nTrong số các đảng viên được nhận "
        "Huy hiệu đợt này có 3 đảng viên 50 năm tuổi Đảng, 5 đảng viên 40 năm tuổi Đảng; 6 "
        "đảng viên 30 năm tuổi Đảng.",
        # The group named again, then "the rest": not all of it.
        "Toàn huyện có 120 đảng viên được tặng Huy hiệu Đảng.\nTrong số đảng viên được tặng đợt "
        "này có 8 đảng viên 60 năm tuổi Đảng; 12 đảng viên 50 năm tuổi Đảng; còn lại là Huy "
        "hiệu 30, 40 năm tuổi Đảng.",
        # "the rest": the list is not all of it.
        "Có 500 đảng viên được tặng huy hiệu. Trong số đó có 20 đảng viên 60 năm tuổi Đảng; 30 "
        "đảng viên 50 năm tuổi Đảng; còn lại là huy hiệu 30, 40 năm tuổi Đảng.",
    ],
)
def test_totals_that_add_up_or_are_not_divided_give_nothing(text):
    assert mismatches(text) == []


def test_the_reader_names_the_total_and_its_parts():
    text = "Tổ chức 8 hội nghị (5 hội nghị ở các chi bộ, 2 hội nghị của Đảng ủy)."
    (d,) = counting.read_totals(text)
    assert (d.total, d.unit, [n for n, _ in d.parts], d.complete) == (8, "hội nghị", [5, 2], True)
    assert text[d.start : d.end].startswith("8 hội nghị")
