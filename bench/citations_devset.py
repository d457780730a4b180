"""Citation parser on text nobody here wrote: bench/devset/ (texts and citations/*.json).

Run from the repository root:  python bench/citations_devset.py [-v] [--heldout]

--heldout measures on bench/devset/heldout/, texts annotated before the parser ever saw them.

Each annotated citation has an anchor (where a reader sees it start), its type as written, its
identity (symbol; "#N" for a number alone; "@name" for a law cited by name) and its date. A
found citation matches the annotated one whose anchor lies inside it. Exact-field scores count
(citation, field, value) facts for the fields type, id and date: a fact found is right only when
the same citation has that value in the annotation. Targets from issue 15: F1 ≥ 0.95 (aim 0.97).
"""

import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import _devset  # noqa: E402
from _devset import load, prf, texts, words  # noqa: E402
from _setup import verdict  # noqa: E402

from dangvu.lib.citations import find_citations  # noqa: E402

FIELDS = ("type", "id", "date")
_DATE_TAIL = re.compile(r"\s*(?:,\s*)?(?:ngày\s.*|năm\s+\d{4})$", re.IGNORECASE | re.DOTALL)


def identity(c) -> str | None:
    if c.symbol:
        return c.symbol
    if c.name and c.type in ("Luật", "Bộ luật", "Pháp lệnh", "Hiến pháp"):
        return "@" + _DATE_TAIL.sub("", " ".join(c.name.split()))
    if c.number:
        return "#" + c.number
    return None


def main(verbose=False):
    all_texts = texts()
    tp = fp = fn = 0
    found_ids = gold_ids = matched_ids = 0
    kinds = Counter()
    n_words = 0
    for path in sorted((_devset.DEVSET / "citations").glob("*.json")):
        gold = load(f"citations/{path.name}")
        text = all_texts[path.stem]
        n_words += words(text)
        anchors = []
        for g in gold["citations"]:
            pos = -1
            for _ in range(g["n"]):
                pos = text.find(g["at"], pos + 1)
            assert pos >= 0, (path.stem, g["at"])
            anchors.append((pos, g))
        found = find_citations(text)
        used = set()
        for c in found:
            got = {"type": c.type, "id": identity(c), "date": c.date}
            match = next(
                (g for pos, g in anchors if c.start <= pos < c.end and id(g) not in used), None
            )
            if match is None:
                fp += sum(v is not None for v in got.values())
                found_ids += 1
                if verbose:
                    print(f"  + {path.stem}: {c.raw!r} {got}")
                continue
            used.add(id(match))
            found_ids += 1
            matched_ids += got["id"] == match["id"]
            for f in FIELDS:
                if got[f] is None and match[f] is None:
                    continue
                if got[f] == match[f]:
                    tp += 1
                else:
                    fp += got[f] is not None
                    fn += match[f] is not None
                    kinds[f] += 1
                    if verbose:
                        print(f"  ≠ {path.stem}: {f} {got[f]!r} != {match[f]!r} in {c.raw!r}")
        for _pos, g in anchors:
            gold_ids += 1
            if id(g) not in used:
                fn += sum(g[f] is not None for f in FIELDS)
                kinds["missed"] += 1
                if verbose:
                    print(f"  - {path.stem}: missed {g}")
    p, r, f1 = prf(tp, fp, fn)
    print(f"development set: {len(all_texts)} texts, {n_words} words, {gold_ids} citations")
    print(f"citations found {found_ids}, identified exactly {matched_ids} of {gold_ids}")
    print(f"exact fields: precision {p:.3f}, recall {r:.3f}, F1 {f1:.3f}")
    print("errors by kind: " + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items())))
    where = "tập giữ lại" if _devset.DEVSET == _devset.HELDOUT else "tập phát triển"
    verdict(f"F1 trích dẫn trên {where}", f1, 0.95, unit="", higher_is_better=True)
    return f1


if __name__ == "__main__":
    if "--heldout" in sys.argv:
        _devset.use_heldout()
        print("TẬP KIỂM TRA GIỮ LẠI (held-out)")
    main(verbose="-v" in sys.argv)
