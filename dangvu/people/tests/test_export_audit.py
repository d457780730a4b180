"""Every file of people's personal data that leaves dangvu leaves an audit entry: who, when, what
(with the filters) and how many rows. Pages shown on screen are not exports."""

import io

from openpyxl import load_workbook

from dangvu.accounts.models import AuditEntry
from dangvu.orgs.models import Organization


def _exports():
    return AuditEntry.objects.filter(action__endswith="export")


def test_the_people_list_export_is_audited(demo, login):
    cell = Organization.objects.get(slug="so-tttt-chi-bo-1")
    response = login("vanphong").get(f"/ca-nhan/xuat.xlsx?to-chuc={cell.slug}&loai=dang-vien")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    entry = _exports().get()
    assert entry.action == "people.export"
    assert entry.actor.username == "vanphong" and entry.at is not None
    assert entry.org == cell
    assert entry.after["filters"] == {"to-chuc": cell.slug, "loai": "dang-vien"}
    # The rows counted are the people in the file: the rows under its header.
    rows = [r for r in sheet.iter_rows(values_only=True) if r[0]]
    people = rows[[r[0] for r in rows].index("Họ và tên") + 1 :]
    assert entry.after["rows"] == len(people) > 0
    assert f"{len(people)} dòng" in entry.summary and "danh sách cá nhân" in entry.summary


def test_each_download_is_its_own_entry(demo, login):
    client = login("bithu1")
    client.get("/ca-nhan/xuat.xlsx")
    client.get("/ca-nhan/xuat.xlsx?gioi-tinh=nu")
    entries = list(_exports().order_by("id"))
    assert [e.actor.username for e in entries] == ["bithu1", "bithu1"]
    assert entries[0].after["rows"] >= entries[1].after["rows"]


def test_viewing_the_list_is_not_an_export(demo, login):
    assert login("vanphong").get("/ca-nhan/").status_code == 200
    assert not _exports().exists()
