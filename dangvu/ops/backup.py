"""Backup and restore of a whole installation in one zip file.

What the file holds:

- `manifest.json`: format, dangvu and Django versions, date, database kind, the applied
  migrations, and per table its columns and row count (checked again after a restore);
- `database/<table>.jsonl`: every row of every table (sessions aside: `UNSAVED_TABLES`), one
  JSON array per line, values written DB-neutrally (dates ISO, decimals as text), so a SQLite
  backup restores into PostgreSQL and back; this is what `restore` reads;
- `database.sqlite3` (SQLite installations only, sessions emptied): the page-exact copy made by
  SQLite's online backup API, which the dump is read from, so both are the same moment; it also
  lets an administrator recover with nothing but the file and the `sqlite3` tool;
- `secret_key` when the settings read the key from `var/` (not from the environment);
- `media/…`: the attachments (MEDIA_ROOT), byte for byte.

Why a zip: each member carries a CRC-32 that reading checks, so a damaged or cut file is noticed
before anything is written; the manifest can be read without unpacking the rest; the
zip-bomb limits of `dangvu.lib.archive` apply as for uploads; and any system opens it.

A restore reads and checks the whole file first (names, sizes against the unpack limit, CRCs,
manifest, every row line, the schema), then replaces the database rows in one transaction,
verifies the row counts and foreign keys inside it, and only then swaps the attachments folder
and the secret key in place.
"""

from __future__ import annotations

import base64
import datetime as dt
import importlib.metadata
import json
import os
import shutil
import sqlite3
import tempfile
import uuid
import zipfile
import zlib
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path, PurePosixPath

import django
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, connections, transaction
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.recorder import MigrationRecorder
from django.db.utils import load_backend
from django.utils import timezone
from django.utils.duration import duration_string

from dangvu.lib.archive import CHUNK, unpack_limit

FORMAT = "dangvu-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
SQLITE_MEMBER = "database.sqlite3"
SECRET_MEMBER = "secret_key"
DATA_DIR = "database/"
MEDIA_DIR = "media/"
# The unpacked size a backup may reach: the upload ratio of dangvu.lib.archive, and a cap far
# above any real installation (attachments included) that still stops a bomb filling the disk.
RESTORE_CAP = 50 * 1024**3
# Tables migrate fills by itself: a database holding only these counts as empty.
SEEDED_TABLES = {"django_content_type", "auth_permission"}
BATCH = 1000
# Tables whose rows are never saved: live sessions would let whoever reads a backup act as a
# logged-in user. The table itself is listed (empty), so a restore logs everyone out.
UNSAVED_TABLES = {"django_session"}
SNAPSHOT_ALIAS = "dangvu_backup_snapshot"


class BackupError(Exception):
    """A backup or restore that cannot go on; the message is for the operator, in Vietnamese."""


# --- what is saved ---------------------------------------------------------------------------


def table_models():
    """Every model that owns a table, auto-created many-to-many tables included."""
    return [
        m
        for m in apps.get_models(include_auto_created=True)
        if m._meta.managed and not m._meta.proxy and not m._meta.swapped
    ]


def version():
    try:
        return importlib.metadata.version("dangvu")
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


def _applied_migrations(conn):
    return sorted([app, name] for app, name in MigrationRecorder(conn).applied_migrations())


def _encode(value):
    """JSON for the values the ORM returns that JSON has no type for; `field.to_python` reads
    each of them back (restore)."""
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, dt.timedelta):
        return duration_string(value)
    if isinstance(value, bytes | memoryview):
        return base64.b64encode(bytes(value)).decode("ascii")
    raise TypeError(f"cannot write {type(value).__name__} into a backup")


def _media_files(root: Path):
    """(path relative to root, absolute path) of every regular file under root, sorted."""
    if not root.is_dir():
        return []
    found = [p for p in root.rglob("*") if p.is_file() and not p.is_symlink()]
    return sorted((p.relative_to(root).as_posix(), p) for p in found)


