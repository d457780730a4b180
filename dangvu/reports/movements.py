"""The members who came, left and were honoured in the period, as every commune's year-end report
states them beside its admissions: "tiếp nhận 05 đảng viên chuyển đến, chuyển đi 03; 02 đồng chí
từ trần; trao Huy hiệu Đảng cho 12 đồng chí". A move between the organization's own cells is no
arrival or departure, nor is entering it on the day it was formed."""

from collections import Counter

from dangvu.core.facts import Figure, provider
from dangvu.lib.narrative import render_value
from dangvu.orgs.tree import subtree_ids
from dangvu.people.models import Membership, PartyBadge

PARTY = Membership.Kind.PARTY


def _people(figures, label):
    people = frozenset(figures)
    return Figure(len(people), people=people, label=label)


def _badges(memberships, period):
    """(person, years) of each badge awarded in the period to a member of the subtree that day."""
    awarded = list(
        PartyBadge.objects.filter(
            awarded_on__range=(period.start, period.end),
            person_id__in=memberships.values("person_id"),
        ).values_list("person_id", "years", "awarded_on")
    )
    spans = memberships.filter(person_id__in={p for p, _y, _on in awarded}).values_list(
        "person_id", "valid_from", "valid_to"
    )
    held = {}
    for person, start, end in spans:
        held.setdefault(person, []).append((start, end))
    return [
        (person, years)
        for person, years, on in awarded
        if any(start <= on and (end is None or on < end) for start, end in held.get(person, ()))
    ]


@provider
def party_movements(org, period):
    ids = subtree_ids([org.id])
    memberships = Membership.objects.filter(kind=PARTY, org_id__in=ids)
    # The members the organization was formed with (a ward formed on 1/7/2025 from the
    # committees it replaced) are its first members, not arrivals of its first year.
    arrived = (
        memberships.filter(
            valid_from__range=(period.start, period.end),
            start_reason=Membership.StartReason.TRANSFER_IN,
        )
        .exclude(valid_from=org.valid_from)
        .values_list("person_id", flat=True)
    )
    ended = memberships.filter(valid_to__range=(period.start, period.end))
    left = ended.filter(end_reason=Membership.EndReason.TRANSFER_OUT)
    died = ended.filter(end_reason=Membership.EndReason.DEATH)
    badges = _badges(memberships, period)
    by_years = Counter(years for _person, years in badges)
    summary = "; ".join(
        f"Huy hiệu {years} năm: {render_value(n)}"
        for years, n in sorted(by_years.items(), reverse=True)
    )
    return {
        "party.transfers_in": _people(arrived, "Đảng viên chuyển sinh hoạt đến"),
        "party.transfers_out": _people(
            left.values_list("person_id", flat=True), "Đảng viên chuyển sinh hoạt đi"
        ),
        "party.deaths": _people(died.values_list("person_id", flat=True), "Đảng viên từ trần"),
        "party.badges": _people([p for p, _y in badges], "Đảng viên được trao Huy hiệu Đảng"),
        "party.badges.summary": Figure(
            summary,
            people=frozenset(p for p, _y in badges),
            label="Huy hiệu Đảng đã trao, theo số năm tuổi Đảng",
        ),
    }
