"""`python manage.py check_report FILE [--json]`: the errors real reports contain.

Prints one finding per line (location, problem, suggestion, excerpt), or with --json one JSON
object per finding: {"code", "location", "line", "excerpt", "problem", "suggestion"}. Exits with
status 1 when there are findings, 0 when there are none.
"""

import json

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from dangvu.lib.checker import CODE_TITLES
from dangvu.reports.checking import CheckError, check_path


class Command(BaseCommand):
    help = "Kiểm tra báo cáo (.docx, .txt, .md): số liệu, đánh số, trích dẫn, chính tả, thể thức."

    def add_arguments(self, parser):
        parser.add_argument("file", help="tệp báo cáo .docx, .txt hoặc .md")
        parser.add_argument("--json", action="store_true", help="in mỗi lỗi một dòng JSON")

    def handle(self, *args, file, json=False, **options):
        try:
            findings = check_path(file, settings.DANGVU_MAX_UPLOAD_BYTES)
        except CheckError as e:
            raise CommandError(str(e)) from None
        for f in findings:
            if json:
                self.stdout.write(_dumps(f.as_dict()))
            else:
                title = CODE_TITLES.get(f.code, f.code)
                self.stdout.write(
                    f"{f.location}: {title} — {f.problem} {f.suggestion}\n    « {f.excerpt} »"
                )
        if not json:
            self.stdout.write(f"{len(findings)} lỗi." if findings else "Không phát hiện lỗi.")
        if findings:
            raise SystemExit(1)


def _dumps(data):
    return json.dumps(data, ensure_ascii=False)
