"""Who reads and changes report drafts (dangvu.core.access): read with their organization,
written by whoever writes that organization's reports (`Scope.can_write_report`: also a
superior committee's office for its own report)."""

from dangvu.core import access
from dangvu.core.access import Rule, by_org

from .models import OrgTemplateSection, ReportDraft


def _written_with_reports(noun: str, url_param: str = "") -> Rule:
    """Read with the record's organization, written by whoever writes its reports."""
    return Rule(
        by_org().read,
        lambda scope, record: scope.can_write_report(record.org),
        "org",
        noun=noun,
        url_param=url_param,
    )


access.register(ReportDraft, _written_with_reports("báo cáo", url_param="draft_id"))
access.register(OrgTemplateSection, _written_with_reports("mẫu báo cáo của tổ chức"))
