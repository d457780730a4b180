"""What an office exports of its people, it imports back: the export writes every column the
import reads, under the import's headers and in values it takes, so importing an unchanged export
changes nothing and changing one cell changes exactly that. The export stays scoped (a cell's
secretary sees the cell's people only) and keeps texts a spreadsheet would run as formulas
escaped. Invented organizations: a ward committee with two cells, its unions and an agency."""

import datetime as dt
import io

import openpyxl
import pytest
from django.contrib.auth import get_user_model

from dangvu.accounts.models import Role
from dangvu.accounts.scope import scope_for
from dangvu.accounts.tests.helpers import table_counts
from dangvu.orgs import actions as orgs
from dangvu.people import actions, excel
from dangvu.people.models import Membership, PartyProfile, Person, StaffRecord

pytestmark = pytest.mark.django_db

START = dt.date(2010, 1, 1)
UNCHANGED = excel.UNCHANGED
PARTICULARS = [excel.COLUMN[key].header for key in PartyProfile.PARTICULARS]


def _org(kind, name, slug, parent=None, **more):
    return orgs.create_org(
        None, kind=kind, name=name, slug=slug, parent=parent, valid_from=START, **more
    )


@pytest.fixture
def ward():
    """Đảng bộ phường Hòa Xuân with two cells, the three unions, a farmers' association, a school;
    one person of each kind the import reads."""
    org = _org("party_committee", "Đảng bộ phường Hòa Xuân", "phuong-hoa-xuan")
    north = _org("party_cell", "Chi bộ khu phố Bắc", "kp-bac", org)
    south = _org("party_cell", "Chi bộ khu phố Nam", "kp-nam", org)
    unions = {
        kind: _org(kind, name, slug, org)
        for kind, name, slug in [
            ("trade_union", "Công đoàn phường Hòa Xuân", "cd-hoa-xuan"),
            ("youth_union", "Đoàn phường Hòa Xuân", "doan-hoa-xuan"),
            ("veterans", "Hội Cựu chiến binh phường Hòa Xuân", "ccb-hoa-xuan"),
        ]
    }
    farmers = _org("mass", "Hội Nông dân phường Hòa Xuân", "hnd-hoa-xuan", org,
                   mass_kind="farmers_union")  # fmt: skip
    school = _org("agency", "Trường Tiểu học Hòa Xuân", "th-hoa-xuan", org)

    def person(name, gender, cccd, **fields):
        return actions.create_person(
            None, home_org=org, full_name=name, gender=gender, cccd=cccd, **fields
        )

    # A full member carrying every kind of value: particulars, unions, choices, a post.
    teacher = person(
        "Lê Thị Thu Hà", "female", "048180000111",
        birth_date=dt.date(1980, 4, 30), ethnicity="Tày", phone="+84 905 111 222",
        email="ha.lt@example.vn", address="Tổ 5, phường Hòa Xuân", religion="Phật giáo",
        occupation=Person.Occupation.PUBLIC_EMPLOYEE,
        general_education=Person.GeneralEducation.UPPER_SECONDARY,
        academic_title=Person.AcademicTitle.ASSOCIATE_PROFESSOR, job_title="Hiệu trưởng",
    )  # fmt: skip
    actions.transfer_in(None, teacher, north, dt.date(2012, 9, 1), admitted_on=dt.date(2005, 5, 19),
                        official_on=dt.date(2006, 5, 19), card_number="48.001234")  # fmt: skip
    actions.set_party_particulars(None, teacher, private_business_owner=True,
                                  foreign_marriage=True, population_policy_breach=True)  # fmt: skip
    actions.join(None, teacher, unions["trade_union"], Membership.Kind.TRADE_UNION,
                 dt.date(2011, 3, 1))  # fmt: skip
    actions.join(None, teacher, unions["youth_union"], Membership.Kind.YOUTH_UNION, START)
    actions.add_staff_record(None, teacher, agency=school, category="public_employee",
                             valid_from=dt.date(2015, 8, 1),
                             position=StaffRecord.Position.DIRECTOR)  # fmt: skip
    # A probationary member of the other cell, a veteran.
    soldier = person("Phan Văn Tư", "male", "048170000222", birth_date=dt.date(1975, 1, 2),
                     occupation=Person.Occupation.RETIRED)  # fmt: skip
    actions.admit(None, soldier, south, dt.date.today() - dt.timedelta(days=100))
    actions.join(None, soldier, unions["veterans"], Membership.Kind.VETERANS, dt.date(2016, 7, 27))
    # An admission candidate with a particular of the Party file, and a former member.
    candidate = person("Võ Thị Mai", "female", "048195000333", birth_date=dt.date(1995, 2, 3))
    actions.register_candidate(None, candidate, south, dt.date(2024, 3, 1))
    actions.set_party_particulars(None, candidate, private_business_owner=False,
                                  foreign_marriage=True, population_policy_breach=False)  # fmt: skip
    gone = person("Trần Văn Đi", "male", "048160000444", birth_date=dt.date(1960, 6, 6))
    actions.transfer_in(None, gone, north, START, admitted_on=dt.date(1990, 1, 1),
                        official_on=dt.date(1991, 1, 1))  # fmt: skip
    actions.transfer_out(None, gone, dt.date(2020, 1, 1), destination="Đảng bộ phường Hòa Cường")
    # A farmer in the farmers' association only: no birth date, no Party file.
    farmer = person("Hồ Văn Năm", "male", "048150000555")
    actions.join(None, farmer, farmers, Membership.Kind.MASS, dt.date(2018, 5, 1))
    # A youth member recorded without a CCCD: the record number brings her back.
    youth = person("Nguyễn Thị Út", "female", None, birth_date=dt.date(2004, 10, 20))
    actions.join(None, youth, unions["youth_union"], Membership.Kind.YOUTH_UNION,
                 dt.date(2019, 3, 26))  # fmt: skip
    return org, north, south


