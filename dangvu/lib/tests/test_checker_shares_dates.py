"""Percentages against their fractions, days no calendar has, and a Party symbol's issuer code
against the issuer named: sentences made up here, in the shapes offices write."""

import datetime as dt

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
