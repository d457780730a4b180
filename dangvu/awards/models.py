"""Commendations (khen thưởng) of Party organizations and Party members: a flag, a certificate of
merit (bằng khen) or a letter of commendation (giấy khen) awarded by a committee's standing
committee, usually at the annual review of the organizations and members that completed their
tasks excellently (Hướng dẫn 21-HD/BTCTW, 2019: rules/awards/). Party badges (Huy hiệu Đảng) are
another record (`people.PartyBadge`).

Only the named actions in `actions.py` write these records; a cancelled commendation is kept,
marked with the day and reason of its cancellation, and no longer counted.
"""

from django.db import models
from django.db.models import Q

from dangvu.core.models import DangvuModel, optional_ref
from dangvu.orgs.models import Organization
from dangvu.people.models import Person


class Commendation(DangvuModel):
    """One commendation of one recipient: a Party organization or a Party member, never both."""

    class Kind(models.TextChoices):
        FLAG = "flag", "Cờ"
        CERTIFICATE = "certificate", "Bằng khen"
        LETTER = "letter", "Giấy khen"
        OTHER = "other", "Hình thức khác"

    org = models.ForeignKey(
        Organization,
        models.PROTECT,
        related_name="commendations_recorded",
        verbose_name="tổ chức ghi nhận",
        help_text="Tổ chức đảng lưu quyết định: tổ chức được khen hoặc cấp ủy quản lý đảng viên.",
    )
    recipient_org = optional_ref(
        Organization, "tổ chức đảng được khen", related_name="commendations"
    )
    person = optional_ref(Person, "đảng viên được khen", related_name="commendations")
    kind = models.CharField("hình thức khen thưởng", max_length=12, choices=Kind.choices)
    awarder = optional_ref(Organization, "cấp khen (có hồ sơ)")
    awarder_name = models.CharField(
        "cấp khen",
        max_length=255,
        blank=True,
        help_text="Nếu cấp khen chưa có hồ sơ, ví dụ: Ban Thường vụ Huyện ủy.",
    )
    decision = models.CharField(
        "số, ký hiệu quyết định",
        max_length=100,
        help_text="Ví dụ: 125-QĐ/HU",
    )
    decided_on = models.DateField("ngày quyết định")
    reason = models.TextField(
        "thành tích",
        blank=True,
        help_text="Ví dụ: Hoàn thành xuất sắc nhiệm vụ tiêu biểu năm 2024.",
    )
    cancelled_on = models.DateField("ngày hủy", null=True, blank=True)
    cancel_reason = models.CharField("lý do hủy", max_length=255, blank=True)

    class Meta:
        verbose_name = "khen thưởng"
        ordering = ["-decided_on", "-id"]
        constraints = [
            # A commendation of an organization or of a member: exactly one recipient.
            models.CheckConstraint(
                condition=Q(recipient_org__isnull=False, person__isnull=True)
                | Q(recipient_org__isnull=True, person__isnull=False),
                name="commendation_one_recipient",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.recipient}"

    @property
    def recipient(self) -> str:
        return self.person.full_name if self.person_id else str(self.recipient_org)

    @property
    def awarded_by(self) -> str:
        """The awarding body: the organization on record, else as written."""
        return str(self.awarder) if self.awarder_id else self.awarder_name
