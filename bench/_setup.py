"""Shared set-up for the benchmarks: a throwaway SQLite database (or DATABASE_URL) and Django."""

import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def django_setup():
    sys.path.insert(0, str(ROOT))
    if "DATABASE_URL" not in os.environ:
        os.environ["DANGVU_VAR_DIR"] = tempfile.mkdtemp(prefix="dangvu-bench-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dangvu.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


class QueryCounter:
    """Counts the queries run inside a `with` block."""

    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)

    def __enter__(self):
        from django.db import connection

        self._ctx = connection.execute_wrapper(self)
        self._ctx.__enter__()
        return self

    def __exit__(self, *exc):
        self._ctx.__exit__(*exc)

    def take(self):
        """The count since the last take, to spot a query per row in each step."""
        count, self.count = self.count, 0
        return count


# The day every benchmark's organizations, people and memberships start from.
START = dt.date(2000, 1, 1)


def committee_with_cells(cells=40, start=START):
    """A large party committee and its `cells` cells, the set-up several benchmarks share."""
    # Imported here: this module is loaded before django_setup() has run.
    from dangvu.orgs import actions as org_actions

    committee = org_actions.create_org(
        None, kind="party_committee", name="Đảng bộ lớn", valid_from=start
    )
    return committee, [
        org_actions.create_org(
            None, kind="party_cell", name=f"Chi bộ {i}", parent=committee, valid_from=start
        )
        for i in range(1, cells + 1)
    ]


def bulk_people(committee, count, name="Người", fields=None):
    """`count` persons of `committee`, bulk-inserted (a benchmark measures its target, not the
    set-up); `fields(i)` gives the i-th person's other columns."""
    from dangvu.people.models import Person

    def person(i):
        columns = {"gender": "male", "birth_date": dt.date(1980, 1, 1)}
        columns.update(fields(i) if fields else {})
        p = Person(full_name=f"{name} {i}", home_org=committee, **columns)
        p.set_derived_names()  # bulk_create skips save(), which sets them
        return p

    return Person.objects.bulk_create(person(i) for i in range(count))


def memberships(pairs, kind, start=START):
    """A membership of `kind` from `start` for each (person, organization) of `pairs`,
    bulk-inserted."""
    from dangvu.people.models import Membership

    return Membership.objects.bulk_create(
        Membership(person=person, org=org, kind=kind, valid_from=start) for person, org in pairs
    )


def trade_union_of(committee, people, start=START):
    """The committee's trade union, with every one of `people` a member (the mass-organization
    figures count them)."""
    from dangvu.orgs import actions as org_actions

    union = org_actions.create_org(
        None, kind="trade_union", name="Công đoàn", parent=committee, valid_from=start
    )
    memberships(((p, union) for p in people), "trade_union", start)
    return union


def unit_walk(edges="orgs_organization"):
    """The recursive walk the consolidation benches share, as a common table expression `walk`:
    down from the root (`%(root)s`) through the superior committees, each organization with the
    kind of its parent (a cell is a unit when its parent is a superior committee). `edges` is
    the table giving each organization its parent."""
    return f"""walk(id, kind, parent_kind, valid_from, valid_to) AS (
    SELECT c.id, c.kind, r.kind, c.valid_from, c.valid_to
    FROM {edges} c JOIN orgs_organization r ON r.id = c.parent_id
    WHERE r.id = %(root)s
    UNION ALL
    SELECT c.id, c.kind, w.kind, c.valid_from, c.valid_to
    FROM {edges} c JOIN walk w ON c.parent_id = w.id
    WHERE w.kind = 'superior_committee'
)"""


def verdict(label, value, target, unit="ms", higher_is_better=False):
    """One line per target, in one format for every benchmark: `… : đạt` or `… : chưa đạt`."""
    met = value >= target if higher_is_better else value < target
    sign = "≥" if higher_is_better else "<"
    print(
        f"MỤC TIÊU {label}: {value:.2f} {unit} (cần {sign} {target} {unit}): "
        f"{'đạt' if met else 'chưa đạt'}"
    )
    return met


def skip(reason):
    """A benchmark that cannot run here says why and leaves `make bench` going."""
    print(f"BỎ QUA: {reason}")


def timed(func, repeat=3):
    """(result, best time in ms, queries of one run) of `func`, the best of `repeat` runs."""
    import time

    best, result, queries = None, None, 0
    for _ in range(repeat):
        with QueryCounter() as qc:
            start = time.perf_counter()
            result = func()
            elapsed = (time.perf_counter() - start) * 1000
        best = elapsed if best is None else min(best, elapsed)
        queries = qc.count
    return result, best, queries


def postgres_bin():
    """The folder of the newest installed PostgreSQL server programs, or None."""
    found = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: int(p.parent.parent.name)
    )
    return found[-1].parent if found else None


class PostgresServer:
    """A throwaway PostgreSQL server in a temporary folder on a free port, for a `with` block:
    its DATABASE_URL is `url`; stopped and removed at the end. As root the server programs run
    as the `postgres` user (initdb refuses root), like `.ci/run`."""

    def __init__(self, bindir):
        self.bindir = bindir
        self.url = None
        self._data = None

    def _run(self, *args):
        import subprocess

        command = [str(self.bindir / args[0]), *args[1:]]
        if os.geteuid() == 0:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, capture_output=True, text=True)

    def __enter__(self):
        import shutil
        import socket

        self.dir = Path(tempfile.mkdtemp(prefix="dangvu-pg-"))
        if os.geteuid() == 0:
            shutil.chown(self.dir, "postgres", "postgres")
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        try:
            self._start(port)
        except Exception:
            self.__exit__()
            raise
        return self

    def _start(self, port):
        data = self.dir / "data"
        self._run("initdb", "-D", str(data), "-U", "postgres", "-A", "trust", "-E", "UTF8")
        # fsync off: a throwaway server; durability costs time and proves nothing here.
        options = (
            f"-p {port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off"
        )
        log = str(self.dir / "log")
        self._run("pg_ctl", "-D", str(data), "-l", log, "-o", options, "-w", "start")
        self._data = data
        self._run("createdb", "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", "dangvu")
        self.url = f"postgres://postgres@127.0.0.1:{port}/dangvu"

    def __exit__(self, *exc):
        import shutil

        if self._data is not None:
            self._run("pg_ctl", "-D", str(self._data), "-m", "fast", "-w", "stop")
            self._data = None
        shutil.rmtree(self.dir, ignore_errors=True)
