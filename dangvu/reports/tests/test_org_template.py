"""The office owns its template: sections renamed, removed, added and reordered for its
organization, used by its later drafts, and reset to its type's."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from dangvu.accounts.tests.helpers import run
from dangvu.orgs.models import Organization
from dangvu.reports import actions
from dangvu.reports.models import OrgTemplateSection
from dangvu.reports.unsaved import type_sections

YEAR = dt.date.today().year - 1


@pytest.fixture
def commune(db):
    slug = run(
        "create_org", "--name", "Đảng bộ xã Long Hữu", "--kind", "party_committee",
        "--from", f"{YEAR - 3}-01-01", "--place", "Long Hữu", "--type", "xa",
    ).strip()  # fmt: skip
    return Organization.objects.get(slug=slug)


def _titles(draft):
    return [s.title for s in draft.sections.order_by("order")]


def test_renamed_removed_added_and_reordered_sections_serve_later_drafts(commune):
    base = type_sections(commune, "annual", dt.date(YEAR, 12, 31))
    lines = actions.outline_of(base).split("\n")
    economy = next(i for i, line in enumerate(lines) if "[development.economy]" in line)
    society = next(i for i, line in enumerate(lines) if "[development.society]" in line)
    lines[economy], lines[society] = lines[society], lines[economy]  # reordered
    lines = [line for line in lines if "[government.council]" not in line]  # removed
    lines[0] = "TÌNH HÌNH CHUNG CỦA XÃ [situation]"  # renamed
    lines.insert(society + 1, "- Chăm lo đời sống đồng bào Khmer")  # added
    actions.save_org_template(None, commune, "annual", "\n".join(lines), base)

    for year in (YEAR - 1, YEAR):  # kept for later periods
        titles = _titles(actions.create_draft(None, commune, year))
        assert titles[0] == "TÌNH HÌNH CHUNG CỦA XÃ"
        assert "Hội đồng nhân dân, Ủy ban nhân dân" not in titles
        assert titles.index("Văn hóa - xã hội, giáo dục, y tế, an sinh xã hội") < titles.index(
            "Phát triển kinh tế, {org.words.economy}"
        )
        assert "Chăm lo đời sống đồng bào Khmer" in titles
    draft = actions.create_draft(None, commune, YEAR)
    situation = draft.sections.get(key="situation")
    assert "{party.members}" in situation.text  # the renamed section keeps its text
    added = draft.sections.get(title="Chăm lo đời sống đồng bào Khmer")
    assert added.parent_key == "development" and added.text == ""

    actions.reset_org_template(None, commune, "annual")
    assert _titles(actions.create_draft(None, commune, YEAR))[0] == "ĐẶC ĐIỂM, TÌNH HÌNH"
    with pytest.raises(ValidationError, match="mẫu của loại hình"):
        actions.reset_org_template(None, commune, "annual")


@pytest.mark.parametrize(
    "outline, message",
    [
        ("", "ít nhất một mục"),
        ("-- Lùi quá sâu", "lùi vào 2 bậc"),
        ("ĐẶC ĐIỂM [khong-co]", "không có mục"),
        ("A [situation]\nB [situation]", "có hai lần"),
        ("[situation]", "không được để trống"),
    ],
)
def test_a_bad_outline_is_refused_and_nothing_changes(commune, outline, message):
    base = type_sections(commune, "annual", dt.date(YEAR, 12, 31))
    with pytest.raises(ValidationError, match=message):
        actions.save_org_template(None, commune, "annual", outline, base)
    assert not OrgTemplateSection.objects.filter(org=commune).exists()


def test_the_template_page_saves_the_outline(commune, client, django_user_model):
    admin = django_user_model.objects.create_superuser("quantri-mau", password="x-Mau-2026-thu")
    client.force_login(admin)
    url = f"/bao-cao/mau/{commune.slug}/six_month/"
    page = client.get(url)
    assert page.status_code == 200 and "[results.development]" in page.content.decode()
    response = client.post(
        url, {"outline": "KẾT QUẢ [results]\n- Nông nghiệp [results.development]"}
    )
    assert response.status_code == 302
    assert list(
        OrgTemplateSection.objects.filter(org=commune, template="six_month").values_list(
            "title", flat=True
        )
    ) == ["KẾT QUẢ", "Nông nghiệp"]
    assert client.get(f"/bao-cao/mau/{commune.slug}/khong-co/").status_code == 404
