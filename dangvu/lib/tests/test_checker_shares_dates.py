"""Percentages against their fractions, days no calendar has, and a Party symbol's issuer code
against the issuer named: sentences made up here, in the shapes offices write."""

import datetime as dt
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dangvu.lib import counting
from dangvu.lib.checker import CODE_TITLES, check_markdown
from dangvu.lib.citations import find_citations


def codes(text, code):
    return [f for f in check_markdown(text) if f.code == code]


# --------------------------------------------------------------------------------------------
# Shares
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Chi bộ Văn phòng có 23/25 đảng viên dự sinh hoạt, đạt 96%.",
        "Có 45/52 tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ (chiếm 91,5%).",
        "Kết quả có 604 tổ chức hoàn thành tốt nhiệm vụ, đạt 89,1% (604/662).",
    ],
)
def test_a_percentage_that_is_not_its_fraction_is_reported(text):
    found = codes(text, "percent_mismatch")
    assert len(found) == 1
    assert found[0].code in CODE_TITLES
    assert "%" in found[0].suggestion


@pytest.mark.parametrize(
    "text",
    [
        "Chi bộ Văn phòng có 23/25 đảng viên dự sinh hoạt, đạt 92%.",
        # Offices both round and cut: 7/32 = 21,875%.
        "Hoàn thành tốt nhiệm vụ 7/32 cơ sở, chiếm tỷ lệ 21,87%.",
        "Hoàn thành tốt nhiệm vụ 7/32 cơ sở, chiếm tỷ lệ 21,88%.",
        "Kết quả có 604 tổ chức hoàn thành tốt nhiệm vụ, đạt 91,2% (604/662).",
        "Có 32/32 cơ sở đảng (100%) được đánh giá.",
        # Not a claim of the exact share.
        "Quân số huấn luyện 30/31 đồng chí, đạt gần 99%.",
        # A day and a month, a document's number, a clause apart.
        "Ngày 26/3 có 50% đoàn viên tham gia.",
        "Theo Kế hoạch số 12/2023, 80% chi bộ đã họp.",
        "Có 21/25 đảng bộ tổ chức đại hội điểm; 100% chi bộ hoàn thành.",
        # A rise is another quantity.
        "Kết nạp 12/15 quần chúng, tăng 20% so với năm trước.",
    ],
)
def test_a_percentage_that_is_its_fraction_or_not_one_is_left_alone(text):
    assert codes(text, "percent_mismatch") == []


def test_the_message_gives_the_exact_share_with_a_decimal_comma():
    (f,) = codes(
        "Có 25/27 đảng viên xếp loại hoàn thành tốt nhiệm vụ, đạt 95,6%.", "percent_mismatch"
    )
    assert "92,59%" in f.problem
    assert "92,6%" in f.suggestion


@settings(max_examples=200, deadline=None)
@given(whole=st.integers(1, 5000), data=st.data())
def test_every_correctly_rounded_share_agrees(whole, data):
    part = data.draw(st.integers(0, whole))
    decimals = data.draw(st.integers(0, 2))
    shown = f"{100 * part / whole:.{decimals}f}".replace(".", ",")
    text = f"Có {part}/{whole} đảng viên tham gia, đạt {shown}%."
    shares = list(counting.read_shares(text))
    assert len(shares) == 1
    assert shares[0].agrees()
    assert codes(text, "percent_mismatch") == []


@settings(max_examples=200, deadline=None)
@given(whole=st.integers(2, 5000), data=st.data())
def test_a_share_off_by_more_than_a_point_never_agrees(whole, data):
    part = data.draw(st.integers(0, whole))
    exact = 100 * part / whole
    shown = data.draw(st.integers(0, 100).filter(lambda p: abs(p - exact) > 1.0 + 1e-9))
    text = f"Có {part}/{whole} chi bộ hoàn thành, chiếm {shown}%."
    assert len(codes(text, "percent_mismatch")) == 1


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "25/27",
                " đạt ",
                "92,6",
                "%",
                " (",
                ")",
                "ngày ",
                "; ",
                "1.205/1.300",
                " gần ",
                "0/0",
                "3/2",
                " ",
                "x",
                "13/ 55",
                "/ ",
            ]
        ),
        max_size=15,
    )
)
def test_the_share_reader_never_fails_and_its_spans_are_sound(pieces):
    text = "".join(pieces)
    for share in counting.read_shares(text):
        assert 0 <= share.start < share.end <= len(text)
        assert "%" in text[share.start : share.end]
        assert 0 < share.whole and 0 <= share.part <= share.whole


