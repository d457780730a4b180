"""The reference organization's year of work (2017) as records, made through `dangvu.meetings.actions`.

Every figure of sections II–V of the 2017 report (except section I and the fee table) arises from
these records: the report's numbers below are the demo's input (the head counts of conferences,
the contributions, the people sent to courses …), chosen so that the facts computed from the
records give the report's figures. Dates and narrative details the report does not give are
invented but plausible; the people are the foundation's synthetic people.
"""

import datetime as dt
import random
import tomllib
from pathlib import Path

from dangvu.awards import actions as awards
from dangvu.meetings import actions
from dangvu.meetings.models import Activity, Attendance
from dangvu.mobilisation import actions as mobilisation
from dangvu.orgs.models import Organization, Position, active_on
from dangvu.oversight import actions as oversight
from dangvu.oversight.models import Inspection, Verification
from dangvu.people.models import Membership, PartyProfile, Person, Qualification, StaffRecord
from dangvu.programme import actions as programmes
from dangvu.review import actions as review
from dangvu.review.models import Evaluation
from dangvu.training import actions as training
from dangvu.training.models import Enrolment

SLUG = "so-tttt-tra-vinh"
YEAR = 2017
A = Activity.Kind
PRESENT, EXCUSED, ABSENT = (
    Attendance.Status.PRESENT,
    Attendance.Status.EXCUSED,
    Attendance.Status.ABSENT,
)
# Section III.2: dissemination sessions reached this many attendances of members; the absences
# of the joint sessions are chosen so that the per-person attendance adds up to it.
DISSEMINATION_ATTENDANCES = 817
REASONS = ["Đi công tác", "Nghỉ phép", "Bệnh", "Đi học"]


def _d(month, day):
    return dt.date(YEAR, month, day)


def _data(name):
    """The records of a TOML file beside this module."""
    return tomllib.loads((Path(__file__).resolve().parent / name).read_text(encoding="utf-8"))


def load(stdout):
    committee = Organization.objects.get(slug=SLUG)
    if committee.activity_links.exists():
        stdout.write("  công tác năm 2017: đã có, bỏ qua")
        return
    w = World(committee)
    meetings = _cell_meetings(w)
    _dissemination(w, meetings)
    _training_conferences(w)
    _committee_activities(w, meetings)
    _mass_activities(w)
    _contests(w)
    _campaigns(w)
    _trainings(w)
    _verifications(w)
    _inspections(w)
    _scores(w)
    _evaluations_2016(w)
    _commendations(w)
    _self_assessment(w)
    _shortcomings(w)
    _programmes(w)
    _indicators(w)
    stdout.write(f"  công tác năm 2017: {Activity.objects.count()} hoạt động")


class World:
    """The foundation's organizations and people, looked up once."""

    def __init__(self, committee):
        self.rng = random.Random(YEAR)
        self.committee = committee
        self.orgs = {o.slug.removeprefix("so-tttt-"): o for o in Organization.objects.all()}
        self.orgs["agency"] = self.orgs["co-quan"]
        self.cells = [self.orgs[f"chi-bo-{n}"] for n in range(1, 5)]
        self.superior = committee.parent

    def members(self, orgs, day, kind=Membership.Kind.PARTY):
        """Person ids of members of `orgs` on `day`, in a stable order."""
        return sorted(
            Membership.objects.filter(
                active_on(day), kind=kind, org_id__in=[o.id for o in orgs]
            ).values_list("person_id", flat=True)
        )

    def party_members(self, day):
        return self.members(self.cells, day)

    def non_party_staff(self, day):
        """Staff who are not party members on `day` (all of them trade-union members)."""
        members = set(self.party_members(day))
        union = self.members([self.orgs["union"]], day, Membership.Kind.TRADE_UNION)
        return [p for p in union if p not in members]

    def secretary(self, cell, day):
        p = Position.objects.filter(
            active_on(day), term__organization=cell, role=Position.Role.SECRETARY
        ).first()
        return p.person if p else None


def _present(ids):
    return dict.fromkeys(ids, (PRESENT, ""))


def _meeting_day(cell_number, month):
    day = _d(month, 5 + cell_number)
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return day


# Cell meetings and dissemination -----------------------------------------------------------


