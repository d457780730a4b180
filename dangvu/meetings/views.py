"""Pages of the work records: lists with filters, detail pages, forms and the calendar.

Every page reads `request.scope`, whose rules for these records are in `access.py`.
"""

import calendar
import datetime as dt
from collections import defaultdict

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q, Sum
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from dangvu.core.facts import Period
from dangvu.documents.models import Document
from dangvu.lib.dates import vn_date
from dangvu.lib.party_docx import render_docx
from dangvu.lib.pdf import docx_bytes_to_pdf
from dangvu.lib.text import fold
from dangvu.orgs import actions as org_actions
from dangvu.orgs.models import Organization, active_on
from dangvu.orgs.tree import subtree_ids
from dangvu.orgs.views import OrgFormView
from dangvu.people.models import Membership, Person
from dangvu.people.overruns import attachment_overrun, suspension_overruns_on
from dangvu.records import (
    ActionFormView,
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
    page_of,
    render_form,
)

from . import actions, forms, paper
from .access import can_record_attendance, can_write_activity, visible_activities
from .facts import cell_meeting_facts, cell_months
from .models import (
    Activity,
    ActivityOrg,
    Attendance,
    MeetingDocument,
    MeetingPlan,
    MeetingRead,
    MeetingTask,
)
from .roll import Apart

ORGANIZER, PARTICIPANT = ActivityOrg.Role.ORGANIZER, ActivityOrg.Role.PARTICIPANT
PRESENT = Attendance.Status.PRESENT


# Scoping ---------------------------------------------------------------------------------------


def _activity(request, pk, write=False):
    return request.scope.get_or_404(Activity, pk, write=write)


# Filters ---------------------------------------------------------------------------------------


# Activities --------------------------------------------------------------------------------------


def _apart_warned(apart: Apart, day: dt.date) -> dict:
    """The members a meeting's cells list apart, each with the warning of a suspension or a
    temporary attachment past the span its rule allows ("" within it; people/overruns.py), as of
    the meeting's day, or today for a meeting yet to come."""
    as_of = min(day, timezone.localdate())
    suspended = suspension_overruns_on(apart.suspended, as_of)
    return {
        "suspended": [(p, suspended.get(p.id, "")) for p in apart.suspended],
        "away": [(a, attachment_overrun(a, as_of)) for a in apart.away],
        "guests": [(a, attachment_overrun(a, as_of)) for a in apart.guests],
    }


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
    page, query = page_of(request, rows.order_by("-starts_on", "-id"))
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
            "query": query,
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
    attendance = activity.attendances.select_related("person", "accepted_by").order_by(
        "person__sort_name"
    )
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
    fees = []
    if minutes and full and activity.is_meeting:
        # The fee line as the minutes give it: the fee book's, the typed note only without one.
        cells = [o for o in orgs if o.kind == Organization.Kind.PARTY_CELL]
        fees = [paper.fee_statement(c, activity.starts_on, minutes.fee_note) for c in cells]
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
            "fees": fees,
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
        accepted = post.get(f"a_{person_id}", "")
        # The committee member who accepted the reason (a_<id>); the action refuses any other.
        accepted_by = int(accepted) if accepted.isdigit() else accepted or None
        entries[person_id] = (status, post.get(f"r_{person_id}", ""), accepted_by)
    return entries


def _attendance_rows(people, current, post=None):
    """(person, status, reason, accepted by id) for the attendance table: posted values, else
    recorded ones."""
    rows = []
    for p in people:
        status, reason, accepted = current.get(p.id, (PRESENT, "", None))
        if post is not None:
            status = post.get(f"p_{p.id}", status)
            reason = post.get(f"r_{p.id}", reason)
            accepted = post.get(f"a_{p.id}", "")
        rows.append((p, status, reason, str(accepted or "")))
    return rows


