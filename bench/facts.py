"""All facts of one organization-year with 10.000 activities: time and number of queries.

Target (issue 4): under 300 ms on SQLite, in a bounded number of queries.
Run: .venv/bin/python bench/facts.py [N]

`--orgs` measures instead one `compute` of small invented organizations (cells of 3 and 30
members, a committee with cells) and of every organization of the demo: queries and ms per
`compute`, the functions the queries come from, and a digest of every fact (value, people,
organizations, label, records), to compare two versions of the code fact by fact.
Run: .venv/bin/python bench/facts.py --orgs
"""

import datetime as dt
import hashlib
import random
import sys
import time
from io import StringIO

from _setup import (
    START,
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
    _rated_and_pledged(committee, people)
    DegradationAssessment.objects.bulk_create(
        DegradationAssessment(
            **year_rows,
            subject_person=p,
            assessed_on=dt.date(YEAR, 10, 1),
            signs=["1.3"] if i % 3 == 0 else [],
        )
        for i, p in enumerate(people)
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


def _rated_and_pledged(org, people):
    """The year of `org` in which each of `people` was rated good and signed their pledge."""
    Evaluation.objects.bulk_create(
        Evaluation(
            org=org,
            year=YEAR,
            subject_person=p,
            band="good",
            rule_source="x",
            evaluated_on=dt.date(YEAR, 12, 20),
        )
        for p in people
    )
    Pledge.objects.bulk_create(
        Pledge(org=org, year=YEAR, person=p, signed_on=dt.date(YEAR, 8, 1)) for p in people
    )


def measure(label, func, runs=5):
    result, best, queries = timed(func, repeat=runs)
    print(f"{label}: {best:.0f} ms (best of {runs}), {queries} queries, {len(result)} facts")
    return best


def main():
    if sys.argv[1:] == ["--orgs"]:
        return per_org()
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


# One compute of small organizations and of the demo's -------------------------------------------


def _canon(value):
    """A text of `value` the same whatever the order of its sets and dicts."""
    if isinstance(value, (set, frozenset)):
        return "{" + ",".join(sorted(_canon(v) for v in value)) + "}"
    if isinstance(value, dict):
        return "{" + ",".join(sorted(f"{_canon(k)}:{_canon(v)}" for k, v in value.items())) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ",".join(_canon(v) for v in value) + "]"
    return repr(value)


def digest(facts):
    """A digest of every fact: name, value, people, organizations, label and records."""
    text = _canon(
        {name: (f.value, f.people, f.orgs, f.label, f.records) for name, f in facts.items()}
    )
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def small_world():
    """A committee with a cell of 3 members and one of 30, each with as many activities as
    members (each attended by every member), evaluations and pledges: invented records."""
    from dangvu.orgs import actions as org_actions

    committee = org_actions.create_org(
        None, kind="party_committee", name="Đảng bộ nhỏ", valid_from=START
    )
    cells = []
    for size in (3, 30):
        cell = org_actions.create_org(
            None, kind="party_cell", name=f"Chi bộ {size}", parent=committee, valid_from=START
        )
        cells.append(cell)
        people = bulk_people(committee, size, name=f"Đảng viên {size}")
        memberships(((p, cell) for p in people), "party")
        PartyProfile.objects.bulk_create(
            PartyProfile(person=p, admitted_on=dt.date(2005, 3, 1)) for p in people
        )
        activities = Activity.objects.bulk_create(
            Activity(
                kind="regular_meeting",
                title=f"Sinh hoạt {i}",
                starts_on=dt.date(YEAR, i % 12 + 1, 10),
                present_count=size,
            )
            for i in range(size)
        )
        ActivityOrg.objects.bulk_create(
            ActivityOrg(activity=a, org=cell, role="organizer") for a in activities
        )
        Attendance.objects.bulk_create(
            Attendance(activity=a, person=p, status="present") for a in activities for p in people
        )
        _rated_and_pledged(cell, people)
    return [
        ("chi bộ 3 đảng viên", cells[0]),
        ("chi bộ 30 đảng viên", cells[1]),
        ("đảng bộ", committee),
    ]


def callers(func):
    """{dangvu function: queries} of one run of `func`: where the queries come from."""
    import traceback

    from django.db import connection

    counts = {}

    def count(execute, sql, params, many, context):
        frames = [
            f
            for f in traceback.extract_stack()[:-1]
            if "/dangvu/" in f.filename and "/bench/" not in f.filename
        ]
        # The innermost function of the app code, and the provider it serves.
        inner = frames[-1] if frames else None
        where = f"{inner.filename.split('/dangvu/')[-1]}:{inner.name}" if inner else "?"
        counts[where] = counts.get(where, 0) + 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        func()
    return counts


def repeated(org, period):
    """How many of one compute's queries repeat an earlier one, text and parameters alike."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        compute(org, period)
    texts = [q["sql"] for q in queries.captured_queries]
    return len(texts) - len(set(texts))


def with_and_without_scope(org, period, runs=15):
    """ms of one compute with its scope and without (each read run as often as asked), the two
    runs taking turns so that a busy machine slows both alike."""
    import contextlib

    from dangvu.core import memo

    real, best = memo.scope, {"with": float("inf"), "without": float("inf")}
    try:
        for _ in range(runs):
            for mode in best:
                memo.scope = real if mode == "with" else contextlib.nullcontext
                start = time.perf_counter()
                compute(org, period)
                best[mode] = min(best[mode], (time.perf_counter() - start) * 1000)
    finally:
        memo.scope = real
    return f"{best['with']:.1f} ms with, {best['without']:.1f} ms without"


def per_org():
    from django.core.management import call_command

    from dangvu.orgs.models import Organization

    world = small_world()
    call_command("load_demo", password="bench-pass", stdout=StringIO())
    demo = [
        (o.slug, o)
        for o in Organization.objects.exclude(id__in=[org.id for _l, org in world]).order_by("id")
    ]
    period = Period.year(YEAR)
    total_q, total_ms = 0, 0.0
    for label, org in [*world, *demo]:
        facts, best, queries = timed(lambda org=org: compute(org, period), repeat=3)
        total_q += queries
        total_ms += best
        print(
            f"{label}: {queries} queries ({repeated(org, period)} repeated), {best:.1f} ms, "
            f"{len(facts)} facts, digest {digest(facts)}"
        )
    print(f"tổng: {total_q} queries, {total_ms:.0f} ms for {len(world) + len(demo)} organizations")
    print("the same compute without its shared reads (memo.scope off), interleaved, best of 15:")
    for label, org in world:
        print(f"  {label}: {with_and_without_scope(org, period)}")
    print("queries of one compute of the 3-member cell, by the function that ran them:")
    for where, n in sorted(
        callers(lambda: compute(world[0][1], period)).items(), key=lambda kv: -kv[1]
    ):
        print(f"  {n:3d} {where}")


if __name__ == "__main__":
    main()
