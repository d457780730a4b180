"""Organizations as an effective-dated tree, their names over time, committee terms and positions.

Dates: a record holds from `valid_from` (inclusive) until `valid_to` (exclusive: the first day it no
longer holds). `active_on(d)` is the one place that rule is written down for queries,
`EffectiveDated.is_active_on` for one record.
"""

import datetime as dt
import re
from collections.abc import Sequence
from typing import TypeVar

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from dangvu.core.memo import within_scope
from dangvu.core.models import DangvuModel, optional_ref
from dangvu.lib.dates import vn_date


def active_on(day: dt.date, prefix: str = "") -> Q:
    """Records (or, with `prefix`, related records) that hold on `day`."""
    return Q(**{f"{prefix}valid_from__lte": day}) & (
        Q(**{f"{prefix}valid_to__isnull": True}) | Q(**{f"{prefix}valid_to__gt": day})
    )


def held_during(start: dt.date, end: dt.date | None) -> Q:
    """Dated records that share a day with [start, end) (`end` exclusive, None: open-ended)."""
    held = Q(valid_to__isnull=True) | Q(valid_to__gt=start)
    return held if end is None else held & Q(valid_from__lt=end)


def held_through(first: dt.date, last: dt.date) -> Q:
    """Dated records that share a day with [first, last], both days included (a report's
    period, a span a user names by its last day): `held_during` up to the day after `last`."""
    return held_during(first, last + dt.timedelta(days=1))


class EffectiveDated(DangvuModel):
    """A record that holds from `valid_from` (inclusive) until `valid_to` (exclusive; open-ended
    when empty): `is_active_on` is the rule for one record, `active_on` for a query."""

    valid_from = models.DateField("từ ngày")
    valid_to = models.DateField("đến ngày", null=True, blank=True)

    class Meta:
        abstract = True

    def is_active_on(self, day: dt.date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day < self.valid_to)


class Organization(EffectiveDated):
    class Kind(models.TextChoices):
        SUPERIOR_COMMITTEE = "superior_committee", "Đảng ủy cấp trên"
        PARTY_COMMITTEE = "party_committee", "Đảng bộ cơ sở"
        PARTY_CELL = "party_cell", "Chi bộ"
        AGENCY = "agency", "Cơ quan"
        DEPARTMENT = "department", "Phòng chuyên môn"
        SERVICE_UNIT = "service_unit", "Đơn vị sự nghiệp"
        TRADE_UNION = "trade_union", "Công đoàn"
        YOUTH_UNION = "youth_union", "Chi đoàn"
        VETERANS = "veterans", "Hội Cựu chiến binh"
        # Any other mass organization (Mặt trận Tổ quốc, Hội Nông dân …): which one is
        # `mass_kind`, a code of `rules/org_kinds/mass/` (`orgs.kinds.mass_kinds`).
        MASS = "mass", "Mặt trận, đoàn thể khác"

    class EndReason(models.TextChoices):
        DISSOLVED = "dissolved", "Giải thể"
        MERGED = "merged", "Sáp nhập"

    kind = models.CharField("loại", max_length=32, choices=Kind.choices)
    name = models.CharField("tên", max_length=255)
    slug = models.SlugField(unique=True, max_length=100)
    parent = optional_ref("self", "trực thuộc", related_name="children")
    # The abbreviation that ends the symbol of its outgoing documents ("ĐU" in "15-BC/ĐU").
    symbol = models.CharField("ký hiệu", max_length=32, blank=True)
    place = models.CharField("địa danh", max_length=100, blank=True)
    valid_from = models.DateField("ngày thành lập")
    valid_to = models.DateField("ngày kết thúc", null=True, blank=True)
    end_reason = models.CharField(max_length=16, choices=EndReason.choices, blank=True)
    successor = models.ForeignKey(
        "self", models.PROTECT, null=True, blank=True, related_name="predecessors"
    )
    founding_document = models.CharField("quyết định thành lập", max_length=255, blank=True)
    mass_kind = models.CharField("loại đoàn thể", max_length=40, blank=True)

    class Meta:
        verbose_name = "tổ chức"
        ordering = ["name"]

    def __str__(self):
        return self.name

    def check_active_on(self, day: dt.date) -> None:
        """Refuses, with the one message, a record dated `day` of an organization that was not
        founded yet or already dissolved or merged on that day."""
        if not self.is_active_on(day):
            raise ValidationError(f"“{self}” không hoạt động vào ngày {vn_date(day)}.")

    @property
    def is_party(self) -> bool:
        """A Party organization: it keeps the Party's own records and numbers the Party way."""
        return self.kind in PARTY_KINDS

    @property
    def is_mass(self) -> bool:
        """A mass organization beside the Party (a trade union, a youth union, veterans, any
        other): it keeps its own members and writes its documents in its own system's format."""
        return self.kind in MASS_KINDS

    @within_scope
    def name_on(self, day):
        """The name the organization bore on `day` (names change; reports for past years keep theirs)."""
        past = [n for n in self.names.all() if n.valid_from <= day]
        return max(past, key=lambda n: n.valid_from).name if past else self.name


