"""The checker on a long uploaded report as a background job (`dangvu.ops.jobs`): past
DANGVU_CHECK_JOB_CHARS characters of text the check page answers at once and reads the findings from the job when
it is done (`?viec=`). The file and the findings are only for the user who asked; the upload is
deleted when the check ends, as the page keeps nothing either."""

import json

from django.conf import settings

from dangvu.accounts.scope import scope_for
from dangvu.lib.checker import Finding
from dangvu.ops import jobs
from dangvu.ops.models import Job

from .actions import REPORTING_KINDS
from .checking import CheckError, check_bytes, record_names

CHECK = "reports.check"


def min_chars() -> int:
    """About 40 pages: longer reports take the checker several seconds."""
    return getattr(settings, "DANGVU_CHECK_JOB_CHARS", 200_000)


def known_names(scope):
    """Names of the records the user writes reports for: never misspellings."""
    return record_names(scope.writable_orgs(list(REPORTING_KINDS), current=True, reports=True))


def start(request, name: str, data: bytes) -> Job:
    scope = request.scope
    org = (
        scope.writable_orgs(list(REPORTING_KINDS), current=True, reports=True).first()
        or scope.orgs().order_by("pk").first()
    )
    return jobs.start(request.user, org, CHECK, f"Kiểm tra {name}"[:255], {"name": name}, data)


def findings_of(request, wanted: str) -> tuple[Job | None, list[Finding] | None]:
    """The user's own check job `wanted` and, once done, its findings."""
    job = (
        request.scope.visible(Job.objects.filter(user=request.user, kind=CHECK))
        .filter(pk=wanted if wanted.isdigit() else None)
        .first()
    )
    path = jobs.file_of(job) if job is not None else None
    if path is None:
        return job, None
    return job, [Finding(**found) for found in json.loads(path.read_text(encoding="utf-8"))]


def _check(job, progress):
    name = job.params["name"]
    progress(0, 1, "Kiểm tra báo cáo")
    try:
        findings = check_bytes(
            jobs.input_of(job),
            name,
            settings.DANGVU_MAX_UPLOAD_BYTES,
            known_names=known_names(scope_for(job.user)),
        )
    except CheckError as e:
        raise jobs.Refused(str(e)) from None
    content = json.dumps([f.as_dict() for f in findings], ensure_ascii=False)
    return "ket-qua-kiem-tra.json", content.encode()


jobs.register(CHECK, _check)
