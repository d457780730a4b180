from django import forms

from dangvu.people.models import Person
from dangvu.web import EMPTY_LABEL, DateInput

from . import kinds
from .models import Organization, Term


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


class TypeForm(forms.Form):
    code = forms.ChoiceField(label="Loại hình tổ chức cơ sở đảng", choices=())
    valid_from = forms.DateField(label="Từ ngày", widget=DateInput())
    note = forms.CharField(
        label="Căn cứ",
        max_length=255,
        required=False,
        help_text="Ví dụ: quyết định thành lập, sắp xếp lại (số, ngày).",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].choices = [("", EMPTY_LABEL), *kinds.choices()]


class ProfileForm(forms.Form):
    """The profile figures the organization's type names, one field each, as of a date."""

    as_of = forms.DateField(label="Số liệu tính đến ngày", widget=DateInput())
    note = forms.CharField(label="Nguồn số liệu", max_length=255, required=False)

    def __init__(self, *args, items, **kwargs):
        super().__init__(*args, **kwargs)
        for item in items:
            self.fields[f"p_{item.code}"] = forms.IntegerField(
                label=f"{item.label} ({item.unit})", min_value=0, required=False
            )

    def values(self):
        return {
            name[2:]: value for name, value in self.cleaned_data.items() if name.startswith("p_")
        }


class TermForm(forms.Form):
    body = forms.ChoiceField(label="Cơ quan", choices=Term.Body.choices)
    name = forms.CharField(label="Nhiệm kỳ", max_length=32, help_text="Ví dụ: 2025-2030.")
    valid_from = forms.DateField(label="Bắt đầu", widget=DateInput())
    valid_to = forms.DateField(label="Kết thúc", widget=DateInput(), required=False)
    secretary = forms.ModelChoiceField(
        label="Bí thư (hoặc Chủ nhiệm Ủy ban Kiểm tra)",
        queryset=Person.objects.none(),
        required=False,
        empty_label=EMPTY_LABEL,
    )

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["secretary"].queryset = people


class MoveForm(forms.Form):
    superior_name = forms.CharField(
        label="Cấp ủy cấp trên mới",
        max_length=255,
        help_text="Ví dụ: Đảng bộ tỉnh Vĩnh Long. Chưa có thì người quản trị tạo khi lưu.",
    )
    on = forms.DateField(label="Từ ngày", widget=DateInput())
    decision = forms.CharField(label="Căn cứ", max_length=255, required=False)


class DeleteForm(forms.Form):
    confirm_name = forms.CharField(
        label="Gõ lại tên tổ chức để xác nhận",
        max_length=255,
        help_text="Chỉ xóa tổ chức nhập nhầm, chưa có hồ sơ nào; tổ chức đã có hồ sơ thì giải thể.",
    )
