"""The named state changes of party fees. Each validates (a Vietnamese ValidationError before
anything is written), writes in one transaction, and leaves an audit entry.

Closed years are locked: a record dated in a closed year is never edited; a correction is a
reversing record dated in an open year.
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.dispatch import receiver
from django.utils import timezone

from dangvu.accounts.models import AuditEntry
from dangvu.core import audit
from dangvu.core.audit import Actor
from dangvu.lib.dates import vn_date
from dangvu.lib.text import money
from dangvu.orgs.models import Organization
from dangvu.orgs.tree import subtree_ids
from dangvu.people.models import Person
from dangvu.people.signals import fee_book_changing

from . import book, fees
from .ledger import ledger, scope_ids
from .models import (
    FeeSetting,
    FeeYear,
    LedgerEntry,
    Payment,
    PaymentMonth,
    SalaryBase,
    UnpaidReason,
)
from .rulebook import SETTABLE, file_rule, ledger_org, ledger_owner_ids

K = Organization.Kind
# How far ahead a member may pay (an advance payment covers at most this many months).
MAX_MONTHS = 12


def _today():
    return timezone.localdate()


# Checks ------------------------------------------------------------------------


def check_amount(amount: int, label: str = "Số tiền", allow_zero: bool = False) -> int:
    """Money is a whole number of đồng: no floats, no negative amounts."""
    if isinstance(amount, bool) or not isinstance(amount, int):
        raise ValidationError(f"{label} phải là số nguyên (đồng), không có phần lẻ.")
    if amount < 0:
        raise ValidationError(f"{label} không được âm ({money(amount)} đồng).")
    if amount == 0 and not allow_zero:
        raise ValidationError(f"{label} phải lớn hơn 0 đồng.")
    return amount


def closed_year(org: Organization, year: int) -> FeeYear | None:
    """The FeeYear if `year` is closed in the ledger that governs `org`'s fee records."""
    if org is None:
        return None
    owner = ledger_owner_ids([org.id]).get(org.id)
    if owner is None:
        return None
    return FeeYear.objects.filter(org_id=owner, year=year).first()


def check_open(org: Organization, day: dt.date, what: str) -> None:
    if closed_year(org, day.year):
        raise ValidationError(
            f"Năm {day.year} đã khóa sổ: không thể {what}. Muốn điều chỉnh, ghi bút toán đảo "
            "vào năm đang mở."
        )


def check_book_open(cell: Organization, first_month: dt.date, *, what: str, on: dt.date) -> None:
    """Refuse a change to the fee book of `cell`'s members from `first_month` onwards (a party
    membership that starts or ends) when a year from then on is closed in the ledger governing
    the cell: the closed year's book would no longer agree with its ledger. Named people actions
    call this before writing; the office records the change with a date in the open year."""
    if cell is None:
        return
    owner = ledger_owner_ids([cell.id]).get(cell.id)
    if owner is None:
        return
    year = (
        FeeYear.objects.filter(org_id=owner, year__gte=first_month.year)
        .order_by("year")
        .values_list("year", flat=True)
        .first()
    )
    if year is None:
        return
    committee = Organization.objects.get(pk=owner)
    raise ValidationError(
        f"Năm {year} đã khóa sổ đảng phí của {committee}: không thể ghi {what} ngày "
        f"{vn_date(on)}. Hãy ghi với ngày trong năm đang mở."
    )


@receiver(fee_book_changing)
def refuse_closed_book(
    sender: object,
    *,
    cell: Organization,
    first_month: dt.date,
    what: str,
    on: dt.date,
    **kwargs: Any,
) -> None:
    check_book_open(cell, first_month, what=what, on=on)


def last_closed_year(org: Organization) -> int | None:
    owner = ledger_owner_ids([org.id]).get(org.id) if org is not None else None
    if owner is None:
        return None
    return (
        FeeYear.objects.filter(org_id=owner)
        .order_by("-year")
        .values_list("year", flat=True)
        .first()
    )


def _check_not_future(day, label):
    if day > _today():
        raise ValidationError(f"{label} ({vn_date(day)}) không được sau ngày hôm nay.")


def _person(person):
    if not isinstance(person, Person) or person.pk is None:
        raise ValidationError("Không tìm thấy đảng viên.")
    return person


