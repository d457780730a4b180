from django.http import Http404
from django.shortcuts import render
from django.urls import reverse

from dangvu.accounts.history import recent as recent_history
from dangvu.accounts.history import render_page as history_page
from dangvu.accounts.models import AuditEntry
from dangvu.home.stats_charts import stats_charts
from dangvu.people.models import Membership, Person
from dangvu.people.stats import section_one
from dangvu.records import ActionFormView
from dangvu.web import day_param

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
    org = request.scope.org_or_404(slug)
    day = day_param(request)
    figures = section_one(org, day)
    return render(
        request,
        "orgs/stats.html",
        {
            "org": org,
            "day": day,
            "name": org.name_on(day),
            "figures": figures.items(),
            "charts": stats_charts(figures, day),
        },
    )


def org_figure(request, slug, fact):
    """The records behind one figure: the people (or organizations) it counts."""
    org = request.scope.org_or_404(slug)
    day = day_param(request)
    figures = section_one(org, day)
    if fact not in figures:
        raise Http404("Không có số liệu này.")
    figure = figures[fact]
    people = request.scope.people(Person.objects.filter(id__in=figure.people))
    orgs = request.scope.orgs(Organization.objects.filter(id__in=figure.orgs))
    return render(
        request,
        "orgs/figure.html",
        {
            "org": org,
            "day": day,
            "fact": fact,
            "figure": figure,
            "people": people,
            "orgs": orgs,
        },
    )


def org_history(request, slug):
    """The organization's whole change history, paged, as its viewer may read it."""
    org = request.scope.org_or_404(slug)
    return history_page(
        request, AuditEntry.objects.filter(org=org), name=org.name, back_url=parent_url(org)
    )
