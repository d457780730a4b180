"""Facts of an organization's type: `org.type` (its label) and the profile figures its type
records, `profile.<code>` (the latest record on or before the period's end, and, for a figure
of the period such as revenue, not before its start; none: absent), with their change against
the same period a year earlier (`profile.<code>.increase` / `.decrease`, in per cent), as an
enterprise states its revenue "tăng …% so với năm trước"."""

from decimal import ROUND_HALF_UP, Decimal

from dangvu.core.facts import Figure, provider

from . import kinds
from .models import ProfileFigure


def _latest(rows, start, end):
    """The latest of `rows` (in date order) recorded on or before `end` and, if `start`, not
    before it; else None."""
    found = None
    for row in rows:
        if row.as_of <= end:
            found = row
    return found if found is not None and (start is None or found.as_of >= start) else None


def _year_before(day):
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def _change(now, before):
    """(increase, decrease) in per cent, one decimal, from `before` to `now`; a figure recorded
    a year ago or earlier has no change of this period, and nor has one from zero."""
    if now is None or before is None or before.id == now.id or not before.value:
        return None, None
    if now.value < 0 or before.value < 0:  # no per cent across a loss: offices state the sums
        return None, None
    rate = (Decimal(now.value - before.value) * 100 / abs(before.value)).quantize(
        Decimal("0.1"), rounding=ROUND_HALF_UP
    )
    return (rate, None) if rate > 0 else (None, -rate) if rate < 0 else (None, None)


@provider
def type_facts(org, period):
    kind = kinds.kind_on(org, period.end)
    facts = {"org.type": Figure(kind.label, label="Loại hình tổ chức cơ sở đảng")}
    rows: dict[str, list[ProfileFigure]] = {}
    for row in ProfileFigure.objects.filter(organization=org, as_of__lte=period.end).order_by(
        "as_of"
    ):
        rows.setdefault(row.code, []).append(row)
    for item in kind.profile:  # its own type's only: no pupils or poor households in a company
        code, label = item.code, item.label
        start = period.start if item.over_period else None
        row = _latest(rows.get(code, []), start, period.end)
        before = _latest(
            rows.get(code, []), start and _year_before(start), _year_before(period.end)
        )
        value = row.value if row else None
        if item.signed:  # a loss is stated as a loss: "lỗ 1.500 triệu đồng", not "đạt -1.500"
            loss = -value if value is not None and value < 0 else None
            value = None if loss is not None else value
            facts[f"profile.{code}.loss"] = _figure(loss, f"{label}: lỗ", [row])
        facts[f"profile.{code}"] = _figure(value, label, [row])
        increase, decrease = _change(row, before)
        facts[f"profile.{code}.increase"] = _figure(
            increase, f"{label}: tăng so với cùng kỳ năm trước (%)", [row, before]
        )
        facts[f"profile.{code}.decrease"] = _figure(
            decrease, f"{label}: giảm so với cùng kỳ năm trước (%)", [row, before]
        )
    return facts


def _figure(value, label, rows):
    """A profile fact traced to the records it was taken from (none when it has no value)."""
    ids = frozenset(r.id for r in rows if r is not None) if value is not None else frozenset()
    orgs = frozenset({rows[0].organization_id}) if ids else frozenset()
    return Figure(value, orgs=orgs, label=label, records={"orgs.profilefigure": ids} if ids else {})
