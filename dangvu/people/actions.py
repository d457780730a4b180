"""The named state changes of people's records. Each validates, writes, and leaves an audit entry.

Errors are `ValidationError`s with Vietnamese messages, raised before anything is written; every
action runs in one transaction.
"""

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from dangvu.accounts.models import AuditEntry
from dangvu.core import audit
from dangvu.core.audit import Actor
from dangvu.lib.dates import add_months, vn_date
from dangvu.lib.rules import Rule, rule_in_force
from dangvu.lib.text import ascii_digits, fold
from dangvu.orgs import kinds as org_kinds
from dangvu.orgs.models import Organization, active_on, held_during
from dangvu.orgs.tree import union_subtree_ids_during

from .models import (
    MASS_MEMBERSHIP,
    MEMBERSHIP_ORG_KIND,
    Exemption,
    IrregularIntroduction,
    Membership,
    PartyBadge,
    PartyCardIssue,
    PartyIntroduction,
    PartyProfile,
    PartyStatusDecision,
    Person,
    Qualification,
    StaffQuota,
    StaffRecord,
    Suspension,
    TemporaryAttachment,
)
from .signals import fee_book_changing

PARTY_CARD_LENGTH = PartyProfile._meta.get_field("card_number").max_length or 0
# ASCII digits only: `\d` would also take Arabic-Indic or full-width digits, a twin of a number.
CCCD_RE = re.compile(r"^[0-9]{12}$")
CCCD_TAKEN = "Số CCCD này đã được dùng cho một hồ sơ khác; liên hệ văn phòng cấp ủy."
PERSON_FIELDS = (
    "full_name",
    "birth_date",
    "gender",
    "ethnicity",
    "cccd",
    "phone",
    "email",
    "address",
    "religion",
    "occupation",
    "general_education",
    "academic_title",
    "job_title",
)
# The profile fields the statistical forms count by, each a choice among the forms' categories
# (empty: not recorded).
CHOICE_FIELDS = {
    "occupation": (Person.Occupation, "Nghề nghiệp"),
    "general_education": (Person.GeneralEducation, "Trình độ giáo dục phổ thông"),
    "academic_title": (Person.AcademicTitle, "Chức danh khoa học"),
}


def _today():
    return dt.date.today()


def _check_not_future(day, label):
    if day and day > _today():
        raise ValidationError(f"{label} ({vn_date(day)}) không được sau ngày hôm nay.")


# Closed fee years -----------------------------------------------------------------


def _check_fee_book(cell, first_month, what, on):
    """Ask the apps above people whether a party membership change may alter the fee book of
    `cell`'s members from `first_month` on: finance refuses it when a year from then on is closed
    (a receiver raising ValidationError stops the action before it writes)."""
    fee_book_changing.send(None, cell=cell, first_month=first_month, what=what, on=on)


def _month(day):
    return day.replace(day=1)


def check_party_start(cell: Organization, on: dt.date, what: str) -> None:
    """A membership starting `on` adds the month of `on` and every later one to `cell`'s book."""
    _check_fee_book(cell, _month(on), what, on)


def party_start_checker() -> Callable[[Organization, dt.date, str], None]:
    """`check_party_start` for many rows: the fee book's answer depends only on the cell and the
    month, so it is asked once per pair; a refusal is asked again, for its own date's message."""
    allowed = set()

    def check(cell, on, what):
        key = (cell.id, on.year, on.month)
        if key not in allowed:
            check_party_start(cell, on, what)
            allowed.add(key)

    return check


def _check_attachment_books(attachment_cell, person, day, what):
    """A temporary attachment from or to `day` may move the fee of the months from then on
    between the member's own cell and the host (the fee rule says which months): both books must
    be open from the month of `day`. The month itself is asked too, whatever the rule says of it:
    a refusal names the closed year, and the office records the date in the open one."""
    # A host outside dangvu (`None`) keeps no book here.
    cells = [attachment_cell] if attachment_cell is not None else []
    home = active_membership(person, Membership.Kind.PARTY, day)
    if home is not None:
        cells.append(home.org)
    for cell in cells:
        _check_fee_book(cell, _month(day), what, day)


def check_party_end(membership: Membership, on: dt.date, what: str) -> None:
    """Ending a party membership `on` removes the months after it from the book; the month of
    `on` itself still counts when the member held the membership on any day of it."""
    if membership.kind != Membership.Kind.PARTY:
        return
    first = _month(on) if on.day == 1 else add_months(_month(on), 1)
    _check_fee_book(membership.org, first, what, on)


# Persons ---------------------------------------------------------------------


def clean_cccd(value: str | None) -> str | None:
    """A CCCD as stored: twelve ASCII digits (digits typed on another keyboard are the same
    number, stored and compared in ASCII), None when empty; a Vietnamese refusal otherwise."""
    cccd = ascii_digits((value or "").strip()) or None
    if cccd is not None and not CCCD_RE.match(cccd):
        raise ValidationError(f"Số CCCD “{cccd}” phải gồm đúng 12 chữ số.")
    return cccd


def clean_person_fields(fields: Any, instance: Person | None = None) -> dict[str, Any]:
    """Validate and normalise the fields of a person; raise ValidationError in Vietnamese."""
    data = dict(fields)
    name = " ".join((data.get("full_name") or "").split())
    if not name:
        raise ValidationError("Họ và tên không được để trống.")
    data["full_name"] = name
    if data.get("gender") not in Person.Gender.values:
        raise ValidationError("Giới tính phải là “Nam” hoặc “Nữ”.")
    birth = data.get("birth_date")
    if birth is not None:
        _check_not_future(birth, "Ngày sinh")
        if birth.year < 1900:
            raise ValidationError(f"Ngày sinh {vn_date(birth)} không hợp lệ.")
    cccd = clean_cccd(data.get("cccd"))
    if cccd is not None:
        others = Person.objects.filter(cccd=cccd)
        if instance is not None:
            others = others.exclude(pk=instance.pk)
        if others.exists():
            # Neither who holds the number nor where: the other record may be outside the
            # user's scope. The office, which sees every record, can find it.
            raise ValidationError(CCCD_TAKEN)
    data["cccd"] = cccd
    data["ethnicity"] = (data.get("ethnicity") or "Kinh").strip()
    if "religion" in data:
        data["religion"] = " ".join((data.get("religion") or "").split())
        if len(data["religion"]) > 60:
            raise ValidationError("Tên tôn giáo quá dài (tối đa 60 ký tự).")
    if "job_title" in data:
        data["job_title"] = " ".join((data.get("job_title") or "").split())
        if len(data["job_title"]) > 120:
            raise ValidationError("Chức vụ quá dài (tối đa 120 ký tự).")
    for name, (choices, label) in CHOICE_FIELDS.items():
        if name in data:
            data[name] = data.get(name) or ""
            if data[name] and data[name] not in choices.values:
                raise ValidationError(f"{label} “{data[name]}” không có trong danh mục của biểu.")
    return data


