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
"""

import datetime as dt
import sys

from _setup import django_setup, timed, verdict

django_setup()

from django.db import connection  # noqa: E402

from dangvu.superior import statforms, synthetic  # noqa: E402


def main():
    committees = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    members = int(sys.argv[2]) if len(sys.argv) > 2 else 300
    day = dt.date(2017, 12, 31)
    small = synthetic.build(
        committees=max(committees // 5, 2), cells=4, members=members, prefix="nho"
    )
    big = synthetic.build(committees=committees, cells=4, members=members, prefix="tinh", seed=2)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    forms, ms, queries = timed(lambda: statforms.compute(big, day))
    _f, small_ms, small_queries = timed(lambda: statforms.compute(small, day), repeat=1)
    members_now = next(ln for ln in forms.sheet("1-BTCTW").lines if ln.key == "D").values[0]
    print(
        f"[{connection.vendor}] Biểu thống kê {day:%d/%m/%Y}, {committees} đảng bộ × {members} "
        f"đảng viên ({members_now} đảng viên cuối kỳ): {ms:.0f} ms, {queries} truy vấn; "
        f"{max(committees // 5, 2)} đảng bộ: {small_ms:.0f} ms, {small_queries} truy vấn"
    )
    verdict(f"[{connection.vendor}] biểu thống kê của {committees} đảng bộ", ms, 2000)
    verdict(
        f"[{connection.vendor}] số truy vấn: {committees} so với {max(committees // 5, 2)} "
        "đảng bộ (chênh lệch)",
        abs(queries - small_queries),
        1,
        "truy vấn",
    )


if __name__ == "__main__":
    main()
