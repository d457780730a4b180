"""The office of the demo's Party committee records, in a real browser, what its trade union's
report needs: the upper union (beside the tree), a term with its Chủ tịch, a Phó Chủ tịch, and a
member introduced to the Party; each shows where the office looks for it."""

import datetime as dt

import pytest

from dangvu.orgs.models import Organization, Position, same_system_superior_on
from dangvu.people.models import Membership, PartyIntroduction

pytestmark = pytest.mark.browser

UPPER = "Công đoàn Viên chức tỉnh Trà Vinh"
RESOLUTION = "Nghị quyết số 04/NQ-CĐCS ngày 15/3/2024 của Ban Chấp hành Công đoàn cơ sở"


def _submit(page, field):
    page.click(f"form:has({field}) button[type=submit]")
    page.wait_for_load_state()


def test_the_union_s_superior_chair_and_introduction_in_the_browser(page, live_demo, browser_login):
    url = live_demo.url
    browser_login("vanphong")
    union = Organization.objects.filter(kind=Organization.Kind.TRADE_UNION).order_by("id").first()
    parent = union.parent
    members = list(
        Membership.objects.filter(org=union, kind=Membership.Kind.TRADE_UNION, valid_to=None)
        .exclude(person__party__admitted_on__isnull=False)
        .order_by("person__sort_name")[:1]
        .values_list("person_id", flat=True)
    ) + list(
        Membership.objects.filter(org=union, kind=Membership.Kind.TRADE_UNION, valid_to=None)
        .order_by("person__sort_name")[:2]
        .values_list("person_id", flat=True)
    )
    outsider, chair, deputy = members[0], members[1], members[2]

    page.goto(f"{url}/to-chuc/{union.slug}/")
    page.click("a:has-text('Cấp trên cùng hệ thống')")
    page.fill("input[name=superior_name]", UPPER)
    page.fill("input[name=valid_from]", "2020-01-01")
    _submit(page, "input[name=superior_name]")
    assert UPPER in page.inner_text("dd.same-system-superior")
    union.refresh_from_db()
    assert union.parent == parent
    assert same_system_superior_on(union, dt.date.today()).name == UPPER

    page.click("a:has-text('Nhiệm kỳ')")
    assert page.is_visible("label:has-text('Chủ tịch (hoặc Chủ nhiệm Ủy ban Kiểm tra)')")
    page.fill("input[name=name]", "2023-2028")
    page.fill("input[name=valid_from]", "2023-05-01")
    page.select_option("select[name=secretary]", str(chair))
    _submit(page, "select[name=secretary]")
    page.goto(f"{url}/to-chuc/{union.slug}/")
    page.click("a:has-text('Chức vụ Ban Chấp hành')")
    offered = page.eval_on_selector_all("select[name=role] option", "os => os.map(o => o.text)")
    assert "Chủ tịch" in offered and "Bí thư" not in offered
    page.select_option("select[name=term]", index=1)
    page.select_option("select[name=person]", str(deputy))
    page.select_option("select[name=role]", Position.Role.VICE_PRESIDENT)
    page.fill("input[name=valid_from]", "2023-05-01")
    _submit(page, "select[name=role]")
    table = page.inner_text("main")
    assert "Ban Chấp hành, ủy ban kiểm tra" in table and "Phó Chủ tịch" in table

    page.goto(f"{url}/ca-nhan/{outsider}/")
    page.click("a:has-text('Đoàn thể giới thiệu cho Đảng xem xét kết nạp')")
    page.select_option("select[name=org]", str(union.id))
    page.fill("input[name=introduced_on]", "2024-03-15")
    page.fill("input[name=resolution]", RESOLUTION)
    _submit(page, "input[name=resolution]")
    assert RESOLUTION in page.inner_text("table.introductions")
    assert PartyIntroduction.objects.get(person_id=outsider).org == union