@transaction.atomic
def create_person(actor: Actor, *, home_org: Organization, **fields: Any) -> Person:
    try:
        return create_people(actor, home_org, [Newcomer(fields)])[0]
    except ValidationError as e:
        raise ValidationError(e.messages) from None


@dataclass
class Newcomer:
    """A person not yet on record, as `create_people` takes them: the fields of `create_person`,
    the arguments of `transfer_in` (cell, on, admitted_on, official_on, card_number) when they
    arrive as a party member, and those of `join` (org, kind, on) for each mass organization."""

    fields: dict
    transfer: dict | None = None
    joins: list = field(default_factory=list)


# Keeps the SQL parameter count of `__in` lookups and inserts under SQLite's limit.
CHUNK = 500


@transaction.atomic
def create_people(actor: Actor, home_org: Organization, newcomers: list[Newcomer]) -> list[Person]:
    """Create people at once, each with the checks and audit entries of `create_person`,
    `transfer_in` and `join`: every newcomer is checked before anything is written, then bulk
    inserts write them, so an import of ten thousand people takes seconds instead of minutes.

    A refusal is one ValidationError keyed by the newcomer's index in `newcomers`.
    """
    errors, checked = {}, []
    party_start = party_start_checker()
    for index, newcomer in enumerate(newcomers):
        try:
            checked.append((index, newcomer, _check_newcomer(newcomer, party_start)))
        except ValidationError as e:
            errors[index] = e.messages
    cccds = [data["cccd"] for _, _, data in checked if data["cccd"]]
    taken = set()
    for start in range(0, len(cccds), CHUNK):
        chunk = cccds[start : start + CHUNK]
        taken |= set(Person.objects.filter(cccd__in=chunk).values_list("cccd", flat=True))
    seen = set()
    for index, _newcomer, data in checked:
        if data["cccd"] and (data["cccd"] in taken or data["cccd"] in seen):
            errors[index] = [CCCD_TAKEN]
        seen.add(data["cccd"])
    if errors:
        raise ValidationError({str(index): messages for index, messages in errors.items()})
    people = []
    for _, _, data in checked:
        person = Person(home_org=home_org, **data)
        person.set_derived_names()  # what Person.save does; bulk_create skips it
        people.append(person)
    Person.objects.bulk_create(people, batch_size=CHUNK)
    entries = [
        audit.entry(actor, "person.create", p, summary=f"Tạo hồ sơ {p}", person=p) for p in people
    ]
    profiles, memberships, joined = [], [], []
    for (_, newcomer, _), person in zip(checked, people, strict=True):
        t = newcomer.transfer
        if t:
            profiles.append(
                PartyProfile(
                    person=person,
                    admitted_on=t["admitted_on"],
                    official_on=t.get("official_on"),
                    recognized_on=t.get("official_on"),
                    card_number=t.get("card_number") or "",
                )
            )
            memberships.append(
                Membership(
                    person=person,
                    org=t["cell"],
                    kind=Membership.Kind.PARTY,
                    valid_from=t["on"],
                    start_reason=Membership.StartReason.TRANSFER_IN,
                    arrived_from=t.get("arrived_from") or "",
                )
            )
        for org, kind, on in newcomer.joins:
            joined.append(Membership(person=person, org=org, kind=kind, valid_from=on))
    PartyProfile.objects.bulk_create(profiles, batch_size=CHUNK)
    Membership.objects.bulk_create(memberships + joined, batch_size=CHUNK)
    for profile, m in zip(profiles, memberships, strict=True):
        # transfer_in's "before" is the empty profile it has just made for the newcomer.
        blank = audit.snapshot(PartyProfile(id=profile.id, person_id=profile.person_id))
        summary = f"{PARTY_ENTRIES['party.transfer_in']} {m.org}"
        entries.append(
            audit.entry(
                actor,
                "party.transfer_in",
                profile,
                blank,
                summary=summary,
                person=m.person,
                org=m.org,
            )
        )
    for m in joined:
        entries.append(
            audit.entry(
                actor, "membership.join", m, summary=f"Tham gia {m.org}", person=m.person, org=m.org
            )
        )
    audit.record_many(entries, batch_size=CHUNK)
    return people


def _check_newcomer(newcomer, party_start):
    """The checks of create_person, transfer_in and join for a person not yet on record."""
    cccd = clean_cccd(newcomer.fields.get("cccd"))
    # Whether the CCCD is taken is asked for the whole batch at once by the caller.
    data = clean_person_fields({**newcomer.fields, "cccd": None})
    data["cccd"] = cccd
    t = newcomer.transfer
    if t:
        cell, on = t["cell"], t["on"]
        _check_arrival(cell, on, t["admitted_on"], t.get("official_on"), data.get("birth_date"))
        party_start(cell, on, f"chuyển sinh hoạt đến {cell}")
    for org, kind, on in newcomer.joins:
        _check_join(org, kind, on)
    return data


@transaction.atomic
def update_person(actor: Actor, person: Person, **fields: Any) -> Person:
    current = {f: getattr(person, f) for f in PERSON_FIELDS}
    data = clean_person_fields({**current, **fields}, instance=person)
    return audit.change(
        actor,
        "person.update",
        person,
        data,
        summary=f"Sửa hồ sơ {data['full_name']}",
        person=person,
    )


@transaction.atomic
def set_card_number(actor: Actor, person: Person, card_number: str) -> PartyProfile:
    """Record a member's party card number (the actions set it only on admission or transfer)."""
    profile = PartyProfile.objects.get(person=person)
    card_number = (card_number or "").strip()
    if len(card_number) > PARTY_CARD_LENGTH:
        raise ValidationError("Số thẻ đảng viên quá dài.")
    return audit.change(
        actor,
        "party.card",
        profile,
        {"card_number": card_number},
        summary=f"Số thẻ đảng viên {card_number}",
        person=person,
    )


@transaction.atomic
def set_party_particulars(
    actor: Actor,
    person: Person,
    *,
    private_business_owner: bool,
    foreign_marriage: bool,
    population_policy_breach: bool,
) -> PartyProfile:
    """Record the particulars of a member's or a candidate's Party file that the basic
    statistical forms count: a private business owner, a marriage to a foreigner, a breach of
    the population policy before admission."""
    profile = PartyProfile.objects.select_for_update().filter(person=person).first()
    if profile is None:
        raise ValidationError(
            f"{person.full_name} chưa có hồ sơ đảng viên hay đối tượng kết nạp: ghi nhận đối "
            "tượng kết nạp hoặc kết nạp trước."
        )
    values = {
        "private_business_owner": bool(private_business_owner),
        "foreign_marriage": bool(foreign_marriage),
        "population_policy_breach": bool(population_policy_breach),
    }
    marked = PartyProfile.particular_labels(values)
    return audit.change(
        actor,
        "party.particulars",
        profile,
        values,
        summary="Đặc điểm hồ sơ đảng viên: " + ("; ".join(marked) or "không có"),
        person=person,
    )


