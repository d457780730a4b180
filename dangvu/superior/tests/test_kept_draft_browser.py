"""The draft page of a big superior committee's report, in a real browser: after a change it
shows the document of the figures kept, said to be older, its figures still open their records;
with none kept it says they are being computed, reloads itself until they are, and its sections
are still written from it; “Tính lại” queues their computation."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.test import override_settings

from conftest import DEMO_PASSWORD
from dangvu.accounts.models import Role
from dangvu.ops.jobs import run_job
from dangvu.ops.models import Job
from dangvu.orgs.actions import create_org
from dangvu.orgs.models import Organization
from dangvu.reports import actions
from dangvu.superior import kept

pytestmark = pytest.mark.browser
K = Organization.Kind
FOUNDED = dt.date(2020, 1, 1)


@override_settings(DANGVU_JOB_MIN_ORGS=0, DANGVU_KEPT_REFRESH_MINUTES=0)
def test_the_draft_page_shows_the_kept_figures_as_older_and_stays_usable(browser_login, live_demo):
    bloc = create_org(
        None,
        kind=K.SUPERIOR_COMMITTEE,
        name="Đảng ủy Khối Cơ quan tỉnh Hòn Mây",
        valid_from=FOUNDED,
    )
    for name in ("Sở Thủy sản", "Sở Giao thông"):
        create_org(
            None, kind=K.PARTY_COMMITTEE, name=f"Đảng bộ {name}", parent=bloc, valid_from=FOUNDED
        )
    writer = get_user_model().objects.create_user("khoi-hon-may", password=DEMO_PASSWORD)
    Role.objects.create(user=writer, kind=Role.Kind.SUPERIOR, org=bloc)
    draft = actions.create_draft(None, bloc, 2025)
    first, second = draft.sections.order_by("order")[:2]
    actions.edit_section(writer, first, "Khối có {units.count} tổ chức cơ sở đảng.")
    kept.keep_report_figures(bloc, draft.reporting_period)
    actions.edit_section(writer, second, "Đã sửa.")  # a change: the figures kept are older

    page = browser_login("khoi-hon-may")
    page.goto(f"{live_demo.url}/bao-cao/{draft.id}/")
    assert "có thay đổi sau đó, đang tính lại" in page.locator(".kept-note").inner_text()
    figure = page.locator(".report-paper a[href$='/so-lieu/units.count/']").first
    assert figure.is_visible()
    figure.click()
    page.wait_for_url(f"**/bao-cao/{draft.id}/so-lieu/units.count/")
    assert "Đảng bộ Sở Thủy sản" in page.content()

    half = actions.create_draft(None, bloc, 2025, "six_month")  # a period with nothing kept
    page.goto(f"{live_demo.url}/bao-cao/{half.id}/")
    assert "đang được tính trong nền" in page.locator(".kept-note").inner_text()
    assert page.locator(".report-paper").count() == 0
    section = half.sections.order_by("order").first()
    page.click(f".report-sections a[href$='/muc/{section.key}/']")
    page.fill("textarea[name=text]", "Chưa có số liệu.")
    page.click("button:has-text('Lưu')")
    page.wait_for_url(f"**/bao-cao/{half.id}/*")
    assert "đang được tính trong nền" in page.locator(".kept-note").inner_text()
    section.refresh_from_db()
    assert section.text == "Chưa có số liệu."


@override_settings(DANGVU_JOB_MIN_ORGS=0, DANGVU_KEPT_REFRESH_MINUTES=0)
def test_the_draft_page_reloads_itself_until_its_figures_are_computed(browser_login, live_demo):
    bloc = create_org(
        None,
        kind=K.SUPERIOR_COMMITTEE,
        name="Đảng ủy Khối Doanh nghiệp tỉnh Hòn Mây",
        valid_from=FOUNDED,
    )
    create_org(
        None,
        kind=K.PARTY_COMMITTEE,
        name="Đảng bộ Cảng cá Hòn Mây",
        parent=bloc,
        valid_from=FOUNDED,
    )
    writer = get_user_model().objects.create_user("khoi-dn-hon-may", password=DEMO_PASSWORD)
    Role.objects.create(user=writer, kind=Role.Kind.SUPERIOR, org=bloc)
    draft = actions.create_draft(None, bloc, 2025)
    actions.edit_section(
        writer, draft.sections.order_by("order").first(), "Khối có {units.count} tổ chức."
    )

    page = browser_login("khoi-dn-hon-may")
    page.goto(f"{live_demo.url}/bao-cao/{draft.id}/")
    assert "tự tải lại sau 10 giây" in page.locator(".kept-note").inner_text()
    assert page.locator("button:has-text('Tính lại')").count() == 0
    job = Job.objects.get()  # queued by the opening
    run_job.call(job.pk)
    # Without a click: the page reloads itself and shows the draft written with its figures.
    page.locator(".report-paper").wait_for(timeout=20_000)
    assert "chưa có thay đổi nào sau đó" in page.locator(".kept-note").inner_text()
    page.click("button:has-text('Tính lại')")
    page.wait_for_url(f"**/bao-cao/{draft.id}/")
    assert "Đang tính lại số liệu trong nền" in page.content()
    assert Job.objects.count() == 2
