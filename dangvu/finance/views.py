import datetime as dt

from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from dangvu.lib.text import money, sort_key
from dangvu.orgs.models import Organization
from dangvu.orgs.tree import subtree_ids
from dangvu.people.models import Membership, Person, StaffRecord, TemporaryAttachment
from dangvu.records import ActionFormView
from dangvu.web import (
    check_year,
    latest_year,
    url_year,
    whole_param,
    year_param,
)

from . import actions, fees, forms, sheet
from .book import STATUS_LABELS, book_cell, temporary_notes, year_books
from .ledger import FACT_LABELS, fee_table, fee_table_title, is_ledger_org, ledger, scope_ids
from .models import FeeSetting, LedgerEntry, Payment, SalaryBase, UnpaidReason
from .rulebook import (
    SETTABLE,
    all_rule_files,
    ancestors,
    ledger_org,
    raw_values,
    temporary_of,
    temporary_rule,
)

K = Organization.Kind
MONTHS = range(1, 13)


# Helpers -------------------------------------------------------------------------


def _party_org(request, slug):
    org = request.scope.org_or_404(slug)
    if org.kind not in (K.PARTY_COMMITTEE, K.PARTY_CELL):
        raise Http404("Đảng phí chỉ có ở đảng bộ và chi bộ.")
    return org


def _cells(org):
    ids = subtree_ids([org.id])
    return list(Organization.objects.filter(id__in=ids, kind=K.PARTY_CELL).order_by("name"))


# Pages ---------------------------------------------------------------------------


def fee_home(request):
    scope = request.scope
    if not scope.sees_everything and not scope.read_org_ids:
        if scope.self_person_ids:
            return redirect("fee_mine")
        raise Http404("Bạn không có quyền xem đảng phí.")
    orgs = list(scope.orgs(Organization.objects.filter(kind__in=[K.PARTY_COMMITTEE, K.PARTY_CELL])))
    orgs.sort(key=lambda o: (o.kind != K.PARTY_COMMITTEE, sort_key(o.name)))
    ids = {o.id for o in orgs}
    year = year_param(request, latest_year(Payment.objects.filter(cell_id__in=ids), "paid_on"))
    return render(
        request,
        "finance/home.html",
        {
            "orgs": orgs,
            "year": year,
            "has_self": bool(scope.self_person_ids),
            "title": fee_table_title(year),
        },
    )


def fee_mine(request):
    ids = request.scope.self_person_ids
    if not ids:
        # Office and superior accounts have no fee book of their own: say so, and point on.
        return render(
            request,
            "orgs/no_access.html",
            {
                "title": "Chưa gắn với hồ sơ đảng viên",
                "message": "Tài khoản này không gắn với hồ sơ đảng viên nào nên không có sổ đảng phí riêng.",
            },
        )
    return _member_page(request, Person.objects.get(pk=min(ids)), mine=True)


def fee_member(request, person_id):
    # Fees are a Party record: read through the Party reach (not a mass organization's
    # executive, who reads the person as its member).
    return _member_page(request, request.scope.party.person_or_404(person_id), mine=False)


def _host_cells(scope, person):
    """None when the scope reads the member's whole fee file (their own cell's side, the member
    themself); else the cells it reads that the member attends temporarily, whose months and
    payments alone it is shown (people.access.read_person opens the page to them)."""
    if scope.party.people().filter(id=person.id).exists():
        return None
    attachments = scope.visible(TemporaryAttachment.objects.filter(person=person))
    return sorted(set(attachments.values_list("cell_id", flat=True)))


