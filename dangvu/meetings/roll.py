"""Who a cell meeting concerns: the cell that held it, its members on the day (those exempt from
Party work and meetings apart; those suspended and those attending another cell for a while
left out and listed apart), the members attending it temporarily from elsewhere, and the cell's
meeting before it. Read by the actions and by the
papers written from the meeting (`paper.py`)."""

import datetime as dt
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db.models import Q

from dangvu.orgs.models import Organization, Position, Term, active_on
from dangvu.people.actions import overlapping
from dangvu.people.models import (
    Exemption,
    Membership,
    Person,
    Suspension,
    TemporaryAttachment,
)

from .models import Activity, ActivityOrg, MeetingTask

K = Organization.Kind


def meeting_cells(activity: Activity) -> list[Organization]:
    """The cells holding the meeting, the one that planned it (the host) first: one cell for its
    own meeting, several for a joint meeting (sinh hoạt ghép)."""
    links = activity.links.select_related("org").filter(role=ActivityOrg.Role.ORGANIZER)
    cells = [link.org for link in links.order_by("id")]
    if not cells or any(cell.kind != K.PARTY_CELL for cell in cells):
        raise ValidationError("Hoạt động này không phải là buổi sinh hoạt của chi bộ.")
    return cells


def meeting_cell(activity: Activity) -> Organization:
    """The host cell: its register numbers the papers and its secretary signs them."""
    return meeting_cells(activity)[0]


def meeting_roll(activity: Activity) -> tuple[list[Person], list[Person]]:
    """(members, exempt) of every cell holding the meeting, on its day."""
    members: list[Person] = []
    exempt: list[Person] = []
    for cell in meeting_cells(activity):
        mine, spared = cell_roll(cell, activity.starts_on)
        members += mine
        exempt += spared
    return members, exempt


def cell_roll(cell: Organization, day: dt.date) -> tuple[list[Person], list[Person]]:
    """(members, exempt): the cell's party members on `day` who take part in meetings, and those
    exempt from Party work and meetings on that day (listed apart, never counted absent). Members
    suspended that day, or sent to attend another cell for a while, are in neither: they are not
    summoned (`cell_apart` lists them)."""
    people = _party_people(cell, day)
    left_out = _ids_on(Suspension, people, day) | {a.person_id for a in _away(people, day)}
    exempt_ids = _ids_on(Exemption, people, day)
    return (
        [p for p in people if p.id not in exempt_ids | left_out],
        [p for p in people if p.id in exempt_ids - left_out],
    )


@dataclass
class Apart:
    """Who the cell's roll leaves out on a day, and who attends it without being its member."""

    # Its members suspended from Party activities (đình chỉ sinh hoạt đảng).
    suspended: list[Person] = field(default_factory=list)
    # Its members attending another cell for a while (giới thiệu sinh hoạt tạm thời đi nơi khác).
    away: list[TemporaryAttachment] = field(default_factory=list)
    # Members of other cells attending this one for a while (đảng viên sinh hoạt tạm thời).
    guests: list[TemporaryAttachment] = field(default_factory=list)

    @property
    def away_people(self) -> list[Person]:
        return [a.person for a in self.away]

    def extend(self, other: "Apart") -> None:
        """Add another cell's (a joint meeting lists every cell's)."""
        self.suspended += other.suspended
        self.away += other.away
        self.guests += other.guests


def cell_apart(cell: Organization, day: dt.date) -> Apart:
    people = _party_people(cell, day)
    suspended = _ids_on(Suspension, people, day)
    return Apart(
        [p for p in people if p.id in suspended],
        [a for a in _away(people, day) if a.person_id not in suspended],
        list(
            TemporaryAttachment.objects.filter(active_on(day), cell=cell)
            .select_related("person")
            .order_by("valid_from", "id")
        ),
    )


def _party_people(cell, day):
    ids = Membership.objects.filter(
        active_on(day), org=cell, kind=Membership.Kind.PARTY
    ).values_list("person_id", flat=True)
    return list(Person.objects.filter(id__in=list(ids)).order_by("sort_name", "id"))


