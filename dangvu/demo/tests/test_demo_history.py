"""The demo is built through the named actions: each change it makes to an organization or an
account leaves its history, as an office's own would."""

from dangvu.accounts.models import AuditEntry, Role
from dangvu.demo.foundation import DEMO_USERS, SUPERIOR_SLUG
from dangvu.orgs.models import Organization


def test_the_superiors_symbol_is_set_by_its_action_and_in_its_history(demo):
    superior = Organization.objects.get(slug=SUPERIOR_SLUG)
    assert superior.symbol == "ĐUK"
    (entry,) = AuditEntry.objects.filter(
        action="org.symbol", target_type="orgs.organization", target_id=superior.id
    )
    assert (entry.before["symbol"], entry.after["symbol"]) == ("ĐU", "ĐUK")
    assert entry.org_id == superior.id


def test_each_demo_login_has_its_role_granted_in_its_history(demo):
    for username, kind, _key, _description in DEMO_USERS:
        role = Role.objects.get(user__username=username)
        assert role.kind == kind
        (entry,) = AuditEntry.objects.filter(
            action="role.grant", target_type="auth.user", target_id=role.user_id
        )
        assert entry.org_id == role.org_id and entry.person_id == role.person_id
