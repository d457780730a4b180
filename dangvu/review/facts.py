"""Figures of the year's review: classifications, degradation, pledges, study plans, shortcomings."""

from django.db.models import Q

from dangvu.core.facts import Figure, provider
from dangvu.lib.narrative import render_value
from dangvu.orgs.tree import subtree_ids_during
from dangvu.people.models import Membership
from dangvu.work.common import figure, is_member, party_spans

from .actions import classification_rule
from .models import DegradationAssessment, Evaluation, Pledge, Shortcoming, StudyPlan


@provider
def review_facts(org, period):
    ids = subtree_ids_during([org.id], period.start, period.end)
    years = (period.start.year, period.end.year)
    spans = _review_spans(ids, years)
    facts = {}
    facts.update(_evaluations(ids, years))
    facts.update(_degradation(ids, years, spans))
    facts.update(_pledges(ids, period, years, spans))
    facts.update(_study_plans(ids, years, spans))
    facts.update(_shortcomings(org, period))
    return facts


def _review_spans(ids, years):
    """{person id: [(from, to)]} of the party memberships of everyone named by the subtree's
    self-assessments, pledges and study plans of the years: one query."""
    of_year = {"org_id__in": ids, "year__range": years}
    named = (
        Q(person_id__in=Pledge.objects.filter(**of_year).values("person_id"))
        | Q(person_id__in=StudyPlan.objects.filter(**of_year).values("subject_person_id"))
        | Q(
            person_id__in=DegradationAssessment.objects.filter(**of_year).values(
                "subject_person_id"
            )
        )
    )
    return party_spans(named)


# Evaluation, self-assessment ------------------------------------------------------------------


def _evaluations(ids, years):
    # An organization is classified by its committee: one that did not exist in the period
    # (dissolved before it began) is not among the period's classifications.
    rows = Evaluation.objects.filter(
        Q(subject_org__isnull=True) | Q(subject_org_id__in=ids), org_id__in=ids, year__range=years
    ).values_list("id", "band", "subject_person_id", "subject_org_id")
    rule = classification_rule(years[1])
    facts = {}
    for band, _label in Evaluation.Band.choices:
        members = [(e, p) for e, b, p, _o in rows if b == band and p]
        orgs = [(e, o) for e, b, _p, o in rows if b == band and o]
        label = next(b for b in rule["bands"] if b["code"] == band)
        facts[f"evaluations.members.{band}"] = figure(
            len(members),
            f"Đảng viên xếp loại {label['short']}",
            Evaluation,
            {e for e, _p in members},
            {p for _e, p in members},
        )
        facts[f"evaluations.orgs.{band}"] = Figure(
            len(orgs),
            orgs=frozenset(o for _e, o in orgs),
            label=f"Tổ chức xếp loại {label.get('org_short', label['short'])}",
            records={Evaluation._meta.label_lower: frozenset(e for e, _o in orgs)},
        )
    facts.update(_evaluation_wording(facts, rule))
    return facts


def _evaluation_wording(facts, rule):
    """ "Hoàn thành xuất sắc nhiệm vụ: 02; Hoàn thành tốt nhiệm vụ: 10 …" for members and for
    organizations, in the words of the rule of the year (27-HD/BTCTW rates organizations "Trong
    sạch, vững mạnh" … "Yếu kém", the later rules in the members' four levels), and the rule's
    name; empty when nobody was rated, so a report's sentences about ratings drop out."""
    out, rated_any = {}, False
    for who, for_org, title in (
        ("members", False, "Kết quả xếp loại đảng viên"),
        ("orgs", True, "Kết quả xếp loại tổ chức đảng"),
    ):
        figures = [(band, facts[f"evaluations.{who}.{band['code']}"]) for band in rule["bands"]]
        rated = [(band, fig) for band, fig in figures if fig.value]
        rated_any = rated_any or bool(rated)
        out[f"evaluations.{who}.summary"] = Figure(
            "; ".join(
                f"{band['org_label' if for_org else 'label']}: {render_value(fig.value)}"
                for band, fig in rated
            ),
            people=frozenset().union(*(fig.people for _b, fig in rated)),
            orgs=frozenset().union(*(fig.orgs for _b, fig in rated)),
            label=title,
            records={
                Evaluation._meta.label_lower: frozenset().union(
                    *(fig.records.get(Evaluation._meta.label_lower, ()) for _b, fig in rated)
                )
            },
        )
    out["evaluations.rule"] = Figure(
        rule.source if rated_any else "", label="Căn cứ đánh giá, xếp loại"
    )
    return out


def _split_people(rows, spans):
    """rows: (record id, person id, day) -> members and others (union members) on that day."""
    members, others = {}, {}
    for r_id, pid, day in rows:
        (members if is_member(spans, pid, day) else others)[pid] = r_id
    return members, others


