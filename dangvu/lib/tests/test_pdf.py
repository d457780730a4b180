"""DOCX to PDF through LibreOffice: pages, footnotes at the foot of the page, clear failures."""

import re
import shutil
import subprocess
import threading
import time
from pathlib import Path

import pytest

from dangvu.lib import pdf
from dangvu.lib.party_docx import save_docx
from dangvu.lib.tests.party_sample import FOOTNOTE_TEXTS, sample_document

pytestmark = pytest.mark.slow
needs_soffice = pytest.mark.skipif(
    not pdf.available() or not shutil.which("pdftotext"),
    reason="LibreOffice (soffice) or pdftotext is not installed",
)
WORD = re.compile(r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="[\d.]+">([^<]*)</word>')


@pytest.fixture(scope="module")
def converted(tmp_path_factory):
    """The sample report and a short one, converted at the same time (private profiles)."""
    if not pdf.available():
        pytest.skip("LibreOffice (soffice) is not installed")
    tmp = tmp_path_factory.mktemp("pdf")
    sources = [
        save_docx(sample_document(), tmp / "bao-cao.docx"),
        save_docx(sample_document(12), tmp / "ngan.docx"),
    ]
    results, errors = {}, []

    def convert(source):
        try:
            start = time.perf_counter()
            results[source.stem] = pdf.to_pdf(source, tmp / "out")
            print(f"to_pdf {source.name}: {time.perf_counter() - start:.1f} s")
        except Exception as exc:  # reported below, in the test's thread
            errors.append(exc)

    threads = [threading.Thread(target=convert, args=(s,)) for s in sources]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    return results


def pages(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    return int(re.search(r"^Pages:\s+(\d+)", info.stdout, re.M)[1])


def page_words(path: Path, page: int) -> tuple[float, list[tuple[float, str]]]:
    out = subprocess.run(
        ["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    height = float(re.search(r'<page width="[\d.]+" height="([\d.]+)"', out)[1])
    return height, [(float(y), word) for y, word in WORD.findall(out)]


@needs_soffice
def test_both_parallel_conversions_make_pdfs(converted):
    assert set(converted) == {"bao-cao", "ngan"}
    assert pages(converted["bao-cao"]) >= 4 > pages(converted["ngan"]) >= 1
    assert all(p.read_bytes().startswith(b"%PDF") for p in converted.values())


@needs_soffice
def test_pdf_has_the_text_and_the_header(converted):
    text = subprocess.run(
        ["pdftotext", str(converted["bao-cao"]), "-"], capture_output=True, text=True, check=True
    ).stdout
    for expected in (
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "Số 15-BC/ĐU",
        "Trà Vinh, ngày 05 tháng 12 năm 2017",
        "BÁO CÁO",
        "+ Mang sang năm 2016",
        "Nơi nhận:",
        "T/M ĐẢNG ỦY",
    ):
        assert expected in text, expected


@needs_soffice
def test_footnotes_sit_at_the_foot_of_their_page(converted):
    path = converted["bao-cao"]
    # Each footnote starts with a word that appears nowhere else in the report.
    markers = {"04/CT-UBND", "19-CT/TU"}
    found = {}
    for page in range(1, pages(path) + 1):
        height, words = page_words(path, page)
        body_bottom = max((y for y, w in words if w.startswith("(đoạn")), default=0)
        for y, word in words:
            if word in markers:
                found[word] = page
                # Below every body paragraph of the page, in the lower part of the page:
                # a footnote, not text flowed inline.
                assert y > body_bottom and y > height * 0.6, (word, page, y)
    assert set(found) == {"04/CT-UBND", "19-CT/TU"}
    assert found["04/CT-UBND"] == 1
    text = "".join(
        subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout.split()
    )
    for note in FOOTNOTE_TEXTS:
        assert "".join(note.split()) in text


def test_missing_libreoffice_is_a_clear_error(monkeypatch, tmp_path):
    monkeypatch.setattr(pdf.shutil, "which", lambda name: None)
    assert not pdf.available()
    source = save_docx(sample_document(8), tmp_path / "a.docx")
    with pytest.raises(pdf.PdfError, match="Không tìm thấy LibreOffice"):
        pdf.to_pdf(source, tmp_path)


def test_a_stuck_conversion_is_stopped(monkeypatch, tmp_path):
    fake = tmp_path / "soffice"
    fake.write_text("#!/bin/sh\nsleep 30 &\nwait\n")
    fake.chmod(0o755)
    monkeypatch.setattr(pdf, "soffice", lambda: str(fake))
    profiles = []
    real_mkdtemp = pdf.tempfile.mkdtemp

    def mkdtemp(**kwargs):
        profiles.append(real_mkdtemp(**kwargs))
        return profiles[-1]

    monkeypatch.setattr(pdf.tempfile, "mkdtemp", mkdtemp)
    source = save_docx(sample_document(8), tmp_path / "a.docx")
    start = time.perf_counter()
    with pytest.raises(pdf.PdfError, match="sau 1 giây"):
        pdf.to_pdf(source, tmp_path / "out", timeout=1)
    assert time.perf_counter() - start < 10
    # The run's private profile is removed even after a timeout.
    assert len(profiles) == 1 and not Path(profiles[0]).exists()


def test_a_failing_conversion_names_the_exit_code(monkeypatch, tmp_path):
    fake = tmp_path / "soffice"
    fake.write_text("#!/bin/sh\necho 'Error: source file could not be loaded' >&2\nexit 3\n")
    fake.chmod(0o755)
    monkeypatch.setattr(pdf, "soffice", lambda: str(fake))
    source = save_docx(sample_document(8), tmp_path / "a.docx")
    with pytest.raises(pdf.PdfError, match=r"mã 3\): Error: source file could not be loaded"):
        pdf.to_pdf(source, tmp_path / "out")
