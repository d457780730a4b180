"""Pages of the work records: lists with filters, detail pages, forms and the calendar.

Every page reads `request.scope`, whose rules for these records are in `access.py`.
"""

import calendar
import datetime as dt
from collections import defaultdict

from django import forms as django_forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, Q, Sum
from django.shortcuts import redirect, render
from django.urls import reverse

from dangvu.lib.dates import vn_date
from dangvu.lib.rules import rule_in_force
from dangvu.lib.text import decimal_vi, fold, money
from dangvu.orgs.models import Organization, active_on
from dangvu.orgs.tree import subtree_ids
from dangvu.people.models import Membership, Person, StaffRecord
from dangvu.web import (
    apply_action,
    latest_year,
    month_param,
    optional_day_param,
    optional_year_param,
    org_param,
    render_form,
    year_param,
)

from . import actions, forms
from .access import can_record_attendance, can_write_activity
from .models import (
    Activity,
    ActivityOrg,
    Attendance,
    Campaign,
    DegradationAssessment,
    Enrolment,
    Evaluation,
    Indicator,
    Inspection,
    Pledge,
    ProgrammeItem,
    Score,
    Shortcoming,
    StudyPlan,
    Verification,
    WorkProgramme,
)

ORGANIZER, PARTICIPANT = ActivityOrg.Role.ORGANIZER, ActivityOrg.Role.PARTICIPANT
PRESENT = Attendance.Status.PRESENT


# Scoping ---------------------------------------------------------------------------------------


def _activity(request, pk, write=False):
    return request.scope.get_or_404(Activity, pk, write=write)


# Filters ---------------------------------------------------------------------------------------


def _filter_orgs(scope):
    return scope.orgs().exclude(
        kind__in=[Organization.Kind.DEPARTMENT, Organization.Kind.SERVICE_UNIT]
    )


def _select(name, label, options, value):
    return {"name": name, "label": label, "options": options, "value": value, "type": "select"}


def _year_filter(request, value):
    return {"name": "nam", "label": "Năm", "value": value or "", "type": "number"}


def _org_filter(request, org):
    options = [(o.slug, o.name) for o in _filter_orgs(request.scope)]
    return _select("to-chuc", "Tổ chức", options, org.slug if org else "")


def _table(request, template="work/table.html", **context):
    return render(request, template, context)


def _attempt(func, *args, **kwargs):
    """Run an action outside a form: (result, []) or (None, its Vietnamese messages)."""
    try:
        return func(*args, **kwargs), []
    except ValidationError as e:
        return None, e.messages


