"""`python manage.py stats --org SLUG --date YYYY-MM-DD [--json] [--user NAME]`: section I figures."""

import datetime as dt

from dangvu.accounts.commands import DangvuCommand
from dangvu.core.facts import Period
from dangvu.lib.dates import vn_date
from dangvu.orgs import kinds
from dangvu.orgs.facts import type_facts
from dangvu.people.stats import section_one, values

# Figures counted from an agency's staff records, which only an agency's committee keeps.
AGENCY_FIGURES = ("agency.", "staff.", "education.", "political_theory.")


def profile_figures(org, day):
    """The figures of section I the organization's type records (employees, revenue, strength),
    as of `day`; a figure of a period (revenue) is the one recorded for the year up to `day`."""
    kind = kinds.kind_on(org, day)
    facts = type_facts(org, Period(dt.date(day.year, 1, 1), day))
    figures = {}
    for item in kind.profile:
        figure = facts[f"profile.{item.code}"]
        figure.label = f"{item.label} ({item.unit})"
        figures[f"profile.{item.code}"] = figure
    return figures


class Command(DangvuCommand):
    help = "In số liệu đặc điểm, tình hình (mục I báo cáo) của một tổ chức vào một ngày."

    def add_arguments(self, parser):
        self.add_org_argument(parser)
        self.add_date_argument(parser, help="ngày, dạng YYYY-MM-DD hoặc dd/mm/yyyy")
        self.add_json_argument(parser)
        self.add_user_argument(parser)

    def handle(self, *args, org, date, json=False, user=None, **options):
        day = self.day(date)
        organization = self.organization(org, self.scope(user))
        figures = section_one(organization, day) | profile_figures(organization, day)
        if json:
            self.write_json({"org": org, "date": day.isoformat(), "facts": values(figures)})
            return
        # An enterprise, a school, a police unit keeps no agency staff: its zeros say nothing.
        agency = not kinds.kind_on(organization, day).templates
        self.stdout.write(f"{organization.name_on(day)} — ngày {vn_date(day)}")
        for name, fig in figures.items():
            if agency or fig.value or not name.startswith(AGENCY_FIGURES):
                value = "" if fig.value is None else fig.value
                self.stdout.write(f"  {fig.label:45s} {value!s:>10}   {name}")
