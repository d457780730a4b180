"""Forms of these records. They only shape the input: every rule is checked by the action,
whose Vietnamese message the view shows. A record's own form is derived from its model
(`dangvu.records.record_form`); these hold only what the model cannot say."""

from django import forms

from dangvu.meetings.models import Activity
from dangvu.orgs.models import PARTY_KINDS
from dangvu.records import RecordForm, date_field
from dangvu.web import NOTHING_CHOSEN

from .models import ProgrammeItem


class ProgrammeNewForm(RecordForm):
    """A programme belongs to a Party organization; its title may be left for the action to
    name after the year (the stored title is never empty, so the model requires it)."""

    title = forms.CharField(label="Tên chương trình (để trống: tự đặt)", required=False)
    org_fields = {"org": PARTY_KINDS}


class ItemStatusForm(forms.Form):
    status = forms.ChoiceField(
        label="Tình trạng",
        choices=[c for c in ProgrammeItem.Status.choices if c[0] != ProgrammeItem.Status.CARRIED],
    )
    done_on = date_field("Ngày hoàn thành", required=False)
    evidence = forms.ModelChoiceField(
        empty_label=NOTHING_CHOSEN,
        label="Thêm minh chứng (hoạt động)",
        queryset=Activity.objects.none(),
        required=False,
    )

    def __init__(self, *args, activities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["evidence"].queryset = activities


class IndicatorForm(RecordForm):
    """An indicator's key and value are typed as text: the action checks the key's form and
    reads "12,5" as a number, each with its own message."""

    key = forms.CharField(label="Mã số liệu", max_length=64, help_text="vd: egov_users")
    value = forms.CharField(label="Giá trị", max_length=20)