# Exports ----------------------------------------------------------------------


def record_people_export(
    actor: Actor, *, rows: Any, org: Organization | None = None, filters: Any | None = None
) -> AuditEntry:
    """The people list (with its filters) downloaded as an Excel file."""
    return audit.record_export(
        actor,
        action="people.export",
        what="danh sách cá nhân (.xlsx)",
        rows=rows,
        org=org,
        filters=filters,
    )


# Staff ------------------------------------------------------------------------


@transaction.atomic
def add_staff_record(
    actor: Actor,
    person: Person,
    *,
    agency: Organization,
    category: str,
    valid_from: dt.date,
    unit: Organization | None = None,
    position: str = "",
) -> StaffRecord:
    if agency.kind != Organization.Kind.AGENCY:
        raise ValidationError(f"“{agency}” không phải là cơ quan.")
    if unit is not None and (
        unit.parent_id != agency.id
        or unit.kind not in (Organization.Kind.DEPARTMENT, Organization.Kind.SERVICE_UNIT)
    ):
        raise ValidationError(f"“{unit}” không phải là phòng hay đơn vị của {agency}.")
    if category not in StaffRecord.Category.values:
        raise ValidationError("Loại cán bộ phải là công chức, viên chức hoặc hợp đồng.")
    _check_not_future(valid_from, "Ngày bắt đầu công tác")
    current = StaffRecord.objects.filter(active_on(valid_from), person=person, agency=agency)
    if current.exists():
        raise ValidationError(
            f"{person} đang có hồ sơ công tác tại {agency} vào ngày {vn_date(valid_from)}."
        )
    record = StaffRecord.objects.create(
        person=person,
        agency=agency,
        unit=unit,
        category=category,
        position=position or StaffRecord.Position.STAFF,
        valid_from=valid_from,
    )
    audit.record(
        actor, "staff.add", record, summary=f"Công tác tại {agency}", person=person, org=agency
    )
    return record


@transaction.atomic
def end_staff_record(actor: Actor, record: StaffRecord, on: dt.date) -> StaffRecord:
    if record.valid_to is not None:
        raise ValidationError("Hồ sơ công tác này đã kết thúc.")
    if on <= record.valid_from:
        raise ValidationError("Ngày kết thúc phải sau ngày bắt đầu công tác.")
    return audit.change(
        actor,
        "staff.end",
        record,
        {"valid_to": on},
        summary="Thôi công tác",
        person=record.person,
        org=record.agency,
    )


@transaction.atomic
def set_staff_quota(
    actor: Actor, agency: Organization, year: int, category: str, quota: int
) -> StaffQuota:
    if quota < 0:
        raise ValidationError("Biên chế giao không được âm.")
    obj = StaffQuota.objects.filter(agency=agency, year=year, category=category).first()
    before = audit.snapshot(obj)
    if obj is None:
        obj = StaffQuota(agency=agency, year=year, category=category)
    obj.quota = quota
    obj.save()
    audit.record(actor, "staff.quota", obj, before, summary=f"Biên chế giao năm {year}", org=agency)
    return obj


@transaction.atomic
def add_qualification(
    actor: Actor,
    person: Person,
    *,
    kind: str,
    level: str,
    obtained_on: dt.date | None = None,
    field: str = "",
) -> Qualification:
    levels = dict(next((v for k, v in Qualification.LEVELS.items() if k == kind), []))
    if level not in levels:
        raise ValidationError(f"Trình độ “{level}” không hợp lệ.")
    _check_not_future(obtained_on, "Ngày cấp bằng")
    if obtained_on and person.birth_date and obtained_on <= person.birth_date:
        raise ValidationError("Ngày cấp bằng phải sau ngày sinh.")
    q = Qualification.objects.create(
        person=person, kind=kind, level=level, obtained_on=obtained_on, field=field
    )
    audit.record(
        actor,
        "qualification.add",
        q,
        summary=f"{q.get_kind_display()}: {levels[level]}",
        person=person,
    )
    return q


# Memberships of mass organizations ---------------------------------------------


def _check_org(org, kind, on):
    expected = MEMBERSHIP_ORG_KIND[kind]
    if org.kind != expected:
        raise ValidationError(f"“{org}” không phải là {Organization.Kind(expected).label.lower()}.")
    org.check_active_on(on)


def active_membership(person: Person, kind: str, on: dt.date) -> Membership | None:
    return Membership.objects.filter(active_on(on), person=person, kind=kind).first()


def _check_join(org, kind, on):
    if kind == Membership.Kind.PARTY:
        raise ValidationError("Kết nạp đảng viên dùng thao tác “Kết nạp”.")
    _check_org(org, kind, on)
    _check_not_future(on, "Ngày tham gia")


@transaction.atomic
def join(
    actor: Actor, person: Person, org: Organization, kind: str, on: dt.date, note: str = ""
) -> Membership:
    """Start a membership of the trade union, the youth union, the veterans' association or
    another mass organization."""
    _check_join(org, kind, on)
    held = Membership.objects.filter(active_on(on), person=person, kind=kind)
    label = Membership.Kind(kind).label
    if kind == Membership.Kind.MASS:
        # One may be in the farmers' and the women's unions at once, not in two farmers' unions.
        held = held.filter(org__mass_kind=org.mass_kind)
        label = org_kinds.mass_kinds()[org.mass_kind].label
    if held.exists():
        raise ValidationError(f"{person} đã là thành viên {label} vào ngày {vn_date(on)}.")
    m = Membership.objects.create(person=person, org=org, kind=kind, valid_from=on, note=note)
    audit.record(actor, "membership.join", m, summary=f"Tham gia {org}", person=person, org=org)
    return m


@transaction.atomic
def end_membership(
    actor: Actor, membership: Membership, on: dt.date, reason: str, note: str = ""
) -> Membership:
    if membership.valid_to is not None:
        raise ValidationError("Sinh hoạt này đã kết thúc.")
    if on <= membership.valid_from:
        raise ValidationError(
            f"Ngày kết thúc phải sau ngày bắt đầu ({vn_date(membership.valid_from)})."
        )
    _check_not_future(on, "Ngày kết thúc")
    label = Membership.EndReason(reason).label
    check_party_end(membership, on, label.lower())
    changes = {"valid_to": on, "end_reason": reason}
    if note:
        changes["note"] = note
    return audit.change(
        actor,
        "membership.end",
        membership,
        changes,
        summary=f"{label} ({membership.org})",
        person=membership.person,
        org=membership.org,
    )


