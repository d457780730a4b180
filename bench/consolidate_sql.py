"""Issue 26: `consolidate` against hand-written SQL for every figure it gives per unit.

Every figure of every grassroots unit under a superior committee during a period (section I,
admissions and recognitions, introductions to the Party, evaluations, inspections, fees,
activities: ~78 per unit) is computed a second time by the plain SQL statements below
(recursive subtree of the day's tree, organization moves applied, GROUP BY unit), written from
the product's rules, not from its code; only which days of the period each unit is counted
over (a unit founded, dissolved or moved) is the product's (`consolidate.unit_periods`).
The script then
- compares every figure of every unit with the output of `manage.py consolidate --json` and
  prints the mismatches (the verdict: 0);
- times both sides in turns, three times each (the machine may be shared: a busy moment weighs
  on both alike), and prints the medians, their ratio (target ≤ 3×) and the command's peak
  memory (target < 300 MB), with the machine's load average.

Run: DATABASE_URL=postgres://… .venv/bin/python bench/consolidate_sql.py --org SLUG --date D
on a loaded province (docs/serving.md: the 1.000-committee dump). Without DATABASE_URL (as in
`make bench`) a synthetic province of `--committees` committees is built in a throwaway
SQLite database and measured there: the statements are the same on both databases.
"""

import argparse
import datetime as dt
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

from _setup import unit_walk, verdict

ROOT = Path(__file__).resolve().parent.parent

# The tree of a day, the units and their organizations: three temporary tables every statement
# reads (analysed, so that the planner knows their size: a recursive expression inside each
# statement is estimated at a few rows and planned as such). The tree of the day `on`: an
# organization moved to another superior (orgs_organizationmove) stands, on a day before its
# first move, under that move's previous parent; from a move on, under the parent of the last
# move begun; without moves, under its parent.
EDGES = """
CREATE TEMPORARY TABLE edges AS
SELECT o.id, o.kind, o.mass_kind, o.valid_from, o.valid_to,
    CASE
        WHEN EXISTS (SELECT 1 FROM orgs_organizationmove m
                     WHERE m.organization_id = o.id AND m.valid_from <= %(on)s)
        THEN (SELECT m.parent_id FROM orgs_organizationmove m
              WHERE m.organization_id = o.id AND m.valid_from <= %(on)s
              ORDER BY m.valid_from DESC LIMIT 1)
        WHEN EXISTS (SELECT 1 FROM orgs_organizationmove m WHERE m.organization_id = o.id)
        THEN (SELECT m.previous_id FROM orgs_organizationmove m
              WHERE m.organization_id = o.id ORDER BY m.valid_from LIMIT 1)
        ELSE o.parent_id
    END AS parent_id
FROM orgs_organization o"""

# Units: walk down the day's tree from the root through superior committees; a party committee,
# or a cell standing directly under a superior committee, is a unit when active on the day. A
# unit's organizations: its whole subtree, each marked `active` (on the segment's last day:
# section I) and `during` (existing at some time in the segment: the period's figures of the
# unit's own pages).
UNITS = (
    """
CREATE TEMPORARY TABLE units AS
WITH RECURSIVE """
    + unit_walk("edges")
    + """
SELECT id, kind FROM walk
WHERE (kind = 'party_committee' OR (kind = 'party_cell' AND parent_kind = 'superior_committee'))
  AND valid_from <= %(on)s AND (valid_to IS NULL OR valid_to > %(on)s)"""
)
# Units of the walk counted over one span of days only (`unit_figures`' periods).
ONLY = " AND id IN ({ids})"

ORGS = """
CREATE TEMPORARY TABLE orgs AS
WITH RECURSIVE subtree(unit_id, org_id) AS (
    SELECT id, id FROM units
    UNION ALL
    SELECT s.unit_id, c.id FROM edges c JOIN subtree s ON c.parent_id = s.org_id
)
SELECT s.unit_id, o.id AS org_id, o.kind, o.mass_kind,
       CASE WHEN o.valid_from <= %(day)s AND (o.valid_to IS NULL OR o.valid_to > %(day)s)
            THEN 1 ELSE 0 END AS active,
       CASE WHEN o.valid_from <= %(day)s AND (o.valid_to IS NULL OR o.valid_to > %(start)s)
            THEN 1 ELSE 0 END AS during
FROM subtree s JOIN edges o ON o.id = s.org_id"""

