"""The dashboard's panels: each role sees the work of its own scope, as of the chosen date, and
every row points to the page where that work is done."""

import datetime as dt

import pytest
from django.urls import reverse

from dangvu.finance import fees
from dangvu.finance.book import year_books
from dangvu.home import panels
from dangvu.meetings.models import Activity, ActivityOrg, Attendance
from dangvu.orgs.models import Organization, active_on
from dangvu.people.actions import probation_end
from dangvu.people.models import Membership, PartyProfile
from dangvu.superior import actions as superior_actions
from dangvu.superior import tracker

pytestmark = pytest.mark.django_db

DEC_2017 = dt.date(2017, 12, 31)
APRIL_2018 = dt.date(2018, 4, 10)


def _org(slug):
    return Organization.objects.get(slug=slug)


def _cell_members(slug, day):
    return set(
        Membership.objects.filter(active_on(day), org__slug=slug, kind="party").values_list(
            "person_id", flat=True
        )
    )


def _person_id(url):
    return int(url.split("/")[3])


def test_office_meetings_are_this_months_activities_of_the_whole_committee(demo):
    panel = panels.meetings(demo, DEC_2017, can_write=True)
    december = Activity.objects.filter(
        starts_on__range=(dt.date(2017, 12, 1), DEC_2017),
        id__in=ActivityOrg.objects.filter(org__parent=demo).values("activity_id"),
    )
    assert december.count() > 0
    assert [r.url for r in panel.rows] == [
        reverse("activity_detail", args=[a.id]) for a in december.order_by("starts_on", "id")
    ]
    # Every cell met in December: nothing flagged, nothing to record.
    assert not any(r.warn for r in panel.rows)


def test_cells_without_a_regular_meeting_are_listed_with_the_page_to_record_it(demo):
    panel = panels.meetings(demo, dt.date(2018, 1, 15), can_write=True)
    cells = Organization.objects.filter(parent=demo, kind="party_cell")
    assert len(panel.rows) == cells.count() == 4
    assert all(r.warn and r.action_url.startswith(reverse("meeting_record")) for r in panel.rows)
    assert {r.action_url.split("chi_bo=")[1].split("&")[0] for r in panel.rows} == {
        c.slug for c in cells
    }
    # Read-only: the same rows, without the action.
    assert not any(r.action_url for r in panels.meetings(demo, APRIL_2018, False).rows)


def test_unpaid_fees_follow_the_fee_book_and_a_cell_sees_only_its_members(demo):
    office = panels.unpaid_fees(demo, APRIL_2018, can_write=True)
    cell = panels.unpaid_fees(_org("so-tttt-chi-bo-1"), APRIL_2018, can_write=True)
    office_ids = {_person_id(r.url) for r in office.rows}
    cell_ids = {_person_id(r.url) for r in cell.rows}
    # The fee book's own rule: months of 2018 already over, due, unpaid, without a reason.
    books = year_books(2018, today=APRIL_2018)
    expected = {p for p, b in books.items() if b.unpaid_months(before=dt.date(2018, 4, 1))}
    assert office_ids == expected
    assert cell_ids and cell_ids == expected & _cell_members("so-tttt-chi-bo-1", APRIL_2018)
    assert cell_ids < office_ids
    assert all("thang=1/2018" in r.action_url for r in cell.rows)
    # At the end of 2017 everybody had paid every month: the panel says so.
    done = panels.unpaid_fees(demo, DEC_2017, can_write=True)
    assert done.rows == [] and done.empty


def test_a_recorded_reason_takes_a_month_off_the_unpaid_list(demo):
    from dangvu.finance import actions as fee_actions
    from dangvu.people.models import Person

    row = panels.unpaid_fees(demo, APRIL_2018, can_write=True).rows[0]
    person = Person.objects.get(pk=_person_id(row.url))
    for month in (1, 2, 3):
        fee_actions.record_unpaid_reason(
            None, person, month=dt.date(2018, month, 1), reason="Ốm dài ngày"
        )
    after = panels.unpaid_fees(demo, APRIL_2018, can_write=True)
    assert person.id not in {_person_id(r.url) for r in after.rows}


def test_probationary_members_due_for_recognition(demo):
    probationary = PartyProfile.objects.filter(
        admitted_on__isnull=False, recognized_on__isnull=True
    ).order_by("admitted_on")
    first = probationary.first()
    end = probation_end(first.admitted_on)
    cell = Membership.objects.get(person=first.person, kind="party", valid_to=None).org

    def listed(org, day, can_write=True):
        return [
            r
            for r in panels.recognitions(org, day, can_write).rows
            if first.person.full_name in r.text
        ]

    # 60 days before the end of probation it appears; a day earlier it does not.
    assert listed(demo, end - dt.timedelta(days=60))
    assert not listed(demo, end - dt.timedelta(days=61))
    (row,) = listed(cell, end + dt.timedelta(days=3))
    assert row.warn and "đã hết dự bị 3 ngày" in " ".join(row.details)
    assert row.action_url == reverse("person_action", args=[first.person_id, "chuyen-chinh-thuc"])
    other = Organization.objects.filter(parent=demo, kind="party_cell").exclude(pk=cell.pk).first()
    assert not listed(other, end)
    assert not listed(demo, end, can_write=False)[0].action_url


