"""The panels of the home dashboard: what needs doing, per role, as of a date.

Each panel is a small function returning a `Panel` of rows; every row links to the page where
the work is done (attendance, the fee book, the report draft, the recognition action). Panels
read the same rules as the pages they point to: unpaid months come from the fee book
(`finance.book`), the end of probation from `people.actions.probation_end`, report status from
the superior's tracker.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Max, Q
from django.urls import reverse

from dangvu.finance import fees
from dangvu.finance.book import year_books
from dangvu.finance.models import Payment
from dangvu.lib.dates import vn_date
from dangvu.lib.text import money
from dangvu.meetings.models import Activity, ActivityOrg, Attendance, MeetingTask
from dangvu.orgs.models import Organization, active_on
from dangvu.orgs.tree import subtree_ids
from dangvu.people.actions import probation_end
from dangvu.people.models import Membership, PartyProfile
from dangvu.reports.models import ReportDraft
from dangvu.reports.periods import period_name, period_of
from dangvu.review.models import Evaluation, StudyPlan
from dangvu.superior import tracker
from dangvu.superior.models import Deadline, Submission

K = Organization.Kind
PRESENT = Attendance.Status.PRESENT
MEETINGS = (Activity.Kind.REGULAR_MEETING, Activity.Kind.THEMATIC_MEETING)
# Sessions where documents and resolutions are studied (quán triệt, tập huấn).
STUDY = (Activity.Kind.DISSEMINATION, Activity.Kind.TRAINING)
# Probationary members are listed this many days before their probation ends.
RECOGNITION_NOTICE_DAYS = 60
# A panel lists this many rows; a long list belongs to its own page.
ROWS_SHOWN = 10


@dataclass
class Row:
    text: str
    url: str = ""
    details: list = field(default_factory=list)
    action: str = ""  # the work to do, as a link label
    action_url: str = ""
    warn: bool = False  # late or overdue


@dataclass
class Panel:
    key: str
    title: str
    rows: list
    empty: str  # what an empty panel means, said plainly
    more_url: str = ""
    more: str = ""
    summary: str = ""

    @property
    def shown(self):
        """The first rows; the rest are counted and left to the page `more_url` opens."""
        return self.rows[:ROWS_SHOWN]

    @property
    def hidden(self):
        return max(len(self.rows) - ROWS_SHOWN, 0)


def _url(name, *args, query=""):
    return reverse(name, args=args) + (f"?{query}" if query else "")


def month_bounds(day):
    first = fees.month_start(day)
    return first, fees.month_end(first)


def _subtree_ids(org):
    """`org`'s subtree, read once for the organization object a dashboard passes to each of its
    panels (five of them ask for it)."""
    if not hasattr(org, "_panel_subtree_ids"):
        org._panel_subtree_ids = subtree_ids([org.id])
    return org._panel_subtree_ids


def party_cells(org, day):
    """The party cells in `org`'s subtree (the organization itself if it is a cell), with their
    names over time (the panels name each cell as it was named on `day`)."""
    cells = getattr(org, "_panel_party_cells", {})
    if day not in cells:
        cells[day] = list(
            Organization.objects.filter(active_on(day), id__in=_subtree_ids(org), kind=K.PARTY_CELL)
            .prefetch_related("names")
            .order_by("name")
        )
        org._panel_party_cells = cells
    return cells[day]


# Office and cell secretary -------------------------------------------------------------------


def meetings(org, day, can_write):
    """This month's activities of `org`'s subtree, and the cells with no regular meeting yet."""
    first, last = month_bounds(day)
    ids = _subtree_ids(org)
    linked = ActivityOrg.objects.filter(org_id__in=ids).values("activity_id")
    activities = (
        Activity.objects.filter(id__in=linked, starts_on__range=(first, last))
        .annotate(
            marked=Count("attendances"),
            present=Count("attendances", filter=Q(attendances__status=PRESENT)),
        )
        .prefetch_related("links__org")
        .order_by("starts_on", "id")
    )
    rows, met = [], set()
    for a in activities:
        if a.kind == Activity.Kind.REGULAR_MEETING:
            met.update(link.org_id for link in a.links.all())
        row = Row(
            text=f"{a.starts_on:%d/%m} · {a.title}",
            url=_url("activity_detail", a.id),
            details=[a.get_kind_display(), f"{a.present} có mặt" if a.marked else "chưa điểm danh"],
        )
        if not a.marked and can_write and a.starts_on <= day:
            row.action, row.action_url = "Điểm danh", _url("activity_attendance", a.id)
            row.warn = True
        rows.append(row)
    for cell in party_cells(org, day):
        if cell.id in met:
            continue
        row = Row(
            text=f"{cell.name_on(day)} chưa có sinh hoạt thường kỳ tháng {first.month}/{first.year}",
            url=_url("org_detail", cell.slug),
            warn=True,
        )
        if can_write:
            row.action = "Ghi biên bản sinh hoạt"
            row.action_url = _url("meeting_record", query=f"chi_bo={cell.slug}&ngay={day:%Y-%m-%d}")
        rows.append(row)
    return Panel(
        "meetings",
        f"Sinh hoạt, hoạt động tháng {first.month}/{first.year}",
        rows,
        "Tháng này chưa có hoạt động nào.",
        more_url=_url(
            "activity_list",
            query=f"to-chuc={org.slug}&tu-ngay={first:%Y-%m-%d}&den-ngay={last:%Y-%m-%d}",
        ),
        more="Mọi hoạt động trong tháng",
    )


def overdue_tasks(org, day, can_write):
    """Tasks of the cells' resolutions past their deadline and not done, for the secretary."""
    ids = _subtree_ids(org)
    linked = ActivityOrg.objects.filter(org_id__in=ids).values("activity_id")
    tasks = (
        MeetingTask.objects.filter(minutes__activity_id__in=linked, deadline__lt=day)
        .exclude(status=MeetingTask.Status.DONE)
        .select_related("assignee", "minutes")
        .order_by("deadline", "id")
    )
    rows = [
        Row(
            text=t.text,
            url=_url("meeting_page", t.minutes.activity_id),
            details=[
                f"hạn {vn_date(t.deadline)}",
                t.assignee.full_name if t.assignee else "Chi ủy",
            ],
            action="Cập nhật kết quả" if can_write else "",
            action_url=_url("meeting_task", t.id) if can_write else "",
            warn=True,
        )
        for t in tasks
    ]
    return Panel(
        "overdue_tasks",
        "Nhiệm vụ theo nghị quyết chi bộ đã quá hạn",
        rows,
        "Không có nhiệm vụ nào quá hạn.",
        more_url=_url("meeting_home"),
        more="Sinh hoạt chi bộ",
    )


