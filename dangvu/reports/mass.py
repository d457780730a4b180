"""A mass organization's own report (the trade union's, the youth union's, the veterans' …): its
header, number and signature by its own format rule (`rules/mass_format/<kind>/`), whom it is
sent to, and the figures its report counts from records (facts `assoc.*`).

A mass organization has two superiors: the one of its own system (the union above it, "Công
đoàn Viên chức tỉnh"), recorded beside the tree (`orgs.models.SameSystemSuperior`), and the
Party organization that leads it, the nearest Party organization above it in the tree (the Party
organization of the same agency).
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db.models import Sum

from dangvu.core.facts import Figure, provider
from dangvu.lib.narrative import SLOT
from dangvu.lib.rules import Rule
from dangvu.meetings.models import Activity, ActivityOrg
from dangvu.orgs.kinds import executive_name, mass_format
from dangvu.orgs.models import (
    Organization,
    Position,
    Term,
    active_on,
    parent_on,
    roles_of,
    same_system_superior_on,
)
from dangvu.orgs.tree import union_subtree_ids_during
from dangvu.people.facts import introductions_of
from dangvu.people.models import Membership, Person
from dangvu.work.common import figure

from .periods import period_name

K = Organization.Kind
# The membership a mass organization's members hold.
MEMBERSHIP = {
    K.TRADE_UNION: Membership.Kind.TRADE_UNION,
    K.YOUTH_UNION: Membership.Kind.YOUTH_UNION,
    K.VETERANS: Membership.Kind.VETERANS,
    K.MASS: Membership.Kind.MASS,
}
# The reports a mass organization writes: the year's review and the six-month review.
MASS_REPORTS = ("annual", "six_month")


def format_of(org, day: dt.date) -> Rule:
    """The format rule in force on `day` of a mass organization's documents."""
    rule = mass_format(org, day)
    if rule is None:
        raise ValueError(f"{org} is not a mass organization")
    return rule


def check_format_in_force(org, period):
    """Refuse a period before any rule on the form of `org`'s documents."""
    try:
        format_of(org, period.end)
    except LookupError:
        raise ValidationError(
            f"Chưa có quy định về thể thức văn bản của {org} có hiệu lực trong "
            f"{period_name(period)}."
        ) from None


def leading_party_org(org, day):
    """The Party organization that leads `org` on `day`: the nearest one above it, or None."""
    above = parent_on(org, day)
    while above is not None and not above.is_party:
        above = parent_on(above, day)
    return above


def number_slot(org, day: dt.date) -> str:
    """The number line before a number is taken, as the organization's rule writes it."""
    rule = format_of(org, day)
    return rule["number"].format(symbol=org.symbol or rule["symbol"])


def superior_slot(org, day: dt.date) -> str:
    """What the first header line names when no superior of the same system is recorded."""
    return format_of(org, day)["superior"]


def _signer(org, day, rule):
    """(title, person) of who signs for the executive committee on `day`: its head as recorded
    (Chủ tịch, Bí thư: `orgs.models.roles_of`), else a deputy, titled by the recorded role; the
    rule's titles when no one holds either seat."""
    head, deputy = roles_of(org.kind)[:2]
    positions = Position.objects.filter(
        active_on(day),
        term=Term.executive_on(org, day),
        role__in=(head, deputy),
    ).select_related("person")
    best = min(positions, key=lambda p: (p.role != head, p.valid_from), default=None)
    if best is None:
        return rule["head"], None
    return Position.Role(best.role).label.upper(), best.person


def recipients(org, day) -> str:
    """The superior of the same system and the leading Party organization (b/c), the executive
    committee itself, the file copy."""
    superior = same_system_superior_on(org, day)
    party = leading_party_org(org, day)
    lines = [
        f"- {superior.name_on(day) if superior else _slot(superior_slot(org, day))} (b/c);",
        f"- {executive_name(party.name_on(day))} (b/c);" if party else "",
        "- Ban Chấp hành;",
        "- Lưu VT.",
    ]
    return "\n".join(line for line in lines if line)


