import os
import shutil
from io import StringIO

import pytest
from django.core.management import call_command

DEMO_PASSWORD = "demo-pass-123"
CHROMIUM = os.environ.get("DANGVU_CHROMIUM", "/usr/bin/chromium")


def _load_demo():
    from dangvu.orgs.models import Organization

    call_command("load_demo", password=DEMO_PASSWORD, stdout=StringIO())
    return Organization.objects.get(slug="so-tttt-tra-vinh")


@pytest.fixture
def demo(db):
    """The reference organization loaded through `load_demo`, as a user would."""
    return _load_demo()


@pytest.fixture
def login(client):
    """Log the test client in as a demo user: `login("vanphong")`."""

    def _login(username):
        client.logout()
        assert client.login(username=username, password=DEMO_PASSWORD), username
        return client

    return _login


@pytest.fixture
def live_demo(transactional_db, live_server):
    """The demo data behind a live server, for browser tests."""
    _load_demo()
    return live_server


@pytest.fixture
def page(live_demo):
    """A Chromium page (Debian's /usr/bin/chromium driven by Playwright); skipped if absent."""
    if not shutil.which(CHROMIUM):
        pytest.skip("Chromium is not installed")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the ORM calls of the test itself
    # are still synchronous, so Django's async guard does not apply here.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        context = browser.new_context(locale="vi-VN")
        pg = context.new_page()
        pg.set_default_timeout(15000)
        yield pg
        context.close()
        browser.close()
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


@pytest.fixture
def browser_login(page, live_demo):
    """Log the browser page in as a demo user through the login form."""

    def _login(username):
        page.goto(f"{live_demo.url}/dang-nhap/")
        page.fill("input[name=username]", username)
        page.fill("input[name=password]", DEMO_PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_load_state()
        return page

    return _login
