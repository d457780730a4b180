"""Property tests for the citation parser: it never fails, and its spans are always sound."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dangvu.lib.citations import Citation, document_key, find_citations, normalise_symbol

# Pieces of real references (from the reference report and its variants), to be spliced with
# random text so that the parser is driven deep into its optional parts.
FRAGMENTS = [
    "Chỉ thị số 24-CT/TU",
    "Chi thị 04/CT-UBND",
    "Quy\n\nđịnh số 3350-QĐ/TU",
    "Công văn số 124/UBND-NC",
    "Công văn số 328/CV-TU",
    "Nghị định 04/2015/NĐ-CP",
    "Kế hoạch số 09/KH-BCĐ",
    "Thông báo kết luận số 19-TB/TW",
    "Chỉ thị 05",
    "ND 68",
    "NĐ 68",
    "Nđ 68",
    "24-CT/TU",
    "1194/QĐ-UBND",
    "số",
    "số:",
    " ngày 29/6/2017",
    ", ngày 09/01/2015",
    " ngày 29 tháng 6 năm 2017",
    " ngày 31/2/2017",
    " của Ban Thường vụ Tỉnh ủy",
    " của Ban Chỉ đạo PCTP, TNXH và Xây dựng",
    " của Bộ Chính trị",
    " (khóa XII)",
    " (khóa II)",
    " khóa XV",
    " về ",
    "“về việc tiếp cận",
    "“tự diễn biến”",
    "”",
    "“",
    '"',
    "*",
    "Nghị quyết Trung ương 4",
    "Nghị quyết Trung ương năm",
    "Nghị quyết Hội nghị lần thứ năm Ban Chấp hành Trung ương Đảng",
    " – khóa XII",
    "Luật Cán bộ, công chức",
    " năm 2008",
    "Hiến pháp",
    "; ",
    ", ",
    " và ",
    "\n\n",
    "9.512.466 đồng",
    "21/25",
    "(21/6/1925-21/6/2017)",
    "quý II/2017",
    "Ð",
    "qđ",
    " " * 3000,  # long blank runs once made "\s*,?\s*" backtrack quadratically
    # Text nobody here wrote (issue 15): laws named first, lost hyphens, headers, joint
    # documents, dates in parentheses or glued on, scrambled accents.
    "Luật Quy hoạch số 21/2017/QH14",
    "Luật số ",
    "84 QĐ/TWĐTN",
    "39/KH/HU",
    "\nSố: ",
    "Số :\n10/ BCTK",
    "367 - QĐ/TWĐTN-VP",
    "03/2010/TTLT-BNV-BTC-BLĐTB&XH",
    "TT.HĐND",
    " (01/07/2010 )",
    " (",
    " ngày22 tháng 7 năm 2010",
    "TWngày 06",
    "07-QĐi/TW",
    " ngàỷ 24/01/2025",
    "Luật Viên chức ngày 15 tháng 11 năm 2010",
    "Tờ trình số 12/SNV",
]

texts_from_fragments = st.lists(
    st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=8)), max_size=40
).map("".join)


def check_sound(text: str, found: list[Citation]) -> None:
    previous_end = 0
    for c in found:
        assert text[c.start : c.end] == c.raw
        assert c.start < c.end
        assert c.start >= previous_end, "citations overlap or are out of order"
        previous_end = c.end
        assert all(": " in w for w in c.warnings)
        c.as_dict()
        document_key(c)


@settings(deadline=None)
@given(st.text())
def test_any_text(text):
    check_sound(text, find_citations(text))


@settings(max_examples=500, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(texts_from_fragments)
def test_spliced_references(text):
    check_sound(text, find_citations(text))


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), min_size=50, max_size=400).map(" ".join))
def test_long_spliced_text_is_sound(text):
    # Speed is measured by bench/citations.py; a wall-clock deadline fails on a loaded machine.
    check_sound(text, find_citations(text))


@settings(deadline=None)
@given(st.text())
def test_normalise_symbol_is_idempotent(symbol):
    once = normalise_symbol(symbol)
    assert normalise_symbol(once) == once


BLANKS = " " * 20_000


@pytest.mark.parametrize(
    "text",
    [
        f"Chỉ thị 05-CT/TU{BLANKS}.",
        f"Chỉ thị 05-CT/TU của Ban{BLANKS}.",
        f"Chỉ thị 05{BLANKS}.",
        f"Chỉ thị số{BLANKS}:{BLANKS}",
        f"Chỉ thị 05-CT/TU của Ban về{BLANKS}.",
        f"Chỉ thị 05-CT/TU ngày{BLANKS}1{BLANKS}",
        f"Nghị quyết{BLANKS}Trung{BLANKS}ương{BLANKS}4{BLANKS}(",
        f"Luật A{BLANKS}b{BLANKS}",
        "Chỉ thị 05-CT/TU của Ban" + " \n" * 10_000,
        f"Luật{BLANKS}A{BLANKS}số{BLANKS}1",
        f"\nSố:{BLANKS}1{BLANKS}/",
        f"Chỉ thị 05-CT/TU ({BLANKS}1/1/2017{BLANKS}",
        f"Luật A ngày{BLANKS}1{BLANKS}tháng{BLANKS}1",
        f"Chỉ thị 05{BLANKS}QĐ/TU",
    ],
)
def test_long_blank_runs_are_read(text):
    # Quadratic backtracking took over a minute on these; bench/citations.py measures
    # the speed (a wall-clock limit here fails on a loaded machine).
    check_sound(text, find_citations(text))
