"""The named state changes of work records. Each validates, writes, and leaves an audit entry.

Errors are `ValidationError`s with Vietnamese messages, raised before anything is written; every
action runs in one transaction.
"""

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from dangvu.core import audit
from dangvu.core.audit import Actor
from dangvu.lib.dates import vn_date
from dangvu.orgs.models import Organization, active_on
from dangvu.orgs.tree import subtree_ids
from dangvu.people.models import Membership, Person
from dangvu.work.common import (
    check_key,
    check_period,
    parse_score,
    required_text,
)

from .models import (
    Activity,
    ActivityOrg,
    Attendance,
    MeetingMinutes,
    MeetingTask,
)

K = Organization.Kind
MEETING_KINDS = (Activity.Kind.REGULAR_MEETING, Activity.Kind.THEMATIC_MEETING)


def members_on(orgs: Iterable[Organization], day: dt.date) -> dict[int, set[str]]:
    """{person_id: kinds} of everyone holding a membership (party, union …) on `day` in the
    subtrees of `orgs`: the people an activity of these organizations may list by name."""
    ids = subtree_ids([o.id for o in orgs])
    rows = Membership.objects.filter(active_on(day), org_id__in=ids).values_list(
        "person_id", "kind"
    )
    found: dict[int, set[str]] = {}
    for person_id, kind in rows:
        found.setdefault(person_id, set()).add(kind)
    return found


def _names(orgs):
    return ", ".join(str(o) for o in orgs)


# Activities ---------------------------------------------------------------------------------

ACTIVITY_FIELDS = (
    "kind",
    "title",
    "starts_on",
    "ends_on",
    "place",
    "host_name",
    "head_count",
    "key",
    "notes",
)


def _clean_activity(data, organizers, participants):
    if data.get("kind") not in Activity.Kind.values:
        raise ValidationError("Loại hoạt động không hợp lệ.")
    data["title"] = required_text(data.get("title"), "Tên hoạt động")
    check_period(data.get("starts_on"), data.get("ends_on"), "ngày diễn ra")
    head_count = data.get("head_count") or 0
    if head_count < 0:
        raise ValidationError("Số đại biểu không được âm.")
    data["head_count"] = head_count
    data["key"] = check_key(data.get("key"))
    for name in ("notes", "place", "host_name"):
        data[name] = (data.get(name) or "").strip()
    data.setdefault("ends_on", None)
    if not organizers and not participants:
        raise ValidationError("Cần ít nhất một tổ chức tổ chức hoặc tham dự hoạt động.")
    if not organizers and not data.get("host_name"):
        raise ValidationError("Hoạt động do đơn vị ngoài tổ chức: cần ghi tên đơn vị tổ chức.")
    both = {o.id for o in organizers} & {o.id for o in participants}
    if both:
        raise ValidationError("Một tổ chức không thể vừa tổ chức vừa tham dự cùng hoạt động.")
    for org in [*organizers, *participants]:
        if not org.is_active_on(data["starts_on"]):
            raise ValidationError(f"“{org}” không hoạt động vào ngày {vn_date(data['starts_on'])}.")
    if data["kind"] in MEETING_KINDS and not all(o.kind == K.PARTY_CELL for o in organizers):
        raise ValidationError("Sinh hoạt chi bộ phải do chi bộ tổ chức.")
    return data


def _write_links(activity, organizers, participants):
    ActivityOrg.objects.filter(activity=activity).delete()
    ActivityOrg.objects.bulk_create(
        [ActivityOrg(activity=activity, org=o, role=ActivityOrg.Role.ORGANIZER) for o in organizers]
        + [
            ActivityOrg(activity=activity, org=o, role=ActivityOrg.Role.PARTICIPANT)
            for o in participants
        ]
    )


def _main_org(activity_orgs):
    return activity_orgs[0] if activity_orgs else None


@transaction.atomic
def create_activity(
    actor: Actor,
    *,
    organizers: Sequence[Organization] = (),
    participants: Sequence[Organization] = (),
    **fields: Any,
) -> Activity:
    unknown = set(fields) - set(ACTIVITY_FIELDS)
    if unknown:
        raise TypeError(f"unknown activity fields: {sorted(unknown)}")
    organizers, participants = list(organizers), list(participants)
    data = _clean_activity(dict(fields), organizers, participants)
    activity = Activity.objects.create(**data)
    _write_links(activity, organizers, participants)
    audit.record(
        actor,
        "activity.create",
        activity,
        summary=f"Hoạt động: {activity.title}",
        org=_main_org(organizers or participants),
    )
    return activity


