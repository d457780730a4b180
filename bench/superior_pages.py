"""Issue 26: each page of one role of bench/serve.py alone, on a province already loaded.

Against the PostgreSQL database of DATABASE_URL (a copy of the one `bench/serve.py --dump` kept,
e.g. `createdb -T`; logging in writes a session), as `--role`'s user of `bench/serve.py`
(`captren`, the superior, by default; or `vanphong`, `bithu1`, `dangvien`): for each page one
warm-up request through Django's test client, then the SQL queries of one request, the median
time of three and the median CPU time of this process (on a shared machine the wall time waits
for a core, the CPU time does not; PostgreSQL's own time counts in the first only), with the
machine's load average before and after (the times depend on it).

The consolidated and statistics pages of a subtree this big read kept figures
(`dangvu/superior/kept.py`): run `manage.py keep_figures --org dang-uy-khoi-cac-co-quan-tra-vinh
--date 2017-12-31` first, else they answer "being computed" (and queue the computation), which
this script reports as not met rather than timing it.

Run: DATABASE_URL=postgres://… .venv/bin/python bench/superior_pages.py [--role ROLE]
Target (issue 26, at 1.000 committees): each superior page < 2 s, each office, cell and member
page < 1 s; its query count the same as at 100 committees (run it on both sizes).
"""

import argparse
import os
import statistics
import sys
import time

from _setup import skip
from serve import PAGES, PASSWORD

# Issue 26's p95 targets, used here for one page alone.
TARGET_MS = {"captren": 2000, "vanphong": 1000, "bithu1": 1000, "dangvien": 1000}
# What the page of a big subtree says while its figures are not kept yet.
COMPUTING = "Đang tính số liệu"


def _load():
    return ", ".join(f"{x:.2f}" for x in os.getloadavg())


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--role", choices=sorted(PAGES), default="captren")
    role = parser.parse_args().role
    target_ms = TARGET_MS[role]
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        return skip("DATABASE_URL chưa trỏ tới một tỉnh đã nạp trên PostgreSQL")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dangvu.settings")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    if not client.login(username=role, password=PASSWORD):
        return skip(f"không đăng nhập được bằng người dùng {role} của bench/serve.py")
    print(f"Tải máy trước: {_load()}")
    print(f"  {'trang':<24}{'truy vấn':>9}{'ms':>9}{'ms CPU':>9}")
    slow = []
    for kind, path in PAGES[role]:
        client.get(path)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        count = len(queries.captured_queries)  # before the next request resets the log
        status = response.status_code
        computing = COMPUTING in response.content.decode()
        times, cpu = [], []
        for _ in range(3):
            started, started_cpu = time.perf_counter(), time.process_time()
            client.get(path)
            times.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
        ms = statistics.median(times)
        if ms >= target_ms or status != 200 or computing:
            slow.append(kind)
        note = "" if status == 200 else f"  (HTTP {status})"
        note += "  (chưa có số liệu đã lưu: đang tính)" if computing else ""
        print(f"  {kind:<24}{count:>9}{ms:>9.0f}{statistics.median(cpu):>9.0f}{note}")
    print(f"Tải máy sau: {_load()}")
    verdict = "ĐẠT" if not slow else f"CHƯA ĐẠT ({', '.join(slow)} ≥ {target_ms} ms)"
    print(f"Mỗi trang của {role} < {target_ms} ms: {verdict}")


if __name__ == "__main__":
    sys.exit(main())
