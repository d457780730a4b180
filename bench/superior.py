"""The superior committee at province scale: consolidated figures, statistical forms and the
tracker for 200 grassroots committees of 100 members (about 24.000 people), time and queries.
The members per unit are also counted by one hand-written SQL query, printed side by side.

Targets (issue 13): consolidation under 2 s, within 3× the bare SQL for the same totals, and a
bounded number of queries (the same for 20 units as for 200). The bare SQL here counts one figure
(members per unit) while the consolidation makes every figure of every unit, so that ratio is
printed for scale, not as a like-for-like comparison.
Run: .venv/bin/python bench/superior.py [COMMITTEES] [MEMBERS]   (DATABASE_URL for PostgreSQL)
"""

import datetime as dt
import sys
import time

from _setup import QueryCounter, django_setup, verdict

django_setup()

from django.db import connection  # noqa: E402

from dangvu.reports.facts import Period  # noqa: E402
from dangvu.superior import statforms, synthetic  # noqa: E402
from dangvu.superior.consolidate import consolidate  # noqa: E402
from dangvu.superior.tracker import track  # noqa: E402

DAY = dt.date(2017, 12, 31)

# Party members per grassroots unit on DAY: the unit's subtree by a recursive query, then the
# memberships holding on the day, in organizations active on the day.
BARE_SQL = """
WITH RECURSIVE under(unit_id, org_id) AS (
    SELECT o.id, o.id FROM orgs_organization o WHERE o.parent_id IN (%s)
        AND o.kind IN ('party_committee', 'party_cell')
    UNION ALL
    SELECT u.unit_id, c.id FROM orgs_organization c JOIN under u ON c.parent_id = u.org_id
)
SELECT u.unit_id, COUNT(DISTINCT m.person_id)
FROM under u
JOIN orgs_organization o ON o.id = u.org_id
JOIN people_membership m ON m.org_id = u.org_id
WHERE m.kind = 'party' AND m.valid_from <= %s AND (m.valid_to IS NULL OR m.valid_to > %s)
  AND o.valid_from <= %s AND (o.valid_to IS NULL OR o.valid_to > %s)
GROUP BY u.unit_id
"""


def timed(func, repeat=3):
    best, result, queries = None, None, 0
    for _ in range(repeat):
        with QueryCounter() as qc:
            start = time.perf_counter()
            result = func()
            elapsed = (time.perf_counter() - start) * 1000
        best = elapsed if best is None else min(best, elapsed)
        queries = qc.count
    return result, best, queries


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
    middle = root.children.get(slug="tinh-giua")
    with connection.cursor() as cursor:
        params = [root.id, middle.id]
        sql = BARE_SQL % (", ".join(["%s"] * len(params)), "%s", "%s", "%s", "%s")
        rows, bare_ms, _q = timed(
            lambda: (cursor.execute(sql, [*params, DAY, DAY, DAY, DAY]), cursor.fetchall())[1]
        )
    bare = dict(rows)
    same = all(bare.get(u.org.id, 0) == u.facts["party.members"] for u in result.units)
    print(
        f"SQL viết tay (đảng viên theo đơn vị): {bare_ms:.0f} ms, tổng {sum(bare.values())} "
        f"— {'khớp' if same else 'KHÔNG KHỚP'} với tổng hợp"
    )
    forms, forms_ms, forms_q = timed(lambda: statforms.compute(root, DAY))
    print(f"Biểu thống kê: {len(forms.rows)} dòng: {forms_ms:.0f} ms, {forms_q} truy vấn")
    _t, track_ms, track_q = timed(lambda: track(root, 2017))
    print(f"Theo dõi báo cáo gửi lên: {track_ms:.0f} ms, {track_q} truy vấn")
    verdict("tổng hợp số liệu cấp trên", ms, 2000)
    # Not the same work: the consolidation makes some 80 figures per unit, the SQL one (members).
    verdict(
        "tổng hợp (~80 số liệu) so với SQL viết tay (1 số liệu)",
        ms / max(bare_ms, 0.1),
        3,
        unit="lần",
    )
    verdict(
        "số truy vấn không tăng theo số đơn vị", abs(queries - queries_small), 1, unit="truy vấn"
    )
    verdict("số truy vấn tổng hợp", queries, 25, unit="truy vấn")
    verdict("biểu thống kê", forms_ms, 2000)
    if not same:
        print("MỤC TIÊU số liệu khớp SQL viết tay: chưa đạt")


if __name__ == "__main__":
    main()
