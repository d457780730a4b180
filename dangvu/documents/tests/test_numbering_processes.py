"""Twelve processes taking outgoing numbers at once all succeed, with twelve distinct consecutive
numbers: real OS processes, each with its own database connection, against a real database file
(SQLite in WAL mode with IMMEDIATE transactions and a busy timeout, as settings.py configures it),
or against the test database when it is PostgreSQL (row locks)."""

import datetime as dt

import pytest
from django.db import connection

from dangvu.tests.processes import postgres_env, race, run, sqlite_env

PROCESSES = 12
DOC_TYPE = "Báo cáo"
DAY = "2017-12-05"

# Run in each process: set Django up, open the connection, say "ready", wait for the start
# signal, then take one number and print it as JSON.
WORKER = """
import datetime as dt, json, os, sys, time
from pathlib import Path
import django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dangvu.settings")
django.setup()
from django.db import connection
from dangvu.documents import actions
from dangvu.orgs.models import Organization
org = Organization.objects.get(slug=sys.argv[1])
folder = Path(sys.argv[4])
(folder / f"ready-{os.getpid()}").touch()
while not (folder / "go").exists():
    time.sleep(0.002)
try:
    reserved = actions.next_number(None, org, sys.argv[2], dt.date.fromisoformat(sys.argv[3]))
    print(json.dumps({"number": reserved.number, "symbol": reserved.symbol}))
except Exception as e:
    print(json.dumps({"error": f"{type(e).__name__}: {e}"}))
    sys.exit(1)
"""

# Run once against a fresh, migrated SQLite file: the committee with its symbol and its current term.
SETUP = """
import datetime as dt, os
import django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dangvu.settings")
django.setup()
from dangvu.orgs import actions
committee = actions.create_org(None, kind="party_committee", name="Đảng bộ Sở", slug="du",
                               valid_from=dt.date(2014, 4, 24), symbol="ĐU")
actions.open_term(None, committee, name="2015-2020", valid_from=dt.date(2015, 6, 20),
                  valid_to=dt.date(2020, 7, 1))
"""


def _race(env, folder, slug):
    return race(env, folder, [[WORKER, slug, DOC_TYPE, DAY]] * PROCESSES)


def _check(results, count_in_db):
    numbers = sorted(r["number"] for r in results)
    assert numbers == list(range(1, PROCESSES + 1))
    assert len({r["symbol"] for r in results}) == PROCESSES
    assert count_in_db == PROCESSES


@pytest.mark.sqlite_file
@pytest.mark.slow
def test_twelve_processes_on_a_sqlite_file(tmp_path, migrated_sqlite):
    env = sqlite_env(migrated_sqlite)
    run(env, "-c", SETUP)
    results = _race(env, tmp_path, "du")
    # Read what the processes left in the file: one counter at 12, twelve audit entries.
    check = run(
        env,
        "-c",
        "import django, os; django.setup();"
        "from dangvu.documents.models import NumberCounter;"
        "from dangvu.accounts.models import AuditEntry;"
        "print(NumberCounter.objects.get().last,"
        " AuditEntry.objects.filter(action='document.number').count())",
    )
    last, audited = map(int, check.split())
    assert last == PROCESSES
    _check(results, audited)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_twelve_processes_on_postgresql(tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("needs DATABASE_URL pointing to PostgreSQL")
    from dangvu.accounts.models import AuditEntry
    from dangvu.orgs import actions as org_actions

    committee = org_actions.create_org(
        None,
        kind="party_committee",
        name="Đảng bộ Sở",
        slug="du-pg",
        valid_from=dt.date(2014, 4, 24),
        symbol="ĐU",
    )
    org_actions.open_term(
        None,
        committee,
        name="2015-2020",
        valid_from=dt.date(2015, 6, 20),
        valid_to=dt.date(2020, 7, 1),
    )
    results = _race(postgres_env(), tmp_path, "du-pg")
    _check(results, AuditEntry.objects.filter(action="document.number").count())
