import datetime as dt

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from dangvu.accounts import onboarding
from dangvu.accounts.history import recent as recent_history
from dangvu.accounts.history import render_page as history_page
from dangvu.accounts.models import AuditEntry
from dangvu.core.facts import Figure
from dangvu.home.stats_charts import stats_charts
from dangvu.lib.dates import vn_date
from dangvu.people.models import Membership, Person
from dangvu.people.stats import LABELS as SECTION_ONE_LABELS
from dangvu.people.stats import MEMBERSHIP_FACTS, members_query, section_one
from dangvu.records import ActionFormView
from dangvu.web import apply_action, day_param, render_form

from . import actions, kinds
from .forms import (
    DeleteForm,
    EndForm,
    MergeForm,
    MoveForm,
    OrgCreateForm,
    ProfileForm,
    RenameForm,
    SeatForm,
    TermForm,
    TypeForm,
)
from .models import Organization, Position, active_on
from .tree import nested


def _writable(request, slug):
    org = request.scope.org_or_404(slug)
    request.scope.require_write_org(org)
    return org


def _restructurable(request, slug):
    org = request.scope.org_or_404(slug)
    request.scope.require_restructure_org(org)
    return org


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
            "org_type": kinds.kind_on(org, day) if org.kind in actions.TYPED_KINDS else None,
        },
    )


class _OrgForm(ActionFormView):
    """A form acting on the organization of the URL (`slug`): one the user writes, or with
    `restructure` one whose level above the user writes. Back to the organization's page."""

    restructure = True

    def get_object(self):
        scope = self.request.scope
        org = scope.org_or_404(self.kwargs["slug"])
        if self.restructure:
            scope.require_restructure_org(org)
        else:
            scope.require_write_org(org)
        return org

    def get_back_url(self):
        return parent_url(self.object)

    def get_success_url(self, result=None):
        return parent_url(self.object)


class OrgCreate(_OrgForm):
    form_class = OrgCreateForm
    action = actions.create_org
    restructure = False
    title = "Thêm tổ chức trực thuộc {object}"

    def action_args(self):
        return ()

    def get_form_kwargs(self):
        org = self.object
        typed = org.kind in actions.TYPED_KINDS
        names = kinds.kind_on(org).mass_organizations if typed else ()
        return {**super().get_form_kwargs(), "mass_organizations": names}

    def action_data(self, form):
        return {**form.cleaned_data, "parent": self.object}

    def get_success_message(self, result):
        return f"Đã thêm {result}."

    def get_success_url(self, result=None):
        return parent_url(result)


org_create = OrgCreate.as_view()


def parent_url(org):
    return reverse("org_detail", args=[org.slug])


org_rename = _OrgForm.as_view(
    form_class=RenameForm,
    action=actions.rename_org,
    title="Đổi tên {object}",
    success_message="Đã đổi tên; tên cũ vẫn được giữ cho các ngày trước đó.",
)


class OrgDissolve(_OrgForm):
    form_class = EndForm
    action = actions.dissolve_org
    title = "Giải thể {object}"
    submit = "Giải thể"

    def get_success_message(self, result):
        return f"Đã giải thể {self.object}; hồ sơ vẫn được lưu."


org_dissolve = OrgDissolve.as_view()


class OrgMerge(_OrgForm):
    form_class = MergeForm
    action = actions.merge_org
    title = "Sáp nhập {object}"
    submit = "Sáp nhập"

    def get_form_kwargs(self):
        org = self.object
        successors = self.request.scope.writable_orgs([org.kind]).exclude(id=org.id)
        return {**super().get_form_kwargs(), "successors": successors}

    def form_valid(self, form):
        self.successor = form.cleaned_data["successor"]
        return super().form_valid(form)

    def get_success_message(self, result):
        return f"Đã sáp nhập {self.object} vào {self.successor}."


org_merge = OrgMerge.as_view()


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


def org_type(request, slug):
    """The organization's type of grassroots organization, from a date (a commune, a school …)."""
    org = _writable(request, slug)
    form = TypeForm(request.POST or None)
    if form.is_valid() and apply_action(
        form, actions.set_type, request.user, org, **form.cleaned_data
    ):
        messages.success(request, "Đã ghi loại hình; loại hình cũ vẫn giữ cho các ngày trước đó.")
        return redirect("org_detail", slug=org.slug)
    history = "; ".join(
        f"{kinds.all_kinds()[t.code].label if t.code in kinds.all_kinds() else t.code} "
        f"(từ {vn_date(t.valid_from)})"
        for t in org.types.all()
    )
    current = kinds.kind_on(org)
    intro = f"Loại hình hiện nay: {current.label}." + (f" Đã ghi: {history}." if history else "")
    return render_form(
        request, form, title=f"Loại hình của {org}", back_url=parent_url(org), intro=intro
    )


