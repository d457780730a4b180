"""An enterprise's year read as its Party office reads it: an invented joint-stock company's
committee (cells by workshop and branch) under an invented provincial enterprise bloc, created
and filled through the commands. Its business figures are stated where the report speaks of
production and business, each against the year before; a figure of an earlier year is never
this year's; its trade union counts workers as "đoàn viên", not as comrades."""

import datetime as dt
import json

import pytest
from django.core.management.base import CommandError

from dangvu.accounts.tests.helpers import run
from dangvu.lib.text import dong
from dangvu.orgs.models import Organization
from dangvu.people import actions as people

YEAR = dt.date.today().year - 1  # a whole year of records
FOUNDED = dt.date(YEAR - 15, 6, 1)
BLOC = "Đảng bộ Khối Doanh nghiệp tỉnh Hòa Giang"  # invented
CELLS = ["Chi bộ Phân xưởng Cơ khí", "Chi bộ Chi nhánh Thành phố"]


def _person(org, name, born):
    return people.create_person(
        None, home_org=org, full_name=name, gender="female", birth_date=born
    )


def _company():
    slug = run(
        "create_org",
        "--name",
        "Đảng bộ Công ty Cổ phần Cơ khí Hòa Giang",
        "--kind",
        "party_committee",
        "--from",
        FOUNDED.isoformat(),
        "--place",
        "Hòa Giang",
        "--superior-name",
        BLOC,
        "--founding-document",
        f"Quyết định số 45-QĐ/ĐUK ngày 01/6/{FOUNDED.year} của Ban Thường vụ Đảng ủy Khối",
        "--type",
        "doanh-nghiep-von-nha-nuoc",
    ).strip()
    for name in CELLS:
        cell = Organization.objects.get(
            slug=run("create_org", "--name", name, "--kind", "party_cell", "--parent", slug).strip()
        )
        for n in range(3):
            person = _person(cell, f"Võ Thị Thử {cell.id} {chr(65 + n)}", dt.date(1980 + n, 1, 1))
            people.transfer_in(
                None,
                person,
                cell,
                FOUNDED,
                admitted_on=dt.date(2005 + n, 1, 1),
                official_on=dt.date(2006 + n, 1, 1),
            )
    return Organization.objects.get(slug=slug)


def _profile(org, day, **figures):
    run("org_profile", "--org", org.slug, "--date", day, *(f"{k}={v}" for k, v in figures.items()))


def _report(tmp_path, org, kind="annual", period=None):
    out = tmp_path / f"{org.slug}-{kind}.md"
    args = ["report", kind, "--org", org.slug, "--year", str(YEAR), "--out", str(out)]
    run(*args, *(["--period", period] if period else []))
    return out.read_text(encoding="utf-8")


def _part(text, title, next_title):
    """The text of a report between two headings."""
    return text.split(title, 1)[1].split(next_title, 1)[0]


@pytest.mark.parametrize(
    "value,unit,words",
    [
        (1245600, "triệu đồng", "1.245,6 tỷ đồng"),
        (850, "triệu đồng", "850 triệu đồng"),  # a co-operative's revenue stays in millions
        (11250, "nghìn đồng", "11,25 triệu đồng"),
        (999999, "nghìn đồng", "1 tỷ đồng"),  # rounded before the unit is chosen
        (1234567891, "triệu đồng", "1.234.567,89 tỷ đồng"),
    ],
)
def test_sums_are_written_in_the_largest_unit_they_reach(value, unit, words):
    assert dong(value, unit) == words


@pytest.mark.django_db
def test_business_results_are_stated_against_the_year_before(tmp_path):
    company = _company()
    _profile(company, f"{YEAR - 1}-12-31", revenue=800000, profit=40000, average_income=9600)
    _profile(company, f"{YEAR}-12-31", revenue=904000, profit=38000, average_income=9600)
    _profile(company, f"{YEAR}-12-31", employees=640, state_budget=21500)
    text = _report(tmp_path, company)
    results = _part(text, "Kết quả sản xuất, kinh doanh", "Việc làm, thu nhập")
    assert f"Doanh thu năm {YEAR} đạt 904 tỷ đồng, tăng 13% so với năm trước." in results
    assert "Lợi nhuận trước thuế đạt 38 tỷ đồng, giảm 5% so với năm trước." in results
    # No record of the year before: the figure alone, no change.
    assert "Nộp ngân sách Nhà nước 21,5 tỷ đồng." in results
    workers = _part(text, "Việc làm, thu nhập", "An toàn, vệ sinh lao động")
    # Unchanged: no "tăng 0%".
    assert "Thu nhập bình quân của người lao động đạt 9,6 triệu đồng/người/tháng." in workers
    assert "Tổng số người lao động: 640 người." in _part(text, "ĐẶC ĐIỂM, TÌNH HÌNH", "II.")
    # The company answers to the bloc's Đảng ủy.
    assert "báo cáo Đảng ủy Khối Doanh nghiệp tỉnh Hòa Giang để theo dõi, chỉ đạo" in text
    assert "- Đảng ủy Khối Doanh nghiệp tỉnh Hòa Giang (b/c);" in text


