"""The section editor of a big superior committee, in a real browser: after a save its list of
figures is the one kept, said to be older, and inserting one still works; with none kept it says
the list is being computed and the section is still written and saved."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.test import override_settings

from conftest import DEMO_PASSWORD
from dangvu.accounts.models import Role
from dangvu.orgs.actions import create_org
from dangvu.orgs.models import Organization
from dangvu.reports import actions
from dangvu.superior import kept

pytestmark = pytest.mark.browser
K = Organization.Kind
FOUNDED = dt.date(2020, 1, 1)


@override_settings(DANGVU_JOB_MIN_ORGS=0, DANGVU_KEPT_REFRESH_MINUTES=0)
def test_the_editor_shows_the_kept_list_as_older_after_a_save(browser_login, live_demo):
    bloc = create_org(
        None,
        kind=K.SUPERIOR_COMMITTEE,
        name="Đảng ủy Khối Cơ quan tỉnh Hòn Mây",
        valid_from=FOUNDED,
    )
    create_org(
        None, kind=K.PARTY_COMMITTEE, name="Đảng bộ Sở Thủy sản", parent=bloc, valid_from=FOUNDED
    )
    writer = get_user_model().objects.create_user("khoi-hon-may", password=DEMO_PASSWORD)
    Role.objects.create(user=writer, kind=Role.Kind.SUPERIOR, org=bloc)
    draft = actions.create_draft(None, bloc, 2025)
    kept.keep_report_figures(bloc, draft.reporting_period)
    first, second = draft.sections.order_by("order")[:2]
    actions.edit_section(writer, first, "Đã sửa.")  # a change: the list kept is now older

    page = browser_login("khoi-hon-may")
    page.goto(f"{live_demo.url}/bao-cao/{draft.id}/muc/{second.key}/")
    note = page.locator(".kept-note")
    assert "có thay đổi sau đó, đang tính lại" in note.inner_text()
    name = page.locator("button.insert-figure").first.get_attribute("data-name")
    area = page.locator("textarea[name=text]")
    area.fill("Toàn khối: ")
    area.press("End")
    page.locator("button.insert-figure").first.click()
    assert area.input_value() == f"Toàn khối: {{{name}}}"
    page.click("button:has-text('Lưu')")
    page.wait_for_url(f"**/bao-cao/{draft.id}/*")
    second.refresh_from_db()
    assert second.text == f"Toàn khối: {{{name}}}"

    half = actions.create_draft(None, bloc, 2025, "six_month")  # a period with nothing kept
    section = half.sections.order_by("order").first()
    page.goto(f"{live_demo.url}/bao-cao/{half.id}/muc/{section.key}/")
    assert "đang được tính trong nền" in page.locator(".kept-note").inner_text()
    assert page.locator("button.insert-figure").count() == 0
    page.fill("textarea[name=text]", "Chưa có số liệu.")
    page.click("button:has-text('Lưu')")
    page.wait_for_url(f"**/bao-cao/{half.id}/*")
    section.refresh_from_db()
    assert section.text == "Chưa có số liệu."
