"""The lifecycle forms of a person's page that write one record of their model's fields (a staff
record, an exemption) are derived from the model: its labels, its order, and choices limited to
what the user writes."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from dangvu.accounts.models import Role
from dangvu.orgs import actions as org_actions
from dangvu.people import actions
from dangvu.people.models import Exemption, StaffRecord

START = dt.date(2010, 1, 1)
PASSWORD = "pass-1234-word"


@pytest.fixture
def agencies(db, client):
    create = org_actions.create_org
    ours = create(None, kind="party_committee", name="Đảng bộ Thử", slug="db", valid_from=START)
    theirs = create(None, kind="party_committee", name="Đảng bộ Khác", slug="dk", valid_from=START)
    agency = create(None, kind="agency", name="Sở Thử", parent=ours, valid_from=START)
    unit = create(None, kind="department", name="Phòng Một", parent=agency, valid_from=START)
    closed = create(None, kind="agency", name="Sở Đã Giải Thể", parent=ours, valid_from=START)
    org_actions.dissolve_org(None, closed, dt.date(2015, 1, 1))
    create(None, kind="agency", name="Sở Của Họ", parent=theirs, valid_from=START)
    person = actions.create_person(None, home_org=ours, full_name="Nguyễn Văn An", gender="male")
    user = get_user_model().objects.create_user("vp", password=PASSWORD)
    Role.objects.create(user=user, kind="office", org=ours)
    assert client.login(username="vp", password=PASSWORD)
    return agency, unit, person


def test_a_staff_record_form_offers_the_current_agencies_the_user_writes(agencies, client):
    agency, unit, person = agencies
    url = reverse("person_action", args=[person.id, "cong-tac"])
    html = client.get(url).content.decode()
    assert "Sở Thử" in html and "Phòng Một" in html
    assert "Sở Đã Giải Thể" not in html and "Sở Của Họ" not in html
    assert "Phòng, đơn vị" in html and "Chức vụ" in html  # the model's labels
    data = {
        "agency": agency.pk,
        "unit": unit.pk,
        "category": "civil_servant",
        "position": "head",
        "valid_from": "2016-01-01",
    }
    assert client.post(url, data).status_code == 302
    record = StaffRecord.objects.get(person=person)
    assert (record.unit, record.position, record.valid_from) == (unit, "head", dt.date(2016, 1, 1))


def test_an_exemption_form_is_the_model_s_fields_in_its_order(agencies, client):
    _agency, _unit, person = agencies
    url = reverse("person_action", args=[person.id, "mien-sinh-hoat"])
    html = client.get(url).content.decode()
    names = ["decision", "reason", "valid_from", "valid_to"]
    positions = [html.index(f'name="{name}"') for name in names]
    assert positions == sorted(positions)
    assert "Quyết định (số, ngày, cấp ủy)" in html and "Để trống nếu chưa định." in html
    # Not a party member: the action refuses, nothing is written.
    refused = client.post(url, {"decision": "Quyết định số 1", "valid_from": "2016-01-01"})
    assert refused.status_code == 400 and not Exemption.objects.exists()


def test_a_person_file_is_the_model_fields_the_action_names(agencies, client):
    """The person's form holds `PERSON_FIELDS`, labelled and explained by the model; an edit
    opens on the stored file and changes it through the action."""
    _agency, _unit, person = agencies
    page = client.get(reverse("person_create"))
    form = page.context["form"]
    assert list(form.fields) == list(actions.PERSON_FIELDS)
    assert form.fields["full_name"].label == "Họ và tên"
    assert form.fields["religion"].help_text == "để trống: không theo tôn giáo"
    assert form.fields["ethnicity"].initial == "Kinh"
    assert form.fields["academic_title"].choices[0] == ("", "Không")
    created = client.post(
        reverse("person_create"),
        {"full_name": "Trần Thị Bình", "gender": "female", "ethnicity": "Khmer", "cccd": ""},
    )
    assert created.status_code == 302
    edit = reverse("person_edit", args=[person.id])
    assert 'value="Nguyễn Văn An"' in client.get(edit).content.decode()
    bad = client.post(edit, {"full_name": "Nguyễn Văn An", "gender": "male", "cccd": "123"})
    assert bad.status_code == 400
    person.refresh_from_db()
    assert person.cccd is None
    assert (
        client.post(
            edit,
            {
                "full_name": "Nguyễn Văn An",
                "gender": "male",
                "ethnicity": "Kinh",
                "religion": "Phật giáo",
            },
        ).status_code
        == 302
    )
    person.refresh_from_db()
    assert person.religion == "Phật giáo"