def activity_attendance(request, activity_id):
    activity = _activity(request, activity_id)
    if not can_record_attendance(request.scope, activity):
        raise PermissionDenied("Bạn không có quyền điểm danh hoạt động này.")
    scope, day = request.scope, activity.starts_on
    orgs = [link.org for link in activity.links.select_related("org")]
    recorded = {
        a.person_id: (a.status, a.reason, a.accepted_by_id) for a in activity.attendances.all()
    }
    everyone = set(actions.members_on(orgs, day)) | set(recorded)
    mine = everyone if scope.sees_everything else attendance_people(scope, orgs, day, write=True)
    # A cell's meeting: members exempt from meetings, suspended or attending another cell for a
    # while are listed apart, never marked absent; members attending it for a while are named.
    exempt, acceptors, apart, left_out = [], [], Apart(), []
    if activity.is_meeting:
        for cell in orgs:
            if cell.kind == Organization.Kind.PARTY_CELL:
                exempt += actions.cell_roll(cell, day)[1]
                acceptors += actions.committee_on(cell, day)
                apart.extend(actions.cell_apart(cell, day))
        left_out = [*exempt, *apart.suspended, *apart.away_people]
        mine = set(mine) - {p.id for p in left_out}
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
            "partial": bool(everyone - mine - {p.id for p in left_out}),
            "exempt": exempt,
            "apart": _apart_warned(apart, day),
            "acceptors": list(dict.fromkeys(acceptors)),
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
            "acceptors": actions.committee_on(cell, day),
            # A cell keeping a fee book: its line, read from the book, instead of a typed note.
            "fee_book": paper.fee_statement(cell, day) if paper.keeps_fee_book(cell, day) else "",
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


# The monthly cell meeting: plan, notice, reading, conclusion, papers --------------------------------


def _plan_or_activity(request, activity_id):
    """The meeting plan of `activity_id` the user may read; (None, activity) for an activity they
    read that has no plan (its page is the activity's), and a 404 for anything else."""
    plan = (
        request.scope.visible(MeetingPlan)
        .filter(activity_id=activity_id)
        .select_related("activity")
        .first()
    )
    if plan is not None:
        return plan, plan.activity
    return None, _activity(request, activity_id)


def _no_plan(request, activity):
    """The meeting pages of an activity that has no plan (a meeting recorded after the fact, a
    conference): say so and point to the activity's page."""
    return render(request, "meetings/meeting_none.html", {"activity": activity})


def _me(request, plan=None):
    """The member's own person, if the user is one (and, with `plan`, a member of its cell)."""
    ids = request.scope.self_person_ids
    if not ids:
        return None
    person = Person.objects.filter(id__in=ids).first()
    if plan is not None and person is not None:
        members, exempt = actions.meeting_roll(plan.activity)
        if person.id not in {p.id for p in [*members, *exempt]}:
            return None
    return person


def _readable(request, plan):
    """Office and secretaries read a plan through their organizations; a member only while a
    member of the cell on the meeting's day."""
    scope = request.scope
    if scope.sees_everything:
        return True
    cells = actions.meeting_cells(plan.activity)
    return any(scope.can_read_org(c) for c in cells) or _me(request, plan) is not None


def meeting_home(request):
    """The cell meetings page: upcoming and recent meetings the user may read; for a member,
    the documents to read, their attendance this year and the tasks assigned to them."""
    scope = request.scope
    today = dt.date.today()
    plans = list(
        scope.visible(MeetingPlan)
        .select_related("activity")
        .prefetch_related("activity__links__org", "documents__document")
        .order_by("-activity__starts_on", "-id")[:60]
    )
    me = _me(request)
    if me is not None:
        plans = [p for p in plans if _me(request, p) is not None]
    upcoming = sorted((p for p in plans if p.activity.starts_on >= today),
                      key=lambda p: p.activity.starts_on)  # fmt: skip
    recent = [p for p in plans if p.activity.starts_on < today][:12]
    context = {"upcoming": upcoming, "recent": recent, "me": me, "today": today,
               "can_plan": bool(scope.writable_orgs([Organization.Kind.PARTY_CELL]).exists())}  # fmt: skip
    if me is not None:
        read = set(
            MeetingRead.objects.filter(person=me, document__isnull=False).values_list(
                "document_id", flat=True
            )
        )
        context["to_read"] = [
            (p, md, md.id in read) for p in plans[:12] for md in p.documents.all()
        ]
        context["attendance"] = (
            Attendance.objects.filter(person=me, activity__starts_on__year=today.year)
            .select_related("activity")
            .order_by("-activity__starts_on")
        )
        context["tasks"] = (
            MeetingTask.objects.filter(assignee=me)
            .select_related("minutes__activity")
            .order_by("-minutes__activity__starts_on", "id")[:30]
        )
    return render(request, "meetings/meeting_home.html", context)


