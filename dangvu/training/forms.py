"""Forms of these records. They only shape the input: every rule is checked by the action,
whose Vietnamese message the view shows."""

from django import forms

from dangvu.orgs.models import PARTY_KINDS
from dangvu.records import (
    ScopedForm,
    date_field,
    org_field,
    person_field,
)

from .models import Enrolment


class EnrolmentForm(ScopedForm):
    person = person_field("Người đi học")
    org = org_field("Tổ chức cử đi học", required=True)
    course = forms.ChoiceField(label="Loại lớp", choices=Enrolment.Course.choices)
    title = forms.CharField(label="Tên lớp", max_length=255, required=False)
    field = forms.CharField(label="Chuyên ngành", max_length=120, required=False)
    provider = forms.CharField(label="Cơ sở đào tạo", max_length=255, required=False)
    starts_on = date_field("Ngày bắt đầu")
    ends_on = date_field("Ngày kết thúc (dự kiến)", required=False)
    org_fields = {"org": PARTY_KINDS}
    person_fields = ("person",)