# Each statement gives rows (unit id, fact, value), or a row per unit with a column per fact.
ACTIVE_MEMBERSHIP = "m.valid_from <= %(day)s AND (m.valid_to IS NULL OR m.valid_to > %(day)s)"

TERMS = """
terms AS (
    SELECT t.id, t.organization_id AS unit_id, t.name,
           ROW_NUMBER() OVER (PARTITION BY t.organization_id
                              ORDER BY t.valid_from DESC, t.id) AS latest
    FROM orgs_term t JOIN units u ON u.id = t.organization_id
    WHERE t.body = 'executive'
      AND t.valid_from <= %(day)s AND (t.valid_to IS NULL OR t.valid_to > %(day)s)
)
"""

STATEMENTS = {
    # The executive committee: the latest executive term holding on the day; its seats on it.
    "committee.term": TERMS + "SELECT unit_id, 'committee.term', name FROM terms WHERE latest = 1",
    "committee.members": TERMS
    + """
SELECT t.unit_id, 'committee.members', COUNT(DISTINCT p.person_id)
FROM terms t JOIN orgs_position p ON p.term_id = t.id
WHERE t.latest = 1
  AND p.valid_from <= %(day)s AND (p.valid_to IS NULL OR p.valid_to > %(day)s)
GROUP BY t.unit_id""",
    # Members on the day, by kind of membership (a mass organization of kind `mass` by its
    # organization's mass_kind); party members full when recognised by the day. Whether a
    # member is full depends on the person only, so the full and the probationary add up.
    "memberships": f"""
held AS (
    SELECT o.unit_id, m.kind, CASE m.kind WHEN 'mass' THEN o.mass_kind ELSE '' END AS mass_kind,
           CASE WHEN p.recognized_on <= %(day)s THEN 1 ELSE 0 END AS is_full,
           COUNT(DISTINCT m.person_id) AS n
    FROM orgs o JOIN people_membership m ON m.org_id = o.org_id
    LEFT JOIN people_partyprofile p ON p.person_id = m.person_id AND m.kind = 'party'
    WHERE o.active = 1 AND {ACTIVE_MEMBERSHIP}
    GROUP BY 1, 2, 3, 4
)
SELECT unit_id, CASE kind WHEN 'party' THEN 'party.members'
                          WHEN 'mass' THEN 'mass.' || mass_kind
                          ELSE 'mass.' || kind END AS fact,
       SUM(n)
FROM held GROUP BY 1, 2
UNION ALL
SELECT unit_id, CASE is_full WHEN 1 THEN 'party.members.full'
                             ELSE 'party.members.probationary' END, n
FROM held WHERE kind = 'party'""",
    # Cells, departments and service units active on the day.
    "structure": """
SELECT unit_id, CASE kind WHEN 'party_cell' THEN 'party.cells'
                          WHEN 'department' THEN 'agency.departments'
                          ELSE 'agency.service_units' END,
       COUNT(*)
FROM orgs WHERE active = 1 AND kind IN ('party_cell', 'department', 'service_unit')
GROUP BY 1, 2""",
    # Staff records on the day in the units' agencies active on the day, people counted once
    # per figure; an ethnic minority is any ethnicity but the Kinh (or none).
    "staff": """
staff AS (
    SELECT o.unit_id, r.person_id, r.category, r.position, w.kind AS unit_kind, p.gender,
           CASE WHEN LOWER(TRIM(COALESCE(p.ethnicity, ''))) IN ('', 'kinh') THEN 0 ELSE 1 END
               AS minority
    FROM orgs o
    JOIN people_staffrecord r ON r.agency_id = o.org_id
    JOIN people_person p ON p.id = r.person_id
    LEFT JOIN orgs_organization w ON w.id = r.unit_id
    WHERE o.active = 1 AND o.kind = 'agency'
      AND r.valid_from <= %(day)s AND (r.valid_to IS NULL OR r.valid_to > %(day)s)
)
SELECT unit_id,
    COUNT(DISTINCT CASE WHEN category IN ('civil_servant', 'public_employee') THEN person_id END)
        AS "staff.present",
    COUNT(DISTINCT CASE WHEN category = 'civil_servant' THEN person_id END)
        AS "staff.civil_servant",
    COUNT(DISTINCT CASE WHEN category = 'civil_servant' AND gender = 'female' THEN person_id END)
        AS "staff.civil_servant.women",
    COUNT(DISTINCT CASE WHEN category = 'civil_servant' AND minority = 1 THEN person_id END)
        AS "staff.civil_servant.ethnic_minority",
    COUNT(DISTINCT CASE WHEN category = 'public_employee' THEN person_id END)
        AS "staff.public_employee",
    COUNT(DISTINCT CASE WHEN category = 'public_employee' AND gender = 'female'
                        THEN person_id END) AS "staff.public_employee.women",
    COUNT(DISTINCT CASE WHEN category = 'public_employee' AND minority = 1 THEN person_id END)
        AS "staff.public_employee.ethnic_minority",
    COUNT(DISTINCT CASE WHEN category = 'contract' THEN person_id END) AS "staff.contract",
    COUNT(DISTINCT CASE WHEN category = 'contract' AND unit_kind = 'service_unit'
                        THEN person_id END) AS "staff.contract.at_service_units",
    COUNT(DISTINCT CASE WHEN category = 'contract' AND (unit_kind IS NULL
                             OR unit_kind <> 'service_unit') THEN person_id END)
        AS "staff.contract.at_agency",
    COUNT(DISTINCT CASE WHEN category = 'contract' AND gender = 'female' THEN person_id END)
        AS "staff.contract.women",
    COUNT(DISTINCT CASE WHEN category = 'contract' AND minority = 1 THEN person_id END)
        AS "staff.contract.ethnic_minority",
    COUNT(DISTINCT CASE WHEN position = 'director' THEN person_id END) AS "agency.directors",
    COUNT(DISTINCT CASE WHEN position = 'deputy_director' THEN person_id END)
        AS "agency.deputy_directors"
FROM staff GROUP BY unit_id""",
    # The year's staff quotas of the units' agencies active on the day.
    "quotas": """
SELECT o.unit_id, 'staff.quota.' || q.category, SUM(q.quota)
FROM orgs o JOIN people_staffquota q ON q.agency_id = o.org_id
WHERE o.active = 1 AND o.kind = 'agency' AND q.year = %(year)s
GROUP BY 1, 2
UNION ALL
SELECT o.unit_id, 'staff.quota', SUM(q.quota)
FROM orgs o JOIN people_staffquota q ON q.agency_id = o.org_id
WHERE o.active = 1 AND o.kind = 'agency' AND q.year = %(year)s
GROUP BY 1""",
    # The staff's highest qualification of each kind held on the day (rank 0 is the highest; a
    # level outside the list ranks below all). Staff whose highest education is "other", or
    # who hold none, are "other"; a level outside the list counts in no figure.
    "qualifications": """
staff AS (
    SELECT DISTINCT o.unit_id, r.person_id
    FROM orgs o JOIN people_staffrecord r ON r.agency_id = o.org_id
    WHERE o.active = 1 AND o.kind = 'agency'
      AND r.valid_from <= %(day)s AND (r.valid_to IS NULL OR r.valid_to > %(day)s)
),
best AS (
    SELECT s.unit_id, s.person_id,
        MIN(CASE WHEN q.kind = 'education' THEN CASE q.level
            WHEN 'doctor' THEN 0 WHEN 'master' THEN 1 WHEN 'bachelor' THEN 2
            WHEN 'college' THEN 3 WHEN 'intermediate' THEN 4 WHEN 'other' THEN 5 ELSE 6 END
            END) AS education,
        MIN(CASE WHEN q.kind = 'political_theory' THEN CASE q.level
            WHEN 'bachelor' THEN 0 WHEN 'advanced' THEN 1 WHEN 'intermediate' THEN 2
            WHEN 'elementary' THEN 3 ELSE 4 END
            END) AS political
    FROM staff s LEFT JOIN people_qualification q
        ON q.person_id = s.person_id AND (q.obtained_on IS NULL OR q.obtained_on <= %(day)s)
    GROUP BY 1, 2
)
SELECT unit_id,
    SUM(CASE WHEN education = 0 THEN 1 ELSE 0 END) AS "education.doctor",
    SUM(CASE WHEN education = 1 THEN 1 ELSE 0 END) AS "education.master",
    SUM(CASE WHEN education = 2 THEN 1 ELSE 0 END) AS "education.bachelor",
    SUM(CASE WHEN education = 3 THEN 1 ELSE 0 END) AS "education.college",
    SUM(CASE WHEN education = 4 THEN 1 ELSE 0 END) AS "education.intermediate",
    SUM(CASE WHEN education = 5 OR education IS NULL THEN 1 ELSE 0 END) AS "education.other",
    SUM(CASE WHEN political = 0 THEN 1 ELSE 0 END) AS "political_theory.bachelor",
    SUM(CASE WHEN political = 1 THEN 1 ELSE 0 END) AS "political_theory.advanced",
    SUM(CASE WHEN political = 2 THEN 1 ELSE 0 END) AS "political_theory.intermediate",
    SUM(CASE WHEN political = 3 THEN 1 ELSE 0 END) AS "political_theory.elementary"
FROM best GROUP BY unit_id""",
    # Admissions and recognitions in the period, of people who were then members of a cell of
    # the unit (of its whole subtree, past organizations included).
    "party_changes": """
changes(person_id, fact, on_day) AS (
    SELECT person_id, 'party.admissions', admitted_on FROM people_partyprofile
    WHERE admitted_on BETWEEN %(start)s AND %(day)s
    UNION ALL
    SELECT person_id, 'party.recognitions', recognized_on FROM people_partyprofile
    WHERE recognized_on BETWEEN %(start)s AND %(day)s
)
SELECT o.unit_id, c.fact, COUNT(DISTINCT c.person_id)
FROM changes c
JOIN people_membership m ON m.person_id = c.person_id AND m.kind = 'party'
JOIN orgs o ON o.org_id = m.org_id
WHERE m.valid_from <= c.on_day AND (m.valid_to IS NULL OR m.valid_to > c.on_day)
GROUP BY 1, 2""",
    # Outstanding members the mass organizations of the unit's subtree (past ones included)
    # introduced to the Party in the period.
    "introductions": """
SELECT o.unit_id, 'party.introduced', COUNT(DISTINCT i.person_id)
FROM people_partyintroduction i
JOIN orgs o ON o.org_id = i.org_id
WHERE i.introduced_on BETWEEN %(start)s AND %(day)s
GROUP BY 1, 2""",
    # Evaluations made by the unit's organizations of the segment, of the years whose last day
    # in the period falls in it (made at the year's end, counted by the unit of that day); one
    # naming an organization counts only if that organization is one of them too.
    "evaluations": """
SELECT o.unit_id,
    COUNT(CASE WHEN e.band = 'excellent' THEN e.subject_person_id END) AS "evaluations.members.excellent",
    COUNT(CASE WHEN e.band = 'good' THEN e.subject_person_id END) AS "evaluations.members.good",
    COUNT(CASE WHEN e.band = 'done' THEN e.subject_person_id END) AS "evaluations.members.done",
    COUNT(CASE WHEN e.band = 'not_done' THEN e.subject_person_id END) AS "evaluations.members.not_done",
    COUNT(CASE WHEN e.band = 'excellent' THEN e.subject_org_id END) AS "evaluations.orgs.excellent",
    COUNT(CASE WHEN e.band = 'good' THEN e.subject_org_id END) AS "evaluations.orgs.good",
    COUNT(CASE WHEN e.band = 'done' THEN e.subject_org_id END) AS "evaluations.orgs.done",
    COUNT(CASE WHEN e.band = 'not_done' THEN e.subject_org_id END) AS "evaluations.orgs.not_done"
FROM orgs o JOIN work_evaluation e ON e.org_id = o.org_id
LEFT JOIN orgs s ON s.org_id = e.subject_org_id AND s.unit_id = o.unit_id AND s.during = 1
WHERE o.during = 1 AND e.year BETWEEN %(first_year)s AND %(last_year)s
  AND (e.subject_org_id IS NULL OR s.org_id IS NOT NULL)
GROUP BY o.unit_id""",
    # Inspections and supervisions the unit's organizations began in the period.
    "inspections": """
SELECT o.unit_id, 'inspections.conducted.' || i.kind, COUNT(*)
FROM orgs o JOIN work_inspection i ON i.org_id = o.org_id
WHERE o.during = 1 AND i.direction = 'conducted'
  AND i.starts_on BETWEEN %(start)s AND %(day)s
GROUP BY 1, 2""",
    # Activities the unit's organizations of the period organized, by kind. Attendances: an
    # activity all of whose organizations belong to the unit counts its members present and
    # its outside participants; one shared with organizations outside the unit counts the
    # unit's own members present (members of one of its organizations on the activity's day).
    "activities": """
acts AS (
    SELECT id, kind, head_count, present_count, starts_on FROM work_activity
    WHERE starts_on BETWEEN %(start)s AND %(day)s
),
links AS (
    SELECT l.activity_id, l.role, o.unit_id
    FROM work_activityorg l JOIN acts a ON a.id = l.activity_id
    LEFT JOIN orgs o ON o.org_id = l.org_id AND o.during = 1
),
spread AS (
    SELECT activity_id,
           CASE WHEN COUNT(DISTINCT unit_id) = 1 AND COUNT(unit_id) = COUNT(*) THEN 1 ELSE 0 END
               AS whole
    FROM links GROUP BY activity_id
),
organized AS (
    SELECT DISTINCT activity_id, unit_id FROM links
    WHERE role = 'organizer' AND unit_id IS NOT NULL
),
own_present AS (
    SELECT g.activity_id, g.unit_id, COUNT(DISTINCT t.person_id) AS n
    FROM organized g
    JOIN spread s ON s.activity_id = g.activity_id AND s.whole = 0
    JOIN acts a ON a.id = g.activity_id
    JOIN work_attendance t ON t.activity_id = g.activity_id AND t.status = 'present'
    JOIN people_membership m ON m.person_id = t.person_id
        AND m.valid_from <= a.starts_on AND (m.valid_to IS NULL OR m.valid_to > a.starts_on)
    JOIN orgs o ON o.org_id = m.org_id AND o.unit_id = g.unit_id AND o.during = 1
    GROUP BY 1, 2
)
SELECT g.unit_id, 'activities.' || a.kind || '.sessions', COUNT(*)
FROM organized g JOIN acts a ON a.id = g.activity_id
GROUP BY 1, 2
UNION ALL
SELECT g.unit_id, 'activities.' || a.kind || '.attendances',
       SUM(CASE WHEN s.whole = 1 THEN a.head_count + a.present_count ELSE COALESCE(p.n, 0) END)
FROM organized g JOIN acts a ON a.id = g.activity_id
JOIN spread s ON s.activity_id = g.activity_id
LEFT JOIN own_present p ON p.activity_id = g.activity_id AND p.unit_id = g.unit_id
GROUP BY 1, 2""",
    # Fees paid in the period into the unit's ledger (a committee's covers every cell of its
    # subtree, past ones included; a cell unit's its own), by month: the remitted share is the
    # rule's, applied once to each year's fees under one share, then rounded (`fees_remitted`).
    "fees": """
SELECT u.id, u.kind, MONTH_OF_PAYMENT, SUM(f.amount)
FROM units u
JOIN orgs s ON s.unit_id = u.id AND (u.kind = 'party_committee' OR s.org_id = u.id)
JOIN finance_payment f ON f.cell_id = s.org_id
WHERE f.paid_on BETWEEN %(start)s AND %(day)s
GROUP BY 1, 2, 3""",
}