def _secret_key_file():
    path = getattr(settings, "SECRET_KEY_FILE", None)
    return Path(path) if path else None


@contextmanager
def _private_file(path: Path):
    """A new file only its owner may read (0600 from its creation, never 0644 for a moment)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as f:
        yield f


@contextmanager
def _read_source(workdir: Path):
    """The connection to dump from, at one consistent moment, and the SQLite copy if any.

    SQLite: the online backup API copies the live database in one step (readers and writers of
    the running server carry on, WAL), and the dump then reads that copy through a connection
    of its own. PostgreSQL: one REPEATABLE READ, READ ONLY transaction, the snapshot
    `pg_dump` uses too."""
    if connection.in_atomic_block:
        # Called inside a transaction (a test, a caller composing steps): its view is the one to
        # save. SQLite's backup API cannot copy a database its own connection is writing (it
        # would wait for itself forever), so no SQLite copy then.
        yield connection, None
        return
    if connection.vendor == "sqlite":
        copy = workdir / "snapshot.sqlite3"
        connection.ensure_connection()
        target = sqlite3.connect(copy)
        try:
            connection.connection.backup(target)
            _drop_unsaved_rows(target)
        finally:
            target.close()
        # A connection of its own, known only to this process's handler and never added to
        # settings.DATABASES: nothing else can route queries to the copy.
        snapshot = load_backend(connection.settings_dict["ENGINE"]).DatabaseWrapper(
            {**connection.settings_dict, "NAME": str(copy), "OPTIONS": {}, "CONN_MAX_AGE": 0},
            SNAPSHOT_ALIAS,
        )
        connections[SNAPSHOT_ALIAS] = snapshot
        try:
            yield snapshot, copy
        finally:
            snapshot.close()
            del connections[SNAPSHOT_ALIAS]
        return
    with transaction.atomic():
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        yield connection, None


def _drop_unsaved_rows(copy: sqlite3.Connection):
    """Empty the unsaved tables of the SQLite copy, and VACUUM so that their old pages are
    gone from the file too, not only unlinked."""
    existing = {row[0] for row in copy.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    for table in UNSAVED_TABLES & existing:
        copy.execute(f'DELETE FROM "{table}"')
    copy.commit()
    copy.execute("VACUUM")


def _dump_table(zf: zipfile.ZipFile, model, alias: str) -> dict:
    fields = model._meta.concrete_fields
    rows = 0
    member = f"{DATA_DIR}{model._meta.db_table}.jsonl"
    query = (
        model._base_manager.using(alias)
        .order_by(model._meta.pk.attname)
        .values_list(*[f.attname for f in fields])
    )
    if model._meta.db_table in UNSAVED_TABLES:
        query = query.none()
    with zf.open(member, "w", force_zip64=True) as out:
        for row in query.iterator(chunk_size=BATCH):
            line = json.dumps(row, ensure_ascii=False, default=_encode, separators=(",", ":"))
            out.write(line.encode() + b"\n")
            rows += 1
    return {
        "model": model._meta.label_lower,
        "columns": [f.column for f in fields],
        "rows": rows,
        "file": member,
    }


def make_backup(out: Path) -> dict:
    """Write the backup file `out` (0600); an existing folder gets a dated file inside it.

    Returns {"file", "bytes", "tables", "rows"}."""
    out = Path(out)
    if out.is_dir():
        out = out / f"dangvu-{timezone.localtime():%Y%m%d-%H%M%S}.zip"
    if out.exists():
        raise BackupError(f"Tệp “{out}” đã có; chọn tên khác (bản sao lưu không ghi đè).")
    if not out.parent.is_dir():
        raise BackupError(f"Không có thư mục “{out.parent}”.")
    if out.parent.resolve().is_relative_to(Path(settings.MEDIA_ROOT).resolve()):
        # The backup would copy itself (and every earlier backup) as an attachment.
        raise BackupError("Không ghi bản sao lưu vào thư mục tệp đính kèm (MEDIA_ROOT).")
    # Working files go beside the result (same disk, never a small /tmp), in a 0700 folder.
    workdir = Path(tempfile.mkdtemp(prefix=".dangvu-backup-", dir=out.parent))
    partial = workdir / "backup.zip"
    try:
        tables, media, moment = {}, [], timezone.now()
        with (
            _private_file(partial) as raw,
            zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as zf,
        ):
            with _read_source(workdir) as (source, sqlite_copy):
                migrations = _applied_migrations(source)
                for model in table_models():
                    tables[model._meta.db_table] = _dump_table(zf, model, source.alias)
            if sqlite_copy is not None:
                zf.write(sqlite_copy, SQLITE_MEMBER)
            key_file = _secret_key_file()
            if key_file is not None and key_file.is_file():
                zf.write(key_file, SECRET_MEMBER)
            for name, path in _media_files(Path(settings.MEDIA_ROOT)):
                try:
                    zf.write(path, MEDIA_DIR + name)
                except FileNotFoundError:
                    continue  # deleted by the running server since the listing
                media.append([name, zf.getinfo(MEDIA_DIR + name).file_size])
            manifest = {
                "format": FORMAT,
                "format_version": FORMAT_VERSION,
                "dangvu_version": version(),
                "django_version": django.get_version(),
                "created_at": moment.isoformat(),
                "engine": connection.vendor,
                "migrations": migrations,
                "tables": tables,
                "media": media,
                "secret_key": key_file is not None and key_file.is_file(),
            }
            zf.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1))
        os.replace(partial, out)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return {
        "file": str(out),
        "bytes": out.stat().st_size,
        "tables": len(tables),
        "rows": sum(t["rows"] for t in tables.values()),
    }


# --- reading and checking a backup -----------------------------------------------------------


@dataclass
class Backup:
    """A backup file that passed every check of `open_backup`."""

    path: Path
    manifest: dict
    unpacked: int
    members: set = field(default_factory=set)

    @property
    def rows(self):
        return sum(t["rows"] for t in self.manifest["tables"].values())


def _damaged(path, detail=""):
    extra = f" ({detail})" if detail else ""
    return BackupError(
        f"Tệp “{path}” không phải bản sao lưu dangvu đọc được: hỏng, bị cắt cụt hoặc là tệp "
        f"khác{extra}. Không có gì bị thay đổi."
    )


def _safe_media_name(name: str) -> bool:
    """A member under media/ that unpacks inside MEDIA_ROOT: relative, no `..`, no backslash."""
    rel = name[len(MEDIA_DIR) :]
    parts = PurePosixPath(rel).parts
    return (
        bool(rel)
        and "\\" not in rel
        and "\x00" not in rel
        and not rel.startswith("/")
        and all(p not in ("", ".", "..") for p in parts)
        and ":" not in parts[0]
    )


def _check_names(path, names):
    if len(names) != len(set(names)):
        raise _damaged(path, "tên tệp bên trong bị trùng")
    fixed = {MANIFEST, SQLITE_MEMBER, SECRET_MEMBER}
    for name in names:
        if name in fixed or (name.startswith(DATA_DIR) and name.endswith(".jsonl")):
            continue
        if name.startswith(MEDIA_DIR) and _safe_media_name(name):
            continue
        raise _damaged(path, f"có tệp lạ bên trong: “{name[:80]}”")


def _inflate_all(path, zf, limit):
    """Read every member to its end (zipfile checks each CRC there); stop past `limit`."""
    total = 0
    for info in zf.infolist():
        with zf.open(info) as member:
            while chunk := member.read(CHUNK):
                total += len(chunk)
                if total > limit:
                    raise BackupError(
                        f"Tệp “{path}” giải nén ra quá {limit:,} byte (giới hạn theo kích thước "
                        "tệp): từ chối để bảo vệ máy chủ. Không có gì bị thay đổi."
                    )
    return total


def _check_manifest(path, zf, names):
    if MANIFEST not in names:
        raise _damaged(path, "thiếu manifest.json")
    try:
        manifest = json.loads(zf.read(MANIFEST))
    except ValueError:
        raise _damaged(path, "manifest.json không đọc được") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise _damaged(path, "không có dấu hiệu của dangvu")
    if manifest.get("format_version") != FORMAT_VERSION:
        raise BackupError(
            f"Bản sao lưu dùng định dạng số {manifest.get('format_version')}, phiên bản dangvu "
            f"này đọc định dạng số {FORMAT_VERSION}. Không có gì bị thay đổi."
        )
    for key, kind in (
        ("tables", dict),
        ("media", list),
        ("migrations", list),
        ("created_at", str),
        ("engine", str),
    ):
        if not isinstance(manifest.get(key), kind):
            raise _damaged(path, f"manifest.json thiếu mục “{key}”")
    if not all(_is_migration(m) for m in manifest["migrations"]):
        raise _damaged(path, "danh sách migration hỏng")
    if not all(_is_table(t) for t in manifest["tables"].values()):
        raise _damaged(path, "mô tả bảng hỏng")
    return manifest


def _is_migration(item):
    return isinstance(item, list) and len(item) == 2 and all(isinstance(x, str) for x in item)


def _is_table(info):
    return (
        isinstance(info, dict)
        and isinstance(info.get("file"), str)
        and isinstance(info.get("rows"), int)
        and isinstance(info.get("columns"), list)
        and all(isinstance(c, str) for c in info["columns"])
    )


def _check_schema(manifest):
    """The tables and columns of the backup are exactly those of this version's models."""
    here = {m._meta.db_table: [f.column for f in m._meta.concrete_fields] for m in table_models()}
    saved = {name: t.get("columns") for name, t in manifest["tables"].items()}
    if here != saved:
        differing = sorted(set(here) ^ set(saved)) or sorted(
            t for t in here if here[t] != saved.get(t)
        )
        raise BackupError(
            f"Bản sao lưu được tạo bởi dangvu {manifest.get('dangvu_version', '?')} với cấu trúc "
            f"bảng khác phiên bản này (khác ở: {', '.join(differing[:5])}). Hãy khôi phục bằng "
            "đúng phiên bản đã tạo bản sao lưu rồi mới nâng cấp. Không có gì bị thay đổi."
        )


