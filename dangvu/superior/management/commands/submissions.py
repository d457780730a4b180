"""`python manage.py submissions --org SLUG --year YYYY [--period P] [--json] [--user U]`: every
grassroots unit under a superior committee, with its report sent, late or missing."""

from dangvu.accounts.commands import DangvuCommand
from dangvu.lib.dates import vn_date
from dangvu.reports.periods import check_code, check_year
from dangvu.superior.tracker import track


class Command(DangvuCommand):
    help = "Theo dõi báo cáo các tổ chức cơ sở đảng gửi lên cấp ủy cấp trên."

    def add_arguments(self, parser):
        self.add_org_argument(parser, help="mã (slug) của cấp ủy cấp trên")
        self.add_period_arguments(parser)
        self.add_json_argument(parser)
        self.add_user_argument(parser)

    def handle(self, *args, org, year, period="", json=False, user=None, **options):
        scope = self.scope(user)
        root = self.organization(org, scope)
        self.run(check_year, year)
        result = track(root, year, self.run(check_code, period))
        result.lines = [line for line in result.lines if scope.can_read_org(line.org)]
        if json:
            self.write_json(result.as_json())
            return
        due = vn_date(result.deadline.due_on) if result.deadline else "chưa đặt"
        self.stdout.write(f"{root} — báo cáo năm {year} {period}; hạn gửi: {due}")
        for line in result.lines:
            sent = vn_date(line.sent_on) if line.sent_on else ""
            self.stdout.write(f"  {line.name:60s} {line.status_label:28s} {sent}")
