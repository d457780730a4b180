"""The records the statistical forms need: profile fields, restored membership, resignation,
transfers with their origin and destination, Party badges and member cards; in the actions and in
the Excel import, each refusing bad input in Vietnamese and writing nothing."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.management.base import CommandError

from dangvu.accounts.models import AuditEntry
from dangvu.orgs import actions as org_actions
from dangvu.people import actions
from dangvu.people.models import Membership, PartyBadge, PartyCardIssue, Person
from dangvu.people.tests.test_excel import (  # noqa: F401 (open_fee_years: autouse)
    member,
    open_fee_years,
    run,
    table_counts,
    workbook,
)

D = dt.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def cell(db):
    committee = org_actions.create_org(
        None, kind="party_committee", name="Đảng bộ Thử", valid_from=D(1980, 1, 1)
    )
    return org_actions.create_org(
        None, kind="party_cell", name="Chi bộ A", parent=committee, valid_from=D(1980, 1, 1)
    )


@pytest.fixture
def veteran(cell):
    person = actions.create_person(
        None, home_org=cell.parent, full_name="Lê Văn Lâu", gender="male", birth_date=D(1960, 1, 1)
    )
    actions.transfer_in(
        None,
        person,
        cell,
        D(1990, 1, 1),
        admitted_on=D(1985, 5, 19),
        official_on=D(1986, 5, 19),
        arrived_from="other_province",
    )
    return person


def test_profile_fields_are_choices_of_the_forms(cell):
    person = actions.create_person(
        None,
        home_org=cell.parent,
        full_name="Trần Thị Hoa",
        gender="female",
        religion="  Công   giáo ",
        occupation="farmer",
        general_education="upper_secondary",
    )
    assert (person.religion, person.occupation) == ("Công giáo", "farmer")
    with pytest.raises(ValidationError, match="Nghề nghiệp “pilot” không có trong danh mục"):
        actions.update_person(None, person, occupation="pilot")
    person.refresh_from_db()
    assert person.occupation == "farmer"
    actions.update_person(None, person, academic_title="professor")
    assert AuditEntry.objects.filter(action="person.update", person=person).count() == 1


def test_transfers_keep_where_from_and_where_to(veteran):
    m = Membership.objects.get(person=veteran, kind="party")
    assert (m.start_reason, m.arrived_from) == ("transfer_in", "other_province")
    with pytest.raises(ValidationError, match="Nơi chuyển “moon” không hợp lệ"):
        actions.transfer_out(None, veteran, D(2020, 1, 1), "x", left_to="moon")
    actions.transfer_out(None, veteran, D(2020, 1, 1), "Đảng bộ tỉnh khác", "other_district")
    m.refresh_from_db()
    assert (m.end_reason, m.left_to, m.valid_to) == (
        "transfer_out",
        "other_district",
        D(2020, 1, 1),
    )


def test_restored_membership_only_after_expulsion_striking_off_or_resignation(veteran, cell):
    with pytest.raises(ValidationError, match="đang sinh hoạt đảng"):
        actions.restore_membership(None, veteran, cell, D(2019, 1, 1))
    actions.resign(None, veteran, D(2018, 3, 1), "lý do gia đình")
    ended = Membership.objects.get(person=veteran, kind="party")
    assert ended.end_reason == "resigned"
    restored = actions.restore_membership(None, veteran, cell, D(2019, 1, 1))
    assert restored.start_reason == "restored" and restored.valid_to is None
    actions.transfer_out(None, veteran, D(2020, 1, 1))
    with pytest.raises(ValidationError, match="Chỉ phục hồi đảng tịch"):
        actions.restore_membership(None, veteran, cell, D(2021, 1, 1))


def test_badges_need_the_years_of_membership_and_are_given_once(veteran):
    with pytest.raises(ValidationError, match="chưa đủ 40 năm tuổi Đảng"):
        actions.award_badge(None, veteran, 40, D(2020, 2, 3))
    with pytest.raises(ValidationError, match="Không có Huy hiệu 33 năm"):
        actions.award_badge(None, veteran, 33, D(2020, 2, 3))
    badge = actions.award_badge(None, veteran, 30, D(2016, 2, 3), decision="12-QĐ/TU")
    assert badge.years == 30
    with pytest.raises(ValidationError, match="đã được trao Huy hiệu 30"):
        actions.award_badge(None, veteran, 30, D(2017, 2, 3))
    assert PartyBadge.objects.count() == 1
    assert AuditEntry.objects.filter(action="party.badge", person=veteran).count() == 1


def test_cards_go_to_full_members_first_then_again_when_lost(veteran, cell):
    newcomer = actions.create_person(
        None, home_org=cell.parent, full_name="Võ Văn Mới", gender="male", birth_date=D(1995, 1, 1)
    )
    actions.admit(None, newcomer, cell, D(2020, 3, 1))
    with pytest.raises(ValidationError, match="chỉ phát cho đảng viên chính thức"):
        actions.issue_card(None, newcomer, "84.1", D(2020, 6, 1), "first")
    actions.issue_card(None, veteran, "84.2", D(2000, 6, 1), "first")
    with pytest.raises(ValidationError, match="đã được phát thẻ lần đầu"):
        actions.issue_card(None, veteran, "84.3", D(2001, 6, 1), "first")
    actions.issue_card(None, veteran, "84.3", D(2005, 6, 1), "lost")
    veteran.party.refresh_from_db()
    assert veteran.party.card_number == "84.3"
    assert list(PartyCardIssue.objects.values_list("reason", flat=True).order_by("issued_on")) == [
        "first",
        "lost",
    ]


def test_import_reads_the_profile_fields_and_refuses_unknown_ones(tmp_path, demo):
    row = member(
        **{
            "Tôn giáo": "Phật giáo",
            "Nghề nghiệp": "Viên chức",
            "Giáo dục phổ thông": "12/12",
            "Chức danh khoa học": "Phó giáo sư",
        }
    )
    counts = table_counts()
    bad = member(**{"Nghề nghiệp": "Phi hành gia"})
    with pytest.raises(CommandError, match="không phải là nghề nghiệp trong danh mục"):
        run(tmp_path, workbook([bad]), "--commit")
    assert table_counts() == counts
    run(tmp_path, workbook([row]), "--commit")
    person = Person.objects.get(cccd=row["Số CCCD"])
    assert (
        person.religion,
        person.occupation,
        person.general_education,
        person.academic_title,
    ) == (
        "Phật giáo",
        "public_employee",
        "upper_secondary",
        "associate_professor",
    )
