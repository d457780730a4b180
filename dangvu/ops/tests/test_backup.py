"""Issue 12 item 8: `backup` and `restore` of the database, attachments and secret key."""

import datetime as dt
import io
import json
import os
import sqlite3
import stat
import zipfile
from io import StringIO
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from conftest import _restore
from dangvu.accounts.models import AuditEntry
from dangvu.documents.models import Document
from dangvu.ops.backup import MANIFEST, table_models
from dangvu.orgs import actions as org_actions
from dangvu.orgs.models import Organization

YEAR = 2017  # the demo's report year


@pytest.fixture
def committed_demo(transactional_db, demo_snapshot):
    """The demo committed, as a running installation holds it: SQLite's backup API copies only
    committed pages (the `demo` fixture keeps its rows in the test's open transaction)."""
    return _restore(demo_snapshot)


@pytest.fixture
def private_var(tmp_path, settings):
    """MEDIA_ROOT and the secret key file of the test in its own folder (never the real var/)."""
    settings.MEDIA_ROOT = tmp_path / "var" / "media"
    settings.SECRET_KEY_FILE = tmp_path / "var" / "secret_key"
    settings.MEDIA_ROOT.mkdir(parents=True)
    settings.SECRET_KEY_FILE.write_text("khoa-cua-ban-sao-luu")
    return tmp_path


def _attach(document, name, data):
    """An attachment as the upload form leaves it: the file stored, its name on the record."""
    stored = default_storage.save(name, ContentFile(data))
    Document.objects.filter(pk=document.pk).update(file=stored)
    return stored


def _facts(org):
    out = StringIO()
    call_command("facts", org=org.slug, year=YEAR, json=True, stdout=out)
    return json.loads(out.getvalue())


def _counts():
    return {m._meta.db_table: m._base_manager.count() for m in table_models()}


def _media(root):
    root = Path(root)
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def _backup(path):
    out = StringIO()
    call_command("backup", str(path), json=True, stdout=out)
    return json.loads(out.getvalue())


def _empty_database_and_media(settings):
    call_command("flush", interactive=False, verbosity=0)
    for path in sorted(Path(settings.MEDIA_ROOT).rglob("*"), reverse=True):
        path.unlink() if path.is_file() else path.rmdir()


def test_backup_then_restore_into_an_empty_database_gives_the_same_records(
    committed_demo, private_var, settings
):
    demo = committed_demo
    documents = list(Document.objects.order_by("pk")[:2])
    stored = {
        _attach(documents[0], "van-ban/1/2017/ab12cd34-nghi-quyet.pdf", os.urandom(50_000)),
        _attach(documents[1], "van-ban/1/2017/ef56ab78-bien-ban.docx", b"PK\x03\x04" * 1000),
    }
    facts = _facts(demo)
    counts = _counts()
    media = _media(settings.MEDIA_ROOT)
    assert set(media) == stored

    result = _backup(private_var / "sao-luu.zip")
    backup = Path(result["file"])
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    assert result["bytes"] == backup.stat().st_size
    assert result["tables"] == len(counts) and result["rows"] == sum(counts.values())

    _empty_database_and_media(settings)
    settings.SECRET_KEY_FILE.write_text("khoa-khac")
    assert not Organization.objects.exists() and not _media(settings.MEDIA_ROOT)

    call_command("restore", str(backup), yes=True, stdout=StringIO())

    demo = Organization.objects.get(slug=demo.slug)
    assert _facts(demo) == facts
    # Every table as it was, plus the audit entry that tells of the restore.
    after = _counts()
    assert after.pop("accounts_auditentry") == counts.pop("accounts_auditentry") + 1
    assert after == counts
    assert AuditEntry.objects.filter(action="ops.restore").count() == 1
    # Attachments byte for byte, private, reachable from their records.
    assert _media(settings.MEDIA_ROOT) == media
    for name in stored:
        path = Path(settings.MEDIA_ROOT) / name
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
        assert Document.objects.get(file=name).file.read() == media[name]
    assert settings.SECRET_KEY_FILE.read_text() == "khoa-cua-ban-sao-luu"
    # Sequences moved past the restored ids (PostgreSQL keeps them apart from the rows).
    highest = Organization.objects.order_by("-pk").first().pk
    new = org_actions.create_org(
        None, kind="party_cell", name="Chi bộ mới", parent=demo, valid_from=dt.date(2018, 1, 1)
    )
    assert new.pk > highest


