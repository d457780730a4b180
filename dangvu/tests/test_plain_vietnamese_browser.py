"""Issue 14 in Chromium: figure pages in Vietnamese with formatted money, labels on every input
(axe-core), and the date input still taking a date."""

import re

import pytest

from dangvu.lib.text import money
from dangvu.meetings.models import Activity, ActivityOrg
from dangvu.orgs.models import Organization
from dangvu.reports import actions as report_actions
from dangvu.reports.models import ReportDraft

pytestmark = pytest.mark.browser

DEMO = "so-tttt-tra-vinh"  # the reference organization of the demo

# Group labels that used to leak from English model names.
ENGLISH = ("Contributions", "Degradation", "Study plans", "Shortcomings", "Scores", "Programme")
# axe-core rules about names of controls and images: every input, select and textarea has a
# label, every image an alt text, every button and link a name.
LABEL_RULES = ["label", "select-name", "image-alt", "button-name", "input-button-name", "link-name"]


def _money_figures(draft):
    figures = report_actions.live_facts(draft)
    for name, figure in sorted(figures.items()):
        value = figure.value
        if isinstance(value, int) and not isinstance(value, bool) and value >= 10000:
            if figure.records and not name.endswith("year"):
                yield name, value


def test_figure_pages_are_vietnamese_with_formatted_money(browser_login, live_demo):
    page = browser_login("vanphong")
    demo = Organization.objects.get(slug=DEMO)
    draft = ReportDraft.objects.filter(org=demo).order_by("id").first()
    checked = 0
    for name, value in _money_figures(draft):
        page.goto(f"{live_demo.url}/bao-cao/{draft.id}/so-lieu/{name}/")
        heading = page.locator("h1").inner_text()
        assert money(value) in heading, heading
        assert str(value) not in page.locator("main, body").first.inner_text()
        for h2 in page.locator("h2").all_inner_texts():
            assert not any(word in h2 for word in ENGLISH), h2
            assert not re.search(r"[a-zđ]s \(\d+\)$", h2), h2  # "Hoạt độngs (3)"
        assert page.locator("details.tech").get_attribute("open") is None  # folded away
        checked += 1
    assert checked >= 3
    # Every group of records behind the report's figures reads in Vietnamese.
    labels = set()
    for name, figure in report_actions.live_facts(draft).items():
        if figure.records:
            page.goto(f"{live_demo.url}/bao-cao/{draft.id}/so-lieu/{name}/")
            labels |= set(page.locator("h2").all_inner_texts())
            if len(labels) > 12:
                break
    assert labels and not [label for label in labels if any(w in label for w in ENGLISH)]


def test_inputs_have_labels_on_the_main_pages(browser_login, live_demo):
    axe_module = pytest.importorskip("axe_playwright_python.sync_playwright")
    axe = axe_module.Axe()
    page = browser_login("vanphong")
    demo = Organization.objects.get(slug=DEMO)
    meeting = (
        ActivityOrg.objects.filter(
            org__kind="party_cell", activity__kind=Activity.Kind.REGULAR_MEETING
        )
        .order_by("activity_id")
        .first()
    )
    draft = ReportDraft.objects.filter(org=demo).order_by("id").first()
    paths = [
        "/",
        "/ca-nhan/",
        "/hoat-dong/",
        f"/hoat-dong/{meeting.activity_id}/diem-danh/",
        f"/to-chuc/{demo.slug}/",
        f"/to-chuc/{demo.slug}/them/",
        f"/bao-cao/{draft.id}/",
        "/van-ban/",
    ]
    problems = []
    for path in paths:
        response = page.goto(f"{live_demo.url}{path}")
        assert response.ok and "/dang-nhap/" not in page.url, path
        results = axe.run(page, options={"runOnly": {"type": "rule", "values": LABEL_RULES}})
        for violation in results.response["violations"]:
            targets = [node["target"] for node in violation["nodes"]][:3]
            problems.append(f"{path}: {violation['id']} {targets}")
    assert not problems, "\n".join(problems)
    # The check itself sees a control without a label.
    page.evaluate("document.body.append(document.createElement('input'))")
    results = axe.run(page, options={"runOnly": {"type": "rule", "values": LABEL_RULES}})
    assert [v["id"] for v in results.response["violations"]] == ["label"]


def test_date_inputs_take_a_date_and_errors_come_together(browser_login, live_demo):
    page = browser_login("vanphong")
    demo = Organization.objects.get(slug=DEMO)
    page.goto(f"{live_demo.url}/to-chuc/{demo.slug}/them/")
    assert page.locator("input[name=valid_from]").get_attribute("type") == "date"
    page.fill("input[name=valid_from]", "2030-05-10")  # what Chromium's date picker sends
    page.click(
        "form.form button[type=submit]"
    )  # name left empty: the server answers, not the browser
    page.wait_for_load_state()
    assert page.locator(".form-errors li").count() >= 1
    assert page.locator("input[name=valid_from]").input_value() == "2030-05-10"
    assert "---------" not in page.content()
