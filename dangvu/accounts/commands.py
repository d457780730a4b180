"""What the onboarding commands share: Vietnamese argument errors with exit code 1, the acting
user of --user, and named actions whose ValidationError becomes a CommandError (nothing written,
no traceback)."""

import re
import sys

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from dangvu.orgs.models import Organization

# argparse speaks English; the messages a user meets most, in Vietnamese.
ARGPARSE_MESSAGES = [
    (r"the following arguments are required: (.*)", "thiếu tham số bắt buộc: {0}"),
    (r"unrecognized arguments: (.*)", "tham số không được hỗ trợ: {0}"),
    (r"argument (\S+): expected one argument", "tham số {0} cần một giá trị"),
    (r"argument (\S+): invalid (\w+) value: (.*)", "tham số {0} có giá trị không hợp lệ: {2}"),
    (r"argument (\S+): ignored explicit argument (.*)", "tham số {0} không nhận giá trị {1}"),
]


def vietnamese_argument_error(message):
    for pattern, text in ARGPARSE_MESSAGES:
        found = re.fullmatch(pattern, message)
        if found:
            return text.format(*found.groups())
    return message


class DangvuCommand(BaseCommand):
    def create_parser(self, prog_name, subcommand, **kwargs):
        parser = super().create_parser(prog_name, subcommand, **kwargs)

        def error(message):
            text = vietnamese_argument_error(message)
            if not parser.called_from_command_line:
                raise CommandError(text)
            parser.print_usage(sys.stderr)
            sys.stderr.write(f"Lỗi: {text}\n")
            sys.exit(1)

        parser.error = error
        return parser

    def add_user_argument(self, parser):
        parser.add_argument(
            "--user",
            metavar="TÊN",
            help="chạy với quyền của người dùng này (ghi vào nhật ký); "
            "không có thì chạy với quyền người quản trị máy chủ",
        )

    def actor(self, username):
        """The user named by --user, or None for the operator."""
        if not username:
            return None
        user = get_user_model().objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"Không có người dùng “{username}”.")
        return user

    def run(self, func, *args, **kwargs):
        try:
            return func(*args, **kwargs)
        except ValidationError as e:
            raise CommandError("\n".join(e.messages)) from None

    def organization(self, slug, scope=None, option="--org"):
        """The organization of `slug` that `scope` sees (all of them without a scope)."""
        if not slug:
            raise CommandError(f"Thiếu {option} (mã của tổ chức).")
        orgs = Organization.objects.all() if scope is None else scope.orgs()
        org = orgs.filter(slug=slug).first()
        if org is None:
            raise CommandError(
                f"Không tìm thấy tổ chức mang mã “{slug}” ({option}), "
                "hoặc bạn không có quyền xem tổ chức đó."
            )
        return org
