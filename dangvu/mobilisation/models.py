"""Campaigns (vận động, quyên góp) and the contributions given to them: money in whole đồng or
goods counted in their unit, by an organization, a person or someone outside.

Only the named actions in `actions.py` write these records. The tables keep the names they had
in `work`, where these models began.
"""

from django.db import models

from dangvu.core.models import DangvuModel, optional_ref
from dangvu.lib.text import money
from dangvu.orgs.models import Organization
from dangvu.people.models import Person

# Campaigns and donations -------------------------------------------------------------------


class Campaign(DangvuModel):
    """A fund drive or a gift (quỹ phòng chống thiên tai, quỹ vì người nghèo, tặng tập)."""

    org = models.ForeignKey(
        Organization, models.PROTECT, related_name="campaigns", verbose_name="tổ chức phát động"
    )
    # The same fund every year keeps its key, so facts read campaigns.<key>.money for any year.
    key = models.SlugField("mã số liệu", max_length=64)
    title = models.CharField("tên cuộc vận động", max_length=500)
    starts_on = models.DateField("ngày bắt đầu")
    ends_on = models.DateField("ngày kết thúc", null=True, blank=True)
    beneficiary = models.CharField("nơi nhận", max_length=500, blank=True)
    notes = models.TextField("ghi chú", blank=True)

    class Meta:
        verbose_name = "cuộc vận động"
        ordering = ["-starts_on", "title"]
        db_table = "work_campaign"

    def __str__(self):
        return self.title


class Contribution(DangvuModel):
    """A contribution by an organization, a person or someone outside: money or in kind."""

    campaign = models.ForeignKey(Campaign, models.CASCADE, related_name="contributions")
    contributor_org = optional_ref(Organization, "đơn vị đóng góp", related_name="contributions")
    contributor_person = optional_ref(Person, "cá nhân đóng góp", related_name="contributions")
    # Someone outside the organizations and people of dangvu.
    contributor_name = models.CharField("người, đơn vị khác", max_length=255, blank=True)
    given_on = models.DateField("ngày")
    amount = models.BigIntegerField("số tiền (đồng)", null=True, blank=True)
    quantity = models.PositiveIntegerField("số lượng hiện vật", null=True, blank=True)
    unit = models.CharField("đơn vị tính hiện vật", max_length=40, blank=True)
    note = models.CharField("ghi chú", max_length=500, blank=True)

    class Meta:
        verbose_name = "khoản đóng góp"
        ordering = ["given_on", "id"]
        db_table = "work_contribution"

    def contributor(self):
        return self.contributor_org or self.contributor_person or self.contributor_name

    def __str__(self):
        what = (
            f"{money(self.amount)} đồng"
            if self.amount is not None
            else f"{self.quantity} {self.unit}"
        )
        return f"{self.contributor()}: {what}"
