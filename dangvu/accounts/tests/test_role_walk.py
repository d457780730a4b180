"""Walk every URL of the product with every demo role.

For each URL pattern and role, the test fills the URL's parameters twice: with a record the role
may see, and with one it may not (a copy of a demo record moved to an organization no demo user
may see). Outside its scope a role gets 403 or 404, never the page; inside it gets the page (or
403 for a change it may not make); nobody gets a server error; anonymous users are sent to the
login page. A URL with a parameter this walk cannot fill fails the test, so every new page must
be added here (a record kind by registering it in its app's `access.py` with its URL
parameter).
"""

import datetime as dt

import pytest
from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver

from dangvu.accounts.models import Role
from dangvu.accounts.scope import scope_for
from dangvu.core import access
from dangvu.orgs import actions as org_actions
from dangvu.orgs.models import Organization
from dangvu.people import actions as people_actions
from dangvu.people.models import Membership, Person

ROLES = ["vanphong", "bithu1", "dangvien", "captren", "congdoan"]
PUBLIC = {"login", "logout"}
# Pages a role's own organization does not have, so they are refused it: a union keeps no Party
# fees, and holds no cell meeting (the task of `PLAIN` is a cell's, which it does not read); the
# fee file of its member, a Party member, is a Party record it does not read (`Scope.party`).
NOT_ITS_PAGES = {
    "congdoan": {
        "meeting_task",
        *("fee_payment_add", "fee_setting_add", "fee_book", "fee_sheet", "fee_ledger"),
        *("fee_entry_add", "fee_close", "fee_member", "fee_base_add", "fee_reason_add"),
    }
}
# Pages of a part of a record that the sample record may lack (a document without attachment).
MAY_BE_ABSENT = {"document_file"}
# Parameters that do not identify a record: one value serves every role.
PLAIN = {
    "fact": "party.members",
    "action": "ket-nap",
    "fmt": "csv",
    "ext": "md",
    "year": 2017,
    "key": "situation",
    "template": "annual",
    "sheet": "1-BTCTW",
    "row": "D",
    "task_id": 1,
}


def _records():
    """Parameters naming a record, from the access registry: {name: (model, the lookup from it
    to the organization it belongs to)}. A record kind registered with a URL parameter is walked
    without being listed here."""
    return {
        rule.url_param: (model, rule.org_path)
        for model, rule in access.rules().items()
        if rule.url_param
    }


def _patterns(resolver=None, prefix=""):
    resolver = resolver or get_resolver()
    for p in resolver.url_patterns:
        if isinstance(p, URLResolver):
            yield from _patterns(p, prefix + str(p.pattern))
        elif isinstance(p, URLPattern) and p.name:
            yield p.name, prefix + str(p.pattern), list(p.pattern.converters)


def _has_page(model):
    rule = access.rules().get(model)
    return rule is not None and bool(rule.url_param)


def _move_copy(obj, other, outsider, copies):
    """A copy of `obj` belonging to `other`: organizations and people swapped for outside ones.
    `copies` remembers what was copied, so a parent shared by two records is copied once."""
    from django.db.models import ForeignKey

    key = (obj._meta.label, obj.pk)
    if key in copies:
        return copies[key]
    original_pk = obj.pk
    for field in obj._meta.concrete_fields:
        if isinstance(field, ForeignKey) and getattr(obj, field.attname) is None:
            continue  # an empty reference stays empty (a commendation names one recipient)
        if isinstance(field, ForeignKey) and field.related_model is Organization:
            setattr(obj, field.name, other)
        elif isinstance(field, ForeignKey) and field.related_model is Person:
            setattr(obj, field.name, outsider)
        elif (
            isinstance(field, ForeignKey)
            and _has_page(field.related_model)
            and getattr(obj, field.attname) is not None
        ):
            # A record of another one with a page of its own (a programme's item): the parent
            # is copied out of scope too.
            parent = field.related_model.objects.get(pk=getattr(obj, field.attname))
            setattr(obj, field.name, _move_copy(parent, other, outsider, copies))
    obj.pk = obj.id = None
    obj._state.adding = True
    obj.save()
    if obj._meta.model_name == "activity":
        link = obj.links.model
        link.objects.create(activity=obj, org=other, role=link.Role.ORGANIZER)
    assert obj.pk != original_pk
    copies[key] = obj
    return obj