def _member_page(request, person, mine):
    scope = request.scope
    payments = scope.visible(Payment.objects.filter(person=person))
    year = year_param(request, latest_year(payments, "paid_on"))
    member = year_books(year, cell_ids=_host_cells(scope, person), person_ids=[person.id]).get(
        person.id
    )
    lines = [member.months[m] for m in sorted(member.months)] if member else []
    payments = (
        payments.filter(paid_on__year=year)
        .select_related("cell", "reverses")
        .prefetch_related("months")
        .order_by("paid_on", "id")
    )
    reversed_ids = set(
        Payment.objects.filter(reverses__person=person).values_list("reverses_id", flat=True)
    )
    cells = Organization.objects.in_bulk({line.cell_id for line in lines})
    for line in lines:
        line.cell_slug = cells[line.cell_id].slug
        line.cell_name = cells[line.cell_id].name
    # A payment is its cell's record: the viewer records and corrects those of the cells it
    # writes, the host its months, the member's own cell the others.
    collecting = (
        set()
        if mine
        else {
            c.id for c in {*cells.values(), *(p.cell for p in payments)} if scope.can_write_org(c)
        }
    )
    closed_years = actions.closed_years_by_cell({p.cell_id for p in payments})
    closed = {p.id for p in payments if p.paid_on.year in closed_years[p.cell_id]}
    return render(
        request,
        "finance/member.html",
        {
            "person": person,
            "year": year,
            "mine": mine,
            "member": member,
            "lines": lines,
            "payments": payments,
            "reversed_ids": reversed_ids,
            "closed_ids": closed,
            "collecting": collecting,
            "bases": scope.visible(SalaryBase.objects.filter(person=person)).order_by(
                "-valid_from"
            ),
            "reasons": scope.visible(UnpaidReason.objects.filter(person=person, month__year=year)),
            "can_write": not mine and scope.can_write_person(person),
            "years": range(year - 2, year + 3),
        },
    )


def fee_book(request, slug, year):
    url_year(year)
    org = _party_org(request, slug)
    cells = _cells(org)
    cell_ids = [c.id for c in cells]
    books = year_books(year, cell_ids=cell_ids)
    order = {c.id: i for i, c in enumerate(cells)}
    rows = []
    for b in books.values():
        cell_id = book_cell(b)
        line_by_month = {m.month: b.months[m] for m in b.months}
        line_by_month.update({m.month: away for m, away in b.away.items()})
        # The people lists' order (Person.sort_name), as in the fee sheet's Excel file.
        rows.append((order.get(cell_id, 99), b.person.sort_name, b, cell_id, line_by_month))
    rows.sort(key=lambda r: (r[0], r[1]))
    names = {c.id: c.name for c in cells}
    table = [
        {
            "book": b,
            "cell": names.get(cell_id, ""),
            "months": [line_by_month.get(m) for m in MONTHS],
        }
        for _o, _n, b, cell_id, line_by_month in rows
    ]
    totals = [
        sum(b.months[m].paid for b in books.values() if m in b.months) for m in fees.months_of(year)
    ]
    return render(
        request,
        "finance/book.html",
        {
            "org": org,
            "year": year,
            "table": table,
            "totals": totals,
            "due": sum(b.due for b in books.values()),
            "paid": sum(b.paid for b in books.values()),
            "owed": sum(b.owed for b in books.values()),
            "warnings": [r for r in table if r["book"].warning],
            "temporary": temporary_notes(
                books, cell_ids, dt.date(year, 1, 1), dt.date(year, 12, 1)
            ),
            "temporary_rule": temporary_rule(dt.date(year, 12, 1)),
            "many_cells": len(cells) > 1,
            "months": MONTHS,
            "can_write": request.scope.can_write_org(org),
            "statuses": STATUS_LABELS,
        },
    )


def fee_sheet(request, slug, year):
    url_year(year)
    org = _party_org(request, slug)
    cells = _cells(org)
    books = year_books(year, cell_ids=[c.id for c in cells])
    data = sheet.workbook(org, year, books, cells)
    actions.record_sheet_export(request.user, org, year, rows=len(books))
    response = HttpResponse(
        data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="so-thu-nop-dang-phi-{slug}-{year}.xlsx"'
    )
    return response


