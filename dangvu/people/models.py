"""People, their staff records, qualifications and memberships, all dated.

Only the named actions in `actions.py` write these records, so every change leaves an audit entry.
"""

import functools

from django.db import models
from django.db.models import Q

from dangvu.core.models import DangvuModel
from dangvu.lib.text import fold, name_collation_key
from dangvu.orgs.models import EffectiveDated, Organization


class Person(DangvuModel):
    class Gender(models.TextChoices):
        MALE = "male", "Nam"
        FEMALE = "female", "Nữ"

    # The occupations of the basic statistical forms (Biểu số 2- and 3-BTCTW, section II.1), in
    # their order; "retired" is the forms' "b. Đảng viên đã nghỉ hưu và nghỉ công tác".
    class Occupation(models.TextChoices):
        STATE_OFFICIAL = "state_official", "Cán bộ, công chức cơ quan Nhà nước từ cấp huyện trở lên"
        PARTY_OFFICIAL = (
            "party_official",
            (
                "Cán bộ, công chức cơ quan Đảng, Mặt trận Tổ quốc, đoàn thể chính trị - xã hội "
                "từ cấp huyện trở lên"
            ),
        )
        COMMUNE_OFFICIAL = (
            "commune_official",
            ("Cán bộ, công chức; người hoạt động không chuyên trách ở xã, phường, thị trấn"),
        )
        HAMLET_WORKER = (
            "hamlet_worker",
            ("Người hoạt động không chuyên trách thôn, tổ dân phố, bản (ấp, khóm)"),
        )
        PUBLIC_EMPLOYEE = "public_employee", "Viên chức trong các đơn vị sự nghiệp công lập"
        NON_PUBLIC_EMPLOYEE = (
            "non_public_employee",
            ("Người lao động trong các đơn vị sự nghiệp ngoài công lập"),
        )
        BUSINESS_MANAGER = "business_manager", "Người lãnh đạo, quản lý doanh nghiệp"
        BUSINESS_STAFF = "business_staff", "Nhân viên, người gián tiếp sản xuất (doanh nghiệp)"
        BUSINESS_WORKER = "business_worker", "Công nhân, lao động trực tiếp sản xuất"
        FARMER = "farmer", "Người làm nông, lâm, ngư nghiệp"
        ARMED_FORCES = "armed_forces", "Sỹ quan, chiến sỹ quân đội và công an"
        UNIVERSITY_STUDENT = "university_student", "Sinh viên"
        PUPIL = "pupil", "Học sinh"
        OTHER = "other", "Khác (lao động hợp đồng, tự do…)"
        RETIRED = "retired", "Đã nghỉ hưu, nghỉ công tác"

    class GeneralEducation(models.TextChoices):
        LITERATE = "literate", "Biết đọc, biết viết chữ quốc ngữ"
        PRIMARY = "primary", "Tiểu học"
        LOWER_SECONDARY = "lower_secondary", "Trung học cơ sở"
        UPPER_SECONDARY = "upper_secondary", "Trung học phổ thông"

    class AcademicTitle(models.TextChoices):
        ASSOCIATE_PROFESSOR = "associate_professor", "Phó Giáo sư"
        PROFESSOR = "professor", "Giáo sư"

    full_name = models.CharField("họ và tên", max_length=120)
    # Folded copy of the name ("nguyen van an") so search ignores diacritics on every database.
    search_name = models.CharField(max_length=120, db_index=True, editable=False)
    # Vietnamese dictionary order by given name, as digits and letters (lib.text): lists ordered
    # by the database put "Đào" after "Dương" on SQLite and PostgreSQL alike.
    sort_name = models.CharField(max_length=1000, db_index=True, editable=False, default="")
    birth_date = models.DateField("ngày sinh", null=True, blank=True)
    gender = models.CharField("giới tính", max_length=8, choices=Gender.choices)
    ethnicity = models.CharField("dân tộc", max_length=40, default="Kinh")
    cccd = models.CharField("số CCCD", max_length=12, null=True, blank=True, unique=True)
    phone = models.CharField("điện thoại", max_length=20, blank=True)
    email = models.EmailField("thư điện tử", blank=True)
    address = models.CharField("nơi cư trú", max_length=255, blank=True)
    # Empty: no religion (không theo tôn giáo), as the forms count "người theo tôn giáo".
    religion = models.CharField(
        "tôn giáo", max_length=60, blank=True, help_text="để trống: không theo tôn giáo"
    )
    # Empty: not yet recorded; the forms show those on a row of their own.
    occupation = models.CharField(
        "nghề nghiệp", max_length=24, choices=Occupation.choices, blank=True
    )
    general_education = models.CharField(
        "giáo dục phổ thông", max_length=20, choices=GeneralEducation.choices, blank=True
    )
    academic_title = models.CharField(
        "chức danh khoa học", max_length=24, choices=AcademicTitle.choices, blank=True
    )
    # The person's post in the government, the unit or its work (Chủ tịch UBND, Trưởng ấp,
    # Hiệu trưởng, Quản đốc …): any title, the organization's type only suggests them.
    job_title = models.CharField(
        "chức vụ chính quyền, chuyên môn",
        max_length=120,
        blank=True,
        help_text="Gõ tự do; gợi ý theo loại hình tổ chức.",
    )
    # The organization whose office keeps this person's file; scoping starts here.
    home_org = models.ForeignKey(
        Organization, models.PROTECT, related_name="people", verbose_name="đơn vị quản lý"
    )

    class Meta:
        verbose_name = "cá nhân"
        ordering = ["sort_name", "id"]

    def __str__(self):
        return self.full_name

    def save(self, *args, **kwargs):
        self.set_derived_names()
        super().save(*args, **kwargs)

    def set_derived_names(self):
        """The search and sort columns; also for bulk_create, which skips save()."""
        self.search_name = fold(self.full_name)
        self.sort_name = name_collation_key(self.full_name)

    @property
    def is_ethnic_minority(self):
        return is_ethnic_minority(self.ethnicity)


