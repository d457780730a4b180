"""Issue 14: no dead link on the main pages, a menu without empty sections, and a favicon.

Every <a href> of the committee page, the home page, a person page and the statistics page is
followed with the Django test client as each demo role; none may answer 404 or a server error.
"""

from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.urls import reverse

from dangvu.accounts.models import Role
from dangvu.navigation import active_url

ROLES = ["vanphong", "bithu1", "dangvien", "captren"]
CELL = "so-tttt-chi-bo-1"
SKIP = ("/static/", "/dang-xuat/")


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs = []

    def handle_starttag(self, tag, attrs):
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.hrefs.append(href)


def links(page_url, html):
    """The site's own links on a page, made absolute; anchors, downloads of static files and the
    logout (a POST) left out."""
    parser = _Links()
    parser.feed(html)
    found = []
    for href in parser.hrefs:
        if href.startswith(("#", "mailto:", "tel:", "javascript:")):
            continue
        url = urljoin(page_url, href)
        parts = urlsplit(url)
        if parts.netloc not in ("", "testserver") or parts.path.startswith(SKIP):
            continue
        found.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return found


def _own_person(username):
    return Role.objects.get(user__username=username, kind=Role.Kind.MEMBER).person_id


def pages_for(role, demo):
    """The four pages, each as this role can open it: an office or a superior sees the
    committee, the secretary their cell, a member only their own record and the home page."""
    person = reverse("person_detail", args=[_own_person("dangvien")])
    org = {"vanphong": demo.slug, "captren": demo.slug, "bithu1": CELL}.get(role)
    pages = [reverse("home"), person]
    if org:
        pages += [reverse("org_detail", args=[org]), reverse("org_stats", args=[org])]
    return pages


@pytest.mark.parametrize("role", ROLES)
def test_no_dead_link_on_the_main_pages(demo, login, role):
    client = login(role)
    dead, seen = [], set()
    for page in pages_for(role, demo):
        response = client.get(page)
        assert response.status_code == 200, page
        for url in links(page, response.content.decode()):
            if url in seen:
                continue
            seen.add(url)
            status = client.get(url).status_code
            if status == 404 or status >= 500:
                dead.append((page, url, status))
    assert seen, "no link found: the pages did not render"
    assert not dead, dead


def test_the_superior_committee_is_named_not_linked_for_its_unit(demo, login):
    """The committee's office cannot open its superior committee: its name is plain text."""
    superior = demo.parent
    html = login("vanphong").get(reverse("org_detail", args=[demo.slug])).content.decode()
    assert superior.name in html
    assert reverse("org_detail", args=[superior.slug]) not in html
    # The superior's own office reads it, so there it is a link.
    html = login("captren").get(reverse("org_detail", args=[demo.slug])).content.decode()
    assert reverse("org_detail", args=[superior.slug]) in html


def _menu(client):
    return client.get(reverse("account_list")).context["menu"]


def test_a_member_menu_has_no_empty_section(demo, login):
    client = login("dangvien")
    menu = dict((label, url) for url, label in _menu(client))
    own = reverse("person_detail", args=[_own_person("dangvien")])
    assert menu["Hồ sơ của tôi"] == own
    assert menu["Đảng phí"] == reverse("fee_mine")
    for empty in ["Tổ chức", "Cá nhân", "Chương trình công tác", "Báo cáo", "Văn bản", "Cấp trên"]:
        assert empty not in menu
    # Each entry left opens a page with something of the member's in it.
    for label, url in menu.items():
        assert client.get(url).status_code == 200, label
    assert "Hoạt động" in menu and "Tài khoản" in menu


def test_each_role_gets_the_sections_it_can_use(demo, login):
    labels = {role: [label for _url, label in _menu(login(role))] for role in ROLES}
    assert "Cấp trên" in labels["captren"] and "Cấp trên" in labels["vanphong"]
    # A cell holds no committee: the consolidated pages would be empty for its secretary.
    assert "Cấp trên" not in labels["bithu1"]
    for role in ["vanphong", "bithu1", "captren"]:
        assert {"Tổ chức", "Cá nhân", "Báo cáo", "Văn bản", "Đảng phí"} <= set(labels[role])
        assert "Hồ sơ của tôi" not in labels[role]


def test_the_active_entry_is_the_longest_match():
    items = [
        ("/ca-nhan/", "Cá nhân"),
        ("/ca-nhan/12/", "Hồ sơ của tôi"),
        ("/dang-phi/", "Đảng phí"),
    ]
    assert active_url("/ca-nhan/12/", items) == "/ca-nhan/12/"
    assert active_url("/ca-nhan/13/", items) == "/ca-nhan/"
    assert active_url("/dang-phi/cua-toi/", items) == "/dang-phi/"
    assert active_url("/", items) is None


def test_favicon(demo, client, login):
    # Asked for by the browser before any login: it must not be a 404 nor a login page.
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("favicon.svg")
    html = login("vanphong").get(reverse("home")).content.decode()
    assert 'rel="icon"' in html and "favicon.svg" in html
    from django.contrib.staticfiles import finders

    assert finders.find("favicon.svg")
