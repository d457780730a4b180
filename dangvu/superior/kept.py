"""Kept figures: the figures of a big subtree (more than `min_orgs()` organizations),
computed once and kept (`KeptFigures`), read by its pages and files. A province's consolidation
or statistics take seconds; computed in the request they hold a web worker each time, so they
are computed by a background job (`queue`) or by the nightly command `keep_figures` (`keep`).

What is kept is the whole subtree's figures, whoever asked: a page filters what it shows by its
viewer's scope, as it does with figures computed in the request. A page reads them with `read`:
kept and no change recorded since (an entry of `AuditEntry.Kind.CHANGE`: a file written or a job
asked for is none), as they are; changes recorded since, as they are but said to be older, with
one recomputation queued — at most one every `refresh_minutes()` (a province's
offices record changes all day: recomputing after each would keep a core busy for figures a
superior reads a few times an hour); nothing kept yet, or an organization moved since
(`RESHAPES`), nothing (the page says it is computing).

A file (the consolidated figures, the statistical forms) is made with `current`: the kept
figures when no change was recorded since they were computed, else figures computed now — and
kept, for a big subtree — never older ones: a file leaves dangvu without the page's note saying
how old its figures are.

A kind of figures is a function `compute(org, day)` returning JSON-ready data, registered with
`register(kind, compute)`: this module registers the consolidation; the statistics page's
figures are registered by the app's wiring (they need the charts' counts, a higher layer).

A big superior committee's report names figures of its whole subtree, and its section editor
lists every figure of its period: a province's tens of seconds computed. The nightly command
keeps every figure of the period (value and label) per period of its drafts
(`keep_report_figures`), and the draft's page and the section editor read them as the pages read
theirs (`read_report_figures`: stale ones shown, said to be, with a recomputation queued). They
are only shown: the report's files, its finalisation and its checks compute the figures they
name. What is kept holds no records: the page of one figure's records computes it alone
(`total_alone` for a consolidated total), and a section's save learns that its names exist from
the year (`total_names`) or from figures kept fresh (`known_report_names`)."""

import dataclasses
import datetime as dt
import functools
from dataclasses import dataclass

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone

from dangvu.accounts.models import AuditEntry
from dangvu.accounts.scope import scope_for
from dangvu.core.facts import Period
from dangvu.core.ids import any_of
from dangvu.ops import jobs as ops_jobs
from dangvu.ops.models import Job
from dangvu.orgs.models import Organization
from dangvu.orgs.tree import subtree_sql
from dangvu.reports.models import ReportDraft
from dangvu.reports.outputs import period_figures

from . import facts as units_facts
from . import statforms
from .consolidate import NOT_SUMMED, Consolidation, UnitFigures, consolidate, period_to
from .consolidate import labels as consolidated_labels
from .models import KeptFigures

CONSOLIDATED, STATISTICS, FORMS = "consolidated", "statistics", "forms"
# Every figure of a report's period (`reports.outputs.period_figures`), of kind
# "report:<the period's first day>": read by the draft's page and its section editor.
REPORT = "report"
JOB = "superior.keep_figures"
TITLES = {
    CONSOLIDATED: "Số liệu tổng hợp",
    STATISTICS: "Số liệu đặc điểm, tình hình",
    FORMS: "Biểu thống kê cơ bản",
}

# Audit entries that move an organization to another superior (`move_org`, or a merge moving a
# merged organization's children): figures kept before one may count a unit now outside the
# subtree, and so outside its viewers' scope, and are not shown until computed anew. A deleted
# organization counted nothing (nothing could be recorded on it): its row is only left out.
RESHAPES = ("org.move_superior", "org.move")

_COMPUTE = {}


def register(kind, compute):
    _COMPUTE[kind] = compute


def min_orgs():
    """The number of organizations above which a subtree is big (`big`)."""
    return getattr(settings, "DANGVU_JOB_MIN_ORGS", 200)


def big(org):
    """Whether `org`'s subtree is big enough for its figures to be kept, and its files made by a
    background job, rather than computed in the request."""
    # Counted up to one more than the limit: PostgreSQL stops walking a province's 9.000
    # organizations there (a recursive query is evaluated as far as its rows are fetched).
    sql, params = subtree_sql([org.id])
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM ({sql} LIMIT %s) AS found", [*params, min_orgs() + 1])
        return cursor.fetchone()[0] > min_orgs()


def consolidated_figures(root, day):
    """The consolidation of `root` to `day` as JSON-ready data: lists where order matters (a
    PostgreSQL jsonb object does not keep its keys' order)."""
    result = consolidate(root, period_to(day))
    return {
        "labels": list(result.labels.items()),
        "totals": result.totals,
        "units": [[u.org.id, u.label, u.facts] for u in result.units],
    }


