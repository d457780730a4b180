from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from dangvu.accounts.history import recent as recent_history
from dangvu.accounts.history import render_page as history_page
from dangvu.accounts.models import AuditEntry
from dangvu.core.facts import Figure
from dangvu.home.stats_charts import stats_charts
from dangvu.people.models import Membership, Person
from dangvu.people.stats import LABELS as SECTION_ONE_LABELS
from dangvu.people.stats import MEMBERSHIP_FACTS, members_query, section_one
from dangvu.web import apply_action, day_param, render_form

from . import actions
from .forms import EndForm, MergeForm, OrgCreateForm, RenameForm
from .models import Organization, Position, active_on
from .tree import nested


def org_tree(request):
    day = day_param(request)
    orgs = list(request.scope.orgs())
    show_all = bool(request.GET.get("tat-ca"))
    if not show_all:
        orgs = [o for o in orgs if o.is_active_on(day)]
    return render(
        request, "orgs/tree.html", {"rows": nested(orgs), "day": day, "show_all": show_all}
    )


def org_detail(request, slug):
    scope = request.scope
    org = scope.org_or_404(slug)
    day = day_param(request)
    children = [o for o in scope.orgs(org.children.all()) if o.is_active_on(day)]
    members = (
        Membership.objects.filter(active_on(day), org=org)
        .select_related("person")
        .order_by("person__sort_name")
    )
    positions = (
        Position.objects.filter(active_on(day), active_on(day, "term__"), term__organization=org)
        .select_related("person", "term")
        .order_by("term__body", "role")
    )
    history = recent_history(request, AuditEntry.objects.filter(org=org))
    return render(
        request,
        "orgs/detail.html",
        {
            "org": org,
            "day": day,
            "children": children,
            "members": members,
            "positions": positions,
            "names": org.names.all(),
            "history": history,
            "can_write": scope.can_write_org(org),
            "can_restructure": scope.can_restructure_org(org),
        },
    )


def _writable(request, slug):
    org = request.scope.org_or_404(slug)
    request.scope.require_write_org(org)
    return org


def _restructurable(request, slug):
    org = request.scope.org_or_404(slug)
    request.scope.require_restructure_org(org)
    return org


def org_create(request, slug):
    parent = _writable(request, slug)
    form = OrgCreateForm(request.POST or None)
    if form.is_valid():
        org = apply_action(
            form, actions.create_org, request.user, parent=parent, **form.cleaned_data
        )
        if org:
            messages.success(request, f"Đã thêm {org}.")
            return redirect("org_detail", slug=org.slug)
    return render_form(
        request, form, title=f"Thêm tổ chức trực thuộc {parent}", back_url=parent_url(parent)
    )


def parent_url(org):
    return reverse("org_detail", args=[org.slug])


def org_rename(request, slug):
    org = _restructurable(request, slug)
    form = RenameForm(request.POST or None)
    if form.is_valid() and apply_action(
        form, actions.rename_org, request.user, org, **form.cleaned_data
    ):
        messages.success(request, "Đã đổi tên; tên cũ vẫn được giữ cho các ngày trước đó.")
        return redirect("org_detail", slug=org.slug)
    return render_form(request, form, title=f"Đổi tên {org}", back_url=parent_url(org))


def org_dissolve(request, slug):
    org = _restructurable(request, slug)
    form = EndForm(request.POST or None)
    if form.is_valid() and apply_action(
        form, actions.dissolve_org, request.user, org, form.cleaned_data["on"]
    ):
        messages.success(request, f"Đã giải thể {org}; hồ sơ vẫn được lưu.")
        return redirect("org_detail", slug=org.slug)
    return render_form(
        request, form, title=f"Giải thể {org}", back_url=parent_url(org), submit="Giải thể"
    )


def org_merge(request, slug):
    org = _restructurable(request, slug)
    successors = request.scope.writable_orgs([org.kind]).exclude(id=org.id)
    form = MergeForm(request.POST or None, successors=successors)
    if form.is_valid() and apply_action(
        form,
        actions.merge_org,
        request.user,
        org,
        form.cleaned_data["successor"],
        form.cleaned_data["on"],
    ):
        messages.success(request, f"Đã sáp nhập {org} vào {form.cleaned_data['successor']}.")
        return redirect("org_detail", slug=org.slug)
    return render_form(
        request, form, title=f"Sáp nhập {org}", back_url=parent_url(org), submit="Sáp nhập"
    )


def org_stats(request, slug):
    """Section I's figures; membership figures are counted in SQL (a province has hundreds of
    thousands of members) and their drill-downs list them a page at a time."""
    org = request.scope.org_or_404(slug)
    day = day_param(request)
    figures = section_one(org, day, records=False)
    members = members_query(org, day, "party.members")
    return render(
        request,
        "orgs/stats.html",
        {
            "org": org,
            "day": day,
            "name": org.name_on(day),
            "figures": figures.items(),
            "drill": MEMBERSHIP_FACTS,
            "charts": stats_charts(figures, day, members=members),
        },
    )


def org_figure(request, slug, fact):
    """The records behind one figure: the people (or organizations) it counts, 50 a page, read
    by query (a membership figure) or from the figure's ids (the others, a few hundred at most)."""
    org = request.scope.org_or_404(slug)
    day = day_param(request)
    if fact in MEMBERSHIP_FACTS:
        people = members_query(org, day, fact)
        figure = Figure(people.count(), label=SECTION_ONE_LABELS[fact])
        orgs = Organization.objects.none()
    else:
        figures = section_one(org, day)
        if fact not in figures:
            raise Http404("Không có số liệu này.")
        figure = figures[fact]
        people = Person.objects.filter(id__in=figure.people)
        orgs = request.scope.orgs(Organization.objects.filter(id__in=figure.orgs))
    people = request.scope.people(people).order_by("sort_name", "id")
    page = Paginator(people, 50).get_page(request.GET.get("trang"))
    query = request.GET.copy()
    query.pop("trang", None)
    return render(
        request,
        "orgs/figure.html",
        {
            "org": org,
            "day": day,
            "fact": fact,
            "figure": figure,
            "page": page,
            "people": page.object_list,
            "query": query.urlencode(),
            "orgs": orgs,
        },
    )


def org_history(request, slug):
    """The organization's whole change history, paged, as its viewer may read it."""
    org = request.scope.org_or_404(slug)
    return history_page(
        request, AuditEntry.objects.filter(org=org), name=org.name, back_url=parent_url(org)
    )
