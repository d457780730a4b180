"""In a real browser, the office records a commendation from a member's page: a form with two
recipients says why and records nothing; a good one lists it, and the member's page shows it."""

import datetime as dt

import pytest

pytestmark = pytest.mark.browser

D = dt.date


def test_the_office_records_a_commendation_from_the_member_page(browser_login, live_demo):
    from dangvu.awards.models import Commendation
    from dangvu.orgs import actions as org_actions
    from dangvu.orgs.models import Organization
    from dangvu.people import actions as people_actions

    committee = Organization.objects.get(slug="so-tttt-tra-vinh")
    cell = org_actions.create_org(
        None, kind="party_cell", name="Chi bộ Phòng Thử Khen", parent=committee,
        valid_from=D(2018, 1, 1),
    )  # fmt: skip
    person = people_actions.create_person(
        None,
        home_org=committee,
        full_name="Đoàn Thị Khen",
        gender="female",
        birth_date=D(1987, 4, 2),
    )
    people_actions.transfer_in(
        None, person, cell, D(2018, 1, 1), admitted_on=D(2012, 5, 1), official_on=D(2013, 5, 1)
    )

    page = browser_login("vanphong")
    page.goto(f"{live_demo.url}/ca-nhan/{person.id}/")
    page.get_by_role("link", name="Ghi khen thưởng").click()
    # Opened on the member and their cell.
    assert page.get_by_label("Đảng viên được khen").input_value() == str(person.id)
    assert page.get_by_label("Tổ chức ghi nhận").input_value() == str(cell.id)
    page.get_by_label("Hình thức khen thưởng").select_option(label="Giấy khen")
    page.locator("input[name=awarder_name]").fill("Ban Thường vụ Đảng ủy")
    page.get_by_label("Số, ký hiệu quyết định").fill("07-QĐ/ĐU")
    page.get_by_label("Ngày quyết định").fill("2019-02-01")
    page.get_by_label("Thành tích").fill("Hoàn thành xuất sắc nhiệm vụ tiêu biểu năm 2018")
    page.get_by_label("Tổ chức đảng được khen").select_option(str(cell.id))
    page.get_by_role("button", name="Lưu").click()
    assert "Chọn một tổ chức đảng hoặc một đảng viên được khen (chỉ một)." in page.content()
    assert not Commendation.objects.filter(person=person).exists()

    page.get_by_label("Tổ chức đảng được khen").select_option("")
    page.get_by_role("button", name="Lưu").click()
    row = page.locator("table.work-table tr", has_text="07-QĐ/ĐU")
    assert "Đoàn Thị Khen" in row.inner_text() and "Giấy khen" in row.inner_text()
    page.goto(f"{live_demo.url}/ca-nhan/{person.id}/")
    mine = page.locator("table.commendations tr", has_text="07-QĐ/ĐU")
    assert "01/02/2019" in mine.inner_text() and "Ban Thường vụ Đảng ủy" in mine.inner_text()
