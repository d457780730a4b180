"""Issue 26, production serving: `check --deploy` clean with the production environment, the
client address behind a trusted proxy, and the login lockout shared by two server processes and
keyed on the forwarded client (not on a header an untrusted client wrote)."""

import contextlib
import json
import os
import re
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from django.test import RequestFactory, override_settings

from dangvu.ops.clients import client_address
from dangvu.tests.processes import race, run, sqlite_env

# The tests here start dangvu in other processes (dangvu served from other processes), which reach the
# database DATABASE_URL names: CI's PostgreSQL pass runs them too.
pytestmark = pytest.mark.processes

PRODUCTION = {
    "DANGVU_HTTPS": "1",
    "ALLOWED_HOSTS": "dangvu.example.vn",
    "CSRF_TRUSTED_ORIGINS": "https://dangvu.example.vn",
    "DANGVU_TRUSTED_PROXIES": "127.0.0.1,10.0.0.0/8",
    "DANGVU_STATIC_MANIFEST": "1",
}


def test_check_deploy_is_clean_in_production(tmp_path):
    env = {
        **sqlite_env(tmp_path / "db.sqlite3"),
        **PRODUCTION,
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DANGVU_VAR_DIR": str(tmp_path),
    }
    env.pop("DEBUG", None)
    done = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert "no issues" in done.stdout


def _address(remote, forwarded=None):
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return client_address(RequestFactory().get("/", **meta))


@override_settings(DANGVU_TRUSTED_PROXIES=["127.0.0.1", "10.0.0.0/8"])
def test_the_client_is_the_rightmost_untrusted_hop_behind_a_trusted_proxy():
    assert _address("127.0.0.1", "203.0.113.7") == "203.0.113.7"
    # The client wrote its own header: the hop the proxy saw is the one on the right.
    assert _address("127.0.0.1", "1.2.3.4, 203.0.113.7") == "203.0.113.7"
    # Two proxies of ours in a row.
    assert _address("10.1.1.1", "203.0.113.7, 10.2.2.2") == "203.0.113.7"
    # No header, or garbage, from the proxy: the proxy itself.
    assert _address("127.0.0.1") == "127.0.0.1"
    assert _address("127.0.0.1", "not-an-address") == "127.0.0.1"
    # From a client that is not a proxy the header is ignored.
    assert _address("198.51.100.2", "203.0.113.7") == "198.51.100.2"


@override_settings(DANGVU_TRUSTED_PROXIES=[])
def test_without_trusted_proxies_the_header_is_ignored():
    assert _address("127.0.0.1", "203.0.113.7") == "127.0.0.1"


def test_production_caches_are_shared_between_processes():
    backend = settings.CACHES["default"]["BACKEND"]
    assert backend.endswith(("db.DatabaseCache", "filebased.FileBasedCache"))


# One server process: a Django test client sending `count` bad logins from REMOTE_ADDR argv[2]
# with X-Forwarded-For argv[3] (distinct usernames: only the address counts).
WORKER = """
import json, os, sys, time
from pathlib import Path
import django
django.setup()
from django.test import Client
tag, remote, forwarded, count = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
client = Client(REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)
folder = Path(sys.argv[5])
(folder / f"ready-{os.getpid()}").touch()
while not (folder / "go").exists():
    time.sleep(0.002)
codes = [client.post("/dang-nhap/", {"username": f"nobody-{tag}-{i}", "password": "x"}).status_code
         for i in range(count)]
print(json.dumps({"codes": codes}))
"""

# After the race: may this client (REMOTE_ADDR, X-Forwarded-For) log in with the right password?
PROBE = """
import json, sys
import django
django.setup()
from django.test import Client
client = Client(REMOTE_ADDR=sys.argv[1], HTTP_X_FORWARDED_FOR=sys.argv[2])
r = client.post("/dang-nhap/", {"username": "vanphong", "password": "mat-khau-dai-123"})
print(json.dumps({"status": r.status_code}))
"""

SETUP = """
import django
django.setup()
from django.contrib.auth.models import User
User.objects.create_user("vanphong", password="mat-khau-dai-123")
"""