def _degradation(ids, years, spans):
    rows = list(
        DegradationAssessment.objects.filter(org_id__in=ids, year__range=years).values_list(
            "id",
            "subject_person_id",
            "subject_org__slug",
            "signs",
            "assessed_on",
            "subject_org__name",
        )
    )
    facts = {}
    people_rows = [(a, p, day) for a, p, _s, signs, day, _n in rows if p and signs]
    members, others = _split_people(people_rows, spans)
    signs_of = {a: signs for a, _p, _s, signs, _d, _n in rows}
    individual_signs = {s for a in [*members.values(), *others.values()] for s in signs_of[a]}
    facts["degradation.members"] = figure(
        len(members),
        "Đảng viên có biểu hiện suy thoái",
        DegradationAssessment,
        members.values(),
        members,
    )
    facts["degradation.union_members"] = figure(
        len(others),
        "Đoàn viên (không là đảng viên) có biểu hiện suy thoái",
        DegradationAssessment,
        others.values(),
        others,
    )
    facts["degradation.individual_signs"] = figure(
        len(individual_signs),
        "Số biểu hiện suy thoái của cá nhân",
        DegradationAssessment,
        [*members.values(), *others.values()],
    )
    assessed = [a for a, p, _s, _signs, _d, _n in rows if p]
    facts["degradation.assessed"] = figure(
        len(assessed),
        "Cá nhân đã tự đánh giá, nhận diện suy thoái",
        DegradationAssessment,
        assessed,
    )
    for a, _p, slug, signs, _d, name in rows:
        if slug:
            facts[f"degradation.collective.{slug}"] = figure(
                len(signs),
                f"Biểu hiện suy thoái của tập thể cấp ủy {name}",
                DegradationAssessment,
                [a],
            )
    return facts


def _pledges(ids, period, years, spans):
    rows = list(
        Pledge.objects.filter(org_id__in=ids, year__range=years).values_list(
            "id", "person_id", "signed_on"
        )
    )
    current = set(
        Membership.objects.filter(
            kind=Membership.Kind.PARTY, org_id__in=ids, valid_from__lte=period.end
        )
        .exclude(valid_to__lte=period.end)
        .values_list("person_id", flat=True)
    )
    members, others = _split_people(rows, spans)
    signed = {p for _i, p, _d in rows}
    missing = current - signed
    return {
        "pledges.members": figure(
            len(members), "Đảng viên ký bản cam kết", Pledge, members.values(), members
        ),
        "pledges.union_members": figure(
            len(others), "Đoàn viên ký bản cam kết", Pledge, others.values(), others
        ),
        "pledges.members_missing": figure(
            len(missing), "Đảng viên (cuối kỳ) chưa ký bản cam kết trong năm", people=missing
        ),
    }


def _study_plans(ids, years, spans):
    rows = list(
        StudyPlan.objects.filter(org_id__in=ids, year__range=years).values_list(
            "id", "subject_person_id", "subject_org_id", "registered_on"
        )
    )
    person_rows = [(i, p, d) for i, p, _o, d in rows if p]
    collectives = [i for i, p, _o, _d in rows if not p]
    members, others = _split_people(person_rows, spans)
    label = "kế hoạch học tập và làm theo Bác"
    return {
        "study_plans.collectives": figure(
            len(collectives), f"Tập thể xây dựng {label}", StudyPlan, collectives
        ),
        "study_plans.individuals": figure(
            len(person_rows),
            f"Cá nhân xây dựng {label}",
            StudyPlan,
            [i for i, _p, _d in person_rows],
            [p for _i, p, _d in person_rows],
        ),
        "study_plans.members": figure(
            len(members), f"Đảng viên xây dựng {label}", StudyPlan, members.values(), members
        ),
        "study_plans.union_members": figure(
            len(others),
            f"Đoàn viên (không là đảng viên) xây dựng {label}",
            StudyPlan,
            others.values(),
            others,
        ),
    }


def _shortcomings(org, period):
    """The collective's own shortcomings from the previous year's review, as of the period end."""
    rows = Shortcoming.objects.filter(org=org, review_year=period.start.year - 1).values_list(
        "id", "remedied_on"
    )
    found = {i for i, _d in rows}
    remedied = {i for i, d in rows if d is not None and d <= period.end}
    return {
        "shortcomings.found": figure(
            len(found), "Hạn chế, khuyết điểm qua kiểm điểm năm trước", Shortcoming, found
        ),
        "shortcomings.remedied": figure(
            len(remedied), "Hạn chế, khuyết điểm đã khắc phục", Shortcoming, remedied
        ),
        "shortcomings.in_progress": figure(
            len(found - remedied),
            "Hạn chế, khuyết điểm đang khắc phục",
            Shortcoming,
            found - remedied,
        ),
    }
