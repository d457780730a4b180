"""Facts that are words: the organization's names for the report, and summaries such as
"Tiến sĩ: 01; Thạc sĩ: 04" built from the counted facts. Registered as facts so a report
template only ever refers to facts."""

from collections import Counter

from django.apps import apps

from dangvu.core.facts import Figure, derived, provider, provider_of
from dangvu.core.ids import any_of
from dangvu.documents.models import cited_date
from dangvu.lib.narrative import render_value
from dangvu.lib.rules import rule_in_force
from dangvu.meetings.models import Activity, ActivityOrg
from dangvu.orgs import kinds
from dangvu.orgs.kinds import executive_name
from dangvu.orgs.models import Organization, Position, Term, active_on, parent_on
from dangvu.orgs.tree import subtree_ids_during
from dangvu.oversight.models import Inspection
from dangvu.people.models import Qualification
from dangvu.programme.models import ProgrammeItem
from dangvu.training.models import Enrolment

from .periods import next_period, period_name


# The names of the organization and the period: all a superior's report names beside its units'
# and its own figures (`compute(..., only=...)`).
@provider_of(
    "org.name",
    "org.founding_document",
    "org.superior",
    "agency.name",
    "agency.short",
    "staff.contract.basis",
    "period.year",
    "period.next_year",
    "period.name",
    "period.next_name",
)
def organization_names(org, period):
    day = period.end
    agency = (
        Organization.objects.filter(active_on(day), parent=org, kind=Organization.Kind.AGENCY)
        .order_by("valid_from")
        .first()
    )
    superior = parent_on(org, day)  # the superior of that day (a move is not a rename)
    return {
        "org.name": Figure(org.name_on(day), orgs=frozenset([org.id]), label="Tên tổ chức"),
        "org.founding_document": Figure(
            org.founding_document, orgs=frozenset([org.id]), label="Quyết định thành lập"
        ),
        "org.superior": Figure(
            # A report goes to the superior's executive: "Đảng ủy Sở X", "Huyện ủy X".
            executive_name(superior.name_on(day)) if superior else "cấp ủy cấp trên",
            label="Cấp ủy cấp trên",
        ),
        "agency.name": Figure(_short_agency_name(agency, day) if agency else "", label="Cơ quan"),
        "agency.short": Figure(
            _agency_word(agency.name_on(day)) if agency else "cơ quan",
            label="Cách gọi ngắn cơ quan (Sở, Ban …)",
        ),
        # The contracts an agency counts beside its staff follow the decree of the day: NĐ 68
        # until 2019, with NĐ 161 until 2022, NĐ 111 since (rules/contract_staff).
        "staff.contract.basis": Figure(_contract_basis(day), label="Căn cứ hợp đồng lao động"),
        "period.year": Figure(period.end.year, label="Năm báo cáo"),
        "period.next_year": Figure(period.end.year + 1, label="Năm kế hoạch"),
        "period.name": Figure(period_name(period), label="Kỳ báo cáo"),
        "period.next_name": Figure(period_name(next_period(period)), label="Kỳ kế hoạch"),
    }


# What a commune calls its residential units, as its hamlet cells are named ("Chi bộ ấp Rạch Gốc",
# "Chi bộ thôn Đông", "Chi bộ khóm 3"): the South says ấp, the North thôn, a ward khu phố or tổ dân
# phố. Longer words first ("tổ dân phố" before "tổ").
RESIDENTIAL_UNITS = (
    "tổ dân phố",
    "khu phố",
    "ấp",
    "thôn",
    "khóm",
    "xóm",
    "bản",
    "buôn",
    "làng",
    "sóc",
)


# What each word of a type says, for the facts' listing (`facts`, `cite`).
WORD_LABELS = {
    "economy": "Ngành kinh tế của địa bàn",
    "building": "Xây dựng",
    "unit": "Tên gọi đơn vị",
    "cell_unit": "Tên gọi bộ phận của chi bộ",
    "treatment": "Nhiệm vụ khám, chữa bệnh",
    "prevention": "Nhiệm vụ y tế dự phòng",
    "programmes": "Đào tạo, chỉ đạo tuyến, chương trình y tế",
}


