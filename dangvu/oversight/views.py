"""Pages of oversight: inspections and their conclusions, verifications, scores."""

from dangvu.lib.dates import vn_date
from dangvu.records import (
    ActionFormView,
    ChoiceFilter,
    Column,
    OrgFilter,
    RecordListView,
    YearFilter,
    detail_url,
    person_url,
)

from . import actions, forms
from .models import Inspection, Score, Verification

# Inspection, verification, scores ---------------------------------------------------------------


def _writes_org(scope, record):
    return scope.can_write_org(record.org)


inspection_list = RecordListView.as_view(
    queryset=Inspection.objects.select_related("org", "subject_org"),
    title="Kiểm tra, giám sát",
    columns=[
        Column("starts_on", "Ngày"),
        Column(lambda i: f"{i.get_kind_display()} ({i.get_direction_display().lower()})", "Loại"),
        Column("inspector", "Chủ thể"),
        Column("subject", "Nội dung"),
        Column(lambda i: " ".join(x for x in (i.decision, i.conclusion) if x), "Căn cứ, kết luận"),
        Column(lambda i: "Kết luận", "", link=detail_url("inspection_conclude"), when=_writes_org),
    ],
    filters=[YearFilter("starts_on__year"), OrgFilter()],
    create=("inspection_create", "Ghi kiểm tra, giám sát"),
)

inspection_create = ActionFormView.as_view(
    model=Inspection,
    action=actions.record_inspection,
    title="Ghi kiểm tra, giám sát",
    success_message="Đã ghi kiểm tra, giám sát.",
    success_url_name="inspection_list",
)


inspection_conclude = ActionFormView.as_view(
    model=Inspection,
    action=actions.conclude_inspection,
    record=Inspection,
    record_kwarg="inspection_id",
    title="Kết luận kiểm tra, giám sát",
    success_message="Đã ghi kết luận.",
    success_url_name="inspection_list",
)


class VerificationList(RecordListView):
    queryset = Verification.objects.select_related("person").order_by("purpose", "requested_on")
    title = "Thẩm tra, xác minh lý lịch"
    columns = [
        Column(lambda v: v.person.full_name, "Họ và tên", link=lambda v: person_url(v.person_id)),
        Column("purpose", "Mục đích"),
        Column("requested_on", "Bắt đầu"),
        Column(
            lambda v: vn_date(v.completed_on) if v.completed_on else "đang thẩm tra", "Hoàn thành"
        ),
        Column("result", "Kết quả"),
    ]
    filters = [
        YearFilter("requested_on__year"),
        ChoiceFilter("purpose", "muc-dich", "Mục đích", Verification.Purpose.choices),
    ]
    create = ("verification_create", "Ghi thẩm tra lý lịch")

    def get_queryset(self):
        qs = super().get_queryset()
        scope = self.request.scope
        if not scope.sees_everything and not scope.read_org_ids:
            return qs.none()  # internal political protection: not for members
        return qs


verification_list = VerificationList.as_view()

verification_create = ActionFormView.as_view(
    model=Verification,
    form_class=forms.VerificationForm,
    action=actions.record_verification,
    title="Ghi thẩm tra lý lịch",
    success_message="Đã ghi thẩm tra lý lịch.",
    success_url_name="verification_list",
)

score_list = RecordListView.as_view(
    queryset=Score.objects.select_related("org"),
    title="Kết quả chấm điểm",
    columns=[
        Column("year", "Năm"),
        Column(lambda s: s.org.name, "Tổ chức"),
        Column("area", "Lĩnh vực"),
        Column("body", "Cơ quan chấm"),
        Column("score", "Điểm", num=True),
    ],
    filters=[YearFilter("year")],
    create=("score_create", "Ghi điểm"),
)

score_create = ActionFormView.as_view(
    model=Score,
    form_class=forms.ScoreForm,
    action=actions.record_score,
    title="Ghi kết quả chấm điểm",
    success_message="Đã ghi điểm.",
    success_url_name="score_list",
)