# Party life ---------------------------------------------------------------------


def _profile(person):
    profile, _ = PartyProfile.objects.get_or_create(person=person)
    return profile


def _age_on(person, day):
    b = person.birth_date
    return day.year - b.year - ((day.month, day.day) < (b.month, b.day))


@transaction.atomic
def register_candidate(
    actor: Actor, person: Person, cell: Organization, since: dt.date
) -> PartyProfile:
    """Record an admission candidate (đối tượng kết nạp) of a cell."""
    _check_org(cell, Membership.Kind.PARTY, since)
    profile = _profile(person)
    if profile.admitted_on:
        raise ValidationError(f"{person} đã là đảng viên.")
    return audit.change(
        actor,
        "party.candidate",
        profile,
        {"candidate_since": since, "candidate_cell": cell},
        summary=f"Đối tượng kết nạp của {cell}",
        person=person,
        org=cell,
    )


@transaction.atomic
def introduce_to_party(
    actor: Actor,
    person: Person,
    *,
    org: Organization,
    introduced_on: dt.date,
    resolution: str,
    note: str = "",
) -> PartyIntroduction:
    """`org`, a mass organization (a trade union, a youth union …), introduces `person`, one of
    its members, to the Party for admission by `resolution` of its executive committee."""
    kind = MASS_MEMBERSHIP.get(org.kind)
    if kind is None:
        raise ValidationError(
            f"Chỉ công đoàn, Đoàn thanh niên, hội, đoàn thể mới giới thiệu người vào Đảng; "
            f"{org} là {org.get_kind_display().lower()}."
        )
    resolution, note = " ".join((resolution or "").split()), " ".join((note or "").split())
    if not resolution:
        raise ValidationError(
            "Hãy ghi nghị quyết giới thiệu (số, ngày, của Ban Chấp hành nào), ví dụ "
            "“Nghị quyết số 05-NQ/ĐTN ngày 10/3/2024”."
        )
    if len(resolution) > 255 or len(note) > 255:
        raise ValidationError("Nghị quyết và ghi chú không dài quá 255 ký tự.")
    org.check_active_on(introduced_on)
    _check_not_future(introduced_on, "Ngày giới thiệu")
    # Its members are those of its own units too: the tree's, and its system's (a chi đoàn).
    units = union_subtree_ids_during(org, introduced_on, introduced_on)
    if not Membership.objects.filter(
        active_on(introduced_on), person=person, kind=kind, org_id__in=units
    ).exists():
        raise ValidationError(
            f"{person} không sinh hoạt {Membership.Kind(kind).label} tại {org} vào ngày "
            f"{vn_date(introduced_on)}: chỉ giới thiệu thành viên của tổ chức."
        )
    admitted = PartyProfile.objects.filter(person=person).values_list("admitted_on", flat=True)
    if admitted and admitted[0] and admitted[0] <= introduced_on:
        raise ValidationError(f"{person} đã vào Đảng ngày {vn_date(admitted[0])}.")
    if PartyIntroduction.objects.filter(
        person=person, org=org, introduced_on=introduced_on
    ).exists():
        raise ValidationError(f"{org} đã giới thiệu {person} vào ngày {vn_date(introduced_on)}.")
    row = PartyIntroduction.objects.create(
        person=person, org=org, introduced_on=introduced_on, resolution=resolution, note=note
    )
    audit.record(
        actor,
        "party.introduce",
        row,
        summary=f"Được {org} giới thiệu cho Đảng xem xét kết nạp ({resolution})",
        person=person,
        org=org,
    )
    return row


@transaction.atomic
def admit(
    actor: Actor, person: Person, cell: Organization, admitted_on: dt.date, card_number: str = ""
) -> Membership:
    """Admission (kết nạp): the member starts 12 months of probation in `cell`."""
    _check_org(cell, Membership.Kind.PARTY, admitted_on)
    _check_not_future(admitted_on, "Ngày kết nạp")
    rule = membership_rule(admitted_on)
    if person.birth_date is None:
        raise ValidationError("Cần có ngày sinh để kiểm tra tuổi kết nạp.")
    age = _age_on(person, admitted_on)
    if not rule["admission_min_age"] <= age <= rule["admission_max_age"]:
        raise ValidationError(
            f"Tuổi kết nạp là {age}, ngoài khoảng {rule['admission_min_age']}–"
            f"{rule['admission_max_age']} theo {rule.source}."
        )
    profile = _profile(person)
    if profile.admitted_on:
        raise ValidationError(f"{person} đã được kết nạp ngày {vn_date(profile.admitted_on)}.")
    check_party_start(cell, admitted_on, f"kết nạp vào {cell}")
    before = audit.snapshot(profile)
    profile.admitted_on, profile.card_number = admitted_on, card_number
    return _enter_cell(actor, person, profile, before, cell, admitted_on, "party.admit")


PARTY_ENTRIES = {
    "party.admit": "Kết nạp vào",
    "party.transfer_in": "Chuyển sinh hoạt đến",
    "party.restore": "Phục hồi đảng tịch, sinh hoạt tại",
}


PARTY_START_REASONS = {
    "party.admit": Membership.StartReason.ADMITTED,
    "party.transfer_in": Membership.StartReason.TRANSFER_IN,
    "party.restore": Membership.StartReason.RESTORED,
}


def _enter_cell(actor, person, profile, before, cell, on, action, arrived_from=""):
    """Save the party profile `action` changed and start the party membership in `cell` on `on`."""
    profile.save()
    m = Membership.objects.create(
        person=person,
        org=cell,
        kind=Membership.Kind.PARTY,
        valid_from=on,
        start_reason=PARTY_START_REASONS[action],
        arrived_from=arrived_from,
    )
    summary = f"{PARTY_ENTRIES[action]} {cell}"
    audit.record(actor, action, profile, before, summary=summary, person=person, org=cell)
    return m


def membership_rule(day: dt.date) -> Rule:
    try:
        return rule_in_force("membership", day)
    except LookupError:
        raise ValidationError(f"Ngày {vn_date(day)} trước khi Đảng được thành lập.") from None


def status_rule(day: dt.date) -> Rule | None:
    """The rule on temporary attachment and suspension in force on `day` (rules/member_status),
    None before any was found: the papers then state these members without their rights."""
    try:
        return rule_in_force("member_status", day)
    except LookupError:
        return None


def probation_end(admitted_on: dt.date) -> dt.date:
    return add_months(admitted_on, membership_rule(admitted_on)["probation_months"])


