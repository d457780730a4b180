"""`python manage.py check_report FILE [--json]`: the errors real reports contain.

Prints the errors first, then the notes (style advice), one finding per line (location,
problem, suggestion, excerpt); or with --json one JSON object per finding, in reading order:
{"code", "location", "line", "excerpt", "problem", "suggestion", "severity"}, severity "lỗi"
(an error) or "lưu ý" (a note). Exits with status 1 when there are errors, 0 when there are
none (notes alone do not fail a script).
"""

import json

from django.conf import settings
from django.core.management.base import CommandError

from dangvu.accounts.commands import DangvuCommand
from dangvu.lib.checker import CODE_TITLES, ERROR, NOTE
from dangvu.reports.checking import CheckError, check_path


class Command(DangvuCommand):
    help = "Kiểm tra báo cáo (.docx, .txt, .md): số liệu, đánh số, trích dẫn, chính tả, thể thức."

    def add_arguments(self, parser):
        parser.add_argument("file", help="tệp báo cáo .docx, .txt hoặc .md")
        parser.add_argument("--json", action="store_true", help="in mỗi lỗi một dòng JSON")

    def handle(self, *args, file, json=False, **options):
        try:
            findings = check_path(file, settings.DANGVU_MAX_UPLOAD_BYTES)
        except CheckError as e:
            raise CommandError(str(e)) from None
        errors = [f for f in findings if f.severity == ERROR]
        notes = [f for f in findings if f.severity == NOTE]
        if json:
            for f in findings:
                self.stdout.write(_dumps(f.as_dict()))
        else:
            self._write_text(errors, notes)
        if errors:
            raise SystemExit(1)

    def _write_text(self, errors, notes):
        for f in errors:
            self.stdout.write(_line(f))
        if notes:
            self.stdout.write("Lưu ý (cách viết, không bắt buộc sửa):")
            for f in notes:
                self.stdout.write(_line(f))
        if not errors and not notes:
            self.stdout.write("Không phát hiện lỗi.")
        else:
            self.stdout.write(f"{len(errors)} lỗi, {len(notes)} lưu ý.")


def _line(f):
    title = CODE_TITLES.get(f.code, f.code)
    return f"{f.location}: {title} — {f.problem} {f.suggestion}\n    « {f.excerpt} »"


def _dumps(data):
    return json.dumps(data, ensure_ascii=False)
