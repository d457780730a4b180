"""Filling a slot, inserting a figure from the list and finalising, in a real browser."""

import pytest

from dangvu.reports import actions
from dangvu.reports.models import ReportDraft

pytestmark = pytest.mark.browser


def test_office_fills_a_slot_inserts_a_figure_and_finalises(browser_login, live_demo):
    demo_draft = ReportDraft.objects.get(org__slug="so-tttt-tra-vinh", year=2017, version=1)
    draft = actions.edit_header(None, actions.new_version(None, demo_draft), number="Số 15-BC/ĐU")
    section = draft.sections.get(key="political.defence")
    actions.edit_section(None, section, "[cần bổ sung: kết quả diễn tập phòng cháy]")

    page = browser_login("vanphong")
    page.goto(f"{live_demo.url}/bao-cao/{draft.id}/")
    assert page.locator("text=Còn 1 chỗ").count() == 1
    page.click(f"a[href='/bao-cao/{draft.id}/muc/political.defence/']")
    area = page.locator("textarea[name=text]")
    area.fill("Đơn vị tổ chức diễn tập phòng cháy với ")
    area.press("End")
    page.fill("#figure-filter", "đảng viên dự bị")
    page.click("button.insert-figure[data-name='party.members.probationary']")
    area.press("End")
    area.type(" đảng viên dự bị tham gia.")
    assert area.input_value() == (
        "Đơn vị tổ chức diễn tập phòng cháy với {party.members.probationary} đảng viên dự bị tham gia."
    )
    page.click("button:has-text('Lưu')")
    assert page.locator(".report-paper", has_text="với 03 đảng viên dự bị tham gia").count() == 1
    assert page.locator("text=Còn 1 chỗ").count() == 0
    page.click("a:has-text('Chốt báo cáo')")
    page.click("button:has-text('Chốt báo cáo')")
    assert page.locator(".badge", has_text="Đã chốt").count() == 1
    draft.refresh_from_db()
    assert draft.is_final and draft.frozen_docx


def test_the_superior_opens_the_people_behind_a_figure_of_its_report(
    browser_login, live_demo, monkeypatch
):
    """A figure of the superior's report, computed alone, lists the first people behind it and
    says how many there are (a province's counts hundreds of thousands)."""
    from dangvu.orgs.models import Organization
    from dangvu.reports import views

    superior = Organization.objects.get(slug="dang-uy-khoi-cac-co-quan-tra-vinh")
    draft = actions.create_draft(None, superior, 2017, "annual", "")
    monkeypatch.setattr(views, "SHOWN", 2)
    page = browser_login("captren")
    page.goto(f"{live_demo.url}/bao-cao/{draft.id}/")
    page.click(f"a[href='/bao-cao/{draft.id}/so-lieu/units.party.members/']")
    heading = page.locator("h2", has_text="Cá nhân (")
    count = int(heading.inner_text().split("(")[1].rstrip(")").replace(".", ""))
    assert count > 2
    assert page.locator("text=Liệt kê 2 người đầu tiên.").count() == 1
    assert page.locator("table tr").count() == 3  # the heading row and two people