def org_profile(request, slug):
    """The profile figures of section I that the organization's type names, as of a date."""
    org = _writable(request, slug)
    kind = kinds.kind_on(org)
    form = ProfileForm(request.POST or None, items=kind.profile)
    if form.is_valid() and apply_action(
        form,
        actions.record_profile_figures,
        request.user,
        org,
        form.values(),
        form.cleaned_data["as_of"],
        form.cleaned_data["note"],
    ):
        messages.success(request, "Đã ghi số liệu đặc điểm; số liệu các ngày trước vẫn được giữ.")
        return redirect("org_detail", slug=org.slug)
    latest = {}
    for row in org.profile_figures.order_by("as_of"):
        latest[row.code] = row
    shown = [
        f"{kinds.profile_label(code)}: {row.value} (ngày {vn_date(row.as_of)})"
        for code, row in latest.items()
    ]
    intro = f"Loại hình: {kind.label}." + (
        " Đã ghi: " + "; ".join(shown) + "." if shown else " Chưa có số liệu nào."
    )
    if not kind.profile:
        intro += " Loại hình này lấy số liệu mục I từ hồ sơ cán bộ, không cần ghi thêm."
    return render_form(
        request, form, title=f"Số liệu đặc điểm của {org}", back_url=parent_url(org), intro=intro
    )


def org_terms(request, slug):
    """The terms of the organization's committee, and a new one with its secretary: numbering
    of outgoing documents runs over the term, so a new committee records one first."""
    org = _writable(request, slug)
    today = dt.date.today()
    people = Person.objects.filter(
        active_on(today, "memberships__"),
        memberships__org__in=[org, *org.children.all()],
        memberships__kind=Membership.Kind.PARTY,
    ).distinct()
    form = TermForm(request.POST or None, people=people.order_by("sort_name"))
    if form.is_valid() and apply_action(
        form, actions.record_term, request.user, org, **form.cleaned_data
    ):
        messages.success(request, "Đã ghi nhiệm kỳ.")
        return redirect("org_detail", slug=org.slug)
    terms = "; ".join(
        f"{t} ({vn_date(t.valid_from)}–{vn_date(t.valid_to) if t.valid_to else 'nay'})"
        for t in org.terms.all()
    )
    intro = "Số văn bản đi của Đảng đánh theo nhiệm kỳ cấp ủy. " + (
        f"Đã ghi: {terms}." if terms else "Chưa có nhiệm kỳ nào."
    )
    return render_form(
        request, form, title=f"Nhiệm kỳ của {org}", back_url=parent_url(org), intro=intro
    )


class OrgSeat(_OrgForm):
    """A seat in the committee of one of the organization's terms, with any title; the
    positions of the organization's type are offered as titles."""

    form_class = SeatForm
    action = actions.appoint
    restructure = False
    title = "Thêm chức vụ trong cấp ủy {object}"
    success_message = "Đã ghi chức vụ."

    def get_form_kwargs(self):
        org = self.object
        people = Person.objects.filter(
            active_on(dt.date.today(), "memberships__"),
            memberships__org__in=[org, *org.children.all()],
            memberships__kind=Membership.Kind.PARTY,
        ).distinct()
        return {
            **super().get_form_kwargs(),
            "terms": org.terms.order_by("-valid_from"),
            "people": people.order_by("sort_name"),
            "positions": kinds.kind_on(org).positions,
        }

    def action_args(self):
        return ()

    def action_data(self, form):
        return form.cleaned_data


org_seat = OrgSeat.as_view()


def org_move(request, slug):
    """A change of superior from a date (a reorganization), not a rename."""
    org = _restructurable(request, slug)
    form = MoveForm(request.POST or None)
    if form.is_valid() and apply_action(
        form, onboarding.move_under, request.user, org, **form.cleaned_data
    ):
        messages.success(request, "Đã chuyển cấp trên; văn bản các ngày trước vẫn ghi cấp trên cũ.")
        return redirect("org_detail", slug=org.slug)
    return render_form(
        request,
        form,
        title=f"Chuyển {org} về cấp trên khác",
        back_url=parent_url(org),
        submit="Chuyển",
        intro=f"Hiện trực thuộc: {org.parent or 'cấp cao nhất'}.",
    )


def org_delete(request, slug):
    """Delete an organization entered by mistake (refused once records depend on it)."""
    org = _restructurable(request, slug)
    parent = org.parent
    form = DeleteForm(request.POST or None)
    if form.is_valid():
        name = org.name
        if (
            apply_action(
                form, actions.delete_org, request.user, org, form.cleaned_data["confirm_name"]
            )
            is None
            and not form.errors
        ):
            messages.success(request, f"Đã xóa {name}.")
            return redirect("org_detail", slug=parent.slug) if parent else redirect("org_tree")
    return render_form(request, form, title=f"Xóa {org}", back_url=parent_url(org), submit="Xóa")
