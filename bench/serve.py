"""Issue 26: the production command under load, on PostgreSQL, at province scale.

A throwaway PostgreSQL server (initdb + pg_ctl, as bench/province.py) is filled with the demo and
`load_province --count COMMITTEES --members MEMBERS` under the demo's superior committee; then
`keep_figures` keeps the superior's figures (the nightly cron of docs/serving.md), then
`gunicorn -c gunicorn.conf.py dangvu.wsgi` (DEBUG off, static files by WhiteNoise) and the job
worker are started as `make serve` starts them, and USERS simulated users (threads, each with its
own login session, round-robin over the four roles) walk their role's main pages for SECONDS,
reading each page 1–5 s before the next click (`--think MIN-MAX`, as load tools model people;
`--think 0` makes them scripts clicking as fast as the server answers).

Printed: requests/s, errors, and per page kind p50/p95/p99 in ms; then, in a pass of Django's
test client in this process, the SQL queries each page runs (the figure that must not grow with
the province); then `consolidate --json` for the superior committee: seconds and peak memory
(the command run as a subprocess, its maximum resident set size).

Run: .venv/bin/python bench/serve.py [COMMITTEES=100] [USERS=20] [SECONDS=60] [MEMBERS=290]
         [--think MIN-MAX] [--dump FILE | --restore FILE]
Loading 1.000 committees takes minutes; `--dump FILE` keeps the loaded database (pg_dump -Fc)
once loaded, and `--restore FILE` starts from it instead of loading (then `migrate` applies any
newer migration), so the large run can be repeated. COMMITTEES and MEMBERS only label a
restored run: the dump holds what it was made with.
Targets (issue 26, at 1.000 committees, 50 users, 120 s): no error, p95 < 1 s for office and
member pages, < 2 s for the superior's pages; query counts the same at 100 and 1.000.
"""

import argparse
import http.cookiejar
import json
import os
import random
import re
import secrets
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from _setup import PostgresServer, postgres_bin, skip

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
PASSWORD = "bench-pass-123"
DAY = "?ngay=2017-12-31"
DEMO = "so-tttt-tra-vinh"
SUPERIOR = "dang-uy-khoi-cac-co-quan-tra-vinh"
CELL = "so-tttt-chi-bo-1"
# The pages each role walks, by kind (the name printed).
PAGES = {
    "vanphong": [
        ("office.home", "/" + DAY),
        ("office.people", "/ca-nhan/"),
        ("office.org", f"/to-chuc/{DEMO}/"),
        ("office.stats", f"/to-chuc/{DEMO}/thong-ke/{DAY}"),
    ],
    "bithu1": [
        ("cell.home", "/" + DAY),
        ("cell.people", "/ca-nhan/"),
        ("cell.org", f"/to-chuc/{CELL}/"),
    ],
    "dangvien": [("member.home", "/" + DAY)],
    "captren": [
        ("superior.home", "/cap-tren/"),
        ("superior.consolidated", f"/cap-tren/{SUPERIOR}/so-lieu/{DAY}"),
        ("superior.tracker", f"/cap-tren/{SUPERIOR}/bao-cao-gui/2017/"),
        ("superior.stats", f"/to-chuc/{SUPERIOR}/thong-ke/{DAY}"),
        ("superior.drilldown", f"/to-chuc/{SUPERIOR}/thong-ke/party.members/{DAY}"),
    ],
}
TIMEOUT = 60


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _manage(env, *args):
    done = subprocess.run(
        [PY, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if done.returncode:
        sys.exit(f"manage.py {' '.join(args)}: {done.stderr[-2000:]}")
    return done.stdout


class User:
    """One simulated person: a cookie jar, logged in once, then page after page."""

    def __init__(self, base, role):
        self.base, self.role = base, role
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def get(self, path):
        with self.opener.open(self.base + path, timeout=TIMEOUT) as r:
            return r.status, r.read()

    def login(self):
        _status, body = self.get("/dang-nhap/")
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1).decode()
        data = urllib.parse.urlencode(
            {"username": self.role, "password": PASSWORD, "csrfmiddlewaretoken": token}
        ).encode()
        request = urllib.request.Request(
            self.base + "/dang-nhap/", data=data, headers={"Referer": self.base + "/dang-nhap/"}
        )
        with self.opener.open(request, timeout=TIMEOUT) as r:
            if "/dang-nhap/" in r.geturl():
                raise RuntimeError(f"{self.role} could not log in")


def _walk(base, role, until, results, errors, think):
    user = User(base, role)
    user.login()
    pages = PAGES[role]
    i = 0
    rng = random.Random(role + str(threading.get_ident()))
    while time.monotonic() < until:
        # A person reads a page before the next click: a pause drawn from the think range (a
        # range of 0 makes every user a script that clicks as fast as the server answers).
        time.sleep(rng.uniform(*think))
        kind, path = pages[i % len(pages)]
        i += 1
        started = time.perf_counter()
        try:
            status, _body = user.get(path)
            ok = status == 200
        except (urllib.error.URLError, TimeoutError, ConnectionError) as e:
            ok, status = False, getattr(e, "code", type(e).__name__)
        took = (time.perf_counter() - started) * 1000
        if ok:
            results.setdefault(kind, []).append(took)
        else:
            errors.append((kind, status))


def _pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * p / 100))]