@transaction.atomic
def update_activity(
    actor: Actor,
    activity: Activity,
    *,
    organizers: Sequence[Organization] | None = None,
    participants: Sequence[Organization] | None = None,
    **fields: Any,
) -> Activity:
    links = list(activity.links.select_related("org"))
    if organizers is None:
        organizers = [link.org for link in links if link.role == ActivityOrg.Role.ORGANIZER]
    if participants is None:
        participants = [link.org for link in links if link.role == ActivityOrg.Role.PARTICIPANT]
    current = {f: getattr(activity, f) for f in ACTIVITY_FIELDS}
    data = _clean_activity({**current, **fields}, list(organizers), list(participants))
    attended = Attendance.objects.filter(activity=activity)
    if data["starts_on"] != activity.starts_on and attended.exists():
        members = members_on([*organizers, *participants], data["starts_on"])
        outside = attended.exclude(person_id__in=members).count()
        if outside:
            raise ValidationError(
                f"Có {outside} người đã điểm danh không còn là thành viên vào ngày "
                f"{vn_date(data['starts_on'])}; hãy sửa điểm danh trước."
            )
    before = audit.snapshot(activity)
    for key, value in data.items():
        setattr(activity, key, value)
    activity.save()
    _write_links(activity, list(organizers), list(participants))
    audit.record(
        actor,
        "activity.update",
        activity,
        before,
        summary=f"Sửa hoạt động: {activity.title}",
        org=_main_org(list(organizers) or list(participants)),
    )
    return activity


def _clean_attendance(activity_orgs, day, entries):
    """entries: {person (or id): (status, reason)} -> [(person_id, status, reason)]."""
    members = members_on(activity_orgs, day)
    rows = []
    for person, value in entries.items():
        status, reason = value if isinstance(value, tuple) else (value, "")
        person_id = person.id if isinstance(person, Person) else int(person)
        if status not in Attendance.Status.values:
            raise ValidationError("Trạng thái điểm danh không hợp lệ.")
        rows.append((person_id, status, (reason or "").strip()))
    outside = [pid for pid, _s, _r in rows if pid not in members]
    if outside:
        names = Person.objects.filter(id__in=outside).values_list("full_name", flat=True)
        where = f"{_names(activity_orgs)} vào ngày {vn_date(day)}"
        message = f"Không phải thành viên của {where}: {', '.join(names)}."
        if len(rows) > len(members):
            message = (
                f"Số người điểm danh ({len(rows)}) vượt quá số thành viên của {where} "
                f"({len(members)}). {message}"
            )
        raise ValidationError(f"{message} Người ngoài ghi vào số đại biểu.")
    return rows


def _write_attendance(activity, rows, replacing=None):
    """Write `rows` as the attendance of the people in `replacing` (everyone when None); the
    other rows stay. The count of those present is read back from the table, so it includes
    the rows another secretary saved in between."""
    current = Attendance.objects.filter(activity=activity)
    if replacing is not None:
        current = current.filter(person_id__in=replacing)
    current.delete()
    Attendance.objects.bulk_create(
        Attendance(activity=activity, person_id=pid, status=status, reason=reason)
        for pid, status, reason in rows
    )
    activity.present_count = Attendance.objects.filter(
        activity=activity, status=Attendance.Status.PRESENT
    ).count()
    activity.save(update_fields=["present_count"])


def _lock(activity):
    """Serialize the writers of one activity's attendance: the row lock on PostgreSQL; SQLite
    transactions already begin with the write lock (IMMEDIATE, see settings)."""
    Activity.objects.select_for_update().filter(pk=activity.pk).exists()


def attendance_summary(rows: Iterable[tuple[int, str, str]]) -> str:
    count = {s: 0 for s in Attendance.Status.values}
    for _pid, status, _reason in rows:
        count[status] += 1
    return (
        f"{count['present']} có mặt, {count['excused']} vắng có lý do, "
        f"{count['absent']} vắng không lý do"
    )


