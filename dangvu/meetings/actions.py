"""The named state changes of work records. Each validates, writes, and leaves an audit entry.

Errors are `ValidationError`s with Vietnamese messages, raised before anything is written; every
action runs in one transaction.
"""

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.utils import timezone

from dangvu.accounts.models import AuditEntry
from dangvu.core import audit
from dangvu.core.audit import Actor
from dangvu.documents import actions as document_actions
from dangvu.documents.models import Document
from dangvu.lib.dates import vn_date
from dangvu.lib.rules import rule_in_force
from dangvu.lib.text import fold
from dangvu.orgs.models import Organization, active_on
from dangvu.orgs.tree import subtree_ids
from dangvu.people.models import Membership, Person
from dangvu.work.common import (
    check_key,
    check_period,
    parse_score,
    required_text,
)

from . import paper
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
from .roll import (  # cell_roll, meeting_roll, reviews are read by the views through this module
    cell_apart,  # noqa: F401
    cell_roll,  # noqa: F401
    committee_on,
    meeting_cell,
    meeting_cells,
    meeting_roll,
    reviewed_tasks,
    reviews,  # noqa: F401
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
        org.check_active_on(data["starts_on"])
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
    audit.change(
        actor,
        "activity.update",
        activity,
        data,
        summary=f"Sửa hoạt động: {data['title']}",
        org=_main_org(list(organizers) or list(participants)),
    )
    _write_links(activity, list(organizers), list(participants))
    return activity


def _clean_attendance(activity_orgs, day, entries):
    """entries: {person (or id): status, (status, reason) or (status, reason, accepted_by)}
    -> [(person_id, status, reason, accepted_by id or None)]. `accepted_by` is the member of the
    convening committee who accepted the reason of an excused absence (a person or an id)."""
    members = members_on(activity_orgs, day)
    rows = []
    for person, value in entries.items():
        # A bare status, (status, reason) or (status, reason, accepted_by).
        status, reason, accepted_by = (
            *(value if isinstance(value, tuple) else (value,)),
            "",
            None,
        )[:3]
        person_id = person.id if isinstance(person, Person) else int(person)
        if status not in Attendance.Status.values:
            raise ValidationError("Trạng thái điểm danh không hợp lệ.")
        accepted_id = accepted_by.id if isinstance(accepted_by, Person) else accepted_by
        rows.append((person_id, status, (reason or "").strip(), accepted_id or None))
    outside = [pid for pid, _s, _r, _a in rows if pid not in members]
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
    _check_acceptances(activity_orgs, day, rows)
    return rows


def _check_acceptances(activity_orgs, day, rows):
    """An accepted reason is an excused absence with its reason, accepted by a member of the
    committee of a cell holding the activity that the absent member belongs to on the day."""
    accepted = [(pid, status, reason, by) for pid, status, reason, by in rows if by]
    if not accepted:
        return
    names = dict(
        Person.objects.filter(id__in={r[0] for r in accepted}).values_list("id", "full_name")
    )
    cells = [o for o in activity_orgs if o.kind == K.PARTY_CELL]
    for pid, status, reason, by in accepted:
        if status != Attendance.Status.EXCUSED or not reason:
            raise ValidationError(
                f"Đồng chí {names[pid]}: cấp ủy chỉ đồng ý lý do của đảng viên vắng có lý do, "
                "và lý do phải được ghi."
            )
        own = [c for c in cells if pid in members_on([c], day)]
        if not any(by in {p.id for p in committee_on(c, day)} for c in own):
            raise ValidationError(
                f"Đồng chí {names[pid]}: người đồng ý lý do vắng phải là cấp ủy viên (bí thư, "
                f"phó bí thư, chi ủy viên) của chi bộ vào ngày {vn_date(day)}."
            )


def _write_attendance(activity, rows, replacing=None):
    """Write `rows` as the attendance of the people in `replacing` (everyone when None); the
    other rows stay. The count of those present is read back from the table, so it includes
    the rows another secretary saved in between."""
    current = Attendance.objects.filter(activity=activity)
    if replacing is not None:
        current = current.filter(person_id__in=replacing)
    current.delete()
    Attendance.objects.bulk_create(
        Attendance(
            activity=activity, person_id=pid, status=status, reason=reason, accepted_by_id=by
        )
        for pid, status, reason, by in rows
    )
    activity.present_count = Attendance.objects.filter(
        activity=activity, status=Attendance.Status.PRESENT
    ).count()
    activity.save(update_fields=["present_count"])


def _lock(activity):
    """Serialize the writers of one activity's attendance: the row lock on PostgreSQL; SQLite
    transactions already begin with the write lock (IMMEDIATE, see settings)."""
    Activity.objects.select_for_update().filter(pk=activity.pk).exists()


def attendance_summary(rows: Iterable[tuple]) -> str:
    count = {s: 0 for s in Attendance.Status.values}
    for _pid, status, *_rest in rows:
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
        stray = [pid for pid, *_rest in rows if pid not in replacing]
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
    if not any(status == Attendance.Status.PRESENT for _p, status, *_rest in rows):
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
    return audit.change(
        actor,
        "meeting.task_done",
        task,
        {"done_on": on, "status": MeetingTask.Status.DONE},
        summary=f"Hoàn thành: {task.text[:80]}",
    )


# The monthly cell meeting: plan, notice, reading, conclusion, resolution --------------------------


def recurring_items(day: dt.date) -> list[str]:
    """The agenda items every regular meeting has, by the guidance in force on `day`."""
    try:
        return list(rule_in_force("cell_meeting", day)["recurring"])
    except LookupError:
        return []


def meeting_title(cells: Sequence[Organization], kind: str, day: dt.date) -> str:
    label = "thường kỳ" if kind == Activity.Kind.REGULAR_MEETING else "chuyên đề"
    names = ", ".join(cell.name_on(day) for cell in cells)
    return f"Sinh hoạt chi bộ {label} tháng {day.month}/{day.year} — {names}"


def _clean_documents(cell, documents):
    docs = list(dict.fromkeys(documents or ()))
    for doc in docs:
        if doc.is_secret:
            raise ValidationError(
                f"“{doc}” là tài liệu mật: không gửi qua thông báo điện tử, hãy phổ biến tại buổi "
                "sinh hoạt."
            )
    return docs


@transaction.atomic
def plan_meeting(
    actor: Actor,
    *,
    cell: Organization,
    starts_on: dt.date,
    kind: str = Activity.Kind.REGULAR_MEETING,
    place: str = "",
    theme: str = "",
    agenda: Sequence[str] | None = None,
    documents: Iterable[Document] = (),
    attachments: Iterable[tuple[Any, str]] = (),
    title: str = "",
    starts_at: dt.time | None = None,
    joint_with: Sequence[Organization] = (),
) -> Activity:
    """The secretary's plan of a cell meeting: an activity of the cell, its agenda (the cell's
    recurring items by the guidance in force, then the month's theme) and the documents members
    read before it: chosen from the registry, or `attachments` ((file, subject) pairs) entered
    in the cell's registry as internal documents. One regular meeting per cell and month.

    `joint_with` are the other cells of a joint meeting (sinh hoạt ghép): one notice to the
    members of all of them, one minutes with each cell's attendance, one resolution, numbered in
    `cell`'s register and signed by its secretary."""
    cells = list(dict.fromkeys([cell, *joint_with]))
    for one in cells:
        if one.kind != K.PARTY_CELL:
            raise ValidationError(f"“{one}” không phải là chi bộ.")
    if kind not in MEETING_KINDS:
        raise ValidationError("Loại sinh hoạt phải là thường kỳ hoặc chuyên đề.")
    if starts_on is None:
        raise ValidationError("Cần ghi ngày sinh hoạt.")
    for one in cells:
        same_month = Activity.objects.filter(
            kind=kind,
            starts_on__year=starts_on.year,
            starts_on__month=starts_on.month,
            links__org=one,
            links__role=ActivityOrg.Role.ORGANIZER,
        )
        if kind == Activity.Kind.REGULAR_MEETING and same_month.exists():
            raise ValidationError(
                f"{one} đã có buổi sinh hoạt thường kỳ tháng {starts_on.month}/{starts_on.year}."
            )
    theme = " ".join((theme or "").split())
    thematic = kind == Activity.Kind.THEMATIC_MEETING
    if thematic and not theme:
        raise ValidationError("Sinh hoạt chuyên đề cần ghi tên chuyên đề.")
    items = [" ".join(str(i).split()) for i in (agenda or ())]
    # The recurring items (news, last month's resolution …) are the regular meeting's; a
    # thematic meeting's agenda is its theme.
    items = [i for i in items if i] or ([] if thematic else recurring_items(starts_on))
    if theme and not any(theme in i for i in items):
        items.append(f"Sinh hoạt chuyên đề: {theme}")
    docs = _clean_documents(cell, documents)
    for upload, subject in attachments:
        subject = " ".join((subject or "").split()) or str(getattr(upload, "name", "")) or ""
        docs.append(
            document_actions.register_document(
                actor,
                owner_org=cell,
                direction=Document.Direction.INTERNAL,
                subject=subject or "Tài liệu sinh hoạt chi bộ",
                file=upload,
            )
        )
    data = _clean_activity(
        {
            "kind": kind,
            "title": title or meeting_title(cells, kind, starts_on),
            "starts_on": starts_on,
            "place": place,
        },
        cells,
        [],
    )
    activity = Activity.objects.create(**data)
    _write_links(activity, cells, [])
    plan = MeetingPlan.objects.create(
        activity=activity, theme=theme, agenda=items, starts_at=starts_at
    )
    MeetingDocument.objects.bulk_create(MeetingDocument(plan=plan, document=d) for d in docs)
    audit.record(
        actor,
        "meeting.plan",
        activity,
        summary=f"Kế hoạch {activity.title}: {len(items)} nội dung, {len(docs)} tài liệu",
        org=cell,
    )
    return activity


def _plan(activity):
    """The meeting's plan, locked until the action's transaction ends: the actions save it
    whole (`audit.change`), so two at once must not write over each other's fields."""
    plan = MeetingPlan.objects.select_for_update().filter(activity=activity).first()
    if plan is None:
        raise ValidationError("Buổi sinh hoạt này chưa có kế hoạch.")
    return plan


def notice_open(activity: Activity) -> bool:
    """A notice goes out before the meeting or on its day, never after it."""
    return timezone.localdate() <= activity.starts_on


@transaction.atomic
def send_notice(actor: Actor, activity: Activity, *, base_url: str = "") -> list[str]:
    """E-mail the notice of a planned meeting to the cell's members on its date (never to anyone
    else), through Django's mail settings. Returns the addresses written to; members without an
    address read it on their page."""
    plan = _plan(activity)
    if not notice_open(activity):
        raise ValidationError(
            f"Buổi sinh hoạt ngày {vn_date(activity.starts_on)} đã qua: thông báo chỉ gửi trước "
            "hoặc trong ngày sinh hoạt."
        )
    cell = meeting_cell(activity)
    # Exempt members are told too: they are spared the meeting, not its news; in a joint
    # meeting, the members of every cell holding it.
    members, exempt = meeting_roll(activity)
    addresses = [p.email for p in [*members, *exempt] if p.email]
    docs = [md.document for md in plan.documents.select_related("document")]
    lines = [
        f"{cell.name_on(activity.starts_on)} thông báo: {activity.title}.",
        f"Thời gian: ngày {vn_date(activity.starts_on)}."
        + (f" Địa điểm: {activity.place}." if activity.place else ""),
        "",
        "Nội dung:",
        *(f"{i}. {item}" for i, item in enumerate(plan.agenda, 1)),
    ]
    if docs:
        lines += ["", "Tài liệu cần đọc trước:", *(f"- {d}" for d in docs)]
    if base_url:
        lines += ["", f"Xem thông báo và tài liệu: {base_url}"]
    with get_connection() as connection:
        messages = [
            EmailMessage(
                subject=f"Thông báo {activity.title}",
                body="\n".join(lines),
                to=[address],
                connection=connection,
            )
            for address in addresses
        ]
        connection.send_messages(messages)
    audit.change(
        actor,
        "meeting.notice",
        plan,
        {"notice_sent_at": timezone.now()},
        summary=f"Gửi thông báo {activity.title}: {len(addresses)} thư",
        org=cell,
    )
    return addresses


@transaction.atomic
def mark_read(
    actor: Actor, plan: MeetingPlan, person: Person, document: MeetingDocument | None = None
) -> MeetingRead:
    """ "Đã xem": a member of the cell opened the notice or one of its documents (once)."""
    cell = meeting_cell(plan.activity)
    members, exempt = meeting_roll(plan.activity)
    if person.id not in {p.id for p in [*members, *exempt]}:
        names = ", ".join(str(c) for c in meeting_cells(plan.activity))
        raise ValidationError(f"{person.full_name} không là đảng viên của {names}.")
    if document is not None and document.plan_id != plan.id:
        raise ValidationError("Tài liệu không thuộc thông báo này.")
    read = MeetingRead.objects.filter(plan=plan, person=person, document=document).first()
    if read is not None:
        return read
    read = MeetingRead.objects.create(
        plan=plan, person=person, document=document, seen_at=timezone.now()
    )
    what = f"tài liệu “{document.document}”" if document else "thông báo"
    audit.record(actor, "meeting.read", read, summary=f"{person.full_name} đã xem {what}", org=cell)
    return read


def _clean_results(results, review):
    clean = {}
    allowed = {t.id: t for t in review}
    for task_id, value in (results or {}).items():
        status, result = value if isinstance(value, tuple) else (value, "")
        task = allowed.get(int(task_id))
        if task is None:
            raise ValidationError(
                "Có nhiệm vụ không thuộc nghị quyết tháng trước của chi bộ, cũng không phải nhiệm "
                "vụ chưa hoàn thành của các tháng trước."
            )
        if status not in MeetingTask.Status.values:
            raise ValidationError(f"Tình trạng của nhiệm vụ “{task.text[:40]}” không hợp lệ.")
        clean[task.id] = (status, " ".join((result or "").split()))
    return clean


@transaction.atomic
def conclude_meeting(
    actor: Actor,
    activity: Activity,
    *,
    chair: Person | None = None,
    recorder: Person | None = None,
    key_points: str = "",
    resolution: str = "",
    quality: str = "",
    score: Any = None,
    guests: str = "",
    late: Iterable[Person] = (),
    tasks: Iterable[Mapping[str, Any]] = (),
    results: Mapping[Any, Any] | None = None,
    ends_at: dt.time | None = None,
) -> MeetingMinutes:
    """What was said and decided at a planned meeting, after its attendance: the minutes (chair,
    secretary of the meeting, key points, resolution, self-rated quality), next month's tasks
    (each with its owner and deadline), and the results of last month's tasks. Saved again, it
    replaces this meeting's tasks."""
    plan = _plan(activity)
    if plan.resolution_doc_id:
        raise ValidationError(
            f"Nghị quyết số {plan.resolution_doc.symbol} đã ban hành: kết luận của buổi sinh hoạt "
            "không sửa được nữa."
        )
    cell = meeting_cell(activity)
    day = activity.starts_on
    present = set(
        activity.attendances.filter(status=Attendance.Status.PRESENT).values_list(
            "person_id", flat=True
        )
    )
    if not present:
        raise ValidationError("Hãy điểm danh trước: biên bản cần ít nhất một đảng viên có mặt.")
    members, exempt = meeting_roll(activity)
    roll = {p.id for p in [*members, *exempt]}
    for who, label in ((chair, "Chủ trì"), (recorder, "Thư ký")):
        if who is not None and who.id not in present:
            raise ValidationError(f"{label} ({who.full_name}) phải là đảng viên có mặt.")
    if chair is not None and recorder is not None and chair.id == recorder.id:
        # Two signatures under the minutes: two people.
        raise ValidationError("Chủ trì và thư ký buổi sinh hoạt phải là hai đồng chí khác nhau.")
    late = list(late)
    stray = [p.full_name for p in late if p.id not in present]
    if stray:
        raise ValidationError(f"Người đến muộn phải có mặt trong điểm danh: {', '.join(stray)}.")
    score = parse_score(score, "Điểm buổi sinh hoạt")
    if quality and quality not in MeetingMinutes.Quality.values:
        raise ValidationError("Xếp loại buổi sinh hoạt không hợp lệ.")
    if ends_at is not None and plan.starts_at is not None and ends_at <= plan.starts_at:
        raise ValidationError(
            f"Giờ kết thúc ({paper.clock(ends_at)}) phải sau giờ bắt đầu "
            f"({paper.clock(plan.starts_at)})."
        )
    clean_tasks = _clean_tasks(tasks, day)
    for task in clean_tasks:
        owner = task["assignee"]
        if owner is not None and owner.id not in roll:
            raise ValidationError(
                f"Người thực hiện “{owner.full_name}” không là đảng viên của {cell}."
            )
    review = reviewed_tasks(activity)  # every participating cell's last resolution
    clean_results = _clean_results(results, review)
    minutes, _created = MeetingMinutes.objects.update_or_create(
        activity=activity,
        defaults={
            "chair": chair,
            "recorder": recorder,
            "resolution": resolution.strip(),
            "quality": quality,
            "score": score,
        },
    )
    minutes.tasks.all().delete()
    MeetingTask.objects.bulk_create(MeetingTask(minutes=minutes, **t) for t in clean_tasks)
    for task in review:
        if task.id in clean_results:
            task.status, task.result = clean_results[task.id]
            if task.status == MeetingTask.Status.DONE and task.done_on is None:
                task.done_on = day
            task.save(update_fields=["status", "result", "done_on"])
    audit.change(
        actor,
        "meeting.conclude",
        plan,
        {
            "key_points": key_points.strip(),
            "guests": " ".join((guests or "").split()),
            "ends_at": ends_at,
        },
        summary=f"Kết luận {activity.title}: {len(clean_tasks)} nhiệm vụ, "
        f"{len(clean_results)} kết quả tháng trước",
        org=cell,
    )
    plan.late.set(late)
    return minutes


@transaction.atomic
def update_task(
    actor: Actor, task: MeetingTask, *, status: str, result: str = "", on: dt.date | None = None
) -> MeetingTask:
    """The status and result of a resolution's task, as the secretary follows it."""
    if status not in MeetingTask.Status.values:
        raise ValidationError("Tình trạng nhiệm vụ không hợp lệ.")
    if on is not None and on < task.minutes.activity.starts_on:
        raise ValidationError("Ngày hoàn thành không được trước ngày giao nhiệm vụ.")
    changes: dict[str, Any] = {"status": status, "result": " ".join((result or "").split())}
    if status == MeetingTask.Status.DONE:
        changes["done_on"] = on or task.done_on or dt.date.today()
    return audit.change(actor, "meeting.task", task, changes, summary=f"Nhiệm vụ: {task.text[:80]}")


@transaction.atomic
def issue_resolution(actor: Actor, activity: Activity) -> Document:
    """Take the numbers of the minutes and the resolution from the cell's register of outgoing
    documents (Party numbering over the cell committee's term) and enter them there, once."""
    plan = _plan(activity)
    if plan.resolution_doc_id:
        return plan.resolution_doc
    minutes = MeetingMinutes.objects.filter(activity=activity).first()
    if minutes is None:
        raise ValidationError("Hãy ghi kết luận buổi sinh hoạt trước khi ban hành nghị quyết.")
    # The minutes are signed by the chair and by the secretary who kept them.
    unsigned = [
        label
        for label, who in (
            ("chủ trì", minutes.chair_id),
            ("thư ký (người ghi biên bản)", minutes.recorder_id),
        )
        if who is None
    ]
    if unsigned:
        raise ValidationError(
            f"Biên bản chưa ghi {' và '.join(unsigned)}: hãy ghi trong kết luận buổi sinh hoạt "
            "trước khi lấy số."
        )
    rolls = [paper.roll_of(activity, one) for one in meeting_cells(activity)]
    unrecorded = [p for roll in rolls for p in roll.unrecorded]
    if unrecorded:
        # The issued papers are frozen: their attendance must add up to the members expected.
        raise ValidationError(
            f"Chưa điểm danh {len(unrecorded)} đảng viên của chi bộ vào ngày sinh hoạt: "
            f"{', '.join(p.full_name for p in unrecorded)}. Hãy điểm danh đủ trước khi lấy số."
        )
    for roll in rolls:
        quorum = paper.quorum_of(activity, roll)
        if quorum is not None and not quorum.met:
            raise ValidationError(
                f"{roll.cell}: {quorum.line[:-1]} ({quorum.source}). Không lấy số biên bản, "
                "nghị quyết."
            )
    cell = meeting_cell(activity)
    day = activity.starts_on
    month = f"tháng {day.month}/{day.year}"
    thematic = "" if activity.kind == Activity.Kind.REGULAR_MEETING else "sinh hoạt chuyên đề "
    plan.minutes_doc, _n = document_actions.register_outgoing(
        actor, cell, doc_type="Biên bản", date=day, subject=f"Biên bản sinh hoạt chi bộ {month}"
    )
    plan.resolution_doc, _n = document_actions.register_outgoing(
        actor,
        cell,
        doc_type="Nghị quyết",
        date=day,
        subject=f"Nghị quyết {thematic or 'chi bộ '}{month}",
    )
    plan.save(update_fields=["minutes_doc", "resolution_doc"])
    # Issued: the papers as they stand now are kept; later edits of the records leave them be.
    plan.frozen = {
        "minutes": paper.freeze_document(paper.build_minutes(activity)),
        "resolution": paper.freeze_document(paper.build_resolution(activity)),
    }
    plan.save(update_fields=["frozen"])
    audit.record(
        actor,
        "meeting.resolution",
        plan,
        summary=f"Nghị quyết {plan.resolution_doc.symbol}, biên bản {plan.minutes_doc.symbol}",
        org=cell,
    )
    return plan.resolution_doc


def record_paper_export(
    actor: Actor, activity: Activity, *, which: str, suffix: str, rows: int
) -> AuditEntry:
    """The minutes or the resolution left as a file: members' names and absence reasons are
    personal data (the notice names no one and leaves no entry)."""
    return audit.record_export(
        actor,
        action=f"meeting.{which}.export",
        what=f"{'biên bản' if which == 'minutes' else 'nghị quyết'} {activity.title} ({suffix})",
        rows=rows,
        org=meeting_cell(activity),
        filters={"activity": activity.pk},
    )


# An activity entered by mistake -----------------------------------------------------------------

# Records of apps above this one that rest on an activity (a finalised report counting it): each
# a function of the activity giving a Vietnamese reason to refuse its deletion, or "". Those
# apps register theirs at start-up.
DELETE_GUARDS: list[Callable[[Activity], str]] = []


@transaction.atomic
def delete_activity(actor: Actor, activity: Activity, *, confirm_title: str) -> Activity:
    """Delete an activity entered by mistake, after its title is typed again: refused once
    attendance is recorded, its minutes and resolution have numbers, a work programme cites it
    or a finalised report counts it (then it is history). Its organizations, plan, notice reads,
    minutes and tasks go with it; the audit trail keeps the deletion."""
    if fold(" ".join((confirm_title or "").split())) != fold(" ".join(activity.title.split())):
        raise ValidationError(f"Hãy gõ đúng tên “{activity.title}” để xác nhận xóa.")
    activity = Activity.objects.select_for_update().get(pk=activity.pk)
    if activity.attendances.exists():
        raise ValidationError(
            f"Không xóa được “{activity.title}”: đã điểm danh {activity.attendances.count()} "
            "người; hãy xóa điểm danh trước nếu ghi nhầm."
        )
    plan = MeetingPlan.objects.filter(activity=activity).first()
    if plan is not None and (plan.resolution_doc_id or plan.minutes_doc_id):
        raise ValidationError(
            f"Không xóa được “{activity.title}”: biên bản, nghị quyết đã lấy số trong sổ văn bản đi."
        )
    if activity.programme_items.exists():
        raise ValidationError(
            f"Không xóa được “{activity.title}”: chương trình công tác dẫn hoạt động này làm kết "
            "quả thực hiện."
        )
    for guard in DELETE_GUARDS:
        reason = guard(activity)
        if reason:
            raise ValidationError(f"Không xóa được “{activity.title}”: {reason}")
    org = _main_org([link.org for link in activity.links.select_related("org").order_by("role")])
    snapshot = audit.snapshot(activity)
    title, pk = activity.title, activity.pk
    if plan is not None:
        plan.late.clear()
        plan.delete()
    MeetingMinutes.objects.filter(activity=activity).delete()
    activity.links.all().delete()
    activity.delete()
    activity.pk = pk
    audit.record(
        actor,
        "activity.delete",
        activity,
        snapshot,
        summary=f"Xóa hoạt động {title} ngày {vn_date(activity.starts_on)} (nhập nhầm)",
        after=None,
        org=org,
    )
    return activity


# The papers' sections edited before issuing -----------------------------------------------------

PAPER_NAMES = {"minutes": "biên bản", "resolution": "nghị quyết"}


@transaction.atomic
def edit_paper_section(
    actor: Actor, activity: Activity, *, which: str, heading: str, text: str
) -> MeetingPlan:
    """The secretary's text for one section of the minutes or the resolution, before their
    numbers are taken ("Lấy số" freezes the papers); an empty text gives the section back to
    the records."""
    if which not in PAPER_NAMES:
        raise ValidationError("Không có giấy tờ này.")
    plan = _plan(activity)
    if plan.resolution_doc_id or plan.minutes_doc_id:
        raise ValidationError(
            f"Biên bản, nghị quyết đã lấy số ({plan.resolution_doc or plan.minutes_doc}): "
            "không sửa được nữa."
        )
    if not MeetingMinutes.objects.filter(activity=activity).exists():
        raise ValidationError(
            f"Hãy ghi kết luận buổi sinh hoạt trước khi sửa {PAPER_NAMES[which]}."
        )
    build = paper.build_minutes if which == "minutes" else paper.build_resolution
    headings = [h for h, _blocks in paper.sections(build(activity).body)]
    if heading not in headings:
        raise ValidationError(f"{PAPER_NAMES[which].capitalize()} không có phần “{heading}”.")
    lines = [" ".join(line.split()) for line in (text or "").splitlines()]
    text = "\n".join(line for line in lines if line)
    if len(text) > 20000:
        raise ValidationError("Nội dung một phần không dài quá 20.000 ký tự.")
    edits = dict(plan.edits or {})
    mine = dict(edits.get(which, {}))
    if text:
        mine[heading] = text
    else:
        mine.pop(heading, None)
    return audit.change(
        actor,
        "meeting.paper_edit",
        plan,
        {"edits": {**edits, which: mine}},
        summary=f"Sửa {PAPER_NAMES[which]}, phần “{heading}”"
        + ("" if text else " (trở lại theo hồ sơ)"),
        org=meeting_cell(activity),
    )
