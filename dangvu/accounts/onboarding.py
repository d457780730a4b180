"""Starting with one's own organization: the committee, its cells and the rest of its structure,
created by the acting user within their scope, with the defaults a new office expects.

The writing is `orgs.actions.create_org` (checks, name history, audit entry); this module adds
who may create what, the default document symbol and place, and the superior committee named
by its name when it is not yet in dangvu. Commands, the first-run pages and the Excel import of
the structure all come through here.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from dangvu.lib.text import fold
from dangvu.orgs import actions as org_actions
from dangvu.orgs import kinds as org_kinds
from dangvu.orgs.models import Organization
from dangvu.orgs.symbols import default_symbol

from .scope import scope_for

K = Organization.Kind


def is_administrator(actor):
    """The operator (a command without --user) or a superuser."""
    return actor is None or actor.is_superuser


def check_may_create(actor, parent):
    """Raise unless `actor` may add an organization under `parent` (None: at the top)."""
    if is_administrator(actor):
        return
    if parent is None:
        raise ValidationError(
            "Chỉ người quản trị mới tạo tổ chức cấp cao nhất; hãy chọn tổ chức cấp trên."
        )
    if not scope_for(actor).can_write_org(parent):
        raise ValidationError(f"Bạn không có quyền thêm tổ chức vào “{parent}”.")


def superior_named(actor, name, valid_from, place=""):
    """The superior committee called `name`, created at the top of the tree if not yet there."""
    if not is_administrator(actor):
        raise ValidationError("Chỉ người quản trị mới tạo cấp ủy cấp trên.")
    name = " ".join(name.split())
    for org in Organization.objects.filter(kind=K.SUPERIOR_COMMITTEE, valid_to__isnull=True):
        if fold(org.name) == fold(name):
            return org
    return org_actions.create_org(
        actor,
        kind=K.SUPERIOR_COMMITTEE,
        name=name,
        valid_from=valid_from,
        symbol=default_symbol(K.SUPERIOR_COMMITTEE, name),
        place=place,
    )


@transaction.atomic
def create_org(
    actor,
    *,
    kind,
    name,
    parent=None,
    superior_name="",
    valid_from=None,
    org_type="",
    term="",
    term_from=None,
    **fields,
):
    """An organization under `parent`, or under the superior committee called `superior_name`.
    Left as None, `valid_from` is the parent's founding date (today at the top), `place` the
    parent's place and `symbol` the code its executive writes (`orgs.symbols`: ĐU for an Đảng ủy,
    CB for a cell, HU for a Huyện ủy). `org_type` is its type of
    grassroots organization (`orgs.kinds`: "xa", "doanh-nghiep" …) from its founding; `term`
    ("2025-2030") opens its executive committee's term from `term_from` (default: its founding),
    so its outgoing documents can be numbered from the first day. The organization's own
    fields (`slug`, `symbol`, `place`, `founding_document`, `mass_kind` …) go to
    `orgs.actions.create_org`, which declares and checks them: a field added there needs nothing
    here."""
    valid_from = valid_from or (parent.valid_from if parent else dt.date.today())
    if valid_from > dt.date.today():
        raise ValidationError("Ngày thành lập không được sau hôm nay.")
    org_actions.check_kind(kind)  # before a superior committee is looked up by its name
    if superior_name.strip():
        if parent is not None:
            raise ValidationError("Chỉ chọn một: tổ chức cấp trên hoặc tên cấp ủy cấp trên.")
        parent = superior_named(actor, superior_name, valid_from, fields.get("place") or "")
    check_may_create(actor, parent)
    if fields.get("place") is None:
        fields["place"] = parent.place if parent else ""
    if fields.get("symbol") is None:
        fields["symbol"] = default_symbol(kind, name)
    if org_type:
        org_kinds.get(org_type)  # an unknown type is refused before anything is written
    org = org_actions.create_org(
        actor, kind=kind, name=name, valid_from=valid_from, parent=parent, **fields
    )
    if org_type:
        org_actions.set_type(actor, org, org_type, valid_from)
    if term.strip():
        org_actions.open_term(actor, org, name=term, valid_from=term_from or valid_from)
    return org


@transaction.atomic
def create_cells(actor, committee, names, valid_from=None):
    """Several party cells under `committee` at once: all of them or none."""
    names = [" ".join(n.split()) for n in names if n.strip()]
    if not names:
        raise ValidationError("Hãy ghi tên ít nhất một chi bộ.")
    seen = set()
    for name in names:
        if fold(name) in seen:
            raise ValidationError(f"Tên “{name}” có hai lần.")
        seen.add(fold(name))
    existing = {fold(o.name) for o in committee.children.filter(kind=K.PARTY_CELL)}
    taken = [n for n in names if fold(n) in existing]
    if taken:
        raise ValidationError(f"“{committee}” đã có chi bộ tên “{taken[0]}”.")
    return [
        create_org(actor, kind=K.PARTY_CELL, name=n, parent=committee, valid_from=valid_from)
        for n in names
    ]


@transaction.atomic
def move_under(actor, org, *, superior_name, on, decision=""):
    """Move `org` under the superior committee called `superior_name` from `on` (created at the
    top of the tree if not yet there, by an administrator): the 2025 reorganization's move."""
    if not superior_name.strip():
        raise ValidationError("Hãy ghi tên cấp ủy cấp trên mới.")
    parent = superior_named(actor, superior_name, on, org.place)
    return org_actions.move_org(actor, org, parent, on, decision)
