"""Access rules of the accounts' own records (dangvu.core.access). Roles and the audit trail are
shown by their own pages under their own rules (the accounts page, `history`); through the
registry only the operator reads them."""

from dangvu.core import access
from dangvu.core.access import operator_only

from .models import AuditEntry, Role

access.register(Role, operator_only("org"))
access.register(AuditEntry, operator_only("org"))
