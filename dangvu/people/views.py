from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from dangvu.accounts.history import recent as recent_history
from dangvu.accounts.history import render_page as history_page
from dangvu.accounts.models import AuditEntry
from dangvu.awards.models import Commendation
from dangvu.lib.text import fold
from dangvu.meetings.models import Activity, Attendance
from dangvu.orgs import kinds
from dangvu.orgs.models import PARTY_KINDS, Organization, active_on
from dangvu.orgs.tree import subtree_ids
from dangvu.orgs.views import OrgFormView
from dangvu.records import ActionFormView, record_form
from dangvu.training.models import Enrolment
from dangvu.web import day_param, page_of

from . import actions, forms
from .models import (
    Exemption,
    IrregularIntroduction,
    Membership,
    PartyIntroduction,
    PartyProfile,
    Person,
    StaffRecord,
    Suspension,
    TemporaryAttachment,
)
from .overruns import attachment_overrun, attachment_too_short, suspension_overrun

# The "loại" filter of the people list: (label, the people it keeps on a day).
KIND_FILTERS = {
    "dang-vien": "Đảng viên",
    "chinh-thuc": "Đảng viên chính thức",
    "du-bi": "Đảng viên dự bị",
    "can-bo": "Cán bộ, công chức, viên chức, người lao động",
    "cong-doan": "Đoàn viên công đoàn",
    "doan-thanh-nien": "Đoàn viên Thanh niên",
    "cuu-chien-binh": "Hội viên Cựu chiến binh",
    "doan-the": "Thành viên Mặt trận, đoàn thể khác",
}
MEMBERSHIP_FILTER = {
    "cong-doan": "trade_union",
    "doan-thanh-nien": "youth_union",
    "cuu-chien-binh": "veterans",
    "doan-the": "mass",
}


def filter_people(scope, params, day):
    """The people list's query: scoped, then narrowed by the filters in `params` (a QueryDict)."""
    people = scope.people(on=day)
    q = fold(params.get("q", ""))
    if q:
        people = people.filter(search_name__contains=q)
    org = None
    if params.get("to-chuc"):
        org = scope.orgs().filter(slug=params["to-chuc"]).first()
    org_ids = list(subtree_ids([org.id])) if org else None
    active = Membership.objects.filter(active_on(day))
    staff = StaffRecord.objects.filter(active_on(day))
    if org_ids is not None:
        active = active.filter(org_id__in=org_ids)
        staff = staff.filter(Q(agency_id__in=org_ids) | Q(unit_id__in=org_ids))
        people = people.filter(
            Q(id__in=active.values("person_id")) | Q(id__in=staff.values("person_id"))
        )
    kind = params.get("loai", "")
    party = active.filter(kind=Membership.Kind.PARTY)
    full = Q(party__recognized_on__lte=day)
    if kind == "dang-vien":
        people = people.filter(id__in=party.values("person_id"))
    elif kind == "chinh-thuc":
        people = people.filter(full, id__in=party.values("person_id"))
    elif kind == "du-bi":
        people = people.filter(id__in=party.values("person_id")).exclude(full)
    elif kind == "can-bo":
        people = people.filter(id__in=staff.values("person_id"))
    elif kind in MEMBERSHIP_FILTER:
        people = people.filter(
            id__in=active.filter(kind=MEMBERSHIP_FILTER[kind]).values("person_id")
        )
    gender = {"nam": Person.Gender.MALE, "nu": Person.Gender.FEMALE}.get(
        params.get("gioi-tinh", "")
    )
    if gender:
        people = people.filter(gender=gender)
    return people.order_by("sort_name", "id"), org


def people_list(request):
    scope = request.scope
    day = day_param(request)
    people, org = filter_people(scope, request.GET, day)
    page, query = page_of(request, people)
    cells = dict(
        Membership.objects.filter(
            active_on(day), kind=Membership.Kind.PARTY, person_id__in=[p.id for p in page]
        ).values_list("person_id", "org__name")
    )
    rows = [(p, cells.get(p.id)) for p in page]
    return render(
        request,
        "people/list.html",
        {
            "page": page,
            "rows": rows,
            "day": day,
            "org": org,
            "kinds": KIND_FILTERS,
            "orgs": scope.orgs().exclude(
                kind__in=[Organization.Kind.DEPARTMENT, Organization.Kind.SERVICE_UNIT]
            ),
            "query": query,
            "gender": request.GET.get("gioi-tinh", ""),
            "can_create": scope.can_write_any,
        },
    )