def _documents_for(scope):
    return (
        scope.visible(Document)
        .exclude(secrecy__in=[Document.Secrecy.SECRET, Document.Secrecy.TOP_SECRET])
        .order_by("-date", "-id")[:200]
    )


def meeting_plan(request):
    scope = request.scope
    cells = scope.writable_orgs([Organization.Kind.PARTY_CELL])
    if not cells.exists():
        raise PermissionDenied("Bạn không có quyền lập kế hoạch sinh hoạt của chi bộ nào.")
    docs = Document.objects.filter(id__in=[d.id for d in _documents_for(scope)]).order_by(
        "-date", "-id"
    )
    initial = {"kind": Activity.Kind.REGULAR_MEETING}
    if request.GET.get("chi_bo"):
        initial["chi_bo"] = request.GET["chi_bo"]
    form = forms.PlanForm(
        request.POST or None, request.FILES or None, initial=initial, scope=scope, documents=docs
    )
    if form.is_valid():
        d = form.cleaned_data
        activity = apply_action(
            form,
            actions.plan_meeting,
            request.user,
            cell=d["chi_bo"],
            starts_on=d["starts_on"],
            starts_at=d["starts_at"],
            kind=d["kind"],
            joint_with=[c for c in d["joint_with"] if c != d["chi_bo"]],
            place=d["place"],
            theme=d["theme"],
            agenda=(d["agenda"] or "").splitlines(),
            documents=list(d["documents"]),
            attachments=[(d["attachment"], d["attachment_subject"])] if d["attachment"] else [],
        )
        if activity:
            messages.success(request, f"Đã lập kế hoạch “{activity.title}”.")
            return redirect("meeting_page", activity_id=activity.pk)
    return render_form(
        request,
        form,
        title="Lập kế hoạch sinh hoạt chi bộ",
        back_url=reverse("meeting_home"),
        intro="Nội dung thường kỳ theo hướng dẫn đang có hiệu lực được điền sẵn khi để trống; "
        "chuyên đề của tháng được thêm vào cuối.",
    )


