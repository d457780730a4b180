"""`python manage.py facts --org SLUG --year YYYY [--json] [--user NAME]`: every named fact."""

import json
from decimal import Decimal

from django.core.management.base import BaseCommand, CommandError

from dangvu.accounts.scope import scope_for_username
from dangvu.core.facts import Period, compute


class Command(BaseCommand):
    help = "In mọi số liệu (fact) của một tổ chức trong một năm, tính từ hồ sơ."

    def add_arguments(self, parser):
        parser.add_argument("--org", required=True, help="mã (slug) của tổ chức")
        parser.add_argument("--year", required=True, type=int, help="năm báo cáo")
        parser.add_argument("--json", action="store_true", help="in dạng JSON")
        parser.add_argument("--user", help="chạy với quyền của người dùng này")

    def handle(self, *args, org, year, json=False, user=None, **options):
        if not 1930 <= year <= 2100:
            raise CommandError(f"Năm {year} không hợp lệ.")
        try:
            scope = scope_for_username(user)
        except LookupError as e:
            raise CommandError(str(e)) from None
        organization = scope.orgs().filter(slug=org).first()
        if organization is None:
            raise CommandError(f"Không tìm thấy tổ chức “{org}” (hoặc bạn không có quyền xem).")
        facts = compute(organization, Period.year(year))
        if json:
            values = {name: _jsonable(f.value) for name, f in facts.items()}
            self.stdout.write(_dumps({"org": org, "year": year, "facts": values}))
            return
        for name, fact in facts.items():
            self.stdout.write(f"{name:50s} {fact.value!s:>14}   {fact.label}")


def _jsonable(value):
    if isinstance(value, Decimal):
        return float(value) if value != value.to_integral() else int(value)
    return value


def _dumps(data):
    return json.dumps(data, ensure_ascii=False, indent=2)
