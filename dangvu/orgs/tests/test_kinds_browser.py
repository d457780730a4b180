"""An enterprise's committee created and filled in a real browser: the first-run page with its
type and first term, its cells, its profile figures; its annual report speaks of production and
business and of nothing an agency does, and it takes an outgoing number on its first term."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model

from dangvu.orgs import kinds
from dangvu.orgs.models import Organization, ProfileFigure, Term

pytestmark = pytest.mark.browser

YEAR = dt.date.today().year - 1
PASSWORD = "Gio-bac-nam-2026-thu"  # an invented administrator's password for this test only


def test_an_enterprise_is_created_filled_and_reported_in_the_browser(page, live_demo):
    get_user_model().objects.create_superuser("quantri-thu", password=PASSWORD)
    page.goto(f"{live_demo.url}/dang-nhap/")
    page.fill("input[name=username]", "quantri-thu")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state()

    page.goto(f"{live_demo.url}/bat-dau/?moi=1")
    page.fill("input[name=name]", "Đảng bộ Công ty Cổ phần Cơ khí Hòa Giang")
    page.fill("input[name=place]", "Hòa Giang")
    page.fill("input[name=valid_from]", f"{YEAR - 3}-01-15")
    page.fill("input[name=superior_name]", "Đảng ủy Khối Doanh nghiệp tỉnh Hòa Giang")
    page.fill("input[name=founding_document]", "Quyết định số 45-QĐ/ĐUK ngày 15/01/2020")
    page.select_option("select[name=org_type]", "doanh-nghiep-tu-nhan")
    page.fill("input[name=term]", f"{YEAR - 3}-{YEAR + 2}")
    page.click("form:has(input[name=term]) button[type=submit]")
    page.wait_for_load_state()
    org = Organization.objects.get(name="Đảng bộ Công ty Cổ phần Cơ khí Hòa Giang")
    assert kinds.kind_on(org).code == "doanh-nghiep-tu-nhan"
    assert Term.executive_on(org, dt.date(YEAR, 6, 1)) is not None

    page.fill("textarea[name=names]", "Chi bộ Phân xưởng cơ khí\nChi bộ Văn phòng công ty")
    page.click("form:has(textarea[name=names]) button[type=submit]")
    page.wait_for_load_state()
    assert org.children.filter(kind=Organization.Kind.PARTY_CELL).count() == 2

    page.goto(f"{live_demo.url}/to-chuc/{org.slug}/")
    page.click("a:has-text('Số liệu đặc điểm')")
    page.fill("input[name=as_of]", f"{YEAR}-12-31")
    page.fill("input[name=p_employees]", "640")
    page.fill("input[name=p_revenue]", "215300")
    page.click("form:has(input[name=as_of]) button[type=submit]")
    page.wait_for_load_state()
    assert ProfileFigure.objects.filter(organization=org, code="employees", value=640).exists()

    page.goto(f"{live_demo.url}/bao-cao/")
    page.select_option("select[name=org]", label=org.name)
    page.select_option("select[name=kind]", "annual")
    page.fill("input[name=year]", str(YEAR))
    page.click("form:has(select[name=kind]) button[type=submit]")
    page.wait_for_load_state()
    paper = page.locator(".report-paper")
    text = paper.inner_text()
    assert "SẢN XUẤT, KINH DOANH" in text
    assert "640 người lao động" in text and "215.300 triệu đồng" in text
    for agency in ("AN TOÀN CƠ QUAN", "đỡ đầu xã", "Biên chế", "Giám đốc"):
        assert agency not in text
    page.click("a:has-text('Lấy số')")
    page.wait_for_load_state()
    page.click("main form[method=post] button[type=submit]")
    page.wait_for_load_state()
    assert "01-BC/ĐU" in page.locator(".report-paper").inner_text()
