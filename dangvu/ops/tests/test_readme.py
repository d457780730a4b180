"""Issue 27, a new user's first hour: the README's shell blocks, pasted as they are into a fresh
shell, run on a throwaway database.

Every ```sh block of README.md runs, in order, each in a new `bash -e` in a scratch folder that
links to this checkout (so the files the blocks write land there, not in the checkout), with
DANGVU_VAR_DIR pointing to a scratch var/. Between the blocks the test does what the README asks
the reader to do by hand: fill the two Excel templates. Blocks that cannot run here are listed
in NOT_RUN, by their first command, with the reason.
"""

import os
import re
import subprocess
from pathlib import Path

import openpyxl
import pytest

ROOT = Path(__file__).resolve().parents[3]
README = ROOT / "README.md"
SH_BLOCK = re.compile(r"^```sh\n(.*?)^```", re.DOTALL | re.MULTILINE)
# The first command of a block that is not run here, and why.
NOT_RUN = {
    "make demo": "serves until Ctrl+C",
    "make serve": "serves until Ctrl+C (dangvu/ops/tests/test_serving.py starts gunicorn)",
    "apt-get install": "installs system packages (root, network)",
    ".venv/bin/python -m pytest": "runs this very test suite",
    "export DATABASE_URL": "needs a PostgreSQL server and its password",
}
LINKED = ["manage.py", ".venv", "Makefile", "pyproject.toml", "dangvu", "templates", "static"]
# What the reader types into the templates, by column header.
ORGS = [
    {"Tên tổ chức": "Chi bộ 1", "Loại": "Chi bộ", "Mã": "chi-bo-1"},
    {"Tên tổ chức": "Chi bộ 2", "Loại": "Chi bộ", "Mã": "chi-bo-2"},
]
PEOPLE = [
    {
        "Họ và tên": "Nguyễn Văn An",
        "Ngày sinh": "15/03/1985",
        "Giới tính": "Nam",
        "Số CCCD": "086185001234",
        "Chi bộ": "Chi bộ 1",
        "Ngày vào Đảng": "19/05/2015",
        "Ngày chính thức": "19/05/2016",
    },
    {
        "Họ và tên": "Trần Thị Bình",
        "Ngày sinh": "02/09/1998",
        "Giới tính": "Nữ",
        "Số CCCD": "086198004321",
        "Chi bộ": "Chi bộ 2",
        "Ngày vào Đảng": "03/02/2026",
    },
]
FILLED_BY_HAND = {"co-cau.xlsx": ORGS, "dang-vien.xlsx": PEOPLE}


def first_command(block):
    lines = [ln.strip() for ln in block.splitlines()]
    commands = [ln for ln in lines if ln and not ln.startswith("#") and not ln.startswith("M()")]
    return commands[0] if commands else ""


def readme_blocks():
    return SH_BLOCK.findall(README.read_text(encoding="utf-8"))


def _skipped_because(block):
    return next(
        (why for start, why in NOT_RUN.items() if first_command(block).startswith(start)), None
    )


def fill_template(path, rows):
    """Type `rows` under the header row of the template's list sheet, as a reader would."""
    book = openpyxl.load_workbook(path)
    for sheet in book.worksheets:
        headers = [cell.value for cell in sheet[1]]
        if all(key in headers for key in rows[0]):
            for row in rows:
                sheet.append([row.get(h) for h in headers])
            book.save(path)
            return
    raise AssertionError(f"no sheet of {path.name} has the headers {list(rows[0])}")


def test_every_sh_block_is_run_or_said_why_not():
    blocks = readme_blocks()
    assert len(blocks) >= 4
    run = [b for b in blocks if _skipped_because(b) is None]
    # The onboarding blocks at least; each that uses M defines it, as a fresh shell needs.
    assert len(run) >= 3
    for block in blocks:
        if re.search(r"^\s*M ", block, re.MULTILINE):
            assert block.lstrip().startswith("M() {"), first_command(block)


@pytest.mark.sqlite_file
@pytest.mark.slow
def test_the_readme_blocks_run_as_written(tmp_path):
    for name in LINKED:
        (tmp_path / name).symlink_to(ROOT / name)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO", "PYTEST", "MAKE"))}
    env.update(DANGVU_VAR_DIR=str(tmp_path / "var"))
    env.pop("DATABASE_URL", None)
    ran = 0
    for block in readme_blocks():
        if _skipped_because(block):
            continue
        result = subprocess.run(
            ["bash", "-e", "-c", block],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert result.returncode == 0, f"{first_command(block)}\n{result.stdout}\n{result.stderr}"
        ran += 1
        for name, rows in FILLED_BY_HAND.items():
            template = tmp_path / name
            if template.exists() and not (tmp_path / f".{name}.filled").exists():
                fill_template(template, rows)
                (tmp_path / f".{name}.filled").touch()
    assert ran >= 3
    assert (tmp_path / "bao-cao-2026.docx").stat().st_size > 10_000