def person_detail(request, person_id):
    scope = request.scope
    person = scope.person_or_404(person_id)
    day = day_param(request)
    # The Party file as the viewer reads it: a mass organization's executive reads its member,
    # not the member's Party file (`Scope.party`).
    profile = scope.visible(PartyProfile.objects.filter(person=person)).first()
    party_file = scope.party.can_write_person(person)
    return render(
        request,
        "people/detail.html",
        {
            "person": person,
            "visiting": _visiting(scope, person),
            "day": day,
            "profile": profile,
            "status": profile.status_on(day) if profile else None,
            "party_end": _party_end(person, day),
            # Each record as the registry lets the viewer read it: all of them for whoever
            # reaches the person (`Scope.people`), none for a cell the person only attends
            # temporarily, which reads the person, the attachment and its own fee months.
            "memberships": scope.visible(person.memberships.select_related("org")),
            "staff_records": scope.visible(person.staff_records.select_related("agency", "unit")),
            "qualifications": scope.visible(person.qualifications.all()),
            "positions": scope.visible(person.positions.select_related("term__organization")),
            # Seats in a Party committee are read through the Party reach (`orgs.access`): a
            # viewer outside it is told so whether the person holds one or not.
            "positions_withheld": not scope.party.people(
                Person.objects.filter(pk=person.pk)
            ).exists(),
            "exemptions": scope.visible(person.exemptions.all()),
            # Each with the warning of a span past its rule ("" within it).
            "suspensions": [
                (s, suspension_overrun(s)) for s in scope.visible(person.suspensions.all())
            ],
            "attachments": [
                (a, attachment_overrun(a))
                for a in scope.visible(person.temporary_attachments.select_related("cell"))
            ],
            "introductions": scope.visible(person.party_introductions.select_related("org")),
            "history": recent_history(request, AuditEntry.objects.filter(person=person)),
            "can_write": scope.can_write_person(person),
            # An introduction outside dangvu is ended with the member's Party file.
            "can_write_party_file": party_file,
            "actions": _offered_actions(person, getattr(person, "party", None), day, party_file),
            **_other_records(person, scope),
        },
    )


def _visiting(scope, person):
    """Whether the viewer reads the person only as the cell they attend for a while
    (`people.access.read_person`), not through `Scope.people`: the records kept by the person's
    own side (memberships, staff records, qualifications) are then outside what it reads, which
    the page says rather than "none"."""
    return not scope.people(Person.objects.filter(pk=person.pk)).exists()


# How a party life that ended reads on the person's page ("Đã chuyển đi (ngày 01/03/2018)").
PARTY_ENDS = {
    Membership.EndReason.TRANSFER_OUT: "Đã chuyển đi",
    Membership.EndReason.STRUCK_OFF: "Đã xóa tên",
    Membership.EndReason.EXPELLED: "Đã bị khai trừ",
    Membership.EndReason.DEATH: "Đã từ trần",
    Membership.EndReason.RESIGNED: "Đã ra khỏi Đảng",
}
PARTY_MEMBER_ACTIONS = (
    "chuyen-chi-bo",
    "chuyen-di",
    "xoa-ten",
    "khai-tru",
    "xin-ra-khoi-dang",
    "huy-hieu",
    "the-dang-vien",
    "mien-sinh-hoat",
    "dinh-chi-sinh-hoat",
    "gioi-thieu-tam-thoi",
    "dac-diem",
    "tu-tran",
)
NOT_YET_MEMBER_ACTIONS = (
    "gioi-thieu-vao-dang",
    "doi-tuong-ket-nap",
    "ket-nap",
    "chuyen-den",
    "dac-diem",
    "tu-tran",
)
OTHER_ACTIONS = ("doan-the", "cong-tac", "trinh-do")
# What a mass organization's executive does on its member's page besides OTHER_ACTIONS: every
# other action changes the Party file, which it does not write.
MASS_ACTIONS = ("gioi-thieu-vao-dang", *OTHER_ACTIONS)


def _party_end(person, day):
    """(label, day) when the person's party life has ended by `day` and not restarted, else None."""
    if actions.active_membership(person, Membership.Kind.PARTY, day):
        return None
    last = (
        person.memberships.filter(kind=Membership.Kind.PARTY, valid_to__lte=day)
        .order_by("-valid_to")
        .first()
    )
    if last is None or last.end_reason not in PARTY_ENDS:
        return None
    return PARTY_ENDS[last.end_reason], last.valid_to


