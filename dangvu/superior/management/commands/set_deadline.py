"""`python manage.py set_deadline --org SLUG --year YYYY --date YYYY-MM-DD [--period P]
[--note TEXT] [--user U]`: the day by which the units under a superior committee send their
report. Without --user it runs as the server's administrator; with it, the user must hold the
office role of the superior committee (its read-only role may not)."""

from django.core.management.base import CommandError

from dangvu.accounts.commands import DangvuCommand
from dangvu.lib.dates import vn_date
from dangvu.superior import actions


class Command(DangvuCommand):
    help = "Đặt hạn gửi báo cáo của các tổ chức cơ sở đảng trực thuộc một cấp ủy cấp trên."

    def add_arguments(self, parser):
        self.add_org_argument(parser, help="mã (slug) của cấp ủy cấp trên")
        self.add_period_arguments(parser)
        self.add_date_argument(parser, help="hạn gửi, dạng YYYY-MM-DD")
        parser.add_argument("--note", default="", help="ghi chú")
        self.add_user_argument(parser)

    def handle(self, *args, org, year, date, period="", note="", user=None, **options):
        scope = self.scope(user)
        superior = self.organization(org, scope)
        if not scope.can_write_org(superior):
            raise CommandError("Bạn không có quyền đặt hạn gửi báo cáo của cấp ủy này.")
        due = self.day(date)
        d = self.run(
            actions.set_deadline,
            self.actor(user),
            superior,
            year,
            due,
            period,
            note,
        )
        self.stdout.write(f"Hạn gửi báo cáo năm {year} của {superior}: {vn_date(d.due_on)}.")
