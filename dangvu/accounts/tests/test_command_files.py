"""Every way a file named on the command line cannot be read is one Vietnamese CommandError
(`DangvuCommand.read_file`), shown here through `cite`, which reads a named file and writes
nothing."""

import errno
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError


def refusal(name) -> str:
    with pytest.raises(CommandError) as refused:
        call_command("cite", str(name))
    return str(refused.value)


def test_a_missing_file(tmp_path):
    assert refusal(tmp_path / "khong-co.md") == (
        f"Không có tệp “{tmp_path / 'khong-co.md'}”: đường dẫn không tồn tại."
    )


def test_a_directory(tmp_path):
    folder = tmp_path / "bao-cao.md"
    folder.mkdir()
    assert refusal(folder) == f"“{folder}” là một thư mục, không phải một tệp."


def test_a_file_that_may_not_be_read(tmp_path, monkeypatch):
    path = tmp_path / "bao-cao.md"
    path.write_text("Theo Chỉ thị số 24-CT/TU.")

    def denied(self):
        raise PermissionError(errno.EACCES, "Permission denied", str(self))

    # Root reads a file of mode 000 anyway, so the refusal is the operating system's answer.
    monkeypatch.setattr(Path, "read_bytes", denied)
    assert refusal(path) == f"Không có quyền đọc tệp “{path}”."


def test_a_file_the_disk_cannot_give(tmp_path, monkeypatch):
    path = tmp_path / "bao-cao.md"
    path.write_text("Theo Chỉ thị số 24-CT/TU.")

    def broken(self):
        raise OSError(errno.EIO, "Input/output error", str(self))

    monkeypatch.setattr(Path, "read_bytes", broken)
    assert refusal(path) == f"Không đọc được tệp “{path}” (Input/output error)."


def test_a_file_over_the_limit_is_not_read(tmp_path, monkeypatch, settings):
    settings.DANGVU_MAX_UPLOAD_BYTES = 1024
    path = tmp_path / "bao-cao.md"
    path.write_bytes(b"a" * 2048)

    def unread(self):
        raise AssertionError("read before its size was checked")

    monkeypatch.setattr(Path, "read_bytes", unread)
    assert refusal(path) == f"Tệp “{path}” quá lớn (2 KB); giới hạn là 1 KB."
