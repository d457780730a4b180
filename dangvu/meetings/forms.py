"""Forms of the work records. They only shape the input: every rule is checked by the action,
whose Vietnamese message the view shows (`dangvu.web.apply_action`)."""

from django import forms

from dangvu.documents.models import Document
from dangvu.orgs.models import Organization
from dangvu.people.models import Person
from dangvu.records import (
    TEXT,
    RecordForm,
    ScopedForm,
    date_field,
    text_field,
)
from dangvu.web import EMPTY_LABEL, NOTHING_CHOSEN, WholeNumberField

from .models import (
    Activity,
    MeetingMinutes,
)


class ActivityForm(ScopedForm):
    kind = forms.ChoiceField(label="Loại hoạt động", choices=Activity.Kind.choices)
    title = forms.CharField(label="Tên hoạt động", max_length=500)
    starts_on = date_field("Ngày")
    ends_on = date_field("Đến ngày", required=False)
    place = forms.CharField(label="Địa điểm", max_length=255, required=False)
    organizers = forms.ModelMultipleChoiceField(
        label="Tổ chức chủ trì", queryset=Organization.objects.none(), required=False
    )
    participants = forms.ModelMultipleChoiceField(
        label="Tổ chức tham dự", queryset=Organization.objects.none(), required=False
    )
    host_name = forms.CharField(
        label="Đơn vị tổ chức (nếu là nơi khác)", max_length=255, required=False
    )
    head_count = WholeNumberField(
        min_value=0,
        label="Số đại biểu, khách (không điểm danh từng người)",
        required=False,
        initial=0,
    )
    key = forms.CharField(label="Mã số liệu (nếu cần)", max_length=64, required=False)
    notes = text_field("Nội dung, ghi chú", rows=6)
    org_fields = {"organizers": None, "participants": None}

    def clean_head_count(self):
        return self.cleaned_data.get("head_count") or 0


# The kinds a cell's own meeting may be.
MEETING_KINDS = [
    (Activity.Kind.REGULAR_MEETING, Activity.Kind.REGULAR_MEETING.label),
    (Activity.Kind.THEMATIC_MEETING, Activity.Kind.THEMATIC_MEETING.label),
]


class CellForm(ScopedForm):
    """A form about one party cell the user writes, named by its slug (`chi_bo`)."""

    chi_bo = forms.ModelChoiceField(
        empty_label=EMPTY_LABEL,
        label="Chi bộ",
        queryset=Organization.objects.none(),
        to_field_name="slug",
    )
    org_fields = {"chi_bo": [Organization.Kind.PARTY_CELL]}


class MeetingChoiceForm(CellForm):
    """Step one of recording a meeting: which cell and which day (the members depend on both)."""

    ngay = date_field("Ngày sinh hoạt")


class MeetingForm(forms.Form):
    """The minutes of a meeting; the attendance rows are read from the posted data."""

    kind = forms.ChoiceField(label="Loại sinh hoạt", choices=MEETING_KINDS)
    title = forms.CharField(label="Tên (để trống: tự đặt)", max_length=500, required=False)
    chair = forms.ModelChoiceField(
        empty_label=NOTHING_CHOSEN, label="Chủ trì", queryset=Person.objects.none(), required=False
    )
    # Read only where the cell keeps no fee book for the month (`paper.fee_statement`).
    fee_note = forms.CharField(
        label="Thu đảng phí (chỉ ghi khi chi bộ chưa có sổ đảng phí; có sổ thì lấy từ sổ)",
        max_length=255,
        required=False,
    )
    resolution = text_field("Nghị quyết, kết luận")
    quality = forms.ChoiceField(
        label="Xếp loại buổi sinh hoạt",
        choices=[("", NOTHING_CHOSEN), *MeetingMinutes.Quality.choices],
        required=False,
    )
    score = forms.CharField(label="Điểm buổi sinh hoạt (0–100)", max_length=8, required=False)
    task = forms.CharField(label="Nhiệm vụ giao", max_length=500, required=False)
    task_deadline = date_field("Thời hạn", required=False)
    notes = text_field("Nội dung sinh hoạt", rows=5)

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["chair"].queryset = members