def _decimal(value, label, low, high):
    if value in (None, ""):
        return None
    try:
        number = Decimal(str(value).replace(",", ".")).quantize(Decimal("0.01"))
    except InvalidOperation:
        raise ValidationError(f"{label} “{value}” không hợp lệ.") from None
    if not low <= number <= high:
        raise ValidationError(f"{label} phải từ {low} đến {high}.".replace(".", ","))
    return number


def _membership_cell(person, month):
    months = book.member_months(month, month, person_ids=[person.id]).get(person.id, {})
    cell_id = months.get(month)
    return Organization.objects.get(pk=cell_id) if cell_id else None


# Salary bases ------------------------------------------------------------------


@transaction.atomic
def set_salary_base(
    actor: Actor,
    person: Person,
    *,
    month: dt.date,
    kind: str = SalaryBase.Kind.SALARY,
    coefficient: Decimal | None = None,
    allowance_coefficient: Decimal | None = None,
    amount: int = 0,
    note: str = "",
) -> SalaryBase:
    """Record what the member's fee is computed from, from `month` until the next record."""
    person = _person(person)
    month = fees.month_start(month)
    if kind not in SalaryBase.Kind.values:
        raise ValidationError("Căn cứ tính đảng phí không hợp lệ.")
    check_amount(amount, "Số tiền", allow_zero=True)
    coefficient = _decimal(coefficient, "Hệ số lương", Decimal("0.01"), Decimal("20"))
    allowance_coefficient = _decimal(
        allowance_coefficient, "Hệ số phụ cấp chức vụ", Decimal("0"), Decimal("5")
    )
    if kind != SalaryBase.Kind.SALARY and (coefficient or allowance_coefficient):
        raise ValidationError("Chỉ tiền lương mới tính theo hệ số; các căn cứ khác ghi số tiền.")
    note = (note or "").strip()
    if kind == SalaryBase.Kind.EXEMPT and not note:
        raise ValidationError("Miễn đóng đảng phí phải ghi lý do (quyết định miễn).")
    record = SalaryBase.objects.filter(person=person, valid_from=month).first()
    before = audit.snapshot(record)
    record = record or SalaryBase(person=person, valid_from=month)
    record.kind, record.amount, record.note = kind, amount, note
    record.coefficient, record.allowance_coefficient = coefficient, allowance_coefficient
    if kind in (fees.SALARY, fees.SICKNESS, fees.PENSION, fees.FIXED):
        base = book.base_amount(record, month)
        if base <= 0:
            raise ValidationError(
                f"Căn cứ tính đảng phí của {person} từ tháng {fees.month_label(month)} bằng 0 "
                "đồng: đảng viên phải đóng đảng phí. Nếu được miễn, chọn “Miễn đóng” và ghi lý do."
            )
    cell = _membership_cell(person, month)
    closed = last_closed_year(cell) if cell else None
    if closed is not None and month.year <= closed:
        raise ValidationError(
            f"Năm {closed} đã khóa sổ: không thể đổi căn cứ tính đảng phí từ tháng "
            f"{fees.month_label(month)}; chọn một tháng của năm đang mở."
        )
    record.save()
    audit.record(
        actor,
        "fee.base",
        record,
        before,
        summary=f"Căn cứ đảng phí từ tháng {fees.month_label(month)}: {record.get_kind_display()}",
        person=person,
        org=cell,
    )
    return record


# Payments ----------------------------------------------------------------------


@dataclass
class PaymentRow:
    """One member's payment in a collection: `amount` đồng for `months` months from
    `first_month`."""

    person: object
    amount: int
    first_month: dt.date
    months: int = 1
    receipt_no: str = ""
    note: str = ""


def closed_years_by_cell(cell_ids: Iterable[int]) -> dict[int, set[int]]:
    """{cell id: set of closed years of the ledger that governs it}."""
    owners = ledger_owner_ids(cell_ids)
    years = defaultdict(set)
    for org_id, year in FeeYear.objects.filter(
        org_id__in={o for o in owners.values() if o}
    ).values_list("org_id", "year"):
        years[org_id].add(year)
    return {cell_id: years.get(owner, set()) for cell_id, owner in owners.items()}


