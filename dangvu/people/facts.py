import datetime as dt
from collections import defaultdict

from django.db.models import Max, Q

from dangvu.core.facts import Figure, derived, provider
from dangvu.lib.dates import vn_date
from dangvu.lib.text import count
from dangvu.orgs import kinds
from dangvu.orgs.models import Organization, Term, active_on
from dangvu.orgs.tree import subtree, subtree_ids

from .actions import probation_end, status_rule
from .models import (
    Membership,
    PartyIntroduction,
    PartyProfile,
    StaffRecord,
    Suspension,
    TemporaryAttachment,
)
from .stats import section_one

# The decision on a probationary member (recognition, or striking off) is due soon after the
# probation ends; one still "dự bị" a quarter later is a record nobody updated, not a fact.
RECOGNITION_DUE = dt.timedelta(days=90)
PARTY = Membership.Kind.PARTY
# An agency whose staff records show no hire and no departure for two years has records nobody
# kept up: its counts are not this period's.
STAFF_RECORDS_QUIET = dt.timedelta(days=2 * 365)


@provider
def staff_and_members(org, period):
    """Section I is a picture on the last day of the period."""
    return section_one(org, period.end)


@provider
def member_status(org, period):
    """On the period's last day: `party.members.temporary`, members of other organizations
    attending a cell of the subtree for a while (sinh hoạt tạm thời), never among
    `party.members` (rules/member_status); `party.members.suspended`, members of the subtree
    suspended from Party activities, who are among them; `party.members.status_note`, the
    sentence a report states them in, apart from the count, as the cells' minutes do."""
    day = period.end
    cells = [o.id for o in subtree(org, day) if o.kind == Organization.Kind.PARTY_CELL]
    ours = Membership.objects.filter(active_on(day), org_id__in=cells, kind=PARTY)
    # A member of one of our cells attending another of them is already counted once.
    guests = (
        TemporaryAttachment.objects.filter(active_on(day), cell_id__in=cells)
        .exclude(person_id__in=ours.values("person_id"))
        .values_list("id", "person_id")
    )
    suspended = frozenset(
        Suspension.objects.filter(
            active_on(day), person_id__in=ours.values("person_id")
        ).values_list("person_id", flat=True)
    )
    attachments = {"people.temporaryattachment": frozenset(i for i, _p in guests)}
    guest_people = frozenset(p for _i, p in guests if p)
    sentences = []
    if guests:
        apart = ""
        rule = status_rule(day)
        if rule is not None and not rule["temporary_in_host_count"]:
            apart = " (không tính vào số đảng viên trên)"
        sentences.append(
            f"Ngoài ra, có {count(len(guests))} đồng chí sinh hoạt đảng tạm thời{apart}."
        )
    if suspended:
        sentences.append(
            f"Trong số đảng viên trên, có {count(len(suspended))} đồng chí bị đình chỉ sinh hoạt "
            "đảng."
        )
    note = " ".join(sentences)
    return {
        "party.members.temporary": Figure(
            len(guests),
            guest_people,
            label="Đảng viên sinh hoạt đảng tạm thời (không tính vào đảng số)",
            records=attachments,
        ),
        "party.members.suspended": Figure(
            len(suspended), suspended, label="Đảng viên bị đình chỉ sinh hoạt đảng"
        ),
        "party.members.status_note": Figure(
            note,
            guest_people | suspended,
            label="Đảng viên sinh hoạt tạm thời, bị đình chỉ sinh hoạt",
            records=attachments if guests else {},
        ),
    }


@provider
def mass_organization_members(org, period):
    """`mass.<code>`: the members of each mass organization recorded by kind (Hội Nông dân, Mặt
    trận Tổ quốc …) in the subtree on the period's last day, one grouped query. The trade union,
    youth union and veterans are section I's own figures."""
    day = period.end
    org_ids = [o.id for o in subtree(org, day)]
    people = defaultdict(set)
    for person_id, code in Membership.objects.filter(
        active_on(day), org_id__in=org_ids, kind=Membership.Kind.MASS
    ).values_list("person_id", "org__mass_kind"):
        people[code].add(person_id)
    return {
        f"mass.{kind.code}": Figure(
            len(people[kind.code]),
            frozenset(people[kind.code]),
            label=f"{kind.member.capitalize()} {kind.label}",
        )
        for kind in kinds.recorded_mass_kinds()
    }


