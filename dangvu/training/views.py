"""Pages of trainings: the list of courses followed, sending someone to a course, completing it."""

from dangvu.lib.dates import vn_date
from dangvu.records import (
    ActionFormView,
    ChoiceFilter,
    Column,
    DatedActionView,
    OrgFilter,
    RecordListView,
    YearFilter,
    detail_url,
    person_url,
)

from . import actions, forms
from .models import Enrolment

# Trainings ---------------------------------------------------------------------------------------


def _open_enrolment(scope, enrolment):
    return scope.can_write_org(enrolment.org) and enrolment.status in ("enrolled", "studying")


def _enrolment_period(e):
    return f"{vn_date(e.starts_on)} – {vn_date(e.ends_on) if e.ends_on else ''}"


def _enrolment_status(e):
    return e.get_status_display() + (f" ({vn_date(e.completed_on)})" if e.completed_on else "")


class InCourseYear(YearFilter):
    """Trainings going on in the year: begun by its end, not completed before it."""

    def apply(self, qs, year):
        return qs.filter(starts_on__year__lte=year).exclude(completed_on__year__lt=year)


enrolment_list = RecordListView.as_view(
    queryset=Enrolment.objects.select_related("person", "org").order_by(
        "course", "person__sort_name"
    ),
    title="Đào tạo, bồi dưỡng",
    columns=[
        Column(lambda e: e.person.full_name, "Họ và tên", link=lambda e: person_url(e.person_id)),
        Column("course"),
        Column("title"),
        Column(_enrolment_period, "Thời gian"),
        Column(_enrolment_status, "Tình trạng"),
        Column(
            lambda e: "Hoàn thành", "", link=detail_url("enrolment_complete"), when=_open_enrolment
        ),
    ],
    filters=[
        InCourseYear("starts_on"),
        OrgFilter(),
        ChoiceFilter("course", "loai", "Loại lớp", Enrolment.Course.choices),
    ],
    create=("enrolment_create", "Cử đi học"),
)


class EnrolmentCreate(ActionFormView):
    form_class = forms.EnrolmentForm
    action = actions.enrol
    title = "Cử đi học"
    success_message = "Đã ghi {data[person]} đi học."
    success_url_name = "enrolment_list"

    def action_args(self):
        return (self.cleaned_data["person"],)

    def action_data(self, form):
        return {k: v for k, v in form.cleaned_data.items() if k != "person"}


enrolment_create = EnrolmentCreate.as_view()


class EnrolmentComplete(DatedActionView):
    action = actions.complete_enrolment
    record, record_kwarg = Enrolment, "enrolment_id"
    success_message = "Đã ghi hoàn thành khóa học."
    success_url_name = "enrolment_list"

    def get_title(self):
        return f"Hoàn thành: {self.object}"

    def get_intro(self):
        if Enrolment.GRANTS.get(self.object.course):
            return "Hoàn thành lớp này sẽ ghi thêm trình độ vào hồ sơ cá nhân."
        return ""


enrolment_complete = EnrolmentComplete.as_view()