def _check_rows(path, zf, manifest, names):
    for table, info in manifest["tables"].items():
        member, width = info["file"], len(info["columns"])
        if member not in names or not member.startswith(DATA_DIR):
            raise _damaged(path, f"thiếu dữ liệu của bảng {table}")
        count = 0
        with zf.open(member) as lines:
            for line in lines:
                try:
                    row = json.loads(line)
                except ValueError:
                    raise _damaged(path, f"dòng {count + 1} của bảng {table} hỏng") from None
                if not isinstance(row, list) or len(row) != width:
                    raise _damaged(path, f"dòng {count + 1} của bảng {table} sai số cột")
                count += 1
        if count != info["rows"]:
            raise _damaged(path, f"bảng {table} có {count} dòng, manifest ghi {info['rows']}")


def _check_media(path, zf, manifest, names):
    listed = {}
    for item in manifest["media"]:
        if not (isinstance(item, list) and len(item) == 2 and isinstance(item[0], str)):
            raise _damaged(path, "danh sách tệp đính kèm hỏng")
        listed[MEDIA_DIR + item[0]] = item[1]
    present = {n for n in names if n.startswith(MEDIA_DIR)}
    if set(listed) != present:
        raise _damaged(path, "tệp đính kèm không khớp danh sách")
    for name, size in listed.items():
        if zf.getinfo(name).file_size != size:
            raise _damaged(path, f"tệp đính kèm “{name}” sai kích thước")


