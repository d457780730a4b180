"""The first run in the browser: the committee, its cells, its members from Excel, its accounts.

The page is a checklist the office can come back to. On a fresh installation (no organization
at all) the administrator starts by creating the committee; later steps link to the pages that
already exist (the Excel import of people, account creation).
"""

import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render

from dangvu.orgs.models import Organization, active_on
from dangvu.orgs.tree import subtree_ids
from dangvu.people.models import Membership
from dangvu.web import apply_action

from . import actions, onboarding
from .forms import CellsForm, CommitteeForm

K = Organization.Kind


def _committees(actor):
    """The active grassroots committees whose accounts `actor` manages."""
    orgs = Organization.objects.filter(kind=K.PARTY_COMMITTEE, valid_to__isnull=True)
    ids = actions.managed_org_ids(actor)
    return orgs.order_by("id") if ids is None else orgs.filter(id__in=ids).order_by("id")


def setup(request):
    actor = request.user
    if not actions.can_manage_accounts(actor):
        raise PermissionDenied("Chỉ văn phòng cấp ủy hoặc người quản trị mới dùng trang này.")
    committees = list(_committees(actor))
    if not committees or (request.GET.get("moi") and onboarding.is_administrator(actor)):
        return _first_committee(request)
    chosen = request.GET.get("to-chuc")
    committee = next((c for c in committees if c.slug == chosen), committees[0])
    cells_form = CellsForm(request.POST or None)
    if request.method == "POST" and cells_form.is_valid():
        data = cells_form.cleaned_data
        cells = apply_action(
            cells_form,
            onboarding.create_cells,
            actor,
            committee,
            data["names"].splitlines(),
            data["valid_from"],
        )
        if cells:
            return _done(request, f"Đã tạo {len(cells)} chi bộ.", committee)
    return _page(request, cells_form, _checklist(actor, committee, committees, cells_form))


def _first_committee(request):
    """A new committee (the first one of a fresh installation): only an administrator."""
    if not onboarding.is_administrator(request.user):
        raise PermissionDenied("Chưa có đảng bộ nào; người quản trị tạo đảng bộ đầu tiên.")
    form = CommitteeForm(request.POST or None)
    if form.is_valid():
        org = apply_action(
            form, onboarding.create_org, request.user, kind=K.PARTY_COMMITTEE, **form.cleaned_data
        )
        if org:
            return _done(request, f"Đã tạo {org}. Tiếp theo: các chi bộ.", org)
    return _page(
        request, form, {"committee_form": form, "empty": not Organization.objects.exists()}
    )


def _done(request, message, committee):
    """A step done: say so and show the committee's checklist again."""
    messages.success(request, message)
    return redirect(f"{request.path}?to-chuc={committee.slug}")


def _page(request, form, context):
    """The setup page; answered 400 when the step's form was sent and refused."""
    return render(request, "accounts/setup.html", context, status=400 if form.errors else 200)


def _checklist(actor, committee, committees, cells_form):
    today = dt.date.today()
    cells = list(committee.children.filter(active_on(today), kind=K.PARTY_CELL).order_by("name"))
    members = Membership.objects.filter(
        active_on(today), kind=Membership.Kind.PARTY, org__in=cells
    ).count()
    return {
        "committee": committee,
        "committees": committees,
        "cells": cells,
        "cells_form": cells_form,
        "members": members,
        "accounts": actions.accounts_in(subtree_ids([committee.id])).count(),
        "is_administrator": onboarding.is_administrator(actor),
    }
