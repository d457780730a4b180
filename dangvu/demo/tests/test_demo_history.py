"""The demo is built through the named actions: each change it makes to an organization leaves
its history, as an office's own would."""

from dangvu.accounts.models import AuditEntry
from dangvu.demo.foundation import SUPERIOR_SLUG
from dangvu.orgs.models import Organization


def test_the_superiors_symbol_is_set_by_its_action_and_in_its_history(demo):
    superior = Organization.objects.get(slug=SUPERIOR_SLUG)
    assert superior.symbol == "ĐUK"
    (entry,) = AuditEntry.objects.filter(
        action="org.symbol", target_type="orgs.organization", target_id=superior.id
    )
    assert (entry.before["symbol"], entry.after["symbol"]) == ("ĐU", "ĐUK")
    assert entry.org_id == superior.id