def _ids_on(model, people, day):
    """Ids of `people` with a record of `model` (an exemption, a suspension) in force on `day`."""
    records = overlapping(model.objects.filter(person__in=people), day, day + dt.timedelta(1))
    return set(records.values_list("person_id", flat=True))


def _away(people, day):
    """The temporary attachments elsewhere, on `day`, of `people` (a cell's members)."""
    return list(
        TemporaryAttachment.objects.filter(active_on(day), person__in=people)
        .select_related("person", "cell")
        .order_by("person__sort_name", "id")
    )


def committee_on(cell: Organization, day: dt.date) -> list[Person]:
    """The members of `cell`'s executive body (chi ủy, or the secretary and deputy of a cell
    without one) on `day`: the convening committee of its meetings, who may accept a member's
    reason for being absent."""
    term = Term.executive_on(cell, day)
    if term is None:
        return []
    ids = Position.objects.filter(active_on(day), term=term).values_list("person_id", flat=True)
    return list(Person.objects.filter(id__in=list(ids)).order_by("sort_name", "id"))


def previous_meeting(activity: Activity, cell: Organization | None = None) -> Activity | None:
    """`cell`'s (the host cell's by default) regular meeting before this regular one, whose
    tasks this one reviews: its own meeting or a joint one it held. A thematic meeting reviews
    none: last month's resolution is the regular meeting's business, and a thematic one held a
    week after it would otherwise call its fresh tasks last month's."""
    if activity.kind != Activity.Kind.REGULAR_MEETING:
        return None
    cell = cell or meeting_cell(activity)
    return (
        Activity.objects.filter(
            kind=Activity.Kind.REGULAR_MEETING,
            links__org=cell,
            links__role=ActivityOrg.Role.ORGANIZER,
            starts_on__lt=activity.starts_on,
        )
        .order_by("-starts_on", "-id")
        .first()
    )


def tasks_under_review(
    activity: Activity, previous: Activity | None, cell: Organization | None = None
) -> list[MeetingTask]:
    """The tasks a regular meeting reviews for `cell` (the host cell by default): all of its
    `previous` meeting's, then those of the cell's earlier meetings still unfinished at the
    previous one, carried from month to month until they are done (a task left "partly done"
    must not drop out of the record)."""
    if previous is None:
        return []
    cell = cell or meeting_cell(activity)
    carried = Q(minutes__activity=previous) | ~Q(status=MeetingTask.Status.DONE)
    carried |= Q(done_on__gt=previous.starts_on)
    return list(
        MeetingTask.objects.filter(
            carried,
            minutes__activity__kind=Activity.Kind.REGULAR_MEETING,
            minutes__activity__links__org=cell,
            minutes__activity__links__role=ActivityOrg.Role.ORGANIZER,
            minutes__activity__starts_on__lte=previous.starts_on,
        )
        .select_related("assignee", "minutes__activity")
        .order_by("minutes__activity__starts_on", "id")
    )


@dataclass
class Review:
    """What a regular meeting reviews for the cells in `cells`: their last resolution (the
    `previous` meeting, one they held together when they share it) and its tasks with those
    carried from earlier months."""

    cells: list[Organization]
    previous: Activity | None
    tasks: list[MeetingTask]


def reviews(activity: Activity) -> list[Review]:
    """One review per last resolution of the cells holding the meeting, the host cell's first.
    A joint meeting reviews every participating cell's own last resolution, not only the host's;
    cells whose last meeting was the same joint one share its review, and a task reviewed for
    one cell is not listed again for another."""
    found: list[Review] = []
    seen: set[int] = set()
    for cell in meeting_cells(activity):
        previous = previous_meeting(activity, cell)
        shared = next((r for r in found if previous is not None and r.previous == previous), None)
        tasks = [t for t in tasks_under_review(activity, previous, cell) if t.id not in seen]
        seen |= {t.id for t in tasks}
        if shared is not None:
            shared.cells.append(cell)
            shared.tasks += tasks
        else:
            found.append(Review([cell], previous, tasks))
    return found


def reviewed_tasks(activity: Activity) -> list[MeetingTask]:
    """Every task a regular meeting reviews, over all of its cells: the results its minutes
    may record."""
    return [task for review in reviews(activity) for task in review.tasks]
