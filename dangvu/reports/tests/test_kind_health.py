"""Health and public-service units read as their Party offices read them: an invented provincial
hospital's committee with department cells, an invented district health centre's committee with
health-station cells, an invented commune committee with its health station's cell, and an
invented provincial radio-TV station's committee; each created and filled through the commands
and actions with a year of members, admissions, meetings, ratings and fees."""

import datetime as dt
from functools import partial

import pytest

from dangvu.accounts.tests.helpers import run
from dangvu.finance import actions as finance
from dangvu.meetings import actions as meetings
from dangvu.orgs import kinds
from dangvu.orgs.models import Organization
from dangvu.people import actions as people
from dangvu.people.models import Membership
from dangvu.review import actions as review

pytestmark = pytest.mark.django_db

YEAR = dt.date.today().year - 1  # a whole year of records
FOUNDED = dt.date(YEAR - 12, 3, 1)


def _committee(name, kind_code, superior, place, cells):
    """A grassroots committee of type `kind_code` and its cells (by name, no type of their own),
    three members a cell, through the commands and actions."""
    slug = run(
        "create_org", "--name", name, "--kind", "party_committee",
        "--from", FOUNDED.isoformat(), "--place", place, "--superior-name", superior,
        "--founding-document",
        f"Quyết định số 112-QĐ/TU ngày 01/3/{FOUNDED.year} của Ban Thường vụ",
        "--type", kind_code, "--term", f"{YEAR - 2}-{YEAR + 3}",
    ).strip()  # fmt: skip
    committee = Organization.objects.get(slug=slug)
    for c, cell_name in enumerate(cells):
        cell = Organization.objects.get(
            slug=run(
                "create_org", "--name", cell_name, "--kind", "party_cell", "--parent", slug
            ).strip()
        )
        for n in range(3):
            person = people.create_person(
                None, home_org=cell, full_name=f"Lê Thị Thử {c} {chr(65 + n)}",
                gender="female", birth_date=dt.date(1975 + 4 * n, 4, 2),
            )  # fmt: skip
            people.transfer_in(
                None, person, cell, FOUNDED,
                admitted_on=dt.date(2000 + 3 * n, 5, 19), official_on=dt.date(2001 + 3 * n, 5, 19),
            )  # fmt: skip
    return committee


def _year_of_records(committee):
    """Admissions, monthly meetings, the year's ratings and fees of every cell."""
    for cell in committee.children.filter(kind=Organization.Kind.PARTY_CELL):
        members = [m.person for m in Membership.objects.filter(org=cell, kind="party")]
        newcomer = people.create_person(
            None, home_org=cell, full_name=f"Võ Văn Mới {cell.id}", gender="male",
            birth_date=dt.date(1996, 1, 1),
        )  # fmt: skip
        people.register_candidate(None, newcomer, cell, dt.date(YEAR - 1, 9, 1))
        people.admit(None, newcomer, cell, dt.date(YEAR, 5, 19))
        for month in range(1, 13):
            meetings.record_meeting(
                None, cell=cell, kind="regular_meeting", starts_on=dt.date(YEAR, month, 5),
                attendance={p: "present" for p in members},
            )  # fmt: skip
        for person in members:
            finance.set_salary_base(None, person, month=dt.date(YEAR, 1, 1), amount=8_000_000)
            finance.record_payment(
                None, person, paid_on=dt.date(YEAR, 12, 10), amount=80_000 * 12,
                first_month=dt.date(YEAR, 1, 1), months=12,
            )  # fmt: skip
            review.evaluate(
                None, org=committee, year=YEAR, evaluated_on=dt.date(YEAR, 12, 20),
                subject_person=person, band="good",
            )  # fmt: skip
        review.evaluate(
            None, org=committee, year=YEAR, evaluated_on=dt.date(YEAR, 12, 20),
            subject_org=cell, band="good",
        )  # fmt: skip


def _profile(org, day, **figures):
    run("org_profile", "--org", org.slug, "--date", day, *(f"{k}={v}" for k, v in figures.items()))


def _report(tmp_path, org, kind="annual", period=None):
    out = tmp_path / f"{org.slug}-{kind}.md"
    args = ["report", kind, "--org", org.slug, "--year", str(YEAR), "--out", str(out)]
    run(*args, *(["--period", period] if period else []))
    return out.read_text(encoding="utf-8")


def _health_centre():
    return _committee(
        "Đảng bộ Trung tâm Y tế huyện Kênh Xáng", "su-nghiep-y-te", "Đảng bộ huyện Kênh Xáng",
        "Kênh Xáng", ["Chi bộ Khoa Nội - Nhi", "Chi bộ Trạm Y tế xã Tân Hưng"],
    )  # fmt: skip