# A few dozen ethnicities, asked once per person by every count: cached.
@functools.lru_cache(maxsize=512)
def is_ethnic_minority(ethnicity: str) -> bool:
    return fold(ethnicity) not in ("", "kinh")


class StaffRecord(EffectiveDated):
    """A period of work in an agency: category, unit and position."""

    class Category(models.TextChoices):
        CIVIL_SERVANT = "civil_servant", "Công chức"
        PUBLIC_EMPLOYEE = "public_employee", "Viên chức"
        CONTRACT = "contract", "Hợp đồng"

    class Position(models.TextChoices):
        DIRECTOR = "director", "Giám đốc"
        DEPUTY_DIRECTOR = "deputy_director", "Phó Giám đốc"
        HEAD = "head", "Trưởng phòng"
        DEPUTY_HEAD = "deputy_head", "Phó Trưởng phòng"
        UNIT_DIRECTOR = "unit_director", "Giám đốc trung tâm"
        UNIT_DEPUTY_DIRECTOR = "unit_deputy_director", "Phó Giám đốc trung tâm"
        STAFF = "staff", "Chuyên viên, nhân viên"

    person = models.ForeignKey(Person, models.PROTECT, related_name="staff_records")
    agency = models.ForeignKey(
        Organization, models.PROTECT, related_name="staff_records", verbose_name="cơ quan"
    )
    # Empty for the agency's leadership; a department (phòng) or a service unit otherwise.
    unit = models.ForeignKey(
        Organization,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="unit_staff_records",
        verbose_name="phòng, đơn vị",
    )
    category = models.CharField("loại", max_length=20, choices=Category.choices)
    position = models.CharField(
        "chức vụ", max_length=24, choices=Position.choices, default=Position.STAFF
    )

    class Meta:
        verbose_name = "quá trình công tác"
        ordering = ["-valid_from"]

    def __str__(self):
        return f"{self.get_category_display()} – {self.agency}"


class StaffQuota(DangvuModel):
    """The staff quota (biên chế giao) of an agency for a year and category."""

    agency = models.ForeignKey(Organization, models.PROTECT, related_name="staff_quotas")
    year = models.PositiveSmallIntegerField("năm")
    category = models.CharField(max_length=20, choices=StaffRecord.Category.choices)
    quota = models.PositiveIntegerField("biên chế giao")

    class Meta:
        verbose_name = "biên chế giao"
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "year", "category"], name="one_quota_per_year"
            )
        ]

    def __str__(self):
        return f"{self.agency} {self.year}: {self.quota}"


