from django import forms

from dangvu.web import EMPTY_LABEL, DateInput

from .models import Organization


class OrgCreateForm(forms.Form):
    kind = forms.ChoiceField(label="Loại tổ chức", choices=Organization.Kind.choices)
    name = forms.CharField(label="Tên", max_length=255)
    valid_from = forms.DateField(label="Ngày thành lập", widget=DateInput())
    symbol = forms.CharField(label="Ký hiệu văn bản", max_length=32, required=False)
    founding_document = forms.CharField(
        label="Quyết định thành lập", max_length=255, required=False
    )


class RenameForm(forms.Form):
    new_name = forms.CharField(label="Tên mới", max_length=255)
    on = forms.DateField(label="Từ ngày", widget=DateInput())


class EndForm(forms.Form):
    on = forms.DateField(label="Từ ngày", widget=DateInput())


class MergeForm(forms.Form):
    successor = forms.ModelChoiceField(
        empty_label=EMPTY_LABEL, label="Sáp nhập vào", queryset=Organization.objects.none()
    )
    on = forms.DateField(label="Từ ngày", widget=DateInput())

    def __init__(self, *args, successors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["successor"].queryset = successors