def _load():
    """The machine's load average (1, 5, 15 min), as `uptime` prints it: the figures depend on it."""
    return ", ".join(f"{x:.2f}" for x in os.getloadavg())


def load(base, users, seconds, think):
    results, errors = {}, []
    roles = list(PAGES)
    until = time.monotonic() + seconds
    threads = [
        threading.Thread(
            target=_walk, args=(base, roles[n % len(roles)], until, results, errors, think)
        )
        for n in range(users)
    ]
    started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - started
    total = sum(len(v) for v in results.values())
    print(
        f"{users} người dùng (nghỉ {think[0]:g}–{think[1]:g} s giữa hai lần bấm), {seconds} s:"
        f" {total} yêu cầu, {total / elapsed:.1f} yêu cầu/s, {len(errors)} lỗi"
        f" (tải máy cuối lượt: {_load()})"
    )
    if errors:
        print("  lỗi:", sorted({f"{k} {s}" for k, s in errors}))
    print(f"  {'trang':<24}{'số':>7}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}")
    for kind in [k for pages in PAGES.values() for k, _p in pages]:
        values = results.get(kind, [])
        if values:
            print(
                f"  {kind:<24}{len(values):>7}{_pct(values, 50):>9.0f}"
                f"{_pct(values, 95):>9.0f}{_pct(values, 99):>9.0f}"
            )
    return results, errors


# Run in a subprocess against the same database: each page once through Django's test client,
# its queries counted (after one warm-up request), printed as JSON.
QUERY_COUNTS = """
import json, statistics, sys, time
import django
django.setup()
from django.db import connection
from django.test import Client
pages = json.loads(sys.argv[1])
class Counted:
    # Counted as the statements run: a request empties Django's own query log as it starts.
    count = 0
    def __call__(self, execute, *args):
        self.count += 1
        return execute(*args)
out = {}
for role, items in pages.items():
    client = Client()
    assert client.login(username=role, password=sys.argv[2]), role
    for kind, path in items:
        client.get(path)
        counted = Counted()
        with connection.execute_wrapper(counted):
            status = client.get(path).status_code
        queries = counted.count
        times = []
        for _ in range(3):
            t = time.perf_counter()
            client.get(path)
            times.append((time.perf_counter() - t) * 1000)
        out[kind] = [queries, status, statistics.median(times)]
print(json.dumps(out))
"""


