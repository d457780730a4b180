"""The people and statistics pages in a real browser."""

import pytest

pytestmark = pytest.mark.browser


def test_login_search_person_and_statistics(browser_login, live_demo):
    page = browser_login("vanphong")
    page.click("text=Cá nhân")
    page.fill("input[name=q]", "nguyen")
    page.click("button:has-text('Lọc')")
    names = page.locator("table.people tbody tr td:nth-child(2) a").all_inner_texts()
    assert names, "search found nobody"
    assert all("Nguyễn" in n for n in names)
    page.locator("table.people a").first.click()
    assert page.locator("h1").inner_text() == names[0]
    assert page.locator("text=Lịch sử thay đổi").count() == 1
    page.goto(f"{live_demo.url}/to-chuc/so-tttt-tra-vinh/thong-ke/?ngay=2017-12-31")
    assert page.locator("[data-fact='party.members']").inner_text() == "54"
    page.click("[data-fact='party.members.probationary']")
    assert page.locator("table tr").count() == 1 + 3
