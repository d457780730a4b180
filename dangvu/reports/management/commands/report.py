"""`python manage.py report annual --org SLUG --year YYYY --out FILE [--draft-version N] [--user NAME]`.

Writes the report in the format of FILE's extension (.docx, .pdf, .md, .html). It uses the
organization's latest draft for that year (its frozen content once finalised), or, when the office
has not started one, the default template filled from records — without saving anything.
"""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from dangvu.accounts.scope import scope_for_username
from dangvu.lib.text import money
from dangvu.reports.models import ReportDraft
from dangvu.reports.outputs import FORMATS, export
from dangvu.reports.unsaved import unsaved_draft


class Command(BaseCommand):
    help = "Viết báo cáo năm của một tổ chức ra tệp .docx, .pdf, .md hoặc .html."

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=["annual"], help="loại báo cáo (annual: báo cáo năm)")
        parser.add_argument("--org", required=True, help="mã (slug) của tổ chức")
        parser.add_argument("--year", required=True, type=int, help="năm báo cáo")
        parser.add_argument("--out", required=True, help="tệp kết quả; đuôi tệp chọn định dạng")
        parser.add_argument(
            "--draft-version",
            type=int,
            dest="draft_version",
            help="phiên bản dự thảo (mặc định: mới nhất)",
        )
        parser.add_argument("--user", help="chạy với quyền của người dùng này")

    def handle(self, *args, kind, org, year, out, draft_version=None, user=None, **options):
        version = draft_version
        out = Path(out)
        if out.suffix.lower() not in FORMATS:
            raise CommandError(
                f"Đuôi tệp “{out.suffix}” không được hỗ trợ; hãy dùng .docx, .pdf, .md hoặc .html."
            )
        try:
            scope = scope_for_username(user)
        except LookupError as e:
            raise CommandError(str(e)) from None
        organization = scope.orgs().filter(slug=org).first()
        if organization is None:
            raise CommandError(f"Không tìm thấy tổ chức “{org}” (hoặc bạn không có quyền xem).")
        drafts = ReportDraft.objects.filter(org=organization, year=year, template=kind)
        draft = (
            drafts.filter(version=version).first()
            if version
            else drafts.order_by("-version").first()
        )
        if version and draft is None:
            raise CommandError(f"Không có phiên bản {version} của báo cáo năm {year}.")
        try:
            draft = draft or unsaved_draft(organization, year, kind)
            data = export(draft, out.suffix.lower())
        except (ValidationError, RuntimeError) as e:
            raise CommandError("; ".join(getattr(e, "messages", [str(e)]))) from None
        out.write_bytes(data)
        state = "đã chốt" if draft.is_final else "dự thảo"
        self.stdout.write(f"Đã ghi {out} ({money(len(data))} byte, {state}).")
