"""In a real browser: the secretary of a cell under another committee than the member's own cell
goes from its fee book to the fee page and the person page of the member attending it
temporarily: the payment made to it shows, not the one made to the member's own cell, nor
their Party file."""

import datetime as dt

import pytest

from conftest import DEMO_PASSWORD

pytestmark = pytest.mark.browser

D = dt.date


def _month_before(day):
    return (day.replace(day=1) - dt.timedelta(days=1)).replace(day=1)


def test_the_host_secretary_opens_the_visitor_from_its_fee_book(browser_login, live_demo):
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from dangvu.accounts.models import Role
    from dangvu.finance import actions
    from dangvu.orgs import actions as org_actions
    from dangvu.people import actions as people_actions

    bloc = org_actions.create_org(
        None, kind="superior_committee", name="Đảng ủy Khối Thử Nghiệm", valid_from=D(2005, 1, 1)
    )
    one, two = (
        org_actions.create_org(
            None, kind="party_committee", name=name, parent=bloc, valid_from=D(2005, 1, 1)
        )
        for name in ("Đảng bộ Thử Một", "Đảng bộ Thử Hai")
    )
    own = org_actions.create_org(
        None, kind="party_cell", name="Chi bộ Thử Nhà", parent=one, valid_from=D(2005, 1, 1)
    )
    host = org_actions.create_org(
        None, kind="party_cell", name="Chi bộ Thử Khách", parent=two, valid_from=D(2005, 1, 1)
    )
    person = people_actions.create_person(
        None, home_org=one, full_name="Lý Thị Ghé", gender="female", birth_date=D(1982, 7, 9)
    )
    people_actions.transfer_in(
        None, person, own, D(2010, 1, 1), admitted_on=D(2008, 3, 3), official_on=D(2009, 3, 3)
    )
    actions.set_salary_base(None, person, month=D(2010, 1, 1), kind="salary", amount=3_000_000)
    start = _month_before(timezone.localdate())
    people_actions.attach_temporarily(
        None, host, person=person, papers="Giấy giới thiệu số 44-GGT/ĐU", valid_from=start
    )
    actions.record_payment(
        None, person, paid_on=start, amount=30_000, first_month=start, receipt_no="BL-KHACH-44",
        org=host,
    )  # fmt: skip
    before = _month_before(start)
    if before.year == start.year:
        actions.record_payment(
            None, person, paid_on=before, amount=30_000, first_month=before,
            receipt_no="BL-NHA-44", org=own,
        )  # fmt: skip
    user = get_user_model().objects.create_user("bithu-thu-khach", password=DEMO_PASSWORD)
    Role.objects.create(user=user, kind=Role.Kind.SECRETARY, org=host)

    page = browser_login("bithu-thu-khach")
    page.goto(f"{live_demo.url}/dang-phi/to-chuc/{host.slug}/so-thu-nop/{start.year}/")
    page.get_by_role("link", name="Lý Thị Ghé").first.click()
    page.wait_for_load_state()
    assert "Đảng phí — Lý Thị Ghé" in page.locator("h1").inner_text()
    assert page.locator("text=BL-KHACH-44").count() == 1
    assert page.locator("text=BL-NHA-44").count() == 0
    assert page.locator("[data-month]").count() == 13 - start.month

    page.locator(".crumbs a", has_text="Lý Thị Ghé").click()
    page.wait_for_load_state()
    assert "Giấy giới thiệu số 44-GGT/ĐU" in page.locator("table.attachments").inner_text()
    assert page.locator("text=Ngày vào Đảng").count() == 0
    assert page.locator("text=Sửa thông tin").count() == 0
    page.get_by_role("link", name="Sổ đảng phí của Lý Thị Ghé").click()
    page.wait_for_load_state()
    assert page.locator("text=BL-KHACH-44").count() == 1