def query_counts(env):
    done = subprocess.run(
        [PY, "-c", QUERY_COUNTS, json.dumps(PAGES), PASSWORD],
        cwd=ROOT,
        env={**env, "ALLOWED_HOSTS": "testserver"},
        capture_output=True,
        text=True,
    )
    if done.returncode:
        print("  (không đếm được truy vấn)", done.stderr[-1500:])
        return {}
    counts = json.loads(done.stdout.strip().splitlines()[-1])
    print(
        "Mỗi trang một mình (Django test client, sau một lần làm nóng): truy vấn SQL, ms (trung vị 3 lần)"
    )
    for kind, (n, status, ms) in counts.items():
        print(f"  {kind:<24}{n:>6}{ms:>9.0f}{'' if status == 200 else f'  (HTTP {status})'}")
    return counts


# Run in a subprocess: `consolidate --json` as the command runs it, then the hand-written SQL of
# bench/consolidate_sql.py (every figure of every unit, as the command gives them), each timed;
# the process's peak memory after the command alone.
CONSOLIDATE = """
import io, json, resource, sys, time
sys.path.insert(0, "bench")
import django
django.setup()
from django.core.management import call_command
from dangvu.orgs.models import Organization
import datetime as dt
t = time.perf_counter()
out = io.StringIO()
call_command("consolidate", org=sys.argv[1], date="2017-12-31", json=True, stdout=out)
command = time.perf_counter() - t
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
from consolidate_sql import unit_figures
root = Organization.objects.get(slug=sys.argv[1]).id
t = time.perf_counter()
unit_figures(root, dt.date(2017, 1, 1), dt.date(2017, 12, 31))
sql = time.perf_counter() - t
print(json.dumps({"command": command, "peak_mb": peak / 1024, "sql": sql, "bytes": len(out.getvalue())}))
"""


