"""Every URL of the work records walked with the four demo users.

For each URL and user the parameters are filled twice: with a record the user may see (expect the
page, or 403 for a change they may not make) and with one they may not (expect 403 or 404).
"""

import datetime as dt

import pytest
from django.urls import get_resolver

from conftest import DEMO_PASSWORD
from dangvu.accounts.models import Role
from dangvu.meetings import actions
from dangvu.meetings.models import Activity, MeetingMinutes, MeetingTask
from dangvu.mobilisation import actions as mobilisation
from dangvu.mobilisation.models import Campaign
from dangvu.orgs import actions as org_actions
from dangvu.orgs.models import Organization
from dangvu.oversight import actions as oversight
from dangvu.oversight.models import Inspection
from dangvu.people import actions as people_actions
from dangvu.people.models import Membership
from dangvu.programme import actions as programmes
from dangvu.programme.models import ProgrammeItem, WorkProgramme
from dangvu.review import actions as review
from dangvu.review.models import Shortcoming
from dangvu.training import actions as training
from dangvu.training.models import Enrolment

USERS = ["vanphong", "bithu1", "dangvien", "captren"]
WRITERS = {"vanphong", "bithu1"}
DAY = dt.date(2017, 6, 1)


def _task(activity, assignee=None):
    """A task of `activity`'s resolution (the monthly meeting's follow-up page reads it)."""
    minutes, _ = MeetingMinutes.objects.get_or_create(activity=activity)
    return MeetingTask.objects.create(minutes=minutes, text="Nhiệm vụ", assignee=assignee).id


def _outside():
    """An organization none of the demo users may see, with one record of each kind."""
    org = org_actions.create_org(
        None, kind="party_committee", name="Đảng bộ Ngoài", valid_from=dt.date(2010, 1, 1)
    )
    person = people_actions.create_person(
        None, home_org=org, full_name="Người Ngoài", gender="male"
    )
    programme = programmes.create_programme(None, org=org, year=2017)
    return {
        "slug": org.slug,
        "activity_id": actions.create_activity(
            None, kind="conference", title="Hội nghị ngoài", starts_on=DAY, organizers=[org]
        ).id,
        "campaign_id": mobilisation.create_campaign(
            None, org=org, key="ngoai", title="Quỹ ngoài", starts_on=DAY
        ).id,
        "enrolment_id": training.enrol(None, person, org=org, course="master", starts_on=DAY).id,
        "inspection_id": oversight.record_inspection(
            None,
            org=org,
            direction="conducted",
            kind="inspection",
            inspector="UBKT",
            subject="Ngoài",
            starts_on=DAY,
        ).id,
        "shortcoming_id": review.record_shortcoming(
            None, org=org, review_year=2016, text="Ngoài"
        ).id,
        "programme_id": programme.id,
        "item_id": programmes.add_programme_item(None, programme, number="1", text="Ngoài").id,
    }


def _cell_records(cell):
    """Records of Chi bộ 1 itself, which its secretary may change."""
    programme = programmes.create_programme(None, org=cell, year=2017)
    return {
        "slug": cell.slug,
        "campaign_id": mobilisation.create_campaign(
            None, org=cell, key="cb1", title="Quỹ chi bộ 1", starts_on=DAY
        ).id,
        "inspection_id": oversight.record_inspection(
            None,
            org=cell,
            direction="received",
            kind="inspection",
            inspector="UBKT Đảng ủy",
            subject="Chi bộ 1",
            starts_on=DAY,
        ).id,
        "shortcoming_id": review.record_shortcoming(
            None, org=cell, review_year=2016, text="Chi bộ 1"
        ).id,
        "programme_id": programme.id,
        "item_id": programmes.add_programme_item(None, programme, number="1", text="Chi bộ 1").id,
    }


