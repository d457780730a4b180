"""The account pages: one's own account and password, the office's accounts (create, reset a
password, deactivate), the one-time password detour, and the first run in the browser."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from conftest import DEMO_PASSWORD
from dangvu.accounts.models import Account, Role
from dangvu.orgs.models import Organization

from .helpers import table_counts

User = get_user_model()


def password_on(response):
    html = response.content.decode()
    return html.split('<code id="mat-khau">')[1].split("</code>")[0]


@pytest.mark.parametrize("username", ["vanphong", "bithu1", "dangvien", "captren"])
def test_demo_users_are_not_sent_to_the_password_page(demo, login, username):
    client = login(username)
    response = client.get("/")
    assert "/doi-mat-khau/" not in response.get("Location", "")
    page = client.get("/tai-khoan/")
    assert page.status_code == 200 and "Đổi mật khẩu" in page.content.decode()


def test_the_office_lists_the_accounts_of_its_committee_only(demo, login):
    html = login("vanphong").get("/tai-khoan/").content.decode()
    assert "bithu1" in html and "dangvien" in html
    assert "captren" not in html  # the superior committee's account is not the office's
    html = login("bithu1").get("/tai-khoan/").content.decode()
    assert "Bí thư chi bộ – Chi bộ 1" in html and "dangvien" not in html


def test_office_creates_an_account_and_its_owner_must_change_the_password(demo, login):
    response = login("vanphong").post(
        "/tai-khoan/them/",
        {"username": "bithu3", "kind": "secretary", "org": "so-tttt-chi-bo-3"},
    )
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    password = password_on(response)
    assert Role.objects.get(user__username="bithu3").org.slug == "so-tttt-chi-bo-3"

    owner = Client()
    assert owner.login(username="bithu3", password=password)
    for path in ("/", "/ca-nhan/", "/tai-khoan/"):
        assert owner.get(path)["Location"] == "/doi-mat-khau/", path
    page = owner.get("/doi-mat-khau/")
    assert "mật khẩu dùng một lần" in page.content.decode()
    weak = owner.post(
        "/doi-mat-khau/",
        {"old_password": password, "new_password1": "ngan", "new_password2": "ngan"},
    )
    assert weak.status_code == 400 and "Mật khẩu quá ngắn" in weak.content.decode()
    done = owner.post(
        "/doi-mat-khau/",
        {
            "old_password": password,
            "new_password1": "mat-khau-rieng-3",
            "new_password2": "mat-khau-rieng-3",
        },
    )
    assert done.status_code == 302
    assert not Account.objects.get(user__username="bithu3").must_change_password
    assert owner.get("/").get("Location") != "/doi-mat-khau/"  # still logged in, no detour
    assert Client().login(username="bithu3", password="mat-khau-rieng-3")


@pytest.mark.parametrize(
    "data, error",
    [
        ({"username": "dv9", "kind": "member", "org": "so-tttt-tra-vinh"}, "cần số CCCD"),
        (
            {
                "username": "dv9",
                "kind": "member",
                "org": "so-tttt-tra-vinh",
                "cccd": "099099099099",
            },
            "Không có hồ sơ nào mang số CCCD 099099099099",
        ),
        ({"username": "vanphong", "kind": "office", "org": "so-tttt-tra-vinh"}, "đã có"),
        (
            {"username": "x9", "kind": "secretary", "org": "so-tttt-tra-vinh"},
            "chỉ giao trên chi bộ",
        ),
        # The superior committee is not among the office's choices at all.
        (
            {"username": "x9", "kind": "office", "org": "dang-uy-khoi-cac-co-quan-tra-vinh"},
            "Hãy chọn",
        ),
    ],
)
def test_bad_account_forms_write_nothing(demo, login, data, error):
    client = login("vanphong")
    before = table_counts()
    response = client.post("/tai-khoan/them/", data)
    assert response.status_code == 400
    assert error in response.content.decode()
    assert table_counts() == before


@pytest.mark.parametrize("username", ["bithu1", "dangvien", "captren"])
def test_only_the_office_manages_accounts(demo, login, username):
    client = login(username)
    bithu1 = User.objects.get(username="bithu1")
    before = table_counts()
    assert client.get("/tai-khoan/them/").status_code == 403
    data = {"username": "vp9", "kind": "office", "org": "so-tttt-tra-vinh"}
    assert client.post("/tai-khoan/them/", data).status_code == 403
    assert client.post(f"/tai-khoan/{bithu1.pk}/mat-khau-moi/").status_code == 403
    assert client.post(f"/tai-khoan/{bithu1.pk}/khoa/").status_code == 403
    assert client.post(f"/tai-khoan/{bithu1.pk}/mo-khoa/").status_code == 403
    assert table_counts() == before


def test_office_resets_a_password_shown_once(demo, login):
    bithu1 = User.objects.get(username="bithu1")
    client = login("vanphong")
    confirm = client.get(f"/tai-khoan/{bithu1.pk}/mat-khau-moi/")
    assert confirm.status_code == 200
    assert Client().login(username="bithu1", password=DEMO_PASSWORD)  # GET changed nothing
    response = client.post(f"/tai-khoan/{bithu1.pk}/mat-khau-moi/")
    password = password_on(response)
    assert not Client().login(username="bithu1", password=DEMO_PASSWORD)
    owner = Client()
    assert owner.login(username="bithu1", password=password)
    assert owner.get("/")["Location"] == "/doi-mat-khau/"


def test_office_deactivates_an_account_but_not_its_own(demo, login):
    bithu1 = User.objects.get(username="bithu1")
    vanphong = User.objects.get(username="vanphong")
    client = login("vanphong")
    client.post(f"/tai-khoan/{bithu1.pk}/khoa/")
    bithu1.refresh_from_db()
    assert not bithu1.is_active
    assert not Client().login(username="bithu1", password=DEMO_PASSWORD)
    assert client.post(f"/tai-khoan/{bithu1.pk}/khoa/", follow=True).status_code == 200
    client.post(f"/tai-khoan/{bithu1.pk}/mo-khoa/")
    assert Client().login(username="bithu1", password=DEMO_PASSWORD)
    history = client.get(f"/tai-khoan/{bithu1.pk}/").content.decode()
    assert "Khóa tài khoản bithu1" in history and "Mở khóa tài khoản bithu1" in history
    response = client.post(f"/tai-khoan/{vanphong.pk}/khoa/", follow=True)
    assert "không thể tự khóa" in response.content.decode()
    vanphong.refresh_from_db()
    assert vanphong.is_active


def test_office_cannot_touch_the_superior_s_account(demo, login):
    captren = User.objects.get(username="captren")
    client = login("vanphong")
    for path in ("", "mat-khau-moi/", "khoa/", "mo-khoa/"):
        assert client.post(f"/tai-khoan/{captren.pk}/{path}").status_code == 404


def test_wrong_current_password_is_refused(demo, login):
    response = login("bithu1").post(
        "/doi-mat-khau/",
        {"old_password": "sai", "new_password1": "moi-dai-du-8", "new_password2": "moi-dai-du-8"},
    )
    assert response.status_code == 400
    assert "Mật khẩu cũ không chính xác" in response.content.decode()


# First run ---------------------------------------------------------------------------------------


def test_first_run_leads_the_administrator_through_committee_and_cells(db, client):
    User.objects.create_superuser("quantri", password="quan-tri-123")
    client.login(username="quantri", password="quan-tri-123")
    assert client.get("/")["Location"] == "/bat-dau/"
    page = client.get("/bat-dau/").content.decode()
    assert "Chưa có tổ chức nào" in page
    bad = client.post("/bat-dau/", {"name": "", "place": "Cà Mau"})
    assert bad.status_code == 400 and not Organization.objects.exists()
    response = client.post(
        "/bat-dau/",
        {
            "name": "Đảng bộ Sở Xây dựng",
            "place": "Cà Mau",
            "valid_from": "2014-07-01",
            "superior_name": "Đảng ủy Khối các cơ quan tỉnh Cà Mau",
            "symbol": "ĐU",
        },
    )
    committee = Organization.objects.get(kind="party_committee")
    assert response["Location"] == f"/bat-dau/?to-chuc={committee.slug}"
    assert committee.parent.name == "Đảng ủy Khối các cơ quan tỉnh Cà Mau"
    assert client.get("/").get("Location") != "/bat-dau/"  # no longer a fresh installation
    client.post(f"/bat-dau/?to-chuc={committee.slug}", {"names": "Chi bộ 1\nChi bộ 2\n\nChi bộ 3"})
    cells = committee.children.filter(kind="party_cell")
    assert sorted(c.name for c in cells) == ["Chi bộ 1", "Chi bộ 2", "Chi bộ 3"]
    assert {c.valid_from.isoformat() for c in cells} == {"2014-07-01"}
    again = client.post(f"/bat-dau/?to-chuc={committee.slug}", {"names": "Chi bộ 4\nChi bộ 1"})
    assert again.status_code == 400 and "đã có chi bộ tên “Chi bộ 1”" in again.content.decode()
    assert committee.children.count() == 3
    page = client.get(f"/bat-dau/?to-chuc={committee.slug}").content.decode()
    assert "3 chi bộ" in page and "Nhập từ Excel" in page and "Tạo tài khoản" in page


def test_first_run_page_is_for_the_office_and_the_administrator(demo, login):
    page = login("vanphong").get("/bat-dau/")
    assert page.status_code == 200 and "4 chi bộ" in page.content.decode()
    assert login("bithu1").get("/bat-dau/").status_code == 403


def test_without_organizations_only_an_administrator_starts(db, client):
    User.objects.create_user("ai-do", password="mat-khau-123")
    client.login(username="ai-do", password="mat-khau-123")
    assert client.get("/bat-dau/").status_code == 403
    assert client.post("/bat-dau/", {"name": "X"}).status_code == 403
    assert not Organization.objects.exists()


def test_the_administrator_adds_another_committee(demo, client):
    User.objects.create_superuser("quantri", password="quan-tri-123")
    client.login(username="quantri", password="quan-tri-123")
    assert "tạo thêm một đảng bộ" in client.get("/bat-dau/").content.decode()
    data = {
        "name": "Đảng bộ Sở Mới",
        "place": "Trà Vinh",
        "valid_from": "2020-01-01",
        "symbol": "ĐU",
    }
    assert client.post("/bat-dau/?moi=1", data).status_code == 302
    assert Organization.objects.get(name="Đảng bộ Sở Mới").parent is None
    # An office cannot: the page stays its checklist, and nothing is created.
    office = login_as("vanphong")
    assert "tạo thêm" not in office.get("/bat-dau/?moi=1").content.decode()
    office.post("/bat-dau/?moi=1", {**data, "name": "Đảng bộ Khác"})
    assert not Organization.objects.filter(name="Đảng bộ Khác").exists()


def login_as(username):
    client = Client()
    assert client.login(username=username, password=DEMO_PASSWORD)
    return client
