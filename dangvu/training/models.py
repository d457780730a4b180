"""Trainings: the courses a person is sent to (political theory, expertise, state management…),
their status, and the qualification a completed course adds to the person's file.

Only the named actions in `actions.py` write these records. The tables keep the names they had in
`work`, where these models began (`Meta.db_table`).
"""

from django.db import models

from dangvu.core.models import DangvuModel
from dangvu.orgs.models import Organization
from dangvu.people.models import Person, Qualification

SCORE = {"max_digits": 4, "decimal_places": 1}


class Enrolment(DangvuModel):
    """A person's place in a course; completing a degree course adds the qualification."""

    class Course(models.TextChoices):
        POLITICAL_INTERMEDIATE = (
            "political_intermediate",
            "Trung cấp lý luận chính trị – hành chính",
        )
        POLITICAL_ADVANCED = "political_advanced", "Cao cấp lý luận chính trị"
        NEW_MEMBER = "new_member", "Bồi dưỡng lý luận chính trị cho đảng viên mới"
        ADMISSION_CANDIDATE = (
            "admission_candidate",
            "Bồi dưỡng nhận thức về Đảng (đối tượng kết nạp)",
        )
        STATE_SPECIALIST = "state_specialist", "Bồi dưỡng QLNN chương trình chuyên viên"
        STATE_PRINCIPAL = "state_principal", "Bồi dưỡng QLNN chương trình chuyên viên chính"
        SECRETARY = "secretary", "Bồi dưỡng bí thư và cấp ủy viên"
        MASS_MOBILIZATION = "mass_mobilization", "Bồi dưỡng công tác dân vận"
        MASTER = "master", "Thạc sĩ"
        DOCTOR = "doctor", "Tiến sĩ"
        OTHER = "other", "Khác"

    class Status(models.TextChoices):
        ENROLLED = "enrolled", "Đã cử đi học"
        STUDYING = "studying", "Đang học"
        COMPLETED = "completed", "Đã hoàn thành"
        DROPPED = "dropped", "Thôi học"

    # The qualification a completed course grants: (kind, level).
    GRANTS: dict[str, tuple[str, str]] = {
        Course.POLITICAL_INTERMEDIATE: (Qualification.Kind.POLITICAL_THEORY, "intermediate"),
        Course.POLITICAL_ADVANCED: (Qualification.Kind.POLITICAL_THEORY, "advanced"),
        Course.MASTER: (Qualification.Kind.EDUCATION, "master"),
        Course.DOCTOR: (Qualification.Kind.EDUCATION, "doctor"),
    }

    person = models.ForeignKey(Person, models.PROTECT, related_name="enrolments")
    # The organization that sent the person and keeps the record (scoping, facts).
    org = models.ForeignKey(Organization, models.PROTECT, related_name="enrolments")
    course = models.CharField("loại lớp", max_length=32, choices=Course.choices)
    title = models.CharField("tên lớp", max_length=255, blank=True)
    field = models.CharField("chuyên ngành", max_length=120, blank=True)
    provider = models.CharField("cơ sở đào tạo", max_length=255, blank=True)
    starts_on = models.DateField("ngày bắt đầu")
    ends_on = models.DateField("ngày kết thúc (dự kiến)", null=True, blank=True)
    status = models.CharField("tình trạng", max_length=12, choices=Status.choices)
    completed_on = models.DateField("ngày hoàn thành", null=True, blank=True)
    qualification = models.ForeignKey(
        Qualification, models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        db_table = "work_enrolment"
        verbose_name = "đào tạo, bồi dưỡng"
        ordering = ["-starts_on", "id"]

    def __str__(self):
        return f"{self.person} – {self.title or self.get_course_display()}"
