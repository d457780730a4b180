"""Named actions on accounts: create a login holding a role, grant and revoke roles, deactivate
an account, issue a one-time password, record a password its owner chose.

Who may manage accounts: the operator (a command run without --user), a superuser, or a user
holding an office role, within the subtree of that role. Each action checks everything before
writing, runs in one transaction and leaves an audit entry; no entry ever holds a password or
its hash.
"""

import re
import secrets
import unicodedata
from collections.abc import Iterable
from typing import Any

from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet

from dangvu.core import audit
from dangvu.core.audit import Actor
from dangvu.orgs.models import MASS_KINDS, Organization
from dangvu.orgs.tree import subtree_ids
from dangvu.people.actions import clean_cccd
from dangvu.people.models import Person

from .models import Account, Role
from .scope import Scope

K = Organization.Kind
# The organizations each role is held on; a member's role is held on their own person.
ROLE_ORG_KINDS = {
    Role.Kind.OFFICE: (K.PARTY_COMMITTEE, K.PARTY_CELL, K.SUPERIOR_COMMITTEE),
    Role.Kind.SECRETARY: (K.PARTY_CELL,),
    Role.Kind.SUPERIOR: (K.SUPERIOR_COMMITTEE,),
    Role.Kind.MASS: MASS_KINDS,
}
ROLE_CODES = ", ".join(Role.Kind.values)
NOT_MANAGER = (
    "Chỉ văn phòng cấp ủy (hoặc người quản trị) mới tạo tài khoản và giao vai trò, "
    "và chỉ trong phạm vi tổ chức của mình."
)
# Letters and digits nobody confuses when copying a password by hand (no 0/o, 1/l/i).
ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
# ASCII only, so that a look-alike letter (Cyrillic "а", full-width "ａ") cannot make a second
# account that reads like an existing one.
USERNAME_RE = re.compile(r"^[A-Za-z0-9.@+_-]{1,150}$")


def one_time_password():
    """Twelve random characters in three groups: "k7mp-2xqa-9hdt"."""
    return "-".join("".join(secrets.choice(ALPHABET) for _ in range(4)) for _ in range(3))


# Who manages what ------------------------------------------------------------------------------


def managed_org_ids(actor: Actor) -> set[int] | None:
    """The organizations whose accounts `actor` manages: None means all of them (the operator,
    a superuser); otherwise the subtrees of the actor's office roles (maybe none)."""
    if actor is None or actor.is_superuser:
        return None
    if not actor.is_active:
        return set()
    roots = list(
        Role.objects.filter(user=actor, kind=Role.Kind.OFFICE, org__isnull=False).values_list(
            "org_id", flat=True
        )
    )
    return subtree_ids(roots) if roots else set()


def can_manage_accounts(actor: Actor) -> bool:
    return managed_org_ids(actor) != set()


def _people_of(ids):
    """The people of these organizations, as the one scoping function sees them."""
    return Scope(read_org_ids=set(ids), write_org_ids=set(ids)).people()


def _covers(ids, role):
    if ids is None:
        return True
    if role.org_id is not None:
        return role.org_id in ids
    if role.person_id is not None:
        return _people_of(ids).filter(id=role.person_id).exists()
    return False


def can_manage_user(actor: Actor, user: User) -> bool:
    """Whether `actor` may reset, deactivate or change `user`: every role of the user lies in
    the actor's subtrees (so an office cannot lock out its superior or a neighbour)."""
    ids = managed_org_ids(actor)
    if ids is None:
        return True
    if not ids or user.is_superuser:
        return False
    roles = list(user.roles.all())
    return bool(roles) and all(_covers(ids, r) for r in roles)


def managed_accounts(actor: Actor) -> QuerySet[User]:
    """The accounts `actor` sees on the accounts page: those holding a role in its subtrees."""
    ids = managed_org_ids(actor)
    if ids is None:
        return get_user_model().objects.order_by("username")
    return accounts_in(ids)


