"""Oversight of an organization's work: inspection and supervision (kiểm tra, giám sát) and their
programmes, background verifications (thẩm tra lý lịch), and the scores a body gives it.

Only the named actions in `actions.py` write these records. The tables keep the names they had in
`work`, where these models began (`Meta.db_table`).
"""

from django.db import models

from dangvu.core.models import DangvuModel, optional_ref
from dangvu.lib.text import decimal_vi
from dangvu.orgs.models import Organization
from dangvu.people.models import Person

SCORE = {"max_digits": 4, "decimal_places": 1}


class InspectionProgramme(DangvuModel):
    org = models.ForeignKey(Organization, models.PROTECT, related_name="inspection_programmes")
    year = models.PositiveSmallIntegerField("năm")
    title = models.CharField("tên chương trình", max_length=500)
    notes = models.TextField("nội dung", blank=True)

    class Meta:
        db_table = "work_inspectionprogramme"
        verbose_name = "chương trình kiểm tra, giám sát"
        ordering = ["-year", "id"]

    def __str__(self):
        return self.title


class Inspection(DangvuModel):
    """An inspection or supervision: held by one of our bodies, or received from outside."""

    class Direction(models.TextChoices):
        CONDUCTED = "conducted", "Tiến hành"
        RECEIVED = "received", "Được kiểm tra, giám sát"

    class Kind(models.TextChoices):
        INSPECTION = "inspection", "Kiểm tra"
        SUPERVISION = "supervision", "Giám sát"

    org = models.ForeignKey(Organization, models.PROTECT, related_name="inspections")
    direction = models.CharField("chiều", max_length=12, choices=Direction.choices)
    kind = models.CharField("loại", max_length=12, choices=Kind.choices)
    programme = models.ForeignKey(
        InspectionProgramme,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="inspections",
        verbose_name="theo chương trình",
    )
    inspector = models.CharField("chủ thể kiểm tra, giám sát", max_length=255)
    subject_org = optional_ref(Organization, "tổ chức được kiểm tra")
    subject_person = optional_ref(Person, "đảng viên được kiểm tra")
    subject = models.TextField("nội dung")
    decision = models.CharField("quyết định, căn cứ", max_length=500, blank=True)
    starts_on = models.DateField("từ ngày")
    ends_on = models.DateField("đến ngày", null=True, blank=True)
    conclusion = models.TextField("kết luận", blank=True)

    class Meta:
        db_table = "work_inspection"
        verbose_name = "kiểm tra, giám sát"
        ordering = ["-starts_on", "id"]

    def __str__(self):
        return self.subject[:80]


class Verification(DangvuModel):
    """A background verification (thẩm tra, xác minh lý lịch) and what it was for."""

    class Purpose(models.TextChoices):
        APPOINTMENT = "appointment", "Bổ nhiệm"
        ADMISSION = "admission", "Phát triển đảng"
        RECOGNITION = "recognition", "Chuyển đảng chính thức"
        OTHER = "other", "Khác"

    org = models.ForeignKey(Organization, models.PROTECT, related_name="verifications")
    person = models.ForeignKey(
        Person, models.PROTECT, related_name="verifications", verbose_name="người được thẩm tra"
    )
    purpose = models.CharField("mục đích", max_length=12, choices=Purpose.choices)
    requested_on = models.DateField("ngày bắt đầu")
    completed_on = models.DateField("ngày hoàn thành", null=True, blank=True)
    result = models.TextField("kết quả", blank=True)

    class Meta:
        db_table = "work_verification"
        verbose_name = "thẩm tra lý lịch"
        ordering = ["-requested_on", "id"]

    def __str__(self):
        return f"{self.person} ({self.get_purpose_display()})"


class Score(DangvuModel):
    """An organization's score for a year from a scoring body (UBKT 91, Công đoàn 98 …)."""

    class Area(models.TextChoices):
        INSPECTION_COMMITTEE = "inspection_committee", "Công tác kiểm tra, giám sát (UBKT)"
        PARTY_ORGANIZATION = "party_organization", "Chất lượng tổ chức đảng"
        TRADE_UNION = "trade_union", "Công đoàn"
        YOUTH_UNION = "youth_union", "Đoàn Thanh niên"
        VETERANS = "veterans", "Hội Cựu chiến binh"
        MASS_MOBILIZATION = "mass_mobilization", "Công tác dân vận"

    org = models.ForeignKey(
        Organization, models.PROTECT, related_name="scores", verbose_name="tổ chức được chấm"
    )
    year = models.PositiveSmallIntegerField("năm")
    area = models.CharField("lĩnh vực", max_length=24, choices=Area.choices)
    body = models.CharField("cơ quan chấm điểm", max_length=255)
    score = models.DecimalField("điểm", **SCORE)
    scored_on = models.DateField("ngày chấm", null=True, blank=True)
    note = models.TextField("ghi chú", blank=True)

    class Meta:
        db_table = "work_score"
        verbose_name = "kết quả chấm điểm"
        ordering = ["-year", "area"]
        constraints = [
            models.UniqueConstraint(fields=["org", "year", "area"], name="one_score_per_area")
        ]

    def __str__(self):
        return f"{self.get_area_display()} {self.year}: {decimal_vi(self.score)}"
