"""Out-of-range input is refused in Vietnamese, never a server error (issue 27, items 6 and 7).

Every page reads its URL parameters with the parsers of `dangvu.web`: a value dangvu cannot
hold is a 400 (a filter) or a 404 (part of the address) with a Vietnamese message, and an
organization out of the user's scope is a 404 that does not give its name away.
"""

import datetime as dt

import pytest

from dangvu.finance.models import LedgerEntry
from dangvu.mobilisation.models import Campaign, Contribution
from dangvu.orgs import actions as org_actions
from dangvu.orgs.models import Organization

COMMITTEE = "so-tttt-tra-vinh"
SUPERIOR = "dang-uy-khoi-cac-co-quan-tra-vinh"
FORTY_DIGITS = "9" * 40


def _refused(response, status=400):
    assert response.status_code == status, response.status_code
    page = response.content.decode()
    assert "không hợp lệ" in page or "Không có trang" in page or "quá lớn" in page, page[-800:]


@pytest.mark.parametrize(
    "url",
    [
        "/?ngay=9999-12-31",
        "/?ngay=31/12/0001",
        "/hoat-dong/lich/?thang=0001-01",
        "/hoat-dong/lich/?thang=9999-12",
        "/van-ban/?nam=0",
        "/van-ban/?nam=" + "9" * 5000,
        "/hoat-dong/?nam=99999",
        "/hoat-dong/?tu-ngay=9999-12-31",
        "/cuoc-van-dong/?nam=1",
        "/dang-phi/?nam=9999",
    ],
)
def test_an_out_of_range_filter_is_a_400_in_vietnamese(demo, login, url):
    _refused(login("vanphong").get(url))


@pytest.mark.parametrize(
    "url",
    [
        f"/cap-tren/{SUPERIOR}/bao-cao-gui/0/",
        f"/cap-tren/{SUPERIOR}/bao-cao-gui/99999/nhac/csv/",
        f"/cap-tren/{SUPERIOR}/bao-cao-gui/0/han/",
    ],
)
def test_an_out_of_range_year_in_the_address_is_a_404(demo, login, url):
    response = login("captren").get(url)
    assert response.status_code == 404


def test_an_out_of_range_year_in_the_fee_books_is_a_404(demo, login):
    client = login("vanphong")
    assert client.get(f"/dang-phi/to-chuc/{COMMITTEE}/so-quy/0/").status_code == 404
    assert client.get(f"/dang-phi/to-chuc/{COMMITTEE}/so-thu-nop/99999/").status_code == 404


def test_unreadable_numbers_fall_back_to_the_default(demo, login):
    client = login("vanphong")
    assert client.get("/hoat-dong/?nam=abc").status_code == 200
    assert client.get(f"/cap-tren/{COMMITTEE}/so-lieu/?nhom=abc").status_code == 200
    response = client.get(f"/dang-phi/to-chuc/{COMMITTEE}/nop/?dang-vien={FORTY_DIGITS}")
    assert response.status_code == 400


def test_a_forty_digit_contribution_is_a_form_error(demo, login):
    campaign = Campaign.objects.filter(org__slug__startswith="so-tttt").first()
    before = Contribution.objects.count()
    response = login("vanphong").post(
        f"/cuoc-van-dong/{campaign.pk}/dong-gop/",
        {"contributor_name": "Ai đó", "given_on": "2017-05-01", "amount": FORTY_DIGITS},
    )
    assert response.status_code == 400
    assert "nhỏ hơn hoặc bằng" in response.content.decode()
    assert Contribution.objects.count() == before


def test_a_forty_digit_ledger_amount_is_a_form_error(demo, login):
    before = LedgerEntry.objects.count()
    response = login("vanphong").post(
        f"/dang-phi/to-chuc/{COMMITTEE}/so-quy/2017/ghi/",
        {
            "kind": "allocation",
            "on": "2017-05-01",
            "amount": FORTY_DIGITS,
            "description": "Ngân sách",
        },
    )
    assert response.status_code == 400
    assert "quá lớn" in response.content.decode()
    assert LedgerEntry.objects.count() == before


@pytest.fixture
def outside(demo):
    return org_actions.create_org(
        None,
        kind="party_committee",
        name="Đảng bộ Kín Tên",
        valid_from=dt.date(2010, 1, 1),
        symbol="ĐU",
    )


@pytest.mark.parametrize(
    "url",
    [
        "/van-ban/?to-chuc={slug}",
        "/hoat-dong/?to-chuc={slug}",
        "/hoat-dong/lich/?to-chuc={slug}",
        "/cuoc-van-dong/?to-chuc={slug}",
        "/dang-phi/quy-dinh/?to-chuc={slug}",
        "/ca-nhan/?to-chuc={slug}",
    ],
)
@pytest.mark.parametrize("role", ["vanphong", "bithu1", "dangvien", "captren"])
def test_an_organization_out_of_scope_is_never_named(outside, login, url, role):
    response = login(role).get(url.format(slug=outside.slug))
    assert response.status_code in (200, 403, 404)
    assert outside.name not in response.content.decode()


def test_a_cell_filters_by_its_committees_registry_not_by_a_sibling(demo, login):
    """A cell secretary reads the committee's documents, so may narrow the list to them; a
    sibling cell is out of reach and its name is not given."""
    client = login("bithu1")
    assert client.get(f"/van-ban/?to-chuc={COMMITTEE}").status_code == 200
    sibling = Organization.objects.get(slug="so-tttt-chi-bo-2")
    response = client.get(f"/van-ban/?to-chuc={sibling.slug}")
    assert response.status_code == 404
    assert sibling.name not in response.content.decode()
