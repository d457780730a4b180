"""The seats of a member of the trade union who sits on the Party committee, in a real browser:
the union's chair reads the union's seats and is told the others are outside what it reads; the
committee's office reads the committee's seat."""

import pytest

pytestmark = pytest.mark.browser


def test_the_union_chair_reads_the_union_seats_only(browser_login, live_demo):
    from django.contrib.auth import get_user_model
    from django.urls import reverse

    from conftest import DEMO_PASSWORD
    from dangvu.accounts.models import Role
    from dangvu.orgs.models import PARTY_KINDS, Organization, Position

    union = Organization.objects.get(slug="so-tttt-union")
    seat = (
        Position.objects.filter(
            term__organization__kind__in=PARTY_KINDS,
            person__memberships__org=union,
            person__memberships__valid_to=None,
        )
        .select_related("term__organization", "person")
        .first()
    )
    assert seat is not None, "the demo has a member of the union on the Party committee"
    committee = seat.term.organization
    chair = get_user_model().objects.create_user("congdoan", password=DEMO_PASSWORD)
    Role.objects.create(user=chair, kind=Role.Kind.MASS, org=union)

    url = live_demo.url + reverse("person_detail", args=[seat.person_id])
    page = browser_login("congdoan")
    page.goto(url)
    table = page.locator("table.positions")
    assert committee.name not in table.inner_text()
    assert "không thuộc phạm vi xem" in table.inner_text().lower()

    page.context.clear_cookies()  # sign the union's chair out
    page = browser_login("vanphong")
    page.goto(url)
    text = page.locator("table.positions").inner_text()
    assert committee.name in text and "phạm vi xem" not in text
