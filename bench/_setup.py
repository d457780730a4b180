"""Shared set-up for the benchmarks: a throwaway SQLite database (or DATABASE_URL) and Django."""

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
