import datetime as dt

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse

from dangvu.accounts import onboarding
from dangvu.accounts.history import recent as recent_history
from dangvu.accounts.history import render_page as history_page
from dangvu.accounts.models import AuditEntry
from dangvu.awards.models import Commendation
from dangvu.core.facts import Figure
from dangvu.home.stats_charts import age_and_sex, stats_charts
from dangvu.lib.dates import vn_date
from dangvu.people.models import (
    MASS_MEMBERSHIP,
    IrregularIntroduction,
    Membership,
    Person,
    Suspension,
    TemporaryAttachment,
)
from dangvu.people.overruns import attachment_overrun, suspension_overrun
from dangvu.people.stats import LABELS as SECTION_ONE_LABELS
from dangvu.people.stats import (
    MEMBERSHIP_FACTS,
    as_its_kind_counts,
    members_query,
    section_one,
)
from dangvu.records import ActionFormView
from dangvu.superior import kept
from dangvu.superior.views import computing_page
from dangvu.web import day_param, page_of, page_uncounted

from . import actions, kinds
from .forms import (
    DeleteForm,
    EndForm,
    MergeForm,
    MoveForm,
    OrgCreateForm,
    ProfileForm,
    RenameForm,
    SameSystemSuperiorForm,
    SeatForm,
    TermForm,
    TypeForm,
)
from .models import (
    Organization,
    Position,
    Term,
    active_on,
    roles_of,
    same_system_superior_on,
)
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


def _member_status(org, members, day):
    """A cell's members suspended on `day`, and the members attending it for a while (listed
    apart from its members, never counted among them)."""
    if org.kind != Organization.Kind.PARTY_CELL:
        return {}
    people = [m.person_id for m in members]
    suspended = list(
        Suspension.objects.filter(active_on(day), person_id__in=people).select_related("person")
    )
    attachments = list(
        TemporaryAttachment.objects.filter(active_on(day), cell=org)
        .select_related("person")
        .order_by("valid_from", "id")
    )
    return {
        "suspended_ids": {s.person_id for s in suspended},
        "attachments": attachments,
        # Those past the span their rule allows, each with its warning (people/overruns.py).
        "suspension_overruns": [
            (s.person.full_name, warning) for s in suspended if (warning := suspension_overrun(s))
        ],
        "attachment_overruns": [
            (a.name, warning) for a in attachments if (warning := attachment_overrun(a))
        ],
        "is_cell": True,
    }


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
            **_member_status(org, members, day),
            "positions": positions,
            "names": org.names.all(),
            "history": history,
            "can_write": scope.can_write_org(org),
            # Party work records about the organization (Biểu 7-BTCTW, I and IV.3).
            "commendations": scope.visible(Commendation.objects.filter(recipient_org=org)),
            "irregular_introductions": scope.visible(
                IrregularIntroduction.objects.filter(org=org).select_related("person")
            ),
            "can_restructure": scope.can_restructure_org(org),
            "org_type": kinds.kind_on(org, day) if org.kind in actions.TYPED_KINDS else None,
            "same_system_superior": same_system_superior_on(org, day),
            "same_system_units": [
                row.organization
                for row in org.same_system_units.filter(active_on(day))
                .select_related("organization")
                .order_by("organization__name")
                if scope.can_read_org(row.organization)
            ],
        },
    )


class OrgFormView(ActionFormView):
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


class OrgCreate(OrgFormView):
    form_class = OrgCreateForm
    action = actions.create_org
    restructure = False
    title = "Thêm tổ chức trực thuộc {object}"
    success_message = "Đã thêm {result}."

    def action_args(self):
        return ()

    def get_form_kwargs(self):
        org = self.object
        typed = org.kind in actions.TYPED_KINDS
        names = kinds.kind_on(org).mass_organizations if typed else ()
        return {**super().get_form_kwargs(), "mass_organizations": names}

    def action_data(self, form):
        return {**form.cleaned_data, "parent": self.object}

    def get_success_url(self, result=None):
        return parent_url(result)


