"""Report templates as data: TOML files in `report_templates/`, a tree of sections."""

import tomllib
from functools import cache
from pathlib import Path

TEMPLATES_DIR = Path(__file__).resolve().parent / "report_templates"


@cache
def load_template(name: str) -> dict:
    path = TEMPLATES_DIR / f"{name}.toml"
    if not path.is_file():
        raise LookupError(f"Không có mẫu báo cáo “{name}”.")
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    keys = {s["key"] for s in data["sections"]}
    for s in data["sections"]:
        if s.get("parent") and s["parent"] not in keys:
            raise ValueError(f"section {s['key']} has an unknown parent {s['parent']}")
    return data


def available_templates():
    return sorted(p.stem for p in TEMPLATES_DIR.glob("*.toml"))