def _hospital():
    return _committee(
        "Đảng bộ Bệnh viện Đa khoa tỉnh Hòa Giang", "su-nghiep-y-te",
        "Đảng bộ Khối các cơ quan tỉnh Hòa Giang", "Hòa Giang",
        ["Chi bộ Khoa Nội", "Chi bộ Khoa Ngoại"],
    )  # fmt: skip


def _part(text, title, next_title):
    """The text of a report between two headings."""
    return text.split(title, 1)[1].split(next_title, 1)[0]


STATION_WORK = (
    "LÃNH ĐẠO THỰC HIỆN NHIỆM VỤ CHUYÊN MÔN CỦA TRẠM Y TẾ",
    "Khám, chữa bệnh ban đầu",
    "Tiêm chủng mở rộng, y tế dự phòng",
    "Chương trình y tế quốc gia",
)


def _local(name, code, station):
    """A commune's or ward's committee with a hamlet's cell and its health station's."""
    return _committee(name, code, "Đảng bộ huyện Kênh Xáng", "Long Điền", ["Chi bộ ấp 1", station])


@pytest.mark.parametrize(
    "build,station",
    [
        (_health_centre, "Chi bộ Trạm Y tế xã Tân Hưng"),
        (
            partial(_local, "Đảng bộ xã Long Điền", "xa", "Chi bộ Trạm Y tế xã Long Điền"),
            "Chi bộ Trạm Y tế xã Long Điền",
        ),
        # As Sa Đéc's ward names its station's cell.
        (
            partial(_local, "Đảng bộ phường 4", "phuong", "Chi bộ Y tế phường 4"),
            "Chi bộ Y tế phường 4",
        ),
    ],
)
def test_a_health_station_s_cell_speaks_of_a_station_s_work(tmp_path, build, station):
    parent = build()
    cell = parent.children.get(name=station)
    assert kinds.kind_on(cell, dt.date(YEAR, 12, 31)).code == "tram-y-te"
    day = f"{YEAR}-12-31"
    _profile(cell, day, staff=7, doctors=1, patients=9800, immunized=64)
    text = _report(tmp_path, cell)
    for words in STATION_WORK:
        assert words in text
    assert "Trạm y tế có 07 viên chức, người lao động, trong đó 01 bác sĩ." in text
    assert "Khám bệnh cho 9.800 lượt người." in text
    assert "Tiêm chủng đầy đủ cho 64 trẻ em dưới 1 tuổi." in text
    # Not a hospital department's, nor a hamlet's.
    for words in ("KHOA, PHÒNG", "Khoa, phòng", "nghiên cứu khoa học", "giường", "Địa bàn chi bộ"):
        assert words not in text
    six = _report(tmp_path, cell, "six_month", "H1")
    assert "Khoa, phòng" not in six and "9.800" not in six  # the year's visits are not the half's
    # The station's profile offers a station's figures, no beds.
    listing = run("org_profile", "--org", cell.slug)
    assert "Trẻ em dưới 1 tuổi được tiêm chủng đầy đủ" in listing and "Giường bệnh" not in listing


def test_a_hospital_s_department_cell_keeps_its_department_s_wording(tmp_path):
    hospital = _hospital()
    text = _report(tmp_path, hospital)
    political = _part(
        text, "LÃNH ĐẠO THỰC HIỆN NHIỆM VỤ CHĂM SÓC, BẢO VỆ SỨC KHỎE NHÂN DÂN", "III."
    )
    assert "Khám, chữa bệnh và chất lượng dịch vụ y tế" in political
    assert "Đào tạo, nghiên cứu khoa học, chỉ đạo tuyến" in political
    assert "ban đầu" not in political and "Tiêm chủng mở rộng" not in political
    cell = hospital.children.get(name="Chi bộ Khoa Nội")
    assert kinds.kind_on(cell, dt.date(YEAR, 12, 31)).code == "su-nghiep-y-te"
    _profile(cell, f"{YEAR}-12-31", staff=45, doctors=12)
    cell_text = _report(tmp_path, cell)
    assert "LÃNH ĐẠO THỰC HIỆN NHIỆM VỤ CHUYÊN MÔN CỦA KHOA, PHÒNG" in cell_text
    assert "Khoa, phòng có 45 viên chức, người lao động, trong đó 12 bác sĩ." in cell_text


