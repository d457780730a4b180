"""A draft as it starts: the checks on its organization and period, its default header, and
the draft built in memory from the default template for exports when none was saved."""

import datetime as dt

from django.core.exceptions import ValidationError

from dangvu.orgs import kinds
from dangvu.orgs.models import (
    MASS_KINDS,
    PARTY_KINDS,
    Organization,
    Position,
    Term,
    active_on,
    parent_on,
)
from dangvu.orgs.tree import place_of

from . import mass
from .models import OrgTemplateSection, ReportDraft, ReportSection
from .periods import (
    check_org_in_period,
    check_rules_in_force,
    check_year,
    default_issue_date,
    normalize_code,
    period_of,
)
from .report_template import org_kind, sections_for, template_for

REPORTING_KINDS = (
    *PARTY_KINDS,
    # The mass organizations write their own yearly and six-month reports (reports/mass.py).
    *MASS_KINDS,
)


def _issuer_name(org, day=None):
    # The executive committee issues the report: "Đảng bộ Sở X" is signed by "Đảng ủy Sở X".
    return kinds.executive_name(org.name_on(day) if day else org.name)


def _superior_name(org, day=None):
    """The party organization directly above on `day`, as 36-HD/VPTW (03/4/2018) puts it on the
    first header line: the đảng bộ, not its executive ("ĐẢNG BỘ KHỐI CÁC CƠ QUAN TỈNH" over a
    committee under the Đảng ủy Khối; "ĐẢNG BỘ SỞ …" over its cell); a commune's keeps its place
    (the type says so). A superior committee at the top of the tree stands under its province's
    party organization ("ĐẢNG BỘ TỈNH TRÀ VINH")."""
    day = day or dt.date.today()
    if parent_on(org, day) is None:
        place = place_of(org)
        if org.kind == Organization.Kind.SUPERIOR_COMMITTEE and place:
            return f"Đảng bộ tỉnh {place}"
        return ""
    name = kinds.superior_line(org, day)
    if name.startswith("Đảng ủy "):
        name = "Đảng bộ " + name[len("Đảng ủy ") :]
    return name


def _recipients(org, kind, day):
    parent = parent_on(org, day)  # the superior of that day: a move keeps older reports right
    if kind == "superior":
        # The superior committee reports to the Standing Committee above it and sends the report
        # to its units, as real reports of Đảng ủy Khối do.
        above = (
            f"- Ban Thường vụ {_issuer_name(parent, day)} (b/c);"
            if parent
            else "- Ban Thường vụ Tỉnh ủy (b/c);"
        )
        lines = [above, "- Các đảng bộ, chi bộ cơ sở trực thuộc;"]
        return "\n".join([*lines, "- Lưu Văn phòng."])
    superior = f"- {_issuer_name(parent, day)} (b/c);" if parent else "- Cấp ủy cấp trên (b/c);"
    if kind == "committee":
        lines = [superior, "- Ban Chấp hành Đảng bộ;", "- Chi ủy các chi bộ trực thuộc;"]
        return "\n".join([*lines, f"- Lưu: {org.symbol or 'VT'}."])
    return "\n".join([superior, "- Đảng viên trong chi bộ;", "- Lưu: Chi bộ."])


def _signer(org, day):
    """(title, person) of who signs for the executive committee on `day`: its secretary, or a
    deputy secretary where none holds the seat (36-HD/VPTW: a deputy signs "PHÓ BÍ THƯ")."""
    term = Term.executive_on(org, day)  # none when the recorded one is over: no signer then
    positions = (
        Position.objects.filter(
            active_on(day),
            term=term,
            role__in=(Position.Role.SECRETARY, Position.Role.DEPUTY_SECRETARY),
        )
        .select_related("person")
        .order_by("-role", "valid_from")  # "secretary" before "deputy_secretary"
    )
    for position in positions:
        title = "BÍ THƯ" if position.role == Position.Role.SECRETARY else "PHÓ BÍ THƯ"
        return title, position.person
    return "BÍ THƯ", None