@provider
def type_words(org, period):
    """The words of the organization's type its templates take (`words` in its kind file):
    "org.words.building" is "nông thôn mới" for a commune, "đô thị văn minh" for a ward."""
    words = dict(kinds.kind_on(org, period.end).words)
    # Every word any type defines, so a family's template never names an unknown fact: a type
    # without the word gives it empty.
    names = sorted({name for kind in kinds.all_kinds().values() for name, _value in kind.words})
    return {
        f"org.words.{name}": Figure(words.get(name, ""), label=WORD_LABELS.get(name, name))
        for name in names
    }


@provider
def residential_unit(org, period):
    """The word for the commune's hamlets its cells' names use most ("ấp"), or every word where
    none of its cells is named so ("ấp, thôn, khóm"); how many of its cells are so named."""
    day = period.end
    names = Organization.objects.filter(
        active_on(day), parent=org, kind=Organization.Kind.PARTY_CELL
    ).values_list("name", flat=True)
    used = Counter(
        next((unit for unit in RESIDENTIAL_UNITS if name.lower().startswith(f"chi bộ {unit} ")), "")
        for name in names
    )
    used.pop("", None)  # the school's, the police's, the retired members' cells
    word, hamlet_cells = used.most_common(1)[0] if used else ("ấp, thôn, khóm", 0)
    # "09 chi bộ trực thuộc (05 chi bộ ấp)": said only where the commune has other cells too.
    among = hamlet_cells if 0 < hamlet_cells < len(names) else None
    return {
        "org.residential_unit": Figure(word, label="Tên gọi ấp, thôn, khóm của địa bàn"),
        "party.cells.residential": Figure(among, label="Chi bộ ấp, thôn, khóm trực thuộc"),
    }


@provider
def cell_leadership(org, period):
    """How a cell's report names who leads it: "chi ủy nhiệm kỳ 2020-2025 gồm 03 đồng chí" where
    a chi ủy was elected (seats beyond bí thư and phó bí thư), else "bí thư chi bộ nhiệm kỳ …:
    đồng chí …" (a cell of fewer than nine full members elects a bí thư and perhaps a phó bí thư,
    no chi ủy). Empty before any term, so the clause drops out."""
    day = period.end
    term = Term.executive_on(org, day)
    seats = (
        list(
            Position.objects.filter(active_on(day), term=term)
            .select_related("person")
            .order_by("role", "valid_from")
        )
        if term
        else []
    )
    people = frozenset(s.person_id for s in seats)
    officers = {Position.Role.SECRETARY, Position.Role.DEPUTY_SECRETARY}
    if not seats:
        line = ""
    elif any(s.role not in officers for s in seats):
        line = f"chi ủy nhiệm kỳ {term.name} gồm {render_value(len(people))} đồng chí"
    else:
        names = [
            f"{s.get_role_display().lower()} chi bộ: đồng chí {s.person.full_name}"
            for role in (Position.Role.SECRETARY, Position.Role.DEPUTY_SECRETARY)
            for s in seats
            if s.role == role
        ]
        line = f"nhiệm kỳ {term.name}, {', '.join(names)}"
    return {"committee.cell_line": Figure(line, people, label="Chi ủy, bí thư chi bộ")}


def _contract_basis(day):
    try:
        return rule_in_force("contract_staff", day)["lead"]
    except LookupError:  # before the first decree on these contracts
        return "Hợp đồng lao động"


# The word an agency's own report calls it by: "tại Sở", "tại Ban"; any other agency is "cơ quan".
AGENCY_WORDS = (
    "Sở",
    "Ban",
    "Văn phòng",
    "Ủy ban",
    "Cục",
    "Chi cục",
    "Công ty",
    "Trường",
    "Bệnh viện",
)