def unpaid_fees(org, day, can_write):
    """Members with months of the year already over that have a fee due, nothing paid and no
    recorded reason: the fee book's own rule (`MemberBook.unpaid_months`)."""
    cells = party_cells(org, day)
    names = {c.id: c.name_on(day) for c in cells}
    books = year_books(day.year, cell_ids=list(names), today=day)
    current = fees.month_start(day)
    rows = []
    for book in sorted(books.values(), key=lambda b: b.person.sort_name):
        months = sorted(book.unpaid_months(before=current))
        if not months:
            continue
        cell_id = book.months[months[-1]].cell_id
        owed = sum(book.months[m].owed for m in months)
        row = Row(
            text=str(book.person),
            url=_url("fee_member", book.person_id, query=f"nam={day.year}"),
            details=[
                names.get(cell_id, ""),
                "Tháng " + ", ".join(fees.month_label(m) for m in months),
                f"{money(owed)} đồng",
            ],
            warn=bool(book.warning),
        )
        cell = next((c for c in cells if c.id == cell_id), None)
        if can_write and cell is not None:
            row.action = "Ghi khoản nộp"
            row.action_url = _url(
                "fee_payment_add",
                cell.slug,
                query=f"dang-vien={book.person_id}&thang={fees.month_label(months[0])}",
            )
        rows.append(row)
    book_url = (
        _url("fee_book", org.slug, day.year)
        if org.kind in (K.PARTY_COMMITTEE, K.PARTY_CELL)
        else ""
    )
    return Panel(
        "fees",
        f"Đảng viên chưa đóng đảng phí năm {day.year}",
        rows,
        "Không có đảng viên nào còn tháng chưa đóng (các tháng đã qua).",
        more_url=book_url,
        more=f"Sổ thu nộp {day.year}",
        summary=f"{len(rows)} đảng viên" if rows else "",
    )


