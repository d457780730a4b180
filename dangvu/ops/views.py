"""Views of the operations app that Django calls by setting, not by URL."""

from django.shortcuts import render


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: the refused form in Vietnamese, with what to do (Django's page is
    English and speaks to developers). The reason is not shown: it helps no user."""
    return render(request, "403_csrf.html", status=403)
