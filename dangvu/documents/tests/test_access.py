"""Who sees which registry entries, and the walk of every documents URL with the demo users."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from dangvu.documents import actions
from dangvu.documents.access import DocumentAccess
from dangvu.documents.models import Document
from dangvu.orgs.models import Organization

D, S = Document.Direction, Document.Secrecy
USERS = ["vanphong", "bithu1", "dangvien", "captren"]


@pytest.fixture
def entries(demo, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    cell1 = Organization.objects.get(slug="so-tttt-chi-bo-1")

    def add(owner, symbol, secrecy=S.NORMAL, **kw):
        return actions.register_document(
            None,
            owner_org=owner,
            direction=D.INCOMING,
            doc_type="Công văn",
            symbol=symbol,
            date=dt.date(2017, 9, 1),
            secrecy=secrecy,
            subject=f"về {symbol}",
            **kw,
        )

    return {
        "normal": add(demo, "901-CV/TU", file=SimpleUploadedFile("cv.pdf", b"%PDF-1.4 cv")),
        "secret": add(demo, "902-CV/TU", S.SECRET, file=SimpleUploadedFile("m.pdf", b"%PDF m")),
        "top": add(demo, "903-CV/TU", S.TOP_SECRET),
        "cell_secret": add(cell1, "904-CV/TU", S.SECRET),
        "cell_normal": add(cell1, "905-CV/TU"),
    }


def visible(username, entries):
    from django.contrib.auth import get_user_model

    access = DocumentAccess.for_user(get_user_model().objects.get(username=username))
    ids = set(access.documents().values_list("id", flat=True))
    return {name for name, doc in entries.items() if doc.id in ids}


VISIBLE = {
    # The office of the committee: its whole registry, secrets included; not a cell's secrets.
    "vanphong": {"normal", "secret", "top", "cell_normal"},
    # A cell secretary: the committee's ordinary documents and the cell's own, secrets of the cell.
    "bithu1": {"normal", "cell_normal", "cell_secret"},
    # The superior reads ordinary documents below it, never a secret one.
    "captren": {"normal", "cell_normal"},
    # A member sees no registry.
    "dangvien": set(),
}


def test_visibility_rules(entries):
    for username in USERS:
        assert visible(username, entries) == VISIBLE[username], username
    # The operator sees everything.
    assert DocumentAccess.for_username(None).documents().count() == Document.objects.count()


def test_secret_entries_only_by_their_office(entries, login):
    client = login("bithu1")
    response = client.post(
        reverse("document_create"),
        {
            "owner_org": Organization.objects.get(slug="so-tttt-chi-bo-1").pk,
            "direction": D.INCOMING,
            "doc_type": "Công văn",
            "symbol": "906-CV/TU",
            "subject": "x",
            "secrecy": S.SECRET,
        },
    )
    assert response.status_code == 302  # the cell's own secret entry: its secretary keeps it
    committee = Organization.objects.get(slug="so-tttt-tra-vinh")
    response = client.post(
        reverse("document_create"),
        {
            "owner_org": committee.pk,
            "direction": D.INCOMING,
            "doc_type": "Công văn",
            "symbol": "907-CV/TU",
            "subject": "x",
            "secrecy": S.SECRET,
        },
    )
    assert response.status_code == 400  # not a registry bithu1 writes in
    assert not Document.objects.filter(symbol="907-CV/TU").exists()


def test_a_committee_office_writes_its_cells_registries_but_not_their_secrets(entries, login):
    """The secret entries of a registry are its own office's: the rule is the action's, so the
    form, the numbering and any other caller meet it."""
    cell1 = Organization.objects.get(slug="so-tttt-chi-bo-1")
    client = login("vanphong")
    entry = {
        "owner_org": cell1.pk,
        "direction": D.INCOMING,
        "doc_type": "Công văn",
        "symbol": "908-CV/TU",
        "subject": "x",
        "secrecy": S.SECRET,
    }
    refused = client.post(reverse("document_create"), entry)
    assert refused.status_code == 400
    assert "vào sổ văn bản mật" in refused.content.decode()
    assert not Document.objects.filter(symbol="908-CV/TU").exists()
    assert (
        client.post(reverse("document_create"), {**entry, "secrecy": S.NORMAL}).status_code == 302
    )
    office = get_user_model().objects.get(username="vanphong")
    with pytest.raises(ValidationError, match="vào sổ văn bản mật"):
        actions.update_document(office, Document.objects.get(symbol="908-CV/TU"), secrecy=S.SECRET)
    assert Document.objects.get(symbol="908-CV/TU").secrecy == S.NORMAL
    # Its own committee's registry takes its secret entries.
    committee = Organization.objects.get(slug="so-tttt-tra-vinh")
    assert (
        client.post(
            reverse("document_create"), {**entry, "owner_org": committee.pk, "symbol": "909-CV/TU"}
        ).status_code
        == 302
    )


def _urls(entries):
    e = entries
    return {
        "list": reverse("document_list"),
        "list_org": reverse("document_list") + "?to-chuc=so-tttt-tra-vinh&q=cong+van",
        "csv": reverse("document_export", args=["csv"]),
        "xlsx": reverse("document_export", args=["xlsx"]),
        "create": reverse("document_create"),
        "number": reverse("document_number"),
        "import": reverse("document_import"),
        "normal": reverse("document_detail", args=[e["normal"].pk]),
        "normal_edit": reverse("document_edit", args=[e["normal"].pk]),
        "normal_file": reverse("document_file", args=[e["normal"].pk]),
        "secret": reverse("document_detail", args=[e["secret"].pk]),
        "secret_edit": reverse("document_edit", args=[e["secret"].pk]),
        "secret_file": reverse("document_file", args=[e["secret"].pk]),
        "cell_secret": reverse("document_detail", args=[e["cell_secret"].pk]),
        "cell_secret_edit": reverse("document_edit", args=[e["cell_secret"].pk]),
        "cell_normal_edit": reverse("document_edit", args=[e["cell_normal"].pk]),
    }


# Expected status of a GET, per user: everything not listed is 200.
FORBIDDEN = {
    "vanphong": {"cell_secret": 404, "cell_secret_edit": 404},
    "bithu1": {
        "number": 403,  # a cell without a symbol numbers nothing
        "normal_edit": 403,  # reads the committee's registry, writes only the cell's
        "secret": 404,
        "secret_edit": 404,
        "secret_file": 404,
    },
    "dangvien": {
        "create": 403,
        "number": 403,
        "import": 403,
        "normal": 404,
        "normal_edit": 404,
        "normal_file": 404,
        "secret": 404,
        "secret_edit": 404,
        "secret_file": 404,
        "cell_secret": 404,
        "cell_secret_edit": 404,
        "cell_normal_edit": 404,
    },
    "captren": {
        "create": 403,
        "number": 403,
        "import": 403,
        "normal_edit": 403,
        "cell_normal_edit": 403,
        "secret": 404,
        "secret_edit": 404,
        "secret_file": 404,
        "cell_secret": 404,
        "cell_secret_edit": 404,
    },
}


def test_role_walk(entries, login, client):
    urls = _urls(entries)
    client.logout()
    assert client.get(urls["list"]).status_code == 302  # login first
    for username in USERS:
        client = login(username)
        for name, url in urls.items():
            expected = FORBIDDEN[username].get(name, 200)
            response = client.get(url)
            assert response.status_code == expected, (username, name, response.status_code)
        listing = client.get(urls["list"]).content.decode()
        for name, doc in entries.items():
            shown = f'href="{reverse("document_detail", args=[doc.pk])}"' in listing
            assert shown == (name in VISIBLE[username]), (username, name)
    # POSTs are guarded the same way: the superior cannot edit, a member cannot create.
    client = login("captren")
    assert client.post(urls["normal_edit"], {"subject": "x"}).status_code == 403
    client = login("dangvien")
    assert client.post(urls["create"], {"subject": "x"}).status_code == 403
    assert client.post(urls["number"], {"subject": "x"}).status_code == 403
