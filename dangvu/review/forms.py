"""Forms of these records. They only shape the input: every rule is checked by the action,
whose Vietnamese message the view shows. A record's own form is derived from its model
(`dangvu.records.record_form`); these hold only what the model cannot say."""

from django import forms

from dangvu.orgs.models import PARTY_KINDS
from dangvu.records import RecordForm
from dangvu.web import NOTHING_CHOSEN, WholeNumberField

from .models import Evaluation


class PartyRecordForm(RecordForm):
    """A record kept by a Party organization (`org`); a collective it is about may be any
    organization the user writes."""

    org_fields = {"org": PARTY_KINDS}


class EvaluationForm(PartyRecordForm):
    """An evaluation is typed as a score ("91,5", read by the action) or a band: the band the
    model always stores is given by the score when there is one."""

    score = forms.CharField(label="Điểm (nếu chấm điểm)", max_length=8, required=False)
    band = forms.ChoiceField(
        label="Hoặc mức xếp loại",
        choices=[("", NOTHING_CHOSEN), *Evaluation.Band.choices],
        required=False,
    )
    org_fields = {"org": PARTY_KINDS, "subject_org": PARTY_KINDS}


class DegradationForm(PartyRecordForm):
    """The signs offered are those of the rule in force, which the view reads."""

    signs = forms.MultipleChoiceField(
        label="Biểu hiện", required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, signs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["signs"].choices = signs


class ShortcomingForm(PartyRecordForm):
    """A shortcoming's number may be left for the action to give (the next of its year)."""

    number = WholeNumberField(label="Số thứ tự (để trống: tự đánh số)", required=False)