# Shapes other organizations write: the share's whole in words, a bound, "tỷ lệ" after the count,
# the whole a few sentences back, a label before a bare count; each right and wrong.
SHAPES = [
    # (right, wrong)
    (
        "Chi ủy khóa mới có 3 trong tổng số 7 đồng chí là nữ (chiếm 42,9%).",
        "Chi ủy khóa mới có 3 trong tổng số 7 đồng chí là nữ (chiếm 52,9%).",
    ),
    (
        "Có 18 trên tổng số 24 hội viên dự sinh hoạt, đạt 75%.",
        "Có 18 trên tổng số 24 hội viên dự sinh hoạt, đạt 78%.",
    ),
    (
        "Có 41/45 đảng viên dự học nghị quyết, đạt tỷ lệ trên 90%.",
        "Có 41/45 đảng viên dự học nghị quyết, đạt tỷ lệ trên 95%.",
    ),
    (
        "Ban Chấp hành có 15 đồng chí, trong đó 4 đồng chí nữ, chiếm hơn 26%.",
        "Ban Chấp hành có 15 đồng chí, trong đó 4 đồng chí nữ, chiếm hơn 30%.",
    ),
    (
        "Có 2/60 đoàn viên xếp loại yếu, dưới 5%.",
        "Có 2/60 đoàn viên xếp loại yếu, dưới 2%.",
    ),
    (
        "Có 59/61 hội viên tham gia, đạt gần 97%.",
        "Có 59/61 hội viên tham gia, đạt gần 90%.",
    ),
    (
        "Đảng bộ có 48/50 chi bộ được đánh giá. Qua đánh giá, 30 chi bộ hoàn thành tốt nhiệm"
        " vụ, tỷ lệ 62,5%.",
        "Đảng bộ có 48/50 chi bộ được đánh giá. Qua đánh giá, 30 chi bộ hoàn thành tốt nhiệm"
        " vụ, tỷ lệ 70%.",
    ),
    (
        "Chi bộ có 36 đảng viên.\nNăm qua chi bộ tổ chức đủ các kỳ sinh hoạt.\nCó 9 đảng viên"
        " nữ, chiếm 25%.",
        "Chi bộ có 36 đảng viên.\nNăm qua chi bộ tổ chức đủ các kỳ sinh hoạt.\nCó 9 đảng viên"
        " nữ, chiếm 30%.",
    ),
    (
        "Tổng số bí thư chi bộ là 20 người. Trong đó, tái cử 15 (chiếm 75%); lần đầu 5 (25%).",
        "Tổng số bí thư chi bộ là 20 người. Trong đó, tái cử 15 (chiếm 70%); lần đầu 5 (25%).",
    ),
    (
        "Xếp loại Giỏi 5 đồng chí, chiếm 25%; Khá 15 đồng chí, chiếm 75%.",
        "Xếp loại Giỏi 5 đồng chí, chiếm 30%; Khá 15 đồng chí, chiếm 70%.",
    ),
    # Two shares of one unwritten whole, one moved: the other still tells the whole (20).
    (
        "Chi hội có nam 12 hội viên, chiếm 60%; nữ 8 hội viên, chiếm 40%.",
        "Chi hội có nam 12 hội viên, chiếm 70%; nữ 8 hội viên, chiếm 40%.",
    ),
    (
        "Hội có 120 hội viên, trong đó 30 đồng chí là đảng viên, tương đương 25%.",
        "Hội có 120 hội viên, trong đó 30 đồng chí là đảng viên, tương đương 35%.",
    ),
    (
        "Đảng bộ có 200 đảng viên; 30 đảng viên là người hoạt động không chuyên trách thôn,"
        " bản, (ấp, khóm), chiếm 15%.",
        "Đảng bộ có 200 đảng viên; 30 đảng viên là người hoạt động không chuyên trách thôn,"
        " bản, (ấp, khóm), chiếm 18%.",
    ),
    (
        "Kết nạp được 40 đảng viên mới, trong đó có 18 nữ (30%), 24 đoàn viên (40%), 6 người"
        " dân tộc thiểu số (10%).",
        "Kết nạp được 40 đảng viên mới, trong đó có 18 nữ (30%), 24 đoàn viên (40%), 6 người"
        " dân tộc thiểu số (20%).",
    ),
    (
        # "đạt" after a count whose whole its sentence names first.
        "Trong tổng số 48 đảng viên của chi bộ, có 42 đảng viên hoàn thành tốt nhiệm vụ, đạt 87,5%.",
        "Trong tổng số 48 đảng viên của chi bộ, có 42 đảng viên hoàn thành tốt nhiệm vụ, đạt 82,5%.",
    ),
    (
        # Holders of an office counted among the people elected.
        "Tổng số bí thư chi bộ được bầu là 16 người. Có 12 bí thư tái cử (75%).",
        "Tổng số bí thư chi bộ được bầu là 16 người. Có 12 bí thư tái cử (70%).",
    ),
]