class Qualification(DangvuModel):
    class Kind(models.TextChoices):
        EDUCATION = "education", "Trình độ chuyên môn"
        POLITICAL_THEORY = "political_theory", "Lý luận chính trị"

    # Ordered from the highest; a person's level on a date is the highest held by then.
    EDUCATION_LEVELS = [
        ("doctor", "Tiến sĩ"),
        ("master", "Thạc sĩ"),
        ("bachelor", "Đại học"),
        ("college", "Cao đẳng"),
        ("intermediate", "Trung cấp"),
        ("other", "Khác"),
    ]
    POLITICAL_LEVELS = [
        ("bachelor", "Cử nhân"),
        ("advanced", "Cao cấp"),
        ("intermediate", "Trung cấp"),
        ("elementary", "Sơ cấp"),
    ]
    LEVELS = {Kind.EDUCATION: EDUCATION_LEVELS, Kind.POLITICAL_THEORY: POLITICAL_LEVELS}

    person = models.ForeignKey(Person, models.PROTECT, related_name="qualifications")
    kind = models.CharField("loại", max_length=20, choices=Kind.choices)
    level = models.CharField("trình độ", max_length=20)
    field = models.CharField("chuyên ngành", max_length=120, blank=True)
    obtained_on = models.DateField("ngày cấp bằng", null=True, blank=True)

    class Meta:
        verbose_name = "trình độ"
        ordering = ["kind", "obtained_on"]

    def level_label(self):
        return dict(self.LEVELS[self.kind]).get(self.level, self.level)

    @classmethod
    def rank(cls, kind, level):
        """0 for the highest level of `kind`; larger is lower."""
        order = [code for code, _ in cls.LEVELS[kind]]
        return order.index(level) if level in order else len(order)

    def __str__(self):
        return self.level_label()


class Membership(EffectiveDated):
    """Belonging to an organization for a period: a party cell, the trade union, the youth union,
    the veterans' association or another mass organization. A transfer ends one membership and starts another."""

    class Kind(models.TextChoices):
        PARTY = "party", "Đảng"
        TRADE_UNION = "trade_union", "Công đoàn"
        YOUTH_UNION = "youth_union", "Đoàn Thanh niên"
        VETERANS = "veterans", "Hội Cựu chiến binh"
        # A member of another mass organization: which one is its organization's `mass_kind`.
        MASS = "mass", "Mặt trận, đoàn thể khác"

    class EndReason(models.TextChoices):
        TRANSFER_OUT = "transfer_out", "Chuyển sinh hoạt đi nơi khác"
        MOVED = "moved", "Chuyển sang tổ chức khác trong đơn vị"
        STRUCK_OFF = "struck_off", "Xóa tên"
        EXPELLED = "expelled", "Khai trừ"
        DEATH = "death", "Từ trần"
        RESIGNED = "resigned", "Xin ra khỏi Đảng"
        LEFT = "left", "Thôi tham gia"

    class StartReason(models.TextChoices):
        ADMITTED = "admitted", "Kết nạp"
        TRANSFER_IN = "transfer_in", "Chuyển sinh hoạt đến"
        RESTORED = "restored", "Phục hồi đảng tịch"
        MOVED = "moved", "Chuyển từ tổ chức khác trong đơn vị"

    # Where a transferred member came from or went to, as Biểu số 1-BTCTW divides transfers.
    class Place(models.TextChoices):
        OTHER_PROVINCE = "other_province", "Tỉnh khác"
        OTHER_DISTRICT = "other_district", "Huyện khác trong tỉnh"
        SAME_DISTRICT = "same_district", "Trong huyện (cùng đảng bộ cấp trên)"

    person = models.ForeignKey(Person, models.PROTECT, related_name="memberships")
    org = models.ForeignKey(Organization, models.PROTECT, related_name="memberships")
    kind = models.CharField("loại", max_length=16, choices=Kind.choices)
    end_reason = models.CharField("lý do", max_length=16, choices=EndReason.choices, blank=True)
    # Empty on memberships recorded before the start reason was kept.
    start_reason = models.CharField(
        "hình thức", max_length=16, choices=StartReason.choices, blank=True
    )
    arrived_from = models.CharField(
        "chuyển đến từ", max_length=16, choices=Place.choices, blank=True
    )
    left_to = models.CharField("chuyển đi tới", max_length=16, choices=Place.choices, blank=True)
    note = models.CharField("ghi chú", max_length=255, blank=True)

    class Meta:
        verbose_name = "quá trình sinh hoạt"
        ordering = ["-valid_from"]
        indexes = [models.Index(fields=["org", "kind"])]

    def __str__(self):
        return f"{self.get_kind_display()} – {self.org}"


