"""Work programmes: numbered items, status and evidence, carrying unfinished items over."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from dangvu.meetings import actions
from dangvu.meetings.models import Activity
from dangvu.programme import actions as programmes
from dangvu.programme.models import ProgrammeItem, WorkProgramme

from .conftest import facts


@pytest.fixture
def programme(world):
    p = programmes.create_programme(None, org=world.committee, year=2017)
    for number in ["2.10", "1", "2", "2.1", "2.9"]:
        programmes.add_programme_item(None, p, number=number, text=f"Nội dung mục {number}")
    return p


def test_items_sort_by_number(programme):
    assert [i.number for i in programme.items.all()] == ["1", "2", "2.1", "2.9", "2.10"]
    assert programme.title == "Chương trình công tác năm 2017"


@pytest.mark.parametrize("number, message", [("2.a", "không hợp lệ"), ("2.1", "đã có mục")])
def test_bad_item_numbers(programme, number, message):
    with pytest.raises(ValidationError, match=message):
        programmes.add_programme_item(None, programme, number=number, text="x")
    assert programme.items.count() == 5


def test_status_evidence_and_carry_over(world, programme):
    meeting = actions.create_activity(
        None,
        kind="conference",
        title="Hội nghị",
        starts_on=dt.date(2017, 5, 5),
        organizers=[world.committee],
    )
    done = programme.items.get(number="2.1")
    with pytest.raises(ValidationError, match="Cần ngày hoàn thành"):
        programmes.set_item_status(None, done, "done")
    programmes.set_item_status(None, done, "done", dt.date(2017, 5, 5))
    programmes.link_evidence(None, done, meeting)
    assert list(done.evidence.all()) == [meeting]
    assert facts(world.committee)["programme.items.done"] == 1
    target = programmes.carry_over(None, programme)
    assert target.year == 2018
    assert sorted(target.items.values_list("number", flat=True)) == ["1", "2", "2.10", "2.9"]
    assert set(programme.items.values_list("status", flat=True)) == {"done", "carried"}
    copy = target.items.get(number="1")
    assert copy.carried_from.programme == programme and copy.status == "planned"
    assert facts(world.committee)["programme.next_year.items"] == 4
    with pytest.raises(ValidationError, match="Không còn mục nào"):
        programmes.carry_over(None, programme)


def test_carrying_into_a_clashing_programme_writes_nothing(world, programme):
    nxt = programmes.create_programme(None, org=world.committee, year=2018)
    programmes.add_programme_item(None, nxt, number="1", text="Đã có")
    with pytest.raises(ValidationError, match="đã có các mục 1"):
        programmes.carry_over(None, programme)
    assert nxt.items.count() == 1
    assert not programme.items.filter(status="carried").exists()


def test_programme_pages(world, programme, user_with):
    activity = actions.create_activity(
        None,
        kind="conference",
        title="Hội nghị minh chứng",
        starts_on=dt.date(2017, 5, 5),
        organizers=[world.committee],
    )
    item = programme.items.get(number="2.1")
    client = user_with("office", world.committee)
    html = client.get(f"/chuong-trinh-cong-tac/{programme.id}/").content.decode()
    assert "Nội dung mục 2.9" in html
    response = client.post(
        f"/chuong-trinh-cong-tac/muc/{item.id}/",
        {
            "status": "done",
            "done_on": "2017-06-01",
            "evidence": activity.id,
        },
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == "done" and list(item.evidence.all()) == [activity]
    response = client.post(f"/chuong-trinh-cong-tac/{programme.id}/chuyen-nam-sau/")
    assert response.status_code == 302
    assert WorkProgramme.objects.get(year=2018).items.count() == 4
    # A secretary of a cell cannot change the committee's programme.
    client = user_with("secretary", world.cell1)
    assert client.get(f"/chuong-trinh-cong-tac/{programme.id}/").status_code == 404
    assert Activity.objects.count() == 1 and ProgrammeItem.objects.count() == 9


def test_the_programme_forms_take_what_the_actions_take(world, user_with):
    client = user_with("office", world.committee)
    page = client.get("/chuong-trinh-cong-tac/them/").content.decode()
    assert 'name="notes"' in page  # the action's notes, now on the form
    assert "Chi bộ Một" in page and "Đảng bộ Khác" not in page
    data = {"org": world.committee.id, "year": 2017, "notes": "Theo Nghị quyết Đại hội"}
    response = client.post("/chuong-trinh-cong-tac/them/", data)
    assert response.status_code == 302
    programme = WorkProgramme.objects.get()
    assert programme.notes == "Theo Nghị quyết Đại hội"
    assert programme.title == "Chương trình công tác năm 2017"  # left empty: named by the year
    url = reverse("work_programme_item_create", args=[programme.id])
    page = client.get(url).content.decode()
    assert 'name="status"' not in page  # a new item is planned; its status changes apart
    response = client.post(url, {"number": "1"})
    assert response.status_code == 400
    assert "cần tiêu đề hoặc nội dung" in response.content.decode()
    assert client.post(url, {"number": "1", "text": "Học tập nghị quyết"}).status_code == 302
    assert ProgrammeItem.objects.get().status == "planned"
