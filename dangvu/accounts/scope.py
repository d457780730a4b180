"""The one place that decides who sees what.

Every view, export and command asks a `Scope` which organizations and people it may show or
change. A role on an organization covers its whole subtree; a mass organization's executive's
covers its whole own system (below); a member sees only their own person.
"""

from dataclasses import dataclass, field
from functools import cached_property

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from dangvu.core import access
from dangvu.core.ids import any_of
from dangvu.orgs.models import Organization, active_on, same_system_unit_ids
from dangvu.orgs.tree import subtree_ids, with_ancestors
from dangvu.people.models import Membership, PartyProfile, Person, StaffRecord

from .models import Role

WRITE_ROLES = {Role.Kind.OFFICE, Role.Kind.SECRETARY, Role.Kind.MASS}


@dataclass
class Scope:
    # None means everything: the operator running a command without --user, or a superuser.
    read_org_ids: set | None = field(default_factory=set)
    write_org_ids: set | None = field(default_factory=set)
    self_person_ids: set = field(default_factory=set)
    kinds: set = field(default_factory=set)
    # Organizations whose own reports this scope writes besides `write_org_ids`: a superior
    # committee's office drafts its own report while it only reads its units' records.
    own_report_org_ids: set = field(default_factory=set)
    # Organizations whose own records this scope keeps: an office or a cell secretary role held
    # on exactly that organization (the documents' secret entries follow it).
    keeper_org_ids: set = field(default_factory=set)
    # Organizations the roles are held on: the roots of the subtrees of `read_org_ids`, but for
    # the units of a mass organization's system, whose ancestors (the Party organizations that
    # lead them) `org_ids_and_above` must not add.
    role_org_ids: set = field(default_factory=set)
    # The scope of the Party roles alone when a mass organization's executive role is held too;
    # None when that is this scope itself (see `party`).
    party_part: "Scope | None" = None

    @classmethod
    def everything(cls):
        return cls(read_org_ids=None, write_org_ids=None)

    @property
    def sees_everything(self):
        return self.read_org_ids is None

    @property
    def party(self):
        """What of this scope reaches Party records about people (a member's party profile,
        badges, card, exemption, suspension, fees, evaluations): its roles other than a mass
        organization's executive, who keeps its members' records in the organization, not their
        Party file (the registry's `access.party` rules ask it)."""
        return self if self.party_part is None else self.party_part

    # Any record kind, by the rules of dangvu.core.access ------------------------
    def visible(self, model_or_qs):
        """The records of a model (or a queryset of it) this scope may read."""
        qs = _queryset(model_or_qs)
        return access.rule_for(qs.model).read(self, qs)

    def can_write(self, obj):
        """Whether this scope may change `obj`, a record it reads."""
        return access.rule_for(type(obj)).write(self, obj)

    def get_or_404(self, model_or_qs, pk, write=False):
        """The record `pk` if this scope reads it (else 404); with `write`, 403 unless it may
        change it. An unreadable record is a 404, so a guessed id tells nothing."""
        qs = _queryset(model_or_qs)
        rule = access.rule_for(qs.model)
        obj = rule.read(self, qs).filter(pk=pk).first()
        if obj is None:
            raise Http404(f"Không tìm thấy {rule.noun}.")
        if write and not rule.write(self, obj):
            raise PermissionDenied(f"Bạn không có quyền thay đổi {rule.noun} này.")
        return obj

    @property
    def can_write_any(self):
        """Whether this scope writes some organization's records (a form may be offered)."""
        return self.write_org_ids is None or bool(self.write_org_ids)

    def require_write_any(self):
        if not self.can_write_any:
            raise PermissionDenied("Bạn chỉ có quyền xem.")

    # Organizations -------------------------------------------------------------
    def writable_orgs(self, kinds=None, *, current=False, reports=False):
        """Organizations this scope enters records for, by kind then name: with `current`, only
        those not dissolved; with `reports`, also those whose own reports only it writes."""
        qs = Organization.objects.all()
        if current:
            qs = qs.filter(valid_to__isnull=True)
        if kinds:
            qs = qs.filter(kind__in=kinds)
        if self.write_org_ids is not None:
            ids = self.write_org_ids | self.own_report_org_ids if reports else self.write_org_ids
            qs = qs.filter(id__in=ids)
        return qs.order_by("kind", "name")

    def orgs(self, qs=None):
        qs = Organization.objects.all() if qs is None else qs
        return qs if self.sees_everything else qs.filter(id__in=any_of(self.read_org_ids))

    @cached_property
    def org_ids_and_above(self):
        """Ids of the organizations this scope reads and of every organization above them (a
        cell's secretary knows which committee the cell belongs to); None means all. What it
        reads is whole subtrees, so only their roots are walked up; kept for the request (the
        history panel and the document registry of one page both ask)."""
        if self.sees_everything:
            return None
        return self.read_org_ids | with_ancestors(self.role_org_ids)

    def can_read_org(self, org):
        return self.sees_everything or org.id in self.read_org_ids

    def can_write_org(self, org):
        return self.write_org_ids is None or org.id in self.write_org_ids

    def can_restructure_org(self, org):
        """Whether this scope renames, merges or dissolves `org`: a decision of the level above, so
        a cell secretary, who writes their cell's records, does not end or rename the cell."""
        if self.write_org_ids is None:
            return True
        return org.parent_id is not None and org.parent_id in self.write_org_ids

    def can_write_report(self, org):
        """Whether this scope drafts and finalises `org`'s own reports."""
        return self.can_write_org(org) or org.id in self.own_report_org_ids

    def org_or_404(self, slug):
        org = Organization.objects.filter(slug=slug).first()
        if org is None or not self.can_read_org(org):
            raise Http404("Không tìm thấy tổ chức.")
        return org

    def require_write_org(self, org):
        if not self.can_write_org(org):
            raise PermissionDenied("Bạn không có quyền thay đổi hồ sơ của tổ chức này.")

    def require_restructure_org(self, org):
        if not self.can_restructure_org(org):
            raise PermissionDenied("Chỉ cấp trên của tổ chức này mới đổi tên, sáp nhập, giải thể.")

    # People --------------------------------------------------------------------
    def people(self, qs=None, on=None):
        """People this scope may read: attached to a readable organization on `on` (today by
        default). A member who moved away is out of the old cell's reach."""
        qs = Person.objects.all() if qs is None else qs
        if self.sees_everything:
            return qs
        return qs.filter(_people_in(self.read_org_ids, on) | Q(id__in=self.self_person_ids))

    def people_among(self, qs, on=None):
        """The people of `qs` this scope may read, as `people` decides, tested row by row.

        For a query already bounded by its own filter (a figure's members): each of its rows is
        looked up in the four indexed tables (EXISTS), so the cost follows `qs` and the page read
        from it, where `people`'s UNION reads everyone in the scope's reach first."""
        if self.sees_everything:
            return qs
        return qs.filter(_reaches(self.read_org_ids, on) | Q(id__in=self.self_person_ids))

    def writable_people(self, qs=None, on=None):
        qs = Person.objects.all() if qs is None else qs
        if self.write_org_ids is None:
            return qs
        return qs.filter(_people_in(self.write_org_ids, on))

    def person_or_404(self, person_id):
        """The person whose page this scope opens, by the registry's rule for a person (the
        people it reaches, and those attending a cell it reads temporarily), else 404."""
        return self.get_or_404(Person, person_id)

    def can_write_person(self, person):
        return self.writable_people().filter(id=person.id).exists()

    def require_write_person(self, person):
        if not self.can_write_person(person):
            raise PermissionDenied("Bạn không có quyền thay đổi hồ sơ này.")


