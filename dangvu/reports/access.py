"""Who reads and changes report drafts (dangvu.core.access): read with their organization,
written by whoever writes that organization's reports (`Scope.can_write_report`: also a
superior committee's office for its own report)."""

from dangvu.core import access
from dangvu.core.access import Rule, by_org

from .models import OrgTemplateSection, ReportDraft

_read = by_org().read
access.register(
    ReportDraft,
    Rule(
        _read,
        lambda scope, draft: scope.can_write_report(draft.org),
        "org",
        noun="báo cáo",
        url_param="draft_id",
    ),
)
access.register(
    OrgTemplateSection,
    Rule(
        _read,
        lambda scope, section: scope.can_write_report(section.org),
        "org",
        noun="mẫu báo cáo của tổ chức",
    ),
)
