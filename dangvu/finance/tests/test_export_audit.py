"""The members' fee sheet downloaded as a file leaves an audit entry (who, when, what, rows)."""

from dangvu.accounts.models import AuditEntry
from dangvu.finance.book import year_books
from dangvu.orgs.models import Organization


def test_the_fee_sheet_export_is_audited(demo, login):
    cell = Organization.objects.get(slug="so-tttt-chi-bo-1")
    response = login("bithu1").get(f"/dang-phi/to-chuc/{cell.slug}/so-thu-nop/2017/xlsx/")
    assert response.status_code == 200
    entry = AuditEntry.objects.get(action="fee.sheet.export")
    assert entry.actor.username == "bithu1" and entry.org == cell
    assert entry.after == {
        "rows": len(year_books(2017, cell_ids=[cell.id])),
        "filters": {"nam": 2017},
    }
    assert "2017" in entry.summary and f"{entry.after['rows']} dòng" in entry.summary
    # The page itself is not an export.
    login("bithu1").get(f"/dang-phi/to-chuc/{cell.slug}/so-thu-nop/2017/")
    assert AuditEntry.objects.filter(action="fee.sheet.export").count() == 1