@pytest.fixture
def records(demo):
    cell1 = Organization.objects.get(slug="so-tttt-chi-bo-1")
    cell2 = Organization.objects.get(slug="so-tttt-chi-bo-2")
    me = Role.objects.get(user__username="dangvien").person
    outside, mine = _outside(), _cell_records(cell1)
    committee_activity = Activity.objects.filter(
        links__org=demo, links__role="organizer", kind="conference"
    ).first()
    cell1_meeting = Activity.objects.filter(links__org=cell1, kind="regular_meeting").first()
    cell2_meeting = Activity.objects.filter(links__org=cell2, kind="regular_meeting").first()
    my_activity = Activity.objects.filter(attendances__person=me).first()
    cell1_people = Membership.objects.filter(org=cell1, kind="party").values("person_id")
    cell1_enrolment = Enrolment.objects.filter(person_id__in=cell1_people).first()
    cell2_enrolment = Enrolment.objects.exclude(person_id__in=cell1_people).first()
    demo_programme = WorkProgramme.objects.get(org=demo, year=2018)
    demo_records = {
        "slug": demo.slug,
        "activity_id": committee_activity.id,
        "campaign_id": Campaign.objects.get(key="notebooks").id,
        "enrolment_id": Enrolment.objects.filter(org=demo).first().id,
        "inspection_id": Inspection.objects.filter(org=demo).first().id,
        "shortcoming_id": Shortcoming.objects.filter(org=demo).first().id,
        "programme_id": demo_programme.id,
        "item_id": ProgrammeItem.objects.filter(programme=demo_programme).first().id,
    }
    outside["task_id"] = _task(Activity.objects.get(pk=outside["activity_id"]))
    demo_records["task_id"] = _task(committee_activity)
    mine["task_id"] = _task(cell1_meeting)
    cell2_task = _task(cell2_meeting)
    own = {
        "vanphong": demo_records,
        "captren": demo_records,
        "bithu1": mine | {"activity_id": cell1_meeting.id, "enrolment_id": cell1_enrolment.id},
        "dangvien": {"activity_id": my_activity.id, "task_id": _task(my_activity, me)},
    }
    foreign = {
        "vanphong": outside,
        "captren": outside,
        "bithu1": demo_records
        | {
            "activity_id": cell2_meeting.id,
            "enrolment_id": cell2_enrolment.id,
            "task_id": cell2_task,
        },
        "dangvien": demo_records | {"activity_id": cell2_meeting.id, "task_id": cell2_task},
    }
    return own, foreign


# The apps split out of work: their pages are walked together, as when they were one app.
RECORD_APPS = ("work", "meetings", "mobilisation", "training", "oversight", "review", "programme")


def _work_routes():
    urlconfs = {f"dangvu.{app}.urls" for app in RECORD_APPS}
    for p in get_resolver().url_patterns:
        resolved = getattr(p, "url_patterns", None)
        if resolved is None or getattr(p.urlconf_name, "__name__", "") not in urlconfs:
            continue
        for route in resolved:
            yield route.name, str(route.pattern), list(route.pattern.converters)


def _fill(route, values):
    for name, value in values.items():
        route = route.replace(f"<int:{name}>", str(value)).replace(f"<slug:{name}>", str(value))
    return "/" + route


def test_every_work_url_with_every_demo_user(records, client):
    own, foreign = records
    routes = list(_work_routes())
    assert len(routes) >= 30
    checked = 0
    for name, route, params in routes:
        for user in USERS:
            client.logout()
            assert client.login(username=user, password=DEMO_PASSWORD)
            if params:
                values = {p: foreign[user][p] for p in params}
                status = client.get(_fill(route, values)).status_code
                assert status in (403, 404), (user, name, "foreign", status)
                if not all(p in own[user] for p in params):
                    continue
                values = {p: own[user][p] for p in params}
            else:
                values = {}
            status = client.get(_fill(route, values)).status_code
            if name.endswith(("_create", "meeting_record")) and not params:
                expected = {200} if user in WRITERS else {403}
            else:
                expected = {200, 403}
            assert status in expected, (user, name, "own", status)
            checked += 1
    assert checked > 100


def test_read_only_users_cannot_write(records, login):
    own, _foreign = records
    activity_id = own["captren"]["activity_id"]
    client = login("captren")
    assert client.get(f"/hoat-dong/{activity_id}/").status_code == 200
    assert client.get(f"/hoat-dong/{activity_id}/sua/").status_code == 403
    before = Activity.objects.count()
    response = client.post(
        "/hoat-dong/them/", {"kind": "other", "title": "X", "starts_on": "2017-01-01"}
    )
    assert response.status_code == 403 and Activity.objects.count() == before
    response = client.post(
        f"/chuong-trinh-cong-tac/{own['captren']['programme_id']}/chuyen-nam-sau/"
    )
    assert response.status_code == 403


def test_a_member_sees_only_what_they_took_part_in(records, login):
    own, _foreign = records
    me = Role.objects.get(user__username="dangvien").person
    client = login("dangvien")
    listed = client.get("/hoat-dong/?nam=2017").context["page"].paginator.object_list
    assert listed.exists()
    assert not listed.exclude(attendances__person=me).exists()
    for url in ["/cuoc-van-dong/", "/tham-tra-ly-lich/", "/kiem-tra/", "/chuong-trinh-cong-tac/"]:
        assert client.get(url).context["rows"] == [], url
