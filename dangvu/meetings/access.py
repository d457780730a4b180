"""Who reads and changes the work records (dangvu.core.access): registered at start-up.

Activities are visible through any organization taking part in them that the user may read; a
member (role MEMBER) sees the activities they are listed in, and of those only their own
attendance. A record of an organization is visible iff the organization is readable; a record
about a person (a training, a verification, an evaluation…) also to whoever reads the person.
"""

from django.db.models import Q

from dangvu.core import access
from dangvu.core.access import Rule, by_org
from dangvu.people.models import Membership

from .models import (
    Activity,
    ActivityOrg,
    Attendance,
    MeetingDocument,
    MeetingMinutes,
    MeetingPlan,
    MeetingRead,
    MeetingTask,
)

ORGANIZER, PARTICIPANT = ActivityOrg.Role.ORGANIZER, ActivityOrg.Role.PARTICIPANT


def _linked(scope, prefix=""):
    """Records of activities an organization the scope reads takes part in."""
    links = ActivityOrg.objects.filter(org_id__in=scope.read_org_ids).values("activity_id")
    return Q(**{f"{prefix}id__in": links})


def visible_activities(scope, qs=None):
    qs = Activity.objects.all() if qs is None else qs
    if scope.sees_everything:
        return qs
    q = _linked(scope)
    if scope.self_person_ids:
        mine = Attendance.objects.filter(person_id__in=scope.self_person_ids)
        q |= Q(id__in=mine.values("activity_id"))
    return qs.filter(q)


def can_write_activity(scope, activity):
    """If the user sees an organizer, every organizer must be theirs to change; an event organized
    elsewhere is changed by whoever may change all the organizations that took part."""
    links = list(activity.links.select_related("org"))
    organizers = [link.org for link in links if link.role == ORGANIZER]
    seen = [o for o in organizers if scope.can_read_org(o)]
    targets = organizers if seen else [link.org for link in links if link.role == PARTICIPANT]
    return bool(targets) and all(scope.can_write_org(o) for o in targets)


def can_record_attendance(scope, activity):
    """Each organization of a meeting records its own members' attendance: the secretary of one
    of several cells meeting together records theirs, not the others' (see attendance_people)."""
    return any(scope.can_write_org(link.org) for link in activity.links.select_related("org"))


def _attendance(scope, qs):
    if scope.sees_everything:
        return qs
    return qs.filter(_linked(scope, "activity_") | Q(person_id__in=scope.self_person_ids))


def _minutes(path):
    """Minutes and their tasks: read by the activity's organizations, not by a member who only
    attended; changed with the activity."""

    def read(scope, qs):
        return qs if scope.sees_everything else qs.filter(_linked(scope, path + "_"))

    def write(scope, obj):
        for name in path.split("__"):
            obj = getattr(obj, name)
        return can_write_activity(scope, obj)

    return read, write


access.register(
    Activity,
    Rule(
        lambda scope, qs: visible_activities(scope, qs),
        can_write_activity,
        "links__org",
        noun="hoạt động",
        url_param="activity_id",
    ),
)
access.register(ActivityOrg, by_org())
access.register(
    Attendance,
    Rule(
        _attendance,
        lambda scope, a: can_record_attendance(scope, a.activity),
        "activity__links__org",
    ),
)
access.register(MeetingMinutes, Rule(*_minutes("activity"), "activity__links__org"))
access.register(MeetingTask, Rule(*_minutes("minutes__activity"), "minutes__activity__links__org"))


def _own_cells(scope):
    """Cells the member (role MEMBER) has belonged to: they read those cells' meeting plans, the
    notice and the documents to read; the pages check the membership on the meeting's date."""
    return Membership.objects.filter(
        person_id__in=scope.self_person_ids, kind=Membership.Kind.PARTY
    ).values("org_id")


def _plans(path):
    prefix = f"{path}__" if path else ""

    def read(scope, qs):
        if scope.sees_everything:
            return qs
        q = _linked(scope, f"{prefix}activity__")
        if scope.self_person_ids:
            q |= Q(**{f"{prefix}activity__links__org_id__in": _own_cells(scope)})
        return qs.filter(q).distinct()

    def write(scope, obj):
        plan = getattr(obj, path) if path else obj
        return can_write_activity(scope, plan.activity)

    return Rule(read, write, f"{prefix}activity__links__org")


def visible_plans(scope, qs=None):
    return _plans("").read(scope, MeetingPlan.objects.all() if qs is None else qs)


access.register(MeetingPlan, _plans(""))
access.register(MeetingDocument, _plans("plan"))
access.register(MeetingRead, _plans("plan"))
