"""`python manage.py import_people FILE --org SLUG [--commit] [--user NAME]`: people from Excel.

Without --commit it only prints what would change. `--template OUT.xlsx` writes an empty file to
fill in (with `--org`, the guide sheet lists that organization's cells).
"""

from pathlib import Path

from django.core.management.base import CommandError

from dangvu.accounts.commands import DangvuCommand
from dangvu.orgs.models import Organization
from dangvu.orgs.tree import subtree_ids
from dangvu.people import excel


class Command(DangvuCommand):
    help = (
        "Nhập hồ sơ cá nhân, sinh hoạt đảng và đoàn thể từ tệp Excel (.xlsx). "
        "Không có --commit thì chỉ xem trước, không ghi gì."
    )

    def add_arguments(self, parser):
        self.add_import_arguments(parser, "mã (slug) của đảng bộ cơ sở hoặc chi bộ nhận hồ sơ")

    def handle(self, *args, file=None, org=None, commit=False, user=None, template=None, **opts):
        scope = self.scope(user)
        organization = self.organization(org, scope) if org else None
        if template:
            self._template(template, organization)
            return
        if not file or organization is None:
            raise CommandError("Cần tên tệp và --org (hoặc --template OUT.xlsx để lấy tệp mẫu).")
        if not scope.can_write_org(organization):
            raise CommandError(
                f"Người dùng “{user}” không có quyền ghi hồ sơ của “{organization}”."
            )
        data = self.read_xlsx(Path(file))
        try:
            plan = excel.prepare(data, organization, scope)
        except excel.ImportFailed as e:
            raise self.import_failed(e.errors) from None
        self._print(plan)
        if plan.errors:
            raise self.import_failed(plan.errors)
        if not commit:
            self.stdout.write("Chưa ghi gì. Chạy lại với --commit để ghi vào hồ sơ.")
            return
        try:
            excel.commit(plan, self.actor(user))
        except excel.ImportFailed as e:
            raise self.import_failed(e.errors) from None
        self.stdout.write(f"Đã ghi: {plan.summary()}.")

    def _template(self, path, organization):
        cells = []
        if organization is not None:
            cells = Organization.objects.filter(
                id__in=subtree_ids([organization.id]),
                kind=Organization.Kind.PARTY_CELL,
                valid_to__isnull=True,
            ).order_by("name")
        Path(path).write_bytes(excel.write_template(cells=cells))
        self.stdout.write(f"Đã ghi tệp mẫu: {path}")

    def _print(self, plan):
        if plan.ignored_columns:
            ignored = ", ".join(f"“{h}”" for h in plan.ignored_columns)
            self.stdout.write(f"Bỏ qua các cột: {ignored}")
        for row in plan.rows:
            changes = "; ".join(row.changes) if row.status in (excel.NEW, excel.UPDATE) else ""
            line = f"Dòng {row.number:>5}  {row.status_label:<9}  {row.name}"
            self.stdout.write(f"{line}: {changes}" if changes else line)
            for warning in row.warnings:
                self.stdout.write(f"             ! {warning}")
        self.stdout.write(f"Tổng cộng: {plan.summary()}.")
