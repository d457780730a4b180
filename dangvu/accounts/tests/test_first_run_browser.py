"""A fresh installation in a real browser: the administrator creates the committee and its
cells, imports members from Excel and creates the office's account, whose owner logs in with
the one-time password and must change it first."""

import datetime as dt
import io

import openpyxl
import pytest
from django.contrib.auth import get_user_model

from dangvu.orgs.models import Organization
from dangvu.people import excel as people_excel
from dangvu.people.models import Membership

pytestmark = pytest.mark.browser


@pytest.fixture
def live_demo(transactional_db, live_server):
    """Overrides the root conftest's fixture of the same name, which the `page` fixture uses:
    here the live server runs over an EMPTY database, as a fresh installation does."""
    return live_server


def people_file(path, cells):
    book = openpyxl.load_workbook(io.BytesIO(people_excel.write_template()))
    sheet = book[people_excel.LIST_SHEET]
    headers = [c.value for c in sheet[1]]
    for n in range(6):
        row = {
            "Họ và tên": f"Đỗ Thị Mới {n}",
            "Ngày sinh": "01/02/1980",
            "Giới tính": "Nữ",
            "Số CCCD": f"0961800000{n:02d}",
            "Chi bộ": cells[n % len(cells)],
            "Ngày vào Đảng": "19/05/2005",
            "Ngày chính thức": "19/05/2006" if n else None,
        }
        if not n:
            row["Ngày vào Đảng"] = (dt.date.today() - dt.timedelta(days=60)).strftime("%d/%m/%Y")
        sheet.append([row.get(h) for h in headers])
    book.save(path)
    return path


def test_first_run_from_an_empty_database(page, live_demo, tmp_path):
    url = live_demo.url
    get_user_model().objects.create_superuser("quantri", password="quan-tri-123")
    page.goto(f"{url}/dang-nhap/")
    page.fill("input[name=username]", "quantri")
    page.fill("input[name=password]", "quan-tri-123")
    page.click("button[type=submit]")
    page.wait_for_url(f"{url}/bat-dau/")

    page.fill("input[name=name]", "Đảng bộ Sở Y tế")
    page.fill("input[name=place]", "Bến Tre")
    page.fill("input[name=valid_from]", "2013-04-01")
    page.fill("input[name=superior_name]", "Đảng ủy Khối các cơ quan tỉnh Bến Tre")
    page.click("button:has-text('Tạo đảng bộ')")
    page.wait_for_selector("text=Đã tạo Đảng bộ Sở Y tế")
    page.fill("textarea[name=names]", "Chi bộ Khám bệnh\nChi bộ Dự phòng\nChi bộ Văn phòng")
    page.click("button:has-text('Thêm chi bộ')")
    page.wait_for_selector("text=Đã tạo 3 chi bộ")

    page.click("text=Nhập từ Excel")
    path = people_file(tmp_path / "dv.xlsx", ["Chi bộ Khám bệnh", "Chi bộ Dự phòng"])
    page.select_option("select[name=org]", label="Đảng bộ Sở Y tế")
    page.set_input_files("input[name=file]", str(path))
    page.click("button:has-text('Tải lên và xem trước')")
    page.click("button:has-text('Ghi vào hồ sơ') >> nth=0")
    page.wait_for_selector("text=Đã ghi vào hồ sơ")
    assert Membership.objects.filter(kind="party").count() == 6

    page.goto(f"{url}/bat-dau/")
    assert page.locator("text=6 đảng viên").count() == 1
    page.click("ol.setup >> text=Tạo tài khoản")
    page.fill("input[name=username]", "vp-yte")
    page.select_option("select[name=kind]", "office")
    page.select_option("select[name=org]", label="Đảng bộ Sở Y tế (Đảng bộ cơ sở)")
    page.click("button:has-text('Tạo tài khoản')")
    password = page.locator("#mat-khau").inner_text()
    assert len(password) == 14

    page.click("button:has-text('Đăng xuất')")
    page.goto(f"{url}/dang-nhap/")
    page.fill("input[name=username]", "vp-yte")
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_url(f"{url}/doi-mat-khau/")
    page.fill("input[name=old_password]", password)
    page.fill("input[name=new_password1]", "song-lam-dong-sen-7")
    page.fill("input[name=new_password2]", "song-lam-dong-sen-7")
    page.click("button:has-text('Đổi mật khẩu')")
    page.wait_for_selector("text=Đã đổi mật khẩu")
    committee = Organization.objects.get(kind="party_committee")
    page.goto(f"{url}/to-chuc/{committee.slug}/thong-ke/")
    assert page.locator("[data-fact='party.members']").inner_text() == "6"
    assert page.locator("[data-fact='party.members.probationary']").inner_text() == "1"