def _cell_meetings(w):
    """A regular meeting of each cell every month and a thematic one every quarter, with
    minutes; returns {(cell number, month): (activity, attendance)}."""
    meetings = {}
    for n, cell in enumerate(w.cells, start=1):
        for month in range(1, 13):
            day = _meeting_day(n, month)
            ids = w.members([cell], day)
            attendance = _present(ids)
            # One member away from two meetings in three, the reasons rotating.
            if month % 3:
                away = ids[(month * 7 + n) % len(ids)]
                attendance[away] = (EXCUSED, REASONS[(month + n) % len(REASONS)])
            secretary = w.secretary(cell, day)
            activity = actions.record_meeting(
                None,
                cell=cell,
                kind=A.REGULAR_MEETING,
                starts_on=day,
                attendance=attendance,
                chair=secretary,
                fee_note=f"Thu đảng phí tháng {month}/{YEAR}.",
                resolution=(
                    f"Chi bộ thống nhất đánh giá kết quả tháng {month}/{YEAR} và đề ra nhiệm "
                    "vụ tháng tới; phân công đảng viên đọc mẩu chuyện về Bác."
                ),
                quality="good" if month % 4 else "fair",
                score=86 + (month + n) % 3 * 2.5,
                tasks=[
                    {
                        "text": "Đảng viên viết bài thu hoạch sau học tập, quán triệt văn bản",
                        "deadline": day + dt.timedelta(days=20),
                        "assignee": secretary,
                    }
                ],
            )
            meetings[(n, month)] = (activity, attendance)
            if month % 3 == 0:
                quarter = month // 3
                actions.record_meeting(
                    None,
                    cell=cell,
                    kind=A.THEMATIC_MEETING,
                    starts_on=day + dt.timedelta(days=14),
                    title=(
                        "Sinh hoạt chuyên đề: học tập và làm theo tư tưởng, đạo đức, phong "
                        f"cách Hồ Chí Minh (Chỉ thị 05-CT/TW), quý {quarter}/{YEAR} — {cell}"
                    ),
                    attendance=_present(w.members([cell], day + dt.timedelta(days=14))),
                    chair=secretary,
                    resolution="Chi bộ thống nhất các việc làm cụ thể học tập và làm theo Bác.",
                    quality="good",
                    score=90,
                )
    return meetings


# Documents disseminated in each cell's own meeting: (subject, date of the document, cells).
CELL_DOCUMENTS = [
    (
        "Hướng dẫn số 08-HD/BTCTU ngày 02/02/2017 của Ban Tổ chức Tỉnh ủy về nội dung sinh "
        "hoạt chi bộ",
        _d(2, 2),
        (1, 2, 3),
    ),
    (
        "Hướng dẫn số 27-HD/BTGTW ngày 20/02/2017 của Ban Tuyên giáo Trung ương và Hướng dẫn "
        "số 26-HD/BTG ngày 21/3/2017 của Ban Tuyên giáo Tỉnh ủy về tuyên truyền phòng, chống "
        "tham nhũng, lãng phí",
        _d(3, 21),
        (1, 4),
    ),
    (
        "Công văn số 281-CV/TU ngày 04/5/2017 của Tỉnh ủy về việc nắm chắc tình hình, chỉ đạo "
        "đảm bảo an ninh, trật tự trên địa bàn tỉnh",
        _d(5, 4),
        (1, 3),
    ),
    (
        "Kế hoạch số 42-KH/ĐUK ngày 25/5/2017 của Đảng ủy Khối các cơ quan về tăng cường kỷ "
        "luật, kỷ cương hành chính",
        _d(5, 25),
        (1, 2),
    ),
    (
        "Kế hoạch số 47-KH/TU ngày 09/6/2017 của Ban Thường vụ Tỉnh ủy về nâng cao chất lượng "
        "toàn diện của hoạt động xuất bản",
        _d(6, 9),
        (3, 4),
    ),
    (
        "Công văn số 330-CV/ĐUK ngày 20/7/2017 của Đảng ủy Khối các cơ quan về bản cam kết tu "
        "dưỡng, rèn luyện, phấn đấu",
        _d(7, 20),
        (1, 2),
    ),
    (
        "Công văn số 327-CV/TU ngày 16/8/2017 của Ban Thường vụ Tỉnh ủy về chấn chỉnh trong xử "
        "lý các vụ việc sai phạm",
        _d(8, 16),
        (3,),
    ),
    (
        "Công văn số 369-CV/ĐUK ngày 01/10/2017 của Đảng ủy Khối về chế độ thông tin, báo cáo "
        "định kỳ",
        _d(10, 1),
        (1, 2),
    ),
    (
        "Công văn số 389-CV/ĐUK ngày 01/11/2017 của Đảng ủy Khối về nội dung, phương pháp đánh "
        "giá suy thoái",
        _d(11, 1),
        (3, 4),
    ),
]
# Documents disseminated to the four cells together (hội nghị liên tịch các chi bộ).
JOINT_DOCUMENTS = [
    (
        "Chỉ thị số 19-CT/TU ngày 17/02/2017 của Ban Thường vụ Tỉnh ủy về công tác quốc "
        "phòng, quân sự địa phương năm 2017",
        _d(2, 24),
    ),
    (
        "Kế hoạch số 33-KH/TU ngày 03/3/2017 của Tỉnh ủy thực hiện Chỉ thị số 12-CT/TW ngày "
        "05/01/2017 của Bộ Chính trị về bảo đảm an ninh kinh tế",
        _d(3, 24),
    ),
    (
        "Chỉ thị số 20-CT/TU ngày 04/4/2017 của Ban Thường vụ Tỉnh ủy về tăng cường kỷ luật, "
        "kỷ cương hành chính",
        _d(4, 25),
    ),
    (
        "Kế hoạch số 37-KH/ĐUK ngày 12/4/2017 của Đảng ủy Khối các cơ quan về tiếp tục thực "
        "hiện Nghị quyết Trung ương 3 (khóa X)",
        _d(5, 25),
    ),
    (
        "Quy định số 86-QĐ/TW ngày 01/6/2017 của Bộ Chính trị về giám sát trong Đảng",
        _d(6, 23),
    ),
    (
        "Chỉ thị số 24-CT/TU ngày 29/6/2017 của Ban Thường vụ Tỉnh ủy về việc tiếp cận, xử lý "
        "và chia sẻ thông tin trên mạng xã hội",
        _d(7, 21),
    ),
    (
        "Kế hoạch số 50-KH/TU ngày 26/6/2017 của Tỉnh ủy và Kế hoạch số 45-KH/ĐUK ngày "
        "03/8/2017 của Đảng ủy Khối về đấu tranh phòng, chống quan liêu, tham nhũng, lãng phí",
        _d(8, 25),
    ),
    (
        "Công văn số 323-CV/TU ngày 08/8/2017 của Ban Thường vụ Tỉnh ủy về uốn nắn thực hiện "
        "Nghị quyết Trung ương 4 (khóa XII) và Chỉ thị 05 của Bộ Chính trị",
        _d(8, 29),
    ),
    (
        "Báo cáo số 203-BC/TU ngày 03/8/2017 của Ban Thường vụ Tỉnh ủy về cơ chế bảo vệ, khuyến "
        "khích người dân phản ánh, tố giác và đấu tranh với suy thoái",
        _d(9, 26),
    ),
    (
        "Công văn số 950-CV/BTCTU ngày 18/9/2017 của Ban Tổ chức Tỉnh ủy về nội dung, phương "
        "pháp đánh giá, nhận diện suy thoái",
        _d(10, 24),
    ),
    (
        "Kế hoạch số 51-KH/ĐUK ngày 30/10/2017 và Kế hoạch số 52-KH/ĐUK ngày 02/11/2017 của "
        "Đảng ủy Khối về tự phê bình và phê bình, đánh giá, phân loại chất lượng năm 2017",
        _d(11, 24),
    ),
]


