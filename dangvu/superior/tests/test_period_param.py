"""The tracker's report period in the URL (`?ky=`): a known code selects the period, an unknown
one is refused with a Vietnamese message instead of showing the year's tracker under it."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model

from dangvu.accounts.models import Role
from dangvu.orgs.actions import create_org
from dangvu.orgs.models import Organization

pytestmark = pytest.mark.django_db
K = Organization.Kind


@pytest.fixture
def district_client(client):
    """A superior-role user of an invented district with one commune committee."""
    district = create_org(
        None,
        kind=K.SUPERIOR_COMMITTEE,
        name="Đảng bộ huyện Nam Giang",
        valid_from=dt.date(2015, 1, 1),
    )
    create_org(
        None,
        kind=K.PARTY_COMMITTEE,
        name="Đảng bộ xã Tà Bhing",
        parent=district,
        valid_from=dt.date(2015, 1, 1),
    )
    user = get_user_model().objects.create_user("huyen-nam-giang")
    Role.objects.create(user=user, kind=Role.Kind.SUPERIOR, org=district)
    client.force_login(user)
    return client, district


@pytest.mark.parametrize("page", ["", "nhac/csv/"])
def test_an_unknown_period_is_refused(district_client, page):
    client, district = district_client
    base = f"/cap-tren/{district.slug}/bao-cao-gui/2025/{page}"
    response = client.get(f"{base}?ky=6T")
    assert response.status_code == 400
    assert "Kỳ báo cáo “6T” không hợp lệ" in response.content.decode()
    assert client.get(f"{base}?ky=h1").status_code == 200
    assert client.get(base).status_code == 200