@transaction.atomic
def record_attendance(
    actor: Actor,
    activity: Activity,
    entries: Mapping[Any, Any],
    *,
    replacing: Iterable[int] | None = None,
) -> Activity:
    """Record the attendance of `activity`: {person: status or (status, reason)}.

    `replacing` names the people whose rows this call replaces, e.g. a cell secretary's own
    members in a joint meeting of several cells; the rows of everyone else are kept as they are
    in the database when the write happens, so two secretaries saving at once both keep theirs.
    None replaces the whole attendance. Only members of the activity's organizations on its date
    may be listed by name."""
    _lock(activity)
    orgs = [link.org for link in activity.links.select_related("org")]
    rows = _clean_attendance(orgs, activity.starts_on, entries)
    if replacing is not None:
        replacing = set(replacing)
        stray = [pid for pid, _s, _r in rows if pid not in replacing]
        if stray:
            raise ValidationError("Có người điểm danh ngoài danh sách được ghi.")
    _write_attendance(activity, rows, replacing)
    audit.record(
        actor,
        "activity.attendance",
        activity,
        after=None,
        summary=f"Điểm danh {activity.title}: {attendance_summary(rows)}",
        org=_main_org(orgs),
    )
    return activity


def _clean_tasks(tasks, day):
    clean = []
    for task in tasks or ():
        text = " ".join((task.get("text") or "").split())
        if not text:
            continue
        deadline = task.get("deadline")
        if deadline is not None and deadline < day:
            raise ValidationError(
                f"Thời hạn của nhiệm vụ “{text[:40]}” ({vn_date(deadline)}) trước ngày họp."
            )
        clean.append({"text": text, "deadline": deadline, "assignee": task.get("assignee")})
    return clean


@transaction.atomic
def record_meeting(
    actor: Actor,
    *,
    cell: Organization,
    kind: str,
    starts_on: dt.date,
    title: str = "",
    attendance: Mapping[Any, Any] | None = None,
    notes: str = "",
    fee_note: str = "",
    resolution: str = "",
    quality: str = "",
    score: Any = None,
    chair: Person | None = None,
    recorder: Person | None = None,
    tasks: Iterable[Mapping[str, Any]] = (),
    **extra: Any,
) -> Activity:
    """A cell meeting with its minutes and per-person attendance, in one step."""
    if cell.kind != K.PARTY_CELL:
        raise ValidationError(f"“{cell}” không phải là chi bộ.")
    if kind not in MEETING_KINDS:
        raise ValidationError("Loại sinh hoạt phải là thường kỳ hoặc chuyên đề.")
    if not title:
        label = "thường kỳ" if kind == Activity.Kind.REGULAR_MEETING else "chuyên đề"
        title = f"Sinh hoạt chi bộ {label} tháng {starts_on.month}/{starts_on.year} — {cell}"
    data = _clean_activity(
        {"kind": kind, "title": title, "starts_on": starts_on, "notes": notes, **extra}, [cell], []
    )
    score = parse_score(score, "Điểm buổi sinh hoạt")
    if quality and quality not in MeetingMinutes.Quality.values:
        raise ValidationError("Xếp loại buổi sinh hoạt không hợp lệ.")
    rows = _clean_attendance([cell], starts_on, attendance or {})
    if not any(status == Attendance.Status.PRESENT for _p, status, _r in rows):
        raise ValidationError("Biên bản sinh hoạt cần ít nhất một đảng viên có mặt.")
    clean_tasks = _clean_tasks(tasks, starts_on)
    activity = Activity.objects.create(**data)
    _write_links(activity, [cell], [])
    _write_attendance(activity, rows)
    minutes = MeetingMinutes.objects.create(
        activity=activity,
        chair=chair,
        recorder=recorder,
        fee_note=fee_note.strip(),
        resolution=resolution.strip(),
        quality=quality,
        score=score,
    )
    MeetingTask.objects.bulk_create(MeetingTask(minutes=minutes, **t) for t in clean_tasks)
    audit.record(
        actor,
        "activity.meeting",
        activity,
        summary=f"{activity.title}: {attendance_summary(rows)}",
        org=cell,
    )
    return activity


@transaction.atomic
def complete_task(actor: Actor, task: MeetingTask, on: dt.date) -> MeetingTask:
    if on < task.minutes.activity.starts_on:
        raise ValidationError("Ngày hoàn thành không được trước ngày giao nhiệm vụ.")
    before = audit.snapshot(task)
    task.done_on = on
    task.save()
    audit.record(actor, "meeting.task_done", task, before, summary=f"Hoàn thành: {task.text[:80]}")
    return task