def recognitions(org, day, can_write):
    """Probationary members whose probation ends within the notice period, or has ended."""
    cells = [c.id for c in party_cells(org, day)]
    members = Membership.objects.filter(
        active_on(day), org_id__in=cells, kind=Membership.Kind.PARTY
    ).values("person_id")
    profiles = (
        PartyProfile.objects.filter(person_id__in=members, admitted_on__lte=day)
        .filter(Q(recognized_on__isnull=True) | Q(recognized_on__gt=day))
        .select_related("person")
        .order_by("admitted_on")
    )
    horizon = day + dt.timedelta(days=RECOGNITION_NOTICE_DAYS)
    rows = []
    for profile in profiles:
        end = probation_end(profile.admitted_on)
        if end > horizon:
            continue
        if end <= day:
            when = f"đã hết dự bị {(day - end).days} ngày"
        else:
            when = f"còn {(end - day).days} ngày"
        row = Row(
            text=str(profile.person),
            url=_url("person_detail", profile.person_id),
            details=[
                f"Kết nạp {vn_date(profile.admitted_on)}",
                f"Hết dự bị {vn_date(end)} ({when})",
            ],
            warn=end <= day,
        )
        if can_write:
            row.action = "Chuyển đảng chính thức"
            row.action_url = _url("person_action", profile.person_id, "chuyen-chinh-thuc")
        rows.append(row)
    return Panel(
        "recognitions",
        "Đảng viên dự bị đến hạn xét chuyển chính thức",
        rows,
        f"Không có đảng viên dự bị nào hết thời gian dự bị trong {RECOGNITION_NOTICE_DAYS} ngày tới.",
    )


def _reports_to_superior(org):
    """The superior committee `org` sends its reports to, if it reports directly to one."""
    parent = org.parent
    return parent if parent is not None and parent.kind == K.SUPERIOR_COMMITTEE else None


def reports(org, day, can_write):
    """Reports due to the superior (its deadlines of this year and last, with this unit's status)
    and the drafts still being written."""
    rows = []
    drafts = ReportDraft.objects.filter(org=org, year__in=[day.year - 1, day.year]).order_by(
        "year", "period", "-version"
    )
    latest = {}
    for draft in drafts:
        latest.setdefault((draft.year, draft.period), draft)
    superior = _reports_to_superior(org)
    deadlines = (
        Deadline.objects.filter(superior=superior, year__in=[day.year - 1, day.year]).order_by(
            "due_on"
        )
        if superior
        else []
    )
    seen = set()
    for deadline in deadlines:
        seen.add((deadline.year, deadline.period))
        line = tracker.track(org, deadline.year, deadline.period, today=day).lines
        line = next((x for x in line if x.org.id == org.id), None)
        if line is None:
            continue
        draft = latest.get((deadline.year, deadline.period))
        row = Row(
            text=f"Báo cáo {period_name(period_of(deadline.year, deadline.period))}",
            details=[f"Hạn gửi {vn_date(deadline.due_on)}", line.status_label],
            warn=line.status != tracker.SENT,
        )
        if line.submission:
            row.url = _url("report_detail", line.submission.draft_id)
            row.details.append(f"Đã gửi ngày {vn_date(line.sent_on)}")
            row.warn = line.status == tracker.LATE
        elif line.ready and can_write:
            row.action, row.action_url = "Gửi lên cấp trên", _url("superior_send", line.ready.id)
        elif draft is not None:
            row.url = _url("report_detail", draft.id)
            row.action, row.action_url = "Tiếp tục dự thảo", row.url
        elif can_write:
            row.action, row.action_url = "Lập dự thảo", _url("report_list")
        rows.append(row)
    for (year, period), draft in latest.items():
        if (year, period) in seen or draft.is_final:
            continue
        rows.append(
            Row(
                text=draft.label,
                url=_url("report_detail", draft.id),
                details=[f"Dự thảo phiên bản {draft.version}", "chưa có hạn gửi do cấp trên đặt"],
                action="Tiếp tục dự thảo" if can_write else "",
                action_url=_url("report_detail", draft.id) if can_write else "",
            )
        )
    return Panel(
        "reports",
        "Báo cáo phải gửi và hạn gửi",
        rows,
        f"Không có báo cáo nào đang soạn hoặc có hạn gửi trong năm {day.year - 1}–{day.year}.",
        more_url=_url("report_list"),
        more="Danh sách báo cáo",
    )