def _months(start, end):
    """The first days of the months from `start` to `end`."""
    months, month = [], start.replace(day=1)
    while month <= end:
        months.append(month)
        month = (month + dt.timedelta(days=32)).replace(day=1)
    return months


def _month_of_payment(months):
    """SQL giving the index in `months` of a payment's month: a CASE of literal dates, the same
    on SQLite and PostgreSQL (which name their month functions differently)."""
    cases = " ".join(
        f"WHEN f.paid_on >= '{m.isoformat()}' THEN {i}"
        for i, m in reversed(list(enumerate(months)))
    )
    return f"CASE {cases} ELSE 0 END"


def _rows(statement, params):
    """(column names, rows) of one statement; one that starts with its own common table
    expressions is given their WITH."""
    from django.db import connection

    if not statement.lstrip().startswith("SELECT"):
        statement = "WITH " + statement
    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        return [column[0] for column in cursor.description], cursor.fetchall()


def _facts(statement, params):
    """[(unit id, fact, value)] of a statement: its rows as they are, or, from a statement
    with a column per fact (named by it), one row per fact."""
    names, rows = _rows(statement, params)
    if len(names) == 3:
        return rows
    return [
        (row[0], fact, value)
        for row in rows
        for fact, value in zip(names[1:], row[1:], strict=True)
    ]