org_create = OrgCreate.as_view()


def parent_url(org):
    return reverse("org_detail", args=[org.slug])


org_rename = OrgFormView.as_view(
    form_class=RenameForm,
    action=actions.rename_org,
    title="Đổi tên {object}",
    success_message="Đã đổi tên; tên cũ vẫn được giữ cho các ngày trước đó.",
)


class OrgDissolve(OrgFormView):
    form_class = EndForm
    action = actions.dissolve_org
    title = "Giải thể {object}"
    submit = "Giải thể"
    success_message = "Đã giải thể {object}; hồ sơ vẫn được lưu."


org_dissolve = OrgDissolve.as_view()


class OrgMerge(OrgFormView):
    form_class = MergeForm
    action = actions.merge_org
    title = "Sáp nhập {object}"
    submit = "Sáp nhập"
    success_message = "Đã sáp nhập {object} vào {data[successor]}."

    def get_form_kwargs(self):
        org = self.object
        successors = self.request.scope.writable_orgs([org.kind]).exclude(id=org.id)
        return {**super().get_form_kwargs(), "successors": successors}


org_merge = OrgMerge.as_view()


def statistics_figures(org, day):
    """The statistics page's figures of `org` on `day` as JSON-ready data (`superior.kept` keeps
    them for a big subtree): section I counted in SQL, each with whether it has records to list,
    and the party members by age group and by sex for the charts."""
    figures = as_its_kind_counts(org, day, section_one(org, day, records=False))
    ages, sexes = age_and_sex(members_query(org, day, "party.members"), day)
    return {
        "figures": [
            [name, fig.value, fig.label, bool(fig.people or fig.orgs)]
            for name, fig in figures.items()
        ],
        "ages": list(ages.items()),
        "sexes": list(sexes.items()),
    }


def _statistics(request, org, day):
    """The statistics of `org`: kept for a big subtree (`superior.kept`), else computed now."""
    if kept.big(org):
        return kept.read(request.user, org, day, kept.STATISTICS)
    return kept.Reading(statistics_figures(org, day), None, False)


def org_stats(request, slug):
    """Section I's figures; membership figures are counted in SQL (a province has hundreds of
    thousands of members) and their drill-downs list them a page at a time. A big subtree's are
    read from the kept figures."""
    org = request.scope.org_or_404(slug)
    day = day_param(request)
    reading = _statistics(request, org, day)
    if reading.figures is None:
        return computing_page(request, org, day)
    rows = reading.figures["figures"]
    figures = {name: Figure(value, label=label) for name, value, label, _records in rows}
    ages_and_sexes = (dict(reading.figures["ages"]), dict(reading.figures["sexes"]))
    return render(
        request,
        "orgs/stats.html",
        {
            "org": org,
            "day": day,
            "name": org.name_on(day),
            "figures": [
                (name, figures[name], records or (name in MEMBERSHIP_FACTS and value))
                for name, value, _label, records in rows
            ],
            "reading": reading,
            "kept_kind": kept.STATISTICS,
            "charts": stats_charts(figures, day, ages_and_sexes=ages_and_sexes),
        },
    )


def _member_count(request, org, day, fact, people, big):
    """The count of a membership figure: from the kept statistics for a big subtree, once kept
    (counting a province's members takes seconds), else by query."""
    if big:
        reading = kept.read(request.user, org, day, kept.STATISTICS)
        if reading.figures is not None:
            values = {name: value for name, value, *_rest in reading.figures["figures"]}
            return values.get(fact, 0)
    return people.count()