def _dissemination(w, meetings):
    """Documents disseminated in the cells' meetings (the members present at that meeting) and
    in joint sessions of the four cells, whose absences make the total come out right."""
    present_in_cells = 0
    for subject, issued, cell_numbers in CELL_DOCUMENTS:
        for n in cell_numbers:
            month = next(m for m in range(1, 13) if _meeting_day(n, m) > issued)
            meeting, attendance = meetings[(n, month)]
            activity = actions.create_activity(
                None,
                kind=A.DISSEMINATION,
                title=f"Quán triệt, triển khai {subject}",
                starts_on=meeting.starts_on,
                organizers=[w.cells[n - 1]],
                notes=f"Triển khai trong buổi sinh hoạt chi bộ thường kỳ tháng {month}/{YEAR}.",
            )
            actions.record_attendance(None, activity, attendance)
            present_in_cells += sum(1 for s, _r in attendance.values() if s == PRESENT)
    joint = [(subject, day, w.party_members(day)) for subject, day in JOINT_DOCUMENTS]
    needed = DISSEMINATION_ATTENDANCES - present_in_cells
    absences = sum(len(ids) for _s, _d, ids in joint) - needed
    if not 0 <= absences <= 3 * len(joint):
        raise AssertionError(f"dissemination plan cannot reach its total ({absences} absences)")
    for i, (subject, day, ids) in enumerate(joint):
        attendance = _present(ids)
        # Spread the absences over the sessions, one or two each, with rotating reasons.
        share = absences // len(joint) + (1 if i < absences % len(joint) else 0)
        for k in range(share):
            person = ids[(i * 11 + k * 5) % len(ids)]
            attendance[person] = (ABSENT, "") if k == 1 else (EXCUSED, REASONS[i % 4])
        activity = actions.create_activity(
            None,
            kind=A.DISSEMINATION,
            title=f"Quán triệt, triển khai {subject}",
            starts_on=day,
            organizers=w.cells,
            place="Hội trường Sở Thông tin và Truyền thông",
            notes="Hội nghị liên tịch các chi bộ trực thuộc.",
        )
        actions.record_attendance(None, activity, attendance)


# Conferences ------------------------------------------------------------------------------------

TRAINING_CONFERENCES = [
    # title, organizing unit, date, participants (đại biểu)
    ("Hội nghị tập huấn bồi dưỡng kiến thức về thông tin đối ngoại năm 2017", "tbx", (4, 18), 92),
    ("Hội nghị tập huấn tuyên truyền về biển, đảo Việt Nam", "tbx", (5, 16), 85),
    ("Hội nghị bồi dưỡng kiến thức quốc phòng, an ninh", "vp", (6, 13), 64),
    (
        "Hội nghị tập huấn an toàn thông tin cho cán bộ chuyên trách công nghệ thông tin",
        "cntt",
        (7, 11),
        78,
    ),
    ("Hội nghị tập huấn an toàn thông tin (đợt 2)", "cntt", (8, 15), 73),
    (
        "Hội nghị tập huấn nghiệp vụ Truyền thanh cơ sở khu vực thành phố Trà Vinh, huyện "
        "Càng Long, Châu Thành",
        "tbx",
        (9, 12),
        96,
    ),
    (
        "Hội nghị tập huấn nghiệp vụ Truyền thanh cơ sở khu vực huyện Cầu Kè, Tiểu Cần",
        "tbx",
        (9, 19),
        88,
    ),
    (
        "Hội nghị tập huấn nghiệp vụ Truyền thanh cơ sở khu vực huyện Trà Cú, Cầu Ngang",
        "tbx",
        (9, 26),
        91,
    ),
    (
        "Hội nghị tập huấn nghiệp vụ Truyền thanh cơ sở khu vực huyện Duyên Hải, thị xã Duyên Hải",
        "tbx",
        (10, 3),
        83,
    ),
    ("Hội nghị tập huấn thông tin đối ngoại cho phóng viên, biên tập viên", "ttdv", (10, 24), 86),
]


