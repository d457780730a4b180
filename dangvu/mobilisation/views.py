"""Pages of campaigns: the list with totals, a campaign's contributions rolled up by unit, and
the forms that add them."""

from collections import defaultdict

from django.shortcuts import render

from dangvu.lib.text import money
from dangvu.orgs.models import active_on
from dangvu.people.models import StaffRecord
from dangvu.records import ActionFormView, Column, OrgFilter, RecordListView, YearFilter, detail_url

from . import actions, forms
from .models import Campaign, Contribution


class CampaignList(RecordListView):
    queryset = Campaign.objects.select_related("org")
    title = "Cuộc vận động, quyên góp"
    filters = [YearFilter("starts_on__year"), OrgFilter()]
    create = ("campaign_create", "Thêm cuộc vận động")

    def get_context_data(self, **kwargs):
        # Money and goods given, summed per campaign by unit before the rows are built.
        self.totals = defaultdict(lambda: defaultdict(int))
        rows = self.object_list.filter(contributions__isnull=False).values_list(
            "id", "contributions__amount", "contributions__quantity", "contributions__unit"
        )
        for cid, amount, quantity, unit in rows:
            self.totals[cid][unit or "đồng"] += amount if amount is not None else quantity
        return super().get_context_data(**kwargs)

    @property
    def columns(self):
        return [
            Column("starts_on", "Ngày"),
            Column("title", "Cuộc vận động", link=detail_url("campaign_detail")),
            Column(lambda c: c.org.name, "Tổ chức"),
            Column(lambda c: _totals_text(self.totals[c.id]), "Tổng", num=True),
        ]


campaign_list = CampaignList.as_view()


def _totals_text(totals):
    parts = []
    for unit, value in sorted(totals.items(), key=lambda kv: kv[0] != "đồng"):
        parts.append(f"{money(value)} {unit}")
    return "; ".join(parts)


def _person_units(person_ids, day):
    """{person id: unit name} on `day`, for the roll-up of personal contributions."""
    rows = StaffRecord.objects.filter(active_on(day), person_id__in=person_ids).values_list(
        "person_id", "unit__name", "agency__name"
    )
    return {pid: unit or f"Lãnh đạo {agency}" for pid, unit, agency in rows}


def campaign_detail(request, campaign_id):
    scope = request.scope
    campaign = scope.get_or_404(Campaign.objects.select_related("org"), campaign_id)
    contributions = list(
        campaign.contributions.select_related("contributor_org", "contributor_person")
    )
    units = {}
    for day in {c.given_on for c in contributions if c.contributor_person_id}:
        ids = [c.contributor_person_id for c in contributions if c.given_on == day]
        units.update({(pid, day): u for pid, u in _person_units(ids, day).items()})
    totals = defaultdict(int)
    groups = defaultdict(lambda: defaultdict(int))
    for c in contributions:
        measure = "đồng" if c.amount is not None else c.unit
        value = c.amount if c.amount is not None else c.quantity
        totals[measure] += value
        if c.contributor_org:
            group = c.contributor_org.name
        elif c.contributor_person:
            group = units.get((c.contributor_person_id, c.given_on), "Cá nhân khác")
        else:
            group = c.contributor_name
        groups[group][measure] += value
    return render(
        request,
        "mobilisation/campaign_detail.html",
        {
            "campaign": campaign,
            "contributions": contributions,
            "totals": _totals_text(totals),
            "groups": sorted((g, _totals_text(t)) for g, t in groups.items()),
            "can_write": scope.can_write_org(campaign.org),
        },
    )


campaign_create = ActionFormView.as_view(
    model=Campaign,
    form_class=forms.CampaignForm,
    action=actions.create_campaign,
    title="Thêm cuộc vận động",
    success_message="Đã thêm cuộc vận động.",
    back_url_name="campaign_list",
    result_url_name="campaign_detail",
)


contribution_create = ActionFormView.as_view(
    model=Contribution,
    form_class=forms.ContributionForm,
    action=actions.add_contribution,
    record=Campaign,
    record_kwarg="campaign_id",
    title="Ghi đóng góp — {object.title}",
    success_message="Đã ghi đóng góp.",
    record_url_name="campaign_detail",
)
