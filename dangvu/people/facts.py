from django.db.models import Q

from dangvu.orgs.tree import subtree_ids
from dangvu.reports.facts import Figure, provider

from .models import Membership
from .stats import section_one

PARTY = Membership.Kind.PARTY


@provider
def staff_and_members(org, period):
    """Section I is a picture on the last day of the period."""
    return section_one(org, period.end)


@provider
def party_changes(org, period):
    return _party_changes(subtree_ids([org.id]), period)


def _party_changes(ids, period):
    """Admissions and recognitions in the period, of members of the subtree's cells."""
    in_period = (period.start, period.end)
    rows = Membership.objects.filter(
        Q(person__party__admitted_on__range=in_period)
        | Q(person__party__recognized_on__range=in_period),
        kind=PARTY,
        org_id__in=ids,
    ).values_list(
        "person_id",
        "valid_from",
        "valid_to",
        "person__party__admitted_on",
        "person__party__recognized_on",
    )
    admitted, recognized = set(), set()
    for pid, start, end, admitted_on, recognized_on in rows:
        for day, found in ((admitted_on, admitted), (recognized_on, recognized)):
            if (
                day
                and period.start <= day <= period.end
                and start <= day
                and (end is None or day < end)
            ):
                found.add(pid)
    return {
        "party.admissions": Figure(
            len(admitted), people=frozenset(admitted), label="Kết nạp đảng viên mới"
        ),
        "party.recognitions": Figure(
            len(recognized), people=frozenset(recognized), label="Chuyển đảng chính thức"
        ),
    }
