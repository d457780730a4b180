"""A draft built in memory from the default template, for exports when none was saved."""

from .actions import _default_header, check_reportable
from .models import ReportDraft, ReportSection
from .report_template import org_kind, sections_for, template_for


def unsaved_draft(org, year, template="annual", period=""):
    """The report the office would start from, checked like a new draft; nothing is saved."""
    period, _dates = check_reportable(org, template, year, period)  # the normalized code
    spec = template_for(template, org)
    draft = ReportDraft(
        org=org, year=year, template=template, period=period, **_default_header(org, year, period)
    )
    draft.unsaved_sections = [
        ReportSection(
            key=s["key"],
            parent_key=s["parent"],
            order=i,
            title=s["title"],
            numbering=s["numbering"],
            text=s["text"],
            programme=s["programme"],
        )
        for i, s in enumerate(sections_for(spec, org_kind(org)))
    ]
    return draft


def sections_of(draft):
    """The sections of a saved draft, or of one built in memory."""
    if draft.pk is None:
        return draft.unsaved_sections
    return list(draft.sections.all())
