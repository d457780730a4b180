"""The superior committee at province scale: consolidated figures, statistical forms and the
tracker for 200 grassroots committees of 100 members (about 24.000 people), time and queries.
Five totals per unit (members, full, probationary, cells, staff present) are also computed by
the hand-written SQL of `province.py` and by the consolidation restricted to them, side by side.

Targets (issue 13): consolidation under 2 s, the superior's own report's facts under 4 s and its
whole draft rendered under 10 s, within 3× the bare SQL for the same totals (like for like: the
same five figures both ways), and a bounded number of queries (the same for 20 units as for
200). `province.py` measures the issue's own scale on SQLite and PostgreSQL side by side.
Run: .venv/bin/python bench/superior.py [COMMITTEES] [MEMBERS]   (DATABASE_URL for PostgreSQL)
It writes tens of thousands of synthetic people: never into a database in use. Without
DATABASE_URL it runs on its own temporary SQLite file (removed at the end); with DATABASE_URL, on
a throwaway test database made beside the one named (`test_…`, destroyed at the end), never in
the named database itself.
"""

import os
import shutil
import sys
import time

from _setup import timed, verdict
from province import HEADLINE, _django, side_by_side, unit_totals

# Its own database: a temporary SQLite file, or a test database on the server of DATABASE_URL.
OLD_NAME = _django(own_database="DATABASE_URL" not in os.environ)

from django.db import connection  # noqa: E402

from dangvu.core.facts import Period  # noqa: E402
from dangvu.reports.outputs import rendered  # noqa: E402
from dangvu.reports.unsaved import unsaved_draft  # noqa: E402
from dangvu.superior import statforms, synthetic  # noqa: E402
from dangvu.superior.consolidate import consolidate  # noqa: E402
from dangvu.superior.facts import superior_facts  # noqa: E402
from dangvu.superior.tracker import track  # noqa: E402


def main():
    committees = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    members = int(sys.argv[2]) if len(sys.argv) > 2 else 100
    start = time.perf_counter()
    small = synthetic.build(committees=20, cells=4, members=members, prefix="nho", seed=2)
    root = synthetic.build(committees=committees, cells=4, members=members, prefix="tinh")
    print(
        f"Dựng dữ liệu: {committees} + 20 đảng bộ, {members} đảng viên mỗi đảng bộ "
        f"({connection.vendor}): {time.perf_counter() - start:.1f} s"
    )
    period = Period.year(2017)
    result, ms, queries = timed(lambda: consolidate(root, period))
    _small, _ms_small, queries_small = timed(lambda: consolidate(small, period), repeat=1)
    print(
        f"Tổng hợp số liệu: {len(result.units)} tổ chức cơ sở, "
        f"{result.totals['party.members']} đảng viên: {ms:.0f} ms, {queries} truy vấn "
        f"(20 đảng bộ: {queries_small} truy vấn)"
    )
    day = period.end
    bare, bare_ms, _q, some, some_ms, some_q = side_by_side(
        lambda: unit_totals(root.id, day), lambda: consolidate(root, period, only=HEADLINE)
    )
    same = sorted(bare) == sorted(u.org.id for u in result.units) and all(
        bare[u.org.id][name] == u.facts[name] == s.facts[name]
        for u, s in zip(result.units, some.units, strict=True)
        for name in HEADLINE
    )
    print(
        f"Cùng {len(HEADLINE)} số liệu mỗi đơn vị: tổng hợp chỉ các số liệu đó {some_ms:.0f} ms "
        f"({some_q} truy vấn), SQL viết tay {bare_ms:.0f} ms — "
        f"{'khớp' if same else 'KHÔNG KHỚP'} từng đơn vị"
    )
    forms, forms_ms, forms_q = timed(lambda: statforms.compute(root, day))
    lines = sum(len(s.lines) for s in forms.sheets)
    print(
        f"Biểu thống kê: {len(forms.sheets)} biểu, {lines} dòng: {forms_ms:.0f} ms, {forms_q} truy vấn"
    )
    _t, track_ms, track_q = timed(lambda: track(root, 2017))
    print(f"Theo dõi báo cáo gửi lên: {track_ms:.0f} ms, {track_q} truy vấn")
    verdict("tổng hợp số liệu cấp trên", ms, 2000)
    verdict(
        f"tổng hợp {len(HEADLINE)} số liệu so với SQL viết tay cùng {len(HEADLINE)} số liệu",
        some_ms / max(bare_ms, 0.1),
        3,
        unit="lần",
    )
    verdict(
        "số truy vấn không tăng theo số đơn vị", abs(queries - queries_small), 1, unit="truy vấn"
    )
    verdict("số truy vấn tổng hợp", queries, 25, unit="truy vấn")
    verdict("biểu thống kê", forms_ms, 2000)
    # The superior's own annual report: its `units.*` facts, then the whole document rendered
    # from every registered provider (the subtree's own figures included).
    facts, facts_ms, facts_q = timed(lambda: superior_facts(root, period))
    print(
        f"Số liệu báo cáo của cấp trên: {len(facts)} số liệu: {facts_ms:.0f} ms, {facts_q} truy vấn"
    )
    _r, report_ms, report_q = timed(lambda: rendered(unsaved_draft(root, 2017)), repeat=1)
    print(f"Dựng báo cáo năm của cấp trên: {report_ms:.0f} ms, {report_q} truy vấn")
    verdict("số liệu báo cáo của cấp trên", facts_ms, 4000)
    verdict("dựng báo cáo năm của cấp trên", report_ms, 10000)
    if not same:
        print("MỤC TIÊU số liệu khớp SQL viết tay: chưa đạt")


if __name__ == "__main__":
    try:
        main()
    finally:
        connection.close()
        if OLD_NAME is not None:
            connection.creation.destroy_test_db(OLD_NAME, verbosity=0)
        else:
            shutil.rmtree(os.environ["DANGVU_VAR_DIR"], ignore_errors=True)