def check_recognition(admitted_on: dt.date, official_on: dt.date) -> dt.date:
    """Recognition may not come before the probation ends."""
    end = probation_end(admitted_on)
    if official_on < end:
        raise ValidationError(
            f"Ngày chính thức {vn_date(official_on)} trước khi hết 12 tháng dự bị "
            f"(kết nạp {vn_date(admitted_on)}, hết dự bị {vn_date(end)})."
        )
    return end


@transaction.atomic
def recognize(actor: Actor, person: Person, recognized_on: dt.date) -> PartyProfile:
    """Recognition as a full member (chuyển đảng chính thức), dated from the end of probation."""
    profile = getattr(person, "party", None)
    if profile is None or profile.admitted_on is None:
        raise ValidationError(f"{person} chưa được kết nạp.")
    if profile.recognized_on:
        raise ValidationError(f"{person} đã là đảng viên chính thức.")
    if not active_membership(person, Membership.Kind.PARTY, recognized_on):
        raise ValidationError(f"{person} không sinh hoạt đảng vào ngày {vn_date(recognized_on)}.")
    _check_not_future(recognized_on, "Ngày quyết định")
    end = check_recognition(profile.admitted_on, recognized_on)
    # Full membership counts from the end of the 12 months even when the decision comes later.
    return audit.change(
        actor,
        "party.recognize",
        profile,
        {"official_on": end, "recognized_on": recognized_on},
        summary="Chuyển đảng chính thức",
        person=person,
    )


def _check_arrival(cell, on, admitted_on, official_on, birth_date):
    """transfer_in's checks of the party dates of a member arriving in `cell` on `on`."""
    _check_org(cell, Membership.Kind.PARTY, on)
    if admitted_on > on:
        raise ValidationError("Ngày vào Đảng phải trước ngày chuyển đến.")
    if birth_date and admitted_on <= birth_date:
        raise ValidationError("Ngày vào Đảng phải sau ngày sinh.")
    if official_on:
        check_recognition(admitted_on, official_on)


@transaction.atomic
def transfer_in(
    actor: Actor,
    person: Person,
    cell: Organization,
    on: dt.date,
    *,
    admitted_on: dt.date,
    official_on: dt.date | None = None,
    card_number: str = "",
    arrived_from: str = "",
) -> Membership:
    """A member arriving from elsewhere (chuyển sinh hoạt đến), with their party dates and where
    they came from (another province, another district of the province, the same district)."""
    _check_place(arrived_from)
    _check_arrival(cell, on, admitted_on, official_on, person.birth_date)
    if active_membership(person, Membership.Kind.PARTY, on):
        raise ValidationError(f"{person} đang sinh hoạt đảng vào ngày {vn_date(on)}.")
    check_party_start(cell, on, f"chuyển sinh hoạt đến {cell}")
    profile = _profile(person)
    before = audit.snapshot(profile)
    profile.admitted_on, profile.card_number = admitted_on, card_number or profile.card_number
    profile.official_on = official_on
    profile.recognized_on = official_on
    return _enter_cell(actor, person, profile, before, cell, on, "party.transfer_in", arrived_from)


def _check_place(place):
    if place and place not in Membership.Place.values:
        raise ValidationError(f"Nơi chuyển “{place}” không hợp lệ.")


def _end_party(actor, person, on, reason, note="", left_to=""):
    m = active_membership(person, Membership.Kind.PARTY, on)
    if m is None:
        raise ValidationError(f"{person} không sinh hoạt đảng vào ngày {vn_date(on)}.")
    if left_to:
        m.left_to = left_to
    return end_membership(actor, m, on, reason, note)


@transaction.atomic
def transfer_out(
    actor: Actor, person: Person, on: dt.date, destination: str = "", left_to: str = ""
) -> Membership:
    """A member leaving for another organization (chuyển sinh hoạt đi): `destination` names it,
    `left_to` says where it is (another province, another district, the same district)."""
    _check_place(left_to)
    return _end_party(
        actor, person, on, Membership.EndReason.TRANSFER_OUT, destination, left_to=left_to
    )


@transaction.atomic
def resign(actor: Actor, person: Person, on: dt.date, reason: str = "") -> Membership:
    """A member's request to leave the Party granted (xin ra khỏi Đảng)."""
    return _end_party(actor, person, on, Membership.EndReason.RESIGNED, reason)


# The ends of party membership after which the membership may be restored (phục hồi đảng tịch:
# a decision to expel or strike off found wrong, or a resignation withdrawn).
RESTORABLE = (
    Membership.EndReason.EXPELLED,
    Membership.EndReason.STRUCK_OFF,
    Membership.EndReason.RESIGNED,
)


@transaction.atomic
def restore_membership(actor: Actor, person: Person, cell: Organization, on: dt.date) -> Membership:
    """Restored membership (phục hồi đảng tịch): the member's party life resumes in `cell` with
    the party dates on record."""
    _check_org(cell, Membership.Kind.PARTY, on)
    _check_not_future(on, "Ngày phục hồi")
    if active_membership(person, Membership.Kind.PARTY, on):
        raise ValidationError(f"{person} đang sinh hoạt đảng vào ngày {vn_date(on)}.")
    last = (
        Membership.objects.filter(person=person, kind=Membership.Kind.PARTY, valid_to__lte=on)
        .order_by("-valid_to")
        .first()
    )
    if last is None or last.end_reason not in RESTORABLE:
        raise ValidationError(
            f"Chỉ phục hồi đảng tịch cho người đã bị khai trừ, xóa tên hoặc xin ra khỏi Đảng; "
            f"{person} không có quyết định nào như vậy trước ngày {vn_date(on)}."
        )
    check_party_start(cell, on, f"phục hồi đảng tịch tại {cell}")
    profile = _profile(person)
    before = audit.snapshot(profile)
    return _enter_cell(actor, person, profile, before, cell, on, "party.restore")


@transaction.atomic
def award_badge(
    actor: Actor, person: Person, years: int, on: dt.date, decision: str = ""
) -> PartyBadge:
    """A Party badge (Huy hiệu Đảng) of `years` years of membership awarded on `on`."""
    if years not in PartyBadge.YEARS:
        raise ValidationError(f"Không có Huy hiệu {years} năm tuổi Đảng.")
    _check_not_future(on, "Ngày trao huy hiệu")
    profile = PartyProfile.objects.filter(person=person).first()
    if profile is None or profile.admitted_on is None:
        raise ValidationError(f"{person} chưa có ngày vào Đảng.")
    if (on - profile.admitted_on).days < years * 365:
        raise ValidationError(
            f"Đến ngày {vn_date(on)}, {person} chưa đủ {years} năm tuổi Đảng "
            f"(vào Đảng ngày {vn_date(profile.admitted_on)})."
        )
    if PartyBadge.objects.filter(person=person, years=years).exists():
        raise ValidationError(f"{person} đã được trao Huy hiệu {years} năm tuổi Đảng.")
    badge = PartyBadge.objects.create(
        person=person, years=years, awarded_on=on, decision=decision.strip()[:60]
    )
    audit.record(
        actor,
        "party.badge",
        badge,
        summary=f"Huy hiệu {years} năm tuổi Đảng",
        person=person,
    )
    return badge


