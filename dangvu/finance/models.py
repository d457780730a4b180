"""Party fees: what each member's fee is computed from, the payments a cell records, and the
committee's yearly ledger (entries, closed years). Money is integer đồng.

Only the named actions in `actions.py` write these records, so every change leaves an audit entry.
A month is stored as the date of its first day.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q

from dangvu.core.models import DangvuModel
from dangvu.lib.text import money
from dangvu.orgs.models import Organization
from dangvu.people.models import Person

from . import fees


class SalaryBase(DangvuModel):
    """What a member's fee is computed from, from a month until the next record.

    The base of a month is (coefficient + allowance coefficient) × lương cơ sở of that month
    + `amount`; so a change of lương cơ sở changes every salary without a new record. A pension,
    an allowance or a fixed fee is recorded as `amount` alone.
    """

    class Kind(models.TextChoices):
        SALARY = fees.SALARY, "Tiền lương (đóng bảo hiểm xã hội)"
        SICKNESS = fees.SICKNESS, "Trợ cấp ốm đau, thai sản"
        PENSION = fees.PENSION, "Lương hưu"
        STUDENT = fees.STUDENT, "Học sinh, sinh viên"
        NO_INCOME = fees.NO_INCOME, "Không có thu nhập cố định (mức do cấp ủy quy định)"
        ABROAD = fees.ABROAD, "Đảng viên ở ngoài nước (mức do cấp ủy quy định)"
        FIXED = fees.FIXED, "Mức đóng cố định"
        EXEMPT = fees.EXEMPT, "Miễn đóng"

    person = models.ForeignKey(Person, models.PROTECT, related_name="fee_bases")
    valid_from = models.DateField("từ tháng")
    kind = models.CharField("căn cứ", max_length=16, choices=Kind.choices, default=Kind.SALARY)
    coefficient = models.DecimalField(
        "hệ số lương",
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="nhân với lương cơ sở của từng tháng",
    )
    allowance_coefficient = models.DecimalField(
        "hệ số phụ cấp chức vụ", max_digits=5, decimal_places=2, null=True, blank=True
    )
    amount = models.BigIntegerField("số tiền (đồng)", default=0)
    note = models.CharField("ghi chú, lý do miễn", max_length=255, blank=True)

    class Meta:
        verbose_name = "căn cứ tính đảng phí"
        ordering = ["person", "valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["person", "valid_from"], name="one_fee_base_a_month"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="fee_base_not_negative"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} từ {fees.month_label(self.valid_from)}"

    @property
    def coefficient_hundredths(self):
        total = (self.coefficient or 0) + (self.allowance_coefficient or 0)
        return int(total * 100)


class Payment(DangvuModel):
    """Money a member paid to the cell (or through the National Public Service Portal), covering
    one or more months (`PaymentMonth`). A correction after a year is closed is a reversal: a new
    payment with the opposite amount, dated in an open year, pointing at the one it reverses."""

    class Method(models.TextChoices):
        CASH = "cash", "Tiền mặt nộp chi bộ"
        PORTAL = "portal", "Cổng Dịch vụ công quốc gia"

    person = models.ForeignKey(Person, models.PROTECT, related_name="fee_payments")
    cell = models.ForeignKey(Organization, models.PROTECT, related_name="fee_payments")
    paid_on = models.DateField("ngày nộp")
    amount = models.BigIntegerField("số tiền (đồng)")
    method = models.CharField("hình thức", max_length=8, choices=Method.choices)
    # The receipt number of the cell's receipt book, or the portal's transaction code.
    receipt_no = models.CharField("số biên lai, mã giao dịch", max_length=40, blank=True)
    # A client-made key (the form's hidden token): the same form sent twice records one payment.
    token = models.CharField(max_length=64, blank=True)
    note = models.CharField("ghi chú", max_length=255, blank=True)
    reverses = models.OneToOneField(
        "self", models.PROTECT, null=True, blank=True, related_name="reversed_by"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "khoản nộp đảng phí"
        ordering = ["paid_on", "id"]
        indexes = [models.Index(fields=["cell", "paid_on"]), models.Index(fields=["person"])]
        constraints = [
            models.UniqueConstraint(
                fields=["token"], condition=~Q(token=""), name="one_payment_per_token"
            ),
            models.UniqueConstraint(
                fields=["cell", "method", "receipt_no"],
                condition=~Q(receipt_no="") & Q(reverses__isnull=True),
                name="one_payment_per_receipt",
            ),
        ]

    def __str__(self):
        return f"{self.person} nộp {money(self.amount)} đồng ngày {self.paid_on:%d/%m/%Y}"


class PaymentMonth(DangvuModel):
    """The part of a payment that goes to one month."""

    payment = models.ForeignKey(Payment, models.CASCADE, related_name="months")
    person = models.ForeignKey(Person, models.PROTECT, related_name="+")  # copied for queries
    month = models.DateField("tháng")
    amount = models.BigIntegerField("số tiền (đồng)")

    class Meta:
        verbose_name = "tháng đảng phí đã nộp"
        ordering = ["month"]
        indexes = [models.Index(fields=["person", "month"])]
        constraints = [
            models.UniqueConstraint(fields=["payment", "month"], name="one_part_per_month")
        ]

    def __str__(self):
        return f"{fees.month_label(self.month)}: {money(self.amount)} đồng"


class UnpaidReason(DangvuModel):
    """Why a member did not pay for a month (a recorded reason lifts the strike-off warning)."""

    person = models.ForeignKey(Person, models.PROTECT, related_name="fee_unpaid_reasons")
    month = models.DateField("tháng")
    reason = models.CharField("lý do chưa đóng", max_length=255)

    class Meta:
        verbose_name = "lý do chưa nộp đảng phí"
        ordering = ["month"]
        constraints = [
            models.UniqueConstraint(fields=["person", "month"], name="one_reason_per_month")
        ]

    def __str__(self):
        return f"{fees.month_label(self.month)}: {self.reason}"


class LedgerEntry(DangvuModel):
    """A line of a party organization's fee ledger other than the members' payments: the
    balance taken over from paper books, a budget allocation, an expense."""

    class Kind(models.TextChoices):
        OPENING = "opening", "Số dư chuyển sang khi bắt đầu ghi sổ"
        ALLOCATION = "allocation", "Ngân sách cấp"
        EXPENSE = "expense", "Chi hoạt động"

    class Category(models.TextChoices):
        NEWSPAPERS = "newspapers", "Mua báo, tạp chí của Đảng"
        MEETINGS = "meetings", "Hội nghị, sơ kết, tổng kết"
        REWARDS = "rewards", "Khen thưởng"
        VISITS = "visits", "Thăm hỏi, hỗ trợ đảng viên"
        TRAINING = "training", "Bồi dưỡng, học tập"
        COMMITTEE = "committee", "Phụ cấp cấp ủy"
        SUPPLIES = "supplies", "Văn phòng phẩm, in ấn"
        OTHER = "other", "Chi khác"

    org = models.ForeignKey(Organization, models.PROTECT, related_name="fee_entries")
    kind = models.CharField("loại", max_length=12, choices=Kind.choices)
    category = models.CharField("khoản chi", max_length=12, choices=Category.choices, blank=True)
    on = models.DateField("ngày")
    amount = models.BigIntegerField("số tiền (đồng)")
    description = models.CharField("nội dung", max_length=255)
    document = models.CharField("chứng từ", max_length=100, blank=True)
    reverses = models.OneToOneField(
        "self", models.PROTECT, null=True, blank=True, related_name="reversed_by"
    )

    class Meta:
        verbose_name = "bút toán sổ quỹ đảng phí"
        ordering = ["on", "id"]
        indexes = [models.Index(fields=["org", "on"])]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.description}"


class FeeYear(DangvuModel):
    """A closed year of a ledger. Closed years are locked: records dated in them are not changed."""

    org = models.ForeignKey(Organization, models.PROTECT, related_name="fee_years")
    year = models.PositiveSmallIntegerField("năm")
    closed_at = models.DateTimeField(auto_now_add=True)
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True)
    # The figures on closing, kept so a later year carries over exactly what was closed.
    carried_over = models.BigIntegerField()
    allocation = models.BigIntegerField()
    collected = models.BigIntegerField()
    remitted = models.BigIntegerField()
    expenses = models.BigIntegerField()
    balance = models.BigIntegerField()

    class Meta:
        verbose_name = "năm sổ quỹ đã khóa"
        ordering = ["org", "year"]
        constraints = [models.UniqueConstraint(fields=["org", "year"], name="close_a_year_once")]

    def __str__(self):
        return f"{self.org} năm {self.year} (đã khóa sổ)"


class FeeSetting(DangvuModel):
    """An organization's own value for an unconfirmed value of the fee rule, from a month."""

    org = models.ForeignKey(Organization, models.PROTECT, related_name="fee_settings")
    key = models.CharField("giá trị", max_length=40)
    value = models.CharField("đặt là", max_length=40, help_text="ví dụ 30% hoặc 5000")
    valid_from = models.DateField("từ tháng")
    note = models.CharField("căn cứ (văn bản của cấp ủy)", max_length=255, blank=True)

    class Meta:
        verbose_name = "mức đảng phí riêng của tổ chức"
        ordering = ["org", "key", "valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["org", "key", "valid_from"], name="one_setting_a_month")
        ]

    def __str__(self):
        return f"{self.key} = {self.value}"
