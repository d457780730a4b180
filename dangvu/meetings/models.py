"""Activities of an organization (meetings, conferences, contests, study sessions…), the
organizations that held or joined them, their attendance, and a cell meeting's minutes and tasks.

Only the named actions in `actions.py` write these records, so every change leaves an audit entry.
Narrative fields (`notes`, `text`, `conclusion` …) are plain text: the document registry scans them
for citations, nothing here parses them.
"""

from django.db import models

from dangvu.core.models import DangvuModel, optional_ref
from dangvu.orgs.models import Organization
from dangvu.people.models import Person

SCORE = {"max_digits": 4, "decimal_places": 1}


# Activities -------------------------------------------------------------------------------


class Activity(DangvuModel):
    """A meeting, conference, dissemination session, training, contest, visit … on a date.

    Organizations take part as organizers or as participants (`ActivityOrg`); an event organized
    outside the tree (by the Tỉnh ủy, say) has only participants and names its host in `host_name`.
    Members are counted person by person (`Attendance`); outside participants as `head_count`.
    """

    class Kind(models.TextChoices):
        REGULAR_MEETING = "regular_meeting", "Sinh hoạt chi bộ thường kỳ"
        THEMATIC_MEETING = "thematic_meeting", "Sinh hoạt chi bộ chuyên đề"
        COMMITTEE_MEETING = "committee_meeting", "Họp cấp ủy, làm việc"
        CONFERENCE = "conference", "Hội nghị"
        DISSEMINATION = "dissemination", "Quán triệt, triển khai văn bản"
        TRAINING = "training", "Hội nghị tập huấn, bồi dưỡng"
        CONGRESS = "congress", "Đại hội"
        CONTEST = "contest", "Cuộc thi, hội thao"
        VISIT = "visit", "Thăm hỏi, làm việc với địa phương"
        OTHER = "other", "Hoạt động khác"

    kind = models.CharField("loại", max_length=24, choices=Kind.choices)
    title = models.CharField("tên hoạt động", max_length=500)
    starts_on = models.DateField("ngày")
    ends_on = models.DateField("đến ngày", null=True, blank=True)
    place = models.CharField("địa điểm", max_length=255, blank=True)
    # An organizer outside the tree ("Tỉnh ủy Trà Vinh", "Báo Trà Vinh").
    host_name = models.CharField("đơn vị tổ chức (ngoài hệ thống)", max_length=255, blank=True)
    head_count = models.PositiveIntegerField("số đại biểu, khách (không điểm danh)", default=0)
    # Names this activity in facts (contests.<key>.participants); blank for most activities.
    key = models.SlugField("mã số liệu", max_length=64, blank=True, db_index=True)
    notes = models.TextField("nội dung, ghi chú", blank=True)
    # Members present, kept by the attendance actions (the only writers of `Attendance`), so that
    # facts over thousands of activities sum one column instead of counting attendance rows.
    present_count = models.PositiveIntegerField("số có mặt", default=0, editable=False)
    orgs = models.ManyToManyField(Organization, through="ActivityOrg", related_name="activities")

    class Meta:
        db_table = "work_activity"
        verbose_name = "hoạt động"
        ordering = ["-starts_on", "-id"]
        indexes = [models.Index(fields=["starts_on", "kind"])]

    def __str__(self):
        return self.title

    @property
    def is_meeting(self):
        return self.kind in (self.Kind.REGULAR_MEETING, self.Kind.THEMATIC_MEETING)


class ActivityOrg(DangvuModel):
    class Role(models.TextChoices):
        ORGANIZER = "organizer", "Tổ chức"
        PARTICIPANT = "participant", "Tham dự"

    activity = models.ForeignKey(Activity, models.CASCADE, related_name="links")
    org = models.ForeignKey(Organization, models.PROTECT, related_name="activity_links")
    role = models.CharField(max_length=16, choices=Role.choices)

    class Meta:
        db_table = "work_activityorg"
        verbose_name = "đơn vị tham gia hoạt động"
        constraints = [
            models.UniqueConstraint(fields=["activity", "org"], name="one_role_per_activity")
        ]
        indexes = [models.Index(fields=["org", "role"])]

    def __str__(self):
        return f"{self.get_role_display()}: {self.org_id}"


