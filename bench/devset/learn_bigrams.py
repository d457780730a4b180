"""Learn the spelling checker's syllable bigrams from public Vietnamese text under free licences.

Run from the repository root:  python bench/devset/learn_bigrams.py --wiki WIKI [DIR ...]

Sources:

* Vietnamese Wikipedia: the 7.864 articles of the snapshot kept in the public repository
  undertheseanlp/corpus.viwiki (its `viwiki/` folder of plain-text files, given as WIKI; text
  under CC BY-SA), some 85 MB of encyclopaedic prose on history, politics, places and people;

and, without --wiki (or with DIRs), Debian packages fetched with `apt-get download` into a
temporary directory, never installed (software help: with Wikipedia they are left out, their
vocabulary outweighing a report's):

* ``libreoffice-help-vi``: LibreOffice's help translated into Vietnamese (MPL-2.0), some 2.500
  pages of running prose;
* ``maint-guide-vi``: the Debian New Maintainers' Guide in Vietnamese (GPL-2.0-or-later);

and the tuning texts and corpus of bench/devset (public administrative and Party writing; never
the held-out texts). Writes dangvu/rules/lexicon/bigrams.tsv: adjacent pairs of lower-case
Vietnamese syllables (hunspell-vi, tones placed the new way) with only blanks between them, seen
at least MIN_COUNT times, and their counts. Counts of pairs are facts about usage, not
anyone's expression; the sources are named in the file's header and in docs/spelling.md.
"""

import re
import subprocess
import sys
import tempfile
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import _devset  # noqa: E402
from learn_collocations import corpus as tuning_texts  # noqa: E402

from dangvu.lib import spelling  # noqa: E402

_WORD = re.compile(r"[^\W\d_]+")
_MARKED = re.compile("[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]")
PACKAGES = ("libreoffice-help-vi", "maint-guide-vi")
# A pair seen fewer times may be a slip of its writer, and would swell the file: the model
# judges only pairs it should have seen often.
MIN_COUNT = 4
HEADER = """\
# Syllable bigrams of Vietnamese, learned by bench/devset/learn_bigrams.py (do not edit by hand).
# Sources: Vietnamese Wikipedia (articles of the snapshot in undertheseanlp/corpus.viwiki; text
# CC BY-SA, https://vi.wikipedia.org) and the tuning texts of bench/devset. Each line: two
# syllables, a tab, how many times they were seen side by side (pairs seen at least 4 times).
"""


class _Text(HTMLParser):
    """The text of an HTML page, one line per block; scripts and styles dropped."""

    BLOCKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "td", "tr", "title", "pre"}

    def __init__(self):
        super().__init__()
        self.parts, self.hidden = [], 0

    def handle_starttag(self, tag, attrs):
        self.hidden += tag in ("script", "style")
        if tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        self.hidden -= tag in ("script", "style")
        if tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)


def html_texts(root: Path):
    for path in sorted(root.rglob("*.html")):
        parser = _Text()
        parser.feed(path.read_text(encoding="utf-8", errors="replace"))
        yield "".join(parser.parts)


def fetch_packages(into: Path) -> list[Path]:
    """Download and unpack the source packages; the directories holding their files."""
    subprocess.run(["apt-get", "download", *PACKAGES], cwd=into, check=True)
    out = []
    for deb in sorted(into.glob("*.deb")):
        target = into / deb.name.split("_")[0]
        subprocess.run(["dpkg-deb", "-x", str(deb), str(target)], check=True)
        out.append(target)
    return out


def vietnamese_lines(text: str) -> str:
    """The lines of `text` written in Vietnamese: the help leaves many strings in English, and
    "in the" is two Vietnamese syllables as well."""
    keep = []
    for line in text.split("\n"):
        words = _WORD.findall(line.lower())
        marked = sum(bool(_MARKED.search(w)) for w in words)
        if words and marked >= 0.3 * len(words):
            keep.append(line)
    return "\n".join(keep)


def count(texts) -> Counter:
    pairs = Counter()
    for text in texts:
        pairs.update(spelling.syllable_pairs(vietnamese_lines(text)))
    return pairs


def wiki_texts(root: Path):
    """The articles of the Wikipedia snapshot, without their lists of references and links."""
    for path in sorted(root.glob("*.txt")):
        text = path.read_text(encoding="utf-8", errors="replace")
        yield text.split("\n== Tham khảo ==")[0].split("\n== Liên kết ngoài ==")[0]


def main(dirs: list[str], wiki: str | None):
    with tempfile.TemporaryDirectory() as tmp:
        # With Wikipedia, the software help is left out unless asked for: its vocabulary
        # ("trang tính", "tập tin") would outweigh a report's ("vũ trang tỉnh").
        roots = [Path(d) for d in dirs] or ([] if wiki else fetch_packages(Path(tmp)))
        texts = [t for root in roots for t in html_texts(root)]
        texts += tuning_texts()
        pairs = count(texts)
        n_texts = len(texts)
        if wiki:
            for text in wiki_texts(Path(wiki)):
                pairs.update(spelling.syllable_pairs(vietnamese_lines(text)))
                n_texts += 1
    kept = sorted((p for p, n in pairs.items() if n >= MIN_COUNT), key=lambda p: (-pairs[p], p))
    lines = [f"{p}\t{pairs[p]}" for p in kept]
    spelling.BIGRAMS_FILE.write_text(HEADER + "\n".join(lines) + "\n", encoding="utf-8")
    total = sum(pairs.values())
    print(f"{n_texts} texts, {total} pairs seen, {len(kept)} kept in {spelling.BIGRAMS_FILE}")


if __name__ == "__main__":
    assert _devset.HELDOUT.name == "heldout"  # the held-out texts are never read here
    args = sys.argv[1:]
    wiki = None
    if "--wiki" in args:
        at = args.index("--wiki")
        wiki = args[at + 1]
        del args[at : at + 2]
    main(args, wiki)