def _agency_word(name):
    for word in sorted(AGENCY_WORDS, key=len, reverse=True):
        if name.startswith(f"{word} "):
            return word
    return "cơ quan"


def _short_agency_name(agency, day):
    # "Sở Thông tin và Truyền thông tỉnh Trà Vinh" reads "Sở Thông tin và Truyền thông" in its own report.
    name = agency.name_on(day)
    place = agency.place and f" tỉnh {agency.place}"
    return name[: -len(place)] if place and name.endswith(place) else name


def _summary(facts, prefix, levels, always=()):
    parts = []
    for code, label in levels:
        fig = facts.get(f"{prefix}.{code}")
        if fig is not None and (fig.value or code in always):
            parts.append(f"{label}: {render_value(fig.value)}")
    return "; ".join(parts)


def _people(facts, names):
    out = frozenset()
    for n in names:
        if n in facts:
            out |= facts[n].people
    return out


@derived
def staff_wording(org, period, facts):
    out = {}
    if "education.other" in facts:
        edu = [f"education.{c}" for c, _ in Qualification.EDUCATION_LEVELS]
        pol = [f"political_theory.{c}" for c, _ in Qualification.POLITICAL_LEVELS]
        out["education.summary"] = Figure(
            _summary(facts, "education", Qualification.EDUCATION_LEVELS),
            _people(facts, edu),
            label="Trình độ chuyên môn",
        )
        out["political_theory.summary"] = Figure(
            _summary(facts, "political_theory", Qualification.POLITICAL_LEVELS),
            _people(facts, pol),
            label="Trình độ lý luận chính trị",
        )
    for category in ("civil_servant", "public_employee"):
        fig = facts.get(f"staff.{category}.ethnic_minority")
        if fig is not None:
            note = f", {render_value(fig.value)} dân tộc thiểu số" if fig.value else ""
            out[f"staff.{category}.minority_note"] = Figure(
                note, fig.people, label="Dân tộc thiểu số"
            )
    return out


def _titles(facts, name, model_label="meetings.activity"):
    """The titles of the activities behind fact `name`, in date order, as one list."""
    fig = facts.get(name)
    if fig is None or not fig.records.get(model_label):
        return None
    model = apps.get_model(model_label)
    ids = fig.records[model_label]
    titles = (
        model.objects.filter(id__in=ids).order_by("starts_on", "id").values_list("title", flat=True)
    )
    return Figure(
        merge_repeats(_lower_first(t) for t in titles),
        label=f"{fig.label} (danh sách)",
        records={model_label: ids},
    )


def merge_repeats(titles):
    """A list as an office writes it: the same title once, with how often ("thăm hỏi đoàn viên
    ốm đau (03 lần)"), and titles that differ only after a dash gathered under their common part
    ("sinh hoạt chi bộ tháng 9/2017 (Chi bộ 1, Chi bộ 2)"), in the order each first came."""
    counts, details = {}, {}
    for title in titles:
        head, dash, tail = title.partition(" — ")
        key = head if dash else title
        counts[key] = counts.get(key, 0) + 1
        if dash and tail not in details.setdefault(key, []):
            details[key].append(tail)
    merged = []
    for key, n in counts.items():
        if details.get(key):
            merged.append(f"{key} ({', '.join(details[key])})")
        else:
            merged.append(f"{key} ({render_value(n)} lần)" if n > 1 else key)
    return merged


def _lower_first(text):
    # Titles start a sentence on their own page; inside a list they continue one.
    return text[:1].lower() + text[1:] if text[:2] != text[:2].upper() else text


@derived
def activity_lists(org, period, facts):
    out = {}
    for name in ("organized", "attended"):
        fig = _titles(facts, f"activities.{name}.sessions")
        if fig is not None:
            out[f"activities.{name}.titles"] = fig
        prose = _prose(facts, f"activities.{name}.sessions", name)
        if prose is not None:
            out[f"activities.{name}.prose"] = prose
    return out


