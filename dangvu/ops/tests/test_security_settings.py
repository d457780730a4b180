"""Issue 12 items 5 and 7: login lockout, password rules, sessions, SQLite concurrency settings."""

import pytest
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse

from conftest import DEMO_PASSWORD


@pytest.fixture
def clean_cache():
    cache.clear()
    yield
    cache.clear()


def test_fifteen_wrong_passwords_lock_the_account(demo, client, clean_cache):
    url = reverse("login")
    for _ in range(15):
        client.post(url, {"username": "bithu1", "password": "sai-mat-khau"})
    response = client.post(url, {"username": "bithu1", "password": DEMO_PASSWORD})
    assert response.status_code == 429
    assert "tạm khóa" in response.content.decode()
    assert "_auth_user_id" not in client.session
    # Another account from another address is not locked.
    other = client.post(
        url, {"username": "vanphong", "password": DEMO_PASSWORD}, REMOTE_ADDR="10.0.0.9"
    )
    assert other.status_code == 302


def test_a_few_wrong_passwords_then_the_right_one_logs_in(demo, client, clean_cache):
    url = reverse("login")
    for _ in range(3):
        client.post(url, {"username": "bithu1", "password": "sai-mat-khau"})
    assert client.post(url, {"username": "bithu1", "password": DEMO_PASSWORD}).status_code == 302


@pytest.mark.parametrize("weak", ["12345678", "password", "1234567890", "matkhau"])
def test_weak_passwords_are_refused(weak):
    with pytest.raises(ValidationError):
        validate_password(weak)


def test_sessions_end_on_browser_close_and_idle():
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
    assert settings.SESSION_SAVE_EVERY_REQUEST
    assert settings.SESSION_COOKIE_AGE <= 8 * 3600


@pytest.mark.django_db
def test_sqlite_runs_in_wal_with_immediate_writes():
    if connection.vendor != "sqlite":
        pytest.skip("SQLite only")
    options = settings.DATABASES["default"]["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE"
    assert "journal_mode=WAL" in options["init_command"]
    assert options["timeout"] >= 20
