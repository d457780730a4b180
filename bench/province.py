"""Issue 13 at province scale, like for like: 100 grassroots committees of 4 cells and 300 party
members each (30.000 members, and two standalone cells) on SQLite (a temporary file) and on
PostgreSQL (DATABASE_URL when it names a PostgreSQL server, else a throwaway server started here
with initdb + pg_ctl and stopped at the end).

On each database the same five totals per grassroots unit (party members, full members,
probationary members, party cells, staff present) are computed twice and printed side by side:
- by `consolidate(..., only=HEADLINE)`, the consolidation restricted to those five figures;
- by one hand-written SQL statement (recursive subtree, GROUP BY unit).
Their ratio is the like-for-like comparison. The whole consolidation (every figure of every unit)
is timed too, against the 2 s target, and its ratio to the same SQL is printed for scale only:
it is not the same work (bench/consolidate_sql.py compares it with hand-written SQL for every
figure).

Targets (issue 13): consolidation under 2 s, within 3× the bare SQL for the same totals, and a
number of queries that does not grow with the units (the same for 20 and for 100).
Run: .venv/bin/python bench/province.py [COMMITTEES] [MEMBERS]
Each database is measured by this script run again as a subprocess (DANGVU_PROVINCE_OUT set):
Django is configured once per process, for one database.
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _setup import PostgresServer, postgres_bin, skip, timed, unit_walk, verdict

HERE = Path(__file__).resolve()
HEADLINE = (
    "party.members",
    "party.members.full",
    "party.members.probationary",
    "party.cells",
    "staff.present",
)

# The five totals of every grassroots unit under a superior committee on a day, in one
# statement. Units: walk down from the root through superior committees; a party committee, or
# a cell standing directly under a superior committee, is a unit (when active on the day).
# A unit's organizations: its whole subtree, then those active on the day (an inactive
# organization is left out, its active descendants kept: the rule of `orgs.tree.subtree`).
# Members hold a party membership on the day; full when recognised by the day; staff present
# hold a civil-servant or public-employee record on the day in an agency of the subtree.
# The superior committees under the root, walked down to their grassroots units (committees and
# the cells directly under a superior).
WALK = "\n" + unit_walk()
UNIT_TOTALS_SQL = (
    """
WITH RECURSIVE"""
    + WALK
    + """,
units(id) AS (
    SELECT id FROM walk
    WHERE (kind = 'party_committee'
           OR (kind = 'party_cell' AND parent_kind = 'superior_committee'))
      AND valid_from <= %(day)s AND (valid_to IS NULL OR valid_to > %(day)s)
),
subtree(unit_id, org_id) AS (
    SELECT id, id FROM units
    UNION ALL
    SELECT s.unit_id, c.id FROM orgs_organization c JOIN subtree s ON c.parent_id = s.org_id
),
active(unit_id, org_id, kind) AS (
    SELECT s.unit_id, o.id, o.kind FROM subtree s JOIN orgs_organization o ON o.id = s.org_id
    WHERE o.valid_from <= %(day)s AND (o.valid_to IS NULL OR o.valid_to > %(day)s)
),
party(unit_id, members, full_members, probationary) AS (
    SELECT a.unit_id,
           COUNT(DISTINCT m.person_id),
           COUNT(DISTINCT CASE WHEN p.recognized_on <= %(day)s THEN m.person_id END),
           COUNT(DISTINCT CASE WHEN p.recognized_on IS NULL OR p.recognized_on > %(day)s
                               THEN m.person_id END)
    FROM active a
    JOIN people_membership m ON m.org_id = a.org_id
    LEFT JOIN people_partyprofile p ON p.person_id = m.person_id
    WHERE m.kind = 'party'
      AND m.valid_from <= %(day)s AND (m.valid_to IS NULL OR m.valid_to > %(day)s)
    GROUP BY a.unit_id
),
cells(unit_id, cells) AS (
    SELECT unit_id, COUNT(*) FROM active WHERE kind = 'party_cell' GROUP BY unit_id
),
staff(unit_id, present) AS (
    SELECT a.unit_id, COUNT(DISTINCT r.person_id)
    FROM active a JOIN people_staffrecord r ON r.agency_id = a.org_id
    WHERE a.kind = 'agency' AND r.category IN ('civil_servant', 'public_employee')
      AND r.valid_from <= %(day)s AND (r.valid_to IS NULL OR r.valid_to > %(day)s)
    GROUP BY a.unit_id
)
SELECT u.id, COALESCE(party.members, 0), COALESCE(party.full_members, 0),
       COALESCE(party.probationary, 0), COALESCE(cells.cells, 0), COALESCE(staff.present, 0)
