"""Links to organizations that the viewer may open, and plain names for the others.

A page shows organizations its viewer cannot open (a unit's superior committee, for one): a link
to them would only answer 404, so their name is shown as text.
"""

from django import template
from django.urls import reverse
from django.utils.html import format_html

register = template.Library()


@register.simple_tag(takes_context=True)
def org_link(context, org, label=None):
    label = org.name if label is None else label
    scope = getattr(context.get("request"), "scope", None)
    if scope is not None and scope.can_read_org(org):
        return format_html('<a href="{}">{}</a>', reverse("org_detail", args=[org.slug]), label)
    return format_html("<span>{}</span>", label)
