"""Each kind of grassroots organization created and filled in a real browser, one session per
kind: the first-run page with its type and first term, its cells (a commune's hamlet cells), its
profile figures (a commune's farmers' union too, joined by a villager with a job position); its
annual and six-month reports carry the kind's sections and nothing an agency's does, and
it takes an outgoing number on its first term. The organizations are those the command tests
invent (`test_kinds.ORGS`)."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model

from dangvu.lib.text import fold
from dangvu.orgs import kinds
from dangvu.orgs.models import Organization, ProfileFigure, Term
from dangvu.orgs.tests.test_kinds import AGENCY_WORDS, FOUNDED, ORGS, SUPERIOR, YEAR
from dangvu.people import actions as people

pytestmark = pytest.mark.browser

PASSWORD = "Gio-bac-nam-2026-thu"  # an invented administrator's password for this test only


def _sign_in(page, url):
    get_user_model().objects.create_superuser("quantri-thu", password=PASSWORD)
    page.goto(f"{url}/dang-nhap/")
    page.fill("input[name=username]", "quantri-thu")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state()


def _submit(page, field):
    page.click(f"form:has({field}) button[type=submit]")
    page.wait_for_load_state()


def _first_run(page, url, code):
    """The committee on the first-run page, with its type and first term, then its cells."""
    name, place, cells, _profile, _annual, _six = ORGS[code]
    page.goto(f"{url}/bat-dau/?moi=1")
    page.fill("input[name=name]", name)
    page.fill("input[name=place]", place)
    page.fill("input[name=valid_from]", FOUNDED.isoformat())
    page.fill("input[name=superior_name]", SUPERIOR)
    page.fill("input[name=founding_document]", f"Quyết định số 12-QĐ/TU ngày 01/3/{FOUNDED.year}")
    page.select_option("select[name=org_type]", code)
    page.fill("input[name=term]", f"{FOUNDED.year}-{FOUNDED.year + 5}")
    _submit(page, "input[name=term]")
    org = Organization.objects.get(name=name)
    page.fill("textarea[name=names]", "\n".join(cells))
    _submit(page, "textarea[name=names]")
    return org


def _profile(page, url, org, figures):
    page.goto(f"{url}/to-chuc/{org.slug}/")
    page.click("a:has-text('Số liệu đặc điểm')")
    page.fill("input[name=as_of]", f"{YEAR}-12-31")
    for code, value in figures.items():
        page.fill(f"input[name=p_{code}]", str(value))
    _submit(page, "input[name=as_of]")


def _report(page, url, org, kind="annual"):
    page.goto(f"{url}/bao-cao/")
    page.select_option("select[name=org]", label=org.name)
    page.select_option("select[name=kind]", kind)
    page.fill("input[name=year]", str(YEAR))
    _submit(page, "select[name=kind]")
    return page.locator(".report-paper").inner_text()


def _farmers_union(page, url, org):
    """A commune's farmers' union, and a villager with a job position who joins it."""
    page.goto(f"{url}/to-chuc/{org.slug}/them/")
    page.select_option("select[name=kind]", "mass")
    page.fill("input[name=name]", "Hội Nông dân xã")
    page.select_option("select[name=mass_kind]", "farmers_union")
    page.fill("input[name=valid_from]", FOUNDED.isoformat())
    _submit(page, "select[name=mass_kind]")
    union = Organization.objects.get(parent=org, mass_kind="farmers_union")
    villager = people.create_person(None, home_org=org, full_name="Kim Thị Sa Ra", gender="female")
    page.goto(f"{url}/ca-nhan/{villager.pk}/sua/")
    offered = page.locator("datalist#goi-y-job_title option").evaluate_all(
        "os => os.map(o => o.value)"
    )
    assert offered == list(kinds.get("xa").positions)
    page.fill("input[name=job_title]", "Chi hội trưởng Nông dân ấp")  # any title
    _submit(page, "input[name=job_title]")
    page.goto(f"{url}/ca-nhan/{villager.pk}/thao-tac/doan-the/")
    page.select_option("select[name=kind]", "mass")
    page.select_option("select[name=org]", label=union.name)
    page.fill("input[name=on]", f"{YEAR}-01-15")
    _submit(page, "select[name=org]")
    villager.refresh_from_db()
    assert villager.job_title == "Chi hội trưởng Nông dân ấp"
    assert villager.memberships.get(kind="mass").org == union


@pytest.mark.parametrize("code", list(ORGS))
def test_each_kind_is_created_filled_and_reported_in_the_browser(page, live_demo, code):
    url = live_demo.url
    _sign_in(page, url)
    org = _first_run(page, url, code)
    _name, _place, cells, figures, annual_words, six_words = ORGS[code]
    assert kinds.kind_on(org).code == code
    assert Term.executive_on(org, dt.date(YEAR, 6, 1)) is not None
    assert sorted(org.children.values_list("name", flat=True)) == sorted(cells)

    page.goto(f"{url}/to-chuc/{org.slug}/")
    page.click("a:has-text('Chức vụ cấp ủy')")
    offered = page.locator("datalist#goi-y-title option").evaluate_all("os => os.map(o => o.value)")
    assert offered == list(kinds.get(code).positions)  # the type's own, as suggestions

    _profile(page, url, org, figures)
    for figure, value in figures.items():
        assert ProfileFigure.objects.filter(organization=org, code=figure, value=value).exists()

    if code == "xa":
        _farmers_union(page, url, org)
        # Section I states the union's members on record now, not the profile figure.
        annual_words = [w for w in annual_words if not w.startswith("hội nông dân")]
        annual_words += ["- Hội Nông dân: 01 hội viên.", "Hội Nông dân 01 hội viên."]
    six = fold(_report(page, url, org, "six_month"))
    for word in six_words:
        assert fold(word) in six, word
    text = fold(_report(page, url, org))
    for word in annual_words:
        assert fold(word) in text, word
    for word in AGENCY_WORDS:
        assert fold(word) not in text and fold(word) not in six, word
    page.click("a:has-text('Lấy số')")
    page.wait_for_load_state()
    page.click("main form[method=post] button[type=submit]")
    page.wait_for_load_state()
    assert "01-BC/ĐU" in page.locator(".report-paper").inner_text()