# The Party's own organizations, highest first (the others are agencies and mass organizations).
PARTY_KINDS: tuple[str, ...] = (
    Organization.Kind.SUPERIOR_COMMITTEE,
    Organization.Kind.PARTY_COMMITTEE,
    Organization.Kind.PARTY_CELL,
)
# The mass organizations beside the Party.
MASS_KINDS: tuple[str, ...] = (
    Organization.Kind.TRADE_UNION,
    Organization.Kind.YOUTH_UNION,
    Organization.Kind.VETERANS,
    Organization.Kind.MASS,
)


class OrganizationName(DangvuModel):
    """Every name an organization has borne, from the day it took it."""

    organization = models.ForeignKey(Organization, models.CASCADE, related_name="names")
    name = models.CharField(max_length=255)
    valid_from = models.DateField()

    class Meta:
        verbose_name = "tên tổ chức"
        ordering = ["valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "valid_from"], name="one_name_per_day")
        ]

    def __str__(self):
        return self.name


# A term's span in its name: "2020-2025", "2020 – 2025".
TERM_SPAN = re.compile(r"\b((?:19|20)\d\d)\s*[-–—]\s*((?:19|20)\d\d)\b")


def term_plainly_over(name: str, day: dt.date) -> bool:
    """Whether a term's name says it ended before `day`'s year: a term 2020-2025 recorded
    without an end date is not the committee of 2026, whatever its dates say. A name without a
    span of years ("khóa I") says nothing."""
    span = TERM_SPAN.search(name)
    return span is not None and int(span.group(2)) < day.year


class Term(EffectiveDated):
    """A term (nhiệm kỳ) of an elected body: the executive committee (BCH, chi ủy) or the UBKT."""

    class Body(models.TextChoices):
        EXECUTIVE = "executive", "Ban Chấp hành"
        INSPECTION = "inspection", "Ủy ban Kiểm tra"

    organization = models.ForeignKey(Organization, models.PROTECT, related_name="terms")
    body = models.CharField("cơ quan", max_length=16, choices=Body.choices, default=Body.EXECUTIVE)
    name = models.CharField("nhiệm kỳ", max_length=32, help_text="Ví dụ: 2025-2030.")
    valid_from = models.DateField("bắt đầu")
    valid_to = models.DateField("kết thúc", null=True, blank=True)

    class Meta:
        verbose_name = "nhiệm kỳ"
        ordering = ["organization", "-valid_from"]

    def __str__(self):
        return f"{self.get_body_display()} nhiệm kỳ {self.name}"

    @classmethod
    @within_scope
    def executive_on(cls, org, day):
        """The term of `org`'s executive committee (BCH, chi ủy) in force on `day`, or None: the
        one rule by which every document names a term (reports, meeting papers, the numbering of
        outgoing documents). Recorded terms never overlap (`open_term`), so the latest one holding
        on the day is the only candidate; one its name says is over is none."""
        term = (
            cls.objects.filter(active_on(day), organization=org, body=cls.Body.EXECUTIVE)
            .order_by("-valid_from")
            .first()
        )
        return None if term is None or term_plainly_over(term.name, day) else term

    @classmethod
    def executive_over_on(cls, org, day):
        """When no term is in force on `day`: the last recorded term before it, which is over
        (ended by its dates or by its name), for the gap a document asks the office to fill;
        None when a term is in force or none was ever recorded."""
        if cls.executive_on(org, day) is not None:
            return None
        return (
            cls.objects.filter(organization=org, body=cls.Body.EXECUTIVE, valid_from__lte=day)
            .order_by("-valid_from")
            .first()
        )


