"""`python manage.py import_orgs FILE.xlsx --org SLUG [--type CODE] [--commit] [--user U]`: the structure under
an organization (cells, agency, mass organizations) from Excel. Without --commit it only shows
what would be created. `--template OUT.xlsx` writes the empty file to fill in.
"""

from pathlib import Path

from django.core.management.base import CommandError

from dangvu.accounts.commands import DangvuCommand
from dangvu.accounts.scope import scope_for
from dangvu.orgs import excel


class Command(DangvuCommand):
    help = (
        "Nhập cơ cấu tổ chức (chi bộ, cơ quan, phòng, đoàn thể …) dưới một tổ chức từ tệp Excel "
        "(.xlsx). Không có --commit thì chỉ xem trước, không ghi gì."
    )

    def add_arguments(self, parser):
        self.add_import_arguments(parser, "mã (slug) của tổ chức nhận các tổ chức trực thuộc")
        parser.add_argument(
            "--type",
            dest="org_type",
            metavar="LOẠI_HÌNH",
            help="loại hình của các đảng bộ, chi bộ mà cột “Loại hình” để trống (xem create_org "
            "--help)",
        )

    def handle(self, *args, file=None, org=None, commit=False, template=None, **options):
        actor = self.actor(options["user"])
        scope = scope_for(actor) if actor else None
        organization = self.organization(org, scope) if org else None
        if template:
            Path(template).write_bytes(excel.write_template(organization))
            self.stdout.write(f"Đã ghi tệp mẫu: {template}")
            return
        if not file or organization is None:
            raise CommandError("Cần tên tệp và --org (hoặc --template OUT.xlsx để lấy tệp mẫu).")
        try:
            plan = excel.prepare(
                self.read_xlsx(Path(file)),
                organization,
                actor,
                default_type=options.get("org_type") or "",
            )
        except excel.ImportFailed as e:
            raise self.import_failed(e.errors) from None
        for row in plan.rows:
            self.stdout.write(
                f"Dòng {row.number:>4}  {row.status_label:<7}  {row.name} "
                f"({row.kind_label.lower() or '?'}, trực thuộc {row.parent_name})"
            )
        self.stdout.write(f"Tổng cộng: {plan.summary()}.")
        if plan.errors:
            raise self.import_failed(plan.errors)
        if not plan.has_changes:
            self.stdout.write("Không có tổ chức mới; không ghi gì.")
            return
        if not commit:
            self.stdout.write("Chưa ghi gì. Chạy lại với --commit để ghi vào hồ sơ.")
            return
        try:
            created = excel.commit(plan, actor)
        except excel.ImportFailed as e:
            raise self.import_failed(e.errors) from None
        self.stdout.write(f"Đã ghi: {created} tổ chức mới.")
        for row in plan.rows:
            if row.status == excel.NEW:
                self.stdout.write(f"  {row.org.slug}  {row.org.name}")
