"""A draft built in memory from the default template, for exports when none was saved."""

from .actions import _default_header
from .models import ReportDraft, ReportSection
from .report_template import load_template


def unsaved_draft(org, year, template="annual"):
    spec = load_template(template)
    draft = ReportDraft(org=org, year=year, template=template, **_default_header(org, year))
    draft.unsaved_sections = [
        ReportSection(
            key=s["key"],
            parent_key=s.get("parent", ""),
            order=i,
            title=s["title"],
            numbering=s.get("numbering", "auto"),
            text=s.get("text", "").strip(),
        )
        for i, s in enumerate(spec["sections"])
    ]
    return draft


def sections_of(draft):
    """The sections of a saved draft, or of one built in memory."""
    if draft.pk is None:
        return draft.unsaved_sections
    return list(draft.sections.all())
