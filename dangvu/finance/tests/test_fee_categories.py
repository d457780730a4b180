"""A fee category is one rule: the members of a commune without a fixed income are put in the
category once, the committee sets the category's amount once, and every such member's fees follow
it, month by month, under the rule of the month."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from dangvu.accounts.tests.helpers import run
from dangvu.finance import actions, book, fees
from dangvu.finance.models import FeeSetting, SalaryBase
from dangvu.finance.rulebook import file_rule
from dangvu.orgs.models import Organization
from dangvu.people import actions as people

YEAR = dt.date.today().year - 1


@pytest.fixture
def commune(db):
    slug = run(
        "create_org", "--name", "Đảng bộ xã Thạnh Phú", "--kind", "party_committee",
        "--from", f"{YEAR - 2}-01-01", "--place", "Thạnh Phú", "--type", "xa",
    ).strip()  # fmt: skip
    run("create_org", "--name", "Chi bộ ấp Giồng Lớn", "--kind", "party_cell", "--parent", slug)
    committee = Organization.objects.get(slug=slug)
    cell = committee.children.get()
    farmers = []
    for n in range(4):
        person = people.create_person(
            None,
            home_org=cell,
            full_name=f"Nguyễn Văn Nông {chr(65 + n)}",
            gender="male",
            birth_date=dt.date(1960 + n, 3, 1),
        )
        people.transfer_in(
            None,
            person,
            cell,
            dt.date(YEAR - 2, 1, 1),
            admitted_on=dt.date(1990 + n, 1, 1),
            official_on=dt.date(1991 + n, 1, 1),
        )
        farmers.append(person)
    return committee, cell, farmers


def test_a_no_income_category_rule_computes_every_such_members_fees(commune):
    committee, cell, farmers = commune
    actions.set_fee_category(
        None, farmers, kind=fees.NO_INCOME, month=dt.date(YEAR, 1, 1), note="Nông dân"
    )
    changed = dt.date(YEAR, 7, 1)
    actions.set_fee_setting(
        None, committee, key="rates.no_income", value="10.000", month=changed, note="NQ chi bộ"
    )
    assert FeeSetting.objects.filter(org=committee).count() == 1  # one rule for the category
    assert not SalaryBase.objects.filter(person__in=farmers).exclude(amount=0).exists()
    books = book.compute(dt.date(YEAR, 1, 1), dt.date(YEAR, 12, 1), cell_ids=[cell.id])
    assert set(books) == {p.id for p in farmers}
    for member in books.values():
        for month, line in member.months.items():
            default = int(file_rule(month)["rates"]["no_income"])
            assert line.due == (10_000 if month >= changed else default), month


def test_only_categories_are_set_for_many_at_once(commune):
    _committee, _cell, farmers = commune
    with pytest.raises(ValidationError, match="căn cứ khác ghi riêng"):
        actions.set_fee_category(None, farmers, kind=fees.SALARY, month=dt.date(YEAR, 1, 1))
    assert not SalaryBase.objects.filter(person__in=farmers).exists()


def test_members_abroad_are_a_category_whose_amount_the_committee_sets(commune):
    committee, cell, members = commune
    abroad, at_home = members[:2], members[2:]
    first = dt.date(YEAR, 1, 1)
    actions.set_fee_category(None, abroad, kind=fees.ABROAD, month=first, note="Lao động ở Nhật")
    actions.set_fee_category(None, at_home, kind=fees.NO_INCOME, month=first)
    changed = dt.date(YEAR, 4, 1)
    actions.set_fee_setting(
        None, committee, key="rates.abroad", value="50.000", month=changed, note="NQ đảng ủy"
    )
    books = book.compute(first, dt.date(YEAR, 12, 1), cell_ids=[cell.id])
    for person in members:
        for month, line in books[person.id].months.items():
            rule = file_rule(month)
            # The rule files name no amount abroad: the no-income amount stands in until set.
            assert "abroad" not in rule["rates"] and "rates.abroad" in rule["unconfirmed"]
            default = int(rule["rates"]["no_income"])
            expected = 50_000 if person in abroad and month >= changed else default
            assert line.due == expected, (person, month)
    with pytest.raises(ValidationError):
        actions.set_fee_setting(None, committee, key="rates.abroad", value="-5", month=changed)
