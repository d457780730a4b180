"""Who may see and change which registry entries: the one place that decides it for documents.

It extends `dangvu.accounts.scope` with two rules of its own:

* An ordinary document of an organization's registry is read by whoever reads that organization
  (its office, the superior) and also by the organizations below it: a committee's plans and
  resolutions are what its cells work from, so a cell secretary reads the committee's registry.
* A secret document ("mật", "tối mật") is read only by the office of the organization whose
  registry it is in: a role OFFICE (or, for a cell, which has no office, its SECRETARY) held on
  exactly that organization. Not by the committee's cell secretaries, members or the superior,
  even though their scope covers the organization; and a committee's office does not read its
  cells' secret entries either. The operator (a command without --user, a superuser) sees all.

Writes follow the scope (`scope.can_write_org(owner)`), and a secret entry also needs the
office. Bulk exports never contain secret entries, whoever asks (`exportable`).
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Q

from dangvu.accounts.scope import Scope, scope_for, scope_for_username
from dangvu.core import access
from dangvu.core.access import Rule, by_org
from dangvu.core.ids import any_of
from dangvu.orgs.models import Organization

from .models import Document, NumberCounter, TextCitation

NORMAL = Document.Secrecy.NORMAL
# Organizations that keep a registry of documents: not an agency's departments and units.
REGISTRY_KINDS = [
    kind
    for kind in Organization.Kind
    if kind not in (Organization.Kind.DEPARTMENT, Organization.Kind.SERVICE_UNIT)
]


@dataclass
class DocumentAccess:
    scope: Scope
    # Organizations whose secret entries this user reads; None means all of them.
    office_org_ids: set | None

    # Construction ------------------------------------------------------------------------
    @classmethod
    def of(cls, scope):
        """The documents' rules for a scope: its record keepers' organizations read secrets."""
        return cls(scope, None if scope.sees_everything else scope.keeper_org_ids)

    @classmethod
    def for_user(cls, user, scope=None):
        return cls.of(scope if scope is not None else scope_for(user))

    @classmethod
    def for_request(cls, request):
        return cls.of(request.scope)

    @classmethod
    def for_username(cls, username):
        """For commands: without a user name, the operator (everything)."""
        return cls.of(scope_for_username(username))

    # Reading ----------------------------------------------------------------------------
    @property
    def sees_everything(self):
        return self.scope.sees_everything and self.office_org_ids is None

    def registry_org_ids(self):
        """Organizations whose ordinary entries this user reads: those in scope and their
        ancestors. None means all."""
        return self.scope.org_ids_and_above

    def documents(self, qs=None):
        qs = Document.objects.all() if qs is None else qs
        if self.sees_everything:
            return qs
        registry = self.registry_org_ids()
        normal = Q(secrecy=NORMAL)
        if registry is not None:
            normal &= Q(owner_org_id__in=any_of(registry))
        secret = ~Q(secrecy=NORMAL)
        if self.office_org_ids is not None:
            secret &= Q(owner_org_id__in=self.office_org_ids)
        return qs.filter(normal | secret)

    def can_read(self, document):
        return self.documents().filter(pk=document.pk).exists()

    def can_see_secret(self, org):
        return self.office_org_ids is None or org.id in self.office_org_ids

    def citations(self, qs=None):
        """Links from texts the user may read: the text's organization is in scope."""
        qs = TextCitation.objects.all() if qs is None else qs
        if self.scope.sees_everything:
            return qs
        return qs.filter(owner_org_id__in=self.scope.read_org_ids)

    # Writing ----------------------------------------------------------------------------
    def writable_orgs(self):
        """Organizations in whose registry this user may enter documents."""
        return self.scope.writable_orgs(REGISTRY_KINDS, current=True)

    def can_write(self, document):
        org = document.owner_org
        return self.scope.can_write_org(org) and (
            not document.is_secret or self.can_see_secret(org)
        )

    def require_write_org(self, org, secrecy=NORMAL):
        self.scope.require_write_org(org)
        if secrecy != NORMAL and not self.can_see_secret(org):
            raise PermissionDenied(f"Chỉ văn phòng cấp ủy của {org} mới được vào sổ văn bản mật.")


access.register(
    Document,
    Rule(
        lambda scope, qs: DocumentAccess.of(scope).documents(qs),
        lambda scope, document: DocumentAccess.of(scope).can_write(document),
        "owner_org",
        noun="văn bản",
        url_param="document_id",
    ),
)
access.register(
    TextCitation,
    Rule(
        lambda scope, qs: DocumentAccess.of(scope).citations(qs),
        lambda scope, citation: scope.can_write_org(citation.owner_org),
        "owner_org",
    ),
)
access.register(NumberCounter, by_org())


def exportable(qs):
    """What may leave in a bulk export (CSV, Excel): never a secret entry, whoever asks."""
    return qs.filter(secrecy=NORMAL)
