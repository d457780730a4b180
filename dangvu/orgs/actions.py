"""Named state changes of organizations: create, rename, merge, dissolve; terms and positions.

Organizations are never deleted. Each change validates, writes and leaves an audit entry.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.validators import validate_slug
from django.db import transaction
from django.db.models import ProtectedError, Q
from django.utils.text import slugify

from dangvu.accounts.models import Role
from dangvu.core import audit
from dangvu.core.audit import Actor
from dangvu.lib.dates import vn_date
from dangvu.lib.text import fold
from dangvu.people import actions as people_actions
from dangvu.people.models import Membership, Person

from . import kinds
from .models import (
    Organization,
    OrganizationMove,
    OrganizationName,
    OrganizationType,
    Position,
    ProfileFigure,
    SameSystemSuperior,
    Term,
    active_on,
    held_during,
    roles_of,
    same_system_superior_on,
)

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
    Organization.Kind.MASS: {
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


def check_kind(kind: str) -> None:
    """Refuse a kind of organization dangvu does not know, naming the ones it does."""
    if kind not in Organization.Kind.values:
        raise ValidationError(
            f"Loại tổ chức “{kind}” không hợp lệ; chọn một trong: "
            f"{', '.join(Organization.Kind.values)}."
        )


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
    mass_kind: str = "",
) -> Organization:
    name = " ".join((name or "").split())
    if not name:
        raise ValidationError("Tên tổ chức không được để trống.")
    check_kind(kind)
    parent_kind = parent.kind if parent else None
    if parent_kind not in ALLOWED_PARENTS[kind]:
        raise ValidationError(
            f"{Organization.Kind(kind).label} không thể trực thuộc "
            f"{Organization.Kind(parent_kind).label.lower() if parent_kind else 'cấp cao nhất'}."
        )
    if parent:
        parent.check_active_on(valid_from)
    if slug:
        try:
            validate_slug(slug)
        except ValidationError:
            raise ValidationError(
                f"Mã “{slug}” không hợp lệ: chỉ gồm chữ không dấu, số, gạch nối và gạch dưới."
            ) from None
        if Organization.objects.filter(slug=slug).exists():
            raise ValidationError(f"Mã “{slug}” đã được dùng.")
    if kind == Organization.Kind.MASS:
        mass_kind = kinds.mass_kind(mass_kind).code
    elif mass_kind:
        raise ValidationError("Chỉ tổ chức loại “Mặt trận, đoàn thể khác” mới ghi loại đoàn thể.")
    org = Organization.objects.create(
        kind=kind,
        name=name,
        slug=slug or _unique_slug(name),
        parent=parent,
        valid_from=valid_from,
        symbol=symbol.strip(),
        place=place.strip(),
        founding_document=founding_document.strip(),
        mass_kind=mass_kind,
    )
    OrganizationName.objects.create(organization=org, name=name, valid_from=valid_from)
    audit.record(actor, "org.create", org, summary=f"Thành lập {org}", org=org)
    return org


@transaction.atomic
def rename_org(actor: Actor, org: Organization, new_name: str, on: dt.date) -> Organization:
    """A new name from `on`; the old one stays for dates before it."""
    new_name = " ".join((new_name or "").split())
    if not new_name:
        raise ValidationError("Tên mới không được để trống.")
    org.check_active_on(on)
    if org.names.filter(valid_from__gte=on).exists():
        raise ValidationError("Đã có tên được đổi từ ngày này hoặc sau đó.")
    OrganizationName.objects.create(organization=org, name=new_name, valid_from=on)
    return audit.change(
        actor, "org.rename", org, {"name": new_name}, summary=f"Đổi tên thành {new_name}", org=org
    )


def _end(actor, org, on, reason, action, summary, successor=None):
    org.check_active_on(on)
    if on <= org.valid_from:
        raise ValidationError("Ngày kết thúc phải sau ngày thành lập.")
    changes = {"valid_to": on, "end_reason": reason, "successor": successor}
    return audit.change(actor, action, org, changes, summary=summary, org=org)


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
    return _end(actor, org, on, Organization.EndReason.DISSOLVED, "org.dissolve", f"Giải thể {org}")


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
    """Merge `org` into `successor` from `on`: its members and sub-organizations move across,
    each sub-organization by a recorded move (`move_org`)."""
    if successor.id == org.id or successor.kind != org.kind:
        raise ValidationError("Tổ chức tiếp nhận phải là một tổ chức khác cùng loại.")
    successor.check_active_on(on)
    members = list(Membership.objects.filter(active_on(on), org=org).select_related("person"))
    _check_merge_fee_books(org, successor, on, members)
    for child in Organization.objects.filter(active_on(on), parent=org):
        # A recorded move, not a bare change of parent: its documents dated before `on` keep
        # naming `org` as their superior.
        move_org(actor, child, successor, on)
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
    summary = f"Sáp nhập vào {successor}"
    return _end(actor, org, on, Organization.EndReason.MERGED, "org.merge", summary, successor)


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
    name = " ".join((name or "").split())
    if not name:
        raise ValidationError("Hãy ghi tên nhiệm kỳ, ví dụ “2025-2030”.")
    if body not in Term.Body.values:
        raise ValidationError("Cơ quan của nhiệm kỳ không hợp lệ.")
    if valid_to and valid_to <= valid_from:
        raise ValidationError("Ngày kết thúc nhiệm kỳ phải sau ngày bắt đầu.")
    if valid_from < org.valid_from:
        raise ValidationError(
            f"Nhiệm kỳ không thể bắt đầu trước ngày thành lập {org} ({vn_date(org.valid_from)})."
        )
    clash = Term.objects.filter(
        held_during(valid_from, valid_to), organization=org, body=body
    ).first()
    if clash is not None:
        raise ValidationError(
            f"{org} đã có {Term.Body(body).label} nhiệm kỳ {clash.name} trùng thời gian; "
            "hãy ghi ngày kết thúc nhiệm kỳ trước."
        )
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
    title: str = "",
) -> Position:
    """A seat in an elected body (elected or appointed); the term must cover its start. `title`
    is any title the office writes for it beside the role ("Phó Bí thư Thường trực")."""
    title = " ".join((title or "").split())
    if len(title) > 120:
        raise ValidationError("Chức danh dài quá 120 ký tự.")
    if role not in Position.Role.values:
        raise ValidationError("Chức vụ không hợp lệ.")
    org = term.organization
    roles = roles_of(org.kind, term.body)
    if role not in roles:
        raise ValidationError(
            f"{Term.Body(term.body).label} của {org} không có chức vụ "
            f"“{Position.Role(role).label}”; các chức vụ: "
            f"{', '.join(Position.Role(r).label for r in roles)}."
        )
    if valid_from < term.valid_from or (term.valid_to and valid_from >= term.valid_to):
        raise ValidationError(f"Ngày {vn_date(valid_from)} nằm ngoài {term}.")
    # One head at a time (Bí thư, Chủ tịch, Chủ nhiệm): the first role of the body.
    if role == roles[0] and term.positions.filter(active_on(valid_from), role=role).exists():
        raise ValidationError(
            f"{term} đã có {Position.Role(role).label} vào ngày {vn_date(valid_from)}."
        )
    if term.positions.filter(active_on(valid_from), person=person).exists():
        raise ValidationError(
            f"{person} đã giữ chức vụ trong {term} vào ngày {vn_date(valid_from)}."
        )
    pos = Position.objects.create(
        term=term, person=person, role=role, valid_from=valid_from, valid_to=valid_to, title=title
    )
    audit.record(
        actor,
        "position.appoint",
        pos,
        summary=f"{pos.display_title} {term}",
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


# Types of grassroots organization and profile figures -------------------------------------------

TYPED_KINDS = (Organization.Kind.PARTY_COMMITTEE, Organization.Kind.PARTY_CELL)


@transaction.atomic
def set_type(
    actor: Actor, org: Organization, code: str, valid_from: dt.date, note: str = ""
) -> OrganizationType:
    """`org` is of type `code` from `valid_from` (a commune, a school, an enterprise …); the type
    it had before ends that day and stays for the dates before it."""
    kind = kinds.get(code)
    if org.kind not in TYPED_KINDS:
        raise ValidationError(
            f"Chỉ đảng bộ, chi bộ mới có loại hình tổ chức cơ sở đảng; {org} là "
            f"{org.get_kind_display().lower()}."
        )
    if valid_from < org.valid_from:
        raise ValidationError(
            f"Ngày {vn_date(valid_from)} trước ngày thành lập {org} ({vn_date(org.valid_from)})."
        )
    if org.valid_to and valid_from >= org.valid_to:
        raise ValidationError(f"{org} đã kết thúc hoạt động trước ngày {vn_date(valid_from)}.")
    if org.types.filter(valid_from__gte=valid_from).exists():
        raise ValidationError("Đã có loại hình được ghi từ ngày này hoặc sau đó.")
    current = org.types.filter(active_on(valid_from)).first()
    if current is not None:
        if current.code == kind.code:
            raise ValidationError(f"{org} đã là loại hình “{kind.label}” vào ngày này.")
        audit.change(
            actor,
            "org.type_end",
            current,
            {"valid_to": valid_from},
            summary="Kết thúc loại hình",
            org=org,
        )
    row = OrganizationType.objects.create(
        organization=org, code=kind.code, valid_from=valid_from, note=(note or "").strip()
    )
    audit.record(actor, "org.type", row, summary=f"Loại hình: {kind.label}", org=org)
    return row


@transaction.atomic
def record_profile_figures(
    actor: Actor,
    org: Organization,
    values: dict[str, int | None],
    as_of: dt.date,
    note: str = "",
) -> list[ProfileFigure]:
    """Profile figures of `org` as of `as_of` (population, teachers, revenue …), one record each;
    a figure recorded again for the same day replaces that day's value, earlier ones stay."""
    known = {item.code: item for item in kinds.kind_on(org, as_of).profile}
    wrong = [code for code in values if code not in known]
    if wrong:
        raise ValidationError(
            f"Loại hình “{kinds.kind_on(org, as_of).label}” không có chỉ tiêu "
            f"“{wrong[0]}”; các chỉ tiêu: {', '.join(known) or 'không có'}."
        )
    org.check_active_on(as_of)
    saved = []
    for code, value in values.items():
        if value is None:
            continue
        if value < 0 and not known[code].signed:
            raise ValidationError(f"{known[code].label} không thể là số âm.")
        row = ProfileFigure.objects.filter(organization=org, code=code, as_of=as_of).first()
        before = audit.snapshot(row) if row else None
        if row is None:
            row = ProfileFigure(organization=org, code=code, as_of=as_of)
        row.value, row.note = value, (note or "").strip()
        row.save()
        saved.append(row)
    if not saved:
        raise ValidationError("Hãy nhập ít nhất một số liệu.")
    audit.record(
        actor,
        "org.profile",
        saved[0],
        before if len(saved) == 1 else None,
        summary="Số liệu đặc điểm ngày "
        + vn_date(as_of)
        + ": "
        + "; ".join(f"{known[r.code].label} {r.value}" for r in saved),
        org=org,
    )
    return saved