class Position(EffectiveDated):
    """A seat in an elected body for part or all of a term."""

    class Role(models.TextChoices):
        SECRETARY = "secretary", "Bí thư"
        DEPUTY_SECRETARY = "deputy_secretary", "Phó Bí thư"
        STANDING_MEMBER = "standing_member", "Ủy viên Ban Thường vụ"
        MEMBER = "member", "Ủy viên"
        CHAIR = "chair", "Chủ nhiệm"
        DEPUTY_CHAIR = "deputy_chair", "Phó Chủ nhiệm"
        # The head and deputy head of a trade union's, a veterans' association's or another
        # mass organization's executive committee (the youth union's are Bí thư, Phó Bí thư).
        PRESIDENT = "president", "Chủ tịch"
        VICE_PRESIDENT = "vice_president", "Phó Chủ tịch"

    term = models.ForeignKey(Term, models.PROTECT, related_name="positions")
    person = models.ForeignKey("people.Person", models.PROTECT, related_name="positions")
    role = models.CharField("chức vụ", max_length=24, choices=Role.choices)
    # The title as the office writes it when the role's own words do not say it ("Phó Bí thư
    # Thường trực", "Ủy viên Ban Thường vụ, Chủ tịch Ủy ban nhân dân xã"): any title.
    title = models.CharField("chức danh", max_length=120, blank=True)

    class Meta:
        verbose_name = "chức vụ"
        ordering = ["term", "role"]

    def __str__(self):
        return f"{self.display_title} – {self.person}"

    @property
    def display_title(self) -> str:
        return self.title or self.get_role_display()


R = Position.Role
# The seats of an elected body, head first, then deputy, by the kind of organization: the Party's
# and the youth union's executive committees have a Bí thư, the trade union's, the veterans' and
# the other mass organizations' a Chủ tịch; any inspection committee a Chủ nhiệm.
PARTY_EXECUTIVE_ROLES = (R.SECRETARY, R.DEPUTY_SECRETARY, R.STANDING_MEMBER, R.MEMBER)
MASS_EXECUTIVE_ROLES = (R.PRESIDENT, R.VICE_PRESIDENT, R.STANDING_MEMBER, R.MEMBER)
INSPECTION_ROLES = (R.CHAIR, R.DEPUTY_CHAIR, R.MEMBER)
PRESIDED_KINDS = (
    Organization.Kind.TRADE_UNION,
    Organization.Kind.VETERANS,
    Organization.Kind.MASS,
)


def roles_of(org_kind: str, body: str = Term.Body.EXECUTIVE) -> tuple[str, ...]:
    """The roles of a seat in `body` of an organization of `org_kind`, the head first and its
    deputy second."""
    if body == Term.Body.INSPECTION:
        return INSPECTION_ROLES
    return MASS_EXECUTIVE_ROLES if org_kind in PRESIDED_KINDS else PARTY_EXECUTIVE_ROLES


class OrganizationType(EffectiveDated):
    """The type of a grassroots organization (loại hình: xã, cơ quan Nhà nước, doanh nghiệp …)
    for a span of dates. The codes are the files of `dangvu/rules/org_kinds/` (`orgs.kinds`);
    a cell without a type of its own takes its committee's."""

    organization = models.ForeignKey(Organization, models.PROTECT, related_name="types")
    code = models.CharField("loại hình", max_length=40)
    note = models.CharField("căn cứ", max_length=255, blank=True)

    class Meta:
        verbose_name = "loại hình tổ chức"
        ordering = ["organization", "valid_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "valid_from"], name="one_org_type_per_day"
            )
        ]

    def __str__(self):
        return self.code


class ProfileFigure(DangvuModel):
    """A figure of an organization's profile as of a date (dân số, số hộ, giáo viên, doanh thu
    …): the figures of section I that the office records, named by the organization's type."""

    organization = models.ForeignKey(Organization, models.PROTECT, related_name="profile_figures")
    code = models.CharField("chỉ tiêu", max_length=40)
    value = models.BigIntegerField("giá trị")
    as_of = models.DateField("tính đến ngày")
    note = models.CharField("nguồn số liệu", max_length=255, blank=True)

    class Meta:
        verbose_name = "số liệu đặc điểm"
        ordering = ["organization", "code", "as_of"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "code", "as_of"], name="one_profile_figure_per_day"
            )
        ]

    def __str__(self):
        return f"{self.code} = {self.value}"


