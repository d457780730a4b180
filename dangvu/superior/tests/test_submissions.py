"""Sending a finalised report upward, the deadline, and the superior's tracker."""

import datetime as dt
import json
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from dangvu.accounts.models import AuditEntry, Role
from dangvu.orgs.models import Organization
from dangvu.reports.models import ReportDraft
from dangvu.superior import actions, synthetic
from dangvu.superior.models import Submission
from dangvu.superior.tracker import track

pytestmark = pytest.mark.django_db
SUPERIOR = "dang-uy-khoi-cac-co-quan-tra-vinh"


def _final(draft, on=dt.date(2017, 12, 5)):
    """Finalised as the reports app would leave it (the reports app has its own tests)."""
    ReportDraft.objects.filter(pk=draft.pk).update(
        status=ReportDraft.Status.FINAL,
        finalised_at=timezone.make_aware(dt.datetime.combine(on, dt.time(9))),
        frozen_facts={"party.members": 54},
    )
    draft.refresh_from_db()
    return draft


def _unit_draft(org, year=2017):
    return ReportDraft.objects.create(
        org=org, year=year, number="1-BC/ĐU", issued_on=dt.date(year, 12, 1)
    )


def test_a_draft_is_sent_only_once_finalised(demo):
    draft = ReportDraft.objects.get(org=demo, year=2017)
    with pytest.raises(ValidationError, match="đã chốt"):
        actions.send_report(None, draft)
    _final(draft)
    s = actions.send_report(None, draft, dt.date(2017, 12, 10))
    assert (s.unit, s.superior.slug, s.year, s.sent_on) == (
        demo,
        SUPERIOR,
        2017,
        dt.date(2017, 12, 10),
    )
    assert AuditEntry.objects.filter(action="report.send", target_id=s.pk).exists()
    with pytest.raises(ValidationError, match="đã được gửi"):
        actions.send_report(None, draft)
    earlier = _final(_unit_draft(demo, 2016))
    with pytest.raises(ValidationError, match="trước ngày chốt"):
        actions.send_report(None, earlier, dt.date(2017, 1, 1))


def test_tracker_sent_late_missing_and_reminders(demo):
    superior = Organization.objects.get(slug=SUPERIOR)
    synthetic.build(committees=4, cells=1, members=3, parent=superior)
    actions.set_deadline(None, superior, 2017, dt.date(2017, 12, 15))
    tracker = track(superior, 2017, today=dt.date(2018, 1, 10))
    assert len(tracker.lines) == 1 + 3 + 2
    assert {line.status for line in tracker.lines} == {"missing"}
    assert all(line.overdue for line in tracker.lines)
    _final(ReportDraft.objects.get(org=demo, year=2017))
    actions.send_report(None, ReportDraft.objects.get(org=demo, year=2017), dt.date(2017, 12, 10))
    late_unit = next(line.org for line in tracker.lines if line.org != demo)
    late = _final(_unit_draft(late_unit))
    actions.send_report(None, late, dt.date(2017, 12, 20))
    tracker = track(superior, 2017, today=dt.date(2018, 1, 10))
    status = {line.org.slug: line.status for line in tracker.lines}
    assert status[demo.slug] == "sent" and status[late_unit.slug] == "late"
    assert tracker.counts() == {"sent": 1, "late": 1, "missing": 4}
    assert len(tracker.reminders()) == 4 and demo not in [r.org for r in tracker.reminders()]


def test_submissions_command_lists_every_unit(demo):
    superior = Organization.objects.get(slug=SUPERIOR)
    synthetic.build(committees=3, cells=1, members=3, parent=superior)
    draft = _final(ReportDraft.objects.get(org=demo, year=2017))
    call_command("send_report", draft=draft.pk, date="2017-12-10", stdout=StringIO())
    out = StringIO()
    call_command("submissions", org=SUPERIOR, year=2017, json=True, stdout=out)
    data = json.loads(out.getvalue())
    assert data["org"] == SUPERIOR and data["year"] == 2017
    assert len(data["units"]) == 1 + 2 + 2
    mine = next(u for u in data["units"] if u["org"] == demo.slug)
    assert mine == {
        "org": demo.slug,
        "name": mine["name"],
        "status": "sent",
        "sent_on": "2017-12-10",
    }


def test_send_report_command_respects_roles(demo):
    draft = _final(ReportDraft.objects.get(org=demo, year=2017))
    with pytest.raises(CommandError, match="không có quyền"):
        call_command("send_report", draft=draft.pk, user="captren", stdout=StringIO())
    with pytest.raises(CommandError, match="Không tìm thấy"):
        call_command("send_report", draft=draft.pk, user="bithu1", stdout=StringIO())
    call_command("send_report", draft=draft.pk, user="vanphong", stdout=StringIO())
    assert Submission.objects.get(draft=draft).sent_by.username == "vanphong"