def _offered_actions(person, profile, day, party_file=True):
    """Only the actions that fit the person's state on `day`: no "Kết nạp" for a member or a
    former member, no "Chuyển đi" for someone who is not in a cell; without `party_file` (the
    viewer does not write the Party file), none that changes it."""
    end = _party_end(person, day)
    if end and end[0] == PARTY_ENDS[Membership.EndReason.DEATH]:
        return {}
    if actions.active_membership(person, Membership.Kind.PARTY, day):
        slugs = PARTY_MEMBER_ACTIONS
        if profile and profile.status_on(day) == "probationary":
            slugs = ("chuyen-chinh-thuc", *slugs)
        if any(e.is_active_on(day) for e in person.exemptions.all()):
            slugs = (*slugs, "het-mien-sinh-hoat")
        if any(e.is_active_on(day) for e in person.suspensions.all()):
            slugs = (*slugs, "het-dinh-chi")
    elif profile and profile.admitted_on:
        # A former member comes back by a transfer in, or by restored membership.
        slugs = ("chuyen-den", "phuc-hoi-dang-tich", "tu-tran")
    else:
        slugs = NOT_YET_MEMBER_ACTIONS
    if profile is None:  # the particulars are those of a Party file
        slugs = tuple(slug for slug in slugs if slug != "dac-diem")
    if not party_file:
        slugs = tuple(slug for slug in slugs if slug in MASS_ACTIONS)
    return {slug: ACTIONS[slug] for slug in (*slugs, *OTHER_ACTIONS)}


def _other_records(person, scope):
    """What other parts of dangvu hold about the person: trainings, attendance, fee book. Of the
    activities attended, only those the viewer may open are linked: a cell's secretary sees that
    a member attended the committee's conference but cannot open it."""
    records = {"has_fees": True}
    # Commended as a Party member: read with their Party file (awards.access).
    records["commendations"] = scope.visible(Commendation.objects.filter(person=person))
    records["enrolments"] = scope.visible(Enrolment.objects.filter(person=person)).order_by(
        "-starts_on"
    )
    attendances = list(
        Attendance.objects.filter(person=person)
        .select_related("activity")
        .order_by("-activity__starts_on")[:50]
    )
    ids = {a.activity_id for a in attendances}
    records["attendances"] = attendances
    records["open_activity_ids"] = (
        set(scope.visible(Activity).filter(id__in=ids).values_list("id", flat=True))
        if ids
        else set()
    )
    return records


class _PersonForm(ActionFormView):
    """A form acting on the person of the URL, whom the user must write; back to their page."""

    record, record_kwarg = Person, "person_id"
    record_url_name = "person_detail"


class _PersonFile:
    """The form of a person's own file, for a new file and for changes: the positions it offers
    are those of the kind of organization that keeps the file."""

    model, fields = Person, actions.PERSON_FIELDS
    form_class = forms.PersonForm

    def home_org(self):
        return self.object.home_org

    def get_form_kwargs(self):
        positions = kinds.kind_on(self.home_org()).positions
        return {**super().get_form_kwargs(), "positions": positions}


class PersonCreate(_PersonFile, ActionFormView):
    action = actions.create_person
    title = "Thêm hồ sơ cá nhân"
    success_message = "Đã tạo hồ sơ {result}."
    back_url_name = "people_list"

    def get_object(self):
        homes = self.request.scope.writable_orgs(list(PARTY_KINDS))
        # The highest organization the user may write keeps the file: the committee before
        # its cells.
        home = min(homes, key=lambda o: (PARTY_KINDS.index(o.kind), o.name), default=None)
        if home is None:
            raise PermissionDenied("Bạn không có quyền thêm hồ sơ.")
        return home

    def action_args(self):
        return ()

    def home_org(self):
        return self.object  # the organization that will keep the new file

    def action_data(self, form):
        return {**form.cleaned_data, "home_org": self.object}

    def get_success_url(self, result=None):
        return reverse("person_detail", args=[result.id])


person_create = PersonCreate.as_view()


class PersonEdit(_PersonFile, _PersonForm):
    action = actions.update_person
    title = "Sửa hồ sơ {object}"
    success_message = "Đã lưu; thay đổi được ghi vào lịch sử."


person_edit = PersonEdit.as_view()


# The lifecycle actions offered on a person's page: slug -> (label, form, action). The action is
# called as `action(user, person, **form.cleaned_data)`: most forms name their fields after the
# action's parameters; the wrappers below rename the few that do not. An action that writes one
# record of the model's fields (a staff record, an exemption) has the form `record_form` derives.
def _admit(user, person, *, cell, on, card_number):
    return actions.admit(user, person, cell, on, card_number)


def _candidate(user, person, *, cell, on):
    return actions.register_candidate(user, person, cell, on)


def _recognize(user, person, *, on):
    return actions.recognize(user, person, on)


