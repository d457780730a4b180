"""Learn the spelling checker's language model from public Vietnamese text under a free licence.

Run from the repository root:  python bench/devset/learn_ngrams.py WIKI

with WIKI the `viwiki/` folder of a copy of https://github.com/undertheseanlp/corpus.viwiki
(`git clone` it anywhere outside the repository; some 100 MB, about a minute to count).

Sources:

* Vietnamese Wikipedia: the 7.864 articles of the snapshot kept in the public repository
  undertheseanlp/corpus.viwiki (its `viwiki/` folder of plain-text files, given as WIKI; text
  under CC BY-SA), some 85 MB of encyclopaedic prose on history, politics, places and people;
* the passages of bench/devset/corpus (public administrative and Party writing kept for
  learning). Never the texts the checker is measured on: neither the tuning texts
  (bench/devset/texts) nor the held-out ones, so that a slip in them is judged by a model that
  has not read them.

Writes dangvu/rules/lexicon/bigrams.tsv and trigrams.tsv: runs of two and three lower-case
Vietnamese syllables (hunspell-vi, tones placed the new way) with only blanks between them, seen
at least MIN_PAIR and MIN_TRIPLE times, and their counts. Counts are facts about usage, not
anyone's expression; the sources are named in the files' headers and in docs/spelling.md.
"""

import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import _devset  # noqa: E402

from dangvu.lib import spelling  # noqa: E402

_WORD = re.compile(r"[^\W\d_]+")
_MARKED = re.compile("[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]")
# Runs seen fewer times may be slips of their writers, and would swell the files: the model
# judges only what it should have seen more than once. (Pairs seen twice and triples seen three
# times keep the two files near 10 MB.)
MIN_PAIR = 2
MIN_TRIPLE = 3
HEADER = """\
# Syllable {what} of Vietnamese, learned by bench/devset/learn_ngrams.py (do not edit by hand).
# Sources: Vietnamese Wikipedia (articles of the snapshot in undertheseanlp/corpus.viwiki; text
# CC BY-SA, https://vi.wikipedia.org) and the passages of bench/devset/corpus. Each line: {size}
# syllables, a tab, how many times they were seen in a row (at least {least} times).
"""


def vietnamese_lines(text: str) -> str:
    """The lines of `text` written in Vietnamese: articles quote English and French, and "in
    the" is two Vietnamese syllables as well."""
    keep = []
    for line in text.split("\n"):
        words = _WORD.findall(line.lower())
        marked = sum(bool(_MARKED.search(w)) for w in words)
        if words and marked >= 0.3 * len(words):
            keep.append(line)
    return "\n".join(keep)


def wiki_texts(root: Path):
    """The articles of the Wikipedia snapshot, without their lists of references and links."""
    for path in sorted(root.glob("*.txt")):
        text = path.read_text(encoding="utf-8", errors="replace")
        yield text.split("\n== Tham khảo ==")[0].split("\n== Liên kết ngoài ==")[0]


def corpus_passages():
    """The passages of bench/devset/corpus, kept for learning (see its README)."""
    return [_devset.read_text(p) for p in sorted((_devset.DEVSET / "corpus").glob("*.txt"))]


def write(path: Path, counts: Counter, least: int, what: str, size: str) -> int:
    kept = sorted((k for k, n in counts.items() if n >= least), key=lambda k: (-counts[k], k))
    header = HEADER.format(what=what, size=size, least=least)
    path.write_text(header + "".join(f"{k}\t{counts[k]}\n" for k in kept), encoding="utf-8")
    return len(kept)


def main(wiki: str):
    pairs, triples = Counter(), Counter()
    n_texts = 0
    for text in [*corpus_passages(), *wiki_texts(Path(wiki))]:
        for run in spelling.syllable_runs(vietnamese_lines(text)):
            pairs.update(" ".join(run[i : i + 2]) for i in range(len(run) - 1))
            triples.update(" ".join(run[i : i + 3]) for i in range(len(run) - 2))
        n_texts += 1
    n_pairs = write(spelling.BIGRAMS_FILE, pairs, MIN_PAIR, "bigrams", "two")
    n_triples = write(spelling.TRIGRAMS_FILE, triples, MIN_TRIPLE, "trigrams", "three")
    print(f"{n_texts} texts, {sum(pairs.values())} pairs and {sum(triples.values())} triples "
          f"seen; kept {n_pairs} pairs and {n_triples} triples")  # fmt: skip


if __name__ == "__main__":
    assert _devset.HELDOUT.name == "heldout"  # the held-out texts are never read here
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
