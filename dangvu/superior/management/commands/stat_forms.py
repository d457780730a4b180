"""`python manage.py stat_forms --org SLUG --date YYYY-MM-DD --out FILE.xlsx [--user U]`: the
basic statistical forms (11-HD/BTCTW) of an organization, filled from the records."""

from pathlib import Path

from django.core.management.base import CommandError

from dangvu.accounts.commands import DangvuCommand
from dangvu.superior import statforms


class Command(DangvuCommand):
    help = "Ghi các biểu thống kê cơ bản về tổ chức đảng, đảng viên (11-HD/BTCTW) ra tệp Excel."

    def add_arguments(self, parser):
        self.add_org_argument(parser)
        self.add_date_argument(parser, help="có đến ngày, dạng YYYY-MM-DD")
        parser.add_argument("--out", required=True, help="tệp .xlsx sẽ ghi")
        self.add_user_argument(parser)

    def handle(self, *args, org, date, out, user=None, **options):
        if not out.lower().endswith(".xlsx"):
            raise CommandError("Tệp ra phải có đuôi .xlsx.")
        root = self.organization(org, self.scope(user))
        forms = statforms.compute(root, self.day(date))
        Path(out).write_bytes(statforms.xlsx_bytes(forms))
        self.stdout.write(
            f"Đã ghi {out}: {len(statforms.FORMS)} biểu, {len(forms.rows)} tổ chức, "
            f"{forms.total.values.get('members', 0)} đảng viên."
        )