def _transfer_out(user, person, *, on, reason, left_to):
    return actions.transfer_out(user, person, on, reason, left_to)


def _qualification(user, person, *, level, field, obtained_on):
    kind, level = level.split(":")
    return actions.add_qualification(
        user, person, kind=kind, level=level, field=field, obtained_on=obtained_on
    )


ACTIONS = {
    "doi-tuong-ket-nap": ("Ghi nhận đối tượng kết nạp", forms.CellDateForm, _candidate),
    "ket-nap": ("Kết nạp đảng viên", forms.AdmitForm, _admit),
    "chuyen-chinh-thuc": ("Chuyển đảng chính thức", forms.DateForm, _recognize),
    "chuyen-den": (
        "Tiếp nhận sinh hoạt đảng (chuyển đến)",
        forms.TransferInForm,
        actions.transfer_in,
    ),
    "chuyen-chi-bo": ("Chuyển sang chi bộ khác", forms.CellDateForm, actions.move_to_cell),
    "chuyen-di": ("Chuyển sinh hoạt đảng đi", forms.TransferOutForm, _transfer_out),
    "xin-ra-khoi-dang": ("Xin ra khỏi Đảng", forms.DateReasonForm, actions.resign),
    "phuc-hoi-dang-tich": ("Phục hồi đảng tịch", forms.CellDateForm, actions.restore_membership),
    "huy-hieu": ("Trao Huy hiệu Đảng", forms.BadgeForm, actions.award_badge),
    "the-dang-vien": ("Phát thẻ đảng viên", forms.CardForm, actions.issue_card),
    "dac-diem": (
        "Đặc điểm hồ sơ đảng viên (thống kê)",
        record_form(PartyProfile, actions.set_party_particulars),
        actions.set_party_particulars,
    ),
    "xoa-ten": ("Xóa tên", forms.DateReasonForm, actions.strike_off),
    "khai-tru": ("Khai trừ", forms.DateReasonForm, actions.expel),
    "tu-tran": ("Ghi nhận từ trần", forms.DateForm, actions.record_death),
    "mien-sinh-hoat": (
        "Miễn công tác và sinh hoạt đảng",
        record_form(Exemption, actions.exempt_member),
        actions.exempt_member,
    ),
    "het-mien-sinh-hoat": (
        "Thôi miễn công tác và sinh hoạt đảng",
        forms.ExemptEndForm,
        actions.end_exemption,
    ),
    "dinh-chi-sinh-hoat": (
        "Đình chỉ sinh hoạt đảng",
        record_form(Suspension, actions.suspend_member),
        actions.suspend_member,
    ),
    "het-dinh-chi": (
        "Chấm dứt đình chỉ sinh hoạt đảng",
        forms.SuspensionEndForm,
        actions.lift_suspension,
    ),
    # To a host outside dangvu; a host cell in dangvu records the member itself.
    "gioi-thieu-tam-thoi": (
        "Giới thiệu sinh hoạt đảng tạm thời (nơi ngoài dangvu)",
        record_form(TemporaryAttachment, actions.introduce_temporarily),
        actions.introduce_temporarily,
    ),
    "doan-the": ("Tham gia đoàn thể", forms.JoinForm, actions.join),
    "gioi-thieu-vao-dang": (
        "Đoàn thể giới thiệu cho Đảng xem xét kết nạp",
        record_form(PartyIntroduction, actions.introduce_to_party, forms.IntroductionForm),
        actions.introduce_to_party,
    ),
    "cong-tac": (
        "Thêm quá trình công tác",
        record_form(StaffRecord, actions.add_staff_record, forms.StaffForm),
        actions.add_staff_record,
    ),
    "trinh-do": ("Thêm trình độ", forms.QualificationForm, _qualification),
}
# The table's own forms that choose among the organizations the user reads (a derived form's
# choices are filled by ActionFormView).
SCOPED_FORMS = (forms.CellDateForm, forms.JoinForm)


class PersonAction(_PersonForm):
    """One of the lifecycle actions of ACTIONS, by its slug in the URL."""

    submit = "Ghi nhận"

    def get_object(self):
        person = super().get_object()
        if self.kwargs["action"] not in ACTIONS:
            raise Http404("Không có thao tác này.")
        if self.kwargs[
            "action"
        ] not in MASS_ACTIONS and not self.request.scope.party.can_write_person(person):
            raise PermissionDenied("Bạn không có quyền thay đổi hồ sơ đảng viên của người này.")
        self.label, self.form_class, self.action = ACTIONS[self.kwargs["action"]]
        return person

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if issubclass(self.form_class, SCOPED_FORMS):
            kwargs["scope"] = self.request.scope
        if getattr(self.form_class, "_meta", None) and self.form_class._meta.model is PartyProfile:
            # A form of the Party file opens on what it says.
            kwargs["instance"] = PartyProfile.objects.filter(person=self.object).first()
        return kwargs

    def get_title(self):
        return f"{self.label} — {self.object}"

    def get_success_message(self, result):
        return f"{self.label}: đã ghi nhận."


