import datetime as dt

from django import forms
from django.core.exceptions import ValidationError

from dangvu.orgs.models import Organization
from dangvu.web import EMPTY_LABEL, DateInput

from .periods import KINDS, normalize_code


class DraftCreateForm(forms.Form):
    KEEP, TEMPLATE = "keep", "template"

    org = forms.ModelChoiceField(
        empty_label=EMPTY_LABEL, label="Tổ chức", queryset=Organization.objects.none()
    )
    kind = forms.ChoiceField(
        label="Loại báo cáo", choices=[(k, v[0]) for k, v in KINDS.items()], initial="annual"
    )
    year = forms.IntegerField(label="Năm báo cáo", min_value=1930, max_value=9999)
    period = forms.CharField(
        label="Kỳ báo cáo",
        required=False,
        max_length=4,
        help_text="Báo cáo quý: Q1…Q4; báo cáo tháng: 01…12; báo cáo năm, 6 tháng: để trống.",
    )
    # When the period already has a draft: keep the office's text (a new version of it) or start
    # again from the template. Asked on a confirmation page, never assumed.
    existing = forms.ChoiceField(
        required=False,
        choices=[("", ""), (KEEP, KEEP), (TEMPLATE, TEMPLATE)],
        widget=forms.HiddenInput,
    )

    def __init__(self, *args, orgs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = orgs
        self.fields["year"].initial = dt.date.today().year

    def clean(self):
        data = super().clean()
        if "kind" in data:
            try:
                data["period"] = normalize_code(data["kind"], data.get("period"))
            except ValidationError as e:
                self.add_error("period", e)
        return data


class SectionForm(forms.Form):
    text = forms.CharField(
        label="Nội dung",
        required=False,
        widget=forms.Textarea(attrs={"rows": 24, "cols": 100}),
        help_text="Mỗi dòng là một đoạn. {tên.số.liệu} chèn số liệu tính từ hồ sơ; [^…] tạo chú "
        "thích cuối trang; [?…] bỏ đi khi mọi số liệu trong đó trống hoặc bằng 0; "
        "[cần bổ sung: …] là chỗ còn phải điền.",
    )


class HeaderForm(forms.Form):
    superior_name = forms.CharField(label="Cấp ủy cấp trên", max_length=255, required=False)
    issuer_name = forms.CharField(label="Cấp ủy ban hành", max_length=255)
    number = forms.CharField(
        label="Số, ký hiệu", max_length=64, required=False, help_text="vd: Số 15-BC/ĐU"
    )
    place = forms.CharField(label="Địa danh", max_length=100)
    issued_on = forms.DateField(label="Ngày ban hành", required=False, widget=DateInput())
    recipients = forms.CharField(
        label="Nơi nhận", required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    signer_capacity = forms.CharField(label="Thẩm quyền ký", max_length=64)
    signer_title = forms.CharField(label="Chức vụ người ký", max_length=64)
    signer_name = forms.CharField(label="Người ký", max_length=120, required=False)


class ConfirmForm(forms.Form):
    pass


class CheckForm(forms.Form):
    file = forms.FileField(label="Tệp báo cáo (.docx, .txt, .md)")


class OrgTemplateForm(forms.Form):
    outline = forms.CharField(
        label="Các mục của mẫu, mỗi dòng một mục",
        widget=forms.Textarea(attrs={"rows": 24}),
        help_text="Sửa tiêu đề để đổi tên; xóa dòng để bỏ mục; thêm dòng (không có [mã]) để "
        "thêm mục; chuyển dòng lên xuống để đổi thứ tự; mỗi dấu “-” ở đầu dòng là một bậc "
        "mục con. Phần [mã] giữ lời văn có sẵn của mục.",
    )