def fee_ledger(request, slug, year):
    url_year(year)
    org = _party_org(request, slug)
    if not is_ledger_org(org):
        raise Http404("Tổ chức này không có sổ quỹ đảng phí.")
    book = ledger(org, year)
    owner = ledger_org(org)
    entries = (
        LedgerEntry.objects.filter(org_id__in=scope_ids(org), on__year=year)
        .select_related("org", "reverses")
        .order_by("on", "id")
    )
    reversed_ids = set(
        LedgerEntry.objects.filter(reverses__in=entries).values_list("reverses_id", flat=True)
    )
    categories = dict(LedgerEntry.Category.choices)
    closed_here = actions.closed_year(org, year)
    return render(
        request,
        "finance/ledger.html",
        {
            "org": org,
            "year": year,
            "book": book,
            "title": fee_table_title(year),
            "table": [(label, money(amount)) for label, amount in fee_table(org, year)],
            "facts": [(f"fees.{n}", FACT_LABELS[n], getattr(book, n)) for n in FACT_LABELS],
            "entries": entries,
            "reversed_ids": reversed_ids,
            "by_category": [
                (categories.get(c, c or "—"), v)
                for c, v in sorted(book.expenses_by_category.items())
            ],
            "closed": closed_here,
            "owner": owner,
            "can_write": request.scope.can_write_org(org) and not closed_here,
            "can_close": (
                request.scope.can_write_org(org)
                and owner is not None
                and owner.id == org.id
                and not closed_here
                and year < timezone.localdate().year
            ),
        },
    )


_VALUE_LABELS = {
    "rates.salary": "Đảng viên hưởng tiền lương",
    "rates.sickness": "Đảng viên nghỉ ốm đau, thai sản",
    "rates.pension": "Đảng viên hưởng lương hưu",
}


def _shown(key, value):
    """A rule's value as the UI writes it: "0,5%", "5.000 đồng", "50 năm"."""
    if isinstance(value, str):
        return value.replace(".", ",")
    if key == "exempt_party_years":
        return f"{value} năm" if value else "không miễn"
    return f"{money(value)} đồng"


def fee_rules(request):
    scope = request.scope
    org = None
    if request.GET.get("to-chuc"):
        org = _party_org(request, request.GET["to-chuc"])
    labels = {**_VALUE_LABELS, **{key: label for key, (label, _p) in SETTABLE.items()}}
    files = []
    for rule in reversed(all_rule_files()):
        unconfirmed = set(rule.get("unconfirmed", ()))
        values = [
            (key, labels.get(key, key), _shown(key, value), key in unconfirmed)
            for key, value in raw_values(rule).items()
        ]
        files.append({"rule": rule, "values": values, "temporary": temporary_of(rule)})
    settings = []
    if org is not None:
        chain = ancestors(org)
        settings = FeeSetting.objects.filter(org__in=chain).select_related("org")
    else:
        settings = scope.visible(FeeSetting.objects.select_related("org"))
    return render(
        request,
        "finance/rules.html",
        {
            "files": files,
            "org": org,
            "settings": [(s, labels.get(s.key, s.key)) for s in settings],
            "can_write": org is not None and scope.can_write_org(org),
        },
    )


# Forms -----------------------------------------------------------------------------


def _members_of(org):
    """The members whose fee the organization's cells may collect: their own members, and the
    members of other cells on file who attend one of them temporarily."""
    cells = subtree_ids([org.id])
    ids = Membership.objects.filter(kind=Membership.Kind.PARTY, org_id__in=cells).values(
        "person_id"
    )
    guests = TemporaryAttachment.objects.filter(cell_id__in=cells, person__isnull=False).values(
        "person_id"
    )
    return Person.objects.filter(Q(id__in=ids) | Q(id__in=guests)).order_by("sort_name", "id")


def _payment_url(payment):
    """Where a payment recorded or changed is seen: its member's fee page at the payment's year."""
    return reverse("fee_member", args=[payment.person_id]) + f"?nam={payment.paid_on.year}"


class _PartyOrgForm(ActionFormView):
    """A form acting on the party organization of the URL, which the user must write."""

    def get_object(self):
        org = _party_org(self.request, self.kwargs["slug"])
        self.request.scope.require_write_org(org)
        return org


class _MemberForm(ActionFormView):
    """A form acting on the person of the URL; back to their fee page."""

    record, record_kwarg = Person, "person_id"
    record_url_name = "fee_member"

    def get_object(self):
        # The member's fee file is a Party record: written through the Party reach only.
        scope = self.request.scope.party
        return scope.get_or_404(Person, self.kwargs["person_id"], write=True)


class _PaymentForm(ActionFormView):
    record, record_kwarg = Payment.objects.select_related("cell", "person"), "payment_id"

    def get_back_url(self):
        return reverse("fee_member", args=[self.object.person_id])