@transaction.atomic
def issue_card(
    actor: Actor, person: Person, number: str, on: dt.date, reason: str
) -> PartyCardIssue:
    """A member card issued (phát thẻ đảng viên): the first to a full member, or again when lost
    or damaged; the number becomes the one on the party profile."""
    if reason not in PartyCardIssue.Reason.values:
        raise ValidationError("Hình thức phát thẻ không hợp lệ.")
    _check_not_future(on, "Ngày phát thẻ")
    number = (number or "").strip()
    if not number:
        raise ValidationError("Cần số thẻ đảng viên.")
    profile = PartyProfile.objects.filter(person=person).first()
    if profile is None or profile.recognized_on is None or profile.recognized_on > on:
        raise ValidationError(
            f"Thẻ đảng viên chỉ phát cho đảng viên chính thức; {person} chưa là đảng viên "
            f"chính thức vào ngày {vn_date(on)}."
        )
    first = PartyCardIssue.Reason.FIRST
    if reason == first and PartyCardIssue.objects.filter(person=person, reason=first).exists():
        raise ValidationError(f"{person} đã được phát thẻ lần đầu; chọn cấp lại hoặc đổi lại.")
    if len(number) > PARTY_CARD_LENGTH:
        raise ValidationError("Số thẻ đảng viên quá dài.")
    card = PartyCardIssue.objects.create(person=person, number=number, issued_on=on, reason=reason)
    profile.card_number = number
    profile.save(update_fields=["card_number"])
    audit.record(
        actor,
        "party.card_issue",
        card,
        summary=f"{card.get_reason_display()}: thẻ số {number}",
        person=person,
    )
    return card


@transaction.atomic
def move_to_cell(actor: Actor, person: Person, cell: Organization, on: dt.date) -> Membership:
    """Move between cells of the same committee: one membership ends, the next starts."""
    _check_org(cell, Membership.Kind.PARTY, on)
    current = active_membership(person, Membership.Kind.PARTY, on)
    if current is None:
        raise ValidationError(f"{person} không sinh hoạt đảng vào ngày {vn_date(on)}.")
    if current.org_id == cell.id:
        raise ValidationError(f"{person} đang sinh hoạt tại {cell}.")
    # The month of `on` moves to the new cell's book, and leaves the old one's.
    what = f"chuyển sinh hoạt sang {cell}"
    _check_fee_book(current.org, _month(on), what, on)
    check_party_start(cell, on, what)
    end_membership(actor, current, on, Membership.EndReason.MOVED)
    m = Membership.objects.create(
        person=person,
        org=cell,
        kind=Membership.Kind.PARTY,
        valid_from=on,
        start_reason=Membership.StartReason.MOVED,
    )
    audit.record(
        actor, "party.move", m, summary=f"Chuyển sinh hoạt sang {cell}", person=person, org=cell
    )
    return m


@transaction.atomic
def strike_off(actor: Actor, person: Person, on: dt.date, reason: str = "") -> Membership:
    return _end_party(actor, person, on, Membership.EndReason.STRUCK_OFF, reason)


@transaction.atomic
def expel(actor: Actor, person: Person, on: dt.date, reason: str = "") -> Membership:
    return _end_party(actor, person, on, Membership.EndReason.EXPELLED, reason)


@transaction.atomic
def record_death(actor: Actor, person: Person, on: dt.date) -> Person:
    """Death ends every membership and staff record still open on that day."""
    _check_not_future(on, "Ngày mất")
    open_memberships = list(
        Membership.objects.filter(
            person=person, valid_to__isnull=True, valid_from__lt=on
        ).select_related("org")
    )
    for m in open_memberships:
        check_party_end(m, on, "từ trần")
    for m in open_memberships:
        end_membership(actor, m, on, Membership.EndReason.DEATH)
    for r in StaffRecord.objects.filter(person=person, valid_to__isnull=True, valid_from__lt=on):
        end_staff_record(actor, r, on)
    audit.record(
        actor, "person.death", person, summary=f"Ghi nhận từ trần ngày {vn_date(on)}", person=person
    )
    return person


# Exemption and suspension: dated statuses of a party member, each by a committee's decision --------


@dataclass(frozen=True)
class _Status:
    """The words of one status of a party member decided by a committee: what its checks say and
    what its audit rows are called. Exemption and suspension follow the same rule of dates (within
    the membership, never two at once, ended on a day inside them)."""

    model: type[PartyStatusDecision]
    action: str  # the audit action; its end is `action + "_end"`
    title: str  # "Miễn công tác và sinh hoạt đảng"
    what: str  # "miễn sinh hoạt đảng": what may not be done outside the membership
    span: str  # "miễn": the period's short name
    start_label: str
    end_label: str
    overlap: str  # after the member's name
    not_on: str  # after the member's name, before "vào ngày …"
    end_day: str  # the end form's day, when missing
    end_title: str


EXEMPTION = _Status(
    model=Exemption,
    action="person.exempt",
    title="Miễn công tác và sinh hoạt đảng",
    what="miễn sinh hoạt đảng",
    span="miễn",
    start_label="ngày bắt đầu được miễn",
    end_label="ngày kết thúc miễn",
    overlap="đã được miễn sinh hoạt trong thời gian này.",
    not_on="không được miễn công tác và sinh hoạt đảng",
    end_day="ngày sinh hoạt trở lại",
    end_title="Thôi miễn công tác và sinh hoạt đảng",
)
SUSPENSION = _Status(
    model=Suspension,
    action="person.suspend",
    title="Đình chỉ sinh hoạt đảng",
    what="đình chỉ sinh hoạt đảng",
    span="đình chỉ",
    start_label="ngày bắt đầu đình chỉ",
    end_label="ngày kết thúc đình chỉ",
    overlap="đã bị đình chỉ sinh hoạt đảng trong thời gian này (thời gian đình chỉ trùng nhau).",
    not_on="không bị đình chỉ sinh hoạt đảng",
    end_day="ngày chấm dứt đình chỉ",
    end_title="Chấm dứt đình chỉ sinh hoạt đảng",
)


