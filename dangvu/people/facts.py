from dangvu.core.facts import provider

from .stats import section_one


@provider
def staff_and_members(org, period):
    """Section I is a picture on the last day of the period."""
    return section_one(org, period.end)