class Attendance(DangvuModel):
    class Status(models.TextChoices):
        PRESENT = "present", "Có mặt"
        EXCUSED = "excused", "Vắng có lý do"
        ABSENT = "absent", "Vắng không lý do"

    activity = models.ForeignKey(Activity, models.CASCADE, related_name="attendances")
    person = models.ForeignKey(Person, models.PROTECT, related_name="attendances")
    status = models.CharField("điểm danh", max_length=8, choices=Status.choices)
    reason = models.CharField("lý do vắng", max_length=255, blank=True)
    # The member of the convening committee (the cell's chi ủy, or its secretary where it has
    # none) who accepted the reason of an excused absence: an accepted absence is left out of
    # the full members a cell meeting's resolution is counted against (Quy định 24-QĐ/TW, point
    # 9.3.2; rules/cell_meeting/quorum). A reason only given, not accepted, leaves it counted.
    accepted_by = optional_ref(Person, "cấp ủy đồng ý lý do vắng")

    class Meta:
        db_table = "work_attendance"
        verbose_name = "điểm danh"
        constraints = [
            models.UniqueConstraint(fields=["activity", "person"], name="one_attendance_each")
        ]
        indexes = [models.Index(fields=["activity", "status"])]

    def __str__(self):
        return f"{self.person_id}: {self.get_status_display()}"


class MeetingMinutes(DangvuModel):
    """The minutes of a cell meeting: fee collection, resolution and the meeting's quality."""

    class Quality(models.TextChoices):
        GOOD = "good", "Tốt"
        FAIR = "fair", "Khá"
        AVERAGE = "average", "Trung bình"
        WEAK = "weak", "Kém"

    activity = models.OneToOneField(Activity, models.CASCADE, related_name="minutes")
    chair = models.ForeignKey(
        Person, models.PROTECT, null=True, blank=True, related_name="+", verbose_name="chủ trì"
    )
    recorder = models.ForeignKey(
        Person, models.PROTECT, null=True, blank=True, related_name="+", verbose_name="thư ký"
    )
    fee_note = models.CharField("thu đảng phí", max_length=255, blank=True)
    resolution = models.TextField("nghị quyết, kết luận", blank=True)
    quality = models.CharField(
        "xếp loại buổi sinh hoạt", max_length=8, blank=True, choices=Quality.choices
    )
    score = models.DecimalField("điểm", null=True, blank=True, **SCORE)

    def __str__(self):
        return f"Biên bản: {self.activity}"

    class Meta:
        db_table = "work_meetingminutes"
        verbose_name = "biên bản sinh hoạt chi bộ"


class MeetingTask(DangvuModel):
    """A task of a meeting's resolution: who, by when, and how it went (read out at the next
    meeting, whose resolution lists it with its result)."""

    class Status(models.TextChoices):
        OPEN = "open", "Đang thực hiện"
        DONE = "done", "Hoàn thành"
        PARTLY = "partly", "Hoàn thành một phần"
        NOT_DONE = "not_done", "Chưa hoàn thành"

    minutes = models.ForeignKey(MeetingMinutes, models.CASCADE, related_name="tasks")
    text = models.CharField("nhiệm vụ", max_length=500)
    assignee = models.ForeignKey(Person, models.PROTECT, null=True, blank=True, related_name="+")
    deadline = models.DateField("thời hạn", null=True, blank=True)
    done_on = models.DateField("hoàn thành ngày", null=True, blank=True)
    status = models.CharField(
        "tình trạng", max_length=8, choices=Status.choices, default=Status.OPEN
    )
    result = models.CharField("kết quả", max_length=500, blank=True)

    class Meta:
        db_table = "work_meetingtask"
        verbose_name = "nhiệm vụ trong biên bản"
        ordering = ["deadline", "id"]

    def __str__(self):
        return self.text