@derived
def mass_organizations(org, period, facts):
    """`mass.organizations`: every mass organization with members on record, in the order of
    the data, as a report states them ("Hội Nông dân 120 hội viên; …"); empty where none are."""
    parts, people = [], set()
    for kind in kinds.mass_kinds().values():
        figure = facts.get(f"mass.{kind.code}")
        if figure is None or not figure.value:
            continue
        n = figure.value
        parts.append(f"{kind.label} {count(n)} {kind.member}")
        people |= figure.people
    return {
        "mass.organizations": Figure(
            "; ".join(parts), frozenset(people), label="Mặt trận, đoàn thể: số thành viên"
        ),
        **{f"mass.{k.code}.total": _stated(k, facts) for k in kinds.mass_kinds().values()},
    }


def _stated(kind, facts):
    """The members of a mass organization that section I states: those on record where any
    are, else the profile figure the office recorded for it (an indicator), else nothing."""
    label = f"{kind.member.capitalize()} {kind.label}"
    recorded = facts.get(f"mass.{kind.code}")
    if recorded is not None and recorded.value:
        return Figure(recorded.value, recorded.people, label=label)
    indicator = facts.get(f"profile.{kind.profile}") if kind.profile else None
    if indicator is None or indicator.value is None:
        return Figure(None, label=label)
    return Figure(indicator.value, orgs=indicator.orgs, label=label, records=indicator.records)


@derived
def records_behind(org, period, facts):
    """What section I would state from records left behind: probationary members past their
    probation with no decision, and staff counts from records nobody changed for years. Each is
    a slot the office has to settle before the report is signed, never a silent figure."""
    return {
        **_overdue_probation(period, facts.get("party.members.probationary")),
        **_stale_staff(org, period, facts.get("staff.present")),
        **_expired_term(org, period),
    }


def _expired_term(org, period):
    """A committee whose last recorded term is over by the period's end (by its end date, or by
    its name: "2020-2025" recorded without one) has a new one the records do not know: a slot,
    not a sentence about the committee that silently vanishes or names the old term."""
    last = Term.executive_over_on(org, period.end)
    note = ""
    if last is not None:
        ended = f"đến ngày {vn_date(last.valid_to)}" if last.valid_to else "chưa ghi ngày kết thúc"
        note = (
            f"[cần bổ sung: cấp ủy nhiệm kỳ hiện tại (nhiệm kỳ {last.name} trong hồ sơ, {ended})]"
        )
    return {"committee.expired_note": Figure(note, label="Nhiệm kỳ cấp ủy")}


def _overdue_probation(period, probationary):
    overdue = frozenset(
        person_id
        for person_id, admitted_on in PartyProfile.objects.filter(
            person_id__in=probationary.people if probationary else ()
        ).values_list("person_id", "admitted_on")
        if admitted_on and probation_end(admitted_on) + RECOGNITION_DUE < period.end
    )
    note = (
        f"[cần bổ sung: {len(overdue):02d} đảng viên dự bị đã hết thời gian dự bị, chưa có quyết "
        f"định công nhận chính thức: cập nhật hồ sơ]"
        if overdue
        else ""
    )
    return {
        "party.members.probationary.overdue": Figure(
            len(overdue), overdue, label="Đảng viên dự bị quá hạn xét công nhận chính thức"
        ),
        "party.members.probationary.overdue_note": Figure(
            note, overdue, label="Đảng viên dự bị quá hạn"
        ),
    }