@pytest.fixture
def world(demo):
    other = org_actions.create_org(
        None,
        kind="party_committee",
        name="Đảng bộ Ngoài",
        valid_from=dt.date(2010, 1, 1),
        symbol="ĐU",
    )
    outsider = people_actions.create_person(
        None, home_org=other, full_name="Người Ngoài", gender="male"
    )
    cell1 = Organization.objects.get(slug="so-tttt-chi-bo-1")
    cell2 = Organization.objects.get(slug="so-tttt-chi-bo-2")
    # The trade union's executive: an account on a mass organization, made here as the demo's
    # office would make it.
    union = Organization.objects.get(slug="so-tttt-union")
    from django.contrib.auth import get_user_model

    from conftest import DEMO_PASSWORD

    chair = get_user_model().objects.create_user("congdoan", password=DEMO_PASSWORD)
    Role.objects.create(user=chair, kind=Role.Kind.MASS, org=union)
    in_union = Membership.objects.filter(org=union, valid_to=None).first().person

    def in_cell(cell):
        return Membership.objects.filter(org=cell, kind="party", valid_to=None).first().person

    me = Role.objects.get(user__username="dangvien").person
    somebody = (
        Membership.objects.filter(org=cell2, kind="party", valid_to=None)
        .exclude(person=me)
        .first()
        .person
    )
    world = {
        "slug": {
            "vanphong": (demo.slug, "dang-uy-khoi-cac-co-quan-tra-vinh"),
            "bithu1": (cell1.slug, cell2.slug),
            "dangvien": (None, demo.slug),
            "captren": (demo.slug, other.slug),
            "congdoan": (union.slug, cell2.slug),
        },
        "person_id": {
            "vanphong": (in_cell(cell2).id, outsider.id),
            "bithu1": (in_cell(cell1).id, in_cell(cell2).id),
            "dangvien": (me.id, somebody.id),
            "captren": (in_cell(cell2).id, outsider.id),
            "congdoan": (in_union.id, outsider.id),
        },
    }
    users = {u.username: u for u in get_user_model().objects.filter(username__in=ROLES)}
    # Accounts: the office manages bithu1's; nobody here manages one of the outside committee.
    stranger = get_user_model().objects.create_user("nguoi-ngoai")
    Role.objects.create(user=stranger, kind=Role.Kind.OFFICE, org=other)
    world["user_id"] = {role: (users["bithu1"].pk, stranger.pk) for role in ROLES}
    copies = {}
    for name, (model, org_path) in _records().items():
        label = model._meta.label
        sample = model.objects.order_by("pk").first()
        assert sample is not None, f"the demo has no {label} for the role walk"
        foreign = _move_copy(model.objects.get(pk=sample.pk), other, outsider, copies).pk
        world[name] = {}
        for role in ROLES:
            ids = scope_for(users[role]).read_org_ids
            own = (
                model.objects.filter(**{f"{org_path}__in": ids}).order_by("pk").first()
                if ids
                else None
            )
            world[name][role] = (own.pk if own else None, foreign)
    return world


def _url(route, values):
    url = "/" + route
    for name, value in values.items():
        start = url.index(f":{name}>")
        url = url[: url.rindex("<", 0, start)] + str(value) + url[start + len(name) + 2 :]
    return url


def _values(world, converters, role, which):
    values = {}
    for name in converters:
        if name in PLAIN:
            values[name] = PLAIN[name]
        elif name in world:
            values[name] = world[name][role][which]
        else:
            pytest.fail(
                f"the role walk cannot fill URL parameter <{name}>: register its model with "
                "url_param in its app's access.py, or add it to PLAIN"
            )
    return values


