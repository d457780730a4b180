"""`python manage.py report KIND --org SLUG --year YYYY [--period H1|Q1..Q4|MM] --out FILE
[--draft-version N] [--user NAME]`.

KIND is `annual` (the year), `six_month` (sơ kết 6 tháng đầu năm), `quarterly` (--period Q1…Q4)
or `monthly` (--period 01…12). Writes the report in the format of FILE's extension (.docx, .pdf,
.md, .html). It uses the organization's latest draft for that period (its frozen content once
finalised), or, when the office has not started one, the template filled from records — without
saving anything. Every refusal is a Vietnamese message and exit code 1.
"""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError

from dangvu.accounts.commands import DangvuCommand
from dangvu.lib.text import money
from dangvu.reports.models import ReportDraft
from dangvu.reports.outputs import FORMATS, export
from dangvu.reports.periods import KINDS, normalize_code, period_label
from dangvu.reports.unsaved import unsaved_draft


def _refuse(error):
    messages = getattr(error, "messages", None) or [str(error)]
    return CommandError(" ".join(messages))


class Command(DangvuCommand):
    help = "Viết báo cáo (năm, sơ kết 6 tháng, quý, tháng) của một tổ chức ra tệp .docx, .pdf, .md hoặc .html."

    def add_arguments(self, parser):
        parser.add_argument(
            "kind",
            choices=list(KINDS),
            help="loại báo cáo: annual (năm), six_month (sơ kết 6 tháng đầu năm), "
            "quarterly (quý), monthly (tháng)",
        )
        self.add_org_argument(parser)
        parser.add_argument("--year", required=True, type=int, help="năm báo cáo")
        parser.add_argument(
            "--period", default="", help="kỳ báo cáo: H1 (6 tháng), Q1…Q4 (quý), 01…12 (tháng)"
        )
        parser.add_argument("--out", required=True, help="tệp kết quả; đuôi tệp chọn định dạng")
        parser.add_argument(
            "--draft-version",
            type=int,
            dest="draft_version",
            help="phiên bản dự thảo (mặc định: mới nhất)",
        )
        self.add_user_argument(parser)

    def handle(
        self, *args, kind, org, year, out, period="", draft_version=None, user=None, **options
    ):
        version = draft_version
        out = Path(out)
        if out.suffix.lower() not in FORMATS:
            raise CommandError(
                f"Đuôi tệp “{out.suffix}” không được hỗ trợ; hãy dùng .docx, .pdf, .md hoặc .html."
            )
        if not out.parent.is_dir():
            raise CommandError(f"Thư mục “{out.parent}” không tồn tại; hãy tạo thư mục trước.")
        try:
            code = normalize_code(kind, period)
        except ValidationError as e:
            raise _refuse(e) from None
        scope = self.scope(user)
        organization = self.organization(org, scope)
        if organization.is_mass and not scope.can_write_report(organization):
            # A mass organization's report is its own executive's: a Party organization above
            # it reads its records but does not write its report.
            raise CommandError(f"Bạn không có quyền lập báo cáo của {organization}.")
        drafts = ReportDraft.objects.filter(org=organization, year=year, template=kind, period=code)
        draft = (
            drafts.filter(version=version).first()
            if version
            else drafts.order_by("-version").first()
        )
        if version and draft is None:
            label = period_label(kind, year, code)
            raise CommandError(f"Không có phiên bản {version} của {label[0].lower()}{label[1:]}.")
        try:
            draft = draft or unsaved_draft(organization, year, kind, code)
            data = export(draft, out.suffix.lower())
        except (ValidationError, RuntimeError, LookupError) as e:
            raise _refuse(e) from None
        try:
            out.write_bytes(data)
        except OSError as e:
            raise CommandError(f"Không ghi được tệp “{out}”: {e.strerror}.") from None
        state = "đã chốt" if draft.is_final else "dự thảo"
        self.stdout.write(f"Đã ghi {out} ({money(len(data))} byte, {state}).")
