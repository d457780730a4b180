"""The demo's work records give every figure of sections II–V of the 2017 report."""

import datetime as dt
from decimal import Decimal

from dangvu.core.facts import Period, compute
from dangvu.meetings import actions
from dangvu.meetings.models import Activity, Attendance
from dangvu.orgs.models import Organization, active_on
from dangvu.oversight.models import Verification
from dangvu.people.models import Membership, PartyProfile
from dangvu.people.stats import section_one

# Each figure as the reference report writes it (sections II–V), keyed by fact name.
REPORT = {
    # II.1
    "activities.training.sessions": 10,
    "indicators.egov_agencies": 195,
    "indicators.egov_users": 7582,
    "indicators.egov_electronic_share": 90,
    "indicators.official_mailboxes": 6195,
    "indicators.online_services_level2_share": 100,
    "indicators.online_services_level3": 226,
    "indicators.online_services_level4": 12,
    "indicators.ntp_plans": 2,
    "indicators.portal_news": 550,
    "indicators.portal_khmer": 240,
    "indicators.portal_english": 61,
    "indicators.portal_audio": 140,
    "indicators.citizen_questions": 17,
    "indicators.citizen_answers": 12,
    # II.2, II.6, IV.2
    "campaigns.disaster_fund.money": 9_512_466,
    "campaigns.notebooks.quyen_tap": 2900,
    "campaigns.notebooks.quyen_tap.so-tttt-chi-bo-2": 300,
    "campaigns.notebooks.quyen_tap.so-tttt-chi-bo-4": 200,
    "campaigns.notebooks.quyen_tap.so-tttt-youth": 2400,
    "campaigns.poor_fund.money": 9_369_500,
    # III.1
    "shortcomings.found": 5,
    "shortcomings.remedied": 4,
    "shortcomings.in_progress": 1,
    "degradation.collective.so-tttt-tra-vinh": 4,
    "degradation.collective.so-tttt-chi-bo-1": 2,
    "degradation.collective.so-tttt-chi-bo-2": 3,
    "degradation.members": 30,
    "degradation.union_members": 3,
    "degradation.individual_signs": 9,
    "pledges.members_missing": 0,
    # III.2, III.3
    "activities.dissemination.sessions": 29,
    "activities.dissemination.attendances": 817,
    "study_plans.collectives": 3,
    "study_plans.individuals": 63,
    "study_plans.members": 50,
    "study_plans.union_members": 13,
    # IV.2
    "scores.trade_union": Decimal("98"),
    "scores.youth_union": Decimal("97.5"),
    # V.1
    "contests.tra_vinh_history_contest.participants": 15,
    "contests.vietnam_laos_contest.members": 5,
    # V.2
    "party.admissions": 3,
    "party.recognitions": 6,
    # V.3
    "trainings.political_intermediate.people": 2,
    "trainings.state_specialist.people": 3,
    "trainings.state_principal.people": 8,
    "trainings.admission_candidate.people": 1,
    "trainings.new_member.people": 7,
    "trainings.secretary.people": 4,
    "trainings.political_advanced.people": 1,
    "trainings.master.people": 1,
    "trainings.mass_mobilization.people": 1,
    # V.4
    "verifications.appointment": 4,
    "verifications.admission": 3,
    "verifications.recognition": 6,
    # V.5
    "scores.inspection_committee": Decimal("91"),
    # VII (VI in the report): the 2018 programme, items 1, 2, 2.1 … 2.8
    "programme.next_year.items": 10,
}

# Section I on 31/12/2017 must not move: the work records add no member, staff or level.
SECTION_ONE = {
    "party.members": 54,
    "party.members.full": 51,
    "party.members.probationary": 3,
    "education.master": 4,
    "political_theory.advanced": 5,
    "political_theory.intermediate": 22,
    "mass.youth_union": 23,
}


def test_demo_facts_equal_the_report(demo):
    figures = compute(demo, Period.year(2017))
    values = {name: f.value for name, f in figures.items()}
    assert {k: values.get(k) for k in REPORT} == REPORT
    # "hơn 800 lượt đại biểu"
    assert values["activities.training.attendances"] > 800
    # Footnotes 3 and 4: what the Đảng ủy organized and what it attended, with their titles.
    organized = Activity.objects.filter(
        id__in=figures["activities.organized.sessions"].records["meetings.activity"]
    )
    assert any("Nghị quyết Hội nghị lần thứ tư" in a.title for a in organized)
    attended = Activity.objects.filter(
        id__in=figures["activities.attended.sessions"].records["meetings.activity"]
    )
    assert any("Hội nghị lần thứ chín" in a.title for a in attended)
    assert any("Trung tâm Khuyến nông" in a.title for a in attended)
    assert Activity.objects.filter(title__contains="Đại hội Công đoàn cơ sở").exists()
    assert Activity.objects.filter(title__contains="Đại hội Chi đoàn").exists()
    assert Activity.objects.filter(title__contains="xã Long Toàn", kind="visit").count() == 2
    stats = section_one(demo, dt.date(2017, 12, 31))
    assert {k: stats[k].value for k in SECTION_ONE} == SECTION_ONE


def test_dissemination_attendees_were_members_of_the_organizing_cells(demo):
    sessions = Activity.objects.filter(kind="dissemination", starts_on__year=2017)
    assert sessions.count() == 29
    for activity in sessions.prefetch_related("links"):
        cells = [link.org_id for link in activity.links.all()]
        members = set(
            Membership.objects.filter(
                active_on(activity.starts_on), kind="party", org_id__in=cells
            ).values_list("person_id", flat=True)
        )
        attendees = set(activity.attendances.values_list("person_id", flat=True))
        assert attendees and attendees <= members, activity.title
        # The count kept on the activity is the count of the rows.
        assert activity.present_count == activity.attendances.filter(status="present").count()


def test_verifications_concern_the_people_admitted_and_recognized(demo):
    admitted = set(
        PartyProfile.objects.filter(admitted_on__year=2017).values_list("person_id", flat=True)
    )
    recognized = set(
        PartyProfile.objects.filter(recognized_on__year=2017).values_list("person_id", flat=True)
    )
    assert (
        set(Verification.objects.filter(purpose="admission").values_list("person_id", flat=True))
        == admitted
    )
    assert (
        set(Verification.objects.filter(purpose="recognition").values_list("person_id", flat=True))
        == recognized
    )


def test_changing_a_record_changes_the_fact(demo):
    session = Activity.objects.filter(kind="dissemination").order_by("starts_on").first()
    entries = {a.person_id: (a.status, a.reason) for a in session.attendances.all()}
    present = next(pid for pid, (s, _r) in entries.items() if s == "present")
    entries[present] = ("excused", "Đi công tác")
    actions.record_attendance(None, session, entries)
    figures = compute(demo, Period.year(2017))
    assert figures["activities.dissemination.attendances"].value == 816
    cell2 = Organization.objects.get(slug="so-tttt-chi-bo-2")
    assert compute(cell2, Period.year(2017))["activities.dissemination.attendances"].value < 816
    assert Attendance.objects.filter(activity=session, status="excused").exists()


def test_load_demo_is_idempotent(demo):
    from io import StringIO

    from django.core.management import call_command

    before = Activity.objects.count()
    out = StringIO()
    call_command("load_demo", password="x-y-z-12345", stdout=out)
    assert Activity.objects.count() == before
    assert "công tác năm 2017: đã có" in out.getvalue()
