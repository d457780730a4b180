"""All facts of one organization-year with 10.000 activities: time and number of queries.

Target (issue 4): under 300 ms on SQLite, in a bounded number of queries.
Run: .venv/bin/python bench/facts.py [N]
"""

import datetime as dt
import random
import sys
import time

from _setup import (
    bulk_people,
    committee_with_cells,
    django_setup,
    memberships,
    timed,
    trade_union_of,
    verdict,
)

django_setup()

from dangvu.core.facts import Period, compute  # noqa: E402
from dangvu.meetings import facts as meetings  # noqa: E402
from dangvu.meetings.models import Activity, ActivityOrg, Attendance  # noqa: E402
from dangvu.mobilisation import facts as mobilisation  # noqa: E402
from dangvu.mobilisation.models import Campaign, Contribution  # noqa: E402
from dangvu.oversight import facts as oversight  # noqa: E402
from dangvu.oversight.models import Score, Verification  # noqa: E402
from dangvu.people.models import PartyProfile  # noqa: E402
from dangvu.programme import facts as programme  # noqa: E402
from dangvu.programme.models import Indicator  # noqa: E402
from dangvu.review import facts as review  # noqa: E402
from dangvu.review.models import DegradationAssessment, Evaluation, Pledge, StudyPlan  # noqa: E402
from dangvu.training import facts as training  # noqa: E402
from dangvu.training.models import Enrolment  # noqa: E402

YEAR = 2017
PER_ACTIVITY = 12  # people listed in each activity's attendance


def _day(rng):
    return dt.date(YEAR, rng.randint(1, 12), rng.randint(1, 28))


def build(n):
    rng = random.Random(4)
    committee, cells = committee_with_cells()
    people = bulk_people(committee, 2000)
    cell_of = {p.id: cells[i % len(cells)] for i, p in enumerate(people)}
    memberships(((p, cell_of[p.id]) for p in people), "party")
    trade_union_of(committee, people)
    PartyProfile.objects.bulk_create(
        PartyProfile(
            person=p,
            admitted_on=dt.date(YEAR if i % 50 == 0 else 2005, 3, 1),
            recognized_on=dt.date(2006, 3, 1) if i % 50 else None,
        )
        for i, p in enumerate(people)
    )
    kinds = Activity.Kind.values
    members = {c.id: [p.id for p in people if cell_of[p.id] == c] for c in cells}
    # Each activity's cell and attendance first: `present_count` is what the attendance action
    # keeps on the activity.
    plans = []
    for _ in range(n):
        cell = rng.choice(cells)
        rows = [
            (pid, rng.choice(["present"] * 8 + ["excused"]))
            for pid in rng.sample(members[cell.id], PER_ACTIVITY)
        ]
        plans.append((cell, rows))
    activities = Activity.objects.bulk_create(
        Activity(
            kind=rng.choice(kinds),
            title=f"Hoạt động {i}",
            starts_on=_day(rng),
            head_count=rng.choice([0, 0, 0, 50]),
            present_count=sum(1 for _p, s in rows if s == "present"),
        )
        for i, (_cell, rows) in enumerate(plans)
    )
    links, attendance = [], []
    for a, (cell, rows) in zip(activities, plans, strict=True):
        links.append(ActivityOrg(activity=a, org=cell, role="organizer"))
        if rng.random() < 0.1:
            links.append(ActivityOrg(activity=a, org=committee, role="participant"))
        attendance += [Attendance(activity=a, person_id=pid, status=s) for pid, s in rows]
    ActivityOrg.objects.bulk_create(links, batch_size=5000)
    Attendance.objects.bulk_create(attendance, batch_size=5000)
    campaigns = Campaign.objects.bulk_create(
        Campaign(org=rng.choice(cells), key=f"quy-{i % 5}", title=f"Quỹ {i}", starts_on=_day(rng))
        for i in range(50)
    )
    Contribution.objects.bulk_create(
        Contribution(
            campaign=rng.choice(campaigns),
            contributor_person=p,
            given_on=_day(rng),
            amount=rng.randint(50, 500) * 1000,
        )
        for p in people
    )
    Enrolment.objects.bulk_create(
        Enrolment(
            person=p,
            org=committee,
            course=rng.choice(Enrolment.Course.values),
            starts_on=_day(rng),
            status="studying",
        )
        for p in people[:500]
    )
    Verification.objects.bulk_create(
        Verification(org=committee, person=p, purpose="appointment", requested_on=_day(rng))
        for p in people[:100]
    )
    year_rows = dict(org=committee, year=YEAR)
    Evaluation.objects.bulk_create(
        Evaluation(
            **year_rows,
            subject_person=p,
            band="good",
            rule_source="x",
            evaluated_on=dt.date(YEAR, 12, 20),
        )
        for p in people
    )
    DegradationAssessment.objects.bulk_create(
        DegradationAssessment(
            **year_rows,
            subject_person=p,
            assessed_on=dt.date(YEAR, 10, 1),
            signs=["1.3"] if i % 3 == 0 else [],
        )
        for i, p in enumerate(people)
    )
    Pledge.objects.bulk_create(
        Pledge(**year_rows, person=p, signed_on=dt.date(YEAR, 8, 1)) for p in people
    )
    StudyPlan.objects.bulk_create(
        StudyPlan(**year_rows, subject_person=p, registered_on=dt.date(YEAR, 2, 1)) for p in people
    )
    Score.objects.bulk_create(
        Score(org=c, year=YEAR, area="party_organization", body="Đảng ủy", score=90) for c in cells
    )
    Indicator.objects.bulk_create(
        Indicator(
            org=committee,
            key=f"chi-so-{i}",
            label=f"Chỉ số {i}",
            value=i,
            unit="cái",
            period_start=dt.date(YEAR, 1, 1),
            period_end=dt.date(YEAR, 12, 31),
        )
        for i in range(20)
    )
    return committee


def measure(label, func, runs=5):
    result, best, queries = timed(func, repeat=runs)
    print(f"{label}: {best:.0f} ms (best of {runs}), {queries} queries, {len(result)} facts")
    return best


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    t = time.perf_counter()
    committee = build(n)
    print(
        f"built {Activity.objects.count()} activities, {Attendance.objects.count()} "
        f"attendance rows in {time.perf_counter() - t:.1f} s"
    )
    period = Period.year(YEAR)
    record_facts = (
        meetings.meeting_facts,
        mobilisation.campaign_facts,
        training.training_facts,
        oversight.oversight_facts,
        review.review_facts,
        programme.programme_facts,
    )
    work = measure(
        "work facts (sections II–V)",
        lambda: [facts(committee, period) for facts in record_facts],
    )
    every = measure("all facts of the org-year", lambda: compute(committee, period))
    print(f"(work part {work:.0f} ms)")
    verdict("mọi số liệu của một tổ chức-năm", every, 300)


if __name__ == "__main__":
    main()
