from django import forms
from django.conf import settings

from dangvu.lib.textfile import SUFFIXES, size_label
from dangvu.orgs.models import Organization
from dangvu.records import RecordForm, model_formfield
from dangvu.web import EMPTY_LABEL, NOTHING_CHOSEN, DateInput

from .actions import ENTRY_FIELDS
from .models import PARTY_CODES, TYPE_NAMES, Document

TYPE_CHOICES = [("", NOTHING_CHOSEN)] + [(t, t) for t in TYPE_NAMES]


class DocumentForm(RecordForm):
    """An entry typed in by the office: the registry's fields, labelled and limited by the model.
    The action validates dates, symbol and duplicates; the parser's warnings (a symbol whose
    type code is not the type's) are shown on the entry."""

    doc_type = forms.ChoiceField(label="Loại văn bản", choices=TYPE_CHOICES, required=False)
    file = forms.FileField(
        label="Tệp đính kèm",
        required=False,
        help_text=f"Tối đa {size_label(settings.DANGVU_MAX_UPLOAD_BYTES)}.",
    )

    class Meta:
        model = Document
        # The upload, `file`, is not the stored file: it is declared above, not read from an
        # entry being changed.
        fields = ["owner_org", *ENTRY_FIELDS]
        labels = {"issuer_name": "hoặc cơ quan ban hành khác"}  # beside the issuer in dangvu
        formfield_callback = model_formfield

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
