"""`python manage.py stat_forms --org SLUG --date YYYY-MM-DD --out FILE.xlsx [--user U]`: the
basic statistical forms (11-HD/BTCTW) of an organization, filled from the records."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from dangvu.superior import statforms

from ._common import day_of, org_in, scope_of


class Command(BaseCommand):
    help = "Ghi các biểu thống kê cơ bản về tổ chức đảng, đảng viên (11-HD/BTCTW) ra tệp Excel."

    def add_arguments(self, parser):
        parser.add_argument("--org", required=True, help="mã (slug) của tổ chức")
        parser.add_argument("--date", required=True, help="có đến ngày, dạng YYYY-MM-DD")
        parser.add_argument("--out", required=True, help="tệp .xlsx sẽ ghi")
        parser.add_argument("--user", help="chạy với quyền của người dùng này")

    def handle(self, *args, org, date, out, user=None, **options):
        if not out.lower().endswith(".xlsx"):
            raise CommandError("Tệp ra phải có đuôi .xlsx.")
        root = org_in(scope_of(user), org)
        forms = statforms.compute(root, day_of(date))
        Path(out).write_bytes(statforms.xlsx_bytes(forms))
        self.stdout.write(
            f"Đã ghi {out}: {len(statforms.FORMS)} biểu, {len(forms.rows)} tổ chức, "
            f"{forms.total.values.get('members', 0)} đảng viên."
        )
