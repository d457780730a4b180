"""Background jobs as the people who asked for them see them: what, for whom, how far, the file.

The work itself runs through Django's task framework (`dangvu.ops.jobs`); this row is what the
status page reads and what decides who may fetch the file (only the user who asked)."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from dangvu.core.models import DangvuModel


class Job(DangvuModel):
    QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"
    STATUSES = [
        (QUEUED, "Đang chờ"),
        (RUNNING, "Đang chạy"),
        (DONE, "Xong"),
        (FAILED, "Lỗi"),
    ]

    kind = models.CharField(max_length=60)
    title = models.CharField(max_length=255)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="jobs")
    org = models.ForeignKey("orgs.Organization", models.PROTECT, related_name="+")
    params = models.JSONField(default=dict)
    status = models.CharField(max_length=10, choices=STATUSES, default=QUEUED)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    step = models.CharField(max_length=255, blank=True)
    file_name = models.CharField(max_length=255, blank=True)
    file_path = models.CharField(max_length=500, blank=True)  # under MEDIA_ROOT
    error = models.TextField(blank=True)
    created = models.DateTimeField(auto_now_add=True)
    started = models.DateTimeField(null=True, blank=True)
    finished = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "việc chạy nền"
        ordering = ["-created"]
        indexes = [models.Index(fields=["user", "-created"])]

    def __str__(self):
        return self.title

    @property
    def percent(self):
        if self.status == self.DONE:
            return 100
        return int(100 * self.done / self.total) if self.total else 0


class LoginFailure(DangvuModel):
    """One failed login, counted against a username or a client address (`dangvu.ops.throttle`).
    A row per failure, not a counter: every server process inserts its own, so failures made at
    the same moment in several workers are all counted (a cache's read-then-write increment
    loses some)."""

    key = models.CharField(max_length=200)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "lần đăng nhập sai"
        indexes = [models.Index(fields=["key", "at"]), models.Index(fields=["at"])]

    def __str__(self):
        return f"{self.key} {self.at:%Y-%m-%d %H:%M}"
