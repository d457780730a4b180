"""The fee rule in force for a month, with an organization's own values for what is unconfirmed.

The rule files (`dangvu/rules/fees/*.toml`) list the values their source does not settle under
`unconfirmed`; an organization may set those for itself (`FeeSetting`), and the setting of the
nearest organization up the tree wins. A month is governed by the rule in force on its last day.
"""

import datetime as dt
from dataclasses import dataclass, field
from fractions import Fraction
from functools import lru_cache

from dangvu.lib.rules import rule_in_force, rules
from dangvu.orgs.models import Organization

from . import fees
from .models import FeeSetting

K = Organization.Kind


def _amount(text):
    value = int(str(text).replace(".", "").replace(" ", ""))
    if value < 0:
        raise ValueError(text)
    return value


def _unit(text):
    value = _amount(text)
    if value < 1:
        raise ValueError(text)
    return value


# The values an organization may set when the rule leaves them unconfirmed: key -> (label, parser).
SETTABLE = {
    "rates.student": ("Mức đóng của đảng viên là học sinh, sinh viên (đồng/tháng)", _amount),
    "rates.no_income": (
        "Mức đóng của đảng viên không có thu nhập cố định (đồng/tháng)",
        _amount,
    ),
    "rates.abroad": (
        "Mức đóng của đảng viên ở ngoài nước không hưởng lương trong nước (đồng/tháng)",
        _amount,
    ),
    "round_to": ("Làm tròn đảng phí đến (đồng)", _unit),
    "exempt_party_years": ("Miễn đóng khi đủ số năm tuổi Đảng (0: không miễn)", _amount),
    "shares.party_committee": ("Tỷ lệ đảng bộ cơ sở nộp cấp trên", fees.parse_percent),
    "shares.party_cell": ("Tỷ lệ chi bộ nộp đảng ủy cơ sở", fees.parse_percent),
}


@dataclass(frozen=True)
class FeeRule:
    source: str
    effective_from: dt.date
    path: str
    rates: dict
    round_to: int
    month_offset: int
    exempt_party_years: int
    shares: dict
    warn_months: int
    warning: str
    warning_source: str
    unconfirmed: frozenset
    # key -> the FeeSetting that replaced the file's value for this organization and month
    overridden: dict = field(default_factory=dict, compare=False)

    def share(self, org_kind) -> Fraction:
        return self.shares.get(org_kind, Fraction(0))

    def is_confirmed(self, key) -> bool:
        return key not in self.unconfirmed


def _file_values(rule):
    no_income = rule["rates"].get("no_income", rule["rates"]["student"])
    return {
        "rates.salary": rule["rates"]["salary"],
        "rates.sickness": rule["rates"]["sickness"],
        "rates.pension": rule["rates"]["pension"],
        "rates.student": rule["rates"]["student"],
        "rates.no_income": no_income,
        # A file that names no amount for members abroad leaves it to the committee: until the
        # committee sets one, the no-income amount stands in (unconfirmed, shown as such).
        "rates.abroad": rule["rates"].get("abroad", no_income),
        "round_to": rule["round_to"],
        "exempt_party_years": rule["exempt_party_years"],
        "shares.party_committee": rule["shares"]["party_committee"],
        "shares.party_cell": rule["shares"]["party_cell"],
    }


def _build(rule, overrides):
    raw = _file_values(rule)
    parsed = {}
    for key, value in raw.items():
        if key in overrides:
            parsed[key] = SETTABLE[key][1](overrides[key].value)
        elif key.startswith("rates."):
            parsed[key] = fees.parse_rate(value)
        elif key.startswith("shares."):
            parsed[key] = fees.parse_percent(value)
        else:
            parsed[key] = int(value)
    return FeeRule(
        source=rule.source,
        effective_from=rule.effective_from,
        path=rule.path,
        rates={k.split(".", 1)[1]: v for k, v in parsed.items() if k.startswith("rates.")},
        round_to=parsed["round_to"],
        month_offset=int(rule["salary_month_offset"]),
        exempt_party_years=parsed["exempt_party_years"],
        shares={
            K.PARTY_COMMITTEE: parsed["shares.party_committee"],
            K.PARTY_CELL: parsed["shares.party_cell"],
        },
        warn_months=int(rule["warning"]["unpaid_months"]),
        warning=rule["warning"]["text"],
        warning_source=rule["warning"]["source"],
        unconfirmed=frozenset(rule.get("unconfirmed", ())),
        overridden=dict(overrides),
    )


@lru_cache(maxsize=256)
def _plain_rule(month):
    return _build(rule_in_force("fees", fees.month_end(month)), {})


def file_rule(month: dt.date):
    """The rule file governing `month` (a `dangvu.lib.rules.Rule`)."""
    return rule_in_force("fees", fees.month_end(fees.month_start(month)))


def all_rule_files():
    return rules("fees")


def raw_values(rule):
    """The file's values as written, for the rules page."""
    return _file_values(rule)


class RuleBook:
    """Rules for the months of one organization, given the ids of it and its ancestors (nearest
    first) and their settings."""

    def __init__(self, chain_ids, settings):
        depth = {org_id: i for i, org_id in enumerate(chain_ids)}
        own = [s for s in settings if s.org_id in depth]
        # Nearest organization first, then the latest month first.
        self.settings = sorted(own, key=lambda s: (depth[s.org_id], -s.valid_from.toordinal()))
        self._cache = {}

    @classmethod
    def for_org(cls, org):
        return rulebooks([org.id])[org.id] if org is not None else cls([], [])

    def for_month(self, month: dt.date) -> FeeRule:
        month = fees.month_start(month)
        if month not in self._cache:
            rule = file_rule(month)
            overrides = {}
            for s in self.settings:
                if s.valid_from <= month and s.key not in overrides:
                    if s.key in rule.get("unconfirmed", ()):
                        overrides[s.key] = s
            self._cache[month] = _build(rule, overrides) if overrides else _plain_rule(month)
        return self._cache[month]