class _EntryForm(ActionFormView):
    record, record_kwarg = LedgerEntry.objects.select_related("org"), "entry_id"

    def get_back_url(self):
        return reverse("fee_ledger", args=[self.object.org.slug, self.object.on.year])

    def get_success_url(self, result=None):
        return reverse("fee_ledger", args=[self.object.org.slug, result.on.year])


class _Reversal:
    """The form of a reversal: a reversing entry on the day chosen, the original kept."""

    form_class = forms.ReverseForm
    initial = {"on": timezone.localdate}
    submit = "Ghi bút toán đảo"


class _YearForm(_PartyOrgForm):
    """A form on a party organization's year (`slug`, `year` in the URL)."""

    def get_object(self):
        url_year(self.kwargs["year"])
        return super().get_object()

    def get_back_url(self):
        return reverse("fee_ledger", args=[self.object.slug, self.kwargs["year"]])


class PaymentAdd(_PartyOrgForm):
    form_class = forms.PaymentForm
    action = actions.record_payment
    title = "Ghi khoản nộp đảng phí — {object}"
    submit = "Ghi khoản nộp"
    intro = (
        "Một lần nộp có thể gồm nhiều tháng (nộp trước, nộp bù); số tiền trả cho các tháng "
        "theo thứ tự, phần dư tính vào tháng cuối."
    )
    back_url_name = "fee_home"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "members": _members_of(self.object)}

    def get_initial(self):
        initial = {"paid_on": timezone.localdate(), "method": Payment.Method.CASH, "months": 1}
        person = _members_of(self.object).filter(pk=whole_param(self.request, "dang-vien")).first()
        if person is None:
            return initial
        initial["person"] = person.pk
        try:
            month = fees.parse_month(self.request.GET.get("thang", ""))
        except ValueError:
            month = None
        if month is not None:
            check_year(month.year, "Tháng có năm")
            initial["first_month"] = month
            member = year_books(month.year, person_ids=[person.id]).get(person.id)
            line = member.months.get(month) if member else None
            if line is not None and line.owed:
                initial["amount"] = money(line.owed)
        return initial

    def action_args(self):
        return ()  # the person is the form's

    def action_data(self, form):
        return {**form.cleaned_data, "org": self.object}

    def get_success_message(self, result):
        return f"Đã ghi khoản nộp {money(result.amount)} đồng của {result.person}."

    def get_success_url(self, result=None):
        return _payment_url(result)


fee_payment_add = PaymentAdd.as_view()


class PaymentEdit(_PaymentForm):
    model = Payment
    form_class = forms.PaymentEditForm
    action = actions.update_payment
    title = "Sửa khoản nộp của {object.person}"
    success_message = "Đã sửa khoản nộp; thay đổi được ghi vào lịch sử."

    def get_success_url(self, result=None):
        return _payment_url(self.object)


fee_payment_edit = PaymentEdit.as_view()


class PaymentReverse(_Reversal, _PaymentForm):
    action = actions.reverse_payment
    intro = "Khoản nộp không bị xóa: một bút toán ngược dấu được ghi vào ngày chọn (năm đang mở)."
    success_message = "Đã hủy khoản nộp bằng bút toán đảo."

    def get_title(self):
        p = self.object
        return f"Hủy khoản nộp {money(p.amount)} đồng ngày {p.paid_on:%d/%m/%Y} của {p.person}"

    def get_success_url(self, result=None):
        return reverse("fee_member", args=[self.object.person_id])


fee_payment_reverse = PaymentReverse.as_view()


