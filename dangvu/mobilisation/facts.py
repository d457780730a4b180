"""Figures of campaigns: money and goods given per campaign key, per contributing organization,
and how many campaigns the period had."""

from collections import defaultdict

from dangvu.core.facts import provider
from dangvu.orgs.tree import subtree_ids_during
from dangvu.work.common import figure

from .actions import unit_key
from .models import Campaign, Contribution


@provider
def campaign_facts(org, period):
    return _campaigns(subtree_ids_during([org.id], period.start, period.end), period)


def _campaigns(ids, period):
    rows = Contribution.objects.filter(
        campaign__org_id__in=ids, campaign__starts_on__range=(period.start, period.end)
    ).values_list(
        "id",
        "campaign__key",
        "campaign__title",
        "amount",
        "quantity",
        "unit",
        "contributor_org__slug",
        "contributor_org__name",
        "contributor_person_id",
    )
    totals, records, people, labels = defaultdict(int), defaultdict(set), defaultdict(set), {}
    for c_id, key, title, amount, quantity, unit, org_slug, org_name, person_id in rows:
        measure = "money" if amount is not None else unit_key(unit)
        value = amount if amount is not None else quantity
        total = f"campaigns.{key}.{measure}"
        labels.setdefault(total, f"{title}: tổng ({unit or 'đồng'})")
        names = [total]
        if org_slug:
            names.append(f"{total}.{org_slug}")
            labels.setdefault(names[-1], f"{title}: {org_name} ({unit or 'đồng'})")
        for name in names:
            totals[name] += value
            records[name].add(c_id)
            if person_id:
                people[name].add(person_id)
    facts = {}
    for name in sorted(totals):
        facts[name] = figure(totals[name], labels[name], Contribution, records[name], people[name])
    counts = Campaign.objects.filter(
        org_id__in=ids, starts_on__range=(period.start, period.end)
    ).values_list("id", flat=True)
    facts["campaigns.count"] = figure(len(counts), "Số cuộc vận động", Campaign, counts)
    return facts