def meeting_page(request, activity_id):
    """The notice: agenda, documents to read (opening one records "đã xem"), and for the
    secretary the notice e-mail, attendance, conclusion and the papers."""
    plan, activity = _plan_or_activity(request, activity_id)
    if plan is None:
        return _no_plan(request, activity)
    if not _readable(request, plan):
        raise PermissionDenied("Bạn không phải là đảng viên của chi bộ này vào ngày sinh hoạt.")
    scope = request.scope
    me = _me(request, plan)
    can_write = can_write_activity(scope, activity)
    errors = []
    if request.method == "POST":
        if not can_write:
            raise PermissionDenied("Bạn không có quyền thay đổi buổi sinh hoạt này.")
        what = request.POST.get("viec")
        if what == "gui-thong-bao":
            sent, errors = attempt(
                actions.send_notice,
                request.user,
                activity,
                base_url=request.build_absolute_uri(reverse("meeting_page", args=[activity.pk])),
            )
            if not errors:
                messages.success(request, f"Đã gửi thông báo tới {len(sent)} địa chỉ thư.")
                return redirect("meeting_page", activity_id=activity.pk)
        elif what == "ban-hanh":
            doc, errors = attempt(actions.issue_resolution, request.user, activity)
            if not errors:
                messages.success(request, f"Đã lấy số nghị quyết {doc.symbol}.")
                return redirect("meeting_page", activity_id=activity.pk)
        else:
            errors = ["Không rõ việc cần làm."]
    elif me is not None:
        actions.mark_read(request.user, plan, me)
    plan = MeetingPlan.objects.select_related("resolution_doc", "minutes_doc").get(pk=plan.pk)
    docs = list(plan.documents.select_related("document"))
    read = set()
    if me is not None:
        read = set(
            MeetingRead.objects.filter(plan=plan, person=me, document__isnull=False).values_list(
                "document_id", flat=True
            )
        )
    cell = actions.meeting_cell(activity)
    # Who read the notice: the members of each cell holding the meeting that the user reads
    # (in a joint meeting a cell's secretary sees their own members only).
    readers, exempt, apart = None, [], Apart()
    seen = set(
        MeetingRead.objects.filter(plan=plan, document__isnull=True).values_list(
            "person_id", flat=True
        )
    )
    for one in actions.meeting_cells(activity):
        if scope.can_read_org(one):
            members, spared = actions.cell_roll(one, activity.starts_on)
            readers = (readers or []) + [(p, p.id in seen) for p in members]
            exempt += spared
            apart.extend(actions.cell_apart(one, activity.starts_on))
    minutes = getattr(activity, "minutes", None)
    no_symbol = bool(errors) and not cell.symbol and request.scope.can_write_org(cell)
    return render(
        request,
        "meetings/meeting_page.html",
        {
            "plan": plan,
            "activity": activity,
            "cell": cell,
            "docs": [(md, md.id in read) for md in docs],
            "me": me,
            "can_write": can_write,
            "notice_open": actions.notice_open(activity),
            "readers": readers,
            "exempt": exempt,
            "apart": _apart_warned(apart, activity.starts_on),
            "minutes": minutes,
            "tasks": minutes.tasks.select_related("assignee") if minutes else [],
            "errors": errors,
            "no_symbol": no_symbol,
        },
        status=400 if errors else 200,
    )


def meeting_document(request, activity_id):
    """Open a document of the notice (?so=<id>): records "đã xem" for a member of the cell and
    gives the attached file, or the notice page when the entry has no file."""
    plan, activity = _plan_or_activity(request, activity_id)
    if plan is None:
        return _no_plan(request, activity)
    if not _readable(request, plan):
        raise PermissionDenied("Bạn không phải là đảng viên của chi bộ này vào ngày sinh hoạt.")
    try:
        md = plan.documents.select_related("document").get(pk=int(request.GET.get("so", "")))
    except (ValueError, MeetingDocument.DoesNotExist):
        return redirect("meeting_page", activity_id=activity.pk)
    me = _me(request, plan)
    if me is not None:
        actions.mark_read(request.user, plan, me, md)
    doc = md.document
    if doc.file:
        return FileResponse(doc.file.open("rb"), as_attachment=False,
                            filename=doc.file.name.rsplit("/", 1)[-1])  # fmt: skip
    return render(request, "meetings/meeting_document.html", {"plan": plan, "md": md, "doc": doc})


def _posted_tasks(post, people):
    tasks = []
    by_id = {p.id: p for p in people}
    for i in range(1, 7):
        text = (post.get(f"task_{i}") or "").strip()
        if not text:
            continue
        raw_owner = post.get(f"owner_{i}") or ""
        owner = by_id.get(int(raw_owner)) if raw_owner.isdigit() else None
        deadline = None
        raw = post.get(f"deadline_{i}") or ""
        if raw:
            try:
                deadline = dt.date.fromisoformat(raw)
            except ValueError:
                raise ValidationError(f"Thời hạn “{raw}” của nhiệm vụ {i} không hợp lệ.") from None
        tasks.append({"text": text, "assignee": owner, "deadline": deadline})
    return tasks


def _posted_results(post, review):
    return {
        t.id: (post.get(f"st_{t.id}") or t.status, post.get(f"kq_{t.id}") or "")
        for t in review
        if f"st_{t.id}" in post
    }


