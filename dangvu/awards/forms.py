"""Forms of commendations. They only shape the input: every rule is checked by the action, whose
Vietnamese message the view shows."""

from dangvu.orgs.models import PARTY_KINDS, Organization
from dangvu.records import RecordForm


class AwarderForm(RecordForm):
    """The awarding body is any Party committee the user reads (often the one above: when it is
    not on file, its name is typed)."""

    def __init__(self, *args, scope, **kwargs):
        super().__init__(*args, scope=scope, **kwargs)
        committees = Organization.objects.filter(
            kind__in=[Organization.Kind.SUPERIOR_COMMITTEE, Organization.Kind.PARTY_COMMITTEE]
        )
        self.fields["awarder"].queryset = scope.visible(committees).order_by("name")


class CommendationForm(AwarderForm):
    """The recording organization and the organization commended are Party organizations the
    user writes."""

    org_fields = {"org": PARTY_KINDS, "recipient_org": PARTY_KINDS}