def latest_org_record(org):
    """The last day with a record of `org`'s subtree (activity, fee payment, report sent)."""
    ids = _subtree_ids(org)
    days = [
        Activity.objects.filter(
            id__in=ActivityOrg.objects.filter(org_id__in=ids).values("activity_id")
        ).aggregate(d=Max("starts_on"))["d"],
        Payment.objects.filter(cell_id__in=ids).aggregate(d=Max("paid_on"))["d"],
        Submission.objects.filter(Q(unit_id__in=ids) | Q(superior_id__in=ids)).aggregate(
            d=Max("sent_on")
        )["d"],
    ]
    days = [d for d in days if d]
    return max(days) if days else None


def org_panels(org, day, can_write):
    return [
        meetings(org, day, can_write),
        overdue_tasks(org, day, can_write),
        unpaid_fees(org, day, can_write),
        reports(org, day, can_write),
        recognitions(org, day, can_write),
    ]


# Member ------------------------------------------------------------------------------------------


def my_fees(person, day):
    book = year_books(day.year, person_ids=[person.id], today=day).get(person.id)
    rows = []
    if book is not None:
        for month in sorted(book.unpaid_months(before=fees.month_start(day))):
            line = book.months[month]
            rows.append(
                Row(
                    text=f"Tháng {fees.month_label(month)}",
                    url=_url("fee_mine", query=f"nam={day.year}"),
                    details=[f"Phải đóng {money(line.due)} đồng", line.status_label],
                    warn=True,
                )
            )
    summary = ""
    if book is not None:
        summary = f"Năm {day.year}: đã đóng {money(book.paid)} / {money(book.due)} đồng"
    return Panel(
        "my_fees",
        f"Đảng phí của tôi năm {day.year}",
        rows,
        "Không còn tháng nào chưa đóng (các tháng đã qua).",
        more_url=_url("fee_mine", query=f"nam={day.year}"),
        more="Sổ đảng phí của tôi",
        summary=summary,
    )


def my_meetings(person, day):
    """This month's activities the member is listed in, with their own attendance."""
    first, last = month_bounds(day)
    rows = [
        Row(
            text=f"{a.activity.starts_on:%d/%m} · {a.activity.title}",
            url=_url("activity_detail", a.activity_id),
            details=[a.activity.get_kind_display(), a.get_status_display()],
            warn=a.status == Attendance.Status.ABSENT,
        )
        for a in Attendance.objects.filter(person=person, activity__starts_on__range=(first, last))
        .select_related("activity")
        .order_by("activity__starts_on", "activity_id")
    ]
    year = Attendance.objects.filter(
        person=person, activity__starts_on__year=day.year, activity__starts_on__lte=day
    ).aggregate(n=Count("id"), present=Count("id", filter=Q(status=PRESENT)))
    summary = (
        f"Năm {day.year} đến ngày {vn_date(day)}: có mặt {year['present']}/{year['n']} buổi"
        if year["n"]
        else ""
    )
    return Panel(
        "my_meetings",
        f"Sinh hoạt, hoạt động của tôi tháng {first.month}/{first.year}",
        rows,
        "Tháng này bạn chưa có tên trong hoạt động nào.",
        summary=summary,
        more_url=_url("meeting_home"),
        more="Sinh hoạt chi bộ: thông báo, tài liệu, nhiệm vụ của tôi",
    )