class BaseAdd(_MemberForm):
    model = SalaryBase
    form_class = forms.SalaryBaseForm
    action = actions.set_salary_base
    title = "Căn cứ tính đảng phí — {object}"
    intro = (
        "Căn cứ giữ nguyên từ tháng này cho đến khi ghi căn cứ mới. Tiền lương = (hệ số "
        "lương + hệ số phụ cấp chức vụ) × lương cơ sở của từng tháng + số tiền."
    )
    success_message = "Đã ghi căn cứ tính đảng phí."

    def get_initial(self):
        person = self.object
        latest = SalaryBase.objects.filter(person=person).order_by("-valid_from").first()
        initial = {"month": fees.month_start(timezone.localdate())}
        if latest is not None:
            initial.update(
                kind=latest.kind,
                coefficient=latest.coefficient,
                allowance_coefficient=latest.allowance_coefficient,
                amount=money(latest.amount) if latest.amount else "",
            )
        else:
            # Taken from the staff record: someone on an agency's staff pays on their salary.
            staff = StaffRecord.objects.filter(person=person, valid_to__isnull=True).first()
            if staff is not None:
                initial.update(
                    kind=SalaryBase.Kind.SALARY, note=f"Theo hồ sơ công tác tại {staff.agency}"
                )
        return initial


fee_base_add = BaseAdd.as_view()

fee_reason_add = _MemberForm.as_view(
    model=UnpaidReason,
    form_class=forms.UnpaidReasonForm,
    action=actions.record_unpaid_reason,
    title="Lý do chưa đóng đảng phí — {object}",
    success_message="Đã ghi lý do.",
)


class EntryAdd(_YearForm):
    model = LedgerEntry
    form_class = forms.EntryForm
    action = actions.add_entry
    title = "Ghi sổ quỹ đảng phí — {object}"
    success_message = "Đã ghi sổ."

    def get_initial(self):
        return {"on": min(timezone.localdate(), dt.date(self.kwargs["year"], 12, 31))}

    def get_success_url(self, result=None):
        return reverse("fee_ledger", args=[self.object.slug, result.on.year])


fee_entry_add = EntryAdd.as_view()


class EntryEdit(_EntryForm):
    model = LedgerEntry
    form_class = forms.EntryForm
    action = actions.update_entry
    success_message = "Đã sửa bút toán; thay đổi được ghi vào lịch sử."

    def get_title(self):
        return f"Sửa bút toán — {self.object.get_kind_display()}"


fee_entry_edit = EntryEdit.as_view()


class EntryReverse(_Reversal, _EntryForm):
    action = actions.reverse_entry
    intro = "Bút toán gốc giữ nguyên; một bút toán ngược dấu được ghi vào ngày chọn (năm đang mở)."
    success_message = "Đã ghi bút toán đảo."

    def get_title(self):
        e = self.object
        return f"Đảo bút toán {money(e.amount)} đồng ngày {e.on:%d/%m/%Y}"


fee_entry_reverse = EntryReverse.as_view()


class YearClose(_YearForm):
    form_class = forms.CloseYearForm
    action = actions.close_year
    submit = "Khóa sổ"

    def action_args(self):
        return (self.object, self.kwargs["year"])

    def action_data(self, form):
        return {}  # the form only asks for the confirmation

    def get_title(self):
        return f"Khóa sổ đảng phí năm {self.kwargs['year']} — {self.object}"

    def get_intro(self):
        org, year = self.object, self.kwargs["year"]
        lines = "; ".join(f"{label} {money(amount)} đồng" for label, amount in fee_table(org, year))
        return (
            f"{lines}. Số dư {money(ledger(org, year).balance)} đồng được mang sang năm {year + 1}."
        )

    def get_success_message(self, result):
        return f"Đã khóa sổ đảng phí năm {self.kwargs['year']}."

    def get_success_url(self, result=None):
        return reverse("fee_ledger", args=[self.object.slug, self.kwargs["year"]])


fee_close = YearClose.as_view()


class SettingAdd(_PartyOrgForm):
    model = FeeSetting
    form_class = forms.SettingForm
    action = actions.set_fee_setting
    title = "Đặt giá trị chưa xác nhận của quy định đảng phí — {object}"
    intro = (
        "Chỉ những giá trị quy định chưa xác nhận mới đặt riêng được; giá trị áp dụng từ "
        "tháng chọn cho tổ chức này và các chi bộ trực thuộc."
    )
    success_message = "Đã đặt giá trị riêng của tổ chức."

    def get_initial(self):
        return {"month": fees.month_start(timezone.localdate())}

    def get_success_url(self, result=None):
        return reverse("fee_rules") + f"?to-chuc={self.object.slug}"

    get_back_url = get_success_url


fee_setting_add = SettingAdd.as_view()