def _start_status(actor, status, person, decision, valid_from, valid_to, reason):
    decision = " ".join((decision or "").split())
    if not decision:
        raise ValidationError(f"Cần ghi quyết định {status.title[0].lower()}{status.title[1:]}.")
    _check_span(valid_from, valid_to, status.start_label, status.end_label)
    _check_not_future(valid_from, status.start_label.capitalize())
    _check_party_span(person, valid_from, valid_to, status.what, status.span)
    if overlapping(status.model.objects.filter(person=person), valid_from, valid_to).exists():
        raise ValidationError(f"{person.full_name} {status.overlap}")
    record = status.model.objects.create(
        person=person,
        decision=decision,
        reason=" ".join((reason or "").split()),
        valid_from=valid_from,
        valid_to=valid_to,
    )
    audit.record(
        actor,
        status.action,
        record,
        summary=f"{status.title}: {person.full_name} ({decision})",
        person=person,
    )
    return record


def _end_status(actor, status, person, on):
    if on is None:
        raise ValidationError(f"Cần ghi {status.end_day}.")
    # In force on `on` and begun before it, so that ending it there leaves it a day.
    record = (
        status.model.objects.select_for_update()
        .filter(active_on(on), person=person, valid_from__lt=on)
        .first()
    )
    if record is None:
        raise ValidationError(
            f"{person.full_name} {status.not_on} vào ngày {vn_date(on)} "
            f"({status.end_day} phải sau {status.start_label})."
        )
    return audit.change(
        actor,
        status.action + "_end",
        record,
        {"valid_to": on},
        summary=f"{status.end_title} từ ngày {vn_date(on)}: {person.full_name}",
        person=person,
    )


@transaction.atomic
def exempt_member(
    actor: Actor,
    person: Person,
    *,
    decision: str,
    valid_from: dt.date,
    valid_to: dt.date | None = None,
    reason: str = "",
) -> Exemption:
    """Miễn công tác và sinh hoạt đảng for a party member, by the committee's decision."""
    return _start_status(actor, EXEMPTION, person, decision, valid_from, valid_to, reason)


@transaction.atomic
def end_exemption(actor: Actor, person: Person, on: dt.date) -> Exemption:
    """The member takes up Party work and meetings again from `on`: the exemption in force that
    day ends there (from `on` they are on the cell's roll)."""
    return _end_status(actor, EXEMPTION, person, on)


@transaction.atomic
def suspend_member(
    actor: Actor,
    person: Person,
    *,
    decision: str,
    valid_from: dt.date,
    valid_to: dt.date | None = None,
    reason: str = "",
) -> Suspension:
    """Đình chỉ sinh hoạt đảng of a party member, by the competent committee's decision."""
    return _start_status(actor, SUSPENSION, person, decision, valid_from, valid_to, reason)


@transaction.atomic
def lift_suspension(actor: Actor, person: Person, on: dt.date) -> Suspension:
    """The suspension in force on `on` ends there: the member takes part again from that day
    (the decision lifting it, or its term run out)."""
    return _end_status(actor, SUSPENSION, person, on)


def overlapping(records: Any, valid_from: dt.date, valid_to: dt.date | None) -> Any:
    """The dated records of `records` that share a day with [valid_from, valid_to)."""
    return records.filter(held_during(valid_from, valid_to))


def _check_party_span(person, valid_from, valid_to, what, span):
    """A status of a party member (`what`: "miễn sinh hoạt đảng") from `valid_from` to
    `valid_to` must lie within their party membership."""
    is_member = Membership.objects.filter(
        active_on(valid_from), person=person, kind=Membership.Kind.PARTY
    ).exists()
    if not is_member:
        raise ValidationError(
            f"{person.full_name} không là đảng viên vào ngày {vn_date(valid_from)}: "
            f"không thể {what}."
        )
    if valid_to is not None:
        still = Membership.objects.filter(
            active_on(valid_to - dt.timedelta(days=1)), person=person, kind=Membership.Kind.PARTY
        ).exists()
        if not still:
            raise ValidationError(
                f"{person.full_name} không còn là đảng viên trước ngày {vn_date(valid_to)}: "
                f"thời gian {span} phải nằm trong thời gian sinh hoạt đảng."
            )


def _check_span(valid_from, valid_to, start_label, end_label):
    if valid_from is None:
        raise ValidationError(f"Cần ghi {start_label}.")
    if valid_to is not None and valid_to <= valid_from:
        raise ValidationError(
            f"{end_label.capitalize()} ({vn_date(valid_to)}) phải sau {start_label} "
            f"({vn_date(valid_from)})."
        )


# Temporary attachment (sinh hoạt đảng tạm thời) ---------------------------------------------------


def _introduction_paper(papers: str, valid_from: dt.date, valid_to: dt.date | None) -> str:
    """The introduction paper (giấy giới thiệu sinh hoạt đảng tạm thời) every temporary
    attachment rests on, received or sent, and the span it gives."""
    papers = " ".join((papers or "").split())
    _check_span(valid_from, valid_to, "ngày bắt đầu sinh hoạt tạm thời", "ngày kết thúc")
    if not papers:
        raise ValidationError(
            "Cần ghi giấy giới thiệu sinh hoạt đảng tạm thời (số, ngày, nơi cấp)."
        )
    return papers


def _new_attachment(*, study: bool, note: str, **fields: Any) -> TemporaryAttachment:
    return TemporaryAttachment.objects.create(
        study=bool(study), note=" ".join((note or "").split()), **fields
    )


@transaction.atomic
def attach_temporarily(
    actor: Actor,
    cell: Organization,
    *,
    papers: str,
    valid_from: dt.date,
    valid_to: dt.date | None = None,
    person: Person | None = None,
    full_name: str = "",
    home_org_name: str = "",
    study: bool = False,
    note: str = "",
) -> TemporaryAttachment:
    """A member received in `cell` for temporary Party activity (tiếp nhận sinh hoạt đảng tạm
    thời): one of ours (`person`, whose official cell stays theirs) or one known only by name and
    official organization."""
    full_name = " ".join((full_name or "").split())
    home_org_name = " ".join((home_org_name or "").split())
    papers = _introduction_paper(papers, valid_from, valid_to)
    _check_org(cell, Membership.Kind.PARTY, valid_from)
    same_cell = overlapping(TemporaryAttachment.objects.filter(cell=cell), valid_from, valid_to)
    if person is not None:
        _check_party_span(
            person, valid_from, valid_to, "sinh hoạt đảng tạm thời", "sinh hoạt tạm thời"
        )
        home = active_membership(person, Membership.Kind.PARTY, valid_from)
        if home is not None and home.org_id == cell.id:
            raise ValidationError(
                f"{person.full_name} sinh hoạt chính thức tại {cell}: không sinh hoạt tạm thời "
                "ở chính chi bộ của mình."
            )
        full_name, home_org_name = "", ""
        _check_attachment_books(cell, person, valid_from, "sinh hoạt đảng tạm thời")
        elsewhere = overlapping(
            TemporaryAttachment.objects.filter(person=person), valid_from, valid_to
        ).exclude(cell=cell)
        if elsewhere.exists():
            raise ValidationError(
                f"{person.full_name} đang sinh hoạt tạm thời ở chi bộ khác trong thời gian này."
            )
        twice = list(same_cell.filter(person=person)[:1])
    else:
        if not full_name:
            raise ValidationError("Cần chọn đảng viên có hồ sơ hoặc ghi họ và tên.")
        if not home_org_name:
            raise ValidationError("Cần ghi nơi đảng viên sinh hoạt chính thức.")
        twice = [
            a
            for a in same_cell.filter(person__isnull=True)
            if fold(a.full_name) == fold(full_name) and fold(a.home_org_name) == fold(home_org_name)
        ]
    if twice:
        name = person.full_name if person is not None else twice[0].full_name
        raise ValidationError(
            f"{name} đã được ghi sinh hoạt tạm thời tại {cell} trong thời gian này "
            "(thời gian trùng nhau)."
        )
    attachment = _new_attachment(
        cell=cell,
        person=person,
        full_name=full_name,
        home_org_name=home_org_name,
        papers=papers,
        valid_from=valid_from,
        valid_to=valid_to,
        study=study,
        note=note,
    )
    audit.record(
        actor,
        "party.attach_temporarily",
        attachment,
        summary=f"Tiếp nhận sinh hoạt đảng tạm thời: {attachment.name} ({papers})",
        person=person,
        org=cell,
    )
    return attachment


