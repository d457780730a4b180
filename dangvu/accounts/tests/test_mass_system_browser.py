"""In a real browser, the chair of the invented college's Đoàn (`test_mass_system_scope`) drafts
the Đoàn's report, clicks its figure of đoàn viên and finds every person it counts, those of the
chi đoàn under a Party cell too, and opens them."""

import pytest

from dangvu.accounts.tests.test_mass_system_scope import PASSWORD, YEAR, build_college
from dangvu.core.facts import Period, compute

pytestmark = pytest.mark.browser


def test_the_chair_clicks_from_the_member_figure_to_everyone_it_counts(page, live_demo):
    college = build_college()
    doan = college["doan"]
    counted = compute(doan, Period.year(YEAR))["assoc.members"]
    url = live_demo.url
    page.goto(f"{url}/dang-nhap/")
    page.fill("input[name=username]", college["chair"].username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state()

    page.goto(f"{url}/bao-cao/")
    page.select_option("select[name=org]", str(doan.id))
    page.select_option("select[name=kind]", "annual")
    page.fill("input[name=year]", str(YEAR))
    page.click("button:has-text('Lập dự thảo từ hồ sơ')")
    page.wait_for_load_state()
    page.click("a[href$='/so-lieu/assoc.members/']")
    page.wait_for_load_state()
    assert "/so-lieu/assoc.members/" in page.url
    names = page.locator("table a").all_inner_texts()
    everyone = college["members"]["doan"] + college["members"]["own"]
    assert sorted(names) == sorted(p.full_name for p in everyone)
    assert len(names) == counted.value == len(counted.people)
    # A đoàn viên of the chi đoàn under the cell opens; her Party file is not shown.
    page.click(f"table a:has-text('{college['party_member'].full_name}')")
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == college["party_member"].full_name
    assert "Chi đoàn Khoa Nông nghiệp" in page.inner_text("main")
    assert page.locator("text=Ngày vào Đảng").count() == 0
