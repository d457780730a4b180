"""A cell meeting's papers as Party documents, written from its records: the notice (thông báo),
the minutes (biên bản) and the monthly resolution (nghị quyết chi bộ tháng …).

Each is a `lib.party_doc.PartyDocument`, rendered to Word by `lib.party_docx` like the reports:
the cell's header under the party organization above it, the number from the cell's register of
outgoing documents, "T/M CHI BỘ – BÍ THƯ", the recipients. Every count, name and reason comes from
the meeting's attendance, plan, minutes and tasks; nothing is typed into these texts.
"""

import datetime as dt
from dataclasses import asdict, dataclass, field
from fractions import Fraction

from django.core.exceptions import ValidationError

from dangvu.finance import book as fee_book
from dangvu.finance.fees import month_start
from dangvu.lib.dates import place_date, vn_date
from dangvu.lib.party_doc import (
    Footnote,
    Header,
    Paragraph,
    PartyDocument,
    Run,
    Signature,
    Table,
    para,
)
from dangvu.lib.rules import rule_in_force
from dangvu.lib.text import count, decimal_vi, money
from dangvu.orgs.kinds import executive_name, superior_line
from dangvu.orgs.models import Organization, Position, Term, active_on, parent_on
from dangvu.orgs.symbols import document_symbol
from dangvu.orgs.tree import place_of
from dangvu.people.actions import status_rule
from dangvu.people.models import PartyProfile, Person, party_status

from .models import Activity, ActivityOrg, Attendance, MeetingMinutes, MeetingPlan, MeetingTask
from .roll import Apart, Review, cell_apart, cell_roll, meeting_cell, meeting_cells, reviews

PRESENT, EXCUSED, ABSENT = (
    Attendance.Status.PRESENT,
    Attendance.Status.EXCUSED,
    Attendance.Status.ABSENT,
)


# Full members from which a cell elects a committee (chi ủy) rather than a secretary alone.
CELL_COMMITTEE_FROM = 9


@dataclass
class Roll:
    """A meeting's attendance as its papers state it. `expected` are the cell's members on the
    day who take part in meetings (the denominator); exempt members are listed apart."""

    expected: list[Person]
    exempt: list[Person]
    present: list[Person]
    excused: list[tuple[Person, str]]
    absent: list[tuple[Person, str]]
    late: list[Person]
    # Members expected on the day with no attendance row (entered in the cell after the roll
    # was taken, say): named, so that present + away always adds up to the members expected.
    unrecorded: list[Person]
    # Those of `expected` and `exempt` still on probation on the day: they take part and speak
    # but do not vote (Điều lệ Đảng, Article 3), so a resolution is adopted by the full members.
    probationary: set[int]
    # Exempt members who came nonetheless: counted by the quorum rule (not in `expected`).
    exempt_present: list[Person] = field(default_factory=list)
    cell: Organization | None = None
    # {person id: "đồng chí B, Bí thư chi bộ"} for the excused absences whose reason the
    # convening committee accepted (`Attendance.accepted_by`): left out of the quorum's count.
    accepted: dict[int, str] = field(default_factory=dict)
    # Members suspended, members attending another cell for a while and members of other cells
    # attending this one (`roll.cell_apart`): none of them in `expected`.
    apart: Apart = field(default_factory=Apart)
    # Members attending another cell who came to their own cell's meeting nonetheless: counted
    # by the quorum rule, as exempt members who came are.
    away_present: list[Person] = field(default_factory=list)

    @property
    def members(self) -> int:
        """Every member of the cell on the day, those listed apart included."""
        return (
            len(self.expected) + len(self.exempt) + len(self.apart.suspended) + len(self.apart.away)
        )

    @property
    def leaders(self) -> str:
        """Who leads the cell between meetings: a cell of nine full members or more elects a
        chi ủy, a smaller one only a secretary (Điều lệ Đảng, Article 24; Quy định 29-QĐ/TW,
        point 24: bench/devset/meetings/sources.md)."""
        full = self.members - len(self.probationary)
        return "chi ủy" if full >= CELL_COMMITTEE_FROM else "bí thư chi bộ"

    @property
    def voters(self) -> list[Person]:
        """The full members present, exempt members who came among them (they vote when they
        attend: bench/devset/meetings/quorum.md): those who adopt the resolution, the same the
        quorum counts present."""
        came = self.present + self.exempt_present + self.away_present
        return [p for p in came if p.id not in self.probationary]

    @property
    def line(self) -> str:
        """ "Có mặt 11/13 đảng viên; vắng 02 đồng chí (có lý do 01: …; không lý do 01: …)"."""
        present, total = len(self.present), len(self.expected)
        text = f"Có mặt {present}/{total} đảng viên"
        if self.probationary:
            # As the minutes' forms ask: of those present, how many full and on probation.
            on_probation = sum(p.id in self.probationary for p in self.present)
            text += f" (chính thức {count(present - on_probation)}, dự bị {count(on_probation)})"
        away = len(self.excused) + len(self.absent)
        if self.unrecorded:
            names = ", ".join(p.full_name for p in self.unrecorded)
            text += f"; chưa điểm danh {count(len(self.unrecorded))} đồng chí ({names})"
        if not away:
            return text + ("." if self.unrecorded else "; không có đảng viên vắng mặt.")
        parts = []
        if self.excused:
            names = "; ".join(_with_reason(p, r, self.accepted.get(p.id)) for p, r in self.excused)
            parts.append(f"có lý do {count(len(self.excused))}: {names}")
        if self.absent:
            names = "; ".join(f"đồng chí {p.full_name}" for p, _r in self.absent)
            parts.append(f"không lý do {count(len(self.absent))}: {names}")
        return f"{text}; vắng {count(away)} đồng chí ({'; '.join(parts)})."


