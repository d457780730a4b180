"""Forms of these records. They only shape the input: every rule is checked by the action,
whose Vietnamese message the view shows."""

from django import forms

from dangvu.meetings.models import Activity
from dangvu.records import (
    ScopedForm,
    date_field,
    org_field,
    text_field,
)
from dangvu.web import EMPTY_LABEL, YearField
from dangvu.work.common import PARTY_KINDS

from .models import ProgrammeItem


class ProgrammeNewForm(ScopedForm):
    org = org_field("Tổ chức")
    year = YearField(label="Năm")
    title = forms.CharField(label="Tên chương trình (để trống: tự đặt)", required=False)
    adopted_on = date_field("Ngày thông qua", required=False)
    org_fields = {"org": PARTY_KINDS}


class ProgrammeItemForm(ScopedForm):
    number = forms.CharField(label="Số mục (vd: 2.1)", max_length=16)
    title = forms.CharField(label="Tiêu đề", max_length=500, required=False)
    text = text_field("Nội dung", rows=6)
    owner_org = org_field("Đơn vị chủ trì", required=False)
    owner_name = forms.CharField(label="Người, bộ phận chủ trì", max_length=255, required=False)
    deadline = date_field("Thời hạn", required=False)
    org_fields = {"owner_org": None}


class ItemStatusForm(forms.Form):
    status = forms.ChoiceField(
        label="Tình trạng",
        choices=[c for c in ProgrammeItem.Status.choices if c[0] != ProgrammeItem.Status.CARRIED],
    )
    done_on = date_field("Ngày hoàn thành", required=False)
    evidence = forms.ModelChoiceField(
        empty_label=EMPTY_LABEL,
        label="Thêm minh chứng (hoạt động)",
        queryset=Activity.objects.none(),
        required=False,
    )

    def __init__(self, *args, activities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["evidence"].queryset = activities


class IndicatorForm(ScopedForm):
    org = org_field("Tổ chức")
    key = forms.CharField(label="Mã số liệu", max_length=64, help_text="vd: egov_users")
    label = forms.CharField(label="Chỉ tiêu", max_length=255)
    value = forms.CharField(label="Giá trị", max_length=20)
    unit = forms.CharField(label="Đơn vị tính", max_length=40, required=False)
    period_start = date_field("Từ ngày")
    period_end = date_field("Đến ngày")
    source = forms.CharField(label="Nguồn", max_length=500, required=False)
    notes = text_field("Ghi chú", rows=2)
    org_fields = {"org": None}
