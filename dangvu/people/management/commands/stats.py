"""`python manage.py stats --org SLUG --date YYYY-MM-DD [--json] [--user NAME]`: section I figures."""

from dangvu.accounts.commands import DangvuCommand
from dangvu.lib.dates import vn_date
from dangvu.people.stats import as_its_kind_counts, profile_figures, section_one, values


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
        figures = section_one(organization, day)
        if json:
            # Scripts read the same names for every kind: all of them, unrecorded ones as null.
            every = figures | profile_figures(organization, day)
            self.write_json({"org": org, "date": day.isoformat(), "facts": values(every)})
            return
        self.stdout.write(f"{organization.name_on(day)} — ngày {vn_date(day)}")
        for name, fig in as_its_kind_counts(organization, day, figures).items():
            self.stdout.write(f"  {fig.label:45s} {fig.value!s:>10}   {name}")
