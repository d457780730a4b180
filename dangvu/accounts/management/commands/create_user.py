"""`python manage.py create_user USERNAME --role office|secretary|member|superior --org SLUG
[--person CCCD] [--password-stdin] [--user U]`, or `create_user USERNAME --admin`.

Without --password-stdin it prints a one-time password, to be changed at the first login.
"""

import sys

from django.core.management.base import CommandError

from dangvu.accounts import actions
from dangvu.accounts.commands import DangvuCommand
from dangvu.accounts.models import Role
from dangvu.orgs.models import Organization

ROLES = ", ".join(f"{k} ({label.lower()})" for k, label in Role.Kind.choices)


def member_person(command, actor, kind, org, cccd, missing="Vai trò member cần --person SỐ_CCCD."):
    """The person a member's role is for (--person CCCD, in `org`); only that role takes one."""
    if kind != Role.Kind.MEMBER:
        if cccd:
            raise CommandError("--person chỉ dùng với vai trò member.")
        return None
    if not cccd:
        raise CommandError(missing)
    return command.run(actions.person_by_cccd, actor, org, cccd)


class Command(DangvuCommand):
    help = (
        "Tạo tài khoản đăng nhập với một vai trò trên một tổ chức (và mọi tổ chức trực thuộc). "
        "Không có --password-stdin thì in ra mật khẩu dùng một lần, phải đổi khi đăng nhập lần đầu."
    )

    def add_arguments(self, parser):
        parser.add_argument("username", nargs="?", help="tên đăng nhập")
        parser.add_argument("--role", metavar="VAI_TRÒ", help=f"vai trò: {ROLES}")
        parser.add_argument(
            "--org",
            metavar="MÃ",
            help="mã (slug) của tổ chức; với vai trò member: tổ chức có hồ sơ của đảng viên",
        )
        parser.add_argument(
            "--person", metavar="CCCD", help="số CCCD của đảng viên (với vai trò member)"
        )
        parser.add_argument(
            "--password-stdin",
            action="store_true",
            dest="password_stdin",
            help="đọc mật khẩu từ dòng đầu của stdin thay vì cấp mật khẩu dùng một lần",
        )
        parser.add_argument(
            "--admin",
            action="store_true",
            help="tài khoản quản trị (thấy mọi tổ chức, lập tổ chức đầu tiên trên trình duyệt)",
        )
        self.add_user_argument(parser)

    def handle(self, *args, username=None, **options):
        if not username:
            raise CommandError("Thiếu tên đăng nhập: create_user TÊN --role VAI_TRÒ --org MÃ.")
        actor = self.actor(options["user"])
        password = self._password() if options["password_stdin"] else None
        if options["admin"]:
            if options["role"] or options["org"] or options["person"]:
                raise CommandError("--admin không đi cùng --role, --org hay --person.")
            user, one_time = self.run(
                actions.create_administrator, actor, username, password=password
            )
        else:
            user, one_time = self._create(actor, username, password, options)
        self.stdout.write(f"Đã tạo tài khoản {user.username}.")
        if one_time:
            self.stdout.write(
                f"Mật khẩu dùng một lần: {one_time}\n"
                "Trao mật khẩu này tận tay người dùng; họ phải đổi mật khẩu khi đăng nhập lần đầu."
            )

    def _create(self, actor, username, password, options):
        kind = options["role"]
        if not kind:
            hint = ""
            if not Organization.objects.exists():
                hint = (
                    " Chưa có tổ chức nào: tạo tài khoản quản trị bằng “create_user TÊN --admin” "
                    "rồi đăng nhập để bắt đầu, hoặc tạo đảng bộ bằng lệnh create_org trước."
                )
            raise CommandError(f"Thiếu --role: một trong {ROLES} (hoặc --admin).{hint}")
        if kind not in Role.Kind.values:
            raise CommandError(f"Vai trò “{kind}” không hợp lệ; --role là một trong: {ROLES}.")
        org = self.organization(options["org"])
        missing = "Tài khoản đảng viên cần --person SỐ_CCCD."
        person = member_person(self, actor, kind, org, options["person"], missing)
        return self.run(
            actions.create_account,
            actor,
            username,
            kind=kind,
            org=org,
            person=person,
            password=password,
        )

    def _password(self):
        password = sys.stdin.readline().rstrip("\r\n")
        if not password:
            raise CommandError("Không đọc được mật khẩu từ stdin (dòng đầu trống).")
        return password
