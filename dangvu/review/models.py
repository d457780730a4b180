"""The review of the year (section III): the evaluation and classification of members and
organizations, the self-assessment of degradation, the pledges, the study plans (học tập và làm
theo Bác) and the shortcomings found and remedied.

Only the named actions in `actions.py` write these records. The tables keep the names they had in
`work`, where these models began (`Meta.db_table`).
"""

from django.db import models
from django.db.models import Q

from dangvu.core.models import DangvuModel, optional_ref
from dangvu.orgs.models import Organization
from dangvu.people.models import Person

SCORE = {"max_digits": 4, "decimal_places": 1}


def collective():
    """The collective (any organization) a record of the year is about, when it is not a
    person: its label and the one-or-the-other rule said once for the kinds that have it."""
    return optional_ref(
        Organization, "tập thể", help_text="Một cá nhân hoặc một tập thể, không cả hai."
    )


class YearSubject(DangvuModel):
    """A record of the year about a member or an organization (a collective): its subject is one
    or the other. Each kind declares its own `subject_person` and `subject_org` (their reverse
    names differ) and its table."""

    year = models.PositiveSmallIntegerField("năm")

    class Meta:
        abstract = True
        ordering = ["-year", "id"]

    def subject(self):
        return self.subject_person or self.subject_org

    def __str__(self):
        return f"{self.subject()} ({self.year})"


def one_a_year(noun: str) -> list[models.UniqueConstraint]:
    """A kind of record of which a member, or a collective, has at most one a year."""
    return [
        models.UniqueConstraint(
            fields=["year", f"subject_{side}"],
            condition=Q(**{f"subject_{side}__isnull": False}),
            name=f"one_{noun}_per_{side}_year",
        )
        for side in ("person", "org")
    ]


class Evaluation(YearSubject):
    """The yearly classification of a member or of an organization, within a grassroots
    organization (`org`, where the quota is counted)."""

    class Band(models.TextChoices):
        EXCELLENT = "excellent", "Hoàn thành xuất sắc nhiệm vụ"
        GOOD = "good", "Hoàn thành tốt nhiệm vụ"
        DONE = "done", "Hoàn thành nhiệm vụ"
        NOT_DONE = "not_done", "Không hoàn thành nhiệm vụ"

    org = models.ForeignKey(
        Organization,
        models.PROTECT,
        related_name="evaluations",
        verbose_name="tổ chức cơ sở đảng",
        help_text="Nơi tính tỷ lệ xếp loại.",
    )
    subject_person = optional_ref(Person, "đảng viên", related_name="evaluations")
    subject_org = optional_ref(
        Organization,
        "tổ chức được đánh giá",
        related_name="own_evaluations",
        help_text="Một đảng viên hoặc một tổ chức, không cả hai.",
    )
    score = models.DecimalField("điểm", null=True, blank=True, **SCORE)
    band = models.CharField("xếp loại", max_length=12, choices=Band.choices)
    # The rule that gave the band (its source and file), kept so a later rule change shows.
    rule_source = models.CharField("căn cứ", max_length=255)
    evaluated_on = models.DateField("ngày đánh giá")
    note = models.TextField("ghi chú", blank=True)

    class Meta(YearSubject.Meta):
        db_table = "work_evaluation"
        verbose_name = "đánh giá, xếp loại"
        constraints = one_a_year("evaluation")


class DegradationAssessment(YearSubject):
    """Signs of degradation found by a member, a union member or a collective (the BCH, a cell's
    committee) assessing itself: the codes of the signs of the rule in force (NQ 4 khóa XII)."""

    org = models.ForeignKey(
        Organization,
        models.PROTECT,
        related_name="degradation_assessments",
        verbose_name="tổ chức đảng",
    )
    subject_person = optional_ref(Person, "cá nhân", related_name="degradation_assessments")
    subject_org = collective()
    assessed_on = models.DateField("ngày tự đánh giá")
    signs = models.JSONField("biểu hiện", default=list, blank=True)
    note = models.TextField("ghi chú", blank=True)

    class Meta(YearSubject.Meta):
        db_table = "work_degradationassessment"
        verbose_name = "đánh giá biểu hiện suy thoái"


