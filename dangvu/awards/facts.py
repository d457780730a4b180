"""Figures of commendations for reports: the Party organizations and the members commended in the
period (by the day of the decision), in all and by form; cancelled commendations are not counted.

An organization counts when it is in the reporting organization's subtree in the period; a member
when their Party membership was in that subtree on the day of the decision, whoever keeps the
decision (a committee's decision commending a cell's member counts in the cell's report too).

`commendations.given.<form>.orgs|members` count the organizations and members commended by a
committee of the subtree (the awarding body on record), whoever they are: the units' own awards
that a superior's report sums.

`commendations.summary` says it as reports do ("Huyện ủy X tặng bằng khen cho 01 tổ chức đảng;
Đảng ủy xã Y tặng giấy khen cho 02 tổ chức đảng và 05 đảng viên": who awards which form to how
many collectives and members), and `commendations.decisions` names the decisions behind it for a
footnote (bench/devset/commendations.md)."""

from collections import defaultdict

from django.db.models import Exists, OuterRef, Q

from dangvu.core.facts import Figure, provider
from dangvu.core.ids import any_of
from dangvu.lib.dates import vn_date
from dangvu.lib.text import count
from dangvu.orgs.kinds import executive_name
from dangvu.orgs.tree import subtree_ids_during
from dangvu.people.models import Membership
from dangvu.work.common import figure

from .models import Commendation

F = Commendation.Kind


@provider
def commendation_facts(org, period):
    ids = subtree_ids_during([org.id], period.start, period.end)
    in_orgs, of_members = commended_in(ids, period)
    orgs = list(in_orgs.values_list("id", "recipient_org_id", "kind"))
    members = list(of_members.values_list("id", "person_id", "kind"))
    facts = {}
    facts.update(_figures("commendations.orgs", "Tổ chức đảng được khen thưởng", orgs, False))
    facts.update(_figures("commendations.members", "Đảng viên được khen thưởng", members, True))
    facts.update(_given(ids, period))
    found = (
        (in_orgs | of_members)
        .select_related("awarder")
        .prefetch_related("awarder__names")
        .order_by("decided_on", "id")
    )
    facts.update(summary_of("commendations.", org.name_on(period.end), org.id, list(found)))
    return facts


def counted_in(period):
    """The commendations decided in the period and not cancelled."""
    return Commendation.objects.filter(
        decided_on__range=(period.start, period.end), cancelled_on__isnull=True
    )


def commended_in(ids, period):
    """(of organizations, of members): the commendations counted in the period whose recipient is
    one of the organizations `ids`, or a member whose Party membership was in one of them on the
    day of the decision."""
    counted = counted_in(period)
    member_there = Membership.objects.filter(
        Q(valid_to__isnull=True) | Q(valid_to__gt=OuterRef("decided_on")),
        person_id=OuterRef("person_id"),
        kind=Membership.Kind.PARTY,
        org_id__in=any_of(ids),
        valid_from__lte=OuterRef("decided_on"),
    )
    return counted.filter(recipient_org_id__in=any_of(ids)), counted.filter(Exists(member_there))


# The commendations an organization's committees awarded, by form: {kind: (orgs, members)}.
GIVEN = "commendations.given.{}.{}"
GIVEN_LABELS = {"orgs": "tổ chức đảng được khen", "members": "đảng viên được khen"}


def given_labels():
    """{fact name: label} of the commendations awarded by the organization's committees."""
    return {
        GIVEN.format(kind, who): f"{kind_label} của cấp ủy trong đảng bộ: {words}"
        for kind, kind_label in F.choices
        for who, words in GIVEN_LABELS.items()
    }