def my_study(person, day):
    """Documents to study: the dissemination and training sessions of the year the member is
    called to (one missed is to be studied on one's own), and their study plan."""
    rows = []
    for a in (
        Attendance.objects.filter(
            person=person,
            activity__kind__in=STUDY,
            activity__starts_on__year=day.year,
            activity__starts_on__lte=day,
        )
        .select_related("activity")
        .order_by("-activity__starts_on")
    ):
        missed = a.status != PRESENT
        rows.append(
            Row(
                text=a.activity.title,
                url=_url("activity_detail", a.activity_id),
                details=[
                    vn_date(a.activity.starts_on),
                    "vắng, cần tự nghiên cứu" if missed else "đã dự",
                ],
                warn=missed,
            )
        )
    for plan in StudyPlan.objects.filter(subject_person=person, year=day.year):
        rows.insert(
            0,
            Row(
                text=f"Kế hoạch học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh năm {plan.year}",
                details=[f"Đăng ký ngày {vn_date(plan.registered_on)}", plan.note[:120]],
            ),
        )
    return Panel(
        "my_study",
        f"Văn bản, nghị quyết cần học tập năm {day.year}",
        rows,
        "Chưa có buổi quán triệt, học tập nào có tên bạn trong năm.",
    )


def my_evaluation(person, day):
    rows = [
        Row(
            text=f"Năm {e.year}: {e.get_band_display()}",
            url=_url("person_detail", person.id),
            details=[
                f"{e.score} điểm" if e.score is not None else "",
                f"Đánh giá ngày {vn_date(e.evaluated_on)}",
            ],
        )
        for e in Evaluation.objects.filter(
            subject_person=person, year__lte=day.year, evaluated_on__lte=day
        ).order_by("-year")[:3]
    ]
    return Panel(
        "my_evaluation",
        "Đánh giá, xếp loại của tôi",
        rows,
        "Chưa có kết quả đánh giá, xếp loại nào.",
    )


def latest_person_record(person):
    days = [
        Attendance.objects.filter(person=person).aggregate(d=Max("activity__starts_on"))["d"],
        Payment.objects.filter(person=person).aggregate(d=Max("paid_on"))["d"],
    ]
    days = [d for d in days if d]
    return max(days) if days else None


def member_panels(person, day):
    return [
        my_fees(person, day),
        my_meetings(person, day),
        my_study(person, day),
        my_evaluation(person, day),
    ]


# Superior committee ------------------------------------------------------------------------------


def superior_panels(superior, day):
    """The tracker of the year of `day`, preceded by last year's while its deadline falls in this
    year (annual reports are sent in the first weeks of the next year)."""
    years = [day.year]
    if Deadline.objects.filter(
        superior=superior, year=day.year - 1, period="", due_on__year=day.year
    ).exists():
        years.insert(0, day.year - 1)
    return [submissions(superior, year, day) for year in years]


def submissions(superior, year, day):
    """Issue 11's tracker for `year` as of `day`: the units that have not sent (or sent late)."""
    result = tracker.track(superior, year, today=day)
    rows = [
        Row(
            text=line.name,
            url=_url("org_detail", line.org.slug),
            details=[line.status_label]
            + ([f"Gửi ngày {vn_date(line.sent_on)}"] if line.sent_on else []),
            warn=True,
        )
        for line in result.lines
        if line.status != tracker.SENT
    ]
    counts = result.counts()
    deadline = (
        f"hạn gửi {vn_date(result.deadline.due_on)}" if result.deadline else "chưa đặt hạn gửi"
    )
    summary = f"{len(result.lines)} đơn vị, {deadline}: " + ", ".join(
        f"{label.lower()} {counts[code]}" for code, label in tracker.STATUS_LABELS.items()
    )
    return Panel(
        f"submissions-{year}",
        f"Báo cáo năm {year} các đơn vị gửi lên",
        rows,
        "Mọi đơn vị đã gửi báo cáo đúng hạn.",
        more_url=_url("superior_submissions", superior.slug, year),
        more="Bảng theo dõi đầy đủ",
        summary=summary,
    )
