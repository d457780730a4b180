"""Recording a cell meeting with per-person attendance in a real browser."""

import datetime as dt

import pytest

from dangvu.meetings import paper
from dangvu.orgs.models import Organization, active_on
from dangvu.people.models import Membership

pytestmark = pytest.mark.browser
JANUARY = dt.date(2018, 1, 8)


def test_secretary_records_a_meeting_and_sees_it_counted(browser_login, live_demo):
    page = browser_login("bithu1")
    page.click("header nav >> text=Hoạt động")
    page.click("text=Ghi biên bản sinh hoạt chi bộ")
    page.select_option("select[name=chi_bo]", "so-tttt-chi-bo-1")
    page.fill("input[name=ngay]", "2018-01-08")
    page.click("button:has-text('Tiếp tục')")
    rows = page.locator("table.attendance-form tr[data-person]")
    members = Membership.objects.filter(
        active_on(dt.date(2018, 1, 8)), org__slug="so-tttt-chi-bo-1", kind="party"
    ).count()
    assert rows.count() == members > 2
    # The demo's cell keeps a fee book: the form shows its line and offers no typed note.
    assert paper.keeps_fee_book(Organization.objects.get(slug="so-tttt-chi-bo-1"), JANUARY)
    assert "theo sổ đảng phí" in page.locator("[data-fee-book]").inner_text()
    assert page.locator("input[name=fee_note]").count() == 0
    rows.nth(0).locator("input[value=excused]").check()
    rows.nth(0).locator("input[name^=r_]").fill("Đi công tác")
    rows.nth(1).locator("input[value=absent]").check()
    page.fill("textarea[name=resolution]", "Chi bộ thống nhất nhiệm vụ tháng 01/2018.")
    page.fill("input[name=score]", "92,5")
    page.click("button:has-text('Lưu biên bản')")
    assert page.locator("h1").inner_text() == "Sinh hoạt chi bộ thường kỳ tháng 1/2018 — Chi bộ 1"
    assert page.locator("[data-count=present]").inner_text() == str(members - 2)
    assert page.locator("[data-count=excused]").inner_text() == "1"
    assert page.locator("text=Đi công tác").count() == 1
    page.click(".crumbs a")
    page.fill("input[name=nam]", "2018")
    page.select_option("select[name=loai]", "regular_meeting")
    page.click("button:has-text('Lọc')")
    # The filtered list is a new page: wait for it before counting rows.
    page.wait_for_url("**loai=regular_meeting**")
    row = page.locator("table.activities tr", has_text="tháng 1/2018 — Chi bộ 1")
    row.first.wait_for()
    assert row.count() == 1
    assert row.locator("[data-present]").inner_text() == str(members - 2)
    assert page.locator("[data-total=attendances]").inner_text() == str(members - 2)