def accounts_in(org_ids: Iterable[int]) -> QuerySet[User]:
    """The accounts, superusers aside, holding a role on these organizations or on a person
    of theirs."""
    users = get_user_model().objects.order_by("username")
    if not org_ids:
        return users.none()
    people = _people_of(org_ids).values("id")
    inside = Q(roles__org_id__in=org_ids) | Q(roles__person_id__in=people)
    return users.filter(inside, is_superuser=False).distinct()


def person_by_cccd(actor: Actor, org: Organization, cccd: str) -> Person:
    """The person with this CCCD among the people of `org` whose accounts `actor` manages."""
    number = clean_cccd(cccd)
    if number is None:
        raise ValidationError("Số CCCD “” phải gồm đúng 12 chữ số.")
    ids = managed_org_ids(actor)
    if ids == set():
        raise ValidationError(NOT_MANAGER)
    people = _people_of(subtree_ids([org.id]))
    if ids is not None:
        people = people.filter(id__in=_people_of(ids).values("id"))
    person = people.filter(cccd=number).first()
    if person is None:
        raise ValidationError(
            f"Không có hồ sơ nào mang số CCCD {number} trong “{org}” thuộc phạm vi của bạn."
        )
    return person


# Checks ---------------------------------------------------------------------------------------


def _check_role(actor, kind, org, person):
    """The role is well formed and within the actor's reach; raises in Vietnamese otherwise."""
    if kind not in Role.Kind.values:
        raise ValidationError(f"Vai trò “{kind}” không hợp lệ; chọn một trong: {ROLE_CODES}.")
    ids = managed_org_ids(actor)
    if ids == set():
        raise ValidationError(NOT_MANAGER)
    label = Role.Kind(kind).label
    if kind == Role.Kind.MEMBER:
        if person is None:
            raise ValidationError("Tài khoản đảng viên cần hồ sơ của người đó (số CCCD).")
        if not _covers(ids, Role(kind=kind, person=person)):
            raise ValidationError(f"Hồ sơ của {person} không thuộc phạm vi của bạn.")
        return
    if org is None:
        raise ValidationError(f"Vai trò {label} cần một tổ chức.")
    kinds = ROLE_ORG_KINDS[kind]
    if org.kind not in kinds:
        allowed = ", ".join(K(k).label.lower() for k in kinds)
        raise ValidationError(
            f"Vai trò {label} chỉ giao trên {allowed}; “{org}” là {org.get_kind_display().lower()}."
        )
    if org.valid_to is not None:
        raise ValidationError(f"“{org}” đã thôi hoạt động; không giao vai trò trên tổ chức này.")
    if ids is not None and org.id not in ids:
        raise ValidationError(f"Bạn không có quyền giao vai trò trên “{org}”. {NOT_MANAGER}")


def _clean_username(username):
    # NFKC first: a full-width "ｖａｎｐｈｏｎｇ" is "vanphong" (and then taken), as Django's own
    # user model normalizes it.
    username = unicodedata.normalize("NFKC", username or "").strip()
    if not username:
        raise ValidationError("Tên đăng nhập không được để trống.")
    if not USERNAME_RE.match(username):
        raise ValidationError(
            f"Tên đăng nhập “{username[:40]}” không hợp lệ: chỉ gồm chữ cái không dấu, chữ số "
            "và các ký tự @ . + - _ (không dấu cách), tối đa 150 ký tự."
        )
    if get_user_model().objects.filter(username__iexact=username).exists():
        raise ValidationError(f"Tên đăng nhập “{username}” đã có; hãy chọn tên khác.")
    return username


# Django's Vietnamese catalogue lags its validators' English: say it ourselves, by error code.
PASSWORD_PROBLEMS = {
    "password_too_short": "Mật khẩu quá ngắn: cần ít nhất {min_length} ký tự.",
    "password_too_common": "Mật khẩu này quá phổ biến, dễ bị đoán ra.",
    "password_entirely_numeric": "Mật khẩu không được chỉ gồm chữ số.",
    "password_too_similar": "Mật khẩu quá giống thông tin của tài khoản ({verbose_name}).",
}


