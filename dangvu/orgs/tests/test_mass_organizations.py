"""Mass organizations as data: Hội Nông dân, Hội Liên hiệp Phụ nữ, Mặt trận Tổ quốc … are kinds
read from `rules/org_kinds/mass/`, created as organizations of kind `mass`, joined by people
for dated spans; their members are the facts `mass.<code>` and fill a commune's report section
on the Front and the mass organizations. Adding a kind is adding a file."""

import datetime as dt
import shutil

import pytest
from django.core.exceptions import ValidationError
from django.core.management.base import CommandError

from dangvu.accounts.tests.helpers import run, table_counts
from dangvu.core.facts import Period, compute
from dangvu.orgs import kinds
from dangvu.orgs.models import Organization
from dangvu.orgs.tests.test_kinds import YEAR, _create, _report
from dangvu.people import actions as people
from dangvu.people.models import Membership, Person

JAN, END = dt.date(YEAR, 1, 1), dt.date(YEAR, 12, 31)


def _mass(parent, code, name):
    slug = run("create_org", "--name", name, "--kind", "mass", "--mass-kind", code,
               "--parent", parent.slug, "--from", f"{YEAR - 2}-01-01").strip()  # fmt: skip
    return Organization.objects.get(slug=slug)


def _villager(org, n):
    return people.create_person(
        None, home_org=org, full_name=f"Thạch Thị Sa {n}", gender="female", ethnicity="Khmer"
    )


@pytest.fixture
def commune(db):
    org = _create("xa")  # Đảng bộ xã Tân Phú Đông: its hamlet cells, members and profile
    hamlet = org.children.filter(kind=Organization.Kind.PARTY_CELL).order_by("name").first()
    farmers = _mass(org, "farmers_union", "Hội Nông dân xã Tân Phú Đông")
    women = _mass(hamlet, "women_union", "Chi hội Phụ nữ ấp Bến Tre")
    front = _mass(org, "fatherland_front", "Ủy ban Mặt trận Tổ quốc xã Tân Phú Đông")
    return org, farmers, women, front


def test_members_of_each_kind_are_counted_on_the_periods_last_day(commune):
    org, farmers, women, front = commune
    villagers = [_villager(org, n) for n in range(6)]
    for p in villagers[:4]:
        people.join(None, p, farmers, Membership.Kind.MASS, JAN)
    for p in villagers[:2]:  # in the farmers' and the women's unions at once
        people.join(None, p, women, Membership.Kind.MASS, dt.date(YEAR, 3, 8))
    people.join(None, villagers[5], front, Membership.Kind.MASS, JAN)
    left = Membership.objects.get(person=villagers[3], org=farmers)
    people.end_membership(None, left, dt.date(YEAR, 9, 1), Membership.EndReason.LEFT)
    facts = compute(org, Period.year(YEAR))
    assert facts["mass.farmers_union"].value == 3  # one left in September
    assert facts["mass.farmers_union"].people == {p.id for p in villagers[:3]}
    assert facts["mass.women_union"].value == 2 and facts["mass.fatherland_front"].value == 1
    assert facts["mass.elderly"].value == 0
    assert facts["mass.organizations"].value == (
        "Mặt trận Tổ quốc 01 ủy viên; Hội Nông dân 03 hội viên; Hội Liên hiệp Phụ nữ 02 hội viên"
    )
    # Before the women's union was joined, and a year earlier: the figures of those days.
    march = compute(org, Period(JAN, dt.date(YEAR, 3, 7)))
    assert march["mass.women_union"].value == 0 and march["mass.farmers_union"].value == 4
    assert compute(org, Period.year(YEAR - 1))["mass.organizations"].value == ""
    # The hamlet cell counts its own women's branch, not the commune's farmers.
    hamlet = women.parent
    cell_facts = compute(hamlet, Period.year(YEAR))
    assert cell_facts["mass.women_union"].value == 2 and cell_facts["mass.farmers_union"].value == 0


