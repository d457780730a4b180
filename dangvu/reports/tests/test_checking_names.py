"""The names of the records reach the report checker: never misspellings (issue 21)."""

import datetime as dt

import pytest

from dangvu.lib import spelling
from dangvu.orgs import actions
from dangvu.people import actions as people_actions
from dangvu.reports.checking import check_bytes, record_names

D = dt.date


@pytest.fixture
def commune(db):
    """An invented commune committee with a hamlet cell and a Khmer member."""
    committee = actions.create_org(
        None, kind="party_committee", name="Đảng bộ xã Tân Hòa", valid_from=D(2010, 1, 1),
        place="Tân Hòa",
    )  # fmt: skip
    cell = actions.create_org(
        None, kind="party_cell", name="Chi bộ ấp Srâl Kôm", parent=committee,
        valid_from=D(2010, 1, 1),
    )  # fmt: skip
    member = people_actions.create_person(
        None, home_org=committee, full_name="Thạch Chnăm", gender="male", birth_date=D(1970, 1, 1)
    )
    people_actions.admit(None, member, cell, D(2012, 1, 1))
    return committee


def test_record_names_hold_people_organizations_and_places(commune):
    names = record_names([commune])
    assert {"Thạch Chnăm", "Chi bộ ấp Srâl Kôm", "Đảng bộ xã Tân Hòa", "Tân Hòa"} <= set(names)
    assert record_names([]) == []


@pytest.mark.skipif(spelling.syllables() is None, reason="hunspell-vi is not installed")
def test_a_name_of_the_records_gives_no_spelling_finding(commune):
    text = "Chnăm là đảng viên của chi bộ.\nSrâl Kôm có 12 đảng viên.\n".encode()
    without = [f for f in check_bytes(text, "bao-cao.md") if f.code == "spelling"]
    assert without  # a word not built like Vietnamese, opening a sentence: a note
    assert all(f.severity == "lưu ý" for f in without)
    found = check_bytes(text, "bao-cao.md", known_names=record_names([commune]))
    assert [f for f in found if f.code == "spelling"] == []
