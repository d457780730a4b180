"""`python manage.py import_people FILE --org SLUG [--commit] [--user NAME]`: people from Excel.

Without --commit it only prints what would change. `--template OUT.xlsx` writes an empty file to
fill in (with `--org`, the guide sheet lists that organization's cells).
"""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from dangvu.accounts.scope import scope_for_username
from dangvu.orgs.models import Organization
from dangvu.orgs.tree import subtree_ids
from dangvu.people import excel


class Command(BaseCommand):
    help = (
        "Nhập hồ sơ cá nhân, sinh hoạt đảng và đoàn thể từ tệp Excel (.xlsx). "
        "Không có --commit thì chỉ xem trước, không ghi gì."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", help="tệp .xlsx cần nhập")
        parser.add_argument("--org", help="mã (slug) của đảng bộ cơ sở hoặc chi bộ nhận hồ sơ")
        parser.add_argument(
            "--commit", action="store_true", help="ghi vào hồ sơ (mặc định chỉ xem trước)"
        )
        parser.add_argument("--user", help="nhập với quyền của người dùng này (ghi vào nhật ký)")
        parser.add_argument(
            "--template", metavar="OUT.xlsx", help="ghi tệp mẫu trống vào OUT.xlsx rồi thôi"
        )

    def handle(self, *args, file=None, org=None, commit=False, user=None, template=None, **opts):
        try:
            scope = scope_for_username(user)
        except LookupError as e:
            raise CommandError(str(e)) from None
        organization = self._org(scope, org) if org else None
        if template:
            self._template(template, organization)
            return
        if not file or organization is None:
            raise CommandError("Cần tên tệp và --org (hoặc --template OUT.xlsx để lấy tệp mẫu).")
        if not scope.can_write_org(organization):
            raise CommandError(
                f"Người dùng “{user}” không có quyền ghi hồ sơ của “{organization}”."
            )
        data = self._read(Path(file))
        try:
            plan = excel.prepare(data, organization, scope)
        except excel.ImportFailed as e:
            raise CommandError(_errors(e.errors)) from None
        self._print(plan)
        if plan.errors:
            raise CommandError(_errors(plan.errors))
        if not commit:
            self.stdout.write("Chưa ghi gì. Chạy lại với --commit để ghi vào hồ sơ.")
            return
        actor = get_user_model().objects.get(username=user) if user else None
        try:
            excel.commit(plan, actor)
        except excel.ImportFailed as e:
            raise CommandError(_errors(e.errors)) from None
        self.stdout.write(f"Đã ghi: {plan.summary()}.")

    def _org(self, scope, slug):
        found = scope.orgs().filter(slug=slug).first()
        if found is None:
            raise CommandError(f"Không tìm thấy tổ chức “{slug}” (hoặc bạn không có quyền xem).")
        return found

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

    def _read(self, path):
        try:
            excel.check_size(path.stat().st_size)
            return path.read_bytes()
        except excel.ImportFailed as e:
            raise CommandError(_errors(e.errors)) from None
        except FileNotFoundError:
            raise CommandError(f"Không có tệp “{path}”.") from None
        except IsADirectoryError:
            raise CommandError(f"“{path}” là một thư mục, không phải tệp .xlsx.") from None
        except PermissionError:
            raise CommandError(f"Không có quyền đọc tệp “{path}”.") from None
        except OSError as e:
            raise CommandError(f"Không đọc được tệp “{path}” ({e.strerror}).") from None

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


def _errors(errors):
    head = (
        "Tệp có lỗi; không ghi gì:"
        if len(errors) == 1
        else f"Tệp có {len(errors)} lỗi; không ghi gì:"
    )
    return "\n".join([head, *errors])
