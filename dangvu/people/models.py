"""People, their staff records, qualifications and memberships, all dated.

Only the named actions in `actions.py` write these records, so every change leaves an audit entry.
"""

import functools

from django.db import models

from dangvu.lib.text import fold, name_collation_key
from dangvu.orgs.models import Organization


class Person(models.Model):
    class Gender(models.TextChoices):
        MALE = "male", "Nam"
        FEMALE = "female", "Nữ"

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
    # The organization whose office keeps this person's file; scoping starts here.
    home_org = models.ForeignKey(
        Organization, models.PROTECT, related_name="people", verbose_name="đơn vị quản lý"
    )

    class Meta:
        verbose_name = "cá nhân"
        verbose_name_plural = "cá nhân"
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


class StaffRecord(models.Model):
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
    valid_from = models.DateField("từ ngày")
    valid_to = models.DateField("đến ngày", null=True, blank=True)

    class Meta:
        verbose_name = "quá trình công tác"
        verbose_name_plural = "quá trình công tác"
        ordering = ["-valid_from"]

    def __str__(self):
        return f"{self.get_category_display()} – {self.agency}"


class StaffQuota(models.Model):
    """The staff quota (biên chế giao) of an agency for a year and category."""

    agency = models.ForeignKey(Organization, models.PROTECT, related_name="staff_quotas")
    year = models.PositiveSmallIntegerField("năm")
    category = models.CharField(max_length=20, choices=StaffRecord.Category.choices)
    quota = models.PositiveIntegerField("biên chế giao")

    class Meta:
        verbose_name = "biên chế giao"
        verbose_name_plural = "biên chế giao"
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "year", "category"], name="one_quota_per_year"
            )
        ]

    def __str__(self):
        return f"{self.agency} {self.year}: {self.quota}"


class Qualification(models.Model):
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
        verbose_name_plural = "trình độ"
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


class Membership(models.Model):
    """Belonging to an organization for a period: a party cell, the trade union, the youth union
    or the veterans' association. A transfer ends one membership and starts another."""

    class Kind(models.TextChoices):
        PARTY = "party", "Đảng"
        TRADE_UNION = "trade_union", "Công đoàn"
        YOUTH_UNION = "youth_union", "Đoàn Thanh niên"
        VETERANS = "veterans", "Hội Cựu chiến binh"

    class EndReason(models.TextChoices):
        TRANSFER_OUT = "transfer_out", "Chuyển sinh hoạt đi nơi khác"
        MOVED = "moved", "Chuyển sang tổ chức khác trong đơn vị"
        STRUCK_OFF = "struck_off", "Xóa tên"
        EXPELLED = "expelled", "Khai trừ"
        DEATH = "death", "Từ trần"
        LEFT = "left", "Thôi tham gia"

    person = models.ForeignKey(Person, models.PROTECT, related_name="memberships")
    org = models.ForeignKey(Organization, models.PROTECT, related_name="memberships")
    kind = models.CharField("loại", max_length=16, choices=Kind.choices)
    valid_from = models.DateField("từ ngày")
    valid_to = models.DateField("đến ngày", null=True, blank=True)
    end_reason = models.CharField("lý do", max_length=16, choices=EndReason.choices, blank=True)
    note = models.CharField("ghi chú", max_length=255, blank=True)

    class Meta:
        verbose_name = "quá trình sinh hoạt"
        verbose_name_plural = "quá trình sinh hoạt"
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
}


class PartyProfile(models.Model):
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

    def status_on(self, day):
        return party_status(self.admitted_on, self.recognized_on, day)

    def __str__(self):
        return f"Đảng viên {self.person}"

    class Meta:
        verbose_name = "hồ sơ đảng viên"
        verbose_name_plural = "hồ sơ đảng viên"


def party_status(admitted_on, recognized_on, day):
    """ "full", "probationary" or "candidate" on `day` (membership itself is checked elsewhere)."""
    if admitted_on is None or admitted_on > day:
        return "candidate"
    if recognized_on is not None and recognized_on <= day:
        return "full"
    return "probationary"


class Exemption(models.Model):
    """Miễn công tác và sinh hoạt đảng: a member relieved of Party work and cell meetings (old age,
    ill health) by the committee's decision, from one date to another (open-ended when `valid_to`
    is empty). An exempt member is not counted absent: they are left out of the meeting's
    attendance denominator and listed apart."""

    person = models.ForeignKey(Person, models.PROTECT, related_name="exemptions")
    decision = models.CharField("quyết định", max_length=255)
    reason = models.CharField("lý do", max_length=255, blank=True)
    valid_from = models.DateField("miễn từ ngày")
    valid_to = models.DateField("đến ngày", null=True, blank=True)

    class Meta:
        verbose_name = "miễn công tác và sinh hoạt đảng"
        verbose_name_plural = "miễn công tác và sinh hoạt đảng"
        ordering = ["-valid_from", "-id"]

    def __str__(self):
        return f"Miễn sinh hoạt: {self.person}"

    def covers(self, day):
        return self.valid_from <= day and (self.valid_to is None or day < self.valid_to)
