"""DOCX to PDF with LibreOffice headless, where it is installed.

Each conversion runs with its own LibreOffice profile: two conversions sharing the default profile
(two web workers, two tests) block or fail on its lock. A timeout ends a stuck conversion and
everything it started.
"""

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

DEFAULT_TIMEOUT = 120  # seconds; the first run also creates the profile


class PdfError(RuntimeError):
    """The PDF could not be made; the message says why, in Vietnamese."""


def soffice() -> str | None:
    """The LibreOffice program, or None when it is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def available() -> bool:
    return soffice() is not None


def to_pdf(
    docx_path: str | os.PathLike[str],
    out_dir: str | os.PathLike[str],
    timeout: float = DEFAULT_TIMEOUT,
) -> Path:
    """Convert `docx_path` to `out_dir/<same name>.pdf` and return that path."""
    program = soffice()
    if program is None:
        raise PdfError(
            "Không tìm thấy LibreOffice (soffice) để xuất PDF: hãy cài gói libreoffice-writer, "
            "hoặc tải bản DOCX."
        )
    source = Path(docx_path).resolve()
    if not source.is_file():
        raise PdfError(f"Không tìm thấy tệp {source} để xuất PDF.")
    out = Path(out_dir).resolve()
    out.mkdir(parents=True, exist_ok=True)
    target = out / (source.stem + ".pdf")
    profile = tempfile.mkdtemp(prefix="dangvu-lo-")
    command = [
        program,
        f"-env:UserInstallation={Path(profile).as_uri()}",
        "--headless",
        "--norestore",
        "--nolockcheck",
        "--convert-to",
        "pdf",
        "--outdir",
        str(out),
        str(source),
    ]
    try:
        _run(command, timeout)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    if not target.is_file():
        raise PdfError(f"LibreOffice không tạo được tệp PDF từ {source.name}.")
    return target


def docx_bytes_to_pdf(data: bytes, timeout: float = DEFAULT_TIMEOUT) -> bytes:
    """The PDF of a DOCX given as bytes (for a web response or a frozen report)."""
    with tempfile.TemporaryDirectory(prefix="dangvu-pdf-") as tmp:
        source = Path(tmp) / "van-ban.docx"
        source.write_bytes(data)
        return to_pdf(source, Path(tmp) / "out", timeout).read_bytes()


def _run(command: list[str], timeout: float) -> None:
    # A session of its own, so that a timeout can end soffice.bin as well as its launcher.
    with subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
        env={**os.environ, "HOME": os.environ.get("HOME") or tempfile.gettempdir()},
    ) as process:
        try:
            _, stderr = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            raise PdfError(
                f"LibreOffice không chuyển xong sang PDF sau {timeout:g} giây; đã dừng."
            ) from None
    if process.returncode != 0:
        detail = stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
        raise PdfError(f"LibreOffice báo lỗi khi xuất PDF (mã {process.returncode}): {detail[0]}")
