"""The lifecycle actions of a person's page call `action(user, person, **cleaned_data)`: every
form of the table must name its fields after its action's parameters."""

import inspect

import pytest

from dangvu.people.views import ACTIONS


@pytest.mark.parametrize("slug", sorted(ACTIONS))
def test_form_fields_are_the_action_parameters(slug):
    _label, form_class, action = ACTIONS[slug]
    data = {name: None for name in form_class.base_fields}
    inspect.signature(action).bind("user", "person", **data)  # TypeError on a mismatch