def test_visits_are_the_period_s_and_stated_against_the_year_before(tmp_path):
    hospital = _hospital()
    _profile(hospital, f"{YEAR - 1}-12-31", patients=290000, inpatients=40000, staff=600)
    text = _report(tmp_path, hospital)
    # Last year's visits are not this year's; a count as of a day holds until the next record.
    assert "290.000" not in text and "40.000" not in text
    assert "Đơn vị có 600 cán bộ, viên chức, người lao động." in text
    _profile(hospital, f"{YEAR}-12-31", patients=310000, inpatients=42000, beds=700, doctors=150)
    text = _report(tmp_path, hospital)
    treatment = _part(text, "Khám, chữa bệnh và chất lượng dịch vụ y tế", "2. ")
    assert "Khám bệnh cho 310.000 lượt người, tăng 6,9% so với năm trước." in treatment
    assert "Điều trị nội trú cho 42.000 lượt người bệnh, tăng 5% so với năm trước." in treatment
    assert (
        "Đơn vị có 600 cán bộ, viên chức, người lao động, trong đó 150 bác sĩ; 700 giường bệnh."
        in text
    )
    _profile(hospital, f"{YEAR - 1}-06-30", patients=150000)
    _profile(hospital, f"{YEAR}-06-30", patients=141000)
    six = _report(tmp_path, hospital, "six_month", "H1")
    assert (
        f"Khám bệnh 6 tháng đầu năm {YEAR} cho 141.000 lượt người, giảm 6% so với cùng kỳ năm trước."
    ) in six
    assert "310.000" not in six


def test_union_members_are_counted_as_members_not_as_comrades(tmp_path):
    for unit in (_hospital(), _radio_tv()):
        union = Organization.objects.get(
            slug=run(
                "create_org", "--name", "Công đoàn cơ sở", "--kind", "trade_union",
                "--parent", unit.slug,
            ).strip()
        )  # fmt: skip
        for n in range(4):
            worker = people.create_person(
                None, home_org=union, full_name=f"Đặng Thị Công {unit.id} {chr(65 + n)}",
                gender="female", birth_date=dt.date(1995, 1, 1 + n),
            )  # fmt: skip
            people.join(None, worker, union, "trade_union", dt.date(YEAR, 2, 1))
        text = _report(tmp_path, unit)
        assert "Công đoàn có 04 đoàn viên." in text
        assert "công đoàn: 04 đồng chí" not in text.lower()


def _radio_tv():
    return _committee(
        "Đảng bộ Đài Phát thanh và Truyền hình tỉnh Hòa Giang", "su-nghiep-cong-lap",
        "Đảng bộ Khối các cơ quan tỉnh Hòa Giang", "Hòa Giang",
        ["Chi bộ Phòng Thời sự", "Chi bộ Phòng Kỹ thuật - Công nghệ"],
    )  # fmt: skip


def test_a_public_service_unit_states_its_own_figures_not_a_school_s_or_a_hospital_s(tmp_path):
    station = _radio_tv()
    listing = run("org_profile", "--org", station.slug)
    for label in ("Giáo viên", "Học sinh", "Giường bệnh", "Bác sĩ"):
        assert label not in listing
    assert "Hiệu trưởng" not in kinds.get("su-nghiep-cong-lap").positions
    _profile(station, f"{YEAR - 1}-12-31", revenue=24000)
    _profile(station, f"{YEAR}-12-31", revenue=27600, staff=140)
    text = _report(tmp_path, station)
    autonomy = _part(text, "Thực hiện cơ chế tự chủ, đổi mới hoạt động của đơn vị", "III.")
    assert f"Thu sự nghiệp năm {YEAR} đạt 27,6 tỷ đồng, tăng 15% so với năm trước." in autonomy
    assert "Đơn vị có 140 cán bộ, viên chức, người lao động." in text
    _profile(station, f"{YEAR}-06-30", revenue=12500)
    six = _report(tmp_path, station, "six_month", "H1")
    assert f"Thu sự nghiệp 6 tháng đầu năm {YEAR} đạt 12,5 tỷ đồng." in six


def test_a_health_centre_s_year_of_records_is_stated(tmp_path):
    centre = _health_centre()
    _year_of_records(centre)
    text = _report(tmp_path, centre)
    assert "có 02 chi bộ trực thuộc với 08 đảng viên, trong đó 06 đảng viên chính thức" in text
    assert "Kết nạp 02 đảng viên mới." in text
    assert "24 lượt chi bộ sinh hoạt thường kỳ trên 24 lượt theo quy định" in text
    assert "- Tổ chức đảng: Hoàn thành tốt nhiệm vụ: 02." in text
    assert "Thu đảng phí | : 5.760.000 đồng" in text
    station = centre.children.get(name="Chi bộ Trạm Y tế xã Tân Hưng")
    station_text = _report(tmp_path, station)
    assert "trực thuộc Đảng ủy Trung tâm Y tế huyện Kênh Xáng" in station_text
    assert "Trong năm, 01 quần chúng được kết nạp vào Đảng tại chi bộ." in station_text
    assert "LÃNH ĐẠO THỰC HIỆN NHIỆM VỤ CHUYÊN MÔN CỦA TRẠM Y TẾ" in station_text
