"""What a finalised report holds back: an activity it counted is not deleted
(`dangvu.meetings.actions.DELETE_GUARDS`)."""

from dangvu.meetings import actions as meeting_actions
from dangvu.orgs.tree import subtree_ids

from .models import ReportDraft


def finalised_report_counting(activity) -> str:
    """A reason when a finalised report of the activity's organizations or those above them,
    over a period holding its date, counted it; "" otherwise."""
    org_ids = set(activity.links.values_list("org_id", flat=True))
    if not org_ids:
        return ""
    day = activity.starts_on
    for report in ReportDraft.objects.filter(
        status=ReportDraft.Status.FINAL, year=day.year
    ).select_related("org"):
        period = report.reporting_period
        if period.start <= day <= period.end and org_ids & set(subtree_ids([report.org_id])):
            return f"{report.label} của {report.org} đã chốt có tính hoạt động này."
    return ""


meeting_actions.DELETE_GUARDS.append(finalised_report_counting)
