"""`python manage.py consolidate --org SLUG --date YYYY-MM-DD [--json] [--user U]`: the figures
of every grassroots unit under a superior committee, and their sums."""

from dangvu.accounts.commands import DangvuCommand
from dangvu.lib.dates import vn_date
from dangvu.superior import kept


class Command(DangvuCommand):
    help = "Tổng hợp số liệu các tổ chức cơ sở đảng trực thuộc một cấp ủy cấp trên vào một ngày."

    def add_arguments(self, parser):
        self.add_org_argument(parser, help="mã (slug) của cấp ủy cấp trên")
        self.add_date_argument(parser)
        self.add_json_argument(parser)
        self.add_user_argument(parser)

    def handle(self, *args, org, date, json=False, user=None, **options):
        scope = self.scope(user)
        root = self.organization(org, scope)
        result = kept.current_consolidation(root, self.day(date))  # kept when fresh
        result.units = [u for u in result.units if scope.can_read_org(u.org)]
        if json:
            self.write_json(result.as_json())
            return
        day = result.period.end
        self.stdout.write(
            f"{root.name_on(day)} — ngày {vn_date(day)}: {len(result.units)} tổ chức cơ sở đảng"
        )
        for unit in result.units:
            f = unit.facts
            self.stdout.write(
                f"  {unit.label:60s} đảng viên {f['party.members']:>6}  chi bộ {f['party.cells']:>4}"
            )
        self.stdout.write("Tổng số:")
        for name, label in result.labels.items():
            if name in result.totals:
                self.stdout.write(f"  {label:55s} {result.totals[name]!s:>12}   {name}")