# Which kind of organization a membership of each kind belongs to.
MEMBERSHIP_ORG_KIND = {
    Membership.Kind.PARTY: Organization.Kind.PARTY_CELL,
    Membership.Kind.TRADE_UNION: Organization.Kind.TRADE_UNION,
    Membership.Kind.YOUTH_UNION: Organization.Kind.YOUTH_UNION,
    Membership.Kind.VETERANS: Organization.Kind.VETERANS,
    Membership.Kind.MASS: Organization.Kind.MASS,
}
# The membership a mass organization's members hold, by the organization's kind.
MASS_MEMBERSHIP: dict[str, str] = {
    org_kind: kind
    for kind, org_kind in MEMBERSHIP_ORG_KIND.items()
    if kind != Membership.Kind.PARTY
}


class PartyProfile(DangvuModel):
    """A person's party life: candidacy, admission, recognition as a full member, card.

    Status on a date follows from the dates: a member is full once the recognition decision is
    taken (`recognized_on`), though full membership counts from `official_on`, the end of the
    12 months of probation.
    """

    person = models.OneToOneField(Person, models.PROTECT, related_name="party")
    candidate_since = models.DateField("ngày là đối tượng kết nạp", null=True, blank=True)
    candidate_cell = models.ForeignKey(
        Organization, models.PROTECT, null=True, blank=True, related_name="candidates"
    )
    admitted_on = models.DateField("ngày vào Đảng", null=True, blank=True)
    official_on = models.DateField("ngày chính thức", null=True, blank=True)
    recognized_on = models.DateField("ngày quyết định công nhận", null=True, blank=True)
    card_number = models.CharField("số thẻ đảng viên", max_length=20, blank=True)
    # Particulars of the Party file the basic statistical forms count (Biểu số 2- and 3-BTCTW,
    # section I), as the file says them today, like the occupation.
    private_business_owner = models.BooleanField(
        "chủ doanh nghiệp tư nhân",
        default=False,
        help_text="Sở hữu toàn bộ hoặc phần vốn chi phối và giữ chức giám đốc, chủ tịch hội đồng "
        "thành viên, chủ tịch hội đồng quản trị… của doanh nghiệp (Hướng dẫn 08-HD/BTCTW ngày "
        "27/9/2021).",
    )
    foreign_marriage = models.BooleanField(
        "có quan hệ hôn nhân với người nước ngoài",
        default=False,
        help_text="Vợ hoặc chồng là người nước ngoài (Quy định 127-QĐ/TW ngày 03/11/2004).",
    )
    population_policy_breach = models.BooleanField(
        "đã vi phạm chính sách dân số, kế hoạch hóa gia đình",
        default=False,
        help_text="Quần chúng vi phạm trước khi vào Đảng, được kết nạp theo Quy định 05-QĐi/TW "
        "ngày 28/8/2018.",
    )

    PARTICULARS = ("private_business_owner", "foreign_marriage", "population_policy_breach")

    def status_on(self, day):
        return party_status(self.admitted_on, self.recognized_on, day)

    def particulars(self) -> list[str]:
        """The labels of the particulars the file records (none for most members)."""
        return self.particular_labels({name: getattr(self, name) for name in self.PARTICULARS})

    @classmethod
    def particular_labels(cls, values: dict[str, bool]) -> list[str]:
        return [
            str(cls._meta.get_field(name).verbose_name).capitalize()
            for name in cls.PARTICULARS
            if values[name]
        ]

    def __str__(self):
        return f"Đảng viên {self.person}"

    class Meta:
        verbose_name = "hồ sơ đảng viên"