def _stale_staff(org, period, present):
    note, latest = "", None
    if present and present.value:
        agencies = Organization.objects.filter(
            id__in=subtree_ids([org.id]), kind=Organization.Kind.AGENCY
        )
        day = period.end
        dates = StaffRecord.objects.filter(agency__in=agencies).aggregate(
            hired=Max("valid_from", filter=Q(valid_from__lte=day)),
            left=Max("valid_to", filter=Q(valid_to__lte=day)),
        )
        latest = max((d for d in dates.values() if d), default=None)
        if latest and latest < day - STAFF_RECORDS_QUIET:
            note = (
                f"[cần bổ sung: số liệu biên chế năm {day.year}: hồ sơ cán bộ không có thay đổi "
                f"nào từ ngày {vn_date(latest)}]"
            )
    return {
        "staff.records_note": Figure(
            note, present.people if note else frozenset(), label="Hồ sơ biên chế"
        ),
        # The day of the last staff change the figures rest on, when it is too old to be
        # stated as the period's (reports/wording.py words the figures' age from it).
        "staff.stale_since": Figure(latest if note else None, label="Hồ sơ biên chế ghi ngày"),
    }


@provider
def party_changes(org, period):
    return _party_changes(subtree_ids([org.id]), period)


def party_changes_of(org_ids, period):
    """Each admission and recognition in the period as ("party.admissions" or
    "party.recognitions", person id, cell id): counted in the cell (of `org_ids`) where the
    person was a member on that day. The consolidation of many units counts by this rule too."""
    in_period = (period.start, period.end)
    rows = (
        Membership.objects.filter(
            Q(person__party__admitted_on__range=in_period)
            | Q(person__party__recognized_on__range=in_period),
            kind=PARTY,
            org_id__in=org_ids,
        )
        .order_by()
        .values_list(
            "person_id",
            "org_id",
            "valid_from",
            "valid_to",
            "person__party__admitted_on",
            "person__party__recognized_on",
        )
    )
    for pid, org_id, start, end, admitted_on, recognized_on in rows:
        for name, day in (("party.admissions", admitted_on), ("party.recognitions", recognized_on)):
            if (
                day
                and period.start <= day <= period.end
                and start <= day
                and (end is None or day < end)
            ):
                yield name, pid, org_id


def _party_changes(ids, period):
    """Admissions and recognitions in the period, of members of the subtree's cells."""
    found = {"party.admissions": set(), "party.recognitions": set()}
    for name, pid, _cell in party_changes_of(ids, period):
        found[name].add(pid)
    admitted, recognized = found["party.admissions"], found["party.recognitions"]
    return {
        "party.admissions": Figure(
            len(admitted), people=frozenset(admitted), label="Kết nạp đảng viên mới"
        ),
        "party.recognitions": Figure(
            len(recognized), people=frozenset(recognized), label="Chuyển đảng chính thức"
        ),
    }


def introductions_in(org_ids, period):
    """Each introduction to the Party counted in the period as ("introduced" or "admitted",
    person id, id of the mass organization that made it): one made during the period, and one
    made up to its end whose person was admitted during it. The consolidation of many units
    counts by this rule too."""
    rows = PartyIntroduction.objects.filter(
        org_id__in=org_ids, introduced_on__lte=period.end
    ).values_list("person_id", "org_id", "introduced_on", "person__party__admitted_on")
    for pid, org_id, on, admitted_on in rows:
        if on >= period.start:
            yield "introduced", pid, org_id
        if admitted_on and period.start <= admitted_on <= period.end and on <= admitted_on:
            yield "admitted", pid, org_id


def introductions_of(org_ids, period):
    """(introduced, admitted): the people the mass organizations of `org_ids` introduced to the
    Party for admission during the period (`PartyIntroduction`), and those of everyone they ever
    introduced up to the period's end who were admitted during it."""
    found = {"introduced": set(), "admitted": set()}
    for name, pid, _org in introductions_in(org_ids, period):
        found[name].add(pid)
    return frozenset(found["introduced"]), frozenset(found["admitted"])


@provider
def party_introductions(org, period):
    """The mass organizations under a Party organization introduced its outstanding members
    ("Công đoàn, Đoàn thanh niên giới thiệu N quần chúng ưu tú cho Đảng xem xét kết nạp")."""
    introduced, _admitted = introductions_of(subtree_ids([org.id]), period)
    return {
        "party.introduced": Figure(
            len(introduced),
            people=introduced,
            label="Quần chúng ưu tú được đoàn thể giới thiệu cho Đảng",
        )
    }
