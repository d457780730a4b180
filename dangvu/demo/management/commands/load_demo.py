"""`python manage.py load_demo`: the reference organization's records, loaded once.

Idempotent: each step checks whether its records exist. Demo logins get the password from
DANGVU_DEMO_PASSWORD, or a new random one, printed at the end (never stored in the repo).
"""

import os
import secrets

from django.contrib.auth import get_user_model
from django.db import transaction

from dangvu.accounts.commands import DangvuCommand
from dangvu.demo import STEPS
from dangvu.demo.foundation import DEMO_USERS


class Command(DangvuCommand):
    help = "Nạp dữ liệu mẫu của Đảng bộ Sở Thông tin và Truyền thông (2017)."

    def add_arguments(self, parser):
        parser.add_argument("--password", help="mật khẩu cho các tài khoản mẫu")
        parser.add_argument("--quiet-logins", action="store_true", help="không in mật khẩu")

    def handle(self, *args, password=None, quiet_logins=False, **options):
        self.stdout.write("Nạp dữ liệu mẫu:")
        with transaction.atomic():
            for step in STEPS:
                step(self.stdout)
        password = password or os.environ.get("DANGVU_DEMO_PASSWORD") or secrets.token_urlsafe(9)
        User = get_user_model()
        self.stdout.write("Tài khoản mẫu:")
        for username, _kind, _key, description in DEMO_USERS:
            user = User.objects.get(username=username)
            user.set_password(password)
            user.save()
            self.stdout.write(f"  {username:10s} {description}")
        if not quiet_logins:
            self.stdout.write(f"  mật khẩu chung: {password}")