class PartyIntroduction(DangvuModel):
    """A mass organization introduces an outstanding member to the Party for admission (giới thiệu
    đoàn viên ưu tú cho Đảng xem xét kết nạp): by a resolution of its executive committee, to the
    Party cell of the place (Hướng dẫn 12-HD/BTCTW ngày 18/01/2022, mẫu 4A-KNĐ). Whether the
    person is admitted later is the party profile's `admitted_on`."""

    person = models.ForeignKey(Person, models.PROTECT, related_name="party_introductions")
    org = models.ForeignKey(
        Organization,
        models.PROTECT,
        related_name="party_introductions",
        verbose_name="tổ chức giới thiệu",
    )
    introduced_on = models.DateField("ngày giới thiệu")
    resolution = models.CharField(
        "nghị quyết giới thiệu",
        max_length=255,
        help_text="Ví dụ: Nghị quyết số 05-NQ/ĐTN ngày 10/3/2024 của Ban Chấp hành Đoàn cơ sở.",
    )
    note = models.CharField("ghi chú", max_length=255, blank=True)

    class Meta:
        verbose_name = "giới thiệu vào Đảng"
        ordering = ["-introduced_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "org", "introduced_on"], name="one_introduction_per_day"
            )
        ]

    def __str__(self):
        return f"{self.org} giới thiệu {self.person}"


def party_status(admitted_on, recognized_on, day):
    """ "full", "probationary" or "candidate" on `day` (membership itself is checked elsewhere)."""
    if admitted_on is None or admitted_on > day:
        return "candidate"
    if recognized_on is not None and recognized_on <= day:
        return "full"
    return "probationary"


class PartyStatusDecision(EffectiveDated):
    """A status of a party member decided by a committee, from one date to another (open-ended
    when `valid_to` is empty): the decision, its reason and its dates. Exemption and suspension
    are two such statuses, which the actions start and end by one rule (`actions._Status`); each
    keeps its own table."""

    person = models.ForeignKey(Person, models.PROTECT, related_name="%(class)ss")
    decision = models.CharField(
        "quyết định (số, ngày, cấp ủy)",
        max_length=255,
        help_text="Ví dụ: Quyết định số 12-QĐ/ĐU ngày 05/01/2023 của Đảng ủy",
    )
    reason = models.CharField("lý do", max_length=255, blank=True)
    # Redeclared after the decision so that a form lists the decision, then the two dates.
    valid_from = models.DateField("từ ngày")
    valid_to = models.DateField(
        "đến ngày", null=True, blank=True, help_text="Để trống nếu chưa định."
    )

    class Meta:
        abstract = True
        ordering = ["-valid_from", "-id"]


class Exemption(PartyStatusDecision):
    """Miễn công tác và sinh hoạt đảng: a member relieved of Party work and cell meetings (old age,
    ill health) by the committee's decision. An exempt member is not counted absent: they are
    left out of the meeting's attendance denominator and listed apart."""

    class Meta(PartyStatusDecision.Meta):
        verbose_name = "miễn công tác và sinh hoạt đảng"

    def __str__(self):
        return f"Miễn sinh hoạt: {self.person}"


class PartyBadge(DangvuModel):
    """A Party badge awarded (Huy hiệu Đảng 30 … 90 năm tuổi Đảng)."""

    YEARS = [30, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90]

    person = models.ForeignKey(Person, models.PROTECT, related_name="party_badges")
    years = models.PositiveSmallIntegerField(
        "số năm tuổi Đảng", choices=[(y, f"{y} năm") for y in YEARS]
    )
    awarded_on = models.DateField("ngày trao")
    decision = models.CharField("số quyết định", max_length=60, blank=True)

    class Meta:
        verbose_name = "huy hiệu Đảng"
        ordering = ["-awarded_on"]
        constraints = [
            models.UniqueConstraint(fields=["person", "years"], name="one_badge_per_milestone")
        ]

    def __str__(self):
        return f"Huy hiệu {self.years} năm tuổi Đảng – {self.person}"