# How a report introduces each kind of activity in a footnote, for what the organization held
# and for what it attended; and the words a title may start with that the lead already says.
LEADS = {
    "organized": {
        "conference": "Tổ chức hội nghị",
        "dissemination": "Triển khai, quán triệt",
        "committee_meeting": "Họp, làm việc",
        "training": "Tổ chức tập huấn, bồi dưỡng",
        "visit": "Thăm hỏi, làm việc với địa phương",
        "congress": "Tổ chức đại hội",
        "contest": "Tổ chức cuộc thi",
        "regular_meeting": "Sinh hoạt chi bộ thường kỳ",
        "thematic_meeting": "Sinh hoạt chi bộ chuyên đề",
        "other": "Tổ chức",
    },
    "attended": {
        "conference": "Dự hội nghị",
        "dissemination": "Dự triển khai, quán triệt",
        "committee_meeting": "Dự họp, làm việc",
        "training": "Dự tập huấn, bồi dưỡng",
        "visit": "Tham gia thăm hỏi",
        "congress": "Dự đại hội",
        "contest": "Tham gia cuộc thi",
        "regular_meeting": "Dự sinh hoạt chi bộ thường kỳ",
        "thematic_meeting": "Dự sinh hoạt chi bộ chuyên đề",
        "other": "Tham gia",
    },
}
REDUNDANT_START = {
    "conference": "Hội nghị ",
    "contest": "Cuộc thi ",
    "regular_meeting": "Sinh hoạt chi bộ thường kỳ ",
    "thematic_meeting": "Sinh hoạt chi bộ chuyên đề ",
}


def _without_lead(kind, title):
    """ "Hội nghị triển khai X" under "Dự hội nghị" reads "triển khai X"; a title whose rest
    names the event itself ("Hội nghị lần thứ chín …") keeps its first words."""
    start = REDUNDANT_START.get(kind)
    if not start or not title.startswith(start):
        return title
    rest = title[len(start) :]
    return title if not rest or rest.startswith(("lần ", "đảng viên")) else rest


def _prose(facts, name, side):
    """The activities behind fact `name` as prose grouped by kind, in the order each kind first
    came: "Tổ chức hội nghị: a; b. Họp, làm việc: c" (a footnote adds its own full stop)."""
    fig = facts.get(name)
    if fig is None or not fig.records.get("meetings.activity"):
        return None
    model = apps.get_model("meetings.activity")
    ids = fig.records["meetings.activity"]
    groups = {}
    for kind, title in (
        model.objects.filter(id__in=ids).order_by("starts_on", "id").values_list("kind", "title")
    ):
        groups.setdefault(kind, []).append(_lower_first(_without_lead(kind, title)))
    leads = LEADS[side]
    text = ". ".join(
        f"{leads.get(kind, leads['other'])}: {'; '.join(merge_repeats(titles))}"
        for kind, titles in groups.items()
    )
    return Figure(text, label=f"{fig.label} (theo loại)", records={"meetings.activity": ids})


