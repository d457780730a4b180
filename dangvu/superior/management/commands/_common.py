"""What the superior committee's commands share: the user's scope, the organization, the date."""

import json

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError

from dangvu.accounts.scope import scope_for_username
from dangvu.lib.dates import parse_date


def scope_of(user):
    try:
        return scope_for_username(user)
    except LookupError as e:
        raise CommandError(str(e)) from None


def org_in(scope, slug):
    org = scope.orgs().filter(slug=slug).first()
    if org is None:
        raise CommandError(f"Không tìm thấy tổ chức “{slug}” (hoặc bạn không có quyền xem).")
    return org


def day_of(text):
    try:
        day = parse_date(text)
    except ValueError:
        day = None
    if day is None:
        raise CommandError(f"Ngày “{text}” không hợp lệ; hãy viết dạng 2017-12-31.")
    return day


def user_of(username):
    if not username:
        return None

    return get_user_model().objects.get(username=username)


def dumps(data):
    return json.dumps(data, ensure_ascii=False, indent=2)
