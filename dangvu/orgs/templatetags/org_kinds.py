"""Names of the kinds of organization the data defines, for pages."""

from django import template

from dangvu.orgs import kinds

register = template.Library()


@register.filter
def mass_kind_label(code):
    """ "farmers_union" -> "Hội Nông dân"; an unknown code is shown as it is."""
    kind = kinds.mass_kinds().get(code)
    return kind.label if kind else code
