"""5-BTCTW counts the grassroots units by type: every row of a type has a kind of
organization (`dangvu/rules/org_kinds/`) that counts on it, and every kind a row. A town (thị
trấn) of a year before the 2025 reorganization counts on its own row."""

import datetime as dt

import pytest

from dangvu.orgs import kinds
from dangvu.orgs.actions import create_org, set_type
from dangvu.orgs.models import Organization
from dangvu.superior import statforms

K = Organization.Kind


def _type_rows(day):
    """The 5-BTCTW row keys counted from a unit's type ("units|type=commune" → commune)."""
    (form,) = [f for f in statforms.form_specs(day) if f["sheet"] == "5-BTCTW"]
    prefix = "units|type="
    return {
        row["count"].removeprefix(prefix)
        for row in form["rows"]
        if row.get("count", "").startswith(prefix)
    }


@pytest.mark.parametrize("day", [dt.date(2024, 12, 31), dt.date(2025, 12, 31)])
def test_every_type_row_has_a_kind_and_every_kind_a_row(day):
    rows = _type_rows(day) - {"none"}  # "none": the units whose type is not recorded
    assert set(statforms.TYPE_ROWS.values()) <= rows
    assert rows <= set(statforms.TYPE_ROWS.values())
    assert set(statforms.TYPE_ROWS) == set(kinds.codes())


@pytest.mark.django_db
def test_a_town_counts_on_its_row():
    since = dt.date(2015, 1, 1)
    district = create_org(None, kind=K.SUPERIOR_COMMITTEE, name="Huyện Hà Trung", valid_from=since)
    for name, code in (("Thị trấn Hà Trung", "thi-tran"), ("Xã Hà Lai", "xa")):
        unit = create_org(
            None, kind=K.PARTY_COMMITTEE, name=f"Đảng bộ {name}", parent=district, valid_from=since
        )
        create_org(None, kind=K.PARTY_CELL, name=f"Chi bộ 1 {name}", parent=unit, valid_from=since)
        set_type(None, unit, code, since)
    forms = statforms.compute(district, dt.date(2024, 12, 31))
    five = {line.key: line.values[0] for line in forms.sheet("5-BTCTW").lines}
    assert (five["township"], five["commune"], five["ward"], five["total"]) == (1, 1, 0, 2)
