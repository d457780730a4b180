"""`python manage.py load_demo`: the reference organization's records, loaded once.

Idempotent: each step checks whether its records exist. The demo logins' password is, in this
order: --password, DANGVU_DEMO_PASSWORD, the one this command made at an earlier run (kept in
`var/demo_password`, 0600, never in the repo), or a new random one. It must pass the password
rules of every account (refused before anything is written); it is printed at the end, with a
word when it differs from the one the demo logins had.
"""

import os
import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model, password_validation
from django.core.exceptions import ValidationError
from django.core.management.base import CommandError
from django.db import transaction

from dangvu.accounts.actions import password_problems
from dangvu.accounts.commands import DangvuCommand
from dangvu.core.planner import analyze
from dangvu.demo import STEPS
from dangvu.demo.foundation import DEMO_USERS
from dangvu.ops.private import FILE_MODE


def saved_password_file():
    return Path(settings.VAR_DIR) / "demo_password"


def _saved_password():
    try:
        return saved_password_file().read_text().strip() or None
    except FileNotFoundError:
        return None


def _save_password(password):
    path = saved_password_file()
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
    with os.fdopen(fd, "w") as f:
        f.write(password)


def _problems(password):
    """The password rules' complaints for any demo login, in Vietnamese (empty when none)."""
    User = get_user_model()
    for username, *_ in DEMO_USERS:
        try:
            password_validation.validate_password(password, User(username=username))
        except ValidationError as error:
            return password_problems(error)
    return []


def _new_password():
    while True:  # a random one almost always passes; the rules decide, not a guess
        password = secrets.token_urlsafe(9)
        if not _problems(password):
            return password


class Command(DangvuCommand):
    help = "Nạp dữ liệu mẫu của Đảng bộ Sở Thông tin và Truyền thông (2017)."

    def add_arguments(self, parser):
        parser.add_argument("--password", help="mật khẩu cho các tài khoản mẫu")
        parser.add_argument("--quiet-logins", action="store_true", help="không in mật khẩu")

    def handle(self, *args, password=None, quiet_logins=False, **options):
        chosen = password or os.environ.get("DANGVU_DEMO_PASSWORD")
        if chosen:
            problems = _problems(chosen)
            if problems:
                raise CommandError(
                    "Mật khẩu mẫu không dùng được: " + " ".join(problems) + " Không nạp gì."
                )
            password = chosen
        else:
            password = _saved_password()
            if password is None or _problems(password):
                password = _new_password()
                _save_password(password)
        self.stdout.write("Nạp dữ liệu mẫu:")
        with transaction.atomic():
            for step in STEPS:
                step(self.stdout)
        analyze()  # the demo's pages are read at once: plans from empty tables' statistics are slow
        changed = self._set_password(password)
        if not quiet_logins:
            self.stdout.write(f"  mật khẩu chung: {password}")
            if changed:
                self.stdout.write(
                    "  (mật khẩu đã đổi: mật khẩu cũ của các tài khoản mẫu hết hiệu lực)"
                )

    def _set_password(self, password):
        """Give every demo login `password`; whether they had another one (all demo logins
        share one password, so the first tells)."""
        User = get_user_model()
        users = [User.objects.get(username=username) for username, *_ in DEMO_USERS]
        changed = users[0].has_usable_password() and not users[0].check_password(password)
        self.stdout.write("Tài khoản mẫu:")
        for user, (_username, _kind, _key, description) in zip(users, DEMO_USERS, strict=True):
            user.set_password(password)
            user.save()
            self.stdout.write(f"  {user.username:10s} {description}")
        return changed