class OrganizationMove(DangvuModel):
    """A change of superior from a date (the 2025 reorganization moved communes from the
    dissolved district committees to the province): not a rename. `Organization.parent` is the
    superior now; the moves say which one it was on an earlier day."""

    organization = models.ForeignKey(Organization, models.PROTECT, related_name="moves")
    previous = optional_ref(Organization, "cấp trên trước đó")
    parent = optional_ref(Organization, "cấp trên mới")
    valid_from = models.DateField("từ ngày")
    decision = models.CharField("căn cứ", max_length=255, blank=True)

    class Meta:
        verbose_name = "chuyển cấp trên"
        ordering = ["organization", "valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "valid_from"], name="one_move_per_day")
        ]

    def __str__(self):
        return f"{self.organization} → {self.parent}"


class SameSystemSuperior(EffectiveDated):
    """The superior of a mass organization in its own system (the upper union of a grassroots
    trade union, "Công đoàn Viên chức tỉnh"; the Đoàn cấp trên of a youth union) for a span of
    dates. Its parent in the tree stays the Party organization that leads it: statistics,
    consolidation and the Party roles' scopes follow the tree, which this record does not touch;
    the mass organization's own figures and its executive's scope follow this record."""

    organization = models.ForeignKey(
        Organization, models.PROTECT, related_name="same_system_superiors"
    )
    superior = models.ForeignKey(
        Organization,
        models.PROTECT,
        related_name="same_system_units",
        verbose_name="cấp trên cùng hệ thống",
    )
    valid_from = models.DateField("từ ngày")
    valid_to = models.DateField("đến ngày", null=True, blank=True)
    decision = models.CharField("căn cứ", max_length=255, blank=True)

    class Meta:
        verbose_name = "cấp trên cùng hệ thống"
        ordering = ["organization", "valid_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "valid_from"], name="one_same_system_superior_per_day"
            )
        ]

    def __str__(self):
        return f"{self.organization} → {self.superior}"


def same_system_superior_on(org: Organization, day: dt.date) -> Organization | None:
    """The superior of `org` in its own system on `day`, as recorded, or None."""
    row = (
        SameSystemSuperior.objects.filter(active_on(day), organization=org)
        .select_related("superior")
        .order_by("-valid_from")
        .first()
    )
    return row.superior if row else None


def same_system_unit_ids(org: Organization, day: dt.date, until: dt.date | None = None) -> set[int]:
    """`org` and the units recorded under it in its own system on `day` (with `until`, at some
    time from `day` to `until`), at any depth (a Đoàn cơ sở and its chi đoàn, an upper union
    and its grassroots unions)."""
    during = held_through(day, until or day)
    found, frontier = {org.id}, {org.id}
    while frontier:
        below = set(
            SameSystemSuperior.objects.filter(during, superior_id__in=frontier)
            .exclude(organization_id__in=found)
            .values_list("organization_id", flat=True)
        )
        found |= below
        frontier = below
    return found


T = TypeVar("T")


def after_moves(moves: Sequence[tuple[dt.date, T, T]], now: T, day: dt.date) -> T:
    """The parent on `day` of an organization whose parent is `now` and whose `moves` are
    (valid_from, previous, parent) in date order: before the first move, that move's previous
    parent; then the parent of the last move begun. Organizations or their ids alike."""
    if not moves:
        return now
    if day < moves[0][0]:
        return moves[0][1]
    return [parent for since, _previous, parent in moves if since <= day][-1]


@within_scope
def parent_on(org: Organization, day: dt.date) -> Organization | None:
    """The superior of `org` on `day`, after the moves recorded for it."""
    moves = org.moves.select_related("previous", "parent").order_by("valid_from")
    return after_moves([(m.valid_from, m.previous, m.parent) for m in moves], org.parent, day)


def superior_committee_on(org: Organization, day: dt.date) -> Organization | None:
    """The superior committee `org` reports to on `day`: the nearest superior committee above it
    after the moves recorded up to that day (a report of last year goes to last year's)."""
    seen = set()
    parent = parent_on(org, day)
    while parent is not None and parent.id not in seen:
        if parent.kind == Organization.Kind.SUPERIOR_COMMITTEE:
            return parent
        seen.add(parent.id)
        parent = parent_on(parent, day)
    return None