@transaction.atomic
def record_term(
    actor: Actor,
    org: Organization,
    *,
    name: str,
    valid_from: dt.date,
    valid_to: dt.date | None = None,
    body: str = Term.Body.EXECUTIVE,
    secretary: Person | None = None,
) -> Term:
    """A committee term as the term page records it: the term, and its head (the secretary, a
    union's chair, the inspection committee's chair: `roles_of`) from its first day, all or
    nothing."""
    term = open_term(actor, org, name=name, valid_from=valid_from, valid_to=valid_to, body=body)
    if secretary is not None:
        appoint(actor, term, secretary, roles_of(org.kind, body)[0], valid_from, valid_to)
    return term


@transaction.atomic
def move_org(
    actor: Actor,
    org: Organization,
    new_parent: Organization | None,
    on: dt.date,
    decision: str = "",
) -> OrganizationMove:
    """`org` is under `new_parent` from `on` (a reorganization), keeping its name, members and
    records; documents dated before `on` keep naming the superior it had then."""
    org.check_active_on(on)
    if new_parent is not None:
        new_parent.check_active_on(on)
    if (new_parent.id if new_parent else None) == org.parent_id:
        raise ValidationError(f"{org} đã trực thuộc {new_parent or 'cấp cao nhất'}.")
    parent_kind = new_parent.kind if new_parent else None
    if parent_kind not in ALLOWED_PARENTS[org.kind]:
        raise ValidationError(
            f"{org.get_kind_display()} không thể trực thuộc "
            f"{Organization.Kind(parent_kind).label.lower() if parent_kind else 'cấp cao nhất'}."
        )
    walk = new_parent
    while walk is not None:
        if walk.id == org.id:
            raise ValidationError(f"{new_parent} nằm trong {org}: không thể chuyển như vậy.")
        walk = walk.parent
    if org.moves.filter(valid_from__gte=on).exists():
        raise ValidationError(f"{org} đã có lần chuyển cấp trên từ ngày này hoặc sau đó.")
    if on <= org.valid_from:
        raise ValidationError(f"Ngày chuyển {org} phải sau ngày thành lập.")
    move = OrganizationMove.objects.create(
        organization=org,
        previous=org.parent,
        parent=new_parent,
        valid_from=on,
        decision=(decision or "").strip(),
    )
    audit.change(
        actor,
        "org.move_superior",
        org,
        {"parent": new_parent},
        summary=f"Chuyển về trực thuộc {new_parent or 'cấp cao nhất'} từ ngày {vn_date(on)}",
        org=org,
    )
    return move