def meeting_conclude(request, activity_id):
    """The minutes' content after the attendance: chair, secretary, discussion, resolution,
    next month's tasks with owner and deadline, and last month's tasks with their results."""
    plan, activity = _plan_or_activity(request, activity_id)
    if plan is None:
        return _no_plan(request, activity)
    if not can_write_activity(request.scope, activity):
        raise PermissionDenied("Bạn không có quyền ghi kết luận buổi sinh hoạt này.")
    members, exempt = actions.meeting_roll(activity)
    present = Person.objects.filter(
        id__in=activity.attendances.filter(status=PRESENT).values("person_id")
    ).order_by("sort_name")
    # A joint meeting reviews every participating cell's last resolution.
    reviews = actions.reviews(activity)
    previous = any(r.previous for r in reviews)
    review = [t for r in reviews for t in r.tasks]
    minutes = getattr(activity, "minutes", None)
    initial = {}
    if minutes:
        initial = {f: getattr(minutes, f) for f in ("chair", "recorder", "resolution",
                                                    "quality")}  # fmt: skip
        initial["score"] = str(minutes.score).replace(".", ",") if minutes.score is not None else ""
    initial.update(
        guests=plan.guests,
        key_points=plan.key_points,
        late=list(plan.late.all()),
        ends_at=plan.ends_at,
    )
    form = forms.ConcludeForm(request.POST or None, initial=initial, present=present)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            tasks = _posted_tasks(request.POST, [*members, *exempt])
        except ValidationError as e:
            form.add_error(None, e.messages[0])
        else:
            done = apply_action(
                form,
                actions.conclude_meeting,
                request.user,
                activity,
                chair=d["chair"],
                recorder=d["recorder"],
                key_points=d["key_points"],
                resolution=d["resolution"],
                quality=d["quality"],
                score=d["score"],
                guests=d["guests"],
                late=list(d["late"]),
                tasks=tasks,
                results=_posted_results(request.POST, review),
                ends_at=d["ends_at"],
            )
            if done:
                messages.success(request, "Đã ghi kết luận buổi sinh hoạt.")
                return redirect("meeting_page", activity_id=activity.pk)
    current = list(minutes.tasks.select_related("assignee")) if minutes else []
    rows = [(i, current[i - 1] if i <= len(current) else None) for i in range(1, 7)]
    return render(
        request,
        "meetings/meeting_conclude.html",
        {
            "form": form,
            "plan": plan,
            "activity": activity,
            "review": review,
            # A joint meeting's tasks under each cell's name and last resolution.
            "reviews": reviews if len(reviews) > 1 else [],
            "previous": previous,
            "statuses": MeetingTask.Status.choices,
            "rows": rows,
            "people": [*members, *exempt],
            "no_attendance": not present.exists(),
        },
        status=400 if form.errors else 200,
    )


PAPERS = {
    "nghi-quyet": ("nghi-quyet", paper.resolution_document),
    "bien-ban": ("bien-ban", paper.minutes_document),
    "thong-bao": ("thong-bao", paper.notice_document),
}


def meeting_paper(request, activity_id):
    """The notice, the minutes or the resolution (?giay=…) as .docx, .pdf or .md (?dinh-dang=…).
    A member of the cell gets the notice; the minutes and resolution go to whoever reads the
    cell's records."""
    plan, activity = _plan_or_activity(request, activity_id)
    if plan is None:
        return _no_plan(request, activity)
    if not _readable(request, plan):
        raise PermissionDenied("Bạn không phải là đảng viên của chi bộ này vào ngày sinh hoạt.")
    which = request.GET.get("giay", "thong-bao")
    suffix = "." + request.GET.get("dinh-dang", "docx")
    if which not in PAPERS or suffix not in PAPER_FORMATS:
        raise Http404("Không có giấy tờ này.")
    cells = actions.meeting_cells(activity)
    if which != "thong-bao" and not any(request.scope.can_read_org(c) for c in cells):
        raise PermissionDenied("Biên bản và nghị quyết do chi ủy, văn phòng cấp ủy xem.")
    name, build = PAPERS[which]
    try:
        data = export_paper(build(activity), suffix)
    except (ValidationError, RuntimeError) as e:
        messages.error(request, " ".join(getattr(e, "messages", [str(e)])))
        return redirect("meeting_page", activity_id=activity.pk)
    if which != "thong-bao":
        actions.record_paper_export(
            request.user,
            activity,
            which="minutes" if which == "bien-ban" else "resolution",
            suffix=suffix,
            rows=activity.attendances.count(),
        )
    response = HttpResponse(data, content_type=PAPER_FORMATS[suffix])
    day = activity.starts_on
    response["Content-Disposition"] = (
        f'attachment; filename="{name}-{cells[0].slug}-{day:%Y-%m}{suffix}"'
    )
    return response