@provider
def mass_organization_activities(org, period):
    """What the trade union and the youth union organized in the period, for section IV."""
    ids = subtree_ids_during([org.id], period.start, period.end)
    # Events held inside the organization are its own, whoever else joined them. The ids as one
    # subquery (`any_of`): as a list of parameters, SQLite looked each activity of the period up
    # against each of a province's thousands of organizations (a minute for each kind).
    organized_here = ActivityOrg.objects.filter(
        role=ActivityOrg.Role.ORGANIZER,
        org_id__in=any_of(ids),
        activity__starts_on__range=(period.start, period.end),
    ).values("activity_id")
    out = {}
    for kind, label in (
        (Organization.Kind.TRADE_UNION, "Công đoàn"),
        (Organization.Kind.YOUTH_UNION, "Đoàn Thanh niên"),
    ):
        rows = list(
            Activity.objects.filter(
                starts_on__range=(period.start, period.end),
                links__role=ActivityOrg.Role.ORGANIZER,
                links__org__kind=kind,
                links__org_id__in=ids,
            )
            .order_by("starts_on", "id")
            .values_list("id", "title")
            .distinct()
        )
        out[f"activities.{kind}.titles"] = Figure(
            merge_repeats(_lower_first(t) for _, t in rows),
            label=f"Hoạt động do {label} tổ chức",
            records={"meetings.activity": frozenset(i for i, _ in rows)},
        )
        held = {i for i, _ in rows}
        # What it took part in that someone outside organized: "Cử đoàn viên tham dự: …".
        joined = [
            (i, t)
            for i, t in Activity.objects.filter(
                starts_on__range=(period.start, period.end),
                links__role=ActivityOrg.Role.PARTICIPANT,
                links__org__kind=kind,
                links__org_id__in=ids,
            )
            .exclude(id__in=organized_here)
            .order_by("starts_on", "id")
            .values_list("id", "title")
            .distinct()
            if i not in held
        ]
        out[f"activities.{kind}.attended_titles"] = Figure(
            merge_repeats(_lower_first(t) for _, t in joined),
            label=f"Hoạt động {label} tham dự",
            records={"meetings.activity": frozenset(i for i, _ in joined)},
        )
    return out


@derived
def staff_age(org, period, facts):
    """How old the staff figures are: "đến thời điểm hiện tại" when the records are current, else
    the day they were last changed and a call to update them, printed beside the figures."""
    since = getattr(facts.get("staff.stale_since"), "value", None)
    as_of, note = "đến thời điểm hiện tại", ""
    if since:
        as_of = f"theo hồ sơ ghi ngày {cited_date(since)}"
        note = f" (số liệu ghi ngày {cited_date(since)}, cần cập nhật)"
    return {
        "staff.as_of": Figure(as_of, label="Thời điểm của số liệu biên chế"),
        "staff.age_note": Figure(note, label="Số liệu biên chế cần cập nhật"),
    }


@derived
def training_summary(org, period, facts):
    """ "Có 02 đ/c học lớp …; 03 đ/c học lớp …" from the trainings facts, courses with nobody left
    out. An enrolment whose planned end came before the period and that has no result is not
    reported as studying again: it is a slot for the office to settle (finished, or dropped)."""
    ids = set()
    for code, _label in Enrolment.Course.choices:
        fig = facts.get(f"trainings.{code}.people")
        if fig is not None:
            ids |= set((fig.records or {}).get("training.enrolment", ()))
    overdue = {
        e.id: e
        for e in Enrolment.objects.filter(
            id__in=ids, ends_on__lt=period.start, completed_on__isnull=True
        ).only("id", "person_id", "course", "ends_on")
    }
    parts, late, people = [], [], frozenset()
    for code, label in Enrolment.Course.choices:
        fig = facts.get(f"trainings.{code}.people")
        if fig is None or not fig.value:
            continue
        mine = set((fig.records or {}).get("training.enrolment", ()))
        gone = [overdue[i] for i in mine if i in overdue]
        gone_people = {e.person_id for e in gone}
        current = set(fig.people) - gone_people
        who = (
            "quần chúng tham gia lớp"
            if code == Enrolment.Course.ADMISSION_CANDIDATE
            else "đ/c học lớp"
        )
        if current:
            parts.append(f"{render_value(len(current))} {who} {_lower_first(label)}")
            people |= frozenset(current)
        if gone_people:
            ended = max(e.ends_on for e in gone)
            late.append(
                f"{render_value(len(gone_people))} {who} {_lower_first(label)} dự kiến kết thúc "
                f"{'chậm nhất ngày' if len(gone) > 1 else 'ngày'} {cited_date(ended)}"
            )
    text = f"Có {'; '.join(parts)}." if parts else ""
    note = (
        f"[cần bổ sung: kết quả học tập của {'; '.join(late)}, chưa ghi hoàn thành]" if late else ""
    )
    return {
        "trainings.summary": Figure(text, people, label="Đào tạo, bồi dưỡng"),
        "trainings.overdue_note": Figure(
            note,
            label="Khóa học đã quá thời gian dự kiến",
            records={"training.enrolment": frozenset(overdue)},
        ),
    }