@transaction.atomic
def delete_org(actor: Actor, org: Organization, confirm_name: str) -> None:
    """Delete an organization entered by mistake, after its name is typed again: refused while
    any record depends on it (sub-organizations, members, people, terms, documents, activities,
    reports, fees, accounts …), since then it is history, to be dissolved instead. Its names,
    types, profile figures, moves and superiors of its own system go with it (an upper union
    with units recorded under it is refused); the audit trail keeps the deletion."""
    if fold(" ".join((confirm_name or "").split())) != fold(org.name):
        raise ValidationError(f"Hãy gõ đúng tên “{org.name}” để xác nhận xóa.")
    if Role.objects.filter(org=org).exists():
        raise ValidationError(
            f"Không xóa được {org}: có tài khoản được giao quyền trên tổ chức này; hãy thu hồi "
            "quyền trước, hoặc giải thể tổ chức."
        )
    if org.number_counters.exists():  # numbers taken for its documents: the register holds them
        raise ValidationError(
            f"Không xóa được {org}: tổ chức đã lấy số văn bản đi; hãy giải thể thay vì xóa."
        )
    snapshot = audit.snapshot(org)
    name, pk = org.name, org.pk
    try:
        with transaction.atomic():
            for related in (
                org.names,
                org.types,
                org.profile_figures,
                org.moves,
                org.same_system_superiors,
            ):
                related.all().delete()
            org.delete()
    except ProtectedError as e:
        kinds_found = sorted({str(obj._meta.verbose_name_plural) for obj in e.protected_objects})
        raise ValidationError(
            f"Không xóa được {name}: còn hồ sơ gắn với tổ chức này ({', '.join(kinds_found)}). "
            "Tổ chức đã có hồ sơ là lịch sử: hãy giải thể hoặc sáp nhập thay vì xóa."
        ) from None
    org.pk = pk
    audit.record(actor, "org.delete", org, snapshot, summary=f"Xóa {name} (nhập nhầm)", after=None)


