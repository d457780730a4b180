"""The basic statistical forms (Biểu số 1- to 7-BTCTW) of a synthetic province: time and queries.

A superior committee over COMMITTEES grassroots committees of 4 cells and MEMBERS party members
each (`dangvu.superior.synthetic`, with a committee dissolved mid-year and a few transfers and
exits), on SQLite (a temporary file) or on DATABASE_URL. `statforms.compute` fills every form for
the period and the same period of the previous year; it is timed (best of three) with its number
of queries, at COMMITTEES and at a fifth of it, so that the query count's growth shows.

Target (issue 26): the forms of 100 committees under 2 s, and the same number of queries whatever
the number of committees (the per-unit worksheet and form 5 print one row per unit, so they may
read one row per unit, never one per member).
Run: .venv/bin/python bench/statforms.py [COMMITTEES] [MEMBERS]
Or, on a copy of a real database (DATABASE_URL; migrated first, so never on the original), the
forms of one committee's subtree, computed (not the kept ones `stat_forms` may reuse):
DATABASE_URL=sqlite:////COPY.sqlite3 .venv/bin/python bench/statforms.py --org SLUG YYYY-MM-DD
With `--dump FILE` (either way), every cell of every form and of the per-unit worksheet, on the
day and on 30 June of its year, is written to FILE as JSON after the timing: two runs, one before
and one after a change, are compared with `diff`.
With `--profile N` (either way), one more run of the forms (of COMMITTEES, or of the
organization) prints its N slowest SQL statements (ms of their execution, not of fetching
their rows afterwards; the start of their text) and its N costliest functions by cProfile (own
time): where the time goes, before choosing what to change.
"""

import datetime as dt
import json
import sys

from _setup import django_setup, timed, verdict

django_setup()

from django.db import connection  # noqa: E402

from dangvu.orgs.models import Organization  # noqa: E402
from dangvu.people.models import Membership, TemporaryAttachment  # noqa: E402
from dangvu.superior import statforms, synthetic  # noqa: E402
from dangvu.superior.consolidate import period_to  # noqa: E402
from dangvu.superior.units import Tree  # noqa: E402


def attachments(root, day, every=40):
    """One member in `every` of `root`'s subtree (a member all year) attending, from a day of the
    year, a cell of another committee (7-BTCTW, IV.1; within the province, so the superior
    counts none of these), and as many members only named received from outside, which it
    counts: the forms read them whatever their number in the same queries."""
    cells = sorted(
        Organization.objects.filter(
            id__in=Tree(root.id).below(root.id), kind=Organization.Kind.PARTY_CELL
        ).values_list("id", flat=True)
    )
    people = Membership.objects.filter(
        org_id__in=cells,
        kind=Membership.Kind.PARTY,
        valid_from__lte=day.replace(month=1, day=1),
        valid_to__isnull=True,
    ).values_list("person_id", "org_id")
    rows = []
    for i, (person_id, cell_id) in enumerate(sorted(people)[::every]):
        host = cells[(cells.index(cell_id) + 4) % len(cells)]
        since = day.replace(month=1 + i % 12, day=1)
        papers = f"Giấy giới thiệu số {i}-GGT/ĐU"
        rows.append(TemporaryAttachment(cell_id=host, person_id=person_id, papers=papers,
                                        valid_from=since))  # fmt: skip
        rows.append(TemporaryAttachment(cell_id=cell_id, full_name=f"Khách {i}", papers=papers,
                                        home_org_name="Đảng bộ tỉnh khác", valid_from=since))  # fmt: skip
    TemporaryAttachment.objects.bulk_create(rows)
    return len(rows)


def figures(forms):
    """Every cell of the forms and of the per-unit worksheet, by sheet and line key."""
    sheets = {
        sheet.sheet: [[line.key, line.values] for line in sheet.lines] for sheet in forms.sheets
    }
    return {"sheets": sheets, "units": forms.units}


def dump(path, roots, day):
    """The figures of each of `roots` on `day` and on 30 June of its year, to `path`."""
    out = {}
    for root in roots:
        for on in (day, day.replace(month=6, day=30)):
            out[f"{root.slug} {on}"] = figures(statforms.compute(root, on))
    with open(path, "w", encoding="utf-8") as f:
        json.dump(out, f, ensure_ascii=False, indent=1, sort_keys=True)
    print(f"Số liệu các biểu: {path}")