@pytest.mark.parametrize("right, wrong", SHAPES)
def test_shapes_of_other_organizations_right_and_wrong(right, wrong):
    assert codes(right, "percent_mismatch") == []
    # The finding names a percentage the wrong sentence changed (two shares of one whole moved
    # together are both wrong: "Giỏi … 30%; Khá … 70%" of 20).
    changed = set(re.findall(r"\d+(?:,\d+)?%", wrong)) - set(re.findall(r"\d+(?:,\d+)?%", right))
    problems = " ".join(f.problem for f in codes(wrong, "percent_mismatch"))
    assert any(f"không phải {pct}" in problems for pct in changed)


@pytest.mark.parametrize(
    "text",
    [
        # An estimate is never checked, however far off.
        "Có 12/40 hộ tham gia, khoảng 50%.",
        "Chi hội có 30 hội viên, có 9 hội viên nữ, chiếm khoảng 50%.",
        "Có 12/40 hộ tham gia, xấp xỉ 50%.",
        # Shares side by side whose percentages do not make 100%, of a whole not written (a
        # target): no whole to check them against.
        "Kết nạp 12 đảng viên, trong đó có 5 nữ (25%), 7 đoàn viên (35%).",
        # One of three shares of an unwritten whole moved: the others still clear the third
        # ("6 người" of 60, not of the 40 written), and the moved one has no whole written.
        "Kết nạp được 40 đảng viên mới, trong đó có 18 nữ (30%), 24 đoàn viên (45%), 6 người"
        " dân tộc thiểu số (10%).",
        # "đạt" of a target: no whole named in the sentence, or the target named after it.
        "Chi bộ có 48 đảng viên. Năm qua kết nạp 3 đảng viên, đạt 75%.",
        "Trong tổng số 48 đảng viên, chi bộ giới thiệu 6 đảng viên, đạt 60% kế hoạch.",
        # A whole of another unit named first.
        "Trong số 12 chi bộ, có 30 đảng viên được khen thưởng, đạt 50%.",
        # A length of time is no whole.
        "Hoàn thành 3 trong số 12 tháng cao điểm, đạt 40%.",
        # A number naming a grade or a year counts nothing.
        "Chi bộ có 40 đảng viên, tốt nghiệp cấp 3 chiếm 50%.",
        "So với năm 2020 (15%), tỷ lệ hộ nghèo đã giảm.",
        # Above 100% it is a target met or a rise, never a share.
        "Chi bộ có 20 đảng viên. Kết nạp 6 đảng viên, tương đương 120%.",
        # A bound on something else than the count.
        "Có 25/27 đảng viên trên địa bàn, đạt 50%.",
    ],
)
def test_shares_read_without_certainty_are_left_alone(text):
    assert codes(text, "percent_mismatch") == []


