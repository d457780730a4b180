"""The annual report: facts and DOCX for the demo organization, and for a large organization.

Targets (issue 6): the demo organization's report, facts and DOCX, under 1 s and under 60
queries; an organization of 10.000 members and 10.000 activities under 5 s.
Run: .venv/bin/python bench/report.py
"""

import datetime as dt
import time
from io import StringIO

from _setup import QueryCounter, django_setup, verdict

django_setup()

from django.core.management import call_command  # noqa: E402

from dangvu.reports import actions  # noqa: E402
from dangvu.reports.outputs import render_docx_bytes  # noqa: E402


def measure(draft, label, target_ms, target_queries=None):
    render_docx_bytes(draft)  # warm caches (templates, rules)
    with QueryCounter() as qc:
        t0 = time.perf_counter()
        data = render_docx_bytes(draft)
        elapsed = time.perf_counter() - t0
    print(
        f"{label}: facts + DOCX in {elapsed * 1000:.0f} ms, {qc.count} queries, {len(data) // 1024} KB"
    )
    verdict(f"{label}: thời gian", elapsed * 1000, target_ms)
    if target_queries:
        verdict(f"{label}: số truy vấn", qc.count, target_queries, unit="truy vấn")


def main():
    call_command("load_demo", password="bench-pass", stdout=StringIO())
    from dangvu.orgs.models import Organization
    from dangvu.reports.models import ReportDraft

    demo = Organization.objects.get(slug="so-tttt-tra-vinh")
    measure(
        ReportDraft.objects.filter(org=demo, year=2017).first(), "demo organization 2017", 1000, 60
    )

    from stats import build  # the 10.000-person organization of bench/stats.py

    big = build(10_000)
    _activities(big, 10_000)
    draft = actions.create_draft(None, big, 2017)
    actions.edit_header(None, draft, number="Số 01-BC/ĐU", issued_on=dt.date(2017, 12, 5))
    measure(draft, "10.000 members, 10.000 activities", 5000)


def _activities(org, n):
    from django.apps import apps

    if not apps.is_installed("dangvu.work"):
        return
    from dangvu.meetings.models import Activity, ActivityOrg

    day0 = dt.date(2017, 1, 1)
    kinds = [k for k, _ in Activity.Kind.choices]
    activities = Activity.objects.bulk_create(
        Activity(
            kind=kinds[i % len(kinds)],
            title=f"Hoạt động {i}",
            starts_on=day0 + dt.timedelta(days=i % 365),
            head_count=i % 50,
        )
        for i in range(n)
    )
    ActivityOrg.objects.bulk_create(
        ActivityOrg(activity=a, org=org, role=ActivityOrg.Role.values[0]) for a in activities
    )


if __name__ == "__main__":
    main()
