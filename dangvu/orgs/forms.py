from django import forms
from django.utils.html import format_html, format_html_join

from dangvu.people.models import Person
from dangvu.records import RecordForm, date_field, org_field
from dangvu.web import EMPTY_LABEL, NOTHING_CHOSEN

from . import kinds
from .models import Organization, Position, Term


class SuggestInput(forms.TextInput):
    """A text box offering `suggestions` (an HTML datalist) while accepting any text: the titles
    and names of the organization's type are offered, not imposed."""

    def __init__(self, suggestions=(), attrs=None):
        super().__init__(attrs)
        self.suggestions = list(suggestions)

    def render(self, name, value, attrs=None, renderer=None):
        if not self.suggestions:
            return super().render(name, value, attrs, renderer)
        list_id = f"goi-y-{name}"
        box = super().render(name, value, {**(attrs or {}), "list": list_id}, renderer)
        options = format_html_join("", '<option value="{}">', ((s,) for s in self.suggestions))
        return format_html('{}<datalist id="{}">{}</datalist>', box, list_id, options)


class OrgCreateForm(forms.Form):
    kind = forms.ChoiceField(label="Loại tổ chức", choices=Organization.Kind.choices)
    name = forms.CharField(label="Tên", max_length=255)
    valid_from = date_field("Ngày thành lập")
    symbol = forms.CharField(label="Ký hiệu văn bản", max_length=32, required=False)
    founding_document = forms.CharField(
        label="Quyết định thành lập", max_length=255, required=False
    )
    mass_kind = forms.ChoiceField(
        label="Loại đoàn thể",
        choices=(),
        required=False,
        help_text="Chỉ với loại “Mặt trận, đoàn thể khác”.",
    )

    def __init__(self, *args, mass_organizations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mass_kind"].choices = [
            ("", NOTHING_CHOSEN),
            *((k.code, k.label) for k in kinds.recorded_mass_kinds()),
        ]
        if mass_organizations:
            # The mass organizations beside this type of organization, offered as names.
            self.fields["name"].widget = SuggestInput(mass_organizations)
            self.fields["name"].help_text = "Đoàn thể của loại hình này: " + ", ".join(
                mass_organizations
            )


class RenameForm(forms.Form):
    new_name = forms.CharField(label="Tên mới", max_length=255)
    on = date_field("Từ ngày")


class EndForm(forms.Form):
    on = date_field("Từ ngày")


class MergeForm(forms.Form):
    successor = org_field("Sáp nhập vào")
    on = date_field("Từ ngày")

    def __init__(self, *args, successors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["successor"].queryset = successors


def org_type_choices():
    """The types of organization after an empty choice; a callable, so that Django reads the type
    files when a form is drawn rather than when this module is imported."""
    return [("", EMPTY_LABEL), *kinds.choices()]


class TypeForm(forms.Form):
    code = forms.ChoiceField(label="Loại hình tổ chức cơ sở đảng", choices=org_type_choices)
    valid_from = date_field("Từ ngày")
    note = forms.CharField(
        label="Căn cứ",
        max_length=255,
        required=False,
        help_text="Ví dụ: quyết định thành lập, sắp xếp lại (số, ngày).",
    )


class ProfileForm(forms.Form):
    """The profile figures the organization's type names, one field each, as of a date."""

    as_of = date_field("Số liệu tính đến ngày")
    note = forms.CharField(label="Nguồn số liệu", max_length=255, required=False)

    def __init__(self, *args, items, **kwargs):
        super().__init__(*args, **kwargs)
        for item in items:
            self.fields[f"p_{item.code}"] = forms.IntegerField(
                label=f"{item.label} ({item.unit})",
                min_value=None if item.signed else 0,  # a loss is a profit below zero
                help_text="Lỗ thì ghi số âm." if item.signed else "",
                required=False,
            )

    def values(self):
        return {
            name[2:]: value for name, value in self.cleaned_data.items() if name.startswith("p_")
        }


class TermForm(RecordForm):
    """A committee term (its fields the model's) and its secretary, one of `people` (the party
    members of the organization and of its cells), which the model does not hold."""

    secretary = forms.ModelChoiceField(
        label="Bí thư (hoặc Chủ nhiệm Ủy ban Kiểm tra)",
        queryset=Person.objects.none(),
        required=False,
        empty_label=NOTHING_CHOSEN,
    )

    def __init__(self, *args, people, head="", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["secretary"].queryset = people
        if head:  # a union's head is its Chủ tịch
            self.fields["secretary"].label = f"{head} (hoặc Chủ nhiệm Ủy ban Kiểm tra)"


class MoveForm(forms.Form):
    superior_name = forms.CharField(
        label="Cấp ủy cấp trên mới",
        max_length=255,
        help_text="Ví dụ: Đảng bộ tỉnh Vĩnh Long. Chưa có thì người quản trị tạo khi lưu.",
    )
    on = date_field("Từ ngày")
    decision = forms.CharField(label="Căn cứ", max_length=255, required=False)


class SameSystemSuperiorForm(forms.Form):
    superior_name = forms.CharField(
        label="Cấp trên cùng hệ thống",
        max_length=255,
        help_text="Ví dụ: Công đoàn Viên chức tỉnh Sóc Trăng, Đoàn Khối các cơ quan tỉnh. "
        "Chưa có trong dangvu thì được ghi mới, ngoài cây tổ chức của Đảng.",
    )
    valid_from = date_field("Từ ngày")
    decision = forms.CharField(label="Căn cứ", max_length=255, required=False)


class DeleteForm(forms.Form):
    confirm_name = forms.CharField(
        label="Gõ lại tên tổ chức để xác nhận",
        max_length=255,
        help_text="Chỉ xóa tổ chức nhập nhầm, chưa có hồ sơ nào; tổ chức đã có hồ sơ thì giải thể.",
    )


class SeatForm(forms.Form):
    """A seat in an elected body: the role, and any title the office writes for it, with the
    positions of the organization's type offered."""

    term = forms.ModelChoiceField(
        label="Nhiệm kỳ", queryset=Term.objects.none(), empty_label=EMPTY_LABEL
    )
    person = forms.ModelChoiceField(
        label="Đảng viên", queryset=Person.objects.none(), empty_label=EMPTY_LABEL
    )
    role = forms.ChoiceField(label="Chức vụ", choices=Position.Role.choices)
    title = forms.CharField(
        label="Chức danh",
        max_length=120,
        required=False,
        help_text="Chức danh như văn bản ghi, gõ tự do; gợi ý theo loại hình tổ chức.",
    )
    valid_from = date_field("Từ ngày")
    valid_to = date_field("Đến ngày", required=False)

    def __init__(self, *args, terms, people, roles=(), positions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["term"].queryset = terms
        self.fields["person"].queryset = people
        if roles:  # the roles of the organization's bodies: a union's Chủ tịch, a cell's Bí thư
            self.fields["role"].choices = [(r, Position.Role(r).label) for r in roles]
        self.fields["title"].widget = SuggestInput(positions)
