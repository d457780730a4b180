"""Forms of campaigns and contributions: they only shape the input, the actions check it. A
record's own form is derived from its model (`dangvu.records.record_form`); this holds only what
the model cannot say."""

from django import forms

from dangvu.records import RecordForm
from dangvu.web import WholeNumberField


class CampaignForm(RecordForm):
    """A campaign's key is typed as text: the action checks its form, with its own message."""

    key = forms.CharField(
        label="Mã số liệu", max_length=64, help_text="vd: quy-vi-nguoi-ngheo (giữ nguyên mỗi năm)"
    )


class ContributionForm(RecordForm):
    """A quantity of 0 or less reaches the action, which says why it is refused (the model's
    bound would only say "at least 0"); a 40-digit figure is still a form error."""

    quantity = WholeNumberField(label="Số lượng hiện vật", required=False)