@transaction.atomic
def set_symbol(actor: Actor, org: Organization, symbol: str) -> Organization:
    """The abbreviation that ends the symbol of the organization's outgoing documents ("CB" in
    "01-NQ/CB"): letters, digits and hyphens, as Party numbering writes it. Numbers already taken
    keep the symbol they were given."""
    symbol = "".join((symbol or "").split()).upper()
    if not symbol:
        raise ValidationError("Cần ghi ký hiệu của tổ chức (ví dụ CB, ĐU).")
    if len(symbol) > 32:
        raise ValidationError("Ký hiệu không dài quá 32 ký tự.")
    if not all(ch.isalnum() or ch == "-" for ch in symbol) or not symbol[0].isalpha():
        raise ValidationError(
            f"Ký hiệu “{symbol}” không hợp lệ: chỉ gồm chữ, số và dấu gạch nối, bắt đầu bằng chữ "
            "(ví dụ CB, ĐU, CB-P1)."
        )
    if symbol == org.symbol:
        raise ValidationError(f"{org} đã có ký hiệu {symbol}.")
    return audit.change(
        actor, "org.symbol", org, {"symbol": symbol}, summary=f"Ký hiệu văn bản: {symbol}", org=org
    )


# A mass organization's superior of its own system ---------------------------------------------