register(CONSOLIDATED, consolidated_figures)


def kept_consolidation(root, day, figures):
    """The `Consolidation` of figures kept by `consolidated_figures`, as `consolidate` gives it
    but without the records behind each figure: what a file or a command shows of it. A unit
    deleted since is left out; each unit's facts in the order of the labels (a PostgreSQL jsonb
    object keeps its keys sorted)."""
    labels = dict(figures["labels"])
    ids = [org_id for org_id, _label, _facts in figures["units"]]
    orgs = {org.id: org for org in Organization.objects.filter(id__in=any_of(ids))}
    units = [
        UnitFigures(orgs[org_id], label, _in_order(facts, labels))
        for org_id, label, facts in figures["units"]
        if org_id in orgs
    ]
    totals = _in_order(figures["totals"], labels)
    return Consolidation(root, period_to(day), units, totals, labels)


def _in_order(facts, labels):
    ordered = {name: facts[name] for name in labels if name in facts}
    return {**ordered, **facts}


def forms_figures(root, day):
    """The statistical forms of `root` to `day` as JSON-ready data: their sheets and the
    per-unit worksheet (a province's forms count hundreds of thousands of members, tens of
    seconds)."""
    forms = statforms.compute(root, day)
    return {
        "sheets": [dataclasses.asdict(sheet) for sheet in forms.sheets],
        "units": [list(row) for row in forms.units],
    }


def kept_forms(root, day, figures):
    """The `statforms.Forms` of figures kept by `forms_figures`: what the page and the records
    of one line read, as `statforms.compute` gives it."""
    sheets = [
        statforms.Sheet(**{**sheet, "lines": [statforms.Line(**line) for line in sheet["lines"]]})
        for sheet in figures["sheets"]
    ]
    return statforms.Forms(
        root=root,
        day=day,
        period=period_to(day),
        previous=period_to(statforms.previous_day(day)),
        sheets=sheets,
        rule=statforms.layout(day),
        units=[(name, values) for name, values in figures["units"]],
    )


register(FORMS, forms_figures)


def _newest_entry():
    return AuditEntry.objects.aggregate(newest=Max("id"))["newest"] or 0


def _changed_since(entry_id):
    # Only changes: the entries of a file written from the records (the forms' file made from
    # these very figures among them) and of a background job asked for (this recomputation's
    # among them) are marked as such where they are written, whatever their names.
    return AuditEntry.objects.filter(id__gt=entry_id, kind=AuditEntry.Kind.CHANGE).exists()


def _reshaped_since(entry_id):
    return AuditEntry.objects.filter(id__gt=entry_id, action__in=RESHAPES).exists()


def _compute(kind):
    """The function computing a kind's figures, `compute(org, day)`."""
    start = _report_start(kind)
    if start is None:
        return _COMPUTE[kind]
    return lambda org, day: period_figures(org, Period(start, day))


def title_of(kind):
    """What the figures of `kind` are, for a job's title and a command's line."""
    start = _report_start(kind)
    if start is None:
        return TITLES[kind]
    return f"Số liệu báo cáo (kỳ từ {start:%d/%m/%Y})"


def keep(org, day, kind):
    """Compute the figures now and keep them (replacing those kept); the row kept."""
    compute = _compute(kind)
    return _keep(org, day, kind, lambda: compute(org, day))


def _keep(org, day, kind, compute):
    seen = _newest_entry()  # before computing: a change made meanwhile makes them stale
    figures = compute()
    row, _ = KeptFigures.objects.update_or_create(
        org=org,
        day=day,
        kind=kind,
        defaults={"figures": figures, "computed_at": timezone.now(), "audit_seen": seen},
    )
    return row


def refresh_minutes():
    """The least time between two recomputations of figures found stale."""
    return settings.DANGVU_KEPT_REFRESH_MINUTES


@dataclass
class Reading:
    """What a page shows from the kept figures: `figures` (None: not computed yet), when they
    were computed, whether changes were recorded since, and — stale figures computed less than
    `refresh_minutes()` ago — when they will be computed again (None: now)."""

    figures: dict | None
    computed_at: dt.datetime | None
    stale: bool
    refresh_at: dt.datetime | None = None


@functools.lru_cache(maxsize=4)
def _parsed(row_id, computed_at):
    """The figures of a kept row as computed at `computed_at`, read and parsed once per process:
    a province's consolidation is 2,5 MB of JSON, which took a page more to read and parse than
    all it shows. A recomputation writes a new `computed_at`, so it is read anew; figures found
    replaced meanwhile are not cached (LookupError)."""
    row = KeptFigures.objects.filter(pk=row_id, computed_at=computed_at).values("figures")
    found = row.first()
    if found is None:
        raise LookupError(row_id)
    return found["figures"]


