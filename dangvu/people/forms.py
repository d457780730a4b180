from django import forms

from dangvu.orgs.forms import SuggestInput
from dangvu.orgs.models import MASS_KINDS, Organization
from dangvu.records import RecordForm, date_field, org_field
from dangvu.web import EMPTY_LABEL, NOTHING_CHOSEN

from .models import MASS_MEMBERSHIP, Membership, PartyBadge, PartyCardIssue, Person, Qualification


class PersonForm(RecordForm):
    """A person's file: the fields `actions.PERSON_FIELDS` names, labelled by the model. A
    person without a scientific title is "Không"; the positions of the organization's type are
    offered for the post, any title still taken."""

    academic_title = forms.ChoiceField(
        label="Chức danh khoa học",
        choices=[("", "Không"), *Person.AcademicTitle.choices],
        required=False,
    )

    def __init__(self, *args, positions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["job_title"].widget = SuggestInput(positions)


def _orgs(scope, kind):
    return scope.orgs(Organization.objects.filter(kind=kind, valid_to__isnull=True))


class CellDateForm(forms.Form):
    cell = org_field("Chi bộ")
    on = date_field("Ngày")

    def __init__(self, *args, scope, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cell"].queryset = _orgs(scope, Organization.Kind.PARTY_CELL)


class AdmitForm(CellDateForm):
    card_number = forms.CharField(label="Số thẻ đảng viên", max_length=20, required=False)


class TransferInForm(CellDateForm):
    admitted_on = date_field("Ngày vào Đảng")
    official_on = date_field("Ngày chính thức", required=False)
    card_number = forms.CharField(label="Số thẻ đảng viên", max_length=20, required=False)
    arrived_from = forms.ChoiceField(
        label="Chuyển đến từ",
        choices=[("", NOTHING_CHOSEN), *Membership.Place.choices],
        required=False,
    )


class DateReasonForm(forms.Form):
    on = date_field("Ngày")
    reason = forms.CharField(label="Lý do, nơi chuyển đến", max_length=255, required=False)


class TransferOutForm(DateReasonForm):
    left_to = forms.ChoiceField(
        label="Chuyển đi tới",
        choices=[("", NOTHING_CHOSEN), *Membership.Place.choices],
        required=False,
    )


class BadgeForm(forms.Form):
    years = forms.TypedChoiceField(
        label="Huy hiệu", coerce=int, choices=[(y, f"{y} năm tuổi Đảng") for y in PartyBadge.YEARS]
    )
    on = date_field("Ngày trao")
    decision = forms.CharField(label="Số quyết định", max_length=60, required=False)


class CardForm(forms.Form):
    number = forms.CharField(label="Số thẻ đảng viên", max_length=20)
    on = date_field("Ngày phát")
    reason = forms.ChoiceField(label="Hình thức", choices=PartyCardIssue.Reason.choices)


class DateForm(forms.Form):
    on = date_field("Ngày")


class JoinForm(forms.Form):
    kind = forms.ChoiceField(
        label="Đoàn thể", choices=[c for c in Membership.Kind.choices if c[0] != "party"]
    )
    org = forms.ModelChoiceField(
        empty_label=EMPTY_LABEL, label="Tổ chức", queryset=Organization.objects.none()
    )
    on = date_field("Từ ngày")

    def __init__(self, *args, scope, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = scope.orgs(Organization.objects.filter(kind__in=MASS_KINDS))


class StaffForm(RecordForm):
    """A period of work (its fields the model's): the agency one of the agencies, the unit one of
    their departments or service units, both still in being."""

    org_fields = {
        "agency": [Organization.Kind.AGENCY],
        "unit": [Organization.Kind.DEPARTMENT, Organization.Kind.SERVICE_UNIT],
    }
    current_orgs = True


class IntroductionForm(RecordForm):
    """An introduction to the Party (its fields the model's): the organization one of the mass
    organizations the user writes, still in being."""

    org_fields = {"org": list(MASS_MEMBERSHIP)}
    current_orgs = True


class QualificationForm(forms.Form):
    level = forms.ChoiceField(
        label="Trình độ",
        choices=[
            (f"{kind}:{code}", f"{kind.label}: {label}")
            for kind, levels in Qualification.LEVELS.items()
            for code, label in levels
        ],
    )
    field = forms.CharField(label="Chuyên ngành", max_length=120, required=False)
    obtained_on = date_field("Ngày cấp bằng", required=False)


class ExemptEndForm(forms.Form):
    on = date_field("Sinh hoạt trở lại từ ngày")


class SuspensionEndForm(forms.Form):
    on = date_field("Chấm dứt đình chỉ từ ngày")


class AttachmentEndForm(forms.Form):
    on = date_field("Kết thúc từ ngày")


def cell_field(cells):
    """The host cell chosen on a committee's page (on a cell's own page it is the cell)."""
    return forms.ModelChoiceField(
        queryset=cells, label="Chi bộ sinh hoạt tạm thời", empty_label=EMPTY_LABEL
    )