def _queryset(model_or_qs):
    if isinstance(model_or_qs, QuerySet):
        return model_or_qs
    return model_or_qs._default_manager.all()


def _current_on(on):
    """Rows in force on `on` (today by default): begun, and not ended before that day."""
    return active_on(on or timezone.localdate())


def _attachments(org_ids, on=None):
    """The records that attach a person to any of `org_ids` on `on`, besides the file kept there
    (`home_org`): a membership or staff record in force, or a candidacy in the cell. The one
    place these rules are written; `_people_in` and `_reaches` only shape the query.

    A staff record attaches by its agency or by its unit: two queries, each on its own index,
    since PostgreSQL answers the OR of the two by scanning every staff record (348.000 rows
    for a 65-person office of a 1.000-committee province)."""
    current = _current_on(on)
    return (
        Membership.objects.filter(current, org_id__in=any_of(org_ids)),
        StaffRecord.objects.filter(current, agency_id__in=any_of(org_ids)),
        StaffRecord.objects.filter(current, unit_id__in=any_of(org_ids)),
        PartyProfile.objects.filter(candidate_cell_id__in=any_of(org_ids)),
    )


def _people_in(org_ids, on=None):
    """People attached to any of `org_ids` on `on`: kept there, member there, or on its staff.

    Memberships and staff records count only while they are in force, so a member who moved to
    another cell, transferred out or was struck off leaves the reach of the cell they left; the
    office that keeps the file (`home_org`) still has it.
    """
    org_ids = list(org_ids)
    # One UNION of indexed lookups, not an OR of four subqueries: PostgreSQL answers an OR
    # across tables by scanning every person (a 65-person office read 360.000 rows).
    kept = Person.objects.filter(home_org_id__in=any_of(org_ids)).values("id").order_by()
    attached = [qs.values("person_id").order_by() for qs in _attachments(org_ids, on)]
    return Q(id__in=kept.union(*attached, all=True))