def _cell(text, url=None, num=False):
    return {"text": text, "url": url, "num": num}


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
        "work/activity_list.html",
        {
            "page": page,
            "org": org,
            "kind": kind,
            "year": year,
            "start": optional_day_param(request, "tu-ngay"),
            "end": optional_day_param(request, "den-ngay"),
            "kinds": Activity.Kind.choices,
            "orgs": _filter_orgs(scope),
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
        "work/calendar.html",
        {
            "first": first,
            "weeks": [[(d, d.month == first.month, by_day[d]) for d in week] for week in weeks],
            "weekdays": ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "CN"],
            "prev": prev_month.strftime("%Y-%m"),
            "next": next_month.strftime("%Y-%m"),
            "org": org,
            "orgs": _filter_orgs(scope),
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
        "work/activity_detail.html",
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
            done, errors = _attempt(
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
        "work/attendance_form.html",
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
        return render(request, "work/meeting_choose.html", {"form": choice})
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
        "work/meeting_form.html",
        {
            "form": form,
            "cell": cell,
            "day": day,
            "rows": _attendance_rows(members, {}, post),
            "statuses": Attendance.Status.choices,
        },
        status=400 if form.errors else 200,
    )


# Campaigns ---------------------------------------------------------------------------------------


def campaign_list(request):
    scope = request.scope
    qs = scope.visible(Campaign.objects.select_related("org"))
    year, org = optional_year_param(request), org_param(request)
    if year:
        qs = qs.filter(starts_on__year=year)
    if org:
        qs = qs.filter(org_id__in=subtree_ids([org.id]))
    totals = defaultdict(lambda: defaultdict(int))
    for cid, amount, quantity, unit in qs.filter(contributions__isnull=False).values_list(
        "id", "contributions__amount", "contributions__quantity", "contributions__unit"
    ):
        totals[cid][unit or "đồng"] += amount if amount is not None else quantity
    rows = [
        [
            _cell(vn_date(c.starts_on)),
            _cell(c.title, reverse("campaign_detail", args=[c.pk])),
            _cell(c.org.name),
            _cell(_totals_text(totals[c.id]), num=True),
        ]
        for c in qs
    ]
    return _table(
        request,
        title="Cuộc vận động, quyên góp",
        columns=[("Ngày", False), ("Cuộc vận động", False), ("Tổ chức", False), ("Tổng", True)],
        rows=rows,
        filters=[_year_filter(request, year), _org_filter(request, org)],
        actions=_create_action(scope, "campaign_create", "Thêm cuộc vận động"),
    )


def _totals_text(totals):
    parts = []
    for unit, value in sorted(totals.items(), key=lambda kv: kv[0] != "đồng"):
        parts.append(f"{money(value)} {unit}")
    return "; ".join(parts)


def _create_action(scope, name, label):
    if scope.can_write_any:
        return [(reverse(name), label)]
    return []


def _person_units(person_ids, day):
    """{person id: unit name} on `day`, for the roll-up of personal contributions."""
    rows = StaffRecord.objects.filter(active_on(day), person_id__in=person_ids).values_list(
        "person_id", "unit__name", "agency__name"
    )
    return {pid: unit or f"Lãnh đạo {agency}" for pid, unit, agency in rows}


def campaign_detail(request, campaign_id):
    scope = request.scope
    campaign = scope.get_or_404(Campaign.objects.select_related("org"), campaign_id)
    contributions = list(
        campaign.contributions.select_related("contributor_org", "contributor_person")
    )
    units = {}
    for day in {c.given_on for c in contributions if c.contributor_person_id}:
        ids = [c.contributor_person_id for c in contributions if c.given_on == day]
        units.update({(pid, day): u for pid, u in _person_units(ids, day).items()})
    totals = defaultdict(int)
    groups = defaultdict(lambda: defaultdict(int))
    for c in contributions:
        measure = "đồng" if c.amount is not None else c.unit
        value = c.amount if c.amount is not None else c.quantity
        totals[measure] += value
        if c.contributor_org:
            group = c.contributor_org.name
        elif c.contributor_person:
            group = units.get((c.contributor_person_id, c.given_on), "Cá nhân khác")
        else:
            group = c.contributor_name
        groups[group][measure] += value
    return render(
        request,
        "work/campaign_detail.html",
        {
            "campaign": campaign,
            "contributions": contributions,
            "totals": _totals_text(totals),
            "groups": sorted((g, _totals_text(t)) for g, t in groups.items()),
            "can_write": scope.can_write_org(campaign.org),
        },
    )


def campaign_create(request):
    scope = request.scope
    scope.require_write_any()
    form = forms.CampaignForm(request.POST or None, scope=scope)
    if form.is_valid():
        campaign = apply_action(form, actions.create_campaign, request.user, **form.cleaned_data)
        if campaign:
            messages.success(request, "Đã thêm cuộc vận động.")
            return redirect("campaign_detail", campaign_id=campaign.pk)
    return render_form(request, form, title="Thêm cuộc vận động", back_url=reverse("campaign_list"))


def contribution_create(request, campaign_id):
    scope = request.scope
    campaign = scope.get_or_404(Campaign, campaign_id, write=True)
    form = forms.ContributionForm(request.POST or None, scope=scope)
    if form.is_valid():
        if apply_action(
            form, actions.add_contribution, request.user, campaign, **form.cleaned_data
        ):
            messages.success(request, "Đã ghi đóng góp.")
            return redirect("campaign_detail", campaign_id=campaign.pk)
    return render_form(
        request,
        form,
        title=f"Ghi đóng góp — {campaign.title}",
        back_url=reverse("campaign_detail", args=[campaign.pk]),
    )


# Trainings ---------------------------------------------------------------------------------------


def enrolment_list(request):
    scope = request.scope
    qs = scope.visible(Enrolment.objects.select_related("person", "org"))
    year, org = optional_year_param(request), org_param(request)
    course = request.GET.get("loai", "")
    if course in Enrolment.Course.values:
        qs = qs.filter(course=course)
    if year:
        qs = qs.filter(starts_on__year__lte=year).exclude(completed_on__year__lt=year)
    if org:
        qs = qs.filter(org_id__in=subtree_ids([org.id]))
    rows = []
    for e in qs.order_by("course", "person__sort_name"):
        can_write = scope.can_write_org(e.org) and e.status in ("enrolled", "studying")
        rows.append(
            [
                _cell(e.person.full_name, reverse("person_detail", args=[e.person_id])),
                _cell(e.get_course_display()),
                _cell(e.title),
                _cell(f"{vn_date(e.starts_on)} – {vn_date(e.ends_on) if e.ends_on else ''}"),
                _cell(
                    e.get_status_display()
                    + (f" ({vn_date(e.completed_on)})" if e.completed_on else "")
                ),
                _cell("Hoàn thành", reverse("enrolment_complete", args=[e.pk]))
                if can_write
                else _cell(""),
            ]
        )
    return _table(
        request,
        title="Đào tạo, bồi dưỡng",
        columns=[
            ("Họ và tên", False),
            ("Loại lớp", False),
            ("Tên lớp", False),
            ("Thời gian", False),
            ("Tình trạng", False),
            ("", False),
        ],
        rows=rows,
        filters=[
            _year_filter(request, year),
            _org_filter(request, org),
            _select("loai", "Loại lớp", Enrolment.Course.choices, course),
        ],
        actions=_create_action(scope, "enrolment_create", "Cử đi học"),
    )


def enrolment_create(request):
    scope = request.scope
    scope.require_write_any()
    form = forms.EnrolmentForm(request.POST or None, scope=scope)
    if form.is_valid():
        d = dict(form.cleaned_data)
        person = d.pop("person")
        if apply_action(form, actions.enrol, request.user, person, **d):
            messages.success(request, f"Đã ghi {person} đi học.")
            return redirect("enrolment_list")
    return render_form(request, form, title="Cử đi học", back_url=reverse("enrolment_list"))


def enrolment_complete(request, enrolment_id):
    scope = request.scope
    enrolment = scope.get_or_404(Enrolment, enrolment_id, write=True)
    form = forms.DateForm(request.POST or None)
    if form.is_valid() and apply_action(
        form, actions.complete_enrolment, request.user, enrolment, form.cleaned_data["on"]
    ):
        messages.success(request, "Đã ghi hoàn thành khóa học.")
        return redirect("enrolment_list")
    grant = Enrolment.GRANTS.get(enrolment.course)
    intro = "Hoàn thành lớp này sẽ ghi thêm trình độ vào hồ sơ cá nhân." if grant else ""
    return render_form(
        request,
        form,
        title=f"Hoàn thành: {enrolment}",
        back_url=reverse("enrolment_list"),
        submit="Ghi nhận",
        intro=intro,
    )


# Inspection, verification, scores ---------------------------------------------------------------


def inspection_list(request):
    scope = request.scope
    qs = scope.visible(Inspection.objects.select_related("org", "subject_org"))
    year, org = optional_year_param(request), org_param(request)
    if year:
        qs = qs.filter(starts_on__year=year)
    if org:
        qs = qs.filter(org_id__in=subtree_ids([org.id]))
    rows = []
    for i in qs:
        action = (
            _cell("Kết luận", reverse("inspection_conclude", args=[i.pk]))
            if scope.can_write_org(i.org)
            else _cell("")
        )
        rows.append(
            [
                _cell(vn_date(i.starts_on)),
                _cell(f"{i.get_kind_display()} ({i.get_direction_display().lower()})"),
                _cell(i.inspector),
                _cell(i.subject),
                _cell(" ".join(x for x in (i.decision, i.conclusion) if x)),
                action,
            ]
        )
    return _table(
        request,
        title="Kiểm tra, giám sát",
        columns=[
            ("Ngày", False),
            ("Loại", False),
            ("Chủ thể", False),
            ("Nội dung", False),
            ("Căn cứ, kết luận", False),
            ("", False),
        ],
        rows=rows,
        filters=[_year_filter(request, year), _org_filter(request, org)],
        actions=_create_action(scope, "inspection_create", "Ghi kiểm tra, giám sát"),
    )


def inspection_create(request):
    scope = request.scope
    scope.require_write_any()
    form = forms.InspectionForm(request.POST or None, scope=scope)
    if form.is_valid() and apply_action(
        form, actions.record_inspection, request.user, **form.cleaned_data
    ):
        messages.success(request, "Đã ghi kiểm tra, giám sát.")
        return redirect("inspection_list")
    return render_form(
        request, form, title="Ghi kiểm tra, giám sát", back_url=reverse("inspection_list")
    )


def inspection_conclude(request, inspection_id):
    scope = request.scope
    inspection = scope.get_or_404(Inspection, inspection_id, write=True)
    form = forms.ConclusionForm(request.POST or None, initial={"conclusion": inspection.conclusion})
    if form.is_valid() and apply_action(
        form, actions.conclude_inspection, request.user, inspection, **form.cleaned_data
    ):
        messages.success(request, "Đã ghi kết luận.")
        return redirect("inspection_list")
    return render_form(
        request, form, title="Kết luận kiểm tra, giám sát", back_url=reverse("inspection_list")
    )


def verification_list(request):
    scope = request.scope
    if not scope.sees_everything and not scope.read_org_ids:
        qs = Verification.objects.none()  # internal political protection: not for members
    else:
        qs = scope.visible(Verification.objects.select_related("person"))
    year, purpose = optional_year_param(request), request.GET.get("muc-dich", "")
    if year:
        qs = qs.filter(requested_on__year=year)
    if purpose in Verification.Purpose.values:
        qs = qs.filter(purpose=purpose)
    rows = [
        [
            _cell(v.person.full_name, reverse("person_detail", args=[v.person_id])),
            _cell(v.get_purpose_display()),
            _cell(vn_date(v.requested_on)),
            _cell(vn_date(v.completed_on) if v.completed_on else "đang thẩm tra"),
            _cell(v.result),
        ]
        for v in qs.order_by("purpose", "requested_on")
    ]
    return _table(
        request,
        title="Thẩm tra, xác minh lý lịch",
        columns=[
            ("Họ và tên", False),
            ("Mục đích", False),
            ("Bắt đầu", False),
            ("Hoàn thành", False),
            ("Kết quả", False),
        ],
        rows=rows,
        filters=[
            _year_filter(request, year),
            _select("muc-dich", "Mục đích", Verification.Purpose.choices, purpose),
        ],
        actions=_create_action(scope, "verification_create", "Ghi thẩm tra lý lịch"),
    )


def verification_create(request):
    scope = request.scope
    scope.require_write_any()
    form = forms.VerificationForm(request.POST or None, scope=scope)
    if form.is_valid() and apply_action(
        form, actions.record_verification, request.user, **form.cleaned_data
    ):
        messages.success(request, "Đã ghi thẩm tra lý lịch.")
        return redirect("verification_list")
    return render_form(
        request, form, title="Ghi thẩm tra lý lịch", back_url=reverse("verification_list")
    )


def score_list(request):
    scope = request.scope
    qs = scope.visible(Score.objects.select_related("org"))
    year = optional_year_param(request)
    if year:
        qs = qs.filter(year=year)
    rows = [
        [
            _cell(s.year),
            _cell(s.org.name),
            _cell(s.get_area_display()),
            _cell(s.body),
            _cell(decimal_vi(s.score), num=True),
        ]
        for s in qs
    ]
    return _table(
        request,
        title="Kết quả chấm điểm",
        columns=[
            ("Năm", False),
            ("Tổ chức", False),
            ("Lĩnh vực", False),
            ("Cơ quan chấm", False),
            ("Điểm", True),
        ],
        rows=rows,
        filters=[_year_filter(request, year)],
        actions=_create_action(scope, "score_create", "Ghi điểm"),
    )


def score_create(request):
    scope = request.scope
    scope.require_write_any()
    form = forms.ScoreForm(request.POST or None, scope=scope)
    if form.is_valid() and apply_action(
        form, actions.record_score, request.user, **form.cleaned_data
    ):
        messages.success(request, "Đã ghi điểm.")
        return redirect("score_list")
    return render_form(request, form, title="Ghi kết quả chấm điểm", back_url=reverse("score_list"))


# Evaluation ---------------------------------------------------------------------------------------


def evaluation_list(request):
    scope = request.scope
    qs = scope.visible(
        Evaluation.objects.select_related("subject_person", "subject_org", "org"),
    )
    year = year_param(request, latest_year(qs, "year"))
    qs = qs.filter(year=year)
    rule = actions.classification_rule(year)
    rows = []
    for e in qs.order_by("subject_person_id", "subject_org__name", "subject_person__sort_name"):
        rows.append(
            [
                _cell(str(e.subject())),
                _cell("Tổ chức" if e.subject_org_id else "Đảng viên"),
                _cell(decimal_vi(e.score) if e.score is not None else "", num=True),
                _cell(actions.band_label(rule, e.band, bool(e.subject_org_id))),
                _cell(vn_date(e.evaluated_on)),
            ]
        )
    orgs = {e.org for e in qs}
    warnings = [w for o in sorted(orgs, key=str) for w in actions.quota_warnings(o, year)]
    notes = [f"Xếp loại năm {year} theo {rule.source}."]
    if not rule.confirmed:
        notes.append("Quy định này chưa được xác nhận: ngưỡng điểm và tỷ lệ là giá trị mặc định.")
    elif not rule.get("quota_confirmed"):
        notes.append("Tỷ lệ khống chế mức xuất sắc theo quy định này chưa được xác nhận.")
    counts = defaultdict(int)
    for e in qs:
        counts[(bool(e.subject_org_id), e.band)] += 1
    summary = [
        (actions.band_label(rule, code, False), counts[(False, code)], counts[(True, code)])
        for code in Evaluation.Band.values
    ]
    return _table(
        request,
        template="work/evaluation_list.html",
        title=f"Đánh giá, xếp loại chất lượng năm {year}",
        columns=[
            ("Đối tượng", False),
            ("Loại", False),
            ("Điểm", True),
            ("Xếp loại", False),
            ("Ngày", False),
        ],
        rows=rows,
        warnings=warnings,
        notes=notes,
        summary=summary,
        filters=[_year_filter(request, year)],
        actions=_create_action(scope, "evaluation_create", "Ghi xếp loại"),
    )


def evaluation_create(request):
    scope = request.scope
    scope.require_write_any()
    form = forms.EvaluationForm(request.POST or None, scope=scope)
    if form.is_valid():
        result = apply_action(form, actions.evaluate, request.user, **form.cleaned_data)
        if result:
            _evaluation, warnings = result
            messages.success(request, "Đã ghi xếp loại.")
            for w in warnings:
                messages.warning(request, w)
            return redirect(reverse("evaluation_list") + f"?nam={form.cleaned_data['year']}")
    return render_form(
        request, form, title="Ghi đánh giá, xếp loại", back_url=reverse("evaluation_list")
    )


# Self-assessment, pledges, study plans, shortcomings ----------------------------------------------


def review_page(request):
    """Section III of the year: degradation self-assessment, pledges, study plans, shortcomings."""
    scope = request.scope
    latest = latest_year(scope.visible(DegradationAssessment.objects.all()), "year")
    year = year_param(request, latest)
    rule = rule_in_force("degradation", dt.date(year, 12, 31))
    signs = rule["signs"]
    assessments = scope.visible(
        DegradationAssessment.objects.filter(year=year).select_related(
            "subject_person", "subject_org"
        ),
    )
    collective = [
        (a, [(c, signs.get(c, c)) for c in a.signs]) for a in assessments if a.subject_org
    ]
    individuals = [a for a in assessments if a.subject_person_id]
    found = [a for a in individuals if a.signs]
    distinct = sorted({c for a in found for c in a.signs})
    pledges = scope.visible(Pledge.objects.filter(year=year))
    plans = scope.visible(
        StudyPlan.objects.filter(year=year).select_related("subject_org"),
    )
    shortcomings = scope.visible(
        Shortcoming.objects.filter(review_year__in=[year - 1, year]).select_related("org"),
    )
    can_write = scope.can_write_any
    return render(
        request,
        "work/review.html",
        {
            "year": year,
            "rule": rule,
            "collective": collective,
            "individuals": individuals,
            "found": [(a, [(c, signs.get(c, c)) for c in a.signs]) for a in found],
            "distinct": [(c, signs.get(c, c)) for c in distinct],
            "pledges": pledges.count(),
            "collective_plans": [p for p in plans if p.subject_org_id],
            "individual_plans": sum(1 for p in plans if p.subject_person_id),
            "shortcomings": [
                (s, scope.can_write_org(s.org) and s.remedied_on is None) for s in shortcomings
            ],
            "can_write": can_write,
        },
    )


def _review_form(request, form_class, action, title, **form_kwargs):
    scope = request.scope
    scope.require_write_any()
    form = form_class(request.POST or None, scope=scope, **form_kwargs)
    if form.is_valid() and apply_action(form, action, request.user, **form.cleaned_data):
        messages.success(request, "Đã ghi nhận.")
        year = form.cleaned_data.get("year") or form.cleaned_data.get("review_year")
        return redirect(reverse("review_page") + f"?nam={year}")
    return render_form(request, form, title=title, back_url=reverse("review_page"))


def degradation_create(request):
    rule = rule_in_force("degradation", dt.date.today())
    choices = [(code, f"{code}. {label}") for code, label in rule["signs"].items()]
    return _review_form(
        request,
        forms.DegradationForm,
        actions.assess_degradation,
        "Ghi tự đánh giá, nhận diện suy thoái",
        signs=choices,
    )


def pledge_create(request):
    return _review_form(request, forms.PledgeForm, actions.sign_pledge, "Ghi bản cam kết")


def study_plan_create(request):
    return _review_form(
        request,
        forms.StudyPlanForm,
        actions.register_study_plan,
        "Ghi kế hoạch học tập và làm theo Bác",
    )


def shortcoming_create(request):
    return _review_form(
        request, forms.ShortcomingForm, actions.record_shortcoming, "Ghi hạn chế, khuyết điểm"
    )


def shortcoming_remedy(request, shortcoming_id):
    scope = request.scope
    shortcoming = scope.get_or_404(Shortcoming, shortcoming_id, write=True)
    form = forms.DateForm(request.POST or None)
    if form.is_valid() and apply_action(
        form, actions.remedy_shortcoming, request.user, shortcoming, form.cleaned_data["on"]
    ):
        messages.success(request, "Đã ghi khắc phục.")
        return redirect(reverse("review_page") + f"?nam={shortcoming.review_year + 1}")
    return render_form(
        request,
        form,
        title=f"Khắc phục khuyết điểm số {shortcoming.number} ({shortcoming.review_year})",
        back_url=reverse("review_page"),
        intro=shortcoming.text,
        submit="Ghi nhận",
    )


# Work programme ---------------------------------------------------------------------------------


def programme_list(request):
    scope = request.scope
    qs = scope.visible(WorkProgramme.objects.select_related("org")).annotate(
        n=Count("items"),
        done=Count("items", filter=Q(items__status=ProgrammeItem.Status.DONE)),
    )
    rows = [
        [
            _cell(p.year),
            _cell(p.title, reverse("work_programme_detail", args=[p.pk])),
            _cell(p.org.name),
            _cell(f"{p.done}/{p.n}", num=True),
        ]
        for p in qs
    ]
    return _table(
        request,
        title="Chương trình công tác",
        columns=[("Năm", False), ("Chương trình", False), ("Tổ chức", False), ("Hoàn thành", True)],
        rows=rows,
        filters=[],
        actions=_create_action(scope, "work_programme_create", "Thêm chương trình"),
    )


def _programme(request, pk, write=False):
    qs = WorkProgramme.objects.select_related("org")
    return request.scope.get_or_404(qs, pk, write=write)


def programme_detail(request, programme_id):
    programme = _programme(request, programme_id)
    items = programme.items.select_related("owner_org", "carried_from__programme").prefetch_related(
        "evidence", "carried_to__programme"
    )
    return render(
        request,
        "work/programme_detail.html",
        {
            "programme": programme,
            "items": items,
            "can_write": request.scope.can_write_org(programme.org),
            "unfinished": any(
                i.status in (ProgrammeItem.Status.PLANNED, ProgrammeItem.Status.IN_PROGRESS)
                for i in items
            ),
        },
    )


def programme_create(request):
    scope = request.scope
    scope.require_write_any()
    form = forms.ProgrammeNewForm(request.POST or None, scope=scope)
    if form.is_valid():
        programme = apply_action(form, actions.create_programme, request.user, **form.cleaned_data)
        if programme:
            return redirect("work_programme_detail", programme_id=programme.pk)
    return render_form(
        request, form, title="Thêm chương trình công tác", back_url=reverse("work_programme_list")
    )


def programme_item_create(request, programme_id):
    scope = request.scope
    programme = _programme(request, programme_id, write=True)
    form = forms.ProgrammeItemForm(request.POST or None, scope=scope)
    if form.is_valid() and apply_action(
        form, actions.add_programme_item, request.user, programme, **form.cleaned_data
    ):
        messages.success(request, "Đã thêm mục.")
        return redirect("work_programme_detail", programme_id=programme.pk)
    return render_form(
        request,
        form,
        title=f"Thêm mục — {programme.title}",
        back_url=reverse("work_programme_detail", args=[programme.pk]),
    )


def programme_carry_over(request, programme_id):
    """Confirm (GET), then copy the unfinished items into next year's programme (POST)."""
    programme = _programme(request, programme_id, write=True)
    if request.method != "POST":
        return render_form(
            request,
            django_forms.Form(),
            title=f"Chuyển các mục chưa hoàn thành sang năm {programme.year + 1}",
            back_url=reverse("work_programme_detail", args=[programme.pk]),
            submit="Chuyển sang năm sau",
            intro="Các mục chưa hoàn thành được chép sang chương trình năm sau; mục cũ ghi "
            "“Chuyển sang năm sau”.",
        )
    target, errors = _attempt(actions.carry_over, request.user, programme)
    if target is None:
        for e in errors:
            messages.error(request, e)
        return redirect("work_programme_detail", programme_id=programme.pk)
    messages.success(request, f"Đã chuyển các mục chưa hoàn thành sang năm {target.year}.")
    return redirect("work_programme_detail", programme_id=target.pk)


def programme_item_edit(request, item_id):
    scope = request.scope
    item = scope.get_or_404(
        ProgrammeItem.objects.select_related("programme__org"), item_id, write=True
    )
    year = item.programme.year
    activities = scope.visible(Activity).filter(starts_on__year=year).order_by("starts_on")
    form = forms.ItemStatusForm(
        request.POST or None,
        activities=activities,
        initial={"status": item.status, "done_on": item.done_on},
    )
    if form.is_valid():
        d = form.cleaned_data
        if apply_action(form, _update_item, request.user, item, d):
            messages.success(request, f"Đã cập nhật mục {item.number}.")
            return redirect("work_programme_detail", programme_id=item.programme_id)
    return render_form(
        request,
        form,
        title=f"Mục {item.number} — {item.programme.title}",
        back_url=reverse("work_programme_detail", args=[item.programme_id]),
        intro=item.title or item.text[:300],
    )


@transaction.atomic
def _update_item(actor, item, d):
    if d["status"] != item.status or d["done_on"] != item.done_on:
        actions.set_item_status(actor, item, d["status"], d["done_on"])
    if d["evidence"] is not None:
        actions.link_evidence(actor, item, d["evidence"])
    return item


# Indicators ---------------------------------------------------------------------------------------


def indicator_list(request):
    scope = request.scope
    qs = scope.visible(Indicator.objects.select_related("org"))
    year = optional_year_param(request)
    if year:
        qs = qs.filter(period_end__year=year)
    rows = [
        [
            _cell(i.label),
            _cell(decimal_vi(i.value), num=True),
            _cell(i.unit),
            _cell(f"{vn_date(i.period_start)} – {vn_date(i.period_end)}"),
            _cell(i.source),
            _cell(i.key),
        ]
        for i in qs.order_by("-period_end", "id")
    ]
    return _table(
        request,
        title="Chỉ số kết quả nhiệm vụ chính trị",
        columns=[
            ("Chỉ tiêu", False),
            ("Giá trị", True),
            ("Đơn vị", False),
            ("Kỳ", False),
            ("Nguồn", False),
            ("Mã số liệu", False),
        ],
        rows=rows,
        filters=[_year_filter(request, year)],
        actions=_create_action(scope, "indicator_create", "Ghi chỉ số"),
    )


def indicator_create(request):
    scope = request.scope
    scope.require_write_any()
    form = forms.IndicatorForm(request.POST or None, scope=scope)
    if form.is_valid() and apply_action(
        form, actions.record_indicator, request.user, **form.cleaned_data
    ):
        messages.success(request, "Đã ghi chỉ số.")
        return redirect("indicator_list")
    return render_form(request, form, title="Ghi chỉ số", back_url=reverse("indicator_list"))
