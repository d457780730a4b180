"""Issue 14: the product on a 390 px phone, in Chromium.

No page is wider than the screen (wide tables scroll inside their own box), the menu folds behind
a button that opens it, "Đăng xuất" stays on screen, and slow exports and imports say that they
are working.
"""

import pytest
from django.urls import reverse

from dangvu.orgs.models import Organization
from dangvu.reports.models import ReportDraft

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
CELL = "so-tttt-chi-bo-1"
COMMITTEE = "so-tttt-tra-vinh"


@pytest.fixture
def demo(live_demo):
    """The demo committee, behind the live server (the `demo` fixture would load it twice)."""
    return Organization.objects.get(slug=COMMITTEE)


def _pages(demo):
    draft = ReportDraft.objects.filter(org=demo).order_by("id").first()
    return {
        "trang chính": reverse("home"),
        "cá nhân": reverse("people_list"),
        "hoạt động": reverse("activity_list"),
        "thống kê": reverse("org_stats", args=[demo.slug]) + "?ngay=2017-12-31",
        "đảng phí": reverse("fee_home"),
        "sổ thu nộp": reverse("fee_book", args=[demo.slug, 2017]),
        "sổ thu nộp chi bộ": reverse("fee_book", args=[CELL, 2017]),
        "báo cáo": reverse("report_detail", args=[draft.id]),
        "tổ chức": reverse("org_detail", args=[demo.slug]),
    }


def _width(page):
    return page.evaluate("document.documentElement.scrollWidth")


def test_no_page_is_wider_than_a_phone(browser_login, live_demo, demo):
    page = browser_login("vanphong")
    page.set_viewport_size(PHONE)
    too_wide = {}
    for name, path in _pages(demo).items():
        response = page.goto(live_demo.url + path)
        assert response.status == 200, name
        if _width(page) > PHONE["width"]:
            too_wide[name] = _width(page)
    assert not too_wide, too_wide
    # The fee book is wider than the phone: it scrolls inside its box instead of the page.
    page.goto(live_demo.url + _pages(demo)["sổ thu nộp"])
    box = page.locator(".table-wrap")
    assert box.evaluate("el => el.scrollWidth > el.clientWidth")


def test_the_fee_book_fits_a_desktop(browser_login, live_demo, demo):
    page = browser_login("vanphong")
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(live_demo.url + _pages(demo)["sổ thu nộp"])
    assert _width(page) <= 1280


def test_a_members_pages_fit_a_phone(browser_login, live_demo):
    page = browser_login("dangvien")
    page.set_viewport_size(PHONE)
    for path in [reverse("home"), reverse("fee_mine"), reverse("activity_list")]:
        page.goto(live_demo.url + path)
        assert _width(page) <= PHONE["width"], path


def test_the_menu_folds_behind_a_button(browser_login, live_demo):
    page = browser_login("vanphong")
    page.set_viewport_size(PHONE)
    page.goto(live_demo.url + reverse("people_list"))
    button = page.locator("header .menu-button")
    menu = page.locator("#main-menu")
    logout = page.locator("header button:has-text('Đăng xuất')")
    assert button.is_visible() and not menu.is_visible()
    assert logout.is_visible() and _inside_screen(logout)
    assert button.get_attribute("aria-expanded") == "false"
    button.click()
    assert menu.is_visible() and button.get_attribute("aria-expanded") == "true"
    assert logout.is_visible()
    # The current section is marked; following an entry opens its page.
    assert menu.locator("a.active").inner_text() == "Cá nhân"
    menu.locator("a", has_text="Hoạt động").click()
    page.wait_for_load_state()
    assert page.url.endswith(reverse("activity_list"))
    assert not page.locator("#main-menu").is_visible()
    # On a desktop the menu is a row of links, no button.
    page.set_viewport_size({"width": 1280, "height": 800})
    assert page.locator("#main-menu").is_visible()
    assert not page.locator("header .menu-button").is_visible()


def _inside_screen(locator):
    box = locator.bounding_box()
    return box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]


def test_a_slow_export_shows_progress_then_the_file(browser_login, live_demo, demo):
    """The export is held back by the test until the message has been seen."""
    draft = ReportDraft.objects.filter(org=demo).order_by("id").first()
    page = browser_login("vanphong")
    page.goto(live_demo.url + reverse("report_detail", args=[draft.id]))
    held = []
    page.route("**/tai/pdf/", lambda route: held.append(route))
    link = page.locator("a", has_text="Tải PDF")
    link.click()
    note = page.locator(".progress")
    note.wait_for()
    assert note.inner_text() == "Đang tạo tệp PDF, vui lòng chờ…"
    assert link.get_attribute("aria-disabled") == "true"
    while not held:
        page.wait_for_timeout(50)
    with page.expect_download() as download:
        held[0].fulfill(
            status=200,
            body=b"%PDF-1.4 test",
            headers={
                "Content-Type": "application/pdf",
                "Content-Disposition": 'attachment; filename="bao-cao.pdf"',
            },
        )
    assert download.value.suggested_filename == "bao-cao.pdf"
    note.wait_for(state="detached")
    assert link.get_attribute("aria-disabled") is None


def test_an_import_shows_that_the_file_is_being_read(browser_login, live_demo, tmp_path):
    page = browser_login("vanphong")
    url = live_demo.url + reverse("people_import")
    upload = tmp_path / "dang-vien.xlsx"
    upload.write_bytes(b"not really a workbook")
    page.goto(url)
    # Holds the upload back so that the page can be looked at while it would be under way: a
    # listener added after the page's own runs after it, and cancels the submission.
    page.evaluate("() => document.addEventListener('submit', e => e.preventDefault())")
    page.set_input_files("input[type=file]", str(upload))
    button = page.locator("main form button[type=submit]")
    button.click()
    page.locator("main form .progress", has_text="Đang đọc tệp…").wait_for()
    page.wait_for_function("() => document.querySelector('main form button[type=submit]').disabled")
    # Without the hold, the file still reaches the server, whose answer replaces the page.
    page.goto(url)
    page.set_input_files("input[type=file]", str(upload))
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    assert page.locator("main .error").count() >= 1
