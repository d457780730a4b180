"""A host cell under another committee than the member's own cell opens the page of the member
attending it temporarily, and their fee page, while the attachment runs: the person, the
attachment, the months it collects and the payments made to it; not the Party file kept by the
member's own side, and it changes nothing of the person (people.access.read_person)."""

import datetime as dt
import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from dangvu.accounts.models import Role
from dangvu.accounts.scope import scope_for
from dangvu.finance import actions
from dangvu.finance.models import Payment
from dangvu.orgs import actions as org_actions
from dangvu.orgs.models import Organization
from dangvu.people import actions as people_actions
from dangvu.people.models import PartyProfile, Person, TemporaryAttachment
from dangvu.review import actions as review_actions
from dangvu.review.models import Evaluation

K = Organization.Kind
D = dt.date
FEE = 30_000  # 1% of a 3.000.000 đồng salary


def _month_before(day):
    return (day.replace(day=1) - dt.timedelta(days=1)).replace(day=1)


def _org(kind, name, parent=None):
    return org_actions.create_org(
        None,
        kind=kind,
        name=name,
        slug=name.lower().replace(" ", "-"),
        parent=parent,
        valid_from=D(2005, 1, 1),
    )


def _secretary(username, org, kind=Role.Kind.SECRETARY):
    user = get_user_model().objects.create_user(username)
    Role.objects.create(user=user, kind=kind, org=org)
    return user


@pytest.fixture
def visit(db):
    """Two committees of an invented bloc: a member of committee 1's cell attends committee 2's
    cell from the first of last month, open-ended; committee 2 has a third cell. The member paid
    their own cell for the month before and the host for the first attended month."""
    bloc = _org(K.SUPERIOR_COMMITTEE, "Dang uy Khoi Thu")
    one = _org(K.PARTY_COMMITTEE, "Dang bo Mot", bloc)
    two = _org(K.PARTY_COMMITTEE, "Dang bo Hai", bloc)
    own, host, third = (
        _org(K.PARTY_CELL, "Chi bo Mot A", one),
        _org(K.PARTY_CELL, "Chi bo Hai A", two),
        _org(K.PARTY_CELL, "Chi bo Hai B", two),
    )
    person = people_actions.create_person(
        None, home_org=one, full_name="Trần Thị Khách", gender="female", birth_date=D(1980, 5, 2)
    )
    people_actions.transfer_in(
        None, person, own, D(2010, 1, 1), admitted_on=D(2008, 3, 3), official_on=D(2009, 3, 3)
    )
    actions.set_salary_base(None, person, month=D(2010, 1, 1), kind="salary", amount=3_000_000)
    start = _month_before(timezone.localdate())
    before = _month_before(start)
    attachment = people_actions.attach_temporarily(
        None, host, person=person, papers="Giấy giới thiệu số 12-GGT/ĐU", valid_from=start
    )
    home_paid = actions.record_payment(
        None, person, paid_on=before, amount=FEE, first_month=before, receipt_no="BL-NHA-01",
        org=own,
    )  # fmt: skip
    host_paid = actions.record_payment(
        None, person, paid_on=start, amount=FEE, first_month=start, receipt_no="BL-KHACH-01",
        org=host,
    )  # fmt: skip
    review_actions.evaluate(
        None,
        org=own,
        year=start.year - 1,
        evaluated_on=D(start.year - 1, 12, 20),
        subject_person=person,
        score="91",
    )
    return {
        "person": person,
        "attachment": attachment,
        "start": start,
        "before": before,
        "home_paid": home_paid,
        "host_paid": host_paid,
        "own": _secretary("bt-mot-a", own),
        "host": _secretary("bt-hai-a", host),
        "host_cell": host,
        "host_office": _secretary("vp-hai", two, Role.Kind.OFFICE),
        "third": _secretary("bt-hai-b", third),
    }


def _get(client, user, name, person, **query):
    client.force_login(user)
    return client.get(reverse(name, args=[person.id]), query)


def _fee_pages(client, user, visit):
    """The member's fee page of the two years the payments fall in, as `user` reads them."""
    years = sorted({visit["start"].year, visit["before"].year})
    pages = [_get(client, user, "fee_member", visit["person"], nam=y) for y in years]
    assert all(p.status_code == 200 for p in pages)
    return [p.content.decode() for p in pages]


