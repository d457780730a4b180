"""A person's job position (chức vụ chính quyền, chuyên môn): the organization's type suggests
titles (a commune's Chủ tịch UBND, a school's Hiệu trưởng), any title is still taken, and the
title goes out with the export and comes back with the import."""

import datetime as dt
import io

import openpyxl
from django.contrib.auth import get_user_model

from dangvu.accounts.tests.helpers import run as command
from dangvu.orgs.models import Organization
from dangvu.people import actions, excel
from dangvu.people.models import Person
from dangvu.people.tests.test_excel import member, run, workbook

FOUNDED = dt.date(2015, 1, 1)


def _person_of(kind, name):
    slug = command("create_org", "--name", name, "--kind", "party_committee",
                   "--from", FOUNDED.isoformat(), "--type", kind).strip()  # fmt: skip
    org = Organization.objects.get(slug=slug)
    return actions.create_person(None, home_org=org, full_name="Lê Văn Bình", gender="male")


def test_the_person_form_suggests_the_types_positions_and_takes_any_title(db, client):
    client.force_login(get_user_model().objects.create_superuser("quantri-chuc-vu"))
    villager = _person_of("xa", "Đảng bộ xã Long Hòa")
    teacher = _person_of("su-nghiep-giao-duc", "Đảng bộ Trường THPT Hòa Lạc")
    page = client.get(f"/ca-nhan/{villager.pk}/sua/").content.decode()
    assert 'list="goi-y-job_title"' in page
    assert '<option value="Chủ tịch Ủy ban nhân dân">' in page and "Hiệu trưởng" not in page
    page = client.get(f"/ca-nhan/{teacher.pk}/sua/").content.decode()
    assert '<option value="Hiệu trưởng">' in page and "Chủ tịch Ủy ban nhân dân" not in page
    title = "Phó Trưởng ấp Giồng Lớn"  # not among the suggestions
    answer = client.post(
        f"/ca-nhan/{villager.pk}/sua/",
        {"full_name": villager.full_name, "gender": "male", "ethnicity": "Kinh",
         "job_title": f"  {title} "},
    )  # fmt: skip
    assert answer.status_code == 302
    villager.refresh_from_db()
    assert villager.job_title == title
    assert title in client.get(f"/ca-nhan/{villager.pk}/").content.decode()


def test_the_job_title_goes_out_with_the_export_and_back_with_the_import(tmp_path, demo):
    title = "Chuyên viên Phòng Bưu chính"
    # Joining in a year whose fee book the demo has not closed.
    row = {"Chức vụ chính quyền, chuyên môn": title, "Ngày vào chi bộ": "02/01/2018"}
    run(tmp_path, workbook([member(**row)]), "--commit")
    person = Person.objects.get(cccd=member()["Số CCCD"])
    assert person.job_title == title
    sheet = openpyxl.load_workbook(
        io.BytesIO(excel.export_people(Person.objects.filter(pk=person.pk), dt.date.today()))
    ).active
    header, line = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert line[header.index("Chức vụ chính quyền, chuyên môn")] == title
    changed = member(**{**row, "Chức vụ chính quyền, chuyên môn": "Phó Trưởng phòng"})
    assert "1 hồ sơ cập nhật" in run(tmp_path, workbook([changed]), "--commit")
    person.refresh_from_db()
    assert person.job_title == "Phó Trưởng phòng"
