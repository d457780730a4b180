"""Rules as data: TOML files under `dangvu/rules/<topic>/`, each with the date it took effect.

Every file carries `effective_from`, `source` (the document that set it) and `confirmed`; code asks
for the rule in force on a date and never keeps a rate, a band or a limit as a constant.
"""

import datetime as dt
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

RULES_DIR = Path(__file__).resolve().parent.parent / "rules"


@dataclass(frozen=True)
class Rule:
    topic: str
    effective_from: dt.date
    source: str
    confirmed: bool
    values: dict
    path: str

    def __getitem__(self, key):
        return self.values[key]

    def get(self, key: str, default: Any = None) -> Any:
        return self.values.get(key, default)


@cache
def rules(topic: str) -> tuple[Rule, ...]:
    """All rules of `topic`, oldest first."""
    found = []
    for path in sorted((RULES_DIR / topic).glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        meta = {k: data.pop(k) for k in ("effective_from", "source", "confirmed")}
        found.append(
            Rule(
                topic,
                meta["effective_from"],
                meta["source"],
                bool(meta["confirmed"]),
                data,
                path.name,
            )
        )
    if not found:
        raise LookupError(f"no rules for topic {topic!r}")
    return tuple(sorted(found, key=lambda r: r.effective_from))


def rule_in_force(topic: str, day: dt.date) -> Rule:
    """The rule of `topic` in force on `day`: the latest that took effect on or before it."""
    in_force = [r for r in rules(topic) if r.effective_from <= day]
    if not in_force:
        raise LookupError(f"no rule of {topic!r} in force on {day}")
    return in_force[-1]
