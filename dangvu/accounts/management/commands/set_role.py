"""`python manage.py set_role USERNAME --role KIND --org SLUG [--person CCCD] [--user U]`:
give an account one more role (an account may hold several)."""

from dangvu.accounts import actions

from .revoke_role import RoleCommand


class Command(RoleCommand):
    help = "Giao thêm một vai trò cho một tài khoản (một tài khoản có thể giữ nhiều vai trò)."

    def change(self, actor, user, kind, org, person):
        role, created = self.run(actions.grant_role, actor, user, kind, org=org, person=person)
        if created:
            self.stdout.write(f"Đã giao vai trò {role} cho {user.username}.")
        else:
            self.stdout.write(f"{user.username} đã có vai trò {role}; không có gì thay đổi.")
