"""The history on the page of a member attending another committee's cell for a while, as the
host cell reads it: the entries about the visit (the attachment, the payments made to the host)
told in full, the rest of the member's history (kept by their own cell: the transfer, the
payments made there, the evaluation) said only to have changed; the member's own cell reads it
all. Invented organizations (people.access.read_person, accounts/history.py)."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from dangvu.accounts import history
from dangvu.accounts.models import AuditEntry, Role
from dangvu.finance import actions as fee_actions
from dangvu.orgs import actions as org_actions
from dangvu.orgs.models import Organization
from dangvu.people import actions as people_actions
from dangvu.review import actions as review_actions

K = Organization.Kind
D = dt.date


def _org(kind, name, parent=None):
    return org_actions.create_org(
        None, kind=kind, name=name, parent=parent, valid_from=D(2005, 1, 1)
    )


def _secretary(username, org):
    user = get_user_model().objects.create_user(username)
    Role.objects.create(user=user, kind=Role.Kind.SECRETARY, org=org)
    return user


@pytest.fixture
def visit(db):
    bloc = _org(K.SUPERIOR_COMMITTEE, "Đảng ủy Khối Thử Nghiệm")
    one = _org(K.PARTY_COMMITTEE, "Đảng bộ Nhà máy Nước", bloc)
    two = _org(K.PARTY_COMMITTEE, "Đảng bộ Bến Xe", bloc)
    own = _org(K.PARTY_CELL, "Chi bộ Phân xưởng Lọc", one)
    host = _org(K.PARTY_CELL, "Chi bộ Điều độ", two)
    person = people_actions.create_person(
        None, home_org=one, full_name="Vương Thị Hằng", gender="female", birth_date=D(1982, 2, 2)
    )
    people_actions.transfer_in(
        None, person, own, D(2010, 1, 1), admitted_on=D(2008, 3, 3), official_on=D(2009, 3, 3)
    )
    fee_actions.set_salary_base(None, person, month=D(2010, 1, 1), kind="salary", amount=4_000_000)
    start = (timezone.localdate().replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    before = (start - dt.timedelta(days=1)).replace(day=1)
    people_actions.attach_temporarily(
        None, host, person=person, papers="Giấy giới thiệu số 41-GGT/ĐU", valid_from=start
    )
    home_paid = fee_actions.record_payment(
        None, person, paid_on=before, amount=40_000, first_month=before, org=own
    )
    host_paid = fee_actions.record_payment(
        None, person, paid_on=start, amount=40_000, first_month=start, org=host
    )
    review_actions.evaluate(
        None, org=own, year=start.year - 1, evaluated_on=D(start.year - 1, 12, 20),
        subject_person=person, score="90",
    )  # fmt: skip
    return {
        "person": person,
        "home_paid": home_paid,
        "host_paid": host_paid,
        "own": _secretary("bt-loc", own),
        "host": _secretary("bt-dieu-do", host),
    }


def _rows(visit, user):
    entries = list(AuditEntry.objects.filter(person=visit["person"]).order_by("id"))
    shown = history.rows(entries, _reader(user))
    return {e.action: r for e, r in zip(entries, shown, strict=True)}


def _reader(user):
    return history.Reader.for_user(user)


def test_the_host_is_told_the_visit_and_not_the_home_cells_records(visit, client):
    rows = _rows(visit, visit["host"])
    told = {action for action, row in rows.items() if not row.withheld}
    assert {"party.attach_temporarily"} <= told
    payments = AuditEntry.objects.filter(action="fee.payment", person=visit["person"])
    host_entry = payments.get(target_id=visit["host_paid"].id)
    home_entry = payments.get(target_id=visit["home_paid"].id)
    host_row, home_row = history.rows([host_entry, home_entry], _reader(visit["host"]))
    assert not host_row.withheld and host_row.text == host_entry.summary
    assert home_row.withheld and home_row.text == history.PARTY_RECORD and not home_row.changes
    for action in ("party.transfer_in", "fee.base"):
        assert rows[action].withheld and rows[action].text == history.PARTY_RECORD
    evaluation = [r for a, r in rows.items() if a.startswith("review.") or a.startswith("eval")]
    assert evaluation and all(r.withheld for r in evaluation)
    # The attachment's details name the member the host reads, and the host cell.
    attached = rows["party.attach_temporarily"]
    values = {c.label: c.after for c in attached.changes}
    assert "Vương Thị Hằng" in values.values() and "Chi bộ Điều độ" in values.values()

    # The page says the same.
    client.force_login(visit["host"])
    html = client.get(reverse("person_history", args=[visit["person"].id])).content.decode()
    assert "Giấy giới thiệu số 41-GGT/ĐU" in html and history.PARTY_RECORD in html
    assert history.OUTSIDE_PERSON not in html


def test_the_members_own_cell_reads_all_of_their_history(visit):
    rows = _rows(visit, visit["own"])
    assert rows and not any(row.withheld for row in rows.values())
    assert "party.attach_temporarily" in rows and "party.transfer_in" in rows
