"""Pages of work programmes (list, detail, items, carrying over) and of indicators."""

from django import forms as django_forms
from django.contrib import messages
from django.db import transaction
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.urls import reverse

from dangvu.lib.dates import vn_date
from dangvu.meetings.models import Activity
from dangvu.records import (
    ActionFormView,
    Column,
    RecordListView,
    YearFilter,
    detail_url,
)
from dangvu.web import (
    attempt,
    refused,
    render_form,
)

from . import actions, forms
from .models import Indicator, ProgrammeItem, WorkProgramme

# Work programme ---------------------------------------------------------------------------------


work_programme_list = RecordListView.as_view(
    queryset=WorkProgramme.objects.select_related("org").annotate(
        n=Count("items"),
        done=Count("items", filter=Q(items__status=ProgrammeItem.Status.DONE)),
    ),
    title="Chương trình công tác",
    columns=[
        Column("year"),
        Column("title", "Chương trình", link=detail_url("work_programme_detail")),
        Column(lambda p: p.org.name, "Tổ chức"),
        Column(lambda p: f"{p.done}/{p.n}", "Hoàn thành", num=True),
    ],
    create=("work_programme_create", "Thêm chương trình"),
)


def _programme(request, pk, write=False):
    qs = WorkProgramme.objects.select_related("org")
    return request.scope.get_or_404(qs, pk, write=write)


def work_programme_detail(request, programme_id):
    programme = _programme(request, programme_id)
    items = programme.items.select_related("owner_org", "carried_from__programme").prefetch_related(
        "evidence", "carried_to__programme"
    )
    return render(
        request,
        "programme/programme_detail.html",
        {
            "programme": programme,
            "items": items,
            "can_write": request.scope.can_write_org(programme.org),
            "unfinished": any(
                i.status in (ProgrammeItem.Status.PLANNED, ProgrammeItem.Status.IN_PROGRESS)
                for i in items
            ),
        },
    )


work_programme_create = ActionFormView.as_view(
    model=WorkProgramme,
    form_class=forms.ProgrammeNewForm,
    action=actions.create_programme,
    title="Thêm chương trình công tác",
    back_url_name="work_programme_list",
    success_message="",  # the new programme's page says what was made
    result_url_name="work_programme_detail",
)


work_programme_item_create = ActionFormView.as_view(
    model=ProgrammeItem,
    action=actions.add_programme_item,
    record=WorkProgramme,
    record_kwarg="programme_id",
    title="Thêm mục — {object.title}",
    success_message="Đã thêm mục.",
    record_url_name="work_programme_detail",
)


def work_programme_carry_over(request, programme_id):
    """Confirm (GET), then copy the unfinished items into next year's programme (POST)."""
    programme = _programme(request, programme_id, write=True)
    if request.method != "POST":
        return render_form(
            request,
            django_forms.Form(),
            title=f"Chuyển các mục chưa hoàn thành sang năm {programme.year + 1}",
            back_url=reverse("work_programme_detail", args=[programme.pk]),
            submit="Chuyển sang năm sau",
            intro="Các mục chưa hoàn thành được chép sang chương trình năm sau; mục cũ ghi "
            "“Chuyển sang năm sau”.",
        )
    target, errors = attempt(actions.carry_over, request.user, programme)
    if refused(request, errors):
        return redirect("work_programme_detail", programme_id=programme.pk)
    messages.success(request, f"Đã chuyển các mục chưa hoàn thành sang năm {target.year}.")
    return redirect("work_programme_detail", programme_id=target.pk)


@transaction.atomic
def _update_item(actor, item, d):
    if d["status"] != item.status or d["done_on"] != item.done_on:
        actions.set_item_status(actor, item, d["status"], d["done_on"])
    if d["evidence"] is not None:
        actions.link_evidence(actor, item, d["evidence"])
    return item


class ProgrammeItemEdit(ActionFormView):
    form_class = forms.ItemStatusForm
    action = _update_item  # the status and the evidence, in one transaction
    record = ProgrammeItem.objects.select_related("programme__org")
    record_kwarg = "item_id"
    title = "Mục {object.number} — {object.programme.title}"
    success_message = "Đã cập nhật mục {result.number}."
    initial_fields = ("status", "done_on")

    def get_form_kwargs(self):
        year = self.object.programme.year
        activities = self.request.scope.visible(Activity).filter(starts_on__year=year)
        return {**super().get_form_kwargs(), "activities": activities.order_by("starts_on")}

    def action_data(self, form):
        return {"d": form.cleaned_data}

    def get_intro(self):
        return self.object.title or self.object.text[:300]

    def get_success_url(self, result=None):
        return reverse("work_programme_detail", args=[self.object.programme_id])

    get_back_url = get_success_url


work_programme_item_edit = ProgrammeItemEdit.as_view()


# Indicators ---------------------------------------------------------------------------------------


indicator_list = RecordListView.as_view(
    queryset=Indicator.objects.select_related("org").order_by("-period_end", "id"),
    title="Chỉ số kết quả nhiệm vụ chính trị",
    columns=[
        Column("label"),
        Column("value", num=True),
        Column("unit", "Đơn vị"),
        Column(lambda i: f"{vn_date(i.period_start)} – {vn_date(i.period_end)}", "Kỳ"),
        Column("source"),
        Column("key"),
    ],
    filters=[YearFilter("period_end__year")],
    create=("indicator_create", "Ghi chỉ số"),
)


indicator_create = ActionFormView.as_view(
    model=Indicator,
    form_class=forms.IndicatorForm,
    action=actions.record_indicator,
    title="Ghi chỉ số",
    success_message="Đã ghi chỉ số.",
    success_url_name="indicator_list",
)