def _figures(row):
    try:
        return _parsed(row.pk, row.computed_at)
    except LookupError:  # recomputed since the row was read: its newer figures, not cached
        return KeptFigures.objects.values_list("figures", flat=True).get(pk=row.pk)


def _kept_row(org, day, kind):
    """The row of figures computed for the key, its figures not read (None: none computed)."""
    return (
        KeptFigures.objects.filter(org=org, day=day, kind=kind, computed_at__isnull=False)
        .defer("figures")
        .first()
    )


def read(user, org, day, kind):
    """The kept figures of `org` on `day`, queueing their (re)computation for `user` when there
    are none yet or changes were recorded since (none shown after a move). The figures are
    shared by every request of the process: a page must not change them."""
    row = _kept_row(org, day, kind)
    stale = row is not None and _changed_since(row.audit_seen)
    if stale and _reshaped_since(row.audit_seen):
        row, stale = None, False  # they may count a unit moved out since: not shown
    refresh_at = None
    if stale:
        earliest = row.computed_at + dt.timedelta(minutes=refresh_minutes())
        refresh_at = earliest if earliest > timezone.now() else None
    if row is None or (stale and refresh_at is None):
        queue(user, org, day, kind)
    if row is None:
        return Reading(None, None, False)
    return Reading(_figures(row), row.computed_at, stale, refresh_at)


def fresh(org, day, kind):
    """The kept figures of `org` on `day` when no change was recorded since they were computed,
    else None (none kept, or stale: a page shows those, a file does not)."""
    row = _kept_row(org, day, kind)
    if row is None or _changed_since(row.audit_seen):
        return None
    return _figures(row)


def current(org, day, kind):
    """The figures of `org` on `day`: the kept ones when fresh, else computed now — and kept
    when the subtree is big, so its pages read them too. A file is made from these."""
    found = fresh(org, day, kind)
    if found is not None:
        return found
    if big(org):
        return keep(org, day, kind).figures
    return _COMPUTE[kind](org, day)


def current_consolidation(root, day):
    """The consolidation of `root` to `day` a file or a command shows (`current`)."""
    return kept_consolidation(root, day, current(root, day, CONSOLIDATED))


def current_forms(root, day):
    """The statistical forms of `root` to `day` a file shows (`current`)."""
    return kept_forms(root, day, current(root, day, FORMS))


def keeps_report_figures(org):
    """Whether the figures of `org`'s reports are kept (`keep_report_figures`): a big superior
    committee's, computed over its whole subtree in tens of seconds; another organization's
    draft page and section editor compute them in the request, as fast as its report."""
    return org.kind == Organization.Kind.SUPERIOR_COMMITTEE and big(org)


def _report_key(period):
    # Keyed by the period's last day and its first in the kind: a year's report and its second
    # half's end on the same day, and their figures differ.
    return period.end, f"{REPORT}:{period.start.isoformat()}"


def _report_start(kind):
    """The first day of the period of a report's kind of figures; None for another kind."""
    prefix = f"{REPORT}:"
    return dt.date.fromisoformat(kind.removeprefix(prefix)) if kind.startswith(prefix) else None


def keep_report_figures(org, period):
    """Compute now and keep every figure of `org` for `period`, rows of
    `reports.outputs.period_figures` (name, label, value): what the draft's page writes in its
    text and the section editor lists. They are only shown: a file computes the figures it names."""
    return keep(org, *_report_key(period))


def read_report_figures(user, org, period):
    """The figures of `org` for `period` kept (`keep_report_figures`), read as a page reads kept
    figures (`read`): stale ones shown with their time and a recomputation queued for `user`;
    none (still computing) when none were kept.

    Why not computed in the request when stale, as a file is: saving a section is itself a
    change (`report.section`), so on a day of writing a province's draft page and editor
    computed their figures, tens of seconds, at nearly every opening. Why not a rule of which
    changes leave them fresh: a save also links the documents its citations name
    (`_link_citations`), the documents' facts count linked documents or not as their providers
    decide, and the next provider may read anything recorded; any such rule would have to be
    proved again at every new fact. The page and the editor show them with the time they were
    computed: the report's files, its finalisation and its checks compute the figures they
    name."""
    return read(user, org, *_report_key(period))


def prepare_report_figures(user, org, period):
    """Queue for `user` the computation of the figures of `org` for `period` when none are kept
    or they are stale (as the draft's page would, `read`): a new draft's page and editor are
    opened seconds and minutes after, and find them computed sooner."""
    read_report_figures(user, org, period)