def fees_remitted(month_totals, months):
    """{unit id: (collected, remitted)} from rows (unit id, unit kind, month index, total): the
    share of the fee rule in force for the month and the unit's kind (with the settings of the
    unit and those above it), applied once to each year's fees under one share, then rounded
    half up to the đồng (`finance.fees.share_of`)."""
    from dangvu.finance.fees import share_of
    from dangvu.finance.rulebook import rulebooks

    books = rulebooks({unit for unit, *_rest in month_totals})
    parts = defaultdict(int)
    collected = defaultdict(int)
    for unit, kind, month, total in month_totals:
        share = books[unit].for_month(months[month]).share(kind)
        parts[(unit, months[month].year, share)] += total
        collected[unit] += total
    remitted = defaultdict(int)
    for (unit, _year, share), total in parts.items():
        remitted[unit] += share_of(total, share)
    return {unit: (collected[unit], remitted[unit]) for unit in collected}


# The statements of the figures of a day, counted for the units of the period's last day.
SECTION_ONE = (
    "committee.term",
    "committee.members",
    "memberships",
    "structure",
    "staff",
    "quotas",
    "qualifications",
)


def unit_figures(root_id, start, day, periods=None):
    """{unit id: {fact: value}} of every grassroots unit under `root_id` at some time in the
    period from `start` to `day`, by the hand-written statements (a figure with no row is
    absent: 0): the figures of the day for the units of the day, and what each unit did over
    its days of the period, `periods` ({(first day, last day): unit ids}: which days each unit
    is counted over is the product's rule, `consolidate.unit_periods`; without it, the units of
    the day over the whole period). In each span the units' organizations are those of the
    tree of its first day."""
    months = _months(start, day)
    out = defaultdict(dict)
    at_end = _params(root_id, day, day, day, start)
    with _tables(at_end):
        _figures(at_end, months, SECTION_ONE, out)
    fee_rows = []
    for (first, last), ids in (periods or {(start, day): None}).items():
        params = _params(root_id, first if periods else day, first, last, start, day)
        with _tables(params, ids):
            period_statements = [n for n in STATEMENTS if n not in SECTION_ONE]
            fee_rows += _figures(params, months, period_statements, out)
    for unit, (collected, remitted) in fees_remitted(fee_rows, months).items():
        out[unit]["fees.collected"] = collected
        out[unit]["fees.remitted"] = remitted
    return dict(out)


