"""Indicators: the named results of the agency's tasks behind the political-task paragraphs."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from dangvu.programme import actions
from dangvu.programme.models import Indicator

from .conftest import facts

START, END = dt.date(2017, 1, 1), dt.date(2017, 11, 30)


def _record(world, key="egov_users", value=7582, unit="người dùng", **kw):
    data = {
        "org": world.committee,
        "key": key,
        "label": "Người dùng",
        "value": value,
        "unit": unit,
        "period_start": START,
        "period_end": END,
    } | kw
    return actions.record_indicator(None, **data)


def test_an_indicator_is_a_fact_of_its_period(world):
    _record(world)
    _record(world, key="egov_share", value="90", unit="%")
    f = facts(world.committee)
    assert f["indicators.egov_users"] == 7582
    assert f["indicators.egov_share"] == 90
    assert "indicators.egov_users" not in facts(world.committee, 2018)


@pytest.mark.parametrize(
    "kw, message",
    [
        ({"value": -1}, "không được âm"),
        ({"value": 120, "unit": "%"}, "vượt quá 100%"),
        ({"period_end": dt.date(2016, 12, 1)}, "Ngày kết thúc"),
        ({"key": "Có Dấu"}, "chữ thường không dấu"),
    ],
)
def test_bad_indicators_write_nothing(world, kw, message):
    with pytest.raises(ValidationError, match=message):
        _record(world, **kw)
    assert not Indicator.objects.exists()


def test_overlapping_periods_of_one_indicator_are_refused(world):
    _record(world)
    with pytest.raises(ValidationError, match="trùng"):
        _record(world, period_start=dt.date(2017, 6, 1), period_end=dt.date(2017, 12, 31))
    assert Indicator.objects.count() == 1
