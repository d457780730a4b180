"""Who reads and changes these records (dangvu.core.access): each record goes with the organization that
keeps it, and is read by whoever reads the person it is about through a Party role (a Party
record: `party_file`)."""

from dangvu.core import access
from dangvu.core.access import by_org, by_org_or_person

from .models import (
    DegradationAssessment,
    Evaluation,
    Pledge,
    ReviewSuggestion,
    Shortcoming,
    StudyPlan,
)

access.register(Evaluation, by_org_or_person("subject_person", party_file=True))
access.register(DegradationAssessment, by_org_or_person("subject_person", party_file=True))
access.register(Pledge, by_org_or_person("person", party_file=True))
access.register(StudyPlan, by_org_or_person("subject_person", party_file=True))
access.register(ReviewSuggestion, by_org_or_person("subject_person", party_file=True))
access.register(Shortcoming, by_org(noun="hạn chế", url_param="shortcoming_id"))
