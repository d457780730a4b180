"""Figures of trainings: the people who studied each course in the period."""

from collections import defaultdict

from dangvu.core.facts import provider
from dangvu.orgs.tree import subtree_ids_during
from dangvu.work.common import figure

from .models import Enrolment


@provider
def training_facts(org, period):
    ids = subtree_ids_during([org.id], period.start, period.end)
    facts = {}
    facts.update(_trainings(ids, period))
    return facts


# Trainings -----------------------------------------------------------------------------------


def _trainings(ids, period):
    rows = Enrolment.objects.filter(org_id__in=ids, starts_on__lte=period.end).values_list(
        "id", "person_id", "course", "completed_on"
    )
    people, records = defaultdict(set), defaultdict(set)
    for e_id, person_id, course, completed_on in rows:
        # A course counts in every period it overlaps: started by the end, not finished before
        # the start. An open course counts until it is completed or dropped (`completed_on`).
        if completed_on is not None and completed_on < period.start:
            continue
        people[course].add(person_id)
        records[course].add(e_id)
    return {
        f"trainings.{course}.people": figure(
            len(people[course]),
            f"Đào tạo, bồi dưỡng — {label}: số người học",
            Enrolment,
            records[course],
            people[course],
        )
        for course, label in Enrolment.Course.choices
    }
