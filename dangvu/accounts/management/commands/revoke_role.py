"""`python manage.py revoke_role USERNAME --role KIND --org SLUG [--person CCCD] [--user U]`:
take one role away from an account."""

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError

from dangvu.accounts import actions
from dangvu.accounts.commands import DangvuCommand
from dangvu.accounts.models import Role

from .create_user import ROLES, member_person


def add_role_arguments(command, parser):
    """USERNAME --role --org [--person] [--user], shared by set_role and revoke_role."""
    parser.add_argument("username", nargs="?", help="tên đăng nhập")
    parser.add_argument("--role", metavar="VAI_TRÒ", help=f"vai trò: {ROLES}")
    parser.add_argument("--org", metavar="MÃ", help="mã (slug) của tổ chức")
    parser.add_argument(
        "--person", metavar="CCCD", help="số CCCD của đảng viên (với vai trò member)"
    )
    command.add_user_argument(parser)


def role_arguments(command, actor, options):
    """(user, kind, org, person) from USERNAME --role --org [--person], checked."""
    username = options["username"]
    if not username:
        raise CommandError("Thiếu tên đăng nhập.")
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise CommandError(f"Không có tài khoản “{username}”.")
    kind = options["role"]
    if kind not in Role.Kind.values:
        raise CommandError(f"Vai trò “{kind or ''}” không hợp lệ; --role là một trong: {ROLES}.")
    org = command.organization(options["org"])
    person = member_person(command, actor, kind, org, options["person"])
    return user, kind, org, person


class Command(DangvuCommand):
    help = "Thu hồi một vai trò của một tài khoản (tài khoản vẫn còn; khóa tài khoản trên trang Tài khoản)."

    def add_arguments(self, parser):
        add_role_arguments(self, parser)

    def handle(self, *args, **options):
        actor = self.actor(options["user"])
        user, kind, org, person = role_arguments(self, actor, options)
        self.run(actions.revoke_role, actor, user, kind, org=org, person=person)
        label = Role.Kind(kind).label
        where = f" trên {org}" if kind != Role.Kind.MEMBER else ""
        self.stdout.write(f"Đã thu hồi vai trò {label}{where} của {user.username}.")