def org_figure(request, slug, fact):
    """The records behind one figure: the people (or organizations) it counts, 50 a page, read
    by query (a membership figure) or from the figure's ids (the others, a few hundred at most)."""
    org = request.scope.org_or_404(slug)
    day = day_param(request)
    # A big subtree's membership figure: its count kept, its list paged without counting.
    big = fact in MEMBERSHIP_FACTS and kept.big(org)
    if fact in MEMBERSHIP_FACTS:
        people = members_query(org, day, fact)
        count = _member_count(request, org, day, fact, people, big)
        figure = Figure(count, label=SECTION_ONE_LABELS[fact])
        orgs = Organization.objects.none()
    else:
        figures = section_one(org, day)
        if fact not in figures:
            raise Http404("Không có số liệu này.")
        figure = figures[fact]
        people = Person.objects.filter(id__in=figure.people)
        orgs = request.scope.orgs(Organization.objects.filter(id__in=figure.orgs))
    people = request.scope.people_among(people).order_by("sort_name", "id")
    page, query = (page_uncounted if big else page_of)(request, people)
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
            "query": query,
            "orgs": orgs,
        },
    )


def org_history(request, slug):
    """The organization's whole change history, paged, as its viewer may read it."""
    org = request.scope.org_or_404(slug)
    return history_page(
        request, AuditEntry.objects.filter(org=org), name=org.name, back_url=parent_url(org)
    )


class OrgType(OrgFormView):
    """The organization's type of grassroots organization, from a date (a commune, a school …)."""

    form_class = TypeForm
    action = actions.set_type
    restructure = False
    title = "Loại hình của {object}"
    success_message = "Đã ghi loại hình; loại hình cũ vẫn giữ cho các ngày trước đó."

    def get_intro(self):
        known = kinds.all_kinds()
        history = "; ".join(
            f"{known[t.code].label if t.code in known else t.code} (từ {vn_date(t.valid_from)})"
            for t in self.object.types.all()
        )
        current = kinds.kind_on(self.object)
        return f"Loại hình hiện nay: {current.label}." + (f" Đã ghi: {history}." if history else "")


org_type = OrgType.as_view()


class OrgProfile(OrgFormView):
    """The profile figures of section I that the organization's type names, as of a date."""

    form_class = ProfileForm
    action = actions.record_profile_figures
    restructure = False
    title = "Số liệu đặc điểm của {object}"
    success_message = "Đã ghi số liệu đặc điểm; số liệu các ngày trước vẫn được giữ."

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "items": kinds.kind_on(self.object).profile}

    def action_data(self, form):
        data = form.cleaned_data
        return {"values": form.values(), "as_of": data["as_of"], "note": data["note"]}

    def get_intro(self):
        latest = {}
        for row in self.object.profile_figures.order_by("as_of"):
            latest[row.code] = row
        shown = [
            f"{kinds.profile_label(code)}: {row.value} (ngày {vn_date(row.as_of)})"
            for code, row in latest.items()
        ]
        kind = kinds.kind_on(self.object)
        intro = f"Loại hình: {kind.label}." + (
            " Đã ghi: " + "; ".join(shown) + "." if shown else " Chưa có số liệu nào."
        )
        if not kind.profile:
            intro += " Loại hình này lấy số liệu mục I từ hồ sơ cán bộ, không cần ghi thêm."
        return intro


org_profile = OrgProfile.as_view()


def party_members_around(org):
    """The party members of the organization and of the cells right under it today: those a
    term's secretary or a committee seat is chosen from. A mass organization's seats are its own
    members' (of it and of the units right under it)."""
    kind = MASS_MEMBERSHIP.get(org.kind, Membership.Kind.PARTY)
    return (
        Person.objects.filter(
            active_on(dt.date.today(), "memberships__"),
            memberships__org__in=[org, *org.children.all()],
            memberships__kind=kind,
        )
        .distinct()
        .order_by("sort_name")
    )


