"""Issue 26: the superior's long work runs as a background job (Django's task framework with the
database queue): the page answers at once with a status page, the worker (`db_worker`) makes the
file, the status page then offers it, to the user who asked and nobody else."""

import io

import openpyxl
import pytest
from django.test import override_settings
from docx import Document

from dangvu.ops.models import Job

pytestmark = pytest.mark.django_db
SUPERIOR = "dang-uy-khoi-cac-co-quan-tra-vinh"


def _work():
    """What `manage.py db_worker` does with each task waiting in the database queue, run here
    inside the test's transaction (the worker itself closes the database connection between
    tasks, which the test transaction does not survive on PostgreSQL)."""
    from django_tasks_db.models import DBTaskResult

    from dangvu.ops.jobs import run_job

    waiting = list(DBTaskResult.objects.filter(status="READY"))
    assert waiting, "nothing was put in the database queue"
    for result in waiting:
        assert result.task_path == "dangvu.ops.jobs.run_job"
        run_job.call(*result.args_kwargs["args"], **result.args_kwargs["kwargs"])
        DBTaskResult.objects.filter(pk=result.pk).update(status="SUCCESSFUL")


def _follow_job(client, response):
    assert response.status_code == 302
    status_url = response["Location"]
    assert status_url.startswith("/viec-nen/?viec=")
    return status_url


@override_settings(DANGVU_JOB_MIN_ORGS=0)
def test_stat_forms_of_a_big_subtree_run_as_a_job(demo, login, django_capture_on_commit_callbacks):
    client = login("captren")
    url = f"/cap-tren/{SUPERIOR}/bieu-thong-ke/tai/?ngay=2017-12-31"
    with django_capture_on_commit_callbacks(execute=True):
        status_url = _follow_job(client, client.get(url))
    job = Job.objects.get()
    assert job.status == Job.QUEUED
    page = client.get(status_url).content.decode()
    assert "Đang chờ" in page and 'http-equiv="refresh"' in page
    # Asking again while it waits gives the same job, not a second one.
    with django_capture_on_commit_callbacks(execute=True):
        assert _follow_job(client, client.get(url)) == status_url
    assert Job.objects.count() == 1

    _work()
    job.refresh_from_db()
    assert job.status == Job.DONE, job.error
    page = client.get(status_url).content.decode()
    assert "refresh" not in page and job.file_name in page
    download = client.get(f"/viec-nen/tai/?viec={job.pk}")
    assert download.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(b"".join(download.streaming_content)))
    assert len(book.worksheets) >= 2

    # Nobody else sees the job or its file, not even the office of a unit inside the subtree.
    other = login("vanphong")
    assert other.get(status_url).status_code == 404
    assert other.get(f"/viec-nen/tai/?viec={job.pk}").status_code == 404
    assert str(job.title) not in other.get("/viec-nen/").content.decode()


def test_a_small_subtree_is_answered_at_once(demo, login):
    client = login("captren")
    response = client.get(f"/cap-tren/{SUPERIOR}/so-lieu/tai/csv/?ngay=2017-12-31")
    assert response.status_code == 200 and not Job.objects.exists()


@override_settings(DANGVU_JOB_MIN_ORGS=0)
def test_consolidated_file_and_the_superior_report_as_jobs(
    demo, login, django_capture_on_commit_callbacks
):
    client = login("captren")
    with django_capture_on_commit_callbacks(execute=True):
        # Big enough for a job now.
        _follow_job(client, client.get(f"/cap-tren/{SUPERIOR}/so-lieu/tai/csv/?ngay=2017-12-31"))
        _follow_job(client, client.get(f"/cap-tren/{SUPERIOR}/bao-cao-tong-hop/2017/"))
    _work()
    by_kind = {j.kind: j for j in Job.objects.all()}
    assert {j.status for j in by_kind.values()} == {Job.DONE}, [j.error for j in by_kind.values()]
    csv = client.get(f"/viec-nen/tai/?viec={by_kind['superior.consolidated'].pk}")
    assert "party.members,Đảng viên,54,54" in b"".join(csv.streaming_content).decode("utf-8-sig")
    docx = client.get(f"/viec-nen/tai/?viec={by_kind['superior.report'].pk}")
    text = "\n".join(
        p.text for p in Document(io.BytesIO(b"".join(docx.streaming_content))).paragraphs
    )
    assert "Tổng kết công tác xây dựng Đảng năm 2017" in text


def test_a_failed_job_says_so(demo, login, django_capture_on_commit_callbacks):
    client = login("captren")
    from dangvu.ops import jobs
    from dangvu.orgs.models import Organization

    def broken(job, progress):
        raise RuntimeError("boom")

    jobs.register("test.broken", broken)
    user = client.get("/viec-nen/").wsgi_request.user
    with django_capture_on_commit_callbacks(execute=True):
        job = jobs.start(user, Organization.objects.get(slug=SUPERIOR), "test.broken", "Hỏng")
    _work()
    job.refresh_from_db()
    assert job.status == Job.FAILED and "boom" in job.error
    assert "không làm được" in client.get(f"/viec-nen/?viec={job.pk}").content.decode()