def _training_conferences(w):
    for title, unit, (month, day), heads in TRAINING_CONFERENCES:
        actions.create_activity(
            None,
            kind=A.TRAINING,
            title=title,
            starts_on=_d(month, day),
            organizers=[w.orgs[unit]],
            head_count=heads,
            notes="Đại biểu các sở, ngành, huyện, thị xã, thành phố và cơ sở.",
        )


ATTENDED = _data("attended_2017.toml")


def _attended(w, records):
    """Activities held by others that our organizations took part in: the host named, or the
    committee's superior organizing when none is."""
    return [
        actions.create_activity(
            None,
            **dict(record, participants=[w.orgs[key] for key in record["participants"]]),
            organizers=[] if "host_name" in record else [w.superior],
        )
        for record in records
    ]


def _committee_activities(w, meetings):
    """What the Đảng ủy organized (footnote 3) and attended (footnote 4)."""
    c = w.committee
    organized = [
        (
            A.COMMITTEE_MEETING,
            "Kiểm điểm tập thể và cá nhân Ban Chấp hành Đảng bộ Sở năm 2016",
            _d(1, 6),
            [],
        ),
        (A.COMMITTEE_MEETING, "Chấm điểm các chi bộ trực thuộc năm 2016", _d(1, 9), []),
        (
            A.CONFERENCE,
            "Đánh giá, phân loại đảng viên, chi bộ và tổ chức Hội nghị đảng viên năm 2016",
            _d(1, 13),
            "all",
        ),
        (
            A.CONFERENCE,
            "Triển khai Nghị quyết Hội nghị lần thứ tư Ban Chấp hành Trung ương Đảng "
            "(khóa XII) và Chương trình hành động thực hiện Nghị quyết Trung ương 4 (khóa XII)",
            _d(2, 15),
            "all",
        ),
        (
            A.COMMITTEE_MEETING,
            "Làm việc với đoàn thể cơ quan nắm tình hình thực hiện nhiệm vụ "
            "công tác đoàn thể năm 2016 và chỉ đạo thực hiện nhiệm vụ năm 2017",
            _d(2, 22),
            ["union", "youth", "veterans"],
        ),
        (
            A.CONFERENCE,
            "Triển khai những nội dung cơ bản của tư tưởng, đạo đức, phong cách Hồ Chí Minh",
            _d(3, 20),
            "all",
        ),
        (
            A.CONFERENCE,
            "Họp mở rộng và tổ chức Hội nghị đảng viên 6 tháng đầu năm 2017",
            _d(7, 14),
            "all",
        ),
        (
            A.COMMITTEE_MEETING,
            "Làm việc với đoàn thể cơ quan nắm tình hình kết quả hoạt động 6 tháng đầu năm 2017",
            _d(7, 18),
            ["union", "youth", "veterans"],
        ),
        (
            A.CONFERENCE,
            "Triển khai Nghị quyết Hội nghị lần thứ năm Ban Chấp hành Trung ương Đảng (khóa XII)",
            _d(7, 25),
            "all",
        ),
        (
            A.VISIT,
            "Thăm và chúc Tết xã Long Toàn, thị xã Duyên Hải nhân dịp Tết Nguyên đán Đinh "
            "Dậu năm 2017",
            _d(1, 20),
            ["agency"],
        ),
    ]
    for i, (kind, title, day, who) in enumerate(organized):
        activity = actions.create_activity(
            None,
            kind=kind,
            title=title,
            starts_on=day,
            organizers=[c],
            participants=[w.orgs[k] for k in who] if isinstance(who, list) else [],
        )
        if who == "all":
            ids = w.party_members(day)
            attendance = _present(ids)
            attendance[ids[(i * 13) % len(ids)]] = (EXCUSED, REASONS[i % 4])
            actions.record_attendance(None, activity, attendance)
    _attended(w, ATTENDED["committee"])
    # The committee "dự sinh hoạt lệ tại các chi bộ trực thuộc": one meeting of each cell.
    for n in range(1, 5):
        actions.update_activity(None, meetings[(n, 9)][0], participants=[c])


def _union_members(w, day):
    return _present(w.members([w.orgs["union"]], day, Membership.Kind.TRADE_UNION))


