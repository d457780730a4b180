"""Figures of commendations for reports: the Party organizations and the members commended in the
period (by the day of the decision), in all and by form; cancelled commendations are not counted.

An organization counts when it is in the reporting organization's subtree in the period; a member
when the commendation is recorded by one of those organizations (their cell's office or the
committee keeps the decision)."""

from dangvu.core.facts import provider
from dangvu.orgs.tree import subtree_ids_during
from dangvu.work.common import figure

from .models import Commendation

F = Commendation.Kind


@provider
def commendation_facts(org, period):
    ids = subtree_ids_during([org.id], period.start, period.end)
    counted = Commendation.objects.filter(
        decided_on__range=(period.start, period.end), cancelled_on__isnull=True
    )
    orgs = list(
        counted.filter(recipient_org_id__in=ids).values_list("id", "recipient_org_id", "kind")
    )
    members = list(
        counted.filter(person__isnull=False, org_id__in=ids).values_list("id", "person_id", "kind")
    )
    facts = {}
    facts.update(_figures("commendations.orgs", "Tổ chức đảng được khen thưởng", orgs, False))
    facts.update(_figures("commendations.members", "Đảng viên được khen thưởng", members, True))
    return facts


def _figures(name, label, rows, people):
    """The number of recipients (an organization or a member commended twice is one), in all
    and by form, with the commendations behind."""
    facts = {}
    groups = [(name, label, rows)] + [
        (f"{name}.{kind}", f"{label} — {kind_label.lower()}", [r for r in rows if r[2] == kind])
        for kind, kind_label in F.choices
    ]
    for key, text, found in groups:
        recipients = {r for _c, r, _f in found}
        facts[key] = figure(
            len(recipients),
            text,
            Commendation,
            {c for c, _r, _f in found},
            recipients if people else (),
        )
    return facts
