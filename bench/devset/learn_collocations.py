"""Learn the spelling checker's collocations from the tuning texts (never the held-out ones).

Run from the repository root:  python bench/devset/learn_collocations.py

Reads bench/devset/texts/*.txt and bench/devset/corpus/*.txt (public Vietnamese writing of
Party committees and offices, see corpus/README.md) and writes
dangvu/rules/lexicon/collocations.txt: the two-syllable pairs that recur in several texts
(dangvu.lib.spelling.learn_collocations). Rerun after adding texts; check the false alarms of
`python bench/checker_devset.py` and `--heldout` before keeping the result.
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import _devset  # noqa: E402

from dangvu.lib import spelling  # noqa: E402

# Texts whose diacritics are scrambled or whose words were dropped by extraction.
UNUSABLE = {"kl-127-scrambled"}
HEADER = """\
# Two-syllable collocations of administrative and Party writing, learned from public text by
# bench/devset/learn_collocations.py (do not edit by hand: add texts and rerun). Each pair
# recurred in the number of texts after "#"; the real-word spelling check reads them like
# words.txt. Sources: bench/devset/texts and bench/devset/corpus (tuning texts only).
"""


def corpus() -> list[str]:
    texts = [t for name, t in _devset.texts().items() if name not in UNUSABLE]
    extra = sorted((_devset.DEVSET / "corpus").glob("*.txt"))
    return texts + [_devset.read_text(p) for p in extra]


def main():
    learned = spelling.learn_collocations(corpus())
    lines = [f"{pair}  # {n}" for pair, n in learned]
    spelling.COLLOCATIONS_FILE.write_text(HEADER + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(learned)} collocations written to {spelling.COLLOCATIONS_FILE}")


if __name__ == "__main__":
    main()