def recompute_report_figures(user, org, period):
    """Queue for `user` the computation of the figures of `org` for `period` asked for by the
    draft page's “Tính lại”, within the same window as a page's (`read`): (job, None); or
    (None, when they may be computed again) when they were computed less than
    `refresh_minutes()` ago — a province's take a minute of a core, and a writer pressing the
    button after each save would keep it busy."""
    end, kind = _report_key(period)
    row = _kept_row(org, end, kind)
    if row is not None:
        earliest = row.computed_at + dt.timedelta(minutes=refresh_minutes())
        if earliest > timezone.now():
            return None, earliest
    return queue(user, org, end, kind), None


def total_names(org, period):
    """The names `units.<figure>` of the consolidated totals a superior committee's report of
    `period` has (`superior.facts` gives one for each consolidated figure of the year but those
    not summed, the forms' counts standing apart): known from the year alone, computing
    nothing. Empty for another organization, which has no `units.` figures."""
    if org.kind != Organization.Kind.SUPERIOR_COMMITTEE:
        return set()
    prefix = units_facts.PREFIX
    names = {prefix + name for name in consolidated_labels(period.end.year)}
    return names - {prefix + name for name in NOT_SUMMED} - units_facts.FORM_NAMES


def total_alone(org, period, name):
    """The Figure `name` (one of `total_names`) with the records behind it, its consolidated
    figure computed alone (`consolidate(..., only=...)`): the same Figure as among all the
    report's figures. The provider of the `units.` figures also consolidates those its own
    wording reads whatever is asked: on a province one total's records took 7 s that way, 2-3 s
    alone."""
    result = consolidate(org, period, only={name.removeprefix(units_facts.PREFIX)})
    return units_facts.total_figures(result)[name]


def known_report_names(org, period, names):
    """Those of `names` known to be figures of `org`'s report of `period` without computing
    them: the consolidated totals (`total_names`), and any among the figures kept for the period
    when no change was recorded since (the same names a computation now gives). A section's
    save checks the others by computing them."""
    known = set(names) & total_names(org, period)
    if known == set(names) or not keeps_report_figures(org):
        return known
    rows = fresh(org, *_report_key(period))
    return known | ({name for name, _label, _value in rows} & set(names) if rows else set())


def report_periods(org, day):
    """The periods whose figures the nightly job keeps for `org`: those of its drafts not final
    of `day`'s year or the year before (an annual report is written in the first weeks of the
    next year)."""
    drafts = ReportDraft.objects.filter(org=org, year__gte=day.year - 1, year__lte=day.year)
    drafts = drafts.exclude(status=ReportDraft.Status.FINAL)
    return sorted({draft.reporting_period for draft in drafts}, key=lambda p: (p.end, p.start))


def queue(user, org, day, kind):
    """Queue the computation of the figures as a background job run for `user`, unless one for
    the same organization, day and kind is already waiting or running: the job."""
    with transaction.atomic():
        row, _ = KeptFigures.objects.get_or_create(org=org, day=day, kind=kind)
        # The row locked: two requests at once queue one job between them.
        row = (
            KeptFigures.objects.select_for_update(of=("self",)).select_related("job").get(pk=row.pk)
        )
        if row.job is not None and row.job.status in (Job.QUEUED, Job.RUNNING):
            return row.job
        title = f"{title_of(kind)} {org.name} đến {day:%d/%m/%Y}"
        row.job = ops_jobs.start(user, org, JOB, title, {"day": day.isoformat(), "kind": kind})
        row.save(update_fields=["job"])
        return row.job


def _work(job, progress):
    org = Organization.objects.get(pk=job.org_id)
    if not scope_for(job.user).can_read_org(org):
        raise ops_jobs.Refused("Người yêu cầu không còn quyền xem tổ chức này.")
    day, kind = dt.date.fromisoformat(job.params["day"]), job.params["kind"]
    progress(0, 1, "Tính số liệu")
    row = keep(org, day, kind)
    # The job's file says what was done, not the figures: they are the whole subtree's, and the
    # pages show each viewer the part of them in the viewer's scope.
    when = timezone.localtime(row.computed_at)
    note = (
        f"Đã tính {title_of(kind).lower()} của {org.name} đến ngày {day:%d/%m/%Y}"
        f" lúc {when:%H:%M} ngày {when:%d/%m/%Y}.\n"
    )
    name = f"so-lieu-{kind.replace(':', '-')}-{org.slug}-{day:%Y-%m-%d}.txt"
    return name, note.encode()


ops_jobs.register(JOB, _work)
