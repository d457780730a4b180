"""`python manage.py send_report --draft ID [--date YYYY-MM-DD] [--user U]`: record that a
finalised report was sent to the superior committee."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from dangvu.lib.dates import vn_date
from dangvu.reports.models import ReportDraft
from dangvu.superior import actions

from ._common import day_of, scope_of, user_of


class Command(BaseCommand):
    help = "Gửi một báo cáo đã chốt lên cấp ủy cấp trên."

    def add_arguments(self, parser):
        parser.add_argument("--draft", required=True, type=int, help="số (id) của báo cáo")
        parser.add_argument("--date", help="ngày gửi (mặc định hôm nay)")
        parser.add_argument("--user", help="chạy với quyền của người dùng này")

    def handle(self, *args, draft, date=None, user=None, **options):
        scope = scope_of(user)
        found = ReportDraft.objects.select_related("org").filter(pk=draft).first()
        if found is None or not scope.can_read_org(found.org):
            raise CommandError(f"Không tìm thấy báo cáo số {draft} (hoặc bạn không có quyền xem).")
        if not scope.can_write_org(found.org):
            raise CommandError("Bạn không có quyền gửi báo cáo của tổ chức này.")
        try:
            s = actions.send_report(user_of(user), found, day_of(date) if date else None)
        except ValidationError as e:
            raise CommandError(" ".join(e.messages)) from None
        self.stdout.write(
            f"Đã gửi {found.label} của {found.org} lên {s.superior} ngày {vn_date(s.sent_on)}."
        )
