"""`python manage.py org_profile --org SLUG [--type CODE --from YYYY-MM-DD]
[--date YYYY-MM-DD CODE=VALUE …] [--user U]`: an organization's type of grassroots organization
from a date, and its profile figures as of a date (population=5200 households=1310 …); without
either, prints its type and the figures its type names.
"""

from django.core.management.base import CommandError

from dangvu.accounts.commands import DangvuCommand
from dangvu.accounts.scope import scope_for
from dangvu.orgs import actions, kinds


class Command(DangvuCommand):
    help = (
        "Loại hình tổ chức cơ sở đảng (--type, từ ngày --from) và số liệu đặc điểm mục I "
        "(MÃ=SỐ, tính đến ngày --date) của một tổ chức. Không có gì để ghi thì in loại hình "
        "và các chỉ tiêu của nó."
    )

    def add_arguments(self, parser):
        parser.add_argument("figures", nargs="*", metavar="MÃ=SỐ", help="ví dụ population=5200")
        self.add_org_argument(parser)
        parser.add_argument("--type", dest="org_type", metavar="LOẠI_HÌNH", help="mã loại hình")
        parser.add_argument("--from", dest="valid_from", metavar="NGÀY", help="loại hình từ ngày")
        self.add_date_argument(parser, help="số liệu tính đến ngày", required=False)
        parser.add_argument("--note", default="", help="căn cứ, nguồn số liệu")
        self.add_user_argument(parser)

    def handle(self, *args, figures=(), **options):
        actor = self.actor(options["user"])
        scope = scope_for(actor) if actor else None
        org = self.organization(options["org"], scope)
        if scope is not None and not scope.can_write_org(org):
            raise CommandError(f"Bạn không có quyền ghi hồ sơ của {org}.")
        if options["org_type"]:
            if not options["valid_from"]:
                raise CommandError("Cần --from (loại hình từ ngày nào).")
            self.run(
                actions.set_type,
                actor,
                org,
                options["org_type"],
                self.day(options["valid_from"]),
                options["note"],
            )
        if figures:
            if not options["date"]:
                raise CommandError("Cần --date (số liệu tính đến ngày nào).")
            values = {}
            for item in figures:
                code, sep, value = item.partition("=")
                if not sep or not value.strip().removeprefix("-").isdigit():
                    raise CommandError(
                        f"“{item}” không đúng dạng MÃ=SỐ (số nguyên), ví dụ population=5200 "
                        "(lợi nhuận lỗ ghi số âm: profit=-1500)."
                    )
                values[code.strip()] = int(value)
            self.run(
                actions.record_profile_figures,
                actor,
                org,
                values,
                self.day(options["date"]),
                options["note"],
            )
        kind = kinds.kind_on(org)
        self.stdout.write(f"{org.slug}: {kind.code} ({kind.label})")
        for item in kind.profile:
            self.stdout.write(f"  {item.code}: {item.label} ({item.unit})")