FROM units u
LEFT JOIN party ON party.unit_id = u.id
LEFT JOIN cells ON cells.unit_id = u.id
LEFT JOIN staff ON staff.unit_id = u.id
"""
)


def unit_totals(root_id, day):
    """{unit id: {fact: value}} of the HEADLINE facts, by the hand-written SQL."""
    from django.db import connection

    # The first parameter is the root, every other one the day (Django's SQLite backend takes
    # only positional `%s` parameters).
    sql = UNIT_TOTALS_SQL.replace("%(root)s", "%s").replace("%(day)s", "%s")
    params = [root_id] + [day] * (sql.count("%s") - 1)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    return {row[0]: dict(zip(HEADLINE, row[1:], strict=True)) for row in rows}


# One database, in this process ---------------------------------------------------------------


def _django(own_database):
    """Django on DATABASE_URL (or a temporary SQLite file). A server this script started is
    used as it is; a server named by the caller gets a throwaway test database instead, so the
    bench never writes its 36.000 synthetic people into someone's data."""
    from _setup import django_setup

    if own_database:
        django_setup()
        return None
    sys.path.insert(0, str(HERE.parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dangvu.settings")
    import django

    django.setup()
    from django.db import connection

    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    return old_name


def side_by_side(first, second, repeat=7):
    """`timed` of two functions run in turns: (result, ms, queries) of each."""
    a, b = [None, None, 0], [None, None, 0]
    for _ in range(repeat):
        for func, best in ((first, a), (second, b)):
            result, ms, queries = timed(func, repeat=1)
            best[0], best[2] = result, queries
            best[1] = ms if best[1] is None else min(best[1], ms)
    return (*a, *b)


def measure(committees, members):
    """Build the province, time both ways, print and return the figures."""
    import datetime as dt

    from django.db import connection

    from dangvu.core.facts import Period
    from dangvu.superior import synthetic
    from dangvu.superior.consolidate import consolidate

    day = dt.date(2017, 12, 31)
    period = Period.year(2017)
    db = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}.get(connection.vendor, connection.vendor)
    start = time.perf_counter()
    small = synthetic.build(committees=20, cells=4, members=members, prefix="nho", seed=2)
    root = synthetic.build(committees=committees, cells=4, members=members, prefix="tinh")
    built = time.perf_counter() - start
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # fresh statistics, as autovacuum would give a real database

    # Taken in turns, best of each: the machine may be shared, and a busy moment then weighs
    # on both sides alike.
    sql, sql_ms, sql_q, some, some_ms, some_q = side_by_side(
        lambda: unit_totals(root.id, day), lambda: consolidate(root, period, only=HEADLINE)
    )
    whole, whole_ms, whole_q = timed(lambda: consolidate(root, period))
    _r, _ms, some_q_small = timed(lambda: consolidate(small, period, only=HEADLINE), repeat=1)
    _r, _ms, whole_q_small = timed(lambda: consolidate(small, period), repeat=1)

    units = [u.org.id for u in whole.units]
    same = sorted(sql) == sorted(units) and all(
        sql[u.org.id][name] == u.facts[name] == s.facts[name]
        for u, s in zip(whole.units, some.units, strict=True)
        for name in HEADLINE
    )
    totals = {name: sum(row[name] for row in sql.values()) for name in HEADLINE}
    committees_n = sum(1 for u in whole.units if u.org.kind == "party_committee")
    print(
        f"[{db}] Dựng dữ liệu: {committees} đảng bộ × 4 chi bộ × {members} đảng viên "
        f"(+ 20 đảng bộ nhỏ): {built:.1f} s. Ngày {day:%d/%m/%Y} (một đảng bộ giải thể giữa "
        f"năm, vài người chuyển đi hoặc ra khỏi Đảng): {len(whole.units)} tổ chức cơ sở "
        f"({committees_n} đảng bộ, {len(whole.units) - committees_n} chi bộ cơ sở), "
        f"{totals['party.cells']} chi bộ, {totals['party.members']} đảng viên"
    )
    print(f"[{db}] Cùng 5 số liệu cho mỗi đơn vị, tổng của {len(units)} đơn vị:")
    print(f"    {'số liệu':<30} {'tổng hợp':>10} {'SQL viết tay':>13}")
    for name in HEADLINE:
        print(f"    {name:<30} {some.totals[name]:>10} {totals[name]:>13}")
    print(
        f"[{db}] Tổng hợp 5 số liệu (consolidate only=…): {some_ms:.0f} ms, {some_q} truy vấn | "
        f"SQL viết tay 5 số liệu: {sql_ms:.0f} ms, {sql_q} truy vấn — "
        f"{'khớp' if same else 'KHÔNG KHỚP'} từng đơn vị"
    )
    print(
        f"[{db}] Tổng hợp đầy đủ ({len(whole.labels)} số liệu mỗi đơn vị): {whole_ms:.0f} ms, "
        f"{whole_q} truy vấn (20 đảng bộ: {whole_q_small}); tỷ lệ so với SQL 5 số liệu: "
        f"{whole_ms / max(sql_ms, 0.1):.1f} lần (để tham khảo, không cùng khối lượng việc)"
    )
    ratio = some_ms / max(sql_ms, 0.1)
    verdict(f"[{db}] tổng hợp đầy đủ", whole_ms, 2000)
    verdict(f"[{db}] tổng hợp 5 số liệu so với SQL viết tay cùng 5 số liệu", ratio, 3, "lần")
    verdict(
        f"[{db}] số truy vấn tổng hợp đầy đủ: {committees} so với 20 đảng bộ (chênh lệch)",
        abs(whole_q - whole_q_small),
        1,
        "truy vấn",
    )
    verdict(
        f"[{db}] số truy vấn tổng hợp 5 số liệu: {committees} so với 20 đảng bộ (chênh lệch)",
        abs(some_q - some_q_small),
        1,
        "truy vấn",
    )
    if not same:
        print(f"MỤC TIÊU [{db}] số liệu khớp SQL viết tay: chưa đạt")
    return {
        "db": db,
        "committees": committees,
        "units": len(units),
        "members": totals["party.members"],
        "whole_ms": whole_ms,
        "whole_q": whole_q,
        "whole_q_small": whole_q_small,
        "figures": len(whole.labels),
        "some_ms": some_ms,
        "some_q": some_q,
        "some_q_small": some_q_small,
        "sql_ms": sql_ms,
        "sql_q": sql_q,
        "ratio": ratio,
        "same": same,
    }


def child(out, args):
    own = os.environ.get("DANGVU_PROVINCE_OWN_DB") == "1"
    old_name = _django(own)
    committees = int(args[0]) if args else 100
    members = int(args[1]) if len(args) > 1 else 300
    try:
        figures = measure(committees, members)
    finally:
        from django.db import connection

        if old_name is not None:
            connection.creation.destroy_test_db(old_name, verbosity=0)
        elif "DATABASE_URL" not in os.environ:  # the temporary SQLite file: 36.000 people
            connection.close()
            shutil.rmtree(os.environ["DANGVU_VAR_DIR"], ignore_errors=True)
    Path(out).write_text(json.dumps(figures))


# Both databases, side by side ----------------------------------------------------------------


def _run(env, args):
    """This script again on one database; its figures, or None when it failed."""
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as f:
        out = f.name
    try:
        env = {**env, "DANGVU_PROVINCE_OUT": out}
        done = subprocess.run([sys.executable, str(HERE), *args], env=env, check=False)
        if done.returncode != 0:
            return None
        return json.loads(Path(out).read_text())
    finally:
        os.unlink(out)


def _table(results):
    n = results[0]["committees"]
    rows = [
        ("tổ chức cơ sở / đảng viên", lambda r: f"{r['units']} / {r['members']}"),
        ("tổng hợp đầy đủ", lambda r: f"{r['whole_ms']:.0f} ms"),
        ("  số liệu mỗi đơn vị", lambda r: f"{r['figures']}"),
        (f"  truy vấn ({n} / 20 đảng bộ)", lambda r: f"{r['whole_q']} / {r['whole_q_small']}"),
        ("tổng hợp 5 số liệu", lambda r: f"{r['some_ms']:.0f} ms"),
        (f"  truy vấn ({n} / 20 đảng bộ)", lambda r: f"{r['some_q']} / {r['some_q_small']}"),
        ("SQL viết tay 5 số liệu", lambda r: f"{r['sql_ms']:.0f} ms"),
        ("tỷ lệ cùng 5 số liệu", lambda r: f"{r['ratio']:.1f} lần"),
        (
            "tỷ lệ đầy đủ / SQL (tham khảo)",
            lambda r: f"{r['whole_ms'] / max(r['sql_ms'], 0.1):.1f} lần",
        ),
        ("số liệu khớp", lambda r: "khớp" if r["same"] else "KHÔNG KHỚP"),
    ]
    print("== Hai cơ sở dữ liệu, cạnh nhau")
    print(f"{'':<32}" + "".join(f"{r['db']:>14}" for r in results))
    for label, cell in rows:
        print(f"{label:<32}" + "".join(f"{cell(r):>14}" for r in results))


def main():
    args = sys.argv[1:]
    base = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    results, failed = [], False
    print("== SQLite (tệp tạm)")
    sqlite = _run({**base, "DANGVU_PROVINCE_OWN_DB": "1"}, args)
    failed |= sqlite is None
    results += [sqlite] if sqlite else []
    given = os.environ.get("DATABASE_URL", "")
    if given.startswith(("postgres://", "postgresql://")):
        print("== PostgreSQL (DATABASE_URL, cơ sở dữ liệu thử tạm)")
        pg = _run({**base, "DATABASE_URL": given, "DANGVU_PROVINCE_OWN_DB": "0"}, args)
        failed |= pg is None
    elif postgres_bin() is None:
        skip("PostgreSQL chưa cài (không có /usr/lib/postgresql/*/bin/initdb), không đo được")
        pg = None
    else:
        print("== PostgreSQL (máy chủ tạm khởi động cho lần đo này)")
        with PostgresServer(postgres_bin()) as server:
            pg = _run({**base, "DATABASE_URL": server.url, "DANGVU_PROVINCE_OWN_DB": "1"}, args)
        failed |= pg is None
    results += [pg] if pg else []
    if results:
        _table(results)
    if failed:
        sys.exit(1)


if __name__ == "__main__":
    if os.environ.get("DANGVU_PROVINCE_OUT"):
        child(os.environ["DANGVU_PROVINCE_OUT"], sys.argv[1:])
    else:
        main()
