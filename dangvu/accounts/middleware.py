from django.contrib.auth.views import redirect_to_login
from django.utils.functional import SimpleLazyObject

from .scope import scope_for

PUBLIC_PREFIXES = ("/dang-nhap/", "/static/")


class LoginRequiredMiddleware:
    """Every page needs a login, and every request carries the user's scope as `request.scope`."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(PUBLIC_PREFIXES) and not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        request.scope = SimpleLazyObject(lambda: scope_for(request.user))
        return self.get_response(request)
