"""Races between real OS processes for the concurrency tests: each process sets Django up with
its own database connection, says "ready", waits for a common start signal, does one thing and
prints one JSON line."""

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings
from django.db import connection

ROOT = Path(settings.BASE_DIR)


def run(env, *args, timeout=300):
    """Run `python *args` to its end; its standard output."""
    done = subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def race(env, folder, commands):
    """Start one process per argument list of `commands` (each runs `python -c CODE ARGS…` and is
    given `folder` as its last argument), release them together once all have touched a
    "ready-<pid>" file there, and return the JSON each printed last."""
    folder.mkdir(exist_ok=True)
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", *args, str(folder)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for args in commands
    ]
    try:
        deadline = time.monotonic() + 180
        while len(list(folder.glob("ready-*"))) < len(procs):
            assert all(p.poll() is None for p in procs), "a process ended before the start"
            assert time.monotonic() < deadline, "the processes did not start in time"
            time.sleep(0.02)
        (folder / "go").touch()
        outputs = [p.communicate(timeout=120) for p in procs]
    finally:
        for p in procs:
            if p.poll() is None:
                p.kill()
    results = []
    for p, (out, err) in zip(procs, outputs, strict=True):
        assert p.returncode == 0, (out, err[-2000:])
        results.append(json.loads(out.strip().splitlines()[-1]))
    return results


def sqlite_env(path):
    return {**_base_env(), "DATABASE_URL": f"sqlite:///{path}"}


def postgres_env():
    """The environment that points processes at the test database (PostgreSQL)."""
    s = connection.settings_dict
    host, port = s["HOST"] or "localhost", s["PORT"] or 5432
    url = f"postgres://{s['USER']}:{s['PASSWORD']}@{host}:{port}/{s['NAME']}"
    return {**_base_env(), "DATABASE_URL": url}


def _base_env():
    return {**os.environ, "DJANGO_SETTINGS_MODULE": "dangvu.settings"}