def _user(username, kind, org):
    user = get_user_model().objects.create_user(username)
    Role.objects.create(user=user, kind=kind, org=org)
    return user


def _export(client, user):
    client.force_login(user)
    response = client.get("/ca-nhan/xuat.xlsx")
    assert response.status_code == 200
    return response.content


def _rows(data):
    sheet = openpyxl.load_workbook(io.BytesIO(data))[excel.LIST_SHEET]
    rows = list(sheet.iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def _edit(data, name, header, value):
    """The exported file with one cell, on `name`'s row, set to `value`."""
    book = openpyxl.load_workbook(io.BytesIO(data))
    sheet = book[excel.LIST_SHEET]
    headers = [c.value for c in sheet[1]]
    row = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == name)
    row[headers.index(header)].value = value
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_the_export_has_every_column_the_import_reads_under_its_header(ward, client):
    org, _north, _south = ward
    office = _user("vp-hoa-xuan", "office", org)
    exported = _rows(_export(client, office))
    assert {c.header for c in excel.COLUMNS} <= set(exported[0])
    teacher = next(r for r in exported if r["Họ và tên"] == "Lê Thị Thu Hà")
    assert [teacher[h] for h in PARTICULARS] == ["x", "x", "x"]
    assert teacher["Hội Nông dân"] is None and teacher["CCB"] is None
    assert teacher["Công đoàn"].date() == dt.date(2011, 3, 1)
    assert teacher["Chức danh khoa học"] == "Phó Giáo sư"
    assert (teacher["Cơ quan/đơn vị"], teacher["Chức vụ"]) == (
        "Trường Tiểu học Hòa Xuân",
        "Giám đốc",
    )
    # The export still escapes what a spreadsheet would run as a formula.
    assert teacher["Điện thoại"] == "'+84 905 111 222"
    candidate = next(r for r in exported if r["Họ và tên"] == "Võ Thị Mai")
    assert [candidate[h] for h in PARTICULARS] == [None, "x", None]


def test_an_unchanged_export_imports_back_as_no_change(ward, client):
    org, _north, _south = ward
    office = _user("vp-hoa-xuan", "office", org)
    data = _export(client, office)
    before = table_counts()
    plan = excel.prepare(data, org, scope_for(office))
    assert plan.errors == [] and plan.warnings == []
    assert [r.status for r in plan.rows] == [UNCHANGED] * Person.objects.count()
    assert not plan.has_changes
    # The staff columns are the only ones the import does not read, and it says so.
    assert plan.ignored_columns == ["Cơ quan/đơn vị", "Chức vụ"]
    assert table_counts() == before


@pytest.mark.parametrize(
    ("name", "header", "value", "change"),
    [
        ("Phan Văn Tư", "Hôn nhân với người nước ngoài", "x",
         "Đặc điểm hồ sơ đảng viên: Có quan hệ hôn nhân với người nước ngoài"),
        ("Hồ Văn Năm", "Đoàn TN", "26/03/2012", "Tham gia Đoàn phường Hòa Xuân từ 26/03/2012"),
        ("Lê Thị Thu Hà", "Điện thoại", "'+84 905 111 333",
         "Điện thoại: +84 905 111 222 → +84 905 111 333"),
        ("Võ Thị Mai", "Nghề nghiệp", "Nông dân",
         "Nghề nghiệp: (trống) → Người làm nông, lâm, ngư nghiệp"),
        ("Nguyễn Thị Út", "Số CCCD", "048204000666", "Số CCCD: (trống) → 048204000666"),
    ],
)  # fmt: skip
def test_one_changed_cell_is_exactly_one_change(ward, client, name, header, value, change):
    org, _north, _south = ward
    office = _user("vp-hoa-xuan", "office", org)
    plan = excel.prepare(_edit(_export(client, office), name, header, value), org,
                         scope_for(office))  # fmt: skip
    assert plan.errors == []
    changed = [r for r in plan.rows if r.status != UNCHANGED]
    assert [(r.name, r.status, r.changes) for r in changed] == [(name, excel.UPDATE, [change])]
    excel.commit(plan, office)
    again = excel.prepare(_export(client, office), org, scope_for(office))
    assert not again.has_changes and again.errors == []


