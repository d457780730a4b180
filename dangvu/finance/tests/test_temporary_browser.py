"""The fee books of two cells in a real browser, a member of the first attending the second for
three months: the host's book lists the months and the payment, the member's own cell marks
them “tạm thời” and says where the fee is paid, and the two paid figures add up to the
committee's."""

import datetime as dt

import pytest

pytestmark = pytest.mark.browser

D = dt.date


def _paid(page):
    return int(page.locator("[data-paid]").inner_text().replace(".", ""))


def test_the_books_show_where_an_attached_member_pays(browser_login, live_demo):
    from dangvu.finance import actions
    from dangvu.orgs import actions as org_actions
    from dangvu.orgs.models import Organization
    from dangvu.people import actions as people_actions

    committee = Organization.objects.get(slug="so-tttt-tra-vinh")
    home, host = (
        org_actions.create_org(
            None, kind="party_cell", name=name, parent=committee, valid_from=D(2018, 1, 1)
        )
        for name in ("Chi bộ Phòng Thử Một", "Chi bộ Phòng Thử Hai")
    )
    person = people_actions.create_person(
        None, home_org=committee, full_name="Hoàng Thị Tạm", gender="female",
        birth_date=D(1985, 4, 2),
    )  # fmt: skip
    people_actions.transfer_in(
        None, person, home, D(2018, 1, 1), admitted_on=D(2010, 5, 1), official_on=D(2011, 5, 1)
    )
    actions.set_salary_base(None, person, month=D(2018, 1, 1), kind="fixed", amount=40_000)
    people_actions.attach_temporarily(
        None, host, person=person, papers="Giấy giới thiệu số 31-GGT/ĐU ngày 24/02/2018",
        valid_from=D(2018, 3, 1), valid_to=D(2018, 6, 1),
    )  # fmt: skip
    actions.record_payment(
        None, person, paid_on=D(2018, 3, 20), amount=120_000, first_month=D(2018, 3, 1),
        months=3, org=host,
    )  # fmt: skip
    actions.record_payment(
        None, person, paid_on=D(2018, 2, 20), amount=80_000, first_month=D(2018, 1, 1),
        months=2, org=home,
    )  # fmt: skip

    page = browser_login("vanphong")
    page.goto(f"{live_demo.url}/dang-phi/to-chuc/{host.slug}/so-thu-nop/2018/")
    assert page.locator("[data-hosted]").count() == 3
    assert (
        "sinh hoạt chính thức tại Chi bộ Phòng Thử Một"
        in page.locator("[data-temporary]").inner_text()
    )
    host_paid = _paid(page)
    assert host_paid == 120_000

    page.goto(f"{live_demo.url}/dang-phi/to-chuc/{home.slug}/so-thu-nop/2018/")
    assert page.locator("[data-away]").count() == 3
    note = page.locator("[data-temporary]").inner_text()
    assert "tháng 3–5/2018: đóng đảng phí tại Chi bộ Phòng Thử Hai" in note
    # June to December are unpaid at home, March to May are not.
    row = page.locator("tr", has_text="Hoàng Thị Tạm")
    assert row.locator("text=chưa đóng").count() == 7
    home_paid = _paid(page)
    assert home_paid == 80_000

    page.goto(f"{live_demo.url}/dang-phi/to-chuc/{committee.slug}/so-thu-nop/2018/")
    row = page.locator("tr", has_text="Hoàng Thị Tạm")
    assert row.locator("[data-away]").count() == 0
    assert row.locator("[data-hosted]").count() == 3
