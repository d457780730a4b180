"""Named actions of running the installation: taking and restoring a backup.

A restore replaces every table, the audit trail included, so its own audit entry is written
afterwards into the restored trail: whoever reads it later sees from when the records come from
a backup, and which one.
"""

import getpass
from pathlib import Path

from dangvu.accounts.models import AuditEntry
from dangvu.core.audit import Actor, signed_in

from .backup import Backup, make_backup, restore_backup


def backup(out: Path) -> dict:
    """Write a backup of everything to `out`, and say so in the audit trail: the file holds every
    member's personal data, so who took a copy, when and where is on record like any export.
    The entry is written after the copy (it is not inside it); the server's operating-system
    account is named, since the command runs on the server and not as a dangvu user."""
    result = make_backup(out)
    AuditEntry.objects.create(
        action="ops.backup",
        kind=AuditEntry.Kind.EXPORT,
        summary=f"Sao lưu toàn bộ dữ liệu vào {Path(result['file']).name}"[:255],
        target_type="ops.backup",
        after={**result, "os_user": _os_user()},
    )
    return result


def _os_user():
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no name for this uid (containers)
        return ""


def restore(actor: Actor, backup: Backup) -> list[str]:
    """Replace the database and attachments with `backup` (checked by `open_backup`)."""
    notes = restore_backup(backup)
    manifest = backup.manifest
    AuditEntry.objects.create(
        actor=signed_in(actor),
        action="ops.restore",
        summary=f"Khôi phục dữ liệu từ bản sao lưu tạo lúc {manifest['created_at']}"[:255],
        target_type="ops.backup",
        after={
            "file": backup.path.name,
            "created_at": manifest["created_at"],
            "dangvu_version": manifest.get("dangvu_version"),
            "engine": manifest["engine"],
            "rows": backup.rows,
            "attachments": len(manifest["media"]),
        },
    )
    return notes
