"""Walk every URL of the product with every demo role.

For each URL pattern and role, the test fills the URL's parameters twice: with a record the role
may see, and with one it may not. Outside its scope a role gets 403 or 404, never the page; inside
it gets the page (or 403 for a change it may not make); nobody gets a server error. A URL with a
parameter this walk cannot fill fails the test, so new pages must be added here.
"""

import datetime as dt

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from dangvu.orgs import actions as org_actions
from dangvu.orgs.models import Organization
from dangvu.people import actions as people_actions
from dangvu.people.models import Membership

ROLES = ["vanphong", "bithu1", "dangvien", "captren"]
PUBLIC = {"login", "logout"}


def _patterns(resolver=None, prefix=""):
    resolver = resolver or get_resolver()
    for p in resolver.url_patterns:
        if isinstance(p, URLResolver):
            yield from _patterns(p, prefix + str(p.pattern))
        elif isinstance(p, URLPattern) and p.name:
            yield p.name, prefix + str(p.pattern), list(p.pattern.converters)


@pytest.fixture
def world(demo):
    """The demo plus an unrelated organization nobody in the demo may see."""
    other = org_actions.create_org(
        None, kind="party_committee", name="Đảng bộ Ngoài", valid_from=dt.date(2010, 1, 1)
    )
    outsider = people_actions.create_person(
        None, home_org=other, full_name="Người Ngoài", gender="male"
    )
    cell1 = Organization.objects.get(slug="so-tttt-chi-bo-1")
    cell2 = Organization.objects.get(slug="so-tttt-chi-bo-2")
    in_cell = lambda c: Membership.objects.filter(org=c, kind="party", valid_to=None).first().person  # noqa: E731
    from dangvu.accounts.models import Role

    me = Role.objects.get(user__username="dangvien").person
    somebody = (
        Membership.objects.filter(org=cell2, kind="party", valid_to=None)
        .exclude(person=me)
        .first()
        .person
    )
    return {
        "slug": {
            "vanphong": (demo.slug, "dang-uy-khoi-cac-co-quan-tra-vinh"),
            "bithu1": (cell1.slug, cell2.slug),
            "dangvien": (None, demo.slug),
            "captren": (demo.slug, other.slug),
        },
        "person_id": {
            "vanphong": (in_cell(cell2).id, outsider.id),
            "bithu1": (in_cell(cell1).id, in_cell(cell2).id),
            "dangvien": (me.id, somebody.id),
            "captren": (in_cell(cell2).id, outsider.id),
        },
    }


# Parameters that do not identify a record: one value serves every role.
PLAIN = {"fact": "party.members", "action": "ket-nap"}


def _url(route, converters, values):
    url = "/" + route
    for name in converters:
        url = url.replace(f"<{_conv(route, name)}:{name}>", str(values[name])).replace(
            f"<{name}>", str(values[name])
        )
    return url


def _conv(route, name):
    start = route.index(f":{name}>")
    return route[route.rindex("<", 0, start) + 1 : start]


def _values(world, converters, role, which):
    values = {}
    for name in converters:
        if name in PLAIN:
            values[name] = PLAIN[name]
        elif name in world:
            values[name] = world[name][role][which]
        else:
            pytest.fail(f"the role walk cannot fill URL parameter <{name}>: add it to world()")
    return values


def test_every_url_with_every_role(world, client):
    from conftest import DEMO_PASSWORD

    checked = 0
    for name, route, converters in _patterns():
        if name in PUBLIC or route.startswith("static"):
            continue
        for role in ROLES:
            client.logout()
            assert client.login(username=role, password=DEMO_PASSWORD)
            foreign = _values(world, converters, role, 1)
            if converters:
                response = client.get(_url(route, converters, foreign))
                assert response.status_code in (403, 404), (
                    role,
                    name,
                    foreign,
                    response.status_code,
                )
            own = _values(world, converters, role, 0)
            if None in own.values():
                continue
            response = client.get(_url(route, converters, own))
            # Inside its scope a role sees the page, or is refused a change it may not make.
            assert response.status_code in (200, 302, 403), (role, name, own, response.status_code)
            checked += 1
        client.logout()
        anonymous = client.get(_url(route, converters, _values(world, converters, "vanphong", 0)))
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
