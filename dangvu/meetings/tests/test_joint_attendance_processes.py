"""Two secretaries saving their own cells' attendance of one joint meeting at the same moment:
real OS processes, each logged in as its secretary and posting the attendance page, against a
SQLite file (WAL, IMMEDIATE transactions, as settings.py configures it) and against the test
database when it is PostgreSQL. Both saves succeed, and every row of both cells is kept."""

import json

import pytest
from django.db import connection

from dangvu.tests.processes import postgres_env, race, run, sqlite_env

ROUNDS = 3
CELL_SIZE = 6

# Builds a committee with two cells of CELL_SIZE members, a secretary account for each cell and
# one meeting of both cells; prints the ids the workers need.
SETUP = """
import datetime as dt, json, os, sys
import django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dangvu.settings")
django.setup()
from dangvu.accounts import actions as accounts
from dangvu.orgs import actions as orgs
from dangvu.people import actions as people
from dangvu.meetings import actions as work
tag, size, rounds = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
day = dt.date(2020, 6, 20)
committee = orgs.create_org(None, kind="party_committee", name=f"Đảng bộ {tag}",
                            valid_from=dt.date(2010, 1, 1))
cells, members = [], {}
for n in (1, 2):
    cell = orgs.create_org(None, kind="party_cell", name=f"Chi bộ {n} {tag}", parent=committee,
                           valid_from=dt.date(2010, 1, 1))
    cells.append(cell)
    members[cell.id] = []
    for i in range(size):
        p = people.create_person(None, home_org=committee, full_name=f"Nguyễn Văn {tag} {n} {i}",
                                 gender="male")
        people.transfer_in(None, p, cell, dt.date(2015, 1, 1), admitted_on=dt.date(2012, 1, 1))
        members[cell.id].append(p.id)
    accounts.create_account(None, f"bt{n}{tag}", kind="secretary", org=cell,
                            password="Mat-khau-dai-du-2020")
meetings = [
    work.create_activity(None, kind="conference", title=f"Sinh hoạt chung lần {r}",
                         starts_on=day, organizers=cells, participants=[]).id
    for r in range(rounds)
]
print(json.dumps({"meetings": meetings, "members": [members[c.id] for c in cells]}))
"""

# Run in each process: log in as the secretary, say "ready", wait for the start signal, then post
# the attendance of the secretary's own cell and print the status of the answer.
WORKER = """
import json, os, sys, time
from pathlib import Path
import django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dangvu.settings")
django.setup()
from django.contrib.auth import get_user_model
from django.test import Client
username, meeting = sys.argv[1], sys.argv[2]
people, folder = json.loads(sys.argv[3]), Path(sys.argv[4])
client = Client(HTTP_HOST="localhost")
client.force_login(get_user_model().objects.get(username=username))
url = f"/hoat-dong/{meeting}/diem-danh/"
assert client.get(url).status_code == 200
data = {f"p_{pid}": "present" for pid in people}
data[f"p_{people[0]}"] = "excused"
data[f"r_{people[0]}"] = "Đi công tác"
(folder / f"ready-{os.getpid()}").touch()
while not (folder / "go").exists():
    time.sleep(0.002)
answer = client.post(url, data)
print(json.dumps({"status": answer.status_code}))
"""


def _races(env, tmp_path, tag):
    made = json.loads(run(env, "-c", SETUP, tag, str(CELL_SIZE), str(ROUNDS)).splitlines()[-1])
    first, second = made["members"]
    for n, meeting in enumerate(made["meetings"]):
        answers = race(
            env,
            tmp_path / f"round-{n}",
            [
                [WORKER, f"bt{i}{tag}", str(meeting), json.dumps(ids)]
                for i, ids in ((1, first), (2, second))
            ],
        )
        # 302: the page redirects to the meeting after "Đã lưu điểm danh".
        assert answers == [{"status": 302}, {"status": 302}]
    return made


READ = """
import json, os, sys
import django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dangvu.settings")
django.setup()
from dangvu.meetings.models import Activity
out = {}
for a in Activity.objects.filter(id__in=json.loads(sys.argv[1])):
    rows = sorted(a.attendances.values_list("person_id", "status"))
    out[a.id] = {"rows": rows, "present": a.present_count}
print(json.dumps(out))
"""


def _check(made, recorded):
    first, second = made["members"]
    expected = sorted(
        [(pid, "excused" if pid in (first[0], second[0]) else "present") for pid in first + second]
    )
    for meeting in made["meetings"]:
        got = recorded[str(meeting)]
        assert [tuple(r) for r in got["rows"]] == expected
        assert got["present"] == 2 * (CELL_SIZE - 1)


@pytest.mark.sqlite_file
@pytest.mark.slow
def test_two_secretaries_at_once_on_a_sqlite_file(tmp_path, migrated_sqlite):
    env = sqlite_env(migrated_sqlite)
    made = _races(env, tmp_path, "sq")
    _check(made, json.loads(run(env, "-c", READ, json.dumps(made["meetings"])).splitlines()[-1]))


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_secretaries_at_once_on_postgresql(tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("needs DATABASE_URL pointing to PostgreSQL")
    env = postgres_env()
    made = _races(env, tmp_path, "pg")
    _check(made, json.loads(run(env, "-c", READ, json.dumps(made["meetings"])).splitlines()[-1]))