def _with_reason(person, reason, accepted_by=""):
    """ "đồng chí A (ốm; được đồng chí B, Bí thư chi bộ, đồng ý)": the reason, and who of the
    committee accepted it when one did (what leaves the member out of the quorum)."""
    notes = [reason] if reason else []
    if accepted_by:
        # "đồng chí B, Bí thư chi bộ, đồng ý": a seat named is set off by commas on both sides.
        notes.append(f"được {accepted_by}{',' if ',' in accepted_by else ''} đồng ý")
    return f"đồng chí {person.full_name}" + (f" ({'; '.join(notes)})" if notes else "")


def _seat(cell, day, person):
    """ "đồng chí B, Bí thư chi bộ": who accepted an absence, with the seat held on the day."""
    position = (
        Position.objects.filter(active_on(day), term=Term.executive_on(cell, day), person=person)
        .order_by("role")
        .first()
    )
    if position is None:
        return f"đồng chí {person.full_name}"
    if position.role == Position.Role.MEMBER and not position.title:
        return f"đồng chí {person.full_name}, chi ủy viên"
    return f"đồng chí {person.full_name}, {position.display_title} chi bộ"


def roll_of(activity: Activity, cell: Organization | None = None) -> Roll:
    """The attendance of `cell`'s own members (the host cell by default): in a joint meeting each
    cell's part, counted as `facts._count_attendance` counts it."""
    cell = cell or meeting_cell(activity)
    members, exempt = cell_roll(cell, activity.starts_on)
    rows = {a.person_id: a for a in activity.attendances.select_related("accepted_by")}
    present, excused, absent, unrecorded = [], [], [], []
    for person in members:
        row = rows.get(person.id)
        if row is None:
            unrecorded.append(person)
        elif row.status == PRESENT:
            present.append(person)
        elif row.status == EXCUSED:
            excused.append((person, row.reason))
        else:
            absent.append((person, row.reason))
    plan = getattr(activity, "plan", None)
    late = list(plan.late.order_by("sort_name")) if plan else []
    exempt_present = [p for p in exempt if p.id in rows and rows[p.id].status == PRESENT]
    apart = cell_apart(cell, activity.starts_on)
    away = apart.away_people
    away_present = [p for p in away if p.id in rows and rows[p.id].status == PRESENT]
    return Roll(
        members,
        exempt,
        present,
        excused,
        absent,
        late,
        unrecorded,
        _probationary([*members, *exempt, *apart.suspended, *away], activity.starts_on),
        exempt_present,
        cell,
        {
            p.id: _seat(cell, activity.starts_on, rows[p.id].accepted_by)
            for p, _r in excused
            if rows[p.id].accepted_by
        },
        apart,
        away_present,
    )


@dataclass
class Quorum:
    """Whether the meeting could adopt its resolution, by the rule in force on its day
    (`rules/cell_meeting/quorum`): full members present against the full members counted."""

    present: int
    counted: int
    share: Fraction
    label: str  # "quá một nửa"
    source: str
    # Full members left out of `counted`: absent with a reason the committee accepted.
    accepted: int = 0

    @property
    def met(self) -> bool:
        return self.present > self.counted * self.share

    @property
    def line(self) -> str:
        figures = (
            f"Đảng viên chính thức có mặt {count(self.present)}/{count(self.counted)} đồng chí"
        )
        if self.accepted:
            figures += (
                f" (không tính {count(self.accepted)} đồng chí vắng có lý do được cấp ủy đồng ý)"
            )
        if self.met:
            return f"{figures}, {self.label}: buổi sinh hoạt đủ điều kiện tiến hành."
        return (
            f"{figures}, chưa {self.label}: buổi sinh hoạt không đủ điều kiện tiến hành, chi bộ "
            "không biểu quyết thông qua nghị quyết."
        )