def _given(ids, period):
    """The organizations and members commended by a committee of the subtree (the awarding body
    on record is one of `ids`), by form: what a superior's report sums of its units' own awards
    (`superior.consolidate`)."""
    rows = counted_in(period).filter(awarder_id__in=any_of(ids)).order_by()
    found = list(rows.values_list("id", "kind", "recipient_org_id", "person_id"))
    labels = given_labels()
    facts = {}
    for kind in F.values:
        for who in GIVEN_LABELS:
            name = GIVEN.format(kind, who)
            mine = [r for r in found if r[1] == kind and r[3 if who == "members" else 2]]
            recipients = {r[3 if who == "members" else 2] for r in mine}
            people = recipients if who == "members" else ()
            facts[name] = figure(
                len(recipients), labels[name], Commendation, {r[0] for r in mine}, people
            )
    return facts


def _figures(name, label, rows, people):
    """The number of recipients (an organization or a member commended twice is one), in all
    and by form, with the commendations behind."""
    facts = {}
    groups = [(name, label, rows)] + [
        (f"{name}.{kind}", f"{label} — {kind_label.lower()}", [r for r in rows if r[2] == kind])
        for kind, kind_label in F.choices
    ]
    for key, text, found in groups:
        recipients = {r for _c, r, _f in found}
        facts[key] = figure(
            len(recipients),
            text,
            Commendation,
            {c for c, _r, _f in found},
            recipients if people else (),
        )
    return facts


def summary_of(prefix, name, org_id, found):
    """`<prefix>summary`: who awarded which form to whom in the commendations `found`, one
    clause per awarding body and form in the order of their first decision; the reporting
    organization itself (`name`, `org_id`) is named ("cho Chi bộ X và 02 đảng viên"), the others
    counted. `<prefix>decisions`: the decisions behind, for a footnote."""
    groups = defaultdict(list)
    for c in found:
        groups[(_awarder(c), c.kind)].append(c)
    clauses = [
        f"{awarder} tặng {F(kind).label.lower()} cho {_recipients(name, org_id, rows)}"
        for (awarder, kind), rows in groups.items()
    ]
    ids = frozenset(c.id for c in found)
    records = {Commendation._meta.label_lower: ids}
    people = frozenset(c.person_id for c in found if c.person_id)
    return {
        f"{prefix}summary": Figure(
            "; ".join(clauses),
            people=people,
            label="Khen thưởng tổ chức đảng, đảng viên: cấp khen, hình thức, số được khen",
            records=records,
        ),
        f"{prefix}decisions": Figure(
            decisions_of(found),
            people=people,
            label="Quyết định khen thưởng tổ chức đảng, đảng viên",
            records=records,
        ),
    }


def _awarder(c):
    """The awarding body as a report names it: a body on record by its executive on the day of
    the decision ("Đảng bộ huyện X" gives "Huyện ủy X"), else as the office wrote it."""
    if c.awarder_id:
        return executive_name(c.awarder.name_on(c.decided_on))
    return c.awarder_name


def _recipients(name, org_id, rows):
    """ "Chi bộ X, 02 tổ chức đảng và 05 đảng viên": each recipient once."""
    named = [name] if any(c.recipient_org_id == org_id for c in rows) else []
    others = {
        c.recipient_org_id for c in rows if c.recipient_org_id and c.recipient_org_id != org_id
    }
    members = {c.person_id for c in rows if c.person_id}
    parts = named + [
        f"{count(n)} {word}"
        for n, word in ((len(others), "tổ chức đảng"), (len(members), "đảng viên"))
        if n
    ]
    return " và ".join(parts) if len(parts) < 3 else f"{parts[0]}, {parts[1]} và {parts[2]}"


def decisions_of(found):
    """ "Quyết định số 01-QĐ/ĐU, 02-QĐ/ĐU ngày 02/3/2017 của Đảng ủy X": the decisions (each once)
    grouped by day and awarding body, in order."""
    groups = defaultdict(list)
    for c in found:
        key = (c.decided_on, _awarder(c))
        if c.decision not in groups[key]:
            groups[key].append(c.decision)
    texts = [
        f"Quyết định số {', '.join(numbers)} ngày {vn_date(day)} của {awarder}"
        for (day, awarder), numbers in groups.items()
    ]
    return "; ".join(texts) + "." if texts else ""
