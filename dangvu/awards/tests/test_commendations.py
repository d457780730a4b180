"""Commendations of Party organizations and members: the actions' checks, the history a
correction and a cancellation keep, who reads them, the report facts and the pages. Invented
organizations: the record apps' small committee (dangvu/work/tests/conftest.py)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from dangvu.accounts.models import AuditEntry
from dangvu.awards import actions
from dangvu.awards.models import Commendation

from .conftest import facts

ON = dt.date(2017, 2, 3)
F = Commendation.Kind


def _commend(world, **kwargs):
    fields = dict(
        org=world.committee,
        kind=F.LETTER,
        decision="12-QĐ/ĐU",
        decided_on=ON,
        awarder_name="Ban Thường vụ Đảng ủy",
        reason="Hoàn thành xuất sắc nhiệm vụ tiêu biểu năm 2016",
    )
    fields.update(kwargs)
    return actions.record_commendation(None, **fields)


def test_a_commendation_is_recorded_with_its_audit_entry(world):
    c = _commend(world, recipient_org=world.cell1)
    assert (c.recipient, c.awarded_by, c.get_kind_display()) == (
        "Chi bộ Một",
        "Ban Thường vụ Đảng ủy",
        "Giấy khen",
    )
    entry = AuditEntry.objects.get(action="commendation.record")
    assert entry.org == world.committee and entry.target_id == c.pk


@pytest.mark.parametrize(
    "change, message",
    [
        ({}, "Chọn một tổ chức đảng hoặc một đảng viên"),
        (
            {"recipient_org": "cell1", "person": "member"},
            "Chọn một tổ chức đảng hoặc một đảng viên",
        ),
        ({"recipient_org": "union"}, "không phải là tổ chức đảng"),
        ({"recipient_org": "other"}, "không thuộc Đảng bộ Thử"),
        ({"person": "mass"}, "không là đảng viên vào ngày 03/02/2017"),
        ({"person": "outsider"}, "không sinh hoạt đảng tại Đảng bộ Thử"),
        ({"recipient_org": "cell1", "kind": "medal"}, "Hình thức khen thưởng không hợp lệ"),
        ({"recipient_org": "cell1", "decision": "  "}, "Số quyết định không được để trống"),
        ({"recipient_org": "cell1", "awarder_name": ""}, "Cần ghi cấp khen"),
        ({"recipient_org": "cell1", "decided_on": dt.date(2100, 1, 1)}, "không được sau ngày"),
        ({"recipient_org": "cell1", "org": "cell2"}, "không thuộc Chi bộ Hai"),
    ],
)
def test_bad_input_is_refused_in_vietnamese_and_writes_nothing(world, change, message):
    names = {
        "cell1": world.cell1,
        "union": world.union,
        "other": world.other,
        "member": world.members1[0],
        "mass": world.masses[0],
        "outsider": world.outsider,
        "cell2": world.cell2,
    }
    kwargs = {k: names.get(v, v) if isinstance(v, str) else v for k, v in change.items()}
    if "kind" in change:
        kwargs["kind"] = change["kind"]
    with pytest.raises(ValidationError, match=message):
        _commend(world, **kwargs)
    assert not Commendation.objects.exists()
    assert not AuditEntry.objects.filter(action__startswith="commendation.").exists()


def test_the_same_decision_is_not_recorded_twice(world):
    _commend(world, person=world.members1[0])
    with pytest.raises(ValidationError, match="đã được ghi"):
        _commend(world, person=world.members1[0])
    _commend(world, person=world.members1[0], kind=F.CERTIFICATE)  # another form: another line
    assert Commendation.objects.count() == 2


def test_the_database_refuses_two_recipients_or_none(world):
    for recipients in ({}, {"recipient_org": world.cell1, "person": world.members1[0]}):
        with pytest.raises(IntegrityError), transaction.atomic():
            Commendation.objects.create(
                org=world.committee, kind=F.LETTER, decision="1", decided_on=ON, **recipients
            )


def test_a_correction_and_a_cancellation_keep_what_was_there(world):
    c = _commend(world, recipient_org=world.cell1)
    actions.correct_commendation(
        None, c, kind=F.CERTIFICATE, decision="15-QĐ/ĐU", decided_on=ON, awarder_name="Huyện ủy"
    )
    entry = AuditEntry.objects.get(action="commendation.correct")
    assert entry.before["decision"] == "12-QĐ/ĐU" and entry.before["kind"] == "letter"
    assert entry.after["decision"] == "15-QĐ/ĐU"
    with pytest.raises(ValidationError, match="Lý do hủy không được để trống"):
        actions.cancel_commendation(None, c, cancelled_on=ON, cancel_reason="")
    with pytest.raises(ValidationError, match="không được trước ngày quyết định"):
        actions.cancel_commendation(
            None, c, cancelled_on=ON - dt.timedelta(days=1), cancel_reason="x"
        )
    actions.cancel_commendation(None, c, cancelled_on=ON, cancel_reason="Ghi nhầm chi bộ")
    c.refresh_from_db()
    assert c.cancelled_on == ON and Commendation.objects.count() == 1  # kept on file
    with pytest.raises(ValidationError, match="đã hủy"):
        actions.cancel_commendation(None, c, cancelled_on=ON, cancel_reason="again")
    with pytest.raises(ValidationError, match="đã hủy"):
        actions.correct_commendation(
            None, c, kind=F.FLAG, decision="1", decided_on=ON, awarder_name="x"
        )


def test_facts_count_recipients_by_form_and_leave_out_the_cancelled(world):
    _commend(world, recipient_org=world.cell1)
    _commend(world, recipient_org=world.cell2, kind=F.CERTIFICATE)
    _commend(world, person=world.members1[0])
    _commend(world, person=world.members1[0], kind=F.CERTIFICATE)  # one member, two forms
    gone = _commend(world, person=world.members2[0])
    actions.cancel_commendation(None, gone, cancelled_on=ON, cancel_reason="Quyết định bị thu hồi")
    _commend(world, person=world.members2[1], decided_on=dt.date(2016, 12, 30))  # the year before
    f = facts(world.committee, 2017)
    assert (f["commendations.orgs"], f["commendations.orgs.letter"]) == (2, 1)
    assert (f["commendations.members"], f["commendations.members.certificate"]) == (1, 1)
    assert f["commendations.members.flag"] == 0
    assert facts(world.committee, 2016)["commendations.members"] == 1
    # The other committee's facts hold none of these.
    assert facts(world.other, 2017)["commendations.orgs"] == 0


def test_a_cell_secretary_reads_their_cell_and_not_another(world, user_with):
    mine = _commend(world, org=world.cell1, person=world.members1[0], decision="3-QĐ/CB")
    theirs = _commend(world, org=world.cell2, person=world.members2[0], decision="4-QĐ/CB")
    client = user_with("secretary", world.cell1)
    page = client.get("/khen-thuong/").content.decode()
    assert world.members1[0].full_name in page
    assert world.members2[0].full_name not in page
    assert client.get(f"/khen-thuong/{theirs.pk}/sua/").status_code == 404
    assert client.get(f"/khen-thuong/{mine.pk}/sua/").status_code == 200
    # A member reads their own commendation, with their Party file, and changes nothing.
    member = user_with("member", person=world.members1[0])
    assert (
        world.members1[0].full_name
        in member.get(f"/ca-nhan/{world.members1[0].pk}/").content.decode()
    )
    assert "3-QĐ/CB" in member.get(f"/ca-nhan/{world.members1[0].pk}/").content.decode()
    assert member.get(f"/khen-thuong/{mine.pk}/sua/").status_code in (403, 404)


def test_the_form_from_a_person_page_records_and_lists(world, user_with):
    client = user_with("office", world.committee)
    person = world.members1[2]
    form = client.get(f"/khen-thuong/them/?nguoi={person.pk}").content.decode()
    assert f'value="{person.pk}" selected' in form
    data = {
        "org": world.cell1.pk,
        "person": person.pk,
        "kind": "certificate",
        "awarder_name": "Ban Thường vụ Huyện ủy",
        "decision": "125-QĐ/HU",
        "decided_on": "2017-02-03",
        "reason": "Hoàn thành xuất sắc nhiệm vụ 5 năm liền",
    }
    bad = client.post("/khen-thuong/them/", {**data, "recipient_org": world.cell1.pk})
    assert bad.status_code == 400
    assert "Chọn một tổ chức đảng hoặc một đảng viên được khen (chỉ một)." in bad.content.decode()
    response = client.post("/khen-thuong/them/", data)
    assert response.status_code == 302
    listed = client.get(response.url).content.decode()
    assert "125-QĐ/HU" in listed and person.full_name in listed
    assert client.get("/khen-thuong/?doi-tuong=to-chuc").content.decode().count("125-QĐ/HU") == 0
