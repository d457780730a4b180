"""The charts of the statistics page, drawn from section I's figures (`people.stats.section_one`).

Education and political theory are section I's own figures (the staff's highest level), charted
as they are. Age and sex
are not section I figures: they break down the people that section I counts as party members
(`party.members`), by the age groups of the statistical forms (`superior.statforms`).
"""

from django.db.models import Count

from dangvu.lib.charts import bar_chart
from dangvu.people.models import Person
from dangvu.people.stats import LABELS
from dangvu.superior.statforms import AGE_GROUPS, _age


def _figure_rows(figures, prefix):
    """[(label, value)] of the figures named `prefix.*`, labels without their "Xxx: " heading."""
    return [
        (LABELS[name].split(": ", 1)[-1], fig.value)
        for name, fig in figures.items()
        if name.startswith(prefix + ".")
    ]


def age_and_sex(member_ids, day):
    """({age group label: count}, {sex label: count}) of the party members counted on `day`:
    `member_ids` ids or a query of them, counted by birth date and sex in the database (a row per
    distinct birth date, not per member)."""
    ages = {label: 0 for _key, label, _lo, _hi in AGE_GROUPS}
    sexes = {label: 0 for _code, label in Person.Gender.choices}
    unknown = next(label for _key, label, lo, _hi in AGE_GROUPS if lo is None)
    rows = (
        Person.objects.filter(id__in=member_ids)
        .values("birth_date", "gender")
        .annotate(n=Count("id"))
        .order_by()
        .values_list("birth_date", "gender", "n")
    )
    for birth, gender, n in rows:
        group = unknown
        if birth is not None:
            age = _age(birth, day)
            group = next(
                label for _k, label, lo, hi in AGE_GROUPS if lo is not None and lo <= age <= hi
            )
        ages[group] += n
        label = Person.Gender(gender).label if gender in Person.Gender.values else "Chưa rõ"
        sexes[label] = sexes.get(label, 0) + n
    # An empty "unknown" group says nothing; a non-empty one must be shown.
    if not ages[unknown]:
        del ages[unknown]
    return ages, sexes


def stats_charts(figures, day, members=None, ages_and_sexes=None):
    """[(key, Chart)] for the statistics page; `members`, the query of the party members, when
    the figures carry no ids (`section_one(..., records=False)`); `ages_and_sexes`, the counts of
    `age_and_sex` when they were kept (`superior.kept`)."""
    if ages_and_sexes is None:
        members = figures["party.members"].people if members is None else members
        ages_and_sexes = age_and_sex(members, day)
    ages, sexes = ages_and_sexes
    charts = [
        (
            "members-by-age",
            bar_chart(
                "Đảng viên theo độ tuổi",
                list(ages.items()),
                value_label="Số đảng viên",
                category_label="Độ tuổi",
            ),
        ),
        (
            "members-by-sex",
            bar_chart(
                "Đảng viên theo giới tính",
                list(sexes.items()),
                value_label="Số đảng viên",
                category_label="Giới tính",
            ),
        ),
    ]
    # The staff's qualifications, where the type counts an agency's staff (`agency_figures`).
    for key, prefix, title in (
        ("education", "education", "Trình độ chuyên môn của cán bộ, công chức, viên chức"),
        (
            "political-theory",
            "political_theory",
            "Trình độ lý luận chính trị của cán bộ, công chức, viên chức",
        ),
    ):
        rows = _figure_rows(figures, prefix)
        if rows:
            chart = bar_chart(title, rows, value_label="Số người", category_label="Trình độ")
            charts.append((key, chart))
    return charts