def password_problems(error):
    """The messages of a password validators' ValidationError, in Vietnamese where known."""
    out = []
    for e in error.error_list:
        text = PASSWORD_PROBLEMS.get(e.code)
        out.append(text.format(**(e.params or {})) if text else " ".join(e.messages))
    return out


def check_password(password, user):
    """The password validators of the settings (AUTH_PASSWORD_VALIDATORS)."""
    try:
        password_validation.validate_password(password, user)
    except ValidationError as e:
        raise ValidationError(password_problems(e)) from None


def _check_manages(actor, user):
    if not can_manage_user(actor, user):
        raise ValidationError(f"Bạn không có quyền quản lý tài khoản “{user.username}”.")


def account_state(user: User) -> dict[str, Any]:
    """What an audit entry keeps of an account: never the password or its hash."""
    return {
        "username": user.username,
        "is_active": user.is_active,
        "is_superuser": user.is_superuser,
        "roles": [str(r) for r in user.roles.select_related("org", "person")],
    }


def _set_one_time(user, one_time):
    Account.objects.update_or_create(user=user, defaults={"must_change_password": one_time})


# Actions --------------------------------------------------------------------------------------


@transaction.atomic
def create_account(
    actor: Actor,
    username: str,
    *,
    kind: str,
    org: Organization | None = None,
    person: Person | None = None,
    password: str | None = None,
) -> tuple[User, str | None]:
    """A new login holding one role. Without `password` a one-time password is made and must be
    changed at the first login. Returns (user, the one-time password or None)."""
    _check_role(actor, kind, org, person)
    username = _clean_username(username)
    one_time = password is None
    password = one_time_password() if one_time else password
    user = get_user_model()(username=username)
    check_password(password, user)
    user.set_password(password)
    user.save()
    _set_one_time(user, one_time)
    role = _new_role(user, kind, org, person)
    audit.record(
        actor,
        "account.create",
        user,
        summary=f"Tạo tài khoản {username}: {role}",
        org=role.org,
        person=role.person,
        after=account_state(user),
    )
    return user, (password if one_time else None)


@transaction.atomic
def create_administrator(
    actor: Actor, username: str, *, password: str | None = None
) -> tuple[User, str | None]:
    """A superuser: the installation's administrator, who sees everything and starts the first
    organization in the browser. Only the operator or another superuser makes one."""
    if actor is not None and not actor.is_superuser:
        raise ValidationError("Chỉ người quản trị mới tạo được tài khoản quản trị.")
    username = _clean_username(username)
    one_time = password is None
    password = one_time_password() if one_time else password
    user = get_user_model()(username=username, is_staff=True, is_superuser=True)
    check_password(password, user)
    user.set_password(password)
    user.save()
    _set_one_time(user, one_time)
    audit.record(
        actor,
        "account.create",
        user,
        summary=f"Tạo tài khoản quản trị {username}",
        after=account_state(user),
    )
    return user, (password if one_time else None)


def _new_role(user, kind, org, person):
    member = kind == Role.Kind.MEMBER
    return Role.objects.create(
        user=user, kind=kind, org=None if member else org, person=person if member else None
    )


def _find_role(user, kind, org, person):
    if kind == Role.Kind.MEMBER:
        return Role.objects.filter(user=user, kind=kind, person=person).first()
    return Role.objects.filter(user=user, kind=kind, org=org).first()


@transaction.atomic
def grant_role(
    actor: Actor,
    user: User,
    kind: str,
    *,
    org: Organization | None = None,
    person: Person | None = None,
) -> tuple[Role, bool]:
    """Give `user` a role (a user may hold several). Returns (role, whether it is new)."""
    _check_role(actor, kind, org, person)
    if not user.is_active:
        raise ValidationError(f"Tài khoản “{user.username}” đã bị khóa.")
    existing = _find_role(user, kind, org, person)
    if existing is not None:
        return existing, False
    before = account_state(user)
    role = _new_role(user, kind, org, person)
    audit.record(
        actor,
        "role.grant",
        user,
        before,
        summary=f"Giao vai trò {role} cho {user.username}",
        org=role.org,
        person=role.person,
        after=account_state(user),
    )
    return role, True


