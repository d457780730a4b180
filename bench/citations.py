"""Throughput and held-in accuracy of the citation parser (dangvu.lib.citations).

Run from the repository root:  python bench/citations.py

Throughput: the reference report repeated to about 5 MB, parsed in one call, best of three runs.
CPU time is reported beside wall time because the machine is shared and wall time is noisy.
Target: at least 2 MB/s of CPU time (issue 15; a year of a province's reports in seconds).

Accuracy: precision, recall and F1 against the expected-reference table of the tests
(dangvu/lib/tests/test_citations.py), per field and per whole reference. The parser was
written against that same report, so this is held-in accuracy: it shows the table and the
parser agree, not how well the parser generalises. Needs pytest (the table lives in a test
module).
"""

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from _setup import skip, verdict  # noqa: E402

from dangvu.lib.citations import find_citations  # noqa: E402
from dangvu.lib.tests.test_citations import (  # noqa: E402
    FIELDS,
    REPORT_PATH,
    expected_citations,
    project,
)

TARGET_BYTES = 5_000_000
RUNS = 3


def throughput(text: str) -> None:
    copies = TARGET_BYTES // len(text.encode("utf-8")) + 1
    big = "\n\n".join([text] * copies)
    size_mb = len(big.encode("utf-8")) / 1e6
    best_cpu = best_wall = float("inf")
    for _ in range(RUNS):
        wall, cpu = time.perf_counter(), time.process_time()
        found = find_citations(big)
        best_cpu = min(best_cpu, time.process_time() - cpu)
        best_wall = min(best_wall, time.perf_counter() - wall)
    print(f"input: {size_mb:.2f} MB ({copies} copies of the report), {len(found)} citations")
    print(
        f"throughput: {size_mb / best_cpu:.2f} MB/s CPU time, {size_mb / best_wall:.2f} MB/s wall"
    )
    verdict("tốc độ tìm trích dẫn", size_mb / best_cpu, 2, unit="MB/s", higher_is_better=True)


def facts(rows: list[tuple]) -> set[tuple]:
    """Each non-empty field of each reference as (start, field, value)."""
    names = ("start", "end", *FIELDS, "warnings")
    out = set()
    for row in rows:
        for name, value in zip(names, row, strict=True):
            if value not in (None, ()):
                out.add((row[0], name, value))
    return out


def scores(predicted: set, expected: set) -> tuple[float, float, float]:
    hits = len(predicted & expected)
    precision = hits / len(predicted) if predicted else 1.0
    recall = hits / len(expected) if expected else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def accuracy(text: str) -> None:
    found = [project(c) for c in find_citations(text)]
    expected = expected_citations(text)
    print(f"references: {len(found)} found, {len(expected)} expected")
    p, r, f = scores(facts(found), facts(expected))
    print(f"held-in fields:     precision {p:.3f}  recall {r:.3f}  F1 {f:.3f}")
    p, r, f = scores(set(found), set(expected))
    print(f"held-in references: precision {p:.3f}  recall {r:.3f}  F1 {f:.3f}  (all fields exact)")


def main() -> int:
    if REPORT_PATH is None:
        from dangvu.lib.reference import MISSING

        skip(MISSING)
        return 0
    text = REPORT_PATH.read_text(encoding="utf-8")
    throughput(text)
    accuracy(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
