"""Issue 27 items 3, 5 and 8: headers, the CSRF page, the request size limit, DEBUG kept to this
computer, sessions out of backups."""

import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client, RequestFactory, override_settings
from django.urls import reverse
from django.views.debug import get_default_exception_reporter_filter

from dangvu.ops.backup import make_backup
from dangvu.people.models import Person
from dangvu.reports.models import ReportDraft

# The tests here start dangvu in other processes (dangvu started with production settings), which reach the
# database DATABASE_URL names: CI's PostgreSQL pass runs them too.
pytestmark = pytest.mark.processes

ROOT = Path(__file__).resolve().parents[3]


def _script_source(response):
    policy = response["Content-Security-Policy"]
    return next(d for d in policy.split(";") if d.strip().startswith("script-src"))


def test_pages_carry_a_content_security_policy(demo, login):
    client = login("vanphong")
    policy = client.get(reverse("people_list"))["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "object-src 'none'" in policy
    assert "frame-ancestors 'none'" in policy
    # Scripts: dangvu's own files only, never an inline script without the page's nonce.
    assert _script_source(client.get(reverse("people_list"))).split() == ["script-src", "'self'"]


def test_the_one_inline_script_runs_by_the_pages_nonce(demo, login):
    draft = ReportDraft.objects.get(org=demo, year=2017, version=1)
    response = login("vanphong").get(f"/bao-cao/{draft.id}/muc/situation/")
    nonce = re.search(r"'nonce-([^']+)'", _script_source(response)).group(1)
    assert f'<script nonce="{nonce}">' in response.content.decode()


def test_personal_pages_and_exports_are_not_stored(demo, login):
    client = login("vanphong")
    person = Person.objects.filter(cccd__isnull=False).first()
    for url in (
        reverse("person_detail", args=[person.id]),
        reverse("people_export"),
        reverse("people_list"),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "no-store" in response["Cache-Control"], url


def test_static_files_may_be_cached(client):
    response = client.get("/favicon.ico")
    assert "no-store" not in response.get("Cache-Control", "")


@pytest.mark.django_db
def test_a_refused_form_says_so_in_vietnamese():
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("login"), {"username": "a", "password": "b"})
    assert response.status_code == 403
    page = response.content.decode()
    assert "Biểu mẫu đã hết hạn hoặc không hợp lệ" in page
    assert "CSRF verification failed" not in page


@pytest.mark.django_db
def test_a_huge_body_is_refused_from_its_length_before_it_is_read(client):
    class Unreadable:
        def read(self, *args):
            raise AssertionError("the body was read")

        readline = read

    huge = str(300 * 1024 * 1024)
    response = client.generic(
        "POST",
        reverse("login"),
        CONTENT_LENGTH=huge,
        CONTENT_TYPE="application/x-www-form-urlencoded",
        **{"wsgi.input": Unreadable()},
    )
    assert response.status_code == 413
    assert "Yêu cầu quá lớn: 300 MB" in response.content.decode()
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE <= settings.DANGVU_MAX_REQUEST_BYTES


@pytest.mark.django_db
@override_settings(DEBUG=True)
def test_under_debug_only_this_computer_naming_itself_is_served():
    client = Client()
    here = client.get(reverse("login"), HTTP_HOST="127.0.0.1:8000")
    assert here.status_code == 200
    foreign_host = client.get(reverse("login"), HTTP_HOST="attacker.example")
    assert foreign_host.status_code == 400
    other_computer = client.get(
        reverse("login"), HTTP_HOST="127.0.0.1:8000", REMOTE_ADDR="192.168.1.20"
    )
    assert other_computer.status_code == 403
    for refused in (foreign_host, other_computer):
        page = refused.content.decode()
        assert "DEBUG" in page
        assert "Traceback" not in page and "DATABASE" not in page


def test_error_reports_hide_the_database_url():
    request = RequestFactory().get("/", DATABASE_URL="postgres://u:secret@db/x")
    meta = get_default_exception_reporter_filter().get_safe_request_meta(request)
    assert "secret" not in meta["DATABASE_URL"]
    settings_shown = get_default_exception_reporter_filter().get_safe_settings()
    assert "secret" not in json.dumps(settings_shown["DATABASES"], default=str)


def _start(env):
    """Load the settings in a fresh process, as `manage.py runserver` would."""
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "dangvu.settings", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_debug_is_refused_when_another_computer_may_connect(tmp_path):
    env = {"DANGVU_VAR_DIR": str(tmp_path), "DEBUG": "1"}
    refused = _start({**env, "ALLOWED_HOSTS": "dangvu.example.vn,127.0.0.1"})
    assert refused.returncode != 0
    assert "DEBUG=1 chỉ dùng trên máy này" in refused.stderr
    assert _start({**env, "ALLOWED_HOSTS": "127.0.0.1,localhost"}).returncode == 0


@pytest.mark.django_db(transaction=True)
def test_backups_hold_no_live_session(tmp_path, client, django_user_model):
    django_user_model.objects.create_user("nguoidung", password="mot-cau-dai-kho-doan")
    assert client.login(username="nguoidung", password="mot-cau-dai-kho-doan")
    key = Session.objects.get().session_key
    result = make_backup(tmp_path / "b.zip")
    with zipfile.ZipFile(result["file"]) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        assert manifest["tables"]["django_session"]["rows"] == 0
        assert archive.read("database/django_session.jsonl") == b""
        for name in archive.namelist():
            assert key.encode() not in archive.read(name), name