def _slot(what):
    return f"{SLOT}: {what}]"


def default_header(org, period, issued) -> dict:
    """The header and closing of a new report of mass organization `org`."""
    rule = format_of(org, issued)
    superior = same_system_superior_on(org, period.end)
    title, signer = _signer(org, issued, rule)
    return {
        "superior_name": superior.name_on(period.end) if superior else "",
        "issuer_name": org.name_on(period.end),
        "recipients": recipients(org, period.end),
        "signer_capacity": rule["capacity"],
        "signer_title": title,
        "signer_name": signer.full_name if signer else "",
    }


# Facts ----------------------------------------------------------------------------------------

# The figures a mass organization's office is offered when it writes a section: its own, its
# names and period, its activities by kind; not the Party's, the staff's or the fees'.
OFFERED = ("assoc.", "org.", "period.", "activities.")


def offered(name: str) -> bool:
    return name.startswith(OFFERED)


@provider
def mass_facts(org, period):
    """The figures of a mass organization's own report; nothing for any other organization."""
    if not org.is_mass:
        return {}
    # Its whole subtree, as a Party committee counts its cells: a Đoàn cơ sở counts its chi
    # đoàn's members and activities; the members of the last day, the units of that day.
    ids = union_subtree_ids_during(org, period.start, period.end)
    at_end = union_subtree_ids_during(org, period.end, period.end)
    return {
        **_names(org, period.end),
        **_units(org, at_end),
        **_members(_memberships(org, ids), _memberships(org, at_end), period),
        **_activities(ids, period),
        **_committee(org, period.end),
        **_introductions(ids, period),
    }


def _memberships(org, ids):
    """The memberships of `org`'s kind held in the organizations `ids`."""
    members = Membership.objects.filter(org_id__in=ids, kind=MEMBERSHIP[org.kind])
    if org.kind == K.MASS:
        members = members.filter(org__mass_kind=org.mass_kind)
    return members


def _units(org, ids):
    """The units under the organization in its own system ("Đoàn cơ sở có 03 chi đoàn")."""
    units = frozenset(ids) - {org.id}
    return {
        "assoc.units": Figure(
            len(units), orgs=units, label="Đơn vị trực thuộc (chi đoàn, công đoàn bộ phận, chi hội)"
        )
    }


def _introductions(ids, period):
    """Members the organization (or one under it) introduced to the Party in the period, and of
    all it introduced, those admitted in the period."""
    introduced, admitted = introductions_of(ids, period)
    return {
        "assoc.introduced": Figure(
            len(introduced), introduced, label="Thành viên ưu tú giới thiệu cho Đảng"
        ),
        "assoc.introduced.admitted": Figure(
            len(admitted), admitted, label="Thành viên được giới thiệu đã được kết nạp"
        ),
    }


def _names(org, day):
    superior = same_system_superior_on(org, day)
    party = leading_party_org(org, day)
    return {
        "assoc.superior": Figure(
            superior.name_on(day) if superior else "", label="Tổ chức cấp trên cùng hệ thống"
        ),
        "assoc.party": Figure(
            executive_name(party.name_on(day)) if party else "", label="Cấp ủy lãnh đạo"
        ),
    }


def _people(value_list):
    return frozenset(value_list)


