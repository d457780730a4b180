"""The 2017 annual report draft of the demo organization, as its office wrote it in dangvu.

The narrative comes from `report_2017.toml`; every figure in it is a placeholder for a fact.
"""

import datetime as dt
import tomllib
from pathlib import Path

from dangvu.orgs.models import Organization, Position
from dangvu.reports import actions
from dangvu.reports.models import ReportDraft

from .foundation import SLUG

NARRATIVE = Path(__file__).resolve().parent / "report_2017.toml"


def load(stdout):
    org = Organization.objects.get(slug=SLUG)
    if ReportDraft.objects.filter(org=org, year=2017).exists():
        stdout.write("  báo cáo năm 2017: đã có, bỏ qua")
        return
    draft = actions.create_draft(None, org, 2017)
    issued = dt.date(2017, 12, 5)
    secretary = (
        Position.objects.filter(
            term__organization=org, role=Position.Role.SECRETARY, valid_from__lte=issued
        )
        .select_related("person")
        .first()
    )
    actions.edit_header(
        None,
        draft,
        issued_on=issued,
        signer_name=secretary.person.full_name if secretary else "",
    )
    actions.take_number(None, draft)
    texts = tomllib.loads(NARRATIVE.read_text(encoding="utf-8"))
    for section in draft.sections.all():
        if section.key in texts:
            spec = texts[section.key]
            actions.edit_section(None, section, spec["text"], spec.get("title"))
    draft.refresh_from_db()
    stdout.write(f"  báo cáo năm 2017: dự thảo {draft.number}")