def _mass_activities(w):
    """Section IV.2: the trade union's and the youth branch's year."""
    union, youth, agency = w.orgs["union"], w.orgs["youth"], w.orgs["agency"]
    own = [
        (
            A.OTHER,
            "Họp mặt nữ công chức, viên chức Sở nhân kỷ niệm Ngày Quốc tế Phụ nữ 8/3",
            _d(3, 8),
            [union],
        ),
        (A.CONFERENCE, "Hội nghị công chức, viên chức năm 2017", _d(2, 17), [union, agency]),
        (A.VISIT, "Thăm hỏi công đoàn viên bị bệnh và gia đình có việc hiếu", _d(5, 10), [union]),
        (
            A.OTHER,
            "Tổ chức vui chơi cho các cháu thiếu nhi là con của công chức, viên chức nhân "
            "dịp Quốc tế Thiếu nhi 01/6/2017",
            _d(6, 1),
            [union],
        ),
        (
            A.VISIT,
            "Thăm mẹ Việt Nam anh hùng do Sở phụng dưỡng nhân kỷ niệm 70 năm Ngày Thương "
            "binh – Liệt sĩ (27/7/1947 – 27/7/2017)",
            _d(7, 25),
            [union, youth],
        ),
        (
            A.CONGRESS,
            "Đại hội Công đoàn cơ sở Sở Thông tin và Truyền thông nhiệm kỳ 2017-2022",
            _d(8, 18),
            [union],
        ),
        (A.VISIT, "Thăm hỏi công đoàn viên bị bệnh", _d(9, 14), [union]),
        (
            A.OTHER,
            "Tặng quà cho các cháu thiếu nhi là con của công chức, viên chức và người lao "
            "động thuộc Sở nhân dịp Tết Trung thu năm 2017",
            _d(10, 4),
            [union],
        ),
    ]
    for kind, title, day, organizers in own:
        activity = actions.create_activity(
            None, kind=kind, title=title, starts_on=day, organizers=organizers
        )
        if kind in (A.CONFERENCE, A.CONGRESS):
            attendance = _union_members(w, day)
            first = min(attendance)
            attendance[first] = (EXCUSED, "Đi công tác")
            actions.record_attendance(None, activity, attendance)
    youth_congress = actions.create_activity(
        None,
        kind=A.CONGRESS,
        title="Đại hội Chi đoàn Sở Thông tin và Truyền thông lần thứ V, nhiệm kỳ 2017-2019",
        starts_on=_d(4, 14),
        organizers=[youth],
    )
    actions.record_attendance(
        None,
        youth_congress,
        _present(w.members([youth], _d(4, 14), Membership.Kind.YOUTH_UNION)),
    )
    _attended(w, ATTENDED["mass"])
    actions.create_activity(
        None,
        kind=A.VISIT,
        title="Thăm và tặng tập cho học sinh trường Trung học cơ sở Đông Hải, Hiệp Thạnh và Ủy "
        "ban nhân dân xã Long Toàn, thị xã Duyên Hải",
        starts_on=_d(9, 1),
        organizers=[*w.cells, youth],
        notes="Chương trình “Vì đàn em thân yêu” năm 2017 của Chi đoàn, các chi bộ phối hợp.",
    )


def _contests(w):
    """Section V.1: members and youth writing for two contests organized by the Tỉnh ủy."""
    history, laos = _attended(w, ATTENDED["contests"])
    members = w.party_members(history.starts_on)
    youth = [
        p
        for p in w.members([w.orgs["youth"]], history.starts_on, Membership.Kind.YOUTH_UNION)
        if p not in set(members)
    ]
    writers = members[3:36:3] + youth[:4]
    actions.record_attendance(None, history, _present(writers))
    actions.record_attendance(None, laos, _present(w.party_members(laos.starts_on)[1:26:5]))


# Campaigns -------------------------------------------------------------------------------------