class Pledge(DangvuModel):
    """A personal pledge (bản cam kết) on keeping one's moral standards, signed in a year."""

    org = models.ForeignKey(
        Organization, models.PROTECT, related_name="pledges", verbose_name="tổ chức đảng"
    )
    year = models.PositiveSmallIntegerField("năm")
    person = models.ForeignKey(
        Person, models.PROTECT, related_name="pledges", verbose_name="người ký"
    )
    signed_on = models.DateField("ngày ký")
    note = models.TextField("nội dung", blank=True)

    class Meta:
        db_table = "work_pledge"
        verbose_name = "bản cam kết"
        ordering = ["-year", "id"]
        constraints = [
            models.UniqueConstraint(fields=["year", "person"], name="one_pledge_per_year")
        ]

    def __str__(self):
        return f"{self.person} ({self.year})"


class StudyPlan(YearSubject):
    """A plan to study and follow Hồ Chí Minh's example (Chỉ thị 05), by a person or a collective."""

    org = models.ForeignKey(
        Organization, models.PROTECT, related_name="study_plans", verbose_name="tổ chức đảng"
    )
    subject_person = optional_ref(Person, "cá nhân", related_name="study_plans")
    subject_org = collective()
    registered_on = models.DateField("ngày đăng ký")
    note = models.TextField("nội dung", blank=True)

    class Meta(YearSubject.Meta):
        db_table = "work_studyplan"
        verbose_name = "kế hoạch học tập và làm theo Bác"


class ReviewSuggestion(YearSubject):
    """A suggestion for the year's self-criticism review (gợi ý kiểm điểm): the committee that
    manages a collective or a member points out in writing what it should review itself on.
    Biểu 6-BTCTW, row 4, counts them by who manages the subject (the standing committee of the
    province or of the district, or the grassroots committee)."""

    class ManagedBy(models.TextChoices):
        PROVINCE = "province", "Thuộc diện ban thường vụ cấp ủy cấp tỉnh quản lý"
        DISTRICT = "district", "Thuộc diện ban thường vụ cấp ủy cấp huyện quản lý"
        GRASSROOTS = "grassroots", "Thuộc diện đảng ủy cơ sở quản lý"

    org = models.ForeignKey(
        Organization,
        models.PROTECT,
        related_name="review_suggestions",
        verbose_name="tổ chức đảng",
        help_text="Tổ chức cơ sở đảng nơi tập thể, đảng viên kiểm điểm.",
    )
    subject_person = optional_ref(Person, "đảng viên", related_name="review_suggestions")
    subject_org = collective()
    managed_by = models.CharField("diện quản lý", max_length=12, choices=ManagedBy.choices)
    suggested_by = models.CharField(
        "cấp ủy gợi ý", max_length=255, help_text="Ví dụ: Ban Thường vụ Huyện ủy."
    )
    paper = models.CharField(
        "văn bản gợi ý",
        max_length=255,
        blank=True,
        help_text="Ví dụ: Công văn số 45-CV/HU ngày 20/11/2024.",
    )
    suggested_on = models.DateField("ngày gợi ý")
    note = models.TextField("nội dung gợi ý", blank=True)

    class Meta(YearSubject.Meta):
        verbose_name = "gợi ý kiểm điểm"
        constraints = one_a_year("suggestion")


class Shortcoming(DangvuModel):
    """A shortcoming found in a yearly review, carried into the next year until remedied."""

    org = models.ForeignKey(
        Organization, models.PROTECT, related_name="shortcomings", verbose_name="tập thể"
    )
    review_year = models.PositiveSmallIntegerField("năm kiểm điểm")
    number = models.PositiveSmallIntegerField("số thứ tự")
    text = models.TextField("nội dung hạn chế, khuyết điểm")
    plan = models.TextField("biện pháp khắc phục", blank=True)
    due_on = models.DateField("thời hạn khắc phục", null=True, blank=True)
    remedied_on = models.DateField("ngày khắc phục xong", null=True, blank=True)

    class Meta:
        db_table = "work_shortcoming"
        verbose_name = "hạn chế, khuyết điểm"
        ordering = ["-review_year", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["org", "review_year", "number"], name="one_shortcoming_number"
            )
        ]

    def __str__(self):
        return f"{self.number}. {self.text[:80]}"