def _one_collector(i, row, owed, member, fail):
    """A payment is received by one cell: months some of which the member pays where they attend
    temporarily and some in their own cell are two payments, or one cell's ledger would hold
    money its book gives the other."""
    cells = {cell_id for _m, _s, cell_id in owed}
    if len(cells) > 1 and any(member.months[m].official_cell_id for m, _s, _c in owed):
        names = dict(Organization.objects.filter(id__in=cells).values_list("id", "name"))
        where = "; ".join(
            f"tháng {fees.month_label(m)} tại {names[cell_id]}" for m, _s, cell_id in owed
        )
        fail(i, row, f"Các tháng đóng đảng phí ở hai chi bộ ({where}): ghi thành hai khoản nộp.")


def _prepare(rows, *, paid_on, method, org):
    """Check every row of a collection against the members' books; nothing is written.

    Returns [(row, cell id, [(month, amount)])]. The members' rows are locked first, so a second
    person recording the same payments at once waits and then finds the months paid."""
    if method not in Payment.Method.values:
        raise ValidationError("Hình thức nộp không hợp lệ.")
    if not rows:
        raise ValidationError("Chưa có khoản nộp nào.")
    _check_not_future(paid_on, "Ngày nộp")
    many = len(rows) > 1

    def fail(i, row, message):
        prefix = f"Dòng {i} ({row.person}): " if many else ""
        raise ValidationError(prefix + message)

    for i, row in enumerate(rows, 1):
        if not isinstance(row.person, Person) or row.person.pk is None:
            raise ValidationError(
                f"Dòng {i}: không tìm thấy đảng viên." if many else "Không tìm thấy đảng viên."
            )
        try:
            check_amount(row.amount, "Số tiền nộp")
        except ValidationError as e:
            fail(i, row, e.messages[0])
        if not 1 <= row.months <= MAX_MONTHS:
            fail(i, row, f"Một lần nộp gồm từ 1 đến {MAX_MONTHS} tháng.")
        row.first_month = fees.month_start(row.first_month)
        if row.first_month > fees.add_months(fees.month_start(paid_on), MAX_MONTHS):
            fail(i, row, f"Chỉ nộp trước tối đa {MAX_MONTHS} tháng.")
    ids = sorted({row.person.pk for row in rows})
    # One payment at a time per member: a second one waits here and then sees the first.
    list(Person.objects.select_for_update().filter(pk__in=ids).values_list("pk", flat=True))
    first = min(row.first_month for row in rows)
    last = max(fees.add_months(row.first_month, row.months - 1) for row in rows)
    books = book.compute(first, last, person_ids=ids, with_reasons=False)
    allowed = subtree_ids([org.id]) if org is not None else None
    taken = defaultdict(int)  # what earlier rows of this collection already pay
    prepared = []
    for i, row in enumerate(rows, 1):
        member = books.get(row.person.pk)
        owed = []
        for n in range(row.months):
            month = fees.add_months(row.first_month, n)
            line = member.months.get(month) if member else None
            label = fees.month_label(month)
            away = member.away.get(month) if member else None
            if line is None and away is not None and away.host_id is None:
                # Introduced to a host outside dangvu, which collects the month.
                host = away.host_name
                fail(
                    i,
                    row,
                    f"{row.person} sinh hoạt tạm thời tại {host} vào tháng {label}: đảng "
                    f"phí tháng này đóng tại {host}.",
                )
            if line is None:
                fail(i, row, f"{row.person} không sinh hoạt đảng vào tháng {label}.")
            if allowed is not None and line.cell_id not in allowed:
                if line.official_cell_id in allowed:
                    host = Organization.objects.get(pk=line.cell_id)
                    fail(
                        i,
                        row,
                        f"{row.person} sinh hoạt tạm thời tại {host} vào tháng {label}: đảng "
                        f"phí tháng này đóng tại {host}.",
                    )
                fail(i, row, f"{row.person} không sinh hoạt đảng tại {org} vào tháng {label}.")
            if line.missing:
                fail(i, row, f"Chưa có căn cứ tính đảng phí tháng {label}: ghi tiền lương trước.")
            if line.exempt:
                fail(i, row, f"{row.person} được miễn đảng phí tháng {label} ({line.exempt}).")
            still = line.owed - taken[(row.person.pk, month)]
            if line.due <= 0:
                fail(i, row, f"{row.person} không có đảng phí phải đóng tháng {label} (0 đồng).")
            if still <= 0:
                fail(
                    i,
                    row,
                    f"{row.person} đã đóng đủ đảng phí tháng {label} "
                    f"({money(line.paid + taken[(row.person.pk, month)])} đồng).",
                )
            owed.append((month, still, line.cell_id))
        _one_collector(i, row, owed, member, fail)
        parts = fees.allocate(row.amount, [(m, still) for m, still, _c in owed])
        for month, amount in parts:
            taken[(row.person.pk, month)] += amount
        prepared.append((row, owed[0][2], parts))
    closed = closed_years_by_cell({cell_id for _r, cell_id, _p in prepared})
    for years in closed.values():
        if paid_on.year in years:
            raise ValidationError(
                f"Năm {paid_on.year} đã khóa sổ: không thể ghi khoản nộp đảng phí ngày "
                f"{vn_date(paid_on)}. Muốn điều chỉnh, ghi bút toán đảo vào năm đang mở."
            )
    receipts = [(c, r.receipt_no.strip()) for r, c, _p in prepared if r.receipt_no.strip()]
    if len(receipts) != len(set(receipts)):
        raise ValidationError("Có số biên lai bị trùng trong các khoản nộp.")
    return prepared