def _params(root_id, on, first, last, start, day=None):
    """The statements' parameters for the tree of the day `on` and the span `first` to `last`
    of the period from `start` to `day`. An evaluation is of a year, counted in the span holding
    that year's last day in the period: the span's (first year, last year), empty if none."""
    day = day or last
    ends = {y: min(dt.date(y, 12, 31), day) for y in range(start.year, day.year + 1)}
    years = [y for y, end in ends.items() if first <= end <= last]
    return {
        "root": root_id,
        "on": on,
        "start": first,
        "day": last,
        "year": day.year,
        "first_year": years[0] if years else 1,
        "last_year": years[-1] if years else 0,
    }


class _tables:
    """The temporary tables of one span (its units: those of `ids` among the walk's, when
    given), made on entering and dropped on leaving."""

    def __init__(self, params, ids=None):
        self.params = params
        self.only = ONLY.format(ids=", ".join(str(int(i)) for i in ids)) if ids else ""

    def __enter__(self):
        from django.db import connection

        with connection.cursor() as cursor:
            for table in (EDGES, UNITS + self.only, ORGS):
                cursor.execute(table, self.params)
            for table in ("edges", "units", "orgs"):
                cursor.execute(f"ANALYZE {table}")

    def __exit__(self, *exc):
        from django.db import connection

        with connection.cursor() as cursor:
            for table in ("orgs", "units", "edges"):
                cursor.execute(f"DROP TABLE {table}")


