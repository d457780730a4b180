"""The narrative markup a template speaks in: optional stretches, zeros in words, open slots."""

import datetime as dt

from dangvu.lib.narrative import Optional, Text, fact_names, is_absent, parse, render_value
from dangvu.reports.periods import next_period, period_name, period_of
from dangvu.reports.render import _Renderer


def _text(source, facts, labels=None):
    blocks = _Renderer(facts, None, labels).blocks(source)
    return "\n".join(b.text for b in blocks)


def test_an_optional_stretch_is_parsed_with_its_footnotes_and_nested_stretches():
    (line,) = parse("a[?, b {x.y}[? (c {z.w})]] d")
    assert line.parts[0] == Text("a")
    assert isinstance(line.parts[1], Optional)
    assert fact_names("a[?, b {x.y}[? (c {z.w})][^{n.o}]] d") == {"x.y", "z.w", "n.o"}


def test_a_stretch_whose_figures_are_all_absent_is_left_out():
    source = "Có {party.members} đảng viên[?, trong đó {x.a} chính thức và {x.b|nil} dự bị]."
    assert _text(source, {"party.members": 5, "x.a": 5, "x.b": 0}) == (
        "Có 05 đảng viên, trong đó 05 chính thức và không có dự bị."
    )
    assert _text(source, {"party.members": 0, "x.a": 0, "x.b": 0}) == "Có 0 đảng viên."


def test_a_line_left_empty_is_dropped_and_words_of_the_period_are_not_figures():
    source = "[?- Tổ chức {a.sessions} cuộc năm {period.year|plain}.]\nCòn lại."
    assert _text(source, {"a.sessions": 0, "period.year": 2019}) == "Còn lại."


def test_an_empty_wording_is_a_slot_outside_a_stretch_and_nothing_inside():
    facts = {"org.founding_document": "", "x.n": 3, "x.note": ""}
    labels = {"org.founding_document": "Quyết định thành lập"}
    assert _text("Theo {org.founding_document}.", facts, labels) == (
        "Theo [cần bổ sung: Quyết định thành lập]."
    )
    assert _text("[?Có {x.n} người{x.note}.]", facts) == "Có 03 người."


def test_zero_is_never_double_zero():
    assert render_value(0) == "0"
    assert render_value(0, "nil") == "không có"
    assert render_value(7, "nil") == "07"
    assert render_value(5, "if") == ""
    assert is_absent(0) and is_absent("") and is_absent([]) and is_absent(None)
    assert not is_absent(False) and not is_absent("x")


def test_periods_are_named_as_reports_name_them():
    assert period_name(period_of(2017)) == "năm 2017"
    assert period_name(period_of(2017, "H1")) == "6 tháng đầu năm 2017"
    assert period_name(period_of(2017, "Q4")) == "quý IV năm 2017"
    assert period_name(next_period(period_of(2017, "Q4"))) == "quý I năm 2018"
    assert period_name(next_period(period_of(2017, "H1"))) == "6 tháng cuối năm 2017"
    assert period_of(2016, "02").end == dt.date(2016, 2, 29)
    assert period_name(next_period(period_of(2017, "12"))) == "tháng 1 năm 2018"


def test_a_table_of_zeros_is_a_slot():
    facts = {"fees.table": [["+ Thu đảng phí", ": 0 đồng"], ["+ Chi", ": 0 đồng"]]}
    labels = {"fees.table": "Tình hình thu, chi đảng phí năm 2021:"}
    r = _Renderer(facts, None, labels)
    assert r.table("fees.table").text == "[cần bổ sung: Tình hình thu, chi đảng phí năm 2021]"


def test_a_condition_leaves_its_stretch_out_when_absent():
    source = "[?{agency.name|if}{agency.name} có [?Giám đốc{agency.directors|if} và ]{d.n|nil} Phó Giám đốc.]"
    facts = {"agency.name": "Sở X", "agency.directors": 1, "d.n": 3}
    assert _text(source, facts) == "Sở X có Giám đốc và 03 Phó Giám đốc."
    assert _text(source, {**facts, "agency.directors": 0}) == "Sở X có 03 Phó Giám đốc."
    assert _text(source, {**facts, "agency.name": ""}) == ""


def test_lists_merge_repeated_titles_as_an_office_writes_them():
    from dangvu.reports.wording import merge_repeats

    titles = [
        "thăm hỏi đoàn viên ốm đau",
        "sinh hoạt chi bộ tháng 9/2017 — Chi bộ 1",
        "thăm hỏi đoàn viên ốm đau",
        "sinh hoạt chi bộ tháng 9/2017 — Chi bộ 2",
        "đại hội chi bộ",
        "thăm hỏi đoàn viên ốm đau",
        "sinh hoạt chi bộ tháng 9/2017 — Chi bộ 1",
    ]
    assert merge_repeats(titles) == [
        "thăm hỏi đoàn viên ốm đau (03 lần)",
        "sinh hoạt chi bộ tháng 9/2017 (Chi bộ 1, Chi bộ 2)",
        "đại hội chi bộ",
    ]
    assert merge_repeats([]) == []