def test_a_bound_is_kept_on_the_share():
    (share,) = counting.read_shares("Có 41/45 đảng viên dự học, đạt tỷ lệ trên 90%.")
    assert share.bound == counting.AT_LEAST
    (share,) = counting.read_shares("Có 2/60 đoàn viên xếp loại yếu, dưới 5%.")
    assert share.bound == counting.AT_MOST


def test_the_whole_in_words_is_read_as_a_fraction():
    (share,) = counting.read_shares("Có 91 trong tổng số 436 đồng chí là nữ (chiếm 20,8%).")
    assert (share.part, share.whole, share.percent) == (91, 436, 20.8)
    assert list(counting.read_count_shares("Có 91 trong tổng số 436 đồng chí (chiếm 20,8%).")) == []


_PIECES = [
    "25/27", " đạt ", "92,6", "%", " (", ")", "ngày ", "; ", "1.205/1.300", " gần ", "0/0",
    "3/2", " ", "x", " trong tổng số ", " trên ", " hơn ", " khoảng ", " chiếm ", ", tỷ lệ ",
    " tương đương ", " đồng chí", " đảng viên", "\n", ". ", "13", "40", "cấp ", "(chiếm ",
    "100", "0,036",
    # Women and "ĐB" as people, "(chiếm tỷ lệ", an age range with "đến", a spaced slash,
    # "thiểu số N", a sentence opening on "Trong đó", labels before bare counts, a padded 0.
    " nữ", " ĐB", "(chiếm tỷ lệ ", " từ 18 đến 30 tuổi", "/ ", " dân tộc thiểu số ",
    "Trong đó, ", ": ", ", chiếm ", "26,80", " người",
]  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=25))
def test_the_count_share_reader_never_fails_and_its_spans_are_sound(pieces):
    text = "".join(pieces)
    for share in counting.read_count_shares(text):
        assert 0 <= share.start < share.end <= len(text)
        assert "%" in text[share.start : share.end]
        assert share.wholes and all(w >= share.part for w in share.wholes)
        assert 0 <= share.percent <= 100
        share.agrees()
    for share in counting.read_shares(text):
        assert share.bound in ("", counting.AT_LEAST, counting.AT_MOST)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_the_share_readers_never_fail_on_any_text(text):
    list(counting.read_shares(text))
    list(counting.read_count_shares(text))
    check_markdown(text)


# --------------------------------------------------------------------------------------------
# Dates
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, written",
    [
        ("Ngày 31/4/2023, chi bộ họp xét kết nạp đảng viên.", "31/4/2023"),
        ("Hội nghị tổ chức ngày 30-02-2024 tại hội trường.", "30/02/2024"),
        ("Chi bộ sinh hoạt ngày 31.6.2022.", "31/6/2022"),
        ("Từ ngày 31/9 đến ngày 5/10, các chi bộ tổ chức đại hội.", "31/9"),
        ("ngày 31 tháng 11 năm 2021", "31/11/2021"),
        ("Đại hội ngày 29/2/2023 đã bầu chi ủy.", "29/2/2023"),
    ],
)
def test_a_day_no_calendar_has_is_reported(text, written):
    found = codes(text, "date_impossible")
    assert len(found) == 1
    assert written in found[0].problem


@pytest.mark.parametrize(
    "text",
    [
        "Ngày 30/4/2023, chi bộ họp.",
        "Đại hội ngày 29/2/2024 đã bầu chi ủy.",
        "Ngày 29/2, chi bộ họp.",  # a leap year has it
        "Có 31/40 đảng viên dự họp.",  # a fraction, not a day
        "Nhiệm kỳ 2020-2025 và giai đoạn 2021 - 2030.",
        "Kinh phí 31.500.000 đồng.",
        "Tỷ lệ 31,4% đảng viên trẻ.",
    ],
)
def test_real_days_and_other_numbers_are_left_alone(text):
    assert codes(text, "date_impossible") == []