person_action = PersonAction.as_view()


def person_history(request, person_id):
    """The person's whole change history, paged, with the same scoping as their page."""
    person = request.scope.person_or_404(person_id)
    return history_page(
        request,
        AuditEntry.objects.filter(person=person),
        name=person.full_name,
        back_url=reverse("person_detail", args=[person.id]),
    )


# Temporary attachment (sinh hoạt đảng tạm thời): the host cell's records ------------------------


class AttachmentCreate(OrgFormView):
    """A member received for temporary Party activity: in the cell of the URL, or from a
    committee's page in one of its cells (chosen): one on record (among the people the user
    writes) or one known by name and official cell."""

    model = TemporaryAttachment
    action = actions.attach_temporarily
    restructure = False
    title = "Tiếp nhận đảng viên sinh hoạt tạm thời — {object}"
    intro = (
        "Đảng viên sinh hoạt tạm thời dự sinh hoạt chi bộ nhưng không biểu quyết, không ứng cử, "
        "bầu cử và không tính vào đảng số của chi bộ. Chọn đảng viên nếu đã có hồ sơ, nếu không "
        "thì ghi họ tên và nơi sinh hoạt chính thức."
    )
    submit = "Ghi nhận"
    success_message = "Đã ghi nhận sinh hoạt tạm thời: {result.name}."
    initial = {"valid_from": timezone.localdate}

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        if self.object.kind != Organization.Kind.PARTY_CELL:
            cells = self.request.scope.writable_orgs(
                [Organization.Kind.PARTY_CELL], current=True
            ).filter(id__in=subtree_ids([self.object.id]))
            form.fields = {"cell": forms.cell_field(cells), **form.fields}
        return form

    def action_args(self):
        return ()

    def action_data(self, form):
        data = dict(form.cleaned_data)
        return {"cell": data.pop("cell", self.object), **data}

    def tell(self, result):
        super().tell(result)
        # Recorded as the paper says, with the warning of an end sooner than the rule's least
        # span (the cell's page warns of one past the longest).
        if warning := attachment_too_short(result):
            messages.warning(self.request, warning)

    def get_success_url(self, result=None):
        return reverse("org_detail", args=[result.cell.slug])


attachment_create = AttachmentCreate.as_view()


class IrregularCreate(OrgFormView):
    """An introduction of Party activity found irregular or forged, recorded by the Party
    organization of the URL that found it: beside receiving a member (Biểu 7-BTCTW, IV.3)."""

    model = IrregularIntroduction
    action = actions.record_irregular_introduction
    restructure = False
    title = "Giới thiệu sinh hoạt đảng chưa đúng quy định, giả mạo — {object}"
    intro = (
        "Ghi giấy giới thiệu sinh hoạt đảng (chính thức hoặc tạm thời) nhận được từ nơi khác hoặc "
        "do tổ chức mình cấp mà phát hiện chưa đúng quy định hoặc giả mạo. Chọn đảng viên nếu đã "
        "có hồ sơ, nếu không thì ghi họ tên như trên giấy."
    )
    submit = "Ghi nhận"
    success_message = "Đã ghi nhận: {result}."
    initial = {"found_on": timezone.localdate}

    def get_success_url(self, result=None):
        return reverse("org_detail", args=[self.object.slug])


irregular_create = IrregularCreate.as_view()


class AttachmentEnd(ActionFormView):
    """The end of a temporary attachment, on the host cell's side."""

    record, record_kwarg = TemporaryAttachment, "attachment_id"
    form_class = forms.AttachmentEndForm
    action = actions.end_attachment
    title = "Kết thúc sinh hoạt tạm thời — {object.name}"
    submit = "Ghi nhận"
    success_message = "Đã ghi nhận kết thúc sinh hoạt tạm thời."

    def get_back_url(self):
        if self.object.cell_id is None:  # introduced to a host outside dangvu
            return reverse("person_detail", args=[self.object.person_id])
        return reverse("org_detail", args=[self.object.cell.slug])

    def get_success_url(self, result=None):
        return self.get_back_url()


attachment_end = AttachmentEnd.as_view()
