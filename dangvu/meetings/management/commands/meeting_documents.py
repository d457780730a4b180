"""`python manage.py meeting_documents --org CELL --month YYYY-MM --out FILE [--minutes]
[--user NAME]`.

Writes the monthly resolution (nghị quyết chi bộ tháng …) of the cell's regular meeting of that
month, or with `--minutes` its minutes (biên bản), in the format of FILE's extension (.docx, .pdf,
.md), from the meeting's records; saves nothing. Refusals as `report`'s: Vietnamese, exit code 1.
"""

import re
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError

from dangvu.accounts.commands import DangvuCommand
from dangvu.lib.pdf import PdfError
from dangvu.lib.text import money
from dangvu.meetings import actions, paper
from dangvu.meetings.views import PAPER_FORMATS, export_paper
from dangvu.orgs.models import Organization

MONTH = re.compile(r"^(\d{4})-(\d{2})$")


class Command(DangvuCommand):
    help = (
        "Viết nghị quyết (hoặc biên bản, --minutes) sinh hoạt chi bộ một tháng ra .docx, .pdf, .md."
    )

    def add_arguments(self, parser):
        self.add_org_argument(parser)
        parser.add_argument("--month", required=True, help="tháng sinh hoạt, dạng 2017-06")
        parser.add_argument("--out", required=True, help="tệp kết quả; đuôi tệp chọn định dạng")
        parser.add_argument(
            "--minutes", action="store_true", help="viết biên bản thay cho nghị quyết"
        )
        self.add_user_argument(parser)

    def handle(self, *args, org, month, out, minutes=False, user=None, **options):
        out = Path(out)
        suffix = out.suffix.lower()
        if suffix not in PAPER_FORMATS:
            raise CommandError(
                f"Đuôi tệp “{out.suffix}” không được hỗ trợ; hãy dùng .docx, .pdf hoặc .md."
            )
        if not out.parent.is_dir():
            raise CommandError(f"Thư mục “{out.parent}” không tồn tại; hãy tạo thư mục trước.")
        found = MONTH.match(month or "")
        if not found or not 1 <= int(found[2]) <= 12:
            raise CommandError(f"Tháng “{month}” không hợp lệ; hãy viết dạng 2017-06.")
        year, number = int(found[1]), int(found[2])
        cell = self.organization(org, self.scope(user))
        if cell.kind != Organization.Kind.PARTY_CELL:
            raise CommandError(f"“{cell}” không phải là chi bộ: nghị quyết tháng là của chi bộ.")
        try:
            activity = paper.month_meeting(cell, year, number)
            build = paper.minutes_document if minutes else paper.resolution_document
            data = export_paper(build(activity), suffix)
        except (ValidationError, PdfError, RuntimeError, LookupError) as e:
            messages = getattr(e, "messages", None) or [str(e)]
            raise CommandError(" ".join(messages)) from None
        try:
            out.write_bytes(data)
        except OSError as e:
            raise CommandError(f"Không ghi được tệp “{out}”: {e.strerror}.") from None
        actions.record_paper_export(
            self.actor(user),
            activity,
            which="minutes" if minutes else "resolution",
            suffix=suffix,
            rows=activity.attendances.count(),
        )
        what = "biên bản" if minutes else "nghị quyết"
        self.stdout.write(f"Đã ghi {what} {out} ({money(len(data))} byte).")