def test_the_communes_reports_state_them_where_records_exist(commune, tmp_path):
    org, farmers, women, _front = commune
    for n in range(3):
        people.join(None, _villager(org, n), farmers, Membership.Kind.MASS, JAN)
    annual = _report(tmp_path, "annual", org)
    assert "Số đoàn viên, hội viên: Hội Nông dân 03 hội viên." in annual
    # Section I states the members on record, not the profile figure recorded before (905);
    # the women's union has no members on record and no profile figure: no line.
    assert "- Hội Nông dân: 03 hội viên." in annual and "905" not in annual
    assert "Hội Liên hiệp Phụ nữ:" not in annual
    six = _report(tmp_path, "six_month", org, "H1")
    assert "Số đoàn viên, hội viên: Hội Nông dân 03 hội viên." in six
    # The hamlet cell's branch has no members on record: its report says nothing of it.
    assert "Số đoàn viên, hội viên" not in _report(tmp_path, "annual", women.parent)


def test_bad_input_is_refused_and_changes_nothing(commune):
    org, farmers, women, _front = commune
    before = table_counts()
    with pytest.raises(
        CommandError, match="Loại đoàn thể “” không có; chọn một trong: .*farmers_union"
    ):
        run("create_org", "--name", "Hội Nông dân ấp", "--kind", "mass", "--parent", org.slug)
    with pytest.raises(CommandError, match="Loại đoàn thể “hoi-cau-long” không có"):
        run("create_org", "--name", "Hội Cầu lông", "--kind", "mass",
            "--mass-kind", "hoi-cau-long", "--parent", org.slug)  # fmt: skip
    with pytest.raises(CommandError, match="Chỉ tổ chức loại “Mặt trận, đoàn thể khác”"):
        run("create_org", "--name", "Chi bộ ấp Mới", "--kind", "party_cell",
            "--mass-kind", "farmers_union", "--parent", org.slug)  # fmt: skip
    assert table_counts() == before
    villager = _villager(org, 0)
    people.join(None, villager, farmers, Membership.Kind.MASS, JAN)
    other = _mass(org, "farmers_union", "Chi hội Nông dân ấp Cây Gáo")
    count = Membership.objects.count()
    with pytest.raises(ValidationError, match="đã là thành viên Hội Nông dân"):
        people.join(None, villager, other, Membership.Kind.MASS, dt.date(YEAR, 2, 1))
    assert Membership.objects.count() == count
    people.join(None, villager, women, Membership.Kind.MASS, dt.date(YEAR, 2, 1))


def test_a_kind_of_mass_organization_is_added_by_adding_a_file(commune, tmp_path, monkeypatch):
    org = commune[0]
    folder = tmp_path / "mass"
    shutil.copytree(kinds.MASS_DIR, folder)
    (folder / "youth_volunteers.toml").write_text(
        'code = "youth_volunteers"\norder = 90\nlabel = "Đội Thanh niên tình nguyện"\n'
        'member = "đội viên"\n',
        encoding="utf-8",
    )
    monkeypatch.setattr(kinds, "MASS_DIR", folder)
    kinds.mass_kinds.cache_clear()
    try:
        team = _mass(org, "youth_volunteers", "Đội Thanh niên tình nguyện xã")
        people.join(None, _villager(org, 0), team, Membership.Kind.MASS, JAN)
        facts = compute(org, Period.year(YEAR))
        assert facts["mass.youth_volunteers"].value == 1
        assert facts["mass.organizations"].value == "Đội Thanh niên tình nguyện 01 đội viên"
    finally:
        kinds.mass_kinds.cache_clear()
    assert Person.objects.filter(home_org=org).exists()


def test_every_mass_kind_file_is_named_by_its_code():
    for path in kinds.MASS_DIR.glob("*.toml"):
        assert kinds.mass_kinds()[path.stem].code == path.stem
    recorded = {k.code for k in kinds.recorded_mass_kinds()}
    assert {"farmers_union", "women_union", "fatherland_front"} <= recorded
    assert not recorded & {"trade_union", "youth_union", "veterans"}  # their own kinds


def test_the_organizations_page_names_its_kind_of_mass_organization(commune, client):
    from django.contrib.auth import get_user_model

    _org, farmers, _women, _front = commune
    client.force_login(get_user_model().objects.create_superuser("quantri-doan-the"))
    page = client.get(f"/to-chuc/{farmers.slug}/").content.decode()
    assert "Mặt trận, đoàn thể khác: Hội Nông dân" in page