@transaction.atomic
def introduce_temporarily(
    actor: Actor,
    person: Person,
    *,
    host_name: str,
    papers: str,
    valid_from: dt.date,
    valid_to: dt.date | None = None,
    study: bool = False,
    note: str = "",
) -> TemporaryAttachment:
    """A member of one of our cells introduced for temporary Party activity to an organization
    outside dangvu (giới thiệu sinh hoạt đảng tạm thời đi), recorded by their own cell: their
    membership stays there, the host collects their fee for the months the rule gives it. A host
    kept in dangvu records the member itself (`attach_temporarily`)."""
    host_name = " ".join((host_name or "").split())
    papers = _introduction_paper(papers, valid_from, valid_to)
    if not host_name:
        raise ValidationError("Cần ghi nơi đảng viên được giới thiệu đến sinh hoạt tạm thời.")
    _check_party_span(
        person, valid_from, valid_to, "giới thiệu sinh hoạt đảng tạm thời", "sinh hoạt tạm thời"
    )
    if overlapping(
        TemporaryAttachment.objects.filter(person=person), valid_from, valid_to
    ).exists():
        raise ValidationError(
            f"{person.full_name} đã được ghi sinh hoạt tạm thời trong thời gian này "
            "(thời gian trùng nhau)."
        )
    _check_attachment_books(None, person, valid_from, "giới thiệu sinh hoạt đảng tạm thời")
    home = active_membership(person, Membership.Kind.PARTY, valid_from)
    attachment = _new_attachment(
        cell=None,
        host_name=host_name,
        person=person,
        papers=papers,
        valid_from=valid_from,
        valid_to=valid_to,
        study=study,
        note=note,
    )
    audit.record(
        actor,
        "party.introduce_temporarily",
        attachment,
        summary=f"Giới thiệu sinh hoạt đảng tạm thời đến {host_name}: {person.full_name} ({papers})",
        person=person,
        org=home.org if home is not None else None,
    )
    return attachment


@transaction.atomic
def record_irregular_introduction(
    actor: Actor,
    org: Organization,
    *,
    direction: str,
    finding: str,
    found_on: dt.date,
    papers: str,
    person: Person | None = None,
    full_name: str = "",
    note: str = "",
) -> IrregularIntroduction:
    """An introduction of Party activity found irregular or forged by `org` (a Party
    organization), received from elsewhere or sent by one of its organizations (Biểu 7-BTCTW,
    IV.3): the paper as written, the member on file or as the paper names them."""
    if direction not in IrregularIntroduction.Direction.values:
        raise ValidationError("Chiều giới thiệu không hợp lệ (chuyển đến hoặc giới thiệu đi).")
    if finding not in IrregularIntroduction.Finding.values:
        raise ValidationError("Cần chọn chưa đúng quy định hoặc giả mạo.")
    if not org.is_party:
        raise ValidationError(f"“{org}” không phải là tổ chức đảng.")
    if found_on is None:
        raise ValidationError("Cần ghi ngày phát hiện.")
    _check_not_future(found_on, "Ngày phát hiện")
    org.check_active_on(found_on)
    papers = " ".join((papers or "").split())
    if not papers:
        raise ValidationError("Cần ghi giấy giới thiệu (số, ngày, nơi cấp).")
    full_name = " ".join((full_name or "").split())
    if (person is None) == (not full_name):
        raise ValidationError(
            "Chọn đảng viên có hồ sơ hoặc ghi họ tên người được giới thiệu (chỉ một)."
        )
    found = IrregularIntroduction.objects.create(
        org=org,
        direction=direction,
        finding=finding,
        found_on=found_on,
        papers=papers,
        person=person,
        full_name=full_name,
        note=(note or "").strip(),
    )
    audit.record(
        actor,
        "party.irregular_introduction",
        found,
        summary=f"Giới thiệu sinh hoạt đảng {found.get_finding_display().lower()} "
        f"({found.get_direction_display().lower()}): {found.name} ({papers})",
        person=person,
        org=org,
    )
    return found


@transaction.atomic
def end_attachment(
    actor: Actor, attachment: TemporaryAttachment, on: dt.date
) -> TemporaryAttachment:
    """The member's temporary Party activity in the host cell ends on `on` (they return to their
    official cell, or the term ends)."""
    if on is None:
        raise ValidationError("Cần ghi ngày kết thúc sinh hoạt tạm thời.")
    if on <= attachment.valid_from:
        raise ValidationError(
            f"Ngày kết thúc ({vn_date(on)}) phải sau ngày bắt đầu sinh hoạt tạm thời "
            f"({vn_date(attachment.valid_from)})."
        )
    if attachment.valid_to is not None and attachment.valid_to <= on:
        raise ValidationError(
            f"Sinh hoạt tạm thời của {attachment.name} đã kết thúc ngày "
            f"{vn_date(attachment.valid_to)}."
        )
    home = None
    if attachment.person is not None:
        _check_attachment_books(
            attachment.cell, attachment.person, on, "kết thúc sinh hoạt đảng tạm thời"
        )
        home = active_membership(attachment.person, Membership.Kind.PARTY, attachment.valid_from)
    return audit.change(
        actor,
        "party.attach_end",
        attachment,
        {"valid_to": on},
        summary=f"Kết thúc sinh hoạt đảng tạm thời từ ngày {vn_date(on)}: {attachment.name}",
        person=attachment.person,
        # A host outside dangvu: the change is the member's own cell's.
        org=attachment.cell or (home.org if home is not None else None),
    )
