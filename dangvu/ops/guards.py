"""Guards that run before anything else reads a request: the debug page kept to this computer,
and a request body too large for any form of dangvu refused before it is read."""

import ipaddress
import re

from django.conf import settings
from django.core.exceptions import MiddlewareNotUsed
from django.http import HttpResponse
from django.views.debug import SafeExceptionReporterFilter


def _is_loopback_address(address):
    try:
        return ipaddress.ip_address(address).is_loopback
    except ValueError:
        return False


def _host_name(host_header):
    """The host of a Host header without its port: "127.0.0.1:8000" -> "127.0.0.1"."""
    host = host_header.strip().lower()
    if host.startswith("["):
        return host.split("]")[0] + "]"
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def _refusal(status, text):
    page = (
        f'<!doctype html><html lang="vi"><meta charset="utf-8"><title>dangvu</title><p>{text}</p>'
    )
    return HttpResponse(page, status=status, content_type="text/html; charset=utf-8")


class DebugOnLoopbackMiddleware:
    """Under DEBUG, only requests from this computer that name this computer are served.

    The debug page shows the settings and the server's environment; `make demo` runs DEBUG on
    127.0.0.1 only, and this refuses the rest (another computer, or a foreign Host header sent
    to a server listening on 0.0.0.0) before Django could answer with that page. Without DEBUG
    the middleware removes itself."""

    def __init__(self, get_response):
        if not settings.DEBUG:
            raise MiddlewareNotUsed
        self.get_response = get_response

    def __call__(self, request):
        if not _is_loopback_address(request.META.get("REMOTE_ADDR", "")):
            return _refusal(
                403, "Máy chủ đang chạy chế độ gỡ lỗi (DEBUG): chỉ mở từ chính máy này."
            )
        if _host_name(request.META.get("HTTP_HOST", "")) not in settings.LOOPBACK_HOSTS:
            return _refusal(400, "Địa chỉ máy chủ (Host) không hợp lệ ở chế độ gỡ lỗi (DEBUG).")
        return self.get_response(request)


class RequestSizeMiddleware:
    """A body declared larger than DANGVU_MAX_REQUEST_BYTES gets 413 before it is read: Django
    would otherwise read a huge upload to the end (to disk) before any view could refuse it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return _refusal(400, "Độ dài nội dung yêu cầu (Content-Length) không hợp lệ.")
        limit = settings.DANGVU_MAX_REQUEST_BYTES
        if length > limit:
            return _refusal(
                413,
                f"Yêu cầu quá lớn: {length // (1024 * 1024)} MB, tối đa "
                f"{limit // (1024 * 1024)} MB. Hãy chia nhỏ tệp.",
            )
        return self.get_response(request)


class ExceptionReporterFilter(SafeExceptionReporterFilter):
    """Django's filter, hiding also the database settings and URL (DATABASE_URL carries the
    database password and does not match Django's list of secret-looking names)."""

    hidden_settings = re.compile(
        "API|AUTH|TOKEN|KEY|SECRET|PASS|SIGNATURE|HTTP_COOKIE|DATABASE", flags=re.IGNORECASE
    )