def _split(total, weights):
    """Integer shares of `total` in proportion to `weights`, adding up exactly."""
    whole = sum(weights)
    shares = [total * wgt // whole for wgt in weights]
    shares[-1] += total - sum(shares)
    return shares


CAMPAIGNS = _data("campaigns_2017.toml")


def _campaigns(w):
    campaigns = {
        key: mobilisation.create_campaign(None, **dict(fields, key=key, org=w.orgs[fields["org"]]))
        for key, fields in CAMPAIGNS.items()
    }
    # One day's pay of each member of staff: odd amounts, as such funds are.
    staff = list(
        StaffRecord.objects.filter(active_on(_d(5, 15)), agency=w.orgs["agency"])
        .order_by("person_id")
        .values_list("person_id", "position")
    )
    weights = [190 if pos != StaffRecord.Position.STAFF else 120 + pid % 37 for pid, pos in staff]
    for (pid, _pos), amount in zip(staff, _split(9_512_466, weights), strict=True):
        mobilisation.add_contribution(
            None,
            campaigns["disaster_fund"],
            given_on=_d(5, 20),
            amount=amount,
            contributor_person=Person.objects.get(id=pid),
        )
    units = ["vp", "tt", "khtc", "bcvt", "cntt", "tbx", "ttcn", "ttdv"]
    amounts = [1_450_000, 600_000, 750_000, 700_000, 650_000, 935_000, 2_459_500, 1_825_000]
    for unit, amount in zip(units, amounts, strict=True):
        mobilisation.add_contribution(
            None,
            campaigns["poor_fund"],
            given_on=_d(10, 20),
            amount=amount,
            contributor_org=w.orgs[unit],
        )
    for org, quantity, note in [
        (
            w.cells[1],
            300,
            "Phòng Thông tin – Báo chí – Xuất bản vận động, chuyển cho chi bộ (nêu gương).",
        ),
        (w.cells[3], 200, "Mô hình “Dân vận khéo” chi bộ đăng ký đầu năm 2017."),
        (w.orgs["youth"], 2400, "Chi đoàn trao tặng."),
    ]:
        mobilisation.add_contribution(
            None,
            campaigns["notebooks"],
            given_on=_d(8, 25),
            quantity=quantity,
            unit="quyển tập",
            contributor_org=org,
            note=note,
        )


# Trainings, verifications ------------------------------------------------------------------------


def _staff_positions(w, day):
    return dict(
        StaffRecord.objects.filter(active_on(day), agency=w.orgs["agency"]).values_list(
            "person_id", "position"
        )
    )


def _political(person_ids):
    held = set(
        Qualification.objects.filter(
            kind=Qualification.Kind.POLITICAL_THEORY, person_id__in=person_ids
        ).values_list("person_id", "level")
    )
    return held


def _trainings(w):
    c = w.committee
    members = w.party_members(_d(12, 31))
    held = _political(members)
    with_level = {pid for pid, _lvl in held}
    intermediate = sorted(pid for pid, lvl in held if lvl == "intermediate")
    newest = list(
        PartyProfile.objects.filter(person_id__in=members)
        .order_by("-admitted_on")
        .values_list("person_id", flat=True)[:7]
    )
    secretaries = [w.secretary(cell, _d(6, 1)).id for cell in w.cells]
    without = [p for p in members if p not in with_level and p not in newest]
    others = [p for p in members if p not in newest and p not in secretaries]
    non_party = w.non_party_staff(_d(9, 1))
    courses = [
        # course, title, people, start, end, completed?, provider, field
        (
            Enrolment.Course.POLITICAL_INTERMEDIATE,
            "Trung cấp lý luận chính trị – hành chính",
            without[:2],
            _d(3, 6),
            dt.date(2018, 8, 31),
            False,
            "Trường Chính trị tỉnh Trà Vinh",
            "",
        ),
        (
            Enrolment.Course.POLITICAL_ADVANCED,
            "Cao cấp lý luận chính trị",
            intermediate[:1],
            _d(3, 13),
            dt.date(2018, 12, 31),
            False,
            "Học viện Chính trị khu vực IV",
            "",
        ),
        (
            Enrolment.Course.MASTER,
            "Thạc sĩ Luật kinh tế",
            others[-1:],
            dt.date(2016, 10, 15),
            dt.date(2018, 10, 15),
            False,
            "Trường Đại học Luật Thành phố Hồ Chí Minh",
            "Luật kinh tế",
        ),
        (
            Enrolment.Course.STATE_SPECIALIST,
            "Bồi dưỡng kiến thức quản lý nhà nước chương trình chuyên viên",
            others[10:13],
            _d(5, 8),
            _d(7, 28),
            True,
            "Trường Chính trị tỉnh Trà Vinh",
            "",
        ),
        (
            Enrolment.Course.STATE_PRINCIPAL,
            "Bồi dưỡng kiến thức quản lý nhà nước chương trình chuyên viên chính",
            others[:8],
            _d(8, 7),
            _d(11, 24),
            True,
            "Học viện Hành chính Quốc gia",
            "",
        ),
        (
            Enrolment.Course.ADMISSION_CANDIDATE,
            "Bồi dưỡng nhận thức về Đảng cho quần chúng ưu tú",
            non_party[:1],
            _d(9, 11),
            _d(9, 15),
            True,
            "Trung tâm Bồi dưỡng chính trị",
            "",
        ),
        (
            Enrolment.Course.NEW_MEMBER,
            "Bồi dưỡng lý luận chính trị dành cho đảng viên mới",
            newest,
            _d(8, 21),
            _d(8, 30),
            True,
            "Trung tâm Bồi dưỡng chính trị",
            "",
        ),
        (
            Enrolment.Course.SECRETARY,
            "Bồi dưỡng Bí thư và cấp ủy viên chi bộ",
            secretaries,
            _d(6, 12),
            _d(6, 16),
            True,
            "Đảng ủy Khối các cơ quan tỉnh",
            "",
        ),
        (
            Enrolment.Course.MASS_MOBILIZATION,
            "Bồi dưỡng công tác dân vận",
            others[14:15],
            _d(10, 16),
            _d(10, 20),
            True,
            "Ban Dân vận Tỉnh ủy",
            "",
        ),
    ]
    for course, title, people, start, end, completed, provider, field in courses:
        for pid in people:
            e = training.enrol(
                None,
                Person.objects.get(id=pid),
                org=c,
                course=course,
                starts_on=start,
                ends_on=end,
                title=title,
                provider=provider,
                field=field,
            )
            # Degree and political-theory courses run into 2018: the levels of section I on
            # 31/12/2017 are those held before.
            if completed:
                training.complete_enrolment(None, e, end)


def _verifications(w):
    c = w.committee
    positions = _staff_positions(w, _d(3, 1))
    members = set(w.party_members(_d(3, 1)))
    deputies = sorted(
        pid
        for pid, pos in positions.items()
        if pid in members
        and pos in (StaffRecord.Position.DEPUTY_HEAD, StaffRecord.Position.UNIT_DEPUTY_DIRECTOR)
    )
    for i, pid in enumerate(deputies[:4]):
        start = _d(3 + i, 6)
        oversight.record_verification(
            None,
            org=c,
            person=Person.objects.get(id=pid),
            purpose=Verification.Purpose.APPOINTMENT,
            requested_on=start,
            completed_on=start + dt.timedelta(days=21),
            result="Lý lịch rõ ràng; bổ sung hồ sơ bổ nhiệm Phó trưởng phòng.",
        )
    # Each admission and each recognition of the year had its background checked before the
    # decision: (purpose, the decision's day on the profile, days checked before it, result).
    files = (
        (Verification.Purpose.ADMISSION, "admitted_on", (60, 20), "phát triển đảng"),
        (Verification.Purpose.RECOGNITION, "recognized_on", (30, 5), "chuyển đảng chính thức"),
    )
    for purpose, field, (started, done), paper in files:
        for p in PartyProfile.objects.filter(**{f"{field}__year": YEAR}).select_related("person"):
            decided = getattr(p, field)
            oversight.record_verification(
                None,
                org=c,
                person=p.person,
                purpose=purpose,
                requested_on=max(_d(1, 3), decided - dt.timedelta(days=started)),
                completed_on=decided - dt.timedelta(days=done),
                result=f"Lý lịch rõ ràng; bổ sung hồ sơ {paper}.",
            )


INSPECTIONS = _data("inspections_2017.toml")


def _inspections(w):
    programme = oversight.create_inspection_programme(
        None,
        org=w.committee,
        year=YEAR,
        title="Chương trình kiểm tra, giám sát năm 2017 của Ủy ban Kiểm tra Đảng ủy Sở",
        notes="Kiểm tra chi bộ 3 về thực hiện nhiệm vụ đảng viên; giám sát chi bộ 4 về thu, "
        "nộp, quản lý và sử dụng đảng phí.",
    )
    for record in INSPECTIONS["inspection"]:
        fields = dict(record, org=w.orgs[record["org"]], subject_org=w.orgs[record["subject_org"]])
        if record["direction"] == Inspection.Direction.CONDUCTED:
            fields["programme"] = programme
        oversight.record_inspection(None, **fields)


def _scores(w):
    for org, area, body, score in [
        (w.committee, "inspection_committee", "Ủy ban Kiểm tra Đảng ủy Khối các cơ quan tỉnh", 91),
        (w.orgs["union"], "trade_union", "Công đoàn cấp trên trực tiếp", 98),
        (w.orgs["youth"], "youth_union", "Đoàn Khối các cơ quan tỉnh Trà Vinh", "97,5"),
    ]:
        oversight.record_score(
            None, org=org, year=YEAR, area=area, body=body, score=score, scored_on=_d(12, 1)
        )


# Evaluation, self-assessment ---------------------------------------------------------------------


def _evaluations_2016(w):
    """The classification of 2016 decided at the members' conference of 13/01/2017."""
    c, day = w.committee, _d(1, 13)
    for cell, score in zip(w.cells, ["88", "85", "86,5", "79"], strict=True):
        review.evaluate(None, org=c, year=2016, evaluated_on=day, subject_org=cell, score=score)
    members = w.party_members(dt.date(2016, 12, 31))
    people = Person.objects.in_bulk(members)
    for i, pid in enumerate(members):
        band = "excellent" if i % 6 == 0 and i < 48 else "done" if i % 13 == 5 else "good"
        review.evaluate(
            None, org=c, year=2016, evaluated_on=day, subject_person=people[pid], band=band
        )


def _commendations(w):
    """The cells and members rated "Hoàn thành xuất sắc nhiệm vụ" for 2016 commended with the
    standing committee's letter of commendation on the Party's anniversary (rules/awards/),
    those still members of the committee's cells that day."""
    c, day = w.committee, _d(2, 3)
    excellent = Evaluation.objects.filter(year=2016, band=Evaluation.Band.EXCELLENT)
    cells = [e.subject_org for e in excellent.filter(subject_org__isnull=False)]
    members = set(w.party_members(day))
    people = [e.subject_person for e in excellent.filter(subject_person_id__in=members)]
    for n, recipient in enumerate([*cells, *people], start=1):
        awards.record_commendation(
            None,
            org=c,
            kind="letter",
            decision=f"{n:02d}-QĐ/ĐU",
            decided_on=day,
            awarder=c,
            reason="Hoàn thành xuất sắc nhiệm vụ năm 2016",
            **(
                {"person": recipient}
                if isinstance(recipient, Person)
                else {"recipient_org": recipient}
            ),
        )


SIGNS = ["1.2", "1.3", "1.4", "1.6", "1.7", "1.8", "2.1", "2.3", "2.8"]
COLLECTIVE_SIGNS = {
    "so-tttt-tra-vinh": ["1.3", "1.4", "1.6", "2.8"],
    "so-tttt-chi-bo-1": ["1.3", "1.6"],
    "so-tttt-chi-bo-2": ["1.3", "1.6", "1.8"],
    "so-tttt-chi-bo-3": [],
    "so-tttt-chi-bo-4": [],
}


def _self_assessment(w):
    """Section III: degradation self-assessment, pledges, study plans."""
    c = w.committee
    assessed = _d(10, 20)
    assessments = [
        dict(
            signs=signs,
            subject_org=Organization.objects.get(slug=slug),
            note="Tập thể cấp ủy tự đánh giá, nhận diện.",
        )
        for slug, signs in COLLECTIVE_SIGNS.items()
    ]
    members = w.party_members(assessed)
    others = w.non_party_staff(assessed)
    people = Person.objects.in_bulk(members + others)
    # 30 members and 3 union members found signs; every member and union member assessed.
    with_signs = set(members[::2][:27] + members[1::2][:3])
    found = {}
    for i, pid in enumerate(members):
        found[pid] = [SIGNS[i % 9]] if pid in with_signs else []
        if pid in with_signs and i % 4 == 0:
            found[pid].append(SIGNS[(i + 4) % 9])
    for i, pid in enumerate(others):
        found[pid] = [SIGNS[i * 3]] if i < 3 else []
    assessments += [dict(signs=signs, subject_person=people[pid]) for pid, signs in found.items()]
    for assessment in assessments:
        review.assess_degradation(None, org=c, year=YEAR, assessed_on=assessed, **assessment)
    signed = _d(8, 15)
    for pid in w.party_members(signed):
        review.sign_pledge(
            None,
            org=c,
            person=people.get(pid) or Person.objects.get(id=pid),
            year=YEAR,
            signed_on=signed,
            note="Giữ gìn phẩm chất đạo đức, lối sống; không có biểu hiện "
            "“tự diễn biến”, “tự chuyển hóa”.",
        )
    registered = _d(2, 20)
    for org in (c, w.orgs["union"], w.orgs["youth"]):
        review.register_study_plan(
            None, org=c, year=YEAR, registered_on=registered, subject_org=org
        )
    planners = w.party_members(registered)[:-2] + w.non_party_staff(registered)
    for person in Person.objects.filter(id__in=planners).order_by("id"):
        review.register_study_plan(
            None, org=c, year=YEAR, registered_on=registered, subject_person=person
        )


SHORTCOMINGS_2016 = [
    ("Việc triển khai các văn bản của cấp trên đến đảng viên có lúc chưa kịp thời.", (6, 30)),
    (
        "Chất lượng sinh hoạt chi bộ chưa đều; một số đảng viên, nhất là đảng viên trẻ, ít phát "
        "biểu, tham gia thảo luận.",
        None,
    ),
    ("Công tác kiểm tra, giám sát của chi bộ có lúc còn hình thức.", (9, 29)),
    (
        "Chế độ thông tin, báo cáo của các chi bộ trực thuộc có lúc chưa đúng thời gian quy định.",
        (10, 31),
    ),
    (
        "Việc theo dõi, đôn đốc thực hiện kế hoạch học tập và làm theo Bác chưa thường xuyên.",
        (8, 31),
    ),
]


def _shortcomings(w):
    for number, (text, remedied) in enumerate(SHORTCOMINGS_2016, start=1):
        s = review.record_shortcoming(
            None,
            org=w.committee,
            review_year=2016,
            number=number,
            text=text,
            plan="Đảng ủy xây dựng kế hoạch khắc phục, phân công cá nhân phụ trách.",
            due_on=_d(12, 31),
        )
        if remedied:
            review.remedy_shortcoming(None, s, _d(*remedied))


# Work programmes and indicators --------------------------------------------------------------------

PROGRAMME = _data("programme_2017.toml")


def _programmes(w):
    c = w.committee
    # 2017: the programme the report says was completed, each item with its evidence.
    p2017 = programmes.create_programme(None, org=c, year=YEAR, adopted_on=dt.date(2016, 12, 20))
    kinds = {
        "1": (
            "Tổ chức quán triệt, triển khai các chỉ thị, nghị quyết của Đảng đến đảng viên",
            A.DISSEMINATION,
            _d(12, 15),
        ),
        "2": ("Tổ chức đại hội các chi bộ trực thuộc nhiệm kỳ 2017-2020", A.CONGRESS, _d(5, 10)),
        "3": (
            "Khắc phục hạn chế, khuyết điểm năm 2016 của tập thể Ban Chấp hành",
            A.COMMITTEE_MEETING,
            _d(12, 15),
        ),
    }
    congresses = [
        actions.create_activity(
            None,
            kind=A.CONGRESS,
            title=f"Đại hội {cell} nhiệm kỳ 2017-2020",
            starts_on=_d(4, 20 + n),
            organizers=[cell],
        )
        for n, cell in enumerate(w.cells)
    ]
    for cell, congress in zip(w.cells, congresses, strict=True):
        actions.record_attendance(None, congress, _present(w.members([cell], congress.starts_on)))
    for number, (text, kind, done_on) in kinds.items():
        item = programmes.add_programme_item(
            None, p2017, number=number, text=text, owner_name="Đảng ủy", deadline=_d(12, 31)
        )
        evidence = (
            congresses
            if kind == A.CONGRESS
            else Activity.objects.filter(kind=kind, links__org__in=[c, *w.cells]).distinct()[:5]
        )
        for activity in evidence:
            programmes.link_evidence(None, item, activity)
        programmes.set_item_status(None, item, "done", done_on)
    p2018 = programmes.create_programme(
        None,
        org=c,
        year=2018,
        title="Chương trình công tác năm 2018",
        adopted_on=_d(12, 5),
    )
    for item in PROGRAMME["programme_2018"]:
        programmes.add_programme_item(
            None,
            p2018,
            number=item["number"],
            title=item["title"],
            text=item["text"],
            owner_name=item["owner"],
            deadline=item.get("deadline"),
        )


def _indicators(w):
    for indicator in PROGRAMME["indicator"]:
        programmes.record_indicator(
            None,
            org=w.orgs["agency"],
            key=indicator["key"],
            label=indicator["label"],
            value=indicator["value"],
            unit=indicator["unit"],
            period_start=_d(1, 1),
            period_end=_d(11, 30),
            source=f"Báo cáo kết quả năm 2017 của {w.orgs[indicator['source']]}",
        )
