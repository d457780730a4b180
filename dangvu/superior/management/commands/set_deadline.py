"""`python manage.py set_deadline --org SLUG --year YYYY --date YYYY-MM-DD [--period P]
[--note TEXT] [--user U]`: the day by which the units under a superior committee send their
report. Without --user it runs as the server's administrator; with it, the user must hold the
office role of the superior committee (its read-only role may not)."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from dangvu.lib.dates import vn_date
from dangvu.superior import actions

from ._common import day_of, org_in, scope_of, user_of


class Command(BaseCommand):
    help = "Đặt hạn gửi báo cáo của các tổ chức cơ sở đảng trực thuộc một cấp ủy cấp trên."

    def add_arguments(self, parser):
        parser.add_argument("--org", required=True, help="mã (slug) của cấp ủy cấp trên")
        parser.add_argument("--year", required=True, type=int, help="năm báo cáo")
        parser.add_argument("--date", required=True, help="hạn gửi, dạng YYYY-MM-DD")
        parser.add_argument("--period", default="", help="kỳ: H1, Q1…Q4, 01…12 (trống: cả năm)")
        parser.add_argument("--note", default="", help="ghi chú")
        parser.add_argument("--user", help="chạy với quyền của người dùng này")

    def handle(self, *args, org, year, date, period="", note="", user=None, **options):
        scope = scope_of(user)
        superior = org_in(scope, org)
        if not scope.can_write_org(superior):
            raise CommandError("Bạn không có quyền đặt hạn gửi báo cáo của cấp ủy này.")
        try:
            d = actions.set_deadline(
                user_of(user), superior, year, day_of(date), (period or "").upper(), note
            )
        except ValidationError as e:
            raise CommandError(" ".join(e.messages)) from None
        self.stdout.write(f"Hạn gửi báo cáo năm {year} của {superior}: {vn_date(d.due_on)}.")
