"""The reference organization as records: its tree, its people and their party and staff lives.

Every figure of section I of the 2017 report follows from these records; the people are
synthetic (invented names, generated numbers). The counts below describe the demo population,
they are the demo's records, not figures any code reads back.
"""

import datetime as dt
import random

from django.contrib.auth import get_user_model

from dangvu.accounts import actions as account_actions
from dangvu.accounts.models import Role
from dangvu.lib.dates import add_months
from dangvu.orgs import actions as org_actions
from dangvu.orgs.models import Organization, Position, Term
from dangvu.people import actions
from dangvu.people.models import Membership, PartyBadge, Person, StaffRecord

SLUG = "so-tttt-tra-vinh"
SUPERIOR_SLUG = "dang-uy-khoi-cac-co-quan-tra-vinh"
K = Organization.Kind
CC, VC, HD = (
    StaffRecord.Category.CIVIL_SERVANT,
    StaffRecord.Category.PUBLIC_EMPLOYEE,
    StaffRecord.Category.CONTRACT,
)
P = StaffRecord.Position
FOUNDED = dt.date(2014, 4, 24)

UNITS = [
    # key, kind, name, party cell of its staff
    ("vp", K.DEPARTMENT, "Văn phòng", 1),
    ("tt", K.DEPARTMENT, "Thanh tra", 1),
    ("khtc", K.DEPARTMENT, "Phòng Kế hoạch – Tài chính", 1),
    ("bcvt", K.DEPARTMENT, "Phòng Bưu chính, Viễn thông", 2),
    ("cntt", K.DEPARTMENT, "Phòng Công nghệ thông tin", 2),
    ("tbx", K.DEPARTMENT, "Phòng Thông tin – Báo chí – Xuất bản", 2),
    ("ttcn", K.SERVICE_UNIT, "Trung tâm Công nghệ thông tin và Truyền thông", 3),
    ("ttdv", K.SERVICE_UNIT, "Trung tâm Thông tin và Dịch vụ truyền thông", 4),
]

# The staff on 31/12/2017: (unit key or None for the agency's leadership, category, position, count).
ROSTER = [
    (None, CC, P.DIRECTOR, 1),
    (None, CC, P.DEPUTY_DIRECTOR, 3),
    ("vp", CC, P.HEAD, 1),
    ("vp", CC, P.DEPUTY_HEAD, 1),
    ("vp", CC, P.STAFF, 3),
    ("tt", CC, P.HEAD, 1),
    ("tt", CC, P.STAFF, 3),
    ("khtc", CC, P.HEAD, 1),
    ("khtc", CC, P.DEPUTY_HEAD, 1),
    ("khtc", CC, P.STAFF, 2),
    ("bcvt", CC, P.HEAD, 1),
    ("bcvt", CC, P.DEPUTY_HEAD, 1),
    ("bcvt", CC, P.STAFF, 2),
    ("cntt", CC, P.HEAD, 1),
    ("cntt", CC, P.DEPUTY_HEAD, 1),
    ("cntt", CC, P.STAFF, 2),
    ("tbx", CC, P.HEAD, 1),
    ("tbx", CC, P.DEPUTY_HEAD, 1),
    ("tbx", CC, P.STAFF, 3),
    ("ttcn", VC, P.UNIT_DIRECTOR, 1),
    ("ttcn", VC, P.UNIT_DEPUTY_DIRECTOR, 1),
    ("ttcn", VC, P.STAFF, 14),
    ("ttdv", VC, P.UNIT_DIRECTOR, 1),
    ("ttdv", VC, P.UNIT_DEPUTY_DIRECTOR, 1),
    ("ttdv", VC, P.STAFF, 11),
    ("vp", HD, P.STAFF, 4),
    ("ttcn", HD, P.STAFF, 1),
]
WOMEN = {CC: 12, VC: 6, HD: 2}
ETHNIC_MINORITY = {VC: 2}
# Education of the staff, in order of seniority within each category.
EDUCATION = {
    CC: [("doctor", 1), ("master", 3), ("bachelor", 26)],
    VC: [("master", 1), ("bachelor", 26), ("intermediate", 1), ("other", 1)],
    HD: [],  # no degree recorded: counted as "Khác"
}
# Political theory by seniority over the permanent staff: the rest hold none.
POLITICAL = [("bachelor", 3), ("advanced", 5), ("intermediate", 22)]
NON_PARTY = {VC: 6, HD: 4}  # the youngest public employees and most contract staff
ADMITTED_2017, RECOGNIZED_2017 = 3, 6
YOUTH, VETERANS = 23, 4

