"""Pages of the work records: lists with filters, detail pages, forms and the calendar.

Every page reads `request.scope`, whose rules for these records are in `access.py`.
"""

import calendar
import datetime as dt
from collections import defaultdict

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q, Sum
from django.shortcuts import redirect, render
from django.urls import reverse

from dangvu.lib.dates import vn_date
from dangvu.lib.party_docx import render_docx
from dangvu.lib.pdf import docx_bytes_to_pdf
from dangvu.lib.text import fold
from dangvu.orgs.models import active_on
from dangvu.orgs.tree import subtree_ids
from dangvu.people.models import Membership, Person
from dangvu.records import (
    filter_orgs,
)
from dangvu.reports.render import to_markdown
from dangvu.web import (
    apply_action,
    attempt,
    month_param,
    optional_day_param,
    optional_year_param,
    org_param,
    render_form,
)

from . import actions, forms
from .access import can_record_attendance, can_write_activity
from .models import (
    Activity,
    ActivityOrg,
    Attendance,
)

ORGANIZER, PARTICIPANT = ActivityOrg.Role.ORGANIZER, ActivityOrg.Role.PARTICIPANT
PRESENT = Attendance.Status.PRESENT


# Scoping ---------------------------------------------------------------------------------------


def _activity(request, pk, write=False):
    return request.scope.get_or_404(Activity, pk, write=write)


# Filters ---------------------------------------------------------------------------------------


# Activities --------------------------------------------------------------------------------------


def filter_activities(request):
    qs = request.scope.visible(Activity)
    kind = request.GET.get("loai", "")
    if kind in Activity.Kind.values:
        qs = qs.filter(kind=kind)
    org = org_param(request)
    if org:
        linked = ActivityOrg.objects.filter(org_id__in=subtree_ids([org.id]))
        qs = qs.filter(id__in=linked.values("activity_id"))
    year = optional_year_param(request)
    if year:
        qs = qs.filter(starts_on__year=year)
    start, end = optional_day_param(request, "tu-ngay"), optional_day_param(request, "den-ngay")
    if start:
        qs = qs.filter(starts_on__gte=start)
    if end:
        qs = qs.filter(starts_on__lte=end)
    words = fold(request.GET.get("q") or "").split()
    if words:
        # Titles have no folded column: fold them here, after the cheaper filters, so "quan triet"
        # finds "Quán triệt" on every database (as people and documents search do). Faster than
        # a regex of accented letters run by the database (bench/activity_search.py).
        titles = ((pk, fold(title)) for pk, title in qs.values_list("id", "title").iterator())
        ids = [pk for pk, title in titles if all(w in title for w in words)]
        qs = qs.filter(id__in=ids)
    return qs, org, kind, year


def activity_list(request):
    scope = request.scope
    qs, org, kind, year = filter_activities(request)
    total_present = Attendance.objects.filter(
        activity_id__in=qs.values("id"), status=PRESENT
    ).count()
    total_heads = qs.aggregate(n=Sum("head_count"))["n"] or 0
    rows = qs.annotate(
        present=Count("attendances", filter=Q(attendances__status=PRESENT))
    ).prefetch_related("links__org")
    page = Paginator(rows.order_by("-starts_on", "-id"), 50).get_page(request.GET.get("trang"))
    query = request.GET.copy()
    query.pop("trang", None)
    return render(
        request,
        "meetings/activity_list.html",
        {
            "page": page,
            "org": org,
            "kind": kind,
            "year": year,
            "start": optional_day_param(request, "tu-ngay"),
            "end": optional_day_param(request, "den-ngay"),
            "kinds": Activity.Kind.choices,
            "orgs": filter_orgs(scope),
            "query": query.urlencode(),
            "sessions": page.paginator.count,
            "attendances": total_present + total_heads,
            "can_create": scope.can_write_any,
        },
    )


def activity_calendar(request):
    scope = request.scope
    today = dt.date.today()
    first = month_param(request, default=today.replace(day=1))
    weeks = calendar.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month)
    qs = scope.visible(Activity).filter(starts_on__range=(weeks[0][0], weeks[-1][-1]))
    org = org_param(request)
    if org:
        linked = ActivityOrg.objects.filter(org_id__in=subtree_ids([org.id]))
        qs = qs.filter(id__in=linked.values("activity_id"))
    by_day = defaultdict(list)
    for a in qs.order_by("starts_on", "id"):
        by_day[a.starts_on].append(a)
    prev_month = (first - dt.timedelta(days=1)).replace(day=1)
    next_month = (first + dt.timedelta(days=32)).replace(day=1)
    return render(
        request,
        "meetings/calendar.html",
        {
            "first": first,
            "weeks": [[(d, d.month == first.month, by_day[d]) for d in week] for week in weeks],
            "weekdays": ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "CN"],
            "prev": prev_month.strftime("%Y-%m"),
            "next": next_month.strftime("%Y-%m"),
            "org": org,
            "orgs": filter_orgs(scope),
            "today": today,
        },
    )