def _write(actor, prepared, *, paid_on, method, token=""):
    recorder = audit.signed_in(actor)
    payments = [
        Payment(
            person=row.person,
            cell_id=cell_id,
            paid_on=paid_on,
            amount=row.amount,
            method=method,
            receipt_no=row.receipt_no.strip(),
            token=token,
            note=(row.note or "").strip(),
            recorded_by=recorder,
        )
        for row, cell_id, _parts in prepared
    ]
    try:
        with transaction.atomic():
            Payment.objects.bulk_create(payments)
    except IntegrityError:
        existing = Payment.objects.filter(token=token).first() if token else None
        if existing is not None:
            return [_same_payment(existing, prepared[0][0].person, prepared[0][0].amount)]
        raise ValidationError(
            "Số biên lai, mã giao dịch đã ghi cho một khoản nộp khác của chi bộ."
        ) from None
    PaymentMonth.objects.bulk_create(
        PaymentMonth(payment=payment, person=row.person, month=month, amount=amount)
        for payment, (row, _cell, parts) in zip(payments, prepared, strict=True)
        for month, amount in parts
    )
    entries = []
    for payment, (row, _cell, parts) in zip(payments, prepared, strict=True):
        covered = ", ".join(fees.month_label(m) for m, _ in parts)
        entries.append(
            (payment, f"Nộp đảng phí {money(payment.amount)} đồng (tháng {covered})", row.person)
        )
    _audit_many(actor, "fee.payment", entries)
    return payments


def _audit_many(actor, action, entries):
    """The entries `audit.record` would write, one per (record, summary, person), in one
    insert: a cell's collection sheet holds dozens of payments."""
    audit.record_many(
        [
            audit.entry(actor, action, obj, summary=summary, person=person, org=obj.cell)
            for obj, summary, person in entries
        ]
    )


def _same_payment(existing, person, amount):
    if existing.person_id != person.pk or existing.amount != amount:
        raise ValidationError("Mã giao dịch này đã dùng cho một khoản nộp khác.")
    return existing


@transaction.atomic
def record_payment(
    actor: Actor,
    person: Person,
    *,
    paid_on: dt.date,
    amount: int,
    first_month: dt.date,
    months: int = 1,
    method: str = Payment.Method.CASH,
    receipt_no: str = "",
    token: str = "",
    note: str = "",
    org: Organization | None = None,
) -> Payment:
    """A member's payment for `months` months from `first_month`, to their cell in cash or
    through the National Public Service Portal. It pays what each month still owes, in order;
    an amount above that stays on the last month (members may pay more than the rule asks).

    `token` (the form's hidden key) makes the same form sent twice one payment; the receipt
    number is unique in a cell; and a month already paid is refused, so two people recording
    the same payment at once record it once. `org`, if given, is where the member must belong
    (the cell or committee of the user recording it).
    """
    token = (token or "").strip()
    if token:
        existing = Payment.objects.filter(token=token).first()
        if existing is not None:
            return _same_payment(existing, _person(person), amount)
    row = PaymentRow(_person(person), amount, first_month, months, receipt_no or "", note or "")
    prepared = _prepare([row], paid_on=paid_on, method=method, org=org)
    return _write(actor, prepared, paid_on=paid_on, method=method, token=token)[0]


