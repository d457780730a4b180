"""What the record apps split out of `work` share: the input checks of their actions and the
figure helper of their facts. (`work` itself keeps only this and the migrations that created the
tables those apps now own.)"""

import re
from collections import defaultdict
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError

from dangvu.core.facts import Figure
from dangvu.lib.dates import vn_date
from dangvu.lib.text import decimal_vi
from dangvu.people.models import Membership

KEY_RE = re.compile(r"^[a-z0-9_-]{1,64}$")


# Checks of the actions --------------------------------------------------------------------------


def required_text(value: str | None, label: str) -> str:
    """`value` with its spaces tidied; refused when empty."""
    value = " ".join((value or "").split())
    if not value:
        raise ValidationError(f"{label} không được để trống.")
    return value


def check_period(start, end, what: str = "ngày bắt đầu") -> None:
    if start is None:
        raise ValidationError(f"Cần nhập {what}.")
    if end is not None and end < start:
        raise ValidationError(
            f"Ngày kết thúc ({vn_date(end)}) không được trước {what} ({vn_date(start)})."
        )


def check_year(year) -> None:
    if not isinstance(year, int) or not 1930 <= year <= 2100:
        raise ValidationError(f"Năm “{year}” không hợp lệ.")


def check_key(key: str | None, label: str = "Mã số liệu") -> str:
    """A fact-name key (quy-vi-nguoi-ngheo), or "" when none is given."""
    key = (key or "").strip()
    if key and not KEY_RE.match(key):
        raise ValidationError(
            f"{label} “{key}” chỉ gồm chữ thường không dấu, số, gạch nối hoặc gạch dưới."
        )
    return key


def parse_score(value, label: str = "Điểm") -> Decimal | None:
    """A score on the 100-point scale with at most one decimal place, as a Decimal."""
    if value is None or value == "":
        return None
    try:
        score = Decimal(str(value).replace(",", "."))
    except InvalidOperation:
        raise ValidationError(f"{label} “{value}” không phải là số.") from None
    if not score.is_finite():
        raise ValidationError(f"{label} “{value}” không phải là số.")
    if not Decimal(0) <= score <= Decimal(100):
        raise ValidationError(f"{label} {decimal_vi(score)} phải nằm trong khoảng 0–100.")
    if score != score.quantize(Decimal("0.1")):
        raise ValidationError(f"{label} {decimal_vi(score)} chỉ được có một chữ số thập phân.")
    return score.quantize(Decimal("0.1"))


def one_subject(subject_person, subject_org) -> None:
    if (subject_person is None) == (subject_org is None):
        raise ValidationError("Chọn một cá nhân hoặc một tập thể (không chọn cả hai).")


# Figures of the facts ---------------------------------------------------------------------------


def figure(value, label, model=None, ids=(), people=()) -> Figure:
    """A figure and the records behind it (`model`'s ids), so a reader can open them."""
    records = {model._meta.label_lower: frozenset(ids)} if model else {}
    return Figure(value, people=frozenset(people), label=label, records=records)


def party_spans(named):
    """{person id: [(from, to)]} of the party memberships of the people `named` (a Q on
    memberships' person_id): whether a person was a member on a day decides how several figures
    count them, so their memberships are read once."""
    spans = defaultdict(list)
    for pid, start, end in Membership.objects.filter(named, kind=Membership.Kind.PARTY).values_list(
        "person_id", "valid_from", "valid_to"
    ):
        spans[pid].append((start, end))
    return spans


def is_member(spans, person_id, day) -> bool:
    return any(s <= day and (e is None or day < e) for s, e in spans.get(person_id, ()))


def number(value):
    """Decimals that are whole numbers print as integers (195, not 195.00)."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral() else value.normalize()
    return value