def quorum_of(activity: Activity, roll: Roll) -> Quorum | None:
    """The meeting's quorum from its recorded attendance; None before any rule is in force."""
    try:
        rule = rule_in_force("cell_meeting/quorum", activity.starts_on)
    except LookupError:
        return None
    full = roll.voters
    counted = [p for p in roll.expected if p.id not in roll.probationary]
    if not rule["exempt_absent_counted"]:
        counted += [p for p in roll.exempt_present if p.id not in roll.probationary]
    else:
        counted += [p for p in roll.exempt if p.id not in roll.probationary]
    # Members sent to attend another cell for a while, like exempt ones, count when they come.
    away = roll.away_present if not rule["away_absent_counted"] else roll.apart.away_people
    counted += [p for p in away if p.id not in roll.probationary]
    if rule["suspended_counted"]:
        counted += [p for p in roll.apart.suspended if p.id not in roll.probationary]
    left_out = 0
    if not rule["accepted_absent_counted"]:
        before = len(counted)
        counted = [p for p in counted if p.id not in roll.accepted]
        left_out = before - len(counted)
    return Quorum(
        len(full),
        len(counted),
        Fraction(rule["more_than"]),
        rule["more_than_label"],
        rule.source,
        left_out,
    )


def _probationary(people, day):
    """Ids of `people` on probation on `day` (admitted, recognition not yet decided)."""
    return {
        person_id
        for person_id, admitted_on, recognized_on in PartyProfile.objects.filter(
            person__in=people
        ).values_list("person_id", "admitted_on", "recognized_on")
        if party_status(admitted_on, recognized_on, day) == "probationary"
    }


# Header and closing -------------------------------------------------------------------------------


def cell_secretary(cell: Organization, day: dt.date) -> Person | None:
    position = (
        Position.objects.filter(
            active_on(day),
            term=Term.executive_on(cell, day),
            role=Position.Role.SECRETARY,
        )
        .select_related("person")
        .first()
    )
    return position.person if position else None


def _header(cell, day, number):
    superior = superior_line(cell, day)  # as the cell's other documents: the superior of that day
    return Header(
        superior=superior.upper(),
        issuer=cell.name_on(day).upper(),
        number=number,
        place_date=place_date(place_of(cell), day),
    )


def _number_slot(cell, code):
    return f"Số      -{code}/{document_symbol(cell)}"


def _recipients(cell, day, cells=None):
    """The resolution's "Nơi nhận": the committee above, the members (of each cell holding a
    joint meeting, by name, as the notice has them), the file."""
    parent = parent_on(cell, day)
    above = executive_name(parent.name_on(day)) if parent else "Cấp ủy cấp trên"
    if cells and len(cells) > 1:
        members = [f"- Đảng viên {c.name_on(day)};" for c in cells]
    else:
        members = ["- Đảng viên trong chi bộ;"]
    return [f"- {above} (b/c);", *members, "- Lưu: Chi bộ."]


def _signature(cell, day, minutes):
    secretary = cell_secretary(cell, day)
    name = secretary.full_name if secretary else (minutes.chair.full_name if minutes and
                                                  minutes.chair else "")  # fmt: skip
    return Signature("T/M CHI BỘ", "BÍ THƯ", name)


WEEKDAYS = ("thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật")


def clock(time: dt.time) -> str:
    """ "7 giờ 30", "14 giờ 00": the hour as Party papers write it."""
    return f"{time.hour} giờ {time.minute:02d}"


def _when(plan, day):
    """ "lúc 7 giờ 30, thứ Sáu, ngày 10/01/2025", or without the hour when the plan has none."""
    hour = f"lúc {clock(plan.starts_at)}, " if plan.starts_at else ""
    return f"{hour}{WEEKDAYS[day.weekday()]}, ngày {vn_date(day)}"


def _month(day):
    return f"tháng {day.month} năm {day.year}"


def _kind_label(activity):
    return "thường kỳ" if activity.kind == Activity.Kind.REGULAR_MEETING else "chuyên đề"


def _task_line(task: MeetingTask, leaders: str, reviewed_on=None, given=None) -> str:
    """A task as the resolution gives it; with `reviewed_on` (the day of the meeting that reads
    it out), its result too."""
    owner = f"đồng chí {task.assignee.full_name}" if task.assignee else leaders
    text = f"- {task.text}"
    if given:
        text += f" (nghị quyết ngày {vn_date(given)})"
    text += f": {owner} thực hiện"
    if task.deadline:
        text += f", hoàn thành trước ngày {vn_date(task.deadline)}"
    if reviewed_on:
        status = task.get_status_display().lower()
        overdue = task.deadline is not None and task.deadline < reviewed_on
        if task.status == MeetingTask.Status.OPEN and overdue:
            # "Đang thực hiện" past the deadline hides that nobody reported on it.
            status = "quá hạn, chưa báo cáo kết quả"
        text += f". Kết quả: {status}"
        if task.result:
            text += f" ({task.result})"
    return text + "."


