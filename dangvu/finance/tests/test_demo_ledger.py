"""The demo's 2017 ledger equals the reference report, and every figure comes from records:
the payments of the members of 2017 (54 on 31/12/2017 and one who left on 01/08/2017), the
allocation and expense entries, the 30% share of Quyết định 342-QĐ/TW, 2016's closing balance."""

import datetime as dt
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db.models import Sum

from dangvu.core.facts import Period, compute
from dangvu.finance import actions, book
from dangvu.finance.ledger import fee_table, fee_table_text, ledger
from dangvu.finance.models import FeeYear, LedgerEntry, Payment
from dangvu.orgs.models import active_on
from dangvu.people.models import Membership

D = dt.date
REFERENCE = [
    ("+ Mang sang năm 2016", ": 8.954.054 đồng"),
    ("+ Ngân sách cấp 2017", ": 24.654.370 đồng"),
    ("+ Thu đảng phí", ": 19.454.400 đồng"),
    ("+ Nộp về Đảng ủy cấp trên", ": 5.836.320 đồng"),
    ("+ Chi hoạt động", ": 47.226.504 đồng"),
    ("+ Kinh phí còn lại là", ": 0 đồng"),
]


def test_the_2017_ledger_is_the_reference_and_comes_from_payments(demo):
    assert fee_table_text(demo, 2017) == REFERENCE
    assert fee_table(demo, 2017)[2] == ("+ Thu đảng phí", 19_454_400)
    facts = compute(demo, Period.year(2017))
    assert {
        k: f.value for k, f in facts.items() if k.startswith("fees.") and k != "fees.table"
    } == {
        "fees.carried_over": 8_954_054,
        "fees.allocation": 24_654_370,
        "fees.collected": 19_454_400,
        "fees.remitted": 5_836_320,
        "fees.expenses": 47_226_504,
        "fees.balance": 0,
    }
    # The table as the report engine renders it ({fees.table|table}).
    assert facts["fees.table"].value == REFERENCE
    payments = Payment.objects.filter(cell__parent=demo, paid_on__year=2017)
    assert payments.aggregate(total=Sum("amount"))["total"] == 19_454_400
    assert set(facts["fees.collected"].records["finance.payment"]) == set(
        payments.values_list("id", flat=True)
    )
    # Who paid: the 54 members on 31/12/2017, and the member who left on 01/08/2017.
    members = set(
        Membership.objects.filter(
            active_on(D(2017, 12, 31)), kind="party", org__parent=demo
        ).values_list("person_id", flat=True)
    )
    payers = set(payments.values_list("person_id", flat=True))
    assert len(members) == 54 and members <= payers
    (leaver,) = payers - members
    assert Membership.objects.get(person_id=leaver, kind="party").valid_to == D(2017, 8, 1)
    assert payments.count() == 643  # one a month for each month of membership
    books = book.year_books(2017, cell_ids=list(demo.children.values_list("id", flat=True)))
    assert sum(b.paid for b in books.values()) == 19_454_400
    assert all(b.owed == 0 and not b.warning for b in books.values())
    months = sorted(len(b.months) for b in books.values())
    assert months[:4] == [6, 7, 8, 10]  # admitted in July, May, March; left in August
    # The allocation and expenses are entries; the remittance is 30% of the payments.
    entries = LedgerEntry.objects.filter(org=demo, on__year=2017)
    assert entries.filter(kind="allocation").aggregate(t=Sum("amount"))["t"] == 24_654_370
    assert entries.filter(kind="expense").values("category").distinct().count() >= 5


def test_2016_closes_with_the_balance_carried_into_2017(demo):
    y2016 = ledger(demo, 2016)
    assert y2016.balance == 8_954_054
    assert (
        y2016.collected
        == Payment.objects.filter(cell__parent=demo, paid_on__year=2016).aggregate(t=Sum("amount"))[
            "t"
        ]
    )
    assert y2016.carried_over == LedgerEntry.objects.get(org=demo, kind="opening").amount
    assert list(FeeYear.objects.filter(org=demo).values_list("year", "balance")) == [
        (2016, 8_954_054),
        (2017, 0),
    ]
    assert ledger(demo, 2018).carried_over == 0 and not ledger(demo, 2018).closed
    # 2017 is closed: the year cannot be edited, only corrected in an open year.
    payment = Payment.objects.filter(cell__parent=demo, paid_on__year=2017).first()
    with pytest.raises(ValidationError, match="Năm 2017 đã khóa sổ"):
        actions.update_payment(None, payment, amount=payment.amount + 100)
    actions.reverse_payment(None, payment, on=D(2018, 1, 5), reason="Thu trùng")
    assert ledger(demo, 2017).collected == 19_454_400
    assert ledger(demo, 2018).collected == -payment.amount

    # The `facts` command prints them.
    out = StringIO()
    call_command("facts", org=demo.slug, year=2017, stdout=out)
    lines = {line.split()[0]: line.split()[1] for line in out.getvalue().splitlines() if line}
    assert lines["fees.collected"] == "19454400"
    assert lines["fees.balance"] == "0"
