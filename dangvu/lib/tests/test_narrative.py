from hypothesis import given
from hypothesis import strategies as st

from dangvu.lib.narrative import Fact, Note, Text, fact_names, parse


def test_placeholders_formats_and_footnotes():
    lines = parse(
        "có {party.cells} chi bộ với {fees.collected|money} đồng[^Chỉ thị số 24-CT/TU; {x.y}].\n\n{fees.table|table}"
    )
    assert len(lines) == 2
    assert lines[0].parts == [
        Text("có "),
        Fact("party.cells"),
        Text(" chi bộ với "),
        Fact("fees.collected", "money"),
        Text(" đồng"),
        Note((Text("Chỉ thị số 24-CT/TU; "), Fact("x.y"))),
        Text("."),
    ]
    assert (lines[1].block, lines[1].kind) == ("fees.table", "table")


def test_text_that_is_not_markup_stays_text():
    assert parse("{Không phải} [^ chưa đóng và {{literal}}") == [
        type(parse("a")[0])(parts=[Text("{Không phải} [^ chưa đóng và {literal}")])
    ]


def test_fact_names_include_footnotes_and_tables():
    assert fact_names("{a.b} [^{c.d|join}]\n{e.f|table}\n{g.h|lines}") == {
        "a.b",
        "c.d",
        "e.f",
        "g.h",
    }


@given(st.text())
def test_parse_never_fails_and_keeps_the_text(text):
    for line in parse(text):
        for part in line.parts:
            assert isinstance(part, Text | Fact | Note)


def test_render_value_formats():
    from decimal import Decimal

    from dangvu.lib.narrative import render_value

    assert render_value(4) == "04"
    assert render_value(19454400, "money") == "19.454.400"
    assert render_value(836, "over") == "800"
    assert render_value(Decimal("97.5")) == "97,5"
    assert render_value(["a", "b"]) == "a; b"
    assert render_value(2017, "plain") == "2017"
    assert render_value("Đảng ủy Khối", "upper") == "ĐẢNG ỦY KHỐI"