class PartyCardIssue(DangvuModel):
    """A member card issued: the first card of a full member, or one reissued when lost or
    exchanged when damaged (Biểu số 7-BTCTW, section III)."""

    class Reason(models.TextChoices):
        FIRST = "first", "Phát cho đảng viên chính thức"
        LOST = "lost", "Cấp lại do mất"
        DAMAGED = "damaged", "Đổi lại do hỏng"

    person = models.ForeignKey(Person, models.PROTECT, related_name="party_cards")
    number = models.CharField("số thẻ", max_length=20)
    issued_on = models.DateField("ngày phát")
    reason = models.CharField("hình thức", max_length=12, choices=Reason.choices)

    class Meta:
        verbose_name = "phát thẻ đảng viên"
        ordering = ["-issued_on"]

    def __str__(self):
        return f"Thẻ {self.number} – {self.person}"


class TemporaryAttachment(EffectiveDated):
    """Sinh hoạt đảng tạm thời: a party member whose official membership stays where it is
    (another cell, often another committee's) attends `cell` for a while, when working, studying
    or living there from 3 months to under a year, or studying for up to 2 years (Quy định
    24-QĐ/TW ngày 30/7/2021, point 6.3.2; rules/member_status). In the host cell they take part
    and speak but neither vote, stand nor elect, and are not counted among its members.

    The member is `person` when dangvu keeps their file (a member of another cell here), or only
    named (`full_name`, `home_org_name`) when their official cell is elsewhere.

    The host is `cell` when it is kept in dangvu, else only named (`host_name`): a member of one
    of our cells introduced for a while to an organization outside dangvu (giới thiệu sinh hoạt
    đảng tạm thời đi), recorded by their own cell, which must know where they are and that the
    host collects their fee (Biểu 7-BTCTW, IV.1, counts these introductions)."""

    cell = models.ForeignKey(
        Organization,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="temporary_attachments",
        verbose_name="chi bộ sinh hoạt tạm thời",
    )
    host_name = models.CharField(
        "nơi sinh hoạt tạm thời",
        max_length=255,
        blank=True,
        help_text="Chi bộ, đảng bộ nơi đảng viên được giới thiệu đến, ví dụ: Chi bộ Khoa Lý "
        "luận chính trị, Đảng bộ Trường Chính trị tỉnh Vĩnh Long",
    )
    person = models.ForeignKey(
        Person,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="temporary_attachments",
        verbose_name="đảng viên có hồ sơ",
        help_text="Để trống nếu đảng viên chưa có hồ sơ ở đây: ghi họ tên và nơi sinh hoạt chính thức.",
    )
    full_name = models.CharField("họ và tên", max_length=120, blank=True)
    home_org_name = models.CharField(
        "nơi sinh hoạt chính thức",
        max_length=255,
        blank=True,
        help_text="Ví dụ: Chi bộ Phòng Kế hoạch, Đảng bộ Sở Y tế tỉnh Vĩnh Long",
    )
    papers = models.CharField(
        "giấy giới thiệu sinh hoạt tạm thời",
        max_length=255,
        help_text="Số, ngày và nơi cấp giấy giới thiệu.",
    )
    valid_from = models.DateField("từ ngày")
    valid_to = models.DateField("đến ngày", null=True, blank=True)
    # The rule allows full-time study a longer span than work or residence (rules/member_status).
    study = models.BooleanField("đi học tập trung trong nước", default=False)
    note = models.CharField("ghi chú", max_length=255, blank=True)

    class Meta:
        verbose_name = "sinh hoạt đảng tạm thời"
        ordering = ["-valid_from", "-id"]
        constraints = [
            # A host in dangvu, or one named outside it for a member on file (the sending cell
            # records its own member; a visitor known only by name is always received here).
            models.CheckConstraint(
                condition=Q(cell__isnull=False, host_name="")
                | (Q(cell__isnull=True, person__isnull=False) & ~Q(host_name="")),
                name="attachment_host_cell_or_named",
            ),
        ]

    def __str__(self):
        return f"Sinh hoạt tạm thời: {self.name} tại {self.host}"

    @property
    def host(self) -> str:
        """Where the member attends: the host cell on record, else as written."""
        return str(self.cell) if self.cell_id else self.host_name

    @property
    def name(self) -> str:
        return self.person.full_name if self.person_id else self.full_name

    @property
    def official_place(self) -> str:
        """Where the member's official membership is: their cell on record, else as written."""
        if not self.person_id:
            return self.home_org_name
        cells = self.person.memberships.filter(
            kind=Membership.Kind.PARTY, valid_from__lte=self.valid_from
        ).exclude(valid_to__lte=self.valid_from)
        return ", ".join(str(m.org) for m in cells.select_related("org"))

    @property
    def label(self) -> str:
        """ "Nguyễn Văn A (Chi bộ Phòng Kế hoạch, Đảng bộ Sở Y tế)": the member, and where their
        official membership is."""
        place = self.official_place
        return f"{self.name} ({place})" if place else self.name


