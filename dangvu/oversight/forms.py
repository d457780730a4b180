"""Forms of these records. They only shape the input: every rule is checked by the action,
whose Vietnamese message the view shows."""

from django import forms

from dangvu.orgs.models import PARTY_KINDS
from dangvu.records import (
    RecordForm,
)


class VerificationForm(RecordForm):
    """A verification's organization is a Party organization; the rest is the model's."""

    org_fields = {"org": PARTY_KINDS}


class ScoreForm(RecordForm):
    """A score is typed as text: "91,5" is read by the action (`parse_score`)."""

    score = forms.CharField(label="Điểm (0–100, một chữ số thập phân)", max_length=8)
