"""The basic statistical forms of the Party organization system (biểu thống kê cơ bản, Biểu số
1- to 7-BTCTW of Hướng dẫn 11-HD/BTCTW, 13/12/2021), filled from the records for a reporting
committee (a grassroots committee, or a superior committee over its subtree) and a period (from
1 January to a date), beside the same period of the previous year and the percentage.

The forms are data: `dangvu/rules/statforms/*.toml` holds each form's rows in order, each row's
definition as a named set of records narrowed by attributes ("end|occupation=farmer": the members
at the end of the period whose occupation is farming), its source and whether it is confirmed.
This module knows the sets (`SETS`) and the attributes (`ATTRIBUTES`); a new row is a line of
data. Every count can list its records (`records_of`), for the page's drill-down.

One count with `consolidate`: the members on a day are those of the party memberships active on
that day in the organizations under the reporting committee's grassroots units on that day (the
rule of `consolidate._memberships`), the admissions are `consolidate._party_changes`' own. The
increase and decrease of 1-BTCTW are the days a member entered or left that set, classified by
the membership that started or ended (admission, transfer and where from, restored membership;
death, expulsion, striking off, resignation, transfer and where to), so A + B − C = D holds by
construction and the tests check it on every year.
"""

import datetime as dt
import io
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.db.models import (
    BooleanField,
    Case,
    CharField,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from dangvu.awards.models import Commendation
from dangvu.core.facts import Period
from dangvu.core.ids import any_of
from dangvu.lib.dates import vn_date
from dangvu.lib.rules import Rule, rules
from dangvu.orgs.models import Organization, OrganizationType, active_on, held_through
from dangvu.people.models import (
    Exemption,
    IrregularIntroduction,
    Membership,
    PartyBadge,
    PartyCardIssue,
    PartyProfile,
    Person,
    Qualification,
    StaffRecord,
    Suspension,
    TemporaryAttachment,
    is_ethnic_minority,
)
from dangvu.review.models import Evaluation, ReviewSuggestion

from .consolidate import _party_changes, period_to
from .sheets import safe_text
from .units import Tree, orgs_with_names

K = Organization.Kind
PARTY = Membership.Kind.PARTY
END = Membership.EndReason
START = Membership.StartReason
CROSS_SHEET = "Bảng theo đơn vị"
# A party membership as `Records._row_on` reads it.
MEMBERSHIP_ROW = (
    "person_id",
    "org_id",
    "valid_from",
    "valid_to",
    "start_reason",
    "end_reason",
    "arrived_from",
    "left_to",
)
# The sets of everyone who is a member on a day: counted by the database, never read row by row
# (tens of thousands of people for a province); the other sets are the period's few events.
MEMBER_DAY = {"carried": "before", "end": "end"}


# The forms as data ------------------------------------------------------------------------


def layout(day: dt.date | None = None) -> Rule:
    """The forms in force on `day`: the 2021 forms also for earlier years (they are the only
    forms kept as data; each sheet says which guidance its layout follows)."""
    found = rules("statforms")
    if day is None:
        return found[-1]
    in_force = [r for r in found if r.effective_from <= day]
    return in_force[-1] if in_force else found[0]


def form_specs(day: dt.date | None = None) -> list[dict[str, Any]]:
    """The forms of the layout, each row with its source and `confirmed` filled in."""
    rule = layout(day)
    out = []
    for form in rule["forms"]:
        rows = []
        for row in form["rows"]:
            row = dict(row)
            row.setdefault("level", 1)
            row.setdefault("source", form["source"])
            row.setdefault("confirmed", form.get("confirmed", rule.confirmed))
            rows.append(row)
        out.append({**form, "rows": rows})
    return out


def source_text(key: str, day: dt.date | None = None) -> str:
    return layout(day)["sources"].get(key, key)


# Records: the sets the rows count -----------------------------------------------------------


@dataclass(frozen=True)
class Item:
    """A record a row counts: a person (or an organization) with the day its attributes are
    read on, and the attributes of the event itself (where a transfer came from …)."""

    id: int
    day: dt.date
    extra: tuple = ()


def previous_day(day: dt.date) -> dt.date:
    """The same date a year earlier (29 February gives the 28th)."""
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return day.replace(year=day.year - 1, day=28)


# A person's dated statuses the forms count, each a flag ("1"/"0") on the item's day: exempt from
# Party work and meetings (miễn công tác và sinh hoạt đảng), suspended from Party activities
# (đình chỉ sinh hoạt đảng; Biểu 6F, members not reviewed).
HELD = {"exempt": Exemption, "suspended": Suspension}
# The particulars of a Party file the forms count (Biểu số 2- and 3-BTCTW, section I), each a flag
# by the attribute's name: the field of `PartyProfile` that records it.
PARTICULARS = {
    "business_owner": "private_business_owner",
    "foreign_marriage": "foreign_marriage",
    "population_breach": "population_policy_breach",
}


def held_items(model: Any, items: list["Item"]) -> set[tuple[int, dt.date]]:
    """(person, day) of the items whose person holds a record of `model` (an exemption, a
    suspension) on the item's day: one query for the people, whatever the days."""
    held = defaultdict(list)
    for person_id, since, until in model.objects.filter(
        person_id__in=any_of({i.id for i in items})
    ).values_list("person_id", "valid_from", "valid_to"):
        held[person_id].append((since, until))
    return {
        (i.id, i.day)
        for i in items
        if any(s <= i.day and (u is None or i.day < u) for s, u in held.get(i.id, ()))
    }


# Row of 5-BTCTW for each type of grassroots organization (dangvu/rules/org_kinds/). A special
# zone (đặc khu, from 2025) has no row of its own on the 2021 form: it is counted as "other".
TYPE_ROWS = {
    "xa": "commune",
    "phuong": "ward",
    "thi-tran": "township",
    "dac-khu": "other",
    "co-quan-dang-doan-the": "party_mass",
    "co-quan-nha-nuoc": "state",
    "su-nghiep-cong-lap": "public_service",
    "su-nghiep-giao-duc": "public_service",
    "su-nghiep-y-te": "public_service",
    "tram-y-te": "public_service",
    "su-nghiep-ngoai-cong-lap": "public_service",
    "quan-doi": "army",
    "cong-an": "police",
    "doanh-nghiep": "business",
    "doanh-nghiep-nha-nuoc": "business",
    "doanh-nghiep-von-nha-nuoc": "business",
    "doanh-nghiep-tu-nhan": "business",
    "doanh-nghiep-fdi": "business",
    "hop-tac-xa": "business",
    "ngoai-nuoc": "abroad",
    "khac": "other",
}


def grassroots_type(units: list, day: dt.date) -> dict[int, str]:
    """The 5-BTCTW row of each unit's type of grassroots organization on `day` (its own type, or
    the type of the organization it stands under); a unit with neither is left out and counts as
    unclassified."""
    parents = {unit.id: unit.parent_id for unit in units}
    codes = dict(
        OrganizationType.objects.filter(
            active_on(day),
            organization_id__in=any_of((set(parents) | set(parents.values())) - {None}),
        ).values_list("organization_id", "code")
    )
    found = {}
    for unit_id, parent_id in parents.items():
        code = codes.get(unit_id) or codes.get(parent_id)
        if code:
            found[unit_id] = TYPE_ROWS.get(code, "other")
    return found


def masses_left(below_of: dict[int, set[int]], day: dt.date) -> dict[int, str]:
    """Whether each unit still has masses (quần chúng: people who are not Party members) among
    the staff of the agencies under it on `day`: "0" when every person on its staff roll is a
    member or a candidate, "some" otherwise. A unit whose agencies keep no staff roll in dangvu
    (a commune, an enterprise whose workers are not recorded) is left out: nothing says it has
    none left (2-BTCTW III.1b, III.2b)."""
    staff = defaultdict(set)
    for agency_id, person_id in StaffRecord.objects.filter(
        active_on(day), agency_id__in=any_of(set().union(*below_of.values()))
    ).values_list("agency_id", "person_id"):
        staff[agency_id].add(person_id)
    people = set().union(*staff.values())
    members = set(
        Membership.objects.filter(
            active_on(day), kind=PARTY, person_id__in=any_of(people)
        ).values_list("person_id", flat=True)
    )
    left = {}
    for unit_id, below in below_of.items():
        roll = set().union(*(staff[org_id] for org_id in below if org_id in staff))
        if roll:
            left[unit_id] = "some" if roll - members else "0"
    return left


class Records:
    """The sets of one reporting committee and period, read once and kept. `people` and
    `tallies` may be shared with the records of the same committee and tree for another period
    (`compute`: this year's and last year's)."""

    def __init__(
        self,
        root: Organization,
        period: Period,
        tree: Tree | None = None,
        people: dict | None = None,
        tallies: dict | None = None,
    ):
        self.root, self.period = root, period
        self.tree = tree or Tree(root.id)  # the subtree only, and its parent
        self.every = self.tree.below(root.id)
        self._orgs: dict[int, set[int]] = {}
        self._members: dict[dt.date, set[int]] = {}
        self._sets: dict[str, list[Item]] | None = None
        # What the attributes read of each person, shareable between two periods' records.
        self._people: dict = {} if people is None else people
        self._indexes: dict[str, tuple] = {}
        self._event_held: dict[str, set[tuple[int, dt.date]]] | None = None
        # The grouped counts of the members of a day (`tally`), by day: the forms of 31 December
        # open their period with the members of the previous 31 December, the last day of the
        # previous year's period, counted once for both.
        self._tallies: dict[tuple, Counter] = {} if tallies is None else tallies
        self._unit_counts: dict[tuple, dict[int, Counter]] = {}
        self._under_shapes: dict = {}  # 7-BTCTW, I and IV.3 (`_under`)

    # Who is a member on a day: consolidate's rule. Kept per shape of the tree (`Tree.shape_on`):
    # a year of members' changes asks for hundreds of days on which it stands alike.
    def member_orgs(self, day: dt.date) -> set[int]:
        shape = self.tree.shape_on(day)
        if shape not in self._orgs:
            found: set[int] = set()
            for unit in self.tree.units(self.root.id, day):
                found |= self.tree.below(unit.id, day)
            self._orgs[shape] = found
        return self._orgs[shape]

    def members_on(self, day: dt.date) -> set[int]:
        if day not in self._members:
            self._members[day] = set(
                Membership.objects.filter(
                    active_on(day), kind=PARTY, org_id__in=any_of(self.member_orgs(day))
                )
                .order_by()
                .values_list("person_id", flat=True)
            )
        return self._members[day]

    @property
    def sets(self) -> dict[str, list[Item]]:
        if self._sets is None:
            self._sets = self._read_sets()
        return self._sets

    def _read_sets(self) -> dict[str, list[Item]]:
        start, end = self.period.start, self.period.end
        sets: dict[str, list[Item]] = defaultdict(list)
        for name, items in self._changes().items():
            sets[name] = items
        # Admissions: consolidate's own rule (where the person was a member on the day), over
        # every organization ever under the committee, kept when that organization was under
        # it on the day: a unit moved in mid-year brings those it admitted before as members
        # on the day of the move (1-BTCTW's B4), a unit dissolved or moved out leaves its own.
        units = self.tree.units(self.root.id, end)
        behind: dict[int, dict] = {self.root.id: {}}
        _party_changes({self.root.id: self.every}, self.period, behind)
        admitted = behind[self.root.id]["party.admissions"][0]
        days = dict(
            PartyProfile.objects.filter(person_id__in=any_of(admitted)).values_list(
                "person_id", "admitted_on"
            )
        )
        badges = PartyBadge.objects.filter(awarded_on__range=(start, end)).values_list(
            "person_id", "years", "awarded_on"
        )
        cards = PartyCardIssue.objects.filter(issued_on__range=(start, end)).values_list(
            "person_id", "reason", "issued_on"
        )
        badges, cards = list(badges), list(cards)
        # The memberships of the admitted, the awarded and the issued read together: a kind of
        # event that happens or not in the year adds no query.
        rows = self._party_rows(
            set(admitted) | {person_id for person_id, _v, _on in badges + cards}
        )
        admitted = {p for p in admitted if self._row_on(rows[p], days[p])}
        sets["admitted"] = [Item(p, days[p]) for p in sorted(admitted)]
        self._org_sets(sets, units, admitted)
        for person_id, years, on in badges:
            if self._row_on(rows[person_id], on):
                sets["badge"].append(Item(person_id, on, (("years", str(years)),)))
        for person_id, reason, on in cards:
            if self._row_on(rows[person_id], on):
                sets["card"].append(Item(person_id, on, (("reason", reason),)))
        for name, items in self._temporary().items():
            sets[name] = items
        sets.update(self._commendations())
        sets["irregular"] = self._irregular()
        return sets

    def _temporary(self) -> dict[str, list[Item]]:
        """The temporary attachments (sinh hoạt đảng tạm thời) that start in the period and
        cross the committee's boundary (7-BTCTW, IV.1): a member whose official membership is in
        the committee's organizations on the first day attending a host outside them (in dangvu
        or only named) is introduced out; one from outside (or only named, whose file is
        elsewhere) attending a cell of the committee is received in. A member attending another
        cell of the same committee moves within it, as a transfer between its cells does not
        count on 1-BTCTW (bench/devset/statforms.md)."""
        start, end = self.period.start, self.period.end
        found = list(
            TemporaryAttachment.objects.filter(valid_from__range=(start, end))
            .order_by("valid_from", "id")
            .values_list("id", "person_id", "cell_id", "valid_from")
        )
        rows = self._party_rows({p for _i, p, _c, _d in found if p is not None})
        out: dict[str, list[Item]] = {"temporary": [], "temporary.out": [], "temporary.in": []}
        for attachment_id, person_id, cell_id, day in found:
            home = self._row_on(rows[person_id], day) if person_id is not None else None
            hosted = cell_id is not None and cell_id in self.member_orgs(day)
            if home is not None and not hosted:
                name, org = "temporary.out", home[1]
            elif hosted and home is None:
                name, org = "temporary.in", cell_id
            else:
                continue
            item = Item(attachment_id, day, (("org", org),))
            out[name].append(item)
            out["temporary"].append(item)
        return out

    # 7-BTCTW, I and IV.3 ---------------------------------------------------------------------

    def _commendations(self) -> dict[str, list[Item]]:
        """The commendations decided in the period and not cancelled (7-BTCTW, I): of a Party
        organization under the committee on the day, by its level then (`_org_level`: the
        form's a) to d)), or of a member of its organizations on the day; each with its form."""
        start, end = self.period.start, self.period.end
        found = list(
            Commendation.objects.filter(decided_on__range=(start, end), cancelled_on__isnull=True)
            .order_by("decided_on", "id")
            .values_list("id", "recipient_org_id", "person_id", "kind", "decided_on")
        )
        rows = self._party_rows({p for _i, _o, p, _f, _d in found if p is not None})
        out: dict[str, list[Item]] = {"commendation.org": [], "commendation.member": []}
        for commendation_id, org_id, person_id, form, day in found:
            if org_id is not None and org_id in self._under(day):
                level = self._org_level(org_id, day)
                extra: tuple = (("level", level), ("form", form))
                out["commendation.org"].append(Item(commendation_id, day, extra))
            elif person_id is not None and self._row_on(rows[person_id], day):
                out["commendation.member"].append(Item(commendation_id, day, (("form", form),)))
        return out

    def _org_level(self, org_id: int, day: dt.date) -> str:
        """A Party organization's row of 7-BTCTW, I.1 on `day`: a superior committee (cấp trên
        trực tiếp cơ sở), a grassroots organization (tổ chức cơ sở đảng: a committee or a cell
        whose parent is a superior committee), a committee under a grassroots one (đảng bộ bộ
        phận), or a cell under a committee (chi bộ trực thuộc)."""
        node = self.tree.nodes[org_id]
        if node.kind == K.SUPERIOR_COMMITTEE:
            return "superior"
        if self.tree.is_grassroots(node, day):
            return "grassroots"
        return "sub_committee" if node.kind == K.PARTY_COMMITTEE else "cell"

    def _irregular(self) -> list[Item]:
        """The introductions of Party activity found irregular or forged in the period by an
        organization under the committee on the day (7-BTCTW, IV.3), each with its direction
        (received, sent) and finding (irregular, forged)."""
        start, end = self.period.start, self.period.end
        return [
            Item(i, day, (("direction", direction), ("finding", finding)))
            for i, org_id, direction, finding, day in IrregularIntroduction.objects.filter(
                found_on__range=(start, end)
            )
            .order_by("found_on", "id")
            .values_list("id", "org_id", "direction", "finding", "found_on")
            if org_id in self._under(day)
        ]

    def _under(self, day: dt.date) -> set[int]:
        """The committee's organizations on `day`, itself included, kept per shape of the tree
        (a year's records fall on few shapes)."""
        shape = self.tree.shape_on(day)
        if shape not in self._under_shapes:
            self._under_shapes[shape] = self.tree.below(self.root.id, day)
        return self._under_shapes[shape]

    def _party_rows(self, people: set[int]) -> dict[int, list]:
        """{person: their party memberships in the committee's organizations}, as the rows
        `_row_on` reads: who is a member on a day among a few people, without reading everyone
        who is a member on that day. Read by person alone and kept when in the committee's
        organizations: the subtree as a second filter (a parameter per organization, or a
        subquery) leads SQLite to read every membership of the subtree instead of the few
        people's."""
        rows: dict[int, list] = defaultdict(list)
        for row in (
            Membership.objects.filter(kind=PARTY, person_id__in=any_of(people))
            .order_by()
            .values_list(*MEMBERSHIP_ROW)
        ):
            if row[1] in self.every:
                rows[row[0]].append(row)
        return rows

    def _org_sets(self, sets, units, admitted):
        end = self.period.end
        admitting_orgs = set(
            Membership.objects.filter(
                held_through(self.period.start, end),
                kind=PARTY,
                person_id__in=any_of(admitted),
            ).values_list("org_id", flat=True)
        )
        types = grassroots_type(units, end)
        self.unit_figures = {}
        orgs = any_of(self.member_orgs(end))
        reviewed = set(
            Evaluation.objects.filter(year=end.year, subject_org_id__in=orgs).values_list(
                "subject_org_id", flat=True
            )
        )
        suggested = dict(
            ReviewSuggestion.objects.filter(year=end.year, subject_org_id__in=orgs).values_list(
                "subject_org_id", "managed_by"
            )
        )
        below_of = {unit.id: self.tree.below(unit.id, end) for unit in units}
        masses = masses_left(below_of, end)
        for unit in units:
            below = below_of[unit.id]
            admitting = "1" if below & admitting_orgs else "0"
            extra = (
                ("admitting", admitting),
                ("type", types.get(unit.id, "none")),
                ("masses", masses.get(unit.id, "none")),
            )
            item = Item(unit.id, end, extra)
            sets["units"].append(item)
            if unit.kind == K.PARTY_COMMITTEE:
                sets["orgs.committees"].append(item)
            else:
                sets["orgs.grassroots_cells"].append(item)
            nodes = [self.tree.nodes[i] for i in below if i != unit.id]
            self.unit_figures[unit.id] = {
                "committees": 1 if unit.kind == K.PARTY_COMMITTEE else 0,
                "grassroots_cells": 1 if unit.kind == K.PARTY_CELL else 0,
                "sub_committees": sum(1 for n in nodes if n.kind == K.PARTY_COMMITTEE),
                "cells": sum(1 for n in nodes if n.kind == K.PARTY_CELL),
            }
            for org_id in sorted(below):
                if self.tree.nodes[org_id].kind in (K.PARTY_COMMITTEE, K.PARTY_CELL):
                    mark = (
                        ("reviewed", "1" if org_id in reviewed else "0"),
                        ("suggested", suggested.get(org_id, "none")),
                    )
                    sets["orgs.reviewable"].append(Item(org_id, end, mark))

    def unit_counts(self, units, day) -> dict[int, Counter]:
        """{unit id: {"members", "women", "probationary", "ethnic_minority"}} of the members on
        `day` in each unit's organizations, counted by the database (one grouped query, kept:
        form 5 and the per-unit worksheet read the same)."""
        key = (day, tuple(u.id for u in units))
        if key not in self._unit_counts:
            groups = {u.id: self.tree.below(u.id, day) for u in units}
            self._unit_counts[key] = grouped_members(groups, day)
        return self._unit_counts[key]

    def _changes(self) -> dict[str, list[Item]]:
        """Entries into and exits from the committee's members in the period, each classified."""
        start, end = self.period.start, self.period.end
        moving: dict[int, set[dt.date]] = defaultdict(set)
        for person_id, since, until in (
            Membership.objects.filter(kind=PARTY, org_id__in=any_of(self.every))
            .filter(Q(valid_from__range=(start, end)) | Q(valid_to__range=(start, end)))
            .order_by()
            .values_list("person_id", "valid_from", "valid_to")
        ):
            for d in (since, until):
                if d is not None and start <= d <= end:
                    moving[person_id].add(d)
        # Organizations that start or end in the period (or move in or out of the committee's
        # units) may move their members in or out: their members on either side of the day are
        # the candidates, and `_row_on` below says who actually entered or left.
        for d in self._boundaries():
            yesterday = d - dt.timedelta(days=1)
            changed = self.member_orgs(yesterday) ^ self.member_orgs(d)
            for person_id in (
                Membership.objects.filter(kind=PARTY, org_id__in=any_of(changed))
                .filter(active_on(yesterday) | active_on(d))
                .order_by()
                .values_list("person_id", flat=True)
            ):
                moving[person_id].add(d)
        rows = self._party_rows(set(moving))
        admitted_on = dict(
            PartyProfile.objects.filter(person_id__in=any_of(moving)).values_list(
                "person_id", "admitted_on"
            )
        )
        out: dict[str, list[Item]] = defaultdict(list)
        for person_id, days in moving.items():
            for d in sorted(days):
                yesterday = d - dt.timedelta(days=1)
                was = self._row_on(rows[person_id], yesterday)
                now = self._row_on(rows[person_id], d)
                if now is not None and was is None:
                    name, extra = self._entry(now, d, admitted_on.get(person_id))
                    extra += (("org", now[1]),)
                    out[name].append(Item(person_id, d, extra))
                    out["entry"].append(Item(person_id, d, extra))
                elif was is not None and now is None:
                    name, extra = self._exit(was, d)
                    extra += (("org", was[1]),)
                    out[name].append(Item(person_id, yesterday, extra))
                    out["exit"].append(Item(person_id, yesterday, extra))
        return out

    def _boundaries(self) -> set[dt.date]:
        """The days in the period an organization of the committee starts, ends or moves to
        another superior (a unit moved in brings its members on that day)."""
        start, end = self.period.start, self.period.end
        days = self.tree.move_days(self.every)
        for org_id in self.every:
            node = self.tree.nodes[org_id]
            days |= {node.valid_from, node.valid_to}
        return {d for d in days if d is not None and start <= d <= end}

    def _row_on(self, rows, day):
        orgs = self.member_orgs(day)
        for row in rows:
            _p, org_id, since, until = row[:4]
            if org_id in orgs and since <= day and (until is None or day < until):
                return row
        return None

    @staticmethod
    def _entry(row, day, admitted_on):
        _p, _o, since, _u, reason, _e, arrived_from, _l = row
        if since != day:
            return "entry.reorganized", ()
        if reason == START.ADMITTED or (not reason and admitted_on == day):
            return "entry.admitted", ()
        if reason == START.RESTORED:
            return "entry.restored", ()
        place = arrived_from or (Membership.Place.SAME_DISTRICT if reason == START.MOVED else "")
        return "entry.transfer", (("place", place or "none"),)

    @staticmethod
    def _exit(row, day):
        _p, _o, _s, until, _r, reason, _a, left_to = row
        if until != day:
            return "exit.reorganized", ()
        named = {
            END.DEATH: "exit.death",
            END.EXPELLED: "exit.expelled",
            END.STRUCK_OFF: "exit.struck_off",
            END.RESIGNED: "exit.resigned",
        }
        if reason in named:
            return named[reason], ()
        place = left_to or (Membership.Place.SAME_DISTRICT if reason == END.MOVED else "")
        return "exit.transfer", (("place", place or "none"),)

    # Attributes ----------------------------------------------------------------------------

    def load_people(self, ids: set[int]) -> None:
        """Read what the attributes need of those of `ids` not read yet: the people of the
        period's events (tens of thousands in a province's year), never everyone who was ever
        a member (hundreds of thousands), one query per table whatever their number (`any_of`
        sends the ids as one list), only the columns the attributes read, as tuples."""
        missing = [i for i in ids if i not in self._people]
        if missing:
            self._read_people(any_of(missing))

    def _read_people(self, ids):
        people_map = self._people
        particulars = [f"party__{field}" for field in PARTICULARS.values()]
        for (
            pid,
            gender,
            birth,
            ethnicity,
            religion,
            occ,
            gen,
            title,
            admitted,
            recognized,
            *marked,
        ) in (
            Person.objects.filter(id__in=ids)
            .order_by()
            .values_list(
                "id",
                "gender",
                "birth_date",
                "ethnicity",
                "religion",
                "occupation",
                "general_education",
                "academic_title",
                "party__admitted_on",
                "party__recognized_on",
                *particulars,
            )
        ):
            people_map[pid] = {
                **{attr: _flag(flag) for attr, flag in zip(PARTICULARS, marked, strict=True)},
                "gender": gender,
                "birth": birth,
                "ethnicity": _ethnicity(ethnicity),
                "religion": religion,
                "occupation": occ or "none",
                "general_education": gen or "none",
                "academic_title": title or "none",
                "admitted_on": admitted,
                "recognized_on": recognized,
                "quals": [],
                "youth": [],
                "ended_before": [],
                "reviewed": set(),
                "suggested": {},
            }
        for pid, kind, level, obtained in (
            Qualification.objects.filter(person_id__in=ids)
            .order_by()
            .values_list("person_id", "kind", "level", "obtained_on")
        ):
            people_map[pid]["quals"].append((kind, level, obtained))
        for pid, kind, since, until in (
            Membership.objects.filter(
                person_id__in=ids, kind__in=[Membership.Kind.YOUTH_UNION, PARTY]
            )
            .order_by()
            .values_list("person_id", "kind", "valid_from", "valid_to")
        ):
            if kind == PARTY:
                if until is not None:
                    people_map[pid]["ended_before"].append(until)
            else:
                people_map[pid]["youth"].append((since, until))
        for pid, year in (
            Evaluation.objects.filter(subject_person_id__in=ids)
            .order_by()
            .values_list("subject_person_id", "year")
        ):
            people_map[pid]["reviewed"].add(year)
        for pid, year, managed_by in (
            ReviewSuggestion.objects.filter(subject_person_id__in=ids)
            .order_by()
            .values_list("subject_person_id", "year", "managed_by")
        ):
            people_map[pid]["suggested"][year] = managed_by

    def attributes(self, item: Item, kind: str = "person") -> dict[str, str]:
        values = dict(item.extra)
        if kind != "person":  # an organization's or an event record's own attributes only
            return values
        p = self._people[item.id]
        day = item.day
        age = _age(p["birth"], day) if p["birth"] else None
        admitted, recognized = p["admitted_on"], p["recognized_on"]
        if "static" not in p:  # what does not depend on the day, read once
            p["static"] = dict(
                gender=p["gender"],
                ethnicity=p["ethnicity"],
                religion=p["religion"] or "none",
                religious="1" if p["religion"] else "0",
                ethnic_minority="1" if is_ethnic_minority(p["ethnicity"]) else "0",
                occupation=p["occupation"],
                general_education=p["general_education"],
                academic_title=p["academic_title"],
                era=_era(admitted),
                readmitted="1"
                if admitted and any(u <= admitted for u in p["ended_before"])
                else "0",
                **{attr: p[attr] for attr in PARTICULARS},
            )
        values.update(p["static"])
        values.update(
            age=_age_band(age),
            probationary="1"
            if admitted and admitted <= day and not (recognized and recognized <= day)
            else "0",
            youth_union="1"
            if any(s <= day and (u is None or day < u) for s, u in p["youth"])
            else "0",
            professional=_best(p["quals"], Qualification.Kind.EDUCATION, day),
            political=_best(p["quals"], Qualification.Kind.POLITICAL_THEORY, day),
            reviewed="1" if self.period.end.year in p["reviewed"] else "0",
            suggested=p["suggested"].get(self.period.end.year, "none"),
            new6m="1" if admitted and (day - admitted).days < 183 else "0",
        )
        for attr in HELD:
            values.setdefault(attr, "0")
        return values

    def _event_items(self) -> list[Item]:
        """The items of every set of the period's events about people (admissions, entries,
        exits, badges, cards): their people are read together, once, whichever sets a form
        narrows, so that the forms' queries do not grow with the kinds of events that happen."""
        return [i for name, items in self.sets.items() if SETS.get(name) == "person" for i in items]

    def _load_people_of(self, name: str, items: list[Item]) -> None:
        if name in MEMBER_DAY:
            self.load_people({i.id for i in items})
        else:
            self.load_people({i.id for i in self._event_items()})

    def _held_of(self, name: str, items: list[Item]) -> dict[str, set[tuple[int, dt.date]]]:
        """`held_items` of each status for a set of people, after reading their attributes: for
        the events, of all their items at once (kept)."""
        self._load_people_of(name, items)
        if name in MEMBER_DAY:
            return {a: held_items(m, items) for a, m in HELD.items()}
        if self._event_held is None:
            events = self._event_items()
            self._event_held = {a: held_items(m, events) for a, m in HELD.items()}
        return self._event_held

    def _index(self, name: str) -> tuple[list[Item], dict[str, dict[str, set[int]]]]:
        """The items of a set and, for each attribute, {value: positions}: every row of every
        form narrows a set by a few attributes, so each item's attributes are read once."""
        if name not in self._indexes:
            kind = SETS[name]
            items = self.items(name)
            held = self._held_of(name, items) if kind == "person" else {}
            index: dict[str, dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
            for position, item in enumerate(items):
                values = self.attributes(item, kind)
                for attr, pairs in held.items():
                    values[attr] = "1" if (item.id, item.day) in pairs else "0"
                for attr, value in values.items():
                    index[attr][value].add(position)
            self._indexes[name] = (items, index)
        return self._indexes[name]

    def select(self, query: str) -> tuple[str, list[Item]]:
        """The records of a row's query ("set|attr=a,b&attr2=c"): their kind and the items."""
        name, _, where = query.partition("|")
        if name not in SETS:
            raise ValueError(f"Unknown set {name!r} in the statistical forms")
        conditions = [c.split("=", 1) for c in where.split("&") if c]
        for attr, _v in conditions:
            if attr not in ATTRIBUTES:
                raise ValueError(f"Unknown attribute {attr!r} in the statistical forms")
        if not conditions:
            items = list(self.items(name))
            if SETS[name] == "person":
                self._load_people_of(name, items)
            return SETS[name], items
        items, chosen = self._positions(name, conditions)
        return SETS[name], [items[i] for i in sorted(chosen)]

    def _positions(self, name, conditions):
        items, index = self._index(name)
        chosen: set[int] | None = None
        for attr, wanted in conditions:
            matching: set[int] = set()
            for value in wanted.split(","):
                matching |= index.get(attr, {}).get(value, set())
            chosen = matching if chosen is None else chosen & matching
        return items, chosen if chosen is not None else set(range(len(items)))

    def items(self, name: str) -> list[Item]:
        """The records of a set; the members of a day are read only here (the drill-down)."""
        if name not in MEMBER_DAY:
            return self.sets.get(name, [])
        day = self.member_day(name)
        return [Item(p, day) for p in sorted(self.members_on(day))]

    def member_day(self, name: str) -> dt.date:
        if MEMBER_DAY[name] == "before":
            return self.period.start - dt.timedelta(days=1)
        return self.period.end

    def count(self, query: str) -> int:
        name, _, where = query.partition("|")
        if name not in SETS:
            return len(self.select(query)[1])  # refused there, in its words
        conditions = [c.split("=", 1) for c in where.split("&") if c]
        if any(attr not in ATTRIBUTES for attr, _v in conditions):
            return len(self.select(query)[1])  # refused there, in its words
        if name in MEMBER_DAY and all(attr in PERSON_SQL for attr, _v in conditions):
            attrs = tuple(attr for attr, _v in conditions)
            wanted = [set(v.split(",")) for _a, v in conditions]
            return sum(
                n
                for values, n in self.tally(name, attrs).items()
                if all(v in w for v, w in zip(values, wanted, strict=True))
            )
        if not where:
            return len(self.items(name))
        return len(self._positions(name, conditions)[1])

    def tally(self, name: str, attrs: tuple[str, ...]) -> Counter:
        """{(value of each of `attrs`): number of members} of a set of members on a day, counted
        by the database grouped by those attributes: as many rows as combinations of values."""
        group = next((g for g in TALLIES if attrs and set(attrs) <= set(g)), attrs)
        day, year = self.member_day(name), self.period.end.year
        # The review and its suggestion are of the period's year, the other attributes the day's.
        key = (day, group, year if YEAR_ATTRIBUTES & set(group) else None)
        if key not in self._tallies:
            self._tallies[key] = tally_members(self.member_orgs(day), day, year, group)
        if group == attrs:
            return self._tallies[key]
        positions = [group.index(attr) for attr in attrs]
        out: Counter = Counter()
        for values, n in self._tallies[key].items():
            out[tuple(values[i] for i in positions)] += n
        return out

    def member_ids(self, name: str, conditions: list) -> Any:
        """The ids of a set of members on a day narrowed by `conditions` ([attribute, "a,b"])
        the database computes (`person_sql`): what `select` gives, in one query, without
        reading every member's attributes into Python (a province's hundreds of thousands).
        Without conditions, the query of their ids (a page reads 50 of them, not all)."""
        day = self.member_day(name)
        found = {attr: person_sql(attr, day, self.period.end.year) for attr, _v in conditions}
        columns = {}
        for attr, (expression, _to_value) in found.items():
            if isinstance(expression, Q):
                expression = ExpressionWrapper(expression, output_field=BooleanField())
            columns[f"v_{attr}"] = expression
        wanted = [(attr, set(values.split(","))) for attr, values in conditions]
        people = members_of(self.member_orgs(day), day)
        if not columns:
            return people.values_list("pk", flat=True)
        return sorted(
            row["pk"]
            for row in people.annotate(**columns).values("pk", *columns)
            if all(found[attr][1](row[f"v_{attr}"]) in w for attr, w in wanted)
        )

    def average_age(self, query: str) -> float | None:
        if query in MEMBER_DAY:
            day = self.member_day(query)
            return average_age_of(self.member_orgs(day), day)
        _kind, items = self.select(query)
        ages = [
            _age(self._people[i.id]["birth"], i.day) for i in items if self._people[i.id]["birth"]
        ]
        return round(sum(ages) / len(ages), 1) if ages else None


# The sets a row may count, and whether they hold people or organizations.
SETS = {
    "carried": "person",
    "end": "person",
    "admitted": "person",
    "entry": "person",
    "entry.admitted": "person",
    "entry.transfer": "person",
    "entry.restored": "person",
    "entry.reorganized": "person",
    "exit": "person",
    "exit.death": "person",
    "exit.expelled": "person",
    "exit.struck_off": "person",
    "exit.resigned": "person",
    "exit.transfer": "person",
    "exit.reorganized": "person",
    "badge": "person",
    "card": "person",
    # Temporary attachments: a member on file or one only named (`TemporaryAttachment`).
    "temporary": "attachment",
    "temporary.out": "attachment",
    "temporary.in": "attachment",
    # Commendations of Party organizations and members, introductions found irregular or
    # forged (7-BTCTW, I and IV.3): their own records.
    "commendation.org": "commendation",
    "commendation.member": "commendation",
    "irregular": "irregular",
    "units": "org",
    "orgs.committees": "org",
    "orgs.grassroots_cells": "org",
    "orgs.reviewable": "org",
}
# The attributes of a person the database computes; the others (place, years …) belong to the
# events of the small sets.
PERSON_SQL = {
    "gender",
    "ethnicity",
    "ethnic_minority",
    "religion",
    "religious",
    "occupation",
    "general_education",
    "academic_title",
    "age",
    "era",
    "probationary",
    "new6m",
    "readmitted",
    "youth_union",
    "professional",
    "political",
    "reviewed",
    "exempt",
    "suspended",
    *PARTICULARS,
    "suggested",
}
# The attributes of a member that are of the period's year, not of the day: the year's review
# (kiểm điểm) and the suggestion for it.
YEAR_ATTRIBUTES = {"reviewed", "suggested"}
# The attributes of the events of the small sets (an admission's place, a member's years …).
EVENT_ATTRIBUTES = {"place", "years", "reason", "admitting", "type", "masses"}
EVENT_ATTRIBUTES |= {"level", "form", "direction", "finding"}  # 7-BTCTW, I and IV.3
ATTRIBUTES = PERSON_SQL | EVENT_ATTRIBUTES

AGE_BANDS = [(30, "to30"), (35, "31_35"), (40, "36_40"), (45, "41_45"), (50, "46_50")]
AGE_BANDS += [(55, "51_55"), (60, "56_60")]
# The forms' age bands as (key, label, lowest, highest) for the statistics page's chart.
AGE_GROUPS = [
    ("age.to30", "Đến 30 tuổi", 0, 30),
    *[
        (f"age.{band}", f"Từ {lo} đến {top}", lo, top)
        for (lo_top, _b), (top, band) in zip(AGE_BANDS, AGE_BANDS[1:], strict=False)
        for lo in [lo_top + 1]
    ],
    ("age.over60", "Trên 60 tuổi", 61, 200),
    ("age.unknown", "Chưa rõ năm sinh", None, None),
]
ERAS = [
    (dt.date(1945, 8, 19), "before1945"),
    (dt.date(1954, 7, 21), "1945_1954"),
    (dt.date(1975, 5, 1), "1954_1975"),
]


def _age(birth: dt.date, day: dt.date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def _age_band(age: int | None) -> str:
    if age is None:
        return "none"
    for top, band in AGE_BANDS:
        if age <= top:
            return band
    return "over60"


def _era(admitted: dt.date | None) -> str:
    if admitted is None:
        return "none"
    for before, era in ERAS:
        if admitted < before:
            return era
    return "after1975"


def _best(quals, kind, day):
    """The highest level of `kind` held on `day` (several diplomas: the highest counts)."""
    held = [lvl for k, lvl, on in quals if k == kind and (on is None or on <= day)]
    if not held:
        return "none"
    return min(held, key=lambda lvl: Qualification.rank(kind, lvl))


# The same attributes computed by the database, for the members of a day ---------------------


def members_of(org_ids, day: dt.date):
    """The people with a party membership active on `day` in `org_ids` (`Records.members_on`
    as a query)."""
    memberships = Membership.objects.filter(active_on(day), kind=PARTY, org_id__in=any_of(org_ids))
    return Person.objects.filter(pk__in=memberships.values("person_id")).order_by()


def _text(default):
    return lambda value: value or default


def _flag(value) -> str:
    return "1" if value else "0"


def _ethnicity(value) -> str:
    return (value or "Kinh").strip() or "Kinh"


def _shifted(day: dt.date, years: int) -> dt.date:
    """`day` moved by `years` (29 February gives the 28th), as `previous_day`."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def _age_band_sql(day: dt.date) -> Case:
    """`_age_band` of the age on `day`: aged at most N on `day` is born after the day N + 1
    years earlier."""
    bands = [When(birth_date__isnull=True, then=Value("none"))]
    bands += [When(birth_date__gt=_shifted(day, -(top + 1)), then=Value(b)) for top, b in AGE_BANDS]
    return Case(*bands, default=Value("over60"), output_field=CharField())


def _era_sql() -> Case:
    eras = [When(party__admitted_on__isnull=True, then=Value("none"))]
    eras += [When(party__admitted_on__lt=before, then=Value(era)) for before, era in ERAS]
    return Case(*eras, default=Value("after1975"), output_field=CharField())


def _suggested_sql(subject: str, year: int) -> Subquery:
    """Who manages the subject suggested for the year's review (gợi ý kiểm điểm), if any."""
    suggestions = ReviewSuggestion.objects.filter(**{subject: OuterRef("pk")}, year=year)
    return Subquery(suggestions.values("managed_by")[:1])


def _best_sql(kind: str, day: dt.date) -> Subquery:
    """`_best`: the highest level of `kind` held on `day`."""
    order = [code for code, _label in Qualification.LEVELS[kind]]
    rank = Case(
        *[When(level=code, then=Value(i)) for i, code in enumerate(order)],
        default=Value(len(order)),
        output_field=IntegerField(),
    )
    held = Qualification.objects.filter(person_id=OuterRef("pk"), kind=kind).filter(
        Q(obtained_on__isnull=True) | Q(obtained_on__lte=day)
    )
    return Subquery(held.annotate(rank=rank).order_by("rank", "obtained_on").values("level")[:1])


def person_sql(attr: str, day: dt.date, year: int) -> tuple[Any, Callable]:
    """The SQL expression of a person's attribute on `day` (`Records.attributes`) and what turns
    its value into the attribute's: a column read as stored is named by Python's own rule."""
    admitted = "party__admitted_on"
    if attr == "gender":
        return F("gender"), lambda value: value
    if attr == "ethnicity":
        return F("ethnicity"), _ethnicity
    if attr == "ethnic_minority":
        return F("ethnicity"), lambda value: _flag(is_ethnic_minority(_ethnicity(value)))
    if attr == "religion":
        return F("religion"), _text("none")
    if attr == "religious":
        return F("religion"), _flag
    if attr in ("occupation", "general_education", "academic_title"):
        return F(attr), _text("none")
    if attr == "age":
        return _age_band_sql(day), lambda value: value
    if attr == "era":
        return _era_sql(), lambda value: value
    if attr == "probationary":
        recognized = Q(party__recognized_on__isnull=True) | Q(party__recognized_on__gt=day)
        return Q(**{f"{admitted}__lte": day}) & recognized, _flag
    if attr == "new6m":
        return Q(**{f"{admitted}__gt": day - dt.timedelta(days=183)}), _flag
    if attr == "readmitted":
        ended = Membership.objects.filter(
            person_id=OuterRef("pk"), kind=PARTY, valid_to__lte=OuterRef(admitted)
        )
        return Exists(ended), _flag
    if attr == "youth_union":
        youth = Membership.objects.filter(
            active_on(day), person_id=OuterRef("pk"), kind=Membership.Kind.YOUTH_UNION
        )
        return Exists(youth), _flag
    if attr == "professional":
        return _best_sql(Qualification.Kind.EDUCATION, day), _text("none")
    if attr == "political":
        return _best_sql(Qualification.Kind.POLITICAL_THEORY, day), _text("none")
    if attr == "reviewed":
        return Exists(Evaluation.objects.filter(subject_person_id=OuterRef("pk"), year=year)), _flag
    if attr == "suggested":
        return _suggested_sql("subject_person_id", year), _text("none")
    if attr in PARTICULARS:  # as the Party file says today (no dates are kept for them)
        return Q(**{f"party__{PARTICULARS[attr]}": True}), _flag
    if attr in HELD:
        held = (
            HELD[attr]
            .objects.filter(person_id=OuterRef("pk"), valid_from__lte=day)
            .filter(Q(valid_to__isnull=True) | Q(valid_to__gt=day))
        )
        return Exists(held), _flag
    raise KeyError(attr)


# The attributes counted together, one grouped query each: what the forms' rows combine, with
# few values each, so that a query returns at most a few thousand rows (combinations of values,
# whatever the number of members) and the forms need four queries per day, not one per row. Each
# query walks every member of the day (a province's hundreds of thousands) and its dated records,
# so attributes of few values share a query rather than each walking them again.
TALLIES = [
    (
        "gender",
        "ethnic_minority",
        "probationary",
        "youth_union",
        "reviewed",
        "new6m",
        "exempt",
        "suspended",
        "readmitted",
        *PARTICULARS,
        "suggested",
    ),
    ("occupation", "exempt", "general_education", "academic_title"),
    ("age", "era", "professional", "political"),
    ("ethnicity", "gender", "religion", "religious"),
]


def tally_members(org_ids, day: dt.date, year: int, attrs: tuple[str, ...]) -> Counter:
    """{(attribute values): number of members on `day` in `org_ids`}, one grouped query."""
    people = members_of(org_ids, day)
    if not attrs:
        return Counter({(): people.count()})
    found = {attr: person_sql(attr, day, year) for attr in attrs}
    columns = {}
    for attr, (expression, _to_value) in found.items():
        if isinstance(expression, Q):
            expression = ExpressionWrapper(expression, output_field=BooleanField())
        columns[f"v_{attr}"] = expression
    out: Counter = Counter()
    for row in people.annotate(**columns).values(*columns).annotate(n=Count("pk")):
        out[tuple(found[a][1](row[f"v_{a}"]) for a in attrs)] += row["n"]
    return out


def average_age_of(org_ids, day: dt.date) -> float | None:
    """The average age on `day` (`_age`) of the members in `org_ids` with a birth date: the
    database counts them by birth date (one grouped query, a row per date: some tens of
    thousands at most, however many the members), each date's age is `_age`'s own; one born
    after the day counts as aged 0."""
    born = (
        members_of(org_ids, day)
        .filter(birth_date__isnull=False)
        .values("birth_date")
        .annotate(n=Count("pk"))
        .order_by()
    )
    people = years = 0
    for row in born:
        people += row["n"]
        years += row["n"] * max(_age(row["birth_date"], day), 0)
    return round(years / people, 1) if people else None


def grouped_members(groups: dict[int, set[int]], day: dt.date) -> dict[int, Counter]:
    """{group id: {"members", "women", "probationary", "ethnic_minority"}} of the members on
    `day` in each group's organizations (a person in two groups counts in both, once in each;
    an organization listed in two groups belongs to the first), one query grouped by group, sex,
    ethnicity and probation: rows by group, not by member. Each organization's group is joined
    from a list of (organization, group) pairs: a CASE with a branch per group, tested for
    every membership, grew with units times members (a province's thousand units)."""
    out: dict[int, Counter] = {group: Counter(members=0) for group in groups}
    owner: dict[int, int] = {}
    for group, ids in groups.items():
        for org_id in ids:
            owner.setdefault(int(org_id), int(group))
    if not owner:
        return out
    recognized = Q(person__party__recognized_on__isnull=True) | Q(
        person__party__recognized_on__gt=day
    )
    probationary = ExpressionWrapper(
        Q(person__party__admitted_on__lte=day) & recognized, output_field=BooleanField()
    )
    memberships = (
        Membership.objects.filter(active_on(day), kind=PARTY, org_id__in=any_of(owner))
        .order_by()
        .annotate(
            m_org=F("org_id"),
            m_person=F("person_id"),
            m_gender=F("person__gender"),
            m_ethnicity=F("person__ethnicity"),
            m_probation=probationary,
        )
        .values("m_org", "m_person", "m_gender", "m_ethnicity", "m_probation")
    )
    inner, params = memberships.query.sql_with_params()
    # Integers read from the database: nothing but `int`s is written into the SQL (`any_of`).
    pairs = ",".join(f"({org_id}, {group})" for org_id, group in owner.items())
    sql = (
        "SELECT owners.column2, m.m_gender, m.m_ethnicity, m.m_probation, "
        f"COUNT(DISTINCT m.m_person) FROM ({inner}) m "
        f"JOIN (VALUES {pairs}) owners ON owners.column1 = m.m_org "
        "GROUP BY owners.column2, m.m_gender, m.m_ethnicity, m.m_probation"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    for group, gender, ethnicity, probation, n in rows:
        figures = out[group]
        figures["members"] += n
        figures["women"] += n if gender == "female" else 0
        figures["probationary"] += n if probation else 0
        minority = is_ethnic_minority(_ethnicity(ethnicity))
        figures["ethnic_minority"] += n if minority else 0
    return out


# Filling the forms ------------------------------------------------------------------------


@dataclass
class Line:
    key: str
    label: str
    level: int
    values: list  # the columns' values (None: empty)
    source: str
    confirmed: bool
    note: str = ""
    query: str = ""  # what the first value counts, for the drill-down
    previous_query: bool = False  # whether the second value counts the same query a year before
    sum: list = field(default_factory=list)


@dataclass
class Sheet:
    sheet: str
    title: str
    columns: str
    headers: list
    lines: list
    note: str = ""
    title_source: str = ""  # the source of the form's number and title


@dataclass
class Forms:
    root: Organization
    day: dt.date
    period: Period
    previous: Period
    sheets: list
    rule: Rule
    units: list  # the per-unit worksheet's rows [(name, {figure: value})]

    def sheet(self, name: str) -> Sheet:
        return next(s for s in self.sheets if s.sheet == name)


HEADERS = {
    "period": ["Tiêu chí", "Kỳ này", "Cùng kỳ năm trước", "(%) kỳ này so với cùng kỳ năm trước"],
    "share": ["Tên dân tộc, tôn giáo", "Tổng số", "Trong đó: nữ", "Tỷ lệ (%)"],
    "org_types": [
        "Loại hình tổ chức cơ sở đảng",
        "Số tổ chức cơ sở đảng: tổng số",
        "Đảng bộ cơ sở",
        "Chi bộ cơ sở",
        "Đảng bộ bộ phận",
        "Chi bộ trực thuộc",
        "Tổng số đảng viên",
    ],
}
NUMBERS = {
    "period": ["A", "1", "2", "3 (=1*100/2)"],
    "share": ["A", "1", "2", "3"],
    "org_types": ["A", "1 (=2+3)", "2", "3", "4", "5", "6"],
}


def _pct(this, before):
    if this is None or not before:
        return None
    return round(this * 100 / before, 1)


def compute(root: Organization, day: dt.date, tree: Tree | None = None) -> Forms:
    """Every form of `root` for the period from 1 January to `day`, with the same period of the
    previous year."""
    tree = tree or Tree(root.id)
    period = period_to(day)
    previous = period_to(previous_day(day))
    people: dict = {}
    tallies: dict = {}
    now = Records(root, period, tree, people, tallies)
    before = Records(root, previous, tree, people, tallies)
    rule = layout(day)
    sheets = []
    for spec in form_specs(day):
        lines = []
        for row in spec["rows"]:
            base = dict(
                key=row["key"],
                label=row["label"],
                level=row["level"],
                source=row["source"],
                confirmed=row["confirmed"],
                note=row.get("pending", "") or row.get("note", ""),
                sum=list(row.get("sum", [])),
            )
            if spec["columns"] == "share":
                lines.extend(_share_lines(now, row, base))
            elif spec["columns"] == "org_types":
                lines.append(_org_type_line(now, row, base))
            elif "count" in row:
                this, last = now.count(row["count"]), before.count(row["count"])
                lines.append(
                    Line(
                        **base,
                        values=[this, last, _pct(this, last)],
                        query=row["count"],
                        previous_query=True,
                    )
                )
            elif "average" in row:
                this, last = now.average_age(row["average"]), before.average_age(row["average"])
                lines.append(Line(**base, values=[this, last, _pct(this, last)]))
            else:
                lines.append(Line(**base, values=[None, None, None]))
        sheets.append(
            Sheet(
                sheet=spec["sheet"],
                title=spec["title"],
                columns=spec["columns"],
                headers=HEADERS[spec["columns"]],
                lines=lines,
                note=spec.get("note", ""),
                title_source=spec.get("title_source", spec["source"]),
            )
        )
    return Forms(
        root=root,
        day=day,
        period=period,
        previous=previous,
        sheets=sheets,
        rule=rule,
        units=_unit_table(now),
    )


def _share_lines(now: Records, row: dict, base: dict) -> list[Line]:
    # The rate is of the whole set the row narrows: the members at the end (4-BTCTW), those
    # admitted in the period (2B-BTCTW).
    total = now.count(row["count"].partition("|")[0])
    by_value, women = _shares(now, row["count"], row["each"])
    head = Line(
        **{**base, "sum": [f"{row['key']}:{v}" for v in by_value]},
        values=[sum(by_value.values()), sum(women.values()), _pct(sum(by_value.values()), total)],
        query=row["count"],
    )
    lines = [head]
    for i, (value, n) in enumerate(sorted(by_value.items(), key=lambda e: (-e[1], e[0])), 1):
        lines.append(
            Line(
                **{
                    **base,
                    "key": f"{row['key']}:{value}",
                    "level": 1,
                    "sum": [],
                    "label": f"{i}. {value}",
                },
                values=[n, women[value], _pct(n, total)],
                query=f"{row['count']}&{row['each']}={value}"
                if "|" in row["count"]
                else f"{row['count']}|{row['each']}={value}",
            )
        )
    return lines


def _shares(now: Records, query: str, each: str) -> tuple[Counter, Counter]:
    """({value of `each`: records}, {value: women among them}) of a row's records."""
    by_value: Counter = Counter()
    women: Counter = Counter()
    name, _, where = query.partition("|")
    conditions = [c.split("=", 1) for c in where.split("&") if c]
    if name in MEMBER_DAY and all(a in PERSON_SQL for a, _v in [*conditions, (each, "")]):
        attrs = (*[a for a, _v in conditions], each, "gender")
        wanted = [set(v.split(",")) for _a, v in conditions]
        for values, n in now.tally(name, attrs).items():
            *narrowing, value, gender = values
            if all(v in w for v, w in zip(narrowing, wanted, strict=True)):
                by_value[value] += n
                women[value] += n if gender == "female" else 0
        return by_value, women
    _kind, items = now.select(query)
    for item in items:
        values = now.attributes(item)
        by_value[values[each]] += 1
        if values["gender"] == "female":
            women[values[each]] += 1
    return by_value, women


def _org_type_line(now: Records, row: dict, base: dict) -> Line:
    if "count" not in row:
        return Line(**base, values=[None] * 6)
    _kind, units = now.select(row["count"])
    figures: Counter = Counter()
    day = now.period.end
    members = now.unit_counts(now.tree.units(now.root.id, day), day)
    for item in units:
        figures.update(now.unit_figures[item.id])
        figures["members"] += members[item.id]["members"]
    values = [
        figures["committees"] + figures["grassroots_cells"],
        figures["committees"],
        figures["grassroots_cells"],
        figures["sub_committees"],
        figures["cells"],
        figures["members"],
    ]
    return Line(**base, values=values, query=row["count"])


# The figures of the superior's report per unit, {key: (set query)}.
UNIT_FIGURES = {
    "women": "end|gender=female",
    "ethnic_minority": "end|ethnic_minority=1",
    "deaths": "exit.death",
    "struck_off": "exit.struck_off",
    "expelled": "exit.expelled",
}


def per_unit(
    root: Organization, period: Period, tree: Tree | None = None
) -> dict[int | None, Counter]:
    """{unit id: {figure: count}} of `UNIT_FIGURES` in `period` for the grassroots units of
    `root` on its last day: the forms' own sets, each record given to the unit of its
    organization; the members at the end counted by the database, unit by unit. The records of
    an organization that is no unit's on that day (a unit dissolved or moved out during the
    period: its deaths are still the committee's) count under None, so the counts add up to the
    forms'."""
    day = period.end
    tree = tree or Tree(root.id)
    records = Records(root, period, tree)
    units = tree.units(root.id, day)
    owner = {o: u.id for u in units for o in tree.below(u.id)}
    at_end = records.unit_counts(units, day)
    out: dict[int | None, Counter] = {u.id: Counter() for u in units}
    out[None] = Counter()
    for unit in units:
        for key in ("women", "ethnic_minority"):
            if at_end[unit.id][key]:
                out[unit.id][key] = at_end[unit.id][key]
    for key, query in UNIT_FIGURES.items():
        if query.startswith("end|"):
            continue
        _kind, items = records.select(query)
        for item in items:
            out[owner.get(dict(item.extra)["org"])][key] += 1
    return out


# The per-unit worksheet: one row per unit (a superior) or per cell (a grassroots committee).
UNIT_COLUMNS = [
    ("members", "Đảng viên"),
    ("members.probationary", "Dự bị"),
    ("women", "Nữ"),
    ("cells", "Chi bộ"),
]


def _unit_table(now: Records) -> list[tuple[str, dict]]:
    day = now.period.end
    tree = now.tree
    units = tree.units(now.root.id, day)
    # Rows per cell of a grassroots committee (each counts itself), or per unit of a superior,
    # whose cells are those below it: a chi bộ cơ sở is a unit, not also a cell (as form 5).
    per_cell = len(units) == 1 and units[0].id == now.root.id
    if per_cell:
        groups = [(c, tree.below(c.id, day)) for c in tree.cells(now.root.id, day)]
    else:
        groups = [(u, tree.below(u.id, day)) for u in units]
    names = orgs_with_names([n.id for n, _ids in groups], day)
    if per_cell:
        counted = grouped_members({node.id: ids for node, ids in groups}, day)
    else:
        counted = now.unit_counts(units, day)
    rows = []
    for node, ids in groups:
        values = Counter({k: counted[node.id][k] for k in ("members", "women", "probationary")})
        values["members.probationary"] = values.pop("probationary")
        values["cells"] = sum(
            1 for i in ids if tree.nodes[i].kind == K.PARTY_CELL and (per_cell or i != node.id)
        )
        rows.append((names[node.id][1], values))
    return [(name, dict(values)) for name, values in rows]


def records_of(
    root: Organization,
    day: dt.date,
    sheet: str,
    key: str,
    previous: bool = False,
    forms: Forms | None = None,
) -> tuple[str, list[int]]:
    """The records behind a number of the forms: ("person" | "org" | "attachment", ids), ids a
    sorted list or, for all the members of a day, the query of their ids. `forms`: those of
    `root` to `day` already computed (or kept), not computed again."""
    forms = forms or compute(root, day)
    line = next((ln for ln in forms.sheet(sheet).lines if ln.key == key), None)
    if line is None or not line.query:
        raise LookupError(key)
    period = forms.previous if previous else forms.period
    records = Records(root, period)
    name, _, where = line.query.partition("|")
    conditions = [c.split("=", 1) for c in where.split("&") if c]
    if name in MEMBER_DAY and all(attr in PERSON_SQL for attr, _v in conditions):
        return SETS[name], records.member_ids(name, conditions)
    kind, items = records.select(line.query)
    return kind, sorted({i.id for i in items})


# The workbook ------------------------------------------------------------------------------


def layout_note(forms: Forms) -> str:
    rule = forms.rule
    text = (
        f"Biểu theo {rule.source}."
        if rule.confirmed
        else "Mẫu biểu chưa đối chiếu với bản gốc của 11-HD/BTCTW: các dòng theo một ứng dụng "
        "công khai; dòng “chưa xác nhận” ghi ở cột Ghi chú."
    )
    if forms.day < rule.effective_from:
        text += (
            f" Năm {forms.day.year} trước khi hướng dẫn có hiệu lực: lập theo mẫu 2021 để so sánh."
        )
    return text


def _header_lines(forms: Forms, issuer: str = "") -> tuple[str, str]:
    """The two header lines top left. A superior committee's forms are made by its organization
    board and signed by its head ("TRƯỞNG BAN"), under the committee ("HUYỆN ỦY …" over "BAN TỔ
    CHỨC", as the forms' templates write it); a grassroots committee's figures go up under its
    superior, with its own name below."""
    root, day = forms.root, forms.day
    committee = issuer or root.name_on(day)
    if root.kind == K.SUPERIOR_COMMITTEE:
        return committee, forms.rule["issuer_line"]
    return (root.parent.name_on(day) if root.parent_id else ""), committee


def xlsx_bytes(forms: Forms, issuer: str = "", maker: str = "", maker_phone: str = "") -> bytes:
    """The forms as a workbook: one sheet per form named by its number, in the forms' layout
    (`_header_lines` top left, the form number top right, the title
    and the period, the header rows with column numbers, the criteria as rows, the signatures
    of the maker and the head), then the per-unit worksheet."""
    wb = Workbook()
    wb.remove(wb.active)
    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    wrap = Alignment(wrap_text=True, vertical="center", horizontal="center")
    bold = Font(bold=True, name="Times New Roman")
    plain = Font(name="Times New Roman")
    italic = Font(italic=True, name="Times New Roman", size=9)
    rule = forms.rule
    root = forms.root
    top, second = _header_lines(forms, issuer)
    for sheet in forms.sheets:
        ws = wb.create_sheet(sheet.sheet)
        width = len(sheet.headers)
        note_col = width + 1
        key_col = width + 2
        last = get_column_letter(note_col)
        ws["A1"] = safe_text(top.upper())
        ws["A2"] = safe_text(second.upper())
        ws["A2"].font = bold
        ws.cell(row=1, column=note_col, value=f"Biểu số {sheet.sheet}").font = bold
        ws.merge_cells(f"A4:{last}4")
        ws["A4"] = f"{sheet.title} NĂM {forms.day.year}"
        ws["A4"].font = Font(bold=True, name="Times New Roman", size=13)
        ws["A4"].alignment = Alignment(horizontal="center", wrap_text=True)
        ws.merge_cells(f"A5:{last}5")
        ws["A5"] = f"Từ ngày {vn_date(forms.period.start)} đến ngày {vn_date(forms.day)}" + (
            f"; cùng kỳ năm trước: {vn_date(forms.previous.start)} – {vn_date(forms.previous.end)}"
            if sheet.columns == "period"
            else ""
        )
        ws["A5"].alignment = Alignment(horizontal="center")
        ws.merge_cells(f"A6:{last}6")
        ws["A6"] = " ".join(
            [layout_note(forms), f"Số và tên biểu: nguồn {sheet.title_source}.", sheet.note]
        ).strip()
        ws["A6"].font = italic
        ws["A6"].alignment = Alignment(wrap_text=True)
        ws.row_dimensions[6].height = 30
        for c, text in enumerate([*sheet.headers, "Ghi chú (nguồn, xác nhận)"], start=1):
            cell = ws.cell(row=8, column=c, value=text)
            cell.font, cell.alignment, cell.border = bold, wrap, box
            number = NUMBERS[sheet.columns][c - 1] if c <= width else ""
            n = ws.cell(row=9, column=c, value=number)
            n.alignment, n.border = Alignment(horizontal="center"), box
            ws.column_dimensions[get_column_letter(c)].width = 60 if c == 1 else 14
        ws.column_dimensions[get_column_letter(note_col)].width = 40
        ws.column_dimensions[get_column_letter(key_col)].hidden = True
        ws.cell(row=9, column=key_col, value="Mã dòng")
        ws.row_dimensions[8].height = 45
        r = 10
        for line in sheet.lines:
            label = ws.cell(row=r, column=1, value=safe_text(line.label))
            font = bold if line.level == 0 else plain
            label.font = font
            label.alignment = Alignment(indent=max(line.level - 1, 0) * 2, wrap_text=True)
            label.border = box
            for c, value in enumerate(line.values, start=2):
                cell = ws.cell(row=r, column=c, value=value)
                cell.border, cell.font = box, font
            marks = []
            if not line.confirmed:
                marks.append("Chưa xác nhận")
            marks.append(f"Nguồn: {line.source}")
            if line.note:
                marks.append(line.note)
            note = ws.cell(row=r, column=note_col, value=safe_text("; ".join(marks)))
            note.font, note.border = italic, box
            ws.cell(row=r, column=key_col, value=safe_text(line.key))
            r += 1
        r += 1
        ws.cell(row=r, column=1, value="Nguồn:").font = italic
        for key in sorted({ln.source for ln in sheet.lines} | {sheet.title_source}):
            r += 1
            ws.cell(row=r, column=1, value=safe_text(f"{key}: {rule['sources'].get(key, key)}"))
            ws.cell(row=r, column=1).font = italic
        r += 2
        head = rule["head"] if root.kind == K.SUPERIOR_COMMITTEE else "BÍ THƯ"
        ws.cell(row=r, column=note_col - 1, value="…, ngày … tháng … năm …").font = plain
        r += 1
        ws.cell(row=r, column=1, value=rule["maker"]).font = bold
        ws.cell(row=r, column=note_col - 1, value=head).font = bold
        r += 1
        ws.cell(row=r, column=1, value=rule["maker_note"]).font = italic
        ws.cell(row=r, column=note_col - 1, value=rule["head_note"]).font = italic
        r += 4
        ws.cell(row=r, column=1, value=safe_text(f"Họ và tên: {maker or '…'}")).font = plain
        ws.cell(row=r + 1, column=1, value=safe_text(f"Điện thoại: {maker_phone or '…'}"))
        ws.freeze_panes = "B10"
        ws.page_setup.orientation = "landscape"
    _unit_sheet(wb, forms, box, bold, plain)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _unit_sheet(wb, forms, box, bold, plain):
    ws = wb.create_sheet(CROSS_SHEET)
    ws["A1"] = safe_text(forms.root.name_on(forms.day))
    ws["A1"].font = bold
    ws["A2"] = (
        f"Bảng làm việc (không phải biểu mẫu): số liệu theo từng đơn vị, có đến ngày "
        f"{vn_date(forms.day)}; tăng, giảm từ {vn_date(forms.period.start)}."
    )
    header = ["STT", "Tổ chức", *[label for _k, label in UNIT_COLUMNS]]
    for c, text in enumerate(header, start=1):
        cell = ws.cell(row=4, column=c, value=text)
        cell.font, cell.border = bold, box
        ws.column_dimensions[get_column_letter(c)].width = 40 if c == 2 else 12
    r = 5
    total: Counter = Counter()
    for i, (name, values) in enumerate(forms.units, start=1):
        row = [i, safe_text(name), *[values.get(k, 0) for k, _l in UNIT_COLUMNS]]
        total.update(values)
        for c, value in enumerate(row, start=1):
            ws.cell(row=r, column=c, value=value).border = box
        r += 1
    ws.cell(row=r, column=2, value="Cộng").font = bold
    for c, (k, _l) in enumerate(UNIT_COLUMNS, start=3):
        ws.cell(row=r, column=c, value=total.get(k, 0)).font = bold
    ws.freeze_panes = "C5"