class IrregularIntroduction(DangvuModel):
    """An introduction of Party activity (giới thiệu sinh hoạt đảng) found not done as the rules
    require (chưa đúng quy định: a paper out of date, a wrong addressee, a missing file), or a
    forged one (giả mạo): received from elsewhere or sent by one of our organizations, recorded
    by the organization that found it (Biểu 7-BTCTW, IV.3).

    The member is `person` when dangvu keeps their file, else only named (`full_name`, as the
    paper names them: a forged paper's holder is often no member anywhere)."""

    class Direction(models.TextChoices):
        RECEIVED = "received", "Nơi khác chuyển đến"
        SENT = "sent", "Giới thiệu đi"

    class Finding(models.TextChoices):
        IRREGULAR = "irregular", "Chưa đúng quy định"
        FORGED = "forged", "Giả mạo"

    org = models.ForeignKey(
        Organization,
        models.PROTECT,
        related_name="irregular_introductions",
        verbose_name="tổ chức phát hiện",
    )
    direction = models.CharField("chiều giới thiệu", max_length=12, choices=Direction.choices)
    finding = models.CharField("phát hiện", max_length=12, choices=Finding.choices)
    found_on = models.DateField("ngày phát hiện")
    papers = models.CharField(
        "giấy giới thiệu",
        max_length=255,
        help_text="Số, ngày và nơi cấp giấy giới thiệu sinh hoạt đảng.",
    )
    person = models.ForeignKey(
        Person,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="irregular_introductions",
        verbose_name="đảng viên có hồ sơ",
        help_text="Để trống nếu người này chưa có hồ sơ ở đây: ghi họ tên.",
    )
    full_name = models.CharField("họ và tên", max_length=120, blank=True)
    note = models.TextField(
        "nội dung, cách xử lý", blank=True, help_text="Sai ở đâu và đã xử lý thế nào."
    )

    class Meta:
        verbose_name = "giới thiệu sinh hoạt đảng chưa đúng quy định, giả mạo"
        ordering = ["-found_on", "-id"]
        constraints = [
            # A member on file or one only named, not both.
            models.CheckConstraint(
                condition=Q(person__isnull=False, full_name="")
                | Q(person__isnull=True) & ~Q(full_name=""),
                name="irregular_introduction_person_or_named",
            ),
        ]

    def __str__(self):
        return f"{self.get_finding_display()}: {self.name} ({self.papers})"

    @property
    def name(self) -> str:
        return self.person.full_name if self.person_id else self.full_name


class Suspension(PartyStatusDecision):
    """Đình chỉ sinh hoạt đảng: a member suspended from Party activities by the competent
    committee's decision, while prosecuted or detained or to stop them obstructing an inquiry
    (Quy định 22-QĐ/TW, 2021, Articles 28–31; rules/member_status). A suspended member takes no part in the
    cell's meetings: not summoned, not counted in the quorum, listed apart."""

    class Meta(PartyStatusDecision.Meta):
        verbose_name = "đình chỉ sinh hoạt đảng"

    def __str__(self):
        return f"Đình chỉ sinh hoạt đảng: {self.person}"
