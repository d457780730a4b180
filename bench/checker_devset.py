"""Report checker on text nobody here wrote: bench/devset/ (texts and checker/injections.json).

Run from the repository root:  python bench/checker_devset.py [-v] [--heldout]

--heldout uses bench/devset/heldout/: the same injections into texts read once, after tuning,
and the slips those texts really contain (heldout/real-slips.json, listed by a reader before
the checker ran) reported as a separate recall.

Every defect is put, alone, into a copy of a correct text (spelling slips and quote slips
edit a word or a quote in place; totals and numbering add a paragraph or a block of headings in
a shape offices write). A defect counts as found when a finding of its family lands on the
lines it touched. False alarms are the findings on the correct texts (the real texts plus
correct paragraphs of the same shapes), per 1.000 words; `known` lists the slips the source
texts really contain, which are not false alarms. Style notes (severity "lưu ý") are opt-in
advice and are not counted. Targets from issue 15: ≥ 80 % of the defects of every kind, and
≤ 1 false alarm per 1.000 words.
"""

import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import _devset  # noqa: E402
from _devset import prf, texts, words  # noqa: E402
from _setup import verdict  # noqa: E402

from dangvu.lib import checker  # noqa: E402

FAMILIES = {
    "spelling": ("spelling",),
    "totals": ("total_mismatch",),
    "numbering": ("numbering_",),
    "quotes": ("quote_",),
}
TITLES = ["Công tác chính trị tư tưởng", "Công tác xây dựng tổ chức đảng", "Công tác kiểm tra"]
FILLER = "Chi bộ luôn nhận được sự quan tâm lãnh đạo, chỉ đạo trực tiếp của Đảng ủy cấp trên."
# Genuine slips of the source texts (line text fragment, finding code prefix): not false alarms.
KNOWN = [("ngày22", "citation"), ("TWngày", "citation"), ("100năm", "spelling")]
KNOWN += [("39/KH/HU", "citation")]  # a Party symbol written with slashes (39-KH/HU)
# The excerpt of this plan starts inside its section 2 ("2.1." without "2."): not a real slip.
KNOWN += [
    ("2.1. Thống nhất", "numbering"),
    ("2.2. Xây dựng", "numbering"),
    ("1. Sở, ban", "numbering"),
]
# Texts that serve the citation bench only: their diacritics are scrambled on purpose.
# (la-bang-09-kh: a text extraction that dropped words, "cán lãnh đạo".)
CITATIONS_ONLY = {"kl-127-scrambled", "la-bang-09-kh"}


def REAL_SLIPS():
    path = _devset.DEVSET / "real-slips.json"
    return json.loads(path.read_text("utf-8"))["slips"] if path.exists() else []


def findings(text: str, notes: bool = False):
    """The errors the checker reports on `text`; with `notes`, its notes (severity "lưu ý")."""
    out = checker.check_markdown(text)
    return [f for f in out if (f.severity == checker.NOTE) == notes]


def family(code: str) -> str | None:
    return next((k for k, pre in FAMILIES.items() if code.startswith(pre)), None)


def numbering_block(style: str, nums: list[str]) -> str:
    first = style.split(".")[0] if style.startswith("1.1") else style.rstrip(".-) ")
    sep = style[len(first) :] if not style.startswith("1.1") else ". "
    lines = ["1. Kết quả thực hiện"] if style.startswith("1.1") else []
    for num, title in zip(nums, TITLES, strict=True):
        lines += [f"{num}{sep}{title.upper() if num[0] in 'IVX' else title}", FILLER]
    return "\n".join(lines)


def totals_line(template: str, values: list[int]) -> str:
    keys = dict(zip("nabcd", values, strict=False))
    return template.format(**{k: f"{v:02d}" if k != "n" else str(v) for k, v in keys.items()})