# The monthly cell meeting: plan, notice, documents to read ---------------------------------------


class MeetingPlan(DangvuModel):
    """What a cell's secretary prepares for a meeting (an `Activity` of the cell) and what the
    minutes and resolution are written from afterwards: the agenda (the cell's recurring items
    and the month's theme), the documents to read, the notice, guests, late arrivals and the
    key points of the discussion."""

    activity = models.OneToOneField(Activity, models.CASCADE, related_name="plan")
    theme = models.CharField("chuyên đề của tháng", max_length=500, blank=True)
    # The hour in the notice, and the hours the minutes state (every real one does).
    starts_at = models.TimeField("giờ bắt đầu", null=True, blank=True)
    ends_at = models.TimeField("giờ kết thúc", null=True, blank=True)
    agenda = models.JSONField("nội dung sinh hoạt", default=list)
    guests = models.CharField("đại biểu, khách mời", max_length=500, blank=True)
    key_points = models.TextField("ý kiến thảo luận chính", blank=True)
    late = models.ManyToManyField(Person, blank=True, related_name="+", verbose_name="đến muộn")
    notice_sent_at = models.DateTimeField("đã gửi thông báo lúc", null=True, blank=True)
    # The resolution as entered in the cell's register of outgoing documents (its number).
    resolution_doc = optional_ref("documents.Document", "nghị quyết trong sổ văn bản đi")
    minutes_doc = optional_ref("documents.Document", "biên bản trong sổ văn bản đi")
    # The minutes and the resolution as issued ({"minutes": …, "resolution": …}, each a
    # PartyDocument as JSON): later changes to the records do not change an issued paper.
    frozen = models.JSONField("giấy tờ đã ban hành", default=dict, blank=True, editable=False)
    # The secretary's text for sections of the minutes and resolution before their numbers are
    # taken: {"minutes"|"resolution": {section heading: text}}; a section not here is written
    # from the records.
    edits = models.JSONField("phần sửa của giấy tờ", default=dict, blank=True, editable=False)

    class Meta:
        verbose_name = "kế hoạch sinh hoạt chi bộ"

    def __str__(self):
        return f"Kế hoạch: {self.activity}"


class MeetingDocument(DangvuModel):
    """A document members read before the meeting, from the document registry."""

    plan = models.ForeignKey(MeetingPlan, models.CASCADE, related_name="documents")
    document = models.ForeignKey("documents.Document", models.PROTECT, related_name="+")

    class Meta:
        verbose_name = "tài liệu sinh hoạt chi bộ"
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "document"], name="one_document_per_plan")
        ]

    def __str__(self):
        return str(self.document)


class MeetingRead(DangvuModel):
    """ "Đã xem": a member opened the notice (no document) or one of its documents."""

    plan = models.ForeignKey(MeetingPlan, models.CASCADE, related_name="reads")
    person = models.ForeignKey(Person, models.PROTECT, related_name="+")
    document = models.ForeignKey(
        MeetingDocument, models.CASCADE, null=True, blank=True, related_name="reads"
    )
    seen_at = models.DateTimeField("xem lúc")

    class Meta:
        verbose_name = "đã xem thông báo, tài liệu"
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "person", "document"], name="one_read_per_document"
            ),
            models.UniqueConstraint(
                fields=["plan", "person"],
                condition=models.Q(document__isnull=True),
                name="one_read_per_notice",
            ),
        ]

    def __str__(self):
        return f"{self.person_id} đã xem"


# Trainings ---------------------------------------------------------------------------------


# Inspection, verification, scores --------------------------------------------------------------


# Evaluation, self-assessment, shortcomings ------------------------------------------------------


# Work programme and indicators ---------------------------------------------------------------
