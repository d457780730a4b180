"""A youth union introduces its outstanding members to the Party (Hướng dẫn 12-HD/BTCTW, mẫu
4A-KNĐ): an invented school's Đoàn cơ sở with a chi đoàn under it, its members, and the Party
cell that leads it. The introduction is recorded with its resolution, shown on the person's page
and history, refused with a reason when it cannot be, and recorded from the person's page."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from dangvu.accounts import actions as accounts
from dangvu.accounts.models import AuditEntry
from dangvu.accounts.tests.helpers import table_counts
from dangvu.orgs import actions as orgs
from dangvu.orgs.models import Organization
from dangvu.people import actions as people
from dangvu.people.models import Membership, PartyIntroduction

pytestmark = pytest.mark.django_db

K = Organization.Kind
FOUNDED = dt.date(2015, 9, 1)
RESOLUTION = "Nghị quyết số 07-NQ/ĐTN ngày 20/3/2024 của Ban Chấp hành Đoàn trường"


@pytest.fixture
def school():
    committee = orgs.create_org(
        None, kind=K.PARTY_COMMITTEE, name="Đảng bộ Trường THPT Phan Văn Hùng",
        valid_from=FOUNDED, symbol="ĐU",
    )  # fmt: skip
    cell = orgs.create_org(
        None, kind=K.PARTY_CELL, name="Chi bộ Giáo viên", parent=committee, valid_from=FOUNDED
    )
    youth = orgs.create_org(
        None, kind=K.YOUTH_UNION, name="Đoàn trường THPT Phan Văn Hùng", parent=committee,
        valid_from=FOUNDED,
    )  # fmt: skip
    # The branch sits beside its Party cell in the tree; its Đoàn cơ sở is recorded above it.
    branch = orgs.create_org(
        None, kind=K.YOUTH_UNION, name="Chi đoàn Giáo viên trẻ", parent=cell, valid_from=FOUNDED
    )
    orgs.set_same_system_superior(None, branch, superior_name=youth.name, valid_from=FOUNDED)
    made = {"committee": committee, "cell": cell, "youth": youth, "branch": branch}
    for key, name, org in (
        ("teacher", "Lâm Thị Ngọc Hân", branch),
        ("outsider", "Tô Văn Út", None),
    ):
        person = people.create_person(
            None, home_org=committee, full_name=name, gender="female",
            birth_date=dt.date(1999, 2, 14),
        )  # fmt: skip
        if org is not None:
            people.join(None, person, org, Membership.Kind.YOUTH_UNION, dt.date(2020, 9, 1))
        made[key] = person
    return made


def test_the_youth_union_introduces_a_member_of_its_branch(school):
    row = people.introduce_to_party(
        None, school["teacher"], org=school["youth"], introduced_on=dt.date(2024, 3, 26),
        resolution=f"  {RESOLUTION} ",
    )  # fmt: skip
    assert (row.person, row.org, row.resolution) == (school["teacher"], school["youth"], RESOLUTION)
    entry = AuditEntry.objects.get(action="party.introduce")
    assert entry.person == school["teacher"] and entry.org == school["youth"]
    assert "Được Đoàn trường THPT Phan Văn Hùng giới thiệu cho Đảng xem xét kết nạp" in (
        entry.summary
    )


@pytest.mark.parametrize(
    "change, message",
    [
        ({"org": "cell"}, "Chỉ công đoàn, Đoàn thanh niên, hội, đoàn thể mới giới thiệu"),
        ({"person": "outsider"}, "không sinh hoạt Đoàn Thanh niên tại Đoàn trường"),
        ({"resolution": " "}, "Hãy ghi nghị quyết giới thiệu"),
        ({"introduced_on": dt.date(2099, 1, 1)}, "không được sau ngày hôm nay"),
        ({"introduced_on": dt.date(2019, 1, 1)}, "không sinh hoạt"),
    ],
)
def test_an_introduction_that_cannot_be_is_refused(school, change, message):
    args = {
        "person": school["teacher"],
        "org": school["youth"],
        "introduced_on": dt.date(2024, 3, 26),
        "resolution": RESOLUTION,
    }
    args |= {k: school.get(v, v) if isinstance(v, str) and k != "resolution" else v
             for k, v in change.items()}  # fmt: skip
    before = table_counts()
    with pytest.raises(ValidationError, match=message):
        people.introduce_to_party(None, args.pop("person"), **args)
    assert table_counts() == before


def test_a_party_member_or_a_second_introduction_that_day_is_refused(school):
    teacher = school["teacher"]
    people.introduce_to_party(
        None, teacher, org=school["youth"], introduced_on=dt.date(2024, 3, 26),
        resolution=RESOLUTION,
    )  # fmt: skip
    people.admit(None, teacher, school["cell"], dt.date(2024, 9, 2))
    before = table_counts()
    with pytest.raises(ValidationError, match="đã giới thiệu Lâm Thị Ngọc Hân vào ngày 26/03"):
        people.introduce_to_party(
            None, teacher, org=school["youth"], introduced_on=dt.date(2024, 3, 26),
            resolution=RESOLUTION,
        )  # fmt: skip
    with pytest.raises(ValidationError, match="đã vào Đảng ngày 02/09/2024"):
        people.introduce_to_party(
            None, teacher, org=school["branch"], introduced_on=dt.date(2024, 10, 1),
            resolution=RESOLUTION,
        )  # fmt: skip
    assert table_counts() == before


def test_the_office_records_it_on_the_person_s_page(school, client):
    office, _ = accounts.create_account(
        None, "vanphong-pvh", kind="office", org=school["committee"], password="Hoa-sen-2026-thu"
    )
    client.force_login(office)
    teacher = school["teacher"]
    url = f"/ca-nhan/{teacher.id}/thao-tac/gioi-thieu-vao-dang/"
    assert "gioi-thieu-vao-dang" in client.get(f"/ca-nhan/{teacher.id}/").content.decode()
    form = client.get(url).content.decode()
    # The organizations offered are the mass organizations, not the Party's.
    assert "Đoàn trường THPT Phan Văn Hùng" in form and "Chi bộ Giáo viên" not in form
    data = {"org": school["youth"].id, "introduced_on": "2024-03-26", "resolution": RESOLUTION}
    refused = client.post(url, {**data, "resolution": ""})
    assert PartyIntroduction.objects.count() == 0 and refused.status_code == 400
    assert client.post(url, data).status_code == 302
    page = client.get(f"/ca-nhan/{teacher.id}/").content.decode()
    assert "Đoàn thể giới thiệu cho Đảng xem xét kết nạp" in page
    assert RESOLUTION in page and "26/03/2024" in page
