"""Zip-bomb guard for .docx and .xlsx uploads: the real unpacked size, measured before parsing.

A zip's directory states each member's size, but an attacker writes what they like there, so the
sizes are measured by inflating every member in small chunks and stopping as soon as the total
passes the limit: a bomb costs at most `limit` bytes of inflation (a fraction of a second), never
the parse of what it would unpack to. Pure Python, no Django.
"""

from __future__ import annotations

import io
import zipfile
import zlib

# A real Word or Excel file unpacks to a few times its size; 30 leaves room for very repetitive
# sheets. Small files get a floor so that a nearly empty document is never refused.
MAX_RATIO = 30
MIN_LIMIT = 2 * 1024 * 1024
CHUNK = 64 * 1024


class ArchiveTooLarge(ValueError):
    """The archive unpacks to more than its limit; `unpacked` is at least what was measured."""

    def __init__(self, unpacked: int, limit: int):
        super().__init__(unpacked, limit)
        self.unpacked, self.limit = unpacked, limit


def unpack_limit(packed: int, cap: int, ratio: int = MAX_RATIO) -> int:
    """How many bytes an archive of `packed` bytes may unpack to: by ratio, at most `cap`."""
    return min(cap, max(MIN_LIMIT, packed * ratio))


def check_unpacked(data: bytes, cap: int, ratio: int = MAX_RATIO) -> int:
    """The real unpacked size of the zip `data`; ArchiveTooLarge past `unpack_limit`.

    Raises zipfile.BadZipFile (or OSError, EOFError, ValueError) for a damaged archive.
    """
    limit = unpack_limit(len(data), cap, ratio)
    total = 0
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except NotImplementedError as e:  # a member needing a zip version this Python cannot read
        raise zipfile.BadZipFile(str(e)) from None
    with archive:
        infos = archive.infolist()
        declared = sum(info.file_size for info in infos)
        if declared > limit:
            raise ArchiveTooLarge(declared, limit)
        for info in infos:
            try:
                with archive.open(info) as member:
                    while chunk := member.read(CHUNK):
                        total += len(chunk)
                        if total > limit:
                            raise ArchiveTooLarge(total, limit)
            except (zlib.error, NotImplementedError, RuntimeError) as e:
                # Damaged data, an unknown compression method, or an encrypted member.
                raise zipfile.BadZipFile(str(e)) from None
    return total
