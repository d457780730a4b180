"""Section I statistics for an organization of 10.000 people: time and number of queries.

Target (issue 2): under 200 ms on SQLite, with a bounded number of queries.
Run: .venv/bin/python bench/stats.py [N]
"""

import datetime as dt
import random
import sys
import time

from _setup import (
    START,
    QueryCounter,
    bulk_people,
    committee_with_cells,
    django_setup,
    memberships,
    trade_union_of,
    verdict,
)

django_setup()

from dangvu.orgs import actions as org_actions  # noqa: E402
from dangvu.people.models import PartyProfile, Qualification, StaffRecord  # noqa: E402
from dangvu.people.stats import section_one  # noqa: E402


def build(n):
    rng = random.Random(1)
    committee, cells = committee_with_cells()
    agency = org_actions.create_org(
        None, kind="agency", name="Cơ quan lớn", parent=committee, valid_from=START
    )
    units = [
        org_actions.create_org(None, kind=k, name=f"Đơn vị {i}", parent=agency, valid_from=START)
        for i, k in enumerate(["department"] * 8 + ["service_unit"] * 4)
    ]
    people = bulk_people(
        committee,
        n,
        fields=lambda i: {
            "gender": rng.choice("mf") == "m" and "male" or "female",
            "ethnicity": rng.choice(["Kinh"] * 9 + ["Khmer"]),
        },
    )
    cats = ["civil_servant", "public_employee", "contract"]
    StaffRecord.objects.bulk_create(
        StaffRecord(
            person=p,
            agency=agency,
            unit=rng.choice(units),
            category=rng.choice(cats),
            valid_from=START,
        )
        for p in people
    )
    members = people[: n * 85 // 100]
    memberships(((p, rng.choice(cells)) for p in members), "party")
    trade_union_of(committee, people)
    PartyProfile.objects.bulk_create(
        PartyProfile(person=p, admitted_on=START, recognized_on=rng.choice([START, None]))
        for p in members
    )
    levels = ["doctor", "master", "bachelor", "bachelor", "college", "intermediate"]
    Qualification.objects.bulk_create(
        [
            Qualification(person=p, kind="education", level=rng.choice(levels), obtained_on=START)
            for p in people
        ]
        + [
            Qualification(
                person=p,
                kind="political_theory",
                level=rng.choice(["advanced", "intermediate"]),
                obtained_on=START,
            )
            for p in people[::3]
        ]
    )
    return committee


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    committee = build(n)
    day = dt.date(2017, 12, 31)
    section_one(committee, day)  # warm caches
    timings = []
    for _ in range(5):
        with QueryCounter() as qc:
            t0 = time.perf_counter()
            figures = section_one(committee, day)
            timings.append(time.perf_counter() - t0)
    print(f"people: {n}, party members: {figures['party.members'].value}")
    print(
        f"section I statistics: best {min(timings) * 1000:.0f} ms, median {sorted(timings)[2] * 1000:.0f} ms, "
        f"{qc.count} queries"
    )
    verdict("thống kê mục I", min(timings) * 1000, 200)


if __name__ == "__main__":
    main()
