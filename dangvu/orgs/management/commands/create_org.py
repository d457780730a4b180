"""`python manage.py create_org --name NAME --kind KIND [--parent SLUG] [--slug SLUG]
[--from YYYY-MM-DD] [--place PLACE] [--symbol KÝ_HIỆU] [--superior-name NAME]
[--founding-document TEXT] [--type CODE] [--term NAME [--term-from YYYY-MM-DD]]
[--mass-kind CODE] [--user U]`:
one organization; prints its slug.
"""

from django.core.management.base import CommandError

from dangvu.accounts import onboarding
from dangvu.accounts.commands import DangvuCommand
from dangvu.accounts.scope import scope_for
from dangvu.orgs import kinds as org_kinds
from dangvu.orgs.models import Organization

KINDS = ", ".join(Organization.Kind.values)
TYPES = "; ".join(f"{k.code} ({k.label})" for k in org_kinds.all_kinds().values())
MASS_KINDS = "; ".join(f"{k.code} ({k.label})" for k in org_kinds.recorded_mass_kinds())


class Command(DangvuCommand):
    help = (
        "Tạo một tổ chức (đảng bộ cơ sở, chi bộ, cơ quan, đoàn thể …) và in mã (slug) của nó. "
        f"Loại (--kind): {KINDS}."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--name", metavar="TÊN", help="tên tổ chức, ví dụ “Đảng bộ Sở Tài chính”"
        )
        parser.add_argument("--kind", metavar="LOẠI", help=f"loại tổ chức: {KINDS}")
        parser.add_argument(
            "--parent", metavar="MÃ", help="mã (slug) của tổ chức cấp trên trực tiếp"
        )
        parser.add_argument("--slug", metavar="MÃ", help="mã tự chọn (mặc định: tạo từ tên)")
        parser.add_argument(
            "--from",
            dest="valid_from",
            metavar="NGÀY",
            help="ngày thành lập, dạng YYYY-MM-DD hoặc dd/mm/yyyy (mặc định: ngày thành lập của tổ chức cấp trên, hoặc hôm nay)",
        )
        parser.add_argument(
            "--place",
            metavar="ĐỊA_DANH",
            help="địa danh ghi trên văn bản (mặc định: của tổ chức cấp trên)",
        )
        parser.add_argument(
            "--symbol",
            metavar="KÝ_HIỆU",
            help="ký hiệu cuối số văn bản, ví dụ ĐU trong “15-BC/ĐU” "
            "(mặc định: theo tên cấp ủy — CB cho chi bộ, ĐU cho đảng bộ, HU cho huyện ủy …)",
        )
        parser.add_argument(
            "--superior-name",
            dest="superior_name",
            metavar="TÊN",
            help="tên cấp ủy cấp trên khi cấp trên chưa có trong dangvu (thay cho --parent): "
            "tạo cấp ủy cấp trên đó, hoặc dùng lại nếu đã có cùng tên",
        )
        parser.add_argument(
            "--founding-document",
            dest="founding_document",
            metavar="VĂN_BẢN",
            help="quyết định thành lập",
        )
        parser.add_argument(
            "--type",
            dest="org_type",
            metavar="LOẠI_HÌNH",
            help="loại hình tổ chức cơ sở đảng (chọn mẫu báo cáo, số liệu mục I, chức danh): "
            f"{TYPES}. Mặc định: chi bộ theo đảng bộ cấp trên, đảng bộ là cơ quan Nhà nước",
        )
        parser.add_argument(
            "--term",
            metavar="NHIỆM_KỲ",
            help="nhiệm kỳ của cấp ủy (chi ủy), ví dụ 2025-2030: để lấy số văn bản đi ngay",
        )
        parser.add_argument(
            "--term-from",
            dest="term_from",
            metavar="NGÀY",
            help="ngày bắt đầu nhiệm kỳ (mặc định: ngày thành lập)",
        )
        parser.add_argument(
            "--mass-kind",
            dest="mass_kind",
            metavar="LOẠI_ĐOÀN_THỂ",
            help=f"với --kind mass: loại đoàn thể, một trong: {MASS_KINDS}",
        )
        self.add_user_argument(parser)

    def handle(self, *args, **options):
        actor = self.actor(options["user"])
        scope = scope_for(actor) if actor else None
        if not options["name"] or not (options["name"] or "").strip():
            raise CommandError("Thiếu --name (tên tổ chức).")
        kind = options["kind"]
        if not kind:
            raise CommandError(f"Thiếu --kind (loại tổ chức): một trong {KINDS}.")
        if kind not in Organization.Kind.values:
            raise CommandError(
                f"Loại tổ chức “{kind or ''}” không hợp lệ; --kind là một trong: {KINDS}."
            )
        if options["parent"] and options["superior_name"]:
            raise CommandError("Chỉ dùng một trong hai: --parent hoặc --superior-name.")
        parent = None
        if options["parent"]:
            parent = self.organization(options["parent"], scope, option="--parent")
        valid_from = self.day(options["valid_from"]) if options["valid_from"] else None
        if options["org_type"] and options["org_type"] not in org_kinds.codes():
            raise CommandError(
                f"Loại hình “{options['org_type']}” không có; --type là một trong: "
                f"{', '.join(org_kinds.codes())}."
            )
        if options["term_from"] and not options["term"]:
            raise CommandError("--term-from cần đi cùng --term (tên nhiệm kỳ).")
        term_from = self.day(options["term_from"]) if options["term_from"] else None
        org = self.run(
            onboarding.create_org,
            actor,
            kind=kind,
            name=options["name"],
            parent=parent,
            superior_name=options["superior_name"] or "",
            slug=options["slug"] or "",
            valid_from=valid_from,
            place=options["place"],
            symbol=options["symbol"],
            founding_document=options["founding_document"] or "",
            org_type=options["org_type"] or "",
            term=options["term"] or "",
            term_from=term_from,
            mass_kind=options["mass_kind"] or "",
        )
        self.stdout.write(org.slug)
