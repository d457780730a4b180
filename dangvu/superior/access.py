"""Who reads and changes deadlines and submissions (dangvu.core.access): a deadline is the
superior committee's; a submission is read by the unit that sent it and by its superior, and
sent by whoever writes the unit's reports. Kept figures are read with their organization (the
pages then show each viewer the units in the viewer's scope); only jobs and commands write them."""

from django.db.models import Q

from dangvu.core import access
from dangvu.core.access import Rule, by_org

from .models import Deadline, KeptFigures, Submission


def _submissions(scope, qs):
    if scope.sees_everything:
        return qs
    return qs.filter(Q(unit_id__in=scope.read_org_ids) | Q(superior_id__in=scope.read_org_ids))


access.register(Deadline, by_org("superior"))
access.register(
    Submission,
    Rule(_submissions, lambda scope, s: scope.can_write_report(s.unit), "unit"),
)
access.register(KeptFigures, by_org("org"))