SENIORITY = [
    P.DIRECTOR,
    P.DEPUTY_DIRECTOR,
    P.UNIT_DIRECTOR,
    P.HEAD,
    P.UNIT_DEPUTY_DIRECTOR,
    P.DEPUTY_HEAD,
    P.STAFF,
]

SURNAMES = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Huỳnh",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
]
KHMER_SURNAMES = ["Thạch", "Kim", "Sơn", "Lâm"]
MIDDLE = {
    "male": ["Văn", "Minh", "Quốc", "Thanh", "Hữu", "Công", "Hoàng"],
    "female": ["Thị", "Ngọc", "Thanh", "Kim", "Mỹ", "Thúy"],
}
GIVEN = {
    "male": [
        "An",
        "Bình",
        "Cường",
        "Dũng",
        "Hải",
        "Hùng",
        "Khoa",
        "Long",
        "Nam",
        "Phúc",
        "Quang",
        "Tâm",
        "Thắng",
        "Trí",
        "Tuấn",
        "Vinh",
        "Hiếu",
        "Lộc",
        "Nghĩa",
        "Tài",
    ],
    "female": [
        "Anh",
        "Châu",
        "Dung",
        "Hà",
        "Hạnh",
        "Hương",
        "Lan",
        "Linh",
        "Mai",
        "Ngân",
        "Nhung",
        "Oanh",
        "Phương",
        "Thảo",
        "Trang",
        "Uyên",
        "Vy",
        "Yến",
    ],
}


def _date(rng, start_year, end_year):
    return dt.date(rng.randint(start_year, end_year), rng.randint(1, 12), rng.randint(1, 28))


class Builder:
    def __init__(self):
        self.rng = random.Random(2017)
        self.names = set()
        self.orgs = {}

    # Names and numbers are invented: deterministic so every load gives the same demo.
    def name(self, gender, khmer=False):
        while True:
            surname = self.rng.choice(KHMER_SURNAMES if khmer else SURNAMES)
            full = f"{surname} {self.rng.choice(MIDDLE[gender])} {self.rng.choice(GIVEN[gender])}"
            if full not in self.names:
                self.names.add(full)
                return full

    def cccd(self, gender, birth):
        century = (0 if gender == "male" else 1) + (2 if birth.year >= 2000 else 0)
        return f"084{century}{birth.year % 100:02d}{self.rng.randint(0, 999999):06d}"

    def person(self, gender, birth, ethnicity="Kinh", home="committee"):
        return actions.create_person(
            None,
            home_org=self.orgs[home],
            full_name=self.name(gender, ethnicity == "Khmer"),
            gender=gender,
            birth_date=birth,
            ethnicity=ethnicity,
            cccd=self.cccd(gender, birth),
            phone=f"09{self.rng.randint(10000000, 99999999)}",
            address="Thành phố Trà Vinh, tỉnh Trà Vinh",
        )


def load(stdout):
    if Organization.objects.filter(slug=SLUG).exists():
        stdout.write("  tổ chức, con người: đã có, bỏ qua")
        return
    b = Builder()
    _organizations(b)
    staff = _staff(b)
    _party(b, staff)
    _mass(b, staff)
    _committees(b, staff)
    _history(b)
    _statistics_records(b, staff)
    _users(b, staff)
    # Last, so the random draws of everyone before them stay as they were.
    _superior_officers(b)
    stdout.write(f"  tổ chức, con người: {Person.objects.count()} hồ sơ")


