"""`python manage.py stat_forms --org SLUG --date YYYY-MM-DD --out FILE.xlsx [--user U]
[--maker NAME] [--phone PHONE]`: the basic statistical forms (Biểu số 1- to 7-BTCTW of
11-HD/BTCTW) of an organization for the period from 1 January to the date, beside the same period
of the previous year, filled from the records; then the per-unit worksheet."""

from pathlib import Path

from django.core.management.base import CommandError

from dangvu.accounts.commands import DangvuCommand
from dangvu.superior import actions, kept


class Command(DangvuCommand):
    help = "Ghi các biểu thống kê cơ bản (các Biểu số …-BTCTW của 11-HD/BTCTW) ra tệp Excel."

    def add_arguments(self, parser):
        self.add_org_argument(parser)
        self.add_date_argument(parser, help="có đến ngày, dạng YYYY-MM-DD (kỳ: từ 01/01)")
        parser.add_argument("--out", required=True, help="tệp .xlsx sẽ ghi")
        parser.add_argument("--maker", default="", help="họ và tên người lập biểu")
        parser.add_argument("--phone", default="", help="điện thoại của người lập biểu")
        self.add_user_argument(parser)

    def handle(self, *args, org, date, out, maker="", phone="", user=None, **options):
        if not out.lower().endswith(".xlsx"):
            raise CommandError("Tệp ra phải có đuôi .xlsx.")
        root = self.organization(org, self.scope(user))
        forms = kept.current_forms(root, self.day(date))  # kept when fresh, else computed
        content = actions.export_forms(self.actor(user), forms, maker=maker, phone=phone)
        Path(out).write_bytes(content)
        d = forms.sheet("1-BTCTW")
        values = {line.key: line.values[0] for line in d.lines}
        self.stdout.write(
            f"Đã ghi {out}: {len(forms.sheets)} biểu và bảng theo đơn vị; đảng viên đầu kỳ "
            f"{values['A']}, tăng {values['B']}, giảm {values['C']}, cuối kỳ {values['D']}."
        )
