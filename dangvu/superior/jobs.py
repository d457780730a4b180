"""The superior's long work as background jobs (dangvu.ops.jobs): the consolidated figures of a
subtree as a workbook or CSV, and the statistical forms of a subtree. The web page starts the job
when the subtree is big (`kept.big`: more than DANGVU_JOB_MIN_ORGS organizations) and shows its
progress; smaller ones are answered at once, as before. The files are made from the figures kept
for the subtree when no change was recorded since they were computed, else from figures computed
now (`kept.current`): the same file either way.

The job runs with the scope of the user who asked, read again when it runs: a role withdrawn in
the meantime narrows (or refuses) the file."""

import datetime as dt

from dangvu.accounts.scope import scope_for
from dangvu.ops import jobs
from dangvu.orgs.models import Organization
from dangvu.reports.models import ReportDraft
from dangvu.reports.outputs import export
from dangvu.reports.unsaved import unsaved_draft

from . import kept
from .actions import export_forms
from .consolidate import totals_of
from .sheets import csv_bytes, xlsx_bytes

CONSOLIDATED, FORMS, REPORT = "superior.consolidated", "superior.stat_forms", "superior.report"


def _root(job):
    scope = scope_for(job.user)
    root = Organization.objects.get(pk=job.org_id)
    if not scope.can_read_org(root):
        raise PermissionError("Người yêu cầu không còn quyền xem tổ chức này.")
    day = job.params.get("day")
    return scope, root, dt.date.fromisoformat(day) if day else None


def consolidated_file(scope, root, day, fmt):
    """The consolidated figures of `root`'s units that `scope` reads: (file name, bytes)."""
    result = kept.current_consolidation(root, day)
    units = [u for u in result.units if scope.can_read_org(u.org)]
    totals = totals_of([u.facts for u in units], result.labels)  # the units listed only
    rows = [["Mã số liệu", "Số liệu", "Tổng số", *[u.label for u in units]]]
    for name, label in result.labels.items():
        rows.append([name, label, totals.get(name, ""), *[u.facts[name] for u in units]])
    name = f"tong-hop-{root.slug}-{day:%Y-%m-%d}.{fmt}"
    if fmt == "csv":
        return name, csv_bytes(rows)
    return name, xlsx_bytes("Tổng hợp", rows, widths=(34, 44, 12))


def forms_file(user, root, day):
    """The basic statistical forms of `root` to `day` as .xlsx, signed as made by `user`, the
    file recorded in the audit trail: (file name, bytes)."""
    maker = user.get_full_name() or user.get_username()
    content = export_forms(user, kept.current_forms(root, day), maker=maker)
    return f"bieu-thong-ke-{root.slug}-{day:%Y-%m-%d}.xlsx", content


def _consolidated(job, progress):
    scope, root, day = _root(job)
    progress(0, 2, "Tính số liệu tổng hợp")
    name, content = consolidated_file(scope, root, day, job.params["fmt"])
    progress(1, 2, "Ghi tệp")
    return name, content


def _forms(job, progress):
    _scope, root, day = _root(job)
    progress(0, 2, "Tính biểu thống kê")
    name, content = forms_file(job.user, root, day)
    progress(1, 2, "Ghi tệp")
    return name, content


def report_file(scope, root, year):
    """The superior committee's annual report as .docx: its latest draft of the year that the
    scope reads, else the report it would start from (nothing saved)."""
    draft = (
        scope.visible(ReportDraft)
        .filter(org=root, year=year, template="annual", period="")
        .order_by("-pk")
        .first()
    ) or unsaved_draft(root, year)
    return f"bao-cao-{root.slug}-{year}.docx", export(draft, ".docx")


def _report(job, progress):
    scope, root, _day = _root(job)
    progress(0, 2, "Tính số liệu và viết báo cáo")
    name, content = report_file(scope, root, job.params["year"])
    progress(1, 2, "Ghi tệp")
    return name, content


jobs.register(CONSOLIDATED, _consolidated)
jobs.register(REPORT, _report)
jobs.register(FORMS, _forms)
