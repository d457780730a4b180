"""`python manage.py consolidate --org SLUG --date YYYY-MM-DD [--json] [--user U]`: the figures
of every grassroots unit under a superior committee, and their sums."""

from django.core.management.base import BaseCommand

from dangvu.lib.dates import vn_date
from dangvu.superior.consolidate import consolidate, period_to

from ._common import day_of, dumps, org_in, scope_of


class Command(BaseCommand):
    help = "Tổng hợp số liệu các tổ chức cơ sở đảng trực thuộc một cấp ủy cấp trên vào một ngày."

    def add_arguments(self, parser):
        parser.add_argument("--org", required=True, help="mã (slug) của cấp ủy cấp trên")
        parser.add_argument("--date", required=True, help="ngày, dạng YYYY-MM-DD")
        parser.add_argument("--json", action="store_true", help="in dạng JSON")
        parser.add_argument("--user", help="chạy với quyền của người dùng này")

    def handle(self, *args, org, date, json=False, user=None, **options):
        scope = scope_of(user)
        root = org_in(scope, org)
        result = consolidate(root, period_to(day_of(date)))
        result.units = [u for u in result.units if scope.can_read_org(u.org)]
        if json:
            self.stdout.write(dumps(result.as_json()))
            return
        day = result.period.end
        self.stdout.write(
            f"{root.name_on(day)} — ngày {vn_date(day)}: {len(result.units)} tổ chức cơ sở đảng"
        )
        for unit in result.units:
            f = unit.facts
            self.stdout.write(
                f"  {unit.name:60s} đảng viên {f['party.members']:>6}  chi bộ {f['party.cells']:>4}"
            )
        self.stdout.write("Tổng số:")
        for name, label in result.labels.items():
            if name in result.totals:
                self.stdout.write(f"  {label:55s} {result.totals[name]!s:>12}   {name}")