def test_deadline_by_the_superior_office_or_the_admin_command(demo, login):
    with pytest.raises(CommandError, match="không có quyền"):
        call_command(
            "set_deadline",
            org=SUPERIOR,
            year=2017,
            date="2017-12-15",
            user="captren",
            stdout=StringIO(),
        )
    call_command("set_deadline", org=SUPERIOR, year=2017, date="2017-12-15", stdout=StringIO())
    call_command("set_deadline", org=SUPERIOR, year=2017, date="2017-12-20", stdout=StringIO())
    superior = Organization.objects.get(slug=SUPERIOR)
    assert track(superior, 2017).deadline.due_on == dt.date(2017, 12, 20)
    with pytest.raises(CommandError, match="cấp trên"):
        call_command("set_deadline", org=demo.slug, year=2017, date="2017-12-15", stdout=StringIO())
    url = f"/cap-tren/{SUPERIOR}/bao-cao-gui/2017/han/"
    assert login("captren").post(url, {"due_on": "2017-12-01"}).status_code == 403
    from conftest import DEMO_PASSWORD

    office = get_user_model().objects.create_user("vp-khoi", password=DEMO_PASSWORD)
    Role.objects.create(user=office, kind=Role.Kind.OFFICE, org=superior)
    client = login("vp-khoi")
    response = client.post(url, {"due_on": "2018-01-10", "note": "=HYPERLINK(1)"})
    assert response.status_code == 302
    assert track(superior, 2017).deadline.due_on == dt.date(2018, 1, 10)


def test_pages_tracker_send_and_reminders(demo, login):
    draft = _final(ReportDraft.objects.get(org=demo, year=2017))
    office = login("vanphong")
    own = office.get(f"/cap-tren/{demo.slug}/bao-cao-gui/2017/").content.decode()
    assert f"/cap-tren/gui/{draft.pk}/" in own and 'data-status="missing"' in own
    page = office.get(f"/cap-tren/gui/{draft.pk}/")
    assert page.status_code == 200 and "Gửi báo cáo lên" in page.content.decode()
    assert office.post(f"/cap-tren/gui/{draft.pk}/", {"sent_on": "2017-12-11"}).status_code == 302
    assert Submission.objects.get(draft=draft).sent_on == dt.date(2017, 12, 11)
    superior = login("captren")
    assert superior.post(f"/cap-tren/gui/{draft.pk}/").status_code == 403
    html = superior.get(f"/cap-tren/{SUPERIOR}/bao-cao-gui/2017/").content.decode()
    assert 'data-status="sent"' in html and "11/12/2017" in html
    # A unit renamed "=cmd" still reaches the reminder list as text, never as a formula.
    other = synthetic.build(
        committees=2, cells=1, members=2, parent=Organization.objects.get(slug=SUPERIOR), prefix="x"
    )
    Organization.objects.filter(slug="x-db-0").update(name="=1+2")
    Organization.objects.get(slug="x-db-0").names.all().delete()
    assert other
    csv = superior.get(f"/cap-tren/{SUPERIOR}/bao-cao-gui/2017/nhac/csv/").content.decode(
        "utf-8-sig"
    )
    assert "'=1+2" in csv and demo.name not in csv
    xlsx = superior.get(f"/cap-tren/{SUPERIOR}/bao-cao-gui/2017/nhac/xlsx/")
    from io import BytesIO

    from openpyxl import load_workbook

    ws = load_workbook(BytesIO(xlsx.content)).active
    names = [c.value for c in ws["B"]]
    assert "'=1+2" in names
    assert all(
        not (isinstance(v, str) and v.startswith("="))
        for row in ws.iter_rows(values_only=True)
        for v in row
    )


def test_load_province_is_idempotent_and_most_units_have_sent(demo):
    call_command("load_province", count=6, members=8, stdout=StringIO())
    call_command("load_province", count=6, members=8, stdout=StringIO())
    out = StringIO()
    call_command("submissions", org=SUPERIOR, year=2017, json=True, stdout=out)
    units = json.loads(out.getvalue())["units"]
    assert len(units) == 1 + 5 + 2  # the demo, 6 committees (one dissolved), 2 standalone cells
    statuses = [u["status"] for u in units]
    assert statuses.count("missing") >= 2 and len(statuses) - statuses.count("missing") >= 5


@pytest.mark.parametrize("period", ["Q5", "13", "H2", "năm"])
def test_a_period_that_does_not_exist_is_refused_and_nothing_is_set(demo, period):
    with pytest.raises(CommandError, match="không hợp lệ"):
        call_command(
            "set_deadline",
            org=SUPERIOR,
            year=2017,
            date="2017-12-15",
            period=period,
            stdout=StringIO(),
        )
    superior = Organization.objects.get(slug=SUPERIOR)
    assert not superior.report_deadlines.exists()
    with pytest.raises(ValidationError, match="không hợp lệ"):
        actions.set_deadline(None, superior, 2017, dt.date(2017, 12, 15), period)
    with pytest.raises(CommandError, match="không hợp lệ"):
        call_command("submissions", org=SUPERIOR, year=2017, period=period, stdout=StringIO())


def test_the_tracker_command_refuses_a_year_without_a_traceback(demo):
    with pytest.raises(CommandError, match="Năm báo cáo 99999"):
        call_command("submissions", org=SUPERIOR, year=99999, stdout=StringIO())


def test_a_month_may_be_written_without_its_zero(demo):
    call_command(
        "set_deadline", org=SUPERIOR, year=2017, date="2017-04-10", period="3", stdout=StringIO()
    )
    superior = Organization.objects.get(slug=SUPERIOR)
    assert track(superior, 2017, "03").deadline.due_on == dt.date(2017, 4, 10)