# How many levels of the tree one query climbs (a cell, its committee, the superior, ...).
_LEVELS = 5


def ancestor_chains(org_ids):
    """{org id: [(id, kind) of it and the organizations above it, nearest first]}, reading
    several levels of the tree per query (one query for the usual depth)."""
    fields = []
    for level in range(_LEVELS):
        prefix = "parent__" * level
        fields += [f"{prefix}id", f"{prefix}kind"]
    fields.append("parent__" * _LEVELS + "id")
    chains = {origin: [] for origin in org_ids}
    frontier = {origin: origin for origin in org_ids}  # origin -> the next id to read
    while frontier:
        rows = {
            row[0]: row
            for row in Organization.objects.filter(id__in=set(frontier.values())).values_list(
                *fields
            )
        }
        following = {}
        for origin, start in frontier.items():
            row = rows.get(start)
            if row is None:
                continue
            for level in range(_LEVELS):
                org_id, kind = row[2 * level], row[2 * level + 1]
                if org_id is None:
                    break
                chains[origin].append((org_id, kind))
            if row[-1] is not None and len(chains[origin]) < 100:
                following[origin] = row[-1]
        frontier = following
    return chains


def ancestor_ids(org_ids):
    """{org id: [it and the ids above it, nearest first]}."""
    return {o: [i for i, _k in chain] for o, chain in ancestor_chains(org_ids).items()}


def ledger_owner_ids(org_ids):
    """{org id: id of the organization whose ledger governs it (see `ledger_org`), or None}."""
    out = {}
    for origin, chain in ancestor_chains(org_ids).items():
        owner = next((i for i, kind in chain if kind == K.PARTY_COMMITTEE), None)
        if owner is None and chain and chain[0][1] == K.PARTY_CELL:
            owner = chain[0][0]
        out[origin] = owner
    return out


def rulebooks(org_ids):
    """{org id: RuleBook} for many organizations in a bounded number of queries."""
    chains = ancestor_ids(org_ids)
    every = {i for chain in chains.values() for i in chain}
    settings = list(FeeSetting.objects.filter(org_id__in=every)) if every else []
    return {org_id: RuleBook(chain, settings) for org_id, chain in chains.items()}


def ancestors(org):
    """`org` and the organizations above it, nearest first."""
    chain, seen = [], set()
    while org is not None and org.id not in seen:
        chain.append(org)
        seen.add(org.id)
        org = org.parent
    return chain


def ledger_org(org):
    """The organization whose ledger and closed years govern `org`'s fee records: the grassroots
    committee it belongs to, or a cell that stands alone (chi bộ cơ sở); None for anything else."""
    for o in ancestors(org):
        if o.kind == K.PARTY_COMMITTEE:
            return o
    return org if org.kind == K.PARTY_CELL else None


@dataclass(frozen=True)
class TemporaryRule:
    """Which cell collects the fee of a member attending another cell for a while (sinh hoạt
    đảng tạm thời): the `[temporary]` table of the fee rule in force. Not an organization's
    setting: the member's own cell and the host, often under different committees, must read
    the same rule, or a month would be collected twice or by neither."""

    collector: str  # "host": the cell attended temporarily; "official": the member's own cell
    attached_on: str  # the day of a month on which attending the host gives it that month
    source: str
    confirmed: bool

    COLLECTORS = ("host", "official")
    DAYS = ("first_day", "last_day")

    def host_collects(self, valid_from: dt.date, valid_to: dt.date | None, month: dt.date) -> bool:
        """Whether the host collects `month` of an attachment from `valid_from` to `valid_to`
        (exclusive; None: open)."""
        if self.collector != "host":
            return False
        day = month if self.attached_on == "first_day" else fees.month_end(month)
        return valid_from <= day and (valid_to is None or day < valid_to)

    @property
    def text(self) -> str:
        """The rule in words, for the rules page."""
        if self.collector == "official":
            return "Chi bộ nơi sinh hoạt chính thức thu cả những tháng sinh hoạt tạm thời nơi khác."
        day = "ngày đầu tháng" if self.attached_on == "first_day" else "ngày cuối tháng"
        return (
            "Chi bộ nơi sinh hoạt tạm thời thu đảng phí những tháng đảng viên sinh hoạt ở đó "
            f"vào {day}; các tháng khác do chi bộ nơi sinh hoạt chính thức thu."
        )


def temporary_of(rule) -> TemporaryRule:
    """The `[temporary]` table of a fee rule file (a `dangvu.lib.rules.Rule`)."""
    values = rule["temporary"]
    found = TemporaryRule(
        collector=values["collector"],
        attached_on=values["attached_on"],
        source=values["source"],
        confirmed=bool(values["confirmed"]),
    )
    if (
        found.collector not in TemporaryRule.COLLECTORS
        or found.attached_on not in TemporaryRule.DAYS
    ):
        raise ValueError(f"[temporary] of {rule.path}: {values}")
    return found


@lru_cache(maxsize=256)
def temporary_rule(month: dt.date) -> TemporaryRule | None:
    """The rule of a temporarily attached member's fee for `month` (by the rule file of the
    month, as every fee rule); None before the first fee rule dangvu holds."""
    try:
        return temporary_of(file_rule(month))
    except LookupError:
        return None


@lru_cache(maxsize=1024)
def statutory_salary(month: dt.date) -> int:
    """Lương cơ sở in force in `month` (its first day)."""
    return int(rule_in_force("base_salary", fees.month_start(month))["amount"])