def test_reports_due_show_the_deadline_the_status_and_the_draft(demo):
    superior = demo.parent
    superior_actions.set_deadline(None, superior, 2017, dt.date(2018, 1, 15))
    panel = panels.reports(demo, dt.date(2018, 1, 20), can_write=True)
    (row,) = [r for r in panel.rows if r.text == "Báo cáo năm 2017"]
    assert "Hạn gửi 15/01/2018" in row.details
    assert tracker.STATUS_LABELS[tracker.MISSING] + " (đã quá hạn)" in row.details
    draft = demo.reports.get(year=2017)
    assert row.action_url == reverse("report_detail", args=[draft.id])
    # A cell sends nothing to the superior directly: no deadline rows there.
    assert panels.reports(_org("so-tttt-chi-bo-1"), dt.date(2018, 1, 20), True).rows == []


def test_member_panels_hold_only_their_own_records(demo):
    from dangvu.accounts.models import Role

    me = Role.objects.get(user__username="dangvien").person
    meetings = panels.my_meetings(me, DEC_2017)
    mine = Attendance.objects.filter(
        person=me, activity__starts_on__range=(dt.date(2017, 12, 1), DEC_2017)
    )
    assert meetings.rows and len(meetings.rows) == mine.count()
    assert {r.url for r in meetings.rows} == {
        reverse("activity_detail", args=[a.activity_id]) for a in mine
    }
    study = panels.my_study(me, DEC_2017)
    studied = Attendance.objects.filter(
        person=me, activity__kind__in=panels.STUDY, activity__starts_on__year=2017
    ).values_list("activity_id", flat=True)
    assert {r.url for r in study.rows if r.url} == {
        reverse("activity_detail", args=[a]) for a in studied
    }
    owed = panels.my_fees(me, APRIL_2018)
    assert [r.text for r in owed.rows] == ["Tháng 1/2018", "Tháng 2/2018", "Tháng 3/2018"]
    assert all(r.url.startswith(reverse("fee_mine")) for r in owed.rows)
    evaluation = panels.my_evaluation(me, DEC_2017)
    assert evaluation.rows and all(
        r.url == reverse("person_detail", args=[me.id]) for r in evaluation.rows
    )


def test_superior_panel_is_the_tracker_of_the_year(demo):
    superior = demo.parent
    superior_actions.set_deadline(None, superior, 2017, dt.date(2018, 1, 15))
    day = dt.date(2018, 1, 20)
    by_year = {p.key: p for p in panels.superior_panels(superior, day)}
    # Last year's reports are still awaited in January: its tracker comes first.
    assert list(by_year) == ["submissions-2017", "submissions-2018"]
    panel = by_year["submissions-2017"]
    result = tracker.track(superior, 2017, today=day)
    missing = [line for line in result.lines if line.status != tracker.SENT]
    assert len(panel.rows) == len(missing) >= 1
    assert all("đã quá hạn" in " ".join(r.details) for r in panel.rows)
    assert "hạn gửi 15/01/2018" in panel.summary
    assert panel.more_url == reverse("superior_submissions", args=[superior.slug, 2017])
    # Without a deadline falling due this year, only this year's tracker.
    assert [p.key for p in panels.superior_panels(superior, dt.date(2017, 6, 1))] == [
        "submissions-2017"
    ]


def test_dashboard_per_role_and_the_link_to_the_latest_year(demo, login):
    for username, kind in [
        ("vanphong", "office"),
        ("bithu1", "secretary"),
        ("dangvien", "member"),
        ("captren", "superior"),
    ]:
        client = login(username)
        page = client.get("/?ngay=2017-12-31").content.decode()
        assert f'data-role="{kind}"' in page
        assert page.count("data-role=") == 1
        assert "data-older" not in page
        # Today (years after the demo's records): the page says so and links to 2017.
        today = client.get("/").content.decode()
        assert "data-older" in today and "?ngay=2017-12-31" in today


def test_member_dashboard_names_nobody_else(demo, login):
    from dangvu.accounts.models import Role

    me = Role.objects.get(user__username="dangvien").person
    someone = (
        Membership.objects.filter(org=me.memberships.get(kind="party").org, kind="party")
        .exclude(person=me)
        .first()
        .person
    )
    page = login("dangvien").get("/?ngay=2018-04-10").content.decode()
    assert "Tháng 1/2018" in page
    assert someone.full_name not in page


def test_unreadable_date_falls_back_to_today(demo, login):
    response = login("bithu1").get("/?ngay=khong-phai-ngay")
    assert response.status_code == 200
    assert f'data-as-of="{dt.date.today():%Y-%m-%d}"' in response.content.decode()


def test_month_bounds():
    assert panels.month_bounds(dt.date(2018, 2, 10)) == (dt.date(2018, 2, 1), dt.date(2018, 2, 28))
    assert fees.month_label(dt.date(2018, 2, 1)) == "2/2018"