def profile(root, day, count):
    """One run of the forms of `root` on `day`: its `count` slowest statements, then its `count`
    costliest functions by own time."""
    import cProfile
    import io
    import pstats
    import time

    statements = []

    def clock(execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            statements.append(((time.perf_counter() - started) * 1000, sql))

    profiler = cProfile.Profile()
    with connection.execute_wrapper(clock):
        profiler.runcall(statforms.compute, root, day)
    print(f"{count} câu lệnh SQL chậm nhất (ms; {len(statements)} câu lệnh):")
    for ms, sql in sorted(statements, reverse=True)[:count]:
        print(f"  {ms:8.0f}  {' '.join(sql.split())[:160]}")
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(count)
    text = out.getvalue()
    print("  " + text[text.find("   ncalls") :].strip().replace("\n", "\n  "))


def existing(slug, day, dump_to=None, profile_count=0):
    """Time and queries of the forms of an organization already in the database."""
    root = Organization.objects.get(slug=slug)
    forms, ms, queries = timed(lambda: statforms.compute(root, day), repeat=1)
    members_now = next(ln for ln in forms.sheet("1-BTCTW").lines if ln.key == "D").values[0]
    units = len(forms.units)
    print(
        f"[{connection.vendor}] Biểu thống kê {day:%d/%m/%Y} của {slug} ({units} đơn vị, "
        f"{members_now} đảng viên cuối kỳ): {ms:.0f} ms, {queries} truy vấn"
    )
    if profile_count:
        profile(root, day, profile_count)
    if dump_to:
        dump(dump_to, [root], day)


def _option(args, name):
    """The value of `name VALUE` in `args` (taken out of them), or None."""
    if name not in args:
        return None
    at = args.index(name)
    value = args[at + 1]
    del args[at : at + 2]
    return value


def main():
    args = sys.argv[1:]
    dump_to = _option(args, "--dump")
    profile_count = int(_option(args, "--profile") or 0)
    if args[:1] == ["--org"]:
        return existing(args[1], dt.date.fromisoformat(args[2]), dump_to, profile_count)
    committees = int(args[0]) if args else 100
    members = int(args[1]) if len(args) > 1 else 300
    day = dt.date(2017, 12, 31)
    small = synthetic.build(
        committees=max(committees // 5, 2), cells=4, members=members, prefix="nho"
    )
    big = synthetic.build(committees=committees, cells=4, members=members, prefix="tinh", seed=2)
    attachments(small, day)
    attached = attachments(big, day)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    forms, ms, queries = timed(lambda: statforms.compute(big, day))
    _f, small_ms, small_queries = timed(lambda: statforms.compute(small, day), repeat=1)
    members_now = next(ln for ln in forms.sheet("1-BTCTW").lines if ln.key == "D").values[0]
    temporary = next(ln for ln in forms.sheet("7-BTCTW").lines if ln.key == "IV1").values[0]
    # What IV.1 adds: its set alone, on records that read nothing yet.
    _t, iv1_ms, iv1_queries = timed(
        lambda: statforms.Records(big, period_to(day), Tree(big.id))._temporary()
    )
    print(
        f"[{connection.vendor}] Biểu thống kê {day:%d/%m/%Y}, {committees} đảng bộ × {members} "
        f"đảng viên ({members_now} đảng viên cuối kỳ, {attached} lượt sinh hoạt tạm thời, "
        f"{temporary} lượt qua ranh giới cấp trên): {ms:.0f} ms, {queries} truy vấn; "
        f"{max(committees // 5, 2)} đảng bộ: {small_ms:.0f} ms, {small_queries} truy vấn; "
        f"riêng dòng IV.1 của 7-BTCTW: {iv1_ms:.0f} ms, {iv1_queries} truy vấn"
    )
    verdict(f"[{connection.vendor}] biểu thống kê của {committees} đảng bộ", ms, 2000)
    verdict(
        f"[{connection.vendor}] số truy vấn: {committees} so với {max(committees // 5, 2)} "
        "đảng bộ (chênh lệch)",
        abs(queries - small_queries),
        1,
        "truy vấn",
    )
    if profile_count:
        profile(big, day, profile_count)
    if dump_to:
        dump(dump_to, [big, small], day)


if __name__ == "__main__":
    main()
