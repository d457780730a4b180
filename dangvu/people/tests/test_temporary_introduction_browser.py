"""In a real browser, the office introduces a member of one of its cells for temporary Party
activity to a host outside dangvu from the member's page: a bad form says why and records
nothing, a good one lists the introduction on the page, and the cell's fee book marks the months
the host collects “tạm thời”, paid there."""

import datetime as dt

import pytest

pytestmark = pytest.mark.browser

D = dt.date
HOST = "Chi bộ Lớp Trung cấp lý luận, Trường Chính trị tỉnh"


def test_the_office_introduces_a_member_to_a_host_outside(browser_login, live_demo):
    from dangvu.finance import actions
    from dangvu.orgs import actions as org_actions
    from dangvu.orgs.models import Organization
    from dangvu.people import actions as people_actions
    from dangvu.people.models import TemporaryAttachment

    committee = Organization.objects.get(slug="so-tttt-tra-vinh")
    cell = org_actions.create_org(
        None, kind="party_cell", name="Chi bộ Phòng Thử Ba", parent=committee,
        valid_from=D(2018, 1, 1),
    )  # fmt: skip
    person = people_actions.create_person(
        None, home_org=committee, full_name="Lâm Văn Học", gender="male", birth_date=D(1988, 6, 9)
    )
    people_actions.transfer_in(
        None, person, cell, D(2018, 1, 1), admitted_on=D(2012, 5, 1), official_on=D(2013, 5, 1)
    )
    actions.set_salary_base(None, person, month=D(2018, 1, 1), kind="fixed", amount=40_000)

    page = browser_login("vanphong")
    page.goto(f"{live_demo.url}/ca-nhan/{person.id}/")
    page.get_by_role("link", name="Giới thiệu sinh hoạt đảng tạm thời (nơi ngoài dangvu)").click()
    page.get_by_label("Giấy giới thiệu sinh hoạt tạm thời").fill("Giấy giới thiệu số 12-GGT/ĐU")
    page.get_by_label("Từ ngày").fill("2018-03-01")
    page.get_by_label("Đến ngày").fill("2018-06-01")
    page.get_by_role("button", name="Ghi nhận").click()
    assert "Cần ghi nơi đảng viên được giới thiệu đến" in page.content()
    assert not TemporaryAttachment.objects.filter(person=person).exists()
    page.get_by_label("Nơi sinh hoạt tạm thời").fill(HOST)
    page.get_by_role("button", name="Ghi nhận").click()
    row = page.locator("table.attachments tr", has_text=HOST)
    assert "(ngoài dangvu)" in row.inner_text() and "01/03/2018" in row.inner_text()

    page.goto(f"{live_demo.url}/dang-phi/to-chuc/{cell.slug}/so-thu-nop/2018/")
    assert page.locator("[data-away]").count() == 3
    note = page.locator("[data-temporary]").inner_text()
    assert f"tháng 3–5/2018: đóng đảng phí tại {HOST}" in note