def activity_detail(request, activity_id):
    scope = request.scope
    activity = _activity(request, activity_id)
    links = list(activity.links.select_related("org"))
    orgs = [link.org for link in links]
    full = scope.sees_everything or any(scope.can_read_org(o) for o in orgs)
    attendance = activity.attendances.select_related("person").order_by("person__sort_name")
    partial = False
    if not full:
        attendance = attendance.filter(person_id__in=scope.self_person_ids)
    elif not scope.sees_everything:
        # A joint meeting: only the rows of members of the user's own organizations.
        seen = attendance_people(scope, orgs, activity.starts_on) | scope.self_person_ids
        partial = attendance.exclude(person_id__in=seen).exists()
        attendance = attendance.filter(person_id__in=seen)
    counts = {s: 0 for s in Attendance.Status.values}
    for row in attendance:
        counts[row.status] += 1
    minutes = getattr(activity, "minutes", None)
    return render(
        request,
        "meetings/activity_detail.html",
        {
            "activity": activity,
            "organizers": [link.org for link in links if link.role == ORGANIZER],
            "participants": [link.org for link in links if link.role == PARTICIPANT],
            "attendance": attendance,
            "counts": counts,
            "full": full,
            "partial": partial,
            "minutes": minutes if full else None,
            "tasks": minutes.tasks.select_related("assignee") if minutes and full else [],
            "items": scope.visible(activity.programme_items.select_related("programme")),
            "can_write": can_write_activity(scope, activity),
            "can_record": can_record_attendance(scope, activity),
        },
    )


def _activity_form_data(form):
    data = dict(form.cleaned_data)
    return data.pop("organizers"), data.pop("participants"), data


def activity_create(request):
    scope = request.scope
    scope.require_write_any()
    form = forms.ActivityForm(request.POST or None, scope=scope)
    if form.is_valid():
        organizers, participants, data = _activity_form_data(form)
        activity = apply_action(
            form,
            actions.create_activity,
            request.user,
            organizers=organizers,
            participants=participants,
            **data,
        )
        if activity:
            messages.success(request, f"Đã ghi hoạt động “{activity.title}”.")
            return redirect("activity_detail", activity_id=activity.pk)
    return render_form(request, form, title="Thêm hoạt động", back_url=reverse("activity_list"))


def activity_edit(request, activity_id):
    scope = request.scope
    activity = _activity(request, activity_id, write=True)
    links = list(activity.links.all())
    initial = {f: getattr(activity, f) for f in actions.ACTIVITY_FIELDS}
    initial["organizers"] = [link.org_id for link in links if link.role == ORGANIZER]
    initial["participants"] = [link.org_id for link in links if link.role == PARTICIPANT]
    form = forms.ActivityForm(request.POST or None, initial=initial, scope=scope)
    # Organizations outside the user's reach (an outside organizer) stay as they are.
    kept = [link.org for link in activity.links.select_related("org")]
    kept = {o.id: o for o in kept if not scope.can_write_org(o)}
    if form.is_valid():
        organizers, participants, data = _activity_form_data(form)
        roles = {link.org_id: link.role for link in links}
        organizers = [*organizers, *(o for i, o in kept.items() if roles[i] == ORGANIZER)]
        participants = [*participants, *(o for i, o in kept.items() if roles[i] == PARTICIPANT)]
        if apply_action(
            form,
            actions.update_activity,
            request.user,
            activity,
            organizers=organizers,
            participants=participants,
            **data,
        ):
            messages.success(request, "Đã lưu hoạt động.")
            return redirect("activity_detail", activity_id=activity.pk)
    return render_form(
        request,
        form,
        title=f"Sửa hoạt động “{activity.title}”",
        back_url=reverse("activity_detail", args=[activity.pk]),
    )


def attendance_people(scope, orgs, day, write=False):
    """Ids of the people whose attendance at an activity of `orgs` on `day` the user may read
    (or, with `write`, record): members on that day of the activity's organizations that are
    also the user's. In a meeting of several cells a secretary sees and records their own cells'
    members only, not the others' names and absence reasons."""
    own = scope.write_org_ids if write else scope.read_org_ids
    ids = subtree_ids([o.id for o in orgs])
    if own is not None:
        ids &= own
    return set(
        Membership.objects.filter(active_on(day), org_id__in=ids).values_list(
            "person_id", flat=True
        )
    )


OUTSIDE_ATTENDANCE = (
    "Danh sách điểm danh có người không thuộc phạm vi bạn được điểm danh vào ngày {day}: "
    "không ghi gì. Hãy mở lại trang điểm danh."
)


def _outside(entries, allowed, day):
    """The refusal for posted rows of people the user may not record, naming no one: a posted
    id must not tell who it belongs to."""
    if set(entries) - set(allowed):
        return OUTSIDE_ATTENDANCE.format(day=vn_date(day))
    return None