class OrgTerms(OrgFormView):
    """The terms of the organization's committee, and a new one with its secretary: numbering
    of outgoing documents runs over the term, so a new committee records one first."""

    model, form_class = Term, TermForm
    action = actions.record_term
    restructure = False
    title = "Nhiệm kỳ của {object}"
    success_message = "Đã ghi nhiệm kỳ."

    def get_form_kwargs(self):
        org = self.object
        head = Position.Role(roles_of(org.kind)[0]).label
        return {**super().get_form_kwargs(), "people": party_members_around(org), "head": head}

    def get_intro(self):
        terms = "; ".join(
            f"{t} ({vn_date(t.valid_from)}–{vn_date(t.valid_to) if t.valid_to else 'nay'})"
            for t in self.object.terms.all()
        )
        return "Số văn bản đi của Đảng đánh theo nhiệm kỳ cấp ủy. " * (not self.object.is_mass) + (
            f"Đã ghi: {terms}." if terms else "Chưa có nhiệm kỳ nào."
        )


org_terms = OrgTerms.as_view()


class OrgSeat(OrgFormView):
    """A seat in the committee of one of the organization's terms, with any title; the
    positions of the organization's type are offered as titles."""

    form_class = SeatForm
    action = actions.appoint
    restructure = False
    title = "Thêm chức vụ trong cấp ủy {object}"
    success_message = "Đã ghi chức vụ."

    def get_form_kwargs(self):
        org = self.object
        return {
            **super().get_form_kwargs(),
            "terms": org.terms.order_by("-valid_from"),
            "people": party_members_around(org),
            "roles": dict.fromkeys(
                (*roles_of(org.kind), *roles_of(org.kind, Term.Body.INSPECTION))
            ),
            "positions": kinds.kind_on(org).positions,
        }

    def action_args(self):
        return ()

    def action_data(self, form):
        return form.cleaned_data


org_seat = OrgSeat.as_view()


class OrgSameSystemSuperior(OrgFormView):
    """A mass organization's superior of its own system from a date (the upper union): beside
    the tree, which keeps the Party organization that leads it as its parent."""

    form_class = SameSystemSuperiorForm
    action = actions.set_same_system_superior
    restructure = False
    title = "Cấp trên cùng hệ thống của {object}"
    success_message = "Đã ghi cấp trên cùng hệ thống; báo cáo của tổ chức ghi theo từ ngày này."

    def get_intro(self):
        org = self.object
        rows = "; ".join(
            f"{r.superior} (từ {vn_date(r.valid_from)}"
            f"{' đến ' + vn_date(r.valid_to) if r.valid_to else ''})"
            for r in org.same_system_superiors.select_related("superior")
        )
        return (
            f"{org} vẫn chịu sự lãnh đạo của {org.parent or 'tổ chức đảng'}; cấp trên cùng hệ "
            "thống (công đoàn, Đoàn cấp trên) đứng ở đầu văn bản và trong nơi nhận. "
            + (f"Đã ghi: {rows}." if rows else "Chưa ghi.")
        )


org_same_system_superior = OrgSameSystemSuperior.as_view()


class OrgMove(OrgFormView):
    """A change of superior from a date (a reorganization), not a rename."""

    form_class = MoveForm
    action = onboarding.move_under
    title = "Chuyển {object} về cấp trên khác"
    submit = "Chuyển"
    success_message = "Đã chuyển cấp trên; văn bản các ngày trước vẫn ghi cấp trên cũ."

    def get_intro(self):
        return f"Hiện trực thuộc: {self.object.parent or 'cấp cao nhất'}."


org_move = OrgMove.as_view()


class OrgDelete(OrgFormView):
    """Delete an organization entered by mistake (refused once records depend on it); then
    back to its superior's page, or to the tree for a top organization."""

    form_class = DeleteForm
    action = actions.delete_org
    title = "Xóa {object}"
    submit = "Xóa"

    def form_valid(self, form):
        # The record is gone once the action succeeds: keep what the message and the
        # redirect need.
        self.name, self.parent = self.object.name, self.object.parent
        return super().form_valid(form)

    def get_success_message(self, result):
        return f"Đã xóa {self.name}."

    def get_success_url(self, result=None):
        return parent_url(self.parent) if self.parent else reverse("org_tree")


org_delete = OrgDelete.as_view()