def _same_system(org: Organization) -> Q:
    """Organizations of `org`'s own system: the same kind (and, for another mass organization,
    the same mass kind: a women's union is not above a farmers' union)."""
    return Q(kind=org.kind, mass_kind=org.mass_kind)


def _upper_named(actor: Actor, org: Organization, name: str, on: dt.date) -> Organization:
    """The organization of `org`'s system called `name` and in being on `on`, or a new one at the
    top of the tree: the upper union is recorded as a name the office writes. It stays outside
    the Party's tree, so no Party role's scope widens by it."""
    found = [
        o
        for o in Organization.objects.filter(active_on(on), _same_system(org)).order_by("id")
        if fold(o.name) == fold(name)
    ]
    if found:
        return found[0]
    return create_org(
        actor, kind=org.kind, name=name, valid_from=on, mass_kind=org.mass_kind, parent=None
    )


@transaction.atomic
def set_same_system_superior(
    actor: Actor,
    org: Organization,
    *,
    superior_name: str,
    valid_from: dt.date,
    decision: str = "",
) -> SameSystemSuperior:
    """`org`, a mass organization, is under `superior_name` of its own system from `valid_from`
    (a grassroots union under "Công đoàn Viên chức tỉnh", a youth union under its Đoàn cấp trên).
    Its parent, the Party organization that leads it, does not change; the superior it had
    before ends that day and stays for the dates before it. Recorded again for a day already
    recorded, the record of that day is corrected."""
    if not org.is_mass:
        raise ValidationError(
            f"Chỉ đoàn thể mới ghi cấp trên cùng hệ thống; {org} là "
            f"{org.get_kind_display().lower()}: hãy dùng “Chuyển cấp trên”."
        )
    name = " ".join((superior_name or "").split())
    if not name:
        raise ValidationError("Hãy ghi tên tổ chức cấp trên cùng hệ thống.")
    if len(name) > 255:
        raise ValidationError("Tên tổ chức cấp trên dài quá 255 ký tự.")
    org.check_active_on(valid_from)
    if org.same_system_superiors.filter(valid_from__gt=valid_from).exists():
        raise ValidationError(
            f"{org} đã có cấp trên cùng hệ thống được ghi từ sau ngày {vn_date(valid_from)}."
        )
    if fold(name) == fold(org.name):
        raise ValidationError(f"{org} không thể là cấp trên của chính mình.")
    # Recorded again for the same day, it corrects that day's record (a name typed wrong).
    same_day = org.same_system_superiors.filter(valid_from=valid_from).first()
    current = same_day or org.same_system_superiors.filter(active_on(valid_from)).first()
    if current is not None and fold(current.superior.name) == fold(name):
        raise ValidationError(f"{org} đã trực thuộc {current.superior} vào ngày này.")
    superior = _upper_named(actor, org, name, valid_from)
    walk: Organization | None = superior
    seen: set[int] = set()
    while walk is not None and walk.id not in seen:
        if walk.id == org.id:
            raise ValidationError(f"{superior} ở dưới {org} trong hệ thống: không thể ghi như vậy.")
        seen.add(walk.id)
        walk = same_system_superior_on(walk, valid_from)
    decision = " ".join((decision or "").split())
    if same_day is not None:
        return audit.change(
            actor,
            "org.same_system_superior_fix",
            same_day,
            {"superior": superior, "decision": decision or same_day.decision},
            summary=f"Sửa cấp trên cùng hệ thống từ ngày {vn_date(valid_from)}: {superior}",
            org=org,
        )
    if current is not None:
        audit.change(
            actor,
            "org.same_system_superior_end",
            current,
            {"valid_to": valid_from},
            summary=f"Thôi trực thuộc {current.superior} từ ngày {vn_date(valid_from)}",
            org=org,
        )
    row = SameSystemSuperior.objects.create(
        organization=org,
        superior=superior,
        valid_from=valid_from,
        decision=decision,
    )
    audit.record(
        actor,
        "org.same_system_superior",
        row,
        summary=f"Cấp trên cùng hệ thống: {superior} từ ngày {vn_date(valid_from)}",
        org=org,
    )
    return row
