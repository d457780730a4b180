"""`python manage.py set_role USERNAME --role KIND --org SLUG [--person CCCD] [--user U]`:
give an account one more role (an account may hold several)."""

from dangvu.accounts import actions
from dangvu.accounts.commands import DangvuCommand

from .create_user import ROLES
from .revoke_role import role_arguments


class Command(DangvuCommand):
    help = "Giao thêm một vai trò cho một tài khoản (một tài khoản có thể giữ nhiều vai trò)."

    def add_arguments(self, parser):
        parser.add_argument("username", nargs="?", help="tên đăng nhập")
        parser.add_argument("--role", metavar="VAI_TRÒ", help=f"vai trò: {ROLES}")
        parser.add_argument("--org", metavar="MÃ", help="mã (slug) của tổ chức")
        parser.add_argument(
            "--person", metavar="CCCD", help="số CCCD của đảng viên (với vai trò member)"
        )
        self.add_user_argument(parser)

    def handle(self, *args, **options):
        actor = self.actor(options["user"])
        user, kind, org, person = role_arguments(self, actor, options)
        role, created = self.run(actions.grant_role, actor, user, kind, org=org, person=person)
        if created:
            self.stdout.write(f"Đã giao vai trò {role} cho {user.username}.")
        else:
            self.stdout.write(f"{user.username} đã có vai trò {role}; không có gì thay đổi.")