@pytest.mark.sqlite_file
@pytest.mark.slow
def test_two_processes_share_the_address_lockout_of_the_forwarded_client(tmp_path, migrated_sqlite):
    env = {
        **sqlite_env(migrated_sqlite),
        "DANGVU_VAR_DIR": str(tmp_path),
        "ALLOWED_HOSTS": "testserver",
        "DANGVU_TRUSTED_PROXIES": "127.0.0.1",
        "DANGVU_LOGIN_ADDRESS_LIMIT": "6",
    }
    env.pop("DANGVU_CACHE_DIR", None)
    run(env, "-c", SETUP)
    # Two processes, three bad logins each from the same client behind the proxy: 6 in all.
    # Meanwhile a client that is not the proxy forges the header of another client, 203.0.113.50,
    # six times.
    proxy, client, victim, forger = "127.0.0.1", "203.0.113.7", "203.0.113.50", "198.51.100.9"
    results = race(
        env,
        tmp_path / "race",
        [
            [WORKER, "a", proxy, client, "3"],
            [WORKER, "b", proxy, client, "3"],
            [WORKER, "c", forger, victim, "6"],
        ],
    )
    assert all(code == 200 for r in results for code in r["codes"])  # none over the limit yet

    def probe(remote, forwarded):
        return json.loads(run(env, "-c", PROBE, remote, forwarded).splitlines()[-1])["status"]

    # The client counted by both processes together is locked out, with the right password.
    assert probe(proxy, client) == 429
    # Another client behind the same proxy is not: the proxy's address was not counted.
    assert probe(proxy, "203.0.113.8") == 302
    # The forged header locked out neither its victim nor, claimed again, frees the forger: the
    # forger was counted as itself.
    assert probe(proxy, victim) == 302
    assert probe(forger, "203.0.113.99") == 429
    # Nor does claiming to be someone else help a locked client past the proxy's count.
    assert probe(proxy, f"203.0.113.99, {client}") == 429


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def _gunicorn(tmp_path, database, **extra):
    """gunicorn with gunicorn.conf.py on `database`, a fresh SQLite file; yields its base URL."""
    port = _free_port()
    env = {
        **sqlite_env(database),
        **PRODUCTION,
        "DANGVU_HTTPS": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DANGVU_VAR_DIR": str(tmp_path),
        "DANGVU_BIND": f"127.0.0.1:{port}",
        **extra,
    }
    run(env, "manage.py", "collectstatic", "--noinput", "-v", "0")
    gunicorn = Path(sys.executable).parent / "gunicorn"
    server = subprocess.Popen(
        [gunicorn, "-c", "gunicorn.conf.py", "dangvu.wsgi"],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(300):
            try:
                urllib.request.urlopen(f"{base}/dang-nhap/", timeout=5).read()
                break
            except OSError:
                assert server.poll() is None, server.stderr.read().decode()[-2000:]
                time.sleep(0.1)
        else:
            raise AssertionError("gunicorn did not answer")
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)


@pytest.mark.sqlite_file
@pytest.mark.slow
def test_the_production_command_serves_pages_and_static_files(tmp_path, migrated_sqlite):
    """gunicorn with gunicorn.conf.py (two workers), static files by WhiteNoise from
    collectstatic's hashed copies: the login page and a stylesheet, each with its caching."""
    with _gunicorn(tmp_path, migrated_sqlite, DANGVU_WORKERS="2") as base:
        page = urllib.request.urlopen(f"{base}/dang-nhap/", timeout=5)
        html = page.read().decode()
        assert "no-store" in page.headers["Cache-Control"]
        css = re.search(r'href="(/static/[^"]+\.css)"', html).group(1)
        assert re.search(r"\.[0-9a-f]{12}\.css$", css)  # the hashed copy
        static = urllib.request.urlopen(base + css, timeout=5)
        assert static.status == 200
        assert "immutable" in static.headers["Cache-Control"]


@pytest.mark.sqlite_file
@pytest.mark.slow
@pytest.mark.parametrize("threads", [1, 2])
def test_a_held_request_does_not_hold_the_whole_worker(tmp_path, migrated_sqlite, threads):
    """One worker process: while a request is still arriving (a slow page or a slow client holds
    it), another request is answered when the worker has threads, and waits when it has not
    (gunicorn's sync worker, what dangvu served with before)."""
    with _gunicorn(
        tmp_path, migrated_sqlite, DANGVU_WORKERS="1", DANGVU_THREADS=str(threads)
    ) as base:
        port = int(base.rsplit(":", 1)[1])
        with socket.create_connection(("127.0.0.1", port)) as held:
            held.sendall(b"GET /dang-nhap/ HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # not finished
            time.sleep(0.5)
            try:
                urllib.request.urlopen(f"{base}/dang-nhap/", timeout=3).read()
                answered = True
            except OSError:
                answered = False
    assert answered == (threads > 1)


def _database_options(extra_env, load_gunicorn_conf):
    """The database OPTIONS the settings make in a fresh process, after gunicorn's
    configuration file was read (as gunicorn reads it before loading the application) or not."""
    code = (
        "import os, runpy\n"
        + ("runpy.run_path('gunicorn.conf.py')\n" if load_gunicorn_conf else "")
        + "os.environ['DJANGO_SETTINGS_MODULE'] = 'dangvu.settings'\n"
        "from django.conf import settings\n"
        "print(settings.DATABASES['default'].get('OPTIONS', {}).get('options', ''))\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("DANGVU_STATEMENT")}
    env.update(extra_env)
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip()


def test_web_workers_stop_a_statement_before_gunicorn_stops_them():
    """Behind gunicorn a PostgreSQL statement is stopped two seconds before the worker timeout;
    outside it (commands, the job worker) no limit is set, and SQLite gets none."""
    postgres = {"DATABASE_URL": "postgres://u@127.0.0.1:1/db", "DANGVU_WORKER_TIMEOUT": "30"}
    assert _database_options(postgres, True) == "-c statement_timeout=28000"
    assert _database_options(postgres, False) == ""
    assert _database_options({**postgres, "DANGVU_WORKER_TIMEOUT": "10"}, True).endswith("=8000")
    sqlite = {"DATABASE_URL": "sqlite:////tmp/never-opened.sqlite3"}
    assert _database_options(sqlite, True) == ""
