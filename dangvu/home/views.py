"""The home page: one dashboard section per role of the user, as of a date (?ngay=)."""

import datetime as dt
from dataclasses import dataclass

from django.shortcuts import redirect, render
from django.urls import reverse

from dangvu.accounts.models import Role
from dangvu.lib.dates import vn_date
from dangvu.web import day_param

from . import panels

ROLE_TITLES = {
    Role.Kind.OFFICE: "Văn phòng cấp ủy",
    Role.Kind.SECRETARY: "Bí thư chi bộ",
    Role.Kind.MEMBER: "Đảng viên",
    Role.Kind.SUPERIOR: "Cấp ủy cấp trên",
}


@dataclass
class Section:
    kind: str
    title: str
    panels: list
    latest: dt.date | None  # the last day with records, offered when the chosen year has none


def _section(role, scope, day):
    """The dashboard of one role, or None for a role without an organization or a person."""
    kind = role.kind
    if kind == Role.Kind.MEMBER:
        if role.person is None:
            return None
        person = role.person
        return Section(
            kind,
            f"{ROLE_TITLES[kind]} — {person}",
            panels.member_panels(person, day),
            panels.latest_person_record(person),
        )
    org = role.org
    if org is None or not scope.can_read_org(org):
        return None
    title = f"{ROLE_TITLES.get(kind, role.get_kind_display())} — {org.name_on(day)}"
    if kind == Role.Kind.SUPERIOR:
        section_panels = panels.superior_panels(org, day)
    else:
        section_panels = panels.org_panels(org, day, scope.can_write_org(org))
    return Section(kind, title, section_panels, panels.latest_org_record(org))


def dashboard(request):
    scope = request.scope
    day = day_param(request)
    roles = Role.objects.filter(user=request.user).select_related("org", "person")
    sections = [s for s in (_section(role, scope, day) for role in roles) if s is not None]
    if not sections:
        # The operator and superusers hold no role: the organization tree is their start.
        if scope.sees_everything or scope.read_org_ids:
            return redirect("org_tree")
        return render(request, "orgs/no_access.html")
    latest = max((s.latest for s in sections if s.latest), default=None)
    older = latest if latest and latest.year < day.year else None
    return render(
        request,
        "home/dashboard.html",
        {
            "day": day,
            "sections": sections,
            "older": older,
            "older_day": dt.date(older.year, 12, 31) if older else None,
            "day_label": vn_date(day),
            "home_url": reverse("home"),
        },
    )
