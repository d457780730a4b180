"""`python manage.py import_people FILE --org SLUG [--commit] [--user NAME]`: people from Excel.

Without --commit it only prints what would change. `--template OUT.xlsx` writes an empty file to
fill in (with `--org`, the guide sheet lists that organization's cells).
"""

from django.core.management.base import CommandError

from dangvu.accounts.commands import ImportCommand
from dangvu.orgs.models import Organization
from dangvu.orgs.tree import subtree_ids
from dangvu.people import excel


class Command(ImportCommand):
    help = (
        "Nhập hồ sơ cá nhân, sinh hoạt đảng và đoàn thể từ tệp Excel (.xlsx). "
        "Không có --commit thì chỉ xem trước, không ghi gì."
    )
    org_help = "mã (slug) của đảng bộ cơ sở hoặc chi bộ nhận hồ sơ"

    def template(self, org):
        cells = []
        if org is not None:
            cells = Organization.objects.filter(
                id__in=subtree_ids([org.id]),
                kind=Organization.Kind.PARTY_CELL,
                valid_to__isnull=True,
            ).order_by("name")
        return excel.write_template(cells=cells)

    def prepare(self, data, org, scope, actor, options):
        if not scope.can_write_org(org):
            name = actor.username if actor else ""
            raise CommandError(f"Người dùng “{name}” không có quyền ghi hồ sơ của “{org}”.")
        return excel.prepare(data, org, scope)

    def print_plan(self, plan):
        if plan.ignored_columns:
            ignored = ", ".join(f"“{h}”" for h in plan.ignored_columns)
            self.stdout.write(f"Bỏ qua các cột: {ignored}")
        for row in plan.rows:
            changes = "; ".join(row.changes) if row.status in (excel.NEW, excel.UPDATE) else ""
            line = f"Dòng {row.number:>5}  {row.status_label:<9}  {row.name}"
            self.stdout.write(f"{line}: {changes}" if changes else line)
            for warning in row.warnings:
                self.stdout.write(f"             ! {warning}")

    def commit(self, plan, actor):
        return excel.commit(plan, actor)

    def report(self, plan, counts):
        self.stdout.write(f"Đã ghi: {plan.summary()}.")
