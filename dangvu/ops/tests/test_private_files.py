"""Issue 12 item 8: what dangvu writes under var/ is readable by its owner only (0600, folders
0700), whatever the umask, and files left 0644 by an older version are tightened."""

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

# The tests here start dangvu in other processes (dangvu started as a new installation), which reach the
# database DATABASE_URL names: CI's PostgreSQL pass runs them too.
pytestmark = pytest.mark.processes

ROOT = Path(__file__).resolve().parents[3]

# Starts dangvu on a var/ folder, writes to its SQLite database (WAL: -wal and -shm appear) and
# to its log, and reports the modes while the connection is still open.
START = """
import json, logging, os, stat, django
django.setup()
from django.db import connection
with connection.cursor() as cursor:
    cursor.execute("CREATE TABLE IF NOT EXISTS t (x)")
    cursor.execute("INSERT INTO t VALUES (1)")
logging.getLogger("dangvu.test").warning("ghi nhật ký")
var = os.environ["DANGVU_VAR_DIR"]
modes = {}
for root, dirs, files in os.walk(var):
    for name in dirs + files:
        path = os.path.join(root, name)
        modes[os.path.relpath(path, var)] = stat.S_IMODE(os.stat(path).st_mode)
modes["."] = stat.S_IMODE(os.stat(var).st_mode)
print(json.dumps(modes))
"""


def _start(var):
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "SECRET_KEY")}
    env.update(DANGVU_VAR_DIR=str(var), DJANGO_SETTINGS_MODULE="dangvu.settings")
    done = subprocess.run(
        [sys.executable, "-c", START],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=lambda: os.umask(0o022),  # the usual umask, which would give 0644
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.splitlines()[-1])


EXPECTED = {
    ".": 0o700,
    "secret_key": 0o600,
    "dangvu.sqlite3": 0o600,
    "dangvu.sqlite3-wal": 0o600,
    "dangvu.sqlite3-shm": 0o600,
    "log": 0o700,
    "log/dangvu.log": 0o600,
}


def test_a_new_installation_writes_private_files(tmp_path):
    modes = _start(tmp_path / "var")
    assert {name: modes.get(name) for name in EXPECTED} == EXPECTED


def test_files_of_an_older_installation_are_tightened(tmp_path):
    var = tmp_path / "var"
    (var / "log").mkdir(parents=True)
    for name in ("dangvu.sqlite3", "log/dangvu.log"):
        (var / name).touch()
    (var / "secret_key").write_text("khoa-cu")
    for path in [var, *var.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    modes = _start(var)
    assert {name: modes.get(name) for name in EXPECTED} == EXPECTED
    assert (var / "secret_key").read_text() == "khoa-cu"


def test_uploaded_files_are_private(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    name = default_storage.save("van-ban/7/2017/ab12cd34-quyet-dinh.pdf", ContentFile(b"%PDF-1.4"))
    path = Path(settings.MEDIA_ROOT) / name
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    for folder in (path.parent, path.parent.parent, path.parent.parent.parent):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
