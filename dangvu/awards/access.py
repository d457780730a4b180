"""Who reads and changes commendations (dangvu.core.access): a commendation is read with the
organization that records it or the organization commended, or with the commended member's Party
file (their own cell, the member themselves); it is written by whoever writes the recording
organization."""

from django.db.models import Q

from dangvu.core import access
from dangvu.core.access import Rule
from dangvu.core.ids import any_of

from .models import Commendation


def _read(scope, qs):
    if scope.sees_everything:
        return qs
    orgs = any_of(scope.read_org_ids)
    return qs.filter(
        Q(org__in=orgs)
        | Q(recipient_org__in=orgs)
        | Q(person__in=scope.party.people().values("id"))
    )


def _write(scope, commendation):
    return scope.can_write_org(commendation.org)


access.register(
    Commendation,
    Rule(_read, _write, "org", noun="khen thưởng", url_param="commendation_id"),
)
