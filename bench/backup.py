"""Backup and restore of the demo installation: time and file size, then the same with the
12 synthetic committees of `load_province` added (about 3.000 more people and their records).

Each stage: `backup` of the live database (with 40 scanned attachments of 250 KB, incompressible
like real PDFs), `restore --yes` over the same database (everything replaced), and `restore`
into an empty database. Restore checks the whole file before it writes, so it reads it twice.

Targets (issue 12 item 8): for the demo a backup under 5 s and a restore under 15 s, so that a
nightly backup and a restore drill are unremarkable; at province scale under 30 s and 60 s.
Run: .venv/bin/python bench/backup.py   (DATABASE_URL for PostgreSQL)
"""

import os
import tempfile
import time
from io import StringIO
from pathlib import Path

from _setup import django_setup, verdict

django_setup()

from django.conf import settings  # noqa: E402
from django.core.files.base import ContentFile  # noqa: E402
from django.core.files.storage import default_storage  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from dangvu.documents.models import Document  # noqa: E402
from dangvu.ops.backup import make_backup  # noqa: E402

ATTACHMENTS, ATTACHMENT_BYTES = 40, 250 * 1024


def attach_scans():
    for i, document in enumerate(Document.objects.order_by("pk")[:ATTACHMENTS]):
        name = default_storage.save(
            f"van-ban/bench/{i:03d}-scan.pdf", ContentFile(os.urandom(ATTACHMENT_BYTES))
        )
        Document.objects.filter(pk=document.pk).update(file=name)


def timed(run):
    start = time.perf_counter()
    result = run()
    return time.perf_counter() - start, result


def stage(label, out_dir, backup_target, restore_target):
    seconds, result = timed(lambda: make_backup(out_dir / f"{label}.zip"))
    size_mb = result["bytes"] / 1024**2
    print(
        f"{label}: {result['rows']} dòng, {result['tables']} bảng; tệp {size_mb:.2f} MB; "
        f"sao lưu {seconds:.2f} s"
    )
    verdict(f"sao lưu ({label})", seconds, backup_target, unit="s")
    replace, _ = timed(lambda: call_command("restore", result["file"], yes=True, stdout=StringIO()))
    verdict(f"khôi phục đè lên dữ liệu ({label})", replace, restore_target, unit="s")
    call_command("flush", interactive=False, verbosity=0)
    empty, _ = timed(lambda: call_command("restore", result["file"], yes=True, stdout=StringIO()))
    verdict(f"khôi phục vào CSDL trống ({label})", empty, restore_target, unit="s")
    return result


def main():
    out_dir = Path(tempfile.mkdtemp(prefix="dangvu-bench-backup-"))
    print(f"CSDL: {connection.vendor}; MEDIA_ROOT: {settings.MEDIA_ROOT}")
    call_command("load_demo", quiet_logins=True, stdout=StringIO())
    attach_scans()
    stage("demo", out_dir, 5, 15)
    call_command("load_province", count=12, stdout=StringIO())
    stage("demo + 12 đảng bộ", out_dir, 30, 60)


if __name__ == "__main__":
    main()
