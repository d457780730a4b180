"""The work programme of a year (chương trình công tác): its numbered items, their status and
the activities that evidence them, unfinished items carried over to the next year; and the
indicators of the political task (chỉ số) an organization reports.

Only the named actions in `actions.py` write these records. The tables keep the names they had in
`work`, where these models began (`Meta.db_table`).
"""

from django.db import models

from dangvu.core.models import DangvuModel, optional_ref
from dangvu.meetings.models import Activity
from dangvu.orgs.models import Organization


class WorkProgramme(DangvuModel):
    org = models.ForeignKey(Organization, models.PROTECT, related_name="work_programmes")
    year = models.PositiveSmallIntegerField("năm")
    title = models.CharField("tên chương trình", max_length=500)
    adopted_on = models.DateField("ngày thông qua", null=True, blank=True)
    notes = models.TextField("ghi chú", blank=True)

    class Meta:
        db_table = "work_workprogramme"
        verbose_name = "chương trình công tác"
        ordering = ["-year", "org"]
        constraints = [
            models.UniqueConstraint(fields=["org", "year"], name="one_programme_per_year")
        ]

    def __str__(self):
        return self.title


class ProgrammeItem(DangvuModel):
    class Status(models.TextChoices):
        PLANNED = "planned", "Chưa thực hiện"
        IN_PROGRESS = "in_progress", "Đang thực hiện"
        DONE = "done", "Hoàn thành"
        CARRIED = "carried", "Chuyển sang năm sau"

    programme = models.ForeignKey(WorkProgramme, models.CASCADE, related_name="items")
    number = models.CharField("số mục", max_length=16, help_text="vd: 2.1")
    position = models.PositiveIntegerField(default=0)
    title = models.CharField("tiêu đề", max_length=500, blank=True)
    text = models.TextField("nội dung", blank=True)
    owner_org = optional_ref(Organization, "đơn vị chủ trì")
    owner_name = models.CharField("người, bộ phận chủ trì", max_length=255, blank=True)
    deadline = models.DateField("thời hạn", null=True, blank=True)
    status = models.CharField(
        "tình trạng", max_length=12, choices=Status.choices, default=Status.PLANNED
    )
    done_on = models.DateField("ngày hoàn thành", null=True, blank=True)
    evidence = models.ManyToManyField(
        Activity, blank=True, related_name="programme_items", db_table="work_programmeitem_evidence"
    )
    carried_from = models.ForeignKey(
        "self", models.SET_NULL, null=True, blank=True, related_name="carried_to"
    )

    class Meta:
        db_table = "work_programmeitem"
        verbose_name = "nội dung chương trình công tác"
        ordering = ["programme", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "number"], name="one_item_number")
        ]

    def __str__(self):
        return f"{self.number}. {self.title or self.text[:60]}"

    @property
    def depth(self):
        return self.number.count(".")


class Indicator(DangvuModel):
    """A named numeric result of the agency's tasks (agencies on the document system, users …)."""

    org = models.ForeignKey(Organization, models.PROTECT, related_name="indicators")
    key = models.SlugField("mã số liệu", max_length=64)
    label = models.CharField("chỉ tiêu", max_length=255)
    value = models.DecimalField("giá trị", max_digits=16, decimal_places=2)
    unit = models.CharField("đơn vị tính", max_length=40, blank=True)
    period_start = models.DateField("từ ngày")
    period_end = models.DateField("đến ngày")
    source = models.CharField("nguồn", max_length=500, blank=True)
    notes = models.TextField("ghi chú", blank=True)

    class Meta:
        db_table = "work_indicator"
        verbose_name = "chỉ số"
        ordering = ["-period_end", "key"]

    def __str__(self):
        return self.label
