"""Forms of these records. They only shape the input: every rule is checked by the action,
whose Vietnamese message the view shows."""

from django import forms

from dangvu.records import (
    ScopedForm,
    date_field,
    org_field,
    person_field,
    text_field,
)
from dangvu.web import WholeNumberField, YearField
from dangvu.work.common import PARTY_KINDS

from .models import Evaluation


class EvaluationForm(ScopedForm):
    org = org_field("Tổ chức cơ sở đảng (nơi tính tỷ lệ)")
    year = YearField(label="Năm")
    subject_person = person_field("Đảng viên", required=False)
    subject_org = org_field("Hoặc tổ chức", required=False)
    score = forms.CharField(label="Điểm (nếu chấm điểm)", max_length=8, required=False)
    band = forms.ChoiceField(
        label="Hoặc mức xếp loại", choices=[("", "—"), *Evaluation.Band.choices], required=False
    )
    evaluated_on = date_field("Ngày đánh giá")
    note = text_field("Ghi chú", rows=2)
    org_fields = {"org": PARTY_KINDS, "subject_org": PARTY_KINDS}
    person_fields = ("subject_person",)


class PersonOrCollectiveForm(ScopedForm):
    """A record of the year by a person or a collective (any organization): the fields that
    name its subject; the action refuses both or neither."""

    org = org_field("Tổ chức đảng")
    year = YearField(label="Năm")
    subject_person = person_field("Cá nhân", required=False)
    subject_org = org_field("Hoặc tập thể", required=False)
    org_fields = {"org": PARTY_KINDS, "subject_org": None}
    person_fields = ("subject_person",)


class DegradationForm(PersonOrCollectiveForm):
    assessed_on = date_field("Ngày tự đánh giá")
    signs = forms.MultipleChoiceField(
        label="Biểu hiện", required=False, widget=forms.CheckboxSelectMultiple
    )
    note = text_field("Ghi chú", rows=2)

    def __init__(self, *args, signs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["signs"].choices = signs


class PledgeForm(ScopedForm):
    org = org_field("Tổ chức đảng")
    person = person_field("Người ký")
    year = YearField(label="Năm")
    signed_on = date_field("Ngày ký")
    note = text_field("Nội dung", rows=2)
    org_fields = {"org": PARTY_KINDS}
    person_fields = ("person",)


class StudyPlanForm(PersonOrCollectiveForm):
    registered_on = date_field("Ngày đăng ký")
    note = text_field("Nội dung", rows=2)


class ShortcomingForm(ScopedForm):
    org = org_field("Tập thể")
    review_year = YearField(label="Năm kiểm điểm")
    number = WholeNumberField(label="Số thứ tự (để trống: tự đánh số)", required=False)
    text = forms.CharField(label="Nội dung", widget=forms.Textarea(attrs={"rows": 3}))
    plan = text_field("Biện pháp khắc phục", rows=3)
    due_on = date_field("Thời hạn khắc phục", required=False)
    org_fields = {"org": PARTY_KINDS}
