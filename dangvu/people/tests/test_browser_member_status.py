"""The host cell's form for a member attending it for a while (sinh hoạt đảng tạm thời), in a
real browser: a refusal shown in Vietnamese and nothing written, then the record on the cell's
page, then its end."""

import datetime as dt

import pytest

pytestmark = pytest.mark.browser


def test_a_cell_receives_a_member_for_a_while_and_ends_it(browser_login, live_demo):
    from dangvu.orgs import actions as org_actions
    from dangvu.orgs.models import Organization
    from dangvu.people.models import TemporaryAttachment

    committee = Organization.objects.get(slug="so-tttt-tra-vinh")
    cell = org_actions.create_org(
        None,
        kind="party_cell",
        name="Chi bộ Phòng Thử Nghiệm",
        parent=committee,
        valid_from=dt.date(2020, 1, 1),
    )
    page = browser_login("vanphong")
    page.goto(f"{live_demo.url}/to-chuc/{cell.slug}/")
    page.click("text=Tiếp nhận đảng viên sinh hoạt tạm thời")
    page.fill("input[name=full_name]", "Hà Văn Tuấn")
    page.fill("input[name=home_org_name]", "Chi bộ Kho vận, Đảng bộ Công ty Dệt Thử")
    page.fill("[name=papers]", "Giấy giới thiệu số 15-GGT/ĐU ngày 02/5/2024")
    page.fill("input[name=valid_from]", "2024-05-06")
    page.fill("input[name=valid_to]", "2024-03-01")
    page.click("button:has-text('Ghi nhận')")
    assert "phải sau ngày bắt đầu" in page.locator("[role=alert], .error").first.inner_text()
    assert not TemporaryAttachment.objects.filter(cell=cell).exists()

    page.fill("input[name=valid_to]", "2024-11-06")
    page.click("button:has-text('Ghi nhận')")
    page.wait_for_selector("h1:has-text('Chi bộ Phòng Thử Nghiệm')")
    page.goto(f"{live_demo.url}/to-chuc/{cell.slug}/?ngay=2024-06-01")
    row = page.locator("table.attachments tr[data-attachment]")
    assert row.count() == 1
    assert "Hà Văn Tuấn" in row.inner_text() and "Dệt Thử" in row.inner_text()
    row.locator("text=Kết thúc").click()
    page.fill("input[name=on]", "2024-09-01")
    page.click("button:has-text('Ghi nhận')")
    page.wait_for_selector("h1:has-text('Chi bộ Phòng Thử Nghiệm')")
    assert TemporaryAttachment.objects.get(cell=cell).valid_to == dt.date(2024, 9, 1)


def test_a_stay_past_its_rule_is_warned_of_on_the_cell_page(browser_login, live_demo):
    """Thirteen months of work elsewhere is past the rule's year: recorded, and warned of; as
    long for full-time study is within its two years."""
    from dangvu.orgs import actions as org_actions
    from dangvu.orgs.models import Organization
    from dangvu.people.models import TemporaryAttachment

    committee = Organization.objects.get(slug="so-tttt-tra-vinh")
    cell = org_actions.create_org(
        None,
        kind="party_cell",
        name="Chi bộ Phòng Đối Chiếu",
        parent=committee,
        valid_from=dt.date(2020, 1, 1),
    )
    page = browser_login("vanphong")
    for name, study in (("Lâm Văn Phúc", False), ("Mạc Thị Hạnh", True)):
        page.goto(f"{live_demo.url}/to-chuc/{cell.slug}/")
        page.click("text=Tiếp nhận đảng viên sinh hoạt tạm thời")
        page.fill("input[name=full_name]", name)
        page.fill("input[name=home_org_name]", "Chi bộ Kế toán, Đảng bộ Công ty Thử")
        page.fill("[name=papers]", "Giấy giới thiệu số 31-GGT/ĐU ngày 28/12/2023")
        page.fill("input[name=valid_from]", "2024-01-02")
        page.fill("input[name=valid_to]", "2025-02-03")
        if study:
            page.check("input[name=study]")
        page.click("button:has-text('Ghi nhận')")
        page.wait_for_selector("h1:has-text('Chi bộ Phòng Đối Chiếu')")
    assert TemporaryAttachment.objects.filter(cell=cell).count() == 2
    page.goto(f"{live_demo.url}/to-chuc/{cell.slug}/?ngay=2024-06-01")
    assert page.locator("table.attachments tr[data-attachment]").count() == 2
    warning = page.locator("p.overrun[data-overrun]")
    assert warning.count() == 1 and warning.is_visible()
    assert warning.inner_text().startswith("Lâm Văn Phúc: Sinh hoạt tạm thời kéo dài quá 12 tháng")
