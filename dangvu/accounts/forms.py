from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import PasswordChangeForm
from django.core.exceptions import ValidationError

from dangvu.orgs.forms import org_type_choices
from dangvu.orgs.models import Organization
from dangvu.records import date_field
from dangvu.web import EMPTY_LABEL, DateInput

from . import actions
from .models import Role
from .validators import password_help_text

ROLE_ORGS = sorted({k for kinds in actions.ROLE_ORG_KINDS.values() for k in kinds})


class OwnPasswordForm(PasswordChangeForm):
    """Django's password change (old password, new twice, the settings' validators), speaking
    Vietnamese where Django's catalogue does not."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["old_password"].label = "Mật khẩu hiện tại"
        self.fields["new_password1"].label = "Mật khẩu mới"
        self.fields["new_password2"].label = "Nhập lại mật khẩu mới"
        self.fields["new_password1"].help_text = password_help_text()

    def validate_password_for_user(self, user, password_field_name=None, **kwargs):
        # Django puts the rules' errors under the field it names (the repeat field); they are
        # about the new password, whose field carries the rules' help text.
        password = self.cleaned_data.get("new_password2")
        if password:
            try:
                password_validation.validate_password(password, user)
            except ValidationError as error:
                self.add_error("new_password1", actions.password_problems(error))


class AccountCreateForm(forms.Form):
    username = forms.CharField(
        label="Tên đăng nhập",
        max_length=150,
        help_text="Chữ không dấu, số và . @ + - _ ; ví dụ nguyenvanan.",
    )
    kind = forms.ChoiceField(label="Vai trò", choices=Role.Kind.choices)
    org = forms.ModelChoiceField(
        empty_label=EMPTY_LABEL,
        label="Trên tổ chức",
        queryset=Organization.objects.none(),
        to_field_name="slug",
        help_text="Vai trò có hiệu lực với tổ chức này và mọi tổ chức trực thuộc. Với đảng viên: "
        "tổ chức có hồ sơ của người đó.",
    )
    cccd = forms.CharField(
        label="Số CCCD của đảng viên",
        max_length=12,
        required=False,
        help_text="Chỉ với vai trò đảng viên: tài khoản chỉ xem được hồ sơ của chính người này.",
    )

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.actor = actor
        orgs = Organization.objects.filter(kind__in=ROLE_ORGS, valid_to__isnull=True)
        ids = actions.managed_org_ids(actor)
        if ids is not None:
            orgs = orgs.filter(id__in=ids)
        self.fields["org"].queryset = orgs.order_by("kind", "name")
        self.fields["org"].label_from_instance = lambda o: f"{o.name} ({o.get_kind_display()})"

    def clean(self):
        data = super().clean()
        data["person"] = None
        if data.get("kind") == Role.Kind.MEMBER and data.get("org"):
            if not data.get("cccd"):
                self.add_error("cccd", "Tài khoản đảng viên cần số CCCD của người đó.")
            else:
                try:
                    data["person"] = actions.person_by_cccd(self.actor, data["org"], data["cccd"])
                except ValidationError as e:
                    self.add_error("cccd", e.messages)
        return data


class CommitteeForm(forms.Form):
    """The first organization of a fresh installation: the grassroots committee."""

    name = forms.CharField(
        label="Tên đảng bộ cơ sở",
        max_length=255,
        help_text="Ví dụ: Đảng bộ Sở Tài chính. Chi bộ cơ sở: tạo bằng lệnh create_org.",
    )
    place = forms.CharField(
        label="Địa danh", max_length=100, help_text="Ghi trên văn bản: “Vĩnh Long, ngày …”."
    )
    valid_from = date_field("Ngày thành lập")
    superior_name = forms.CharField(
        label="Cấp ủy cấp trên",
        max_length=255,
        required=False,
        help_text="Ví dụ: Đảng ủy Khối các cơ quan tỉnh Vĩnh Long (ghi ở đầu văn bản).",
    )
    symbol = forms.CharField(
        label="Ký hiệu văn bản", max_length=32, initial="ĐU", help_text="ĐU trong “15-BC/ĐU”."
    )
    founding_document = forms.CharField(
        label="Quyết định thành lập", max_length=255, required=False
    )
    org_type = forms.ChoiceField(
        label="Loại hình tổ chức cơ sở đảng",
        choices=org_type_choices,
        required=False,
        help_text="Chọn mẫu báo cáo và số liệu đặc điểm (xã: dân số, số hộ; trường: giáo viên, "
        "học sinh; doanh nghiệp: người lao động, doanh thu …). Để trống: cơ quan Nhà nước.",
    )
    term = forms.CharField(
        label="Nhiệm kỳ cấp ủy",
        max_length=32,
        required=False,
        help_text="Ví dụ: 2025-2030. Số văn bản đi của Đảng đánh theo nhiệm kỳ.",
    )
    term_from = forms.DateField(
        label="Nhiệm kỳ bắt đầu từ ngày",
        widget=DateInput(),
        required=False,
        help_text="Để trống: ngày thành lập.",
    )


class CellsForm(forms.Form):
    names = forms.CharField(
        label="Tên các chi bộ, mỗi dòng một chi bộ",
        widget=forms.Textarea(attrs={"rows": 5, "placeholder": "Chi bộ 1\nChi bộ 2\nChi bộ 3"}),
    )
    valid_from = forms.DateField(
        label="Ngày thành lập",
        widget=DateInput(),
        required=False,
        help_text="Để trống là ngày thành lập của đảng bộ.",
    )