def _months_shown(html):
    return [int(m) for m in re.findall(r'data-month="(\d+)"', html)]


def test_the_host_opens_the_person_and_their_fee_page_of_its_months(visit, client):
    person, start = visit["person"], visit["start"]
    for user in (visit["host"], visit["host_office"]):
        page = _get(client, user, "person_detail", person)
        assert page.status_code == 200
        html = page.content.decode()
        assert "Trần Thị Khách" in html and "Giấy giới thiệu số 12-GGT/ĐU" in html
        assert reverse("fee_member", args=[person.id]) in html
        fees = " ".join(_fee_pages(client, user, visit))
        assert "BL-KHACH-01" in fees and "BL-NHA-01" not in fees
    # The page of the attached year: the months from the first attended one, the host's.
    host_year = _get(client, visit["host"], "fee_member", person, nam=start.year)
    assert _months_shown(host_year.content.decode()) == list(range(start.month, 13))
    own_year = _get(client, visit["own"], "fee_member", person, nam=start.year)
    assert _months_shown(own_year.content.decode()) == list(range(1, 13))
    # The member's own cell reads every payment, the one made to the host too.
    fees = " ".join(_fee_pages(client, visit["own"], visit))
    assert "BL-KHACH-01" in fees and "BL-NHA-01" in fees
    # Each records and corrects the payments of its own cell only: the host its months.
    # This year's month is the host's and owed, the first attended month paid to it.
    host_pay = reverse("fee_payment_add", args=[visit["host_cell"].slug])
    host_edit = reverse("fee_payment_edit", args=[visit["host_paid"].id])
    this_year = _get(client, visit["host"], "fee_member", person, nam=timezone.localdate().year)
    assert host_pay in this_year.content.decode()
    assert host_edit in host_year.content.decode()
    assert host_pay not in fees and host_edit not in fees
    assert reverse("fee_payment_edit", args=[visit["home_paid"].id]) in fees


def test_the_host_reads_no_party_file_and_changes_nothing(visit, client):
    person = visit["person"]
    host, own = scope_for(visit["host"]), scope_for(visit["own"])
    for model, field in ((PartyProfile, "person"), (Evaluation, "subject_person")):
        records = model.objects.filter(**{field: person})
        assert own.visible(records).exists(), model
        assert not host.visible(records).exists(), model
    assert list(host.visible(Payment.objects.filter(person=person))) == [visit["host_paid"]]
    assert host.can_write(visit["host_paid"]) and not host.can_write(visit["home_paid"])
    assert not host.can_write(person) and own.can_write(person)
    html = _get(client, visit["host"], "person_detail", person).content.decode()
    assert "Ngày vào Đảng" not in html and "Sửa thông tin" not in html
    # Their memberships (the official cell's) go with the person's own side too.
    assert "Chi bo Mot A" not in html
    own_html = _get(client, visit["own"], "person_detail", person).content.decode()
    assert "Ngày vào Đảng" in own_html and "Chi bo Mot A" in own_html
    client.force_login(visit["host"])
    edit = reverse("person_edit", args=[person.id])
    assert client.get(edit).status_code == 403
    assert client.post(edit, {"full_name": "Tên Khác"}).status_code == 403
    assert Person.objects.get(id=person.id).full_name == "Trần Thị Khách"


def test_a_third_cell_sees_nothing(visit, client):
    person = visit["person"]
    for name in ("person_detail", "fee_member", "person_history"):
        assert _get(client, visit["third"], name, person).status_code == 404, name
    assert not scope_for(visit["third"]).visible(Payment.objects.filter(person=person)).exists()


def test_after_the_attachment_ends_the_host_keeps_its_payments_not_the_person(visit, client):
    person = visit["person"]
    people_actions.end_attachment(None, visit["attachment"], timezone.localdate())
    for user in (visit["host"], visit["host_office"]):
        for name in ("person_detail", "fee_member"):
            assert _get(client, user, name, person).status_code == 404, name
    host = scope_for(visit["host"])
    assert list(host.visible(Payment.objects.filter(person=person))) == [visit["host_paid"]]
    assert host.visible(TemporaryAttachment.objects.filter(person=person)).exists()
    assert _get(client, visit["own"], "person_detail", person).status_code == 200
