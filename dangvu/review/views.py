"""Pages of the year's review: evaluations, and the review page of self-assessments, pledges,
study plans and shortcomings with their forms."""

import datetime as dt
from collections import defaultdict

from django.contrib import messages
from django.shortcuts import render
from django.urls import reverse

from dangvu.lib.rules import rule_in_force
from dangvu.records import (
    ActionFormView,
    Column,
    DatedActionView,
    RecordListView,
    YearFilter,
)
from dangvu.web import (
    latest_year,
    year_param,
)

from . import actions, forms
from .models import (
    DegradationAssessment,
    Evaluation,
    Pledge,
    ReviewSuggestion,
    Shortcoming,
    StudyPlan,
)

# Evaluation ---------------------------------------------------------------------------------------


class EvaluationList(RecordListView):
    """The year's evaluations, with the year's classification rule, its quota warnings and the
    count per band. The year defaults to the latest evaluated."""

    template_name = "review/evaluation_list.html"
    queryset = Evaluation.objects.select_related("subject_person", "subject_org", "org").order_by(
        "subject_person_id", "subject_org__name", "subject_person__sort_name"
    )
    create = ("evaluation_create", "Ghi xếp loại")

    def get_queryset(self):
        qs = super().get_queryset()
        self.year = year_param(self.request, latest_year(qs, "year"))
        self.rule = actions.classification_rule(self.year)
        return qs.filter(year=self.year)

    def get_title(self):
        return f"Đánh giá, xếp loại chất lượng năm {self.year}"

    @property
    def columns(self):
        return [
            Column(lambda e: str(e.subject()), "Đối tượng"),
            Column(lambda e: "Tổ chức" if e.subject_org_id else "Đảng viên", "Loại"),
            Column("score", num=True),
            Column(
                lambda e: actions.band_label(self.rule, e.band, bool(e.subject_org_id)),
                "Xếp loại",
            ),
            Column("evaluated_on", "Ngày"),
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        qs, year, rule = self.object_list, self.year, self.rule
        orgs = {e.org for e in qs}
        notes = [f"Xếp loại năm {year} theo {rule.source}."]
        if not rule.confirmed:
            notes.append(
                "Quy định này chưa được xác nhận: ngưỡng điểm và tỷ lệ là giá trị mặc định."
            )
        elif not rule.get("quota_confirmed"):
            notes.append("Tỷ lệ khống chế mức xuất sắc theo quy định này chưa được xác nhận.")
        counts = defaultdict(int)
        for e in qs:
            counts[(bool(e.subject_org_id), e.band)] += 1
        context.update(
            warnings=[w for o in sorted(orgs, key=str) for w in actions.quota_warnings(o, year)],
            notes=notes,
            summary=[
                (actions.band_label(rule, code, False), counts[(False, code)], counts[(True, code)])
                for code in Evaluation.Band.values
            ],
            filters=[YearFilter("year").widget(self.request, year)],
        )
        return context


evaluation_list = EvaluationList.as_view()


class EvaluationCreate(ActionFormView):
    model = Evaluation
    form_class = forms.EvaluationForm
    action = actions.evaluate
    title = "Ghi đánh giá, xếp loại"
    success_message = "Đã ghi xếp loại."
    back_url_name = "evaluation_list"

    def get_success_message(self, result):
        # The quota warnings of the year come with the message.
        _evaluation, warnings = result
        for w in warnings:
            messages.warning(self.request, w)
        return self.success_message

    def get_success_url(self, result=None):
        return reverse("evaluation_list") + f"?nam={self.cleaned_data['year']}"


evaluation_create = EvaluationCreate.as_view()


# Self-assessment, pledges, study plans, shortcomings ----------------------------------------------


def review_page(request):
    """Section III of the year: degradation self-assessment, pledges, study plans, shortcomings."""
    scope = request.scope
    latest = latest_year(scope.visible(DegradationAssessment.objects.all()), "year")
    year = year_param(request, latest)
    rule = rule_in_force("degradation", dt.date(year, 12, 31))
    signs = rule["signs"]
    assessments = scope.visible(
        DegradationAssessment.objects.filter(year=year).select_related(
            "subject_person", "subject_org"
        ),
    )
    collective = [
        (a, [(c, signs.get(c, c)) for c in a.signs]) for a in assessments if a.subject_org
    ]
    individuals = [a for a in assessments if a.subject_person_id]
    found = [a for a in individuals if a.signs]
    distinct = sorted({c for a in found for c in a.signs})
    pledges = scope.visible(Pledge.objects.filter(year=year))
    plans = scope.visible(
        StudyPlan.objects.filter(year=year).select_related("subject_org"),
    )
    shortcomings = scope.visible(
        Shortcoming.objects.filter(review_year__in=[year - 1, year]).select_related("org"),
    )
    suggestions = scope.visible(
        ReviewSuggestion.objects.filter(year=year).select_related("subject_person", "subject_org")
    ).order_by("managed_by", "suggested_on", "id")
    can_write = scope.can_write_any
    return render(
        request,
        "review/review.html",
        {
            "year": year,
            "rule": rule,
            "collective": collective,
            "individuals": individuals,
            "found": [(a, [(c, signs.get(c, c)) for c in a.signs]) for a in found],
            "distinct": [(c, signs.get(c, c)) for c in distinct],
            "pledges": pledges.count(),
            "collective_plans": [p for p in plans if p.subject_org_id],
            "individual_plans": sum(1 for p in plans if p.subject_person_id),
            "suggestions": suggestions,
            "shortcomings": [
                (s, scope.can_write_org(s.org) and s.remedied_on is None) for s in shortcomings
            ],
            "can_write": can_write,
        },
    )


class ReviewCreate(ActionFormView):
    """A record of section III (self-assessment, pledge, study plan, shortcoming); back to the
    review page of its year."""

    success_message = "Đã ghi nhận."
    back_url_name = "review_page"

    def get_success_url(self, result=None):
        year = self.cleaned_data.get("year") or self.cleaned_data.get("review_year")
        return reverse("review_page") + f"?nam={year}"


class DegradationCreate(ReviewCreate):
    model = DegradationAssessment
    form_class = forms.DegradationForm
    action = actions.assess_degradation
    title = "Ghi tự đánh giá, nhận diện suy thoái"

    def get_form_kwargs(self):
        rule = rule_in_force("degradation", dt.date.today())
        signs = [(code, f"{code}. {label}") for code, label in rule["signs"].items()]
        return {**super().get_form_kwargs(), "signs": signs}


degradation_create = DegradationCreate.as_view()
pledge_create = ReviewCreate.as_view(
    model=Pledge,
    form_class=forms.PartyRecordForm,
    action=actions.sign_pledge,
    title="Ghi bản cam kết",
)
study_plan_create = ReviewCreate.as_view(
    model=StudyPlan,
    form_class=forms.PartyRecordForm,
    action=actions.register_study_plan,
    title="Ghi kế hoạch học tập và làm theo Bác",
)
review_suggestion_create = ReviewCreate.as_view(
    model=ReviewSuggestion,
    form_class=forms.PartyRecordForm,
    action=actions.suggest_review,
    title="Ghi gợi ý kiểm điểm",
)
shortcoming_create = ReviewCreate.as_view(
    model=Shortcoming,
    form_class=forms.ShortcomingForm,
    action=actions.record_shortcoming,
    title="Ghi hạn chế, khuyết điểm",
)


class ShortcomingRemedy(DatedActionView):
    action = actions.remedy_shortcoming
    record, record_kwarg = Shortcoming, "shortcoming_id"
    success_message = "Đã ghi khắc phục."
    back_url_name = "review_page"

    def get_title(self):
        s = self.object
        return f"Khắc phục khuyết điểm số {s.number} ({s.review_year})"

    def get_intro(self):
        return self.object.text

    def get_success_url(self, result=None):
        return reverse("review_page") + f"?nam={self.object.review_year + 1}"


shortcoming_remedy = ShortcomingRemedy.as_view()
