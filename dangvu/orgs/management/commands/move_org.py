"""`python manage.py move_org --org SLUG --superior-name NAME --from YYYY-MM-DD
[--decision TEXT] [--user U]`: the organization is under another superior committee from a date
(not a rename: reports dated before keep the old superior).
"""

from django.core.management.base import CommandError

from dangvu.accounts import onboarding
from dangvu.accounts.commands import DangvuCommand
from dangvu.accounts.scope import scope_for


class Command(DangvuCommand):
    help = (
        "Chuyển một tổ chức về trực thuộc cấp ủy cấp trên khác từ một ngày (sắp xếp lại), "
        "không phải đổi tên: báo cáo các ngày trước vẫn ghi cấp trên cũ."
    )

    def add_arguments(self, parser):
        self.add_org_argument(parser)
        parser.add_argument("--superior-name", dest="superior_name", metavar="TÊN", required=True)
        parser.add_argument("--from", dest="valid_from", metavar="NGÀY", required=True)
        parser.add_argument("--decision", default="", metavar="VĂN_BẢN", help="căn cứ")
        self.add_user_argument(parser)

    def handle(self, *args, **options):
        actor = self.actor(options["user"])
        scope = scope_for(actor) if actor else None
        org = self.organization(options["org"], scope)
        if scope is not None and not scope.can_restructure_org(org):
            raise CommandError(f"Bạn không có quyền chuyển {org}.")
        move = self.run(
            onboarding.move_under,
            actor,
            org,
            superior_name=options["superior_name"],
            on=self.day(options["valid_from"]),
            decision=options["decision"],
        )
        self.stdout.write(f"{org.slug}: trực thuộc {move.parent} từ {move.valid_from:%d/%m/%Y}")