def test_restore_keeps_every_value_exactly(committed_demo, private_var):
    """Timestamps set by auto_now_add, decimals, JSON and dates come back unchanged: a second
    backup of the restored database holds the same rows."""
    first = _backup(private_var / "mot.zip")["file"]
    call_command("restore", first, yes=True, stdout=StringIO())
    second = _backup(private_var / "hai.zip")["file"]
    with zipfile.ZipFile(first) as a, zipfile.ZipFile(second) as b:
        tables = json.loads(a.read(MANIFEST))["tables"]
        for table, info in tables.items():
            rows_a, rows_b = a.read(info["file"]), b.read(info["file"])
            if table == "accounts_auditentry":
                # The restored trail, then the entry of the restore itself.
                assert rows_b.startswith(rows_a) and rows_b.count(b"\n") == info["rows"] + 1
            else:
                assert rows_a == rows_b, table


def test_restore_without_yes_changes_nothing(demo, private_var, settings):
    backup = _backup(private_var / "sao-luu.zip")["file"]
    Organization.objects.filter(pk=demo.pk).update(name="Tên đổi sau khi sao lưu")
    _attach(Document.objects.first(), "van-ban/1/2017/moi.pdf", b"tep moi")
    counts, media = _counts(), _media(settings.MEDIA_ROOT)
    out = StringIO()
    with pytest.raises(CommandError, match="thêm --yes để xác nhận"):
        call_command("restore", backup, stdout=out)
    assert "THAY THẾ TOÀN BỘ" in out.getvalue() and "1 tệp đính kèm" in out.getvalue()
    assert Organization.objects.get(pk=demo.pk).name == "Tên đổi sau khi sao lưu"
    assert _counts() == counts and _media(settings.MEDIA_ROOT) == media


