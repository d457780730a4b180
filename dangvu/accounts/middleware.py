from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.utils.cache import add_never_cache_headers
from django.utils.functional import SimpleLazyObject

from dangvu.orgs.models import Organization

from .actions import must_change_password
from .scope import scope_for

PUBLIC_PREFIXES = ("/dang-nhap/", "/static/", "/favicon.ico")
# The same files for everyone, nothing personal: the only responses a browser or proxy may keep.
SHARED_PREFIXES = ("/static/", "/favicon.ico")
# While a one-time password is in use, only these pages open.
ONE_TIME_PREFIXES = ("/doi-mat-khau/", "/dang-xuat/", "/static/")
# Set in the session at login when the account's password is a one-time password.
ONE_TIME_KEY = "must_change_password"


class LoginRequiredMiddleware:
    """Every page needs a login, and every request carries the user's scope as `request.scope`.

    Two detours for a logged-in user: one who logged in with a one-time password goes to the
    password change page first; the administrator of a fresh installation (no organization yet)
    is led from the home page to the first-run page.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(PUBLIC_PREFIXES) and not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if request.user.is_authenticated:
            detour = _detour(request)
            if detour:
                return detour
        request.scope = SimpleLazyObject(lambda: scope_for(request.user))
        return self.get_response(request)


class NoStoreMiddleware:
    """Every page and export but the static files is `Cache-Control: no-store` (Django's
    never_cache headers): they hold personal data, and a shared computer's browser cache or a
    proxy must not keep a copy after the user logs out."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not request.path.startswith(SHARED_PREFIXES):
            add_never_cache_headers(response)
        return response


def _detour(request):
    if request.session.get(ONE_TIME_KEY) and not request.path.startswith(ONE_TIME_PREFIXES):
        return redirect("password_change")
    if request.path == "/" and request.user.is_superuser:
        if not Organization.objects.exists():
            return redirect("setup")
    return None


def remember_one_time_password(sender, request, user, **kwargs):
    """On login (the `user_logged_in` signal): note in the session whether the password must be
    changed, so the check above costs no query per request."""
    if request is not None and hasattr(request, "session") and must_change_password(user):
        request.session[ONE_TIME_KEY] = True