def posted_attendance(post):
    """{person id: (status, reason)} from the radio buttons p_<id> and the reasons r_<id>."""
    entries = {}
    for key, status in post.items():
        if not key.startswith("p_") or not status:
            continue
        try:
            person_id = int(key[2:])
        except ValueError:
            continue
        entries[person_id] = (status, post.get(f"r_{person_id}", ""))
    return entries


def _attendance_rows(people, current, post=None):
    """(person, status, reason) for the attendance table: posted values, else recorded ones."""
    rows = []
    for p in people:
        status, reason = current.get(p.id, (PRESENT, ""))
        if post is not None:
            status = post.get(f"p_{p.id}", status)
            reason = post.get(f"r_{p.id}", reason)
        rows.append((p, status, reason))
    return rows


def activity_attendance(request, activity_id):
    activity = _activity(request, activity_id)
    if not can_record_attendance(request.scope, activity):
        raise PermissionDenied("Bạn không có quyền điểm danh hoạt động này.")
    scope, day = request.scope, activity.starts_on
    orgs = [link.org for link in activity.links.select_related("org")]
    recorded = {a.person_id: (a.status, a.reason) for a in activity.attendances.all()}
    everyone = set(actions.members_on(orgs, day)) | set(recorded)
    mine = everyone if scope.sees_everything else attendance_people(scope, orgs, day, write=True)
    people = Person.objects.filter(id__in=mine).order_by("sort_name")
    errors = []
    if request.method == "POST":
        posted = posted_attendance(request.POST)
        refusal = _outside(posted, mine, day)
        if refusal:
            errors = [refusal]
        else:
            # Only the user's own people are replaced: in a joint meeting the other cells'
            # secretaries may be saving theirs at the same moment.
            done, errors = attempt(
                actions.record_attendance,
                request.user,
                activity,
                posted,
                replacing=mine,
            )
            if done:
                messages.success(request, "Đã lưu điểm danh.")
                return redirect("activity_detail", activity_id=activity.pk)
    rows = _attendance_rows(people, recorded, request.POST if request.method == "POST" else None)
    return render(
        request,
        "meetings/attendance_form.html",
        {
            "activity": activity,
            "rows": rows,
            "statuses": Attendance.Status.choices,
            "errors": errors,
            "orgs": orgs,
            "partial": bool(everyone - mine),
        },
        status=400 if errors else 200,
    )


def meeting_record(request):
    """Record a cell meeting: choose the cell and the day, then tick each member's attendance."""
    scope = request.scope
    scope.require_write_any()
    choice = forms.MeetingChoiceForm(request.GET or None, scope=scope)
    if not choice.is_valid():
        return render(request, "meetings/meeting_choose.html", {"form": choice})
    cell, day = choice.cleaned_data["chi_bo"], choice.cleaned_data["ngay"]
    member_ids = Membership.objects.filter(
        active_on(day), org=cell, kind=Membership.Kind.PARTY
    ).values("person_id")
    members = Person.objects.filter(id__in=member_ids).order_by("sort_name")
    post = request.POST if request.method == "POST" else None
    form = forms.MeetingForm(post, members=members)
    refusal = _outside(posted_attendance(post), {p.id for p in members}, day) if post else None
    if refusal:
        form.is_valid()
        form.add_error(None, refusal)
    elif post is not None and form.is_valid():
        d = form.cleaned_data
        tasks = [{"text": d["task"], "deadline": d["task_deadline"]}] if d["task"] else []
        activity = apply_action(
            form,
            actions.record_meeting,
            request.user,
            cell=cell,
            kind=d["kind"],
            starts_on=day,
            title=d["title"],
            attendance=posted_attendance(post),
            chair=d["chair"],
            fee_note=d["fee_note"],
            resolution=d["resolution"],
            quality=d["quality"],
            score=d["score"],
            tasks=tasks,
            notes=d["notes"],
        )
        if activity:
            messages.success(request, f"Đã ghi biên bản “{activity.title}”.")
            return redirect("activity_detail", activity_id=activity.pk)
    return render(
        request,
        "meetings/meeting_form.html",
        {
            "form": form,
            "cell": cell,
            "day": day,
            "rows": _attendance_rows(members, {}, post),
            "statuses": Attendance.Status.choices,
        },
        status=400 if form.errors else 200,
    )


# The meeting's papers ------------------------------------------------------------------------------

PAPER_FORMATS = {
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".pdf": "application/pdf",
    ".md": "text/markdown; charset=utf-8",
}


def export_paper(doc, suffix):
    """A meeting paper (`paper.resolution_document` …) as .docx, .pdf or .md bytes."""
    if suffix == ".docx":
        return render_docx(doc)
    if suffix == ".md":
        return to_markdown(doc).encode("utf-8")
    if suffix == ".pdf":
        return docx_bytes_to_pdf(render_docx(doc))
    raise ValueError(f"Định dạng “{suffix}” không được hỗ trợ; hãy dùng .docx, .pdf hoặc .md.")
