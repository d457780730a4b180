"""A large import of people runs as background jobs (issue 26): past DANGVU_JOB_MIN_ROWS rows
the upload answers at once with the progress of a job that reads and checks the file, then shows
the same preview as a small file; "Ghi vào hồ sơ" answers at once with the status page of a job
that re-checks the file with the scope of the user who asked and writes it all or nothing. Only
that user sees the jobs; the kept file is deleted when committed or cancelled."""

import io
import os
import re

import pytest
from django.contrib.auth.models import User

from dangvu.accounts.scope import scope_for
from dangvu.core import imports as kit
from dangvu.finance import actions as fee_actions
from dangvu.finance.models import FeeYear
from dangvu.ops.jobs import job_dir
from dangvu.ops.models import Job
from dangvu.orgs.models import Organization
from dangvu.people import excel
from dangvu.people.models import Person
from dangvu.people.tests.test_excel import COMMITTEE, HEADERS, member, table_counts, workbook
from dangvu.superior.tests.test_jobs import _work

pytestmark = pytest.mark.django_db
HEADERS_BUT_NAME = HEADERS[1:]
ROWS = [member(), member(**{"Họ và tên": "Lê Văn Hai", "Số CCCD": "084190000002"})]


@pytest.fixture
def office(demo, login, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.DANGVU_JOB_MIN_ROWS = 1
    FeeYear.objects.all().delete()  # the rows join their cell in the demo's closed fee years
    return login("vanphong")


def upload(client, rows=ROWS, data=None):
    file = io.BytesIO(data if data is not None else workbook(rows))
    file.name = "danh-sach.xlsx"
    return client.post("/ca-nhan/nhap/", {"org": COMMITTEE, "file": file})


def preview_by_job(client, capture, rows=ROWS, data=None):
    """Upload a large file, follow its preview job to the end; (job, the preview page)."""
    with capture(execute=True):
        response = upload(client, rows, data)
    assert response.status_code == 302
    assert response["Location"].startswith("/ca-nhan/nhap/xem-truoc/?viec=")
    job = Job.objects.get(kind="people.import.preview", status=Job.QUEUED)
    waiting = client.get(response["Location"]).content.decode()
    assert "Đang chờ tiến trình việc nền" in waiting and "Hủy" in waiting
    _work()
    return job, client.get(response["Location"])


def ask_for_commit(client, capture):
    _job, preview = preview_by_job(client, capture)
    assert preview.status_code == 200 and "Ghi vào hồ sơ" in preview.content.decode()
    with capture(execute=True):
        response = client.post("/ca-nhan/nhap/ghi/")
    assert response.status_code == 302 and response["Location"].startswith("/viec-nen/?viec=")
    return Job.objects.get(kind="people.import"), response["Location"]


def kept_files(settings):
    return list((settings.MEDIA_ROOT / "imports").glob("*"))


# What asking for a job writes: the job, its place in the queue and the audit entry of asking.
ASKING_ONLY = {"ops.Job": 1, "django_tasks_database.DBTaskResult": 1, "accounts.AuditEntry": 1}


def changed_since(before):
    after = table_counts()
    return {table: after[table] - before[table] for table in after if after[table] != before[table]}


def page_text(response):
    """A page as compared between the two paths: without its one-time form token."""
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", response.content.decode())


def test_a_large_import_is_written_by_a_job(office, login, django_capture_on_commit_callbacks):
    before = table_counts()
    job, status_url = ask_for_commit(office, django_capture_on_commit_callbacks)
    # Nothing written by the request; the upload waits in the job's own folder, private.
    assert not Person.objects.filter(cccd__in=["084190000001", "084190000002"]).exists()
    assert (job_dir(job) / "input").stat().st_mode & 0o077 == 0
    assert "Đang chờ" in office.get(status_url).content.decode()
    _work()
    job.refresh_from_db()
    assert job.status == Job.DONE, job.error
    assert Person.objects.filter(cccd__in=["084190000001", "084190000002"]).count() == 2
    assert not (job_dir(job) / "input").exists()
    result = office.get(f"/viec-nen/tai/?viec={job.pk}")
    assert "đã ghi vào hồ sơ" in b"".join(result.streaming_content).decode()
    assert table_counts()["people.Person"] == before["people.Person"] + 2
    # Another user of the same committee sees neither the job nor its file.
    other = login("bithu1")
    assert job.title not in other.get("/viec-nen/").content.decode()
    assert other.get(f"/viec-nen/tai/?viec={job.pk}").status_code in (302, 404)


def test_a_file_gone_bad_since_the_preview_writes_nothing(
    office, django_capture_on_commit_callbacks
):
    job, status_url = ask_for_commit(office, django_capture_on_commit_callbacks)
    # Between the preview and the job, the office closes the fee year the rows join in.
    fee_actions.close_year(None, Organization.objects.get(slug=COMMITTEE), 2016)
    counts = table_counts()
    _work()
    job.refresh_from_db()
    assert job.status == Job.FAILED and "không ghi gì" in job.error
    assert table_counts() == counts
    page = office.get(status_url).content.decode()
    assert "Năm 2016 đã khóa sổ đảng phí" in page and "không làm được" not in page


def test_a_small_import_is_written_at_once(office, settings):
    settings.DANGVU_JOB_MIN_ROWS = 2
    upload = io.BytesIO(workbook(ROWS))
    upload.name = "danh-sach.xlsx"
    office.post("/ca-nhan/nhap/", {"org": COMMITTEE, "file": upload})
    response = office.post("/ca-nhan/nhap/ghi/")
    assert response.status_code == 302 and "to-chuc=" in response["Location"]
    assert Person.objects.filter(cccd="084190000002").exists() and not Job.objects.exists()


def test_a_large_file_is_previewed_by_a_job_as_a_small_one_is_at_once(
    office, settings, django_capture_on_commit_callbacks
):
    rows = [*ROWS, member(**{"Họ và tên": "Ngày Sai", "Số CCCD": "", "Ngày sinh": "31/02/1990"})]
    settings.DANGVU_JOB_MIN_ROWS = len(rows)
    small = upload(office, rows)
    assert small.status_code == 400 and not Job.objects.exists()
    settings.DANGVU_JOB_MIN_ROWS = 1
    counts = table_counts()
    job, large = preview_by_job(office, django_capture_on_commit_callbacks, rows)
    job.refresh_from_db()
    assert job.status == Job.DONE and large.status_code == 400
    # The same page, errors and rows alike; nothing written, nothing left to commit.
    assert page_text(large) == page_text(small)
    assert "“31/02/1990” không phải là ngày hợp lệ" in large.content.decode()
    assert "Ghi vào hồ sơ" not in large.content.decode()
    assert changed_since(counts) == ASKING_ONLY
    assert kept_files(settings) == []


def test_large_and_small_paths_write_the_same(office, settings, django_capture_on_commit_callbacks):
    settings.DANGVU_JOB_MIN_ROWS = len(ROWS)
    small = upload(office)
    assert small.status_code == 200
    office.post("/ca-nhan/nhap/ghi/")
    cccds = [row["Số CCCD"] for row in ROWS]
    written = set(Person.objects.filter(cccd__in=cccds).values_list("full_name", "cccd"))
    assert len(written) == 2
    # The same file again: every row is on record; then the same file on a fresh set of CCCDs.
    fresh = [{**row, "Số CCCD": "9" + row["Số CCCD"][1:]} for row in ROWS]
    settings.DANGVU_JOB_MIN_ROWS = 1
    job, preview = preview_by_job(office, django_capture_on_commit_callbacks, fresh)
    assert "2 hồ sơ mới" in preview.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        office.post("/ca-nhan/nhap/ghi/")
    _work()
    assert Job.objects.get(kind="people.import").status == Job.DONE
    fresh_cccds = [row["Số CCCD"] for row in fresh]
    by_job = set(Person.objects.filter(cccd__in=fresh_cccds).values_list("full_name", "cccd"))
    assert {(name, "0" + cccd[1:]) for name, cccd in by_job} == written
    assert kept_files(settings) == []


def test_a_large_file_without_a_header_is_refused_in_vietnamese(
    office, settings, django_capture_on_commit_callbacks
):
    data = workbook(ROWS, headers=["Tên gì đó", *HEADERS_BUT_NAME])
    counts = table_counts()
    job, page = preview_by_job(office, django_capture_on_commit_callbacks, data=data)
    job.refresh_from_db()
    assert job.status == Job.FAILED
    assert "Không tìm thấy dòng tiêu đề" in page.content.decode()
    assert changed_since(counts) == ASKING_ONLY
    assert kept_files(settings) == []


def test_only_the_uploader_sees_the_preview(
    office, login, settings, django_capture_on_commit_callbacks
):
    job, preview = preview_by_job(office, django_capture_on_commit_callbacks)
    assert preview.status_code == 200
    other = login("bithu1")
    assert other.get(f"/ca-nhan/nhap/xem-truoc/?viec={job.pk}").status_code == 404
    # Nor can they commit it: the kept file is known by the uploader's session only.
    other.post("/ca-nhan/nhap/ghi/")
    assert not Person.objects.filter(cccd="084190000002").exists()
    assert len(kept_files(settings)) == 1


def test_cancelling_deletes_the_kept_file(office, settings, django_capture_on_commit_callbacks):
    job, preview = preview_by_job(office, django_capture_on_commit_callbacks)
    assert len(kept_files(settings)) == 1
    office.post("/ca-nhan/nhap/ghi/", {"huy": "1"})
    assert kept_files(settings) == []
    # The preview is still readable, but nothing is left to commit from it.
    again = office.get(f"/ca-nhan/nhap/xem-truoc/?viec={job.pk}").content.decode()
    assert "Ghi vào hồ sơ" not in again


def test_a_kept_file_is_removed_after_a_day(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    old = kit.keep(b"old")
    path = kit.kept_path(old)
    assert path.stat().st_mode & 0o077 == 0
    day_ago = path.stat().st_mtime - kit.STALE_SECONDS - 1
    os.utime(path, (day_ago, day_ago))
    new = kit.keep(b"new")
    assert kit.kept_path(old) is None and kit.kept_path(new) is not None


def test_rows_are_counted_without_reading_the_file():
    assert kit.count_rows(workbook(ROWS)) == len(ROWS)
    assert kit.count_rows(b"not a spreadsheet") == 0


def test_the_check_says_how_far_it_got(office, monkeypatch, django_capture_on_commit_callbacks):
    monkeypatch.setattr(kit, "PROGRESS_EVERY", 1)
    seen = []
    org = Organization.objects.get(slug=COMMITTEE)
    scope = scope_for(User.objects.get(username="vanphong"))
    excel.prepare(workbook(ROWS), org, scope, progress=lambda *told: seen.append(told))
    assert (1, 2, excel.READING) in seen and (1, 2, excel.CHECKING) in seen
    # While the job runs, its page shows the rows read out of the rows counted.
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(office)
    Job.objects.update(status=Job.RUNNING, done=5000, total=20000, step=excel.READING)
    page = office.get(response["Location"]).content.decode()
    assert "Đọc tệp: 5.000 / 20.000 dòng" in page


def test_the_jobs_page_leads_to_the_preview_not_to_its_json(
    office, django_capture_on_commit_callbacks
):
    """The preview's kept JSON is the page's data, not a file for the user: the jobs page links
    to the preview page, and asking for the job's file leads there too."""
    job, _preview = preview_by_job(office, django_capture_on_commit_callbacks)
    page = office.get("/viec-nen/").content.decode()
    preview_url = f"/ca-nhan/nhap/xem-truoc/?viec={job.pk}"
    assert f'href="{preview_url}"' in page and "Xem kết quả" in page
    assert ".json" not in page
    download = office.get(f"/viec-nen/tai/?viec={job.pk}")
    assert download.status_code == 302 and download["Location"] == preview_url