def open_backup(path) -> Backup:
    """Check the backup file completely, reading but never writing; BackupError if unfit."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"Không tìm thấy tệp “{path}”.")
    packed = path.stat().st_size
    limit = unpack_limit(packed, getattr(settings, "DANGVU_RESTORE_MAX_BYTES", RESTORE_CAP))
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            names = [i.filename for i in infos if not i.is_dir()]
            _check_names(path, names)
            declared = sum(i.file_size for i in infos)
            if declared > limit:
                raise BackupError(
                    f"Tệp “{path}” khai báo giải nén ra {declared:,} byte, quá giới hạn "
                    f"{limit:,} byte. Không có gì bị thay đổi."
                )
            unpacked = _inflate_all(path, zf, limit)
            manifest = _check_manifest(path, zf, set(names))
            _check_rows(path, zf, manifest, set(names))
            _check_media(path, zf, manifest, set(names))
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError) as e:
        raise _damaged(path, str(e)[:120]) from None
    except RuntimeError as e:  # an encrypted member
        raise _damaged(path, str(e)[:120]) from None
    _check_schema(manifest)
    return Backup(path, manifest, unpacked, set(names))


# --- what a restore replaces -----------------------------------------------------------------


def current_contents():
    """What the database and MEDIA_ROOT hold now: ({table: rows} of non-empty tables beyond
    what migrate seeds, attachment count)."""
    existing = set(connection.introspection.table_names())
    counts = {}
    with connection.cursor() as cursor:
        for model in table_models():
            table = model._meta.db_table
            if table in SEEDED_TABLES or table not in existing:
                continue
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
            n = cursor.fetchone()[0]
            if n:
                counts[table] = n
    return counts, len(_media_files(Path(settings.MEDIA_ROOT)))


# --- restoring -------------------------------------------------------------------------------


def _prepare_schema(backup: Backup) -> list[str]:
    """Bring an empty database (no tables yet) to this version's schema, which `open_backup`
    found identical to the backup's; refuse a backup from a newer version and a database whose
    migrations are behind the code."""
    executor = MigrationExecutor(connection)
    graph = executor.loader.graph
    unknown = [f"{a}.{n}" for a, n in backup.manifest["migrations"] if (a, n) not in graph.nodes]
    if unknown:
        raise BackupError(
            "Bản sao lưu được tạo bởi phiên bản dangvu mới hơn (có các migration "
            f"{', '.join(unknown[:5])}). Không có gì bị thay đổi."
        )
    applied = executor.recorder.applied_migrations()
    if not applied:
        call_command("migrate", interactive=False, verbosity=0)
        return []
    if executor.migration_plan(graph.leaf_nodes()):
        raise BackupError(
            "Cơ sở dữ liệu đích chưa cập nhật cấu trúc: chạy `python manage.py migrate` trước. "
            "Không có gì bị thay đổi."
        )
    if {tuple(m) for m in backup.manifest["migrations"]} != set(applied):
        # Same tables and columns (checked), other migration history: the rows fit as they are.
        return [
            f"Bản sao lưu từ dangvu {backup.manifest.get('dangvu_version', '?')}, lịch sử "
            "migration khác nhưng cấu trúc bảng giống hệt: đã nạp nguyên dữ liệu."
        ]
    return []


def _prepare(fields):
    """Functions turning a dumped JSON value back into what the database takes for the field."""

    def convert(field):
        if field.get_internal_type() == "JSONField":
            return lambda v: field.get_db_prep_save(v, connection)
        return lambda v: (
            None if v is None else field.get_db_prep_save(field.to_python(v), connection)
        )

    return [convert(f) for f in fields]


def _load_table(zf, model, info):
    """Insert the rows of one table with plain INSERTs: no save(), no signals, and no
    auto_now stamping, so every value comes back exactly as it was saved."""
    by_column = {f.column: f for f in model._meta.concrete_fields}
    columns = info["columns"]
    converters = _prepare([by_column[c] for c in columns])
    qn = connection.ops.quote_name
    sql = (
        f"INSERT INTO {qn(model._meta.db_table)} ({', '.join(qn(c) for c in columns)}) "
        f"VALUES ({', '.join(['%s'] * len(columns))})"
    )
    with zf.open(info["file"]) as lines, connection.cursor() as cursor:
        batch = []
        for line in lines:
            batch.append([conv(v) for conv, v in zip(converters, json.loads(line), strict=True)])
            if len(batch) >= BATCH:
                cursor.executemany(sql, batch)
                batch = []
        if batch:
            cursor.executemany(sql, batch)


def _verify_counts(manifest):
    counts, qn = {}, connection.ops.quote_name
    with connection.cursor() as cursor:
        for table in manifest["tables"]:
            cursor.execute(f"SELECT COUNT(*) FROM {qn(table)}")
            counts[table] = cursor.fetchone()[0]
    wrong = [t for t, info in manifest["tables"].items() if counts[t] != info["rows"]]
    if wrong:
        raise BackupError(
            f"Sau khi nạp, số dòng không khớp ở bảng {', '.join(wrong[:5])}: đã hủy khôi phục, "
            "cơ sở dữ liệu giữ nguyên như trước."
        )


def _restore_database(backup: Backup, zf):
    models = {m._meta.db_table: m for m in table_models()}
    tables = list(backup.manifest["tables"])
    with transaction.atomic():
        # Foreign keys are DEFERRABLE INITIALLY DEFERRED on both databases: rows can go in table
        # by table in any order, and the check at the end sees the whole set.
        flush = connection.ops.sql_flush(no_style(), tables, allow_cascade=False)
        with connection.cursor() as cursor:
            for sql in flush:
                cursor.execute(sql)
        for table in tables:
            _load_table(zf, models[table], backup.manifest["tables"][table])
        reset = connection.ops.sequence_reset_sql(no_style(), [models[t] for t in tables])
        with connection.cursor() as cursor:
            for sql in reset:
                cursor.execute(sql)
        _verify_counts(backup.manifest)
        connection.check_constraints(table_names=tables)


def _unpack_media(backup: Backup, zf, media_root: Path) -> Path:
    """The attachments in a new 0700 folder beside MEDIA_ROOT, files 0600, sizes checked."""
    media_root.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    staging = Path(tempfile.mkdtemp(prefix=".media-restore-", dir=media_root.parent))
    for name, size in backup.manifest["media"]:
        target = staging / name
        target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        with zf.open(MEDIA_DIR + name) as src, _private_file(target) as dst:
            shutil.copyfileobj(src, dst, CHUNK)
        if target.stat().st_size != size:
            raise BackupError(f"Tệp đính kèm “{name}” giải nén sai kích thước.")
    return staging


def _swap_media(staging: Path, media_root: Path):
    """Put the restored attachments in place with two renames (same disk, no copy)."""
    old = None
    if media_root.exists():
        old = media_root.with_name(f".media-old-{uuid.uuid4().hex[:8]}")
        media_root.rename(old)
    staging.rename(media_root)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def _restore_secret_key(zf) -> str:
    key_file = _secret_key_file()
    saved = zf.read(SECRET_MEMBER)
    if key_file is None:
        return "Khóa bí mật lấy từ biến môi trường SECRET_KEY: giữ nguyên, không dùng khóa trong bản sao lưu."
    if key_file.exists() and key_file.read_bytes() == saved:
        return ""
    replaced = key_file.with_name(f".{key_file.name}-{uuid.uuid4().hex[:8]}")
    with _private_file(replaced) as f:
        f.write(saved)
    os.replace(replaced, key_file)
    return "Đã thay khóa bí mật bằng khóa trong bản sao lưu: khởi động lại máy chủ."


def restore_backup(backup: Backup) -> list[str]:
    """Replace the database rows and the attachments with the backup's (it passed
    `open_backup`); returns notes for the operator."""
    media_root = Path(settings.MEDIA_ROOT)
    notes = _prepare_schema(backup)
    with zipfile.ZipFile(backup.path) as zf:
        staging = _unpack_media(backup, zf, media_root)
        try:
            _restore_database(backup, zf)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        _swap_media(staging, media_root)
        if SECRET_MEMBER in backup.members:
            notes.append(_restore_secret_key(zf))
    return [n for n in notes if n]
