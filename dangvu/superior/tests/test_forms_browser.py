"""The statistical forms of a big subtree in a real browser: read from the figures kept, each
number a link to its records, listed 50 a page."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import override_settings

pytestmark = pytest.mark.browser
SUPERIOR = "dang-uy-khoi-cac-co-quan-tra-vinh"


@override_settings(DANGVU_JOB_MIN_ORGS=0)
def test_the_kept_forms_link_a_province_s_members_page_by_page(browser_login, live_demo):
    call_command("load_province", count=2, members=40, stdout=StringIO())
    call_command("keep_figures", org=SUPERIOR, date="2017-12-31", stdout=StringIO())
    page = browser_login("captren")
    page.goto(f"{live_demo.url}/cap-tren/{SUPERIOR}/bieu-thong-ke/?ngay=2017-12-31")
    assert "Số liệu tính lúc" in page.locator("form.kept-note").inner_text()
    members = page.locator('#bieu-1-BTCTW ~ div tr[data-row="D"] td.num a').first
    count = int(members.inner_text())
    assert count > 50
    members.click()
    page.wait_for_load_state()
    assert f"{count} hồ sơ" in page.locator("main").inner_text()
    assert page.locator("li.record").count() == 50
    page.click(".pager >> text=Trang sau →")
    page.wait_for_load_state()
    assert "trang=2" in page.url
    assert 0 < page.locator("li.record").count() <= min(50, count - 50)
    assert "Trang 2" in page.locator(".pager").inner_text()