def _parts(activity):
    plan = MeetingPlan.objects.filter(activity=activity).first()
    if plan is None:
        raise ValidationError(f"“{activity}” chưa có kế hoạch sinh hoạt chi bộ.")
    minutes = MeetingMinutes.objects.filter(activity=activity).first()
    tasks = list(minutes.tasks.select_related("assignee").order_by("id")) if minutes else []
    return plan, minutes, reviews(activity), tasks


ROMAN = ("I", "II", "III", "IV", "V", "VI")


def _number_headings(body):
    """The body with its top headings numbered I, II, … in order: a part left out (a thematic
    meeting reviews no resolution) leaves no gap in the numbering."""
    headings = iter(ROMAN)
    return [
        para(f"{next(headings)}. {b.text}", "heading1")
        if isinstance(b, Paragraph) and b.style == "heading1"
        else b
        for b in body
    ]


def _resolution_subject(activity):
    """ "chi bộ tháng 5 năm 2025" for the month's regular meeting; a thematic meeting's
    resolution is named apart, so that the month does not have two of the same name."""
    if activity.kind == Activity.Kind.REGULAR_MEETING:
        return f"chi bộ {_month(activity.starts_on)}"
    return f"sinh hoạt chuyên đề {_month(activity.starts_on)}"


def _reviews(activity):
    """Whether the meeting's papers review last month's resolution: a regular meeting's do, a
    thematic meeting's do not (the month's regular meeting does)."""
    return activity.kind == Activity.Kind.REGULAR_MEETING


def _review_part(found: list[Review], rolls: list[Roll], day: dt.date) -> list:
    """Last month's results: one block per last resolution reviewed. In a joint meeting each
    participating cell's own (named before its block), or one block for cells that held their
    last meeting together."""
    if len(rolls) == 1:
        return _reviewed_block(found[0].previous, found[0].tasks, rolls[0].leaders, day)
    leaders = {r.cell.id: r.leaders for r in rolls}
    blocks: list = []
    for review in found:
        names = _cell_names_of(review.cells, day)
        blocks.append(para(f"{names}:", bold=True))
        blocks += _reviewed_block(review.previous, review.tasks, leaders[review.cells[0].id], day)
    return blocks


def _reviewed_block(previous, reviewed, leaders, day):
    if previous is None:
        return [para("Chi bộ không có nghị quyết tháng trước để đánh giá.")]
    own = [t for t in reviewed if t.minutes.activity_id == previous.id]
    carried = [t for t in reviewed if t.minutes.activity_id != previous.id]
    if own:
        done = sum(t.status == MeetingTask.Status.DONE for t in own)
        blocks = [
            para(
                f"Nghị quyết sinh hoạt ngày {vn_date(previous.starts_on)} giao "
                f"{count(len(own))} nhiệm vụ, đã hoàn thành {count(done)} nhiệm vụ:"
            ),
            *(para(_task_line(t, leaders, reviewed_on=day)) for t in own),
        ]
    else:
        blocks = [
            para(
                f"Nghị quyết sinh hoạt ngày {vn_date(previous.starts_on)} không giao nhiệm vụ "
                "cụ thể."
            )
        ]
    if carried:
        blocks.append(
            para(
                f"Có {count(len(carried))} nhiệm vụ chưa hoàn thành của các tháng trước chuyển sang:"
            )
        )
        blocks += [
            para(_task_line(t, leaders, reviewed_on=day, given=t.minutes.activity.starts_on))
            for t in carried
        ]
    return blocks


def _tasks_block(tasks, leaders):
    if not tasks:
        return [para("Chi bộ không giao nhiệm vụ mới trong tháng tới.")]
    return [para(_task_line(t, leaders)) for t in tasks]


def _fee_lines(cell, day):
    """[(person, MonthLine)] of the cell's fee book for the month of `day`, by name."""
    month = month_start(day)
    books = fee_book.compute(month, month, cell_ids=[cell.id], with_people=True, with_reasons=False)
    return sorted(
        ((b.person, b.months[month]) for b in books.values() if month in b.months),
        key=lambda pair: pair[0].sort_name,
    )


def fee_statement(cell: Organization, day: dt.date, typed: str = "") -> str:
    """The minutes' fee line, one rule for the planned meeting's minutes and the quick record:
    the cell's fee book for the month when it keeps one (a base or a payment recorded for one of
    its members), else the secretary's typed note when there is one, else what the empty book
    says (no payment, no base)."""
    lines = _fee_lines(cell, day)
    if typed.strip() and not _kept(lines):
        return typed.strip()
    return _fee_line(lines, month_start(day))


