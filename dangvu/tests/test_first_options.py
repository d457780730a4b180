"""Every dropdown opens the same way, whether its form is derived from a model or written by
hand: on "— Chọn —" where a choice must be made, on "—" where it may be left
(`web.first_option`), never on Django's "---------"."""

import importlib
import pkgutil

import pytest
from django import forms

import dangvu
from dangvu.orgs.models import Organization
from dangvu.records import record_form
from dangvu.tests.test_record_forms import DERIVED
from dangvu.web import first_option


class EveryRecord:
    """A scope that offers everything: only the labels are looked at."""

    def writable_orgs(self, kinds=None, current=False):
        return Organization.objects.all()

    def writable_people(self, people):
        return people

    def visible(self, queryset):
        return queryset


# What a dropdown's empty first option says when it is a placeholder; an empty value with a
# label of its own ("Không": no academic title) is a choice like the others.
PLACEHOLDERS = {"— Chọn —", "—", "---------"}


def _first_options(form_fields):
    """(field name, label of its empty option, the label the rule asks for) of every dropdown."""
    for name, field in form_fields.items():
        if not isinstance(field.widget, forms.Select):
            continue
        if isinstance(field, forms.ModelChoiceField) and field.empty_label is not None:
            yield name, field.empty_label, first_option(field.required)
        elif isinstance(field, forms.ChoiceField) and not isinstance(field.choices, list):
            continue  # drawn from a callable when the form is shown: not this rule's to read
        elif field.choices and field.choices[0][0] == "" and field.choices[0][1] in PLACEHOLDERS:
            yield name, field.choices[0][1], first_option(field.required)


def _derived_form(model, action, base, fields):
    """The derived form as a user with every record sees it; None for a form that needs more
    than the scope to be drawn (it opens its choices by the same ScopedFormMixin)."""
    form_class = record_form(model, action, base, fields)
    try:
        return form_class(scope=EveryRecord())
    except TypeError:
        return None


def _hand_written_forms():
    for app in pkgutil.iter_modules(dangvu.__path__):
        try:
            module = importlib.import_module(f"dangvu.{app.name}.forms")
        except ModuleNotFoundError:
            continue
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, forms.BaseForm)
                and value.__module__ == module.__name__
            ):
                yield value


HAND_WRITTEN = sorted(_hand_written_forms(), key=lambda f: f"{f.__module__}.{f.__name__}")


def test_the_walk_finds_the_forms():
    assert len(HAND_WRITTEN) >= 20 and len(DERIVED) >= 3


@pytest.mark.parametrize("form", HAND_WRITTEN, ids=[f.__name__ for f in HAND_WRITTEN])
def test_a_hand_written_form_opens_its_choices_by_the_rule(form):
    wrong = [(n, got, want) for n, got, want in _first_options(form.base_fields) if got != want]
    assert wrong == []


@pytest.mark.parametrize("name, model, action, base, fields", DERIVED, ids=[v[0] for v in DERIVED])
def test_a_derived_form_opens_its_choices_by_the_rule(db, name, model, action, base, fields):
    form = _derived_form(model, action, base, fields)
    if form is None:
        pytest.skip("drawn with more than the scope")
    assert [(n, got) for n, got, want in _first_options(form.fields) if got != want] == []


def test_both_openings_are_met(db):
    """The rule is not read on empty lists: the forms hold choices of both kinds."""
    derived = [_derived_form(*view[1:]) for view in DERIVED]
    labels = {got for form in derived if form for _n, got, _want in _first_options(form.fields)}
    labels |= {got for form in HAND_WRITTEN for _n, got, _want in _first_options(form.base_fields)}
    assert labels == {"— Chọn —", "—"}
