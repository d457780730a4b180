"""The home dashboard of each role, and the statistics chart, in a real browser (Chromium)."""

import datetime as dt

import pytest

from dangvu.orgs.models import Organization
from dangvu.people.stats import section_one

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


def _panels(page):
    return page.locator("article.panel").evaluate_all("els => els.map(e => e.dataset.panel)")


def test_office_dashboard_opens_on_the_latest_year_with_records(browser_login, live_demo):
    page = browser_login("vanphong")
    # After logging in the home page is the dashboard, as of today: the demo's records are of
    # 2017, so the page says so and offers that year.
    page.click("[data-older] a")
    page.wait_for_url("**ngay=2017-12-31")
    assert page.locator("[data-as-of]").get_attribute("data-as-of") == "2017-12-31"
    assert _panels(page) == ["meetings", "overdue_tasks", "fees", "reports", "recognitions"]
    assert page.locator("section[data-role=office] h2").inner_text().startswith("Văn phòng cấp ủy")
    meetings = page.locator("[data-panel=meetings] li[data-row]")
    assert meetings.count() == 8
    meetings.first.locator("a").first.click()
    page.wait_for_url("**/hoat-dong/*/")
    assert page.locator("h1").inner_text().startswith("Sinh hoạt chi bộ thường kỳ tháng 12/2017")


def test_secretary_dashboard_is_their_cell_and_leads_to_recording_a_meeting(
    browser_login, live_demo
):
    page = browser_login("bithu1")
    page.goto(f"{live_demo.url}/?ngay=2018-01-15")
    assert "Chi bộ 1" in page.locator("section[data-role=secretary] h2").inner_text()
    rows = page.locator("[data-panel=meetings] li[data-row]")
    assert rows.count() == 1 and "Chi bộ 1 chưa có sinh hoạt thường kỳ" in rows.inner_text()
    rows.locator("[data-action]").click()
    page.wait_for_url("**/hoat-dong/sinh-hoat-chi-bo/**")
    assert page.locator("table.attendance-form tr[data-person]").count() > 2
    page.goto(f"{live_demo.url}/?ngay=2018-04-10")
    fees = page.locator("[data-panel=fees] li[data-row]")
    assert fees.count() > 0
    assert all("Chi bộ 1" in t for t in fees.locator("small").all_inner_texts())


def test_member_dashboard_on_a_phone(browser_login, live_demo):
    page = browser_login("dangvien")
    page.set_viewport_size(PHONE)
    page.goto(f"{live_demo.url}/?ngay=2017-12-31")
    assert _panels(page) == ["my_fees", "my_meetings", "my_study", "my_evaluation"]
    assert "đã đóng" in page.locator("[data-panel=my_fees] [data-summary]").inner_text()
    assert page.locator("[data-panel=my_meetings] li[data-row]").count() == 2
    assert page.locator("[data-panel=my_evaluation] li[data-row]").count() >= 1
    # The panels fit the phone: none is wider than the screen.
    widths = page.locator("article.panel").evaluate_all(
        "els => els.map(e => e.getBoundingClientRect().right)"
    )
    assert max(widths) <= PHONE["width"]


def test_superior_dashboard_is_the_tracker(browser_login, live_demo):
    page = browser_login("captren")
    page.goto(f"{live_demo.url}/?ngay=2017-12-31")
    panel = page.locator("[data-panel=submissions-2017]")
    assert "Đảng bộ Sở Thông tin và Truyền thông" in panel.locator("li[data-row]").inner_text()
    panel.locator("text=Bảng theo dõi đầy đủ").click()
    page.wait_for_url("**/cap-tren/*/bao-cao-gui/2017/")
    assert page.locator("tr[data-status=missing]").count() >= 1


def test_statistics_chart_matches_the_table_and_fits_a_phone(browser_login, live_demo):
    demo = Organization.objects.get(slug="so-tttt-tra-vinh")
    page = browser_login("vanphong")
    page.set_viewport_size(PHONE)
    page.goto(f"{live_demo.url}/to-chuc/{demo.slug}/thong-ke/?ngay=2017-12-31")
    figure = page.locator("figure[data-chart=political-theory]")
    svg = figure.locator("svg")
    assert svg.is_visible()
    box = svg.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    drawn = svg.locator("g.bar").evaluate_all(
        "els => els.map(e => [e.dataset.label, e.dataset.value])"
    )
    figure.locator("summary").click()
    table = figure.locator("tr[data-label]").evaluate_all(
        "els => els.map(e => [e.dataset.label, e.cells[1].innerText])"
    )
    assert drawn == table
    # The same numbers as the statistics table below it (section I's figures).
    figures = section_one(demo, dt.date(2017, 12, 31))
    page_figures = {
        name: page.locator(f"[data-fact='{name}']").inner_text()
        for name in figures
        if name.startswith("political_theory.")
    }
    assert [v for _label, v in drawn] == list(page_figures.values())
    assert any(int(v) > 0 for _label, v in drawn)
