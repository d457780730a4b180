"""20 simultaneous writers on the default SQLite settings: how many succeed, and how long.

Run: .venv/bin/python bench/sqlite_writers.py  (uses a fresh database in a temporary var/ dir;
each of 20 processes reads then writes inside one transaction, the pattern that failed with
"database is locked" before WAL + IMMEDIATE transactions).
"""

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _setup import verdict

ROOT = Path(__file__).resolve().parent.parent
WRITERS = 20
WORKER = """
import django, os
django.setup()
from django.contrib.auth.models import Group
from django.db import transaction
with transaction.atomic():
    n = Group.objects.count()
    Group.objects.create(name=f"g-{os.getpid()}-{n}")
print("ok")
"""


def main():
    with tempfile.TemporaryDirectory() as var:
        env = dict(os.environ, DANGVU_VAR_DIR=var, DJANGO_SETTINGS_MODULE="dangvu.settings")
        env.pop("DATABASE_URL", None)
        python = sys.executable
        subprocess.run([python, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
        start = time.perf_counter()
        procs = [
            subprocess.Popen(
                [python, "-c", WORKER],
                cwd=ROOT,
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for _ in range(WRITERS)
        ]
        ok = sum(p.communicate(timeout=120)[0].strip() == "ok" for p in procs)
        seconds = time.perf_counter() - start
        print(f"sqlite writers: {ok}/{WRITERS} succeeded in {seconds:.1f} s")
        verdict("người ghi đồng thời thành công", ok, WRITERS, unit="", higher_is_better=True)


if __name__ == "__main__":
    main()
