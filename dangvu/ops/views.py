"""Views of the operations app: the CSRF refusal page (called by setting) and the background
jobs' status page and file (dangvu.ops.jobs)."""

from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from dangvu.web import whole_param

from . import jobs as job_runner
from .models import Job


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: the refused form in Vietnamese, with what to do (Django's page is
    English and speaks to developers). The reason is not shown: it helps no user."""
    return render(request, "403_csrf.html", status=403)


def _own_jobs(request):
    """The user's own jobs on organizations still in their scope: nobody else's, ever."""
    return request.scope.visible(Job.objects.filter(user=request.user))


def jobs(request):
    """The user's background jobs, newest first (the last 20), or one (`?viec=`), with progress;
    the page reloads itself while one is still waiting or running."""
    wanted = whole_param(request, "viec")
    listed = _own_jobs(request).select_related("org")
    listed = list(listed.filter(pk=wanted) if wanted else listed[:20])
    if wanted and not listed:
        raise Http404("Không tìm thấy việc này.")
    pending = any(j.status in (Job.QUEUED, Job.RUNNING) for j in listed)
    for job in listed:
        page = job_runner.page_of(job)
        job.page_url = f"{reverse(page)}?viec={job.pk}" if page else None
    return render(request, "ops/jobs.html", {"jobs": listed, "pending": pending, "one": wanted})


def job_download(request):
    wanted = whole_param(request, "viec")
    if not wanted:
        return redirect("jobs")
    job = _own_jobs(request).filter(pk=wanted).first()
    if job is not None and job_runner.page_of(job):
        return redirect(f"{reverse(job_runner.page_of(job))}?viec={job.pk}")
    path = job_runner.file_of(job) if job is not None else None
    if path is None:
        raise Http404("Tệp chưa có hoặc không còn.")
    return FileResponse(path.open("rb"), as_attachment=True, filename=job.file_name)
