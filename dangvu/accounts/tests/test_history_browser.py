"""The change history in a real browser: short on the record's page, paged behind a link."""

import pytest

from dangvu.accounts import history
from dangvu.accounts.models import Role

pytestmark = pytest.mark.browser


def test_committee_history_is_short_and_pages_behind_a_link(browser_login, live_demo):
    page = browser_login("vanphong")
    page.goto(f"{live_demo.url}/to-chuc/so-tttt-tra-vinh/")
    rows = page.locator("table.history tbody tr")
    assert rows.count() == history.RECENT
    for text in rows.all_inner_texts():
        assert "_id" not in text and "search_text" not in text

    page.click("text=Xem toàn bộ lịch sử")
    page.wait_for_load_state()
    assert page.url.endswith("/to-chuc/so-tttt-tra-vinh/lich-su/")
    assert page.locator("h1").inner_text().startswith("Lịch sử thay đổi")
    assert page.locator("table.history tbody tr").count() == history.PER_PAGE
    assert page.locator("nav.pager").inner_text().startswith("Trang 1/")

    page.click("nav.pager >> text=Trang sau →")
    page.wait_for_load_state()
    assert page.url.endswith("?trang=2")
    assert "Trang 2/" in page.locator("nav.pager").inner_text()
    page.click("text=← Quay lại")
    page.wait_for_load_state()
    assert page.url.endswith("/to-chuc/so-tttt-tra-vinh/")


def test_a_member_reads_their_own_history_in_plain_sentences(browser_login, live_demo):
    me = Role.objects.get(user__username="dangvien").person_id
    page = browser_login("dangvien")
    page.goto(f"{live_demo.url}/ca-nhan/{me}/")
    assert page.locator("ul.history-plain li").count() == history.RECENT
    assert page.locator("table.history").count() == 0
    page.click("text=Xem toàn bộ lịch sử")
    page.wait_for_load_state()
    assert page.url.endswith(f"/ca-nhan/{me}/lich-su/")
    assert page.locator("ul.history-plain li").count() > history.RECENT
