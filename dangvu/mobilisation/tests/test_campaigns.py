"""Campaigns and donations: money in integer đồng or in kind, rolling up to totals."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from dangvu.mobilisation import actions
from dangvu.mobilisation.models import Campaign, Contribution

from .conftest import facts

DAY = dt.date(2017, 8, 1)


@pytest.fixture
def notebooks(world):
    return actions.create_campaign(
        None,
        org=world.committee,
        key="notebooks",
        title="Tặng tập cho học sinh",
        starts_on=dt.date(2017, 3, 1),
        ends_on=dt.date(2017, 9, 1),
    )


def test_gifts_in_kind_roll_up_by_unit_and_contributor(world, notebooks):
    for org, quantity in ((world.cell1, 300), (world.cell2, 200), (world.youth, 2400)):
        actions.add_contribution(
            None,
            notebooks,
            given_on=DAY,
            quantity=quantity,
            unit="quyển tập",
            contributor_org=org,
        )
    f = facts(world.committee)
    assert f["campaigns.notebooks.quyen_tap"] == 2900
    assert f["campaigns.notebooks.quyen_tap.cb-mot"] == 300
    assert f["campaigns.notebooks.quyen_tap.ct-thu"] == 2400
    # A new contribution changes the figure.
    actions.add_contribution(
        None,
        notebooks,
        given_on=DAY,
        quantity=50,
        unit="quyển tập",
        contributor_name="Nhà hảo tâm",
    )
    assert facts(world.committee)["campaigns.notebooks.quyen_tap"] == 2950


def test_money_is_summed_from_people_and_organizations(world):
    fund = actions.create_campaign(
        None,
        org=world.union,
        key="poor_fund",
        title="Quỹ vì người nghèo",
        starts_on=dt.date(2017, 10, 1),
    )
    for p, amount in zip(world.members1, [100_000, 150_000, 119_500], strict=False):
        actions.add_contribution(
            None, fund, given_on=dt.date(2017, 10, 5), amount=amount, contributor_person=p
        )
    f = facts(world.committee)
    assert f["campaigns.poor_fund.money"] == 369_500
    assert f["campaigns.count"] == 1
    assert facts(world.committee, 2018)["campaigns.count"] == 0


@pytest.mark.parametrize(
    "bad, message",
    [
        ({"amount": -50_000}, "không được âm"),
        ({"amount": 0}, "lớn hơn 0"),
        ({"quantity": 0, "unit": "quyển"}, "phải lớn hơn 0"),
        ({"quantity": 10}, "đơn vị tính"),
        ({"amount": 10_000, "quantity": 10, "unit": "quyển"}, "một trong hai"),
        ({"amount": 10_000, "given_on": dt.date(2017, 1, 1)}, "trước ngày bắt đầu"),
        ({"amount": 10_000, "contributor_org": None}, "đúng một"),
    ],
)
def test_bad_contributions_write_nothing(world, notebooks, bad, message):
    data = {"given_on": DAY, "contributor_org": world.cell1} | bad
    with pytest.raises(ValidationError, match=message):
        actions.add_contribution(None, notebooks, **data)
    assert not Contribution.objects.exists()


def test_a_campaign_cannot_end_before_it_starts(world):
    with pytest.raises(ValidationError, match="Ngày kết thúc"):
        actions.create_campaign(
            None,
            org=world.committee,
            key="x",
            title="Quỹ",
            starts_on=DAY,
            ends_on=DAY - dt.timedelta(days=1),
        )
    assert not Campaign.objects.exists()


def test_campaign_page_rolls_up_and_the_form_refuses_a_negative_donation(
    world, notebooks, user_with
):
    actions.add_contribution(
        None, notebooks, given_on=DAY, quantity=300, unit="quyển tập", contributor_org=world.cell1
    )
    actions.add_contribution(
        None, notebooks, given_on=DAY, amount=1_250_000, contributor_org=world.cell2
    )
    client = user_with("office", world.committee)
    html = client.get(f"/cuoc-van-dong/{notebooks.id}/").content.decode()
    assert "1.250.000 đồng; 300 quyển tập" in html
    response = client.post(
        f"/cuoc-van-dong/{notebooks.id}/dong-gop/",
        {"contributor_org": world.cell1.id, "given_on": "2017-08-01", "amount": "-5000"},
    )
    assert response.status_code == 400
    assert "Số tiền đóng góp (-5.000 đồng) không được âm." in response.content.decode()
    assert Contribution.objects.count() == 2
    # A secretary reads campaigns of their cell only.
    client = user_with("secretary", world.cell1)
    assert client.get(f"/cuoc-van-dong/{notebooks.id}/").status_code == 404
