"""Who reads and changes the fee book and the ledger (dangvu.core.access): a cell's payments go
with the cell, a ledger's entries and settings with their organization; what a person pays
(salary base, months paid, reasons for not paying) goes with the person."""

from dangvu.core import access
from dangvu.core.access import by_org, by_org_or_person, by_person

from .models import (
    FeeSetting,
    FeeYear,
    LedgerEntry,
    Payment,
    PaymentMonth,
    SalaryBase,
    UnpaidReason,
)

# A payment goes with the cell that collected it; whoever reads the member's Party file (their
# own cell's side, the member themself) reads it too, wherever it was paid: a temporarily
# attached member pays the host cell for some months (rules/fees, [temporary]). The host reads
# only the payments made to it.
access.register(
    Payment,
    by_org_or_person("person", "cell", party_file=True, noun="khoản nộp", url_param="payment_id"),
)
access.register(LedgerEntry, by_org(noun="bút toán", url_param="entry_id"))
access.register(FeeYear, by_org())
access.register(FeeSetting, by_org())
for model in (SalaryBase, PaymentMonth, UnpaidReason):
    access.register(model, by_person(party_file=True))