# The monthly cell meeting ---------------------------------------------------------------------

# The browser's own hour picker; Django reads "07:30" (and "7:30") back.
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class PlanForm(CellForm):
    """The secretary's plan: cell, day, place, the month's theme, the agenda, the documents."""

    starts_on = date_field("Ngày sinh hoạt")
    starts_at = forms.TimeField(label="Giờ bắt đầu", required=False, widget=TIME)
    kind = forms.ChoiceField(label="Loại sinh hoạt", choices=MEETING_KINDS)
    # Only cells the user writes: a joint meeting is planned by whoever leads all of them.
    joint_with = forms.ModelMultipleChoiceField(
        label="Sinh hoạt ghép với chi bộ (nếu có)",
        queryset=Organization.objects.none(),
        to_field_name="slug",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    org_fields = {**CellForm.org_fields, "joint_with": [Organization.Kind.PARTY_CELL]}
    place = forms.CharField(label="Địa điểm", max_length=255, required=False)
    theme = forms.CharField(label="Chuyên đề của tháng", max_length=500, required=False)
    agenda = text_field("Nội dung (mỗi dòng một nội dung; để trống: các nội dung thường kỳ)", 5)
    documents = forms.ModelMultipleChoiceField(
        label="Tài liệu gửi đảng viên đọc trước (từ sổ văn bản)",
        queryset=Document.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    attachment = forms.FileField(label="Hoặc đính kèm một tài liệu (vào sổ văn bản của chi bộ)",
                                 required=False)  # fmt: skip
    attachment_subject = forms.CharField(
        label="Tên, trích yếu của tài liệu đính kèm", max_length=500, required=False
    )

    def __init__(self, *args, documents, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["documents"].queryset = documents


class ConcludeForm(forms.Form):
    """What was said and decided; tasks and last month's results are read from posted rows."""

    chair = forms.ModelChoiceField(
        empty_label=NOTHING_CHOSEN, label="Chủ trì", queryset=Person.objects.none(), required=False
    )
    recorder = forms.ModelChoiceField(
        empty_label=NOTHING_CHOSEN,
        label="Thư ký buổi sinh hoạt",
        queryset=Person.objects.none(),
        required=False,
    )
    guests = forms.CharField(label="Đại biểu, khách mời", max_length=500, required=False)
    late = forms.ModelMultipleChoiceField(
        label="Đến muộn",
        queryset=Person.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    key_points = text_field("Ý kiến thảo luận chính (mỗi dòng một ý)", 5)
    resolution = text_field("Kết luận, nghị quyết", 4)
    quality = forms.ChoiceField(
        label="Tự đánh giá chất lượng buổi sinh hoạt",
        choices=[("", NOTHING_CHOSEN), *MeetingMinutes.Quality.choices],
        required=False,
    )
    score = forms.CharField(label="Điểm buổi sinh hoạt (0–100)", max_length=8, required=False)
    ends_at = forms.TimeField(label="Giờ kết thúc", required=False, widget=TIME)

    def __init__(self, *args, present, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("chair", "recorder", "late"):
            self.fields[name].queryset = present


class SymbolForm(forms.Form):
    symbol = forms.CharField(
        label="Ký hiệu", max_length=32, help_text="Ví dụ: CB, ĐU, CB-P1 (viết hoa, không dấu cách)"
    )


class TaskResultForm(RecordForm):
    """A task's status and result are the model's, the result in a box; the day it was done is
    the action's `on` (kept as it is when the task is not done)."""

    on = date_field("Ngày hoàn thành (nếu đã xong)", required=False)

    class Meta:
        widgets = {"result": TEXT}


class DeleteActivityForm(forms.Form):
    confirm_title = forms.CharField(label="Gõ lại tên hoạt động để xác nhận", max_length=500)
