"""`python manage.py stats --org SLUG --date YYYY-MM-DD [--json] [--user NAME]`: section I figures."""

import json

from django.core.management.base import BaseCommand, CommandError

from dangvu.accounts.scope import scope_for_username
from dangvu.lib.dates import parse_date, vn_date
from dangvu.people.stats import section_one, values


class Command(BaseCommand):
    help = "In số liệu đặc điểm, tình hình (mục I báo cáo) của một tổ chức vào một ngày."

    def add_arguments(self, parser):
        parser.add_argument("--org", required=True, help="mã (slug) của tổ chức")
        parser.add_argument("--date", required=True, help="ngày, dạng YYYY-MM-DD hoặc dd/mm/yyyy")
        parser.add_argument("--json", action="store_true", help="in dạng JSON")
        parser.add_argument("--user", help="chạy với quyền của người dùng này")

    def handle(self, *args, org, date, json=False, user=None, **options):
        try:
            day = parse_date(date)
        except ValueError:
            day = None
        if day is None:
            raise CommandError(f"Ngày “{date}” không hợp lệ; hãy viết dạng 2017-12-31.")
        try:
            scope = scope_for_username(user)
        except LookupError as e:
            raise CommandError(str(e)) from None
        organization = scope.orgs().filter(slug=org).first()
        if organization is None:
            raise CommandError(f"Không tìm thấy tổ chức “{org}” (hoặc bạn không có quyền xem).")
        figures = section_one(organization, day)
        if json:
            self.stdout.write(
                _json({"org": org, "date": day.isoformat(), "facts": values(figures)})
            )
            return
        self.stdout.write(f"{organization.name_on(day)} — ngày {vn_date(day)}")
        for name, fig in figures.items():
            self.stdout.write(f"  {fig.label:45s} {fig.value!s:>10}   {name}")


def _json(data):
    return json.dumps(data, ensure_ascii=False, indent=2)