def _truncated(data):
    return data[: len(data) // 2]


def _flipped(data):
    """One byte changed in the middle of the largest compressed member: only its CRC tells."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        info = max(zf.infolist(), key=lambda i: i.compress_size)
    at = info.header_offset + 30 + len(info.filename.encode()) + info.compress_size // 2
    return data[:at] + bytes([data[at] ^ 0x55]) + data[at + 1 :]


def _rezip(data, change):
    """The backup's members rewritten by `change(name, bytes)` (None drops the member), plus
    whatever members `change` adds under the name "+"."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            content = change(info.filename, src.read(info))
            if content is not None:
                dst.writestr(info.filename, content, zipfile.ZIP_DEFLATED)
        for name, content in (change("+", b"") or {}).items():
            dst.writestr(name, content, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def _manifest_change(edit):
    def change(name, content):
        if name == "+":
            return None
        if name != MANIFEST:
            return content
        manifest = json.loads(content)
        edit(manifest)
        return json.dumps(manifest).encode()

    return lambda data: _rezip(data, change)


def _one_row_less(manifest):
    manifest["tables"]["orgs_organization"]["rows"] += 1


def _other_columns(manifest):
    manifest["tables"]["orgs_organization"]["columns"][-1] = "cot_moi"


def _bad_migrations(manifest):
    manifest["migrations"].append("orgs")


def _newer_version(manifest):
    manifest["migrations"].append(["orgs", "9999_tu_tuong_lai"])


def _escaping(data):
    return _rezip(data, lambda name, c: {"media/../../thoat-ra.txt": b"x"} if name == "+" else c)


def _bomb(data):
    zeros = b"\0" * (64 * 1024 * 1024)
    return _rezip(data, lambda name, c: {"media/bom.bin": zeros} if name == "+" else c)


def _foreign(data):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
    return out.getvalue()


def _broken_row(data):
    def change(name, content):
        if name == "database/orgs_organization.jsonl":
            return content.replace(b"\n", b"\n{", 1)
        return None if name == "+" else content

    return _rezip(data, change)


BAD_FILES = {
    "cắt cụt": (_truncated, "không phải bản sao lưu dangvu"),
    "hỏng một byte": (_flipped, "không phải bản sao lưu dangvu"),
    "tệp văn bản": (lambda data: b"day khong phai tep zip", "không phải bản sao lưu dangvu"),
    "zip lạ": (_foreign, "không phải bản sao lưu dangvu"),
    "dòng hỏng": (_broken_row, "dòng 2 của bảng orgs_organization"),
    "thiếu dòng": (_manifest_change(_one_row_less), "manifest ghi"),
    "bảng khác": (_manifest_change(_other_columns), "cấu trúc bảng khác"),
    "phiên bản mới hơn": (_manifest_change(_newer_version), "phiên bản dangvu mới hơn"),
    "migration hỏng": (_manifest_change(_bad_migrations), "danh sách migration hỏng"),
    "đường dẫn thoát ra": (_escaping, "tệp lạ bên trong"),
    "bom giải nén": (_bomb, "quá giới hạn"),
}


@pytest.mark.parametrize("kind", BAD_FILES)
def test_a_bad_backup_file_changes_nothing(kind, demo, private_var, settings):
    damage, message = BAD_FILES[kind]
    good = Path(_backup(private_var / "sao-luu.zip")["file"])
    bad = private_var / "hong.zip"
    bad.write_bytes(damage(good.read_bytes()))
    _attach(Document.objects.first(), "van-ban/1/2017/hien-co.pdf", b"tep hien co")
    Organization.objects.filter(pk=demo.pk).update(name="Tên hiện tại")
    counts, media = _counts(), _media(settings.MEDIA_ROOT)
    around = set(Path(settings.MEDIA_ROOT).parent.iterdir())

    with pytest.raises(CommandError, match=message) as refused:
        call_command("restore", str(bad), yes=True, stdout=StringIO())

    assert "Không có gì bị thay đổi" in str(refused.value)
    assert Organization.objects.get(pk=demo.pk).name == "Tên hiện tại"
    assert _counts() == counts and _media(settings.MEDIA_ROOT) == media
    assert set(Path(settings.MEDIA_ROOT).parent.iterdir()) == around
    assert settings.SECRET_KEY_FILE.read_text() == "khoa-cua-ban-sao-luu"


def test_backup_never_overwrites_and_names_files_by_date(demo, private_var, settings):
    folder = private_var / "bản sao"
    folder.mkdir()
    first = Path(_backup(folder)["file"])
    assert first.parent == folder and first.name.startswith("dangvu-") and first.suffix == ".zip"
    with pytest.raises(CommandError, match="đã có"):
        _backup(first)
    with pytest.raises(CommandError, match="MEDIA_ROOT"):
        _backup(Path(settings.MEDIA_ROOT))
    assert [p.name for p in folder.iterdir()] == [first.name]  # no working files left behind


def test_sqlite_backup_holds_the_database_file(committed_demo, private_var):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite only")
    backup = _backup(private_var / "sao-luu.zip")["file"]
    copy = private_var / "ban-sao.sqlite3"
    with zipfile.ZipFile(backup) as zf:
        copy.write_bytes(zf.read("database.sqlite3"))
    with sqlite3.connect(copy) as db:
        (orgs,) = db.execute("SELECT COUNT(*) FROM orgs_organization").fetchone()
    assert orgs == Organization.objects.count() > 0


def test_the_manifest_describes_the_installation(demo, private_var):
    with zipfile.ZipFile(_backup(private_var / "sao-luu.zip")["file"]) as zf:
        manifest = json.loads(zf.read(MANIFEST))
        assert zf.read("secret_key") == b"khoa-cua-ban-sao-luu"
    assert manifest["engine"] == connection.vendor
    assert manifest["dangvu_version"] and manifest["created_at"]
    organizations = manifest["tables"]["orgs_organization"]
    assert organizations["rows"] == Organization.objects.count()
    assert organizations["model"] == "orgs.organization"
    assert ["orgs", "0001_initial"] in manifest["migrations"]
    assert set(manifest["tables"]) == {m._meta.db_table for m in table_models()}


def test_a_backup_is_recorded_in_the_audit_trail(demo, private_var):
    """A backup holds every member's personal data: taking one is on record like any export."""
    result = _backup(private_var / "sao-luu.zip")
    entry = AuditEntry.objects.get(action="ops.backup")
    assert entry.summary == "Sao lưu toàn bộ dữ liệu vào sao-luu.zip"
    assert entry.kind == AuditEntry.Kind.EXPORT  # a file leaving dangvu, not a change
    assert entry.after["rows"] == result["rows"] and entry.after["file"] == result["file"]