@transaction.atomic
def record_collection(
    actor: Actor,
    org: Organization,
    *,
    paid_on: dt.date,
    rows: Iterable[PaymentRow],
    method: str = Payment.Method.CASH,
) -> list[Payment]:
    """A cell's collection sheet: the payments of many members on one day, all or none.

    `rows` are PaymentRow; the members must belong to `org` (a cell, or a committee's cells)."""
    prepared = _prepare(list(rows), paid_on=paid_on, method=method, org=org)
    return _write(actor, prepared, paid_on=paid_on, method=method)


def _check_changeable(payment, what):
    if payment.reverses_id is not None:
        raise ValidationError("Đây là bút toán đảo: không sửa được.")
    if Payment.objects.filter(reverses=payment).exists():
        raise ValidationError("Khoản nộp này đã bị hủy bằng bút toán đảo.")
    check_open(payment.cell, payment.paid_on, what)


@transaction.atomic
def update_payment(
    actor: Actor,
    payment: Payment,
    *,
    amount: int | None = None,
    paid_on: dt.date | None = None,
    method: str | None = None,
    receipt_no: str | None = None,
    note: str | None = None,
) -> Payment:
    """Correct a payment of an open year; the months it covers stay, the amount is spread again."""
    payment = Payment.objects.select_for_update().get(pk=payment.pk)
    _check_changeable(payment, "sửa khoản nộp đã ghi trong năm này")
    amount = payment.amount if amount is None else check_amount(amount, "Số tiền nộp")
    paid_on = paid_on or payment.paid_on
    _check_not_future(paid_on, "Ngày nộp")
    check_open(payment.cell, paid_on, "chuyển khoản nộp sang ngày " + vn_date(paid_on))
    if method is not None and method not in Payment.Method.values:
        raise ValidationError("Hình thức nộp không hợp lệ.")
    before = audit.snapshot(payment)
    months = [pm.month for pm in payment.months.order_by("month")]
    member = book.compute(months[0], months[-1], person_ids=[payment.person_id])[payment.person_id]
    own = {pm.month: pm.amount for pm in payment.months.all()}
    owed = [
        (m, member.months[m].due - (member.months[m].paid - own.get(m, 0)))
        if m in member.months
        else (m, 0)
        for m in months
    ]
    parts = fees.allocate(amount, owed)
    payment.amount, payment.paid_on = amount, paid_on
    if method is not None:
        payment.method = method
    if receipt_no is not None:
        payment.receipt_no = receipt_no.strip()
    if note is not None:
        payment.note = note.strip()
    try:
        with transaction.atomic():
            payment.save()
    except IntegrityError:
        raise ValidationError(
            f"Số biên lai, mã giao dịch “{payment.receipt_no}” đã ghi cho một khoản nộp khác."
        ) from None
    payment.months.all().delete()
    PaymentMonth.objects.bulk_create(
        PaymentMonth(payment=payment, person_id=payment.person_id, month=m, amount=a)
        for m, a in parts
    )
    audit.record(
        actor,
        "fee.payment.update",
        payment,
        before,
        summary=f"Sửa khoản nộp đảng phí: {money(amount)} đồng",
        person=payment.person,
        org=payment.cell,
    )
    return payment


def _check_reversal(
    original: Payment | LedgerEntry,
    org: Organization,
    dated: dt.date,
    on: dt.date,
    reason: str,
    words: tuple[str, str, str],
) -> str:
    """The checks of a reversing payment or entry dated `on`: a reason, an original that is not
    itself a reversal nor already reversed, a date from the original's to today, an open year.
    `words`: the missing-reason and already-reversed messages, and what the date follows."""
    no_reason, reversed_already, follows = words
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(no_reason)
    if original.reverses_id is not None:
        raise ValidationError("Đây là bút toán đảo: không đảo lại được.")
    if type(original)._default_manager.filter(reverses_id=original.pk).exists():
        raise ValidationError(reversed_already)
    if on < dated:
        raise ValidationError(f"Ngày ghi bút toán đảo không được trước {follows}.")
    _check_not_future(on, "Ngày ghi bút toán đảo")
    check_open(org, on, "ghi bút toán ngày " + vn_date(on))
    return reason


