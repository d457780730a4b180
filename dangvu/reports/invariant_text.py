"""The attendance rule of `invariants.py` read in a report's text, for the checker: no Django
here, so the checker can run before settings are loaded (a file checked in a subprocess, the
limits tests)."""

import re

from dangvu.lib.checker import ERROR, Finding
from dangvu.lib.narrative import render_value

_NUMBER = r"(\d{1,3}(?:\.\d{3})*|\d+)"
_MEMBERS = re.compile(r"\bcó\s+" + _NUMBER + r"\s+đảng viên\b", re.IGNORECASE)
_SESSIONS = re.compile(_NUMBER + r"\s+(?:cuộc|buổi)\b[^.;\n]*?\b" + _NUMBER + r"\s+lượt đảng viên")


def _int(text: str) -> int:
    return int(text.replace(".", ""))


def text_findings(paragraphs: list[tuple[int, str]], unit: str = "dòng") -> list[Finding]:
    """Attendances written in a report beyond what its members could make: "15 cuộc … 620 lượt
    đảng viên" where the report says the organization "có 13 đảng viên" (at most 15 × 13).
    The members are those the report states first; a report that states none is not judged."""
    members = None
    for _, text in paragraphs:
        m = _MEMBERS.search(text)
        if m:
            members = _int(m.group(1))
            break
    if not members:
        return []
    out = []
    for number, text in paragraphs:
        for m in _SESSIONS.finditer(text):
            sessions, attendances = _int(m.group(1)), _int(m.group(2))
            if attendances > sessions * members:
                out.append(
                    Finding(
                        code="impossible_figure",
                        location=f"{unit} {number}",
                        line=number,
                        excerpt=m.group(0)[:120],
                        problem=(
                            f"{render_value(attendances)} lượt đảng viên trong "
                            f"{render_value(sessions)} cuộc là nhiều hơn số có thể "
                            f"({render_value(sessions)} × {render_value(members)} đảng viên)."
                        ),
                        suggestion="Kiểm tra lại điểm danh: mỗi chi bộ chỉ tính đảng viên của mình.",
                        severity=ERROR,
                    )
                )
    return out
