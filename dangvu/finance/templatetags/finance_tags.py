from django import template

from dangvu.lib.text import money

register = template.Library()


@register.filter
def dong(value):
    """Integer đồng with dots between thousands ("1.234.567"); empty for None."""
    if value is None or value == "":
        return ""
    return money(int(value))
