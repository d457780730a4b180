"""Figures of oversight: inspections by direction and kind, verifications by purpose, scores."""

from collections import defaultdict

from dangvu.core.facts import provider
from dangvu.orgs.tree import subtree_ids_during
from dangvu.work.common import figure

from .models import Inspection, Score, Verification


@provider
def oversight_facts(org, period):
    ids = subtree_ids_during([org.id], period.start, period.end)
    years = (period.start.year, period.end.year)
    facts = {}
    facts.update(_inspections(ids, period))
    facts.update(_verifications(ids, period))
    facts.update(_scores(ids, years))
    return facts


# Inspection, verification, scores ---------------------------------------------------------------


def _inspections(ids, period):
    rows = Inspection.objects.filter(
        org_id__in=ids, starts_on__range=(period.start, period.end)
    ).values_list("id", "direction", "kind")
    facts = {}
    for direction, d_label in Inspection.Direction.choices:
        for kind, k_label in Inspection.Kind.choices:
            found = {i for i, d, k in rows if d == direction and k == kind}
            facts[f"inspections.{direction}.{kind}"] = figure(
                len(found), f"{k_label} ({d_label.lower()})", Inspection, found
            )
    return facts


def _verifications(ids, period):
    rows = Verification.objects.filter(
        org_id__in=ids, requested_on__range=(period.start, period.end)
    ).values_list("id", "person_id", "purpose")
    facts = {}
    for purpose, label in Verification.Purpose.choices:
        found = [(v, p) for v, p, pur in rows if pur == purpose]
        facts[f"verifications.{purpose}"] = figure(
            len({p for _v, p in found}),
            f"Thẩm tra, xác minh lý lịch — {label.lower()}",
            Verification,
            {v for v, _p in found},
            {p for _v, p in found},
        )
    return facts


def _scores(ids, years):
    rows = Score.objects.filter(org_id__in=ids, year__range=years).values_list(
        "id", "area", "org__slug", "score", "body", "year", "org__name"
    )
    by_area = defaultdict(list)
    for row in rows:
        by_area[row[1]].append(row)
    labels = dict(Score.Area.choices)
    facts = {}
    for area, found in sorted(by_area.items()):
        for s_id, _area, slug, score, body, year, name in found:
            facts[f"scores.{area}.{slug}"] = figure(
                score, f"Điểm {labels[area]} năm {year} của {name} ({body})", Score, [s_id]
            )
        # The short name when a single organization of the subtree has a score in this area.
        if len(found) == 1:
            s_id, _area, _slug, score, body, year, _name = found[0]
            facts[f"scores.{area}"] = figure(
                score, f"Điểm {labels[area]} năm {year} ({body})", Score, [s_id]
            )
    return facts
