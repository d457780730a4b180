"""Signals people's actions send before they write, so that apps above people can refuse a
change without people importing them."""

from django.dispatch import Signal

# Sent with cell, first_month, what and on before a party membership starts or ends, a change to
# the fee book of `cell`'s members from `first_month` on; a receiver raises ValidationError to
# refuse it (finance: a closed year).
fee_book_changing = Signal()
