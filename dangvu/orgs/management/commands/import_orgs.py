"""`python manage.py import_orgs FILE.xlsx --org SLUG [--type CODE] [--commit] [--user U]`: the structure under
an organization (cells, agency, mass organizations) from Excel. Without --commit it only shows
what would be created. `--template OUT.xlsx` writes the empty file to fill in.
"""

from dangvu.accounts.commands import ImportCommand
from dangvu.orgs import excel


class Command(ImportCommand):
    help = (
        "Nhập cơ cấu tổ chức (chi bộ, cơ quan, phòng, đoàn thể …) dưới một tổ chức từ tệp Excel "
        "(.xlsx). Không có --commit thì chỉ xem trước, không ghi gì."
    )
    org_help = "mã (slug) của tổ chức nhận các tổ chức trực thuộc"
    nothing_new = "Không có tổ chức mới; không ghi gì."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--type",
            dest="org_type",
            metavar="LOẠI_HÌNH",
            help="loại hình của các đảng bộ, chi bộ mà cột “Loại hình” để trống (xem create_org "
            "--help)",
        )

    def template(self, org):
        return excel.write_template(org)

    def prepare(self, data, org, scope, actor, options):
        return excel.prepare(data, org, actor, default_type=options.get("org_type") or "")

    def print_plan(self, plan):
        for row in plan.rows:
            self.stdout.write(
                f"Dòng {row.number:>4}  {row.status_label:<7}  {row.name} "
                f"({row.kind_label.lower() or '?'}, trực thuộc {row.parent_name})"
            )

    def commit(self, plan, actor):
        return excel.commit(plan, actor)

    def report(self, plan, created):
        self.stdout.write(f"Đã ghi: {created} tổ chức mới.")
        for row in plan.rows:
            if row.status == excel.NEW:
                self.stdout.write(f"  {row.org.slug}  {row.org.name}")