def consolidate_cost(env):
    done = subprocess.run(
        [PY, "-c", CONSOLIDATE, SUPERIOR], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if done.returncode:
        print("  (không đo được consolidate)", done.stderr[-1500:])
        return
    r = json.loads(done.stdout.strip().splitlines()[-1])
    print(
        f"consolidate --json {SUPERIOR}: {r['command']:.2f} s, bộ nhớ đỉnh {r['peak_mb']:.0f} MB, "
        f"{r['bytes'] / 1024:.0f} KB JSON; SQL viết tay (mọi số liệu mỗi đơn vị, "
        f"bench/consolidate_sql.py): {r['sql']:.2f} s, tỉ lệ {r['command'] / max(r['sql'], 1e-6):.1f}×"
    )


def _think_range(text):
    low, _, high = text.partition("-")
    low, high = float(low), float(high or low)
    if not 0 <= low <= high:
        raise argparse.ArgumentTypeError("--think MIN-MAX, 0 ≤ MIN ≤ MAX")
    return low, high


def _arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    for name, default in (("committees", 100), ("users", 20), ("seconds", 60), ("members", 290)):
        parser.add_argument(name, type=int, nargs="?", default=default)
    parser.add_argument(
        "--think",
        type=_think_range,
        default=(1.0, 5.0),
        help="seconds a user reads a page before the next click, MIN-MAX (default 1-5; 0 for none)",
    )
    found = parser.add_mutually_exclusive_group()
    found.add_argument("--dump", type=Path, help="write the loaded database to FILE (pg_dump -Fc)")
    found.add_argument("--restore", type=Path, help="start from FILE instead of loading")
    return parser.parse_args()


def fill(env, pg, committees, members, dump=None, restore=None):
    """The database of the run: restored from a dump, or migrated, loaded (and dumped)."""
    if restore is not None:
        subprocess.run(
            [pg.bindir / "pg_restore", "--no-owner", "-j", "2", "-d", pg.url, restore],
            check=True,
        )
        _manage(env, "migrate", "-v", "0")
        # pg_restore brings no planner statistics: as an operator after a restore (docs/serving.md),
        # ANALYZE before serving, else the first minute's plans are for empty tables.
        subprocess.run([pg.bindir / "vacuumdb", "--analyze-only", "-q", "-d", pg.url], check=True)
        return
    _manage(env, "migrate", "-v", "0")
    _manage(env, "load_demo", "--password", PASSWORD)
    _manage(env, "load_province", "--count", str(committees), "--members", str(members))
    if dump is not None:
        subprocess.run([pg.bindir / "pg_dump", "-Fc", "-f", dump, "-d", pg.url], check=True)


def main():
    args = _arguments()
    committees, users, seconds, members = args.committees, args.users, args.seconds, args.members
    if args.restore is not None and not args.restore.is_file():
        sys.exit(f"Không có tệp {args.restore}")
    if postgres_bin() is None:
        skip("PostgreSQL chưa cài (không có /usr/lib/postgresql/*/bin/initdb), không đo được")
        return
    var = Path(tempfile.mkdtemp(prefix="dangvu-serve-"))
    port = _free_port()
    with PostgresServer(postgres_bin()) as pg:
        env = {
            **os.environ,
            "DATABASE_URL": pg.url,
            "DB_CONN_MAX_AGE": "60",
            "DANGVU_VAR_DIR": str(var),
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1",
            "DANGVU_STATIC_MANIFEST": "1",
            "DANGVU_BIND": f"127.0.0.1:{port}",
            "DANGVU_LOGIN_ACCOUNT_LIMIT": "100000",
            "DANGVU_LOGIN_ADDRESS_LIMIT": "100000",
            "DANGVU_ACCESS_LOG": "/dev/null",
            "DJANGO_SETTINGS_MODULE": "dangvu.settings",
        }
        env.pop("DEBUG", None)
        t0 = time.perf_counter()
        fill(env, pg, committees, members, args.dump, args.restore)
        _manage(env, "collectstatic", "--noinput", "-v", "0")
        size = (
            _manage(
                env,
                "shell",
                "-c",
                "from dangvu.orgs.models import Organization as O; from dangvu.people.models "
                "import Person as P; print('SIZE', O.objects.count(), P.objects.count())",
            )
            .split("SIZE")[-1]
            .split()
        )
        how = f"khôi phục từ {args.restore}" if args.restore else "nạp"
        print(
            f"Tỉnh: {committees} đảng bộ cơ sở, {size[0]} tổ chức, {size[1]} người "
            f"({how} trong {time.perf_counter() - t0:.0f} s)"
        )
        # The superior's figures kept before the day starts, as the nightly cron of
        # docs/serving.md keeps them (the first visitor would otherwise wait for the job).
        for line in _manage(env, "keep_figures", "--org", SUPERIOR, "--date", DAY[-10:]).split(
            "\n"
        ):
            if line.strip():
                print(f"keep_figures: {line.strip()}")
        workers = env.get("DANGVU_WORKERS") or str(2 * os.cpu_count() + 1)
        print(
            f"gunicorn -c gunicorn.conf.py dangvu.wsgi: {workers} tiến trình × "
            f"{env.get('DANGVU_THREADS', '4')} luồng, cổng {port}"
        )
        server = subprocess.Popen(
            [Path(PY).parent / "gunicorn", "-c", "gunicorn.conf.py", "dangvu.wsgi"],
            cwd=ROOT,
            env=env,
            stderr=subprocess.DEVNULL,
        )
        worker = subprocess.Popen(
            [PY, "manage.py", "db_worker", "--no-reload", "-v", "0"], cwd=ROOT, env=env
        )
        try:
            base = f"http://127.0.0.1:{port}"
            for _ in range(600):
                try:
                    urllib.request.urlopen(base + "/dang-nhap/", timeout=5).read()
                    break
                except OSError:
                    time.sleep(0.1)
            load(base, users, seconds, args.think)
        finally:
            server.terminate()
            worker.terminate()
            server.wait(timeout=60)
            worker.wait(timeout=60)
        query_counts(env)
        consolidate_cost(env)


if __name__ == "__main__":
    main()
