"""Roles on organization subtrees, and the audit trail of every change."""

from django.conf import settings
from django.db import models

from dangvu.core.models import DangvuModel


class Role(DangvuModel):
    """What a user may see and change: a role held on an organization (and everything below it)."""

    class Kind(models.TextChoices):
        OFFICE = "office", "Văn phòng cấp ủy"
        SECRETARY = "secretary", "Bí thư chi bộ"
        MEMBER = "member", "Đảng viên"
        SUPERIOR = "superior", "Cấp ủy cấp trên"
        # Who keeps a mass organization's records and writes its report (its chair).
        MASS = "mass", "Ban Chấp hành đoàn thể"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="roles")
    kind = models.CharField("vai trò", max_length=16, choices=Kind.choices)
    # The subtree the role covers; empty for a member, who sees only their own person.
    org = models.ForeignKey("orgs.Organization", models.CASCADE, null=True, blank=True)
    person = models.ForeignKey("people.Person", models.CASCADE, null=True, blank=True)

    def __str__(self):
        target = self.org or self.person
        return f"{self.get_kind_display()} – {target}"

    class Meta:
        verbose_name = "vai trò"


class AuditEntry(DangvuModel):
    """One change: who, when, what, and the record before and after."""

    class Kind(models.TextChoices):
        """What the entry records. Only a change alters the records figures are counted from: a
        file leaving dangvu (`audit.record_export`) or a background job asked for does not, so
        figures kept before one are still current (superior/kept.py)."""

        CHANGE = "change", "thay đổi"
        EXPORT = "export", "xuất tệp"
        REQUEST = "request", "yêu cầu chạy nền"

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    kind = models.CharField("loại", max_length=8, choices=Kind.choices, default=Kind.CHANGE)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True)
    action = models.CharField(max_length=64)
    summary = models.CharField(max_length=255)
    target_type = models.CharField(max_length=64)
    target_id = models.BigIntegerField(null=True)
    # Where the entry shows and who may read it: the person's page, the organization's page.
    person = models.ForeignKey("people.Person", models.SET_NULL, null=True, blank=True)
    org = models.ForeignKey("orgs.Organization", models.SET_NULL, null=True, blank=True)
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)

    class Meta:
        verbose_name = "nhật ký thay đổi"
        ordering = ["-at", "-id"]

    def changes(self):
        """[(field, before, after)] for the fields that differ, for display."""
        before, after = self.before or {}, self.after or {}
        keys = sorted(set(before) | set(after))
        return [(k, before.get(k), after.get(k)) for k in keys if before.get(k) != after.get(k)]

    def __str__(self):
        return self.summary


class Account(DangvuModel):
    """What dangvu keeps about a login beyond Django's user: whether its password was given by
    someone else (a one-time password) and must be changed at the next login."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, models.CASCADE, related_name="account")
    must_change_password = models.BooleanField("phải đổi mật khẩu", default=False)

    class Meta:
        verbose_name = "tài khoản"

    def __str__(self):
        return str(self.user)
