"""`python manage.py set_role USERNAME --role KIND --org SLUG [--person CCCD] [--user U]`:
give an account one more role (an account may hold several)."""

from dangvu.accounts import actions
from dangvu.accounts.commands import DangvuCommand

from .revoke_role import add_role_arguments, role_arguments


class Command(DangvuCommand):
    help = "Giao thêm một vai trò cho một tài khoản (một tài khoản có thể giữ nhiều vai trò)."

    def add_arguments(self, parser):
        add_role_arguments(self, parser)

    def handle(self, *args, **options):
        actor = self.actor(options["user"])
        user, kind, org, person = role_arguments(self, actor, options)
        role, created = self.run(actions.grant_role, actor, user, kind, org=org, person=person)
        if created:
            self.stdout.write(f"Đã giao vai trò {role} cho {user.username}.")
        else:
            self.stdout.write(f"{user.username} đã có vai trò {role}; không có gì thay đổi.")