def meeting_overview(request):
    """The committee's monthly overview of its cells: held or not, attendance, documents read."""
    scope = request.scope
    org = org_param(request)
    if org is None:
        org = scope.orgs().exclude(kind=Organization.Kind.PARTY_CELL).order_by("id").first() or (
            scope.orgs().order_by("id").first()
        )
    if org is None:
        raise PermissionDenied("Bạn không xem được tổ chức nào.")
    first = month_param(request, default=dt.date.today().replace(day=1))
    last = (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
    period = Period(first, last)
    rows = [r for r in cell_months(org, period) if scope.can_read_org(r.cell)]
    figures = {n.split(".")[-1]: f.value for n, f in cell_meeting_facts(org, period).items()}
    return render(
        request,
        "meetings/meeting_overview.html",
        {
            "org": org,
            "first": first,
            "rows": rows,
            "figures": figures,
            "orgs": filter_orgs(scope),
            "prev": (first - dt.timedelta(days=1)).strftime("%Y-%m"),
            "next": (last + dt.timedelta(days=1)).strftime("%Y-%m"),
        },
    )


# The organization's symbol ---------------------------------------------------------------------


class OrgSymbol(OrgFormView):
    """The symbol that ends the numbers of an organization's outgoing documents ("CB" in
    "01-NQ/CB"): set by whoever writes the organization's records, from its page or from the
    refusal of "Lấy số" on a meeting's page (?tiep=<activity id> goes back there)."""

    form_class = forms.SymbolForm
    action = org_actions.set_symbol
    success_message = "Đã ghi ký hiệu {result.symbol} cho {result.name}."
    title = "Ký hiệu văn bản: {object.name}"
    submit = "Lưu ký hiệu"
    intro = (
        "Ký hiệu đứng sau dấu gạch chéo trong số văn bản đi của tổ chức, ví dụ “CB” trong "
        "“01-NQ/CB”. Các số đã lấy giữ ký hiệu cũ."
    )

    restructure = False
    initial_fields = ("symbol",)

    def get_back_url(self):
        return self._next() or super().get_back_url()

    def _next(self):
        raw = self.request.GET.get("tiep", "")
        return reverse("meeting_page", args=[int(raw)]) if raw.isdigit() else ""

    def get_success_url(self, result=None):
        return self._next() or super().get_success_url(result)


org_symbol = OrgSymbol.as_view()


# A resolution's task between meetings ----------------------------------------------------------


class TaskResult(ActionFormView):
    """The status and result of a task of a cell's resolution, between meetings: updated by
    whoever changes the meeting (the cell's secretary, the office) or by the task's owner for
    their own task. The next meeting's conclusion opens on what is recorded here."""

    model = MeetingTask
    form_class = forms.TaskResultForm
    action = actions.update_task
    title = "Kết quả nhiệm vụ: {object.text}"
    submit = "Lưu kết quả"
    success_message = "Đã cập nhật kết quả nhiệm vụ."

    def get_object(self):
        task = (
            MeetingTask.objects.select_related("minutes__activity", "assignee")
            .filter(pk=self.kwargs["task_id"])
            .first()
        )
        if task is None:
            raise Http404("Không có nhiệm vụ này.")
        scope = self.request.scope
        activity = task.minutes.activity
        own = task.assignee_id is not None and task.assignee_id in scope.self_person_ids
        if can_write_activity(scope, activity) or own:
            return task
        if visible_activities(scope).filter(pk=activity.pk).exists():
            raise PermissionDenied("Chỉ chi ủy và người được giao mới cập nhật nhiệm vụ này.")
        raise Http404("Không có nhiệm vụ này.")

    def get_initial(self):
        return {"on": self.object.done_on}  # the rest opens on the stored task

    def get_intro(self):
        t = self.object
        parts = [f"Nghị quyết: {t.minutes.activity.title}"]
        if t.assignee:
            parts.append(f"người thực hiện {t.assignee.full_name}")
        if t.deadline:
            parts.append(f"thời hạn {vn_date(t.deadline)}")
        return "; ".join(parts) + "."

    def _own_only(self):
        return not can_write_activity(self.request.scope, self.object.minutes.activity)

    def get_back_url(self):
        if self._own_only():
            return reverse("meeting_home")
        return reverse("meeting_page", args=[self.object.minutes.activity_id])

    def get_success_url(self, result=None):
        return self.get_back_url()


meeting_task = TaskResult.as_view()


# An activity entered by mistake -----------------------------------------------------------------


class ActivityDelete(ActionFormView):
    """Delete an activity entered by mistake, its title typed again; the action refuses once
    attendance, numbered papers, a work programme or a finalised report rest on it."""

    form_class = forms.DeleteActivityForm
    action = actions.delete_activity
    record, record_kwarg = Activity, "activity_id"
    record_url_name = "activity_detail"
    success_message = "Đã xóa hoạt động “{result.title}”."
    success_url_name = "activity_list"
    title = "Xóa hoạt động nhập nhầm: {object.title}"
    submit = "Xóa hoạt động"
    intro = (
        "Chỉ xóa hoạt động ghi nhầm, chưa điểm danh và chưa lấy số biên bản, nghị quyết. "
        "Hãy gõ lại đúng tên “{object.title}” để xác nhận. Việc xóa được ghi vào nhật ký."
    )

    def get_success_url(self, result=None):
        return reverse("activity_list")


activity_delete = ActivityDelete.as_view()


# The papers' sections edited before issuing -----------------------------------------------------

EDITABLE = {"bien-ban": "minutes", "nghi-quyet": "resolution"}


def meeting_paper_edit(request, activity_id):
    """The minutes or the resolution (?giay=bien-ban|nghi-quyet) section by section: each
    section's text, written from the records until the secretary edits it, before "Lấy số";
    after it, the issued text read-only."""
    plan, activity = _plan_or_activity(request, activity_id)
    if plan is None:
        return _no_plan(request, activity)
    if not can_write_activity(request.scope, activity):
        raise PermissionDenied("Bạn không có quyền sửa giấy tờ của buổi sinh hoạt này.")
    slug = request.GET.get("giay", "nghi-quyet")
    if slug not in EDITABLE:
        raise Http404("Không có giấy tờ này.")
    which = EDITABLE[slug]
    errors = []
    if request.method == "POST":
        heading = request.POST.get("phan", "")
        _plan_done, errors = attempt(
            actions.edit_paper_section,
            request.user,
            activity,
            which=which,
            heading=heading,
            text=request.POST.get("text", ""),
        )
        if not errors:
            messages.success(request, f"Đã lưu phần “{heading}”.")
            return redirect(reverse("meeting_paper_edit", args=[activity.pk]) + f"?giay={slug}")
    plan.refresh_from_db()
    issued = bool(plan.resolution_doc_id or plan.minutes_doc_id)
    doc = (paper.minutes_document if which == "minutes" else paper.resolution_document)(activity)
    edited = (plan.edits or {}).get(which, {})
    parts = [
        (heading, paper.section_text(blocks), heading in edited)
        for heading, blocks in paper.sections(doc.body)
    ]
    return render(
        request,
        "meetings/meeting_paper_edit.html",
        {
            "plan": plan,
            "activity": activity,
            "slug": slug,
            "label": actions.PAPER_NAMES[which],
            "parts": parts,
            "issued": issued,
            "has_minutes": hasattr(activity, "minutes"),
            "errors": errors,
        },
        status=400 if errors else 200,
    )
