"""The development set under bench/devset/: real texts from other organizations, read-only.

Kept apart from the unit tests (they must not read it): the benchmarks measure how the engines
generalise, the tests pin behaviour.
"""

import json
import re
from pathlib import Path

DEVSET = Path(__file__).resolve().parent / "devset"
TEXTS = DEVSET / "texts"
HELDOUT = DEVSET / "heldout"  # texts read once, after the engines were tuned: never tune on them


def use_heldout() -> None:
    """Point the loaders at the held-out texts (`--heldout` on the command line)."""
    global DEVSET, TEXTS
    DEVSET, TEXTS = HELDOUT, HELDOUT / "texts"


def read_text(path: Path) -> str:
    """The text without its `# source:` line (kept in the file for provenance)."""
    lines = path.read_text(encoding="utf-8").split("\n")
    return "\n".join(line for line in lines if not line.startswith("# source:"))


def texts() -> dict[str, str]:
    return {p.stem: read_text(p) for p in sorted(TEXTS.glob("*.txt"))}


def words(text: str) -> int:
    return len(re.findall(r"\w+", text))


def load(name: str):
    return json.loads((DEVSET / name).read_text(encoding="utf-8"))


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f