def keeps_fee_book(cell: Organization, day: dt.date) -> bool:
    """Whether the cell keeps a fee book for the month of `day`: the quick record then offers no
    typed note (`fee_statement`)."""
    return _kept(_fee_lines(cell, day))


def _kept(lines):
    return any(not line.missing or line.paid for _p, line in lines)


def _fee_line(lines, month) -> str:
    """The month's party fees as the cell's fee book has them (`finance.book`, read only): how
    many of the members owing a fee paid it in full, the amount paid for the month, who has not
    paid in full, and members whose fee has no base recorded yet."""
    owing = [(p, line) for p, line in lines if not line.missing and line.due > 0]
    paid = [p for p, line in owing if line.status == "paid"]
    short = [p.full_name for p, line in owing if line.status != "paid"]
    missing = [p for p, line in lines if line.missing]
    total = sum(line.paid for _p, line in lines)
    parts = []
    if owing or total:
        parts.append(
            f"{count(len(paid))}/{count(len(owing))} đồng chí đã đóng đủ, số tiền {money(total)} đồng"
        )
    else:
        parts.append("chưa ghi khoản nộp nào")
    if short:
        parts.append(f"chưa đóng đủ: {', '.join(short)}")
    if missing:
        parts.append(f"{count(len(missing))} đồng chí chưa có căn cứ tính đảng phí")
    return f"Thu đảng phí tháng {month.month}/{month.year} (theo sổ đảng phí): {'; '.join(parts)}."


def _rolls(activity):
    """One roll per cell holding the meeting, the host cell's first."""
    return [roll_of(activity, cell) for cell in meeting_cells(activity)]


def _cell_names(rolls, day):
    return _cell_names_of([r.cell for r in rolls], day)


def _cell_names_of(cells, day):
    names = [c.name_on(day) for c in cells]
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} và {names[-1]}"


def _joint_lines(rolls, day):
    """A joint meeting's attendance, cell by cell: each cell's own members."""
    return [para(f"{r.cell.name_on(day)}: {r.line}") for r in rolls]


def _adoption(activity, rolls, day):
    """Who adopted the resolution (the full members present: in a joint meeting, of each cell)
    and who carries it out; or, when a cell's quorum was not met, that nothing was adopted."""
    for roll in rolls:
        quorum = quorum_of(activity, roll)
        if quorum is not None and not quorum.met:
            return (
                f"{roll.cell.name_on(day)}: {quorum.line[0].lower()}{quorum.line[1:]} Nghị quyết "
                "chưa được thông qua."
            )
    voters = sum(len(r.voters) for r in rolls)
    text = f"Nghị quyết được {count(voters)}/{count(voters)} đảng viên chính thức có mặt"
    if len(rolls) > 1:
        parts = ", ".join(f"{r.cell.name_on(day)} {count(len(r.voters))}" for r in rolls)
        text += f" ({parts})"
        leaders = _joint_leaders(rolls, day)
        return (
            f"{text} biểu quyết nhất trí thông qua. {leaders[0].upper()}{leaders[1:]}, các đồng "
            "chí đảng viên trong các chi bộ có trách nhiệm thực hiện nghị quyết này."
        )
    return (
        f"{text} biểu quyết nhất trí thông qua. {rolls[0].leaders.capitalize()}, các đồng chí "
        "đảng viên trong chi bộ có trách nhiệm thực hiện nghị quyết này."
    )


def _joint_leaders(rolls, day):
    """ "chi ủy Chi bộ thôn A, bí thư Chi bộ B": who leads each cell of a joint meeting (not
    "bí thư chi bộ Chi bộ B")."""
    return ", ".join(f"{r.leaders.removesuffix(' chi bộ')} {r.cell.name_on(day)}" for r in rolls)


def _owners(rolls, day):
    """Who carries out a task the resolution gives to no member: the cell's leaders, or in a
    joint meeting each cell's (the host's alone would leave the other cells out)."""
    return rolls[0].leaders if len(rolls) == 1 else _joint_leaders(rolls, day)


def _attendance_block(activity, roll):
    """A cell's members on the day (full, probationary, exempt apart), its attendance and its
    quorum, as the minutes give them."""
    total = roll.members
    blocks = [
        para(
            f"Tổng số đảng viên của chi bộ: {count(total)} đồng chí (chính thức "
            f"{count(total - len(roll.probationary))}, dự bị {count(len(roll.probationary))})."
        )
    ]
    # The forms ask the exempt members who came to be named; a full one among them votes and is
    # counted (`quorum_of`, `Roll.voters`).
    blocks += _not_due_blocks(
        "Miễn công tác và sinh hoạt đảng",
        [p.full_name for p in roll.exempt],
        "Đảng viên được miễn sinh hoạt có mặt",
        roll.exempt_present,
    )
    blocks += _apart_blocks(roll, activity.starts_on)
    blocks.append(para(roll.line))
    quorum = quorum_of(activity, roll)
    if quorum is not None:
        blocks.append(para(quorum.line))
    return blocks


