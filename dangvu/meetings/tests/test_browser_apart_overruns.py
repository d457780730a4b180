"""The members a cell meeting lists apart carry the warning of a span past its rule
(people/overruns.py), as the member's page does, in a real browser: a suspension open for more
than 180 days and a temporary attachment past its year are warned of beside the name on the
meeting page and the attendance form; an attachment within its span is not."""

import datetime as dt

import pytest

pytestmark = pytest.mark.browser

START = dt.date(2020, 1, 1)
MEETING = dt.date(2024, 3, 4)


def _member(name, cell, committee):
    from dangvu.people import actions as people_actions

    person = people_actions.create_person(
        None, home_org=committee, full_name=name, gender="male", birth_date=dt.date(1985, 4, 4)
    )
    people_actions.transfer_in(
        None, person, cell, START, admitted_on=dt.date(2010, 1, 1), official_on=dt.date(2011, 1, 1)
    )
    return person


def test_the_meeting_warns_of_spans_past_their_rule_beside_each_name(browser_login, live_demo):
    from dangvu.meetings import actions
    from dangvu.orgs import actions as org_actions
    from dangvu.orgs.models import Organization
    from dangvu.people import actions as people_actions

    committee = Organization.objects.get(slug="so-tttt-tra-vinh")
    cell = org_actions.create_org(
        None, kind="party_cell", name="Chi bộ Phòng Đo Thử", parent=committee, valid_from=START
    )
    _member("Lục Văn Đông", cell, committee)
    held = _member("Kha Văn Tây", cell, committee)
    people_actions.suspend_member(
        None,
        held,
        decision="Quyết định số 03-QĐ/ĐU ngày 02/01/2023",
        valid_from=dt.date(2023, 1, 2),
        reason="Bị khởi tố, tạm giam",
    )
    long_stay = people_actions.attach_temporarily(
        None,
        cell,
        full_name="Mẫn Văn Nam",
        home_org_name="Chi bộ Kho vận, Đảng bộ Công ty Dệt Thử",
        papers="Giấy giới thiệu số 11-GGT/ĐU ngày 02/01/2023",
        valid_from=dt.date(2023, 1, 5),
    )
    short_stay = people_actions.attach_temporarily(
        None,
        cell,
        full_name="Ông Văn Bắc",
        home_org_name="Chi bộ Cơ khí, Đảng bộ Công ty Dệt Thử",
        papers="Giấy giới thiệu số 02-GGT/ĐU ngày 02/01/2024",
        valid_from=dt.date(2024, 1, 3),
    )
    meeting = actions.plan_meeting(None, cell=cell, starts_on=MEETING)

    page = browser_login("vanphong")
    for url in (f"/sinh-hoat/{meeting.pk}/", f"/hoat-dong/{meeting.pk}/diem-danh/"):
        page.goto(f"{live_demo.url}{url}")
        suspension = page.locator(f"[data-overrun='suspension-{held.id}']")
        assert suspension.inner_text().startswith(
            "Kha Văn Tây: Đình chỉ sinh hoạt đảng đã quá 180 ngày"
        )
        attachment = page.locator(f"[data-overrun='attachment-{long_stay.id}']")
        assert attachment.inner_text() == (
            "Mẫn Văn Nam: Sinh hoạt tạm thời đã quá 12 tháng (Quy định 24-QĐ/TW, điểm 6.3.2): "
            "cần gia hạn hoặc chuyển sinh hoạt chính thức."
        )
        assert page.locator(f"[data-overrun='attachment-{short_stay.id}']").count() == 0
        assert "Ông Văn Bắc" in page.locator("[data-guests]").inner_text()
