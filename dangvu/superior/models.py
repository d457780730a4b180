"""What passes between a grassroots organization and its superior committee: the reports sent
upward, and the deadline the superior sets for each year or period."""

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models

from dangvu.core.models import DangvuModel


class Deadline(DangvuModel):
    """The day by which the grassroots units under `superior` must send their report of a year
    (or of a period within it: "" for the year, "H1", "Q1"…"Q4", "01"…"12")."""

    superior = models.ForeignKey(
        "orgs.Organization", models.PROTECT, related_name="report_deadlines"
    )
    year = models.PositiveSmallIntegerField("năm báo cáo")
    period = models.CharField("kỳ báo cáo", max_length=4, blank=True, default="")
    due_on = models.DateField("hạn gửi")
    note = models.CharField("ghi chú", max_length=255, blank=True)
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True)
    set_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "hạn gửi báo cáo"
        ordering = ["-year", "period"]
        constraints = [
            models.UniqueConstraint(
                fields=["superior", "year", "period"], name="one_deadline_per_period"
            )
        ]

    def __str__(self):
        return (
            f"Hạn gửi báo cáo {self.year}{' ' + self.period if self.period else ''}: {self.due_on}"
        )


class Submission(DangvuModel):
    """A finalised report sent to the superior committee: when, by whom, and to whom. The frozen
    figures and Word file are the draft's own (a finalised draft never changes); a correction is
    a new version of the draft, sent again."""

    draft = models.OneToOneField(
        "reports.ReportDraft", models.PROTECT, related_name="submission", verbose_name="báo cáo"
    )
    # Copied from the draft when sent, so the tracker reads one table.
    unit = models.ForeignKey("orgs.Organization", models.PROTECT, related_name="submissions_sent")
    superior = models.ForeignKey(
        "orgs.Organization", models.PROTECT, related_name="submissions_received"
    )
    year = models.PositiveSmallIntegerField("năm báo cáo")
    period = models.CharField("kỳ báo cáo", max_length=4, blank=True, default="")
    sent_on = models.DateField("ngày gửi")
    sent_at = models.DateTimeField(auto_now_add=True)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True)

    class Meta:
        verbose_name = "báo cáo đã gửi"
        ordering = ["-sent_on", "-id"]
        indexes = [models.Index(fields=["superior", "year", "period"])]

    def __str__(self):
        return f"{self.draft} — gửi ngày {self.sent_on:%d/%m/%Y}"


class KeptFigures(DangvuModel):
    """The figures of one kind (`superior.kept`) of an organization's whole subtree on a day,
    computed once and kept, so the pages of a big subtree read them instead of computing a
    province in the request. `audit_seen` is the newest audit entry when the computation began:
    an entry after it means the records may have changed since (the figures are then shown with
    that said, and recomputed). `job` is the recomputation queued or running, if any: one per
    key at a time."""

    org = models.ForeignKey("orgs.Organization", models.CASCADE, related_name="+")
    day = models.DateField("ngày")
    kind = models.CharField("loại số liệu", max_length=30)
    figures = models.JSONField("số liệu", null=True, encoder=DjangoJSONEncoder)
    computed_at = models.DateTimeField("tính lúc", null=True)
    audit_seen = models.BigIntegerField(null=True)
    job = models.ForeignKey("ops.Job", models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        verbose_name = "số liệu đã tính"
        constraints = [
            models.UniqueConstraint(fields=["org", "day", "kind"], name="one_kept_figures_per_key")
        ]

    def __str__(self):
        return f"{self.kind} {self.org_id} {self.day}"