@transaction.atomic
def reverse_payment(actor: Actor, payment: Payment, *, on: dt.date, reason: str) -> Payment:
    """Cancel a payment by a reversing one dated `on` (in an open year): the way to correct a
    payment of a closed year. The months it paid become unpaid again."""
    payment = Payment.objects.select_for_update().get(pk=payment.pk)
    reason = _check_reversal(
        payment,
        payment.cell,
        payment.paid_on,
        on,
        reason,
        ("Ghi lý do hủy khoản nộp.", "Khoản nộp này đã được đảo.", "ngày nộp"),
    )
    reversal = Payment.objects.create(
        person_id=payment.person_id,
        cell_id=payment.cell_id,
        paid_on=on,
        amount=-payment.amount,
        method=payment.method,
        receipt_no=payment.receipt_no,
        note=reason,
        reverses=payment,
        recorded_by=audit.signed_in(actor),
    )
    PaymentMonth.objects.bulk_create(
        PaymentMonth(payment=reversal, person_id=pm.person_id, month=pm.month, amount=-pm.amount)
        for pm in payment.months.all()
    )
    audit.record(
        actor,
        "fee.payment.reverse",
        reversal,
        summary=f"Hủy khoản nộp {money(payment.amount)} đồng ngày {vn_date(payment.paid_on)}: {reason}",
        person=payment.person,
        org=payment.cell,
    )
    return reversal


@transaction.atomic
def record_unpaid_reason(
    actor: Actor, person: Person, *, month: dt.date, reason: str
) -> UnpaidReason:
    """Why a member did not pay for a month: lifts the strike-off warning for that month."""
    person = _person(person)
    month = fees.month_start(month)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError("Ghi lý do chưa đóng đảng phí.")
    cell = _membership_cell(person, month)
    if cell is None:
        raise ValidationError(f"{person} không sinh hoạt đảng vào tháng {fees.month_label(month)}.")
    check_open(cell, month, "ghi lý do cho tháng " + fees.month_label(month))
    record = UnpaidReason.objects.filter(person=person, month=month).first()
    before = audit.snapshot(record)
    record = record or UnpaidReason(person=person, month=month)
    record.reason = reason
    record.save()
    audit.record(
        actor,
        "fee.unpaid_reason",
        record,
        before,
        summary=f"Lý do chưa đóng đảng phí tháng {fees.month_label(month)}: {reason}",
        person=person,
        org=cell,
    )
    return record


# Ledger entries ----------------------------------------------------------------


def _check_entry_org(org):
    if org is None or org.kind not in (K.PARTY_COMMITTEE, K.PARTY_CELL):
        raise ValidationError("Sổ quỹ đảng phí chỉ mở cho đảng bộ cơ sở và chi bộ.")


def _clean_entry(org, kind, on, amount, category, description):
    _check_entry_org(org)
    if kind not in LedgerEntry.Kind.values:
        raise ValidationError("Loại bút toán không hợp lệ.")
    check_amount(amount)
    description = (description or "").strip()
    if not description:
        raise ValidationError("Ghi nội dung của bút toán.")
    if kind == LedgerEntry.Kind.EXPENSE:
        if category not in LedgerEntry.Category.values:
            raise ValidationError("Chọn khoản chi.")
    else:
        category = ""
    _check_not_future(on, "Ngày ghi sổ")
    return category, description


