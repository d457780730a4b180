"""`python manage.py backup OUT [--json]`: the database, attachments and secret key in one file."""

from collections.abc import Iterator
from contextlib import contextmanager

from django.core.management.base import CommandError

from dangvu.accounts.commands import DangvuCommand
from dangvu.ops.actions import backup
from dangvu.ops.backup import BackupError


@contextmanager
def backup_refusal() -> Iterator[None]:
    """A backup or a restore refused (a full disk, a damaged or foreign file) ends the command
    with its message, without a traceback; `restore` uses it too."""
    try:
        yield
    except BackupError as e:
        raise CommandError(str(e)) from None


class Command(DangvuCommand):
    help = (
        "Sao lưu toàn bộ: cơ sở dữ liệu, tệp đính kèm và khóa bí mật vào một tệp .zip (quyền "
        "0600). Chạy được khi máy chủ đang hoạt động."
    )

    def add_arguments(self, parser):
        parser.add_argument("out", help="tệp .zip sẽ tạo, hoặc thư mục (tên tệp theo ngày giờ)")
        self.add_json_argument(parser, help="in kết quả dạng JSON")

    def handle(self, *args, out, json=False, **options):
        with backup_refusal():
            result = backup(out)
        if json:
            self.write_json(result)
            return
        self.stdout.write(
            f"Đã sao lưu {result['rows']} dòng của {result['tables']} bảng vào "
            f"{result['file']} ({result['bytes']:,} byte)."
        )
