"""Whether an organization is a mass organization is asked one way, `Organization.is_mass`: an
invented commune's Party committee, cell, agency and each of its mass organizations answer it,
every mass organization has a format of its own system and no other organization has one, and
no module tests the kind against the mass formats inline."""

import datetime as dt
import re
from pathlib import Path

import pytest

from dangvu.orgs import actions as orgs
from dangvu.orgs import kinds
from dangvu.orgs.models import Organization

pytestmark = pytest.mark.django_db

K = Organization.Kind
FOUNDED = dt.date(2019, 1, 1)
CODE = Path(__file__).resolve().parents[2]


def test_each_kind_answers_whether_it_is_a_mass_organization():
    committee = orgs.create_org(
        None, kind=K.PARTY_COMMITTEE, name="Đảng bộ xã Phong Thạnh", valid_from=FOUNDED
    )
    made = {K.PARTY_COMMITTEE: committee}
    for kind, name, extra in (
        (K.PARTY_CELL, "Chi bộ ấp Phong Hòa", {}),
        (K.AGENCY, "Ủy ban nhân dân xã Phong Thạnh", {}),
        (K.TRADE_UNION, "Công đoàn cơ sở xã Phong Thạnh", {}),
        (K.YOUTH_UNION, "Đoàn xã Phong Thạnh", {}),
        (K.VETERANS, "Hội Cựu chiến binh xã Phong Thạnh", {}),
        (K.MASS, "Hội Nông dân xã Phong Thạnh", {"mass_kind": "farmers_union"}),
    ):
        made[kind] = orgs.create_org(
            None, kind=kind, name=name, parent=committee, valid_from=FOUNDED, **extra
        )
    mass = {K.TRADE_UNION, K.YOUTH_UNION, K.VETERANS, K.MASS}
    assert {kind for kind, org in made.items() if org.is_mass} == mass
    for org in made.values():
        assert not (org.is_mass and org.is_party)
        # A mass organization writes in its own system's format; no other organization does.
        assert bool(kinds.mass_format_topic(org)) == org.is_mass, org.kind
    assert set(kinds.MASS_FORMATS) == mass


def test_no_module_tests_the_mass_kinds_inline():
    inline = re.compile(
        r"(?<!self)\.kind (not )?in (kinds\.)?(MASS_FORMATS|MASS_ORG_KINDS|MASS_KINDS)\b"
    )
    found = [
        f"{path.relative_to(CODE)}:{n}"
        for path in CODE.rglob("*.py")
        if "tests" not in path.parts
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if inline.search(line)
    ]
    assert found == []
