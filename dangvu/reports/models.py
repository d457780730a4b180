"""Report drafts: an organization's report for a year, its sections' narrative, and, once
finalised, the frozen fact values and Word file."""

from django.conf import settings
from django.db import models

from dangvu.core.models import DangvuModel

from .periods import period_label, period_of


class ReportDraft(DangvuModel):
    class Status(models.TextChoices):
        DRAFT = "draft", "Dự thảo"
        FINAL = "final", "Đã chốt"

    org = models.ForeignKey("orgs.Organization", models.PROTECT, related_name="reports")
    year = models.PositiveSmallIntegerField("năm báo cáo")
    # The report kind ("annual", "six_month", "quarterly", "monthly": its template's name) and,
    # within the year, the period ("" for the year, "H1", "Q1"…"Q4", "01"…"12").
    template = models.CharField("mẫu", max_length=32, default="annual")
    period = models.CharField("kỳ báo cáo", max_length=4, blank=True, default="")
    version = models.PositiveSmallIntegerField("phiên bản", default=1)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.DRAFT)
    # Header and closing of the document ("thể thức").
    superior_name = models.CharField("cấp ủy cấp trên", max_length=255, blank=True)
    issuer_name = models.CharField("cấp ủy ban hành", max_length=255, blank=True)
    number = models.CharField("số, ký hiệu", max_length=64, blank=True)  # "Số 15-BC/ĐU"
    place = models.CharField("địa danh", max_length=100, blank=True)
    issued_on = models.DateField("ngày ban hành", null=True, blank=True)
    recipients = models.TextField("nơi nhận", blank=True)  # one per line
    signer_capacity = models.CharField("thẩm quyền ký", max_length=64, default="T/M ĐẢNG ỦY")
    signer_title = models.CharField("chức vụ người ký", max_length=64, default="BÍ THƯ")
    signer_name = models.CharField("người ký", max_length=120, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finalised_at = models.DateTimeField(null=True, blank=True)
    finalised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True
    )
    # Frozen at finalisation: later record changes leave the report as it was sent.
    frozen_facts = models.JSONField(null=True, blank=True)
    frozen_docx = models.BinaryField(null=True, blank=True)

    class Meta:
        verbose_name = "dự thảo báo cáo"
        ordering = ["-year", "org", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["org", "year", "template", "period", "version"], name="one_report_version"
            )
        ]

    def __str__(self):
        return f"{self.label} – {self.org} (phiên bản {self.version})"

    @property
    def label(self):
        """ "Báo cáo năm 2017", "Báo cáo quý I năm 2017"."""
        return period_label(self.template, self.year, self.period)

    @property
    def reporting_period(self):
        return period_of(self.year, self.period)

    @property
    def is_final(self):
        return self.status == self.Status.FINAL


class ReportSection(DangvuModel):
    """One section of a draft: its place in the tree, title and the office's narrative."""

    draft = models.ForeignKey(ReportDraft, models.CASCADE, related_name="sections")
    key = models.CharField(max_length=64)
    parent_key = models.CharField(max_length=64, blank=True)
    order = models.PositiveSmallIntegerField()
    title = models.CharField("tiêu đề", max_length=255)
    numbering = models.CharField(max_length=8, default="auto")  # "auto" or "letter"
    text = models.TextField("nội dung", blank=True)
    programme = models.BooleanField(default=False)

    class Meta:
        verbose_name = "mục báo cáo"
        ordering = ["draft", "order"]
        constraints = [models.UniqueConstraint(fields=["draft", "key"], name="one_section_key")]

    def __str__(self):
        return self.title


class OrgTemplateSection(DangvuModel):
    """A section of an organization's own report template: the sections of its type's template
    as the office renamed, removed, added and reordered them, used for every later draft of that
    report kind until it resets to its type's (no rows: the type's template)."""

    org = models.ForeignKey(
        "orgs.Organization", models.PROTECT, related_name="report_template_sections"
    )
    template = models.CharField("mẫu", max_length=32)  # "annual", "six_month" …
    key = models.CharField(max_length=64)
    parent_key = models.CharField(max_length=64, blank=True)
    order = models.PositiveSmallIntegerField()
    title = models.CharField("tiêu đề", max_length=255)
    numbering = models.CharField(max_length=8, default="auto")
    text = models.TextField("nội dung", blank=True)
    programme = models.BooleanField(default=False)

    class Meta:
        verbose_name = "mục trong mẫu báo cáo của tổ chức"
        ordering = ["org", "template", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["org", "template", "key"], name="one_org_template_section_key"
            )
        ]

    def __str__(self):
        return self.title
