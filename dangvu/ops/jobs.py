"""Background jobs: long work (the superior's consolidated report, statistical forms for a big
subtree, large imports) runs outside the web request, with its progress on a status page and its
file offered when done.

The work runs through Django's task framework (the `django-tasks` backport of Django 6's
`django.tasks`, with the `django-tasks-db` database queue by default: `manage.py db_worker` runs
it, `make serve` and `make demo` start one). A higher app registers the work of a kind with
`register(kind, work, page=None)`; `work(job, progress)` returns `(file name, bytes)` and may
call `progress(done, total, step)` as it goes. A kind whose result is read on a page of its own
(a large import's preview, kept as JSON) names that page's URL: the jobs page links there
instead of offering the file. `start(user, org, kind, title, params, upload)` writes
the `Job` row (the status page reads it; only the user who asked sees it and its file), keeps the
uploaded file the work reads (`input_of`; deleted when the work ends) and enqueues it. Work that
refuses (a file with errors, a role withdrawn) raises `Refused` with a message for the user.
"""

import logging
import os
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from dangvu.accounts.models import AuditEntry
from dangvu.core.audit import record

from .models import Job

log = logging.getLogger("dangvu.jobs")

Progress = Callable[[int, int, str], None]
Work = Callable[[Job, Progress], tuple[str, bytes]]
_WORK: dict[str, Work] = {}
_PAGES: dict[str, str] = {}


# The step a refused job shows: its error is then a message for the user, not a fault.
REFUSED = "Từ chối"
INPUT = "input"


class Refused(Exception):
    """The work will not be done, for a reason the user can act on (in Vietnamese)."""


def register(kind: str, work: Work, page: str | None = None) -> None:
    """`page`: the name of the URL that shows a done job of this kind (given `?viec=`)."""
    _WORK[kind] = work
    if page:
        _PAGES[kind] = page


def page_of(job: Job) -> str | None:
    """The URL name of the page that shows this job's result, if its kind has one."""
    return _PAGES.get(job.kind)


def start(
    user, org, kind: str, title: str, params: dict | None = None, upload: bytes | None = None
) -> Job:
    """Write the job, keep its uploaded file, and put it in the queue (after the transaction
    commits)."""
    if kind not in _WORK:
        raise KeyError(kind)
    job = Job.objects.create(user=user, org=org, kind=kind, title=title, params=params or {})
    if upload is not None:
        _write(job_dir(job) / INPUT, upload)
    # Asking for work changes no record: figures kept before it are still current.
    record(
        user,
        "ops.job",
        job,
        summary=f"Yêu cầu chạy nền: {title}",
        org=org,
        kind=AuditEntry.Kind.REQUEST,
    )
    transaction.on_commit(lambda: run_job.enqueue(job.pk))
    return job


def job_dir(job: Job) -> Path:
    return Path(settings.MEDIA_ROOT) / "jobs" / str(job.pk)


def input_of(job: Job) -> bytes:
    """The file uploaded with the job."""
    return (job_dir(job) / INPUT).read_bytes()


def _write(path: Path, content: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(content)


def file_of(job: Job) -> Path | None:
    if job.status != Job.DONE or not job.file_path:
        return None
    path = Path(settings.MEDIA_ROOT) / job.file_path
    return path if path.is_file() else None


@task()
def run_job(job_id: int) -> None:
    job = Job.objects.get(pk=job_id)
    if job.status != Job.QUEUED:
        return
    Job.objects.filter(pk=job.pk).update(status=Job.RUNNING, started=timezone.now())

    def progress(done: int, total: int, step: str = "") -> None:
        Job.objects.filter(pk=job.pk).update(done=done, total=total, step=step[:255])

    log.info("job %s (%s) started", job.pk, job.kind)
    try:
        name, content = _WORK[job.kind](job, progress)
    except Refused as e:
        log.info("job %s (%s) refused", job.pk, job.kind)
        Job.objects.filter(pk=job.pk).update(
            status=Job.FAILED, error=str(e)[:20000], step=REFUSED, finished=timezone.now()
        )
        return
    except Exception as e:
        log.exception("job %s (%s) failed", job.pk, job.kind)
        Job.objects.filter(pk=job.pk).update(
            status=Job.FAILED, error=f"{type(e).__name__}: {e}"[:2000], finished=timezone.now()
        )
        return
    finally:
        (job_dir(job) / INPUT).unlink(missing_ok=True)  # the upload is not kept
    path = job_dir(job) / Path(name).name
    _write(path, content)
    Job.objects.filter(pk=job.pk).update(
        status=Job.DONE,
        file_name=path.name,
        file_path=str(path.relative_to(settings.MEDIA_ROOT)),
        finished=timezone.now(),
        step="",
    )
    log.info("job %s (%s) done: %s, %d bytes", job.pk, job.kind, path.name, len(content))
