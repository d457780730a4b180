"""`python manage.py backup OUT [--json]`: the database, attachments and secret key in one file."""

import json

from django.core.management.base import CommandError

from dangvu.accounts.commands import DangvuCommand
from dangvu.ops.actions import backup
from dangvu.ops.backup import BackupError


class Command(DangvuCommand):
    help = (
        "Sao lưu toàn bộ: cơ sở dữ liệu, tệp đính kèm và khóa bí mật vào một tệp .zip (quyền "
        "0600). Chạy được khi máy chủ đang hoạt động."
    )

    def add_arguments(self, parser):
        parser.add_argument("out", help="tệp .zip sẽ tạo, hoặc thư mục (tên tệp theo ngày giờ)")
        parser.add_argument("--json", action="store_true", help="in kết quả dạng JSON")

    def handle(self, *args, out, json=False, **options):
        try:
            result = backup(out)
        except BackupError as e:
            raise CommandError(str(e)) from None
        if json:
            self.stdout.write(_dumps(result))
            return
        self.stdout.write(
            f"Đã sao lưu {result['rows']} dòng của {result['tables']} bảng vào "
            f"{result['file']} ({result['bytes']:,} byte)."
        )


def _dumps(data):
    return json.dumps(data, ensure_ascii=False)
