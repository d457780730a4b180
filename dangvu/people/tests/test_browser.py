"""The people and statistics pages in a real browser."""

import pytest

pytestmark = pytest.mark.browser


def test_login_search_person_and_statistics(browser_login, live_demo):
    page = browser_login("vanphong")
    page.click("text=Cá nhân")
    page.fill("input[name=q]", "nguyen")
    page.click("button:has-text('Lọc')")
    names = page.locator("table.people tbody tr td:nth-child(2) a").all_inner_texts()
    assert names, "search found nobody"
    assert all("Nguyễn" in n for n in names)
    page.locator("table.people a").first.click()
    assert page.locator("h1").inner_text() == names[0]
    assert page.locator("text=Lịch sử thay đổi").count() == 1
    page.goto(f"{live_demo.url}/to-chuc/so-tttt-tra-vinh/thong-ke/?ngay=2017-12-31")
    assert page.locator("[data-fact='party.members']").inner_text() == "54"
    page.click("[data-fact='party.members.probationary']")
    assert page.locator("table tr").count() == 1 + 3


def test_a_large_import_is_previewed_then_written_by_jobs(
    browser_login, live_demo, settings, tmp_path
):
    """Upload → the check's progress → the preview → "Ghi vào hồ sơ" → the commit job's page;
    the jobs are run here as `db_worker` would, while the pages wait."""
    from dangvu.finance.models import FeeYear
    from dangvu.ops.jobs import run_job
    from dangvu.ops.models import Job
    from dangvu.people.models import Person
    from dangvu.people.tests.test_excel import COMMITTEE, member, workbook

    settings.MEDIA_ROOT = tmp_path
    settings.DANGVU_JOB_MIN_ROWS = 1
    FeeYear.objects.all().delete()  # the rows join their cell in the demo's closed fee years
    rows = [member(), member(**{"Họ và tên": "Lê Văn Hai", "Số CCCD": "084190000002"})]
    page = browser_login("vanphong")
    page.goto(f"{live_demo.url}/ca-nhan/nhap/")
    page.select_option("select[name=org]", COMMITTEE)
    page.set_input_files(
        "input[name=file]",
        {
            "name": "danh-sach.xlsx",
            "mimeType": "application/octet-stream",
            "buffer": workbook(rows),
        },
    )
    page.click("button:has-text('Tải lên và xem trước')")
    page.wait_for_selector("text=Đang chờ tiến trình việc nền")
    run_job.call(Job.objects.get(kind="people.import.preview").pk)
    page.wait_for_selector("h1:has-text('Xem trước: danh-sach.xlsx')")  # the page reloads itself
    assert "2 hồ sơ mới" in page.content()
    assert not Person.objects.filter(cccd="084190000002").exists()
    page.locator("button:has-text('Ghi vào hồ sơ')").first.click()
    page.wait_for_selector("h1:has-text('Việc chạy nền')")
    run_job.call(Job.objects.get(kind="people.import").pk)
    page.wait_for_selector("a:has-text('ket-qua-nhap')")
    assert Person.objects.filter(cccd__in=["084190000001", "084190000002"]).count() == 2
    assert list((tmp_path / "imports").glob("*")) == []
