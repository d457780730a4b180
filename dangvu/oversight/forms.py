"""Forms of these records. They only shape the input: every rule is checked by the action,
whose Vietnamese message the view shows."""

from django import forms

from dangvu.records import (
    RecordForm,
    ScopedForm,
    date_field,
    org_field,
    person_field,
    text_field,
)
from dangvu.web import DateInput, YearField
from dangvu.work.common import PARTY_KINDS

from .models import Inspection, Score, Verification


class InspectionForm(ScopedForm):
    org = org_field("Tổ chức")
    direction = forms.ChoiceField(label="Chiều", choices=Inspection.Direction.choices)
    kind = forms.ChoiceField(label="Loại", choices=Inspection.Kind.choices)
    inspector = forms.CharField(label="Chủ thể kiểm tra, giám sát", max_length=255)
    subject_org = org_field("Tổ chức được kiểm tra", required=False)
    subject_person = person_field("Đảng viên được kiểm tra", required=False)
    subject = text_field("Nội dung")
    decision = forms.CharField(label="Quyết định, căn cứ", max_length=500, required=False)
    starts_on = date_field("Từ ngày")
    ends_on = date_field("Đến ngày", required=False)
    conclusion = text_field("Kết luận")
    org_fields = {"org": None, "subject_org": None}
    person_fields = ("subject_person",)


class ConclusionForm(forms.Form):
    conclusion = forms.CharField(label="Kết luận", widget=forms.Textarea(attrs={"rows": 5}))
    ends_on = date_field("Ngày kết thúc")


class VerificationForm(ScopedForm):
    org = org_field("Tổ chức")
    person = person_field("Người được thẩm tra")
    purpose = forms.ChoiceField(label="Mục đích", choices=Verification.Purpose.choices)
    requested_on = date_field("Ngày bắt đầu")
    completed_on = date_field("Ngày hoàn thành", required=False)
    result = text_field("Kết quả")
    org_fields = {"org": PARTY_KINDS}
    person_fields = ("person",)


class ScoreForm(RecordForm):
    """Every field of a score, labelled by the model; a new field of Score appears here."""

    year = YearField(label="Năm")
    score = forms.CharField(label="Điểm (0–100, một chữ số thập phân)", max_length=8)
    org_fields = {"org": None}

    class Meta:
        model = Score
        fields = "__all__"
        widgets = {"scored_on": DateInput(), "note": forms.Textarea(attrs={"rows": 2})}