@transaction.atomic
def revoke_role(
    actor: Actor,
    user: User,
    kind: str,
    *,
    org: Organization | None = None,
    person: Person | None = None,
) -> User:
    """Take a role away from `user`; the account stays (see `deactivate_account`)."""
    if kind not in Role.Kind.values:
        raise ValidationError(f"Vai trò “{kind}” không hợp lệ; chọn một trong: {ROLE_CODES}.")
    role = _find_role(user, kind, org, person)
    if role is None:
        where = f" trên “{org}”" if org is not None and kind != Role.Kind.MEMBER else ""
        raise ValidationError(
            f"Tài khoản “{user.username}” không có vai trò {Role.Kind(kind).label}{where}."
        )
    ids = managed_org_ids(actor)
    if ids == set():
        raise ValidationError(NOT_MANAGER)
    if not _covers(ids, role):
        raise ValidationError(f"Bạn không có quyền thu hồi vai trò {role}.")
    before = account_state(user)
    summary = f"Thu hồi vai trò {role} của {user.username}"
    org_, person_ = role.org, role.person
    role.delete()
    audit.record(
        actor,
        "role.revoke",
        user,
        before,
        summary=summary,
        org=org_,
        person=person_,
        after=account_state(user),
    )
    return user


@transaction.atomic
def deactivate_account(actor: Actor, user: User) -> User:
    """Lock an account: it can no longer log in, and its roles give it nothing."""
    _check_manages(actor, user)
    if actor is not None and actor.pk == user.pk:
        raise ValidationError("Bạn không thể tự khóa tài khoản của mình.")
    if not user.is_active:
        raise ValidationError(f"Tài khoản “{user.username}” đã bị khóa rồi.")
    return _set_active(actor, user, False, "account.deactivate", "Khóa tài khoản")


@transaction.atomic
def reactivate_account(actor: Actor, user: User) -> User:
    """Undo a deactivation: the account logs in again with the roles it kept."""
    _check_manages(actor, user)
    if user.is_active:
        raise ValidationError(f"Tài khoản “{user.username}” đang dùng, không bị khóa.")
    return _set_active(actor, user, True, "account.reactivate", "Mở khóa tài khoản")


def _set_active(actor: Actor, user: User, active: bool, verb: str, summary: str) -> User:
    before = account_state(user)
    user.is_active = active
    user.save(update_fields=["is_active"])
    audit.record(
        actor, verb, user, before, summary=f"{summary} {user.username}", after=account_state(user)
    )
    return user


@transaction.atomic
def reset_password(actor: Actor, user: User) -> str:
    """A new one-time password for `user`, to be changed at the next login; returned once and
    kept nowhere. Sessions open with the old password end (Django checks the password hash)."""
    _check_manages(actor, user)
    if not user.is_active:
        raise ValidationError(f"Tài khoản “{user.username}” đã bị khóa.")
    password = one_time_password()
    user.set_password(password)
    user.save(update_fields=["password"])
    _set_one_time(user, True)
    audit.record(
        actor,
        "account.reset_password",
        user,
        summary=f"Cấp mật khẩu dùng một lần cho {user.username}",
        after=account_state(user),
    )
    return password


@transaction.atomic
def password_changed(user: User) -> None:
    """The user has chosen their own password (through Django's PasswordChangeForm or
    SetPasswordForm, which checked it): the one-time flag goes."""
    _set_one_time(user, False)
    audit.record(
        user,
        "account.change_password",
        user,
        summary=f"{user.username} đổi mật khẩu",
        after=account_state(user),
    )


def must_change_password(user: User) -> bool:
    return Account.objects.filter(user=user, must_change_password=True).exists()