def cases():
    """(kind, subkind, document, first line, last line) for every injected defect; and the
    extra correct documents."""
    inj = json.loads((_devset.HELDOUT.parent / "checker" / "injections.json").read_text("utf-8"))
    corpus = {n: t for n, t in texts().items() if n not in CITATIONS_ONLY}
    out, clean, missing = [], [], []
    for sub, find, repl in inj["spelling"] + inj["quotes"]:
        kind = "quotes" if sub.startswith(("curly", "straight")) else "spelling"
        name = next((n for n, t in corpus.items() if find in t), None)
        if name is None:
            missing.append(find)
            continue
        text = corpus[name]
        pos = text.index(find)
        line = text.count("\n", 0, pos) + 1
        doc = text[:pos] + repl + text[pos + len(find) :]
        out.append((kind, sub, doc, line, line + find.count("\n")))
    base_name = "dien-xa-2017" if "dien-xa-2017" in corpus else "duong-phong-2023"
    base = corpus[base_name]
    base_lines = base.count("\n") + 1
    for i, (template, good, bad) in enumerate(inj["totals"]):
        for values in good:
            clean.append((base_name, base + "\n" + totals_line(template, values)))
        for values in bad:
            doc = base + "\n" + totals_line(template, values)
            out.append(("totals", f"shape{i + 1}", doc, base_lines + 1, base_lines + 1))
    for style, good, bads in inj["numbering"]:
        clean.append((None, "BÁO CÁO\nKết quả công tác năm\n" + numbering_block(style, good)))
        for nums in bads:
            doc = "BÁO CÁO\nKết quả công tác năm\n" + numbering_block(style, nums)
            out.append(("numbering", style.strip(), doc, 3, doc.count("\n") + 1))
    return out, clean, missing


def main(verbose=False):
    injected, extra_clean, missing = cases()
    if missing:
        print("not injected (text not found): " + ", ".join(missing))
    found, total, sub_missed = Counter(), Counter(), Counter()
    for kind, sub, doc, first, last in injected:
        total[kind] += 1
        hit = any(family(f.code) == kind and first <= f.line <= last for f in findings(doc))
        found[kind] += hit
        if not hit:
            sub_missed[(kind, sub)] += 1
            if verbose:
                line = doc.split("\n")[first - 1]
                print(f"  - {kind}/{sub}: {line[:100]!r}")
    corpus = {n: t for n, t in texts().items() if n not in CITATIONS_ONLY}
    clean_docs = list(corpus.items()) + extra_clean  # (source text name, text)
    n_words = sum(words(t) for _, t in clean_docs)
    alarms = Counter()
    real = REAL_SLIPS()
    real_found, real_noted, notes = set(), set(), 0
    for name, doc in clean_docs:
        lines = doc.split("\n")
        for f in findings(doc, notes=True):  # notes: advice, counted apart from the errors
            slip = next((s for s in real if s[0] == name and s[1] in f.excerpt), None)
            if slip is not None:
                real_noted.add(tuple(slip))
            elif f.code == "spelling":
                notes += 1
                if verbose:
                    print(f"  ? {f.code} {f.location}: {f.excerpt[:90]!r}")
        for f in findings(doc):
            text = lines[f.line - 1] if f.line <= len(lines) else ""
            if any(frag in text and f.code.startswith(pre) for frag, pre in KNOWN):
                continue
            slip = next((s for s in real if s[0] == name and s[1] in f.excerpt), None)
            if slip is not None:
                real_found.add(tuple(slip))
                continue
            alarms[family(f.code) or f.code] += 1
            if verbose:
                print(f"  ! {f.code} {f.location}: {f.excerpt[:90]!r}")
    print(
        f"development set: {len(corpus)} real texts, {len(extra_clean)} correct paragraphs "
        f"of common shapes, {n_words} words of correct text; {sum(total.values())} defects"
    )
    ok = True
    for kind in FAMILIES:
        tp, fn, fp = found[kind], total[kind] - found[kind], alarms[kind]
        p, r, f1 = prf(tp, fp, fn)
        print(
            f"{kind:10} found {tp}/{total[kind]}  precision {p:.2f} recall {r:.2f} F1 {f1:.2f}"
            f"  false alarms {fp}"
        )
        ok &= verdict(f"tỉ lệ phát hiện lỗi {kind}", 100 * r, 80, unit="%", higher_is_better=True)
    if sub_missed:
        print(
            "missed by shape: "
            + ", ".join(f"{k}/{s} {n}" for (k, s), n in sorted(sub_missed.items()))
        )
    if real:
        missed = [s for s in real if tuple(s) not in real_found]
        print(
            f"real slips of the texts found: {len(real_found)}/{len(real)} as errors, "
            f"{len(real_noted & set(map(tuple, missed)))} more as notes; missed: "
            + ", ".join(s[1] for s in missed if tuple(s) not in real_noted)
        )
    print(
        f"spelling notes on correct text: {notes} ({1000 * notes / n_words:.2f} per 1.000 words; "
        "advice, not counted as false alarms)"
    )
    per_k = 1000 * sum(alarms.values()) / n_words
    print("false alarms by code: " + ", ".join(f"{k} {v}" for k, v in alarms.most_common()))
    verdict("báo động sai trên 1.000 từ", per_k, 1, unit="")
    return ok


if __name__ == "__main__":
    if "--heldout" in sys.argv:
        _devset.use_heldout()
        print("TẬP KIỂM TRA GIỮ LẠI (held-out)")
    main(verbose="-v" in sys.argv)
