"""A large import of people runs as a background job (issue 26): past DANGVU_JOB_MIN_ROWS rows
"Ghi vào hồ sơ" answers at once with the job's status page; the job re-checks the file with the
scope of the user who asked and writes it all or nothing; only that user sees it."""

import io

import pytest

from dangvu.finance import actions as fee_actions
from dangvu.finance.models import FeeYear
from dangvu.ops.jobs import job_dir
from dangvu.ops.models import Job
from dangvu.orgs.models import Organization
from dangvu.people.models import Person
from dangvu.people.tests.test_excel import COMMITTEE, member, table_counts, workbook
from dangvu.superior.tests.test_jobs import _work

pytestmark = pytest.mark.django_db
ROWS = [member(), member(**{"Họ và tên": "Lê Văn Hai", "Số CCCD": "084190000002"})]


@pytest.fixture
def office(demo, login, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.DANGVU_JOB_MIN_ROWS = 1
    FeeYear.objects.all().delete()  # the rows join their cell in the demo's closed fee years
    return login("vanphong")


def ask_for_commit(client, capture):
    upload = io.BytesIO(workbook(ROWS))
    upload.name = "danh-sach.xlsx"
    preview = client.post("/ca-nhan/nhap/", {"org": COMMITTEE, "file": upload})
    assert preview.status_code == 200 and "Ghi vào hồ sơ" in preview.content.decode()
    with capture(execute=True):
        response = client.post("/ca-nhan/nhap/ghi/")
    assert response.status_code == 302 and response["Location"].startswith("/viec-nen/?viec=")
    return Job.objects.get(), response["Location"]


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