@pytest.mark.django_db
def test_a_figure_of_an_earlier_period_is_never_this_period_s(tmp_path):
    company = _company()
    _profile(company, f"{YEAR - 1}-12-31", revenue=800000, profit=40000, employees=610)
    annual = _report(tmp_path, company)
    assert "800 tỷ" not in annual and "40 tỷ" not in annual
    # A count as of a day holds until the next record.
    assert "Tổng số người lao động: 610 người." in annual
    # The half year takes the figures recorded on its last day, against the same half before.
    _profile(company, f"{YEAR - 1}-06-30", revenue=350000)
    _profile(company, f"{YEAR}-06-30", revenue=378000)
    six = _report(tmp_path, company, "six_month", "H1")
    assert (
        f"Doanh thu 6 tháng đầu năm {YEAR} đạt 378 tỷ đồng, tăng 8% so với cùng kỳ năm trước."
    ) in six
    assert "800 tỷ" not in six


@pytest.mark.django_db
def test_union_members_are_counted_as_members_not_as_comrades(tmp_path):
    company = _company()
    union = Organization.objects.get(
        slug=run(
            "create_org",
            "--name",
            "Công đoàn Công ty",
            "--kind",
            "trade_union",
            "--parent",
            company.slug,
        ).strip()
    )
    for n in range(4):  # workers, not Party members
        worker = _person(union, f"Đặng Thị Công {chr(65 + n)}", dt.date(1995, 1, 1 + n))
        people.join(None, worker, union, "trade_union", dt.date(YEAR, 2, 1))
    text = _report(tmp_path, company)
    assert "Công đoàn có 04 đoàn viên." in text
    assert "công đoàn: 04 đồng chí" not in text.lower()


@pytest.mark.django_db
def test_stats_give_the_company_s_own_figures_and_no_agency_staff():
    company = _company()
    _profile(company, f"{YEAR - 1}-12-31", revenue=800000)
    _profile(company, f"{YEAR}-12-31", employees=640, revenue=904000)
    text = run("stats", "--org", company.slug, "--date", f"{YEAR}-12-31")
    lines = {line.split()[-1]: line for line in text.splitlines()[1:]}
    assert lines["profile.employees"].split()[-2] == "640"
    assert lines["profile.revenue"].split()[-2] == "904000"
    assert "Doanh thu (triệu đồng)" in lines["profile.revenue"]
    # A company keeps no civil servants, staff quota or agency directors.
    for name in ("staff.quota", "staff.civil_servant", "agency.directors"):
        assert name not in lines
    # Mid-year, last year's revenue is not this year's.
    mid_year = run("stats", "--org", company.slug, "--date", f"{YEAR}-06-30", "--json")
    assert '"profile.revenue": null' in mid_year and '"profile.employees": null' in mid_year


@pytest.mark.django_db
def test_a_company_s_facts_are_a_company_s():
    company = _company()
    out = run("facts", "--org", company.slug, "--year", str(YEAR), "--json")
    names = set(json.loads(out)["facts"])
    assert {"profile.employees", "profile.revenue", "profile.revenue.increase"} <= names
    # No teachers, pupils, poor households, hamlets or troops in a company.
    for code in ("teachers", "pupils", "poor_households", "hamlets", "population", "troops"):
        assert f"profile.{code}" not in names


@pytest.mark.django_db
def test_a_cooperative_s_cell_under_a_commune_is_neither_a_company_nor_a_department(tmp_path):
    commune = run(
        "create_org",
        "--name",
        "Đảng bộ xã Tân Phú",
        "--kind",
        "party_committee",
        "--from",
        FOUNDED.isoformat(),
        "--superior-name",
        "Đảng bộ huyện Hòa An",
        "--type",
        "xa",
    ).strip()
    slug = run(
        "create_org",
        "--name",
        "Chi bộ Hợp tác xã Nông nghiệp Tân Phú",
        "--kind",
        "party_cell",
        "--parent",
        commune,
    ).strip()
    run("org_profile", "--org", slug, "--type", "hop-tac-xa", "--from", FOUNDED.isoformat())
    cell = Organization.objects.get(slug=slug)
    member = _person(cell, "Huỳnh Thị Hợp", dt.date(1980, 5, 5))
    people.transfer_in(None, member, cell, FOUNDED, admitted_on=dt.date(2005, 1, 1))
    _profile(cell, f"{YEAR}-12-31", employees=45, revenue=850)
    text = _report(tmp_path, cell)
    assert "Tổng số người lao động: 45 người." in text
    assert f"Doanh thu năm {YEAR} đạt 850 triệu đồng." in text
    assert "doanh nghiệp có" not in text.lower() and "bộ phận" not in text.lower()


@pytest.mark.django_db
def test_a_year_of_loss_is_recorded_and_stated_as_a_loss(tmp_path):
    company = _company()
    _profile(company, f"{YEAR - 1}-12-31", profit=3000)
    _profile(company, f"{YEAR}-12-31", profit=-1500, revenue=904000)
    text = _report(tmp_path, company)
    assert "Kết quả kinh doanh lỗ 1,5 tỷ đồng." in text
    assert "Lợi nhuận trước thuế đạt" not in text and "đạt -" not in text
    # No per cent across a loss; the statistics list the figure as recorded.
    assert "% so với năm trước" not in text
    listing = run("stats", "--org", company.slug, "--date", f"{YEAR}-12-31")
    assert [line.split()[-2] for line in listing.splitlines() if "profile.profit" in line] == [
        "-1500"
    ]
    # A figure that cannot be below zero still refuses it, and changes nothing.
    with pytest.raises(CommandError, match="không thể là số âm"):
        _profile(company, f"{YEAR}-12-31", revenue=-5)
