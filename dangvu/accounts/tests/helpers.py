"""Shared by the onboarding tests: command runs and the proof that nothing was written."""

import io

from django.apps import apps
from django.core.management import call_command


def run(*args, stdin=None):
    """A command's stdout, as the user would see it."""
    out = io.StringIO()
    if stdin is not None:
        import sys

        saved, sys.stdin = sys.stdin, io.StringIO(stdin)
        try:
            call_command(*args, stdout=out)
        finally:
            sys.stdin = saved
    else:
        call_command(*args, stdout=out)
    return out.getvalue()


def table_counts():
    """Rows in every table, to prove that something wrote nothing."""
    models = [m for m in apps.get_models() if m._meta.managed and not m._meta.proxy]
    return {m._meta.label: m.objects.count() for m in models}
