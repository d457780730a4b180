"""The checker's time and memory are bounded by its input size (issue 27, item 2).

Each case runs in a fresh interpreter, so that its peak memory (ru_maxrss) is its own and not
that of the test process.
"""

import json
import subprocess
import sys
import textwrap

import pytest

from dangvu.lib.checker import MAX_CHARS, TextTooLong, check_markdown

SECONDS = 30
MEGABYTES = 1024

# Writes the file, checks it as the command and the upload page do (10 MiB upload limit), and
# prints what happened with the time and peak memory of the check.
_PROBE = textwrap.dedent(
    """
    import json, resource, sys, time
    from pathlib import Path
    from dangvu.reports.checking import CheckError, check_path

    path, size = Path(sys.argv[1]), int(sys.argv[2])
    words = ("a " * (size // 2))[:size]
    if path.suffix == ".docx":
        import docx
        document = docx.Document()
        for i in range(0, len(words), 100_000):
            document.add_paragraph(words[i : i + 100_000])
        document.save(path)
    else:
        path.write_text(words, encoding="utf-8")
    start = time.monotonic()
    try:
        outcome = f"{len(check_path(path, 10 * 1024 * 1024))} findings"
    except CheckError as e:
        outcome = "refused: " + str(e)
    print(json.dumps({
        "outcome": outcome,
        "seconds": time.monotonic() - start,
        "megabytes": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }))
    """
)


def _probe(tmp_path, name: str, size: int) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, str(tmp_path / name), str(size)],
        capture_output=True,
        text=True,
        timeout=5 * SECONDS,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("name", ["a.txt", "a.docx"])
def test_ten_megabytes_of_one_repeated_word_are_refused_within_bounds(tmp_path, name):
    result = _probe(tmp_path, name, 10_000_000)
    # A .txt is refused for its length; a .docx that unpacks to 10 MB already as an archive bomb.
    assert result["outcome"].startswith("refused: "), result
    assert result["seconds"] < SECONDS and result["megabytes"] < MEGABYTES, result


def test_the_longest_text_taken_is_checked_within_bounds(tmp_path):
    result = _probe(tmp_path, "a.txt", MAX_CHARS)
    assert result["outcome"].endswith(" findings"), result
    assert result["seconds"] < SECONDS and result["megabytes"] < MEGABYTES, result


def test_a_text_over_the_limit_is_refused_in_vietnamese():
    with pytest.raises(TextTooLong, match="quá dài để kiểm tra"):
        check_markdown("x" * (MAX_CHARS + 1))


def test_findings_of_one_check_are_capped():
    findings = check_markdown("của " * 5000)
    assert 0 < len(findings) <= 300
