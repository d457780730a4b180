from django import forms
from django.conf import settings

from dangvu.lib.textfile import SUFFIXES, size_label
from dangvu.orgs.models import Organization
from dangvu.web import EMPTY_LABEL, NOTHING_CHOSEN, DateInput

from .models import PARTY_CODES, TYPE_NAMES, Document

TYPE_CHOICES = [("", NOTHING_CHOSEN)] + [(t, t) for t in TYPE_NAMES]
D = Document.Direction


class DocumentForm(forms.Form):
    """An entry typed in by the office. The action validates dates, symbol and duplicates; the
    parser's warnings (a symbol whose type code is not the type's) are shown on the entry."""

    owner_org = forms.ModelChoiceField(
        empty_label=EMPTY_LABEL, label="Sổ văn bản của", queryset=Organization.objects.none()
    )
    direction = forms.ChoiceField(label="Loại sổ", choices=D.choices, initial=D.INCOMING)
    doc_type = forms.ChoiceField(label="Loại văn bản", choices=TYPE_CHOICES, required=False)
    symbol = forms.CharField(
        label="Số và ký hiệu",
        max_length=80,
        required=False,
        help_text="Ví dụ: 24-CT/TU (văn bản của Đảng), 124/UBND-NC, 21/2017/QĐ-UBND.",
    )
    name = forms.CharField(
        label="Tên gọi (văn bản không số)",
        max_length=255,
        required=False,
        help_text="Ví dụ: Luật Cán bộ, công chức năm 2008.",
    )
    date = forms.DateField(label="Ngày ban hành", required=False, widget=DateInput())
    issuer = forms.ModelChoiceField(
        empty_label=NOTHING_CHOSEN,
        label="Cơ quan ban hành (tổ chức trong dangvu)",
        queryset=Organization.objects.none(),
        required=False,
    )
    issuer_name = forms.CharField(
        label="hoặc cơ quan ban hành khác",
        max_length=255,
        required=False,
        help_text="Ví dụ: Ban Thường vụ Tỉnh ủy.",
    )
    subject = forms.CharField(
        label="Trích yếu", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    secrecy = forms.ChoiceField(label="Độ mật", choices=Document.Secrecy.choices)
    file = forms.FileField(
        label="Tệp đính kèm",
        required=False,
        help_text=f"Tối đa {size_label(settings.DANGVU_MAX_UPLOAD_BYTES)}.",
    )
    supersedes = forms.ModelChoiceField(
        empty_label=NOTHING_CHOSEN,
        label="Thay thế văn bản",
        queryset=Document.objects.none(),
        required=False,
    )
    effective_from = forms.DateField(label="Có hiệu lực từ", required=False, widget=DateInput())
    effective_to = forms.DateField(label="Hết hiệu lực từ", required=False, widget=DateInput())
    tags = forms.CharField(
        label="Từ khóa", max_length=255, required=False, help_text="Cách nhau bằng dấu phẩy."
    )
    notes = forms.CharField(
        label="Ghi chú",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Các văn bản được trích dẫn ở đây cũng được liên kết.",
    )

    def __init__(self, *args, access, owner_orgs, documents, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner_org"].queryset = owner_orgs
        # Issuers within reach: the organizations in scope and those above them.
        issuers = Organization.objects.exclude(symbol="").order_by("name")
        reach = access.registry_org_ids()
        self.fields["issuer"].queryset = issuers if reach is None else issuers.filter(id__in=reach)
        self.fields["supersedes"].queryset = documents


class DocumentEditForm(DocumentForm):
    clear_file = forms.BooleanField(label="Bỏ tệp đính kèm hiện có", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["owner_org"]


class NumberForm(forms.Form):
    """Take the next number for an outgoing document and enter it in the registry."""

    org = forms.ModelChoiceField(
        empty_label=EMPTY_LABEL, label="Cơ quan ban hành", queryset=Organization.objects.none()
    )
    doc_type = forms.ChoiceField(
        label="Loại văn bản", choices=[(t, f"{t} ({c})") for t, c in PARTY_CODES.items()]
    )
    date = forms.DateField(label="Ngày ban hành", widget=DateInput())
    subject = forms.CharField(label="Trích yếu", widget=forms.Textarea(attrs={"rows": 3}))
    secrecy = forms.ChoiceField(label="Độ mật", choices=Document.Secrecy.choices)
    file = forms.FileField(
        label="Tệp đính kèm",
        required=False,
        help_text=f"Tối đa {size_label(settings.DANGVU_MAX_UPLOAD_BYTES)}.",
    )
    tags = forms.CharField(label="Từ khóa", max_length=255, required=False)

    def __init__(self, *args, orgs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = orgs


class ImportForm(forms.Form):
    """A report or plan whose citations fill the registry (preview first)."""

    org = forms.ModelChoiceField(
        empty_label=EMPTY_LABEL, label="Sổ văn bản của", queryset=Organization.objects.none()
    )
    file = forms.FileField(
        label="Tệp văn bản",
        help_text=(
            f"{', '.join(SUFFIXES)}; tối đa {size_label(settings.DANGVU_MAX_UPLOAD_BYTES)}."
        ),
    )

    def __init__(self, *args, orgs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = orgs