def test_a_secretary_s_export_has_only_the_cell_s_people(ward, client):
    _org, north, south = ward
    exported = {r["Họ và tên"] for r in _rows(_export(client, _user("bt-nam", "secretary", south)))}
    assert "Phan Văn Tư" in exported
    assert "Lê Thị Thu Hà" not in exported and "Hồ Văn Năm" not in exported
    exported = {r["Họ và tên"] for r in _rows(_export(client, _user("bt-bac", "secretary", north)))}
    assert "Lê Thị Thu Hà" in exported and "Phan Văn Tư" not in exported


@pytest.mark.parametrize(
    ("header", "value", "warning"),
    [
        ("Công đoàn", "01/03/2010",
         "là thành viên Công đoàn phường Hòa Xuân từ 01/03/2011, trong tệp là 01/03/2010"),
        ("Ngày vào chi bộ", "01/09/2013",
         "sinh hoạt tại Chi bộ khu phố Bắc từ 01/09/2012, trong tệp là 01/09/2013"),
        ("Ngày vào Đảng", "19/05/2004", "ngày vào Đảng trong hồ sơ là 19/05/2005"),
    ],
)  # fmt: skip
def test_a_changed_date_of_history_is_kept_and_said(ward, client, header, value, warning):
    """The dates a member's history holds are corrected on the person's page, with the reason:
    the import keeps the record and says so, rather than changing nothing in silence."""
    org, _north, _south = ward
    office = _user("vp-hoa-xuan", "office", org)
    plan = excel.prepare(_edit(_export(client, office), "Lê Thị Thu Hà", header, value), org,
                         scope_for(office))  # fmt: skip
    assert plan.errors == [] and not plan.has_changes
    assert len(plan.warnings) == 1 and warning in plan.warnings[0]


@pytest.mark.parametrize(
    ("header", "value", "refusal"),
    [
        ("Họ và tên", "Nguyễn Thị Út Em",
         "cột “Mã hồ sơ”: hồ sơ số {number} là của Nguyễn Thị Út; sửa họ tên"),
        ("Mã hồ sơ", "{outsider}", "cột “Mã hồ sơ”: không có hồ sơ số {outsider} trong phạm vi"),
        ("Mã hồ sơ", "{teacher}", "cột “Mã hồ sơ”: mã {teacher} trùng với dòng"),
    ],
)  # fmt: skip
def test_a_record_number_of_someone_else_is_refused(ward, client, header, value, refusal):
    """A record number only brings back the person it names, in the user's scope: a file of
    another installation or a mistyped number is an error, not an overwrite or a newcomer."""
    org, _north, _south = ward
    office = _user("vp-hoa-xuan", "office", org)
    elsewhere = _org("party_committee", "Đảng bộ xã Hòa Tiến", "xa-hoa-tien")
    outsider = actions.create_person(None, home_org=elsewhere, full_name="Nguyễn Thị Út",
                                     gender="female")  # fmt: skip
    numbers = {
        "number": Person.objects.get(full_name="Nguyễn Thị Út", home_org=org).id,
        "outsider": outsider.id,
        "teacher": Person.objects.get(full_name="Lê Thị Thu Hà").id,
    }
    data = _edit(_export(client, office), "Nguyễn Thị Út", header, value.format(**numbers))
    before = table_counts()
    plan = excel.prepare(data, org, scope_for(office))
    assert [e for e in plan.errors if refusal.format(**numbers) in e]
    # Her row only is refused, and nothing is written.
    refused = [r.name for r in plan.rows if r.errors]
    assert len(refused) == 1 and refused[0].startswith("Nguyễn Thị Út")
    assert table_counts() == before


def test_without_record_numbers_a_person_without_cccd_is_new(ward, client):
    """What the record number is for: a list without it makes a second record of her."""
    org, _north, _south = ward
    office = _user("vp-hoa-xuan", "office", org)
    youth = Person.objects.get(full_name="Nguyễn Thị Út")
    plan = excel.prepare(_edit(_export(client, office), youth.full_name, "Mã hồ sơ", None), org,
                         scope_for(office))  # fmt: skip
    new = [r for r in plan.rows if r.status == excel.NEW]
    assert [r.name for r in new] == [youth.full_name]
    assert "đã có hồ sơ cùng họ tên và ngày sinh" in new[0].warnings[0]