def _organizations(b):
    create = org_actions.create_org
    superior = create(
        None,
        kind=K.SUPERIOR_COMMITTEE,
        name="Đảng ủy Dân chính Đảng tỉnh Trà Vinh",
        slug=SUPERIOR_SLUG,
        valid_from=dt.date(2008, 1, 1),
        symbol="ĐU",
        place="Trà Vinh",
    )
    org_actions.rename_org(
        None, superior, "Đảng ủy Khối các cơ quan tỉnh Trà Vinh", dt.date(2016, 4, 1)
    )
    superior = org_actions.set_symbol(None, superior, "ĐUK")
    committee = create(
        None,
        kind=K.PARTY_COMMITTEE,
        name="Đảng bộ Sở Thông tin và Truyền thông",
        slug=SLUG,
        parent=superior,
        valid_from=FOUNDED,
        symbol="ĐU",
        place="Trà Vinh",
        founding_document="Quyết định số 5383-QĐ/ĐU ngày 24/4/2014 của Ban Thường vụ Đảng ủy Dân chính Đảng",
    )
    b.orgs["superior"], b.orgs["committee"] = superior, committee
    for n in range(1, 5):
        b.orgs[f"cell{n}"] = create(
            None,
            kind=K.PARTY_CELL,
            name=f"Chi bộ {n}",
            slug=f"so-tttt-chi-bo-{n}",
            parent=committee,
            valid_from=FOUNDED,
        )
    agency = create(
        None,
        kind=K.AGENCY,
        name="Sở Thông tin và Truyền thông tỉnh Trà Vinh",
        slug="so-tttt-co-quan",
        parent=committee,
        valid_from=FOUNDED,
        place="Trà Vinh",
    )
    b.orgs["agency"] = agency
    for key, kind, name, _cell in UNITS:
        b.orgs[key] = create(
            None, kind=kind, name=name, slug=f"so-tttt-{key}", parent=agency, valid_from=FOUNDED
        )
    for key, kind, name in [
        ("union", K.TRADE_UNION, "Công đoàn cơ sở Sở Thông tin và Truyền thông"),
        ("youth", K.YOUTH_UNION, "Chi đoàn Sở Thông tin và Truyền thông"),
        ("veterans", K.VETERANS, "Chi hội Cựu chiến binh Sở Thông tin và Truyền thông"),
    ]:
        b.orgs[key] = create(
            None, kind=kind, name=name, slug=f"so-tttt-{key}", parent=committee, valid_from=FOUNDED
        )
    for year in (2016, 2017, 2018):
        actions.set_staff_quota(None, agency, year, CC, 30)
        actions.set_staff_quota(None, agency, year, VC, 32)


