"""Named state changes of organizations: create, rename, merge, dissolve; terms and positions.

Organizations are never deleted. Each change validates, writes and leaves an audit entry.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify

from dangvu.core import audit
from dangvu.core.audit import Actor
from dangvu.lib.dates import vn_date
from dangvu.lib.text import fold
from dangvu.people import actions as people_actions
from dangvu.people.models import Membership, Person

from .models import Organization, OrganizationName, Position, Term, active_on

# Which kinds may sit under which: keeps the tree meaningful for statistics and scoping.
ALLOWED_PARENTS: dict[str, set[str | None]] = {
    Organization.Kind.SUPERIOR_COMMITTEE: {None, Organization.Kind.SUPERIOR_COMMITTEE},
    Organization.Kind.PARTY_COMMITTEE: {None, Organization.Kind.SUPERIOR_COMMITTEE},
    Organization.Kind.PARTY_CELL: {
        None,
        Organization.Kind.PARTY_COMMITTEE,
        Organization.Kind.SUPERIOR_COMMITTEE,
    },
    Organization.Kind.AGENCY: {
        None,
        Organization.Kind.PARTY_COMMITTEE,
        Organization.Kind.PARTY_CELL,
    },
    Organization.Kind.DEPARTMENT: {Organization.Kind.AGENCY},
    Organization.Kind.SERVICE_UNIT: {Organization.Kind.AGENCY},
    Organization.Kind.TRADE_UNION: {
        None,
        Organization.Kind.PARTY_COMMITTEE,
        Organization.Kind.PARTY_CELL,
    },
    Organization.Kind.YOUTH_UNION: {
        None,
        Organization.Kind.PARTY_COMMITTEE,
        Organization.Kind.PARTY_CELL,
    },
    Organization.Kind.VETERANS: {
        None,
        Organization.Kind.PARTY_COMMITTEE,
        Organization.Kind.PARTY_CELL,
    },
}


def _unique_slug(name):
    base = slugify(fold(name))[:90] or "to-chuc"
    slug, n = base, 2
    while Organization.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def create_org(
    actor: Actor,
    *,
    kind: str,
    name: str,
    valid_from: dt.date,
    parent: Organization | None = None,
    slug: str = "",
    symbol: str = "",
    place: str = "",
    founding_document: str = "",
) -> Organization:
    name = " ".join((name or "").split())
    if not name:
        raise ValidationError("Tên tổ chức không được để trống.")
    if kind not in Organization.Kind.values:
        raise ValidationError("Loại tổ chức không hợp lệ.")
    parent_kind = parent.kind if parent else None
    if parent_kind not in ALLOWED_PARENTS[kind]:
        raise ValidationError(
            f"{Organization.Kind(kind).label} không thể trực thuộc "
            f"{Organization.Kind(parent_kind).label.lower() if parent_kind else 'cấp cao nhất'}."
        )
    if parent and not parent.is_active_on(valid_from):
        raise ValidationError(f"“{parent}” không hoạt động vào ngày {vn_date(valid_from)}.")
    if slug and Organization.objects.filter(slug=slug).exists():
        raise ValidationError(f"Mã “{slug}” đã được dùng.")
    org = Organization.objects.create(
        kind=kind,
        name=name,
        slug=slug or _unique_slug(name),
        parent=parent,
        valid_from=valid_from,
        symbol=symbol,
        place=place,
        founding_document=founding_document,
    )
    OrganizationName.objects.create(organization=org, name=name, valid_from=valid_from)
    audit.record(actor, "org.create", org, summary=f"Thành lập {org}", org=org)
    return org


def _check_active(org, on):
    if not org.is_active_on(on):
        raise ValidationError(f"“{org}” không hoạt động vào ngày {vn_date(on)}.")


@transaction.atomic
def rename_org(actor: Actor, org: Organization, new_name: str, on: dt.date) -> Organization:
    """A new name from `on`; the old one stays for dates before it."""
    new_name = " ".join((new_name or "").split())
    if not new_name:
        raise ValidationError("Tên mới không được để trống.")
    _check_active(org, on)
    if org.names.filter(valid_from__gte=on).exists():
        raise ValidationError("Đã có tên được đổi từ ngày này hoặc sau đó.")
    before = audit.snapshot(org)
    OrganizationName.objects.create(organization=org, name=new_name, valid_from=on)
    org.name = new_name
    org.save()
    audit.record(actor, "org.rename", org, before, summary=f"Đổi tên thành {new_name}", org=org)
    return org


def _end(actor, org, on, reason, successor=None):
    _check_active(org, on)
    if on <= org.valid_from:
        raise ValidationError("Ngày kết thúc phải sau ngày thành lập.")
    before = audit.snapshot(org)
    org.valid_to, org.end_reason, org.successor = on, reason, successor
    org.save()
    return before


@transaction.atomic
def dissolve_org(actor: Actor, org: Organization, on: dt.date) -> Organization:
    """Dissolution: refused while members or sub-organizations still hold on that day."""
    if Organization.objects.filter(active_on(on), parent=org).exists():
        raise ValidationError(
            "Còn tổ chức trực thuộc đang hoạt động; hãy giải thể hoặc sáp nhập trước."
        )
    members = Membership.objects.filter(active_on(on), org=org).count()
    if members:
        raise ValidationError(
            f"Còn {members} người đang sinh hoạt tại {org}; hãy chuyển sinh hoạt trước."
        )
    before = _end(actor, org, on, Organization.EndReason.DISSOLVED)
    audit.record(actor, "org.dissolve", org, before, summary=f"Giải thể {org}", org=org)
    return org


def _check_merge_fee_books(org, successor, on, members):
    """Moving party members between cells changes both cells' fee books from `on`: refused when
    a fee year from then on is closed (the rule of the people actions that move a member)."""
    party = [m for m in members if m.kind == "party"]
    if party:
        what = f"sáp nhập {org} vào {successor}"
        people_actions.check_party_end(party[0], on, what)
        people_actions.check_party_start(successor, on, what)


@transaction.atomic
def merge_org(
    actor: Actor, org: Organization, successor: Organization, on: dt.date
) -> Organization:
    """Merge `org` into `successor` from `on`: its members and sub-organizations move across."""
    if successor.id == org.id or successor.kind != org.kind:
        raise ValidationError("Tổ chức tiếp nhận phải là một tổ chức khác cùng loại.")
    _check_active(successor, on)
    members = list(Membership.objects.filter(active_on(on), org=org).select_related("person"))
    _check_merge_fee_books(org, successor, on, members)
    for child in Organization.objects.filter(active_on(on), parent=org):
        changes = {"parent": successor}
        audit.change(actor, "org.move", child, changes, summary=f"Chuyển về {successor}", org=child)
    for m in members:
        audit.change(
            actor,
            "membership.end",
            m,
            {"valid_to": on, "end_reason": Membership.EndReason.MOVED},
            summary=f"Sáp nhập vào {successor}",
            person=m.person,
            org=org,
        )
        new = Membership.objects.create(person=m.person, org=successor, kind=m.kind, valid_from=on)
        audit.record(
            actor,
            "membership.join",
            new,
            summary=f"Sáp nhập từ {org}",
            person=m.person,
            org=successor,
        )
    before = _end(actor, org, on, Organization.EndReason.MERGED, successor)
    audit.record(actor, "org.merge", org, before, summary=f"Sáp nhập vào {successor}", org=org)
    return org


@transaction.atomic
def open_term(
    actor: Actor,
    org: Organization,
    *,
    name: str,
    valid_from: dt.date,
    valid_to: dt.date | None = None,
    body: str = Term.Body.EXECUTIVE,
) -> Term:
    if valid_to and valid_to <= valid_from:
        raise ValidationError("Ngày kết thúc nhiệm kỳ phải sau ngày bắt đầu.")
    term = Term.objects.create(
        organization=org, body=body, name=name, valid_from=valid_from, valid_to=valid_to
    )
    audit.record(actor, "term.open", term, summary=f"{term}", org=org)
    return term


@transaction.atomic
def appoint(
    actor: Actor,
    term: Term,
    person: Person,
    role: str,
    valid_from: dt.date,
    valid_to: dt.date | None = None,
) -> Position:
    """A seat in an elected body (elected or appointed); the term must cover its start."""
    if role not in Position.Role.values:
        raise ValidationError("Chức vụ không hợp lệ.")
    if valid_from < term.valid_from or (term.valid_to and valid_from >= term.valid_to):
        raise ValidationError(f"Ngày {vn_date(valid_from)} nằm ngoài {term}.")
    single = {Position.Role.SECRETARY, Position.Role.CHAIR}
    if role in single and term.positions.filter(active_on(valid_from), role=role).exists():
        raise ValidationError(
            f"{term} đã có {Position.Role(role).label} vào ngày {vn_date(valid_from)}."
        )
    if term.positions.filter(active_on(valid_from), person=person).exists():
        raise ValidationError(
            f"{person} đã giữ chức vụ trong {term} vào ngày {vn_date(valid_from)}."
        )
    pos = Position.objects.create(
        term=term, person=person, role=role, valid_from=valid_from, valid_to=valid_to
    )
    audit.record(
        actor,
        "position.appoint",
        pos,
        summary=f"{pos.get_role_display()} {term}",
        person=person,
        org=term.organization,
    )
    return pos


@transaction.atomic
def end_position(actor: Actor, position: Position, on: dt.date) -> Position:
    if position.valid_to is not None or on <= position.valid_from:
        raise ValidationError("Ngày thôi giữ chức vụ không hợp lệ.")
    return audit.change(
        actor,
        "position.end",
        position,
        {"valid_to": on},
        summary="Thôi giữ chức vụ",
        person=position.person,
        org=position.term.organization,
    )
