"""The issuer codes of Party symbols as data (rules/issuer_codes, Hướng dẫn 36-HD/VPTW): which
code a body writes, which level a code and a name say, and an office's own file extending them."""

import datetime as dt

from dangvu.lib import citations
from dangvu.lib.checker import check_markdown
from dangvu.lib.rules import Rule, rules


def mismatches(text):
    return [f for f in check_markdown(text) if f.code == "citation_issuer_mismatch"]


def test_the_table_is_a_rule_with_its_source():
    (rule,) = rules("issuer_codes")
    assert "36-HD/VPTW" in rule.source and rule.effective_from == dt.date(2018, 4, 3)
    # The checker reads the levels from it, not from a table of its own.
    assert citations.ISSUER_CODES == citations.read_issuer_codes([rule])


def test_a_body_gets_the_code_its_executive_writes():
    code = citations.executive_code
    assert code("Huyện ủy Trà Ôn") == "HU"
    assert code("Đảng ủy Khối các cơ quan tỉnh Kênh Xáng") == "ĐUK"  # the longest start wins
    assert code("Đảng uỷ xã Long Hòa") == "ĐU"  # either placement of the tone
    assert code("Chi bộ Trạm Y tế") == "CB"
    assert code("Thành ủy Hòa Giang") == "TU"
    assert code("Đảng ủyKhối") is None  # a start fits in whole words only
    assert code("Ban Tổ chức") is None


def test_an_office_file_extends_the_levels(monkeypatch):
    # An invented office writes "…/HUX" for its district committee and says "Huyện bộ" for it.
    office = Rule(
        "issuer_codes",
        dt.date(2024, 1, 1),
        "Quy định của văn phòng (invented)",
        False,
        {"levels": {"huyện": {"codes": ["HUX"], "words": ["huyện bộ"]}}},
        "office.toml",
    )
    extended = citations.read_issuer_codes([*rules("issuer_codes"), office])
    text = "Thực hiện Kế hoạch số 12-KH/HUX ngày 02/3/2023 của Ban Thường vụ Tỉnh ủy về đại hội."
    assert mismatches(text) == []  # HUX is no code the shipped rule knows
    monkeypatch.setattr(citations, "ISSUER_CODES", extended)
    assert len(mismatches(text)) == 1
    assert extended.levels_named("Ban Thường vụ Huyện bộ Trà Ôn") == {"huyện"}
    # The shipped levels stay: the office added to them.
    assert extended.levels_of_code("TU") == ("tỉnh", "thị xã")