def _place_said_above(org, day, superior, issuer, place):
    """Whether the issuer's name ends with the place the line above already names. Under a
    commune or ward the place is part of every name ("ĐẢNG BỘ PHƯỜNG TÂN NGÃI" over "CHI BỘ
    TRƯỜNG TIỂU HỌC TÂN NGÃI", the school's own name): nothing is said twice there."""
    if not place or not (superior.endswith(f" {place}") and issuer.endswith(f" {place}")):
        return False
    parent = parent_on(org, day)
    return parent is None or not kinds.kind_on(parent, day).place_in_name


def default_header(org, year, period_code=""):
    """The header and closing of a new report: names as they were in the period, the place, the
    date the report is dated until the office sets it, and the signature of the kind of body."""
    period = period_of(year, period_code)
    kind = org_kind(org)
    issued = default_issue_date(period)
    if org.is_mass:
        return {
            "place": place_of(org),
            "issued_on": issued,
            **mass.default_header(org, period, issued),
        }
    title, signer = _signer(org, issued)
    superior = _superior_name(org, period.end)
    issuer = _issuer_name(org, period.end)
    place = place_of(org)
    if _place_said_above(org, period.end, superior, issuer, place):
        # The province named on the line above is not repeated: "ĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH".
        issuer = issuer[: -len(f" {place}")]
    capacity = {"cell": "T/M CHI BỘ", "cell_base": "T/M CHI BỘ", "superior": "T/M BAN THƯỜNG VỤ"}
    return {
        "superior_name": superior,
        "issuer_name": issuer,
        "place": place,
        "issued_on": issued,
        "recipients": _recipients(org, kind, period.end),
        "signer_capacity": capacity.get(kind, "T/M ĐẢNG ỦY"),
        "signer_title": title,
        "signer_name": signer.full_name if signer else "",
    }


def check_reportable(org, template, year, period_code=""):
    """(period code, period) of a report of kind `template` for `org`, or a ValidationError in
    Vietnamese: an unknown kind or period, an impossible or future year, an organization that did
    not exist then, a year before the rules dangvu computes with."""
    code = normalize_code(template, period_code)
    check_year(year)
    if org.kind not in REPORTING_KINDS:
        raise ValidationError(
            f"{org} không phải cấp ủy, chi bộ hay đoàn thể: chỉ cấp ủy, chi bộ và đoàn thể mới "
            "lập báo cáo này."
        )
    if org.is_mass and template not in mass.MASS_REPORTS:
        raise ValidationError(
            f"{org} là đoàn thể: chỉ lập báo cáo năm và báo cáo sơ kết 6 tháng đầu năm."
        )
    period = period_of(year, code)
    check_org_in_period(org, period)
    check_rules_in_force(period)
    if org.is_mass:
        mass.check_format_in_force(org, period)
    return code, period


def unsaved_draft(org, year, template="annual", period=""):
    """The report the office would start from, checked like a new draft; nothing is saved."""
    period, _dates = check_reportable(org, template, year, period)  # the normalized code
    draft = ReportDraft(
        org=org, year=year, template=template, period=period, **default_header(org, year, period)
    )
    draft.unsaved_sections = default_sections(draft)
    return draft


def sections_of(draft):
    """The sections of a saved draft, or of one built in memory."""
    if draft.pk is None:
        return draft.unsaved_sections
    return list(draft.sections.all())


def type_sections(org, template: str, day) -> list[dict]:
    """The sections of report kind `template` for `org` as its type's template words them."""
    spec = template_for(template, org, day)
    return sections_for(spec, org_kind(org))


def default_sections(draft: ReportDraft) -> list[ReportSection]:
    """The sections a new draft starts with: the organization's own template when the office
    made one, else its type's template, for its kind of organization."""
    own = list(OrgTemplateSection.objects.filter(org=draft.org, template=draft.template))
    if own:
        return [
            ReportSection(
                draft=draft if draft.pk else None,
                key=s.key,
                parent_key=s.parent_key,
                order=i,
                title=s.title,
                numbering=s.numbering,
                text=s.text,
                programme=s.programme,
            )
            for i, s in enumerate(own)
        ]
    spec = template_for(draft.template, draft.org, draft.reporting_period.end)
    return [
        ReportSection(
            draft=draft if draft.pk else None,
            key=s["key"],
            parent_key=s["parent"],
            order=i,
            title=s["title"],
            numbering=s["numbering"],
            text=s["text"],
            programme=s["programme"],
        )
        for i, s in enumerate(sections_for(spec, org_kind(draft.org)))
    ]
