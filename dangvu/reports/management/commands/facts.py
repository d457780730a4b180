"""`python manage.py facts --org SLUG --year YYYY [--json] [--user NAME]`: every named fact."""

from decimal import Decimal

from django.core.management.base import CommandError

from dangvu.accounts.commands import DangvuCommand
from dangvu.core.facts import Period, compute


class Command(DangvuCommand):
    help = "In mọi số liệu (fact) của một tổ chức trong một năm, tính từ hồ sơ."

    def add_arguments(self, parser):
        self.add_org_argument(parser)
        parser.add_argument("--year", required=True, type=int, help="năm báo cáo")
        self.add_json_argument(parser)
        self.add_user_argument(parser)

    def handle(self, *args, org, year, json=False, user=None, **options):
        if not 1930 <= year <= 2100:
            raise CommandError(f"Năm {year} không hợp lệ.")
        organization = self.organization(org, self.scope(user))
        facts = compute(organization, Period.year(year))
        if json:
            values = {name: _jsonable(f.value) for name, f in facts.items()}
            self.write_json({"org": org, "year": year, "facts": values})
            return
        for name, fact in facts.items():
            self.stdout.write(f"{name:50s} {fact.value!s:>14}   {fact.label}")


def _jsonable(value):
    if isinstance(value, Decimal):
        return float(value) if value != value.to_integral() else int(value)
    return value