def _members(members, last_day, period):
    """Members on the period's last day (of `last_day`, the memberships of the units of that
    day), women among them, Party members among them; who joined and who left during the period
    (a move inside the organization is neither); members admitted to the Party during it."""
    day, after = period.end, period.end + dt.timedelta(days=1)
    now = last_day.filter(active_on(day))
    at_end = _people(now.values_list("person_id", flat=True))
    women = _people(
        now.filter(person__gender=Person.Gender.FEMALE).values_list("person_id", flat=True)
    )
    party = _people(
        Membership.objects.filter(
            active_on(day), kind=Membership.Kind.PARTY, person_id__in=at_end
        ).values_list("person_id", flat=True)
    )
    joined = _people(
        members.filter(valid_from__range=(period.start, day))
        .exclude(start_reason=Membership.StartReason.MOVED)
        .values_list("person_id", flat=True)
    )
    left = _people(
        members.filter(valid_to__gt=period.start, valid_to__lte=after)
        .exclude(end_reason=Membership.EndReason.MOVED)
        .values_list("person_id", flat=True)
    )
    during = members.filter(valid_from__lte=day).exclude(valid_to__lte=period.start)
    admitted = _people(
        during.filter(person__party__admitted_on__range=(period.start, day)).values_list(
            "person_id", flat=True
        )
    )
    return {
        "assoc.members": Figure(len(at_end), at_end, label="Thành viên cuối kỳ"),
        "assoc.members.women": Figure(len(women), women, label="Thành viên nữ"),
        "assoc.members.party": Figure(len(party), party, label="Thành viên là đảng viên"),
        "assoc.members.joined": Figure(len(joined), joined, label="Thành viên mới trong kỳ"),
        "assoc.members.left": Figure(len(left), left, label="Thành viên ra khỏi tổ chức"),
        "assoc.members.admitted_to_party": Figure(
            len(admitted), admitted, label="Thành viên được kết nạp vào Đảng"
        ),
    }


def _activities(ids, period):
    """The activities the organization (or one under it) organized in the period, and the
    members present at them."""
    organized = Activity.objects.filter(
        id__in=ActivityOrg.objects.filter(org_id__in=ids, role=ActivityOrg.Role.ORGANIZER).values(
            "activity_id"
        ),
        starts_on__range=(period.start, period.end),
    ).order_by("starts_on", "id")
    rows = list(organized.values_list("id", "title", "starts_on"))
    activity_ids = [a_id for a_id, _title, _day in rows]
    present = organized.aggregate(n=Sum("present_count"))["n"] or 0
    # One paragraph an activity, as a list ends: ";" after each, "." after the last.
    titles = [
        f"- {title} ({day:%d/%m/%Y}){'.' if i == len(rows) - 1 else ';'}"
        for i, (_id, title, day) in enumerate(rows)
    ]
    return {
        "assoc.activities": figure(len(rows), "Hoạt động đã tổ chức", Activity, activity_ids),
        "assoc.activities.attendances": figure(
            present, "Lượt thành viên dự hoạt động", Activity, activity_ids
        ),
        "assoc.activities.list": Figure(titles, label="các hoạt động đã tổ chức"),
    }


def _committee(org, day):
    """The executive committee on `day`: its term, its members, and its officers by their
    recorded roles ("Chủ tịch Nguyễn Văn A, Phó Chủ tịch Trần Thị B")."""
    term = Term.executive_on(org, day)
    if term is None:
        return {
            "assoc.term": Figure("", label="Nhiệm kỳ Ban Chấp hành"),
            "assoc.committee": Figure(0, label="Ủy viên Ban Chấp hành"),
            "assoc.committee.officers": Figure(
                "", label="Chủ tịch, Phó Chủ tịch (Bí thư, Phó Bí thư)"
            ),
        }
    seats = list(
        Position.objects.filter(active_on(day), term=term)
        .select_related("person")
        .order_by("valid_from", "id")
    )
    head, deputy = roles_of(org.kind)[:2]
    officers = sorted(
        (s for s in seats if s.role in (head, deputy)), key=lambda s: (s.role != head, s.valid_from)
    )
    seated = _people(s.person_id for s in seats)
    return {
        "assoc.term": Figure(term.name, label="Nhiệm kỳ Ban Chấp hành"),
        "assoc.committee": Figure(len(seated), seated, label="Ủy viên Ban Chấp hành"),
        "assoc.committee.officers": Figure(
            ", ".join(f"{s.get_role_display()} {s.person.full_name}" for s in officers),
            _people(s.person_id for s in officers),
            label="Chủ tịch, Phó Chủ tịch (Bí thư, Phó Bí thư)",
        ),
    }
