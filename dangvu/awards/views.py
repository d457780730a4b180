"""Pages of commendations: the list (by year, form, kind of recipient, organization), the form
that records one (opened from a person's or an organization's page with the recipient chosen),
its correction and its cancellation."""

from django.http import Http404
from django.utils import timezone

from dangvu.lib.rules import rule_in_force
from dangvu.people.models import Membership
from dangvu.records import (
    ActionFormView,
    ChoiceFilter,
    Column,
    OrgFilter,
    RecordListView,
    YearFilter,
    detail_url,
)
from dangvu.web import org_param

from . import actions, forms
from .models import Commendation


class RecipientFilter:
    """?doi-tuong=to-chuc|dang-vien: commendations of organizations, or of members."""

    name, label = "doi-tuong", "Đối tượng"
    choices = [("to-chuc", "Tổ chức đảng"), ("dang-vien", "Đảng viên")]

    def parse(self, request):
        value = request.GET.get(self.name, "")
        return value if value in dict(self.choices) else ""

    def apply(self, qs, value):
        return qs.filter(person__isnull=(value == "to-chuc"))

    def widget(self, request, value):
        return {
            "name": self.name,
            "label": self.label,
            "options": self.choices,
            "value": value,
            "type": "select",
        }


class PersonFilter:
    """?nguoi=<id>: one member's commendations (the link of their page); the list shows it as
    a choice of that one member, among the records the user reads."""

    name, label = "nguoi", "Đảng viên"

    def parse(self, request):
        value = request.GET.get(self.name, "")
        return request.scope.person_or_404(int(value)) if value.isdigit() else None

    def apply(self, qs, person):
        return qs.filter(person=person)

    def widget(self, request, person):
        options = [(str(person.pk), person.full_name)] if person else []
        return {
            "name": self.name,
            "label": self.label,
            "options": options,
            "value": str(person.pk) if person else "",
            "type": "select",
        }


def _status(c):
    if c.cancelled_on:
        return f"Đã hủy ngày {c.cancelled_on:%d/%m/%Y}: {c.cancel_reason}"
    return c.reason


def _writes_open(scope, record):
    return record.cancelled_on is None and scope.can_write_org(record.org)


commendation_list = RecordListView.as_view(
    queryset=Commendation.objects.select_related("org", "recipient_org", "person", "awarder"),
    title="Khen thưởng tổ chức đảng và đảng viên",
    columns=[
        Column("decided_on", "Ngày quyết định"),
        Column("recipient", "Được khen"),
        Column("kind"),
        Column("awarded_by", "Cấp khen"),
        Column("decision"),
        Column(_status, "Thành tích"),
        Column(lambda c: "Sửa", "", link=detail_url("commendation_correct"), when=_writes_open),
        Column(lambda c: "Hủy", "", link=detail_url("commendation_cancel"), when=_writes_open),
    ],
    filters=[
        YearFilter("decided_on__year"),
        ChoiceFilter("kind", "hinh-thuc", "Hình thức", Commendation.Kind.choices),
        RecipientFilter(),
        OrgFilter(),
        PersonFilter(),
    ],
    create=("commendation_create", "Ghi khen thưởng"),
)


class CommendationCreate(ActionFormView):
    """A commendation recorded; from a member's page (?nguoi=<id>) the member and their cell are
    chosen, from an organization's page (?to-chuc=<slug>) that organization."""

    model = Commendation
    form_class = forms.CommendationForm
    action = actions.record_commendation
    title = "Ghi khen thưởng"
    intro = (
        "Khen thưởng một tổ chức đảng hoặc một đảng viên (chọn một), theo quyết định của cấp "
        "khen: tặng cờ, bằng khen, giấy khen. Huy hiệu Đảng ghi ở hồ sơ đảng viên."
    )
    success_message = "Đã ghi khen thưởng: {result}."
    success_url_name = "commendation_list"

    def get_intro(self):
        # The rule's criterion and its source (rules/awards/), as of today.
        rule = rule_in_force("awards", timezone.localdate())
        return f"{self.intro} {rule['basis']} ({rule.source})."

    def get_initial(self):
        initial = {"decided_on": timezone.localdate()}
        scope = self.request.scope
        person_id = self.request.GET.get("nguoi", "")
        if person_id.isdigit():
            person = scope.person_or_404(int(person_id))
            cell = person.memberships.filter(kind=Membership.Kind.PARTY, valid_to__isnull=True)
            cell = cell.first()
            initial["person"] = person.pk
            if cell is not None:
                initial["org"] = cell.org_id
        org = org_param(self.request)
        if org is not None:
            initial.update(org=org.pk, recipient_org=org.pk)
        return initial

    def get_success_url(self, result=None):
        if result is not None and result.person_id:
            return f"{super().get_success_url(result)}?nguoi={result.person_id}"
        return super().get_success_url(result)


commendation_create = CommendationCreate.as_view()


class CommendationCorrect(ActionFormView):
    model = Commendation
    form_class = forms.AwarderForm
    action = actions.correct_commendation
    record, record_kwarg = Commendation, "commendation_id"
    title = "Sửa khen thưởng — {object}"
    intro = "Người, tổ chức được khen không sửa ở đây: ghi sai thì hủy và ghi lại."
    success_message = "Đã sửa khen thưởng: {object}."
    success_url_name = "commendation_list"
    initial_fields = ("kind", "decision", "decided_on", "awarder", "awarder_name", "reason")

    def get_object(self):
        commendation = super().get_object()
        if commendation.cancelled_on is not None:
            raise Http404("Khen thưởng đã hủy.")
        return commendation


commendation_correct = CommendationCorrect.as_view()

commendation_cancel = ActionFormView.as_view(
    model=Commendation,
    action=actions.cancel_commendation,
    record=Commendation,
    record_kwarg="commendation_id",
    title="Hủy khen thưởng — {object}",
    intro="Khen thưởng đã hủy vẫn được lưu, có ngày và lý do hủy, và không còn được tính.",
    submit="Hủy khen thưởng",
    success_message="Đã hủy khen thưởng: {object}.",
    success_url_name="commendation_list",
    initial={"cancelled_on": timezone.localdate},
)
