"""After the meeting: the cell's symbol for "Lấy số", task results between meetings, an
exemption from the person's page, and an activity entered by mistake deleted."""

from dangvu.accounts.models import AuditEntry

from .monthly_world import hold_meeting


def test_take_numbers_without_a_symbol_links_to_the_symbol_page(school, user_with):
    cell = school.cell
    cell.symbol = ""
    cell.save(update_fields=["symbol"])
    activity = hold_meeting(school, 1, issue=False)
    client = user_with("secretary", cell)
    refused = client.post(f"/sinh-hoat/{activity.id}/", {"viec": "ban-hanh"})
    html = refused.content.decode()
    assert refused.status_code == 400 and "chưa có ký hiệu" in html
    link = f"/to-chuc/{cell.slug}/ky-hieu/?tiep={activity.id}"
    assert link in html
    assert client.get(link).status_code == 200
    bad = client.post(link, {"symbol": "C/B"})
    assert bad.status_code == 400 and "không hợp lệ" in bad.content.decode()
    cell.refresh_from_db()
    assert cell.symbol == "" and not AuditEntry.objects.filter(action="org.symbol").exists()
    done = client.post(link, {"symbol": " cb "})
    assert done.status_code == 302 and done["Location"] == f"/sinh-hoat/{activity.id}/"
    cell.refresh_from_db()
    assert cell.symbol == "CB"
    assert AuditEntry.objects.filter(action="org.symbol").count() == 1
    issued = client.post(f"/sinh-hoat/{activity.id}/", {"viec": "ban-hanh"})
    assert issued.status_code == 302
    activity.plan.refresh_from_db()
    assert activity.plan.resolution_doc.symbol.endswith("-NQ/CB")
    # The organization's page links to it; a member of the cell cannot set it.
    assert f"/to-chuc/{cell.slug}/ky-hieu/" in client.get(f"/to-chuc/{cell.slug}/").content.decode()
    member = user_with("member", person=school.members[3])
    assert member.post(f"/to-chuc/{cell.slug}/ky-hieu/", {"symbol": "X"}).status_code in (403, 404)
    cell.refresh_from_db()
    assert cell.symbol == "CB"
