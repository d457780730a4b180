"""Figures of the work programme (items done, next year's outline) and of the indicators."""

from collections import defaultdict

from dangvu.core.facts import Figure, provider
from dangvu.orgs.tree import subtree_ids_during
from dangvu.work.common import figure, number

from .models import Indicator, ProgrammeItem, WorkProgramme


@provider
def programme_facts(org, period):
    ids = subtree_ids_during([org.id], period.start, period.end)
    years = (period.start.year, period.end.year)
    facts = {}
    facts.update(_programme(org, years))
    facts.update(_indicators(ids, period))
    return facts


# Programme, indicators, party changes ----------------------------------------------------------


def _programme(org, years):
    rows = ProgrammeItem.objects.filter(
        programme__org=org, programme__year__in=[years[1], years[1] + 1]
    ).values_list("id", "programme__year", "status")
    this = [(i, s) for i, y, s in rows if y == years[1]]
    done = {i for i, s in this if s == ProgrammeItem.Status.DONE}
    nxt = {i for i, y, _s in rows if y == years[1] + 1}
    programmes = WorkProgramme.objects.filter(org=org, year=years[1] + 1).values_list(
        "id", flat=True
    )
    return {
        "programme.items": figure(
            len(this),
            f"Mục chương trình công tác năm {years[1]}",
            ProgrammeItem,
            {i for i, _s in this},
        ),
        "programme.items.done": figure(
            len(done), "Mục chương trình đã hoàn thành", ProgrammeItem, done
        ),
        "programme.next_year.items": Figure(
            len(nxt),
            label=f"Mục chương trình công tác năm {years[1] + 1}",
            records={
                ProgrammeItem._meta.label_lower: frozenset(nxt),
                WorkProgramme._meta.label_lower: frozenset(programmes),
            },
        ),
    }


def _indicators(ids, period):
    rows = Indicator.objects.filter(
        org_id__in=ids, period_end__range=(period.start, period.end)
    ).values_list("id", "key", "label", "value", "unit")
    by_key = defaultdict(list)
    for row in rows:
        by_key[row[1]].append(row)
    facts = {}
    for key, found in sorted(by_key.items()):
        units = {u for *_rest, u in found}
        # Percentages and mixed units do not add up: such a key is left out when several
        # organizations report it.
        if len(found) > 1 and (len(units) > 1 or "%" in units):
            continue
        total = sum(v for _i, _k, _l, v, _u in found)
        unit = found[0][4]
        facts[f"indicators.{key}"] = figure(
            number(total),
            f"{found[0][2]}" + (f" ({unit})" if unit else ""),
            Indicator,
            [i for i, *_rest in found],
        )
    return facts