def _not_due_blocks(label, names, came_label, came):
    """The minutes' lines on members of the cell not due to attend (exempt, attending elsewhere):
    how many and who, then those of them who came."""
    if not names:
        return []
    blocks = [
        para(
            f"{label}: {count(len(names))} đồng chí ({', '.join(names)}), "
            "không tính vào số đảng viên phải dự."
        )
    ]
    if came:
        blocks.append(para(f"{came_label}: {', '.join(p.full_name for p in came)}."))
    return blocks


def _apart_blocks(roll, day):
    """The minutes' lines on the members listed apart, as the cells' minutes forms ask them
    (bench/devset/members/temporary.md): those sent to attend elsewhere, those suspended, and
    the members of other cells attending this one, who are not counted among its members."""
    apart = roll.apart
    blocks = _not_due_blocks(
        "Giới thiệu sinh hoạt tạm thời đi nơi khác",
        [f"{a.person.full_name} tại {a.host}" for a in apart.away],
        "Đảng viên sinh hoạt tạm thời nơi khác có mặt",
        roll.away_present,
    )
    if apart.suspended:
        names = ", ".join(p.full_name for p in apart.suspended)
        blocks.append(
            para(
                f"Bị đình chỉ sinh hoạt đảng: {count(len(apart.suspended))} đồng chí ({names}), "
                "không triệu tập, không tính vào số đảng viên phải dự."
            )
        )
    if apart.guests:
        names = ", ".join(a.label for a in apart.guests)
        rights = ""
        rule = status_rule(day)
        if rule is not None and not rule["temporary_votes_in_host"]:
            rights += ", không biểu quyết"
        if rule is not None and not rule["temporary_in_host_count"]:
            rights += ", không tính vào đảng số của chi bộ"
        blocks.append(
            para(
                f"Đảng viên sinh hoạt tạm thời tại chi bộ: {count(len(apart.guests))} đồng chí "
                f"({names}), dự sinh hoạt{rights}."
            )
        )
    return blocks


def _quality(minutes):
    if minutes is None or not (minutes.quality or minutes.score is not None):
        return []
    text = "Chi bộ tự đánh giá chất lượng buổi sinh hoạt"
    if minutes.quality:
        text += f": {minutes.get_quality_display().lower()}"
    if minutes.score is not None:
        text += f", {decimal_vi(minutes.score)} điểm"
    return [para(text + ".")]


def resolution_document(activity: Activity) -> PartyDocument:
    """The monthly resolution: as issued once its number is taken, else from the records."""
    return _frozen(activity, "resolution") or build_resolution(activity)


def minutes_document(activity: Activity) -> PartyDocument:
    """The minutes: as issued once numbered, else from the records."""
    return _frozen(activity, "minutes") or build_minutes(activity)


def _frozen(activity, which):
    data = (
        MeetingPlan.objects.filter(activity=activity).values_list("frozen", flat=True).first() or {}
    )
    return thaw_document(data[which]) if which in data else None


def freeze_document(doc: PartyDocument) -> dict:
    return asdict(doc) | {"issued_on": doc.issued_on.isoformat()}


def thaw_document(data: dict) -> PartyDocument:
    def block(b):
        if "runs" in b:
            runs = [
                Run(**{**r, "footnote": Footnote(**r["footnote"]) if r.get("footnote") else None})
                for r in b["runs"]
            ]
            return Paragraph(runs, b["style"], b.get("anchor"))
        return Table(**b)

    return PartyDocument(
        header=Header(**data["header"]),
        doc_type=data["doc_type"],
        subject=list(data["subject"]),
        body=[block(b) for b in data["body"]],
        recipients=list(data["recipients"]),
        signature=Signature(**data["signature"]),
        issued_on=dt.date.fromisoformat(data["issued_on"]),
        draft=data.get("draft", False),
        countersignature=Signature(**data["countersignature"])
        if data.get("countersignature")
        else None,
    )