def _figures(params, months, names, out):
    """Add to `out` ({unit id: {fact: value}}) the figures of the statements `names`, the
    span's tables being made; its fees' rows (unit, kind, month index, total) returned."""
    fee_rows = []
    for name in names:
        statement = STATEMENTS[name]
        if name == "fees":
            statement = statement.replace("MONTH_OF_PAYMENT", _month_of_payment(months))
            fee_rows = _rows(statement, params)[1]
            continue
        for unit, fact, value in _facts(statement, params):
            if isinstance(value, str):
                out[unit][fact] = value
            else:
                out[unit][fact] = out[unit].get(fact, 0) + value
    for (unit,) in _rows("SELECT id FROM units", params)[1]:
        out[unit]  # a unit with no figure at all is still a unit
    return fee_rows


# Measuring ------------------------------------------------------------------------------------

# `consolidate --json` as the command runs it, in a process of its own: its time and its
# peak memory (the process's maximum resident size) are the command's alone.
COMMAND = """
import io, json, resource, sys, time
import django
django.setup()
from django.core.management import call_command
start = time.perf_counter()
out = io.StringIO()
call_command("consolidate", org=sys.argv[1], date=sys.argv[2], json=True, stdout=out)
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": seconds, "peak_mb": peak, "result": json.loads(out.getvalue())}))
"""