@transaction.atomic
def add_entry(
    actor: Actor,
    org: Organization,
    *,
    kind: str,
    on: dt.date,
    amount: int,
    description: str,
    category: str = "",
    document: str = "",
) -> LedgerEntry:
    """A line of the ledger: a budget allocation, an expense, or the balance taken over from
    paper books when the organization starts keeping its ledger here (once, before any record)."""
    category, description = _clean_entry(org, kind, on, amount, category, description)
    check_open(org, on, "ghi sổ ngày " + vn_date(on))
    if kind == LedgerEntry.Kind.OPENING:
        owner = ledger_org(org)
        ids = scope_ids(owner)
        if LedgerEntry.objects.filter(org_id__in=ids, kind=kind).exists():
            raise ValidationError(f"Số dư chuyển sang của {owner} đã được ghi.")
        if (
            LedgerEntry.objects.filter(org_id__in=ids, on__lt=on).exists()
            or Payment.objects.filter(cell_id__in=ids, paid_on__lt=on).exists()
        ):
            raise ValidationError(
                "Số dư chuyển sang ghi vào ngày bắt đầu ghi sổ, trước mọi khoản thu, chi."
            )
    entry = LedgerEntry.objects.create(
        org=org,
        kind=kind,
        category=category,
        on=on,
        amount=amount,
        description=description,
        document=(document or "").strip(),
    )
    audit.record(
        actor,
        "fee.entry",
        entry,
        summary=f"{entry.get_kind_display()}: {money(amount)} đồng – {description}",
        org=org,
    )
    return entry


@transaction.atomic
def update_entry(
    actor: Actor,
    entry: LedgerEntry,
    *,
    on: dt.date | None = None,
    amount: int | None = None,
    category: str | None = None,
    description: str | None = None,
    document: str | None = None,
) -> LedgerEntry:
    """Correct an entry of an open year (amount, date, category, description, document); a
    value not given stays as it is."""
    entry = LedgerEntry.objects.select_for_update().get(pk=entry.pk)
    if entry.reverses_id is not None or LedgerEntry.objects.filter(reverses=entry).exists():
        raise ValidationError("Bút toán đã đảo hoặc là bút toán đảo: không sửa được.")
    check_open(entry.org, entry.on, "sửa bút toán đã ghi trong năm này")
    on = entry.on if on is None else on
    amount = entry.amount if amount is None else amount
    category, description = _clean_entry(
        entry.org,
        entry.kind,
        on,
        amount,
        entry.category if category is None else category,
        entry.description if description is None else description,
    )
    check_open(entry.org, on, "chuyển bút toán sang ngày " + vn_date(on))
    changes = {
        "on": on,
        "amount": amount,
        "category": category,
        "description": description,
        "document": (entry.document if document is None else document).strip(),
    }
    return audit.change(
        actor,
        "fee.entry.update",
        entry,
        changes,
        summary=f"Sửa bút toán: {money(amount)} đồng – {description}",
        org=entry.org,
    )


@transaction.atomic
def reverse_entry(actor: Actor, entry: LedgerEntry, *, on: dt.date, reason: str) -> LedgerEntry:
    """Cancel an entry by one with the opposite amount dated `on`, in an open year."""
    entry = LedgerEntry.objects.select_for_update().get(pk=entry.pk)
    reason = _check_reversal(
        entry,
        entry.org,
        entry.on,
        on,
        reason,
        ("Ghi lý do đảo bút toán.", "Bút toán này đã được đảo.", "ngày của bút toán gốc"),
    )
    reversal = LedgerEntry.objects.create(
        org=entry.org,
        kind=entry.kind,
        category=entry.category,
        on=on,
        amount=-entry.amount,
        description=f"Đảo bút toán ngày {vn_date(entry.on)}: {reason}"[:255],
        document=entry.document,
        reverses=entry,
    )
    audit.record(
        actor,
        "fee.entry.reverse",
        reversal,
        summary=f"Đảo bút toán {money(entry.amount)} đồng ngày {vn_date(entry.on)}: {reason}",
        org=entry.org,
    )
    return reversal


# Closing a year -------------------------------------------------------------------


