import datetime as dt
import re
import uuid

from django import forms

from dangvu.lib.text import money
from dangvu.people.models import Person
from dangvu.records import RecordForm
from dangvu.web import EMPTY_LABEL, MAX_WHOLE, DateInput

from . import fees
from .models import Payment
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


class PaymentEditForm(RecordForm):
    """A payment corrected: its amount is typed as đồng ("30.200"); the rest is the model's."""

    amount = MoneyField(label="Số tiền (đồng)")


class ReverseForm(forms.Form):
    on = forms.DateField(label="Ngày ghi bút toán đảo", widget=DateInput())
    reason = forms.CharField(label="Lý do", max_length=200)


class SalaryBaseForm(RecordForm):
    """A fee base from a month typed as "3/2017", its amount as đồng; coefficients typed with
    a decimal comma ("4,98"); the rest is the model's."""

    month = MonthField(label="Từ tháng")
    amount = MoneyField(
        label="Số tiền (đồng)",
        required=False,
        help_text="phụ cấp khác tính theo đồng; hoặc lương hưu, trợ cấp, mức đóng cố định",
    )
    field_order = ["month"]

    class Meta:
        localized_fields = ["coefficient", "allowance_coefficient"]

    def clean_amount(self):
        return self.cleaned_data["amount"] or 0


class UnpaidReasonForm(RecordForm):
    """The month typed as "3/2017"; the reason is the model's."""

    month = MonthField(label="Tháng")
    field_order = ["month"]


class EntryForm(RecordForm):
    """A ledger entry, new or corrected: its amount typed as đồng; the rest is the model's."""

    amount = MoneyField(label="Số tiền (đồng)")


class CloseYearForm(forms.Form):
    confirm = forms.BooleanField(
        label="Tôi đã đối chiếu sổ; khóa sổ năm này (không sửa được nữa)", required=True
    )


class SettingForm(RecordForm):
    """An organization's own value: chosen among the values the rules leave unconfirmed, from
    a month typed as "3/2017"; the value and its grounds are the model's."""

    key = forms.ChoiceField(label="Giá trị chưa xác nhận")
    month = MonthField(label="Từ tháng")
    field_order = ["key", "value", "month"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Unconfirmed in some rule; the action checks the rule of the month chosen.
        unconfirmed = {key for rule in all_rule_files() for key in rule.get("unconfirmed", ())}
        self.fields["key"].choices = [
            (key, label) for key, (label, _p) in SETTABLE.items() if key in unconfirmed
        ]
