"""Login throttling per account and per address, counted in the database (`LoginFailure`).

Every failed login counts against the username and against the client address for `WINDOW`
seconds; past `ACCOUNT_LIMIT` (or `ADDRESS_LIMIT`) failures further attempts are refused, even
with the right password, until the window passes. A successful login clears its account's
count. The address is the client's behind a trusted proxy (`dangvu.ops.clients`), and every
server process inserts its failures into the same table, so all workers count together, even
failures at the same instant. The
middleware answers a refused login page with a clear Vietnamese message; the
authentication backend refuses too, so no other entry point bypasses the lock.
"""

import datetime as dt

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.core.exceptions import PermissionDenied
from django.dispatch import receiver
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from dangvu.ops.clients import client_address
from dangvu.ops.models import LoginFailure


def _limits():
    return (
        getattr(settings, "DANGVU_LOGIN_ACCOUNT_LIMIT", 15),
        getattr(settings, "DANGVU_LOGIN_ADDRESS_LIMIT", 50),
        getattr(settings, "DANGVU_LOGIN_WINDOW", 15 * 60),
    )


def _account_key(username):
    return f"dangvu:login:user:{(username or '').strip().lower()}"


def _address_key(address):
    return f"dangvu:login:addr:{address or '-'}"


def _bump(key, window):
    now = timezone.now()
    LoginFailure.objects.create(key=key, at=now)
    # Failures older than the window count for nothing: forget them as new ones come.
    LoginFailure.objects.filter(at__lt=now - dt.timedelta(seconds=window)).delete()


def _failures(key, window):
    since = timezone.now() - dt.timedelta(seconds=window)
    return LoginFailure.objects.filter(key=key, at__gte=since).count()


def locked_reason(username, address):
    """The Vietnamese message for a locked account or address, or "" when login may proceed."""
    account_limit, address_limit, window = _limits()
    minutes = max(1, window // 60)
    if username and _failures(_account_key(username), window) >= account_limit:
        return (
            f"Tài khoản “{username}” đã nhập sai mật khẩu {account_limit} lần nên tạm khóa "
            f"đăng nhập {minutes} phút. Hãy thử lại sau, hoặc nhờ văn phòng đặt lại mật khẩu."
        )
    if address and _failures(_address_key(address), window) >= address_limit:
        return (
            f"Máy này đã nhập sai mật khẩu quá {address_limit} lần nên tạm bị chặn đăng nhập "
            f"{minutes} phút. Hãy thử lại sau."
        )
    return ""


def reset(username=None, address=None):
    keys = [_account_key(username)] if username else []
    keys += [_address_key(address)] if address else []
    LoginFailure.objects.filter(key__in=keys).delete()


@receiver(user_login_failed)
def _count_failure(sender, credentials, request=None, **kwargs):
    _account_limit, _address_limit, window = _limits()
    username = credentials.get("username")
    if username:
        _bump(_account_key(username), window)
    address = client_address(request)
    if address:
        _bump(_address_key(address), window)


@receiver(user_logged_in)
def _clear_on_success(sender, request, user, **kwargs):
    reset(username=user.get_username())


class ThrottledModelBackend(ModelBackend):
    """Django's backend, refusing while the account or the address is locked."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if locked_reason(username, client_address(request)):
            raise PermissionDenied("locked")  # authenticate() then fails, counted as a failure
        return super().authenticate(request, username=username, password=password, **kwargs)


class LoginThrottleMiddleware:
    """Answers a login attempt on a locked account or address with 429 and the reason."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "POST" and request.path == reverse("login"):
            reason = locked_reason(request.POST.get("username"), client_address(request))
            if reason:
                return render(request, "ops/login_locked.html", {"reason": reason}, status=429)
        return self.get_response(request)
