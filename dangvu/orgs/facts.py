"""Facts of an organization's type: `org.type` (its label) and its profile figures
`profile.<code>` (the latest record on or before the period's end; none: absent)."""

from dangvu.core.facts import Figure, provider

from . import kinds
from .models import ProfileFigure


@provider
def type_facts(org, period):
    kind = kinds.kind_on(org, period.end)
    facts = {"org.type": Figure(kind.label, label="Loại hình tổ chức cơ sở đảng")}
    latest: dict[str, ProfileFigure] = {}
    for row in ProfileFigure.objects.filter(organization=org, as_of__lte=period.end).order_by(
        "as_of"
    ):
        latest[row.code] = row
    for code in kinds.profile_codes():
        row = latest.get(code)
        facts[f"profile.{code}"] = Figure(
            row.value if row else None,
            orgs=frozenset([org.id]) if row else frozenset(),
            label=kinds.profile_label(code),
            records={"orgs.profilefigure": frozenset([row.id])} if row else {},
        )
    return facts
