"""Issue 27, a new user's first hour: the demo's password, and what the Makefile does for them
(DEBUG only on this computer, the demo's year, a stale venv, data deleted only when asked)."""

import os
import re
import shutil
import stat
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings

from conftest import DEMO_PASSWORD
from dangvu.demo.work import YEAR
from dangvu.orgs.models import Organization

# The tests here start dangvu in other processes (`make` and the commands run as a newcomer runs them), which reach the
# database DATABASE_URL names: CI's PostgreSQL pass runs them too.
pytestmark = pytest.mark.processes

ROOT = Path(__file__).resolve().parents[3]


# The demo's password -----------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("weak", "said"),
    [("123", "quá ngắn"), ("matkhau123", "quá phổ biến"), ("vanphongvanphong", "tên đăng nhập")],
)
def test_a_weak_demo_password_is_refused_before_anything_is_loaded(weak, said):
    with pytest.raises(CommandError, match=said):
        call_command("load_demo", password=weak, stdout=StringIO())
    assert not Organization.objects.exists()


def _load(**kwargs):
    out = StringIO()
    call_command("load_demo", stdout=out, **kwargs)
    return out.getvalue()


def test_the_demo_password_is_kept_between_runs_and_a_change_is_said(demo, tmp_path, monkeypatch):
    monkeypatch.delenv("DANGVU_DEMO_PASSWORD", raising=False)
    with override_settings(VAR_DIR=tmp_path):
        first = _load()
        password = re.search(r"mật khẩu chung: (\S+)", first).group(1)
        assert password != DEMO_PASSWORD
        assert "mật khẩu đã đổi" in first  # the logins had the tests' password
        saved = tmp_path / "demo_password"
        assert stat.S_IMODE(saved.stat().st_mode) == 0o600
        again = _load()
        assert f"mật khẩu chung: {password}" in again
        assert "mật khẩu đã đổi" not in again
    assert authenticate(username="bithu1", password=password)


def test_the_demo_password_from_the_environment_is_checked_too(demo, monkeypatch):
    monkeypatch.setenv("DANGVU_DEMO_PASSWORD", "12345678901")
    with pytest.raises(CommandError, match="chỉ gồm chữ số"):
        _load()


# The Makefile ----------------------------------------------------------------------------------


def _make(tmp_path, *args, stdin=None):
    shutil.copy(ROOT / "Makefile", tmp_path / "Makefile")
    (tmp_path / "pyproject.toml").touch()
    return subprocess.run(
        ["make", "--no-print-directory", *args],
        cwd=tmp_path,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        env={k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "ALLOWED_HOSTS")},
    )


def test_the_demo_runs_debug_on_this_computer_only(tmp_path):
    here = _make(tmp_path, "-n", "demo").stdout
    assert "DEBUG=1" in here and "runserver 127.0.0.1:8000" in here
    shared = _make(tmp_path, "-n", "demo", "HOST=0.0.0.0:8080", "ALLOWED_HOSTS=192.168.1.10").stdout
    assert "DEBUG=1" not in shared
    assert 'DEBUG=0 ALLOWED_HOSTS="192.168.1.10"' in shared and "--insecure 0.0.0.0:8080" in shared


def test_the_demo_for_other_computers_asks_for_allowed_hosts(tmp_path):
    shared = _make(tmp_path, "-n", "demo", "HOST=0.0.0.0:8080").stdout
    assert "đặt ALLOWED_HOSTS" in shared


def test_the_demo_opens_on_the_demos_year(tmp_path):
    assert f"/?ngay={YEAR}-12-31" in _make(tmp_path, "-n", "demo").stdout


def _fake_python(path, version_ok):
    """A `python` that answers the Makefile's version test as a Python of that age would."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"#!/bin/sh\nexit {0 if version_ok else 1}\n")
    path.chmod(0o755)


def test_a_venv_of_a_too_old_python_is_made_again(tmp_path):
    _fake_python(tmp_path / ".venv/bin/python", version_ok=False)
    result = _make(tmp_path, "-n", "setup")
    assert "cũ hơn 3.11" in result.stdout
    assert not (tmp_path / ".venv").exists()
    assert "-m venv .venv" in result.stdout


def test_a_venv_of_a_recent_python_is_kept(tmp_path):
    (tmp_path / ".venv/bin").mkdir(parents=True)
    (tmp_path / ".venv/bin/python").symlink_to(sys.executable)
    assert "cũ hơn" not in _make(tmp_path, "-n", "setup").stdout
    assert (tmp_path / ".venv/bin/python").exists()


def test_a_too_old_python_is_named_instead_of_making_a_venv(tmp_path):
    _fake_python(tmp_path / "old/python3", version_ok=False)
    result = _make(tmp_path, "setup", f"PYTHON={tmp_path / 'old/python3'}")
    assert result.returncode != 0
    assert "dangvu cần Python ≥ 3.11" in result.stdout
    assert not (tmp_path / ".venv").exists()


def test_clean_keeps_the_data_and_clean_data_asks_first(tmp_path):
    (tmp_path / "var").mkdir()
    (tmp_path / "var/dangvu.sqlite3").write_text("dữ liệu")
    (tmp_path / ".venv").mkdir()
    _make(tmp_path, "clean")
    assert not (tmp_path / ".venv").exists() and (tmp_path / "var/dangvu.sqlite3").exists()
    refused = _make(tmp_path, "clean-data", stdin="no\n")
    assert refused.returncode != 0 and "Không xóa gì" in refused.stdout
    assert (tmp_path / "var/dangvu.sqlite3").exists()
    assert _make(tmp_path, "clean-data", stdin="yes\n").returncode == 0
    assert not (tmp_path / "var").exists()


def test_format_and_lint_do_something(tmp_path):
    (tmp_path / ".venv/bin").mkdir(parents=True)
    (tmp_path / ".venv/.installed-dev").touch()
    assert "ruff format ." in _make(tmp_path, "-n", "format").stdout
    assert "ruff format --check ." in _make(tmp_path, "-n", "lint").stdout
