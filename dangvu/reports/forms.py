import datetime as dt

from django import forms

from dangvu.orgs.models import Organization
from dangvu.web import DateInput


class DraftCreateForm(forms.Form):
    org = forms.ModelChoiceField(label="Tổ chức", queryset=Organization.objects.none())
    year = forms.IntegerField(label="Năm báo cáo", min_value=1930)

    def __init__(self, *args, orgs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = orgs
        self.fields["year"].initial = dt.date.today().year


class SectionForm(forms.Form):
    text = forms.CharField(
        label="Nội dung",
        required=False,
        widget=forms.Textarea(attrs={"rows": 24, "cols": 100}),
        help_text="Mỗi dòng là một đoạn. {tên.số.liệu} chèn số liệu tính từ hồ sơ; [^…] tạo chú thích cuối trang.",
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