@transaction.atomic
def close_year(actor: Actor, org: Organization, year: int) -> FeeYear:
    """Lock a year of the ledger and keep its figures; the next year carries its balance over."""
    _check_entry_org(org)
    owner = ledger_org(org)
    if owner.id != org.id:
        raise ValidationError(f"{org} khóa sổ cùng {owner}: hãy khóa sổ của {owner}.")
    if year >= _today().year:
        raise ValidationError(f"Năm {year} chưa kết thúc: chưa khóa sổ được.")
    # Lock the organization's row: two people closing at once close once.
    Organization.objects.select_for_update().filter(pk=org.pk).first()
    if FeeYear.objects.filter(org=org, year=year).exists():
        raise ValidationError(f"Năm {year} đã khóa sổ.")
    if FeeYear.objects.filter(org=org, year__gt=year).exists():
        raise ValidationError(f"Đã khóa sổ năm sau năm {year}: không khóa lại năm trước được.")
    previous = year - 1
    if not FeeYear.objects.filter(org=org, year=previous).exists():
        ids = scope_ids(org)
        start = dt.date(year, 1, 1)
        if (
            LedgerEntry.objects.filter(org_id__in=ids, on__lt=start).exists()
            or Payment.objects.filter(cell_id__in=ids, paid_on__lt=start).exists()
        ):
            raise ValidationError(f"Cần khóa sổ năm {previous} trước năm {year}.")
    figures = ledger(org, year)
    closed = FeeYear.objects.create(
        org=org,
        year=year,
        closed_by=audit.signed_in(actor),
        **figures.figures(),  # carried over, allocation, collected, remitted, expenses, balance
    )
    audit.record(
        actor,
        "fee.close_year",
        closed,
        summary=f"Khóa sổ đảng phí năm {year}: còn lại {money(figures.balance)} đồng",
        org=org,
    )
    return closed


# Exports -------------------------------------------------------------------------


def record_sheet_export(actor: Actor, org: Organization, year: int, *, rows: int) -> AuditEntry:
    """The members' fee sheet of a year left as a file: names and payments are personal data."""
    return audit.record_export(
        actor,
        action="fee.sheet.export",
        what=f"sổ thu nộp đảng phí năm {year} (.xlsx)",
        rows=rows,
        org=org,
        filters={"nam": year},
    )


# Settings ------------------------------------------------------------------------


@transaction.atomic
def set_fee_setting(
    actor: Actor, org: Organization, *, key: str, value: Any, month: dt.date, note: str = ""
) -> FeeSetting:
    """An organization's own value for a value the rule leaves unconfirmed, from `month`."""
    _check_entry_org(org)
    month = fees.month_start(month)
    if key not in SETTABLE:
        raise ValidationError("Giá trị này không đặt riêng được.")
    label, parse = SETTABLE[key]
    rule = file_rule(month)
    if key not in rule.get("unconfirmed", ()):
        raise ValidationError(
            f"“{label}” đã được xác nhận theo {rule.source}: không đặt riêng được."
        )
    value = str(value or "").strip()
    try:
        parse(value)
    except (ValueError, ZeroDivisionError):
        raise ValidationError(f"Giá trị “{value}” của “{label}” không hợp lệ.") from None
    closed = last_closed_year(org)
    if closed is not None and month.year <= closed:
        raise ValidationError(
            f"Năm {closed} đã khóa sổ: chỉ đặt giá trị từ một tháng của năm đang mở."
        )
    setting = FeeSetting.objects.filter(org=org, key=key, valid_from=month).first()
    before = audit.snapshot(setting)
    setting = setting or FeeSetting(org=org, key=key, valid_from=month)
    setting.value, setting.note = value, (note or "").strip()
    setting.save()
    audit.record(
        actor,
        "fee.setting",
        setting,
        before,
        summary=f"{label}: {value} từ tháng {fees.month_label(month)}",
        org=org,
    )
    return setting


@transaction.atomic
def set_fee_category(
    actor: Actor,
    people: Iterable[Person],
    *,
    kind: str,
    month: dt.date,
    note: str = "",
) -> list[SalaryBase]:
    """Several members in one fee category from `month` (members without a fixed income,
    students): their fee is then the category's amount under the rule, as the committee sets it
    once for all of them (`set_fee_setting` of `rates.<category>`), all of them or none."""
    if kind not in (fees.NO_INCOME, fees.STUDENT, fees.ABROAD):
        raise ValidationError(
            "Chỉ xếp nhiều đảng viên cùng lúc vào nhóm không có thu nhập cố định, học sinh, "
            "sinh viên hoặc đảng viên ở ngoài nước; các căn cứ khác ghi riêng cho từng người."
        )
    people = list(people)
    if not people:
        raise ValidationError("Hãy chọn ít nhất một đảng viên.")
    return [set_salary_base(actor, p, month=month, kind=kind, note=note) for p in people]