@provider_of("programme.next_year.outline")
def next_year_programme(org, period):
    """The next year's work programme as the report's last section prints it: "1. …", "2.1. …"."""
    items = ProgrammeItem.objects.filter(
        programme__org=org, programme__year=period.end.year + 1
    ).order_by("position", "id")
    lines = []
    for item in items:
        body = [p.strip() for p in item.text.split("\n\n") if p.strip()]
        if item.title:
            lines.append(f"{item.number}. {item.title}")
            lines += body
        elif body:
            lines.append(f"{item.number}. {body[0]}")
            lines += body[1:]
    return {
        "programme.next_year.outline": Figure(
            lines,
            label=f"Chương trình công tác năm {period.end.year + 1}",
            records={ProgrammeItem._meta.label_lower: frozenset(i.id for i in items)},
        )
    }


@provider
def review_facts(org, period):
    """What a six-month (or any in-year) review says beside its counts: the year's programme
    against the period's end, the inspections held with their subject and result, and the
    directive on studying Hồ Chí Minh's example in force."""
    if not org.is_party:
        return {}
    out = {}
    items = list(
        ProgrammeItem.objects.filter(programme__org=org, programme__year=period.end.year)
        .exclude(text="", title="")
        .order_by("position", "id")
    )
    done = [i for i in items if i.done_on and i.done_on <= period.end]
    late = [i for i in items if i.deadline and i.deadline <= period.end and i not in done]
    ids = frozenset(i.id for i in items)
    progress = ""
    if items:
        progress = (
            f"Chương trình công tác năm {period.end.year} có {render_value(len(items))} mục; "
            f"đến ngày {cited_date(period.end)} đã hoàn thành {render_value(len(done))} mục"
            + (
                f", {render_value(len(late))} mục quá thời hạn chưa hoàn thành ("
                + "; ".join(f"mục {i.number}" for i in late)
                + ")"
                if late
                else ""
            )
        )
    out["programme.year.progress"] = Figure(
        progress,
        label=f"Kết quả thực hiện chương trình công tác năm {period.end.year}",
        records={"programme.programmeitem": ids},
    )
    held = list(
        Inspection.objects.filter(
            org=org,
            direction=Inspection.Direction.CONDUCTED,
            starts_on__gte=period.start,
            starts_on__lte=period.end,
        )
        .select_related("subject_org", "subject_person")
        .order_by("starts_on", "id")
    )
    out["inspections.conducted.lines"] = Figure(
        [_inspection_line(i) for i in held],
        label="Các cuộc kiểm tra, giám sát đã tiến hành (nội dung, kết quả)",
        records={"oversight.inspection": frozenset(i.id for i in held)},
    )
    try:
        directive = rule_in_force("study_directive", period.end)["words"]
    except LookupError:
        directive = ""
    out["rules.study_directive"] = Figure(directive, label="Chỉ thị về học tập và làm theo Bác")
    return out


def _inspection_line(i):
    kind = Inspection.Kind(i.kind).label
    subject = i.subject.strip().rstrip(".")
    if not subject.lower().startswith(kind.lower()):
        subject = f"{kind} {subject[:1].lower()}{subject[1:]}"
    who = i.subject_org or i.subject_person
    if who is not None and str(who) not in subject:
        subject += f" đối với {who}"
    result = i.conclusion.strip().rstrip(".") or f"[cần bổ sung: kết quả cuộc {kind.lower()}]"
    return f"Tháng {cited_date(i.starts_on)[3:]}: {subject}. Kết quả: {result}."