def test_every_url_with_every_role(world):
    from django.test import Client

    from conftest import DEMO_PASSWORD

    # One logged-in client per role for the whole walk: logging in again for every URL would
    # test the login page a thousand times and nothing else.
    clients = {role: Client() for role in ROLES}
    for role, role_client in clients.items():
        assert role_client.login(username=role, password=DEMO_PASSWORD), role
    checked = 0
    for name, route, converters in _patterns():
        if name in PUBLIC or route.startswith("static"):
            continue
        for role in ROLES:
            client = clients[role]
            records = [c for c in converters if c not in PLAIN]
            if records:
                foreign = _values(world, converters, role, 1)
                response = client.get(_url(route, foreign))
                assert response.status_code in (403, 404), (
                    role,
                    name,
                    foreign,
                    response.status_code,
                )
            own = _values(world, converters, role, 0)
            if None in own.values():
                continue
            response = client.get(_url(route, own))
            # Inside its scope a role sees the page, or is refused a change it may not make.
            allowed = (200, 302, 403, 404) if name in MAY_BE_ABSENT else (200, 302, 403)
            if name in NOT_ITS_PAGES.get(role, ()):
                allowed = (403, 404)
            assert response.status_code in allowed, (role, name, own, response.status_code)
            # The shared client is still logged in: a redirect never leads to the login page.
            assert "/dang-nhap/" not in response.get("Location", ""), (role, name)
            checked += 1
        anonymous = Client().get(_url(route, _values(world, converters, "vanphong", 0)))
        assert anonymous.status_code == 302 and "/dang-nhap/" in anonymous["Location"], name
    assert checked > 20


def test_write_pages_refuse_read_only_roles(world, login):
    person_id = world["person_id"]["captren"][0]
    client = login("captren")
    assert client.get(f"/ca-nhan/{person_id}/sua/").status_code == 403
    response = client.post(f"/ca-nhan/{person_id}/sua/", {"full_name": "Đổi Tên", "gender": "male"})
    assert response.status_code == 403
    client = login("dangvien")
    me = world["person_id"]["dangvien"][0]
    assert client.get(f"/ca-nhan/{me}/").status_code == 200
    assert client.get(f"/ca-nhan/{me}/sua/").status_code == 403


def test_people_list_shows_only_the_scope(world, login):
    client = login("bithu1")
    html = client.get("/ca-nhan/?ngay=2017-12-31").content.decode()
    cell1_members = Membership.objects.filter(
        org__slug="so-tttt-chi-bo-1", kind="party"
    ).select_related("person")
    cell2_members = Membership.objects.filter(
        org__slug="so-tttt-chi-bo-2", kind="party"
    ).select_related("person")
    assert any(m.person.full_name in html for m in cell1_members)
    assert not any(m.person.full_name in html for m in cell2_members)
    client = login("dangvien")
    response = client.get("/ca-nhan/")
    assert response.context["page"].paginator.count == 1


def test_the_superior_role_writes_only_its_own_report(world):
    """The superior committee's role reads its subtree and changes none of it; the one thing it
    writes is its own organization's report (its office drafts the consolidated report)."""
    from django.contrib.auth import get_user_model

    superior = Organization.objects.get(slug="dang-uy-khoi-cac-co-quan-tra-vinh")
    unit = Organization.objects.get(slug=world["slug"]["captren"][0])
    scope = scope_for(get_user_model().objects.get(username="captren"))
    assert scope.can_write_report(superior) and not scope.can_write_org(superior)
    assert not scope.can_write_report(unit) and not scope.can_write_org(unit)
    office = scope_for(get_user_model().objects.get(username="vanphong"))
    assert office.can_write_report(unit) and not office.can_write_report(superior)


def test_every_model_of_an_organization_or_a_person_has_an_access_rule():
    """A new record kind holding an organization or a person cannot be missed by the walk and by
    `scope.visible`: it must be registered in its app's access.py."""
    from django.contrib.auth.models import User

    missing = []
    for model in apps.get_models():
        if not model.__module__.startswith("dangvu.") or model is User:
            continue
        fields = [
            f
            for f in model._meta.get_fields()
            if (f.concrete or f.many_to_many)
            and not f.auto_created
            and getattr(f, "related_model", None) in (Organization, Person)
        ]
        if fields and model not in access.rules():
            missing.append(model._meta.label)
    assert missing == []