def test_a_citation_s_impossible_date_is_reported_once_by_the_citation_reader():
    text = "Thực hiện Nghị quyết số 05-NQ/TW ngày 31/4/2020 của Bộ Chính trị về công tác cán bộ."
    found = [f.code for f in check_markdown(text)]
    assert found.count("citation_impossible_date") == 1
    assert "date_impossible" not in found


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=dt.date(1930, 1, 1), max_value=dt.date(2099, 12, 31)),
       st.sampled_from(["/", "-", "."]))  # fmt: skip
def test_no_real_date_is_reported(day, sep):
    text = f"Chi bộ họp ngày {day.day}{sep}{day.month}{sep}{day.year} tại hội trường."
    assert codes(text, "date_impossible") == []


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 12), st.integers(1930, 2099), st.integers(1, 3))
def test_every_day_past_its_month_s_end_is_reported(month, year, past):
    last = (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)).day
    day = last + past
    if day > 31:
        return  # "32/1" is not how a slip is written
    text = f"Chi bộ họp ngày {day}/{month}/{year} tại hội trường."
    assert len(codes(text, "date_impossible")) == 1


# --------------------------------------------------------------------------------------------
# A Party symbol's issuer code against the issuer named
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Thực hiện Chỉ thị số 05-CT/TW ngày 15/5/2016 của Ban Thường vụ Tỉnh ủy về học tập.",
        "Thực hiện Kế hoạch số 39-KH/HU ngày 02/3/2023 của Ban Thường vụ Thành ủy về đại hội.",
        "Căn cứ Hướng dẫn số 12-HD/TU ngày 10/01/2024 của Huyện ủy Sơn Hòa về kiểm điểm.",
        "Theo Quy định số 08-QĐi/QU ngày 15/9/2021 của Ban Chấp hành Trung ương về sinh hoạt.",
    ],
)
def test_an_issuer_of_another_level_than_its_code_is_reported(text):
    found = codes(text, "citation_issuer_mismatch")
    assert len(found) == 1
    assert found[0].code in CODE_TITLES


@pytest.mark.parametrize(
    "text",
    [
        "Thực hiện Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị về học tập.",
        "Hướng dẫn số 30-HD/TU ngày 16/10/2024 của Thành ủy Vĩnh Yên về đại hội chi bộ.",
        "Chỉ thị số 05-CT/TU ngày 25/12/2020 của Ban Thường vụ Thị ủy về công tác dân vận.",
        "Kế hoạch số 18-KH/ĐU ngày 02/12/2024 của Đảng bộ Bệnh viện về đại hội chi bộ.",
        "Hướng dẫn số 12-HD/BTCTW ngày 06/7/2018 của Ban Tổ chức Trung ương về sinh hoạt.",
        "Hướng dẫn số 38-HD/QU ngày 31/5/2022 của Quận ủy Đống Đa về đại hội.",
        "Kế hoạch số 125/KH-UBND ngày 10/3/2023 của Ủy ban nhân dân tỉnh về chuyển đổi số.",
    ],
)
def test_an_issuer_that_fits_its_code_or_says_no_level_is_left_alone(text):
    assert codes(text, "citation_issuer_mismatch") == []


LEVELS = {"TW": "Bộ Chính trị", "TU": "Tỉnh ủy Quảng Trị", "HU": "Huyện ủy Cam Lộ",
          "QU": "Quận ủy Hải Châu"}  # fmt: skip


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(sorted(LEVELS)), st.sampled_from(sorted(LEVELS)), st.integers(1, 999))
def test_the_issuer_check_fires_exactly_when_the_levels_differ(code, named, number):
    text = (
        f"Thực hiện Kế hoạch số {number}-KH/{code} ngày 10/3/2023 của {LEVELS[named]} về đại hội."
    )
    (c,) = find_citations(text)
    mismatch = any(w.startswith("issuer_mismatch") for w in c.warnings)
    assert mismatch == (code != named)