def run_command(slug, day):
    """(seconds, peak MB, JSON output) of one `consolidate --json` in a new process."""
    done = subprocess.run(
        [sys.executable, "-c", COMMAND, slug, day.isoformat()],
        cwd=ROOT,
        env=os.environ,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode:
        raise SystemExit(f"consolidate failed:\n{done.stderr[-2000:]}")
    r = json.loads(done.stdout.strip().splitlines()[-1])
    return r["seconds"], r["peak_mb"], r["result"]


def mismatches(command_json, by_sql, slug_of):
    """[(unit slug, fact, consolidate's value, the SQL's value)] where they differ, for every
    figure `consolidate` gives of every unit; units present on one side only are listed too."""
    out = []
    found = {u["org"]: u["facts"] for u in command_json["units"]}
    expected = {slug_of[unit]: facts for unit, facts in by_sql.items()}
    for slug in sorted(set(found) | set(expected)):
        if slug not in found or slug not in expected:
            out.append((slug, "(đơn vị)", slug in found, slug in expected))
            continue
        blank = {"committee.term": ""}
        for fact, value in found[slug].items():
            sql_value = expected[slug].get(fact, blank.get(fact, 0))
            if value != sql_value:
                out.append((slug, fact, value, sql_value))
    return out


def measure(slug, day, rounds=3):
    """Both sides in turns, `rounds` times; the figures compared; everything printed."""
    from django.db import connection

    from dangvu.core.facts import Period
    from dangvu.orgs.models import Organization
    from dangvu.superior.consolidate import period_segments, unit_periods
    from dangvu.superior.units import Tree

    root = Organization.objects.get(slug=slug)
    start = dt.date(day.year, 1, 1)  # `consolidate`'s period "as of a date": the year to it
    # Which days each unit is counted over is the product's rule; the units and figures of
    # each span are the statements' own.
    period = Period(start, day)
    tree = Tree(root.id)
    periods = unit_periods(tree, period_segments(tree, root.id, period))
    periods = {span: [n.id for n in nodes] for span, nodes in periods.items()}
    command_s, sql_s, peaks = [], [], []
    for _ in range(rounds):
        seconds, peak, result = run_command(slug, day)
        command_s.append(seconds)
        peaks.append(peak)
        began = time.perf_counter()
        by_sql = unit_figures(root.id, start, day, periods)
        sql_s.append(time.perf_counter() - began)
    slug_of = dict(Organization.objects.filter(id__in=list(by_sql)).values_list("id", "slug"))
    wrong = mismatches(result, by_sql, slug_of)
    figures = len(result["units"][0]["facts"]) if result["units"] else 0
    db = connection.vendor
    print(
        f"[{db}] {slug}, ngày {day:%d/%m/%Y}: {len(result['units'])} tổ chức cơ sở × {figures} "
        f"số liệu = {len(result['units']) * figures} số liệu so sánh"
    )
    for slug_, fact, value, sql_value in wrong[:30]:
        print(f"    KHÁC {slug_} {fact}: consolidate {value!r}, SQL viết tay {sql_value!r}")
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    command_med, sql_med = statistics.median(command_s), statistics.median(sql_s)
    print(
        f"[{db}] consolidate --json: {_secs(command_s)} s (trung vị {command_med:.2f} s), bộ nhớ "
        f"đỉnh {max(peaks):.0f} MB | SQL viết tay mọi số liệu: {_secs(sql_s)} s (trung vị "
        f"{sql_med:.2f} s) | tải máy (1, 5, 15 phút): {load}"
    )
    verdict(f"[{db}] số liệu khác SQL viết tay", len(wrong), 1, "số liệu")
    verdict(
        f"[{db}] consolidate so với SQL viết tay cùng mọi số liệu",
        command_med / max(sql_med, 1e-6),
        3,
        "lần",
    )
    verdict(f"[{db}] bộ nhớ đỉnh của consolidate", max(peaks), 300, "MB")
    return wrong


def _secs(values):
    return " / ".join(f"{v:.2f}" for v in values)


def synthetic_province(committees):
    """A synthetic province in the throwaway database: (root slug, day)."""
    from dangvu.superior import synthetic

    root = synthetic.build(committees=committees, cells=4, members=60, year=2017)
    return root.slug, dt.date(2017, 12, 31)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--org", help="mã (slug) của cấp ủy cấp trên trong DATABASE_URL")
    parser.add_argument("--date", type=dt.date.fromisoformat, default=dt.date(2017, 12, 31))
    parser.add_argument(
        "--committees", type=int, default=30, help="tỉnh tổng hợp khi không có --org"
    )
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    if args.org and "DATABASE_URL" in os.environ:
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dangvu.settings")
        import django

        django.setup()  # a loaded province: read only, never migrated or written here
        slug, day = args.org, args.date
    else:
        from _setup import django_setup

        os.environ.pop("DATABASE_URL", None)
        django_setup()  # a throwaway SQLite file, shared with the command's process
        slug, day = synthetic_province(args.committees)
    try:
        measure(slug, day, args.rounds)
    finally:
        if "DANGVU_VAR_DIR" in os.environ and "DATABASE_URL" not in os.environ:
            shutil.rmtree(os.environ["DANGVU_VAR_DIR"], ignore_errors=True)


if __name__ == "__main__":
    main()
