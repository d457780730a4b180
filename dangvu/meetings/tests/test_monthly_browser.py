"""The monthly cell meeting in a real browser: the secretary plans it with two documents, two
members open the notice on a phone, attendance is recorded, the resolution comes out as a Word
file LibreOffice opens, and the next month's resolution lists last month's tasks with results."""

import datetime as dt
import shutil
import subprocess

import pytest
from django.contrib.auth import get_user_model

from conftest import DEMO_PASSWORD
from dangvu.accounts.models import Role
from dangvu.documents import actions as document_actions
from dangvu.lib.textfile import read_bytes
from dangvu.meetings.models import Attendance, MeetingRead, MeetingTask
from dangvu.orgs import actions as org_actions
from dangvu.orgs.models import Organization, active_on
from dangvu.people.models import Membership

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}
JANUARY, FEBRUARY = dt.date(2018, 1, 8), dt.date(2018, 2, 5)


def _fits(page):
    return page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_a_cell_meeting_from_notice_to_resolution(browser_login, live_demo, tmp_path):
    cell = Organization.objects.get(slug="so-tttt-chi-bo-1")
    # The demo's cells have no symbol, so they number nothing until the office sets one.
    cell = org_actions.set_symbol(None, cell, "CB")
    docs = [
        document_actions.register_document(
            None,
            owner_org=cell,
            direction="incoming",
            doc_type=doc_type,
            symbol=symbol,
            issuer_name="Tỉnh ủy Trà Vinh",
            date=dt.date(2018, 1, 2),
            subject=subject,
        )
        for doc_type, symbol, subject in (
            ("Chỉ thị", "41-CT/TU", "về công tác dân vận năm 2018"),
            ("Kế hoạch", "52-KH/TU", "học tập chuyên đề năm 2018"),
        )
    ]
    members = list(
        Membership.objects.filter(active_on(JANUARY), org=cell, kind="party")
        .select_related("person")
        .order_by("person__sort_name")
    )
    readers = [m.person for m in members[-2:]]
    for i, person in enumerate(readers):
        user = get_user_model().objects.create_user(f"doc-{i}", password=DEMO_PASSWORD)
        Role.objects.create(user=user, kind=Role.Kind.MEMBER, person=person)

    # The secretary plans January's meeting with the two documents.
    page = browser_login("bithu1")
    page.click("header nav >> text=Sinh hoạt chi bộ")
    page.click("text=Lập kế hoạch sinh hoạt")
    page.select_option("select[name=chi_bo]", cell.slug)
    page.fill("input[name=starts_on]", JANUARY.isoformat())
    page.fill("input[name=place]", "Phòng họp Sở")
    page.fill("input[name=theme]", "Học tập và làm theo tấm gương đạo đức Hồ Chí Minh")
    for doc in docs:
        page.check(f"input[name=documents][value='{doc.id}']")
    page.click("main button[type=submit]")
    page.wait_for_url("**/sinh-hoat/*/")
    meeting_url = page.url
    assert page.locator("ul.documents li").count() == 2
    # The demo's January 2018 is long past: no notice button, the page says why.
    assert page.locator("button:has-text('Gửi thông báo qua thư điện tử')").count() == 0
    assert "đã qua: thông báo chỉ gửi trước" in page.content()

    # Two members open the notice and one document each on a phone.
    for i, person in enumerate(readers):
        page.context.clear_cookies()
        page.set_viewport_size(PHONE)
        browser_login(f"doc-{i}")
        page.goto(f"{live_demo.url}/sinh-hoat/")
        assert page.locator("ul.to-read [data-unread]").count() == 2
        assert _fits(page)
        page.click("ul.meetings a:has-text('tháng 1/2018')")
        page.wait_for_url(meeting_url)
        assert _fits(page)
        page.click(f"ul.documents a:has-text('{docs[i].symbol}')")
        page.go_back()
        page.goto(f"{live_demo.url}/sinh-hoat/")
        assert page.locator("ul.to-read [data-read]").count() == 1
        reads = MeetingRead.objects.filter(person=person)
        assert reads.filter(document__isnull=True).count() == 1
        assert reads.filter(document__document=docs[i]).count() == 1

    # The secretary sees who read the notice, records attendance and concludes.
    page.context.clear_cookies()
    page.set_viewport_size({"width": 1280, "height": 900})
    browser_login("bithu1")
    page.goto(meeting_url)
    assert page.locator("[data-seen]").count() == 2
    page.click("a:has-text('Điểm danh')")
    rows = page.locator("table.attendance-form tr[data-person]")
    rows.nth(0).locator("input[value=excused]").check()
    rows.nth(0).locator("input[name^=r_]").fill("Đi công tác")
    # A member of the cell's committee accepts the reason: the minutes name who.
    rows.nth(0).locator("select[name^=a_]").select_option(index=1)
    page.click("button:has-text('Lưu điểm danh')")
    page.goto(meeting_url)
    page.click("a:has-text('Ghi kết luận, nhiệm vụ')")
    secretary, recorder = members[1].person, members[2].person
    page.select_option("select[name=chair]", str(secretary.id))
    page.select_option("select[name=recorder]", str(recorder.id))
    page.fill("textarea[name=resolution]", "Chi bộ thống nhất các giải pháp của tháng.")
    page.fill("input[name=task_1]", "Rà soát hồ sơ đảng viên")
    page.select_option("select[name=owner_1]", str(readers[0].id))
    page.fill("input[name=deadline_1]", "2018-01-31")
    page.select_option("select[name=quality]", "good")
    page.click("button:has-text('Lưu kết luận')")
    page.wait_for_url(meeting_url)
    page.click("button:has-text('Lấy số biên bản, nghị quyết')")
    page.wait_for_url(meeting_url)
    number = page.locator("[data-number]").inner_text()
    assert number.endswith("-NQ/CB")
    with page.expect_download() as download:
        page.click("[data-paper=resolution-docx]")
    path = tmp_path / "nghi-quyet.docx"
    download.value.save_as(path)
    absent = Attendance.objects.get(activity__plan__isnull=False, status="excused")
    text = read_bytes(path.read_bytes(), path.name)
    accepted = f"(Đi công tác; được đồng chí {absent.accepted_by.full_name}"
    assert f"Số {number}" in text and f"{absent.person.full_name} {accepted}" in text
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{tmp_path}/lo", "--headless",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    assert (tmp_path / "nghi-quyet.pdf").read_bytes().startswith(b"%PDF")

    # February: the conclusion lists January's task; its result goes into the new resolution.
    page.goto(f"{live_demo.url}/sinh-hoat/ke-hoach/")
    page.select_option("select[name=chi_bo]", cell.slug)
    page.fill("input[name=starts_on]", FEBRUARY.isoformat())
    page.click("main button[type=submit]")
    page.wait_for_url("**/sinh-hoat/*/")
    february_url = page.url
    page.click("a:has-text('Điểm danh')")
    page.click("button:has-text('Lưu điểm danh')")
    page.goto(february_url)
    page.click("a:has-text('Ghi kết luận, nhiệm vụ')")
    task = MeetingTask.objects.get(text="Rà soát hồ sơ đảng viên")
    review = page.locator(f"tr[data-review='{task.id}']")
    assert "Rà soát hồ sơ đảng viên" in review.inner_text()
    review.locator("select").select_option("done")
    review.locator("input").fill("Đã rà soát 100% hồ sơ")
    page.click("button:has-text('Lưu kết luận')")
    page.wait_for_url(february_url)
    draft = page.request.get(f"{february_url}giay-to/?giay=nghi-quyet&dinh-dang=md").text()
    assert "Rà soát hồ sơ đảng viên" in draft
    assert "Kết quả: hoàn thành (Đã rà soát 100% hồ sơ)" in draft


