"""A long report is checked by a background job (issue 26): past DANGVU_CHECK_JOB_CHARS the
check page answers at once, then reads the findings from the job; the findings and the file are
only for the user who asked; a file the checker refuses is refused at once, as before."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from dangvu.ops.jobs import job_dir
from dangvu.ops.models import Job
from dangvu.reports.tests.test_check_report import ERROR_AND_NOTE
from dangvu.superior.tests.test_jobs import _work

pytestmark = pytest.mark.django_db


def upload(client, name, data):
    return client.post("/bao-cao/kiem-tra/", {"file": SimpleUploadedFile(name, data)})


def test_a_long_report_is_checked_by_a_job(
    demo, login, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.DANGVU_CHECK_JOB_CHARS = 10
    client = login("vanphong")
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(client, "bc.md", ERROR_AND_NOTE.encode())
    assert response.status_code == 302
    result_url = response["Location"]
    assert result_url.startswith("/bao-cao/kiem-tra/?viec=")
    job = Job.objects.get()
    waiting = client.get(result_url).content.decode()
    assert "đang kiểm tra riêng" in waiting and 'http-equiv="refresh"' in waiting
    assert (job_dir(job) / "input").exists()
    _work()
    job.refresh_from_db()
    assert job.status == Job.DONE, job.error
    assert not (job_dir(job) / "input").exists()  # the upload is not kept
    page = client.get(result_url).content.decode()
    # The same findings as the page gives at once for a short file.
    assert "2 lỗi, 1 lưu ý" in page and "refresh" not in page
    assert page.index('id="loi"') < page.index("dòng 3") < page.index('id="luu-y"')
    # Nobody else reads them.
    other = login("bithu1")
    assert other.get(result_url).status_code == 404
    assert other.get(f"/viec-nen/tai/?viec={job.pk}").status_code in (302, 404)


def test_a_file_the_checker_refuses_is_refused_at_once(demo, login, settings):
    settings.DANGVU_CHECK_JOB_CHARS = 10
    response = upload(login("vanphong"), "bc.docx", b"garbage")
    assert response.status_code == 400 and not Job.objects.exists()


def test_a_short_report_is_checked_at_once(demo, login):
    response = upload(login("vanphong"), "bc.md", ERROR_AND_NOTE.encode())
    assert response.status_code == 200 and "2 lỗi, 1 lưu ý" in response.content.decode()
    assert not Job.objects.exists()
