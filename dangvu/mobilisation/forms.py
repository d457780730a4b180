"""Forms of campaigns and contributions: they only shape the input, the actions check it."""

from django import forms

from dangvu.records import TEXT, RecordForm, ScopedForm, date_field, org_field, person_field
from dangvu.web import DateInput, WholeNumberField

from .models import Campaign


class CampaignForm(RecordForm):
    key = forms.CharField(
        label="Mã số liệu", max_length=64, help_text="vd: quy-vi-nguoi-ngheo (giữ nguyên mỗi năm)"
    )
    org_fields = {"org": None}

    class Meta:
        model = Campaign
        fields = ["org", "title", "key", "starts_on", "ends_on", "beneficiary", "notes"]
        widgets = {"starts_on": DateInput(), "ends_on": DateInput(), "notes": TEXT}


class ContributionForm(ScopedForm):
    contributor_org = org_field("Đơn vị đóng góp", required=False)
    contributor_person = person_field("Cá nhân đóng góp", required=False)
    contributor_name = forms.CharField(label="Người, đơn vị khác", max_length=255, required=False)
    given_on = date_field("Ngày")
    amount = WholeNumberField(label="Số tiền (đồng)", required=False)
    quantity = WholeNumberField(label="Hoặc số lượng hiện vật", required=False)
    unit = forms.CharField(label="Đơn vị tính hiện vật", max_length=40, required=False)
    note = forms.CharField(label="Ghi chú", max_length=500, required=False)
    org_fields = {"contributor_org": None}
    person_fields = ("contributor_person",)
