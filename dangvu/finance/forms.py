import datetime as dt
import re
import uuid

from django import forms

from dangvu.lib.text import money
from dangvu.people.models import Person
from dangvu.web import EMPTY_LABEL, MAX_WHOLE, DateInput

from . import fees
from .models import LedgerEntry, Payment, SalaryBase
from .rulebook import SETTABLE, all_rule_files

_MONEY = re.compile(r"^-?\d{1,3}([. ]\d{3})*$|^-?\d+$")


class MoneyField(forms.Field):
    """Đồng typed as "30.200", "30 200" or "30200"; a whole number (the actions refuse the rest)."""

    widget = forms.TextInput

    def prepare_value(self, value):
        # A stored amount opens written as typed: 30200 -> "30.200".
        return money(value) if isinstance(value, int) and not isinstance(value, bool) else value

    def to_python(self, value):
        value = str(value if value is not None else "").strip()
        if value in self.empty_values:
            return None
        if not _MONEY.match(value):
            raise forms.ValidationError(
                f"“{value}” không phải là số tiền (đồng, số nguyên, ví dụ 30.200)."
            )
        digits = value.replace(".", "").replace(" ", "")
        # Checked on the text: Python refuses to read a number of a few thousand digits.
        if len(digits.lstrip("-")) > len(str(MAX_WHOLE)) or abs(int(digits)) > MAX_WHOLE:
            raise forms.ValidationError(f"Số tiền “{value}” quá lớn.")
        return int(digits)


class MonthField(forms.Field):
    """A month typed as "3/2017" or "2017-03"; cleaned to its first day."""

    widget = forms.TextInput

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", "tháng/năm, ví dụ 3/2017")
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, dt.date):
            return fees.month_label(value)
        return value

    def to_python(self, value):
        value = str(value if value is not None else "").strip()
        if value in self.empty_values:
            return None
        try:
            return fees.parse_month(value)
        except ValueError:
            raise forms.ValidationError(f"“{value}” không phải là tháng (ví dụ 3/2017).") from None


class MemberChoiceField(forms.ModelChoiceField):
    default_error_messages = {
        "invalid_choice": "Không tìm thấy đảng viên này trong danh sách của chi bộ.",
    }

    def label_from_instance(self, obj):
        return obj.full_name


class PaymentForm(forms.Form):
    person = MemberChoiceField(
        empty_label=EMPTY_LABEL, label="Đảng viên", queryset=Person.objects.none()
    )
    paid_on = forms.DateField(label="Ngày nộp", widget=DateInput())
    first_month = MonthField(label="Nộp cho tháng")
    months = forms.IntegerField(
        label="Số tháng",
        min_value=1,
        max_value=12,
        initial=1,
        help_text="nhiều tháng: nộp trước hoặc nộp bù",
    )
    amount = MoneyField(label="Số tiền (đồng)")
    method = forms.ChoiceField(label="Hình thức", choices=Payment.Method.choices)
    receipt_no = forms.CharField(label="Số biên lai, mã giao dịch", max_length=40, required=False)
    note = forms.CharField(label="Ghi chú", max_length=255, required=False)
    # Made when the form is shown: sending the same form twice records one payment.
    token = forms.CharField(widget=forms.HiddenInput, max_length=64, required=False)

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = members
        if not self.is_bound:
            self.initial.setdefault("token", uuid.uuid4().hex)


class PaymentEditForm(forms.Form):
    paid_on = forms.DateField(label="Ngày nộp", widget=DateInput())
    amount = MoneyField(label="Số tiền (đồng)")
    method = forms.ChoiceField(label="Hình thức", choices=Payment.Method.choices)
    receipt_no = forms.CharField(label="Số biên lai, mã giao dịch", max_length=40, required=False)
    note = forms.CharField(label="Ghi chú", max_length=255, required=False)


class ReverseForm(forms.Form):
    on = forms.DateField(label="Ngày ghi bút toán đảo", widget=DateInput())
    reason = forms.CharField(label="Lý do", max_length=200)


class SalaryBaseForm(forms.Form):
    month = MonthField(label="Từ tháng")
    kind = forms.ChoiceField(label="Căn cứ", choices=SalaryBase.Kind.choices)
    coefficient = forms.DecimalField(
        label="Hệ số lương",
        required=False,
        max_digits=5,
        decimal_places=2,
        help_text="nhân với lương cơ sở của từng tháng",
        localize=True,
    )
    allowance_coefficient = forms.DecimalField(
        label="Hệ số phụ cấp chức vụ",
        required=False,
        max_digits=5,
        decimal_places=2,
        localize=True,
    )
    amount = MoneyField(
        label="Số tiền (đồng)",
        required=False,
        help_text="phụ cấp khác tính theo đồng; hoặc lương hưu, trợ cấp, mức đóng cố định",
    )
    note = forms.CharField(label="Ghi chú, lý do miễn", max_length=255, required=False)

    def clean_amount(self):
        return self.cleaned_data["amount"] or 0


class UnpaidReasonForm(forms.Form):
    month = MonthField(label="Tháng")
    reason = forms.CharField(label="Lý do chưa đóng", max_length=255)


class EntryEditForm(forms.Form):
    on = forms.DateField(label="Ngày", widget=DateInput())
    amount = MoneyField(label="Số tiền (đồng)")
    category = forms.ChoiceField(
        label="Khoản chi", choices=[("", "—")] + LedgerEntry.Category.choices, required=False
    )
    description = forms.CharField(label="Nội dung", max_length=255)
    document = forms.CharField(label="Chứng từ", max_length=100, required=False)


class EntryForm(EntryEditForm):
    """A new entry: its kind first, then what an edit may change."""

    kind = forms.ChoiceField(label="Loại", choices=LedgerEntry.Kind.choices)
    field_order = ["kind"]


class CloseYearForm(forms.Form):
    confirm = forms.BooleanField(
        label="Tôi đã đối chiếu sổ; khóa sổ năm này (không sửa được nữa)", required=True
    )


class SettingForm(forms.Form):
    key = forms.ChoiceField(label="Giá trị chưa xác nhận")
    value = forms.CharField(label="Đặt là", max_length=40, help_text="ví dụ 30% hoặc 5000")
    month = MonthField(label="Từ tháng")
    note = forms.CharField(label="Căn cứ (văn bản của cấp ủy)", max_length=255, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Unconfirmed in some rule; the action checks the rule of the month chosen.
        unconfirmed = {key for rule in all_rule_files() for key in rule.get("unconfirmed", ())}
        self.fields["key"].choices = [
            (key, label) for key, (label, _p) in SETTABLE.items() if key in unconfirmed
        ]