def _staff(b):
    """Create the staff of the roster with their attributes; returns [(person, info)] by seniority."""
    rows = []
    for unit, category, position, count in ROSTER:
        rows += [(unit, category, position)] * count
    rows.sort(key=lambda r: SENIORITY.index(r[2]))
    staff = []
    for category in (CC, VC, HD):
        group = [r for r in rows if r[1] == category]
        n = len(group)
        # Seniors are older; women and minorities fall on positions other than the first.
        women = set(b.rng.sample(range(1, n), WOMEN.get(category, 0)))
        minority = set(
            b.rng.sample(sorted(set(range(1, n)) - women), ETHNIC_MINORITY.get(category, 0))
        )
        education = [lvl for lvl, c in EDUCATION[category] for _ in range(c)]
        for i, (unit, _cat, position) in enumerate(group):
            birth = _date(b.rng, 1963 + i * 30 // n, 1970 + i * 27 // n)
            gender = "female" if i in women else "male"
            person = b.person(gender, birth, "Khmer" if i in minority else "Kinh")
            hired = max(dt.date(birth.year + 23, birth.month, birth.day), dt.date(2001, 1, 1))
            hired = min(hired, dt.date(2016, 9, 1))
            actions.add_staff_record(
                None,
                person,
                agency=b.orgs["agency"],
                category=category,
                unit=b.orgs[unit] if unit else None,
                position=position,
                valid_from=hired,
            )
            if i < len(education):
                actions.add_qualification(
                    None,
                    person,
                    kind="education",
                    level=education[i],
                    obtained_on=dt.date(hired.year - 1, 7, 15),
                )
            staff.append(
                {
                    "person": person,
                    "category": category,
                    "unit": unit,
                    "hired": hired,
                    "rank": i,
                    "size": n,
                }
            )
    permanent = [s for s in staff if s["category"] != HD]
    levels = [lvl for lvl, c in POLITICAL for _ in range(c)]
    for s, level in zip(permanent, levels, strict=False):
        actions.add_qualification(
            None,
            s["person"],
            kind="political_theory",
            level=level,
            obtained_on=dt.date(max(s["hired"].year, 2005), 12, 20),
        )
    return staff


def _cell_of(b, unit):
    if unit is None:
        return b.orgs["cell1"]
    return b.orgs[f"cell{next(c for k, _kind, _n, c in UNITS if k == unit)}"]


def _party(b, staff):
    members = []
    for category in (CC, VC, HD):
        group = [s for s in staff if s["category"] == category]
        # The youngest of each group stay outside the Party.
        young_first = sorted(group, key=lambda s: s["person"].birth_date, reverse=True)
        outside = {s["person"].id for s in young_first[: NON_PARTY.get(category, 0)]}
        members += [s for s in group if s["person"].id not in outside]
    youngest = sorted(members, key=lambda s: s["person"].birth_date, reverse=True)
    admitted_2017 = youngest[:ADMITTED_2017]
    admitted_2016 = youngest[ADMITTED_2017 : ADMITTED_2017 + RECOGNIZED_2017]
    for i, s in enumerate(admitted_2017):
        cell = _cell_of(b, s["unit"])
        actions.register_candidate(None, s["person"], cell, dt.date(2016, 3, 1 + i))
        actions.admit(None, s["person"], cell, dt.date(2017, 3 + 2 * i, 19), card_number="")
    for i, s in enumerate(admitted_2016):
        cell = _cell_of(b, s["unit"])
        admitted = max(dt.date(2016, 1 + i, 15), s["hired"] + dt.timedelta(days=30))
        actions.admit(
            None, s["person"], cell, admitted, card_number=f"84.{b.rng.randint(100000, 999999)}"
        )
        actions.recognize(None, s["person"], add_months(admitted, 12) + dt.timedelta(days=20))
    newer = {s["person"].id for s in admitted_2017 + admitted_2016}
    for s in members:
        if s["person"].id in newer:
            continue
        birth = s["person"].birth_date
        first_year = min(birth.year + 19, 2013)
        admitted = _date(b.rng, first_year, max(first_year, min(birth.year + 32, 2013)))
        official = add_months(admitted, 12)
        actions.transfer_in(
            None,
            s["person"],
            _cell_of(b, s["unit"]),
            max(FOUNDED, s["hired"]),
            admitted_on=admitted,
            official_on=official,
            card_number=f"84.{b.rng.randint(100000, 999999)}",
        )


def _mass(b, staff):
    for s in staff:
        actions.join(
            None,
            s["person"],
            b.orgs["union"],
            Membership.Kind.TRADE_UNION,
            max(FOUNDED, s["hired"]),
        )
    for s in sorted(staff, key=lambda s: s["person"].birth_date, reverse=True)[:YOUTH]:
        actions.join(
            None,
            s["person"],
            b.orgs["youth"],
            Membership.Kind.YOUTH_UNION,
            max(FOUNDED, s["hired"]),
        )
    oldest_men = [
        s
        for s in sorted(staff, key=lambda s: s["person"].birth_date)
        if s["person"].gender == "male"
    ]
    for s in oldest_men[:VETERANS]:
        actions.join(None, s["person"], b.orgs["veterans"], Membership.Kind.VETERANS, FOUNDED)


def _committees(b, staff):
    """BCH and UBKT of the committee for 2015-2020, and the cells' committees for 2017-2020."""
    party = {m.person_id for m in Membership.objects.filter(kind=Membership.Kind.PARTY)}
    seniors = [s["person"] for s in staff if s["person"].id in party and s["category"] != HD]
    start, end = dt.date(2015, 6, 20), dt.date(2020, 7, 1)
    bch = org_actions.open_term(
        None, b.orgs["committee"], name="2015-2020", valid_from=start, valid_to=end
    )
    roles = [Position.Role.SECRETARY, Position.Role.DEPUTY_SECRETARY] + [Position.Role.MEMBER] * 5
    for person, role in zip(seniors[: len(roles)], roles, strict=True):
        org_actions.appoint(None, bch, person, role, start)
    ubkt = org_actions.open_term(
        None,
        b.orgs["committee"],
        name="2015-2020",
        valid_from=start,
        valid_to=end,
        body=Term.Body.INSPECTION,
    )
    for person, role in zip(
        seniors[1:4], [Position.Role.CHAIR, Position.Role.MEMBER, Position.Role.MEMBER], strict=True
    ):
        org_actions.appoint(None, ubkt, person, role, start)
    for n in range(1, 5):
        cell = b.orgs[f"cell{n}"]
        cell_members = [
            p for p in seniors if Membership.objects.filter(person=p, org=cell).exists()
        ]
        term = org_actions.open_term(
            None,
            cell,
            name="2017-2020",
            valid_from=dt.date(2017, 5, 10),
            valid_to=dt.date(2020, 6, 1),
        )
        org_actions.appoint(None, term, cell_members[0], Position.Role.SECRETARY, term.valid_from)
        org_actions.appoint(
            None, term, cell_members[1], Position.Role.DEPUTY_SECRETARY, term.valid_from
        )


def _superior_officers(b):
    """The Đảng ủy Khối's executive of 2015-2020 with its secretary and a deputy: who signs the
    Khối's own reports. Invented people kept at the Khối, outside the committee's records."""
    start, end = dt.date(2015, 8, 12), dt.date(2020, 8, 1)
    term = org_actions.open_term(
        None, b.orgs["superior"], name="2015-2020", valid_from=start, valid_to=end
    )
    secretary = b.person("male", dt.date(1962, 3, 8), home="superior")
    deputy = b.person("female", dt.date(1968, 11, 21), home="superior")
    org_actions.appoint(None, term, secretary, Position.Role.SECRETARY, start)
    org_actions.appoint(
        None, term, deputy, Position.Role.DEPUTY_SECRETARY, start, title="Phó Bí thư Thường trực"
    )


def _history(b):
    """Changes around 2017 so that the structure differs by date, as real records do."""
    # A member who left for another province in August 2017: in the mid-year figures only.
    p = b.person("male", dt.date(1984, 5, 2))
    actions.add_staff_record(
        None,
        p,
        agency=b.orgs["agency"],
        unit=b.orgs["cntt"],
        category=CC,
        valid_from=dt.date(2010, 3, 1),
    )
    actions.add_qualification(
        None, p, kind="education", level="bachelor", obtained_on=dt.date(2006, 7, 1)
    )
    actions.transfer_in(
        None,
        p,
        b.orgs["cell2"],
        FOUNDED,
        admitted_on=dt.date(2008, 9, 2),
        official_on=dt.date(2009, 9, 2),
    )
    actions.join(None, p, b.orgs["union"], Membership.Kind.TRADE_UNION, FOUNDED)
    left = dt.date(2017, 8, 1)
    actions.transfer_out(
        None,
        p,
        left,
        "Đảng bộ Sở Thông tin và Truyền thông tỉnh Vĩnh Long",
        left_to=Membership.Place.OTHER_PROVINCE,
    )
    actions.end_membership(
        None,
        Membership.objects.get(person=p, kind=Membership.Kind.TRADE_UNION),
        left,
        Membership.EndReason.LEFT,
    )
    actions.end_staff_record(None, StaffRecord.objects.get(person=p), left)
    # In 2018 a probationary member is recognised and a member of Chi bộ 2 moves away.
    probationers = Membership.objects.filter(
        kind=Membership.Kind.PARTY, person__party__recognized_on=None
    )
    first = probationers.order_by("person__party__admitted_on").first().person
    actions.recognize(None, first, add_months(first.party.admitted_on, 12) + dt.timedelta(days=10))
    mover = (
        Membership.objects.filter(kind=Membership.Kind.PARTY, org=b.orgs["cell2"], valid_to=None)
        .exclude(person__positions__isnull=False)
        .order_by("person__sort_name")
        .first()
        .person
    )
    actions.transfer_out(
        None,
        mover,
        dt.date(2018, 6, 1),
        "Đảng bộ Báo Trà Vinh",
        left_to=Membership.Place.SAME_DISTRICT,
    )
    for m in Membership.objects.filter(person=mover, valid_to=None):
        actions.end_membership(None, m, dt.date(2018, 6, 1), Membership.EndReason.LEFT)
    actions.end_staff_record(
        None, StaffRecord.objects.get(person=mover, valid_to=None), dt.date(2018, 6, 1)
    )
    # In 2016 Chi bộ 1 received for six months a member of another province's department on a
    # secondment (sinh hoạt đảng tạm thời): a host cell's record, ended before the 2017 figures.
    # A fixed invented name: drawing one would shift every name drawn after it.
    actions.attach_temporarily(
        None,
        b.orgs["cell1"],
        full_name="Lâm Quốc Thái",
        home_org_name="Chi bộ Phòng Bưu chính, Đảng bộ Sở Thông tin và Truyền thông tỉnh Sóc Trăng",
        papers="Giấy giới thiệu sinh hoạt đảng tạm thời số 12-GGT/ĐU ngày 25/02/2016",
        valid_from=dt.date(2016, 3, 1),
        valid_to=dt.date(2016, 9, 1),
        note="Biệt phái hỗ trợ chuyển đổi số",
    )


# The forms' occupations of the department's staff: its civil servants work in a State agency
# of the province, its public employees in public service units, contract staff are "other".
OCCUPATION = {
    CC: Person.Occupation.STATE_OFFICIAL,
    VC: Person.Occupation.PUBLIC_EMPLOYEE,
    HD: Person.Occupation.OTHER,
}
# Badges are awarded on the anniversary of the Party's founding (3 February).
BADGE_DAY = (2, 3)


def _statistics_records(b, staff):
    """What the statistical forms count beyond section I: each person's occupation, general
    education and religion; Party badges and member cards; a member struck off in 2019 and
    restored in 2020, and a public employee's resignation in 2022."""
    for s in staff:
        person = s["person"]
        fields = {
            "occupation": OCCUPATION[s["category"]],
            "general_education": Person.GeneralEducation.UPPER_SECONDARY,
        }
        if person.ethnicity == "Khmer":
            fields["religion"] = "Phật giáo Nam tông Khmer"
        actions.update_person(None, person, **fields)
    party = Membership.objects.filter(kind=Membership.Kind.PARTY).select_related("person__party")
    today = dt.date.today()
    for m in party.filter(valid_to=None).order_by("person__sort_name"):
        admitted = m.person.party.admitted_on
        for years in PartyBadge.YEARS:
            due = dt.date(admitted.year + years, *BADGE_DAY)
            if due < dt.date(admitted.year + years, admitted.month, admitted.day):
                due = due.replace(year=due.year + 1)
            if due <= today:
                actions.award_badge(None, m.person, years, due, decision="Quyết định của Tỉnh ủy")
    recognized = party.filter(
        valid_to=None, person__party__recognized_on__year__in=[2017, 2018]
    ).order_by("person__sort_name")
    for m in recognized:
        profile = m.person.party
        number = profile.card_number or f"84.{b.rng.randint(100000, 999999)}"
        issued = add_months(profile.recognized_on, 3)
        actions.issue_card(None, m.person, number, issued, "first")
    first = recognized.first()
    if first is not None:
        actions.issue_card(
            None, first.person, first.person.party.card_number, dt.date(2021, 5, 4), "lost"
        )
    contract = [
        s["person"]
        for s in reversed(staff)
        if s["category"] == VC
        and Membership.objects.filter(
            person=s["person"], kind=Membership.Kind.PARTY, valid_to=None
        ).exists()
        and not s["person"].positions.exists()
    ]
    if len(contract) >= 2:
        struck, leaving = contract[0], contract[1]
        cell = Membership.objects.get(person=struck, kind=Membership.Kind.PARTY, valid_to=None).org
        actions.strike_off(None, struck, dt.date(2019, 10, 1), "Bỏ sinh hoạt ba tháng liền")
        actions.restore_membership(None, struck, cell, dt.date(2020, 9, 1))
        actions.resign(None, leaving, dt.date(2022, 4, 1), "Xin ra khỏi Đảng vì lý do gia đình")


DEMO_USERS = [
    # username, role, organization key, description shown by `make demo`
    ("vanphong", Role.Kind.OFFICE, "committee", "Văn phòng Đảng ủy Sở (toàn bộ đảng bộ)"),
    ("bithu1", Role.Kind.SECRETARY, "cell1", "Bí thư Chi bộ 1 (chỉ chi bộ 1)"),
    ("dangvien", Role.Kind.MEMBER, None, "Đảng viên (chỉ hồ sơ của mình)"),
    ("captren", Role.Kind.SUPERIOR, "superior", "Đảng ủy Khối các cơ quan tỉnh (chỉ xem)"),
]


def _users(b, staff):
    User = get_user_model()
    member = next(
        s["person"]
        for s in staff
        if s["unit"] == "vp"
        and s["category"] == CC
        and Membership.objects.filter(person=s["person"], kind="party").exists()
        and not s["person"].positions.exists()
    )
    for username, kind, key, _desc in DEMO_USERS:
        # Not accounts.actions.create_account: it gives every login a usable password, either
        # one to change at the first login or one passed in, and the demo logins' shared
        # password is chosen by load_demo after these steps; until then they have none.
        user, _ = User.objects.get_or_create(username=username)
        user.set_unusable_password()
        user.save()
        account_actions.grant_role(
            None,
            user,
            kind,
            org=b.orgs.get(key) if key else None,
            person=member if kind == Role.Kind.MEMBER else None,
        )
