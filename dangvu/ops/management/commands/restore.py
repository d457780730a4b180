"""`python manage.py restore FILE [--yes]`: replace the database and attachments with a backup.

Without --yes the file is checked completely and the command says what it would replace, then
stops: nothing is written. A damaged or foreign file is refused before anything is touched.
"""

from django.core.management.base import CommandError
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from dangvu.accounts.commands import DangvuCommand
from dangvu.core.planner import analyze
from dangvu.ops import actions
from dangvu.ops.backup import current_contents, open_backup

from .backup import backup_refusal


class Command(DangvuCommand):
    help = (
        "Khôi phục cơ sở dữ liệu và tệp đính kèm từ một bản sao lưu (tạo bởi lệnh backup). "
        "Cần --yes để thực hiện; không có --yes chỉ kiểm tra tệp."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="tệp sao lưu .zip")
        parser.add_argument(
            "--yes", action="store_true", help="xác nhận thay thế toàn bộ dữ liệu hiện có"
        )

    def handle(self, *args, file, yes=False, **options):
        with backup_refusal():
            backup = open_backup(file)
        manifest = backup.manifest
        self.stdout.write(
            f"Bản sao lưu hợp lệ: tạo lúc {_local(manifest['created_at'])} bởi dangvu "
            f"{manifest.get('dangvu_version', '?')} ({manifest['engine']}), "
            f"{backup.rows} dòng trong {len(manifest['tables'])} bảng, "
            f"{len(manifest['media'])} tệp đính kèm."
        )
        tables, files = current_contents()
        if tables or files:
            what = (
                f"Dữ liệu hiện có sẽ bị THAY THẾ TOÀN BỘ: {sum(tables.values())} dòng trong "
                f"{len(tables)} bảng ({_largest(tables)}) và {files} tệp đính kèm."
            )
        else:
            what = "Cơ sở dữ liệu hiện đang trống."
        self.stdout.write(what)
        if not yes:
            raise CommandError("Chưa khôi phục: thêm --yes để xác nhận. Không có gì bị thay đổi.")
        with backup_refusal():
            notes = actions.restore(None, backup)
        analyze()  # every table was just rewritten: plans from the old statistics would be slow
        for note in notes:
            self.stdout.write(note)
        self.stdout.write(
            f"Đã khôi phục {backup.rows} dòng và {len(manifest['media'])} tệp đính kèm; "
            "số dòng từng bảng đã được kiểm tra khớp."
        )


def _local(moment):
    """The backup's time as the office reads it (local, day first); as written if unreadable."""
    parsed = parse_datetime(moment)
    return f"{timezone.localtime(parsed):%H:%M %d/%m/%Y}" if parsed else moment


def _largest(tables):
    top = sorted(tables.items(), key=lambda item: -item[1])[:3]
    return ", ".join(f"{name}: {n}" for name, n in top)
