"""Issue 14: plain Vietnamese on every page, inputs that behave, actions only for who may take them."""

import datetime as dt
import re

from django.apps import apps
from django.utils.text import camel_case_to_spaces

from dangvu.lib.text import fold, money
from dangvu.meetings.models import Activity
from dangvu.orgs.models import Organization, OrganizationName
from dangvu.people.models import Membership
from dangvu.reports import actions as report_actions
from dangvu.reports.models import ReportDraft
from dangvu.web import EMPTY_LABEL

CELL = "so-tttt-chi-bo-1"  # bithu1's cell in the demo
ACTIVITY_LINK = re.compile(r'href="/hoat-dong/(\d+)/"')


def _draft(demo):
    return ReportDraft.objects.filter(org=demo).order_by("id").first()


def _big_number_fact(draft):
    """A figure of the report whose value needs thousands separators (money in the demo)."""
    for name, figure in sorted(report_actions.live_facts(draft).items()):
        value = figure.value
        if isinstance(value, int) and not isinstance(value, bool) and value >= 10000:
            if figure.records and not name.endswith("year"):
                return name, value
    raise AssertionError("the demo report has no large figure")


def _list_fact(draft):
    for name, figure in sorted(report_actions.live_facts(draft).items()):
        if isinstance(figure.value, list) and figure.value and isinstance(figure.value[0], str):
            return name, figure.value
    raise AssertionError("the demo report has no list figure")


# Names ----------------------------------------------------------------------------------------


def test_every_model_has_a_vietnamese_name_without_an_english_plural():
    for model in apps.get_models():
        if not model.__module__.startswith("dangvu."):
            continue
        meta = model._meta
        assert meta.verbose_name != camel_case_to_spaces(model.__name__), meta.label
        # Vietnamese nouns take no plural ending: "Hoạt động", never "Hoạt độngs".
        assert meta.verbose_name_plural == meta.verbose_name, meta.label


def test_report_figure_page_formats_money_and_lists(demo, login):
    client = login("vanphong")
    draft = _draft(demo)
    name, value = _big_number_fact(draft)
    html = client.get(f"/bao-cao/{draft.id}/so-lieu/{name}/").content.decode()
    assert money(value) in html and str(value) not in html
    # The technical name is kept for template authors, folded away under "Chi tiết kỹ thuật".
    assert "<summary>Chi tiết kỹ thuật</summary>" in html
    assert f"<h1>{name}" not in html
    for heading in re.findall(r"<h2>(.*?) \(\d+\)</h2>", html):
        assert not re.search(r"[a-z]s$", heading), heading  # no English plural
    name, items = _list_fact(draft)
    html = client.get(f"/bao-cao/{draft.id}/so-lieu/{name}/").content.decode()
    assert "[&#x27;" not in html and "['" not in html
    assert html.count("<li>") >= len(items)


# Activity search ------------------------------------------------------------------------------


def test_activity_search_ignores_diacritics(demo, login):
    client = login("vanphong")
    expected = {a.id for a in Activity.objects.all() if "quan triet" in fold(a.title)}
    assert expected  # the demo has "Quán triệt" meetings

    def found(q):
        ids = set()
        for page in range(1, 10):
            html = client.get("/hoat-dong/", {"q": q, "trang": page}).content.decode()
            ids |= {int(i) for i in ACTIVITY_LINK.findall(html)}
            if f"trang={page + 1}" not in html:
                break
        return ids

    assert found("quan triet") == expected
    assert found("Quán triệt") == expected
    assert found("QUAN   TRIET") == expected
    assert found("quan triet khong co dau nay") == set()


# Dates and forms ------------------------------------------------------------------------------


def test_a_typed_day_first_date_is_read_day_first(demo, login):
    client = login("vanphong")
    cell = Organization.objects.get(slug=CELL)
    response = client.post(
        f"/to-chuc/{CELL}/doi-ten/", {"new_name": "Chi bộ Mới", "on": "10/05/2030"}
    )
    assert response.status_code == 302
    assert OrganizationName.objects.filter(
        organization=cell, name="Chi bộ Mới"
    ).get().valid_from == (dt.date(2030, 5, 10))


def test_every_form_error_is_shown_at_once(demo, login):
    client = login("vanphong")
    response = client.post(f"/to-chuc/{demo.slug}/them/", {"kind": "party_cell"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "novalidate" in html  # the browser does not stop at the first empty field
    summary = re.search(r'<div class="error form-errors".*?</div>', html, re.S).group(0)
    assert "Tên" in summary and "Ngày thành lập" in summary
    assert html.count('<span class="error">') >= 2


def test_dropdowns_start_with_a_vietnamese_empty_choice(demo, login):
    html = login("vanphong").get(f"/to-chuc/{CELL}/sap-nhap/").content.decode()
    assert EMPTY_LABEL in html and "---------" not in html


# Actions only for who may take them -----------------------------------------------------------


def test_a_cell_secretary_is_not_offered_the_structure_of_their_cell(demo, login):
    client = login("bithu1")
    response = client.get(f"/to-chuc/{CELL}/")
    html = response.content.decode()
    assert response.status_code == 200 and "Danh sách cá nhân" in html
    for label in ("Đổi tên", "Sáp nhập", "Giải thể"):
        assert label not in html
    cell = Organization.objects.get(slug=CELL)
    for path, data in (
        ("doi-ten", {"new_name": "Tên khác", "on": "2030-01-01"}),
        ("giai-the", {"on": "2030-01-01"}),
        ("sap-nhap", {"successor": cell.id, "on": "2030-01-01"}),
    ):
        assert client.get(f"/to-chuc/{CELL}/{path}/").status_code == 403
        assert client.post(f"/to-chuc/{CELL}/{path}/", data).status_code == 403
    cell.refresh_from_db()
    assert cell.valid_to is None and not cell.names.filter(name="Tên khác").exists()


def test_the_office_is_offered_the_structure_of_its_cells(demo, login):
    html = login("vanphong").get(f"/to-chuc/{CELL}/").content.decode()
    for label in ("Đổi tên", "Sáp nhập", "Giải thể"):
        assert label in html


def _transferred_out():
    return (
        Membership.objects.filter(kind=Membership.Kind.PARTY, end_reason="transfer_out")
        .exclude(
            person__memberships__kind=Membership.Kind.PARTY, person__memberships__valid_to=None
        )
        .order_by("valid_to")
        .first()
    )


def test_a_transferred_member_reads_as_gone_and_is_not_offered_admission(demo, login):
    ended = _transferred_out()
    client = login("vanphong")
    html = client.get(f"/ca-nhan/{ended.person_id}/").content.decode()
    status = re.search(r'<dd class="party-status">(.*?)</dd>', html).group(1)
    assert status == f"Đã chuyển đi (ngày {ended.valid_to:%d/%m/%Y})"
    assert "/thao-tac/ket-nap/" not in html and "/thao-tac/chuyen-di/" not in html
    before = ended.valid_to - dt.timedelta(days=1)
    html = client.get(f"/ca-nhan/{ended.person_id}/?ngay={before:%Y-%m-%d}").content.decode()
    status = re.search(r'<dd class="party-status">(.*?)</dd>', html).group(1)
    assert status in ("Chính thức", "Dự bị")
    assert "/thao-tac/chuyen-di/" in html and "/thao-tac/ket-nap/" not in html
