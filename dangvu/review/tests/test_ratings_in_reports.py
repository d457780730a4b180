"""The annual report states the year's ratings in the words of the rule in force that year:
27-HD/BTCTW (2014) for 2014–2017 ("Trong sạch, vững mạnh" … "Yếu kém" for organizations), the
four levels of 132-QĐ/TW and its guidance from 2018 on; nothing about ratings when none is
recorded."""

import datetime as dt

from dangvu.reports.outputs import rendered
from dangvu.reports.render import to_markdown
from dangvu.reports.unsaved import unsaved_draft
from dangvu.review import actions

from .conftest import facts


def _rate(world, year):
    subjects = [
        *({"subject_person": p, "band": b} for p, b in zip(world.members1[:3], BANDS, strict=True)),
        {"subject_org": world.cell1, "band": "excellent"},
        {"subject_org": world.cell2, "band": "not_done"},
    ]
    for subject in subjects:
        actions.evaluate(
            None, org=world.committee, year=year, evaluated_on=dt.date(year, 12, 20), **subject
        )


BANDS = ("excellent", "good", "good")


def _report(org, year):
    return to_markdown(rendered(unsaved_draft(org, year, "annual", "")).document)


def test_2017_ratings_in_the_words_of_27_hd_btctw(world):
    _rate(world, 2017)
    got = facts(world.committee, 2017)
    assert got["evaluations.members.summary"] == (
        "Hoàn thành xuất sắc nhiệm vụ: 01; Hoàn thành tốt nhiệm vụ: 02"
    )
    assert got["evaluations.orgs.summary"] == "Trong sạch, vững mạnh: 01; Yếu kém: 01"
    text = _report(world.committee, 2017)
    assert "27-HD/BTCTW" in text
    assert "Trong sạch, vững mạnh: 01; Yếu kém: 01" in text
    assert "Đủ tư cách" not in text


def test_2019_ratings_in_the_four_levels(world):
    _rate(world, 2019)
    text = _report(world.committee, 2019)
    assert "21-HD/BTCTW" in text
    assert "Hoàn thành xuất sắc nhiệm vụ: 01; Không hoàn thành nhiệm vụ: 01" in text
    assert "Trong sạch" not in text and "Yếu kém" not in text


def test_no_ratings_no_sentence(world):
    got = facts(world.committee, 2017)
    assert got["evaluations.members.summary"] == got["evaluations.rule"] == ""
    assert "xếp loại chất lượng" not in _report(world.committee, 2017)