def test_a_joint_meeting_reviews_each_cells_last_resolution_on_the_page(browser_login, live_demo):
    """The committee's office plans a joint meeting of cells 1 and 2 after the demo's year: the
    conclusion page lists each cell's December tasks under its own name, and a result entered
    for the second cell's task is recorded."""
    one, two = (Organization.objects.get(slug=f"so-tttt-chi-bo-{n}") for n in (1, 2))
    page = browser_login("vanphong")
    page.goto(f"{live_demo.url}/sinh-hoat/ke-hoach/")
    page.select_option("select[name=chi_bo]", one.slug)
    page.check(f"input[name=joint_with][value='{two.slug}']")
    page.fill("input[name=starts_on]", "2018-01-10")
    page.click("main button[type=submit]")
    page.wait_for_url("**/sinh-hoat/*/")
    meeting_url = page.url
    page.click("a:has-text('Điểm danh')")
    page.click("button:has-text('Lưu điểm danh')")
    page.goto(meeting_url)
    page.click("a:has-text('Ghi kết luận, nhiệm vụ')")
    headers = page.locator("tr.review-cell")
    assert headers.count() == 2
    assert one.name in headers.nth(0).inner_text() and two.name in headers.nth(1).inner_text()
    task = MeetingTask.objects.filter(
        minutes__activity__links__org=two, minutes__activity__starts_on__year=2017
    ).latest("minutes__activity__starts_on")
    review = page.locator(f"tr[data-review='{task.id}']")
    review.locator("select").select_option("done")
    review.locator("input").fill("Nộp đủ bài thu hoạch")
    page.select_option("select[name=chair]", index=1)
    page.select_option("select[name=recorder]", index=2)
    page.click("button:has-text('Lưu kết luận')")
    page.wait_for_url(meeting_url)
    task.refresh_from_db()
    assert task.status == "done" and task.result == "Nộp đủ bài thu hoạch"