def _reaches(org_ids, on=None):
    """The person of the outer row is attached to any of `org_ids` on `on`: `_people_in`'s four
    rules as correlated EXISTS, for a query whose rows are already few or paged."""
    org_ids = list(org_ids)
    reach = Q(home_org_id__in=any_of(org_ids))
    for qs in _attachments(org_ids, on):
        reach |= Exists(qs.filter(person_id=OuterRef("pk")))
    return reach


def _covered(role) -> set:
    """The organizations a role on an organization covers: its subtree, read level by level (not
    the whole table), at any date (a dissolved cell's records stay readable).

    A mass organization's executive covers its whole own system: the organization, the units
    recorded under it in that system today (`SameSystemSuperior`: a Đoàn cơ sở's chi đoàn, a
    grassroots union's công đoàn bộ phận), and the tree under each, the set its report counts
    (`orgs.tree.union_subtree_ids_during`). Those units stand in the tree under the Party
    organizations that lead them, so its subtree alone left its chair unable to open the people
    its own figures count. A unit attached from a later day, or detached before today, is not
    covered. Party roles keep their subtree."""
    if role.kind == Role.Kind.MASS:
        return subtree_ids(same_system_unit_ids(role.org, timezone.localdate()))
    return subtree_ids([role.org_id])


def scope_for(user) -> Scope:
    if user is None or not user.is_authenticated or not user.is_active:
        return Scope()
    if user.is_superuser:
        return Scope.everything()
    roles = list(Role.objects.filter(user=user).select_related("org"))
    scope = _scope_of(roles)
    if Role.Kind.MASS in scope.kinds:
        scope.party_part = _scope_of([r for r in roles if r.kind != Role.Kind.MASS])
    return scope


def _scope_of(roles) -> Scope:
    scope = Scope()
    for role in roles:
        scope.kinds.add(role.kind)
        if role.kind == Role.Kind.MEMBER:
            if role.person_id:
                scope.self_person_ids.add(role.person_id)
            continue
        if role.org_id is None:
            continue
        ids = _covered(role)
        scope.role_org_ids.add(role.org_id)
        scope.read_org_ids |= ids
        if role.kind in WRITE_ROLES:
            scope.write_org_ids |= ids
            scope.keeper_org_ids.add(role.org_id)
        if role.kind == Role.Kind.SUPERIOR:
            scope.own_report_org_ids.add(role.org_id)
    return scope


def scope_for_username(username) -> Scope:
    """The scope of a command run with --user; without it a command acts as the operator."""
    if not username:
        return Scope.everything()
    user = get_user_model().objects.filter(username=username, is_active=True).first()
    if user is None:
        raise LookupError(f"Không có người dùng “{username}”.")
    return scope_for(user)
