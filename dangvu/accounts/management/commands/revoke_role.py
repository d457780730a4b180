"""`python manage.py revoke_role USERNAME --role KIND --org SLUG [--person CCCD] [--user U]`:
take one role away from an account."""

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError

from dangvu.accounts import actions
from dangvu.accounts.commands import DangvuCommand
from dangvu.accounts.models import Role

from .create_user import ROLES, member_person


class RoleCommand(DangvuCommand):
    """USERNAME --role --org [--person] [--user], read and checked one way for set_role and
    revoke_role; a subclass says what it does with the role (`change`)."""

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
        username = options["username"]
        if not username:
            raise CommandError("Thiếu tên đăng nhập.")
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"Không có tài khoản “{username}”.")
        kind = options["role"]
        if kind not in Role.Kind.values:
            raise CommandError(
                f"Vai trò “{kind or ''}” không hợp lệ; --role là một trong: {ROLES}."
            )
        org = self.organization(options["org"])
        person = member_person(self, actor, kind, org, options["person"])
        self.change(actor, user, kind, org, person)

    def change(self, actor, user, kind, org, person):
        raise NotImplementedError


class Command(RoleCommand):
    help = "Thu hồi một vai trò của một tài khoản (tài khoản vẫn còn; khóa tài khoản trên trang Tài khoản)."

    def change(self, actor, user, kind, org, person):
        self.run(actions.revoke_role, actor, user, kind, org=org, person=person)
        label = Role.Kind(kind).label
        where = f" trên {org}" if kind != Role.Kind.MEMBER else ""
        self.stdout.write(f"Đã thu hồi vai trò {label}{where} của {user.username}.")
