"""A citizen id (CCCD) already on another record is refused without telling whose it is: the
other record may be outside the user's scope."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from dangvu.orgs import actions as org_actions
from dangvu.orgs.tree import subtree_ids
from dangvu.people import actions
from dangvu.people.models import Person

CCCD = "084190001234"
NAME = "Lâm Thị Bí Mật"


@pytest.fixture
def outsider(demo):
    org = org_actions.create_org(
        None, kind="party_committee", name="Đảng bộ Ngoài", valid_from=dt.date(2010, 1, 1)
    )
    return actions.create_person(None, home_org=org, full_name=NAME, gender="female", cccd=CCCD)


def _person_post(**extra):
    return {"full_name": "Nguyễn Văn Mới", "gender": "male", "ethnicity": "Kinh", **extra}


def test_the_action_names_no_one(db):
    org = org_actions.create_org(
        None, kind="party_committee", name="Đảng bộ", valid_from=dt.date(2010, 1, 1)
    )
    actions.create_person(None, home_org=org, full_name=NAME, gender="female", cccd=CCCD)
    with pytest.raises(ValidationError) as refused:
        actions.create_person(None, home_org=org, full_name="Người Khác", gender="male", cccd=CCCD)
    assert refused.value.messages == [actions.CCCD_TAKEN]
    assert NAME not in refused.value.messages[0] and CCCD not in refused.value.messages[0]


@pytest.mark.parametrize("user", ["bithu1", "vanphong"])
def test_creating_with_a_cccd_held_outside_the_scope(outsider, login, user):
    count = Person.objects.count()
    response = login(user).post("/ca-nhan/them/", _person_post(cccd=CCCD))
    page = response.content.decode()
    assert response.status_code == 400
    assert "đã được dùng cho một hồ sơ khác" in page
    assert NAME not in page and f"/ca-nhan/{outsider.id}/" not in page
    assert Person.objects.count() == count


def test_editing_to_a_cccd_held_outside_the_scope(demo, outsider, login):
    client = login("vanphong")
    # A person of the committee's own records, which the office edits (the demo also keeps the
    # superior committee's officers, outside the office's scope).
    mine = (
        Person.objects.filter(home_org__in=subtree_ids([demo.id]), cccd__isnull=False)
        .exclude(pk=outsider.pk)
        .first()
    )
    assert client.get(f"/ca-nhan/{mine.id}/sua/").status_code == 200
    before = mine.cccd
    response = client.post(
        f"/ca-nhan/{mine.id}/sua/",
        _person_post(full_name=mine.full_name, gender=mine.gender, cccd=CCCD),
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "đã được dùng cho một hồ sơ khác" in page and NAME not in page
    mine.refresh_from_db()
    assert mine.cccd == before


def test_the_outsiders_page_stays_closed(outsider, login):
    assert login("bithu1").get(f"/ca-nhan/{outsider.id}/").status_code == 404