def build_resolution(activity: Activity) -> PartyDocument:
    """The monthly resolution: last month's items with their results, the month's thematic part,
    next month's tasks with owner and date, the attendance that adopted it."""
    plan, minutes, found, tasks = _parts(activity)
    cell = meeting_cell(activity)
    day = activity.starts_on
    rolls = _rolls(activity)
    roll = rolls[0]
    number = f"Số {plan.resolution_doc.symbol}" if plan.resolution_doc else _number_slot(cell, "NQ")
    where = f", tại {activity.place}" if activity.place else ""
    opening = (
        f"Ngày {vn_date(day)}{where}, {_cell_names(rolls, day)} tổ chức sinh hoạt chi bộ "
        f"{_kind_label(activity)} {_month(day)}"
    )
    if len(rolls) == 1:
        body = [para(f"{opening}. {roll.line}")]
    else:
        body = [para(f"{opening} (sinh hoạt ghép)."), *_joint_lines(rolls, day)]
    conclusion = [
        para(line) for line in (minutes.resolution if minutes else "").splitlines() if line.strip()
    ]
    if _reviews(activity):
        body += [
            para("KẾT QUẢ THỰC HIỆN NGHỊ QUYẾT THÁNG TRƯỚC", "heading1"),
            *_review_part(found, rolls, day),
        ]
    body.append(para("NỘI DUNG SINH HOẠT CHUYÊN ĐỀ", "heading1"))
    if plan.theme:
        body.append(para(f"Chi bộ sinh hoạt chuyên đề “{plan.theme}”."))
    else:
        body.append(para("Tháng này chi bộ không sinh hoạt chuyên đề."))
    # The cell's conclusions: on the theme at a thematic meeting, on next month's work at a
    # regular one (not under a thematic part the month may not have).
    if not _reviews(activity):
        body += conclusion
        conclusion = []
    body += [
        para("NHIỆM VỤ THÁNG TỚI", "heading1"),
        *conclusion,
        *_tasks_block(tasks, _owners(rolls, day)),
        *_quality(minutes),
        para(_adoption(activity, rolls, day)),
    ]
    body = _number_headings(body)
    body = apply_edits(body, (plan.edits or {}).get("resolution", {}))
    return PartyDocument(
        header=_header(cell, day, number),
        doc_type="NGHỊ QUYẾT",
        subject=[_resolution_subject(activity)],
        body=body,
        recipients=_recipients(cell, day, [r.cell for r in rolls]),
        signature=_signature(cell, day, minutes),
        issued_on=day,
    )


def build_minutes(activity: Activity) -> PartyDocument:
    """The minutes: time and place, who chaired and who kept the minutes, the attendance with
    names and reasons, exempt members apart, the agenda, the discussion, last month's results,
    the resolution's tasks and the meeting's self-rated quality."""
    plan, minutes, found, tasks = _parts(activity)
    cell = meeting_cell(activity)
    day = activity.starts_on
    rolls = _rolls(activity)
    roll = rolls[0]
    chair = minutes.chair.full_name if minutes and minutes.chair else ""
    recorder = minutes.recorder.full_name if minutes and minutes.recorder else ""
    body = [
        para(f"Thời gian: {'bắt đầu ' if plan.starts_at else ''}{_when(plan, day)}."),
    ]
    if activity.place:
        body.append(para(f"Địa điểm: {activity.place}."))
    if chair:
        body.append(para(f"Chủ trì: đồng chí {chair}."))
    if recorder:
        body.append(para(f"Thư ký: đồng chí {recorder}."))
    if plan.guests:
        body.append(para(f"Đại biểu dự: {plan.guests}."))
    for one in rolls:
        if len(rolls) > 1:
            body.append(para(f"{one.cell.name_on(day)}:", bold=True))
        body += _attendance_block(activity, one)
    if roll.late:
        names = ", ".join(p.full_name for p in roll.late)
        body.append(para(f"Đến muộn: {names}."))
    body.append(para("I. NỘI DUNG SINH HOẠT", "heading1"))
    body += [para(f"{i}. {item}") for i, item in enumerate(plan.agenda, 1)]
    docs = [md.document for md in plan.documents.select_related("document")]
    if docs:
        body.append(para("Tài liệu gửi đảng viên đọc trước: " + "; ".join(map(str, docs)) + "."))
    body.append(para("II. DIỄN BIẾN BUỔI SINH HOẠT", "heading1"))
    if _reviews(activity):
        body.append(para("1. Kết quả thực hiện nghị quyết tháng trước", "heading2"))
        body += _review_part(found, rolls, day)
        body.append(para("2. Ý kiến thảo luận", "heading2"))
    else:
        body.append(para("Ý kiến thảo luận", "heading2"))
    points = [line for line in (plan.key_points or "").splitlines() if line.strip()]
    body += [para(line) for line in points] or [para("Không có ý kiến khác.")]
    body.append(para("III. KẾT LUẬN", "heading1"))
    if minutes and minutes.resolution:
        body += [para(line) for line in minutes.resolution.splitlines() if line.strip()]
    body += _tasks_block(tasks, _owners(rolls, day))
    typed = minutes.fee_note if minutes else ""
    for one in rolls:
        fees = fee_statement(one.cell, day, typed)
        if len(rolls) > 1:  # each cell keeps its own fee book
            fees = f"{one.cell.name_on(day)} — {fees[0].lower()}{fees[1:]}"
        body.append(para(fees))
    body += _quality(minutes)
    if plan.ends_at:
        body.append(para(f"Buổi sinh hoạt kết thúc lúc {clock(plan.ends_at)} cùng ngày."))
    body = apply_edits(body, (plan.edits or {}).get("minutes", {}))
    return PartyDocument(
        header=_header(
            cell,
            day,
            f"Số {plan.minutes_doc.symbol}" if plan.minutes_doc else _number_slot(cell, "BB"),
        ),
        doc_type="BIÊN BẢN",
        subject=[f"sinh hoạt chi bộ {_kind_label(activity)} {_month(day)}"],
        body=body,
        recipients=[],
        # Signed by the secretary who kept the minutes (left) and the chair (right).
        signature=Signature("", "CHỦ TRÌ", chair),
        countersignature=Signature("", "THƯ KÝ", recorder),
        issued_on=day,
    )


