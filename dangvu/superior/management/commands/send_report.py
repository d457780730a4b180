"""`python manage.py send_report --draft ID [--date YYYY-MM-DD] [--user U]`: record that a
finalised report was sent to the superior committee."""

from django.core.management.base import CommandError

from dangvu.accounts.commands import DangvuCommand
from dangvu.lib.dates import vn_date
from dangvu.reports.models import ReportDraft
from dangvu.superior import actions


class Command(DangvuCommand):
    help = "Gửi một báo cáo đã chốt lên cấp ủy cấp trên."

    def add_arguments(self, parser):
        parser.add_argument("--draft", required=True, type=int, help="số (id) của báo cáo")
        self.add_date_argument(parser, help="ngày gửi (mặc định hôm nay)", required=False)
        self.add_user_argument(parser)

    def handle(self, *args, draft, date=None, user=None, **options):
        scope = self.scope(user)
        found = ReportDraft.objects.select_related("org").filter(pk=draft).first()
        if found is None or not scope.can_read_org(found.org):
            raise CommandError(f"Không tìm thấy báo cáo số {draft} (hoặc bạn không có quyền xem).")
        if not scope.can_write_org(found.org):
            raise CommandError("Bạn không có quyền gửi báo cáo của tổ chức này.")
        day = self.day(date) if date else None
        s = self.run(actions.send_report, self.actor(user), found, day)
        self.stdout.write(
            f"Đã gửi {found.label} của {found.org} lên {s.superior} ngày {vn_date(s.sent_on)}."
        )
