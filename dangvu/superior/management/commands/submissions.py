"""`python manage.py submissions --org SLUG --year YYYY [--period P] [--json] [--user U]`: every
grassroots unit under a superior committee, with its report sent, late or missing."""

from django.core.management.base import BaseCommand

from dangvu.lib.dates import vn_date
from dangvu.superior.tracker import track

from ._common import dumps, org_in, scope_of


class Command(BaseCommand):
    help = "Theo dõi báo cáo các tổ chức cơ sở đảng gửi lên cấp ủy cấp trên."

    def add_arguments(self, parser):
        parser.add_argument("--org", required=True, help="mã (slug) của cấp ủy cấp trên")
        parser.add_argument("--year", required=True, type=int, help="năm báo cáo")
        parser.add_argument("--period", default="", help="kỳ: H1, Q1…Q4, 01…12 (trống: cả năm)")
        parser.add_argument("--json", action="store_true", help="in dạng JSON")
        parser.add_argument("--user", help="chạy với quyền của người dùng này")

    def handle(self, *args, org, year, period="", json=False, user=None, **options):
        scope = scope_of(user)
        root = org_in(scope, org)
        result = track(root, year, (period or "").upper())
        result.lines = [line for line in result.lines if scope.can_read_org(line.org)]
        if json:
            self.stdout.write(dumps(result.as_json()))
            return
        due = vn_date(result.deadline.due_on) if result.deadline else "chưa đặt"
        self.stdout.write(f"{root} — báo cáo năm {year} {period}; hạn gửi: {due}")
        for line in result.lines:
            sent = vn_date(line.sent_on) if line.sent_on else ""
            self.stdout.write(f"  {line.name:60s} {line.status_label:28s} {sent}")
