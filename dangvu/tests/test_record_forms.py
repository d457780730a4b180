"""A record's form is derived from its model and its action (`dangvu.records.record_form`): a
field added to the model and to the action's parameters is on the form, labelled by the model,
and every record it offers to choose is one the user may write or read."""

import datetime as dt
import inspect

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from dangvu.meetings.models import MeetingMinutes
from dangvu.mobilisation.models import Contribution
from dangvu.oversight import actions
from dangvu.oversight.models import Inspection, InspectionProgramme
from dangvu.records import ActionFormView, RecordForm, action_parameters, record_form
from dangvu.review import actions as review_actions
from dangvu.review.models import Shortcoming
from dangvu.web import DateInput, YearField


def _views(patterns=None):
    """Every ActionFormView served whose form is derived from a model."""
    for p in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(p, URLResolver):
            yield from _views(p.url_patterns)
        elif isinstance(p, URLPattern):
            view = getattr(p.callback, "view_class", None)
            if view is not None and issubclass(view, ActionFormView):
                initkwargs = getattr(p.callback, "view_initkwargs", {})
                model = initkwargs.get("model", view.model)
                if model is not None:
                    action = initkwargs.get("action") or view.action
                    base = initkwargs.get("form_class", view.form_class) or RecordForm
                    fields = initkwargs.get("fields", view.fields)
                    yield p.name, model, action, base, fields and tuple(fields)


DERIVED = sorted(_views(), key=lambda v: v[0])


def test_some_pages_have_derived_forms():
    assert len(DERIVED) >= 3


@pytest.mark.parametrize("name, model, action, base, fields", DERIVED, ids=[v[0] for v in DERIVED])
def test_a_derived_form_offers_exactly_the_action_parameters_the_model_has(
    name, model, action, base, fields
):
    form = record_form(model, action, base, fields)
    if fields is not None:  # an action taking **fields: the fields it names
        assert inspect.getfullargspec(action).varkw, name
        assert list(form.base_fields) == list(fields), name
    else:
        parameters = set(action_parameters(action))
        model_fields = {f.name for f in model._meta.fields}
        assert set(form.base_fields) <= parameters, name
        assert parameters & model_fields <= set(form.base_fields), name
    for field_name, field in form.base_fields.items():
        # Every label is the model's Vietnamese name, never the field's English one.
        assert field.label and field.label.lower() != field_name.replace("_", " "), field_name


def _action(actor, *, org, subject, ends_on=None, starts_on, not_a_field=""):
    """An action as one with a new field would be: its parameters name the form's fields."""


def test_a_field_of_the_model_and_the_action_is_on_the_form_in_the_model_order():
    form = record_form(Inspection, _action)
    assert list(form.base_fields) == ["org", "subject", "starts_on", "ends_on"]
    fields = form.base_fields
    assert fields["org"].label == "Tổ chức"  # the related model's name: the field has none
    assert fields["subject"].label == "Nội dung" and fields["subject"].required
    assert isinstance(fields["starts_on"].widget, DateInput) and fields["starts_on"].required
    assert not fields["ends_on"].required  # blank on the model


def test_the_choices_are_what_the_user_writes_and_reads(world, user_with):
    programme = InspectionProgramme.objects.create(org=world.committee, year=2017, title="Của ta")
    theirs = InspectionProgramme.objects.create(org=world.other, year=2017, title="Của họ")
    client = user_with("office", world.committee)
    page = client.get(reverse("inspection_create"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Đảng bộ Thử" in html and "Đảng bộ Khác" not in html
    assert "Của ta" in html and "Của họ" not in html
    data = {
        "org": world.committee.pk,
        "direction": "conducted",
        "kind": "inspection",
        "inspector": "Ủy ban Kiểm tra",
        "subject": "Việc thu nộp đảng phí",
        "starts_on": "2017-03-01",
        "programme": theirs.pk,
    }
    refused = client.post(reverse("inspection_create"), data)
    assert refused.status_code == 400 and not Inspection.objects.exists()
    data["programme"] = programme.pk
    assert client.post(reverse("inspection_create"), data).status_code == 302
    inspection = Inspection.objects.get()
    assert inspection.programme == programme
    assert inspection.starts_on == dt.date(2017, 3, 1)


def test_the_action_still_checks_what_the_form_cannot(world):
    programme = InspectionProgramme.objects.create(org=world.committee, year=2017, title="Của ta")
    with pytest.raises(Exception, match="không thuộc"):
        actions.record_inspection(
            None,
            org=world.union,
            direction="conducted",
            kind="inspection",
            inspector="Ủy ban Kiểm tra",
            subject="Nội dung",
            starts_on=dt.date(2017, 3, 1),
            programme=programme,
        )


def test_an_edit_opens_on_what_is_stored_and_changes_only_through_its_action(world, user_with):
    inspection = actions.record_inspection(
        None,
        org=world.committee,
        direction="conducted",
        kind="supervision",
        inspector="Ban Thường vụ",
        subject="Sinh hoạt chi bộ",
        starts_on=dt.date(2017, 3, 1),
        conclusion="Đang tổng hợp ý kiến",
    )
    client = user_with("office", world.committee)
    url = reverse("inspection_conclude", args=[inspection.pk])
    page = client.get(url).content.decode()
    assert "Đang tổng hợp ý kiến" in page and 'name="ends_on"' in page
    assert 'name="subject"' not in page  # the conclusion's action does not take it
    early = client.post(url, {"conclusion": "Tốt", "ends_on": "2017-02-01"})
    assert early.status_code == 400
    inspection.refresh_from_db()
    assert inspection.conclusion == "Đang tổng hợp ý kiến" and inspection.ends_on is None
    assert client.post(url, {"conclusion": "Tốt", "ends_on": "2017-04-01"}).status_code == 302
    inspection.refresh_from_db()
    assert (inspection.conclusion, inspection.ends_on) == ("Tốt", dt.date(2017, 4, 1))
    other = user_with("office", world.other, username="u-other")
    assert other.get(url).status_code == 404


def _contribute(actor, *, quantity=None):
    """An action taking a whole number the database stores in an integer column."""


def test_a_whole_number_beyond_what_the_database_stores_is_a_message():
    form_class = record_form(Contribution, _contribute)

    class Scope:
        def visible(self, qs):
            return qs

    too_big = form_class({"quantity": "9" * 20}, scope=Scope())
    assert not too_big.is_valid() and "quantity" in too_big.errors
    assert form_class({"quantity": "12"}, scope=Scope()).is_valid()


def test_an_optional_choice_opens_on_a_dash_and_a_required_one_offers_only_its_values():
    class Scope:
        def visible(self, qs):
            return qs

    def _required(actor, *, direction):
        """A required choice."""

    def _optional(actor, *, quality=""):
        """An optional choice."""

    required = record_form(Inspection, _required)(scope=Scope()).fields["direction"]
    assert [value for value, _label in required.choices] == Inspection.Direction.values
    optional = record_form(MeetingMinutes, _optional)(scope=Scope()).fields["quality"]
    assert optional.choices[0] == ("", "—")
    assert [v for v, _label in optional.choices[1:]] == MeetingMinutes.Quality.values


def test_a_year_of_any_name_is_a_year_dangvu_knows():
    field = record_form(Shortcoming, review_actions.record_shortcoming).base_fields["review_year"]
    assert isinstance(field, YearField)