# The secretary's edits before issuing ------------------------------------------------------------

OPENING = "Mở đầu"


def sections(body: list) -> list[tuple[str, list]]:
    """The paper's body cut at its top headings: [(heading, blocks under it)], the opening
    paragraphs (before the first heading) under OPENING."""
    found: list[tuple[str, list]] = [(OPENING, [])]
    for block in body:
        if isinstance(block, Paragraph) and block.style == "heading1":
            found.append((block.text, []))
        else:
            found[-1][1].append(block)
    return found if found[0][1] else found[1:]


def section_text(blocks: list) -> str:
    """A section's text as the editor shows it: one paragraph a line."""
    return "\n".join(b.text for b in blocks if isinstance(b, Paragraph))


def apply_edits(body: list, edits: dict[str, str]) -> list:
    """The body with the sections named in `edits` written from their text (one paragraph a
    line) instead of the records."""
    if not edits:
        return body
    out: list = []
    for heading, blocks in sections(body):
        if heading != OPENING:
            out.append(para(heading, "heading1"))
        if heading in edits:
            out += [para(line.strip()) for line in edits[heading].splitlines() if line.strip()]
        else:
            out += blocks
    return out


def notice_document(activity: Activity) -> PartyDocument:
    """The printable notice: time, place, agenda and the documents to read."""
    plan, _minutes, _reviews, _tasks = _parts(activity)
    cell = meeting_cell(activity)
    day = activity.starts_on
    issued = (
        min(day, dt.date.today())
        if plan.notice_sent_at is None
        else min(day, plan.notice_sent_at.date())
    )
    where = f", tại {activity.place}" if activity.place else ""
    cells = meeting_cells(activity)
    joint = " (sinh hoạt ghép " + ", ".join(c.name_on(day) for c in cells) + ")"
    body = [
        para(
            f"{cell.name_on(day)} thông báo sinh hoạt chi bộ {_kind_label(activity)} "
            f"{_month(day)}{joint if len(cells) > 1 else ''} vào {_when(plan, day)}{where}."
        ),
        para("Nội dung sinh hoạt:", bold=True),
        *(para(f"{i}. {item}") for i, item in enumerate(plan.agenda, 1)),
    ]
    docs = [md.document for md in plan.documents.select_related("document")]
    if docs:
        body.append(para("Tài liệu đảng viên cần đọc trước:", bold=True))
        body += [para(f"- {d}.") for d in docs]
    body.append(para("Đề nghị các đồng chí đảng viên dự đầy đủ, đúng giờ."))
    return PartyDocument(
        header=_header(cell, issued, _number_slot(cell, "TB")),
        doc_type="THÔNG BÁO",
        subject=[f"sinh hoạt chi bộ {_kind_label(activity)} {_month(day)}"],
        body=body,
        recipients=[
            *(
                [f"- Đảng viên {c.name_on(day)};" for c in cells]
                if len(cells) > 1
                else ["- Đảng viên trong chi bộ;"]
            ),
            "- Lưu: Chi bộ.",
        ],
        signature=_signature(cell, issued, None),
        issued_on=issued,
    )


def month_meeting(cell: Organization, year: int, month: int) -> Activity:
    """The cell's regular meeting of the month, or a Vietnamese refusal."""
    found = (
        Activity.objects.filter(
            kind=Activity.Kind.REGULAR_MEETING,
            starts_on__year=year,
            starts_on__month=month,
            links__org=cell,
            links__role=ActivityOrg.Role.ORGANIZER,
            plan__isnull=False,
        )
        .order_by("starts_on", "id")
        .first()
    )
    if found is None:
        raise ValidationError(
            f"{cell} không có buổi sinh hoạt thường kỳ tháng {month}/{year} được ghi kế hoạch."
        )
    return found
