"""What the general engines find and miss on the reference report (issue 24).

Run from the repository root:  python bench/checker_reference.py [-v]

The reference report is never tuned on: no word list entry is taken from it. Its defects, as a
reader listed them, are given below by line and kind only (the text shown is read from the
report at run time). A defect counts as found when a finding of its kind lands on its line;
any other finding is printed as a false alarm. This is a measurement, not a target: the
verdict is the false alarms, which must stay at zero on a report written by people.
Skipped when the reference report is not on this machine.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from _setup import skip, verdict  # noqa: E402

from dangvu.lib.checker import check_markdown  # noqa: E402
from dangvu.lib.reference import MISSING, reference_report_path  # noqa: E402

# (line, kind) of each defect a reader found in the reference report; kind is the prefix of
# the finding codes that report it. Each comment says what the defect is, not what it says.
DEFECTS = [
    (22, "citation_type_abbreviated"),  # a type abbreviation without its Đ
    (44, "quote_unbalanced"),  # a quotation opened, never closed
    (56, "spelling"),  # a loan word misspelt
    (70, "style"),  # a shorthand of "lãnh đạo, chỉ đạo"
    (82, "citation_type_typo"),  # a type word without its tone mark (footnote)
    (84, "citation_type_typo"),  # the same, three times in one footnote
    (84, "citation_type_typo"),
    (84, "citation_type_typo"),
    (86, "spelling"),  # a tone mark lost in a set phrase
    (96, "style"),  # the shorthand again
    (112, "spelling"),  # a real-word slip: a tone mark changed
    (116, "spelling"),  # a real-word slip: a tone mark changed
    (122, "citation_party_state_style"),  # a Party document with a State-style symbol
    (122, "spelling"),  # a real-word slip: a final letter added
    (134, "style"),  # the shorthand again
    (140, "spelling"),  # a non-word
    (142, "quote_unbalanced"),  # a quotation opened, never closed
    (168, "quote_unbalanced"),  # a quotation closed, never opened
    (168, "spelling"),  # a real-word slip: a tone mark lost
    (184, "spelling"),  # a real-word slip: a vowel mark lost
    (225, "spelling"),  # a real-word slip: a tone mark lost
    (231, "style"),  # a department abbreviation written the wrong way
    (253, "spelling"),  # a real-word slip split over a line break
    (255, "numbering_repeat"),  # a Roman heading repeated
    (273, "citation_term"),  # an impossible Central Committee term
    (281, "spelling"),  # a real-word slip: a tone mark changed
    (283, "spelling"),  # a real-word slip: a vowel and its tone
    (294, "signature_capacity"),  # a prefix before the signer's capacity
]


def main(verbose: bool = False) -> int:
    path = reference_report_path()
    if path is None:
        skip(MISSING)
        return 0
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    findings = check_markdown(text)
    matched = set()
    by_kind: dict[str, list[int]] = {}
    for line, kind in DEFECTS:
        hit = next(
            (
                f
                for f in findings
                if f.line == line and f.code.startswith(kind) and f not in matched
            ),
            None,
        )
        family = "spelling" if kind in ("spelling", "style") else kind.split("_")[0]
        by_kind.setdefault(family, [0, 0])
        by_kind[family][1] += 1
        if hit is not None:
            matched.add(hit)
            by_kind[family][0] += 1
        if verbose or hit is None:
            status = "tìm thấy" if hit else "BỎ SÓT"
            print(f"  {status:8} dòng {line:3} {kind:28} {lines[line - 1].strip()[:70]!r}")
    alarms = [f for f in findings if f not in matched]
    for f in alarms:
        print(f"  báo sai  {f.location} {f.code}: {f.excerpt[:70]!r}")
    for family, (found, total) in sorted(by_kind.items()):
        print(f"{family:12} tìm thấy {found}/{total}")
    found = sum(v[0] for v in by_kind.values())
    print(f"báo cáo tham chiếu: tìm thấy {found}/{len(DEFECTS)} lỗi, {len(alarms)} báo sai")
    verdict("báo sai trên báo cáo tham chiếu", len(alarms), 1, unit="")
    return 0


if __name__ == "__main__":
    sys.exit(main(verbose="-v" in sys.argv))
