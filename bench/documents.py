"""Writing a Party document to Word and checking a report: the speed of the pure-Python engines.

Targets: a 40-paragraph document with 5 footnotes rendered to DOCX in under 500 ms; the reference
report checked in under 100 ms (skipped when the reference report is not here).
Run: .venv/bin/python bench/documents.py
"""

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from _setup import skip, verdict  # noqa: E402

from dangvu.lib.checker import check_markdown  # noqa: E402
from dangvu.lib.party_docx import render_docx  # noqa: E402
from dangvu.lib.reference import MISSING, reference_report_path  # noqa: E402
from dangvu.lib.tests.party_sample import sample_document  # noqa: E402


def best_ms(func, runs=5):
    func()  # warm up imports, compiled patterns and the rule cache
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        timings.append(time.perf_counter() - start)
    return min(timings) * 1000


def main():
    sample = sample_document()
    ms = best_ms(lambda: render_docx(sample))
    print(f"render_docx: {ms:.0f} ms for {len(sample.body)} blocks, 5 footnotes")
    verdict("viết DOCX", ms, 500)
    path = reference_report_path()
    if path is None:
        skip(MISSING)
        return
    text = path.read_text(encoding="utf-8")
    ms = best_ms(lambda: check_markdown(text))
    print(f"check_markdown: {ms:.0f} ms for {len(text.split())} words")
    verdict("kiểm tra báo cáo tham chiếu", ms, 100)


if __name__ == "__main__":
    main()
